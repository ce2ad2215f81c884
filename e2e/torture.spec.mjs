// Torture corpus: texts that break naive offset and selection code. Each one
// is pasted, annotated several times (by mouse drag, by keyboard selection,
// with label keys and label buttons), exported, and the export checked: every
// span's code point slice, and no span end inside a grapheme (by Node's
// Intl.Segmenter in checkExport and by the browser's own in the page). The
// texts live in e2e/fixtures/torture/ (fictional; the big ones are generated
// by generate.mjs). Whitespace-only and empty pastes must give the message and
// break nothing.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  test,
  expect,
  article,
  checkExport,
  checkLargeExport,
  cp,
  dragSelectBox,
  exportJson,
  graphemeSplitsInPage,
  libraryItems,
  marksOf,
  marksSplittingGraphemes,
  openLibrary,
  closeLibrary,
  pasteInto,
  readAppDb,
  renderedText,
  scrollOffsetIntoView,
  slugify,
  statusBox,
  waitForSave,
  watchSaves,
  annotateSpan,
} from './helpers.mjs';
import { bigArticle, longLine, BIG_MARKERS, LONG_MARKERS } from './fixtures/torture/generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.join(here, 'fixtures', 'torture');

/** A fixture text: `.txt` files are the text itself, `.json` files a JSON string (escaped). */
function loadFixture(name) {
  const raw = readFileSync(path.join(FIXTURES, name), 'utf8');
  return name.endsWith('.json') ? JSON.parse(raw) : raw;
}

/** What the app keeps of a pasted text: CRLF and lone CR become LF. */
const lf = (s) => s.replace(/\r\n?/g, '\n');

const articleBody = (page) => page.getByRole('textbox', { name: 'Article body' });
const textBox = (page) => page.getByRole('textbox', { name: 'Article text' });

/** UTF-16 offset of the nth occurrence of `needle` in `text`. */
function indexOfNth(text, needle, nth = 0) {
  let i = -1;
  for (let k = 0; k <= nth; k += 1) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`fixture: ${JSON.stringify(needle)} (#${nth}) not in the text`);
  }
  return i;
}

/**
 * Annotates `spans` in the article showing `text` (normalized), exports, and
 * checks the export: schema and code point slices (checkExport, which also
 * checks grapheme boundaries with Node's segmenter), the exact spans made,
 * grapheme boundaries by the browser's segmenter, and highlights that show
 * exactly each span and never split a grapheme. Returns the export.
 */
async function annotateAndCheck(page, text, title, spans, { large = false } = {}) {
  const expected = [];
  for (const span of spans) {
    const start = indexOfNth(text, span.text, span.nth);
    const end = start + span.text.length;
    await annotateSpan(page, span, start, end);
    // The spans are chosen so that snapping to words leaves them as selected, except where
    // `expect` names what is left once invisible characters at the ends are trimmed.
    const kept = span.expect ?? span.text;
    const from = start + span.text.indexOf(kept);
    expected.push({ label: span.label, start: cp(text, from), end: cp(text, from + kept.length), text: kept });
  }
  const { filename, json } = await exportJson(page);
  expect(filename).toBe(`${slugify(title)}.annotations.json`);
  // For megabytes of text, the same checks with a segmenter that is not quadratic.
  await (large ? checkLargeExport(json) : checkExport(json));
  expect(json.document.text === text, 'the exported text is the pasted text, line endings made LF').toBe(true);
  expect(json.document.title).toBe(title);
  const got = json.annotations.map(({ label, start, end, text: t }) => ({ label, start, end, text: t }));
  const order = (a, b) => a.start - b.start || a.end - b.end;
  expect(got).toEqual([...expected].sort(order));

  const offsets = json.annotations.flatMap((a) => [a.start, a.end]);
  expect(await graphemeSplitsInPage(page, text, offsets), 'span ends inside a grapheme (browser)').toEqual([]);
  expect(await marksSplittingGraphemes(page), 'highlights that split a grapheme').toEqual([]);
  const chars = Array.from(text);
  for (const a of json.annotations) {
    // Highlights are drawn near the viewport: scrolled to first.
    await scrollOffsetIntoView(page, chars.slice(0, a.start).join('').length);
    // Line breaks are not drawn inside the article; the highlight shows the rest.
    await expect
      .poll(async () => (await marksOf(page, a.id).allTextContents()).join(''), { message: `highlight of ${a.id}` })
      .toBe(a.text.replace(/\n/g, ''));
  }
  return json;
}

