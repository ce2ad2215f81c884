import {
  test,
  expect,
  annotationItems,
  article,
  checkExport,
  cp,
  doubleClickAt,
  dragSelectText,
  exportJson,
  findAnnotation,
  findText,
  labelButton,
  marksOf,
  openWithText,
  renderedText,
} from './helpers.mjs';
import { UNICODE_TEXT, UNICODE_TEXT_LF } from './fixtures/texts.mjs';

test('unicode text with CRLF: emoji, ZWJ sequence, combining accent, CJK, Arabic', async ({ page }) => {
  expect(UNICODE_TEXT).toContain('\r\n');
  await openWithText(page, UNICODE_TEXT, { title: 'Unicode check' });

  await expect(article(page).locator('p')).toHaveCount(6);
  expect(await renderedText(page)).toBe(UNICODE_TEXT_LF);

  // Emoji inside the span, key q -> quote.
  const emoji = await dragSelectText(page, 'day 😀 was');
  await page.keyboard.press('q');
  await expect(annotationItems(page)).toHaveCount(1);

  // Chinese run, key 3 -> claim.
  const zh = await dragSelectText(page, '中文新闻');
  await page.keyboard.press('3');
  await expect(annotationItems(page)).toHaveCount(2);

  // "café" written as e + U+0301, labelled with the Date button.
  const cafe = await dragSelectText(page, 'cafe\u0301');
  await labelButton(page, 'date').click();
  await expect(annotationItems(page)).toHaveCount(3);

  // ZWJ emoji sequence with skin tone, key s -> speaker.
  const coder = await dragSelectText(page, '👩🏽‍💻 shipped');
  await page.keyboard.press('s');
  await expect(annotationItems(page)).toHaveCount(4);

  // Right-to-left word by double-click, key c -> claim.
  const arWord = 'الوزير';
  const ar = await findText(page, arWord);
  const sel = await doubleClickAt(page, ar.start, ar.end);
  expect(sel.trim()).toBe(arWord);
  await page.keyboard.press('c');
  await expect(annotationItems(page)).toHaveCount(5);

  const { filename, json } = await exportJson(page);
  expect(filename).toBe('unicode-check.annotations.json');
  await checkExport(json);
  expect(json.document.text).toBe(UNICODE_TEXT_LF);
  expect(json.document.text).not.toContain('\r');
  expect(json.document.title).toBe('Unicode check');
  expect(json.annotations).toHaveLength(5);

  const t = UNICODE_TEXT_LF;
  const cases = [
    ['quote', 'day 😀 was', emoji],
    ['claim', '中文新闻', zh],
    ['date', 'cafe\u0301', cafe],
    ['speaker', '👩🏽‍💻 shipped', coder],
    ['claim', arWord, ar],
  ];
  for (const [label, text, pos] of cases) {
    const a = findAnnotation(json, label, text);
    expect(a.start, `${label} "${text}" start`).toBe(cp(t, pos.start));
    expect(a.end, `${label} "${text}" end`).toBe(cp(t, pos.end));
    expect(Array.from(t).slice(a.start, a.end).join('')).toBe(text);
    // The highlight shows exactly this text.
    expect((await marksOf(page, a.id).allTextContents()).join('')).toBe(text);
  }
  // Code points, not UTF-16: "day 😀 was" is 9 code points but 10 UTF-16 units.
  const q = findAnnotation(json, 'quote', 'day 😀 was');
  expect(q.end - q.start).toBe(9);
  // "👩🏽‍💻 shipped" is 12 code points (the emoji alone is 4).
  const sp = findAnnotation(json, 'speaker', '👩🏽‍💻 shipped');
  expect(sp.end - sp.start).toBe(12);
});
