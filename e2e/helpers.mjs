// Shared helpers for the Article Annotator end-to-end tests.
//
// Offsets: the DOM contract gives every text segment of the Article region a
// `data-o` attribute = UTF-16 offset of the segment in the full (normalized)
// article text. Helpers here take UTF-16 offsets into that full text; the
// exported JSON uses Unicode code points, and `cp()` converts.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect } from '@playwright/test';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SCHEMA_PATH =
  process.env.E2E_SCHEMA || path.join(here, '..', 'schema', 'article-annotator.v1.schema.json');

export const LABELS = ['quote', 'speaker', 'claim', 'date'];

/**
 * The Playwright `test` with one addition: a test fails when the page logs an
 * uncaught exception or a console error (a Rust panic, a CSP violation, a
 * failed load, "preventDefault inside passive event listener", ...).
 */
export const test = base.extend({
  page: async ({ page }, use) => {
    const problems = [];
    page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console.error: ${m.text()} (${m.location().url})`);
    });
    await use(page);
    expect(problems, 'errors in the page console').toEqual([]);
  },
});
export { expect };

// ---------------------------------------------------------------------------
// Locators
// ---------------------------------------------------------------------------

export const article = (page) => page.getByRole('region', { name: 'Article' });
export const annotationList = (page) => page.getByRole('list', { name: 'Annotations' });
export const annotationItems = (page) => annotationList(page).getByRole('listitem');
/**
 * The status line: one live region whose role is `status` for a result and `alert` for a
 * problem (the accessibility spec checks the roles), so it is found by its id.
 */
export const statusBox = (page) => page.locator('#status-line');

/**
 * Opens the toolbar's menu `menu` ("Export" or "More") if it is closed, and returns its item
 * `name` (a button, or a checkbox for a toggle). On a phone those menus are in the bar's
 * "Menu", opened first.
 */
export async function menuItem(page, menu, name, role = 'button') {
  const overflow = page.getByRole('button', { name: 'Menu', exact: true });
  if ((await overflow.isVisible()) && (await overflow.getAttribute('aria-expanded')) !== 'true') await overflow.click();
  const toggle = page.getByRole('button', { name: menu, exact: true });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  const list = page.locator(`#${await toggle.getAttribute('aria-controls')}`);
  await expect(list).toBeVisible();
  return list.getByRole(role, { name, exact: true });
}
export const labelButton = (page, label) =>
  page
    .getByRole('toolbar', { name: 'Labels' })
    .getByRole('button', { name: new RegExp(`^${label[0].toUpperCase()}${label.slice(1)}`) });
/** "Snap to words", in the More menu (read its state without opening the menu). */
export const snapCheckbox = (page) => page.getByRole('checkbox', { name: 'Snap to words', includeHidden: true });
/** Turns "Snap to words" over with a click in the More menu, then closes the menu (Escape). */
export async function toggleSnap(page) {
  await (await menuItem(page, 'More', 'Snap to words', 'checkbox')).click();
  await page.keyboard.press('Escape');
}

/** Marks (highlight segments) that belong to annotation `id`. */
export const marksOf = (page, id) => article(page).locator(`mark[data-ann~="${id}"]`);

// ---------------------------------------------------------------------------
// Flows
// ---------------------------------------------------------------------------

/** Opens the app, types title + text into the input stage and clicks Annotate. */
export async function openWithText(page, text, { title } = {}) {
  await page.goto('/');
  await expect(page).toHaveTitle('Article Annotator');
  if (title !== undefined) {
    await page.getByRole('textbox', { name: 'Title' }).fill(title);
  }
  await page.getByRole('textbox', { name: 'Article text' }).fill(text);
  await page.getByRole('button', { name: 'Annotate' }).click();
  await expect(article(page)).toBeVisible();
  await expect(article(page).locator('p').first()).toBeVisible();
  await articleBuilt(page);
}

/**
 * Waits until the whole article is built: a long one shows its first screen at once and builds
 * the rest a part per task, with `aria-busy="true"` on the article body meanwhile.
 */
export async function articleBuilt(page) {
  await expect(page.getByRole('textbox', { name: 'Article body' })).not.toHaveAttribute('aria-busy', 'true', {
    timeout: 20_000,
  });
}

/**
 * Reconstructs the full article text from the Article region using the
 * `data-o` offsets of its segments. Gaps between segments are newlines (the
 * region shows the text minus newlines). Trailing newlines cannot be seen.
 */
export async function renderedText(page) {
  await articleBuilt(page);
  return article(page).evaluate((region) => {
    const segs = [...region.querySelectorAll('[data-o]')].filter((el) => el.tagName !== 'P');
    let out = '';
    for (const seg of segs) {
      const o = Number(seg.getAttribute('data-o'));
      if (!Number.isInteger(o) || o < out.length) {
        throw new Error(`segment data-o=${seg.getAttribute('data-o')} out of order at ${out.length}`);
      }
      out += '\n'.repeat(o - out.length) + seg.textContent;
    }
    return out;
  });
}

/** UTF-16 offsets {start, end} of the n-th occurrence of `needle` in the rendered text. */
export async function findText(page, needle, { nth = 0, from = 0 } = {}) {
  const text = await renderedText(page);
  let idx = from - 1;
  for (let i = 0; i <= nth; i += 1) {
    idx = text.indexOf(needle, idx + 1);
    if (idx < 0) throw new Error(`"${needle}" (#${nth}) not found in the article`);
  }
  return { start: idx, end: idx + needle.length };
}

/** UTF-16 offset -> code point offset within `text`. */
export const cp = (text, u16) => Array.from(text.slice(0, u16)).length;

/** Code point slice, as the export format defines spans. */
export const cpSlice = (text, start, end) => Array.from(text).slice(start, end).join('');

// Runs in the page: viewport coordinates of a caret position.
// edge = 'start' -> a point just inside the left edge of the grapheme that
// begins at `offset`; edge = 'end' -> just inside the right edge of the
// grapheme that ends at `offset`. (LTR text.)
function caretPointInPage({ offset, edge, scroll }) {
  const region = document.querySelector('section[aria-label="Article"]');
  if (!region) throw new Error('no Article region');
  const segs = [...region.querySelectorAll('[data-o]')].filter((el) => el.tagName !== 'P');
  const seg = segs.find((el) => {
    const o = Number(el.getAttribute('data-o'));
    const len = el.textContent.length;
    return edge === 'start' ? o <= offset && offset < o + len : o < offset && offset <= o + len;
  });
  if (!seg) throw new Error(`no segment holds offset ${offset} (${edge})`);
  // Map the segment-local offset to a text node + offset (segments normally hold one text node).
  let local = offset - Number(seg.getAttribute('data-o'));
  const walker = document.createTreeWalker(seg, NodeFilter.SHOW_TEXT);
  let node = walker.nextNode();
  while (node) {
    const len = node.data.length;
    if (edge === 'start' ? local < len : local <= len) break;
    local -= len;
    node = walker.nextNode();
  }
  if (!node) throw new Error(`offset ${offset} not inside a text node`);
  const graphemes = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(node.data)];
  const g =
    edge === 'start'
      ? graphemes.find((s) => s.index <= local && local < s.index + s.segment.length)
      : graphemes.find((s) => s.index < local && local <= s.index + s.segment.length);
  if (scroll) (node.parentElement || seg).scrollIntoView({ block: 'center', behavior: 'instant' });
  const range = document.createRange();
  range.setStart(node, g.index);
  range.setEnd(node, g.index + g.segment.length);
  const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
  const r = edge === 'start' ? rects[0] : rects[rects.length - 1];
  if (!r) throw new Error(`grapheme at ${offset} has no box`);
  const inset = Math.min(2, r.width / 4);
  const x = edge === 'start' ? r.left + inset : r.right - inset;
  const y = r.top + r.height / 2;
  if (x < 0 || y < 0 || x > window.innerWidth || y > window.innerHeight) {
    throw new Error(`point for offset ${offset} is outside the viewport (${x}, ${y})`);
  }
  return { x, y };
}

/**
 * Selects article text with a real mouse drag from UTF-16 offset `start` to
 * `end` (offsets into the full article text). Returns the browser's
 * selection string after the drag.
 */
export async function dragSelect(page, start, end) {
  if (!(end > start)) throw new Error(`bad range ${start}..${end}`);
  // The first call scrolls the start into view (instantly) and then measures.
  const a = await page.evaluate(caretPointInPage, { offset: start, edge: 'start', scroll: true });
  const b = await page.evaluate(caretPointInPage, { offset: end, edge: 'end', scroll: false });
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x, b.y, { steps: 5 });
  await page.mouse.up();
  return page.evaluate(() => String(window.getSelection()));
}

