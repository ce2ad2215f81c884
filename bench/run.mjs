// Article Annotator benchmark (not a test: it measures and reports, it never fails on a target).
//
//   source scripts/env.sh && trunk build --release --offline --dist /tmp/benchdist
//   node bench/named-dist.mjs        # optional, right after the build: a copy whose wasm keeps names
//   node bench/run.mjs [--quick] [--no-profile] [--no-peer]
//
// Environment: BENCH_DIST (default /tmp/benchdist), BENCH_NAMED_DIST (default /tmp/benchdist-named,
// used only for the CPU profile), BENCH_PORT (default 4180; the named dist is served on PORT+1),
// CHROMIUM_PATH (default /usr/bin/chromium).
//
// It serves the dist itself with e2e/serve.mjs (a child process it stops at the end), drives
// Debian's Chromium through Playwright, prints one table per article size, a memory table and a
// bundle table, and writes everything to bench/results.json (bench/results-quick.json for
// --quick). Inputs come from bench/generate.mjs (deterministic) and are written to bench/data/.
// How each number is taken is described next to the code that takes it, and in results.json.
import { chromium } from '@playwright/test';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { writeCase, SIZES, ANN_COUNTS, keepCase } from './generate.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium.mjs';
import { peerAvailable, peerVersion, runPeer } from './peer.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const QUICK = process.argv.includes('--quick');
// The peer (bench/peer.mjs) runs on every case unless --no-peer or it is not installed.
const PEER = !process.argv.includes('--no-peer') && peerAvailable();
const PROFILE = !process.argv.includes('--no-profile');
const DIST = path.resolve(process.env.BENCH_DIST || '/tmp/benchdist');
const NAMED_DIST = path.resolve(process.env.BENCH_NAMED_DIST || '/tmp/benchdist-named');
const PORT = Number.parseInt(process.env.BENCH_PORT || '4180', 10);
const OUT_DIR = path.join(here, 'out');
const RESULTS = path.join(here, QUICK ? 'results-quick.json' : 'results.json');

/** How long a case's page rests after it is interactive, before its article is loaded. */
const SETTLE_MS = 1000;
const CFG = QUICK
  ? { sizes: [1_000, 10_000], tries: 15, scrollMs: 1000, editBudgetMs: 90_000 }
  : { sizes: SIZES, tries: 50, scrollMs: 2000, editBudgetMs: 240_000 };
// The full run's cases beyond SIZES x ANN_COUNTS: a whole book, and one paragraph of 1,000,000
// and of 3,000,000 characters (175,200 and 525,500 words; [words, annotations, one paragraph]).
// The peer runs on the SIZES cases only.
const LARGE = [
  [1_000_000, 99_000, false],
  [175_200, 1_000, true],
  [525_500, 3_000, true],
];
// BENCH_CASES=100000x9900,10000x0 runs only those cases (175200x1000p: in one paragraph);
// BENCH_TRIES / BENCH_EDIT_BUDGET_S override.
const ONLY = process.env.BENCH_CASES
  ? process.env.BENCH_CASES.split(',').map((x) => {
      const m = /^(\d+)x(\d+)(p?)$/.exec(x.trim());
      if (!m) throw new Error(`BENCH_CASES: "${x}" is not WORDSxANNOTATIONS or WORDSxANNOTATIONSp`);
      return [Number(m[1]), Number(m[2]), m[3] === 'p'];
    })
  : null;
if (process.env.BENCH_TRIES) CFG.tries = Number(process.env.BENCH_TRIES);
if (process.env.BENCH_EDIT_BUDGET_S) CFG.editBudgetMs = 1000 * Number(process.env.BENCH_EDIT_BUDGET_S);
const STEP_TIMEOUT = 15_000; // one key press -> painted frame
const LOAD_TIMEOUT = 90_000; // paste / import -> interactive
const TARGETS = {
  editP95Ms: 16,
  pasteMs: 1000,
  exportImportMs: 200,
  memoryMB: 150,
  bundleGzKB: 350,
};
// The end-to-end tests' flags, plus precise heap figures and a gc() for the memory table.
const CHROME_ARGS = [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'];

const t0Run = Date.now();
const log = (...a) => console.error(`[${((Date.now() - t0Run) / 1000).toFixed(1)}s]`, ...a);

// ---------------------------------------------------------------------------
// Small utilities
// ---------------------------------------------------------------------------

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** A seeded generator of numbers in [0, 1) (mulberry32), so runs press keys at the same offsets. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const FRAME_MS = 1000 / 60;
/** The shortest time between a person's inputs: a fast typist's gap between two keys. */
const KEY_GAP_MS = 100;
let lastInput = 0; // Date.now() of the bench's last input to the page (a selection, a key release)
const inputDone = () => {
  lastInput = Date.now();
};
/**
 * Presses `key` ("1", "Control+z") the way a person does, and returns a function that releases it.
 * Each key goes down at least KEY_GAP_MS after the previous input, plus a random part of a frame
 * interval, so it lands anywhere in the frame cycle. The caller releases the key after the edit's
 * frame, as a person's key is still down then (a keystroke lasts about 80 ms).
 *
 * Why not Playwright's press(): it sends the keys of a chord and the release within a millisecond
 * or two, right after the bench's own selection. A trace of such runs showed three artefacts no
 * person produces: the key arrived while the page was still drawing the frames of the selection (or
 * of the Control key just before the Z), so it waited for the next regular frame, where after a
 * pause Chromium draws at once; and the keyup, arriving while the key's frame was being made, made
 * Chromium's scheduler hold the probe's task until the frame after it, a frame later than the paint.
 */
async function keyDown(page, key, random) {
  const keys = key.split('+');
  for (const k of keys) {
    await sleep(Math.max(0, KEY_GAP_MS - (Date.now() - lastInput)) + random() * FRAME_MS);
    await page.keyboard.down(k);
    inputDone();
  }
  return async () => {
    for (const k of keys.reverse()) await page.keyboard.up(k);
    inputDone();
  };
}
/** Arms the probe, presses `key` like a person (keyDown), and releases it after the edit's frame. */
async function measureKey(page, desc, key, random) {
  let release = async () => {};
  const res = await measure(page, desc, async () => {
    release = await keyDown(page, key, random);
  });
  await release();
  return res;
}
/** Resolves with `p`, or rejects after `ms` with an Error whose message starts with "timeout". */
function withTimeout(p, ms, what) {
  let timer;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise((_, rej) => {
      timer = setTimeout(() => rej(new Error(`timeout: ${what} (${ms} ms)`)), ms);
    }),
  ]);
}
function quantile(xs, q) {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  // nearest-rank
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
const stats = (xs) => ({
  n: xs.length,
  p50: quantile(xs, 0.5),
  p95: quantile(xs, 0.95),
  max: xs.length ? Math.max(...xs) : null,
  mean: xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null,
});
const r1 = (x) => (x == null ? null : Math.round(x * 10) / 10);
/** The share of true values in %, one decimal; null for none. */
const pctTrue = (xs) => (xs.length ? r1((100 * xs.filter(Boolean).length) / xs.length) : null);
const fmtMs = (x) => (x == null ? 'n/a' : x >= 100 ? String(Math.round(x)) : x.toFixed(1));
const MB = (b) => (b == null ? null : Math.round((b / 1048576) * 10) / 10);
const fmtN = (n) => n.toLocaleString('en-US');
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

function table(headers, rows, { align } = {}) {
  const widths = headers.map((h, i) => Math.max(String(h).length, ...rows.map((r) => String(r[i] ?? '').length)));
  const line = (cells) =>
    cells
      .map((c, i) => ((align ? align[i] : i === 0 ? 'l' : 'r') === 'l' ? pad(c ?? '', widths[i]) : lpad(c ?? '', widths[i])))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------

const children = [];
function stopChildren() {
  for (const c of children) {
    if (c.exitCode === null && c.signalCode === null) {
      try {
        c.kill('SIGTERM');
      } catch {
        /* already gone */
      }
    }
  }
}
process.on('exit', stopChildren);
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    stopChildren();
    process.exit(130);
  });
}

function get(url) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', reject);
    req.setTimeout(2000, () => req.destroy(new Error('timeout')));
  });
}

