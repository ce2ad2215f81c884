// Changing annotations after they exist: relabel, resize (handles and keys),
// selecting overlapping spans, delete, notes, annotate all occurrences.
import {
  test,
  expect,
  annotationItems,
  annotationList,
  article,
  checkExport,
  clickAtOffset,
  clickText,
  cp,
  dragHandle,
  dragSelectText,
  exportJson,
  findAnnotation,
  findText,
  handle,
  itemFor,
  labelButton,
  marksOf,
  openWithText,
  pointAt,
  selectedPanel,
  snapCheckbox,
  toggleSnap,
  statusBox,
} from './helpers.mjs';
import { OVERLAP_TEXT, PORT_TEXT, SNAP_TEXT } from './fixtures/texts.mjs';

/** The one exported annotation (asserts there is exactly one). */
async function onlyAnnotation(page) {
  const { json } = await exportJson(page);
  await checkExport(json);
  expect(json.annotations, JSON.stringify(json.annotations)).toHaveLength(1);
  return json.annotations[0];
}

/** Exported [start, end] in code points for UTF-16 offsets of `text`. */
const cps = (text, start, end) => [cp(text, start), cp(text, end)];

test('relabel: a label key or button with an annotation selected and no text selected', async ({ page }) => {
  await openWithText(page, OVERLAP_TEXT);
  const pos = await dragSelectText(page, 'Budget talks');
  await page.keyboard.press('1');
  await expect(annotationItems(page)).toHaveCount(1);
  // The new annotation is the selected one.
  await expect(annotationItems(page).first()).toHaveAttribute('aria-current', 'true');
  await expect(article(page).locator('mark.selected')).not.toHaveCount(0);
  await expect(selectedPanel(page)).toContainText('Budget talks');

  await page.keyboard.press('3');
  await expect(statusBox(page)).toContainText('Relabelled as claim.');
  await expect(annotationItems(page)).toHaveCount(1);
  await expect(annotationItems(page).first()).toContainText('claim');
  let a = await onlyAnnotation(page);
  expect(a).toMatchObject({ label: 'claim', text: 'Budget talks' });
  expect([a.start, a.end]).toEqual(cps(OVERLAP_TEXT, pos.start, pos.end));
  const id = a.id;

  // The label button does the same.
  await labelButton(page, 'date').click();
  await expect(statusBox(page)).toContainText('Relabelled as date.');
  a = await onlyAnnotation(page);
  expect(a).toMatchObject({ id, label: 'date', text: 'Budget talks' });
  await expect(annotationItems(page).first()).toContainText('date');
});

test('resize by dragging the handles with the mouse', async ({ page }) => {
  await openWithText(page, SNAP_TEXT);
  await expect(snapCheckbox(page)).toBeChecked();
  const bravo = await dragSelectText(page, 'bravo');
  await page.keyboard.press('1');
  await expect(annotationItems(page)).toHaveCount(1);
  await expect(handle(page, 'start')).toHaveCount(1);
  await expect(handle(page, 'end')).toHaveCount(1);
  const id = (await onlyAnnotation(page)).id;

  // End handle two words to the right, dropped inside "delta": snaps to its end.
  const delta = await findText(page, 'delta');
  await dragHandle(page, 'end', await pointAt(page, delta.start + 3, 'end'));
  await expect(statusBox(page)).toContainText('Resized: bravo charlie delta');
  await expect(annotationItems(page).first()).toContainText('bravo charlie delta');
  let a = await onlyAnnotation(page);
  expect(a).toMatchObject({ id, label: 'quote', text: 'bravo charlie delta' });
  expect([a.start, a.end]).toEqual(cps(SNAP_TEXT, bravo.start, delta.end));
  expect((await marksOf(page, id).allTextContents()).join('')).toBe('bravo charlie delta');

  // Drag the start handle to the right, past the end (into "foxtrot"): refused,
  // or at least never an empty span.
  const needSelect = async () => {
    if ((await handle(page, 'start').count()) === 0) await clickAtOffset(page, delta.start + 1);
  };
  // After a handle drag the annotation stays selected (the drag is not a click
  // on plain text), so its handles stay for the next adjustment.
  await expect.soft(handle(page, 'start'), 'still selected after a handle drag').toHaveCount(1);
  await expect.soft(annotationItems(page).first()).toHaveAttribute('aria-current', 'true');
  await needSelect();
  const foxtrot = await findText(page, 'foxtrot');
  await dragHandle(page, 'start', await pointAt(page, foxtrot.start + 3, 'start'));
  await expect(statusBox(page)).toContainText(/nothing|can.t|Resized/i);
  const said = await statusBox(page).textContent();
  a = await onlyAnnotation(page);
  expect(a.end).toBeGreaterThan(a.start);
  expect(a.text.trim()).not.toBe('');
  if (a.text === 'bravo charlie delta') {
    expect(said).toMatch(/nothing|can.t/i);
    expect([a.start, a.end]).toEqual(cps(SNAP_TEXT, bravo.start, delta.end));
  }
  await expect(annotationItems(page)).toHaveCount(1);

  // Start handle into "charlie": snaps to its start.
  await needSelect();
  const charlie = await findText(page, 'charlie');
  if (a.text === 'bravo charlie delta') {
    await dragHandle(page, 'start', await pointAt(page, charlie.start + 3, 'start'));
    await expect(statusBox(page)).toContainText('Resized: charlie delta');
    a = await onlyAnnotation(page);
    expect(a).toMatchObject({ id, text: 'charlie delta' });
    expect([a.start, a.end]).toEqual(cps(SNAP_TEXT, charlie.start, delta.end));
  }

  // Snapping off: the end goes exactly where it is dropped ("ec" of "echo").
  await toggleSnap(page);
  await expect(snapCheckbox(page)).not.toBeChecked();
  await needSelect();
  const echo = await findText(page, 'echo');
  await dragHandle(page, 'end', await pointAt(page, echo.start + 2, 'end'));
  a = await onlyAnnotation(page);
  expect(a.id).toBe(id);
  expect(a.end).toBe(cp(SNAP_TEXT, echo.start + 2));
  expect(a.text.endsWith('delta ec')).toBe(true);
});

