// Where an export's time goes in the page: imports a file, clicks "Export JSON" under the CPU
// profiler (CDP, 100 µs sampling) and prints the functions with the most self time, and the
// click -> download time. BENCH_WHAT=import profiles importing the exported file instead (the
// file input's change event -> the status saying so). A measurement, not a test: it prints figures.
//
//   node bench/named-dist.mjs --dist D --out Dn    # wasm function names (see bench/README)
//   BENCH_DIST=Dn node bench/export-profile.mjs bench/data/article-1000000w-99000a.json
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openWithFile, printBusyStretches, profileTree, shortName } from './probe.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const DIST = process.env.BENCH_DIST || path.join(here, '..', 'dist');
const PORT = Number(process.env.BENCH_PORT || 4183);
const TRIES = Number(process.env.BENCH_TRIES || 3);
// BENCH_PROFILE=0: times only (the profiler slows the page down)
const PROFILE = process.env.BENCH_PROFILE !== '0';
const WHAT = process.env.BENCH_WHAT || 'export';
const CALLERS = process.env.BENCH_CALLERS ? new RegExp(process.env.BENCH_CALLERS) : null;
const callers = new Map();
// BENCH_TOTAL=regex: also the total (self and callees) time of the matching functions
const TOTAL = process.env.BENCH_TOTAL ? new RegExp(process.env.BENCH_TOTAL) : null;
const inclusive = new Map();
const FILE = process.argv[2];
if (!FILE) {
  console.error('usage: node bench/export-profile.mjs FILE');
  process.exit(2);
}

const { page, close } = await openWithFile(FILE, { dist: DIST, port: PORT });
try {
  await page.waitForTimeout(3000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  const totals = new Map();
  const times = [];
  for (let t = 0; t < TRIES; t += 1) {
    const toggle = page.locator('button[aria-controls]:text-is("Export")');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await page.locator('button:text-is("Export JSON")').waitFor({ state: 'visible' });
    let ms;
    if (WHAT === 'import') {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('button:text-is("Export JSON")').click(),
      ]);
      const file = '/tmp/export-profile-reimport.json';
      await download.saveAs(file);
      await page.waitForTimeout(1500);
      await page.evaluate(() => {
        const input = document.querySelector('input[type=file]');
        window.__before = document.querySelector('[role="status"]')?.textContent;
        input.addEventListener('change', () => (window.__tChange = performance.now()), { once: true, capture: true });
      });
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        page.locator('header button', { hasText: /^Import/ }).first().click(),
      ]);
      if (PROFILE) await cdp.send('Profiler.start');
      await chooser.setFiles(file);
      ms = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const poll = () => {
              const now = document.querySelector('[role="status"]')?.textContent || '';
              if (now !== window.__before && /Imported|Opened/.test(now)) resolve(performance.now() - window.__tChange);
              else requestAnimationFrame(poll);
            };
            poll();
          }),
      );
      ms = Math.round(ms);
    } else {
      if (PROFILE) await cdp.send('Profiler.start');
      const t0 = Date.now();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('button:text-is("Export JSON")').click(),
      ]);
      ms = Date.now() - t0;
      await download.delete();
    }
    times.push(ms);
    console.log(`try ${t + 1}: ${WHAT} ${ms} ms`);
    const { profile } = PROFILE ? await cdp.send('Profiler.stop') : {};
    await page.waitForTimeout(1000);
    if (!PROFILE) continue;
    const { byId, parent } = profileTree(profile);
    if (process.env.BENCH_TASKS) printBusyStretches(profile, TOTAL);
    const self = new Map();
    for (let i = 0; i < profile.samples.length; i += 1) {
      const n = byId.get(profile.samples[i]);
      const name = n.callFrame.functionName || `(${n.callFrame.url.split('/').pop() || 'native'})`;
      self.set(name, (self.get(name) || 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
    }
    for (const [k, v] of self) totals.set(k, (totals.get(k) || 0) + v / TRIES);
    if (TOTAL) {
      for (let i = 0; i < profile.samples.length; i += 1) {
        const seen = new Set();
        for (let id = profile.samples[i]; id; id = parent.get(id)) {
          const n = byId.get(id);
          if (TOTAL.test(n.callFrame.functionName)) seen.add(shortName(n));
        }
        for (const k of seen) inclusive.set(k, (inclusive.get(k) || 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000 / TRIES);
      }
    }
    if (CALLERS) {
      // self time of the functions matching BENCH_CALLERS, by their chain of four callers
      for (let i = 0; i < profile.samples.length; i += 1) {
        let n = byId.get(profile.samples[i]);
        if (!CALLERS.test(n.callFrame.functionName)) continue;
        const chain = [];
        for (let id = parent.get(n.id); id && chain.length < 4; id = parent.get(id)) chain.push(shortName(byId.get(id), 70));
        const k = chain.join(' <- ');
        callers.set(k, (callers.get(k) || 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000 / TRIES);
      }
    }
  }
  times.sort((a, b) => a - b);
  console.log(`${WHAT}: median ${times[times.length >> 1]} ms, best ${times[0]}, worst ${times.at(-1)} (${TRIES} tries)`);
  const rows = [...totals].filter(([k]) => k !== '(idle)' && k !== '(program)').sort((a, b) => b[1] - a[1]).slice(0, 30);
  for (const [k, v] of rows) console.log(`${v.toFixed(1).padStart(8)} ms  ${k}`);
  if (PROFILE) {
    const f = (k) => (totals.get(k) || 0).toFixed(1);
    console.log(`(idle) ${f('(idle)')} ms, (program) ${f('(program)')} ms, (garbage collector) ${f('(garbage collector)')} ms`);
  }
  if (TOTAL) {
    console.log(`\ntotal time of ${TOTAL}:`);
    for (const [k, v] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${v.toFixed(1).padStart(8)} ms  ${k}`);
  }
  if (CALLERS) {
    console.log(`\ncallers of ${CALLERS}:`);
    for (const [k, v] of [...callers].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`${v.toFixed(1).padStart(8)} ms  ${k}`);
  }
} finally {
  await close();
}
