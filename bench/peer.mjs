// The peer in the benchmark: Recogito's @recogito/text-annotator (a dev dependency, used only
// here), on the same generated article and spans, in the same browser run as ours (bench/run.mjs
// calls `runPeer` for every case after its own). Not a test: it measures and reports.
//
// The page is served from memory by Playwright's router (http://peer.invalid/): the library's own
// UMD bundle and CSS from node_modules, nothing from any network. The peer is given the best
// case: its CSS Custom Highlight renderer (`renderer: 'CSS_HIGHLIGHTS'`, its fastest), and edits
// through its API (`addAnnotation`), with no selection handling or key event in the way.
//
// What is timed (performance.now() in the page, to the first task after the next painted frame,
// as bench/run.mjs times ours):
// - load: from the start of parsing the annotations file (its JSON text is in the page already,
//   as ours is once the file input has read it) through building the paragraphs (<p> per
//   paragraph, textContent), createTextAnnotator and setAnnotations, to the painted frame. The
//   peer builds the whole article at once, so its first usable screen and whole article are the
//   same time.
// - create: addAnnotation of a word-sized span somewhere in the article (spread like ours, the
//   paragraph scrolled into view first) to the painted frame.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const PKG = path.join(here, '..', 'node_modules', '@recogito', 'text-annotator');
const ORIGIN = 'http://peer.invalid';

/** Whether the peer is installed (npm's dev dependencies). */
export const peerAvailable = () => existsSync(path.join(PKG, 'dist', 'text-annotator.umd.js'));

/** The peer's version, from its package.json. */
export const peerVersion = () => JSON.parse(readFileSync(path.join(PKG, 'package.json'), 'utf8')).version;

/**
 * The peer's input for our v1 document: the paragraphs, and per annotation its paragraph and
 * UTF-16 offsets inside it (each paragraph is one <p> holding one text node), from which the
 * page makes the `TextAnnotation`s with their DOM Ranges (the peer's best case: reviving a range
 * from container offsets costs it a walk over the text per annotation, 16 s for 9,900).
 */
export function peerInput(doc) {
  const text = doc.document.text;
  const paragraphs = text.split('\n\n');
  // code point -> [paragraph, UTF-16 offset inside it]
  const cps = Array.from(text);
  const para = new Uint32Array(cps.length + 1);
  const off = new Uint32Array(cps.length + 1);
  let p = 0;
  let at = 0;
  for (let i = 0; i < cps.length; i += 1) {
    para[i] = p;
    off[i] = at;
    if (cps[i] === '\n' && cps[i + 1] === '\n') {
      // the break belongs to no paragraph: the next one starts after it
      para[i + 1] = p;
      off[i + 1] = at;
      p += 1;
      at = 0;
      i += 1;
      continue;
    }
    at += cps[i].length;
  }
  para[cps.length] = p;
  off[cps.length] = at;
  const spans = doc.annotations.map((a) => [a.id, a.label, a.text, para[a.start], off[a.start], off[a.end]]);
  return { paragraphs, spans };
}

