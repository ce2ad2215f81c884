// Import: a v1 JSON file or a JSONL library, through the real file chooser
// (and once by dropping a file on the page). Good files become new articles;
// every bad one is refused with a message and changes nothing.
import { readFile, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  test,
  expect,
  annotateWithKey,
  annotationItems,
  changeAndSave,
  checkEditedExport,
  checkExport,
  cpSlice,
  dropFile,
  exportJson,
  freshContext,
  guardConsole,
  importWithChooser,
  libraryCount,
  libraryItem,
  libraryItems,
  openLibrary,
  openSavedArticle,
  selectedPanel,
  statusBox,
} from './helpers.mjs';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'import');
const fixture = (name) => path.join(FIXTURES, name);

const TEXT = [
  'Ana Lopes said “the wall 🌊 holds” on Monday.',
  'The engineer 👩🏽‍💻 and the cafe\u0301 owner 王秀英 disagreed.',
  'قال الوزير إن الاتفاق تاريخي.',
].join('\n');

/** An article on screen with a few annotations (one with a note), saved. */
async function annotatedArticle(page, title = 'Import base') {
  await openSavedArticle(page, TEXT, { title });
  await changeAndSave(page, () => annotateWithKey(page, 'Ana Lopes', '2'));
  await changeAndSave(page, () => annotateWithKey(page, '“the wall 🌊 holds”', '1'));
  await changeAndSave(page, () => annotateWithKey(page, 'the wall', '3'));
  await changeAndSave(page, () => annotateWithKey(page, 'cafe\u0301 owner 王秀英', '2'));
  await changeAndSave(page, async () => {
    const note = selectedPanel(page).getByRole('textbox', { name: 'Note' });
    await note.fill('Owner, “quoted”; 😀');
    await selectedPanel(page).getByRole('button', { name: 'Save note' }).click();
    await expect(annotationItems(page).filter({ hasText: 'Note: Owner' })).toHaveCount(1);
  });
}

test('export, import into a fresh browser profile, export again: the same bytes', async ({ page, browser }, testInfo) => {
  await annotatedArticle(page, 'Round trip ✓');
  const first = await exportJson(page);
  expect(first.filename).toBe('round-trip.annotations.json');
  const anns = await checkExport(first.json);
  expect(anns).toHaveLength(4);
  expect(anns.some((a) => a.note)).toBe(true);
  const file = testInfo.outputPath(first.filename);
  await writeFile(file, first.raw);

  const context = await freshContext(browser, testInfo);
  try {
    const fresh = await context.newPage();
    const problems = guardConsole(fresh);
    await fresh.goto('/');
    // A fresh profile: nothing saved, the paste box.
    await expect(fresh.getByRole('textbox', { name: 'Article text' })).toHaveValue('');
    const chooser = await importWithChooser(fresh, file);
    // Several files may be chosen at once; each is imported.
    expect(chooser.isMultiple()).toBe(true);
    const input = chooser.element();
    expect(await input.getAttribute('type')).toBe('file');
    expect(await input.getAttribute('aria-label')).toBe('Import file');
    const accept = (await input.getAttribute('accept')) || '';
    expect(accept).toContain('.json');
    expect(accept).toContain('.jsonl');

    await expect(statusBox(fresh)).toContainText(`Imported ${first.filename}.`);
    await expect(statusBox(fresh)).not.toHaveClass(/error/);
    await expect(annotationItems(fresh)).toHaveCount(4);
    const again = await exportJson(fresh);
    expect(again.filename).toBe(first.filename);
    expect(again.raw).toBe(first.raw);
    await openLibrary(fresh);
    await expect(libraryItems(fresh)).toHaveCount(1);
    await expect(libraryItem(fresh, 'Round trip ✓')).toContainText('4 annotations');
    expect(problems, 'errors in the fresh context console').toEqual([]);
  } finally {
    await context.close();
  }
});

/**
 * Each bad file: what its refusal says in plain words, and what the technical
 * detail behind "Details" must name.
 */
