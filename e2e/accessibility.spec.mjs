// axe-core on every state of the page: empty, annotating with a selection, choosing a speaker,
// reviewing suggestions, and each dialog. WCAG 2.0/2.1/2.2 A and AA, best practice and the
// experimental rules (label-content-name-mismatch): zero violations, at 1280×900.
import {
  test,
  expect,
  annotateWithKey,
  axeViolations,
  openWhoSaidWhat,
  openWithText,
  selectedPanel,
  showAnnotation,
  speakerPicker,
  menuItem,
  editText,
  importWithChooser,
} from './helpers.mjs';
import { ATTRIBUTION_TEXT } from './fixtures/texts.mjs';

const clean = async (page, state) => expect(await axeViolations(page), state).toEqual([]);

test('axe-core finds nothing on the empty page, with the sample, and on the paste error', async ({ page }) => {
  await page.goto('/');
  await clean(page, 'empty page');
  await page.getByRole('button', { name: 'Annotate' }).click();
  await expect(page.getByRole('alert')).toContainText('Paste an article');
  await clean(page, 'paste error');
  await page.getByRole('button', { name: /sample/i }).first().click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.getByRole('button', { name: 'Annotate' }).click();
  await clean(page, 'sample shown');
});

test('axe-core finds nothing while annotating: a selection, the list, the speaker picker, the review', async ({ page }) => {
  await openWithText(page, ATTRIBUTION_TEXT);
  await annotateWithKey(page, 'We will rebuild', '1');
  await annotateWithKey(page, 'Maria Ortega', '2');
  await annotateWithKey(page, 'Critics said the plan was late.', '3');
  await clean(page, 'annotations in the list');
  await showAnnotation(page, 'quote', 'We will rebuild');
  await expect(selectedPanel(page)).toBeVisible();
  await clean(page, 'an annotation selected');
  await page.keyboard.press('a');
  await expect(speakerPicker(page)).toBeVisible();
  await clean(page, 'choosing a speaker');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: /^Suggest/ }).click();
  await expect(page.getByRole('region', { name: /^Suggestions/ })).toBeVisible();
  await clean(page, 'reviewing suggestions');
});

test('axe-core finds nothing in any dialog', async ({ page }) => {
  await openWithText(page, ATTRIBUTION_TEXT);
  await annotateWithKey(page, 'We will rebuild', '1');
  await annotateWithKey(page, 'Maria Ortega', '2');

  await openWhoSaidWhat(page);
  await clean(page, 'Who said what');
  await page.keyboard.press('Escape');

  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await clean(page, 'Keyboard shortcuts');
  await page.keyboard.press('Escape');

  await (await menuItem(page, 'More', 'Edit labels')).click();
  await expect(page.getByRole('dialog', { name: 'Labels' })).toBeVisible();
  await clean(page, 'Labels');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Library', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Library' })).toBeVisible();
  await clean(page, 'Library');
  await page.keyboard.press('Escape');

  // Replacing the text under an annotation asks first.
  await editText(page);
  const box = page.getByRole('textbox', { name: 'Article text' });
  await box.fill((await box.inputValue()).replace('We will rebuild', 'We shall rebuild'));
  await page.getByRole('button', { name: 'Annotate' }).click();
  await expect(page.getByRole('alertdialog', { name: 'Replace the text?' })).toBeVisible();
  await clean(page, 'Replace the text?');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Back to the article' }).click();

  // An import refused, with its technical detail shown.
  await importWithChooser(page, {
    name: 'cut.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format": "article-annotator", "version": 1, "document": {"te'),
  });
  await expect(page.getByRole('alert')).toContainText('Could not import cut.json: the file ends too early');
  await page.getByRole('button', { name: 'Details' }).click();
  await expect(page.locator('#status-detail')).toContainText('EOF while parsing');
  await clean(page, 'an error with its details');
});
