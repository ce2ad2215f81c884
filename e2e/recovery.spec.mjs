// Recovery: saved data the app cannot read is reported, offered as a
// download byte for byte, and never erased or overwritten, while the app starts
// normally; and when the app panics, "Download my work" holds the document on
// screen and "Reload the page" brings the work back from autosave.
import {
  test,
  testExpectingErrors,
  expect,
  annotateWithKey,
  annotationItems,
  article,
  changeAndSave,
  checkExport,
  downloadFrom,
  expectConsoleErrors,
  exportJson,
  findAnnotation,
  openSavedArticle,
  readAppDb,
  saveState,
  selectedPanel,
  statusBox,
  writeAppDb,
} from './helpers.mjs';

const DEFAULT_LABELS = [
  { name: 'quote', color: '#FFE08A', key: '1' },
  { name: 'speaker', color: '#A8D8FF', key: '2' },
  { name: 'claim', color: '#FFB8C6', key: '3' },
  { name: 'date', color: '#B9EDB0', key: '4' },
];

// A fictional saved article, as the app writes it (see core/src/session.rs).
const SPEAKER = 'Harbourmaster Ines Quill'; // ASCII: code points = UTF-16 units
const SAVED_TEXT = `${SPEAKER} said “the pier 🌊 reopens” on Friday.`;
const SAVED_RECORD = {
  format: 'article-annotator-session',
  version: 1,
  file: {
    format: 'article-annotator',
    version: 1,
    document: { title: 'Pier story', text: SAVED_TEXT },
    labels: DEFAULT_LABELS,
    annotations: [{ id: 'a1', label: 'speaker', start: 0, end: SPEAKER.length, text: SPEAKER }],
    relations: [],
  },
  next_id: 2,
  label_ids: [1, 2, 3, 4],
  history: { undo: [], redo: [] },
};
const savedJson = JSON.stringify(SAVED_RECORD);
const SUMMARY = (id) =>
  JSON.stringify({ id, title: 'Pier story', created: 1_700_000_000_000, updated: 1_700_000_000_000, annotations: 1 });

// Cut inside the wave emoji: the stored string ends in a lone high surrogate.
const insideEmoji = savedJson.indexOf('🌊') + 1;

const DAMAGED = [
  {
    name: 'invalid JSON',
    raw: `{"format":"article-annotator-session","version":1,'file': {"document": }`,
    reason: /^the saved data is damaged: /,
  },
  {
    name: 'a record with "version": 2',
    raw: JSON.stringify({ ...SAVED_RECORD, version: 2 }),
    reason: /^the saved data has version 2; this app reads version 1$/,
    newer: true,
  },
  {
    name: 'a half-written (truncated) record',
    raw: savedJson.slice(0, Math.floor(savedJson.length / 2)),
    reason: /^the saved data is damaged: /,
  },
  {
    name: 'a record cut off inside an emoji',
    raw: savedJson.slice(0, insideEmoji),
    reason: /^the saved data is damaged: /,
  },
  {
    name: 'a record whose format is not ours',
    raw: JSON.stringify({ format: 'notes-app-backup', version: 1, notes: ['Buy lamp oil', 'Call the ferry office'] }),
    reason: /^the saved data is damaged: it is not an article-annotator record$/,
  },
];

const FRESH_TEXT = 'Councillor Ana Lopes said the new lighthouse opens on Monday.';

/** Opens the app once (so its database exists), stores `entries` and reloads. */
async function startWith(page, entries) {
  await page.goto('/');
  await expect(page.getByRole('textbox', { name: 'Article text' })).toBeVisible();
  await writeAppDb(page, entries);
  await page.reload();
}

test('control: an intact saved record opens at start-up (so the damaged cases test the damage)', async ({
  page,
}) => {
  const id = 'dintact0001';
  await startWith(page, [
    ['documents', id, savedJson],
    ['summaries', id, SUMMARY(id)],
    ['meta', 'current', id],
  ]);
  await expect(statusBox(page)).toHaveText('Opened “Pier story” (1 annotation).');
  await expect(page.getByRole('alert').filter({ hasText: 'Saved data could not be read' })).toHaveCount(0);
  const { json } = await exportJson(page);
  await checkExport(json);
  expect(json.document.text).toBe(SAVED_TEXT);
  findAnnotation(json, 'speaker', 'Harbourmaster Ines Quill');
});

