// Never lose work: a tab left open, two tabs on one article, a deletion in another tab, a note
// being typed, a crash mid-burst, a big JSONL library, oversized imports, storage that never
// opens, storage that moved on, an opening that never finished, and a paste not yet used.
//
// The multi-tab and crash cases run in Chromium with a persistent profile (a user data
// directory), closed and launched again as a person closes and reopens the browser.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';
import {
  test,
  expect,
  annotateWithKey,
  annotationItems,
  article,
  articleBuilt,
  changeAndSave,
  exportJson,
  findText,
  guardConsole,
  headerButton,
  importWithChooser,
  libraryDialog,
  libraryItems,
  openLibrary,
  openSavedArticle,
  readAppDb,
  saveState,
  selectedPanel,
  settleAutosave,
  setSelection,
  statusBox,
  writeAppDb,
} from './helpers.mjs';

// A fictional article whose words are easy to tell apart.
const TREES = [
  'Alder', 'Birch', 'Cedar', 'Dogwood', 'Elm', 'Fir', 'Ginkgo', 'Hazel', 'Ivy', 'Juniper',
  'Kauri', 'Larch', 'Maple', 'Nutmeg', 'Oak', 'Pine', 'Quince', 'Rowan', 'Spruce', 'Teak',
  'Umbrella', 'Viburnum', 'Walnut', 'Xylosma', 'Yew', 'Zelkova', 'Aspen', 'Baobab', 'Cypress',
];
const TEXT = `The arboretum council listed its trees: ${TREES.join(', ')}.\nThe list was read aloud on Monday.`;
const TITLE = 'Arboretum list';
const READ_ONLY =
  'This article is open for editing in another tab, so here it is read only. Press “Edit here instead” at the top to edit it in this tab.';

const readOnlyBanner = (page) => page.getByRole('region', { name: 'Editing in another tab' });