/** Drag-selects the first (or nth) occurrence of `needle` in the article. */
export async function dragSelectText(page, needle, opts = {}) {
  const { start, end } = await findText(page, needle, opts);
  await dragSelect(page, start, end);
  return { start, end };
}

/** Double-clicks in the middle of the text at UTF-16 [start, end). */
export async function doubleClickAt(page, start, end) {
  const mid = start + Math.floor((end - start) / 2);
  const a = await page.evaluate(caretPointInPage, { offset: mid, edge: 'start', scroll: true });
  const b = await page.evaluate(caretPointInPage, { offset: mid + 1, edge: 'end', scroll: false });
  await page.mouse.dblclick((a.x + b.x) / 2, a.y);
  return page.evaluate(() => String(window.getSelection()));
}

// ---------------------------------------------------------------------------
// Export / JSON
// ---------------------------------------------------------------------------

/** Clicks "Export JSON" and returns { filename, raw, json } of the download. */
export async function exportJson(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    menuItem(page, 'Export', 'Export JSON').then((b) => b.click()),
  ]);
  const file = await download.path();
  const raw = await readFile(file, 'utf8');
  let json;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    throw new Error(`downloaded file is not JSON: ${e.message}\n${raw.slice(0, 500)}`);
  }
  return { filename: download.suggestedFilename(), raw, json };
}

let validator;
async function getValidator() {
  if (!validator) {
    let schema;
    try {
      schema = JSON.parse(await readFile(SCHEMA_PATH, 'utf8'));
    } catch (e) {
      throw new Error(`cannot read the JSON schema at ${SCHEMA_PATH}: ${e.message}`);
    }
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    validator = ajv.compile(schema);
  }
  return validator;
}

/** Asserts that `doc` is valid against schema/article-annotator.v1.schema.json. */
export async function expectValidAgainstSchema(doc) {
  const validate = await getValidator();
  const ok = validate(doc);
  expect(ok, `schema errors: ${JSON.stringify(validate.errors, null, 2)}`).toBe(true);
}

const graphemeStarts = (text) => {
  const set = new Set();
  let cpIndex = 0;
  for (const { segment } of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)) {
    set.add(cpIndex);
    cpIndex += Array.from(segment).length;
  }
  set.add(cpIndex);
  return set;
};

/**
 * Checks an exported document: schema, format/version, labels, and for every
 * annotation: code point offsets in range, on grapheme boundaries,
 * `text === Array.from(document.text).slice(start, end).join('')`, unique ids,
 * sorted by (start, end). Returns the annotations.
 */
export async function checkExport(doc, { boundariesOf = graphemeStarts, edited = false } = {}) {
  await expectValidAgainstSchema(doc);
  expect(doc.format).toBe('article-annotator');
  expect(doc.version).toBe(1);
  expect(Array.isArray(doc.relations)).toBe(true);
  const text = doc.document.text;
  expect(text.includes('\r'), 'exported text must not contain CR').toBe(false);
  const labelNames = doc.labels.map((l) => l.name);
  if (edited) {
    // The label set may have been edited: the defaults need not be there, but names and keys
    // stay unique.
    expect(new Set(labelNames).size, `label names not unique: ${labelNames}`).toBe(labelNames.length);
    const keys = doc.labels.map((l) => l.key).filter((k) => k !== null);
    expect(new Set(keys).size, `label keys not unique: ${keys}`).toBe(keys.length);
  } else {
    expect(labelNames).toEqual(expect.arrayContaining(LABELS));
  }
  const cps = Array.from(text);
  const boundaries = boundariesOf(text);
  const ids = new Set();
  // Every annotation's faults, gathered and asserted once: an `expect` per check per
  // annotation is a step of the test's trace each, and takes minutes for a book's.
  const faults = [];
  let prev = null;
  for (const a of doc.annotations) {
    const fault = (what) => faults.push(`annotation ${a.id} (${JSON.stringify(a)}): ${what}`);
    if (!Number.isInteger(a.start) || !Number.isInteger(a.end)) fault('offsets not integers');
    else if (a.start < 0 || a.end <= a.start || a.end > cps.length) fault('offsets outside the text or empty');
    else if (a.text !== cps.slice(a.start, a.end).join('')) fault('text vs code point slice');
    if (!boundaries.has(a.start) || !boundaries.has(a.end)) fault('splits a grapheme');
    if (!labelNames.includes(a.label)) fault(`unknown label ${a.label}`);
    if (ids.has(a.id)) fault('duplicate id');
    ids.add(a.id);
    if (prev && !(prev.start < a.start || (prev.start === a.start && prev.end <= a.end))) {
      fault(`not sorted after ${prev.id}`);
    }
    prev = a;
  }
  expect(faults).toEqual([]);
  return doc.annotations;
}

