// The Library: every saved article, listed with its count; filter, open,
// rename and delete (with an inline confirmation).
import {
  test,
  expect,
  annotateWithKey,
  annotationItems,
  changeAndSave,
  checkExport,
  exportJson,
  headerButton,
  libraryDialog,
  libraryItem,
  libraryItems,
  openLibrary,
  openSavedArticle,
  statusBox,
  undoButton,
  localDate,
} from './helpers.mjs';

const TITLED = 'Harbour wall vote';
const TITLED_TEXT = [
  'The harbour wall vote is on Monday, said Ana Lopes.',
  'Critics called the wall “a waste of 😀 money” at the meeting.',
].join('\n');
// Untitled: the library shows its first 8 words.
const UNTITLED_TEXT = 'The council met on Tuesday to discuss the new school budget and the parks.';
const UNTITLED = 'The council met on Tuesday to discuss the';

const DATE_TIME = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/;

/** Two saved articles: the titled one (3 annotations) and, open, the untitled one (2). */
async function twoArticles(page) {
  await openSavedArticle(page, TITLED_TEXT, { title: TITLED });
  await changeAndSave(page, () => annotateWithKey(page, 'Ana Lopes', '2'));
  await changeAndSave(page, () => annotateWithKey(page, 'Monday', '4'));
  await changeAndSave(page, () => annotateWithKey(page, '“a waste of 😀 money”', '1'));
  const titled = await exportJson(page);

  await headerButton(page, 'New article').click();
  // A new, empty paste box.
  await expect(page.getByRole('textbox', { name: 'Article text' })).toHaveValue('');
  await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue('');
  await openSavedArticle(page, UNTITLED_TEXT, { goto: false });
  await changeAndSave(page, () => annotateWithKey(page, 'Tuesday', '4'));
  await changeAndSave(page, () => annotateWithKey(page, 'school budget', '3'));
  const untitled = await exportJson(page);
  expect(untitled.json.document.title).toBeNull();
  return { titled, untitled };
}

test('the library lists both articles with counts, filters, and opens one', async ({ page }) => {
  const { titled, untitled } = await twoArticles(page);

  const dialog = await openLibrary(page);
  await expect(libraryItems(page)).toHaveCount(2);
  const a = libraryItem(page, TITLED);
  const b = libraryItem(page, UNTITLED);
  await expect(a).toHaveCount(1);
  await expect(b).toHaveCount(1);
  await expect(a).toContainText(TITLED);
  await expect(a).toContainText('3 annotations');
  await expect(a).toContainText(DATE_TIME);
  await expect(b).toContainText(UNTITLED);
  await expect(b).toContainText('2 annotations');
  await expect(b).toContainText(DATE_TIME);
  for (const [item, title] of [
    [a, TITLED],
    [b, UNTITLED],
  ]) {
    await expect(item.getByRole('button', { name: `Rename ${title}`, exact: true })).toBeVisible();
    await expect(item.getByRole('button', { name: `Delete ${title}`, exact: true })).toBeVisible();
  }
  // The open article is marked.
  await expect(b).toHaveAttribute('aria-current', 'true');
  await expect(a).not.toHaveAttribute('aria-current', 'true');

  // Filter by title (any case).
  const filter = dialog.getByRole('searchbox', { name: 'Filter by title' });
  await filter.fill('HARBOUR');
  await expect(libraryItems(page)).toHaveCount(1);
  await expect(libraryItems(page).first()).toContainText(TITLED);
  await filter.fill('council tuesday');
  await expect(libraryItems(page)).toHaveCount(1);
  await expect(libraryItems(page).first()).toContainText(UNTITLED);
  await filter.fill('no such article');
  await expect(libraryItems(page)).toHaveCount(0);
  await filter.fill('');
  await expect(libraryItems(page)).toHaveCount(2);

  // Escape closes; "Close" closes.
  await page.keyboard.press('Escape');
  await expect(libraryDialog(page)).toHaveCount(0);
  await openLibrary(page);
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(libraryDialog(page)).toHaveCount(0);

  // Open the titled article: the export proves the switch.
  await openLibrary(page);
  await dialog.getByRole('button', { name: `Open ${TITLED}`, exact: true }).click();
  await expect(libraryDialog(page)).toHaveCount(0);
  await expect(statusBox(page)).toHaveText(`Opened “${TITLED}” (3 annotations).`);
  await expect(annotationItems(page)).toHaveCount(3);
  const opened = await exportJson(page);
  expect(opened.filename).toBe('harbour-wall-vote.annotations.json');
  expect(opened.raw).toBe(titled.raw);
  await openLibrary(page);
  await expect(libraryItem(page, TITLED)).toHaveAttribute('aria-current', 'true');
  await expect(libraryItem(page, UNTITLED)).not.toHaveAttribute('aria-current', 'true');

  // And back to the untitled one.
  await dialog.getByRole('button', { name: `Open ${UNTITLED}`, exact: true }).click();
  await expect(statusBox(page)).toHaveText(`Opened “${UNTITLED}” (2 annotations).`);
  const back = await exportJson(page);
  expect(back.raw).toBe(untitled.raw);
});