/** A persistent browser profile: launch, close, launch again with the same data. */
async function profile(testInfo) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'annotator-profile-'));
  const use = testInfo.project.use;
  const launch = () =>
    chromium.launchPersistentContext(dir, {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      headless: true,
      baseURL: use.baseURL,
      viewport: use.viewport,
      locale: use.locale,
      acceptDownloads: true,
    });
  return { dir, launch, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A tab of `context`, watched for console errors. */
async function tab(context, problems) {
  const page = await context.newPage();
  problems.push(guardConsole(page));
  return page;
}

/** The article as exported from `page`: the annotated texts, in order. */
async function annotated(page) {
  const { json } = await exportJson(page);
  return json.annotations.map((a) => a.text).sort();
}

/** Annotates tree `name` by keyboard-free selection and the quote key (fast, for bursts). */
async function quickLabel(page, name) {
  const { start, end } = await findText(page, name);
  await setSelection(page, start, end);
  await page.keyboard.press('1');
}

/** Opens the app in a fresh profile tab and reopens the saved article there. */
async function reopen(context, problems) {
  const page = await tab(context, problems);
  await page.goto('/');
  await expect(article(page)).toBeVisible();
  await articleBuilt(page);
  return page;
}

for (const how of ['closed', 'reloaded', 'hidden']) {
  test(`a tab left open never overwrites newer work (the idle tab ${how}): 11 of 11 after a relaunch`, async ({}, testInfo) => {
    const p = await profile(testInfo);
    const problems = [];
    try {
      let context = await p.launch();
      const a = await tab(context, problems);
      await openSavedArticle(a, TEXT, { title: TITLE });
      await changeAndSave(a, () => annotateWithKey(a, 'Alder', '1'));

      // The same page in a second tab: the article is being edited in the first.
      const b = await tab(context, problems);
      await b.goto('/');
      await expect(statusBox(b)).toHaveText(
        `Opened “${TITLE}” (1 annotation). It is open for editing in another tab, so here it is read only.`,
      );
      await expect(readOnlyBanner(b)).toBeVisible();
      await expect(saveState(b)).toHaveText('Read only');

      for (const name of TREES.slice(1, 11)) await annotateWithKey(a, name, '1');
      await settleAutosave(a);
      await expect(annotationItems(a)).toHaveCount(11);
      // The read-only tab follows the editing tab's saves.
      await expect(b.getByRole('heading', { name: /^Annotations \(11\)/ })).toBeVisible();

      await a.close({ runBeforeUnload: true });
      // The lock is free: the second tab may edit now, with all 11.
      await expect(statusBox(b)).toHaveText('You can edit this article here now.');
      await expect(readOnlyBanner(b)).toHaveCount(0);
      await expect(annotationItems(b)).toHaveCount(11);
      if (how === 'reloaded') {
        await b.reload();
        await expect(statusBox(b)).toHaveText(`Opened “${TITLE}” (11 annotations).`);
      } else if (how === 'hidden') {
        await b.evaluate(() => {
          Object.defineProperty(document, 'hidden', { value: true, configurable: true });
          Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
          document.dispatchEvent(new Event('visibilitychange'));
        });
      }
      await b.close({ runBeforeUnload: true });
      await context.close();

      context = await p.launch();
      const again = await reopen(context, problems);
      await expect(statusBox(again)).toHaveText(`Opened “${TITLE}” (11 annotations).`);
      expect(await annotated(again)).toEqual(TREES.slice(0, 11).sort());
      await context.close();
      expect(problems.flat()).toEqual([]);
    } finally {
      await p.remove();
    }
  });
}

test('without Web Locks (an older browser) both tabs edit, and the idle one still overwrites nothing', async ({}, testInfo) => {
  const p = await profile(testInfo);
  const problems = [];
  try {
    let context = await p.launch();
    await context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined, configurable: true });
    });
    const a = await tab(context, problems);
    await openSavedArticle(a, TEXT, { title: TITLE });
    await changeAndSave(a, () => annotateWithKey(a, 'Alder', '1'));
    const b = await tab(context, problems);
    await b.goto('/');
    await expect(statusBox(b)).toHaveText(`Opened “${TITLE}” (1 annotation).`);
    await expect(readOnlyBanner(b)).toHaveCount(0);
    for (const name of TREES.slice(1, 11)) await annotateWithKey(a, name, '1');
    await settleAutosave(a);
    // The idle tab follows what the other saved, since it has nothing unsaved itself.
    await expect(b.getByRole('heading', { name: /^Annotations \(11\)/ })).toBeVisible();
    await a.close({ runBeforeUnload: true });
    await b.close({ runBeforeUnload: true });
    await context.close();
    context = await p.launch();
    const again = await reopen(context, problems);
    expect(await annotated(again)).toEqual(TREES.slice(0, 11).sort());
    await context.close();
    expect(problems.flat()).toEqual([]);
  } finally {
    await p.remove();
  }
});

test('two tabs take turns editing one article a second apart, and every annotation either showed is kept', async ({}, testInfo) => {
  const p = await profile(testInfo);
  const problems = [];
  try {
    let context = await p.launch();
    const a = await tab(context, problems);
    await openSavedArticle(a, TEXT, { title: TITLE });
    const b = await tab(context, problems);
    await b.goto('/');
    await expect(readOnlyBanner(b)).toBeVisible();

    const made = [];
    let [editor, reader] = [a, b];
    for (let round = 0; round < 6; round += 1) {
      const name = TREES[round];
      await annotateWithKey(editor, name, '1');
      made.push(name);
      // The other tab can't edit, and says why.
      await reader.keyboard.press('Escape');
      const { start, end } = await findText(reader, TREES[20 + round]);
      await setSelection(reader, start, end);
      await reader.keyboard.press('1');
      await expect(statusBox(reader)).toHaveText(READ_ONLY);
      await reader.waitForTimeout(1_000);
      // …until it asks: the editing tab saves, hands over, and follows read only.
      await readOnlyBanner(reader).getByRole('button', { name: 'Edit here instead' }).click();
      await expect(statusBox(reader)).toHaveText('You can edit this article here now.');
      await expect(annotationItems(reader)).toHaveCount(made.length);
      await expect(readOnlyBanner(editor)).toBeVisible();
      await expect(statusBox(editor)).toHaveText(
        'Editing of this article moved to another tab; this tab shows it read only and follows its changes.',
      );
      [editor, reader] = [reader, editor];
    }
    await settleAutosave(editor);
    await a.close({ runBeforeUnload: true });
    await b.close({ runBeforeUnload: true });
    await context.close();

    context = await p.launch();
    const again = await reopen(context, problems);
    expect(await annotated(again)).toEqual([...made].sort());
    await context.close();
    expect(problems.flat()).toEqual([]);
  } finally {
    await p.remove();
  }
});

