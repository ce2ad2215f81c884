import {
  test,
  expect,
  annotationItems,
  article,
  checkExport,
  cp,
  dragSelect,
  exportJson,
  findAnnotation,
  findText,
  openWithText,
  setSelection,
  snapCheckbox,
  menuItem,
  toggleSnap,
} from './helpers.mjs';
import { SNAP_TEXT } from './fixtures/texts.mjs';

test('"Snap to words" on: whole words; off: exact characters but whole graphemes', async ({ page }) => {
  await openWithText(page, SNAP_TEXT);
  await expect(snapCheckbox(page)).toBeChecked();

  // Snap on: from the middle of "bravo" to the middle of "delta".
  const bravo = await findText(page, 'bravo');
  const delta = await findText(page, 'delta');
  await dragSelect(page, bravo.start + 2, delta.start + 2);
  await page.keyboard.press('q');
  await expect(annotationItems(page)).toHaveCount(1);
  await expect(annotationItems(page).first()).toContainText('bravo charlie delta');

  // Snap off: from the middle of "foxtrot" to the middle of "hotel".
  await toggleSnap(page);
  await expect(snapCheckbox(page)).not.toBeChecked();
  const foxtrot = await findText(page, 'foxtrot');
  const hotel = await findText(page, 'hotel');
  await dragSelect(page, foxtrot.start + 3, hotel.start + 2);
  await page.keyboard.press('q');
  await expect(annotationItems(page)).toHaveCount(2);

  // Snap off: from inside "abc" to just after the emoji.
  const abc = await findText(page, 'abc😀def');
  await dragSelect(page, abc.start + 1, abc.start + 'abc😀'.length);
  await page.keyboard.press('3');
  await expect(annotationItems(page)).toHaveCount(3);

  // Snap off: a ZWJ emoji sequence plus part of the following word.
  const zwj = await findText(page, '👩🏽‍💻coder');
  await dragSelect(page, zwj.start, zwj.start + '👩🏽‍💻co'.length);
  await page.keyboard.press('3');
  await expect(annotationItems(page)).toHaveCount(4);

  const { json } = await exportJson(page);
  await checkExport(json);
  expect(json.document.text).toBe(SNAP_TEXT);
  const t = SNAP_TEXT;
  const a1 = findAnnotation(json, 'quote', 'bravo charlie delta');
  expect(a1.start).toBe(cp(t, bravo.start));
  expect(a1.end).toBe(cp(t, delta.end));
  const a2 = findAnnotation(json, 'quote', 'trot golf ho');
  expect(a2.start).toBe(cp(t, foxtrot.start + 3));
  const a3 = findAnnotation(json, 'claim', 'bc😀');
  expect(a3.start).toBe(cp(t, abc.start + 1));
  expect(a3.end - a3.start).toBe(3);
  const a4 = findAnnotation(json, 'claim', '👩🏽‍💻co');
  expect(a4.start).toBe(cp(t, zwj.start));

  // Turning snapping back on snaps again.
  await toggleSnap(page);
  await expect(snapCheckbox(page)).toBeChecked();
  const juliet = await findText(page, 'juliet');
  await dragSelect(page, juliet.start + 1, juliet.start + 3);
  await page.keyboard.press('4');
  await expect(annotationItems(page).filter({ hasText: 'juliet' })).toHaveCount(1);
  const { json: json2 } = await exportJson(page);
  await checkExport(json2);
  findAnnotation(json2, 'date', 'juliet');
});

test('a selection that splits a grapheme never yields half a grapheme (snap off)', async ({ page }) => {
  await openWithText(page, SNAP_TEXT);
  await toggleSnap(page);
  await expect(snapCheckbox(page)).not.toBeChecked();
  // Click into the article (moves focus out of the checkbox, as a person would).
  await article(page).locator('p').first().click({ position: { x: 3, y: 5 } });

  // A mouse cannot put the caret inside a grapheme, so set such a selection
  // the way assistive tools or scripts can: inside 👩🏽‍💻 (after 👩🏽, before the
  // ZWJ) up to the end of "coder".
  const zwj = await findText(page, '👩🏽‍💻coder');
  const split = zwj.start + '👩🏽'.length;
  await setSelection(page, split, zwj.end);
  await page.keyboard.press('c');
  await expect(annotationItems(page)).toHaveCount(1);

  // Also a selection that starts between the two UTF-16 halves of 😀.
  const abc = await findText(page, 'abc😀def');
  const mid = abc.start + 'abc'.length + 1;
  await setSelection(page, mid, abc.end);
  await page.keyboard.press('c');
  await expect(annotationItems(page)).toHaveCount(2);

  const { json } = await exportJson(page);
  await checkExport(json); // includes the grapheme-boundary check
  const texts = json.annotations.map((a) => a.text).sort();
  expect(['👩🏽‍💻coder', 'coder']).toContain(texts.find((s) => s.endsWith('coder')));
  expect(['😀def', 'def']).toContain(texts.find((s) => s.endsWith('def')));
});

test('label keys still work while the "Snap to words" checkbox has focus', async ({ page }) => {
  await openWithText(page, SNAP_TEXT);
  const bravo = await findText(page, 'bravo');
  await dragSelect(page, bravo.start, bravo.end);
  const snap = await menuItem(page, 'More', 'Snap to words', 'checkbox');
  await snap.focus();
  await expect(snap).toBeFocused();
  await page.keyboard.press('2');
  await expect(annotationItems(page)).toHaveCount(1);
  await expect(annotationItems(page).first()).toContainText('speaker');
  await expect(annotationItems(page).first()).toContainText('bravo');
});