/** Expected download name: `<slug>.annotations.json` (slug from the title). */
export function slugify(s) {
  return s
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join('-');
}

/** The page's local date, `YYYY-MM-DD`: what a library download's name carries. */
export const localDate = (page) =>
  page.evaluate(() => {
    const d = new Date();
    const two = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
  });

/** Finds the single exported annotation with this label and text. */
export function findAnnotation(doc, label, text) {
  const found = doc.annotations.filter((a) => a.label === label && a.text === text);
  expect(
    found.length,
    `expected one ${label} annotation "${text}", got: ${JSON.stringify(doc.annotations)}`,
  ).toBe(1);
  return found[0];
}

/** For each UTF-16 offset in [start, end): the data-ann ids of the segment holding it. */
export async function annIdsAt(page, start, end) {
  return article(page).evaluate(
    (region, [s, e]) => {
      const segs = [...region.querySelectorAll('[data-o]')].filter((el) => el.tagName !== 'P');
      const out = [];
      for (let off = s; off < e; off += 1) {
        const seg = segs.find((el) => {
          const o = Number(el.getAttribute('data-o'));
          return o <= off && off < o + el.textContent.length;
        });
        out.push({
          offset: off,
          tag: seg ? seg.tagName.toLowerCase() : null,
          ids: seg ? (seg.getAttribute('data-ann') || '').split(/\s+/).filter(Boolean).sort() : [],
        });
      }
      return out;
    },
    [start, end],
  );
}

/**
 * Sets the DOM selection to UTF-16 [from, to) of the article text directly
 * (not as a person would: for selections a mouse cannot make, such as one
 * that splits a grapheme or a surrogate pair).
 */
export async function setSelection(page, from, to) {
  await page.evaluate(
    ([s, e]) => {
      const region = document.querySelector('section[aria-label="Article"]');
      const segs = [...region.querySelectorAll('[data-o]')].filter((el) => el.tagName !== 'P');
      const at = (off) => {
        const seg = segs.find((el) => {
          const o = Number(el.getAttribute('data-o'));
          return o <= off && off <= o + el.textContent.length;
        });
        if (!seg || !seg.firstChild) throw new Error(`no segment text at ${off}`);
        return [seg.firstChild, off - Number(seg.getAttribute('data-o'))];
      };
      const range = document.createRange();
      range.setStart(...at(s));
      range.setEnd(...at(e));
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    },
    [from, to],
  );
}

// ---------------------------------------------------------------------------
// Helpers for the editing, keyboard, labels and undo specs
// ---------------------------------------------------------------------------

/**
 * Viewport point of a caret position (see caretPointInPage): edge 'start' is
 * just inside the left edge of the grapheme beginning at UTF-16 `offset`,
 * 'end' just inside the right edge of the grapheme ending there.
 */
export async function pointAt(page, offset, edge = 'start', { scroll = false } = {}) {
  return page.evaluate(caretPointInPage, { offset, edge, scroll });
}

/** A plain mouse click (no drag) in the middle of the character at UTF-16 `offset`. */
export async function clickAtOffset(page, offset) {
  const a = await pointAt(page, offset, 'start', { scroll: true });
  const b = await pointAt(page, offset + 1, 'end');
  await page.mouse.click((a.x + b.x) / 2, a.y);
}

/** Clicks the middle of the first (or nth) occurrence of `needle` in the article. */
export async function clickText(page, needle, opts = {}) {
  const { start, end } = await findText(page, needle, opts);
  await clickAtOffset(page, start + Math.floor((end - start) / 2));
  return { start, end };
}

/** The resize handle ('start' or 'end') of the selected annotation. */
export const handle = (page, which) => article(page).locator(`span.handle[data-handle="${which}"]`);

/** The panel that shows the selected annotation. */
export const selectedPanel = (page) => page.getByRole('region', { name: 'Selected annotation' });

/**
 * Drags a resize handle with the real mouse: presses at the centre of the
 * handle's bounding box, moves in steps to `to` ({x, y}) and releases there.
 */
export async function dragHandle(page, which, to) {
  const h = handle(page, which);
  await expect(h).toHaveCount(1);
  await h.scrollIntoViewIfNeeded();
  const box = await h.boundingBox();
  if (!box) throw new Error(`the ${which} handle has no box`);
  const from = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + (to.x - from.x) / 3, from.y + (to.y - from.y) / 3, { steps: 4 });
  await page.mouse.move(from.x + (2 * (to.x - from.x)) / 3, from.y + (2 * (to.y - from.y)) / 3, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
}

/**
 * The DOM selection in the article as UTF-16 offsets into the full text:
 * { anchor, focus, collapsed, text }, or null when the selection is not in
 * the article.
 */
export async function caretOffsets(page) {
  return article(page).evaluate((region) => {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || !region.contains(sel.anchorNode)) return null;
    const segs = [...region.querySelectorAll('[data-o]')].filter((el) => el.tagName !== 'P');
    const offsetOf = (node, off) => {
      for (const seg of segs) {
        if (seg.contains(node)) {
          const r = document.createRange();
          r.setStart(seg, 0);
          r.setEnd(node, off);
          return Number(seg.getAttribute('data-o')) + r.toString().length;
        }
      }
      for (const seg of segs) {
        const r = document.createRange();
        r.selectNode(seg);
        if (r.comparePoint(node, off) <= 0) return Number(seg.getAttribute('data-o'));
      }
      const last = segs[segs.length - 1];
      return last ? Number(last.getAttribute('data-o')) + last.textContent.length : 0;
    };
    return {
      anchor: offsetOf(sel.anchorNode, sel.anchorOffset),
      focus: offsetOf(sel.focusNode, sel.focusOffset),
      collapsed: sel.isCollapsed,
      text: String(sel),
    };
  });
}

/**
 * Clicks "Copy JSON" and returns the parsed JSON read back from the clipboard
 * (needs the clipboard-read/clipboard-write permissions).
 */
