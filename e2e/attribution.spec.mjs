// Who said what: attributing quotes and claims to speakers, linking speaker
// mentions into one entity, quote kind and cue, the "Who said what" table
// and its CSV, and how deleting a speaker takes its relations with it.
import {
  test,
  expect,
  menuItem,
  annotateWithKey,
  annotationItems,
  article,
  checkExport,
  clickText,
  cp,
  downloadFrom,
  dragSelectText,
  exportJson,
  findAnnotation,
  findText,
  itemFor,
  keyboardSelectRange,
  marksOf,
  mouseEventsSeen,
  openWhoSaidWhat,
  openWithText,
  parseCsvRfc4180,
  recordMouseEvents,
  renderedText,
  selectedPanel,
  showAnnotation,
  speakerPicker,
  statusBox,
  tabTo,
  whoSaidWhatDialog,
} from './helpers.mjs';
import { readFile } from 'node:fs/promises';
import { ATTRIBUTION_TEXT } from './fixtures/texts.mjs';

const TEXT = ATTRIBUTION_TEXT;

/** Turns on the speakers' names after their quotes (More menu), then closes the menu. */
async function showSpeakersInText(page) {
  const toggle = await menuItem(page, 'More', 'Show speakers in the text', 'checkbox');
  await toggle.check();
  await page.keyboard.press('Escape');
}

/** Relations without their ids, sorted, for exact comparison. */
const relationsOf = (json) =>
  json.relations
    .map(({ id, ...rest }) => rest)
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
const attributed = (from, to) => ({ type: 'attributed_to', from: from.id, to: to.id });

/** Every relation: exactly {id, type, from, to}, unique ids, both ends existing annotations. */
function expectWellFormedRelations(json) {
  const ids = new Set(json.annotations.map((a) => a.id));
  const relIds = new Set();
  for (const r of json.relations) {
    expect(Object.keys(r).sort(), JSON.stringify(r)).toEqual(['from', 'id', 'to', 'type']);
    expect(typeof r.id === 'string' && r.id.length > 0, JSON.stringify(r)).toBe(true);
    expect(relIds.has(r.id), `duplicate relation id ${r.id}`).toBe(false);
    relIds.add(r.id);
    expect(ids.has(r.from), `relation ${r.id}: dangling from ${r.from}`).toBe(true);
    expect(ids.has(r.to), `relation ${r.id}: dangling to ${r.to}`).toBe(true);
  }
}

/** The same_as links as unordered pairs of ids, sorted. */
const sameAsPairs = (json) =>
  json.relations
    .filter((r) => r.type === 'same_as')
    .map((r) => [r.from, r.to].sort())
    .sort((a, b) => a.join().localeCompare(b.join()));

/** Text of the speaker badge right after an annotation's last mark (handles skipped), or null. */
const badgeAfter = (page, id) =>
  marksOf(page, id)
    .last()
    .evaluate((m) => {
      let e = m.nextElementSibling;
      while (e && e.classList.contains('handle')) e = e.nextElementSibling;
      return e && e.classList.contains('speaker-badge') ? e.textContent : null;
    });

/** Selects a quote/claim by its list entry, presses A and clicks a speaker highlight. */
async function attributeByClick(page, label, text, speakerNeedle, opts = {}) {
  await showAnnotation(page, label, text);
  await page.keyboard.press('a');
  await expect(speakerPicker(page)).toBeVisible();
  await clickText(page, speakerNeedle, opts);
  await expect(speakerPicker(page)).toHaveCount(0);
  await expect(statusBox(page)).toContainText('Attributed to');
}

/** Selects a speaker by its list entry, clicks "Same speaker as…", picks `name` in the list. */
async function linkSameByList(page, speakerText, name) {
  await showAnnotation(page, 'speaker', speakerText);
  await selectedPanel(page).getByRole('button', { name: 'Same speaker as…' }).click();
  const picker = speakerPicker(page);
  await expect(picker).toBeVisible();
  await picker.getByRole('button', { name, exact: true }).click();
  await expect(picker).toHaveCount(0);
}

/** The bar chart rows as [name, count] pairs. */
const barRows = (dialog) =>
  dialog
    .getByRole('figure', { name: 'Quotes per speaker' })
    .locator('.bar-row')
    .evaluateAll((rows) =>
      rows.map((r) => [r.querySelector('.bar-name').textContent, r.querySelector('.bar-count').textContent]),
    );