test('a deletion in one tab reaches the other tab showing the article', async ({ page }) => {
  await openSavedArticle(page, TEXT, { title: TITLE });
  await changeAndSave(page, () => annotateWithKey(page, 'Cedar', '1'));
  const other = await page.context().newPage();
  const problems = guardConsole(other);
  await other.goto('/');
  await expect(readOnlyBanner(other)).toBeVisible();

  // The read-only tab deletes it: the editing tab closes it and says so.
  const library = await openLibrary(other);
  await library.getByRole('button', { name: `Delete ${TITLE}`, exact: true }).click();
  await library.getByRole('button', { name: 'Delete for good' }).click();
  await expect(statusBox(other)).toHaveText(`Deleted “${TITLE}”.`);
  await expect(statusBox(page)).toHaveText(`“${TITLE}” was deleted in another tab.`);
  await expect(page.getByRole('textbox', { name: 'Article text' })).toBeVisible();
  await expect(article(page)).toHaveCount(0);

  // And the other way round: the editing tab deletes what another tab shows read only.
  await openSavedArticle(page, TEXT, { title: 'Second list', goto: false });
  await other.reload();
  await expect(readOnlyBanner(other)).toBeVisible();
  const mine = await openLibrary(page);
  await mine.getByRole('button', { name: 'Delete Second list', exact: true }).click();
  await mine.getByRole('button', { name: 'Delete for good' }).click();
  await expect(statusBox(other)).toHaveText('“Second list” was deleted in another tab.');
  const db = await readAppDb(page);
  expect(Object.keys(db.documents)).toEqual([]);
  expect(problems).toEqual([]);
});

for (const how of ['reload', 'close']) {
  test(`a note being typed survives an immediate ${how}`, async ({ page }) => {
    await openSavedArticle(page, TEXT, { title: TITLE });
    await changeAndSave(page, () => annotateWithKey(page, 'Hazel', '3'));
    const note = page.getByRole('textbox', { name: 'Note' });
    await note.click();
    await page.keyboard.type('Check the nursery records 🌱', { delay: 20 });
    await expect(note).toBeFocused();
    let shown = page;
    if (how === 'reload') {
      await page.reload();
    } else {
      const context = page.context();
      await page.close({ runBeforeUnload: true });
      shown = await context.newPage();
      await shown.goto('/');
    }
    await expect(statusBox(shown)).toHaveText(`Opened “${TITLE}” (1 annotation).`);
    const { json } = await exportJson(shown);
    expect(json.annotations.map((a) => [a.text, a.note])).toEqual([['Hazel', 'Check the nursery records 🌱']]);
    await shown.getByRole('button', { name: 'claim Hazel' }).click();
    await expect(selectedPanel(shown).getByRole('textbox', { name: 'Note' })).toHaveValue(
      'Check the nursery records 🌱',
    );
    // Typed key by key, it is one step to undo.
    await shown.getByRole('button', { name: /^Undo/ }).click();
    await expect(selectedPanel(shown).getByRole('textbox', { name: 'Note' })).toHaveValue('');
  });
}

test('changes the tab could not store as it closed come back from the journal', async ({ page }) => {
  await openSavedArticle(page, TEXT, { title: TITLE });
  await changeAndSave(page, () => annotateWithKey(page, 'Kauri', '1'));
  // Storage refuses every write from now on in this page, as a full disk would.
  await page.evaluate(() => {
    IDBObjectStore.prototype.put = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
  });
  await annotateWithKey(page, 'Larch', '1');
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toBeVisible();
  const context = page.context();
  await page.close({ runBeforeUnload: true });
  const again = await context.newPage();
  await again.goto('/');
  await expect(statusBox(again)).toHaveText(`Opened “${TITLE}” (2 annotations).`);
  expect(await annotated(again)).toEqual(['Kauri', 'Larch']);
  expect(await again.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('journal')))).toEqual([]);
});

