// Importing other tools' files (issue 19): brat pairs (real PolNeAR files, read from
// ../shared at test time), Label Studio with predictions, doccano, W3C onto a pasted text,
// CoNLL, several files dropped at once, our brat zip imported back, and each refusal. Every import shows a preview first
// (role=dialog "Import preview"): what was found, the label mapping, every problem by file and
// line, lenient or strict; Cancel changes nothing. The fixtures other than PolNeAR's are
// written here, with sentences of our own.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  test,
  expect,
  annotationItems,
  checkExport,
  cpSlice,
  exportFormat,
  exportJson,
  importWithChooser,
  menuItem,
  libraryCount,
  libraryDialog,
  openLibrary,
  watchSaves,
  waitForSave,
  openSavedArticle,
  statusBox,
  suggestionPanel,
  axeViolations,
} from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const POLNEAR = path.join(here, '..', '..', 'shared', 'corpora', 'polnear', 'dev', 'brat');
/** Pairs with PARC events; the second has discontinuous spans (parts apart by more than a newline). */
const PAIRS = ['breitbart_2016-09-21_only-percent-of-hillary-clinton-', 'politico_2016-09-28_axelrod-calls-on-dean-to-apologi'];

const preview = (page) => page.getByRole('dialog', { name: 'Import preview' });
const importButton = (page) => preview(page).getByRole('button', { name: 'Import', exact: true });

/** A file for the chooser, built here. */
const file = (name, text, mimeType = 'text/plain') => ({ name, mimeType, buffer: Buffer.from(text, 'utf8') });

/** Code point offsets of `needle` in `text`. */
function cpSpan(text, needle, from = 0) {
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`"${needle}" not in the text`);
  const start = Array.from(text.slice(0, at)).length;
  return { start, end: start + Array.from(needle).length };
}

/** `[label, text]` of every annotation of an export, in order. */
const spans = (json) => json.annotations.map((a) => [a.label, a.text]);

/**
 * Accessibility of the preview: axe-core finds nothing, and by hand: a modal dialog with a name
 * and a description, focus inside it, every control named, Tab kept inside, and errors in
 * role=alert.
 */
