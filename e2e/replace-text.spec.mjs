import {
  test,
  expect,
  annotationItems,
  article,
  checkExport,
  cp,
  dragSelectText,
  exportJson,
  findAnnotation,
  labelButton,
  openWithText,
  renderedText,
  editText,
} from './helpers.mjs';
import { EDIT_TEXT } from './fixtures/texts.mjs';

const QUOTE = '“we will win this fight”';

test('editing the text keeps annotations outside the change and asks before dropping others', async ({ page }) => {
  await openWithText(page, EDIT_TEXT);
  const q = await dragSelectText(page, QUOTE);
  await labelButton(page, 'quote').click();
  const d = await dragSelectText(page, 'Tuesday');
  await page.keyboard.press('4');
  await expect(annotationItems(page)).toHaveCount(2);

  const { json: before } = await exportJson(page);
  await checkExport(before);
  const quote0 = before.annotations.find((a) => a.label === 'quote');
  expect([QUOTE, QUOTE.slice(1, -1)]).toContain(quote0.text);
  const date0 = findAnnotation(before, 'date', 'Tuesday');
  expect(date0.start).toBe(cp(EDIT_TEXT, d.start));
  expect(quote0.start).toBe(cp(EDIT_TEXT, quote0.text === QUOTE ? q.start : q.start + 1));

  // 1) Change a word far from the annotations: "Alpha" -> "Alphabetical" (+7).
  await editText(page);
  const box = page.getByRole('textbox', { name: 'Article text' });
  await expect(box).toHaveValue(EDIT_TEXT);
  const text1 = EDIT_TEXT.replace('Alpha opening', 'Alphabetical opening');
  await box.fill(text1);
  await page.getByRole('button', { name: 'Annotate' }).click();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(article(page)).toBeVisible();
  expect(await renderedText(page)).toBe(text1);
  await expect(annotationItems(page)).toHaveCount(2);

  const { json: moved } = await exportJson(page);
  await checkExport(moved);
  expect(moved.document.text).toBe(text1);
  const quote1 = findAnnotation(moved, 'quote', quote0.text);
  const date1 = findAnnotation(moved, 'date', 'Tuesday');
  expect(quote1.start).toBe(quote0.start + 7);
  expect(quote1.end).toBe(quote0.end + 7);
  expect(date1.start).toBe(date0.start + 7);
  expect(date1.end).toBe(date0.end + 7);

  // 2) Change a word inside the quote: the app asks first.
  const text2 = text1.replace('we will win', 'we shall win');
  await editText(page);
  await box.fill(text2);
  await page.getByRole('button', { name: 'Annotate' }).click();
  let dialog = page.getByRole('alertdialog', { name: 'Replace the text?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('1 annotation');
  await expect(dialog.getByRole('button', { name: 'Replace text' })).toBeVisible();

  // Cancel keeps everything.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  // Cancel stays in the editor with the edit in place, and the article is untouched.
  await expect(article(page)).toHaveCount(0);
  await expect(box).toHaveValue(text2);
  await page.getByRole('button', { name: 'Back to the article' }).click();
  expect(await renderedText(page)).toBe(text1);
  await expect(annotationItems(page)).toHaveCount(2);
  const { json: kept } = await exportJson(page);
  expect(kept).toEqual(moved);
  await editText(page);
  await expect(box).toHaveValue(text1);
  await box.fill(text2);

  // Ask again, and this time replace.
  await page.getByRole('button', { name: 'Annotate' }).click();
  dialog = page.getByRole('alertdialog', { name: 'Replace the text?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('1 annotation');
  await dialog.getByRole('button', { name: 'Replace text' }).click();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(article(page)).toBeVisible();
  expect(await renderedText(page)).toBe(text2);
  await expect(annotationItems(page)).toHaveCount(1);
  await expect(annotationItems(page).first()).toContainText('Tuesday');
  await expect(article(page).locator('mark')).toHaveCount(1);

  const { json: after } = await exportJson(page);
  await checkExport(after);
  expect(after.document.text).toBe(text2);
  expect(after.annotations).toHaveLength(1);
  const date2 = findAnnotation(after, 'date', 'Tuesday');
  expect(date2.start).toBe(date1.start + 1); // "shall" is one longer than "will"
  expect(date2.end).toBe(date1.end + 1);
});