test('a journal that storage moved past is kept as a recovered copy, and neither version is lost', async ({ page }) => {
  await openSavedArticle(page, TEXT, { title: TITLE });
  await changeAndSave(page, () => annotateWithKey(page, 'Maple', '1'));
  await changeAndSave(page, () => annotateWithKey(page, 'Nutmeg', '1'));
  const db = await readAppDb(page);
  const [id] = Object.keys(db.documents);
  const stored = db.documents[id];
  // A record journalled by a tab that last saw revision 1, with a change of its own.
  const older = JSON.parse(stored);
  older.file.annotations = older.file.annotations.filter((a) => a.text === 'Maple');
  older.file.annotations[0].note = 'only in the closed tab';
  older.history = { undo: [], redo: [] };
  await page.evaluate(
    ([key, value]) => localStorage.setItem(key, value),
    [`article-annotator-journal:${id}`, JSON.stringify({ id, base: 1, record: JSON.stringify(older) })],
  );
  await page.reload();
  await expect(statusBox(page)).toContainText('are kept as a second copy in the library');
  const after = await readAppDb(page);
  expect(after.documents[id]).toBe(stored);
  const titles = Object.values(after.summaries).map((s) => JSON.parse(s).title).sort();
  expect(titles).toEqual([TITLE, `${TITLE} (recovered)`]);
  const copyId = Object.keys(after.documents).find((k) => k !== id);
  expect(JSON.parse(after.documents[copyId]).file.annotations[0].note).toBe('only in the closed tab');
});

test('a burst of 20 annotations 150 ms apart survives a killed browser, all but the last second or so', async ({}, testInfo) => {
  const p = await profile(testInfo);
  const problems = [];
  try {
    let context = await p.launch();
    const page = await tab(context, problems);
    await openSavedArticle(page, TEXT, { title: TITLE });
    const times = [];
    for (const name of TREES.slice(0, 20)) {
      await quickLabel(page, name);
      times.push(Date.now());
      await page.waitForTimeout(150);
    }
    await expect(annotationItems(page)).toHaveCount(20);
    // The whole browser is killed (as a crash or a power cut of the process would).
    const killedAt = Date.now();
    execFileSync('pkill', ['-KILL', '-f', p.dir]);
    await context.close().catch(() => {});

    context = await p.launch();
    const again = await reopen(context, problems);
    const kept = await annotated(again);
    const surelySaved = times.filter((t) => t <= killedAt - 1_500).length;
    expect(kept.length).toBeGreaterThanOrEqual(surelySaved);
    expect(kept).toEqual(TREES.slice(0, kept.length).sort());
    testInfo.annotations.push({ type: 'kept', description: `${kept.length} of 20 (${surelySaved} made over 1.5 s before the kill)` });
    await context.close();
  } finally {
    await p.remove();
  }
});

