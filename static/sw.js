// Article Annotator's service worker: keeps this version of the app (its page and files) so it
// opens with no network after the first visit. It never fetches anything but the app's own
// files, and never sees an article: articles live in the page's IndexedDB.
//
// tools/sw.mjs (a post_build hook) fills in VERSION (a hash of the built files) and FILES (every
// file of the build). A new build is a new worker: it caches its files, then waits; the page
// offers "Update" and, once the user's work is saved, asks it to take over (message
// "take-over"), and reloads. Until then every page load is served this version's files, so a
// deploy never switches versions under unsaved work.
const VERSION = '__SW_VERSION__';
const FILES = __SW_FILES__;
const PREFIX = 'article-annotator-';
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(['./', ...FILES])));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'take-over') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      // Any page of the app is its one page, this version's.
      const key = request.mode === 'navigate' ? './' : request;
      const hit = await cache.match(key, { ignoreSearch: request.mode === 'navigate' });
      return hit || fetch(request);
    }),
  );
});