/** Opens the app, types the title and fills (or pastes) the text, and clicks Annotate. */
async function pasteAndAnnotate(page, raw, { title, paste = false }) {
  await page.goto('/');
  await expect(page).toHaveTitle('Article Annotator');
  await page.getByRole('textbox', { name: 'Title' }).fill(title);
  if (paste) {
    await pasteInto(page, textBox(page), raw);
  } else {
    await textBox(page).fill(raw);
  }
  // The paste box keeps the text; a textarea reports line breaks as LF.
  expect((await textBox(page).inputValue()) === lf(raw), 'the paste box holds the text').toBe(true);
  await page.getByRole('button', { name: 'Annotate' }).click();
  await expect(article(page)).toBeVisible();
  await expect(article(page).locator('p').first()).toBeVisible();
}

/** Non-blank lines = paragraphs of the article. */
const paragraphCount = (text) => text.split('\n').filter((l) => l.trim() !== '').length;

const CASES = [
  {
    name: 'emoji: skin tones, ZWJ families, flags, keycaps',
    file: 'emoji.txt',
    title: 'Torture emoji',
    // The fixture must still hold what it is for.
    holds: ['\u{1F3FD}', '\u200D', '\u{1F1EF}\u{1F1F5}', '\u{1F3F4}\u{E0067}', '1\uFE0F\u20E3'],
    spans: [
      { by: 'keyboard', text: '🇯🇵 🇧🇷 🇺🇦', key: '4', label: 'date' },
      { by: 'drag', text: '👨‍👩‍👧‍👦 came with 👩‍👩‍👦', key: 'q', label: 'quote' },
      { by: 'drag', text: '🧑🏻‍🤝‍🧑🏿', key: 's', label: 'speaker' },
      { by: 'keyboard', text: '1️⃣ then #️⃣', key: 'c', label: 'claim', click: true },
      { by: 'drag', text: '🏴󠁧󠁢󠁳󠁣󠁴󠁿 🏳️‍🌈', label: 'claim' },
      { by: 'drag', text: '👍🏻 👍🏼 👍🏽 👍🏾 👍🏿', key: '2', label: 'speaker' },
      { by: 'drag', text: '👩‍❤️‍💋‍👨', key: '1', label: 'quote' },
    ],
  },
  {
    name: 'combining marks stacked three deep',
    file: 'combining.txt',
    title: 'Torture combining marks',
    holds: ['a\u0301\u0323\u0308', 'e\u0300\u0316\u0331', 'Z\u0335\u0336\u0337', 'cafe\u0301'],
    spans: [
      { by: 'keyboard', text: 'a\u0301\u0323\u0308 and e\u0300\u0316\u0331', key: '1', label: 'quote' },
      { by: 'drag', text: 'Zo\u0308\u0301\u0323e', key: 's', label: 'speaker' },
      { by: 'drag', text: 'Ma\u0303\u0304\u0306rta', key: '2', label: 'speaker' },
      { by: 'drag', text: 'cafe\u0301', key: 'c', label: 'claim' },
      { by: 'keyboard', text: 're\u0301\u0302\u0304sume\u0301', key: 'd', label: 'date', click: true },
      { by: 'drag', text: 'ก\u0E34\u0E4A', key: '3', label: 'claim' },
      { by: 'drag', text: '“Z\u0335\u0336\u0337ero doubt”', label: 'quote' },
    ],
  },
  {
    name: 'CJK, Hangul syllables and conjoining jamo, ideographs outside the BMP',
    file: 'cjk-hangul.txt',
    title: 'Torture CJK',
    holds: ['\u1100\u1161\u11A8', '\u{2000B}', '虚构新闻', '가상의'],
    spans: [
      { by: 'keyboard', text: '가상의 도시에서', key: '3', label: 'claim' },
      { by: 'drag', text: '虚构新闻', key: 'q', label: 'quote' },
      { by: 'drag', text: '市议会', key: '2', label: 'speaker' },
      { by: 'drag', text: '日本語の見出し', key: 'c', label: 'claim' },
      { by: 'keyboard', text: '\u1100\u1161\u11A8', key: 'd', label: 'date', click: true },
      { by: 'drag', text: '\u1112\u1161\u11AB and \u1101\u1161', key: 's', label: 'speaker' },
      { by: 'drag', text: '𠀋𠂉𡈽', label: 'claim' },
      { by: 'drag', text: '李明', key: '2', label: 'speaker' },
    ],
  },
  {
    name: 'Arabic and Hebrew with numbers, bidi marks, embeddings, overrides and isolates',
    file: 'rtl-bidi.json',
    title: 'Torture bidi',
    holds: ['\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'],
    spans: [
      { by: 'keyboard', text: 'قال المتحدث', key: '2', label: 'speaker' },
      { by: 'drag', text: 'Hebrew report', key: 'c', label: 'claim' },
      // Right-to-left paragraphs (their first strong letter is Arabic / Hebrew).
      { by: 'box', text: 'الخيالية', key: '3', label: 'claim' },
      { by: 'box', text: '2030', key: 'd', label: 'date' },
      { by: 'box', text: 'הבדיוני', key: 's', label: 'speaker' },
      { by: 'keyboard', text: '١٢٣٤ و 5678', key: '4', label: 'date', click: true },
      { by: 'keyboard', text: 'embed LTR\u202C then', key: 'q', label: 'quote', click: true },
      { by: 'drag', text: 'right mark\u200F here', key: '1', label: 'quote' },
      // Shown reversed ("exe.txt") by the override: dragged from just outside
      // the run, across it, as a person drags between the quote marks. The
      // override and its closing mark at the ends are invisible, so they are
      // trimmed like white space: the annotation is the visible word.
      { by: 'box', text: '\u202Etxt.exe\u202C', expect: 'txt.exe', inset: -1, label: 'claim' },
    ],
  },
  {
    name: 'zero-width spaces and joiners, word joiner, BOM, soft hyphen, tabs and no-break spaces',
    file: 'invisible.json',
    title: 'Torture invisible',
    holds: ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\t', '\u00A0', '\u202F'],
    spans: [
      { by: 'keyboard', text: 'Zero\u200Bwidth', key: 'q', label: 'quote' },
      { by: 'drag', text: 'a\u200Db', key: '2', label: 'speaker' },
      { by: 'drag', text: 'non\u200Cjoiner', key: '3', label: 'claim' },
      { by: 'drag', text: 'word\u2060joiner', key: '4', label: 'date' },
      { by: 'keyboard', text: 'column one\tcolumn two', key: 'c', label: 'claim', click: true },
      { by: 'drag', text: 'Dr.\u00A0Ana Lopes', key: 's', label: 'speaker' },
      { by: 'drag', text: '100\u00A0€', key: 'd', label: 'date' },
      { by: 'drag', text: 'x\uFEFFy', label: 'quote' },
      { by: 'keyboard', text: 'soft\u00ADhyphen', key: '1', label: 'quote', click: true },
      { by: 'drag', text: 'lone \u200D joiner', key: '2', label: 'speaker' },
    ],
  },
  {
    name: 'CRLF, lone CR, U+2028 and U+2029, pasted from the clipboard',
    file: 'line-breaks.json',
    title: 'Torture line breaks',
    paste: true,
    holds: ['\r\n', 'CR.\rThird', '\u2028', '\u2029', '\r\n\r\n'],
    spans: [
      { by: 'keyboard', text: 'lone CR.\nThird line', key: 'q', label: 'quote' },
      { by: 'drag', text: 'separator\u2028inside', key: '3', label: 'claim' },
      { by: 'drag', text: 'separator\u2029too', key: '2', label: 'speaker' },
      { by: 'keyboard', text: 'too.\n\nFifth line', key: 'd', label: 'date', click: true },
      { by: 'drag', text: 'CRLF', nth: 2, key: 'c', label: 'claim' },
      { by: 'drag', text: 'First line', label: 'quote' },
    ],
  },
];