test('a JSONL library of 500 articles is stored whole, never over another article, and the count is told once all are in', async ({ page }, testInfo) => {
  const lines = [];
  for (let i = 0; i < 500; i += 1) {
    const text = `Bulletin ${i}: the ferry to Isle ${i} leaves at dawn.`;
    lines.push(
      JSON.stringify({
        format: 'article-annotator',
        version: 1,
        document: { title: `Bulletin ${i}`, text },
        labels: [{ name: 'place', color: '#B9EDB0' }],
        annotations: [{ id: 'a1', label: 'place', start: text.indexOf('Isle'), end: text.indexOf(' leaves'), text: `Isle ${i}` }],
        relations: [],
      }),
    );
  }
  const file = testInfo.outputPath('bulletins.jsonl');
  await writeFile(file, `${lines.join('\n')}\n`);
  // An article already stored under the id the import will draw first: the browser's random
  // source gives the same bytes twice, then true random ones.
  await page.addInitScript(() => {
    const real = crypto.getRandomValues.bind(crypto);
    let calls = 0;
    crypto.getRandomValues = (a) => {
      calls += 1;
      return calls <= 2 ? a.fill(7) : real(a);
    };
  });
  await openSavedArticle(page, TEXT, { title: TITLE });
  const [taken] = Object.keys((await readAppDb(page)).documents);
  expect(taken).toBe(`d${'07'.repeat(16)}`);
  const mine = (await readAppDb(page)).documents[taken];

  await importWithChooser(page, file);
  await expect(statusBox(page)).toHaveText(
    'Imported bulletins.jsonl: 500 articles, all stored in the library; showing “Bulletin 0”.',
    { timeout: 30_000 },
  );
  const db = await readAppDb(page);
  expect(Object.keys(db.documents)).toHaveLength(501);
  expect(Object.keys(db.summaries)).toHaveLength(501);
  expect(db.documents[taken], 'the article stored first is untouched').toBe(mine);
  const titles = Object.values(db.summaries).map((s) => JSON.parse(s).title);
  expect(new Set(titles).size).toBe(501);
  await openLibrary(page);
  await expect(libraryItems(page)).toHaveCount(501);
});

test('an article over the size limits is refused with a message, and nothing changes', async ({ page }, testInfo) => {
  await openSavedArticle(page, TEXT, { title: TITLE });
  await changeAndSave(page, () => annotateWithKey(page, 'Elm', '2'));
  const before = await exportJson(page);

  // 46 MB of text.
  const huge = 'word '.repeat(46 * 1024 * 1024 / 5);
  const big = testInfo.outputPath('huge.json');
  await writeFile(
    big,
    JSON.stringify({ format: 'article-annotator', version: 1, document: { text: huge }, labels: [], annotations: [], relations: [] }),
  );
  await importWithChooser(page, big);
  await expect(statusBox(page)).toHaveText(
    'Could not import huge.json: the text is 46 MB and the most this app takes is 20 MB; split it into parts. Nothing was changed.',
    { timeout: 30_000 },
  );

  // One annotation more than an article may hold.
  const n = 100_001;
  const text = 'w '.repeat(n);
  const annotations = [];
  for (let i = 0; i < n; i += 1) annotations.push({ id: `a${i}`, label: 'quote', start: 2 * i, end: 2 * i + 1, text: 'w' });
  const many = testInfo.outputPath('many.json');
  await writeFile(
    many,
    JSON.stringify({
      format: 'article-annotator',
      version: 1,
      document: { text },
      labels: [{ name: 'quote', color: '#FFE08A' }],
      annotations,
      relations: [],
    }),
  );
  await importWithChooser(page, many);
  await expect(statusBox(page)).toHaveText(
    'Could not import many.json: it has 100001 annotations and the most one article can hold is 100,000. Nothing was changed.',
    { timeout: 30_000 },
  );
  const after = await exportJson(page);
  expect(after.raw).toBe(before.raw);
  const db = await readAppDb(page);
  expect(Object.keys(db.documents)).toHaveLength(1);
});

test('storage that never opens is reported within the time allowed', async ({ page }) => {
  await page.addInitScript(() => {
    // An IndexedDB whose open request never fires an event.
    IDBFactory.prototype.open = function () {
      return new EventTarget();
    };
  });
  const started = Date.now();
  await page.goto('/');
  const banner = page.getByRole('alert').filter({ hasText: 'Not saved' });
  await expect(banner).toHaveText(
    "Not saved: the browser's storage did not open within 5 seconds. Everything on screen stays while this tab is open; export a copy to be safe.Export all",
    { timeout: 8_000 },
  );
  expect(Date.now() - started).toBeLessThan(8_000);
  await expect(saveState(page)).toHaveText('Not saved');
  // The app works regardless.
  await page.getByRole('textbox', { name: 'Article text' }).fill(TEXT);
  await page.getByRole('button', { name: 'Annotate' }).click();
  await annotateWithKey(page, 'Fir', '1');
  await expect(saveState(page)).toHaveText('Not saved');
});

