// Offline: after one visit the service worker has the app, so it opens with no network; a new
// version deployed meanwhile is offered ("Update") and never switches in by itself.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  test,
  expect,
  annotateWithKey,
  annotationItems,
  article,
  libraryItem,
  openLibrary,
  saveState,
  statusBox,
} from './helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TEXT =
  'The harbour board met on Monday. “The pier will reopen in spring,” said Ana Ruiz, its chair.\n\n' +
  'Fishermen said the repairs came too late for the winter season.';

/** Waits until the service worker controls the page (it has cached the app by then). */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null, {
    timeout: 30_000,
  });
}

async function annotateArticle(page, title) {
  await page.getByRole('textbox', { name: 'Title' }).fill(title);
  await page.getByRole('textbox', { name: 'Article text' }).fill(TEXT);
  await page.getByRole('button', { name: 'Annotate' }).click();
  await expect(article(page)).toBeVisible();
  await annotateWithKey(page, 'Ana Ruiz', '2');
  await expect(saveState(page)).toHaveText('Saved');
}

test('after one visit the app opens with no network: the article and the library are there, and an edit saves', async ({
  page,
  context,
}) => {
  await page.goto('/');
  await controlled(page);
  await annotateArticle(page, 'Offline pier');

  await context.setOffline(true);
  try {
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    await page.reload();
    await expect(article(page)).toBeVisible();
    await expect(article(page)).toContainText('The pier will reopen in spring');
    await expect(annotationItems(page)).toHaveCount(1);
    await openLibrary(page);
    await expect(libraryItem(page, 'Offline pier')).toBeVisible();
    await page.keyboard.press('Escape');
    // An edit saves with no network: storage is the browser's own.
    await annotateWithKey(page, 'Fishermen', '2');
    await expect(saveState(page)).toHaveText('Saved');
    await page.reload();
    await expect(annotationItems(page)).toHaveCount(2);
    // Suggest's worker (never started online in this test) comes from the cache too.
    await page.keyboard.press('g');
    await expect(statusBox(page)).toContainText(/\d+ suggestions: |No new suggestions\./);
  } finally {
    await context.setOffline(false);
  }
});

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Serves a copy of dist/ (so a test can deploy a "new version" into it) on its own port. */
async function serveCopy() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'annotator-deploy-'));
  cpSync(path.join(root, 'dist'), dir, { recursive: true });
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'e2e', 'serve.mjs')], {
    env: { ...process.env, PORT: String(port), DIST: dir },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i += 1) {
    const up = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    /** A new build: another page (marked) and so another worker. */
    deploy() {
      const index = path.join(dir, 'index.html');
      writeFileSync(index, readFileSync(index, 'utf8').replace('<title>', '<meta name="e2e-build" content="2" /><title>'));
      const sw = path.join(dir, 'sw.js');
      writeFileSync(sw, readFileSync(sw, 'utf8').replace(/const VERSION = '([0-9a-f]+)'/, "const VERSION = '$1-2'"));
    },
    stop() {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

test('a new version is offered with "Update", never switched in by itself, and takes over with the work kept', async ({
  page,
}) => {
  const server = await serveCopy();
  try {
    await page.goto(server.url);
    await controlled(page);
    await annotateArticle(page, 'Deploy pier');
    const build2 = page.locator('meta[name="e2e-build"]');
    await expect(build2).toHaveCount(0);

    server.deploy();
    // The browser looks for a new worker at every load (and the app when the page comes back).
    await page.reload();
    const banner = page.getByRole('region', { name: 'New version' });
    await expect(banner).toContainText('A new version of Article Annotator is ready.');
    // Loading the page again still gives the version in use: nothing switches by itself.
    await page.reload();
    await expect(article(page)).toBeVisible();
    await expect(build2).toHaveCount(0);
    await expect(banner).toBeVisible();

    // Work on, then Update: the new version takes over once the work is saved.
    await annotateWithKey(page, 'Fishermen', '2');
    await Promise.all([
      page.waitForEvent('load', { timeout: 30_000 }),
      banner.getByRole('button', { name: 'Update' }).click(),
    ]);
    await expect(build2).toHaveCount(1);
    await expect(article(page)).toBeVisible();
    await expect(annotationItems(page)).toHaveCount(2);
    await expect(page.getByRole('region', { name: 'New version' })).toHaveCount(0);
  } finally {
    server.stop();
  }
});

test('the web app manifest names the app and its icon, and the policy allows only this origin\'s worker', async ({
  page,
  request,
}) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = await (await request.get(href)).json();
  expect(manifest.name).toBe('Article Annotator');
  expect(manifest.display).toBe('standalone');
  expect((await request.get(manifest.icons[0].src)).ok()).toBe(true);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("worker-src 'self'");
  expect(policy).toContain("manifest-src 'self'");
});