export async function copyJson(page) {
  await page.evaluate(() => navigator.clipboard.writeText('(empty)'));
  await (await menuItem(page, 'Export', 'Copy JSON')).click();
  await expect(statusBox(page)).toContainText('Copied');
  const read = () => page.evaluate(() => navigator.clipboard.readText());
  await expect.poll(read, { message: 'Copy JSON put nothing on the clipboard' }).not.toBe('(empty)');
  return JSON.parse(await read());
}

/** Describes the focused element: tag, accessible-ish name, and whether its focus is visible. */
export async function focusInfo(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const cs = getComputedStyle(el);
    const outlined = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
    const shadowed = cs.boxShadow && cs.boxShadow !== 'none';
    return {
      tag: el.tagName.toLowerCase(),
      name: (
        el.getAttribute('aria-label') ||
        (el.labels && el.labels[0] && el.labels[0].textContent) ||
        // the children's texts apart, as a name is computed from a button's parts
        [...el.childNodes].map((n) => n.textContent).join(' ') ||
        ''
      )
        .replace(/\s+/g, ' ')
        .trim(),
      focusVisible: el.matches(':focus-visible'),
      styled: outlined || !!shadowed,
    };
  });
}

/**
 * Presses Tab until `target` (a locator) has focus, at most `max` times.
 * Every stop on the way must show a visible focus (`:focus-visible` matches
 * and an outline or box shadow is drawn). Returns the stops.
 */
export async function tabTo(page, target, { max = 40, shift = false } = {}) {
  const stops = [];
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
    const info = await focusInfo(page);
    if (info) {
      stops.push(info);
      expect(info.focusVisible, `focus on <${info.tag}> "${info.name}" is not :focus-visible`).toBe(true);
      expect(info.styled, `focus on <${info.tag}> "${info.name}" draws no outline`).toBe(true);
    }
    if (await target.evaluate((el) => el === document.activeElement)) return stops;
  }
  throw new Error(
    `Tab did not reach the target in ${max} presses; stops: ${stops.map((s) => s.name).join(' | ')}`,
  );
}

/** The label editor dialog, opened by "Edit labels" in the More menu. */
export const labelsDialog = (page) => page.getByRole('dialog', { name: 'Labels' });
export const openLabelEditor = async (page) => {
  await (await menuItem(page, 'More', 'Edit labels')).click();
  await expect(labelsDialog(page)).toBeVisible();
  return labelsDialog(page);
};

/** Toolbar "Undo" / "Redo". */
export const undoButton = (page) => page.getByRole('button', { name: 'Undo', exact: true });
export const redoButton = (page) => page.getByRole('button', { name: 'Redo', exact: true });

/** The list entry of an annotation with this label whose text starts with `text`. */
export const itemFor = (page, label, text) =>
  annotationItems(page).filter({ has: page.getByRole('button', { name: `${label} ${text}` }) });

/**
 * Like `checkExport`, for documents whose label set was edited: the same
 * checks except that the four default labels need not all be there; label
 * names and keys must be unique. Returns the annotations.
 */
export const checkEditedExport = (doc) => checkExport(doc, { edited: true });

// ---------------------------------------------------------------------------
// Helpers for the autosave, library, import and exports specs
// ---------------------------------------------------------------------------

/** The header's autosave indicator ("Saving…" / "Saved"). */
export const saveState = (page) => page.locator('.save-state');

/** The header (role banner) and its buttons. */
export const headerButton = (page, name) =>
  page.getByRole('banner').getByRole('button', { name, exact: true });

/**
 * Starts recording every text the autosave indicator shows. Call before a
 * change, then `waitForSave` after it.
 */
export async function watchSaves(page) {
  await page.evaluate(() => {
    const el = document.querySelector('.save-state');
    if (!el) throw new Error('no .save-state element');
    if (window.__h6SaveObserver) window.__h6SaveObserver.disconnect();
    window.__h6Saves = [];
    const obs = new MutationObserver(() => window.__h6Saves.push(el.textContent));
    obs.observe(el, { childList: true, characterData: true, subtree: true });
    window.__h6SaveObserver = obs;
  });
}

/** Waits until, since `watchSaves`, the indicator said "Saving…" and now says "Saved". */
export async function waitForSave(page, { timeout = 10_000 } = {}) {
  const read = () =>
    page.evaluate(() => ({
      log: window.__h6Saves || [],
      now: document.querySelector('.save-state')?.textContent ?? null,
    }));
  await expect
    .poll(
      async () => {
        const { log, now } = await read();
        return log.includes('Saving…') && now === 'Saved' ? 'saved' : JSON.stringify({ log, now });
      },
      { timeout, message: 'autosave did not go "Saving…" then "Saved"' },
    )
    .toBe('saved');
}

/** Runs `change` and waits until autosave has written it. */
export async function changeAndSave(page, change) {
  await watchSaves(page);
  await change();
  await waitForSave(page);
}

/**
 * Drag-selects `needle` (first or nth occurrence) and presses `key`; waits for
 * one more list entry. A selected annotation is let go first (Escape), as its
 * resize handles reach a few pixels into the neighbouring text and would
 * catch a drag that starts there.
 */
export async function annotateWithKey(page, needle, key, opts = {}) {
  if (await selectedPanel(page).isVisible()) {
    await page.keyboard.press('Escape');
    await expect(selectedPanel(page)).toHaveCount(0);
  }
  const before = await annotationItems(page).count();
  const pos = await dragSelectText(page, needle, opts);
  await page.keyboard.press(key);
  await expect(annotationItems(page)).toHaveCount(before + 1);
  return pos;
}

/**
 * The same console-error guard as `test`, for pages the fixture does not
 * know (a second page or a second context). Returns the list it fills.
 */