test('a save that finds newer work stored keeps both versions, never overwriting', async ({ page }) => {
  await openSavedArticle(page, TEXT, { title: TITLE });
  await changeAndSave(page, () => annotateWithKey(page, 'Ginkgo', '1'));
  // Something else (an older version of the app, say) stores a newer revision meanwhile.
  const db = await readAppDb(page);
  const [id] = Object.keys(db.documents);
  const summary = JSON.parse(db.summaries[id]);
  const theirs = db.documents[id].replace('"Arboretum list"', '"Arboretum list, edited elsewhere"');
  await writeAppDb(page, [
    ['documents', id, theirs],
    ['summaries', id, JSON.stringify({ ...summary, title: 'Arboretum list, edited elsewhere', revision: summary.revision + 3 })],
  ]);
  await annotateWithKey(page, 'Ivy', '1');
  const banner = page.getByRole('alert').filter({ hasText: 'Another tab saved this article' });
  await expect(banner).toBeVisible();
  await expect(saveState(page)).toHaveText('Not saved');
  // Nothing is written over the newer record.
  expect((await readAppDb(page)).documents[id]).toBe(theirs);
  await banner.getByRole('button', { name: 'Keep this version as a copy' }).click();
  await expect(statusBox(page)).toHaveText(
    "Kept this tab's version as “Arboretum list (copy)”; the other tab's version is in the library too.",
  );
  await expect(saveState(page)).toHaveText('Saved');
  const after = await readAppDb(page);
  expect(Object.keys(after.documents)).toHaveLength(2);
  expect(after.documents[id]).toBe(theirs);
  const titles = Object.values(after.summaries).map((s) => JSON.parse(s).title).sort();
  expect(titles).toEqual(['Arboretum list (copy)', 'Arboretum list, edited elsewhere']);
});

test('an article whose opening never finished is not reopened at start: the library opens instead', async ({ page }) => {
  await openSavedArticle(page, TEXT, { title: TITLE });
  await changeAndSave(page, () => annotateWithKey(page, 'Juniper', '1'));
  // As if the tab had frozen or crashed while opening it.
  await page.evaluate((id) => localStorage.setItem('article-annotator-opening', id), Object.keys((await readAppDb(page)).documents)[0]);
  await page.reload();
  await expect(libraryDialog(page)).toBeVisible();
  await expect(statusBox(page)).toHaveText(
    `“${TITLE}” did not finish opening last time (the tab may have run out of memory), so it was not opened again. It is kept in the library: open it from there when you are ready, or export it.`,
  );
  await expect(article(page)).toHaveCount(0);
  // Opened by hand it opens, and the next start reopens it as usual.
  await libraryDialog(page).getByRole('button', { name: `Open ${TITLE}`, exact: true }).click();
  await expect(annotationItems(page)).toHaveCount(1);
  await articleBuilt(page);
  await page.reload();
  await expect(statusBox(page)).toHaveText(`Opened “${TITLE}” (1 annotation).`);
});

test('text pasted but not yet annotated is there after an immediate reload', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Title' }).fill('Draft list');
  await page.getByRole('textbox', { name: 'Article text' }).fill(TEXT);
  await page.reload();
  await expect(statusBox(page)).toHaveText('Restored the text you were pasting or editing when the page closed.');
  await expect(page.getByRole('textbox', { name: 'Article text' })).toHaveValue(TEXT);
  await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue('Draft list');
  await page.getByRole('button', { name: 'Annotate' }).click();
  await expect(article(page)).toBeVisible();
  await settleAutosave(page);
  await page.reload();
  await expect(statusBox(page)).toHaveText('Opened “Draft list” (0 annotations).');
});

test('the library says how much space the articles use', async ({ page }) => {
  await openSavedArticle(page, TEXT, { title: TITLE });
  const library = await openLibrary(page);
  await expect(library.locator('.storage-use')).toContainText(/^1 article uses \d+ (bytes|kB)\. This site uses .* of the .* the browser allows it\. The browser/);
  await expect(library.getByRole('listitem')).toContainText(/ · \d+ (bytes|kB)/);
});