test('resize handles never split a grapheme (snapping off)', async ({ page }) => {
  await openWithText(page, SNAP_TEXT);
  await toggleSnap(page);
  await expect(snapCheckbox(page)).not.toBeChecked();
  const abc = await dragSelectText(page, 'abc');
  await page.keyboard.press('3');
  await expect(annotationItems(page)).toHaveCount(1);
  const id = (await onlyAnnotation(page)).id;

  // Drop the end handle on the right half of 😀 (two UTF-16 units).
  const emojiEnd = abc.end + '😀'.length;
  await dragHandle(page, 'end', await pointAt(page, emojiEnd, 'end'));
  let a = await onlyAnnotation(page);
  expect(a).toMatchObject({ id, text: 'abc😀' });
  expect([a.start, a.end]).toEqual(cps(SNAP_TEXT, abc.start, emojiEnd));

  // Drop it in the middle of the 👩🏽‍💻 cluster: the end lands before or after the
  // whole cluster (checkExport checks grapheme boundaries).
  if ((await handle(page, 'end').count()) === 0) await clickAtOffset(page, abc.start + 1);
  const zwj = await findText(page, '👩🏽‍💻');
  const from = await pointAt(page, zwj.start, 'start');
  const to = await pointAt(page, zwj.end, 'end');
  await dragHandle(page, 'end', { x: (from.x + to.x) / 2, y: from.y });
  a = await onlyAnnotation(page);
  expect([
    cp(SNAP_TEXT, zwj.start),
    cp(SNAP_TEXT, zwj.end),
  ]).toContain(a.end);
  expect(a.start).toBe(cp(SNAP_TEXT, abc.start));
});

