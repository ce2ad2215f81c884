// A phone (issue 22, point 1, in part): 390×844 with touch. Taps label a selection, a tap on a
// highlight selects it and its panel comes up as a sheet at the bottom, Delete there works, a
// handle moves by touch-drag (Pointer Events), dialogs fit, targets are at least 24×24 px, and
// the article never asks for the on-screen keyboard. Texts are written for these tests.
import {
  test,
  expect,
  annotationItems,
  article,
  findText,
  handle,
  itemFor,
  marksOf,
  menuItem,
  openWithText,
  pointAt,
  selectedPanel,
  setSelection,
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

test('on a phone every dialog fits and its buttons can be reached; every target is at least 24×24', async ({ page }) => {
  await openWithText(page, TEXT);
  const inView = async (locator) => {
    await locator.scrollIntoViewIfNeeded();
    const b = await locator.boundingBox();
    return b.x >= 0 && b.x + b.width <= 390 + 0.5 && b.width >= 24 && b.height >= 24;
  };
  // Labels: each label's Save and Delete.
  await (await menuItem(page, 'More', 'Edit labels')).click();
  const labels = page.getByRole('dialog', { name: 'Labels' });
  await expect(labels).toBeVisible();
  expect((await labels.boundingBox()).width).toBeLessThanOrEqual(390);
  for (const name of ['quote', 'speaker', 'claim', 'date']) {
    for (const action of ['Save', 'Delete']) {
      expect(await inView(labels.getByRole('button', { name: `${action} ${name}`, exact: true })), `${action} ${name}`).toBe(true);
    }
  }
  expect(await inView(labels.getByRole('button', { name: 'Add label' }))).toBe(true);
  await labels.getByRole('button', { name: 'Close', exact: true }).click();

  for (const [open, name] of [
    [() => page.getByRole('button', { name: 'Library' }).click(), 'Library'],
    [() => page.getByRole('button', { name: 'Who said what' }).click(), 'Who said what'],
    [async () => (await menuItem(page, 'More', 'Keyboard shortcuts')).click(), 'Keyboard shortcuts'],
  ]) {
    await open();
    const dialog = page.getByRole('dialog', { name });
    await expect(dialog).toBeVisible();
    expect((await dialog.boundingBox()).width, name).toBeLessThanOrEqual(390);
    const buttons = dialog.getByRole('button');
    for (let i = 0; i < (await buttons.count()); i += 1) {
      expect(await inView(buttons.nth(i)), `${name}: ${await buttons.nth(i).textContent()}`).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
  }

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