test('rename the article that is not open, then the open one', async ({ page }) => {
  const { titled, untitled } = await twoArticles(page);
  const dialog = await openLibrary(page);

  // Cancel leaves the title alone.
  await dialog.getByRole('button', { name: `Rename ${TITLED}`, exact: true }).click();
  let box = dialog.getByRole('textbox', { name: `New title for ${TITLED}`, exact: true });
  await expect(box).toHaveValue(TITLED);
  await box.fill('Something else');
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(box).toHaveCount(0);
  await expect(libraryItem(page, TITLED)).toHaveCount(1);
  await expect(libraryItem(page, 'Something else')).toHaveCount(0);
  // Escape still closes the dialog after "Cancel".
  await page.keyboard.press('Escape');
  await expect.soft(libraryDialog(page), 'Escape after "Cancel"').toHaveCount(0);
  if (await libraryDialog(page).count()) {
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  }
  await openLibrary(page);

  // Rename the titled article (not open).
  await dialog.getByRole('button', { name: `Rename ${TITLED}`, exact: true }).click();
  box = dialog.getByRole('textbox', { name: `New title for ${TITLED}`, exact: true });
  await box.fill('Sea wall decision');
  await dialog.getByRole('button', { name: 'Save title', exact: true }).click();
  await expect(libraryItem(page, 'Sea wall decision')).toHaveCount(1);
  await expect(libraryItem(page, TITLED)).toHaveCount(0);
  await expect(libraryItem(page, 'Sea wall decision')).toContainText('3 annotations');
  await expect(libraryItems(page)).toHaveCount(2);
  // The open article did not change.
  await expect(libraryItem(page, UNTITLED)).toHaveAttribute('aria-current', 'true');
  // Focus stays in the dialog after "Save title", so Escape still closes it.
  const focusInDialog = await dialog.evaluate((d) => d.contains(document.activeElement));
  expect.soft(focusInDialog, 'focus left the Library dialog after "Save title"').toBe(true);
  await page.keyboard.press('Escape');
  await expect.soft(libraryDialog(page), 'Escape after "Save title"').toHaveCount(0);
  if (await libraryDialog(page).count()) {
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  }
  await expect(libraryDialog(page)).toHaveCount(0);
  expect((await exportJson(page)).raw).toBe(untitled.raw);

  // Rename the open (untitled) article: its export's title changes.
  await openLibrary(page);
  await changeAndSave(page, async () => {
    await dialog.getByRole('button', { name: `Rename ${UNTITLED}`, exact: true }).click();
    box = dialog.getByRole('textbox', { name: `New title for ${UNTITLED}`, exact: true });
    await box.fill('Council budget');
    await box.press('Enter');
    await expect(libraryItem(page, 'Council budget')).toHaveCount(1);
  });
  await expect(libraryItem(page, UNTITLED)).toHaveCount(0);
  await expect(libraryItem(page, 'Council budget')).toHaveAttribute('aria-current', 'true');
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(libraryDialog(page)).toHaveCount(0);
  const renamed = await exportJson(page);
  expect(renamed.filename).toBe('council-budget.annotations.json');
  await checkExport(renamed.json);
  expect(renamed.json.document.title).toBe('Council budget');
  expect(renamed.json.document.text).toBe(untitled.json.document.text);
  expect(renamed.json.annotations).toEqual(untitled.json.annotations);

  // The renamed, not-open article opens with its new title and its own content.
  await openLibrary(page);
  await dialog.getByRole('button', { name: 'Open Sea wall decision', exact: true }).click();
  await expect(statusBox(page)).toContainText('Opened “Sea wall decision” (3 annotations).');
  // Renaming it while it was closed must not cost it its undo history.
  await expect
    .soft(statusBox(page), 'opening the article renamed while closed')
    .toHaveText('Opened “Sea wall decision” (3 annotations).');
  const other = await exportJson(page);
  expect(other.filename).toBe('sea-wall-decision.annotations.json');
  expect(other.json.document.title).toBe('Sea wall decision');
  expect(other.json.document.text).toBe(titled.json.document.text);
  expect(other.json.annotations).toEqual(titled.json.annotations);
  await expect.soft(undoButton(page), 'Undo after opening the article renamed while closed').toBeEnabled();

  // Both renames were saved.
  await page.reload();
  await expect(statusBox(page)).toContainText('Opened “Sea wall decision” (3 annotations).');
  await openLibrary(page);
  await expect(libraryItems(page)).toHaveCount(2);
  await expect(libraryItem(page, 'Sea wall decision')).toHaveCount(1);
  await expect(libraryItem(page, 'Council budget')).toHaveCount(1);
});

