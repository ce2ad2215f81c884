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
  statusBox,
  menuItem,
} from './helpers.mjs';
import { CRLF_PASTE_TEXT, OVERLAP_TEXT } from './fixtures/texts.mjs';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('"Copy JSON" puts the same JSON as the export on the clipboard', async ({ page }) => {
  await openWithText(page, OVERLAP_TEXT, { title: 'Clipboard test' });
  await dragSelectText(page, '12 March 2024');
  await page.keyboard.press('d');
  await dragSelectText(page, 'Budget talks');
  await labelButton(page, 'claim').click();
  await expect(annotationItems(page)).toHaveCount(2);

  await page.evaluate(() => navigator.clipboard.writeText('(empty)'));
  await (await menuItem(page, 'Export', 'Copy JSON')).click();
  await expect(statusBox(page)).toContainText('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).not.toBe('(empty)');
  const fromClipboard = JSON.parse(copied);
  await checkExport(fromClipboard);

  const { json } = await exportJson(page);
  expect(fromClipboard).toEqual(json);
  expect(fromClipboard.annotations).toHaveLength(2);
  findAnnotation(fromClipboard, 'date', '12 March 2024');
  findAnnotation(fromClipboard, 'claim', 'Budget talks');
});

test('pasting CRLF text with Control+V: the exported text has LF only', async ({ page }) => {
  await page.goto('/');
  const box = page.getByRole('textbox', { name: 'Article text' });
  await box.click();
  await page.evaluate((t) => navigator.clipboard.writeText(t), CRLF_PASTE_TEXT);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('\r\n');
  await page.keyboard.press('Control+V');
  const lf = CRLF_PASTE_TEXT.replace(/\r\n/g, '\n');
  await expect(box).toHaveValue(lf);

  await page.getByRole('button', { name: 'Annotate' }).click();
  await expect(article(page)).toBeVisible();
  await expect(article(page).locator('p')).toHaveCount(3);
  expect(await renderedText(page)).toBe(lf);

  const pos = await dragSelectText(page, 'quoted words');
  await page.keyboard.press('q');
  await expect(annotationItems(page)).toHaveCount(1);

  const { filename, json } = await exportJson(page);
  // No title: the slug comes from the first words of the text.
  expect(filename).toMatch(/^line-one[a-z0-9-]*\.annotations\.json$/);
  await checkExport(json);
  expect(json.document.text).toBe(lf);
  expect(json.document.text).not.toContain('\r');
  const a = findAnnotation(json, 'quote', 'quoted words');
  expect(a.start).toBe(cp(lf, pos.start));
  expect(a.end).toBe(cp(lf, pos.end));
});
