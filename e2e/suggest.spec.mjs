// Suggest: rule-based quotes, speakers and dates proposed for review (press G
// or "Suggest (G)"), drawn as dashed marks, accepted with Enter or in bulk,
// rejected with Backspace; a quote accepted brings its speaker, attribution,
// cue and kind in one undoable step; rejections are saved with the document;
// annotations made by hand are never touched.
import {
  test,
  expect,
  annotateWithKey,
  annotationItems,
  article,
  checkExport,
  clickText,
  cp,
  exportJson,
  findAnnotation,
  findText,
  openSavedArticle,
  settleAutosave,
  shownSuggestions,
  statusBox,
  suggestionPanel,
} from './helpers.mjs';
import { SUGGEST_TEXT } from './fixtures/texts.mjs';

const TEXT = SUGGEST_TEXT;

const Q_DIALLO = '“We have rebuilt the main stage from the ground up,”';
const Q_SOLLERS = '“Every permit is in place,”';
const HAND = 'Tickets go on sale on Friday';

/** Code point span of the first occurrence of `needle` in TEXT (after `from`, UTF-16). */
function span(needle, from = 0) {
  const at = TEXT.indexOf(needle, from);
  if (at < 0) throw new Error(`"${needle}" not in the text`);
  return { start: cp(TEXT, at), end: cp(TEXT, at + needle.length) };
}

/** Relations without their ids, sorted, for exact comparison. */
const relationsOf = (json) =>
  json.relations
    .map(({ id, ...rest }) => rest)
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** Annotations as [label, text, start, end], sorted, for comparison across exports (ids aside). */
const spansOf = (json) =>
  json.annotations.map((a) => [a.label, a.text, a.start, a.end]).sort((a, b) => a[2] - b[2] || a[3] - b[3]);

/** The shown suggestions as "kind-less" texts in review order. */
const textsOf = (list) => list.map((s) => s.text);

/** The one shown suggestion with this text. */
function shown(list, text) {
  const found = list.filter((s) => s.text === text);
  expect(found.length, `one suggestion "${text}" among ${JSON.stringify(textsOf(list))}`).toBe(1);
  return found[0];
}

