// What the one-off measuring scripts (edit-trace.mjs, ab.mjs, frame-commit.mjs, save-tasks.mjs) share:
// the release build served by e2e/serve.mjs, Debian's Chromium, and a file of ours imported and
// built before anything is measured.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Serves `dist` on `port`, opens the app in a fresh Chromium (`args` added to the e2e flags;
 * `bypassCSP` lets a measurement add a style sheet) and imports `file` through the Import
 * button, waiting until the whole article is built. `close()` ends the browser and the server.
 */
export async function openWithFile(file, { dist, port, viewport = { width: 1280, height: 900 }, args = [], bypassCSP = false }) {
  const server = spawn(process.execPath, [path.join(here, '..', 'e2e', 'serve.mjs')], {
    env: { ...process.env, PORT: String(port), DIST: dist },
    stdio: 'ignore',
  });
  const close = async () => {
    await browser?.close();
    server.kill();
  };
  let browser;
  try {
    await new Promise((r) => setTimeout(r, 500));
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...args] });
    const page = await browser.newPage({ viewport, bypassCSP });
    await page.goto(`http://127.0.0.1:${port}/`);
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.locator('header button', { hasText: /^Import/ }).first().click(),
    ]);
    await chooser.setFiles(file);
    await page.waitForFunction(
      () => document.querySelector('.article-body') && !document.querySelector('.article-body[aria-busy="true"]'),
      null,
      { timeout: 300_000 },
    );
    return { browser, page, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/**
 * What the label traces (edit-trace.mjs, key-trace.mjs) start from: the v1 file named on the
 * command line imported into the build at DIST (default /tmp/benchdist), served on PORT (default
 * `port`); the style sheet CSS and the script SCRIPT added if given (the page's CSP bypassed for
 * them), with the Chromium flags in ARGS; the page scrolled to the middle, then left 4 s for the
 * import's storing and the scroll's redraw. Also the trace categories they record (INV=1 adds
 * Chromium's invalidation tracking: what made style and layout dirty).
 */
export async function openForLabelTrace(script, port) {
  if (!process.argv[2]) throw new Error(`usage: node bench/${script} <v1 file>`);
  const opened = await openWithFile(process.argv[2], {
    dist: process.env.DIST || '/tmp/benchdist',
    port: Number(process.env.PORT || port),
    bypassCSP: true,
    // ARGS: Chromium flags added, e.g. ARGS=--js-flags=--no-wasm-lazy-compilation
    args: process.env.ARGS ? process.env.ARGS.split(' ') : [],
  });
  try {
    const { page } = opened;
    if (process.env.CSS) await page.addStyleTag({ content: process.env.CSS });
    if (process.env.SCRIPT) await page.evaluate(process.env.SCRIPT);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
    await page.waitForTimeout(4000);
  } catch (e) {
    await opened.close();
    throw e;
  }
  const categories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'toplevel', 'v8.execute'];
  if (process.env.INV) categories.push('disabled-by-default-devtools.timeline.invalidationTracking');
  return { ...opened, categories };
}

/**
 * Selects (with a DOM Range) a word of four letters or more that no highlight covers, in the
 * `i`-th paragraph in view (counting on to the next ones when it has none); false when no
 * paragraph in view has one.
 */
export function selectFreeWord(page, i) {
  return page.evaluate((i) => {
    const inView = [...document.querySelectorAll('.article-body p')].filter((el) => {
      const b = el.getBoundingClientRect();
      return b.top > 100 && b.bottom < 800;
    });
    for (let k = 0; k < inView.length; k++) {
      const walk = document.createTreeWalker(inView[(i + k) % inView.length], NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const m = /[A-Za-z]{4,}/.exec(n.data);
        if (m && !n.parentElement.closest('mark')) {
          const range = document.createRange();
          range.setStart(n, m.index);
          range.setEnd(n, m.index + m[0].length);
          getSelection().removeAllRanges();
          getSelection().addRange(range);
          return true;
        }
      }
    }
    return false;
  }, i);
}

/** A CPU profile's nodes by id, and each node's parent id. */
export function profileTree(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  return { byId, parent };
}

/** A profiled function's name without its hash, cut to its last `n` characters. */
export const shortName = (node, n = 90) => (node.callFrame.functionName || '?').replace(/::h[0-9a-f]{16}$/, '').slice(-n);

/**
 * Prints the main thread's busy stretches of a CPU profile (split at idle samples) over 2 ms:
 * when each starts, how long it is, and the five functions matching `match` (a RegExp or null)
 * with the most time in it, callees included.
 */
export function printBusyStretches(profile, match) {
  const { byId, parent } = profileTree(profile);
  let tm = profile.startTime;
  let cur = null;
  const stretches = [];
  for (let i = 0; i < profile.samples.length; i += 1) {
    tm += profile.timeDeltas[i];
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (byId.get(profile.samples[i]).callFrame.functionName === '(idle)') {
      if (cur) stretches.push(cur);
      cur = null;
      continue;
    }
    if (!cur) cur = { start: (tm - profile.startTime) / 1000, ms: 0, fns: new Map() };
    cur.ms += dt;
    const seen = new Set();
    for (let id = profile.samples[i]; id; id = parent.get(id)) {
      const m = byId.get(id);
      if (match && match.test(m.callFrame.functionName)) seen.add(shortName(m).split('::').slice(-2).join('::').slice(-60));
    }
    for (const k of seen) cur.fns.set(k, (cur.fns.get(k) || 0) + dt);
  }
  if (cur) stretches.push(cur);
  for (const k of stretches.filter((x) => x.ms > 2)) {
    const top = [...k.fns].sort((a, b) => b[1] - a[1]).slice(0, 5);
    console.log(`  @${k.start.toFixed(0).padStart(5)} ${k.ms.toFixed(1).padStart(6)} ms  ${top.map(([f, v]) => `${f} ${v.toFixed(1)}`).join(' | ')}`);
  }
}