const BAD_FILES = [
  ['not-json.json', /the file ends too early: it was probably cut short/, /EOF while parsing/],
  ['wrong-format.json', /“label-studio” made it/, /format.*label-studio|label-studio.*format/],
  ['wrong-version.json', /a newer version of this app saved it \(file version 2/, /version.*2|2.*version/],
  ['missing-field.json', /a part of it is missing or of the wrong kind/, /annotations/],
  ['wrong-type.json', /a part of it is missing or of the wrong kind/, /start/],
  ['offsets-outside.json', /annotations don't fit its article's text/, /a7.*500|500.*a7/],
  ['end-before-start.json', /annotations don't fit its article's text/, /a8/],
  ['text-nowhere.json', /annotations don't fit its article's text/, /zebra/],
  ['duplicate-ids.json', /labels and annotations contradict each other/, /a2/],
  ['relation-missing.json', /labels and annotations contradict each other/, /a9/],
  ['bad-line.jsonl', /the article on line 2 of the library: a newer version/, /line 2/],
];

/** A small saved article to stay unchanged while bad files are refused. */
async function smallArticle(page) {
  await openSavedArticle(page, TEXT, { title: 'Import base' });
  await changeAndSave(page, () => annotateWithKey(page, 'Ana Lopes', '2'));
  await changeAndSave(page, () => annotateWithKey(page, '“the wall 🌊 holds”', '1'));
}

for (const [name, why, detail] of [...BAD_FILES, ['a sparse 51 MB file', /50/, null]]) {
  test(`refused, nothing changed: ${name}`, async ({ page }, testInfo) => {
    await smallArticle(page);
    const before = await exportJson(page);
    expect(before.json.annotations).toHaveLength(2);
    const count = await libraryCount(page);
    expect(count).toBe(1);

    let file = fixture(name);
    let shown = name;
    if (!name.endsWith('.json') && !name.endsWith('.jsonl')) {
      // Just over 50 MB, without writing 51 MB: refused before it is read.
      file = path.join(os.tmpdir(), `h6-huge-${process.pid}-${testInfo.workerIndex}.json`);
      shown = path.basename(file);
      await writeFile(file, '');
      await truncate(file, 51 * 1024 * 1024);
    }
    try {
      await importWithChooser(page, file);
    } finally {
      if (file !== fixture(name)) await rm(file, { force: true });
    }
    const status = statusBox(page);
    await expect(status).toContainText(`Could not import ${shown}: `);
    await expect(status).toHaveClass(/\berror\b/);
    const text = (await status.textContent()).trim();
    const m = text.match(/^Could not import (.+?): (.+)\. Nothing was changed\.$/s);
    expect(m, `status: ${text}`).not.toBeNull();
    expect(m[1]).toBe(shown);
    expect(m[2], 'the reason').toMatch(why);
    // The parser's words stay out of the message, behind "Details".
    expect(m[2]).not.toMatch(/EOF|line \d+ column \d+|expected `/);
    const details = page.getByRole('button', { name: 'Details' });
    if (detail) {
      await expect(details).toHaveAttribute('aria-expanded', 'false');
      await expect(page.locator('#status-detail')).toBeHidden();
      await details.click();
      await expect(details).toHaveAttribute('aria-expanded', 'true');
      await expect(page.locator('#status-detail')).toBeVisible();
      await expect(page.locator('#status-detail')).toHaveText(detail);
    } else {
      await expect(details).toHaveCount(0);
    }

    // Nothing changed: the article on screen and the library...
    await expect(annotationItems(page)).toHaveCount(2);
    expect((await exportJson(page)).raw).toBe(before.raw);
    expect(await libraryCount(page)).toBe(count);
    // ... nor what is saved.
    await page.reload();
    await expect(statusBox(page)).toHaveText('Opened “Import base” (2 annotations).');
    expect((await exportJson(page)).raw).toBe(before.raw);
    expect(await libraryCount(page)).toBe(count);
  });
}

test('an unknown label is added to the label set, with a notice', async ({ page }) => {
  await annotatedArticle(page);
  const src = JSON.parse(await readFile(fixture('unknown-label.json'), 'utf8'));
  expect(src.labels.map((l) => l.name)).not.toContain('evidence');
  await importWithChooser(page, fixture('unknown-label.json'));
  await expect(statusBox(page)).toContainText('Imported unknown-label.json.');
  await expect(statusBox(page)).toContainText('added label "evidence"');
  await expect(statusBox(page)).not.toHaveClass(/error/);
  await expect(annotationItems(page)).toHaveCount(src.annotations.length);
  await expect(
    page.getByRole('toolbar', { name: 'Labels' }).getByRole('button', { name: /^Evidence/ }),
  ).toBeVisible();
  const { json } = await exportJson(page);
  await checkEditedExport(json);
  expect(json.labels.map((l) => l.name)).toEqual(['quote', 'speaker', 'claim', 'date', 'evidence']);
  expect(json.labels[4].color).toMatch(/^#[0-9A-Fa-f]{6}$/);
  expect(json.document).toEqual(src.document);
  expect(json.annotations).toEqual(src.annotations);
  expect(json.relations).toEqual(src.relations);
  // The import is a new article; the one before is still in the library.
  await openLibrary(page);
  await expect(libraryItems(page)).toHaveCount(2);
  await expect(libraryItem(page, 'Import base')).toHaveCount(1);
  await expect(libraryItem(page, 'Wall import')).toHaveAttribute('aria-current', 'true');
});

test('annotations whose offsets miss their text are re-anchored to the nearest occurrence', async ({ page }) => {
  await page.goto('/');
  await importWithChooser(page, fixture('reanchor.json'));
  await expect(statusBox(page)).toContainText('Imported reanchor.json.');
  // The file counted UTF-16 units: every span after an emoji is off.
  await expect(statusBox(page)).toContainText('re-anchored 3 annotations');
  const src = JSON.parse(await readFile(fixture('reanchor.json'), 'utf8'));
  const text = src.document.text;
  const { json } = await exportJson(page);
  await checkExport(json);
  // The exact code point offsets, worked out here: "The port opened" occurs
  // once; "port" is nearest its stated start (24) at 23, not at 6 or 40;
  // "Friday" once.
  const cpIndex = (needle, nth = 0) => {
    const c = Array.from(text);
    const n = Array.from(needle).length;
    let k = 0;
    for (let i = 0; i + n <= c.length; i += 1) {
      if (c.slice(i, i + n).join('') === needle && k++ === nth) return i;
    }
    throw new Error(needle);
  };
  expect(cpIndex('port', 1)).toBe(23);
  expect(json.annotations.map((a) => [a.id, a.label, a.start, a.end, a.text])).toEqual([
    ['a1', 'claim', 2, 17, 'The port opened'],
    ['a2', 'speaker', 23, 27, 'port'],
    ['a3', 'date', cpIndex('Friday'), cpIndex('Friday') + 6, 'Friday'],
  ]);
  for (const a of json.annotations) expect(cpSlice(text, a.start, a.end)).toBe(a.text);
});

test('a JSONL file with three documents adds three articles and opens the first', async ({ page }) => {
  await annotatedArticle(page);
  expect(await libraryCount(page)).toBe(1);
  const lines = (await readFile(fixture('three.jsonl'), 'utf8')).split('\n').filter(Boolean);
  const docs = lines.map((l) => JSON.parse(l));
  expect(docs).toHaveLength(3);

  await importWithChooser(page, fixture('three.jsonl'));
  await expect(statusBox(page)).toContainText('Imported three.jsonl');
  await expect(statusBox(page)).not.toHaveClass(/error/);
  await expect(statusBox(page)).toContainText('First of three');
  const { json } = await exportJson(page);
  await checkExport(json);
  expect(json).toEqual(docs[0]);

  await openLibrary(page);
  await expect(libraryItems(page)).toHaveCount(4);
  await expect(libraryItem(page, 'First of three')).toHaveAttribute('aria-current', 'true');
  await expect(libraryItem(page, 'First of three')).toContainText('2 annotations');
  await expect(libraryItem(page, 'Second of three')).toContainText('2 annotations');
  const third = 'Third text has no title and no annotations';
  await expect(libraryItem(page, third)).toContainText('0 annotations');
  await expect(libraryItem(page, 'Import base')).toHaveCount(1);

  // Each of the others opens with its own content.
  await libraryItem(page, 'Second of three').getByRole('button', { name: 'Open Second of three' }).click();
  await expect(statusBox(page)).toContainText('Opened “Second of three” (2 annotations).');
  expect((await exportJson(page)).json).toEqual(docs[1]);
  await openLibrary(page);
  await libraryItem(page, third).getByRole('button', { name: `Open ${third}` }).click();
  await expect(statusBox(page)).toContainText(`Opened “${third}” (0 annotations).`);
  expect((await exportJson(page)).json).toEqual(docs[2]);
});

test('dropping a file on the page imports it', async ({ page }) => {
  await annotatedArticle(page);
  const content = await readFile(fixture('dropped.json'), 'utf8');
  await dropFile(page, 'dropped.json', content);
  await expect(statusBox(page)).toContainText('Imported dropped.json.');
  await expect(statusBox(page)).not.toHaveClass(/error/);
  await expect(annotationItems(page)).toHaveCount(3);
  const { raw, json } = await exportJson(page);
  expect(json).toEqual(JSON.parse(content));
  // The fixture is written the way the app writes (two-space JSON, final newline).
  expect(raw).toBe(content);
  expect(await libraryCount(page)).toBe(2);
});
