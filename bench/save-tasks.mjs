// What one edit costs the page while autosave writes a large article: imports a file, waits for
// it to be built and stored, labels one word (key 1), and prints every task over 50 ms (the Long
// Tasks API) and the keys' Event Timing durations for the next 2.5 s, relative to the key.
// A measurement, not a test: it prints figures.
//
//   source scripts/env.sh && trunk build --release --offline
//   node bench/generate.mjs ...   # or a file the full run generated in bench/data/
//   node bench/save-tasks.mjs bench/data/article-1000000w-99000a.json
//   BENCH_DIST=/other/dist BENCH_EDITS=5 node bench/save-tasks.mjs FILE
//
// BENCH_EDITS labels that many words, 400 ms apart (each starts a save 300 ms later).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openWithFile } from './probe.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const DIST = process.env.BENCH_DIST || path.join(here, '..', 'dist');
const PORT = Number(process.env.BENCH_PORT || 4182);
const EDITS = Number(process.env.BENCH_EDITS || 1);
const FILE = process.argv[2];
if (!FILE) {
  console.error('usage: node bench/save-tasks.mjs FILE');
  process.exit(2);
}

const { page, close } = await openWithFile(FILE, { dist: DIST, port: PORT });
try {
  await page.waitForTimeout(3000); // the import's own storing
  await page.evaluate(() => {
    window.__lt = [];
    window.__ev = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__lt.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask' });
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) if (e.name === 'keydown') window.__ev.push([e.startTime, e.duration]);
    }).observe({ type: 'event', durationThreshold: 16 });
  });
  const t0 = await page.evaluate(() => performance.now());
  for (let i = 0; i < EDITS; i += 1) {
    // a whole word of the (3 + 2i)th paragraph, selected as a drag would
    await page.evaluate((i) => {
      const body = document.querySelector('section[aria-label="Article"] .article-body');
      const ps = body.querySelectorAll('p[data-o]');
      const walker = document.createTreeWalker(ps[(3 + 2 * i) % ps.length], NodeFilter.SHOW_TEXT);
      let node = walker.nextNode();
      while (node && !/[A-Za-z]{4}/.test(node.data)) node = walker.nextNode();
      const m = /[A-Za-z]{4,}/.exec(node.data);
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      body.focus();
      getSelection().removeAllRanges();
      getSelection().addRange(range);
    }, i);
    await page.waitForTimeout(50);
    await page.keyboard.press('1');
    await page.waitForTimeout(400);
  }
  await page.waitForTimeout(2500);
  const { lt, ev } = await page.evaluate(() => ({ lt: window.__lt, ev: window.__ev }));
  const rows = [
    ...ev.map(([s, d]) => [s - t0, `key: ${d} ms to the next paint (Event Timing, 8 ms steps)`]),
    ...lt.map(([s, d]) => [s - t0, `task over 50 ms: ${d.toFixed(0)} ms`]),
  ].sort((a, b) => a[0] - b[0]);
  console.log(`${path.basename(FILE)}, ${EDITS} label(s), dist ${DIST}; ms after the first key:`);
  for (const [t, what] of rows) console.log(`${t.toFixed(0).padStart(7)}  ${what}`);
  const worst = lt.reduce((m, [, d]) => Math.max(m, d), 0);
  console.log(`longest task: ${worst ? worst.toFixed(0) + ' ms' : 'none over 50 ms'}`);
} finally {
  await close();
}