test('suggest: review with G, click to focus, Enter accepts a quote with speaker, cue, kind and attribution; Backspace rejects; accept all; undo; rejections saved', async ({
  page,
}) => {
  await openSavedArticle(page, TEXT, { title: 'Lanternfish Festival' });

  // One annotation by hand (drag + key 3 = claim) that the suggestions overlap.
  await annotateWithKey(page, HAND, '3');
  const { json: before } = await exportJson(page);
  await checkExport(before);
  const hand = findAnnotation(before, 'claim', HAND);
  expect(hand).toMatchObject({ start: span(HAND).start, end: span(HAND).end });
  expect(before.annotations).toHaveLength(1);
  expect(before.relations).toEqual([]);
  const handStill = (json) => {
    const a = json.annotations.find((x) => x.id === hand.id);
    expect(a, `hand-made annotation ${hand.id} still there`).toEqual(hand);
  };

  // ---- G: suggestions proposed, nothing created yet. ----
  await page.keyboard.press('g');
  await expect(statusBox(page)).toHaveText(
    '8 suggestions: 2 quotes, 2 speakers, 4 dates. Enter accepts the one in focus, Backspace rejects it.',
  );
  const panel = suggestionPanel(page);
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('heading')).toHaveText('Suggestions (8)');
  await expect(annotationItems(page)).toHaveCount(1);
  const first = await shownSuggestions(page);
  expect(textsOf(first)).toEqual([
    'March 18 and 19',
    'last week',
    Q_DIALLO,
    'Amara Diallo',
    'Friday',
    Q_SOLLERS,
    'Henrik Sollers',
    '1998',
  ]);
  expect(first.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  for (const s of first) expect(s.dashed, `suggestion "${s.text}" drawn dashed`).toBe(true);
  // The first one is in focus; only it.
  expect(first.filter((s) => s.focused).map((s) => s.text)).toEqual(['March 18 and 19']);
  await expect(panel).toContainText('date March 18 and 19 (1 of 8)');
  // "Friday" lies inside the hand-made claim: one mark that is both.
  expect(shown(first, 'Friday').ann).toBe(true);
  expect(shown(first, 'last week').ann).toBe(false);
  await expect(article(page).locator(`mark[data-ann~="${hand.id}"]`)).toHaveText([
    'Tickets go on sale on ',
    'Friday',
  ]);
  for (const name of ['Accept (Enter)', 'Reject (Backspace)', 'Previous', 'Next', 'Reject all', 'Close suggestions']) {
    await expect(panel.getByRole('button', { name, exact: true })).toBeVisible();
  }
  await expect(panel.getByRole('button', { name: 'Accept all quotes (2)' })).toBeEnabled();
  await expect(panel.getByRole('button', { name: 'Accept all speakers (2)' })).toBeEnabled();
  await expect(panel.getByRole('button', { name: 'Accept all dates (4)' })).toBeEnabled();
  // Nothing exported yet but the hand-made one.
  const { json: proposed } = await exportJson(page);
  expect(proposed.annotations).toEqual(before.annotations);
  expect(proposed.relations).toEqual([]);

  // ---- A click on a dashed suggestion focuses it. ----
  await clickText(page, 'Every permit');
  // The quote says which speaker it will get.
  await expect(panel).toContainText(`quote ${Q_SOLLERS} → Henrik Sollers (6 of 8)`);
  let now = await shownSuggestions(page);
  expect(now.filter((s) => s.focused).map((s) => s.text)).toEqual([Q_SOLLERS]);
  expect(shown(now, Q_SOLLERS).index).toBe(5);
  await expect(annotationItems(page)).toHaveCount(1);

  // ---- Enter accepts it: quote + speaker + attribution + cue + kind. ----
  await page.keyboard.press('Enter');
  await expect(annotationItems(page)).toHaveCount(3);
  await expect(panel.getByRole('heading')).toHaveText('Suggestions (6)');
  // Focus moved on to the next one left (the speaker went with its quote).
  await expect(panel).toContainText('date 1998 (6 of 6)');
  now = await shownSuggestions(page);
  expect(textsOf(now)).toEqual(['March 18 and 19', 'last week', Q_DIALLO, 'Amara Diallo', 'Friday', '1998']);
  expect(now.filter((s) => s.focused).map((s) => s.text)).toEqual(['1998']);
  const { json: accepted } = await exportJson(page);
  await checkExport(accepted);
  handStill(accepted);
  expect(accepted.annotations).toHaveLength(3);
  const q = findAnnotation(accepted, 'quote', Q_SOLLERS);
  const qSpan = span(Q_SOLLERS);
  const saidAt = TEXT.indexOf('said', TEXT.indexOf(Q_SOLLERS));
  expect(q).toMatchObject({
    start: qSpan.start,
    end: qSpan.end,
    kind: 'direct',
    cue: { start: cp(TEXT, saidAt), end: cp(TEXT, saidAt) + 4, text: 'said' },
  });
  // The emoji in the headline: code points, not UTF-16 units.
  expect(q.start).toBe(TEXT.indexOf(Q_SOLLERS) - 1);
  const sp = findAnnotation(accepted, 'speaker', 'Henrik Sollers');
  expect(sp).toMatchObject(span('Henrik Sollers'));
  expect(sp.kind).toBeUndefined();
  expect(sp.cue).toBeUndefined();
  expect(relationsOf(accepted)).toEqual([{ type: 'attributed_to', from: q.id, to: sp.id }]);

  // ---- Backspace rejects the focused date ("last week", focused by a click). ----
  await clickText(page, 'last week');
  await expect(panel).toContainText('date last week (2 of 6)');
  await page.keyboard.press('Backspace');
  await expect(panel.getByRole('heading')).toHaveText('Suggestions (5)');
  now = await shownSuggestions(page);
  expect(textsOf(now)).toEqual(['March 18 and 19', Q_DIALLO, 'Amara Diallo', 'Friday', '1998']);
  await expect(panel).toContainText(`quote ${Q_DIALLO} → Amara Diallo (2 of 5)`);
  await expect(annotationItems(page)).toHaveCount(3);
  const { json: afterReject } = await exportJson(page);
  expect(afterReject.annotations).toEqual(accepted.annotations);
  expect(afterReject.relations).toEqual(accepted.relations);

  // ---- Accept all dates: the three left; the rejected one is not made. ----
  await panel.getByRole('button', { name: 'Accept all dates (3)' }).click();
  await expect(annotationItems(page)).toHaveCount(6);
  await expect(panel.getByRole('heading')).toHaveText('Suggestions (2)');
  await expect(panel.getByRole('button', { name: 'Accept all dates (0)' })).toBeDisabled();
  now = await shownSuggestions(page);
  expect(textsOf(now)).toEqual([Q_DIALLO, 'Amara Diallo']);
  const { json: allDates } = await exportJson(page);
  await checkExport(allDates);
  handStill(allDates);
  const dates = allDates.annotations.filter((a) => a.label === 'date');
  expect(dates.map((a) => [a.text, a.start, a.end])).toEqual(
    ['March 18 and 19', 'Friday', '1998'].map((t) => [t, span(t).start, span(t).end]),
  );
  expect(allDates.annotations.some((a) => a.text.includes('last week'))).toBe(false);
  expect(relationsOf(allDates)).toEqual(relationsOf(accepted));

  // ---- Escape closes the review. ----
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(article(page).locator('[data-sug]')).toHaveCount(0);
  await expect(annotationItems(page)).toHaveCount(6);

  // ---- Ctrl+Z undoes the bulk accept in one step ... ----
  await page.keyboard.press('Control+z');
  await expect(annotationItems(page)).toHaveCount(3);
  const { json: undone } = await exportJson(page);
  expect(undone.annotations).toEqual(accepted.annotations);
  expect(undone.relations).toEqual(accepted.relations);
  // ... and the quote accept in one more: quote, speaker and attribution all go.
  await page.keyboard.press('Control+z');
  await expect(annotationItems(page)).toHaveCount(1);
  const { json: undone2 } = await exportJson(page);
  expect(undone2.annotations).toEqual(before.annotations);
  expect(undone2.relations).toEqual([]);
  // Redo brings the quote back, with everything it brought.
  await page.keyboard.press('Control+y');
  await expect(annotationItems(page)).toHaveCount(3);
  const { json: redone } = await exportJson(page);
  expect(redone.annotations).toEqual(accepted.annotations);
  expect(relationsOf(redone)).toEqual(relationsOf(accepted));

  // ---- G again: the rejected date is not proposed; the undone dates are. ----
  const expectAgain = async () => {
    await expect(statusBox(page)).toHaveText(
      /^5 suggestions: 1 quotes?, 1 speakers?, 3 dates\. Enter accepts the one in focus, Backspace rejects it\.$/,
    );
    await expect(suggestionPanel(page).getByRole('heading')).toHaveText('Suggestions (5)');
    const again = await shownSuggestions(page);
    expect(textsOf(again)).toEqual(['March 18 and 19', Q_DIALLO, 'Amara Diallo', 'Friday', '1998']);
    for (const s of again) expect(s.dashed, `suggestion "${s.text}" drawn dashed`).toBe(true);
    // Nothing at all is drawn over "last week".
    const lw = await findText(page, 'last week');
    const overLastWeek = await article(page).evaluate(
      (region, [s, e]) =>
        [...region.querySelectorAll('[data-sug]')].filter((m) => {
          const o = Number(m.getAttribute('data-o'));
          return o < e && o + m.textContent.length > s;
        }).length,
      [lw.start, lw.end],
    );
    expect(overLastWeek, 'a suggestion drawn over the rejected "last week"').toBe(0);
  };
  await page.keyboard.press('g');
  await expectAgain();
  await expect(annotationItems(page)).toHaveCount(3);
  await suggestionPanel(page).getByRole('button', { name: 'Close suggestions' }).click();
  await expect(suggestionPanel(page)).toHaveCount(0);
  await expect(article(page).locator('[data-sug]')).toHaveCount(0);

  // ---- Reload (once autosave is done): the rejection was saved with the document. ----
  await settleAutosave(page);
  await page.reload();
  await expect(article(page)).toBeVisible();
  await expect(annotationItems(page)).toHaveCount(3);
  const { json: reloaded } = await exportJson(page);
  await checkExport(reloaded);
  handStill(reloaded);
  expect(reloaded.annotations).toEqual(accepted.annotations);
  expect(relationsOf(reloaded)).toEqual(relationsOf(accepted));
  // This time with the toolbar button.
  await page.getByRole('button', { name: 'Suggest (G)' }).click();
  await expectAgain();

  // The other quote ("… ,” festival director Amara Diallo said), with the panel's Accept button.
  await clickText(page, 'main stage');
  await expect(suggestionPanel(page)).toContainText(`quote ${Q_DIALLO} → Amara Diallo (2 of 5)`);
  await suggestionPanel(page).getByRole('button', { name: 'Accept (Enter)' }).click();
  await expect(annotationItems(page)).toHaveCount(5);
  await expect(suggestionPanel(page).getByRole('heading')).toHaveText('Suggestions (3)');
  const { json: last } = await exportJson(page);
  await checkExport(last);
  handStill(last);
  const q2 = findAnnotation(last, 'quote', Q_DIALLO);
  const said2 = TEXT.indexOf('said', TEXT.indexOf(Q_DIALLO));
  expect(q2).toMatchObject({
    ...span(Q_DIALLO),
    kind: 'direct',
    cue: { start: cp(TEXT, said2), end: cp(TEXT, said2) + 4, text: 'said' },
  });
  const sp2 = findAnnotation(last, 'speaker', 'Amara Diallo');
  expect(sp2).toMatchObject(span('Amara Diallo'));
  expect(relationsOf(last)).toEqual(
    [
      { type: 'attributed_to', from: q.id, to: sp.id },
      { type: 'attributed_to', from: q2.id, to: sp2.id },
    ].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  );
  expect(spansOf(last).map((a) => a[1])).toEqual([Q_DIALLO, 'Amara Diallo', HAND, Q_SOLLERS, 'Henrik Sollers']);
});

