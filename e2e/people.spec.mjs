// Issue 18: speakers grouped into people, and the review shows the attribution. Suggest on an
// article with four people (a full name, then a surname, a pronoun, a role phrase): each quote
// suggestion shows "→ speaker" in the panel and on its highlight; a wrong speaker is changed
// before accepting; same-speaker links are proposed, rejected with Backspace or accepted;
// "Accept all" is one undoable step; "Who said what" shows one row per person; quotes can be
// accepted without their speakers; "Group speakers" links hand-made speaker annotations.
import {
  test,
  expect,
  annotateWithKey,
  annotationItems,
  article,
  axeViolations,
  clickText,
  exportJson,
  findAnnotation,
  menuItem,
  openWhoSaidWhat,
  openWithText,
  selectedPanel,
  showAnnotation,
  speakerPicker,
  statusBox,
  suggestionPanel,
} from './helpers.mjs';

// Written for this test; the people and places are invented.
const TEXT = [
  'Sea wall vote splits Lowmoor',
  '“We cannot wait another winter for the sea wall,” said Ingrid Solvang, the mayor of Lowmoor, on Tuesday.',
  'Solvang said the council would vote in March. “The money is there,” she said.',
  '“Nobody asked the people who work on the water,” said Tomas Brenner, who runs the ferry company. “We found out from the newspaper,” he added.',
  'A spokesperson for the port authority said the plan was “still under review.” “We will publish the full costs next month,” the spokesperson said.',
  'Dr. Leila Haddad, a coastal engineer at Northfield University, said: “The design has room for storms twice this size.” Brenner was not convinced. “Engineers always say that,” Brenner said. “Ask them about the last wall,” he said.',
  '“I would start building tomorrow,” Haddad said. She added that the wall would last “at least eighty years.”',
].join('\n');

const Q = {
  winter: '“We cannot wait another winter for the sea wall,”',
  money: '“The money is there,”',
  nobody: '“Nobody asked the people who work on the water,”',
  newspaper: '“We found out from the newspaper,”',
  review: '“still under review.”',
  publish: '“We will publish the full costs next month,”',
  design: '“The design has room for storms twice this size.”',
  engineers: '“Engineers always say that,”',
  wall: '“Ask them about the last wall,”',
  tomorrow: '“I would start building tomorrow,”',
  eighty: '“at least eighty years.”',
};

const clean = async (page, state) => expect(await axeViolations(page), state).toEqual([]);

/** Clicks the quote in the article and checks the panel's line for it. */
async function expectQuoteShown(page, quote, tie) {
  await clickText(page, quote.slice(1, 12));
  const focused = suggestionPanel(page).locator('.focused');
  await expect(focused).toContainText(`quote ${quote} ${tie}`);
}