test('resize with Alt+arrows (start) and Alt+Shift+arrows (end)', async ({ page }) => {
  await openWithText(page, SNAP_TEXT);
  const charlie = await dragSelectText(page, 'charlie');
  await page.keyboard.press('3');
  await expect(annotationItems(page)).toHaveCount(1);
  const id = (await onlyAnnotation(page)).id;
  const bravo = await findText(page, 'bravo');
  const delta = await findText(page, 'delta');

  await page.keyboard.press('Alt+Shift+ArrowRight');
  await expect(statusBox(page)).toContainText('Resized: charlie delta');
  let a = await onlyAnnotation(page);
  expect(a).toMatchObject({ id, label: 'claim', text: 'charlie delta' });
  expect([a.start, a.end]).toEqual(cps(SNAP_TEXT, charlie.start, delta.end));

  await page.keyboard.press('Alt+ArrowLeft');
  await expect(statusBox(page)).toContainText('Resized: bravo charlie delta');
  a = await onlyAnnotation(page);
  expect([a.start, a.end]).toEqual(cps(SNAP_TEXT, bravo.start, delta.end));

  await page.keyboard.press('Alt+Shift+ArrowLeft');
  await expect(statusBox(page)).toContainText('Resized: bravo charlie');
  await page.keyboard.press('Alt+ArrowRight');
  await expect(statusBox(page)).toContainText('Resized: charlie');
  a = await onlyAnnotation(page);
  expect([a.start, a.end, a.text]).toEqual([...cps(SNAP_TEXT, charlie.start, charlie.end), 'charlie']);

  // One word left: a word step would leave nothing, so inside it the ends move by a character.
  await page.keyboard.press('Alt+ArrowRight');
  await expect(statusBox(page)).toContainText('Resized: harlie');
  a = await onlyAnnotation(page);
  expect([a.start, a.end, a.text]).toEqual([...cps(SNAP_TEXT, charlie.start + 1, charlie.end), 'harlie']);
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(statusBox(page)).toContainText('Resized: charlie');
  a = await onlyAnnotation(page);
  expect([a.start, a.end, a.text]).toEqual([...cps(SNAP_TEXT, charlie.start, charlie.end), 'charlie']);

  // Snapping off: by a grapheme.
  await toggleSnap(page);
  await expect(snapCheckbox(page)).not.toBeChecked();
  await page.keyboard.press('Alt+Shift+ArrowLeft');
  await expect(statusBox(page)).toContainText('Resized: charli');
  await page.keyboard.press('Alt+ArrowRight');
  await expect(statusBox(page)).toContainText('Resized: harli');
  a = await onlyAnnotation(page);
  expect([a.start, a.end, a.text]).toEqual([...cps(SNAP_TEXT, charlie.start + 1, charlie.end - 1), 'harli']);
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(statusBox(page)).toContainText('Resized: charli');
  a = await onlyAnnotation(page);
  expect([a.start, a.end, a.text]).toEqual([...cps(SNAP_TEXT, charlie.start, charlie.end - 1), 'charli']);
});

test('overlapping spans: click selects the innermost, clicking again and Tab cycle, Escape clears', async ({ page }) => {
  await openWithText(page, OVERLAP_TEXT);
  const quoteText = '“the vote will be held on 12 March 2024 in the capital”';
  await dragSelectText(page, quoteText);
  await labelButton(page, 'quote').click();
  const d = await dragSelectText(page, '12 March 2024');
  await page.keyboard.press('4');
  await expect(annotationItems(page)).toHaveCount(2);
  const { json } = await exportJson(page);
  await checkExport(json);
  const quote = json.annotations.find((x) => x.label === 'quote');
  const date = findAnnotation(json, 'date', '12 March 2024');
  const quoteItem = annotationItems(page).nth(0);
  const dateItem = annotationItems(page).nth(1);
  await expect(quoteItem).toContainText('quote');
  await expect(dateItem).toContainText('date');

  await page.keyboard.press('Escape');
  await expect(article(page).locator('mark.selected')).toHaveCount(0);
  await expect(annotationList(page).locator('[aria-current="true"]')).toHaveCount(0);
  await expect(selectedPanel(page)).toHaveCount(0);

  // Marks of the quote outside the date.
  const quoteOnly = article(page).locator(`mark[data-ann="${quote.id}"]`);
  await expect(quoteOnly).toHaveCount(2);

  const expectSelected = async (which) => {
    const other = which === date ? quote : date;
    const item = which === date ? dateItem : quoteItem;
    const otherItem = which === date ? quoteItem : dateItem;
    await expect(item).toHaveAttribute('aria-current', 'true');
    await expect(otherItem).not.toHaveAttribute('aria-current', 'true');
    for (const m of await marksOf(page, which.id).all()) await expect(m).toHaveClass(/\bselected\b/);
    if (which === date) {
      for (const m of await quoteOnly.all()) await expect(m).not.toHaveClass(/\bselected\b/);
    }
    await expect(selectedPanel(page)).toContainText(which.text);
    expect(other.id).not.toBe(which.id);
  };

  // A plain click in "March": the date (innermost).
  const march = d.start + '12 Ma'.length;
  await clickAtOffset(page, march);
  await expectSelected(date);
  await expect(statusBox(page)).toContainText('Selected date (1 of 2 here)');
  // Again at the same place: the quote around it.
  await clickAtOffset(page, march);
  await expectSelected(quote);
  await expect(statusBox(page)).toContainText('Selected quote (2 of 2 here)');
  // And again: wraps around to the date.
  await clickAtOffset(page, march);
  await expectSelected(date);
  await expect(statusBox(page)).toContainText('Selected date (1 of 2 here)');

  // Tab and Shift+Tab in the article cycle too (focus stays in the article).
  const body = page.getByRole('textbox', { name: 'Article body' });
  await expect(body).toBeFocused();
  await page.keyboard.press('Tab');
  await expectSelected(quote);
  await expect(statusBox(page)).toContainText('Selected quote (2 of 2 here)');
  await page.keyboard.press('Tab');
  await expectSelected(date);
  await page.keyboard.press('Shift+Tab');
  await expectSelected(quote);
  await expect(body).toBeFocused();

  await page.keyboard.press('Escape');
  await expect(article(page).locator('mark.selected')).toHaveCount(0);
  await expect(annotationList(page).locator('[aria-current="true"]')).toHaveCount(0);
  await expect(selectedPanel(page)).toHaveCount(0);

  // A click on the quote outside the date selects the quote alone.
  const the = await findText(page, 'the capital');
  await clickAtOffset(page, the.start + 5);
  await expectSelected(quote);
  await expect(statusBox(page)).not.toContainText('of 2 here');

  // The list entry selects too.
  await annotationList(page).getByRole('button', { name: 'date 12 March 2024' }).click();
  await expectSelected(date);
  // "Clear selection" in the panel clears it.
  await selectedPanel(page).getByRole('button', { name: 'Clear selection' }).click();
  await expect(article(page).locator('mark.selected')).toHaveCount(0);
  await expect(selectedPanel(page)).toHaveCount(0);
  // Nothing was changed by all this.
  const { json: after } = await exportJson(page);
  expect(after).toEqual(json);
});

