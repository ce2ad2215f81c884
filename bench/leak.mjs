// Does opening article after article leak? Imports a library of 50 generated articles, opens
// each in turn from the Library (as a person does), and compares memory after a forced GC with
// the first article open and after the fiftieth. A measurement, not a test: it prints figures.
//
//   source scripts/env.sh && trunk build --release --offline
//   node bench/leak.mjs                  # dist/ ; BENCH_DIST=/other/dist for another build
//
// Figures: the JS heap (performance.memory.usedJSHeapSize, precise with
// --enable-precise-memory-info, after gc() twice), the wasm linear memory (it grows and never
// shrinks, so it shows the peak the allocator needed), DOM nodes and JS event listeners (CDP).
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium.mjs';
import { generate } from './generate.mjs';
const HD = process.env.HEAPDIFF ? await import(process.env.HEAPDIFF) : null;

const here = path.dirname(fileURLToPath(import.meta.url));
const DIST = process.env.BENCH_DIST || path.join(here, '..', 'dist');
const PORT = Number(process.env.BENCH_PORT || 4181);
const N = Number(process.env.LEAK_ARTICLES || 50);
const WORDS = 3_000;
const ANNOTATIONS = 300;
const ROUNDS = Number(process.env.LEAK_ROUNDS || 1);
// Opens before the first figure is taken. The first openings compile the app's code paths (V8's
// code and the wasm module's optimised tier are on the JS heap); a warm-up keeps that one-time
// cost out of what the figure is about, a leak. LEAK_WARMUP=2 shows the cold figure.
const WARMUP = Number(process.env.LEAK_WARMUP || 10);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function serve() {
  const child = spawn(process.execPath, [path.join(here, '..', 'e2e', 'serve.mjs')], {
    env: { ...process.env, PORT: String(PORT), DIST },
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i += 1) {
    try {
      const r = await fetch(`http://127.0.0.1:${PORT}/`);
      if (r.ok) return child;
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  child.kill();
  throw new Error('the server did not start');
}

async function memory(page, cdp) {
  await page.evaluate(async () => {
    for (let i = 0; i < 3; i += 1) {
      gc();
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  const m = await page.evaluate(() => ({
    jsHeap: performance.memory.usedJSHeapSize,
    wasm: window.__leak?.memory ? window.__leak.memory.buffer.byteLength : null,
  }));
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (n) => metrics.find((x) => x.name === n)?.value ?? null;
  return { ...m, nodes: metric('Nodes'), listeners: metric('JSEventListeners') };
}

async function openFromLibrary(page, title, i) {
  await page.getByRole('banner').getByRole('button', { name: 'Library', exact: true }).click();
  await page.getByRole('dialog', { name: 'Library' }).getByRole('button', { name: `Open ${title}`, exact: true }).click();
  await page.getByRole('status').filter({ hasText: `Opened “${title}”` }).waitFor();
  await page.waitForFunction(() => {
    const body = document.querySelector('[aria-label="Article body"]');
    return body && body.getAttribute('aria-busy') !== 'true';
  });
  if (i % 10 === 9) process.stdout.write(`  opened ${i + 1}\n`);
}

const server = await serve();
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => {
      window.__leak = e.detail && e.detail.wasm;
    });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`http://127.0.0.1:${PORT}/`);

  const titles = [];
  const lines = [];
  for (let i = 0; i < N; i += 1) {
    const { doc } = generate({ words: WORDS, annotations: ANNOTATIONS, seed: 1000 + i });
    doc.document.title = `Leak check ${i + 1}`;
    titles.push(doc.document.title);
    lines.push(JSON.stringify(doc));
  }
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'leak-')), 'library.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('banner').getByRole('button', { name: 'Import', exact: true }).click(),
  ]);
  await chooser.setFiles(file);
  await page.getByRole('status').filter({ hasText: 'Imported library.jsonl' }).waitFor({ timeout: 60_000 });

  for (let i = WARMUP - 1; i >= 0; i -= 1) await openFromLibrary(page, titles[i % N], -1);
  await sleep(1_000);
  const before = await memory(page, cdp);
  const snapA = HD && (await HD.snapshot(cdp));
  for (let i = 0; i < N; i += 1) await openFromLibrary(page, titles[(i + 1) % N], i);
  await sleep(1_000);
  const after = await memory(page, cdp);
  if (HD) console.log(HD.diff(snapA, await HD.snapshot(cdp)));
  // More rounds (LEAK_ROUNDS) tell a leak (growing each round) from a one-time warm-up.
  const more = [];
  for (let r = 1; r < ROUNDS; r += 1) {
    for (let i = 0; i < N; i += 1) await openFromLibrary(page, titles[(i + 1) % N], i);
    await sleep(1_000);
    more.push(await memory(page, cdp));
  }

  const mb = (b) => (b == null ? 'n/a' : `${(b / 1_048_576).toFixed(2)} MB`);
  const pct = (a, b) => (a == null || b == null ? 'n/a' : `${(((b - a) / a) * 100).toFixed(1)} %`);
  console.log(`\n${N} articles of ${WORDS} words and ${ANNOTATIONS} annotations, each opened once more after ${WARMUP} warm-up opens (dist: ${DIST})`);
  console.log('| | first open | after 50 more opens | change |');
  console.log('|---|---|---|---|');
  console.log(`| JS heap (after GC) | ${mb(before.jsHeap)} | ${mb(after.jsHeap)} | ${pct(before.jsHeap, after.jsHeap)} |`);
  console.log(`| wasm memory | ${mb(before.wasm)} | ${mb(after.wasm)} | ${pct(before.wasm, after.wasm)} |`);
  console.log(`| DOM nodes | ${before.nodes} | ${after.nodes} | ${pct(before.nodes, after.nodes)} |`);
  console.log(`| JS event listeners | ${before.listeners} | ${after.listeners} | ${pct(before.listeners, after.listeners)} |`);
  more.forEach((m, r) =>
    console.log(`after round ${r + 2} (${(r + 2) * N} opens): JS heap ${mb(m.jsHeap)} (${pct(before.jsHeap, m.jsHeap)}), wasm ${mb(m.wasm)}, listeners ${m.listeners}`),
  );
} finally {
  await browser.close();
  server.kill();
}