test('suggest: "Accept all quotes" brings speakers and attributions in one undoable step; "Reject all" leaves "No new suggestions", also after reload', async ({
  page,
}) => {
  await openSavedArticle(page, TEXT, { title: 'Lanternfish Festival' });
  await page.keyboard.press('g');
  const panel = suggestionPanel(page);
  await expect(panel.getByRole('heading')).toHaveText('Suggestions (8)');
  await expect(annotationItems(page)).toHaveCount(0);

  await panel.getByRole('button', { name: 'Accept all quotes (2)' }).click();
  await expect(annotationItems(page)).toHaveCount(4);
  // The speakers went with their quotes; only the dates are left.
  await expect(panel.getByRole('heading')).toHaveText('Suggestions (4)');
  await expect(panel.getByRole('button', { name: 'Accept all speakers (0)' })).toBeDisabled();
  await expect(panel.getByRole('button', { name: 'Accept all quotes (0)' })).toBeDisabled();
  expect(textsOf(await shownSuggestions(page))).toEqual(['March 18 and 19', 'last week', 'Friday', '1998']);
  const { json } = await exportJson(page);
  await checkExport(json);
  const q1 = findAnnotation(json, 'quote', Q_DIALLO);
  const q2 = findAnnotation(json, 'quote', Q_SOLLERS);
  const s1 = findAnnotation(json, 'speaker', 'Amara Diallo');
  const s2 = findAnnotation(json, 'speaker', 'Henrik Sollers');
  for (const [qa, needle] of [
    [q1, Q_DIALLO],
    [q2, Q_SOLLERS],
  ]) {
    const said = TEXT.indexOf('said', TEXT.indexOf(needle));
    expect(qa).toMatchObject({
      ...span(needle),
      kind: 'direct',
      cue: { start: cp(TEXT, said), end: cp(TEXT, said) + 4, text: 'said' },
    });
  }
  expect(relationsOf(json)).toEqual(
    [
      { type: 'attributed_to', from: q1.id, to: s1.id },
      { type: 'attributed_to', from: q2.id, to: s2.id },
    ].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  );

  // One Ctrl+Z takes all of it away.
  await page.keyboard.press('Control+z');
  await expect(annotationItems(page)).toHaveCount(0);
  const { json: undone } = await exportJson(page);
  expect(undone.annotations).toEqual([]);
  expect(undone.relations).toEqual([]);

  // G again proposes all eight; "Reject all" rejects them.
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await page.keyboard.press('g');
  await expect(statusBox(page)).toHaveText(
    '8 suggestions: 2 quotes, 2 speakers, 4 dates. Enter accepts the one in focus, Backspace rejects it.',
  );
  await panel.getByRole('button', { name: 'Reject all' }).click();
  // Nothing left: the panel closes itself and says so.
  await expect(panel).toHaveCount(0);
  await expect(statusBox(page)).toHaveText('Rejected 8 suggestions. All suggestions are reviewed.');
  await expect(article(page).locator('[data-sug]')).toHaveCount(0);
  await expect(annotationItems(page)).toHaveCount(0);
  await page.keyboard.press('g');
  await expect(statusBox(page)).toHaveText('No new suggestions.');
  await expect(article(page).locator('[data-sug]')).toHaveCount(0);

  await settleAutosave(page);
  await page.reload();
  await expect(article(page)).toBeVisible();
  await expect(article(page).locator('p')).toHaveCount(4);
  await page.keyboard.press('g');
  await expect(statusBox(page)).toHaveText('No new suggestions.');
  await expect(article(page).locator('[data-sug]')).toHaveCount(0);
  await expect(annotationItems(page)).toHaveCount(0);
});