test('review shows each quote’s speaker, a wrong one is fixed first, Accept all groups four people in one undoable step', async ({
  page,
}) => {
  await openWithText(page, TEXT, { title: 'Sea wall' });
  await page.keyboard.press('g');
  await expect(statusBox(page)).toContainText(', 7 same-speaker links.');
  const panel = suggestionPanel(page);
  await expect(panel).toBeVisible();

  // Each quote suggestion says who it will go to, by the person a mention stands for.
  await expectQuoteShown(page, Q.winter, '→ Ingrid Solvang');
  await expectQuoteShown(page, Q.money, '→ she (Ingrid Solvang)');
  await expectQuoteShown(page, Q.nobody, '→ Tomas Brenner');
  await expectQuoteShown(page, Q.newspaper, '→ he (Tomas Brenner)');
  await expectQuoteShown(page, Q.review, '→ A spokesperson (the spokesperson)');
  await expectQuoteShown(page, Q.publish, '→ the spokesperson');
  await expectQuoteShown(page, Q.design, '→ Dr. Leila Haddad');
  await expectQuoteShown(page, Q.engineers, '→ Brenner (Tomas Brenner)');
  await expectQuoteShown(page, Q.wall, '→ he (Tomas Brenner)');
  await expectQuoteShown(page, Q.tomorrow, '→ Haddad (Dr. Leila Haddad)');
  await expectQuoteShown(page, Q.eighty, '→ She (Dr. Leila Haddad)');
  // And in the article: the tooltip of its outline, and its speaker underlined (no text is
  // added to the article).
  await expect(article(page).locator('mark.suggestion.focused').first()).toHaveAttribute(
    'title',
    'Suggested quote → She (Dr. Leila Haddad)',
  );
  await expect(article(page).locator('mark.tied')).toHaveText(['She']);

  // The speaker of the quote in focus can be changed before accepting: a menu of the speaker
  // mentions near it, each with a few words of context.
  const menu = panel.getByRole('combobox', { name: 'Speaker of this quote' });
  await expect(menu).toHaveValue(/\d+/);
  const options = await menu.locator('option').allTextContents();
  expect(options[0]).toBe('No speaker');
  const haddad = options.find((o) => o.startsWith('Haddad (Dr. Leila Haddad): '));
  expect(haddad, JSON.stringify(options)).toContain('building tomorrow,” Haddad said. She added');
  await menu.selectOption({ label: haddad });
  await expect(statusBox(page)).toHaveText('This quote will go to “Haddad”.');
  await expect(panel.locator('.focused')).toContainText(`quote ${Q.eighty} → Haddad (Dr. Leila Haddad)`);
  await expect(article(page).locator('mark.tied')).toHaveText(['Haddad']);
  await clean(page, 'reviewing, a quote with its speaker menu');

  // A same-speaker link shares its place with the speaker suggestion: a click on the mention
  // focuses the link, a second click the speaker.
  await clickText(page, 'the spokesperson said');
  await expect(panel.locator('.focused')).toContainText('same speaker the spokesperson = A spokesperson');
  await clean(page, 'reviewing a same-speaker link');
  await clickText(page, 'the spokesperson said');
  await expect(panel.locator('.focused')).toContainText('speaker the spokesperson (');

  // Accept all: one step.
  await panel.getByRole('button', { name: /^Accept all \(\d+\)$/ }).click();
  await expect(suggestionPanel(page)).toHaveCount(0);
  await expect(statusBox(page)).toContainText('All suggestions are reviewed.');

  const { json } = await exportJson(page);
  const speakerOf = (quote) => {
    const q = findAnnotation(json, 'quote', quote);
    const r = json.relations.find((x) => x.type === 'attributed_to' && x.from === q.id);
    return json.annotations.find((a) => a.id === r?.to)?.text;
  };
  expect(speakerOf(Q.eighty)).toBe('Haddad');
  expect(speakerOf(Q.money)).toBe('she');
  expect(json.relations.filter((r) => r.type === 'same_as')).toHaveLength(7);

  // Who said what: one row per person, named by the fullest name, its quotes under it.
  const dialog = await openWhoSaidWhat(page);
  await expect(dialog.getByRole('row')).toHaveCount(5); // header + 4 people
  await expect(dialog.getByRole('figure', { name: 'Quotes per speaker' })).toContainText(
    'Quotes per speaker (4 people)',
  );
  const row = (name) => dialog.getByRole('row', { name, exact: true });
  const quotesIn = (name) => row(name).getByRole('cell').nth(1).getByRole('button');
  await expect(quotesIn('Ingrid Solvang')).toHaveText([Q.winter, Q.money]);
  await expect(quotesIn('Tomas Brenner')).toHaveText([Q.nobody, Q.newspaper, Q.engineers, Q.wall]);
  await expect(quotesIn('the spokesperson')).toHaveText([Q.review, Q.publish]);
  await expect(quotesIn('Dr. Leila Haddad')).toHaveText([Q.design, Q.tomorrow, Q.eighty]);
  // No pronoun is a person of its own.
  for (const pronoun of ['she', 'he', 'She']) {
    await expect(dialog.getByRole('row', { name: pronoun, exact: true })).toHaveCount(0);
  }
  // Mentions: listed when few, folded under the person when many.
  await expect(row('Ingrid Solvang').getByRole('cell').nth(0).getByRole('button')).toHaveText([
    'Ingrid Solvang',
    'she',
  ]);
  const folded = row('Tomas Brenner').getByRole('cell').nth(0);
  await expect(folded.getByRole('button')).toHaveCount(0);
  const summary = folded.locator('summary');
  await expect(summary).toHaveText('4 mentions: Tomas Brenner, he, Brenner');
  await summary.click();
  await expect(folded.getByRole('button')).toHaveText(['Tomas Brenner', 'he', 'Brenner', 'he']);
  await clean(page, 'who said what with four people');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // One undo takes the whole batch back.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(annotationItems(page)).toHaveCount(0);
  const { json: undone } = await exportJson(page);
  expect(undone.relations).toEqual([]);
});

