// The other export formats, each read back by an independent reader and
// checked against the v1 JSON export of the same article. Offsets count
// Unicode code points everywhere.
import {
  test,
  expect,
  annotateWithKey,
  annotationItems,
  checkExport,
  cpSlice,
  doubleClickAt,
  exportFormat,
  exportJson,
  findText,
  openWithText,
  selectedPanel,
  statusBox,
} from './helpers.mjs';
import { readZip } from './readers/zip.mjs';
import { parseAnn, checkAgainstText, checkConf, slice } from './readers/brat.mjs';
import { parseConll, locateTokens, chunksOf, expectedChunks } from './readers/conll.mjs';
import { parseCsv, looksLikeFormula } from './readers/csv.mjs';

const TITLE = 'Export check';
const SLUG = 'export-check';
const TEXT = [
  'Launch day 😀 was loud.',
  'The engineer 👩🏽‍💻 shipped it before noon.',
  'Our cafe\u0301 opened on Friday morning.',
  '中文新闻 今天 发布了。',
  'قال الوزير إن الاتفاق تاريخي.',
  '-5% growth was "expected", said Bob, really.',
].join('\n');

const NOTE = '=HYPERLINK("x"), check\nsecond line';
const MULTI = 'shipped it before noon.\nOur cafe\u0301';

/** [label, text] of every annotation, in export order (start, end). */
const EXPECTED = [
  ['quote', 'day 😀 was'],
  ['speaker', 'engineer 👩🏽‍💻'],
  ['quote', MULTI],
  ['quote', 'cafe\u0301 opened on Friday'],
  ['date', 'Friday'],
  ['claim', '中文新闻'],
  ['speaker', 'الوزير'],
  ['claim', '-5% growth'],
  ['quote', '"expected", said Bob'],
];

/**
 * Builds the article as a person would (drags, keys, a double-click for the
 * Arabic word, a typed note) and returns its v1 export.
 */
async function buildArticle(page) {
  await openWithText(page, TEXT, { title: TITLE });
  await annotateWithKey(page, 'day 😀 was', '1');
  await annotateWithKey(page, 'engineer 👩🏽‍💻', '2');
  // A span over a line break.
  await annotateWithKey(page, MULTI, '1');
  // Overlaps the one before, same label; "Friday" nests inside it.
  await annotateWithKey(page, 'cafe\u0301 opened on Friday', '1');
  await annotateWithKey(page, 'Friday', '4');
  await annotateWithKey(page, '中文新闻', '3');
  // Right-to-left word by double-click.
  const ar = await findText(page, 'الوزير');
  const sel = await doubleClickAt(page, ar.start, ar.end);
  expect(sel.trim()).toBe('الوزير');
  await page.keyboard.press('2');
  await expect(annotationItems(page)).toHaveCount(7);
  // A span starting with "-" (a formula to a spreadsheet), with a note that starts with "=".
  await annotateWithKey(page, '-5% growth', '3');
  const note = selectedPanel(page).getByRole('textbox', { name: 'Note' });
  await note.click();
  await page.keyboard.type('=HYPERLINK("x"), check');
  await page.keyboard.press('Enter');
  await page.keyboard.type('second line');
  await selectedPanel(page).getByRole('button', { name: 'Save note' }).click();
  await expect(annotationItems(page).filter({ hasText: 'Note: =HYPERLINK' })).toHaveCount(1);
  // Quotes and commas, for CSV quoting.
  await annotateWithKey(page, '"expected", said Bob', '1');

  const { filename, json } = await exportJson(page);
  expect(filename).toBe(`${SLUG}.annotations.json`);
  await checkExport(json);
  expect(json.document.text).toBe(TEXT);
  expect(json.annotations.map((a) => [a.label, a.text])).toEqual(EXPECTED);
  expect(json.annotations.find((a) => a.text === '-5% growth').note).toBe(NOTE);
  return json;
}

/** The exported annotation with this label and text. */
const find = (doc, label, text) => {
  const found = doc.annotations.filter((a) => a.label === label && a.text === text);
  expect(found, `${label} "${text}"`).toHaveLength(1);
  return found[0];
};