async function serve(dist, port) {
  try {
    await get(`http://127.0.0.1:${port}/`);
    throw new Error(`port ${port} is already in use; set BENCH_PORT`);
  } catch (e) {
    if (String(e.message).startsWith('port')) throw e;
  }
  const child = spawn(process.execPath, [path.join(root, 'e2e/serve.mjs')], {
    env: { ...process.env, PORT: String(port), DIST: dist },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  for (let i = 0; i < 100; i += 1) {
    try {
      if ((await get(`http://127.0.0.1:${port}/`)) === 200) return child;
    } catch {
      /* not up yet */
    }
    await sleep(100);
  }
  throw new Error(`e2e/serve.mjs did not come up on port ${port}`);
}

// ---------------------------------------------------------------------------
// In-page instrumentation (added with addInitScript, before the app's own scripts)
// ---------------------------------------------------------------------------

function pageInstrumentation() {
  const b = {
    tKey: 0,
    tKeyStamp: 0,
    tClick: 0,
    tChange: 0,
    tAnchor: 0,
    wasm: null,
    pending: null,
  };
  window.__bench = b;
  // Tasks over 50 ms (the Long Tasks API): while one runs, input waits.
  b.longTasks = [];
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) b.longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    /* no Long Tasks API */
  }
  /** The longest task over 50 ms that started in [from, to], or 0. */
  b.longestTask = (from, to) =>
    b.longTasks.filter(([t]) => t >= from && t <= to).reduce((m, [, d]) => Math.max(m, d), 0);
  /**
   * From a requestAnimationFrame callback (its timestamp `ts`): posts a MessageChannel message,
   * which runs once that frame has been painted, and calls then(tPaint, ts, the time of the
   * callback) there.
   */
  b.postAfterFrame = (then, ts) => {
    const tFrame = performance.now();
    const ch = new MessageChannel();
    ch.port1.onmessage = () => then(performance.now(), ts, tFrame);
    ch.port2.postMessage(null);
  };
  // Capture listeners on window run before the app's listeners (on document, bubbling).
  addEventListener('keydown', (e) => {
    b.tKey = performance.now();
    b.tKeyStamp = e.timeStamp;
    if (b.traceMarks) performance.mark(`key ${e.key}`);
    // the first frame after the (last) key: its rAF timestamp, shared by every rAF callback of
    // that frame, so the probe can tell whether the change was in it
    const seq = (b.keySeq = (b.keySeq || 0) + 1);
    // This callback is the first of that frame (asked for before the app sees the key), so a
    // wait armed for this key that is already satisfied posts its message here, ahead of any
    // task the app queues from its own callbacks in the same frame (the list's re-fill, the
    // selected annotation's panel), which would otherwise run before it and be counted.
    b.keyFrameWaiters = [];
    b.keyFrameOpen = true;
    requestAnimationFrame((ts) => {
      if (b.keySeq === seq) {
        b.keyFrameTs = ts;
        b.keyFrameOpen = false;
      }
      for (const then of b.keyFrameWaiters.splice(0)) b.postAfterFrame(then, ts);
    });
  }, true);
  addEventListener('click', (e) => {
    // not the synthetic click on the app's hidden <a download>
    if (!(e.target instanceof HTMLAnchorElement && e.target.download)) b.tClick = performance.now();
  }, true);
  addEventListener('change', (e) => {
    if (e.target && e.target.type === 'file') b.tChange = performance.now();
  }, true);
  // Trunk's loader announces the wasm exports (including `memory`) with this event.
  addEventListener('TrunkApplicationStarted', (e) => {
    b.wasm = e.detail && e.detail.wasm;
  });
  // The app downloads by clicking a hidden <a download>: note when.
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function benchClick() {
    if (this.download) b.tAnchor = performance.now();
    return click.call(this);
  };

  // Element lookups are cached while the element stays in the document: an attribute selector
  // over 100,000 nodes costs milliseconds, and these run after every DOM mutation, inside the
  // measured time (a first version spent 20-40 ms per edit in querySelector here).
  const cache = {};
  const cached = (k, sel) => {
    let el = cache[k];
    if (!el || !el.isConnected) {
      el = document.querySelector(sel);
      cache[k] = el;
    }
    return el;
  };
  const body = () => cached('body', 'section[aria-label="Article"] .article-body');
  const list = () => cached('list', 'ul[aria-label="Annotations"]');
  const status = () => cached('status', '[role="status"]');
  const saveState = () => cached('save', '.save-state');
  // The list shows a window of its entries; the heading "Annotations (N)" gives them all.
  b.count = () => {
    const h = document.getElementById('annotations-heading');
    const m = h && /\((\d+)\)/.exec(h.textContent);
    return m ? Number(m[1]) : list() ? list().children.length : -1;
  };
  // Autosave: the header's indicator goes "Saving…" -> "Saved" 300 ms after the last change.
  b.saves = [];
  b.watchSaves = () => {
    const el = saveState();
    if (!el || b.saveObserver) return;
    b.saveObserver = new MutationObserver(() => {
      const t = performance.now();
      const text = el.textContent;
      const last = b.saves[b.saves.length - 1];
      // start: the last key before the save (the edit whose 300 ms wait it ended), not when
      // "Saving…" first showed: that stays up while edits keep coming less than 300 ms apart
      if (text.startsWith('Saving')) b.saves.push({ start: null, end: null });
      else if (text === 'Saved' && last && last.end === null) {
        last.start = b.tKey;
        last.end = t;
      }
    });
    b.saveObserver.observe(el, { subtree: true, childList: true, characterData: true });
  };
  /**
   * Waits until the autosave a change at `tChange` (ms, performance.now()) arms has run: 330 ms
   * after it, then while the indicator says "Saving…", then two frames. Edits are paced like this
   * so that one edit's autosave does not land inside the next edit's measured time.
   */
  b.idle = async (tChange) => {
    const wait = tChange + 330 - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const t0 = performance.now();
    while (saveState() && saveState().textContent.startsWith('Saving') && performance.now() - t0 < 10_000) {
      await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  };
  b.status = () => (status() ? status().textContent : '');
  /** { n: paragraphs shown, last: the last one } */
  b.paragraphs = () => {
    const el = body();
    if (!el) return { n: 0, last: null };
    let n = 0;
    let last = null;
    // Paragraphs sit in chunks of 32 (div.chunk), or directly in the body. A long paragraph is
    // drawn as several <p> layout blocks: those after its first have the class "cont".
    const para = (p) => (p.classList.contains('cont') ? 0 : 1);
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
      if (c.tagName === 'P') {
        n += para(c);
        last = c;
      } else if (c.classList.contains('chunk')) {
        for (let p = c.firstElementChild; p; p = p.nextElementSibling) n += para(p);
        last = c.lastElementChild || last;
      }
    }
    return { n, last };
  };

  /** Predicate from a plain description, evaluated after each DOM mutation. */
  b.predicate = (d) => {
    switch (d.kind) {
      case 'count': // the list has d.count entries and the status changed
        return () => b.count() === d.count && b.status() !== d.statusBefore;
      case 'status': // the status changed and contains d.includes (a string, or any of a list)
        return () => b.status() !== d.statusBefore && [].concat(d.includes).some((x) => b.status().includes(x));
      case 'changed': // the status changed at all
        return () => b.status() !== d.statusBefore;
      case 'listCurrent': // the list's current entry is the annotation selected in the article,
        // and the selected annotation's panel shows (both come in the task after the highlight's frame)
        return () => {
          const li = list() && list().querySelector('li[aria-current="true"]');
          const m = body() && body().querySelector('mark.selected[data-ann]');
          if (!document.querySelector('section.selection-panel')) return false;
          return !!(li && m && m.getAttribute('data-ann').split(' ').includes(li.getAttribute('data-id')));
        };
      case 'screen': // the article's text fills the window (or is all there), as for 'loaded'
      case 'loaded': // the article shows all d.paragraphs paragraphs, the last one holds d.lastWords
        return () => {
          const { n, last } = b.paragraphs();
          if (d.kind === 'screen') {
            // built paragraphs reach below the window's bottom edge (a layout, once per check)
            const full = n === d.paragraphs || (last && last.getBoundingClientRect().top > innerHeight);
            if (!full || !body().querySelector('p[data-o]')) return false;
          } else if (n !== d.paragraphs || !last.textContent.includes(d.lastWords)) return false;
          if (d.count != null && b.count() !== d.count) return false;
          // `includes`: a text, or a list of texts any of which will do
          if (d.includes && ![].concat(d.includes).some((t) => b.status().includes(t))) return false;
          if (d.statusBefore != null && b.status() === d.statusBefore) return false;
          return true;
        };
      default:
        throw new Error(`unknown predicate ${d.kind}`);
    }
  };

  /**
   * Arms a wait: resolves when the predicate holds after a DOM mutation, then at the first task
   * after the next frame: a requestAnimationFrame callback posts a MessageChannel message, which
   * runs once that frame (the one showing the change) has been painted. This is the usual "after
   * next paint" probe; an earlier version waited for a second rAF, which adds a whole frame
   * interval (about 17 ms) that is not the app's.
   * Result: { tFirstMut, tMatch, tPaint } in performance.now() ms, or { timeout: true }.
   */
  b.arm = (desc, timeout) => {
    const pred = b.predicate(desc);
    // optionally also when an earlier state (desc.early, a description) first shows: tEarly, and
    // tEarlyPaint after its frame, the same way
    const early = desc.early ? b.predicate(desc.early) : null;
    // optionally also when a later state (desc.late) shows: tLate, and tLatePaint after its
    // frame; the result waits for it (a timeout then still reports the main times)
    const late = desc.late ? b.predicate(desc.late) : null;
    const times = { tEarly: null, tEarlyPaint: null };
    // then(tPaint, the frame's rAF timestamp, when its rAF callbacks ran)
    // (in the first frame after a key, the key's own rAF callback posts it: see the keydown listener)
    const afterPaint = (then) =>
      b.keyFrameOpen ? b.keyFrameWaiters.push(then) : requestAnimationFrame((ts) => b.postAfterFrame(then, ts));
    b.pending = new Promise((resolve) => {
      let done = false;
      let tFirstMut = null;
      let main = null;
      let lateTimes = late ? null : {};
      let lateSeen = false;
      const settle = () => {
        if (!main || !lateTimes) return;
        mo.disconnect();
        clearTimeout(timer);
        resolve({ ...main, ...lateTimes, ...times });
      };
      const checkLate = (t) => {
        if (!late || lateSeen || !late()) return;
        lateSeen = true;
        afterPaint((tp) => {
          lateTimes = { tLate: t, tLatePaint: tp };
          settle();
        });
      };
      const finish = (tMatch) => {
        done = true;
        afterPaint((tPaint, frameTs, tFrame) => {
          main = { tFirstMut, tMatch, tPaint, frameTs, tFrame };
          settle();
        });
        checkLate(tMatch);
      };
      const mo = new MutationObserver(() => {
        const t = performance.now();
        if (done) {
          checkLate(t);
          return;
        }
        if (tFirstMut === null) tFirstMut = t;
        if (early && times.tEarly === null && early()) {
          times.tEarly = t;
          afterPaint((tp) => {
            times.tEarlyPaint = tp;
          });
        }
        if (pred()) finish(t);
      });
      mo.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      const timer = setTimeout(() => {
        mo.disconnect();
        if (!done) {
          done = true;
          resolve({ timeout: true, tFirstMut });
          return;
        }
        // the main state was seen: report it (now, or once its frame is painted) without the late one
        lateTimes = lateTimes || { lateTimeout: true };
        settle();
      }, timeout);
    });
    return true;
  };
}

/** Frame-time recorder: scrolls the page top to bottom in `ms`, one scrollBy per rAF. */
function scrollRun(ms) {
  return new Promise((resolve) => {
    const el = document.scrollingElement;
    window.scrollTo(0, 0);
    const total = el.scrollHeight - window.innerHeight;
    const deltas = [];
    let last = null;
    let start = null;
    const step = (ts) => {
      if (start === null) start = ts;
      if (last !== null) deltas.push(ts - last);
      last = ts;
      const elapsed = ts - start;
      // position proportional to time, so a slow frame jumps further (as a fling would)
      const want = Math.min(total, (total * elapsed) / ms);
      window.scrollBy(0, want - el.scrollTop);
      if (elapsed < ms && el.scrollTop < total) requestAnimationFrame(step);
      else resolve({ deltas, total, reached: el.scrollTop, duration: ts - start });
    };
    requestAnimationFrame(step);
  });
}

// ---------------------------------------------------------------------------
// Page helpers
// ---------------------------------------------------------------------------

async function newPage(browser, baseURL) {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    acceptDownloads: true,
  });
  // The paste is a real Ctrl+V from the clipboard (loadByPaste).
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
  });
  await page.addInitScript(pageInstrumentation);
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Article text' }).waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => window.__bench && window.__bench.wasm, null, { timeout: 30_000 });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return { context, page, cdp, problems };
}

/** Arms a wait in the page, runs `act`, and returns the in-page times. */
async function measure(page, desc, act, timeout = STEP_TIMEOUT) {
  await page.evaluate(([d, t]) => window.__bench.arm(d, t), [desc, timeout]);
  await act();
  const res = await withTimeout(
    page.evaluate(() => window.__bench.pending),
    timeout + 5000,
    `${desc.kind} in page`,
  );
  const b = await page.evaluate(() => ({
    tKey: window.__bench.tKey,
    tKeyStamp: window.__bench.tKeyStamp,
    keyFrameTs: window.__bench.keyFrameTs,
    tClick: window.__bench.tClick,
    tChange: window.__bench.tChange,
    tAnchor: window.__bench.tAnchor,
  }));
  return { ...res, ...b };
}

/**
 * Memory after a forced GC: the JS heap (performance.memory.usedJSHeapSize, precise with
 * --enable-precise-memory-info), the wasm linear memory (the `memory` export Trunk's loader passes
 * in the TrunkApplicationStarted event: memory.buffer.byteLength), and CDP Performance metrics
 * (DOM nodes, JS heap total).
 */