test('delete asks first: "Keep it" keeps, "Delete for good" removes; deleting the open one empties the page', async ({
  page,
}) => {
  await twoArticles(page);
  const dialog = await openLibrary(page);

  // The titled article (not open): ask, keep.
  await dialog.getByRole('button', { name: `Delete ${TITLED}`, exact: true }).click();
  const question = `Delete “${TITLED}” and its 3 annotations for good?`;
  await expect(libraryItem(page, TITLED)).toContainText(question);
  await dialog.getByRole('button', { name: 'Keep it', exact: true }).click();
  await expect(dialog.getByText(question)).toHaveCount(0);
  await expect(libraryItems(page)).toHaveCount(2);
  // Escape still closes the dialog after "Keep it".
  await page.keyboard.press('Escape');
  await expect.soft(libraryDialog(page), 'Escape after "Keep it"').toHaveCount(0);
  if (await libraryDialog(page).count()) {
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  }
  await openLibrary(page);
  await expect(libraryItems(page)).toHaveCount(2);

  // Ask again, delete for good.
  await dialog.getByRole('button', { name: `Delete ${TITLED}`, exact: true }).click();
  await expect(libraryItem(page, TITLED)).toContainText(question);
  await dialog.getByRole('button', { name: 'Delete for good', exact: true }).click();
  await expect(libraryItems(page)).toHaveCount(1);
  await expect(libraryItem(page, TITLED)).toHaveCount(0);
  await expect(libraryItem(page, UNTITLED)).toHaveCount(1);
  // The article on screen is untouched.
  await expect(annotationItems(page)).toHaveCount(2);

  // Delete the open one: an empty paste box is left.
  await dialog.getByRole('button', { name: `Delete ${UNTITLED}`, exact: true }).click();
  await expect(libraryItem(page, UNTITLED)).toContainText(
    `Delete “${UNTITLED}” and its 2 annotations for good?`,
  );
  await dialog.getByRole('button', { name: 'Delete for good', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Article text' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Article text' })).toHaveValue('');
  await expect(page.getByRole('region', { name: 'Article' })).toHaveCount(0);
  if (await libraryDialog(page).isVisible()) {
    await expect(libraryItems(page)).toHaveCount(0);
    await page.keyboard.press('Escape');
  }
  await openLibrary(page);
  await expect(libraryItems(page)).toHaveCount(0);
  await page.keyboard.press('Escape');

  // Deleted for good: a reload brings neither back.
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Article text' })).toHaveValue('');
  await openLibrary(page);
  await expect(libraryItems(page)).toHaveCount(0);
});

test('"New article" in the library starts an empty paste box and keeps the open article', async ({ page }) => {
  await openSavedArticle(page, TITLED_TEXT, { title: TITLED });
  await changeAndSave(page, () => annotateWithKey(page, 'Ana Lopes', '2'));
  const dialog = await openLibrary(page);
  await dialog.getByRole('button', { name: 'New article', exact: true }).click();
  await expect(libraryDialog(page)).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Article text' })).toHaveValue('');
  await openLibrary(page);
  await expect(libraryItems(page)).toHaveCount(1);
  await expect(libraryItem(page, TITLED)).toContainText('1 annotation');
});

test('"Export all (JSONL)" in the library downloads every article, one v1 document a line', async ({ page }) => {
  const { titled, untitled } = await twoArticles(page);
  const dialog = await openLibrary(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Export all (JSONL)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`article-library-${await localDate(page)}.jsonl`);
  const { readFile } = await import('node:fs/promises');
  const raw = await readFile(await download.path(), 'utf8');
  const lines = raw.split('\n').filter((l) => l.length > 0);
  expect(lines).toHaveLength(2);
  const docs = lines.map((l) => JSON.parse(l));
  for (const d of docs) await checkExport(d);
  // The open article first, as it is on screen; then the other, as saved.
  expect(docs[0]).toEqual(untitled.json);
  expect(docs[1]).toEqual(titled.json);
});