test('W3C Web Annotation: positions and quotes agree, by code points', async ({ page }) => {
  const doc = await buildArticle(page);
  const text = doc.document.text;
  const chars = Array.from(text);
  const file = await exportFormat(page, 'Export W3C Web Annotation');
  expect(file.filename).toBe(`${SLUG}.annotations.jsonld`);
  await expect(statusBox(page)).toContainText(`${SLUG}.annotations.jsonld`);
  const ld = JSON.parse(file.text);
  expect(ld['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
  expect(ld.type).toBe('AnnotationCollection');
  expect(ld.label).toBe(TITLE);
  const items = ld.first.items;
  expect(ld.total).toBe(items.length);
  const tagging = items.filter((it) => it.motivation !== 'linking');
  expect(tagging).toHaveLength(doc.annotations.length);

  const seen = new Set();
  for (const it of tagging) {
    expect(it.type).toBe('Annotation');
    const selectors = [].concat(it.target.selector);
    const quote = selectors.find((s) => s.type === 'TextQuoteSelector');
    const pos = selectors.find((s) => s.type === 'TextPositionSelector');
    expect(quote, JSON.stringify(it)).toBeTruthy();
    expect(pos, JSON.stringify(it)).toBeTruthy();
    // Position, sliced by code points, is the quote.
    expect(cpSlice(text, pos.start, pos.end), `item ${it.id}`).toBe(quote.exact);
    // prefix / suffix are the text right before and after.
    const before = chars.slice(0, pos.start).join('');
    const after = chars.slice(pos.end).join('');
    expect(before.endsWith(quote.prefix), `prefix of ${it.id}: ${JSON.stringify(quote.prefix)}`).toBe(true);
    expect(after.startsWith(quote.suffix), `suffix of ${it.id}: ${JSON.stringify(quote.suffix)}`).toBe(true);
    // Up to 32 code points and 32 UTF-16 units either side, whichever is shorter (Hypothesis's
    // anchoring refuses longer patterns; docs/formats.md), fewer only at the ends of the text.
    const within = (cps) => {
      const out = [];
      for (const c of cps) {
        if (out.length === 32 || out.join('').length + c.length > 32) break;
        out.push(c);
      }
      return out;
    };
    const wantPrefix = within(chars.slice(Math.max(0, pos.start - 32), pos.start).reverse()).reverse().join('');
    expect(quote.prefix, `prefix of ${it.id}`).toBe(wantPrefix);
    expect(quote.suffix, `suffix of ${it.id}`).toBe(within(chars.slice(pos.end, pos.end + 32)).join(''));
    // The same span and label as one v1 annotation.
    const bodies = [].concat(it.body);
    const tag = bodies.find((b) => b.purpose === 'tagging');
    const match = doc.annotations.filter(
      (a) => a.start === pos.start && a.end === pos.end && a.label === tag.value,
    );
    expect(match, `v1 annotation for ${it.id}`).toHaveLength(1);
    expect(seen.has(match[0].id)).toBe(false);
    seen.add(match[0].id);
    const comment = bodies.find((b) => b.purpose === 'commenting');
    if (match[0].note) expect(comment && comment.value).toBe(match[0].note);
    else expect(comment).toBeUndefined();
  }
  // The emoji inside counts one: a UTF-16 count would end this at 17.
  const q = find(doc, 'quote', 'day 😀 was');
  expect([q.start, q.end]).toEqual([7, 16]);
});

test('brat standoff: a stored zip of .txt, .ann and annotation.conf; every fragment slices the .txt, every type is declared', async ({ page }) => {
  const doc = await buildArticle(page);
  const text = doc.document.text;
  const file = await exportFormat(page, 'Export brat standoff');
  expect(file.filename).toBe(`${SLUG}.brat.zip`);
  const entries = readZip(file.bytes); // fails unless every member is stored and its CRC matches
  for (const e of entries) {
    expect(e.flags & 0x800, `${e.name}: UTF-8 name flag`).toBe(0x800);
    expect([e.dosDate, e.dosTime], `${e.name}: date 1980-01-01 00:00`).toEqual([(1 << 5) | 1, 0]);
  }
  expect(entries.map((e) => e.name).sort()).toEqual(['annotation.conf', `${SLUG}.ann`, `${SLUG}.txt`]);
  const txt = entries.find((e) => e.name.endsWith('.txt')).text;
  const annFile = entries.find((e) => e.name.endsWith('.ann')).text;
  expect(txt).toBe(text);
  // brat opens the folder without complaints: the conf declares every label (as the .ann writes
  // it), relation, event role and attribute the .ann uses.
  const conf = entries.find((e) => e.name === 'annotation.conf').text;
  for (const label of doc.labels) expect(conf).toMatch(new RegExp(`^${label.name.replace(/\s/g, '_')}$`, 'm'));
  expect(conf).toContain('\nCue\tContent:<ENTITY>, Source*:<ENTITY>\n');
  expect(checkConf(conf, annFile)).toEqual([]);
  expect(checkConf(conf.replace(/^speaker$/m, ''), annFile), 'the check can fail').not.toEqual([]);

  const ann = parseAnn(annFile);
  expect(checkAgainstText(ann, txt)).toEqual([]);
  expect(ann.textBounds).toHaveLength(doc.annotations.length);
  // T lines in export order: the n-th is the n-th v1 annotation.
  doc.annotations.forEach((a, i) => {
    const t = ann.textBounds[i];
    expect(t.type, `${t.id}`).toBe(a.label);
    const frags = t.fragments;
    // The fragments cover exactly the span, leaving out only its line breaks.
    expect(frags[0][0], `${t.id} start`).toBe(a.start);
    expect(frags[frags.length - 1][1], `${t.id} end`).toBe(a.end);
    for (const [s, e] of frags) expect(slice(txt, s, e)).not.toContain('\n');
    for (let k = 1; k < frags.length; k += 1) {
      expect(slice(txt, frags[k - 1][1], frags[k][0]), `${t.id} gap`).toMatch(/^\n+$/);
    }
    expect(t.text).toBe(a.text.split('\n').filter(Boolean).join(' '));
  });
  // The multi-line quote is a discontinuous span of two fragments.
  const multi = doc.annotations.findIndex((a) => a.text === MULTI);
  expect(ann.textBounds[multi].fragments).toHaveLength(2);
  expect(ann.textBounds[multi].text).toBe('shipped it before noon. Our cafe\u0301');
  // The note, on its annotation, with the line break flattened.
  const noted = doc.annotations.findIndex((a) => a.note);
  expect(ann.notes).toHaveLength(1);
  expect(ann.notes[0].target).toBe(ann.textBounds[noted].id);
  expect(ann.notes[0].text).toBe(NOTE.replace(/\n/g, ' '));
});

test('CoNLL BIO: one file per label; chunks rebuilt from the tags match the annotations', async ({ page }) => {
  const doc = await buildArticle(page);
  const text = doc.document.text;
  const file = await exportFormat(page, 'Export CoNLL BIO');
  expect(file.filename).toBe(`${SLUG}.conll.zip`);
  const entries = readZip(file.bytes);
  const labels = doc.labels.map((l) => l.name);
  expect(entries.map((e) => e.name).sort()).toEqual(labels.map((l) => `${SLUG}.${l}.conll`).sort());

  let tokensSeen = null;
  for (const label of labels) {
    const entry = entries.find((e) => e.name === `${SLUG}.${label}.conll`);
    const sentences = parseConll(entry.text);
    for (const s of sentences) for (const t of s) expect(t.tags, `${label}: ${t.token}`).toHaveLength(1);
    // Tokens are the text's non-space characters, in order, the same in every layer.
    const tokens = locateTokens(sentences, text);
    const tokenList = tokens.map((t) => [t.token, t.start, t.sentence]);
    if (tokensSeen) expect(tokenList).toEqual(tokensSeen);
    tokensSeen = tokenList;
    for (const t of tokens) {
      if (t.tags[0] !== 'O') expect(t.tags[0].slice(2)).toBe(label);
    }
    const got = chunksOf(tokens).map((c) => [c.sentence, c.first, c.last]);
    const want = expectedChunks(doc.annotations, tokens, label);
    expect(got, `${label} chunks (kept ${want.kept}, dropped ${want.dropped})`).toEqual(
      want.chunks.map((c) => [c.sentence, c.first, c.last]),
    );
    // Each kept annotation lies within its chunks, which start and end on its tokens.
    for (const id of want.kept) {
      const a = doc.annotations.find((x) => x.id === id);
      const mine = want.chunks.filter((c) => c.id === id);
      expect(mine[0].start).toBeLessThanOrEqual(a.start);
      expect(mine[mine.length - 1].end).toBeGreaterThanOrEqual(a.end);
    }
  }

  // The quote layer, spelled out: the longer of two overlapping quotes wins,
  // the shorter is left out; the winner crosses a sentence (and line) break,
  // so "Our" starts a chunk again.
  const quote = locateTokens(parseConll(entries.find((e) => e.name === `${SLUG}.quote.conll`).text), text);
  const multi = find(doc, 'quote', MULTI);
  const shorter = find(doc, 'quote', 'cafe\u0301 opened on Friday');
  const rule = expectedChunks(doc.annotations, quote, 'quote');
  expect(rule.kept).toContain(multi.id);
  expect(rule.dropped).toEqual([shorter.id]);
  const tagOf = (token, from = 0) => quote.find((t) => t.token === token && t.start >= from).tags[0];
  expect(tagOf('shipped')).toBe('B-quote');
  expect(tagOf('noon')).toBe('I-quote');
  expect(tagOf('Our')).toBe('B-quote');
  expect(tagOf('cafe\u0301')).toBe('I-quote');
  expect(tagOf('opened')).toBe('O');
  // No dictionary: Chinese comes out one ideograph per token (docs/formats.md).
  const claim = locateTokens(parseConll(entries.find((e) => e.name === `${SLUG}.claim.conll`).text), text);
  const zh = find(doc, 'claim', '中文新闻');
  expect(claim.filter((t) => t.start >= zh.start && t.end <= zh.end).map((t) => [t.token, t.tags[0]])).toEqual([
    ['中', 'B-claim'],
    ['文', 'I-claim'],
    ['新', 'I-claim'],
    ['闻', 'I-claim'],
  ]);
  // The date nested in the dropped quote is still in its own layer.
  const date = locateTokens(parseConll(entries.find((e) => e.name === `${SLUG}.date.conll`).text), text);
  expect(date.filter((t) => t.tags[0] !== 'O').map((t) => [t.token, t.tags[0]])).toEqual([['Friday', 'B-date']]);
});

test('Label Studio: value.start/end/text by code points', async ({ page }) => {
  const doc = await buildArticle(page);
  const text = doc.document.text;
  const file = await exportFormat(page, 'Export Label Studio');
  expect(file.filename).toBe(`${SLUG}.label-studio.json`);
  const tasks = JSON.parse(file.text);
  expect(Array.isArray(tasks)).toBe(true);
  expect(tasks).toHaveLength(1);
  expect(tasks[0].data.text).toBe(text);
  expect(tasks[0].data.title).toBe(TITLE);
  const results = tasks[0].annotations.flatMap((a) => a.result).filter((r) => r.type === 'labels');
  expect(results).toHaveLength(doc.annotations.length);
  for (const r of results) {
    const { start, end, text: quoted, labels } = r.value;
    expect(cpSlice(text, start, end), `region ${r.id}`).toBe(quoted);
    const a = doc.annotations.find((x) => x.id === r.id);
    expect(a, `v1 annotation ${r.id}`).toBeTruthy();
    expect([start, end, quoted, labels]).toEqual([a.start, a.end, a.text, [a.label]]);
    expect(r.from_name).toBeTruthy();
    expect(r.to_name).toBeTruthy();
    // A note is the region's meta.text (docs/formats.md).
    if (a.note) expect(r.meta).toEqual({ text: [a.note] });
    else expect(r.meta).toBeUndefined();
  }
  const ids = results.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
});

test('CSV: RFC 4180, code point offsets, and formula cells guarded', async ({ page }) => {
  const doc = await buildArticle(page);
  const text = doc.document.text;
  const file = await exportFormat(page, 'Export CSV');
  expect(file.filename).toBe(`${SLUG}.annotations.csv`);
  // A UTF-8 byte-order mark first, so Excel reads the text as UTF-8 (docs/formats.md).
  expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const body = file.text.replace(/^\uFEFF/, '');
  expect(body.endsWith('\r\n')).toBe(true);
  const records = parseCsv(body);
  expect(records[0]).toEqual(['id', 'label', 'start', 'end', 'text', 'note']);
  const rows = records.slice(1);
  expect(rows).toHaveLength(doc.annotations.length);
  // A guarded cell has one extra "'" in front of what a spreadsheet would run.
  const unguard = (cell) => (cell.startsWith("'") && looksLikeFormula(cell.replace(/^'+/, '')) ? cell.slice(1) : cell);
  rows.forEach((row, i) => {
    expect(row, `row ${i + 1}`).toHaveLength(6);
    for (const cell of row) expect(looksLikeFormula(cell), `row ${i + 1} cell ${JSON.stringify(cell)}`).toBe(false);
    const [id, label, start, end, span, note] = row.map(unguard);
    const a = doc.annotations[i];
    expect([id, label, Number(start), Number(end)]).toEqual([a.id, a.label, a.start, a.end]);
    expect(start).toMatch(/^\d+$/);
    expect(end).toMatch(/^\d+$/);
    expect(span, `row ${i + 1} text`).toBe(cpSlice(text, a.start, a.end));
    expect(note).toBe(a.note ?? '');
  });
  // The span starting with "-" and the note starting with "=" are guarded; nothing else is.
  const minus = doc.annotations.findIndex((a) => a.text === '-5% growth');
  expect(rows[minus][4]).toBe("'-5% growth");
  expect(rows[minus][5]).toBe(`'${NOTE}`);
  const quoted = doc.annotations.findIndex((a) => a.text === '"expected", said Bob');
  expect(rows[quoted][4]).toBe('"expected", said Bob');
  expect(body).toContain('"""expected"", said Bob"');
  // The multi-line span is one quoted field holding its line break.
  const multi = doc.annotations.findIndex((a) => a.text === MULTI);
  expect(rows[multi][4]).toBe(MULTI);
});