for (const d of DAMAGED) {
  test(`damaged saved data (${d.name}): a banner, the raw data downloads, the app works, the record is kept`, async ({
    page,
  }) => {
    const id = `ddamaged${DAMAGED.indexOf(d)}`;
    const summary = SUMMARY(id);
    await startWith(page, [
      ['documents', id, d.raw],
      ['summaries', id, summary],
      ['meta', 'current', id],
    ]);

    // The banner, with the reason.
    const banner = page.getByRole('alert').filter({ hasText: 'Saved data could not be read' });
    await expect(banner).toBeVisible();
    await expect(banner.locator('p').first()).toHaveText(
      `Saved data could not be read: ${d.newer ? 'a newer version of this app saved it' : 'it is damaged'}. `
        + 'It has been kept untouched.',
    );
    // The reader's own words, behind "Details".
    const details = banner.getByRole('button', { name: 'Details' });
    await expect(banner.locator('#damaged-detail')).toBeHidden();
    await details.click();
    await expect(details).toHaveAttribute('aria-expanded', 'true');
    await expect(banner.locator('#damaged-detail')).toHaveText(d.reason);
    // The status says so too.
    await expect(statusBox(page)).toContainText('Saved data could not be read');
    // The app started normally, with an empty paste box.
    await expect(page.getByRole('textbox', { name: 'Article text' })).toHaveValue('');
    await expect(article(page)).toHaveCount(0);

    // "Download saved data": the record exactly as stored. (A lone surrogate
    // cannot be written as UTF-8; it comes out as U+FFFD, as Node encodes it.)
    const file = await downloadFrom(page, () =>
      banner.getByRole('button', { name: 'Download saved data' }).click(),
    );
    expect(file.filename).toBe(`damaged-${id}.json`);
    const want = Buffer.from(d.raw, 'utf8');
    expect(
      file.bytes.equals(want),
      `downloaded ${file.bytes.length} bytes, stored ${want.length}:\n${file.text.slice(0, 300)}`,
    ).toBe(true);

    // The app is usable: a new article, annotated, saved and exported.
    await openSavedArticle(page, FRESH_TEXT, { title: 'Lighthouse', goto: false });
    await changeAndSave(page, async () => {
      await annotateWithKey(page, 'Councillor Ana Lopes', '2');
    });
    await changeAndSave(page, async () => {
      await annotateWithKey(page, 'Monday', '4');
    });
    const { filename, json } = await exportJson(page);
    expect(filename).toBe('lighthouse.annotations.json');
    await checkExport(json);
    expect(json.document.text).toBe(FRESH_TEXT);
    expect(json.annotations.map((a) => [a.label, a.text])).toEqual([
      ['speaker', 'Councillor Ana Lopes'],
      ['date', 'Monday'],
    ]);

    // After autosave the damaged record and its summary are still there, unchanged,
    // and the new article was saved under another id.
    const db = await readAppDb(page);
    expect(db.documents[id] === d.raw, 'the damaged record is unchanged').toBe(true);
    expect(db.summaries[id]).toBe(summary);
    const fresh = Object.keys(db.documents).filter((k) => k !== id);
    expect(fresh).toHaveLength(1);
    expect(db.meta.current).toBe(fresh[0]);
    expect(JSON.parse(db.documents[fresh[0]]).file.document.text).toBe(FRESH_TEXT);

    // A reload opens the new article; the damaged record is still kept.
    await page.reload();
    await expect(statusBox(page)).toHaveText('Opened “Lighthouse” (2 annotations).');
    await expect(annotationItems(page)).toHaveCount(2);
    const again = await readAppDb(page);
    expect(again.documents[id] === d.raw, 'the damaged record is unchanged after a reload').toBe(true);
    expect(again.summaries[id]).toBe(summary);
  });
}

const PANIC_TEXT = [
  'Harbourmaster Ines Quill said “the pier 🌊 stays open” on Friday.',
  'The ferry office, run by Tomasz Orrin, did not comment.',
].join('\n');

/** Makes the app panic, as a bug would; the call itself throws the wasm trap. */
async function panic(page) {
  const thrown = await page.evaluate(() => {
    try {
      window.wasmBindings.debug_panic();
      return null;
    } catch (e) {
      return { name: e.name, message: e.message };
    }
  });
  expect(thrown, 'debug_panic() did not throw').not.toBeNull();
  expect(thrown.name).toBe('RuntimeError');
}

/** The panic alert (`#panic`, role alert). */
const panicAlert = (page) => page.getByRole('alert').filter({ hasText: 'Something went wrong inside the app' });