test('a rejection made just before leaving the page is kept: the page is saved on pagehide, not only 300 ms after a change', async ({
  page,
}) => {
  // README: "A change is saved 300 ms after the last one, and on `pagehide`." The page clock
  // is frozen after the article is saved, so the 300 ms timer cannot fire: only the pagehide
  // save can keep the rejection (as when a person rejects and reloads at once).
  await page.clock.install();
  await openSavedArticle(page, TEXT, { title: 'Lanternfish Festival' });
  await settleAutosave(page);
  await page.clock.pauseAt(new Date(Date.now() + 60_000));

  await page.keyboard.press('g');
  const panel = suggestionPanel(page);
  await expect(panel.getByRole('heading')).toHaveText('Suggestions (8)');
  await expect(panel).toContainText('date March 18 and 19 (1 of 8)');
  await page.keyboard.press('Backspace');
  await expect(panel.getByRole('heading')).toHaveText('Suggestions (7)');
  expect(textsOf(await shownSuggestions(page))).not.toContain('March 18 and 19');

  await page.reload();
  await expect(article(page)).toBeVisible();
  await expect(statusBox(page)).toHaveText('Opened “Lanternfish Festival” (0 annotations).');
  await page.keyboard.press('g');
  await expect(statusBox(page)).toContainText('suggestions:');
  expect(
    textsOf(await shownSuggestions(page)),
    'the rejected "March 18 and 19" is proposed again after a reload',
  ).not.toContain('March 18 and 19');
  await expect(statusBox(page)).toHaveText(
    '7 suggestions: 2 quotes, 2 speakers, 3 dates. Enter accepts the one in focus, Backspace rejects it.',
  );
});

