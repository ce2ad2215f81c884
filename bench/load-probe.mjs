// The first import into an empty app, timed from the file input's change event to the first
// animation frame whose page shows the article and an "Opened"/"Imported" status (before that
// frame's own style, layout and paint). A measurement, not a test: it prints figures.
//
//   BENCH_DIST=D node bench/load-probe.mjs bench/data/article-100000w-9900a.json
//
// BENCH_WAIT=ms: how long the page rests after its Import button shows (default 1500);
// BENCH_TRIES (default 3), each in a fresh browser context (BENCH_FRESH=1: a fresh browser);
// BENCH_PROFILE=0: times only, else a CPU profile's busy stretches with the time of the functions
// matching BENCH_TOTAL (a regex) in each; BENCH_TRACE=1: a devtools trace's main-thread events
// (layout, style, paint) after the change event; BENCH_NO_SW=1: service workers blocked.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium.mjs';
import { printBusyStretches } from './probe.mjs';
const here = path.dirname(fileURLToPath(import.meta.url));
const DIST = process.env.BENCH_DIST;
const FILE = process.argv[2];
const TRIES = Number(process.env.BENCH_TRIES || 3);
const PROFILE = process.env.BENCH_PROFILE !== '0';
const TOTAL = process.env.BENCH_TOTAL ? new RegExp(process.env.BENCH_TOTAL) : null;
const server = spawn(process.execPath, [path.join(here, '..', 'e2e', 'serve.mjs')], { env: { ...process.env, PORT: '4191', DIST }, stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
let browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const times = [];
try {
  for (let t = 0; t < TRIES; t++) {
    if (process.env.BENCH_FRESH && t > 0) { await browser.close(); browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }); }
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: process.env.BENCH_NO_SW ? 'block' : 'allow' });
    const page = await ctx.newPage();
    await page.goto('http://127.0.0.1:4191/');
    await page.waitForTimeout(Number(process.env.BENCH_WAIT ?? 1500));
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await page.evaluate(() => {
      const input = document.querySelector('input[type=file]');
      input.addEventListener('change', () => (window.__tChange = performance.now()), { once: true, capture: true });
    });
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('header button', { hasText: /^Import/ }).first().click()]);
    if (PROFILE) await cdp.send('Profiler.start');
    if (process.env.BENCH_TRACE) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    await chooser.setFiles(FILE);
    const r = await page.evaluate(() => new Promise((resolve) => {
      const poll = () => {
        const st = document.querySelector('[role="status"]')?.textContent || '';
        if (/Imported|Opened/.test(st) && document.querySelector('.article-body p')) resolve({ ms: performance.now() - window.__tChange, st });
        else requestAnimationFrame(poll);
      };
      poll();
    }));
    if (process.env.BENCH_TRACE) {
      await page.evaluate(() => new Promise((res) => requestAnimationFrame(() => setTimeout(res, 50))));
      const buf = await browser.stopTracing();
      const ev = JSON.parse(buf.toString()).traceEvents;
      const main = ev.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
      const evs = ev.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur);
      const t0 = Math.min(...evs.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'change').map((e) => e.ts));
      const by = new Map();
      for (const e of evs) if (e.ts >= t0 && ['Layout', 'UpdateLayoutTree', 'Paint', 'PrePaint', 'Layerize', 'Commit', 'FunctionCall', 'EventDispatch', 'TimerFire', 'FireAnimationFrame', 'RunMicrotasks', 'ParseHTML', 'HitTest', 'MajorGC', 'MinorGC', 'v8.wasm.compiledModule', 'ScheduleStyleRecalculation', 'IntersectionObserverController::computeIntersections', 'UpdateLayer', 'RunTask'].includes(e.name)) by.set(e.name, (by.get(e.name) || 0) + e.dur / 1000);
      console.log('  trace after change:', [...by].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', '));
      const big = evs.filter((e) => e.ts >= t0 && ['Layout', 'UpdateLayoutTree', 'Paint', 'RunTask'].includes(e.name) && e.dur > 3000);
      for (const e of big) console.log(`    @${((e.ts - t0) / 1000).toFixed(1)} ${e.name} ${(e.dur / 1000).toFixed(1)}`);
    }
    times.push(Math.round(r.ms));
    console.log(`try ${t + 1}: ${Math.round(r.ms)} ms (${r.st.slice(0, 60)})`);
    if (PROFILE) {
      const { profile } = await cdp.send('Profiler.stop');
      printBusyStretches(profile, TOTAL);
    }
    await ctx.close();
  }
  times.sort((a, b) => a - b);
  console.log(`median ${times[times.length >> 1]}, best ${times[0]}, worst ${times.at(-1)}`);
} finally {
  await browser.close();
  server.kill();
}