async function memory(page, cdp) {
  await page.evaluate(() => {
    if (typeof gc === 'function') {
      gc();
      gc();
    }
  });
  const m = await page.evaluate(() => ({
    jsHeapUsed: performance.memory ? performance.memory.usedJSHeapSize : null,
    jsHeapTotal: performance.memory ? performance.memory.totalJSHeapSize : null,
    wasmMemory: window.__bench.wasm && window.__bench.wasm.memory ? window.__bench.wasm.memory.buffer.byteLength : null,
  }));
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (n) => metrics.find((x) => x.name === n)?.value ?? null;
  return { ...m, domNodes: metric('Nodes'), jsEventListeners: metric('JSEventListeners') };
}

/** The article's last few words, as they appear in the last paragraph. */
function lastWordsOf(text) {
  const lastPara = text.split('\n').filter((l) => l.trim()).pop();
  return lastPara.split(' ').slice(-3).join(' ');
}

/**
 * A load's times from `t0` (the click or the change event): to the whole article's frame (`ms`),
 * to the DOM showing it (`domMs`), to the first screen's frame (`screenMs`), and the longest task
 * over 50 ms (else 0) between the two frames, and from `t0` to the whole article's frame (the
 * whole load: while any task runs, input waits).
 */
async function loadTimes(page, res, t0) {
  let longestTaskAfterScreen = null;
  await sleep(100); // long-task entries arrive a little after the task
  if (res.tEarlyPaint != null) {
    longestTaskAfterScreen = r1(
      await page.evaluate(([a, z]) => window.__bench.longestTask(a, z), [res.tEarlyPaint, res.tPaint]),
    );
  }
  const longestTaskLoading = r1(
    await page.evaluate(([a, z]) => window.__bench.longestTask(a, z), [t0, res.tPaint]),
  );
  return {
    ms: res.tPaint - t0,
    domMs: res.tMatch - t0,
    screenMs: res.tEarlyPaint == null ? null : res.tEarlyPaint - t0,
    longestTaskAfterScreen,
    longestTaskLoading,
  };
}

// The text goes in the way a person puts it there: copied to the clipboard, then Ctrl+V in the box
// (not timed). Playwright's fill() types it through the input method instead, which took Chromium
// 15 to 30 s for 100,000 words in a bare <textarea> too; a real paste of them takes 0.3 s.
async function loadByPaste(page, c) {
  const f0 = Date.now();
  const box = page.locator('textarea');
  await page.evaluate((t) => navigator.clipboard.writeText(t), c.text);
  await box.focus();
  await page.keyboard.press('Control+V');
  await page.waitForFunction((n) => document.querySelector('textarea').value.length === n, c.text.length, {
    timeout: 60_000,
  });
  const fillMs = Date.now() - f0;
  const res = await measure(
    page,
    {
      kind: 'loaded',
      paragraphs: c.paragraphs,
      lastWords: lastWordsOf(c.text),
      early: { kind: 'screen', paragraphs: c.paragraphs },
    },
    () => page.getByRole('button', { name: 'Annotate', exact: true }).click(),
    LOAD_TIMEOUT,
  );
  if (res.timeout) return { how: 'paste', timeout: true, fillMs };
  return { how: 'paste', ...(await loadTimes(page, res, res.tClick)), fillMs };
}

// Buttons are found by CSS + exact text, not getByRole: Playwright's role engine computes roles and
// names for the whole page, which takes tens of seconds at 100,000 DOM nodes (measured: a
// getByRole click on "Export JSON" spent 23 s before the pointerdown, the app 50 ms after it).
const importButton = (page) => page.locator('header.app-header button:text-is("Import")');
const exportButton = (page) => page.locator('button:text-is("Export JSON")');
/** Opens the Export menu (Export JSON is in it), not timed. */
async function openExportMenu(page) {
  const toggle = page.locator('button[aria-controls]:text-is("Export")');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await exportButton(page).waitFor({ state: 'visible' });
}

async function chooseFile(page, file) {
  const [fc] = await Promise.all([
    page.waitForEvent('filechooser'),
    importButton(page).click(),
  ]);
  await fc.setFiles(file);
}

/**
 * Import with the real file chooser (or, with `direct`, an ElementHandle of the app's file input,
 * by setting its files: no Playwright locator runs in the page during a profile); times from the file input's change
 * event to the painted frame showing the whole article, the list and a new "Opened" or
 * "Imported" status (so `file` must not be the one imported last: the status would not change).
 * The app says "Opened" as it shows an import, and "Imported" once it is also stored.
 */
async function loadByImport(page, c, file, { count, direct = null }) {
  const statusBefore = await page.evaluate(() => window.__bench.status());
  const wall0 = Date.now();
  const res = await measure(
    page,
    {
      kind: 'loaded',
      paragraphs: c.paragraphs,
      lastWords: lastWordsOf(c.text),
      count,
      includes: ['Opened “', 'Imported'],
      statusBefore,
      early: { kind: 'screen', paragraphs: c.paragraphs, count, includes: ['Opened “', 'Imported'], statusBefore },
    },
    () => (direct ? direct.setInputFiles(file) : chooseFile(page, file)),
    LOAD_TIMEOUT,
  );
  const wallMs = Date.now() - wall0;
  if (res.timeout) return { how: 'import', timeout: true };
  return { how: 'import', ...(await loadTimes(page, res, res.tChange)), wallMs };
}

/**
 * Picks a word somewhere in the article (paragraph chosen by a golden-ratio sequence, so tries
 * spread over the whole text), scrolls it into view and selects it with a DOM Range.
 */
async function selectWordAt(page, frac) {
  const word = await page.evaluate((f) => {
    const body = document.querySelector('section[aria-label="Article"] .article-body');
    const ps = body.querySelectorAll('p[data-o]');
    const p = ps[Math.min(ps.length - 1, Math.floor(f * ps.length))];
    p.scrollIntoView({ block: 'center' });
    const nodes = [];
    const w = document.createTreeWalker(p, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) =>
        n.parentElement.closest('[contenteditable="false"]') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
    });
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      if (/[A-Za-z]{3,}/.test(n.data)) nodes.push(n);
    }
    // Prefer plain (unhighlighted) text, so the new span is not an existing one.
    const plain = nodes.filter((n) => n.parentElement.tagName === 'SPAN');
    const pool = plain.length ? plain : nodes;
    const node = pool[Math.floor(((f * 7919) % 1) * pool.length)];
    const words = [...node.data.matchAll(/[A-Za-z]{3,}/g)];
    const m = words[Math.floor(((f * 104729) % 1) * words.length)];
    const r = document.createRange();
    r.setStart(node, m.index);
    r.setEnd(node, m.index + m[0].length);
    body.focus({ preventScroll: true });
    const s = getSelection();
    s.removeAllRanges();
    s.addRange(r);
    return m[0];
  }, frac);
  // The selection is done for a person once it shows: its frames (a scroll to a new place in a
  // large article can take 50 ms) are painted before the next key's wait starts. Counting from
  // the selection call instead put keys within Chromium's window of regular frames after them:
  // up to a frame interval of wait that the page did not cause (bench/README, "Choices measured").
  await settle(page);
  inputDone();
  return word;
}

const settle = (page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/**
 * One round of edits at one place: create (1), relabel (3), delete (Delete), undo (Ctrl+Z),
 * redo (Ctrl+Y). Each is timed from the keydown (performance.now() in a capture listener) to two
 * rAFs after the DOM shows the result. Returns { word, create: {ms, domMs, inputMs}, ...,
 * skipped: {step: status}, failures: [..] }; { noop } when the create changed nothing. Throws only
 * when the page stops answering.
 */
async function editRound(page, frac, random, { pace = false } = {}) {
  const out = { skipped: {}, failures: [] };
  out.word = await selectWordAt(page, frac);
  const status = () => withTimeout(page.evaluate(() => window.__bench.status()), 20_000, 'page unresponsive');
  const count = () => withTimeout(page.evaluate(() => window.__bench.count()), 20_000, 'page unresponsive');
  const step = async (name, key, desc, ok) => {
    const statusBefore = await status();
    const res = await measureKey(page, { ...desc, statusBefore }, key, random);
    if (res.timeout) {
      out.failures.push(`${name}: no expected change within ${STEP_TIMEOUT} ms (status "${await status()}")`);
      return false;
    }
    if (ok && !(await ok())) {
      out.skipped[name] = await status();
      return false;
    }
    out[name] = {
      ms: res.tPaint - res.tKey, // keydown handler -> painted frame
      domMs: res.tMatch - res.tKey, // keydown handler -> DOM shows the result
      inputMs: res.tPaint - res.tKeyStamp, // including the time the key waited in the queue
      // shown in the first frame after the key (not a later one), and that frame's own work:
      // from its rAF callbacks to after its paint
      nextFrame: res.frameTs === res.keyFrameTs,
      frameMs: res.tPaint - res.tFrame,
      // with desc.late: key -> the later state painted too
      lateMs: res.tLatePaint != null ? res.tLatePaint - res.tKey : null,
    };
    // Pacing: after a slow step the next key would arrive while this step's autosave timer is
    // due, and the save would land in the next measurement. A person's edits are further apart.
    if (pace || res.tPaint - res.tKey > 50) {
      await withTimeout(page.evaluate((t) => window.__bench.idle(t), res.tMatch), 30_000, 'page unresponsive (idle)');
    }
    return true;
  };
  const n0 = await count();
  // also timed: until the annotations list holds the new annotation as its current entry (the
  // list follows in the task after the frame that shows the highlight)
  const listed = { kind: 'listCurrent' };
  if (!(await step('create', '1', { kind: 'changed', late: listed }, async () => (await count()) === n0 + 1))) {
    if (out.failures.length) return out;
    return { word: out.word, noop: out.skipped.create };
  }
  // Relabel needs no text selection: the app leaves a caret (or nothing) after creating.
  await page.evaluate(() => {
    const s = getSelection();
    if (s && !s.isCollapsed) s.collapseToEnd();
  });
  // (refused when a claim with the same span exists: then it is skipped, not timed)
  await step('relabel', '3', { kind: 'changed' }, async () => (await status()).includes('Relabelled'));
  if (!(await step('delete', 'Delete', { kind: 'count', count: n0 }))) return out;
  if (!(await step('undo', 'Control+z', { kind: 'count', count: n0 + 1 }))) return out;
  await step('redo', 'Control+y', { kind: 'count', count: n0 });
  return out;
}

/**
 * The probe's floor: the same edit rounds, measured the same way, on a page that does almost
 * nothing (a key changes one status line). What it measures is the browser's own frame
 * scheduling: a change made just after a frame began waits for the next one (up to 16.7 ms at
 * 60 Hz) however little work it takes. The app's figures above cannot be below this.
 */
const FLOOR_HTML = `<!doctype html><meta charset="utf-8"><title>floor</title>
<main><div role="status">ready</div><section aria-label="Article"><div class="article-body" tabindex="0">
${Array.from({ length: 40 }, (_, i) => `<p data-o="${i * 100}"><span>Paragraph ${i} holds some plain words for selecting.</span></p>`).join('\n')}
</div></section></main>
<script>let n = 0; addEventListener('keydown', (e) => { document.querySelector('[role=status]').textContent = 'Key ' + (++n) + ' ' + e.key; });</script>`;
/**
 * Empty page to interactive: from navigation start (performance.timeOrigin) to the frame that
 * first shows the app's paste screen (its "Article text" box; the wasm has started and
 * rendered), in a fresh browser context each round (nothing cached, no service worker), then
 * reloaded once in that context (the browser's cache and the app's service worker warm).
 */
async function emptyPageRounds(browser, baseURL, rounds) {
  const ready = () => {
    const mark = () => {
      if (window.__readyAt !== undefined || !document.querySelector('textarea')) return;
      window.__readyAt = null;
      requestAnimationFrame(() => requestAnimationFrame(() => (window.__readyAt = performance.now())));
    };
    new MutationObserver(mark).observe(document, { childList: true, subtree: true });
  };
  const cold = [];
  const warm = [];
  for (let i = 0; i < rounds; i += 1) {
    const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(ready);
    for (const into of [cold, warm]) {
      await (into === cold ? page.goto('/') : page.reload());
      await page.waitForFunction(() => typeof window.__readyAt === 'number', null, { timeout: 30_000 });
      into.push(await page.evaluate(() => window.__readyAt));
      await sleep(300); // let the service worker finish installing before the reload
    }
    await context.close();
  }
  return { cold: stats(cold), warm: stats(warm) };
}

async function floorRounds(browser, baseURL, rounds) {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.route('**/__floor.html', (route) => route.fulfill({ contentType: 'text/html', body: FLOOR_HTML }));
    await page.addInitScript(pageInstrumentation);
    await page.goto('/__floor.html');
    const ms = [];
    const next = [];
    const random = rng(1);
    for (let i = 0; i < rounds; i += 1) {
      await selectWordAt(page, (0.5 + i * 0.6180339887) % 1);
      for (const key of ['1', '3', 'Delete', 'Control+z', 'Control+y']) {
        const statusBefore = await page.evaluate(() => window.__bench.status());
        const res = await measureKey(page, { kind: 'changed', statusBefore }, key, random);
        if (!res.timeout) {
          ms.push(res.tPaint - res.tKey);
          next.push(res.frameTs === res.keyFrameTs);
        }
      }
    }
    const st = stats(ms);
    return { n: st.n, p50: r1(st.p50), p95: r1(st.p95), max: r1(st.max), nextFramePct: pctTrue(next) };
  } finally {
    await withTimeout(context.close(), 30_000, 'close context').catch(() => {});
  }
}

