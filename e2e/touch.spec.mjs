// Phones and tablets (issue 22, point 1). A phone, 390×844 with touch: the bar is one row
// (labels, Undo, Menu) and every other command is a tap away in Menu; the browser selects a word
// by touch (a double tap: headless Chromium makes no long-press, see doubleTap) and a tap labels
// it; a tap on a highlight selects it and its panel comes up as a sheet at the bottom, Delete
// there works, a handle moves by touch-drag (Pointer Events); every dialog fits and its buttons
// can be reached; targets are at least 24×24 px; the article never asks for the on-screen
// keyboard. A tablet, 820×1180 with touch: labels, highlights and their panel by taps, beside
// the article, and every dialog. Texts are written for these tests.
import {
  test,
  expect,
  annotationItems,
  article,
  axeViolations,
  downloadFrom,
  editText,
  findText,
  handle,
  importWithChooser,
  itemFor,
  marksOf,
  menuItem,
  openWithText,
  pointAt,
  selectedPanel,
  setSelection,
  snapCheckbox,
} from './helpers.mjs';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

const TEXT =
  'The ferry ran late on Sunday. “We lost the tide and then the light,” said Ines Varga, the captain. ' +
  'Nobody was hurt, the harbour office said.';

/** The centre of a locator's box, for a tap. */
const centre = async (locator) => {
  const b = await locator.boundingBox();
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
};

