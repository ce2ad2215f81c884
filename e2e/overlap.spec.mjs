import {
  test,
  expect,
  annIdsAt,
  annotationItems,
  checkExport,
  cp,
  dragSelectText,
  exportJson,
  findAnnotation,
  labelButton,
  marksOf,
  openWithText,
} from './helpers.mjs';
import { OVERLAP_TEXT } from './fixtures/texts.mjs';

test('a date inside a quote: both kept, both highlighted, marks list both ids', async ({ page }) => {
  await openWithText(page, OVERLAP_TEXT);
  const quoteText = '“the vote will be held on 12 March 2024 in the capital”';
  const q = await dragSelectText(page, quoteText);
  await labelButton(page, 'quote').click();
  await expect(annotationItems(page)).toHaveCount(1);

  // Now select the date inside the highlighted quote and press 4.
  const d = await dragSelectText(page, '12 March 2024');
  await page.keyboard.press('4');
  await expect(annotationItems(page)).toHaveCount(2);
  // Sorted by position: the quote starts first.
  await expect(annotationItems(page).nth(0)).toContainText('quote');
  await expect(annotationItems(page).nth(1)).toContainText('date');
  await expect(annotationItems(page).nth(1)).toContainText('12 March 2024');

  const { json } = await exportJson(page);
  await checkExport(json);
  expect(json.annotations).toHaveLength(2);
  const quote = json.annotations.find((a) => a.label === 'quote');
  expect([quoteText, quoteText.slice(1, -1)]).toContain(quote.text);
  const date = findAnnotation(json, 'date', '12 March 2024');
  expect(date.start).toBe(cp(OVERLAP_TEXT, d.start));
  expect(date.end).toBe(cp(OVERLAP_TEXT, d.end));
  expect(quote.start).toBeLessThan(date.start);
  expect(quote.end).toBeGreaterThan(date.end);
  expect(json.annotations[0].id).toBe(quote.id);

  // Every character of the date is in a <mark> listing both annotations.
  for (const c of await annIdsAt(page, d.start, d.end)) {
    expect(c.tag, `offset ${c.offset}`).toBe('mark');
    expect(c.ids, `offset ${c.offset}`).toEqual([quote.id, date.id].sort());
  }
  // The rest of the quote is marked with the quote only.
  const quoteOnly = [
    ...(await annIdsAt(page, q.start + 1, d.start)),
    ...(await annIdsAt(page, d.end, q.end - 1)),
  ];
  for (const c of quoteOnly) {
    expect(c.tag, `offset ${c.offset}`).toBe('mark');
    expect(c.ids, `offset ${c.offset}`).toEqual([quote.id]);
  }
  // Text outside the quote is not marked.
  for (const c of await annIdsAt(page, 0, 5)) {
    expect(c.tag).toBe('span');
    expect(c.ids).toEqual([]);
  }
  await expect(marksOf(page, date.id).first()).toBeVisible();
  await expect(marksOf(page, quote.id).first()).toBeVisible();
  expect((await marksOf(page, date.id).allTextContents()).join('')).toBe('12 March 2024');
  expect((await marksOf(page, quote.id).allTextContents()).join('')).toBe(quote.text);
});
