// What the renderer's main thread does for a label: imports a file, scrolls to the middle, then
// six times selects a word in a paragraph in view and presses 1, under a Chromium trace; prints
// the mean per label of the main thread's trace events (style, layout, paint, script), so a CSS
// or script change to the page can be weighed without the benchmark's frame timing.
// A measurement, not a test: it prints figures.
//
//   source scripts/env.sh && trunk build --release --offline --dist /tmp/benchdist
//   node bench/edit-trace.mjs bench/data/article-1000000w-99000a.json
//   CSS='.annotation { content-visibility: visible }' node bench/edit-trace.mjs FILE
//
// Environment: DIST (default /tmp/benchdist), PORT, CSS (a style sheet added after the import;
// the page's CSP is bypassed for it), SCRIPT (a script run there), LIST=1 (every style and
// layout event with its element counts), INV=1 (Chromium's invalidation tracking: what made
// style and layout dirty). Opening and the trace categories: probe.mjs, openForLabelTrace.
import { openForLabelTrace, selectFreeWord } from './probe.mjs';

const LABELS = 6;
const { browser, page, close, categories } = await openForLabelTrace('edit-trace.mjs', 4396);
try {
  await browser.startTracing(page, { categories });
  for (let i = 0; i < LABELS; i++) {
    // A word of a paragraph in view that no highlight covers.
    if (!(await selectFreeWord(page, i))) throw new Error('no free word in view');
    await page.waitForTimeout(150);
    await page.keyboard.down('1');
    await page.waitForTimeout(60);
    await page.keyboard.up('1');
    await page.waitForTimeout(500);
  }
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString());
  const names = {};
  for (const e of traceEvents) if (e.name === 'thread_name') names[`${e.pid}:${e.tid}`] = e.args.name;
  const main = traceEvents.filter((e) => names[`${e.pid}:${e.tid}`] === 'CrRendererMain');
  const sums = {};
  for (const e of main) if (e.ph === 'X' && e.dur) sums[e.name] = (sums[e.name] || 0) + e.dur / 1000;
  const shown = ['FunctionCall', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit'];
  console.log(`main thread per label, ms (mean of ${LABELS}, from the word's selection to 0.5 s after the key; FunctionCall is every script task, autosave's included, with the layouts it forced):`);
  for (const k of shown) console.log(`  ${k.padEnd(18)} ${((sums[k] || 0) / LABELS).toFixed(2)}`);
  if (process.env.LIST) {
    for (const e of main.filter((e) => e.name === 'UpdateLayoutTree' || e.name === 'Layout')) {
      console.log(e.name, (e.dur / 1000).toFixed(2), JSON.stringify(e.args.beginData ?? e.args));
    }
  }
  if (process.env.INV) {
    const counts = {};
    for (const e of main.filter((e) => /Invalidation/.test(e.name))) {
      const d = e.args.data || {};
      const k = `${e.name} ${d.reason || ''} ${d.nodeName || ''}`;
      counts[k] = (counts[k] || 0) + 1;
    }
    const top = Object.entries(counts).sort((a, b) => b[1] - a[1]).slice(0, 40);
    for (const [k, n] of top) console.log(n, k);
  }
} finally {
  await close();
}