async function cpuProfile(cdp, fn) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await fn();
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.send('Profiler.disable');
  return profile;
}

/** Rust symbols without the hash suffix and crate disambiguators; long ones cut in the middle. */
function shortName(n) {
  let x = n.replace(/::h[0-9a-f]{16}(\.\d+)?$/, '').replace(/\[[0-9a-f]{16}\]/g, '');
  if (x.length > 110) x = `${x.slice(0, 50)}…${x.slice(-59)}`;
  return x;
}

/** A frame of the app's own crates (article_annotator, annotator_core), by its Rust name. */
const APP_FRAME = /^<?(article_annotator|annotator_core)::/;

/**
 * Self time per function (name + script), per kind (wasm, JS, browser builtins, ...), and per
 * nearest app function: each sample is charged to the innermost frame of the app's own crates on
 * its stack (so yew, alloc and hashbrown time lands on the app code that called it); samples with
 * no app frame are charged to "yew/runtime: <self function>" or the kind.
 */
function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const ch of n.children || []) parent.set(ch, n.id);
  const self = new Map();
  const kinds = new Map();
  const app = new Map();
  for (let i = 0; i < profile.samples.length; i += 1) {
    const node = byId.get(profile.samples[i]);
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const cf = node.callFrame;
    let owner = null;
    for (let id = node.id; id !== undefined && !owner; id = parent.get(id)) {
      const f = byId.get(id).callFrame;
      if (f.url.endsWith('.wasm') && APP_FRAME.test(f.functionName)) owner = shortName(f.functionName);
    }
    if (!owner) owner = cf.url.endsWith('.wasm') ? `(no app frame) ${shortName(cf.functionName)}` : cf.url ? '(JS)' : cf.functionName || '(anonymous)';
    app.set(owner, (app.get(owner) || 0) + dt);
    const script = cf.url ? path.basename(cf.url.split('?')[0]) : '';
    const fn = cf.functionName || '(anonymous)';
    const key = `${fn}\t${script}`;
    self.set(key, (self.get(key) || 0) + dt);
    const kind = script.endsWith('.wasm')
      ? 'wasm'
      : script
        ? 'JS'
        : /^\((program|idle|garbage collector|root)\)$/.test(fn)
          ? fn
          : 'browser builtins (DOM API calls)';
    kinds.set(kind, (kinds.get(kind) || 0) + dt);
  }
  const total = [...self.values()].reduce((x, y) => x + y, 0);
  const pct = (ms) => r1((100 * ms) / total);
  return {
    totalMs: total,
    kinds: [...kinds.entries()].sort((x, y) => y[1] - x[1]).map(([kind, ms]) => ({ kind, selfMs: r1(ms), pct: pct(ms) })),
    app: [...app.entries()].sort((x, y) => y[1] - x[1]).map(([fn, ms]) => ({ function: fn, ms: r1(ms), pct: pct(ms) })),
    top: [...self.entries()]
      .sort((x, y) => y[1] - x[1])
      .map(([k, ms]) => {
        const [fn, script] = k.split('\t');
        return { function: shortName(fn), script, selfMs: r1(ms), pct: pct(ms) };
      }),
  };
}

/**
 * Main-thread self time per trace event name (devtools.timeline): how much went to script
 * (FunctionCall, v8.*), style (UpdateLayoutTree), layout, paint, GC ... while `fn` ran.
 */
async function traceBreakdown(browser, page, fn) {
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'],
  });
  await fn();
  const buf = await browser.stopTracing();
  const events = JSON.parse(buf.toString()).traceEvents || [];
  const mains = events
    .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
    .map((e) => `${e.pid}:${e.tid}`);
  const busy = new Map();
  for (const e of events) {
    const k = `${e.pid}:${e.tid}`;
    if (e.ph === 'X' && mains.includes(k)) busy.set(k, (busy.get(k) || 0) + (e.dur || 0));
  }
  const main = [...busy.entries()].sort((x, y) => y[1] - x[1])[0]?.[0];
  const xs = events
    .filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main && e.dur != null)
    .sort((x, y) => x.ts - y.ts || y.dur - x.dur);
  const self = new Map();
  const stack = [];
  let topLevel = 0;
  for (const e of xs) {
    while (stack.length && stack[stack.length - 1].end <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.self -= e.dur;
    else topLevel += e.dur;
    const node = { name: e.name, end: e.ts + e.dur, self: e.dur };
    stack.push(node);
    self.set(node, true);
  }
  const byName = new Map();
  for (const node of self.keys()) byName.set(node.name, (byName.get(node.name) || 0) + node.self / 1000);
  const busyMs = topLevel / 1000;
  return {
    mainThreadBusyMs: r1(busyMs),
    all: [...byName.entries()].map(([name, ms]) => ({ event: name, selfMs: ms })),
  };
}

/** Sums selfTimes() results of several profiles (ms per function / kind), and divides by n. */
function mergeSelfTimes(list) {
  const n = list.length;
  const fns = new Map();
  const kinds = new Map();
  const app = new Map();
  let total = 0;
  for (const st of list) {
    total += st.totalMs;
    for (const t of st.app) app.set(t.function, (app.get(t.function) || 0) + t.ms);
    for (const t of st.allTop) fns.set(`${t.function}\t${t.script}`, (fns.get(`${t.function}\t${t.script}`) || 0) + t.selfMs);
    for (const k of st.kinds) kinds.set(k.kind, (kinds.get(k.kind) || 0) + k.selfMs);
  }
  const pct = (ms) => r1((100 * ms) / total);
  return {
    totalMs: total / n,
    kinds: [...kinds.entries()].sort((x, y) => y[1] - x[1]).map(([kind, ms]) => ({ kind, selfMs: r1(ms / n), pct: pct(ms) })),
    app: [...app.entries()]
      .sort((x, y) => y[1] - x[1])
      .map(([fn, ms]) => ({ function: fn, ms: r1(ms / n), pct: pct(ms) })),
    top: [...fns.entries()]
      .sort((x, y) => y[1] - x[1])
      .slice(0, 25)
      .map(([k, ms]) => {
        const [fn, script] = k.split('\t');
        return { function: fn, script, selfMs: r1(ms / n), pct: pct(ms) };
      }),
  };
}

/** Averages traceBreakdown() results. */
function mergeTraces(list) {
  const n = list.length;
  const by = new Map();
  for (const t of list) for (const e of t.all) by.set(e.event, (by.get(e.event) || 0) + e.selfMs);
  const busy = list.reduce((a, t) => a + t.mainThreadBusyMs, 0) / n;
  return {
    n,
    ms: r1(list.reduce((a, t) => a + t.ms, 0) / n),
    mainThreadBusyMs: r1(busy),
    top: [...by.entries()]
      .sort((x, y) => y[1] - x[1])
      .slice(0, 12)
      .map(([event, ms]) => ({ event, selfMs: r1(ms / n), pct: r1((100 * ms) / n / busy) })),
  };
}

/**
 * Where the time goes at the largest case: CPU profiles (CDP Profiler, 100 µs sampling) of
 * PROFILE_N creates, deletes and imports, and main-thread trace breakdowns (devtools.timeline)
 * of as many more; averaged per action. Selection and pacing happen outside the recorded windows;
 * imports set the file input directly (no Playwright locator runs in the page meanwhile).
 */
