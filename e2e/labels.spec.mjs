// The label editor: add, rename, recolour, rekey, refuse bad input, delete a
// used label by moving its spans, and undo that.
import {
  test,
  expect,
  annotationItems,
  checkEditedExport,
  cp,
  dragSelectText,
  exportJson,
  findAnnotation,
  itemFor,
  labelsDialog,
  openLabelEditor,
  openWithText,
  statusBox,
} from './helpers.mjs';
import { OVERLAP_TEXT } from './fixtures/texts.mjs';

const labelToolbar = (page) => page.getByRole('toolbar', { name: 'Labels' });
const byName = (doc, name) => doc.labels.find((l) => l.name === name);

test('label editor round trip: add, rename/recolour/rekey, bad input, delete with move, undo', async ({ page }) => {
  await openWithText(page, OVERLAP_TEXT);
  const { json: initial } = await exportJson(page);
  const quote0 = byName(initial, 'quote');
  expect(quote0.key).toBe('1');

  // --- Add "source" (#E6DAFF, key 5). ---
  let dialog = await openLabelEditor(page);
  const alert = dialog.getByRole('alert');
  await dialog.getByRole('textbox', { name: 'New label name' }).fill('source');
  await dialog.getByLabel('New label colour').fill('#e6daff');
  await dialog.getByRole('textbox', { name: 'New label key' }).fill('5');
  await dialog.getByRole('button', { name: 'Add label' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Name of source' })).toHaveValue('source');
  await expect(dialog.getByRole('textbox', { name: 'Key of source' })).toHaveValue('5');
  await expect(alert).toHaveText('');
  // Escape closes the dialog.
  await page.keyboard.press('Escape');
  await expect(labelsDialog(page)).toHaveCount(0);
  await expect(labelToolbar(page).getByRole('button', { name: 'Source (5)' })).toBeVisible();

  const minister = await dragSelectText(page, 'The minister');
  await page.keyboard.press('5');
  await expect(annotationItems(page)).toHaveCount(1);
  await expect(itemFor(page, 'source', 'The minister')).toHaveCount(1);

  const { json: withSource } = await exportJson(page);
  await checkEditedExport(withSource);
  expect(byName(withSource, 'source')).toEqual({ name: 'source', color: '#E6DAFF', key: '5' });

  // --- Invalid edits: an alert, and nothing changes. ---
  dialog = await openLabelEditor(page);
  const sourceKey = dialog.getByRole('textbox', { name: 'Key of source' });
  const sourceName = dialog.getByRole('textbox', { name: 'Name of source' });
  const sourceColour = dialog.getByLabel('Colour of source');
  const saveSource = dialog.getByRole('button', { name: 'Save source' });
  const refused = async (field, bad, good) => {
    await field.fill(bad);
    await saveSource.click();
    await expect(alert, `"${bad}" must be refused`).toHaveText(/\S/);
    await expect(labelsDialog(page)).toBeVisible();
    // Put the good value back; saving it clears the alert.
    await field.fill(good);
    await saveSource.click();
    await expect(alert).toHaveText('');
  };
  await refused(sourceKey, '1', '5'); // used by quote
  await refused(sourceName, 'claim', 'source'); // duplicate name
  await refused(sourceKey, 'a', '5'); // reserved
  await refused(sourceColour, '#202020', '#e6daff'); // too dark
  // The add form refuses a duplicate name too.
  await dialog.getByRole('textbox', { name: 'New label name' }).fill('date');
  await dialog.getByRole('button', { name: 'Add label' }).click();
  await expect(alert).toHaveText(/\S/);
  await dialog.getByRole('textbox', { name: 'New label name' }).fill('');
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(labelsDialog(page)).toHaveCount(0);
  const { json: afterInvalid } = await exportJson(page);
  expect(afterInvalid).toEqual(withSource);

  // --- Rename quote -> citation, new colour, key 7. ---
  dialog = await openLabelEditor(page);
  await dialog.getByRole('textbox', { name: 'Name of quote' }).fill('citation');
  await dialog.getByLabel('Colour of quote').fill('#ffe4b5');
  await dialog.getByRole('textbox', { name: 'Key of quote' }).fill('7');
  await dialog.getByRole('button', { name: 'Save quote' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Name of citation' })).toHaveValue('citation');
  await expect(dialog.getByRole('textbox', { name: 'Key of citation' })).toHaveValue('7');
  await expect(dialog.getByLabel('Colour of citation')).toHaveValue('#ffe4b5');
  await expect(alert).toHaveText('');
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(labelsDialog(page)).toHaveCount(0);
  await expect(labelToolbar(page).getByRole('button', { name: 'Citation (7)' })).toBeVisible();
  await expect(labelToolbar(page).getByRole('button', { name: /^Quote/ })).toHaveCount(0);

  const vote = await dragSelectText(page, 'the vote will be held');
  await page.keyboard.press('7');
  await expect(annotationItems(page)).toHaveCount(2);
  await expect(itemFor(page, 'citation', 'the vote will be held')).toHaveCount(1);
  // "1" no longer labels anything (the export below has exactly two annotations).
  await dragSelectText(page, 'Nobody else');
  await page.keyboard.press('1');
  await expect(annotationItems(page)).toHaveCount(2);

  const { json: renamed } = await exportJson(page);
  await checkEditedExport(renamed);
  expect(renamed.labels.map((l) => l.name)).toEqual(['citation', 'speaker', 'claim', 'date', 'source']);
  expect(byName(renamed, 'citation')).toEqual({ name: 'citation', color: '#FFE4B5', key: '7' });
  expect(byName(renamed, 'source')).toEqual({ name: 'source', color: '#E6DAFF', key: '5' });
  expect(renamed.annotations).toHaveLength(2);
  const src = findAnnotation(renamed, 'source', 'The minister');
  expect([src.start, src.end]).toEqual([cp(OVERLAP_TEXT, minister.start), cp(OVERLAP_TEXT, minister.end)]);
  const cit = findAnnotation(renamed, 'citation', 'the vote will be held');
  expect([cit.start, cit.end]).toEqual([cp(OVERLAP_TEXT, vote.start), cp(OVERLAP_TEXT, vote.end)]);

  // --- Delete "source" while it is used: Cancel first, then move its spans to claim. ---
  dialog = await openLabelEditor(page);
  await dialog.getByRole('button', { name: 'Delete source' }).click();
  await expect(dialog).toContainText('1 annotation uses source.');
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(dialog.getByText('1 annotation uses source.')).toHaveCount(0);
  await expect(dialog.getByRole('textbox', { name: 'Name of source' })).toBeVisible();

  await dialog.getByRole('button', { name: 'Delete source' }).click();
  await expect(dialog).toContainText('1 annotation uses source.');
  await dialog.getByRole('combobox', { name: 'Move them to' }).selectOption({ label: 'claim' });
  await dialog.getByRole('button', { name: 'Move and delete' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Name of source' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(labelsDialog(page)).toHaveCount(0);
  await expect(labelToolbar(page).getByRole('button', { name: /^Source/ })).toHaveCount(0);
  await expect(itemFor(page, 'claim', 'The minister')).toHaveCount(1);

  const { json: moved } = await exportJson(page);
  await checkEditedExport(moved);
  expect(moved.labels.map((l) => l.name)).toEqual(['citation', 'speaker', 'claim', 'date']);
  expect(moved.annotations).toEqual(
    renamed.annotations.map((a) => (a.label === 'source' ? { ...a, label: 'claim' } : a)),
  );

  // --- Ctrl+Z brings "source" back with its span. ---
  await page.keyboard.press('Control+Z');
  await expect(statusBox(page)).toContainText('Undid');
  await expect(labelToolbar(page).getByRole('button', { name: 'Source (5)' })).toBeVisible();
  await expect(itemFor(page, 'source', 'The minister')).toHaveCount(1);
  const { json: restored } = await exportJson(page);
  expect(restored).toEqual(renamed);
});