export function guardConsole(page) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()} (${m.location().url})`);
  });
  return problems;
}

/** A fresh browser context (empty storage) with the project's page options. */
export async function freshContext(browser, testInfo) {
  const use = testInfo.project.use;
  return browser.newContext({
    baseURL: use.baseURL,
    viewport: use.viewport,
    locale: use.locale,
    acceptDownloads: true,
  });
}

/** Waits for the download `click` starts and returns { filename, bytes (Buffer), text }. */
export async function downloadFrom(page, click) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = await download.path();
  const bytes = await readFile(file);
  return { filename: download.suggestedFilename(), bytes, text: bytes.toString('utf8') };
}

/** Opens the Export menu (if closed) and clicks the export button `name`. */
export async function exportFormat(page, name) {
  const button = await menuItem(page, 'Export', name);
  return downloadFrom(page, () => button.click());
}

/** "Edit text" in the More menu. */
export async function editText(page) {
  await (await menuItem(page, 'More', 'Edit text')).click();
}

/** The Library dialog and its parts. */
export const libraryDialog = (page) => page.getByRole('dialog', { name: 'Library' });
export const libraryItems = (page) =>
  libraryDialog(page).getByRole('list', { name: 'Saved articles' }).getByRole('listitem');
export const libraryItem = (page, title) =>
  libraryItems(page).filter({ has: page.getByRole('button', { name: `Open ${title}`, exact: true }) });

/** Opens the Library with the header button. */
export async function openLibrary(page) {
  await headerButton(page, 'Library').click();
  await expect(libraryDialog(page)).toBeVisible();
  return libraryDialog(page);
}

/** Closes the Library with its "Close" button. */
export async function closeLibrary(page) {
  await libraryDialog(page).getByRole('button', { name: 'Close', exact: true }).click();
  await expect(libraryDialog(page)).toHaveCount(0);
}

/** How many articles the Library lists (opens and closes it). */
export async function libraryCount(page) {
  await openLibrary(page);
  // The list is rendered from state already loaded; give it a moment to settle.
  const n = await libraryItems(page).count();
  await closeLibrary(page);
  return n;
}

/** Imports the file at `filePath` with the header's "Import" button and the real file chooser. */
export async function importWithChooser(page, filePath) {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    headerButton(page, 'Import').click(),
  ]);
  await chooser.setFiles(filePath);
  return chooser;
}

/**
 * Drops a file (built in the page from `content`) on `selector` with
 * dragenter, dragover and drop events carrying a DataTransfer, as a drag from
 * the desktop delivers them.
 */
export async function dropFile(page, name, content, { selector = 'main', type = 'application/json' } = {}) {
  const dataTransfer = await page.evaluateHandle(
    ([n, c, t]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([c], n, { type: t }));
      return dt;
    },
    [name, content, type],
  );
  const target = page.locator(selector).first();
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
  await dataTransfer.dispose();
}

/**
 * Like `openWithText`, but waits until autosave has written the new article,
 * so that a later `changeAndSave` cannot mistake this save for its own.
 * With `goto: false` it fills the paste box already on screen (after "New
 * article").
 */
export async function openSavedArticle(page, text, { title, goto = true } = {}) {
  if (goto) {
    await page.goto('/');
    await expect(page).toHaveTitle('Article Annotator');
  }
  const textBox = page.getByRole('textbox', { name: 'Article text' });
  await expect(textBox).toBeVisible();
  if (title !== undefined) {
    await page.getByRole('textbox', { name: 'Title' }).fill(title);
  }
  await textBox.fill(text);
  await watchSaves(page);
  await page.getByRole('button', { name: 'Annotate' }).click();
  await expect(article(page)).toBeVisible();
  await waitForSave(page);
}

// ---------------------------------------------------------------------------
// Helpers for the attribution spec (who said what)
// ---------------------------------------------------------------------------

/** The side-panel region for choosing a speaker (attribute / same speaker as…). */
export const speakerPicker = (page) => page.getByRole('region', { name: 'Choose a speaker' });

/** The "Who said what" dialog, and opening it with the toolbar button. */
export const whoSaidWhatDialog = (page) => page.getByRole('dialog', { name: 'Who said what' });
export async function openWhoSaidWhat(page) {
  await page.getByRole('button', { name: 'Who said what', exact: true }).click();
  await expect(whoSaidWhatDialog(page)).toBeVisible();
  return whoSaidWhatDialog(page);
}

/** Clicks the list entry's "Show <label>: <text>" button (selects the annotation). */
export async function showAnnotation(page, label, text) {
  await annotationList(page).getByRole('button', { name: `${label} ${text}` }).click();
  await expect(itemFor(page, label, text)).toHaveAttribute('aria-current', 'true');
}

/** The strict RFC 4180 parser of e2e/readers/csv.mjs, under the name the specs use. */
export { parseCsv as parseCsvRfc4180 } from './readers/csv.mjs';

/**
 * Records every trusted mouse/pointer event the page sees from now on (call
 * before `page.goto`). A button activated with Enter or Space fires a trusted
 * `click` with detail 0 and no pointer type; those are counted apart.
 */
export async function recordMouseEvents(page) {
  await page.addInitScript(() => {
    window.__mouseEvents = [];
    window.__keyboardClicks = 0;
    const types = ['mousedown', 'mouseup', 'pointerdown', 'pointerup', 'click', 'dblclick', 'auxclick', 'contextmenu'];
    for (const type of types) {
      window.addEventListener(
        type,
        (e) => {
          if (!e.isTrusted) return;
          if (type === 'click' && e.detail === 0 && !e.pointerType) window.__keyboardClicks += 1;
          else window.__mouseEvents.push(`${type} on <${e.target && e.target.tagName}>`);
        },
        true,
      );
    }
  });
}

/** { mouse: [...trusted mouse events], keyboardClicks } since `recordMouseEvents`. */
export async function mouseEventsSeen(page) {
  return page.evaluate(() => ({ mouse: window.__mouseEvents, keyboardClicks: window.__keyboardClicks }));
}

/**
 * With the keyboard alone (the article body must have focus): moves the
 * caret to UTF-16 offset `start` with (Ctrl+)ArrowLeft/Right, then extends
 * the selection to `end` with (Ctrl+)Shift+ArrowRight/Left. Reads the caret
 * between presses to know where it is. Returns the selection string.
 */
export async function keyboardSelectRange(page, start, end, { maxPresses = 300 } = {}) {
  let presses = 0;
  const press = async (key) => {
    presses += 1;
    if (presses > maxPresses) {
      throw new Error(`keyboardSelectRange(${start}, ${end}): gave up after ${maxPresses} key presses`);
    }
    await page.keyboard.press(key);
  };
  for (;;) {
    const c = await caretOffsets(page);
    if (!c) {
      await press('Control+Home');
      continue;
    }
    if (!c.collapsed) {
      await press(c.focus > start ? 'ArrowLeft' : 'ArrowRight');
      continue;
    }
    const d = start - c.focus;
    if (d === 0) break;
    if (d > 8) await press('Control+ArrowRight');
    else if (d > 0) await press('ArrowRight');
    else if (d < -8) await press('Control+ArrowLeft');
    else await press('ArrowLeft');
  }
  for (;;) {
    const c = await caretOffsets(page);
    if (!c) throw new Error('keyboardSelectRange: the selection left the article');
    if (c.anchor === start && c.focus === end) return c.text;
    const d = end - c.focus;
    if (d > 8) await press('Control+Shift+ArrowRight');
    else if (d > 0) await press('Shift+ArrowRight');
    else if (d < -8) await press('Control+Shift+ArrowLeft');
    else await press('Shift+ArrowLeft');
  }
}

// ---------------------------------------------------------------------------
// Helpers for the torture, privacy and recovery specs
// ---------------------------------------------------------------------------

const expectedErrorsByPage = new WeakMap();

/**
 * The same console-error guard as `test`, with an opt-out for errors a test
 * causes on purpose: call `expectConsoleErrors(page, /pattern/, ...)` first.
 * At the end, every console error or uncaught exception must match one of
 * the patterns, and every pattern must have matched at least once (so the
 * expected failure really happened). Without the call it behaves exactly
 * like `test`.
 */
export const testExpectingErrors = base.extend({
  page: async ({ page }, use) => {
    const problems = [];
    page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console.error: ${m.text()} (${m.location().url})`);
    });
    await use(page);
    const patterns = expectedErrorsByPage.get(page) || [];
    const unexpected = problems.filter((p) => !patterns.some((re) => re.test(p)));
    expect(unexpected, 'errors in the page console').toEqual([]);
    const unseen = patterns.filter((re) => !problems.some((p) => re.test(p))).map(String);
    expect(unseen, `expected console errors that never came; saw: ${JSON.stringify(problems)}`).toEqual([]);
  },
});