const PROFILE_N = 4;
async function profileEdits(browser, baseURL, c, distLabel) {
  const { context, page, cdp } = await newPage(browser, baseURL);
  try {
    const n = c.doc.annotations.length;
    const input = await page.$('input[type="file"][aria-label="Import file"]');
    // the first import (load -> interactive) under the profiler; traced below in a fresh page
    let loadMs;
    const loadProfile = await cpuProfile(cdp, async () => {
      const r = await loadByImport(page, c, c.file, { count: n, direct: input });
      if (r.timeout) throw new Error('timeout: load while profiling');
      loadMs = r.ms;
    });
    await page.evaluate(() => window.__bench.watchSaves());
    await editRound(page, 0.31, rng(7), { pace: true }); // warm-up
    const idle = () => page.evaluate(() => window.__bench.idle(performance.now() - 1000));
    const random = rng(7);
    const key = async (k) => {
      const sb = await page.evaluate(() => window.__bench.status());
      const t = await measureKey(page, { kind: 'changed', statusBefore: sb }, k, random);
      if (t.timeout) throw new Error(`timeout: ${k} while profiling`);
      return { ms: t.tPaint - t.tKey, tMatch: t.tMatch };
    };
    let copy = 0;
    const importCopy = async () => {
      const f = path.join(OUT_DIR, `profile-import-copy-${copy++ % 2}.json`);
      writeFileSync(f, readFileSync(c.file));
      const r = await loadByImport(page, c, f, { count: n, direct: input });
      if (r.timeout) throw new Error('timeout: import while profiling');
      return { ms: r.ms };
    };
    const rec = { load: { p: [], t: [] }, create: { p: [], t: [] }, delete: { p: [], t: [] }, import: { p: [], t: [] } };
    const files = {};
    {
      const st = selfTimes(loadProfile);
      rec.load.p.push({ ...st, allTop: st.top, ms: loadMs });
      const file = path.join(OUT_DIR, `profile-load-${c.words.length}w-${n}a.cpuprofile`);
      writeFileSync(file, JSON.stringify(loadProfile));
      files.load = path.relative(root, file);
    }
    const record = async (name, kind, i, run) => {
      await idle();
      let r;
      if (kind === 'p') {
        const profile = await cpuProfile(cdp, async () => {
          r = await run();
        });
        const st = selfTimes(profile);
        rec[name].p.push({ ...st, allTop: st.top, ms: r.ms });
        if (i === 0) {
          const file = path.join(OUT_DIR, `profile-${name}-${c.words.length}w-${n}a.cpuprofile`);
          writeFileSync(file, JSON.stringify(profile));
          files[name] = path.relative(root, file);
        }
      } else {
        const tr = await traceBreakdown(browser, page, async () => {
          r = await run();
        });
        rec[name].t.push({ ...tr, ms: r.ms });
      }
    };
    for (let i = 0; i < 2 * PROFILE_N; i += 1) {
      const kind = i < PROFILE_N ? 'p' : 't';
      await selectWordAt(page, (0.77 + i * 0.6180339887) % 1);
      await record('create', kind, i % PROFILE_N, () => key('1'));
      await record('delete', kind, i % PROFILE_N, () => key('Delete'));
    }
    for (let i = 0; i < 2 * PROFILE_N; i += 1) {
      await record('import', i < PROFILE_N ? 'p' : 't', i % PROFILE_N, importCopy);
    }
    {
      const fresh = await newPage(browser, baseURL);
      try {
        const input2 = await fresh.page.$('input[type="file"][aria-label="Import file"]');
        let ms;
        const tr = await traceBreakdown(browser, fresh.page, async () => {
          ms = (await loadByImport(fresh.page, c, c.file, { count: n, direct: input2 })).ms;
        });
        rec.load.t.push({ ...tr, ms });
      } finally {
        await withTimeout(fresh.context.close(), 30_000, 'close context').catch(() => {});
      }
    }
    const out = {};
    for (const name of Object.keys(rec)) {
      const m = mergeSelfTimes(rec[name].p);
      out[name] = {
        n: rec[name].p.length,
        ms: r1(rec[name].p.reduce((a, x) => a + x.ms, 0) / rec[name].p.length),
        profiledMs: r1(m.totalMs),
        file: files[name],
        kinds: m.kinds,
        app: m.app,
        top: m.top,
        trace: mergeTraces(rec[name].t),
      };
    }
    const named = out.create.top.some((t) => t.script.endsWith('.wasm') && !/^(\$?func\d+|wasm-function\[\d+\]|\$\d+)$/.test(t.function));
    return { dist: distLabel, wasmNamed: named, ...out };
  } finally {
    await withTimeout(context.close(), 30_000, 'close context').catch(() => {});
  }
}

// ---------------------------------------------------------------------------
// One case
// ---------------------------------------------------------------------------

async function runCase(browser, baseURL, c) {
  const res = {
    words: c.words.length,
    annotations: c.doc.annotations.length,
    paragraphs: c.paragraphs,
    oneParagraph: c.oneParagraph,
    characters: c.characters,
    fileBytes: c.bytes,
    load: null,
    memory: {},
    scroll: null,
    edits: {},
    export: null,
    reimport: null,
    notes: [],
  };
  const { context, page, cdp, problems } = await newPage(browser, baseURL);
  try {
    res.memory.empty = await memory(page, cdp);
    // The load starts once the page has settled, as a person's paste or file pick would: the
    // browser goes on with the page's start (compiling the wasm, installing the service worker)
    // for about half a second after the page is interactive, and on 2 cores an import started
    // within it ran 1.5x slower (bench/README, "Opening right after the page"). The empty page's
    // own time to interactive is measured apart.
    await sleep(SETTLE_MS);
    // Load: paste for an article without annotations, import for the others
    try {
      res.load =
        res.annotations === 0
          ? await loadByPaste(page, c)
          : await loadByImport(page, c, c.file, { count: res.annotations });
    } catch (e) {
      res.load = { timeout: true, error: e.message };
    }
    log(
      `  load (${res.load.how ?? '?'}): ${res.load.timeout ? 'timeout' : `first screen ${fmtMs(res.load.screenMs)} ms, whole ${fmtMs(res.load.ms)} ms, longest task ${fmtMs(res.load.longestTaskLoading)} ms`}`,
    );
    if (res.load.timeout) {
      res.notes.push('load timed out: nothing else measured');
      return res;
    }
    await settle(page);
    await page.evaluate(() => window.__bench.watchSaves());
    res.memory.loaded = await memory(page, cdp);

    // Scrolling, top to bottom, one scrollBy per frame
    try {
      const s = await withTimeout(page.evaluate(scrollRun, CFG.scrollMs), CFG.scrollMs + 60_000, 'scroll');
      res.scroll = {
        frames: s.deltas.length,
        over20ms: s.deltas.filter((d) => d > 20).length,
        maxFrameMs: r1(Math.max(0, ...s.deltas)),
        p95FrameMs: r1(quantile(s.deltas, 0.95)),
        durationMs: r1(s.duration),
        scrollPx: Math.round(s.total),
        reachedBottom: s.reached >= s.total - 2,
      };
      await page.evaluate(() => window.scrollTo(0, 0));
      await settle(page);
    } catch (e) {
      res.scroll = { timeout: true, error: e.message };
    }
    log(`  scroll: ${res.scroll.timeout ? 'timeout' : `${res.scroll.over20ms}/${res.scroll.frames} frames > 20 ms`}`);

    // Edits: rounds of create, relabel, delete, undo, redo at places spread over the article
    const names = EDIT_ROWS.map(([k]) => k);
    const samples = Object.fromEntries(names.map((k) => [k, []]));
    const dom = Object.fromEntries(names.map((k) => [k, []]));
    const input = Object.fromEntries(names.map((k) => [k, []]));
    const next = Object.fromEntries(names.map((k) => [k, []]));
    const frame = Object.fromEntries(names.map((k) => [k, []]));
    const late = Object.fromEntries(names.map((k) => [k, []]));
    const t0 = Date.now();
    let noops = 0;
    let stopped = null;
    const failures = [];
    const skipped = {};
    const random = rng(0); // the same offsets in every case
    // BENCH_TRACE=prefix: a Chromium trace of the edit rounds (prefix-WORDSxANN.json), with a
    // user-timing mark "key K" at each keydown and the timed steps in order beside it
    // (prefix-WORDSxANN-steps.json), to read what a slow press waited for.
    const traceSteps = [];
    if (process.env.BENCH_TRACE) {
      await page.evaluate(() => { window.__bench.traceMarks = true; });
      await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'toplevel', 'v8.execute', 'blink.user_timing', 'cc', 'viz', 'benchmark', 'input'] });
    }
    for (let i = 0; samples.create.length < CFG.tries && i < CFG.tries * 2; i += 1) {
      if (Date.now() - t0 > CFG.editBudgetMs) {
        stopped = `time budget (${CFG.editBudgetMs / 1000} s) reached after ${samples.create.length} rounds`;
        break;
      }
      const frac = (0.137 + i * 0.6180339887) % 1;
      let round;
      try {
        round = await editRound(page, frac, random);
      } catch (e) {
        stopped = e.message.split('\n')[0];
        break;
      }
      if (round.noop !== undefined) {
        noops += 1;
        continue;
      }
      for (const k of names) {
        if (round[k]) {
          traceSteps.push({ step: k, ...round[k] });
          samples[k].push(round[k].ms);
          dom[k].push(round[k].domMs);
          input[k].push(round[k].inputMs);
          next[k].push(round[k].nextFrame);
          frame[k].push(round[k].frameMs);
          if (round[k].lateMs != null) late[k].push(round[k].lateMs);
        }
      }
      for (const [k, v] of Object.entries(round.skipped)) skipped[k] = [...(skipped[k] || []), v];
      failures.push(...round.failures);
      if (failures.length >= 3) {
        stopped = `3 steps showed no expected change: ${failures.join('; ')}`;
        break;
      }
    }
    if (process.env.BENCH_TRACE) {
      const base = `${process.env.BENCH_TRACE}-${res.words}x${res.annotations}`;
      writeFileSync(`${base}.json`, await browser.stopTracing());
      writeFileSync(`${base}-steps.json`, JSON.stringify(traceSteps));
      log(`  trace: ${base}.json`);
    }
    for (const k of names) {
      res.edits[k] = {
        ...Object.fromEntries(Object.entries(stats(samples[k])).map(([a, b]) => [a, r1(b)])),
        domP50: r1(quantile(dom[k], 0.5)),
        domP95: r1(quantile(dom[k], 0.95)),
        inclInputP95: r1(quantile(input[k], 0.95)),
        // share of tries shown in the first frame after the key, in %
        nextFramePct: pctTrue(next[k]),
        frameP50: r1(quantile(frame[k], 0.5)),
        frameP95: r1(quantile(frame[k], 0.95)),
        ...(late[k].length ? { lateN: late[k].length, lateP50: r1(quantile(late[k], 0.5)), lateP95: r1(quantile(late[k], 0.95)) } : {}),
        samples: samples[k].map(r1),
        domSamples: dom[k].map(r1),
        frameSamples: frame[k].map(r1),
      };
    }
    res.edits.rounds = samples.create.length;
    const saves = await page.evaluate(() => window.__bench.saves.filter((x) => x.end !== null).map((x) => x.end - x.start));
    res.autosave = { n: saves.length, p50: r1(quantile(saves, 0.5)), p95: r1(quantile(saves, 0.95)), max: r1(saves.length ? Math.max(...saves) : null) };
    res.edits.seconds = r1((Date.now() - t0) / 1000);
    if (noops) res.notes.push(`${noops} create presses made no new annotation (span+label existed), retried elsewhere`);
    for (const [k, v] of Object.entries(skipped)) res.notes.push(`${v.length} ${k} presses refused and not timed (status: "${v[0]}")`);
    if (failures.length) res.notes.push(...failures.map((f) => `step failed: ${f}`));
    if (stopped) {
      res.edits.stopped = stopped;
      res.notes.push(`edits stopped: ${stopped}`);
    }
    log(
      `  edits: ${samples.create.length} rounds in ${res.edits.seconds} s; create p50/p95 ${fmtMs(res.edits.create.p50)}/${fmtMs(res.edits.create.p95)} ms` +
        (stopped ? ` (stopped: ${stopped})` : ''),
    );
    const hung = stopped && /^timeout/.test(stopped);
    if (hung) {
      res.notes.push('the page stopped answering: export and import not measured');
    } else {
      await sleep(400); // let the autosave timer (300 ms) fire, so its memory is counted too
      res.memory.edited = await memory(page, cdp);

      // Suggest (G): keydown -> the status line reports the suggestions, painted (not its
      // "Finding suggestions…" meanwhile). The rules run over the whole article in their worker,
      // started a second after the article opened, then the page makes the review.
      try {
        const statusBefore = await page.evaluate(() => window.__bench.status());
        const found = [' suggestions: ', ' suggestion: ', 'No new suggestions.'];
        const r = await measure(page, { kind: 'status', includes: found, statusBefore }, () =>
          page.keyboard.press('g'),
        );
        res.suggest = r.timeout ? { timeout: true } : { ms: r1(r.tPaint - r.tKey), domMs: r1(r.tMatch - r.tKey) };
        await page.keyboard.press('Escape');
        await settle(page);
        log(`  suggest: ${res.suggest.timeout ? 'timeout' : fmtMs(res.suggest.ms) + ' ms'}`);
      } catch (e) {
        res.suggest = { timeout: true, error: e.message };
      }

      // Export JSON: the click event in the page (epoch ms: performance.timeOrigin + now) -> the
      // download event in Node (Date.now(), same clock); and click -> the app clicking its
      // <a download> (in the page).
      try {
        await openExportMenu(page);
        let tDownload = 0;
        const w0 = Date.now();
        const [download] = await withTimeout(
          Promise.all([
            page.waitForEvent('download', { timeout: 60_000 }).then((d) => {
              tDownload = Date.now();
              return d;
            }),
            exportButton(page).click(),
          ]),
          65_000,
          'export',
        );
        const b = await page.evaluate(() => ({
          tClick: window.__bench.tClick,
          tAnchor: window.__bench.tAnchor,
          origin: performance.timeOrigin,
        }));
        const file = path.join(OUT_DIR, `export-${res.words}w-${res.annotations}a.json`);
        await download.saveAs(file);
        const exported = JSON.parse(readFileSync(file, 'utf8'));
        res.export = {
          ms: r1(tDownload - (b.origin + b.tClick)),
          inPageMs: r1(b.tAnchor - b.tClick),
          playwrightClickToDownloadMs: tDownload - w0,
          bytes: statSync(file).size,
          annotations: exported.annotations.length,
          file: path.relative(root, file),
        };
        log(`  export: ${fmtMs(res.export.ms)} ms (in page ${fmtMs(res.export.inPageMs)} ms)`);
        // Import the exported file: change event -> "Imported", the list and the article painted.
        try {
          const imp = await loadByImport(page, c, file, { count: exported.annotations.length });
          res.reimport = imp.timeout ? { timeout: true } : { ms: r1(imp.ms), domMs: r1(imp.domMs), wallMs: imp.wallMs };
        } catch (e) {
          res.reimport = { timeout: true, error: e.message };
        }
        log(`  import of the export: ${res.reimport.timeout ? 'timeout' : fmtMs(res.reimport.ms) + ' ms'}`);
      } catch (e) {
        res.export = { timeout: true, error: e.message };
      }
    }
    if (problems.length) res.notes.push(...problems.slice(0, 5).map((p) => `page: ${p}`));
    return res;
  } finally {
    await withTimeout(context.close(), 30_000, 'close context').catch(() => {});
  }
}

