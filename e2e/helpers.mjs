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
export const statusBox = (page) => page.getByRole('status');
export const labelButton = (page, label) =>
  page
    .getByRole('toolbar', { name: 'Labels' })
    .getByRole('button', { name: new RegExp(`^${label[0].toUpperCase()}${label.slice(1)}`) });
export const snapCheckbox = (page) => page.getByRole('checkbox', { name: 'Snap to words' });

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
}

/**
 * Reconstructs the full article text from the Article region using the
 * `data-o` offsets of its segments. Gaps between segments are newlines (the
 * region shows the text minus newlines). Trailing newlines cannot be seen.
 */
export async function renderedText(page) {
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
    page.getByRole('button', { name: 'Export JSON' }).click(),
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
export async function checkExport(doc) {
  await expectValidAgainstSchema(doc);
  expect(doc.format).toBe('article-annotator');
  expect(doc.version).toBe(1);
  expect(Array.isArray(doc.relations)).toBe(true);
  const text = doc.document.text;
  expect(text, 'exported text must not contain CR').not.toContain('\r');
  const labelNames = doc.labels.map((l) => l.name);
  expect(labelNames).toEqual(expect.arrayContaining(LABELS));
  const n = Array.from(text).length;
  const boundaries = graphemeStarts(text);
  const ids = new Set();
  let prev = null;
  for (const a of doc.annotations) {
    expect(Number.isInteger(a.start) && Number.isInteger(a.end), JSON.stringify(a)).toBe(true);
    expect(a.start, JSON.stringify(a)).toBeGreaterThanOrEqual(0);
    expect(a.end, JSON.stringify(a)).toBeGreaterThan(a.start);
    expect(a.end, JSON.stringify(a)).toBeLessThanOrEqual(n);
    expect(a.text, `annotation ${a.id} text vs code point slice`).toBe(cpSlice(text, a.start, a.end));
    expect(boundaries.has(a.start) && boundaries.has(a.end), `annotation ${a.id} splits a grapheme`).toBe(
      true,
    );
    expect(labelNames).toContain(a.label);
    expect(ids.has(a.id), `duplicate id ${a.id}`).toBe(false);
    ids.add(a.id);
    if (prev) {
      const ordered = prev.start < a.start || (prev.start === a.start && prev.end <= a.end);
      expect(ordered, `annotations not sorted: ${prev.id} then ${a.id}`).toBe(true);
    }
    prev = a;
  }
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
