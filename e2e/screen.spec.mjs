// The annotating screen as a person meets it: feedback where the eye is, a side panel never
// under the toolbar, long names inside the panel, focus kept after bulk actions, keyboard
// selection of existing annotations, possessive snapping, the title, the skip link, the help
// and the empty states. Texts are written for these tests.
import {
  test,
  expect,
  annotateWithKey,
  annotationItems,
  annotationList,
  article,
  dragSelectText,
  exportJson,
  itemFor,
  keyboardSelectRange,
  findText,
  marksOf,
  menuItem,
  openWhoSaidWhat,
  openWithText,
  saveState,
  selectedPanel,
  showAnnotation,
  statusBox,
  waitForSave,
  watchSaves,
} from './helpers.mjs';

/** Twenty paragraphs, long enough to scroll; quotes with their speakers in each. */
const LONG = Array.from(
  { length: 20 },
  (_, i) =>
    `Paragraph ${i + 1}: the harbour board met again on Tuesday. “We will keep the pier open in winter ${i + 1},” said Tilde Marsh. ` +
    'Fishers on the east quay asked for longer hours, and the board said it would answer within a month of the meeting.',
).join('\n');

const inViewport = (page, locator) =>
  locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
  });

test('after Export the result shows in the bar, in view, however far down the page is', async ({ page }) => {
  await openWithText(page, LONG, { title: 'Harbour board' });
  await annotateWithKey(page, 'We will keep the pier open in winter 20', '1');
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await exportJson(page);
  await expect(statusBox(page)).toContainText('Exported');
  expect(await inViewport(page, statusBox(page))).toBe(true);
  await expect(statusBox(page)).toHaveAttribute('role', 'status');
});

test('the side panel is never under the sticky toolbar, at any scroll position', async ({ page }) => {
  await openWithText(page, LONG);
  await annotateWithKey(page, 'Tilde Marsh', '2', { nth: 10 });
  for (const y of [0, 400, 1500, 100_000]) {
    await page.evaluate((to) => window.scrollTo(0, to), y);
    await page.waitForTimeout(50);
    const bar = await page.locator('.toolbar').boundingBox();
    for (const heading of [
      page.getByRole('heading', { name: 'Selected annotation' }),
      page.getByRole('heading', { name: /^Annotations/ }),
    ]) {
      const box = await heading.boundingBox();
      expect(box.y, `at scroll ${y}`).toBeGreaterThanOrEqual(bar.y + bar.height);
    }
  }
});

test('a 60-character speaker name wraps inside the panel: its Delete button stays in it', async ({ page }) => {
  const name = 'Professor Anneliese Vandermeulen-Okonkwo-Brightwater of Leeds';
  expect(name.length).toBeGreaterThanOrEqual(60);
  await openWithText(page, `“The tide tables are wrong,” said ${name}, at the hearing.`);
  await annotateWithKey(page, 'The tide tables are wrong', '1');
  await annotateWithKey(page, name, '2');
  await showAnnotation(page, 'quote', 'The tide tables are wrong');
  await page.keyboard.press('a');
  await page
    .getByRole('region', { name: 'Choose a speaker' })
    .getByRole('button', { name: /^Professor Anneliese/ })
    .click();
  const panel = await page.getByRole('complementary', { name: 'Annotations panel' }).boundingBox();
  for (const row of [itemFor(page, 'quote', 'The tide tables'), itemFor(page, 'speaker', 'Professor')]) {
    const del = await row.getByRole('button', { name: 'Delete' }).boundingBox();
    expect(del.x + del.width).toBeLessThanOrEqual(panel.x + panel.width);
    await expect(row.getByRole('button', { name: 'Delete' })).toBeVisible();
  }
  await expect(itemFor(page, 'quote', 'The tide tables')).toContainText(`— ${name}`);
});

test('after "Accept all" focus goes to the review panel, and the page does not jump', async ({ page }) => {
  await openWithText(page, LONG);
  await page.getByRole('button', { name: /^Suggest/ }).click();
  const review = page.getByRole('region', { name: 'Suggestions' });
  await expect(review).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 1200));
  // the paragraph at the middle of the window, and where it is
  const middle = () =>
    page.evaluate(() => {
      const p = document.elementFromPoint(300, window.innerHeight / 2).closest('p');
      return { o: p.getAttribute('data-o'), top: Math.round(p.getBoundingClientRect().top) };
    });
  const before = await middle();
  await review.getByRole('button', { name: /^Accept all quotes/ }).click();
  await expect(review.getByRole('heading', { name: /^Suggestions/ })).toBeFocused();
  // the same paragraph stays where the reader had it (the toolbar's message may change its height)
  const after = await page.evaluate(
    (o) => Math.round(document.querySelector(`p[data-o="${o}"]`).getBoundingClientRect().top),
    before.o,
  );
  expect(Math.abs(after - before.top)).toBeLessThan(40);
  // Everything reviewed: the panel closes itself and says so; focus goes to the list.
  await review.getByRole('button', { name: 'Reject all' }).click();
  await expect(review).toHaveCount(0);
  await expect(statusBox(page)).toContainText('All suggestions are reviewed.');
  await expect(page.getByRole('heading', { name: /^Annotations/ })).toBeFocused();
});