test('Delete / Backspace / "Delete annotation" delete the selected annotation', async ({ page }) => {
  await openWithText(page, SNAP_TEXT);
  await dragSelectText(page, 'Alpha');
  await page.keyboard.press('1');
  await dragSelectText(page, 'charlie');
  await page.keyboard.press('2');
  await dragSelectText(page, 'echo');
  await page.keyboard.press('3');
  await expect(annotationItems(page)).toHaveCount(3);

  // "echo" was just created, so it is selected: Delete removes it alone.
  await page.keyboard.press('Delete');
  await expect(annotationItems(page)).toHaveCount(2);
  let { json } = await exportJson(page);
  await checkExport(json);
  expect(json.annotations.map((a) => a.text)).toEqual(['Alpha', 'charlie']);

  // Delete with nothing selected deletes nothing.
  await expect(selectedPanel(page)).toHaveCount(0);
  await page.keyboard.press('Delete');
  await expect(annotationItems(page)).toHaveCount(2);

  // Select "Alpha" in the list, then Backspace.
  await annotationList(page).getByRole('button', { name: 'quote Alpha' }).click();
  await expect(itemFor(page, 'quote', 'Alpha')).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('Backspace');
  await expect(annotationItems(page)).toHaveCount(1);
  ({ json } = await exportJson(page));
  expect(json.annotations.map((a) => [a.label, a.text])).toEqual([['speaker', 'charlie']]);

  // Select "charlie" by clicking it, then the panel's "Delete annotation".
  await clickAtOffset(page, (await findText(page, 'charlie')).start + 2);
  await expect(selectedPanel(page)).toContainText('charlie');
  await selectedPanel(page).getByRole('button', { name: 'Delete annotation' }).click();
  await expect(annotationItems(page)).toHaveCount(0);
  await expect(article(page).locator('mark')).toHaveCount(0);
  ({ json } = await exportJson(page));
  expect(json.annotations).toEqual([]);
});

test('a note: typed, saved, shown in the list and exported', async ({ page }) => {
  await openWithText(page, OVERLAP_TEXT);
  const pos = await dragSelectText(page, 'Budget talks');
  await page.keyboard.press('1');
  await expect(selectedPanel(page)).toBeVisible();

  const note = selectedPanel(page).getByRole('textbox', { name: 'Note' });
  await note.click();
  // Label keys typed in the note are text, not shortcuts.
  const text1 = 'Check 1 source: is 3 quoted, c or d?';
  await page.keyboard.type(text1);
  await expect(note).toHaveValue(text1);
  await selectedPanel(page).getByRole('button', { name: 'Save note' }).click();
  await expect(annotationItems(page).first()).toContainText(`Note: ${text1}`);
  let a = await onlyAnnotation(page);
  expect(a).toMatchObject({ label: 'quote', text: 'Budget talks', note: text1 });
  expect([a.start, a.end]).toEqual(cps(OVERLAP_TEXT, pos.start, pos.end));

  // Ctrl+Enter in the box saves too.
  await note.click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Yes.');
  await page.keyboard.press('Control+Enter');
  await expect(annotationItems(page).first()).toContainText(`Note: ${text1} Yes.`);
  a = await onlyAnnotation(page);
  expect(a.note).toBe(`${text1} Yes.`);

  // Leaving the box (Tab) saves as well.
  await note.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Third version');
  await page.keyboard.press('Tab');
  await expect(annotationItems(page).first()).toContainText('Note: Third version');
  a = await onlyAnnotation(page);
  expect(a.note).toBe('Third version');
  expect(a.label).toBe('quote');
});

