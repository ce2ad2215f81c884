// What a frame costs the renderer's main thread on a large article, by trace event (Commit,
// BeginMainFrame, PrePaint, Paint, Layerize, style and layout) over ten frames that each change
// one line of text (the status line), so that the article itself changes nothing.
//
//   DIST=/tmp/benchdist node bench/frame-commit.mjs bench/data/article-1000000w-99000a.json
//
// Options (environment): MODE=static replaces the app by the article's paragraphs as plain
// <p>s (N=… of them); JS=… runs in the page before the frames (e.g. removing the article
// body's contenteditable); CSS=… adds a style sheet (the page's CSP is bypassed for it).
// It found the cost of a caret in a contenteditable book (bench/README.md, "Choices measured").
import { openWithFile } from './probe.mjs';
if (!process.argv[2]) throw new Error('usage: node bench/frame-commit.mjs <v1 file>');
const { browser, page, close } = await openWithFile(process.argv[2], {
  dist: process.env.DIST || '/tmp/benchdist',
  port: Number(process.env.PORT || 4395),
  viewport: { width: 1280, height: 800 },
  args: process.env.EXTRA ? process.env.EXTRA.split(' ') : [],
  bypassCSP: true,
});
const mode = process.env.MODE || 'app';
if (mode === 'static') {
  await page.evaluate((n) => { const ps = [...document.querySelectorAll('.article-body p')].slice(0, n).map((p) => p.textContent); document.body.innerHTML = ''; const d = document.createElement('div'); d.style.maxWidth='700px'; d.style.margin='auto'; for (const t of ps) { const p = document.createElement('p'); p.textContent = t; d.append(p); } document.body.append(d); const s = document.createElement('div'); s.id='tick'; s.style.position='fixed'; s.style.top='0'; s.textContent='x'; document.body.append(s); }, Number(process.env.N || 1e9));
}
if (process.env.JS) await page.evaluate(process.env.JS);
if (process.env.CSS) await page.addStyleTag({ content: process.env.CSS });
await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
await page.waitForTimeout(1500);
await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'toplevel'] });
for (let i = 0; i < 10; i++) {
  await page.evaluate((i) => { const el = document.getElementById('tick') || document.querySelector('[role=status]') || document.querySelector('footer'); el.textContent = 'tick ' + i; return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))); }, i);
  await page.waitForTimeout(100);
}
const buf = await browser.stopTracing();
const { traceEvents } = JSON.parse(buf.toString());
const threads = {}; for (const e of traceEvents) if (e.name === 'thread_name') threads[`${e.pid}:${e.tid}`] = e.args.name;
const sums = {};
for (const e of traceEvents) { if (!(e.ph === 'X' && e.dur) || threads[`${e.pid}:${e.tid}`] !== 'CrRendererMain') continue; sums[e.name] = (sums[e.name] || 0) + e.dur / 1000; }
const h = await page.evaluate(() => document.documentElement.scrollHeight);
console.log(mode, 'height', h, ['Commit', 'ProxyMain::BeginMainFrame', 'PrePaint', 'Paint', 'Layerize', 'Document::UpdateStyleAndLayout'].map((k) => `${k} ${(sums[k] || 0).toFixed(1)}`).join(' | '));
await close();