test('a long article draws the suggestions around the one in focus, and bulk accept takes them all', async ({ page }) => {
  const { openWithText } = await import('./helpers.mjs');
  // 400 weekdays, one a sentence, in paragraphs of 20: 400 date suggestions.
  const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
  const sentences = Array.from({ length: 400 }, (_, i) => `The board met on ${days[i % 5]} about item ${i + 1}.`);
  const paras = [];
  for (let i = 0; i < sentences.length; i += 20) paras.push(sentences.slice(i, i + 20).join(' '));
  await openWithText(page, paras.join('\n\n'));
  await page.keyboard.press('g');
  await expect(statusBox(page)).toContainText('400 suggestions');
  // Drawn: the 300 nearest the focus (the first), not all 400.
  const drawn = article(page).locator('mark.suggestion');
  await expect(drawn).toHaveCount(151);
  await expect(article(page).locator('mark.suggestion[data-sug="0"]')).toHaveCount(1);
  await expect(article(page).locator('mark.suggestion[data-sug="399"]')).toHaveCount(0);
  // "Accept all dates" takes every one of them, drawn or not.
  await suggestionPanel(page).getByRole('button', { name: /^Accept all dates \(400\)/ }).click();
  const { json } = await exportJson(page);
  await checkExport(json);
  expect(json.annotations.filter((a) => a.label === 'date')).toHaveLength(400);
});