/** Touches down at `from`, moves to `to` in steps and lifts: trusted touch events (CDP). */
async function touchDrag(page, from, to, steps = 8) {
  const cdp = await page.context().newCDPSession(page);
  const point = (p) => [{ x: p.x, y: p.y, id: 1, radiusX: 2, radiusY: 2, force: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(from) });
  for (let i = 1; i <= steps; i += 1) {
    const p = { x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(p) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

test('on a phone: tap a label, tap the highlight, the sheet comes up, delete there, move a handle by touch', async ({ page }) => {
  await openWithText(page, TEXT);
  const body = page.getByRole('textbox', { name: 'Article body' });
  await expect(body).toHaveAttribute('inputmode', 'none');
  // The bar leaves most of the screen to the article.
  const bar = await page.locator('.toolbar').boundingBox();
  expect(bar.height).toBeLessThan(844 * 0.25);
  const quoteButton = page.getByRole('button', { name: /^Quote/ });

  /** A selection (the browser's own long-press and handles make it on a real phone), a tap on
   * Quote, and a tap on the new highlight: the sheet. */
  const labelAndOpen = async () => {
    const quote = await findText(page, 'We lost the tide');
    await setSelection(page, quote.start, quote.end);
    await page.touchscreen.tap(...Object.values(await centre(quoteButton)));
    await expect(itemFor(page, 'quote', 'We lost the tide')).toHaveCount(1);
    await page.evaluate(() => getSelection().removeAllRanges());
    await page.keyboard.press('Escape');
    await expect(selectedPanel(page)).toHaveCount(0);
    const id = await itemFor(page, 'quote', 'We lost the tide').getAttribute('data-id');
    await page.touchscreen.tap(...Object.values(await centre(marksOf(page, id).first())));
    const sheet = selectedPanel(page);
    await expect(sheet).toBeVisible();
    await expect(sheet).toContainText('Speaker: none yet');
    return sheet;
  };

  // The panel is a sheet at the bottom of the screen, at most 60% of it.
  const sheet = await labelAndOpen();
  expect(await axeViolations(page), 'the sheet').toEqual([]);
  const s = await sheet.boundingBox();
  expect(s.y + s.height).toBeLessThanOrEqual(844 + 1);
  expect(s.y).toBeGreaterThanOrEqual(844 * 0.4 - 1);
  expect(s.width).toBeGreaterThan(380);
  // Delete there, by a tap.
  await page.touchscreen.tap(...Object.values(await centre(sheet.getByRole('button', { name: 'Delete annotation' }))));
  await expect(annotationItems(page)).toHaveCount(0);

  // Again, and drag the end handle by touch to the end of "light".
  await labelAndOpen();
  const light = await findText(page, 'and then the light');
  const to = await pointAt(page, light.end, 'end');
  await touchDrag(page, await centre(handle(page, 'end')), to);
  await expect(itemFor(page, 'quote', 'We lost the tide and then the light')).toHaveCount(1);
  await expect(annotationItems(page)).toHaveCount(1);
});

/**
 * Two quick taps at `p` as trusted touches (CDP): Chromium takes them as a double tap and selects
 * the word there, as it does on a phone. (Headless Chromium never turns a held touch into a
 * long-press: held for 1.5 s it is a plain tap, and it selects nothing.)
 */
async function doubleTap(page, p) {
  const cdp = await page.context().newCDPSession(page);
  const point = [{ x: p.x, y: p.y, id: 1, radiusX: 2, radiusY: 2, force: 1 }];
  for (let i = 0; i < 2; i += 1) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  }
  await cdp.detach();
}

/** The middle of the text `needle` in the article, for a tap. */
async function middleOf(page, needle) {
  const at = await findText(page, needle);
  const a = await pointAt(page, at.start, 'start');
  const b = await pointAt(page, at.end, 'end');
  return { x: (a.x + b.x) / 2, y: a.y };
}

test('on a phone the browser selects a word by touch, a tap labels it, a second one keeps the first, a handle drag widens it', async ({ page }) => {
  await openWithText(page, TEXT);
  const selected = () => page.evaluate(() => getSelection().toString());
  const labels = page.getByRole('toolbar', { name: 'Labels' });

  // The browser's own word selection by touch, then a tap on Quote.
  await doubleTap(page, await middleOf(page, 'tide'));
  await expect.poll(selected).toBe('tide');
  await labels.getByRole('button', { name: /^Quote/ }).tap();
  await expect(itemFor(page, 'quote', 'tide')).toHaveCount(1);
  await expect.poll(selected).toBe('');

  // A second selection by touch, labelled: the first highlight stays (on iOS, Recogito's second
  // quick selection replaced the first).
  await doubleTap(page, await middleOf(page, 'Varga'));
  await expect.poll(selected).toBe('Varga');
  await labels.getByRole('button', { name: /^Speaker/ }).tap();
  await expect(itemFor(page, 'speaker', 'Varga')).toHaveCount(1);
  await expect(itemFor(page, 'quote', 'tide')).toHaveCount(1);
  await expect(annotationItems(page)).toHaveCount(2);

  // Widen the quote by touch: a tap on it, its start handle dragged to "We".
  await page.keyboard.press('Escape');
  const id = await itemFor(page, 'quote', 'tide').getAttribute('data-id');
  await page.touchscreen.tap(...Object.values(await centre(marksOf(page, id).first())));
  await expect(selectedPanel(page)).toBeVisible();
  const we = await findText(page, 'We lost');
  await touchDrag(page, await centre(handle(page, 'start')), await pointAt(page, we.start, 'start'));
  await expect(itemFor(page, 'quote', 'We lost the tide')).toHaveCount(1);

  // The export has both, at the right code points. (Clicked, not tapped: right after the
  // touch-drag a tap on Export JSON now and then started no download; the taps through Menu are
  // checked in the one-row test.)
  const cpAt = (needle) => Array.from(TEXT.slice(0, TEXT.indexOf(needle))).length;
  const { text } = await downloadFrom(page, async () => (await menuItem(page, 'Export', 'Export JSON')).click());
  const spans = JSON.parse(text).annotations.map((a) => [a.label, a.text, a.start, a.end]);
  expect(spans).toEqual(
    expect.arrayContaining([
      ['quote', 'We lost the tide', cpAt('We lost'), cpAt('We lost') + 'We lost the tide'.length],
      ['speaker', 'Varga', cpAt('Varga'), cpAt('Varga') + 5],
    ]),
  );
  expect(spans).toHaveLength(2);
});

/** A command of the bar: in "Menu" on a phone (opened first), in the bar itself on a wider screen. */
async function barCommand(page, name) {
  const menu = page.getByRole('button', { name: 'Menu', exact: true });
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.tap();
  return page.getByRole('button', { name, exact: true });
}

/**
 * Opens every dialog of the app by taps (Labels, Library, Who said what, Keyboard shortcuts,
 * the import preview, "Replace the text?") on a screen `width` px wide, and checks that each
 * fits, that axe-core finds nothing in it, and that every button in it can be brought into view,
 * whole, at least 24×24.
 */
async function everyDialog(page, width) {
  const inView = async (locator) => {
    await locator.scrollIntoViewIfNeeded();
    const b = await locator.boundingBox();
    return b.x >= 0 && b.x + b.width <= width + 0.5 && b.width >= 24 && b.height >= 24;
  };
  const allInView = async (dialog, name) => {
    await expect(dialog).toBeVisible();
    expect(await axeViolations(page), name).toEqual([]);
    expect((await dialog.boundingBox()).width, name).toBeLessThanOrEqual(width);
    const buttons = dialog.getByRole('button');
    expect(await buttons.count(), name).toBeGreaterThan(0);
    for (let i = 0; i < (await buttons.count()); i += 1) {
      expect(await inView(buttons.nth(i)), `${name}: ${await buttons.nth(i).textContent()}`).toBe(true);
    }
  };
  // A quote, labelled by a tap: deleting its label asks first, editing its text too.
  const quote = await findText(page, 'We lost the tide');
  await setSelection(page, quote.start, quote.end);
  await page.getByRole('button', { name: /^Quote/ }).tap();
  await expect(itemFor(page, 'quote', 'We lost the tide')).toHaveCount(1);

  // Labels: each label's Save and Delete, and the question a Delete of a used label asks.
  await (await menuItem(page, 'More', 'Edit labels')).tap();
  const labels = page.getByRole('dialog', { name: 'Labels' });
  await allInView(labels, 'Labels');
  for (const name of ['quote', 'speaker', 'claim', 'date']) {
    for (const action of ['Save', 'Delete']) {
      expect(await inView(labels.getByRole('button', { name: `${action} ${name}`, exact: true })), `${action} ${name}`).toBe(true);
    }
  }
  expect(await inView(labels.getByRole('button', { name: 'Add label' }))).toBe(true);
  await labels.getByRole('button', { name: 'Delete quote', exact: true }).tap();
  const asking = labels.getByRole('group', { name: /quote/ });
  await expect(asking.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await allInView(labels, 'Labels, deleting a label');
  await asking.getByRole('button', { name: 'Cancel' }).tap();
  await expect(asking).toHaveCount(0);
  await labels.getByRole('button', { name: 'Close', exact: true }).tap();
  await expect(labels).toHaveCount(0);

  for (const [open, name] of [
    [() => page.getByRole('button', { name: 'Library' }).tap(), 'Library'],
    [async () => (await barCommand(page, 'Who said what')).tap(), 'Who said what'],
    [async () => (await menuItem(page, 'More', 'Keyboard shortcuts')).tap(), 'Keyboard shortcuts'],
  ]) {
    await open();
    const dialog = page.getByRole('dialog', { name });
    await allInView(dialog, name);
    await dialog.getByRole('button', { name: 'Close', exact: true }).tap();
    await expect(dialog).toHaveCount(0);
  }

  // The import preview (a doccano line of our own), and its Cancel by a tap.
  const line = JSON.stringify({ text: 'Rain closed the pier on Monday, said Tomas Reed.', label: [[24, 30, 'date']] });
  await importWithChooser(page, { name: 'pier.jsonl', mimeType: 'application/json', buffer: Buffer.from(`${line}\n`) });
  const preview = page.getByRole('dialog', { name: 'Import preview' });
  await allInView(preview, 'Import preview');
  await preview.getByRole('button', { name: 'Cancel' }).tap();
  await expect(preview).toHaveCount(0);

  // "Replace the text?": an edit under the quote asks first; Cancel by a tap.
  await editText(page);
  const box = page.getByRole('textbox', { name: 'Article text' });
  await box.fill((await box.inputValue()).replace('We lost the tide', 'We missed the tide'));
  await page.getByRole('button', { name: 'Annotate' }).tap();
  const replace = page.getByRole('alertdialog', { name: 'Replace the text?' });
  await allInView(replace, 'Replace the text?');
  await replace.getByRole('button', { name: 'Cancel' }).tap();
  await expect(replace).toHaveCount(0);
  await page.getByRole('button', { name: 'Back to the article' }).tap();
  await expect(itemFor(page, 'quote', 'We lost the tide')).toHaveCount(1);
}

test('on a phone every dialog fits and its buttons can be reached; every target is at least 24×24', async ({ page }) => {
  await openWithText(page, TEXT);
  await everyDialog(page, 390);

  // Every visible button of the page is at least 24×24.
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('button')]
      .filter((b) => b.offsetParent !== null)
      .map((b) => [b.textContent.trim(), b.getBoundingClientRect()])
      .filter(([, r]) => r.width < 24 || r.height < 24)
      .map(([t, r]) => `${t} ${r.width}×${r.height}`),
  );
  expect(small).toEqual([]);
});

test('on a phone the bar is one row (labels, Undo, Menu) and every other command is a tap away in Menu', async ({ page }) => {
  await openWithText(page, TEXT);
  const labels = page.getByRole('toolbar', { name: 'Labels' });
  const undo = page.getByRole('button', { name: 'Undo', exact: true });
  const menu = page.getByRole('button', { name: 'Menu', exact: true });
  const button = (name) => page.getByRole('button', { name, exact: true });

  // One row: the labels, Undo and Menu on one line, the bar not much taller than a button, and
  // once the header has scrolled away (the bar sticks at the top) the article below it has the
  // rest of the screen.
  await page.evaluate(() => window.scrollTo(0, document.querySelector('main').offsetTop + 100));
  const [l, u, m, bar] = await Promise.all([labels, undo, menu, page.locator('.toolbar')].map((x) => x.boundingBox()));
  const middle = (b) => b.y + b.height / 2;
  expect(Math.abs(middle(l) - middle(u))).toBeLessThan(4);
  expect(Math.abs(middle(m) - middle(u))).toBeLessThan(4);
  expect(bar.height).toBeLessThan(u.height * 1.6);
  expect(bar.y).toBeLessThan(1);
  expect(844 - (bar.y + bar.height)).toBeGreaterThan(844 * 0.9);
  await expect(article(page)).toBeInViewport({ ratio: 0.5 });
  expect(m.x + m.width).toBeLessThanOrEqual(390);
  // Every label button can be reached in its row (it scrolls sideways when they do not fit).
  for (const name of ['Quote', 'Speaker', 'Claim', 'Date']) {
    const b = labels.getByRole('button', { name: new RegExp(`^${name}`) });
    await b.scrollIntoViewIfNeeded();
    const box = await b.boundingBox();
    expect(box.x >= 0 && box.x + box.width <= m.x, name).toBe(true);
  }
  // The rest is not in the bar until Menu is opened.
  for (const name of ['Redo', 'Suggest (G)', 'Who said what', 'Export', 'More']) await expect(button(name)).toBeHidden();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');

  // Label by a tap, undo by a tap, redo through Menu.
  const quote = await findText(page, 'We lost the tide');
  await setSelection(page, quote.start, quote.end);
  await labels.getByRole('button', { name: /^Quote/ }).tap();
  await expect(itemFor(page, 'quote', 'We lost the tide')).toHaveCount(1);
  // The message that says so floats under the bar: the bar stays one row.
  await expect(page.locator('#status-line')).not.toBeEmpty();
  await expect(page.locator('#status-line')).toBeInViewport();
  expect((await page.locator('.toolbar').boundingBox()).height).toBeCloseTo(bar.height, 0);
  await undo.tap();
  await expect(annotationItems(page)).toHaveCount(0);
  await menu.tap();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  // Everything it holds is on the screen, at least 24×24.
  for (const name of ['Redo', 'Suggest (G)', 'Who said what', 'Export', 'More']) {
    const b = await button(name).boundingBox();
    expect(b.x >= 0 && b.x + b.width <= 390 && b.y + b.height <= 844 && b.width >= 24 && b.height >= 24, name).toBe(true);
  }
  expect(await axeViolations(page), 'Menu open').toEqual([]);
  await button('Redo').tap();
  await expect(itemFor(page, 'quote', 'We lost the tide')).toHaveCount(1);
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(button('Redo')).toBeHidden();

  // Export and More open inside Menu; each of their items is on the screen.
  await menu.tap();
  await button('Export').tap();
  const exportList = page.locator('#export-menu');
  await expect(exportList).toBeVisible();
  for (const b of await exportList.getByRole('button').all()) {
    const box = await b.boundingBox();
    expect(box.x >= 0 && box.x + box.width <= 390 && box.y + box.height <= 844, await b.textContent()).toBe(true);
  }
  expect(await axeViolations(page), 'Export open in Menu').toEqual([]);
  const { text } = await downloadFrom(page, () => exportList.getByRole('button', { name: 'Export JSON', exact: true }).tap());
  expect(JSON.parse(text).annotations.map((a) => [a.label, a.text])).toEqual([['quote', 'We lost the tide']]);
  await expect(menu).toHaveAttribute('aria-expanded', 'false');

  await menu.tap();
  await button('More').tap();
  const moreList = page.locator('#more-menu');
  await expect(moreList).toBeVisible();
  expect(await axeViolations(page), 'More open in Menu').toEqual([]);
  // A toggle keeps both open; a tap on it changes it.
  const snapped = await snapCheckbox(page).isChecked();
  await moreList.getByRole('checkbox', { name: 'Snap to words' }).tap();
  await expect(snapCheckbox(page)).toBeChecked({ checked: !snapped });
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await moreList.getByRole('radio', { name: 'Dark' }).tap();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await moreList.getByRole('radio', { name: 'Light' }).tap();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await moreList.getByRole('button', { name: 'Keyboard shortcuts' }).tap();
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Escape');

  await (await menuItem(page, 'Menu', 'Who said what')).tap();
  const who = page.getByRole('dialog', { name: 'Who said what' });
  await expect(who).toBeVisible();
  await who.getByRole('button', { name: 'Close', exact: true }).tap();
  await expect(who).toHaveCount(0);

  await (await menuItem(page, 'Menu', 'Suggest (G)')).tap();
  await expect(page.getByRole('region', { name: /^Suggestions/ })).toBeVisible();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
});

test('on a phone Menu works from the keyboard too, and the shortcuts still work', async ({ page }) => {
  await openWithText(page, TEXT);
  const menu = page.getByRole('button', { name: 'Menu', exact: true });
  await menu.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  // Redo is disabled (nothing to redo): the first item is Suggest; ↓ goes on to the next.
  await expect(page.getByRole('button', { name: 'Suggest (G)' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('button', { name: 'Who said what' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('button', { name: 'Export', exact: true })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  // More opened inside: ↓ moves among its items, Escape closes it, then Menu.
  await expect(page.getByRole('button', { name: 'Edit text' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'More', exact: true })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(menu).toBeFocused();

  // The shortcuts: 1 labels, Ctrl+Z undoes, Ctrl+Shift+Z redoes, ? opens the help.
  const quote = await findText(page, 'We lost the tide');
  await setSelection(page, quote.start, quote.end);
  await page.keyboard.press('1');
  await expect(itemFor(page, 'quote', 'We lost the tide')).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(annotationItems(page)).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(annotationItems(page)).toHaveCount(1);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');

  // A dialog opened from a menu in Menu gives focus back to Menu (its item is hidden again).
  await (await menuItem(page, 'More', 'Edit labels')).click();
  await expect(page.getByRole('dialog', { name: 'Labels' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Labels' })).toHaveCount(0);
  await expect(menu).toBeFocused();
});

test.describe('on a tablet (820×1180, touch)', () => {
  test.use({ viewport: { width: 820, height: 1180 }, hasTouch: true, isMobile: true });

  test('label by a tap, select a highlight by a tap, its panel beside the article and its actions in reach', async ({ page }) => {
    await openWithText(page, TEXT);
    const body = page.getByRole('textbox', { name: 'Article body' });
    await expect(body).toHaveAttribute('inputmode', 'none');
    // The article and the side panel side by side, under a bar that leaves most of the screen.
    const a = await article(page).boundingBox();
    const side = await page.getByRole('complementary', { name: 'Annotations panel' }).boundingBox();
    expect(side.x).toBeGreaterThanOrEqual(a.x + a.width);
    expect(side.x + side.width).toBeLessThanOrEqual(820);
    expect(a.width).toBeGreaterThan(820 / 2);
    const bar = await page.locator('.toolbar').boundingBox();
    expect(bar.height).toBeLessThan(1180 * 0.15);
    // On a tablet the whole bar shows: no "Menu".
    await expect(page.getByRole('button', { name: 'Menu', exact: true })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Who said what' })).toBeVisible();

    // Label a quote and a speaker by taps.
    for (const [needle, label] of [
      ['We lost the tide and then the light', 'Quote'],
      ['Ines Varga', 'Speaker'],
    ]) {
      const at = await findText(page, needle);
      await setSelection(page, at.start, at.end);
      await page.getByRole('toolbar', { name: 'Labels' }).getByRole('button', { name: new RegExp(`^${label}`) }).tap();
      await expect(itemFor(page, label.toLowerCase(), needle)).toHaveCount(1);
    }
    await page.evaluate(() => getSelection().removeAllRanges());

    // A tap on the quote's highlight selects it; its panel is beside the article, on screen.
    const id = await itemFor(page, 'quote', 'We lost the tide and then the light').getAttribute('data-id');
    await marksOf(page, id).first().tap();
    const panel = selectedPanel(page);
    await expect(panel).toBeVisible();
    await expect(panel).toContainText('Speaker: none yet');
    const p = await panel.boundingBox();
    expect(p.x).toBeGreaterThanOrEqual(a.x + a.width);
    for (const b of await panel.getByRole('button').all()) {
      const box = await b.boundingBox();
      const name = await b.textContent();
      expect(box.x >= 0 && box.x + box.width <= 820 && box.y >= 0 && box.y + box.height <= 1180, name).toBe(true);
      expect(box.width >= 24 && box.height >= 24, name).toBe(true);
    }
    expect(await axeViolations(page), 'a highlight selected on a tablet').toEqual([]);

    // Its actions by taps: attribute it to Ines Varga, then delete it.
    await panel.getByRole('button', { name: 'Attribute (A)' }).tap();
    const picker = page.getByRole('region', { name: 'Choose a speaker' });
    await expect(picker).toBeVisible();
    await picker.getByRole('button', { name: 'Ines Varga', exact: true }).tap();
    await expect(panel).toContainText('Speaker: Ines Varga');
    await panel.getByRole('button', { name: 'Delete annotation' }).tap();
    await expect(itemFor(page, 'quote', 'We lost the tide and then the light')).toHaveCount(0);
    await expect(annotationItems(page)).toHaveCount(1);
  });

  test('every dialog fits and its buttons can be reached', async ({ page }) => {
    await openWithText(page, TEXT);
    await everyDialog(page, 820);
  });
});