// ---------------------------------------------------------------------------
// Bundle
// ---------------------------------------------------------------------------

function bundle(dist) {
  const files = readdirSync(dist).filter((f) => /\.(wasm|js|css)$/.test(f));
  // The worker (annotator-worker*: the suggestion rules, other tools' readers and writers) is
  // not part of the page: the app starts it once an article is open. It is counted apart.
  const rows = files.map((f) => {
    const buf = readFileSync(path.join(dist, f));
    return {
      file: f,
      kind: f.startsWith('annotator-worker') ? 'worker' : path.extname(f).slice(1),
      raw: buf.length,
      gzip: zlib.gzipSync(buf, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
  const sum = (k, kinds) => rows.filter((r) => kinds.includes(r.kind)).reduce((a, r) => a + r[k], 0);
  return {
    files: rows,
    wasmJs: { raw: sum('raw', ['wasm', 'js']), gzip: sum('gzip', ['wasm', 'js']), brotli: sum('brotli', ['wasm', 'js']) },
    all: { raw: sum('raw', ['wasm', 'js', 'css']), gzip: sum('gzip', ['wasm', 'js', 'css']), brotli: sum('brotli', ['wasm', 'js', 'css']) },
    worker: { raw: sum('raw', ['worker']), gzip: sum('gzip', ['worker']), brotli: sum('brotli', ['worker']) },
  };
}

// ---------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------

const EDIT_ROWS = [
  ['create', 'create (select word, key 1)'],
  ['relabel', 'relabel (key 3)'],
  ['delete', 'delete (Delete)'],
  ['undo', 'undo (Ctrl+Z)'],
  ['redo', 'redo (Ctrl+Y)'],
];

function sizeTable(words, cases) {
  const cols = cases.map((c) => `${fmtN(c.annotations)} annotations`);
  const p = (s) => (s && s.n ? `${fmtMs(s.p50)} / ${fmtMs(s.p95)}` : 'n/a');
  const rows = [];
  rows.push([
    'load -> first screen shown, interactive (ms)',
    ...cases.map((c) =>
      !c.load ? 'n/a' : c.load.timeout || c.load.screenMs == null ? 'n/a' : `${c.load.how} ${fmtMs(c.load.screenMs)}`,
    ),
  ]);
  rows.push([
    '  longest task after the first screen (0: none > 50 ms)',
    ...cases.map((c) => (c.load && c.load.longestTaskAfterScreen != null ? fmtMs(c.load.longestTaskAfterScreen) : 'n/a')),
  ],
  [
    '  longest task of the whole load (0: none > 50 ms)',
    ...cases.map((c) => (c.load && c.load.longestTaskLoading != null ? fmtMs(c.load.longestTaskLoading) : 'n/a')),
  ]);
  rows.push([
    'load -> whole article built (ms)',
    ...cases.map((c) =>
      !c.load ? 'n/a' : c.load.timeout ? `${c.load.how ?? ''} timeout` : `${c.load.how} ${fmtMs(c.load.ms)}`,
    ),
  ]);
  for (const [k, label] of EDIT_ROWS) {
    rows.push([`${label} p50 / p95`, ...cases.map((c) => (c.edits[k] ? p(c.edits[k]) : 'n/a'))]);
  }
  rows.push(['  edits: rounds (tries each)', ...cases.map((c) => (c.edits.rounds != null ? String(c.edits.rounds) + (c.edits.stopped ? ' (stopped)' : '') : 'n/a'))]);
  rows.push(['  create, DOM only p50 / p95', ...cases.map((c) => (c.edits.create ? `${fmtMs(c.edits.create.domP50)} / ${fmtMs(c.edits.create.domP95)}` : 'n/a'))]);
  rows.push([
    '  shown in the first frame after the key (worst edit)',
    ...cases.map((c) => {
      const v = EDIT_ROWS.map(([k]) => [k, c.edits[k]?.nextFramePct]).filter(([, x]) => x != null);
      if (!v.length) return 'n/a';
      const [k, x] = v.reduce((a, b) => (b[1] < a[1] ? b : a));
      return `${x}% (${k})`;
    }),
  ]);
  rows.push(['  create, until the list holds it too p50 / p95', ...cases.map((c) => (c.edits.create?.lateP50 != null ? `${fmtMs(c.edits.create.lateP50)} / ${fmtMs(c.edits.create.lateP95)}` : 'n/a'))]);
  rows.push(['  create: that frame\'s own work p50 / p95', ...cases.map((c) => (c.edits.create?.frameP50 != null ? `${fmtMs(c.edits.create.frameP50)} / ${fmtMs(c.edits.create.frameP95)}` : 'n/a'))]);
  rows.push(['  create p95 incl. input queue', ...cases.map((c) => (c.edits.create ? fmtMs(c.edits.create.inclInputP95) : 'n/a'))]);
  rows.push([
    'autosave: last key -> "Saved" (300 ms wait + IndexedDB) p50 / p95',
    // Edits less than 300 ms apart: the debounced autosave waits for the last.
    ...cases.map((c) => (!c.autosave ? 'n/a' : c.autosave.n ? `${fmtMs(c.autosave.p50)} / ${fmtMs(c.autosave.p95)}` : 'none during the edits')),
  ]);
  rows.push([
    'scroll: frames > 20 ms / all',
    ...cases.map((c) => (!c.scroll ? 'n/a' : c.scroll.timeout ? 'timeout' : `${c.scroll.over20ms} / ${c.scroll.frames}`)),
  ]);
  rows.push(['scroll: worst frame (ms)', ...cases.map((c) => (!c.scroll || c.scroll.timeout ? 'n/a' : fmtMs(c.scroll.maxFrameMs)))]);
  rows.push([
    'suggest (G) -> suggestions painted',
    ...cases.map((c) => (!c.suggest ? 'n/a' : c.suggest.timeout ? 'timeout' : fmtMs(c.suggest.ms))),
  ]);
  rows.push([
    'export JSON click -> download',
    ...cases.map((c) => (!c.export ? 'n/a' : c.export.timeout ? 'timeout' : `${fmtMs(c.export.ms)} (page ${fmtMs(c.export.inPageMs)})`)),
  ]);
  rows.push([
    'import that file -> Imported',
    ...cases.map((c) => (!c.reimport ? 'n/a' : c.reimport.timeout ? 'timeout' : fmtMs(c.reimport.ms))),
  ]);
  rows.push(['machine load average (1 min) before / after', ...cases.map((c) => (c.loadavg1 ? c.loadavg1.join(' / ') : 'n/a'))]);
  const c0 = cases[0];
  const shape = c0.oneParagraph ? `one paragraph of ${fmtN(c0.characters)} characters` : `${c0.paragraphs} paragraphs`;
  return `${fmtN(words)} words (${shape}); times in ms, p50 / p95 over the rounds\n` + table(['', ...cols], rows);
}

/** Ours beside the peer's, per case, with the ratio ours / peer (under 1: ours is faster). */
function peerTable(cases) {
  const cs = cases.filter((c) => c.peer);
  const v = cs.find((c) => c.peer.version)?.peer.version ?? '?';
  const ratio = (a, b) => (a == null || b == null || !b ? 'n/a' : `${(a / b).toFixed(2)}×`);
  const rows = [];
  for (const c of cs) {
    const p = c.peer;
    const name = `${fmtN(c.words)} w × ${fmtN(c.annotations)} a`;
    if (p.error) {
      rows.push([name, `peer failed: ${p.error}`, '', '', '', '', '', '', '', '']);
      continue;
    }
    const ours = c.load && !c.load.timeout ? c.load : {};
    const oc = c.edits?.create;
    rows.push([
      name,
      fmtMs(ours.screenMs),
      fmtMs(p.load.ms),
      ratio(ours.screenMs, p.load.ms),
      fmtMs(ours.ms),
      ratio(ours.ms, p.load.ms),
      oc ? `${fmtMs(oc.p50)} / ${fmtMs(oc.p95)}` : 'n/a',
      `${fmtMs(p.create.p50)} / ${fmtMs(p.create.p95)}`,
      ratio(oc?.p95, p.create.p95),
      String(p.load.painted),
    ]);
  }
  return (
    `Ours beside the peer (@recogito/text-annotator ${v}, CSS highlight renderer, bench/peer.mjs), same browser run; ratio = ours / peer (under 1: ours faster)\n` +
    table(
      ['case', 'ours: load -> first usable screen', 'peer: load -> highlights painted', 'ratio', 'ours: whole article built', 'ratio (vs peer load)', 'ours: create p50 / p95', 'peer: create p50 / p95 (API)', 'ratio p95', 'peer: ranges painted'],
      rows,
    )
  );
}

function memoryTable(cases) {
  const rows = cases.map((c) => {
    const m = c.memory;
    const f = (x, k) => (x && x[k] != null ? String(MB(x[k])) : 'n/a');
    return [
      `${fmtN(c.words)} w x ${fmtN(c.annotations)} a`,
      f(m.empty, 'jsHeapUsed'),
      f(m.loaded, 'jsHeapUsed'),
      f(m.edited, 'jsHeapUsed'),
      f(m.empty, 'wasmMemory'),
      f(m.loaded, 'wasmMemory'),
      f(m.edited, 'wasmMemory'),
      m.loaded && m.edited ? `${MB(m.loaded.jsHeapUsed + m.loaded.wasmMemory)} / ${MB(m.edited.jsHeapUsed + m.edited.wasmMemory)}` : 'n/a',
      m.loaded ? fmtN(m.loaded.domNodes) : 'n/a',
    ];
  });
  return table(
    ['case', 'JS heap MB: empty', 'loaded', 'edited', 'wasm MB: empty', 'loaded', 'edited', 'JS+wasm MB loaded / edited', 'DOM nodes'],
    rows,
  );
}

function bundleTable(b) {
  const kB = (x) => (x / 1000).toFixed(1);
  const rows = b.files.map((f) => [f.file, kB(f.raw), kB(f.gzip), kB(f.brotli)]);
  rows.push(['wasm + js', kB(b.wasmJs.raw), kB(b.wasmJs.gzip), kB(b.wasmJs.brotli)]);
  rows.push(['wasm + js + css', kB(b.all.raw), kB(b.all.gzip), kB(b.all.brotli)]);
  if (b.worker?.raw) rows.push(['the worker (suggestions, other tools\' files), once an article is open', kB(b.worker.raw), kB(b.worker.gzip), kB(b.worker.brotli)]);
  return table(['file', 'raw kB', 'gzip -9 kB', 'brotli 11 kB'], rows);
}

function targetsTable(results) {
  // bench/README's targets are taken at the largest of the SIZES cases (the book and the long
  // paragraphs have their own rows below)
  const sized = results.cases.filter((c) => SIZES.includes(c.words) && !c.oneParagraph);
  const biggest = [...sized].sort((a, b) => b.words - a.words || b.annotations - a.annotations)[0];
  const paste = [...results.cases].filter((c) => c.load?.how === 'paste').sort((a, b) => b.words - a.words)[0];
  const worst = (xs) => (xs.length ? Math.max(...xs) : null);
  const rows = [];
  const verdict = (v, t) => (v == null ? 'n/a' : v <= t ? 'meets' : 'misses');
  if (biggest) {
    const p95s = EDIT_ROWS.map(([k]) => biggest.edits[k]?.p95).filter((x) => x != null);
    const w = worst(p95s);
    rows.push([
      `every edit p95 <= ${TARGETS.editP95Ms} ms (${fmtN(biggest.words)} w x ${fmtN(biggest.annotations)} a)`,
      w == null ? 'n/a' : `worst p95 ${fmtMs(w)} ms`,
      verdict(w, TARGETS.editP95Ms),
    ]);
    if (results.floor) {
      rows.push([
        '  the same probe on a page doing nothing (floor)',
        `p95 ${fmtMs(results.floor.p95)} ms`,
        verdict(results.floor.p95, TARGETS.editP95Ms),
      ]);
    }
    if (biggest.load && biggest.load.how === 'import') {
      const v = biggest.load.timeout ? null : biggest.load.screenMs;
      rows.push([
        `import into the empty app <= ${TARGETS.exportImportMs} ms (${fmtN(biggest.words)} w x ${fmtN(biggest.annotations)} a)`,
        v == null ? 'timeout' : `${fmtMs(v)} ms (whole ${fmtMs(biggest.load.ms)})`,
        verdict(v, TARGETS.exportImportMs),
      ]);
    }
  }
  if (paste) {
    const v = paste.load.timeout ? null : paste.load.screenMs;
    rows.push([
      `paste -> interactive <= ${TARGETS.pasteMs} ms (${fmtN(paste.words)} w)`,
      v == null ? 'timeout' : `${fmtMs(v)} ms (whole ${fmtMs(paste.load.ms)})`,
      verdict(v, TARGETS.pasteMs),
    ]);
  }
  const ex = worst(results.cases.map((c) => c.export?.ms).filter((x) => x != null));
  const im = worst(results.cases.map((c) => c.reimport?.ms).filter((x) => x != null));
  rows.push([`export <= ${TARGETS.exportImportMs} ms (worst case)`, ex == null ? 'n/a' : `${fmtMs(ex)} ms`, verdict(ex, TARGETS.exportImportMs)]);
  rows.push([`import of the export, same article shown <= ${TARGETS.exportImportMs} ms (worst case)`, im == null ? 'n/a' : `${fmtMs(im)} ms`, verdict(im, TARGETS.exportImportMs)]);
  const mem = worst(
    results.cases.flatMap((c) => ['loaded', 'edited'].map((k) => c.memory[k]).filter(Boolean).map((m) => m.jsHeapUsed + m.wasmMemory)),
  );
  rows.push([`JS heap + wasm memory <= ${TARGETS.memoryMB} MB (worst case)`, mem == null ? 'n/a' : `${MB(mem)} MB`, verdict(mem == null ? null : mem / 1048576, TARGETS.memoryMB)]);
  const gz = results.bundle.wasmJs.gzip / 1000;
  rows.push([`wasm + JS <= ${TARGETS.bundleGzKB} kB gzipped`, `${gz.toFixed(1)} kB`, verdict(gz, TARGETS.bundleGzKB)]);
  rows.push(...bigTargets(results, verdict, worst));
  return table(['target', 'measured', ''], rows, { align: ['l', 'r', 'l'] });
}

/** The rows of the targets for opening beside the peer, a whole book and long paragraphs. */
function bigTargets(results, verdict, worst) {
  const rows = [];
  const ms = (v) => (v == null ? 'n/a' : `${fmtMs(v)} ms`);
  const editP95 = (c) => worst(EDIT_ROWS.map(([k]) => c.edits?.[k]?.p95).filter((x) => x != null));
  const open = results.cases.find((c) => c.words === 100_000 && c.annotations === 9_900 && !c.oneParagraph);
  if (open?.peer?.load && open.load?.screenMs != null) {
    const r = open.load.screenMs / open.peer.load.ms;
    rows.push([
      'import -> first usable screen <= half the peer\'s load (100,000 w x 9,900 a)',
      `${fmtMs(open.load.screenMs)} vs ${fmtMs(open.peer.load.ms)} ms (${r.toFixed(2)}×)`,
      verdict(r, 0.5),
    ]);
    rows.push(['  whole article built <= 1,000 ms', ms(open.load.ms), verdict(open.load.ms, 1000)]);
  }
  const book = results.cases.find((c) => c.words >= 1_000_000 && !c.oneParagraph);
  if (book) {
    const name = `${fmtN(book.words)} w x ${fmtN(book.annotations)} a`;
    const l = book.load && !book.load.timeout ? book.load : {};
    rows.push([`book: first usable screen <= 500 ms (${name})`, ms(l.screenMs), verdict(l.screenMs, 500)]);
    rows.push(['  longest task while loading <= 200 ms', ms(l.longestTaskLoading), verdict(l.longestTaskLoading, 200)]);
    const e = editP95(book);
    rows.push(['  every edit p95 <= 16 ms', e == null ? 'n/a' : `worst p95 ${fmtMs(e)} ms`, verdict(e, 16)]);
    const sc = book.scroll && !book.scroll.timeout ? book.scroll.maxFrameMs : null;
    rows.push(['  scrolling: no frame over 50 ms', sc == null ? 'n/a' : `worst frame ${fmtMs(sc)} ms`, verdict(sc, 50)]);
    const mem = worst(['loaded', 'edited'].map((k) => book.memory[k]).filter(Boolean).map((m) => m.jsHeapUsed + m.wasmMemory));
    rows.push(['  JS heap + wasm memory <= 400 MB', mem == null ? 'n/a' : `${MB(mem)} MB`, verdict(mem == null ? null : mem / 1048576, 400)]);
  }
  for (const c of results.cases.filter((x) => x.oneParagraph)) {
    const e = editP95(c);
    rows.push([
      `one paragraph of ${fmtN(c.characters)} characters: every edit p95 <= 16 ms`,
      e == null ? 'n/a' : `worst p95 ${fmtMs(e)} ms`,
      verdict(e, 16),
    ]);
  }
  const gz = results.bundle.wasmJs.gzip / 1000;
  rows.push(['wasm + JS <= 250 kB gzipped (the lighter page)', `${gz.toFixed(1)} kB`, verdict(gz, 250)]);
  return rows;
}

function profileText(p) {
  if (!p) return 'CPU profile: not taken';
  if (p.error) return `CPU profile: failed (${p.error})`;
  const parts = [
    `Where the time goes at ${p.case} (${p.dist}; wasm function names ${p.wasmNamed ? 'present' : 'ABSENT: the release wasm has no name section'})`,
  ];
  const what = { load: 'import into the empty app (load -> whole article built)', create: 'create', delete: 'delete', import: 're-import of the same article' };
  for (const k of ['load', 'create', 'delete', 'import']) {
    const x = p[k];
    if (!x) continue;
    parts.push(
      '',
      `${what[k]}: ${fmtMs(x.ms)} ms to the painted frame (mean of ${x.n} profiled); ${fmtMs(x.profiledMs)} ms sampled each; profile: ${x.file}`,
      'CPU by kind: ' + x.kinds.map((t) => `${t.kind} ${fmtMs(t.selfMs)} ms`).join(', '),
      table(
        ['self ms', '%', 'function (self time, mean per action)', 'script'],
        x.top.slice(0, 10).map((t) => [fmtMs(t.selfMs), t.pct.toFixed(1), t.function, t.script.replace(/-[0-9a-f]{16}/, '')]),
        { align: ['r', 'r', 'l', 'l'] },
      ),
      table(
        ['ms', '%', 'charged to the nearest app function on the stack (mean per action)'],
        [
          ...x.app.filter((t) => APP_FRAME.test(t.function)).slice(0, 8).map((t) => [fmtMs(t.ms), t.pct.toFixed(1), t.function]),
          ...(() => {
            const rest = x.app.filter((t) => t.function.startsWith('(no app frame)'));
            const ms = rest.reduce((a, t) => a + t.ms, 0);
            return [[fmtMs(ms), rest.reduce((a, t) => a + t.pct, 0).toFixed(1), 'wasm with no app frame on the stack (yew rendering, allocator, ...)']];
          })(),
        ],
        { align: ['r', 'r', 'l'] },
      ),
      `main thread by trace event (self ms, mean of ${x.trace.n} traced, ${fmtMs(x.trace.ms)} ms each, main thread busy ${fmtMs(x.trace.mainThreadBusyMs)} ms): ` +
        x.trace.top.slice(0, 9).map((t) => `${t.event} ${fmtMs(t.selfMs)}`).join(', '),
    );
  }
  return parts.join('\n');
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

async function main() {
  if (!existsSync(path.join(DIST, 'index.html'))) {
    console.error(`No build in ${DIST}. Run: source scripts/env.sh && trunk build --release --offline --dist ${DIST}`);
    process.exit(2);
  }
  mkdirSync(OUT_DIR, { recursive: true });
  const results = {
    started: new Date().toISOString(),
    mode: QUICK ? 'quick' : 'full',
    config: { ...CFG, stepTimeoutMs: STEP_TIMEOUT, loadTimeoutMs: LOAD_TIMEOUT, viewport: '1280x900', targets: TARGETS },
    machine: {
      cpu: os.cpus()[0]?.model,
      cores: os.cpus().length,
      totalMemGB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
      platform: `${os.platform()} ${os.release()}`,
      node: process.version,
      loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100),
    },
    build: { dist: DIST },
    method: {
      edits:
        'keys pressed like a person (keyDown): each at least 100 ms after the previous input (the selection, the last key release, or the Control of a chord) plus a seeded random part of a frame interval, and released after the edit\'s frame; timed from keydown (performance.now() in a window capture listener) -> the first task after the next frame (a requestAnimationFrame callback posts a MessageChannel message; in the first frame after the key, the callback asked for in the keydown listener, which runs before any the app asked for, so a task the app queues from its own callbacks is not counted) after a MutationObserver on document.body sees the expected state (list count / status text); p50/p95 are nearest-rank; "DOM only" stops at the mutation; "incl. input queue" starts at KeyboardEvent.timeStamp; "shown in the first frame after the key": the probe\'s requestAnimationFrame timestamp equals that of one requested in the keydown listener; "that frame\'s own work": from the probe\'s requestAnimationFrame callback to its message; "until the list holds it too" (create): from the same keydown until the annotations list\'s current entry (aria-current) is the annotation selected in the article and the selected annotation\'s panel shows, + the next painted frame (the app re-fills the list and builds that panel in the task after the frame that shows the highlight)',
      floor: 'the edit probe, keys pressed the same way, on a page whose keydown handler changes one status line (floorRounds): the frame scheduling no page can beat',
      load: 'paste: click on Annotate (capture listener) -> all paragraphs rendered, last one holding the last words, + the next painted frame; import: file input change event -> the same + list count + status "Imported". "first screen": the same start -> the first DOM state whose built paragraphs reach below the window (or are all of them; for import also the count and status), + the next painted frame',
      scroll: 'one window.scrollBy per rAF, position proportional to time, top to bottom in config.scrollMs; frames = rAF timestamp deltas',
      export: 'Node wall clock from Playwright click to the download event; "page" = click -> the app calling <a download>.click()',
      memory: 'after gc() (--js-flags=--expose-gc): performance.memory.usedJSHeapSize (--enable-precise-memory-info) and the wasm linear memory size (memory export from the TrunkApplicationStarted event detail: wasm.memory.buffer.byteLength); DOM nodes from CDP Performance.getMetrics',
      bundle: 'node zlib gzip level 9 and brotli quality 11 of the dist files; "wasm + js" is what the page loads (with sw.js), the worker (annotator-worker*: suggestions, other tools\' files; started once an article is open) is counted apart',
      peer: '@recogito/text-annotator (bench/peer.mjs), CSS highlight renderer, page served from memory: load = JSON.parse of the paragraphs and spans, <p> per paragraph, a DOM Range per span, createTextAnnotator, setAnnotations -> the first painted frame whose CSS highlight registry holds ranges; create = addAnnotation (API, no selection handling) of a paragraph\'s first word, paragraphs spread like ours -> the first painted frame whose registry holds its range',
    },
    cases: [],
  };
  try {
    results.build.git = execFileSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD']).toString().trim();
    results.build.gitDirty = execFileSync('git', ['-C', root, 'status', '--porcelain', '--untracked-files=no']).toString().trim().split('\n').filter(Boolean).length;
  } catch {
    /* not a git checkout */
  }
  results.build.wasm = readdirSync(DIST).find((f) => f.endsWith('.wasm'));
  results.build.builtAt = statSync(path.join(DIST, 'index.html')).mtime.toISOString();
  results.bundle = bundle(DIST);

  const cases = [];
  if (ONLY) cases.push(...ONLY);
  else {
    for (const w of CFG.sizes) for (const a of ANN_COUNTS) if (keepCase(w, a)) cases.push([w, a, false]);
    if (!QUICK) cases.push(...LARGE);
  }
  CFG.sizes = [...new Set(cases.map(([w]) => w))];

  await serve(DIST, PORT);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROME_ARGS,
    headless: true,
  });
  results.machine.chromium = browser.version();
  try {
    results.floor = await withTimeout(floorRounds(browser, `http://127.0.0.1:${PORT}`, CFG.tries), 120_000, 'floor');
    log(`probe floor (a page that changes one line per key): p50/p95 ${fmtMs(results.floor.p50)}/${fmtMs(results.floor.p95)} ms over ${results.floor.n}`);
    results.emptyPage = await withTimeout(emptyPageRounds(browser, `http://127.0.0.1:${PORT}`, CFG.tries), 120_000, 'empty page');
    log(`empty page -> interactive: p50 ${fmtMs(results.emptyPage.cold.p50)} ms cold, ${fmtMs(results.emptyPage.warm.p50)} ms reloaded`);
    for (const [w, a, oneParagraph] of cases) {
      const c = writeCase(w, a, undefined, { oneParagraph });
      const load1 = os.loadavg()[0];
      log(`${fmtN(w)} words x ${fmtN(a)} annotations (${c.paragraphs} paragraphs, ${(c.bytes / 1e6).toFixed(2)} MB file; load average ${load1.toFixed(2)})`);
      let r;
      try {
        r = await runCase(browser, `http://127.0.0.1:${PORT}`, c);
      } catch (e) {
        r = { words: w, annotations: a, paragraphs: c.paragraphs, error: e.message, edits: {}, memory: {}, notes: [e.message] };
        log(`  failed: ${e.message}`);
      }
      if (PEER && SIZES.includes(w) && !oneParagraph) {
        log(`  peer: @recogito/text-annotator ${peerVersion()}`);
        r.peer = await runPeer(browser, c, { tries: CFG.tries });
        log(`  peer: ${r.peer.error ? `failed: ${r.peer.error}` : `load ${fmtMs(r.peer.load.ms)} ms, create p50/p95 ${fmtMs(r.peer.create.p50)}/${fmtMs(r.peer.create.p95)} ms`}`);
      }
      r.loadavg1 = [Math.round(load1 * 100) / 100, Math.round(os.loadavg()[0] * 100) / 100];
      results.cases.push(r);
      writeFileSync(RESULTS, JSON.stringify(results, null, 1));
    }
    if (PROFILE) {
      // the largest of the SIZES cases (else the last case run)
      const [w, a] = cases.findLast(([x, , one]) => SIZES.includes(x) && !one) ?? cases[cases.length - 1];
      const c = writeCase(w, a);
      let baseURL = `http://127.0.0.1:${PORT}`;
      let label = `release dist ${DIST}`;
      if (existsSync(path.join(NAMED_DIST, 'index.html'))) {
        const namedJs = readdirSync(NAMED_DIST).find((f) => f.endsWith('.js'));
        const distJs = readdirSync(DIST).find((f) => f.endsWith('.js'));
        if (namedJs === distJs) {
          await serve(NAMED_DIST, PORT + 1);
          baseURL = `http://127.0.0.1:${PORT + 1}`;
          label = `${NAMED_DIST}: same build, wasm-opt -Oz -g`;
        } else {
          log(`  ${NAMED_DIST} is from another build (${namedJs} vs ${distJs}); profiling the release dist`);
        }
      }
      log(`CPU profile at ${fmtN(w)} w x ${fmtN(a)} a (${label})`);
      try {
        results.profile = { case: `${fmtN(w)} w x ${fmtN(a)} a`, ...(await withTimeout(profileEdits(browser, baseURL, c, label), 240_000, 'profile')) };
      } catch (e) {
        results.profile = { error: e.message };
      }
    }
  } finally {
    await browser.close().catch(() => {});
    stopChildren();
  }
  results.finished = new Date().toISOString();
  results.machine.loadavgEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
  results.seconds = Math.round((Date.now() - t0Run) / 1000);
  writeFileSync(RESULTS, JSON.stringify(results, null, 1));

  console.log(report(results, RESULTS));
}

async function printOnly(file) {
  const f = file && !file.startsWith('--') ? path.resolve(file) : RESULTS;
  console.log(report(JSON.parse(readFileSync(f, 'utf8')), f));
}

// The tables printed at the end of a run; `node bench/run.mjs --print [FILE]` prints them again
// from a results file (bench/results.json by default) without running anything.
function report(results, file) {
  const m = results.machine;
  const out = [];
  out.push(
    `Article Annotator benchmark (${results.mode}), ${results.started}, ${results.seconds} s`,
    `machine: ${m.cpu}, ${m.cores} cores, ${m.totalMemGB} GB RAM, ${m.platform}; Chromium ${m.chromium}; node ${m.node}; load average ${m.loadavg.join(' ')} at start, ${m.loadavgEnd.join(' ')} at end`,
    `build: ${results.build.dist} (${results.build.wasm}, built ${results.build.builtAt}; git ${results.build.git ?? '?'}${results.build.gitDirty ? ` + ${results.build.gitDirty} modified tracked files` : ''})`,
    '',
  );
  // One table per article size, the large cases (the book, the long paragraphs) after the rest.
  for (const w of new Set(results.cases.map((c) => c.words))) {
    out.push(sizeTable(w, results.cases.filter((c) => c.words === w)), '');
  }
  if (results.cases.some((c) => c.peer)) out.push(peerTable(results.cases), '');
  if (results.emptyPage) {
    const e = results.emptyPage;
    out.push(
      `Empty page -> interactive (navigation start to the painted paste screen, ${e.cold.n} fresh tabs): ` +
        `p50 ${fmtMs(e.cold.p50)} ms (max ${fmtMs(e.cold.max)}) with nothing cached, p50 ${fmtMs(e.warm.p50)} ms (max ${fmtMs(e.warm.max)}) reloaded (cache and service worker warm)`,
      '',
    );
  }
  out.push('Memory (after gc)', memoryTable(results.cases), '');
  out.push('Bundle', bundleTable(results.bundle), '');
  out.push('Targets (reported, not enforced)', targetsTable(results), '');
  const notes = results.cases.flatMap((c) => (c.notes || []).map((n) => `${fmtN(c.words)} w x ${fmtN(c.annotations)} a: ${n}`));
  if (notes.length) out.push('Notes', ...notes.map((n) => `- ${n}`), '');
  out.push(profileText(results.profile), '');
  out.push(`results: ${path.relative(process.cwd(), file)}`);
  return out.join('\n');
}

const PRINT = process.argv.indexOf('--print');
const start = PRINT >= 0 ? printOnly(process.argv[PRINT + 1]) : main();
start.catch((e) => {
  console.error(e);
  stopChildren();
  process.exit(1);
});
