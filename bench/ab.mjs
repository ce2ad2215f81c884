// Two builds side by side, edits alternated between them, so that the machine's drift (its speed
// moves by a third from minute to minute here) falls on both alike: each build's page imports the
// same file in a Chromium of its own, scrolls to the middle, then round after round (in the order
// A B, then B A) each labels a free word in view (key 1) and undoes it (Ctrl+Z). An edit is timed
// from its keydown (a capture listener) to the first task after the next frame (a
// requestAnimationFrame callback, asked for in that listener, posts a MessageChannel message).
// A measurement, not a test: it prints p50 / p95 / mean per build and edit. CSS_A, CSS_B: a
// style sheet added to that build's page after its import (the page's CSP is bypassed for it),
// to weigh a style change with one build as both A and B.
//
//   node bench/ab.mjs /tmp/distA /tmp/distB bench/data/article-100000w-9900a.json [rounds]
import { openWithFile, selectFreeWord } from './probe.mjs';

const [distA, distB, file, roundsArg] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/ab.mjs <distA> <distB> <v1 file> [rounds]');
const ROUNDS = Number(roundsArg || 40);
const pages = [];
try {
  for (const [i, dist] of [distA, distB].entries()) {
    const opened = await openWithFile(file, { dist, port: 4400 + i, bypassCSP: true });
    const css = process.env[i ? 'CSS_B' : 'CSS_A'];
    if (css) await opened.page.addStyleTag({ content: css });
    pages.push({ name: i ? 'B' : 'A', dist, ...opened, times: { create: [], undo: [] } });
  }
  for (const p of pages) {
    await p.page.evaluate(() => {
      window.scrollTo(0, document.body.scrollHeight / 2);
      window.__t = null;
      addEventListener('keydown', (e) => {
        if (e.key !== '1' && e.key !== 'z') return;
        const t0 = performance.now();
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => (window.__t = performance.now() - t0);
          ch.port2.postMessage(null);
        });
      }, true);
    });
  }
  await new Promise((r) => setTimeout(r, 4000)); // the imports' saving, the scroll's redraw
  const pause = (page) => page.waitForTimeout(100 + Math.random() * 17);
  const timed = async (page, down, up) => {
    await page.evaluate(() => (window.__t = null));
    for (const k of down) await page.keyboard.down(k);
    await page.waitForFunction(() => window.__t !== null, null, { timeout: 10_000 });
    for (const k of up) await page.keyboard.up(k);
    return page.evaluate(() => window.__t);
  };
  for (let r = 0; r < ROUNDS; r++) {
    for (const p of r % 2 ? [...pages].reverse() : pages) {
      const ok = await selectFreeWord(p.page, r);
      if (!ok) throw new Error(`${p.name}: no free word in view`);
      await pause(p.page);
      p.times.create.push(await timed(p.page, ['1'], ['1']));
      await pause(p.page);
      await p.page.keyboard.down('Control');
      await pause(p.page);
      p.times.undo.push(await timed(p.page, ['z'], ['z', 'Control']));
      await pause(p.page);
    }
  }
  const q = (xs, f) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(f * xs.length) - 1)];
  for (const p of pages) {
    for (const [edit, xs] of Object.entries(p.times)) {
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      console.log(`${p.name} ${edit.padEnd(6)} p50 ${q(xs, 0.5).toFixed(1)}  p95 ${q(xs, 0.95).toFixed(1)}  mean ${mean.toFixed(1)}  (${xs.length}, ${p.dist})`);
    }
  }
} finally {
  for (const p of pages) await p.close();
}
