import {
  test,
  expect,
  annotationItems,
  article,
  checkExport,
  dragSelectText,
  exportJson,
  findAnnotation,
  labelButton,
  marksOf,
  openWithText,
} from './helpers.mjs';
import { longText } from './fixtures/texts.mjs';

test('annotation list: Show scrolls to and flashes the highlight, Delete removes it', async ({ page }) => {
  await openWithText(page, longText(60));

  // One annotation near the top, one near the bottom.
  await dragSelectText(page, 'council meeting number 2,');
  await labelButton(page, 'claim').click();
  await dragSelectText(page, 'annual budget', { nth: 57 });
  await labelButton(page, 'quote').click();
  await expect(annotationItems(page)).toHaveCount(2);

  const { json } = await exportJson(page);
  await checkExport(json);
  const top = findAnnotation(json, 'claim', 'council meeting number 2,');
  const bottom = findAnnotation(json, 'quote', 'annual budget');

  // Sorted by position.
  await expect(annotationItems(page).nth(0)).toContainText('claim');
  await expect(annotationItems(page).nth(0)).toContainText('council meeting number 2');
  await expect(annotationItems(page).nth(1)).toContainText('quote');
  await expect(annotationItems(page).nth(1)).toContainText('annual budget');

  // Scroll the page (and the article, if it scrolls by itself) to the very
  // end, so that the top annotation is out of view.
  await article(page).evaluate((el) => {
    el.scrollTop = el.scrollHeight;
    window.scrollTo(0, document.documentElement.scrollHeight);
  });
  const topMark = marksOf(page, top.id).first();
  await expect(topMark).not.toHaveClass(/flash/);

  const topItem = annotationItems(page).nth(0);
  await topItem.getByRole('button', { name: /^Show/ }).click();
  await expect(topMark).toHaveClass(/flash/);
  await expect(marksOf(page, top.id).last()).toHaveClass(/flash/);
  await expect(topMark).toBeInViewport();
  // The other annotation does not flash, and the flash goes away again.
  await expect(marksOf(page, bottom.id).first()).not.toHaveClass(/flash/);
  await expect(topMark).not.toHaveClass(/flash/, { timeout: 5_000 });

  // Show on the bottom one scrolls back down.
  await annotationItems(page).nth(1).getByRole('button', { name: /^Show/ }).click();
  await expect(marksOf(page, bottom.id).first()).toHaveClass(/flash/);
  await expect(marksOf(page, bottom.id).first()).toBeInViewport();

  // Delete the top one: gone from the list and from the article.
  await topItem.getByRole('button', { name: 'Delete' }).click();
  await expect(annotationItems(page)).toHaveCount(1);
  await expect(annotationItems(page).first()).toContainText('annual budget');
  await expect(marksOf(page, top.id)).toHaveCount(0);
  await expect(marksOf(page, bottom.id).first()).toBeVisible();
  await expect(article(page).locator('mark')).toHaveCount(await marksOf(page, bottom.id).count());

  const { json: after } = await exportJson(page);
  await checkExport(after);
  expect(after.annotations.map((a) => a.id)).toEqual([bottom.id]);
});
