// The whole flow, from pasting an article to the downloaded file, with the
// keyboard alone: no mouse event is ever sent to the page.
import { readFile } from 'node:fs/promises';
import {
  test,
  expect,
  annotationItems,
  caretOffsets,
  checkExport,
  cp,
  findAnnotation,
  focusInfo,
  mouseEventsSeen,
  recordMouseEvents,
  renderedText,
  statusBox,
  tabTo,
} from './helpers.mjs';
import { KEYBOARD_TEXT } from './fixtures/texts.mjs';

test('keyboard only: paste, annotate two spans, shortcuts help, export', async ({ page }) => {
  // Count every trusted mouse event the page sees; keyboard-activated clicks are counted apart.
  await recordMouseEvents(page);

  await page.goto('/');
  await expect(page).toHaveTitle('Article Annotator');
  const box = page.getByRole('textbox', { name: 'Article text' });
  // On load the article box has focus: paste (here: insert) straight away.
  await expect(box).toBeFocused();
  await page.keyboard.insertText(KEYBOARD_TEXT);
  await expect(box).toHaveValue(KEYBOARD_TEXT);

  // Tab to "Annotate" (past "Load sample article"), every stop visibly focused.
  const annotate = page.getByRole('button', { name: 'Annotate', exact: true });
  const stops = await tabTo(page, annotate, { max: 6 });
  expect(stops.map((s) => s.name)).toContain('Load sample article');
  await page.keyboard.press('Enter');

  // The article body has focus with a caret at its start.
  const body = page.getByRole('textbox', { name: 'Article body' });
  await expect(body).toBeFocused();
  expect(await renderedText(page)).toBe(KEYBOARD_TEXT);
  await expect.poll(() => caretOffsets(page)).toMatchObject({ anchor: 0, focus: 0, collapsed: true });
  // A steady caret, drawn in the text's colour: it does not blink (each blink is a frame the
  // browser draws, and a key pressed just after one waited for the next frame).
  expect(await body.evaluate((el) => [getComputedStyle(el).caretAnimation, getComputedStyle(el).caretColor])).toEqual([
    'manual',
    await body.evaluate((el) => getComputedStyle(el).color),
  ]);

  // Arrows move the caret.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => caretOffsets(page)).toMatchObject({ anchor: 2, focus: 2, collapsed: true });
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => caretOffsets(page)).toMatchObject({ anchor: 0, focus: 0 });

  // Select the first two words by word and press 1.
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('Control+Shift+ArrowRight');
  const sel1 = await caretOffsets(page);
  expect(sel1.anchor).toBe(0);
  expect(sel1.text.trim()).toBe('Mayor Jones');
  await page.keyboard.press('1');
  await expect(annotationItems(page)).toHaveCount(1);
  await expect(annotationItems(page).first()).toContainText('quote');
  await expect(annotationItems(page).first()).toContainText('Mayor Jones');
  // The caret stays (collapsed) at the end of the new span, so one can go on.
  const mayorEnd = 'Mayor Jones'.length;
  await expect.poll(() => caretOffsets(page)).toMatchObject({ anchor: mayorEnd, focus: mayorEnd, collapsed: true });
  await expect(body).toBeFocused();

  // Move on: down to the second line, to its start, then right to "Friday".
  const line2 = KEYBOARD_TEXT.indexOf('\n') + 1;
  await page.keyboard.press('ArrowDown');
  const afterDown = await caretOffsets(page);
  expect(afterDown.collapsed).toBe(true);
  expect(afterDown.focus).toBeGreaterThanOrEqual(line2);
  await page.keyboard.press('Home');
  await expect.poll(() => caretOffsets(page)).toMatchObject({ focus: line2, collapsed: true });
  const friday = KEYBOARD_TEXT.indexOf('Friday');
  for (let i = line2; i < friday; i += 1) await page.keyboard.press('ArrowRight');
  await expect.poll(() => caretOffsets(page)).toMatchObject({ focus: friday, collapsed: true });
  await page.keyboard.press('Control+Shift+ArrowRight');
  expect((await caretOffsets(page)).text.trim()).toBe('Friday');
  await page.keyboard.press('4');
  await expect(annotationItems(page)).toHaveCount(2);
  await expect(annotationItems(page).nth(1)).toContainText('date');
  await expect(annotationItems(page).nth(1)).toContainText('Friday');
  const fridayEnd = friday + 'Friday'.length;
  await expect.poll(() => caretOffsets(page)).toMatchObject({ focus: fridayEnd, collapsed: true });

  // "?" shows the shortcuts; Escape closes them.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Ctrl+Z');
  await expect(help).toContainText(/undo/i);
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  // Closing the help changed nothing.
  await expect(annotationItems(page)).toHaveCount(2);

  // Tab to the Export menu (every stop visibly focused), open it with Enter: focus is on
  // "Export JSON"; press Enter.
  const exportMenu = page.getByRole('button', { name: 'Export', exact: true });
  const stops2 = await tabTo(page, exportMenu, { max: 40 });
  expect(stops2.length).toBeGreaterThan(0);
  await page.keyboard.press('Enter');
  await expect(exportMenu).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('button', { name: 'Export JSON', exact: true })).toBeFocused();
  expect(await focusInfo(page)).toMatchObject({ name: 'Export JSON', focusVisible: true });
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  await expect(statusBox(page)).toContainText('Exported');
  expect(download.suggestedFilename()).toMatch(/\.annotations\.json$/);
  const json = JSON.parse(await readFile(await download.path(), 'utf8'));
  await checkExport(json);
  expect(json.document.text).toBe(KEYBOARD_TEXT);
  expect(json.annotations).toHaveLength(2);
  const quote = findAnnotation(json, 'quote', 'Mayor Jones');
  expect([quote.start, quote.end]).toEqual([0, 11]);
  const date = findAnnotation(json, 'date', 'Friday');
  // The emoji before it is one code point but two UTF-16 units.
  expect(date.start).toBe(cp(KEYBOARD_TEXT, friday));
  expect(date.start).toBe(friday - 1);
  expect(date.end).toBe(date.start + 6);

  // Choosing an item closed the menu and gave focus back to its button.
  await expect(exportMenu).toHaveAttribute('aria-expanded', 'false');
  await expect(exportMenu).toBeFocused();

  // Every control is reachable with Tab, each with a visible focus: go once
  // round the whole page from the Export menu back to it.
  const round = await tabTo(page, exportMenu, { max: 80 });
  const names = round.map((s) => s.name);
  for (const name of [
    'Quote (1)',
    'Speaker (2)',
    'Claim (3)',
    'Date (4)',
    'Undo',
    'Suggest (G)',
    'Who said what',
    'More',
    'Skip to the article',
    'Article body',
    'Note',
    'Save note',
    'Annotate all occurrences',
    'Delete annotation',
    'Clear selection',
    'quote Mayor Jones',
    'date Friday',
    'Delete',
  ]) {
    expect(names, `Tab never reaches "${name}"`).toContain(name);
  }
  // Tabbing round changed nothing.
  await expect(annotationItems(page)).toHaveCount(2);

  // Not a single mouse event reached the page.
  const { mouse, keyboardClicks } = await mouseEventsSeen(page);
  expect(mouse, 'trusted mouse events seen by the page').toEqual([]);
  // Sanity: the listener works (Enter on "Annotate" and "Export JSON" fired keyboard clicks).
  expect(keyboardClicks).toBeGreaterThanOrEqual(2);
});