/** Declares console errors the test causes on purpose (see `testExpectingErrors`). */
export function expectConsoleErrors(page, ...patterns) {
  const list = expectedErrorsByPage.get(page) || [];
  list.push(...patterns);
  expectedErrorsByPage.set(page, list);
}

/**
 * Scrolls the window so that the character at UTF-16 `offset` of the article
 * sits in the middle of the viewport. Unlike scrolling the segment that holds
 * it, this works inside one very long paragraph (a segment taller than the
 * viewport).
 */
export async function scrollOffsetIntoView(page, offset) {
  await article(page).evaluate((region, off) => {
    const segs = [...region.querySelectorAll('[data-o]')].filter((el) => el.tagName !== 'P');
    const seg = segs.find((el) => {
      const o = Number(el.getAttribute('data-o'));
      return o <= off && off < o + el.textContent.length;
    });
    if (!seg) throw new Error(`no segment holds offset ${off}`);
    let local = off - Number(seg.getAttribute('data-o'));
    const walker = document.createTreeWalker(seg, NodeFilter.SHOW_TEXT);
    let node = walker.nextNode();
    while (node && local >= node.data.length) {
      local -= node.data.length;
      node = walker.nextNode();
    }
    if (!node) throw new Error(`offset ${off} not inside a text node`);
    const range = document.createRange();
    range.setStart(node, local);
    range.setEnd(node, Math.min(node.data.length, local + 1));
    for (let i = 0; i < 4; i += 1) {
      const r = range.getBoundingClientRect();
      const dy = r.top + r.height / 2 - window.innerHeight / 2;
      if (Math.abs(dy) < 2) break;
      window.scrollBy({ top: dy, behavior: 'instant' });
    }
  }, offset);
}

/**
 * Like `dragSelect`, for any place in a long article: scrolls the start
 * offset itself (not its segment) to the middle of the viewport first. Both
 * ends must then be on screen. Returns the browser's selection string.
 */
export async function dragSelectAnywhere(page, start, end) {
  if (!(end > start)) throw new Error(`bad range ${start}..${end}`);
  await scrollOffsetIntoView(page, start);
  const a = await pointAt(page, start, 'start');
  const b = await pointAt(page, end, 'end');
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x, b.y, { steps: 5 });
  await page.mouse.up();
  return page.evaluate(() => String(window.getSelection()));
}

/**
 * A mouse drag over UTF-16 [start, end) of the article by its on-screen box:
 * from just inside the box's left edge to just inside its right edge, on one
 * line. For a run of right-to-left text, whose logical start is on the right,
 * where `dragSelect` (which assumes left-to-right) cannot be used. The range
 * must be one visual line in one direction. `inset` is how far inside the
 * box the drag starts and ends, in pixels; a negative inset starts and ends
 * just outside it. Returns the selection string.
 */
export async function dragSelectBox(page, start, end, { inset = 1 } = {}) {
  await scrollOffsetIntoView(page, start);
  const box = await article(page).evaluate(
    (region, [s, e]) => {
      const segs = [...region.querySelectorAll('[data-o]')].filter((el) => el.tagName !== 'P');
      const at = (off) => {
        for (const seg of segs) {
          const o = Number(seg.getAttribute('data-o'));
          if (o <= off && off <= o + seg.textContent.length) {
            let local = off - o;
            const walker = document.createTreeWalker(seg, NodeFilter.SHOW_TEXT);
            let node = walker.nextNode();
            while (node && local > node.data.length) {
              local -= node.data.length;
              node = walker.nextNode();
            }
            if (node) return [node, local];
          }
        }
        throw new Error(`no text at offset ${off}`);
      };
      const range = document.createRange();
      range.setStart(...at(s));
      range.setEnd(...at(e));
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (rects.length === 0) throw new Error(`range ${s}..${e} has no box`);
      const top = Math.min(...rects.map((r) => r.top));
      const bottom = Math.max(...rects.map((r) => r.bottom));
      if (rects.some((r) => r.top > top + 2)) throw new Error(`range ${s}..${e} spans several lines`);
      return {
        left: Math.min(...rects.map((r) => r.left)),
        right: Math.max(...rects.map((r) => r.right)),
        y: (top + bottom) / 2,
      };
    },
    [start, end],
  );
  await page.mouse.move(box.left + inset, box.y);
  await page.mouse.down();
  await page.mouse.move((box.left + box.right) / 2, box.y, { steps: 5 });
  await page.mouse.move(box.right - inset, box.y, { steps: 5 });
  await page.mouse.up();
  return page.evaluate(() => String(window.getSelection()));
}

/** A click in the middle of the (visible) grapheme at UTF-16 `offset`, scrolled into view first. */
export async function clickAt(page, offset) {
  await scrollOffsetIntoView(page, offset);
  const a = await pointAt(page, offset, 'start');
  await page.mouse.click(a.x + 1, a.y);
}