testExpectingErrors(
  'a panic: the alert, "Download my work" holds the work, "Reload the page" brings it back',
  async ({ page }) => {
    expectConsoleErrors(page, /debug_panic was called/);
    await openSavedArticle(page, PANIC_TEXT, { title: 'Panic drill' });
    await changeAndSave(page, async () => {
      await annotateWithKey(page, 'Harbourmaster Ines Quill', '2');
    });
    await changeAndSave(page, async () => {
      await annotateWithKey(page, '“the pier 🌊 stays open”', '1');
    });
    // A note, so that more than spans must survive.
    await changeAndSave(page, async () => {
      const note = selectedPanel(page).getByRole('textbox', { name: 'Note' });
      await note.fill('Check with the ferry office 📞');
      await selectedPanel(page).getByRole('button', { name: 'Save note' }).click();
      await expect(annotationItems(page).filter({ hasText: 'Note: Check with the ferry office 📞' })).toHaveCount(1);
    });
    await expect(saveState(page)).toHaveText('Saved');
    const before = await exportJson(page);
    await checkExport(before.json);

    await panic(page);
    const alert = panicAlert(page);
    await expect(alert).toBeVisible();
    await expect(page.locator('#panic')).toHaveAttribute('role', 'alert');
    expect((await alert.textContent()).trim()).toMatch(/^Something went wrong inside the app/);

    // "Download my work": the document on screen as v1 JSON.
    const work = await downloadFrom(page, () => alert.getByRole('link', { name: 'Download my work' }).click());
    expect(work.filename).toBe('article-annotator-recovered.annotations.json');
    let recovered;
    expect(() => {
      recovered = JSON.parse(work.text);
    }, `not JSON: ${work.text.slice(0, 200)}`).not.toThrow();
    await checkExport(recovered);
    expect(recovered).toEqual(before.json);
    const quote = findAnnotation(recovered, 'quote', '“the pier 🌊 stays open”');
    expect(quote.note).toBe('Check with the ferry office 📞');
    findAnnotation(recovered, 'speaker', 'Harbourmaster Ines Quill');

    // "Reload the page": autosave brings the work back.
    await Promise.all([
      page.waitForEvent('load'),
      alert.getByRole('link', { name: 'Reload the page' }).click(),
    ]);
    await expect(statusBox(page)).toHaveText('Opened “Panic drill” (2 annotations).');
    await expect(panicAlert(page)).toHaveCount(0);
    await expect(annotationItems(page)).toHaveCount(2);
    const after = await exportJson(page);
    expect(after.json).toEqual(before.json);
    // And it works again.
    await annotateWithKey(page, 'Tomasz Orrin', 's');
    const later = await exportJson(page);
    await checkExport(later.json);
    expect(later.json.annotations).toHaveLength(3);
  },
);

testExpectingErrors(
  'a panic right after a change (before autosave ran): the download and the reloaded page both have it',
  async ({ page }) => {
    expectConsoleErrors(page, /debug_panic was called/);
    await openSavedArticle(page, PANIC_TEXT, { title: 'Panic drill two' });
    await changeAndSave(page, async () => {
      await annotateWithKey(page, 'Harbourmaster Ines Quill', '2');
    });
    // The last change, and at once the panic: the message promises
    // "Your work up to the last change is saved in this browser".
    await annotateWithKey(page, 'Friday', '4');
    await panic(page);
    await expect(panicAlert(page)).toBeVisible();

    const work = await downloadFrom(page, () =>
      panicAlert(page).getByRole('link', { name: 'Download my work' }).click(),
    );
    const recovered = JSON.parse(work.text);
    await checkExport(recovered);
    expect(recovered.annotations.map((a) => [a.label, a.text])).toEqual([
      ['speaker', 'Harbourmaster Ines Quill'],
      ['date', 'Friday'],
    ]);

    await Promise.all([
      page.waitForEvent('load'),
      panicAlert(page).getByRole('link', { name: 'Reload the page' }).click(),
    ]);
    await expect(statusBox(page)).toHaveText(/^Opened “Panic drill two”/);
    const after = await exportJson(page);
    expect(
      after.json.annotations.map((a) => [a.label, a.text]),
      'the change made just before the panic was not saved',
    ).toEqual([
      ['speaker', 'Harbourmaster Ines Quill'],
      ['date', 'Friday'],
    ]);
  },
);