test('deleting from the list moves focus to the next entry', async ({ page }) => {
  await openWithText(page, LONG);
  await annotateWithKey(page, 'Tilde Marsh', '2');
  await annotateWithKey(page, 'Tilde Marsh', '2', { nth: 1 });
  await page.keyboard.press('Escape');
  await annotationItems(page).first().getByRole('button', { name: 'Delete' }).click();
  await expect(annotationItems(page)).toHaveCount(1);
  await expect(annotationItems(page).first().getByRole('button').first()).toBeFocused();
});

test('keyboard: Enter on a highlight selects it; ] and [ step through annotations, } through one label', async ({
  page,
}) => {
  const text = '“Open the gates,” said Ilse Brandt. Ilse Brandt left. “Close them,” said Omar Tay.';
  await openWithText(page, text);
  await annotateWithKey(page, 'Open the gates', '1');
  await annotateWithKey(page, 'Ilse Brandt', '2');
  await annotateWithKey(page, 'Close them', '1');
  await annotateWithKey(page, 'Omar Tay', '2');
  await page.keyboard.press('Escape');
  await expect(selectedPanel(page)).toHaveCount(0);

  // The caret inside "Ilse Brandt" (keyboard only), then Enter.
  const ilse = await findText(page, 'Ilse Brandt');
  await page.getByRole('textbox', { name: 'Article body' }).focus();
  await keyboardSelectRange(page, ilse.start + 2, ilse.start + 2);
  await page.keyboard.press('Enter');
  await expect(itemFor(page, 'speaker', 'Ilse Brandt')).toHaveAttribute('aria-current', 'true');
  await expect(selectedPanel(page)).toContainText('Ilse Brandt');

  // ] goes to the next annotation in the text, [ back.
  await page.keyboard.press(']');
  await expect(itemFor(page, 'quote', 'Close them')).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('[');
  await expect(itemFor(page, 'speaker', 'Ilse Brandt')).toHaveAttribute('aria-current', 'true');
  // } goes to the next speaker, skipping the quote; past the last it wraps to the first.
  await page.keyboard.press('}');
  await expect(itemFor(page, 'speaker', 'Omar Tay')).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('}');
  await expect(itemFor(page, 'speaker', 'Ilse Brandt')).toHaveAttribute('aria-current', 'true');
  await expect(statusBox(page)).toContainText('Back at the first.');
});

test('snapping leaves out a possessive: "Today" from "Today’s", and a one-word span resizes by letter', async ({
  page,
}) => {
  await openWithText(page, 'Today’s vote was close. Ana’s team lost.');
  await dragSelectText(page, 'Today');
  await page.keyboard.press('4');
  await expect(itemFor(page, 'date', 'Today')).toHaveCount(1);
  await expect(itemFor(page, 'date', 'Today’s')).toHaveCount(0);
  // Alt+Shift+← on a one-word span: a letter off, not "nothing".
  await page.keyboard.press('Alt+Shift+ArrowLeft');
  await expect(statusBox(page)).toContainText('Resized: Toda');
  // A drag reaching into the possessive takes it in.
  await dragSelectText(page, 'Ana’s');
  await page.keyboard.press('2');
  await expect(itemFor(page, 'speaker', 'Ana’s')).toHaveCount(1);
});

test('the title: in the header and the tab, renamed in place, exported', async ({ page }) => {
  await openWithText(page, 'A short text about tides.', { title: 'Tide notes' });
  await expect(page).toHaveTitle('Tide notes — Article Annotator');
  const rename = page.getByRole('button', { name: 'Tide notes (rename)' });
  await expect(rename).toBeVisible();
  await rename.click();
  const field = page.getByRole('textbox', { name: 'Article title' });
  await expect(field).toBeFocused();
  await field.fill('Spring tides');
  await page.keyboard.press('Enter');
  await expect(page).toHaveTitle('Spring tides — Article Annotator');
  await expect(page.getByRole('button', { name: 'Spring tides (rename)' })).toBeVisible();
  const { json } = await exportJson(page);
  expect(json.document.title).toBe('Spring tides');
  // Escape leaves the name as it was.
  await page.getByRole('button', { name: 'Spring tides (rename)' }).click();
  await page.getByRole('textbox', { name: 'Article title' }).fill('Something else');
  await page.keyboard.press('Escape');
  await expect(page).toHaveTitle('Spring tides — Article Annotator');
});