test.describe('the suggestion worker', () => {
  // The service worker would serve the worker's files from its cache, past the test's route.
  test.use({ serviceWorkers: 'block' });

  test('the rules run in a worker of their own, started once an article is open; one that cannot load is said plainly, and G tries again', async ({ page }) => {
    const { openWithText } = await import('./helpers.mjs');
    // What each Suggest sends the worker: its text, or null for the text sent last.
    await page.addInitScript(() => {
      window.__suggestSent = [];
      const post = Worker.prototype.postMessage;
      Worker.prototype.postMessage = function (message, ...rest) {
        if (Array.isArray(message) && message[1] === 'suggest') {
          window.__suggestSent.push(typeof message[2] === 'string' ? 'text' : String(message[2]));
        }
        return post.call(this, message, ...rest);
      };
    });
    await page.goto('/');
    await expect(page.getByRole('button', { name: 'Annotate' })).toBeVisible();
    expect(page.workers(), 'the paste screen starts no worker').toHaveLength(0);
    const loader = '**/annotator-worker_loader.js';
    await page.context().route(loader, (route) => route.fulfill({ status: 404, body: '' }));
    await openWithText(page, TEXT);
    await page.keyboard.press('g');
    await expect(statusBox(page)).toContainText(
      'Suggestions could not be found: the part of the app that finds them did not load. Reload the page, then press G again.',
    );
    await expect(suggestionPanel(page)).toHaveCount(0);
    // The file is there again: the next G starts a new worker, which finds them.
    await page.context().unroute(loader);
    await page.keyboard.press('g');
    await expect(statusBox(page)).toContainText(/\d+ suggestions: /);
    expect(page.workers().map((w) => new URL(w.url()).pathname)).toContain('/annotator-worker_loader.js');
    expect(textsOf(await shownSuggestions(page))).toContain(Q_DIALLO);
    // It stays for the next Suggest: no new worker; and it keeps the text, which is not sent again.
    const running = page.workers().length;
    await suggestionPanel(page).getByRole('button', { name: 'Close suggestions' }).click();
    await page.keyboard.press('g');
    await expect(statusBox(page)).toContainText(/\d+ suggestions: /);
    expect(page.workers()).toHaveLength(running);
    expect(textsOf(await shownSuggestions(page))).toContain(Q_DIALLO);
    const sent = await page.evaluate(() => window.__suggestSent);
    expect(sent.slice(-2), 'the text, then null for the same text').toEqual(['text', 'null']);
    // Reopened (from autosave), the article has its worker started before any Suggest.
    await page.reload();
    await expect(article(page)).toContainText(Q_DIALLO);
    await expect.poll(() => page.workers().map((w) => new URL(w.url()).pathname), { timeout: 10_000 }).toEqual([
      '/annotator-worker_loader.js',
    ]);
  });
});