test.describe('torture corpus', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  for (const c of CASES) {
    test(`${c.name}: annotate by mouse and keyboard, export, spans and graphemes intact`, async ({ page }) => {
      const raw = loadFixture(c.file);
      for (const h of c.holds) expect(raw, `fixture ${c.file} lost ${JSON.stringify(h)}`).toContain(h);
      const text = lf(raw);
      await pasteAndAnnotate(page, raw, { title: c.title, paste: c.paste });

      // The article shows the text exactly, one paragraph a non-blank line.
      await expect(article(page).locator('p')).toHaveCount(paragraphCount(text));
      expect((await renderedText(page)) === text.replace(/\n+$/, ''), 'the article shows the text').toBe(true);
      // After Annotate the caret is in the article body, for keyboard selection.
      await expect(articleBody(page)).toBeFocused();

      await annotateAndCheck(page, text, c.title, c.spans);
    });
  }

  test('a drag inside a right-to-left override run never makes an annotation of invisible characters only', async ({
    page,
  }) => {
    // Chromium maps a drag from just inside the edges of an overridden run
    // ("\u202Etxt.exe\u202C", shown as "exe.txt") to a selection that holds
    // only the invisible U+202E. Like a selection of white space only, that
    // must not become an annotation: a highlight of nothing, listed as an empty
    // entry.
    const text = lf(loadFixture('rtl-bidi.json'));
    await pasteAndAnnotate(page, text, { title: 'Torture override drag' });
    const start = indexOfNth(text, '\u202Etxt.exe\u202C');
    await dragSelectBox(page, start, start + '\u202Etxt.exe\u202C'.length, { inset: 1 });
    await page.keyboard.press('3');
    const { json } = await exportJson(page);
    await checkExport(json);
    for (const a of json.annotations) {
      expect(a.text, `annotation ${a.id} holds nothing visible: ${JSON.stringify(a)}`).toMatch(
        /[^\p{White_Space}\p{Cf}\p{Cc}]/u,
      );
    }
  });

  test('whitespace-only text and an empty paste: the message, the paste box stays, nothing breaks', async ({
    page,
  }) => {
    const blank = loadFixture('whitespace-only.json');
    for (const h of ['\t', '\r\n', '\u00A0', '\u3000', '\u2028', '\u2029', '\u205F', '\u2003']) {
      expect(blank).toContain(h);
    }
    expect(blank.trim()).toBe('');

    await page.goto('/');
    const annotate = page.getByRole('button', { name: 'Annotate' });
    const message = 'Paste an article into the box first.';

    // Whitespace only, typed into the box with a title.
    await page.getByRole('textbox', { name: 'Title' }).fill('Nothing here');
    await textBox(page).fill(blank);
    await annotate.click();
    await expect(statusBox(page)).toHaveText(message);
    await expect(article(page)).toHaveCount(0);
    await expect(textBox(page)).toBeVisible();
    expect((await textBox(page).inputValue()) === lf(blank), 'the whitespace stays in the box').toBe(true);

    // An empty paste: the clipboard holds nothing, Control+V, Annotate.
    await textBox(page).fill('');
    await pasteInto(page, textBox(page), '');
    await expect(textBox(page)).toHaveValue('');
    await annotate.click();
    await expect(statusBox(page)).toHaveText(message);
    await expect(article(page)).toHaveCount(0);
    // Enter in the title field submits too: the same message.
    await page.getByRole('textbox', { name: 'Title' }).press('Enter');
    await expect(statusBox(page)).toHaveText(message);
    await expect(article(page)).toHaveCount(0);
    // Whitespace pasted from the clipboard.
    await pasteInto(page, textBox(page), blank);
    await annotate.click();
    await expect(statusBox(page)).toHaveText(message);
    await expect(article(page)).toHaveCount(0);

    // Nothing was saved as an article.
    await openLibrary(page);
    await expect(libraryItems(page)).toHaveCount(0);
    await closeLibrary(page);

    // And the app still works: a real text annotates and exports.
    const text = 'After the blank tries, Mayor Ana Lopes said the real article starts now.';
    await page.getByRole('textbox', { name: 'Title' }).fill('After blanks');
    await textBox(page).fill(text);
    await watchSaves(page);
    await annotate.click();
    await expect(article(page)).toBeVisible();
    await waitForSave(page);
    const json = await annotateAndCheck(page, text, 'After blanks', [
      { by: 'keyboard', text: 'Mayor Ana Lopes', key: 's', label: 'speaker' },
      { by: 'drag', text: 'the real article starts now', key: 'q', label: 'quote' },
    ]);
    expect(json.annotations).toHaveLength(2);
    // One saved article only, with both spans: the blank tries left nothing behind.
    await expect
      .poll(async () => {
        const db = await readAppDb(page);
        return Object.values(db.documents).map((r) => {
          const { file } = JSON.parse(r);
          return [file.document.text, file.annotations.length];
        });
      })
      .toEqual([[text, 2]]);
  });

  test('a 2 MB article pasted from the clipboard: annotate at the start, middle and end, export', async ({ page }) => {
    test.setTimeout(180_000);
    const text = bigArticle();
    expect(Buffer.byteLength(text, 'utf8')).toBeGreaterThanOrEqual(2 * 1024 * 1024);
    // Pasted, as a person would: Playwright's `fill` types 2 MB through the
    // editing pipeline, which alone takes minutes in Chromium.
    await pasteAndAnnotate(page, text, { title: 'Torture big article', paste: true });
    await expect(article(page).locator('p')).toHaveCount(paragraphCount(text));
    expect((await renderedText(page)) === text, 'the article shows the text').toBe(true);
    await expect(articleBody(page)).toBeFocused();

    const first = BIG_MARKERS.first;
    const mid = BIG_MARKERS.middle;
    const last = BIG_MARKERS.last;
    await annotateAndCheck(page, text, 'Torture big article', [
      { by: 'keyboard', text: first.slice(0, first.indexOf(' said')), key: 's', label: 'speaker' },
      { by: 'drag', text: mid.slice(mid.indexOf('“'), mid.indexOf('”') + 1), key: 'q', label: 'quote' },
      { by: 'drag', text: 'Moonday', key: 'd', label: 'date' },
      { by: 'keyboard', text: last.slice(0, last.indexOf(' said')), key: '2', label: 'speaker', click: true },
      { by: 'drag', text: 'the final ledger is closed 🔒', label: 'claim' },
    ], { large: true });
  });

  test('a single line of 100,000 characters: annotate at the start, middle and end, export', async ({ page }) => {
    test.setTimeout(180_000);
    const text = longLine();
    expect(Array.from(text).length).toBe(100_000);
    expect(text).not.toContain('\n');
    await pasteAndAnnotate(page, text, { title: 'Torture long line' });
    // One paragraph, drawn as layout blocks of about 2,000 bytes that join without a gap
    // (core's view::blocks): the first is open-ended, the last a continuation.
    const blocks = article(page).locator('p');
    expect(await blocks.count()).toBeGreaterThan(30);
    await expect(blocks.first()).toHaveClass('open');
    await expect(blocks.last()).toHaveClass('cont');
    expect((await renderedText(page)) === text, 'the article shows the text').toBe(true);
    await expect(articleBody(page)).toBeFocused();

    const { start, middle, end } = LONG_MARKERS;
    await annotateAndCheck(page, text, 'Torture long line', [
      { by: 'keyboard', text: start.slice(0, start.indexOf(' said')), key: 's', label: 'speaker' },
      { by: 'drag', text: middle.slice(middle.indexOf('“'), middle.indexOf('”') + 1), key: 'q', label: 'quote' },
      { by: 'keyboard', text: end.slice(0, end.indexOf(' said')), key: '2', label: 'speaker', click: true },
      { by: 'drag', text: 'the line ends here', label: 'claim' },
    ], { large: true });
  });
});