async function checkPreviewAccessible(page) {
  const dialog = preview(page);
  await expect(dialog).toBeVisible();
  expect(await axeViolations(page), 'axe-core on the import preview').toEqual([]);
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  await expect(dialog).toHaveAccessibleDescription(/read as/);
  expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  const snapshot = await dialog.ariaSnapshot();
  // Every control has a name: no bare `- combobox`, `- radio`, `- button` lines.
  expect(snapshot).not.toMatch(/^\s*- (combobox|radio|button|checkbox|textbox)\s*(\[[^\]]*\])?\s*$/m);
  for (const select of await dialog.getByRole('combobox').all()) {
    await expect(select).toHaveAccessibleName(/\(\d+ annotations?/);
  }
  await expect(dialog.getByRole('group', { name: 'Malformed lines' })).toBeVisible();
  // Tab and Shift+Tab stay inside the modal dialog.
  for (let i = 0; i < 12; i += 1) {
    await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
}

/** Imports `files` (paths or built files) with the header's Import button; the preview shows. */
async function chooseFiles(page, files) {
  await importWithChooser(page, files);
  await expect(preview(page)).toBeVisible();
}

for (const PAIR of PAIRS) test(`a PolNeAR brat pair (${PAIR.slice(0, 20)}…): previewed, then imported with every span and attribution exact in the export`, async ({ page }) => {
  test.skip(!existsSync(path.join(POLNEAR, `${PAIR}.ann`)), 'the PolNeAR corpus is not beside the repository');
  const txtPath = path.join(POLNEAR, `${PAIR}.txt`);
  const annPath = path.join(POLNEAR, `${PAIR}.ann`);
  const text = await readFile(txtPath, 'utf8');
  const ann = await readFile(annPath, 'utf8');
  await page.goto('/');
  await chooseFiles(page, [txtPath, annPath]);
  const dialog = preview(page);
  await expect(dialog).toContainText(`${PAIR}.txt and ${PAIR}.ann, read as brat standoff.`);
  await expect(dialog.getByRole('list', { name: 'Found' })).toContainText('1 article');
  for (const label of ['Source', 'Cue', 'Content', 'Attribution']) {
    await expect(dialog.getByRole('combobox', { name: new RegExp(`^${label} \\(`) })).toHaveValue('new');
  }
  await checkPreviewAccessible(page);
  await importButton(page).click();
  await expect(dialog).toBeHidden();
  await expect(statusBox(page)).toContainText(`Imported ${PAIR}.txt and ${PAIR}.ann.`);
  await expect(statusBox(page)).toContainText('Added 4 labels');

  const { json } = await exportJson(page);
  await checkExport(json, { edited: true });
  expect(json.document.text).toBe(text);
  // Every T line: one annotation per part, at its offsets (code points), with its text.
  const byId = {};
  for (const line of ann.split('\n').filter((l) => l.startsWith('T'))) {
    const [id, typeAndOffsets] = line.split('\t');
    const [label, ...ranges] = typeAndOffsets.split(' ');
    // Fragments that only newlines separate are one span (brat splits a span at each newline).
    const fragments = [];
    for (const [start, end] of ranges.join(' ').split(';').map((r) => r.split(' ').map(Number))) {
      const last = fragments[fragments.length - 1];
      if (last && /^\n*$/.test(cpSlice(text, last[1], start))) last[1] = end;
      else fragments.push([start, end]);
    }
    byId[id] = fragments.map(([start, end]) => {
      const found = json.annotations.filter((a) => a.label === label && a.start === start && a.end === end);
      expect(found, `${id} ${label} ${start}-${end}`).toHaveLength(1);
      expect(found[0].text).toBe(cpSlice(text, start, end));
      return found[0];
    });
  }
  expect(json.annotations).toHaveLength(Object.values(byId).flat().length);
  // The parts of a discontinuous span are tied to its first part (so they export as one T line).
  for (const parts of Object.values(byId).filter((p) => p.length > 1)) {
    for (const part of parts.slice(1)) {
      expect(json.relations).toContainEqual(expect.objectContaining({ type: 'fragment_of', from: part.id, to: parts[0].id }));
    }
  }
  // Every event: its content attributed to its source, with its cue.
  const events = ann.split('\n').filter((l) => l.startsWith('E'));
  expect(events.length).toBeGreaterThan(0);
  for (const line of events) {
    const roles = Object.fromEntries(line.split('\t')[1].split(' ').map((r) => r.split(':')));
    const content = byId[roles.Content][0];
    const source = byId[roles.Source][0];
    const cue = byId[roles.Cue][0];
    expect(json.relations).toContainEqual(expect.objectContaining({ type: 'attributed_to', from: content.id, to: source.id }));
    expect(content.cue).toEqual({ start: cue.start, end: cue.end, text: cue.text });
  }
  expect(await libraryCount(page)).toBe(1);

  // Our brat zip of it imports back (a zip of a pair): the same spans, cues and relations (a
  // cue goes out as a `Cue` trigger and event, and comes back as the cue, not as a span; see
  // docs/formats.md).
  const zip = await exportFormat(page, 'Export brat standoff');
  await chooseFiles(page, [{ name: zip.filename, mimeType: 'application/zip', buffer: zip.bytes }]);
  await expect(dialog).toContainText('read as brat standoff.');
  for (const select of await dialog.getByRole('combobox').all()) await expect(select).not.toHaveValue('new');
  await importButton(page).click();
  await expect(statusBox(page)).toContainText(`Imported ${zip.filename}.`);
  const { json: again } = await exportJson(page);
  const shape = (j) => {
    const at = Object.fromEntries(j.annotations.map((a) => [a.id, `${a.label} ${a.start}-${a.end}`]));
    return {
      spans: j.annotations.map((a) => [a.label, a.start, a.end, a.text, a.cue ? `${a.cue.start}-${a.cue.end}` : null]),
      relations: j.relations.map((r) => `${r.type} ${at[r.from]} ${at[r.to]}`).sort(),
    };
  };
  expect(shape(again)).toEqual(shape(json));
  expect(await libraryCount(page)).toBe(2);
});

test('Cancel in the preview changes nothing; Escape too', async ({ page }) => {
  await openSavedArticle(page, 'Lena Ortiz said the ferry would run again in spring.', { title: 'Ferry' });
  const before = await exportJson(page);
  const pair = [
    file('ferry.txt', 'Tomas Berg said the market stays shut.'),
    file('ferry.ann', 'T1\tPerson 0 10\tTomas Berg\n'),
  ];
  await chooseFiles(page, pair);
  await preview(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(preview(page)).toBeHidden();
  await expect(statusBox(page)).toHaveText('Import of ferry.txt and ferry.ann cancelled; nothing was changed.');
  // Focus goes back to the button that opened the chooser.
  await expect(page.getByRole('banner').getByRole('button', { name: 'Import', exact: true })).toBeFocused();
  await chooseFiles(page, pair);
  await page.keyboard.press('Escape');
  await expect(preview(page)).toBeHidden();
  expect((await exportJson(page)).raw).toBe(before.raw);
  expect(await libraryCount(page)).toBe(1);
});

/** A Label Studio labels region over the first `needle` in `text` (code-point offsets). */
const lsRegion = (text, id, needle, label) => ({
  id,
  from_name: 'label',
  to_name: 'text',
  type: 'labels',
  value: { ...cpSpan(text, needle), text: needle, labels: [label] },
});

test('a Label Studio export: annotations imported, predictions reviewed with Enter and Backspace', async ({ page }) => {
  const text = '🌉 Juno Pell told the council that “the bridge stays open” until Friday.';
  const region = (id, needle, label) => lsRegion(text, id, needle, label);
  const tasks = [
    {
      id: 1,
      data: { text },
      annotations: [{ result: [region('r1', 'Juno Pell', 'Person')] }],
      predictions: [{ result: [region('p1', '“the bridge stays open”', 'Quote'), region('p2', 'Friday', 'Date')] }],
    },
  ];
  await page.goto('/');
  await chooseFiles(page, [file('bridge.json', JSON.stringify(tasks), 'application/json')]);
  const dialog = preview(page);
  await expect(dialog).toContainText('bridge.json, read as Label Studio JSON.');
  await expect(dialog.getByRole('list', { name: 'Found' })).toContainText('2 suggestions');
  // "Person" goes onto our "speaker"; "Quote" and "Date" match ours by name.
  const person = dialog.getByRole('combobox', { name: /^Person \(1 annotation\)/ });
  await person.selectOption({ label: 'speaker' });
  await expect(dialog.getByRole('combobox', { name: /^Quote \(0 annotations, 1 suggestion\)/ })).toHaveValue('0');
  await importButton(page).click();
  await expect(statusBox(page)).toContainText('Imported bridge.json.');
  await expect(statusBox(page)).toContainText('2 suggestions to review');
  // The predictions are suggestions, not annotations.
  await expect(annotationItems(page)).toHaveCount(1);
  const panel = suggestionPanel(page);
  await expect(panel).toContainText('quote “the bridge stays open” → no speaker (1 of 2)');
  await page.keyboard.press('Enter');
  await expect(annotationItems(page)).toHaveCount(2);
  await expect(panel).toContainText('date Friday (1 of 1)');
  await page.keyboard.press('Backspace');
  await expect(panel).toHaveCount(0);
  await expect(statusBox(page)).toContainText('All suggestions are reviewed.');
  const { json } = await exportJson(page);
  await checkExport(json);
  expect(spans(json)).toEqual([
    ['speaker', 'Juno Pell'],
    ['quote', '“the bridge stays open”'],
  ]);
  expect(json.annotations[1]).toMatchObject(cpSpan(text, '“the bridge stays open”'));
});

test('a Label Studio file of two tasks: the second article keeps its predictions, reviewed when opened from the library', async ({ page }) => {
  const first = 'The harbour wall held through the storm, Noor Vale wrote on Sunday.';
  const second = 'Tomas Quill said the tram depot 🚋 would open in June, not May.';
  const tasks = [
    {
      id: 1,
      data: { text: first, title: 'Harbour wall' },
      annotations: [],
      predictions: [{ result: [lsRegion(first, 'p1', 'Sunday', 'date')] }],
    },
    {
      id: 2,
      data: { text: second, title: 'Tram depot' },
      annotations: [],
      predictions: [{ result: [lsRegion(second, 'p2', 'Tomas Quill', 'speaker'), lsRegion(second, 'p3', 'June', 'date')] }],
    },
  ];
  await page.goto('/');
  await chooseFiles(page, [file('depots.json', JSON.stringify(tasks), 'application/json')]);
  await expect(preview(page).getByRole('list', { name: 'Found' })).toContainText('3 suggestions');
  await importButton(page).click();
  // The first article is shown with its prediction under review; the status says which other
  // article has predictions waiting, and how many.
  await expect(statusBox(page)).toContainText('Imported depots.json: 2 articles');
  await expect(statusBox(page)).toContainText('2 predictions on “Tram depot” wait for review: open it from the library to review them.');
  await expect(suggestionPanel(page)).toContainText('date Sunday (1 of 1)');
  await expect(annotationItems(page)).toHaveCount(0);

  // The second article, opened from the library by its name: its predictions are offered.
  await openLibrary(page);
  await watchSaves(page);
  await libraryDialog(page).getByRole('button', { name: 'Open Tram depot', exact: true }).click();
  await expect(statusBox(page)).toContainText('Opened “Tram depot” (0 annotations). 2 suggestions to review (the predictions imported with it).');
  const panel = suggestionPanel(page);
  await expect(panel).toContainText('speaker Tomas Quill (1 of 2)');
  await expect(annotationItems(page)).toHaveCount(0);
  // Focus is in the article, where Enter accepts, not back on the Library button (where Enter
  // would open the library again).
  await expect(page.getByRole('textbox', { name: 'Article body' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(annotationItems(page)).toHaveCount(1);
  await expect(panel).toContainText('date June (1 of 1)');
  await page.keyboard.press('Backspace');
  await expect(panel).toHaveCount(0);
  await expect(statusBox(page)).toContainText('All suggestions are reviewed.');
  await waitForSave(page);

  // The v1 export holds the accepted one as an annotation, and nothing of the rejected one.
  const { json, raw } = await exportJson(page);
  await checkExport(json);
  expect(json.document.title).toBe('Tram depot');
  expect(spans(json)).toEqual([['speaker', 'Tomas Quill']]);
  expect(json.annotations[0]).toMatchObject(cpSpan(second, 'Tomas Quill'));
  expect(raw).not.toContain('June"');
  expect(raw).not.toMatch(/pending|prediction/);

  // Decided, they are not offered again: opened afresh after a reload, no review.
  await page.reload();
  await expect(statusBox(page)).toContainText('Opened “Tram depot” (1 annotation).');
  await expect(statusBox(page)).not.toContainText('to review');
  await expect(suggestionPanel(page)).toHaveCount(0);
});

test('a doccano JSONL file: a malformed line listed and skipped, or the whole import refused in strict mode', async ({ page }) => {
  const a = 'Rosa Vell said the tram line opens on Monday.';
  const b = 'The council met on Tuesday.';
  const jsonl = [
    JSON.stringify({ text: a, label: [[0, 9, 'PER'], [38, 44, 'DATE']] }),
    '{"text": "broken',
    JSON.stringify({ text: b, entities: [{ id: 1, start_offset: 19, end_offset: 26, label: 'DATE' }] }),
  ].join('\n');
  await page.goto('/');
  const before = await libraryCount(page);
  await chooseFiles(page, [file('trams.jsonl', `${jsonl}\n`)]);
  const dialog = preview(page);
  await expect(dialog).toContainText('trams.jsonl, read as doccano JSONL.');
  const problems = dialog.getByRole('list', { name: /^Problems \(1\)/ });
  await expect(problems).toContainText('trams.jsonl, line 2:');
  // Strict: the refusal is said in the dialog, and Import refuses the whole file.
  await dialog.getByRole('radio', { name: 'Refuse the whole import' }).check();
  await expect(dialog.getByRole('alert')).toContainText('Strict mode refuses this import: trams.jsonl, line 2:');
  await importButton(page).click();
  await expect(statusBox(page)).toHaveText(
    'Could not import trams.jsonl: line 2 of trams.jsonl is malformed, and “Refuse the whole import” was chosen. '
      + 'Choose “Skip them and import the rest” to import everything else. Nothing was changed.',
  );
  await page.getByRole('button', { name: 'Details' }).click();
  await expect(page.locator('#status-detail')).toContainText('trams.jsonl, line 2:');
  await expect(statusBox(page)).toHaveClass(/\berror\b/);
  expect(await libraryCount(page)).toBe(before);
  // Lenient (the default): the two good lines become two articles.
  await chooseFiles(page, [file('trams.jsonl', `${jsonl}\n`)]);
  await expect(dialog.getByRole('list', { name: 'Found' })).toContainText('2 articles');
  await dialog.getByRole('combobox', { name: /^PER/ }).selectOption({ label: 'speaker' });
  await importButton(page).click();
  await expect(statusBox(page)).toContainText('Imported trams.jsonl: 2 articles, all stored in the library');
  await expect(statusBox(page)).toContainText('1 problem listed in the preview.');
  const { json } = await exportJson(page);
  expect(json.document.text).toBe(a);
  expect(spans(json)).toEqual([
    ['speaker', 'Rosa Vell'],
    ['date', 'Monday'],
  ]);
  expect(await libraryCount(page)).toBe(before + 2);
});

test('W3C annotations onto a pasted text: the one that no longer matches is listed, not guessed', async ({ page }) => {
  const text = 'Ilse Marr said the harbour wall was finished in March. Critics disagreed.';
  await openSavedArticle(page, text, { title: 'Harbour' });
  const note = (value, exact, extra = {}) => ({
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'Annotation',
    body: [{ type: 'TextualBody', purpose: 'tagging', value }],
    target: { selector: [{ type: 'TextQuoteSelector', exact, ...extra }] },
  });
  const collection = {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'AnnotationCollection',
    first: {
      type: 'AnnotationPage',
      items: [note('speaker', 'Ilse Marr'), note('date', 'March'), note('claim', 'the pier was finished')],
    },
  };
  await chooseFiles(page, [file('harbour.jsonld', JSON.stringify(collection), 'application/ld+json')]);
  const dialog = preview(page);
  await expect(dialog).toContainText('harbour.jsonld, read as W3C Web Annotation.');
  await expect(dialog.getByRole('list', { name: 'Found' })).toContainText('2 annotations');
  await expect(dialog.getByRole('list', { name: /^Problems \(1\)/ })).toContainText('the pier was finished');
  await expect(dialog.getByRole('group', { name: 'Import as' })).toBeVisible();
  await importButton(page).click();
  await expect(statusBox(page)).toContainText('Imported harbour.jsonld.');
  const { json } = await exportJson(page);
  expect(json.document.text).toBe(text);
  expect(json.annotations.map((a) => [a.label, a.text, a.start, a.end])).toEqual([
    ['speaker', 'Ilse Marr', 0, 9],
    ['date', 'March', ...Object.values(cpSpan(text, 'March'))],
  ]);
  expect(await libraryCount(page)).toBe(2);
});

test('"Import as suggestions" onto the open article: reviewed there, nothing added unasked', async ({ page }) => {
  const text = 'Ada Quin said the library reopens on Sunday.';
  await openSavedArticle(page, text, { title: 'Library' });
  const doccano = JSON.stringify({ text, label: [[0, 8, 'speaker'], [37, 43, 'date']] });
  await chooseFiles(page, [file('library.jsonl', doccano)]);
  const dialog = preview(page);
  await dialog.getByRole('radio', { name: 'Suggestions on the open article, to review' }).check();
  await importButton(page).click();
  await expect(statusBox(page)).toContainText('2 suggestions from library.jsonl to review.');
  await expect(annotationItems(page)).toHaveCount(0);
  await expect(suggestionPanel(page)).toContainText('speaker Ada Quin (1 of 2)');
  await page.keyboard.press('Enter');
  await expect(annotationItems(page)).toHaveCount(1);
  expect(spans((await exportJson(page)).json)).toEqual([['speaker', 'Ada Quin']]);
  expect(await libraryCount(page)).toBe(1);
});

test('a CoNLL file without its text: the text rebuilt from the tokens, the spans kept', async ({ page }) => {
  const conll = ['Pia\tB-PER', 'Lund\tI-PER', 'opened\tO', 'the\tO', 'fair\tO', 'on\tO', 'Monday\tB-DATE', '.\tO', ''].join('\n');
  await page.goto('/');
  await chooseFiles(page, [file('fair.conll', conll)]);
  const dialog = preview(page);
  await expect(dialog).toContainText('fair.conll, read as CoNLL.');
  await dialog.getByRole('combobox', { name: /^PER/ }).selectOption({ label: 'speaker' });
  await importButton(page).click();
  await expect(statusBox(page)).toContainText('Imported fair.conll.');
  const { json } = await exportJson(page);
  expect(json.document.text).toBe('Pia Lund opened the fair on Monday.');
  expect(spans(json)).toEqual([
    ['speaker', 'Pia Lund'],
    ['date', 'Monday'],
  ]);
});

test('several files dropped together are one import: a brat pair and a CoNLL file', async ({ page }) => {
  await page.goto('/');
  const files = [
    ['kiln.txt', 'Oskar Dahl said the kiln was lit.'],
    ['kiln.ann', 'T1\tPerson 0 10\tOskar Dahl\n'],
    ['loom.conll', 'Eva\tB-PER\nSund\tI-PER\nwove\tO\n'],
  ];
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const [n, c] of list) dt.items.add(new File([c], n, { type: 'text/plain' }));
    return dt;
  }, files);
  for (const type of ['dragenter', 'dragover', 'drop']) await page.locator('main').dispatchEvent(type, { dataTransfer });
  const dialog = preview(page);
  await expect(dialog).toContainText('kiln.txt, kiln.ann and loom.conll, read as brat standoff and CoNLL.');
  await expect(dialog.getByRole('list', { name: 'Found' })).toContainText('2 articles');
  await expect(dialog.getByRole('combobox', { name: /^Person \(1 annotation\)/ })).toBeVisible();
  await expect(dialog.getByRole('combobox', { name: /^PER \(1 annotation\)/ })).toBeVisible();
  await importButton(page).click();
  await expect(statusBox(page)).toContainText('Imported kiln.txt, kiln.ann and loom.conll: 2 articles, all stored in the library; showing “kiln”.');
  expect(spans((await exportJson(page)).json)).toEqual([['Person', 'Oskar Dahl']]);
  expect(await libraryCount(page)).toBe(2);
});

test('the label mapping chosen is remembered for the next import', async ({ page }) => {
  await page.goto('/');
  const pair = [file('mill.txt', 'Nils Aro said the mill runs.'), file('mill.ann', 'T1\tPerson 0 8\tNils Aro\n')];
  await chooseFiles(page, pair);
  await preview(page).getByRole('combobox', { name: /^Person/ }).selectOption({ label: 'speaker' });
  await importButton(page).click();
  await expect(statusBox(page)).toContainText('Imported mill.txt and mill.ann.');
  await page.reload();
  await expect(statusBox(page)).toContainText('Opened “mill”');
  await chooseFiles(page, pair);
  const select = preview(page).getByRole('combobox', { name: /^Person/ });
  await expect(select.locator('option:checked')).toHaveText('speaker');
});

/** Each refusal: the files, and what the status line must say. */
const REFUSALS = [
  ['a brat .ann without its .txt', [file('lone.ann', 'T1\tPerson 0 4\tAnna\n')],
    'Could not import lone.ann: nothing to import: lone.ann: a brat .ann file needs its .txt: no lone.txt was given. Nothing was changed.'],
  ['a text file alone', [file('lone.txt', 'Just some words.')],
    'Could not import lone.txt: it holds no annotations (a .txt file is read beside its brat .ann, or as the text of a W3C or CoNLL file). Nothing was changed.'],
  ['a file in no format the app reads', [file('table.csv', 'name,age\nAnna,4\n')],
    'Could not import table.csv: nothing to import: table.csv: not a format this app reads (brat, Label Studio, doccano, W3C, CoNLL, spaCy, or its own). Nothing was changed.'],
  ['W3C annotations with no text to anchor on', [file('orphan.jsonld', JSON.stringify({ type: 'Annotation', target: { selector: { type: 'TextQuoteSelector', exact: 'x' } } }))],
    'Could not import orphan.jsonld: nothing to import: orphan.jsonld: W3C annotations point into a text: open the article, or give its .txt with them. Nothing was changed.'],
  ['a brat pair whose .ann is not UTF-8', [file('latin.txt', 'Zoe said.'), { name: 'latin.ann', mimeType: 'text/plain', buffer: Buffer.from([0x54, 0x31, 0x09, 0xe9, 0x0a]) }],
    'Could not import latin.txt and latin.ann: nothing to import: latin.ann: not UTF-8 text (byte 3 is not UTF-8); save it as UTF-8. Nothing was changed.'],
];

for (const [what, files, said] of REFUSALS) {
  test(`refused with its reason, nothing changed: ${what}`, async ({ page }) => {
    await page.goto('/');
    await importWithChooser(page, files);
    await expect(statusBox(page)).toHaveText(said);
    await expect(statusBox(page)).toHaveClass(/\berror\b/);
    await expect(preview(page)).toHaveCount(0);
    expect(await libraryCount(page)).toBe(0);
  });
}

test.describe('the worker that reads and writes other tools\' files', () => {
  // The service worker would serve the worker's files from its cache, past the test's route.
  test.use({ serviceWorkers: 'block' });
  const loader = '**/annotator-worker_loader.js';
  const pair = [
    file('pier.txt', 'Mara Quist said the pier would reopen in May.'),
    file('pier.ann', 'T1\tPerson 0 10\tMara Quist\n'),
  ];

  test('files opened on the paste screen are read by the worker; one that cannot load is said plainly, and the next try reads them', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('button', { name: 'Annotate' })).toBeVisible();
    expect(page.workers(), 'the paste screen starts no worker').toHaveLength(0);
    await page.context().route(loader, (route) => route.fulfill({ status: 404, body: '' }));
    await importWithChooser(page, pair);
    await expect(statusBox(page)).toContainText(
      "Could not import pier.txt and pier.ann: the part of the app that reads other tools' files did not load. Reload the page, then open the files again. Nothing was changed.",
    );
    await expect(preview(page)).toHaveCount(0);
    await page.context().unroute(loader);
    await chooseFiles(page, pair);
    expect(page.workers().map((w) => new URL(w.url()).pathname)).toEqual(['/annotator-worker_loader.js']);
    await expect(preview(page)).toContainText('pier.txt and pier.ann, read as brat standoff.');
    await importButton(page).click();
    await expect(page.getByRole('textbox', { name: 'Article body' })).toContainText('Mara Quist said the pier');
    const { json } = await exportJson(page);
    expect(spans(json)).toEqual([['Person', 'Mara Quist']]);
  });

  test('an export the worker could not write is said plainly, and the next one downloads', async ({ page }) => {
    await page.context().route(loader, (route) => route.fulfill({ status: 404, body: '' }));
    await openSavedArticle(page, 'Lena Ortiz said the ferry would run again in spring.', { title: 'Ferry' });
    const button = await menuItem(page, 'Export', 'Export brat standoff');
    await button.click();
    await expect(statusBox(page)).toContainText(
      "Could not export ferry.brat.zip: the part of the app that writes other tools' formats did not load. Reload the page, then export again.",
    );
    await page.context().unroute(loader);
    const again = await exportFormat(page, 'Export brat standoff');
    expect(again.filename).toBe('ferry.brat.zip');
    expect(again.bytes.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    await expect(statusBox(page)).toContainText('Exported 0 annotations to ferry.brat.zip.');
  });
});