test('the note box follows the selection: each annotation shows its own note, typed or saved', async ({ page }) => {
  await openWithText(page, OVERLAP_TEXT);
  await dragSelectText(page, 'Budget talks');
  await page.keyboard.press('1');
  const note = selectedPanel(page).getByRole('textbox', { name: 'Note' });
  await note.click();
  await page.keyboard.type('Typed, not saved');
  // Another annotation made and selected: its box is empty, the first one's text is not carried over.
  await dragSelectText(page, 'Nobody else');
  await page.keyboard.press('2');
  await expect(selectedPanel(page)).toContainText('Nobody else');
  await expect(note).toHaveValue('');
  await note.click();
  await page.keyboard.type('Second note');
  await page.keyboard.press('Control+Enter');
  // Back to the first: the note typed there (kept as typed), then to the second: its saved note.
  await clickText(page, 'Budget talks');
  await expect(selectedPanel(page)).toContainText('Budget talks');
  await expect(note).toHaveValue('Typed, not saved');
  await clickText(page, 'Nobody else');
  await expect(selectedPanel(page)).toContainText('Nobody else');
  await expect(note).toHaveValue('Second note');
  const { json } = await exportJson(page);
  await checkExport(json);
  expect(json.annotations.map(({ text, note }) => [text, note])).toEqual([
    ['Budget talks', 'Typed, not saved'],
    ['Nobody else', 'Second note'],
  ]);
});

test('annotate all occurrences: whole words only, one step, a second press adds none', async ({ page }) => {
  await openWithText(page, PORT_TEXT);
  const first = await dragSelectText(page, 'port');
  await page.keyboard.press('3');
  await expect(annotationItems(page)).toHaveCount(1);
  await selectedPanel(page).getByRole('button', { name: 'Annotate all occurrences' }).click();
  await expect(statusBox(page)).toContainText('Annotated 2 more occurrences.');
  await expect(annotationItems(page)).toHaveCount(3);

  const wholeWord = [...PORT_TEXT.matchAll(/\bport\b/g)].map((m) => m.index);
  expect(wholeWord).toHaveLength(3);
  expect(wholeWord[0]).toBe(first.start);
  const expected = wholeWord.map((i) => ({ label: 'claim', text: 'port', start: cp(PORT_TEXT, i), end: cp(PORT_TEXT, i + 4) }));
  let { json } = await exportJson(page);
  await checkExport(json);
  expect(json.annotations.map(({ label, text, start, end }) => ({ label, text, start, end }))).toEqual(expected);
  // "Portland" and "passport" are not marked.
  for (const word of ['Portland', 'passport']) {
    const w = await findText(page, word);
    const marked = await article(page).evaluate(
      (region, [s, e]) =>
        [...region.querySelectorAll('mark[data-o]')].some((m) => {
          const o = Number(m.getAttribute('data-o'));
          return o < e && s < o + m.textContent.length;
        }),
      [w.start, w.end],
    );
    expect(marked, `${word} must not be marked`).toBe(false);
  }

  // A second press finds nothing new.
  await selectedPanel(page).getByRole('button', { name: 'Annotate all occurrences' }).click();
  await expect(statusBox(page)).not.toContainText('Annotated 2');
  await expect(statusBox(page)).not.toContainText(/Annotated [1-9]/);
  await expect(annotationItems(page)).toHaveCount(3);
  const { json: again } = await exportJson(page);
  expect(again.annotations).toEqual(json.annotations);

  // It was one step: a single undo removes both added spans.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Z');
  await expect(annotationItems(page)).toHaveCount(1);
  ({ json } = await exportJson(page));
  expect(json.annotations.map(({ label, text, start, end }) => ({ label, text, start, end }))).toEqual([expected[0]]);
});