/** How many annotations the list says the article has (it shows 25 at a time). */
export async function annotationCount(page) {
  const items = annotationItems(page);
  return (await items.count()) === 0 ? 0 : Number(await items.first().getAttribute('aria-setsize'));
}

/**
 * Selects UTF-16 [start, end) as `span.by` says and applies the label with
 * `span.key` or the label's toolbar button. 'keyboard': arrows and
 * Shift+arrows (after a click near the span when the article body does not
 * have focus, or when `span.click` says so); 'drag': a left-to-right mouse
 * drag; 'box': a mouse drag across the span's box, for right-to-left runs.
 */
export async function annotateSpan(page, span, start, end) {
  if (await selectedPanel(page).isVisible()) {
    await page.keyboard.press('Escape');
    await expect(selectedPanel(page)).toHaveCount(0);
  }
  const before = await annotationCount(page);
  if (span.by === 'keyboard') {
    const focused = await page.getByRole('textbox', { name: 'Article body' }).evaluate((el) => el === document.activeElement);
    if (!focused || span.click) await clickAt(page, start);
    await keyboardSelectRange(page, start, end, { maxPresses: span.maxPresses ?? 400 });
  } else if (span.by === 'drag') {
    await dragSelectAnywhere(page, start, end);
  } else if (span.by === 'box') {
    await dragSelectBox(page, start, end, { inset: span.inset ?? 1 });
  } else {
    throw new Error(`unknown way to select: ${span.by}`);
  }
  if (span.key) await page.keyboard.press(span.key);
  else await labelButton(page, span.label).click();
  await expect
    .poll(() => annotationCount(page), { message: `no new annotation for ${JSON.stringify(span.text)} (${span.by})` })
    .toBe(before + 1);
}

/**
 * Pastes `text` into `locator` as a person does: puts it on the system
 * clipboard, clicks the field and presses Control+V. Needs the
 * clipboard-read/clipboard-write permissions.
 */
export async function pasteInto(page, locator, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await locator.click();
  await page.keyboard.press('Control+V');
}

// Intl.Segmenter (V8, in Node and in Chromium) costs time in proportion to
// the whole string for every segment it steps over, so segmenting a text of
// 100,000 characters takes seconds and one of 2 MB hours. The helpers below
// segment short windows instead, cut where a grapheme boundary is certain:
// next to a line feed (GB4, GB5; the app's texts hold no CR), or between two
// printable ASCII characters (no rule of UAX #29 joins those).

/** UTF-16 index `i` (0 < i < length) of `text` is a certain grapheme boundary. */
function isSafeCut(text, i) {
  const a = text.charCodeAt(i - 1);
  const b = text.charCodeAt(i);
  return a === 10 || b === 10 || (a >= 0x20 && a <= 0x7e && b >= 0x20 && b <= 0x7e);
}

/** UTF-16 index -> [start, end) of a short window around it cut at certain boundaries. */
function safeWindow(text, u16) {
  let a = Math.max(0, u16 - 1);
  while (a > 0 && !isSafeCut(text, a)) a -= 1;
  let b = Math.min(text.length, u16 + 1);
  while (b < text.length && !isSafeCut(text, b)) b += 1;
  return [a, b];
}

/** Code point offset -> UTF-16 offset in `text`. */
function cpToU16(text, cpOffset) {
  let u = 0;
  for (let k = 0; k < cpOffset; k += 1) {
    u += text.codePointAt(u) > 0xffff ? 2 : 1;
  }
  return u;
}

/**
 * Grapheme boundaries of `text` as a set of code point offsets, like the
 * segmenter gives for the whole text, in time linear in its length.
 */
export function graphemeBoundariesLinear(text) {
  const set = new Set([0]);
  const seg = new Intl.Segmenter('en', { granularity: 'grapheme' });
  let cpBase = 0;
  let from = 0;
  while (from < text.length) {
    let to = Math.min(text.length, from + 256);
    while (to < text.length && !isSafeCut(text, to)) to += 1;
    let cpi = cpBase;
    for (const { segment } of seg.segment(text.slice(from, to))) {
      cpi += Array.from(segment).length;
      set.add(cpi);
    }
    cpBase = cpi;
    from = to;
  }
  return set;
}

/**
 * The same checks as `checkExport`, for texts of megabytes (see
 * `graphemeBoundariesLinear`). Returns the annotations.
 */
export const checkLargeExport = (doc) => checkExport(doc, { boundariesOf: graphemeBoundariesLinear });

/**
 * Checks in the page, with the browser's own Intl.Segmenter, that every code
 * point offset in `cpOffsets` is a grapheme boundary of `text` (segmenting a
 * short window around it, cut at certain boundaries). Returns the offsets that
 * are not, with some context.
 */
export async function graphemeSplitsInPage(page, text, cpOffsets) {
  const jobs = cpOffsets.map((off) => {
    const u = cpToU16(text, off);
    const [a, b] = safeWindow(text, u);
    return { off, window: text.slice(a, b), local: u - a };
  });
  return page.evaluate((list) => {
    const seg = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const bad = [];
    for (const { off, window: w, local } of list) {
      const starts = new Set([w.length]);
      for (const { index } of seg.segment(w)) starts.add(index);
      if (!starts.has(local)) bad.push({ offset: off, around: w.slice(Math.max(0, local - 4), local + 4) });
    }
    return bad;
  }, jobs);
}

/**
 * The highlight segments (`mark`) of the article whose start or end falls
 * inside a grapheme of their paragraph, by the browser's Intl.Segmenter
 * (segmenting a short window around each end): a highlight that splits a
 * grapheme draws a broken glyph.
 */
export async function marksSplittingGraphemes(page) {
  return article(page).evaluate((region) => {
    const seg = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const safe = (t, i) => {
      const a = t.charCodeAt(i - 1);
      const b = t.charCodeAt(i);
      return a === 10 || b === 10 || (a >= 0x20 && a <= 0x7e && b >= 0x20 && b <= 0x7e);
    };
    const isBoundary = (t, i) => {
      if (i <= 0 || i >= t.length) return true;
      let a = i - 1;
      while (a > 0 && !safe(t, a)) a -= 1;
      let b = i + 1;
      while (b < t.length && !safe(t, b)) b += 1;
      for (const { index } of seg.segment(t.slice(a, b))) if (a + index === i) return true;
      return false;
    };
    const bad = [];
    for (const p of region.querySelectorAll('p[data-o]')) {
      const p0 = Number(p.getAttribute('data-o'));
      const parts = [...p.querySelectorAll('[data-o]')];
      const text = parts.map((el) => el.textContent).join('');
      for (const m of p.querySelectorAll('mark[data-o]')) {
        const s = Number(m.getAttribute('data-o')) - p0;
        const e = s + m.textContent.length;
        if (!isBoundary(text, s) || !isBoundary(text, e)) {
          bad.push({ mark: m.getAttribute('data-ann'), at: s + p0, text: m.textContent });
        }
      }
    }
    return bad;
  });
}