function pageHtml() {
  const css = readFileSync(path.join(PKG, 'dist', 'text-annotator.css'), 'utf8');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Peer</title>
<style>${css}
body { margin: 0; font: 18px/1.7 Georgia, serif; }
#article { max-width: 46rem; margin: 1rem auto; padding: 0 1.5rem; }
</style>
<script>window.process = { env: { NODE_ENV: 'production' } }; // the UMD bundle reads it</script>
<script src="${ORIGIN}/text-annotator.umd.js"></script></head>
<body><main><div id="article"></div></main></body></html>`;
}

/** In the page: resolves at the first task after the next painted frame, with its time. */
function afterPaintSource() {
  window.__afterPaint = () =>
    new Promise((resolve) => {
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => resolve(performance.now());
        ch.port2.postMessage(0);
      });
    });
}

const quantile = (xs, q) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const r1 = (x) => (x == null ? null : Math.round(x * 10) / 10);

/**
 * Runs the peer on case `c` (from bench/generate.mjs): the load, then `tries` creates.
 * Returns { version, load: { ms, highlights }, create: { n, p50, p95 } } or { error }.
 */
export async function runPeer(browser, c, { tries = 50 } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const problems = [];
  try {
    await context.route(`${ORIGIN}/**`, (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/text-annotator.umd.js') {
        return route.fulfill({
          contentType: 'text/javascript',
          body: readFileSync(path.join(PKG, 'dist', 'text-annotator.umd.js'), 'utf8'),
        });
      }
      if (url.pathname === '/') return route.fulfill({ contentType: 'text/html', body: pageHtml() });
      return route.fulfill({ status: 404, body: '' });
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
    await page.addInitScript(afterPaintSource);
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => window.RecogitoJS && window.RecogitoJS.createTextAnnotator);
    // rests as ours does before its load (bench/run.mjs, SETTLE_MS)
    await page.waitForTimeout(1000);
    const input = peerInput(c.doc);
    await page.evaluate((json) => {
      window.__file = json;
    }, JSON.stringify(input));
    const load = await page.evaluate(async () => {
      const t0 = performance.now();
      const { paragraphs, spans } = JSON.parse(window.__file);
      const box = document.getElementById('article');
      const frag = document.createDocumentFragment();
      const nodes = [];
      for (const p of paragraphs) {
        const el = document.createElement('p');
        el.textContent = p;
        nodes.push(el.firstChild);
        frag.append(el);
      }
      box.append(frag);
      const annotations = spans.map(([id, label, quote, p, s, e]) => {
        const range = document.createRange();
        range.setStart(nodes[p], s);
        range.setEnd(nodes[p], e);
        return {
          id,
          bodies: [{ id: `${id}-b`, annotation: id, purpose: 'tagging', value: label }],
          target: { annotation: id, selector: [{ quote, range }] },
        };
      });
      const anno = window.RecogitoJS.createTextAnnotator(box, { renderer: 'CSS_HIGHLIGHTS' });
      anno.setAnnotations(annotations);
      window.__anno = anno;
      // The renderer registers its ranges (those near the viewport) in the CSS highlight
      // registry a little later: the load ends at the first painted frame that has them (with
      // no spans, at the first painted frame).
      const painted = () => [...CSS.highlights.values()].reduce((n, h) => n + h.size, 0);
      let t1 = await window.__afterPaint();
      const firstFrame = t1 - t0;
      while (annotations.length > 0 && painted() === 0 && performance.now() - t0 < 60_000) {
        t1 = await window.__afterPaint();
      }
      return { ms: t1 - t0, firstFrame, stored: anno.getAnnotations().length, painted: painted() };
    });
    // Creates, spread over the article by a golden-ratio sequence (as ours are).
    const samples = [];
    let missed = 0;
    for (let i = 0; i < tries; i += 1) {
      const frac = (0.5 + i * 0.6180339887) % 1;
      const ms = await page.evaluate(async (f) => {
        const box = document.getElementById('article');
        const ps = box.querySelectorAll('p');
        const p = ps[Math.min(ps.length - 1, Math.floor(f * ps.length))];
        p.scrollIntoView({ block: 'center' });
        await window.__afterPaint();
        // the paragraph's first word
        const m = /\S+/.exec(p.textContent);
        const id = `peer-${performance.now()}`;
        const t0 = performance.now();
        const range = document.createRange();
        range.setStart(p.firstChild, m.index);
        range.setEnd(p.firstChild, m.index + m[0].length);
        window.__anno.addAnnotation({
          id,
          bodies: [{ id: `${id}-b`, annotation: id, purpose: 'tagging', value: 'claim' }],
          target: { annotation: id, selector: [{ quote: m[0], range }] },
        });
        // to the first painted frame whose highlight registry holds the new range
        const has = () =>
          [...CSS.highlights.values()].some((h) =>
            [...h].some((r) => r.startContainer === p.firstChild && r.startOffset === m.index && r.endOffset === m.index + m[0].length),
          );
        let t1 = await window.__afterPaint();
        while (!has() && performance.now() - t0 < 10_000) t1 = await window.__afterPaint();
        return has() ? t1 - t0 : null;
      }, frac);
      if (ms == null) missed += 1;
      else samples.push(ms);
    }
    return {
      version: peerVersion(),
      load: { ms: r1(load.ms), firstFrameMs: r1(load.firstFrame), stored: load.stored, painted: load.painted },
      create: { n: samples.length, missed, p50: r1(quantile(samples, 0.5)), p95: r1(quantile(samples, 0.95)) },
      problems,
    };
  } catch (e) {
    return { version: peerVersion(), error: e.message, problems };
  } finally {
    await context.close().catch(() => {});
  }
}
