// What the renderer's main thread does from a label's keydown to 40 ms after it, event by event:
// imports a file, scrolls to the middle, then six times selects a free word in view and presses 1
// under a Chromium trace, and prints, per label, the main thread's events over 0.2 ms in the
// 40 ms after the keydown (start from the key, duration, nesting), so the key's task and its frame
// can be read apart. A measurement, not a test.
//
//   node bench/key-trace.mjs bench/data/article-1000000w-99000a.json   (DIST, PORT as edit-trace)
import { openForLabelTrace, selectFreeWord } from './probe.mjs';

const LABELS = Number(process.env.LABELS || 6);
const KEY = process.env.KEY || '1';
const { browser, page, close, categories } = await openForLabelTrace('key-trace.mjs', 4397);
try {
  await browser.startTracing(page, { categories });
  for (let i = 0; i < LABELS; i++) {
    if (!(await selectFreeWord(page, i))) throw new Error('no free word in view');
    await page.waitForTimeout(150);
    if (process.env.UNDO) {
      // a label first (not traced apart), then Ctrl+Z: the undo's keydown is the one measured
      await page.keyboard.down('1');
      await page.waitForTimeout(60);
      await page.keyboard.up('1');
      await page.waitForTimeout(500);
      await page.keyboard.down('Control');
      await page.waitForTimeout(120);
      await page.evaluate(() => { window.__undoNext = true; });
      await page.keyboard.down('z');
      await page.waitForTimeout(60);
      await page.keyboard.up('z');
      await page.keyboard.up('Control');
      await page.waitForTimeout(500);
      continue;
    }
    await page.keyboard.down(KEY);
    await page.waitForTimeout(60);
    await page.keyboard.up(KEY);
    await page.waitForTimeout(500);
  }
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString());
  const names = {};
  for (const e of traceEvents) if (e.name === 'thread_name') names[`${e.pid}:${e.tid}`] = e.args.name;
  const main = traceEvents.filter((e) => names[`${e.pid}:${e.tid}`] === 'CrRendererMain' && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  const keys = main.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown');
  const min = Number(process.env.MIN || 0.2);
  const quiet = !!process.env.SUMMARY;
  const sum = { task: [], layout: [], style: [], frame: [], paint: [], layerize: [], hit: [] };
  for (const k of keys) {
    const task = main.find((e) => e.name === 'RunTask' && e.ts <= k.ts && e.ts + e.dur >= k.ts + k.dur);
    const end = task ? task.ts + task.dur : k.ts + k.dur;
    const inTask = (e) => e.ts >= k.ts && e.ts + e.dur <= end;
    const frame = main.find((e) => e.name === 'RunTask' && e.ts >= end && main.some((b) => b.name === 'WebFrameWidgetImpl::UpdateLifecycle' && b.ts >= e.ts && b.ts <= e.ts + e.dur));
    const inFrame = (e) => frame && e.ts >= frame.ts && e.ts + e.dur <= frame.ts + frame.dur;
    const total = (f, n) => main.filter((e) => e.name === n && f(e)).reduce((a, e) => a + e.dur / 1000, 0);
    sum.task.push((end - k.ts) / 1000);
    sum.layout.push(total(inTask, 'Layout'));
    sum.style.push(total(inTask, 'UpdateLayoutTree'));
    sum.frame.push(frame ? frame.dur / 1000 : 0);
    sum.paint.push(total(inFrame, 'Paint'));
    sum.layerize.push(total(inFrame, 'Layerize'));
    sum.hit.push(total(inFrame, 'LayoutView::HitTest'));
    if (process.env.PER) {
      const gapTasks = main.filter((e) => e.name === 'RunTask' && e.ts >= end && frame && e.ts < frame.ts && e.dur > 300);
      const msg = frame ? main.find((e) => e.name === 'RunTask' && e.ts >= frame.ts + frame.dur) : null;
      console.log(`task ${((end - k.ts) / 1000).toFixed(1)}  gap ${frame ? ((frame.ts - end) / 1000).toFixed(1) : '-'}  frame ${frame ? (frame.dur / 1000).toFixed(1) : '-'}  to frame end ${frame ? ((frame.ts + frame.dur - k.ts) / 1000).toFixed(1) : '-'}  tasks in gap: ${gapTasks.map((e) => (e.dur / 1000).toFixed(1)).join(' ')}  next task after frame +${msg ? ((msg.ts - frame.ts - frame.dur) / 1000).toFixed(1) : '-'} (${msg ? (msg.dur / 1000).toFixed(1) : ''})`);
    }
    if (process.env.INV) {
      const counts = {};
      for (const e of traceEvents.filter((e) => /Invalidation/.test(e.name) && e.ts >= k.ts && e.ts <= end)) {
        const d = e.args.data || {};
        const key = `${e.name} ${d.reason || ''} ${d.nodeName || ''}`;
        counts[key] = (counts[key] || 0) + 1;
      }
      console.log('--- invalidations in the key task:');
      for (const [key, n] of Object.entries(counts).sort((a, b) => b[1] - a[1])) console.log(n, key);
    }
    if (quiet) continue;
    console.log(`--- keydown at ${(k.ts / 1000).toFixed(1)}`);
    const open = [];
    for (const e of main) {
      if (e.ts < k.ts - 1000 || e.ts > k.ts + 40000 || e.dur / 1000 < min) continue;
      while (open.length && open[open.length - 1] <= e.ts) open.pop();
      const extra = e.args?.beginData?.dirtyObjects ? ` dirty ${e.args.beginData.dirtyObjects}` : e.args?.data?.type ? ` ${e.args.data.type}` : '';
      console.log(`${((e.ts - k.ts) / 1000).toFixed(2).padStart(7)} ${(e.dur / 1000).toFixed(2).padStart(6)} ${'  '.repeat(open.length)}${e.name}${extra}`);
      open.push(e.ts + e.dur);
    }
  }
  const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1].toFixed(2);
  console.log('medians, ms: ' + Object.entries(sum).map(([k, v]) => `${k} ${med(v)}`).join(', ') + `  (key task = keydown to its task's end; frame = the next task with a lifecycle update)`);
} finally {
  await close();
}