/**
 * Everything in the app's IndexedDB database, as stored:
 * { documents: {id: value}, summaries: {id: value}, meta: {key: value} }
 * (a record stored as a Blob is given as its text).
 * (Creates the database with the app's three stores if it does not exist.)
 */
export async function readAppDb(page) {
  return page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open('article-annotator', 1);
      req.onupgradeneeded = () => {
        for (const name of ['documents', 'summaries', 'meta']) {
          if (!req.result.objectStoreNames.contains(name)) req.result.createObjectStore(name);
        }
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const out = {};
    for (const name of ['documents', 'summaries', 'meta']) {
      out[name] = await new Promise((resolve, reject) => {
        const tx = db.transaction(name, 'readonly');
        const store = tx.objectStore(name);
        const keys = store.getAllKeys();
        const values = store.getAll();
        tx.oncomplete = () =>
          resolve(Object.fromEntries(keys.result.map((k, i) => [String(k), values.result[i]])));
        tx.onerror = () => reject(tx.error);
      });
    }
    db.close();
    // A record stored as a Blob of UTF-8 bytes is given as its text.
    for (const [id, value] of Object.entries(out.documents)) {
      if (value instanceof Blob) out.documents[id] = await value.text();
    }
    // JSON text, so that a lone surrogate (a record cut inside an emoji) survives the trip.
    return JSON.stringify(out);
  }).then((json) => JSON.parse(json));
}

/**
 * Writes raw values into the app's IndexedDB database in one transaction:
 * `entries` is a list of [store, key, value] (JSON-able values; strings may
 * hold lone surrogates). (Creates the database with the app's three stores if
 * it does not exist.)
 */
export async function writeAppDb(page, entries) {
  await page.evaluate(async (json) => {
    const list = JSON.parse(json);
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open('article-annotator', 1);
      req.onupgradeneeded = () => {
        for (const name of ['documents', 'summaries', 'meta']) {
          if (!req.result.objectStoreNames.contains(name)) req.result.createObjectStore(name);
        }
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    await new Promise((resolve, reject) => {
      const tx = db.transaction(['documents', 'summaries', 'meta'], 'readwrite');
      for (const [store, key, value] of list) tx.objectStore(store).put(value, key);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error || new Error('aborted'));
    });
    db.close();
  }, JSON.stringify(entries));
}

// ---------------------------------------------------------------------------
// Helpers for the suggest spec
// ---------------------------------------------------------------------------

/** The side-panel region that reviews suggestions. */
export const suggestionPanel = (page) => page.getByRole('region', { name: 'Suggestions' });

/**
 * The suggestions drawn in the article, one entry per `data-sug` index (a
 * suggestion cut into several segments is joined), sorted by index:
 * { index, text, focused (every segment has class `focused`), ann (some
 * segment is also a real annotation: has `data-ann`), dashed (every segment
 * is `mark.suggestion` with a dashed outline), utf16Start }.
 */
export async function shownSuggestions(page) {
  return article(page).evaluate((region) => {
    const byIndex = new Map();
    for (const m of region.querySelectorAll('[data-sug]')) {
      for (const i of m.getAttribute('data-sug').split(/\s+/).filter(Boolean)) {
        if (!byIndex.has(i)) byIndex.set(i, []);
        byIndex.get(i).push(m);
      }
    }
    return [...byIndex.entries()]
      .map(([i, segs]) => ({
        index: Number(i),
        text: segs.map((s) => s.textContent).join(''),
        focused: segs.every((s) => s.classList.contains('focused')),
        ann: segs.some((s) => s.hasAttribute('data-ann')),
        dashed: segs.every(
          (s) =>
            s.tagName === 'MARK' &&
            s.classList.contains('suggestion') &&
            getComputedStyle(s).outlineStyle === 'dashed',
        ),
        utf16Start: Math.min(...segs.map((s) => Number(s.getAttribute('data-o')))),
      }))
      .sort((a, b) => a.index - b.index);
  });
}

/**
 * Waits until autosave has nothing left to do: the indicator reads "Saved"
 * and has not changed for `quietMs` (longer than the 300 ms autosave delay,
 * so a save still waiting for its timer would have shown "Saving…" by then).
 * Unlike `watchSaves` + `waitForSave`, it cannot mistake an earlier save,
 * still in flight, for the one of the last change.
 */
export async function settleAutosave(page, { quietMs = 1000, timeout = 15_000 } = {}) {
  await page.evaluate(
    ({ quiet, limit }) =>
      new Promise((resolve, reject) => {
        const el = document.querySelector('.save-state');
        if (!el) {
          reject(new Error('no .save-state element'));
          return;
        }
        let timer;
        const done = (err) => {
          obs.disconnect();
          clearTimeout(timer);
          clearTimeout(deadline);
          if (err) reject(err);
          else resolve();
        };
        const arm = () => {
          clearTimeout(timer);
          timer = setTimeout(() => (el.textContent === 'Saved' ? done() : arm()), quiet);
        };
        const obs = new MutationObserver(arm);
        obs.observe(el, { childList: true, characterData: true, subtree: true });
        const deadline = setTimeout(
          () => done(new Error(`autosave did not settle; the indicator says "${el.textContent}"`)),
          limit,
        );
        arm();
      }),
    { quiet: quietMs, limit: timeout },
  );
}

// ---------------------------------------------------------------------------
// Accessibility
// ---------------------------------------------------------------------------

const AXE_SOURCE = readFile(path.join(here, '..', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2.0/2.1/2.2 A and AA, best practice, and the experimental rules such as
 * label-content-name-mismatch) on the page as it is, and
 * returns its violations as short strings (rule, impact, the first nodes' selectors).
 */
export async function axeViolations(page) {
  const source = await AXE_SOURCE;
  // A string is evaluated by the DevTools protocol, which the page's CSP does not govern
  // (an inline <script> or `new Function` would be refused, as they should be).
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(source);
  const result = await page.evaluate(async () => {
    return window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice', 'experimental'] },
      resultTypes: ['violations'],
    });
  });
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.length} node(s), e.g. ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`,
  );
}
