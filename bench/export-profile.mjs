// Where an export's time goes in the page: imports a file, clicks "Export JSON" under the CPU
// profiler (CDP, 100 µs sampling) and prints the functions with the most self time, and the
// click -> download time. A measurement, not a test: it prints figures.
//
//   node bench/named-dist.mjs --dist D --out Dn    # wasm function names (see bench/README)
//   BENCH_DIST=Dn node bench/export-profile.mjs bench/data/article-1000000w-99000a.json
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openWithFile } from './probe.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const DIST = process.env.BENCH_DIST || path.join(here, '..', 'dist');
const PORT = Number(process.env.BENCH_PORT || 4183);
const TRIES = Number(process.env.BENCH_TRIES || 3);
// BENCH_PROFILE=0: times only (the profiler slows the page down)
const PROFILE = process.env.BENCH_PROFILE !== '0';
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
    if (PROFILE) await cdp.send('Profiler.start');
    const t0 = Date.now();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('button:text-is("Export JSON")').click(),
    ]);
    const ms = Date.now() - t0;
    times.push(ms);
    await download.delete();
    console.log(`try ${t + 1}: click -> download ${ms} ms`);
    await page.waitForTimeout(1000);
    if (!PROFILE) continue;
    const { profile } = await cdp.send('Profiler.stop');
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map();
    for (let i = 0; i < profile.samples.length; i += 1) {
      const n = byId.get(profile.samples[i]);
      const name = n.callFrame.functionName || `(${n.callFrame.url.split('/').pop() || 'native'})`;
      self.set(name, (self.get(name) || 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
    }
    for (const [k, v] of self) totals.set(k, (totals.get(k) || 0) + v / TRIES);
  }
  times.sort((a, b) => a - b);
  console.log(`click -> download: median ${times[times.length >> 1]} ms, best ${times[0]}, worst ${times.at(-1)} (${TRIES} tries)`);
  const rows = [...totals].filter(([k]) => k !== '(idle)' && k !== '(program)').sort((a, b) => b[1] - a[1]).slice(0, 30);
  for (const [k, v] of rows) console.log(`${v.toFixed(1).padStart(8)} ms  ${k}`);
} finally {
  await close();
}
