// Autosave to IndexedDB: the article, its annotations, labels and undo
// history survive a reload and a new page in the same browser profile; when
// storage fails, a banner offers "Export all" and nothing on screen is lost.
import {
  test,
  expect,
  annotateWithKey,
  annotationItems,
  changeAndSave,
  checkExport,
  cp,
  downloadFrom,
  exportJson,
  expectValidAgainstSchema,
  guardConsole,
  headerButton,
  openSavedArticle,
  saveState,
  statusBox,
  undoButton,
  menuItem,
  localDate,
} from './helpers.mjs';

// An emoji (😀, outside the BMP), a ZWJ emoji sequence and a combining accent
// (e + U+0301, o + U+0308), so UTF-16, code points and graphemes all differ.
const TEXT = [
  'Chef Zoe\u0308 👩🏽‍🍳 served cafe\u0301 au lait on Friday.',
  'Critics said “it was perfect 😀” and left.',
].join('\n');
const TITLE = 'Café review';

/** Annotates three spans, each with a real drag and a label key, and waits for autosave. */
async function annotateThree(page) {
  const spans = [];
  await changeAndSave(page, async () => {
    spans.push(await annotateWithKey(page, 'Zoe\u0308 👩🏽‍🍳', '2'));
  });
  await changeAndSave(page, async () => {
    spans.push(await annotateWithKey(page, '“it was perfect 😀”', '1'));
  });
  await changeAndSave(page, async () => {
    spans.push(await annotateWithKey(page, 'cafe\u0301', '3'));
  });
  return spans;
}

test('a reload and a new page bring back the article, annotations and undo history', async ({ page }) => {
  await openSavedArticle(page, TEXT, { title: TITLE });
  const spans = await annotateThree(page);
  await expect(saveState(page)).toHaveText('Saved');

  const before = await exportJson(page);
  expect(before.filename).toBe('cafe-review.annotations.json');
  const anns = await checkExport(before.json);
  expect(anns.map((a) => [a.label, a.text])).toEqual([
    ['speaker', 'Zoe\u0308 👩🏽‍🍳'],
    ['claim', 'cafe\u0301'],
    ['quote', '“it was perfect 😀”'],
  ]);
  // Offsets are code points: the drags were measured in UTF-16 units.
  const [zoe, quote, cafe] = spans;
  expect(anns.map((a) => [a.start, a.end])).toEqual([
    [cp(TEXT, zoe.start), cp(TEXT, zoe.end)],
    [cp(TEXT, cafe.start), cp(TEXT, cafe.end)],
    [cp(TEXT, quote.start), cp(TEXT, quote.end)],
  ]);

  // Reload: the same article comes back, byte for byte.
  await page.reload();
  await expect(statusBox(page)).toHaveText(`Opened “${TITLE}” (3 annotations).`);
  await expect(annotationItems(page)).toHaveCount(3);
  const afterReload = await exportJson(page);
  expect(afterReload.filename).toBe(before.filename);
  expect(afterReload.raw).toBe(before.raw);

  // The undo history came back too: Undo removes the last annotation made ("café").
  await expect(undoButton(page)).toBeEnabled();
  await changeAndSave(page, async () => {
    await undoButton(page).click();
    await expect(annotationItems(page)).toHaveCount(2);
  });
  const undone = await exportJson(page);
  await checkExport(undone.json);
  expect(undone.json.annotations).toEqual(before.json.annotations.filter((a) => a.text !== 'cafe\u0301'));
  expect(undone.json.document).toEqual(before.json.document);
  expect(undone.json.labels).toEqual(before.json.labels);

  // Close the page, open a new one in the same browser context: the undone state is there.
  const context = page.context();
  await page.close();
  const page2 = await context.newPage();
  const problems = guardConsole(page2);
  await page2.goto('/');
  await expect(statusBox(page2)).toHaveText(`Opened “${TITLE}” (2 annotations).`);
  const again = await exportJson(page2);
  expect(again.raw).toBe(undone.raw);
  // And the older history is still there: one more Undo takes the quote away.
  await expect(undoButton(page2)).toBeEnabled();
  await undoButton(page2).click();
  await expect(annotationItems(page2)).toHaveCount(1);
  const older = await exportJson(page2);
  expect(older.json.annotations.map((a) => a.text)).toEqual(['Zoe\u0308 👩🏽‍🍳']);
  expect(problems, 'errors in the second page console').toEqual([]);
});