test('attribute by mouse: A then a click on the speaker, or a pick from the list; badges, list, hover, export', async ({
  page,
}) => {
  await openWithText(page, TEXT);
  await annotateWithKey(page, 'We will rebuild', '1');
  await annotateWithKey(page, 'Maria Ortega', '2');
  await annotateWithKey(page, 'It works', '1');
  await annotateWithKey(page, 'Tom Lee', '2');

  const { json: plain } = await exportJson(page);
  await checkExport(plain);
  expect(plain.relations).toEqual([]);
  const q1 = findAnnotation(plain, 'quote', 'We will rebuild');
  const s1 = findAnnotation(plain, 'speaker', 'Maria Ortega');
  const q3 = findAnnotation(plain, 'quote', 'It works');
  const s4 = findAnnotation(plain, 'speaker', 'Tom Lee');
  await expect(article(page).locator('span.speaker-badge:visible')).toHaveCount(0);

  // A quote's panel before attribution.
  const panel = selectedPanel(page);
  await showAnnotation(page, 'quote', 'We will rebuild');
  await expect(panel).toContainText('Speaker: none yet');
  await expect(panel.getByRole('button', { name: 'Attribute (A)' })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Remove attribution' })).toHaveCount(0);

  // A: the picker lists both speakers, focus on the first.
  await page.keyboard.press('a');
  const picker = speakerPicker(page);
  await expect(picker).toBeVisible();
  await expect(picker.getByRole('button')).toHaveText(['Maria Ortega', 'Tom Lee', 'Cancel']);
  await expect(picker.getByRole('button', { name: 'Maria Ortega' })).toBeFocused();

  // A click on a highlight that is not a speaker only explains; Escape cancels.
  await clickText(page, 'It works');
  await expect(statusBox(page)).toContainText('That is not a speaker span');
  await expect(picker).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(picker).toHaveCount(0);
  await expect(panel).toContainText('Speaker: none yet');

  // A again, then click the speaker's highlight.
  await page.keyboard.press('a');
  await expect(picker).toBeVisible();
  await clickText(page, 'Maria Ortega');
  await expect(statusBox(page)).toHaveText('Attributed to Maria Ortega.');
  await expect(picker).toHaveCount(0);
  await expect(itemFor(page, 'quote', 'We will rebuild')).toHaveAttribute('aria-current', 'true');
  await expect(panel).toContainText('Speaker: Maria Ortega');
  await expect(panel).not.toContainText('(as');
  await expect(panel.getByRole('button', { name: 'Change speaker (A)' })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Remove attribution' })).toBeVisible();

  // The other quote: the panel's button, Cancel once, then a pick from the list.
  await showAnnotation(page, 'quote', 'It works');
  await panel.getByRole('button', { name: 'Attribute (A)' }).click();
  await expect(picker).toBeVisible();
  await picker.getByRole('button', { name: 'Cancel' }).click();
  await expect(picker).toHaveCount(0);
  await panel.getByRole('button', { name: 'Attribute (A)' }).click();
  await picker.getByRole('button', { name: 'Tom Lee', exact: true }).click();
  await expect(statusBox(page)).toHaveText('Attributed to Tom Lee.');
  await expect(panel).toContainText('Speaker: Tom Lee');

  // Speakers in the text are off until asked for (More → Show speakers in the text); then a
  // badge right after each attributed quote, none after the speakers.
  await expect(article(page).locator('span.speaker-badge:visible')).toHaveCount(0);
  await showSpeakersInText(page);
  await expect(article(page).locator('span.speaker-badge')).toHaveText(['Maria Ortega', 'Tom Lee']);
  expect(await badgeAfter(page, q1.id)).toBe('Maria Ortega');
  expect(await badgeAfter(page, q3.id)).toBe('Tom Lee');
  expect(await badgeAfter(page, s1.id)).toBeNull();

  // The list says who said each quote.
  await expect(itemFor(page, 'quote', 'We will rebuild')).toContainText('— Maria Ortega');
  await expect(itemFor(page, 'quote', 'It works')).toContainText('— Tom Lee');
  await expect(itemFor(page, 'speaker', 'Maria Ortega')).not.toContainText('—');
  await expect(itemFor(page, 'speaker', 'Tom Lee')).not.toContainText('—');

  // Hover: a quote outlines its speaker, and a speaker its quote; nothing else.
  await marksOf(page, q1.id).first().hover();
  await expect(marksOf(page, s1.id).first()).toHaveClass(/\blinked\b/);
  await expect(marksOf(page, s4.id).first()).not.toHaveClass(/\blinked\b/);
  await expect(marksOf(page, q3.id).first()).not.toHaveClass(/\blinked\b/);
  await marksOf(page, s4.id).first().hover();
  await expect(marksOf(page, q3.id).first()).toHaveClass(/\blinked\b/);
  await expect(marksOf(page, s1.id).first()).not.toHaveClass(/\blinked\b/);
  await expect(marksOf(page, q1.id).first()).not.toHaveClass(/\blinked\b/);

  // The export holds exactly the two links, between the right annotations.
  const { json } = await exportJson(page);
  await checkExport(json);
  expect(json.annotations).toEqual(plain.annotations);
  expectWellFormedRelations(json);
  expect(relationsOf(json)).toEqual(
    [attributed(q1, s1), attributed(q3, s4)].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  );

  // Re-attribution replaces the speaker; "Remove attribution" removes it.
  await showAnnotation(page, 'quote', 'It works');
  await panel.getByRole('button', { name: 'Change speaker (A)' }).click();
  await clickText(page, 'Maria Ortega');
  await expect(statusBox(page)).toHaveText('Attributed to Maria Ortega.');
  await expect(itemFor(page, 'quote', 'It works')).toContainText('— Maria Ortega');
  const { json: moved } = await exportJson(page);
  expectWellFormedRelations(moved);
  expect(relationsOf(moved)).toEqual([attributed(q1, s1), attributed(q3, s1)]);
  await panel.getByRole('button', { name: 'Remove attribution' }).click();
  await expect(panel).toContainText('Speaker: none yet');
  await expect(itemFor(page, 'quote', 'It works')).not.toContainText('—');
  await expect(article(page).locator('span.speaker-badge')).toHaveText(['Maria Ortega']);
  const { json: removed } = await exportJson(page);
  expect(relationsOf(removed)).toEqual([attributed(q1, s1)]);
});

test('attribute with the keyboard alone: Tab and Enter in the list, a new speaker from a keyboard selection', async ({
  page,
}) => {
  // Stepping the caret key by key takes a while on a busy machine.
  test.setTimeout(120_000);
  await recordMouseEvents(page);
  await page.goto('/');
  await expect(page).toHaveTitle('Article Annotator');
  const box = page.getByRole('textbox', { name: 'Article text' });
  await expect(box).toBeFocused();
  await page.keyboard.insertText(TEXT);
  await tabTo(page, page.getByRole('button', { name: 'Annotate', exact: true }), { max: 6 });
  await page.keyboard.press('Enter');
  const body = page.getByRole('textbox', { name: 'Article body' });
  await expect(body).toBeFocused();
  expect(await renderedText(page)).toBe(TEXT);

  const kbAnnotate = async (needle, key, opts) => {
    const before = await annotationItems(page).count();
    const { start, end } = await findText(page, needle, opts);
    expect(await keyboardSelectRange(page, start, end)).toBe(needle);
    await page.keyboard.press(key);
    await expect(annotationItems(page)).toHaveCount(before + 1);
  };
  const showButton = (label, text) =>
    page.getByRole('list', { name: 'Annotations' }).getByRole('button', { name: `${label} ${text}` });

  await kbAnnotate('We will rebuild', '1');
  await kbAnnotate('Maria Ortega', '2');
  await kbAnnotate('It works', '1');
  await kbAnnotate('Tom Lee', '2');
  await expect(body).toBeFocused();

  // "It works": select it from the list with Tab + Enter, press A, Tab to the
  // second speaker and press Enter.
  await tabTo(page, showButton('quote', 'It works'), { max: 60 });
  await page.keyboard.press('Enter');
  await expect(itemFor(page, 'quote', 'It works')).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('a');
  const picker = speakerPicker(page);
  await expect(picker).toBeVisible();
  await expect(picker.getByRole('button', { name: 'Maria Ortega', exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(picker.getByRole('button', { name: 'Tom Lee', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(statusBox(page)).toHaveText('Attributed to Tom Lee.');
  await expect(picker).toHaveCount(0);
  await expect(itemFor(page, 'quote', 'It works')).toContainText('— Tom Lee');

  // "We will rebuild": the same, Enter on the first speaker.
  await tabTo(page, showButton('quote', 'We will rebuild'), { max: 80 });
  await page.keyboard.press('Enter');
  await expect(itemFor(page, 'quote', 'We will rebuild')).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('a');
  await expect(picker.getByRole('button', { name: 'Maria Ortega', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(statusBox(page)).toHaveText('Attributed to Maria Ortega.');
  await expect(itemFor(page, 'quote', 'We will rebuild')).toContainText('— Maria Ortega');

  // A new quote, then A, Shift+Tab back into the article, select "she" with
  // the keyboard and press 2: a new speaker span and the link, in one step.
  await tabTo(page, body, { max: 80 });
  await kbAnnotate('Not this year', '1');
  await expect(itemFor(page, 'quote', 'Not this year')).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('a');
  await expect(picker).toBeVisible();
  await expect(picker.getByRole('button', { name: 'Maria Ortega', exact: true })).toBeFocused();
  await tabTo(page, body, { max: 5, shift: true });
  await kbAnnotate('she', '2');
  await expect(statusBox(page)).toHaveText('Attributed to she (a new speaker span).');
  await expect(picker).toHaveCount(0);
  await expect(itemFor(page, 'quote', 'Not this year')).toHaveAttribute('aria-current', 'true');
  await expect(itemFor(page, 'quote', 'Not this year')).toContainText('— she');
  await expect(selectedPanel(page)).toContainText('Speaker: she');
  await expect(annotationItems(page)).toHaveCount(6);

  // One undo takes back both the speaker span and the link; redo brings both.
  await page.keyboard.press('Control+z');
  await expect(annotationItems(page)).toHaveCount(5);
  await expect(itemFor(page, 'speaker', 'she')).toHaveCount(0);
  await expect(itemFor(page, 'quote', 'Not this year')).not.toContainText('—');
  await page.keyboard.press('Control+Shift+z');
  await expect(annotationItems(page)).toHaveCount(6);
  await expect(itemFor(page, 'quote', 'Not this year')).toContainText('— she');

  // Export with the keyboard: Tab to the Export menu, Enter opens it on "Export JSON".
  const exportMenu = page.getByRole('button', { name: 'Export', exact: true });
  await tabTo(page, exportMenu, { max: 80 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Export JSON', exact: true })).toBeFocused();
  const { filename, text } = await downloadFrom(page, () => page.keyboard.press('Enter'));
  expect(filename).toMatch(/\.annotations\.json$/);
  const json = JSON.parse(text);
  await checkExport(json);
  expect(json.document.text).toBe(TEXT);
  expect(json.annotations.map((a) => [a.label, a.text])).toEqual([
    ['quote', 'We will rebuild'],
    ['speaker', 'Maria Ortega'],
    ['quote', 'Not this year'],
    ['speaker', 'she'],
    ['quote', 'It works'],
    ['speaker', 'Tom Lee'],
  ]);
  const she = findAnnotation(json, 'speaker', 'she');
  const sheAt = TEXT.indexOf('she told');
  expect([she.start, she.end]).toEqual([cp(TEXT, sheAt), cp(TEXT, sheAt) + 3]);
  expectWellFormedRelations(json);
  expect(relationsOf(json)).toEqual(
    [
      attributed(findAnnotation(json, 'quote', 'We will rebuild'), findAnnotation(json, 'speaker', 'Maria Ortega')),
      attributed(findAnnotation(json, 'quote', 'Not this year'), she),
      attributed(findAnnotation(json, 'quote', 'It works'), findAnnotation(json, 'speaker', 'Tom Lee')),
    ].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  );

  // Not one mouse event reached the page.
  const seen = await mouseEventsSeen(page);
  expect(seen.mouse, 'trusted mouse events seen by the page').toEqual([]);
  expect(seen.keyboardClicks).toBeGreaterThanOrEqual(4);
});

test('same speaker: three mentions make one entity in the Who said what table; unlink splits one off', async ({
  page,
}) => {
  await openWithText(page, TEXT);
  await showSpeakersInText(page);
  await annotateWithKey(page, 'We will rebuild', '1');
  await annotateWithKey(page, 'Maria Ortega', '2');
  await annotateWithKey(page, 'Ortega', '2', { nth: 1 });
  await annotateWithKey(page, 'costs fell by 4 percent', '3');
  await annotateWithKey(page, 'Not this year', '1');
  await annotateWithKey(page, 'she', '2');
  await annotateWithKey(page, 'Tuesday', '4');
  await annotateWithKey(page, 'the plan was late', '3');
  await annotateWithKey(page, 'It works', '1');
  await annotateWithKey(page, 'Tom Lee', '2');

  await attributeByClick(page, 'quote', 'We will rebuild', 'Maria Ortega');
  await attributeByClick(page, 'claim', 'costs fell by 4 percent', 'Ortega', { nth: 1 });
  await attributeByClick(page, 'quote', 'Not this year', 'she');
  await attributeByClick(page, 'quote', 'It works', 'Tom Lee');

  const { json: before } = await exportJson(page);
  await checkExport(before);
  const ids = {
    q1: findAnnotation(before, 'quote', 'We will rebuild').id,
    s1: findAnnotation(before, 'speaker', 'Maria Ortega').id,
    s2: findAnnotation(before, 'speaker', 'Ortega').id,
    c1: findAnnotation(before, 'claim', 'costs fell by 4 percent').id,
    q2: findAnnotation(before, 'quote', 'Not this year').id,
    s3: findAnnotation(before, 'speaker', 'she').id,
    c2: findAnnotation(before, 'claim', 'the plan was late').id,
    q3: findAnnotation(before, 'quote', 'It works').id,
    s4: findAnnotation(before, 'speaker', 'Tom Lee').id,
  };
  expect(sameAsPairs(before)).toEqual([]);

  // Unlinked, each mention is its own speaker.
  let dialog = await openWhoSaidWhat(page);
  expect(await barRows(dialog)).toEqual([
    ['Maria Ortega', '1'],
    ['Ortega', '0'],
    ['she', '1'],
    ['Tom Lee', '1'],
  ]);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // "Ortega" same as "Maria Ortega", picked in the list.
  const panel = selectedPanel(page);
  await showAnnotation(page, 'speaker', 'Ortega');
  await expect(panel).toContainText('Speaker: Ortega (1 mention)');
  await expect(panel.getByRole('button', { name: 'Unlink this mention' })).toHaveCount(0);
  await panel.getByRole('button', { name: 'Same speaker as…' }).click();
  const picker = speakerPicker(page);
  await expect(picker.getByRole('button')).toHaveText(['Maria Ortega', 'she', 'Tom Lee', 'Cancel']);
  await picker.getByRole('button', { name: 'Maria Ortega', exact: true }).click();
  await expect(picker).toHaveCount(0);
  await expect(panel).toContainText('Speaker: Maria Ortega (2 mentions)');
  await expect(panel.getByRole('button', { name: 'Unlink this mention' })).toBeVisible();

  // "she" same as "Ortega", by clicking its highlight.
  await showAnnotation(page, 'speaker', 'she');
  await panel.getByRole('button', { name: 'Same speaker as…' }).click();
  await expect(picker.getByRole('button')).toHaveText(['Maria Ortega (2 mentions)', 'Tom Lee', 'Cancel']);
  await clickText(page, 'Ortega', { nth: 1 });
  await expect(picker).toHaveCount(0);
  await expect(panel).toContainText('Speaker: Maria Ortega (3 mentions)');

  // Everything said by any mention now goes by the entity's name.
  await showAnnotation(page, 'quote', 'Not this year');
  await expect(panel).toContainText('Speaker: Maria Ortega (as “she”)');
  await expect(itemFor(page, 'quote', 'Not this year')).toContainText('— Maria Ortega');
  await expect(itemFor(page, 'claim', 'costs fell by 4 percent')).toContainText('— Maria Ortega');
  await expect(itemFor(page, 'claim', 'the plan was late')).not.toContainText('—');
  await expect(article(page).locator('span.speaker-badge')).toHaveText([
    'Maria Ortega',
    'Maria Ortega',
    'Maria Ortega',
    'Tom Lee',
  ]);

  const { json: linked } = await exportJson(page);
  await checkExport(linked);
  expectWellFormedRelations(linked);
  expect(sameAsPairs(linked)).toEqual(
    [[ids.s2, ids.s1].sort(), [ids.s3, ids.s2].sort()].sort((a, b) => a.join().localeCompare(b.join())),
  );
  expect(linked.relations.filter((r) => r.type === 'attributed_to')).toHaveLength(4);

  // The table: one row per entity.
  dialog = await openWhoSaidWhat(page);
  expect(await barRows(dialog)).toEqual([
    ['Maria Ortega', '2'],
    ['Tom Lee', '1'],
  ]);
  await expect(dialog.getByRole('row')).toHaveCount(3); // header + 2 speakers
  const maria = dialog.getByRole('row', { name: 'Maria Ortega', exact: true });
  await expect(maria.getByRole('rowheader')).toContainText('Maria Ortega');
  await expect(maria.getByRole('rowheader')).toContainText('2 quotes, 1 claim');
  const mariaCells = maria.getByRole('cell');
  await expect(mariaCells).toHaveCount(3);
  await expect(mariaCells.nth(0).getByRole('button')).toHaveText(['Maria Ortega', 'Ortega', 'she']);
  await expect(mariaCells.nth(1).getByRole('button')).toHaveText(['We will rebuild', 'Not this year']);
  await expect(mariaCells.nth(2).getByRole('button')).toHaveText(['costs fell by 4 percent']);
  const tom = dialog.getByRole('row', { name: 'Tom Lee', exact: true });
  await expect(tom.getByRole('rowheader')).toContainText('1 quote, 0 claims');
  await expect(tom.getByRole('cell').nth(0).getByRole('button')).toHaveText(['Tom Lee']);
  await expect(tom.getByRole('cell').nth(1).getByRole('button')).toHaveText(['It works']);
  await expect(tom.getByRole('cell').nth(2).getByRole('button')).toHaveCount(0);
  const orphans = dialog.getByRole('region', { name: 'Without a source' });
  await expect(orphans.getByRole('heading')).toHaveText('Without a source: 0 quotes, 1 claim');
  await expect(orphans.getByRole('button')).toHaveText(['the plan was late']);

  // Clicking an item closes the dialog and jumps to it.
  await orphans.getByRole('button', { name: 'the plan was late' }).click();
  await expect(whoSaidWhatDialog(page)).toHaveCount(0);
  await expect(itemFor(page, 'claim', 'the plan was late')).toHaveAttribute('aria-current', 'true');
  await expect(panel).toContainText('the plan was late');
  dialog = await openWhoSaidWhat(page);
  await dialog
    .getByRole('row', { name: 'Maria Ortega', exact: true })
    .getByRole('cell')
    .nth(1)
    .getByRole('button', { name: 'Not this year' })
    .click();
  await expect(whoSaidWhatDialog(page)).toHaveCount(0);
  await expect(itemFor(page, 'quote', 'Not this year')).toHaveAttribute('aria-current', 'true');
  await expect(itemFor(page, 'claim', 'the plan was late')).not.toHaveAttribute('aria-current', 'true');
  await expect(marksOf(page, ids.q2).first()).toBeInViewport();
  dialog = await openWhoSaidWhat(page);
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(whoSaidWhatDialog(page)).toHaveCount(0);

  // Unlink "Ortega": it stands alone, "Maria Ortega" and "she" stay together.
  await showAnnotation(page, 'speaker', 'Ortega');
  await expect(panel).toContainText('Speaker: Maria Ortega (3 mentions)');
  await panel.getByRole('button', { name: 'Unlink this mention' }).click();
  await expect(panel).toContainText('Speaker: Ortega (1 mention)');
  await expect(panel.getByRole('button', { name: 'Unlink this mention' })).toHaveCount(0);
  await showAnnotation(page, 'speaker', 'she');
  await expect(panel).toContainText('Speaker: Maria Ortega (2 mentions)');
  await expect(itemFor(page, 'claim', 'costs fell by 4 percent')).toContainText('— Ortega');
  await expect(itemFor(page, 'quote', 'Not this year')).toContainText('— Maria Ortega');

  const { json: unlinked } = await exportJson(page);
  expectWellFormedRelations(unlinked);
  expect(sameAsPairs(unlinked)).toEqual([[ids.s1, ids.s3].sort()]);

  dialog = await openWhoSaidWhat(page);
  expect(await barRows(dialog)).toEqual([
    ['Maria Ortega', '2'],
    ['Ortega', '0'],
    ['Tom Lee', '1'],
  ]);
  const maria2 = dialog.getByRole('row', { name: 'Maria Ortega', exact: true });
  await expect(maria2.getByRole('rowheader')).toContainText('2 quotes, 0 claims');
  await expect(maria2.getByRole('cell').nth(0).getByRole('button')).toHaveText(['Maria Ortega', 'she']);
  const ortega = dialog.getByRole('row', { name: 'Ortega', exact: true });
  await expect(ortega.getByRole('rowheader')).toContainText('0 quotes, 1 claim');
  await expect(ortega.getByRole('cell').nth(0).getByRole('button')).toHaveText(['Ortega']);
  await expect(ortega.getByRole('cell').nth(2).getByRole('button')).toHaveText(['costs fell by 4 percent']);
  await page.keyboard.press('Escape');
  await expect(whoSaidWhatDialog(page)).toHaveCount(0);
});

test('quote kind and cue: set by select and mouse selection; exact in the JSON and the attribution CSV', async ({
  page,
}) => {
  await openWithText(page, TEXT, { title: 'Harbour Budget Review' });
  await annotateWithKey(page, 'We will rebuild,', '1');
  await annotateWithKey(page, 'Maria Ortega', '2');
  await annotateWithKey(page, 'the plan was late', '3');
  await attributeByClick(page, 'quote', 'We will rebuild,', 'Maria Ortega');

  const panel = selectedPanel(page);
  await showAnnotation(page, 'quote', 'We will rebuild,');
  const kind = panel.getByRole('combobox', { name: 'Kind' });
  await expect(kind.getByRole('option')).toHaveText(['not set', 'direct', 'indirect', 'mixed']);
  await expect(kind).toHaveValue('');
  await expect(panel).toContainText('Cue: none');
  await expect(panel.getByRole('button', { name: 'Clear cue' })).toHaveCount(0);

  await kind.selectOption({ label: 'direct' });
  await expect(statusBox(page)).toHaveText('Kind: direct.');
  await expect(kind).toHaveValue('direct');

  // The cue: select "said" with the mouse, then the panel's button.
  const said = await dragSelectText(page, 'said');
  expect(said.start).toBe(TEXT.indexOf('said'));
  await panel.getByRole('button', { name: 'Set cue from selection' }).click();
  await expect(panel).toContainText('Cue: said');
  await expect(panel.getByRole('button', { name: 'Clear cue' })).toBeVisible();
  // Still the same annotation selected, with its kind.
  await expect(itemFor(page, 'quote', 'We will rebuild,')).toHaveAttribute('aria-current', 'true');
  await expect(kind).toHaveValue('direct');

  const quoteAt = TEXT.indexOf('We will rebuild,');
  const qStart = cp(TEXT, quoteAt);
  const qEnd = qStart + 'We will rebuild,'.length;
  const cueStart = cp(TEXT, TEXT.indexOf('said'));
  // The headline emoji is one code point but two UTF-16 units.
  expect(cueStart).toBe(TEXT.indexOf('said') - 1);
  const claimAt = TEXT.indexOf('the plan was late');

  const { json } = await exportJson(page);
  await checkExport(json);
  const q = findAnnotation(json, 'quote', 'We will rebuild,');
  expect(q).toMatchObject({
    start: qStart,
    end: qEnd,
    kind: 'direct',
    cue: { start: cueStart, end: cueStart + 4, text: 'said' },
  });
  expect(Object.keys(q.cue).sort()).toEqual(['end', 'start', 'text']);
  const claim = findAnnotation(json, 'claim', 'the plan was late');
  expect(claim.kind).toBeUndefined();
  expect(claim.cue).toBeUndefined();
  const speaker = findAnnotation(json, 'speaker', 'Maria Ortega');
  expect(relationsOf(json)).toEqual([attributed(q, speaker)]);

  // The attribution CSV, downloaded from the Who said what dialog.
  const dialog = await openWhoSaidWhat(page);
  const csv = await downloadFrom(page, () =>
    dialog.getByRole('button', { name: 'Export attribution CSV' }).click(),
  );
  expect(csv.filename).toBe('harbour-budget-review.attribution.csv');
  expect(csv.text.endsWith('\r\n'), 'the CSV ends with CRLF').toBe(true);
  expect(csv.text.replace(/\r\n/g, ''), 'no bare CR or LF in the CSV').not.toMatch(/[\r\n]/);
  expect(csv.text.startsWith('\uFEFF'), 'a UTF-8 byte-order mark first, for Excel').toBe(true);
  const rows = parseCsvRfc4180(csv.text.slice(1));
  expect(rows).toEqual([
    ['speaker', 'label', 'text', 'kind', 'cue', 'start', 'end', 'id'],
    ['Maria Ortega', 'quote', 'We will rebuild,', 'direct', 'said', String(qStart), String(qEnd), q.id],
    [
      '',
      'claim',
      'the plan was late',
      '',
      '',
      String(cp(TEXT, claimAt)),
      String(cp(TEXT, claimAt) + 'the plan was late'.length),
      claim.id,
    ],
  ]);
  // The text with a comma is quoted as RFC 4180 says.
  expect(csv.text).toContain('"We will rebuild,"');
  await page.keyboard.press('Escape');
  await expect(whoSaidWhatDialog(page)).toHaveCount(0);

  // Clear cue, and kind back to "not set".
  await showAnnotation(page, 'quote', 'We will rebuild,');
  await panel.getByRole('button', { name: 'Clear cue' }).click();
  await expect(panel).toContainText('Cue: none');
  await kind.selectOption({ label: 'not set' });
  await expect(kind).toHaveValue('');
  const { json: cleared } = await exportJson(page);
  const q2 = findAnnotation(cleared, 'quote', 'We will rebuild,');
  expect(q2.kind).toBeUndefined();
  expect(q2.cue).toBeUndefined();
});

test('deleting a speaker removes the relations touching it; Ctrl+Z brings the span and them back', async ({
  page,
}) => {
  await openWithText(page, TEXT);
  await showSpeakersInText(page);
  await annotateWithKey(page, 'We will rebuild', '1');
  await annotateWithKey(page, 'Maria Ortega', '2');
  await annotateWithKey(page, 'Ortega', '2', { nth: 1 });
  await annotateWithKey(page, 'costs fell by 4 percent', '3');
  await attributeByClick(page, 'quote', 'We will rebuild', 'Maria Ortega');
  await attributeByClick(page, 'claim', 'costs fell by 4 percent', 'Ortega', { nth: 1 });
  await linkSameByList(page, 'Ortega', 'Maria Ortega');

  const { raw: beforeRaw, json: before } = await exportJson(page);
  await checkExport(before);
  expectWellFormedRelations(before);
  const q1 = findAnnotation(before, 'quote', 'We will rebuild');
  const s1 = findAnnotation(before, 'speaker', 'Maria Ortega');
  const s2 = findAnnotation(before, 'speaker', 'Ortega');
  const c1 = findAnnotation(before, 'claim', 'costs fell by 4 percent');
  expect(before.relations).toHaveLength(3);
  expect(relationsOf(before).filter((r) => r.type === 'attributed_to')).toEqual(
    [attributed(q1, s1), attributed(c1, s2)].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  );
  expect(sameAsPairs(before)).toEqual([[s1.id, s2.id].sort()]);
  await expect(article(page).locator('span.speaker-badge')).toHaveText(['Maria Ortega', 'Maria Ortega']);

  // Select "Maria Ortega" by clicking it and press Delete.
  await clickText(page, 'Maria Ortega');
  await expect(itemFor(page, 'speaker', 'Maria Ortega')).toHaveAttribute('aria-current', 'true');
  await expect(selectedPanel(page)).toContainText('Speaker: Maria Ortega (2 mentions)');
  await page.keyboard.press('Delete');
  await expect(annotationItems(page)).toHaveCount(3);
  await expect(marksOf(page, s1.id)).toHaveCount(0);
  await expect(itemFor(page, 'quote', 'We will rebuild')).not.toContainText('—');
  await expect(itemFor(page, 'claim', 'costs fell by 4 percent')).toContainText('— Ortega');
  await expect(article(page).locator('span.speaker-badge')).toHaveText(['Ortega']);

  const { json: deleted } = await exportJson(page);
  await checkExport(deleted);
  expect(deleted.annotations.map((a) => a.id)).toEqual([q1.id, s2.id, c1.id]);
  expectWellFormedRelations(deleted);
  expect(deleted.relations.filter((r) => r.from === s1.id || r.to === s1.id)).toEqual([]);
  expect(relationsOf(deleted)).toEqual([attributed(c1, s2)]);

  // One Ctrl+Z: the span and both its relations are back, exactly as before.
  await page.keyboard.press('Control+z');
  await expect(annotationItems(page)).toHaveCount(4);
  await expect(itemFor(page, 'quote', 'We will rebuild')).toContainText('— Maria Ortega');
  await expect(article(page).locator('span.speaker-badge')).toHaveText(['Maria Ortega', 'Maria Ortega']);
  const { raw: restoredRaw } = await exportJson(page);
  expect(restoredRaw).toBe(beforeRaw);

  // The list's Delete on the other mention: its link and its claim's attribution go.
  await itemFor(page, 'speaker', 'Ortega').getByRole('button', { name: 'Delete' }).click();
  await expect(annotationItems(page)).toHaveCount(3);
  await expect(itemFor(page, 'claim', 'costs fell by 4 percent')).not.toContainText('—');
  const { json: deleted2 } = await exportJson(page);
  expectWellFormedRelations(deleted2);
  expect(relationsOf(deleted2)).toEqual([attributed(q1, s1)]);
  await page.keyboard.press('Control+z');
  await expect(annotationItems(page)).toHaveCount(4);
  const { raw: restoredRaw2 } = await exportJson(page);
  expect(restoredRaw2).toBe(beforeRaw);
});