test('quotes accepted without their speakers; a proposed link rejected with Backspace; Group speakers for hand-made speakers; the picker shows people with context', async ({
  page,
}) => {
  await openWithText(page, TEXT, { title: 'Sea wall' });
  await page.keyboard.press('g');
  const panel = suggestionPanel(page);
  await expect(panel).toBeVisible();

  // Reject the link "She" = Haddad: a click on the mention focuses it, Backspace rejects it.
  await clickText(page, 'She');
  await expect(panel.locator('.focused')).toContainText('same speaker She = Haddad (Dr. Leila Haddad)');
  await page.keyboard.press('Backspace');
  await expect(statusBox(page)).toHaveText('Rejected 1 suggestion.');
  // The quote it said now names only the mention.
  await expectQuoteShown(page, Q.eighty, '→ She');
  await expect(panel.locator('.focused')).not.toContainText('(Dr. Leila Haddad)');

  // Accept the quotes without their speakers: eleven quotes, no speaker, no attribution.
  await panel.getByRole('button', { name: 'Accept quotes without speakers (11)' }).click();
  await expect(statusBox(page)).toContainText('Accepted 11 suggestions without their speakers.');
  const { json } = await exportJson(page);
  expect(json.annotations.map((a) => a.label)).toEqual(Array(11).fill('quote'));
  expect(json.relations).toEqual([]);
  // The speakers and links are still there to review.
  await expect(panel.getByRole('button', { name: /^Accept all speakers \(\d+\)$/ })).toBeEnabled();
  await panel.getByRole('button', { name: 'Close suggestions' }).click();
  await expect(panel).toHaveCount(0);

  // Hand-made speakers, grouped by "Group speakers" (in the More menu, and beside "Who said
  // what"), reviewed like suggestions.
  await annotateWithKey(page, 'Ingrid Solvang', '2');
  await annotateWithKey(page, 'she', '2');
  await expect(await menuItem(page, 'More', 'Group speakers')).toBeVisible();
  await page.keyboard.press('Escape');
  const dialog = await openWhoSaidWhat(page);
  await expect(dialog.getByRole('row')).toHaveCount(3); // header, Ingrid Solvang, she
  await dialog.getByRole('button', { name: 'Group speakers' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(statusBox(page)).toHaveText(
    '1 same-speaker link proposed. Enter accepts the one in focus, Backspace rejects it.',
  );
  await expect(panel.getByRole('heading')).toBeFocused();
  await expect(panel.locator('.focused')).toContainText('same speaker she = Ingrid Solvang');
  // Enter accepts it, with focus still on the review's heading.
  await page.keyboard.press('Enter');
  await expect(statusBox(page)).toContainText('Accepted 1 suggestion.');
  const grouped = await openWhoSaidWhat(page);
  await expect(grouped.getByRole('row')).toHaveCount(2); // header, Ingrid Solvang
  await page.keyboard.press('Escape');
  await expect(grouped).toHaveCount(0);

  // The speaker picker: one entry per person, with a few words around the mention.
  await showAnnotation(page, 'quote', Q.money);
  await selectedPanel(page).getByRole('button', { name: 'Attribute (A)' }).click();
  const picker = speakerPicker(page);
  await expect(picker.getByRole('button')).toHaveText(['Ingrid Solvang (2 mentions)', 'Cancel']);
  const ingrid = picker.getByRole('button', { name: 'Ingrid Solvang (2 mentions)' });
  await expect(ingrid).toHaveAccessibleDescription('…“The money is there,” she said. Also: she');
  await clean(page, 'the speaker picker with context');
  await ingrid.click();
  await expect(statusBox(page)).toHaveText('Attributed to she (Ingrid Solvang).');
});