test('a label added in the label editor is saved and comes back with its annotation', async ({ page }) => {
  await openSavedArticle(page, TEXT, { title: TITLE });
  await (await menuItem(page, 'More', 'Edit labels')).click();
  const dialog = page.getByRole('dialog', { name: 'Labels' });
  await expect(dialog).toBeVisible();
  await changeAndSave(page, async () => {
    await dialog.getByRole('textbox', { name: 'New label name' }).fill('source');
    await dialog.getByRole('textbox', { name: 'New label key' }).fill('5');
    await dialog.getByRole('button', { name: 'Add label' }).click();
    await expect(dialog.getByRole('textbox', { name: 'Name of source' })).toHaveValue('source');
  });
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await changeAndSave(page, async () => {
    await annotateWithKey(page, 'Critics', '5');
  });
  const before = await exportJson(page);
  expect(before.json.labels.map((l) => [l.name, l.key])).toContainEqual(['source', '5']);
  expect(before.json.annotations.map((a) => [a.label, a.text])).toEqual([['source', 'Critics']]);

  await page.reload();
  await expect(statusBox(page)).toHaveText(`Opened “${TITLE}” (1 annotation).`);
  await expect(page.getByRole('toolbar', { name: 'Labels' }).getByRole('button', { name: 'Source (5)' })).toBeVisible();
  const after = await exportJson(page);
  expect(after.raw).toBe(before.raw);
  // The restored label still works with its key.
  await annotateWithKey(page, 'Friday', '5');
  const later = await exportJson(page);
  expect(later.json.annotations.map((a) => [a.label, a.text])).toEqual([
    ['source', 'Friday'],
    ['source', 'Critics'],
  ]);
});

test('storage failure: a banner, "Export all" downloads every article, and the page keeps working', async ({
  page,
}) => {
  // A first article, saved.
  await openSavedArticle(page, 'The harbour wall vote is on Monday, said Ana Lopes.', { title: 'Harbour wall' });
  await changeAndSave(page, async () => {
    await annotateWithKey(page, 'Monday', '4');
  });
  const first = await exportJson(page);

  // A second article, saved.
  await headerButton(page, 'New article').click();
  await openSavedArticle(page, TEXT, { title: TITLE, goto: false });
  await changeAndSave(page, async () => {
    await annotateWithKey(page, 'Zoe\u0308 👩🏽‍🍳', '2');
  });

  // Storage now throws on every write.
  await page.evaluate(() => {
    IDBObjectStore.prototype.put = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
  });
  await annotateWithKey(page, '“it was perfect 😀”', '1');
  const banner = page.getByRole('alert');
  await expect(banner).toContainText("Not saved: the browser's storage is full.");
  await expect(saveState(page)).toHaveText('Not saved');
  await expect(saveState(page)).not.toHaveText('Saved');
  // Nothing on screen is lost.
  await expect(annotationItems(page)).toHaveCount(2);
  const onScreen = await exportJson(page);
  expect(onScreen.json.annotations.map((a) => a.text)).toEqual(['Zoe\u0308 👩🏽‍🍳', '“it was perfect 😀”']);

  // "Export all": one v1 document a line, every article, the open one as on screen.
  const all = await downloadFrom(page, () => banner.getByRole('button', { name: 'Export all' }).click());
  expect(all.filename).toBe(`article-library-${await localDate(page)}.jsonl`);
  const lines = all.text.split('\n').filter((l) => l.trim() !== '');
  expect(lines).toHaveLength(2);
  const docs = [];
  for (const line of lines) {
    let doc;
    expect(() => {
      doc = JSON.parse(line);
    }, `line is not JSON: ${line.slice(0, 200)}`).not.toThrow();
    await expectValidAgainstSchema(doc);
    await checkExport(doc);
    docs.push(doc);
  }
  const byTitle = Object.fromEntries(docs.map((d) => [d.document.title, d]));
  expect(Object.keys(byTitle).sort()).toEqual(['Harbour wall', TITLE].sort());
  expect(byTitle[TITLE]).toEqual(onScreen.json);
  expect(byTitle['Harbour wall']).toEqual(first.json);

  // The page still annotates.
  await annotateWithKey(page, 'Friday', '4');
  await expect(annotationItems(page)).toHaveCount(3);
  const later = await exportJson(page);
  await checkExport(later.json);
  expect(later.json.annotations.map((a) => [a.label, a.text])).toEqual([
    ['speaker', 'Zoe\u0308 👩🏽‍🍳'],
    ['date', 'Friday'],
    ['quote', '“it was perfect 😀”'],
  ]);
  await expect(banner).toBeVisible();
});