test('a title typed while the last edit is saved keeps what was typed', async ({ page }) => {
  await openWithText(page, 'A short text about tides.', { title: 'Tide notes' });
  await expect(saveState(page)).toHaveText('Saved');
  // An edit arms the autosave (300 ms later); the rename starts before it runs.
  await watchSaves(page);
  await dragSelectText(page, 'tides');
  await page.keyboard.press('1');
  await page.getByRole('button', { name: 'Tide notes (rename)' }).click();
  const field = page.getByRole('textbox', { name: 'Article title' });
  await expect(field).toBeFocused();
  await page.keyboard.type('Spring');
  // The header shows "Saving…", then "Saved", while the field is open.
  await waitForSave(page);
  await expect(field).toBeFocused();
  await page.keyboard.type(' tides');
  await expect(field).toHaveValue('Spring tides');
  await page.keyboard.press('Enter');
  await expect(page).toHaveTitle('Spring tides — Article Annotator');
  expect((await exportJson(page)).json.document.title).toBe('Spring tides');
});

test('the skip link takes the keyboard straight to the article', async ({ page }) => {
  await openWithText(page, 'A short text about tides.');
  // from the top of the page (a click on the header's empty corner sets where Tab starts)
  await page.mouse.click(3, 3);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the article' });
  await expect(skip).toBeFocused();
  expect(await inViewport(page, skip)).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Article body' })).toBeFocused();
});

test('the shortcuts dialog opens at its top and lists every key of the keymap', async ({ page }) => {
  await openWithText(page, 'A short text about tides.');
  await (await menuItem(page, 'More', 'Keyboard shortcuts')).click();
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeFocused();
  expect(await help.evaluate((d) => d.scrollTop)).toBe(0);
  const keys = await help.locator('kbd').allTextContents();
  for (const k of [']', '[', '}', '{', 'Enter', 'Space', 'G', 'A', 'Escape', 'Delete', 'Ctrl', 'Z', '?', '1', 'q']) {
    expect(keys, `the help shows ${k}`).toContain(k);
  }
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
});

test('"Who said what" with nobody quoted says what to do, and has nothing to export', async ({ page }) => {
  await openWithText(page, 'A short text about tides.');
  const dialog = await openWhoSaidWhat(page);
  await expect(dialog).toContainText('Nobody is quoted yet');
  await expect(dialog.getByRole('button', { name: 'Export attribution CSV' })).toBeDisabled();
  await expect(dialog.getByRole('table')).toHaveCount(0);
});

test('speakers show in the text only when asked for, and attributing never moves the text', async ({ page }) => {
  await openWithText(page, '“Hold the line,” said Petra Volk. Nobody answered her.');
  await annotateWithKey(page, 'Hold the line', '1');
  await annotateWithKey(page, 'Petra Volk', '2');
  const nobody = await findText(page, 'Nobody');
  const before = await page.evaluate(
    ({ o }) => {
      const seg = [...document.querySelectorAll('[data-o]')].filter((e) => e.tagName !== 'P');
      const el = seg.filter((e) => Number(e.getAttribute('data-o')) <= o).pop();
      return el.getBoundingClientRect().toJSON();
    },
    { o: nobody.start },
  );
  await page.keyboard.press('Escape');
  await annotationList(page).getByRole('button', { name: 'quote Hold the line' }).click();
  await page.keyboard.press('a');
  await page.getByRole('region', { name: 'Choose a speaker' }).getByRole('button', { name: 'Petra Volk' }).click();
  await expect(itemFor(page, 'quote', 'Hold the line')).toContainText('— Petra Volk');
  await expect(article(page).locator('.speaker-badge:visible')).toHaveCount(0);
  const after = await page.evaluate(
    ({ o }) => {
      const seg = [...document.querySelectorAll('[data-o]')].filter((e) => e.tagName !== 'P');
      const el = seg.filter((e) => Number(e.getAttribute('data-o')) <= o).pop();
      return el.getBoundingClientRect().toJSON();
    },
    { o: nobody.start },
  );
  expect([after.x, after.y]).toEqual([before.x, before.y]);
  // Hovering the quote outlines its speaker.
  const ids = await itemFor(page, 'quote', 'Hold the line').getAttribute('data-id');
  await marksOf(page, ids).first().hover();
  await expect(article(page).locator('mark.linked')).not.toHaveCount(0);
  // Asked for: the badge appears.
  await (await menuItem(page, 'More', 'Show speakers in the text', 'checkbox')).check();
  await expect(article(page).locator('.speaker-badge')).toHaveText(['Petra Volk']);
});

test('Ctrl+Shift+→ extends a keyboard selection past the closing ,” of a quote', async ({ page }) => {
  await openWithText(page, '“We will rebuild,” said Ana Lind. She left.');
  const we = await findText(page, 'We will rebuild');
  await page.getByRole('textbox', { name: 'Article body' }).focus();
  expect(await keyboardSelectRange(page, we.start, we.end)).toBe('We will rebuild');
  await page.keyboard.press('Control+Shift+ArrowRight');
  expect(await page.evaluate(() => String(window.getSelection()))).toBe('We will rebuild,”');
  await page.keyboard.press('Control+Shift+ArrowRight');
  expect(await page.evaluate(() => String(window.getSelection()))).toBe('We will rebuild,” said');
  await page.keyboard.press('Control+Shift+ArrowLeft');
  await page.keyboard.press('1');
  await expect(itemFor(page, 'quote', 'We will rebuild,”')).toHaveCount(1);
});
