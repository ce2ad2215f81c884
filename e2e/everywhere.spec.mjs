// Everywhere a reporter works (issue 22): download names in every script, keyboard layouts
// other than Latin, reduced motion, the dark theme, print and the annotated-article export.
// Texts are written for these tests.
import {
  test,
  expect,
  annotateWithKey,
  annotationItems,
  downloadFrom,
  dragSelectText,
  exportFormat,
  exportJson,
  localDate,
  openLibrary,
  openSavedArticle,
  openWithText,
  headerButton,
  itemFor,
} from './helpers.mjs';

const TEXT =
  'The harbour board met on Tuesday. “We will keep the pier open in winter,” said Tilde Marsh. ' +
  'Fishers asked for longer hours.';

// ---------------------------------------------------------------------------
// Download names
// ---------------------------------------------------------------------------

test('download names keep Greek and Chinese titles readable and write German letters out', async ({ page }) => {
  for (const [title, name] of [
    ['Η Βουλή ψήφισε', 'η-βουλή-ψήφισε.annotations.json'],
    ['北京宣布新政策', '北京宣布新政策.annotations.json'],
    ['Die Straße der Flüsse: Œuvre, Łódź', 'die-strasse-der-flusse-oeuvre-lodz.annotations.json'],
  ]) {
    if (title.startsWith('Η')) await openSavedArticle(page, TEXT, { title });
    else {
      await headerButton(page, 'New article').click();
      await openSavedArticle(page, TEXT, { title, goto: false });
    }
    await annotateWithKey(page, 'Tilde Marsh', '2');
    const { filename, json } = await exportJson(page);
    expect(filename).toBe(name);
    expect(json.document.title).toBe(title);
  }
});

test('a title with no letter names the download by the date and time', async ({ page }) => {
  await openWithText(page, '🎉 🎉', { title: '🎉' });
  const { filename } = await exportJson(page);
  const date = await localDate(page);
  expect(filename).toMatch(new RegExp(`^article-${date}-\\d{4}\\.annotations\\.json$`));
});

test('two articles with one title get different W3C document URNs; the library file carries the date', async ({ page }) => {
  const sources = [];
  for (const goto of [true, false]) {
    if (!goto) await headerButton(page, 'New article').click();
    await openSavedArticle(page, TEXT, { title: 'Harbour board', goto });
    await annotateWithKey(page, 'Tilde Marsh', '2');
    const file = await exportFormat(page, 'Export W3C Web Annotation');
    expect(file.filename).toBe('harbour-board.annotations.jsonld');
    const ld = JSON.parse(file.text);
    const source = ld.first.items[0].target.source;
    expect(source).toMatch(/^urn:article-annotator:d[0-9a-f]{32}$/);
    expect(ld.id).toBe(`${source}#annotations`);
    sources.push(source);
  }
  expect(sources[0]).not.toBe(sources[1]);

  const dialog = await openLibrary(page);
  const all = await downloadFrom(page, () => dialog.getByRole('button', { name: 'Export all (JSONL)' }).click());
  expect(all.filename).toBe(`article-library-${await localDate(page)}.jsonl`);
});

// ---------------------------------------------------------------------------
// Keyboard layouts
// ---------------------------------------------------------------------------

/**
 * Presses a key as a non-Latin layout reports it: `key` is what the layout types, `code` the
 * physical key. Sent through the DevTools protocol, so the page gets trusted key events with
 * both (Playwright's `keyboard.press` derives one from the other).
 */
async function pressOnLayout(page, { key, code, keyCode, modifiers = 0 }) {
  const cdp = await page.context().newCDPSession(page);
  const common = { key, code, windowsVirtualKeyCode: keyCode, nativeVirtualKeyCode: keyCode, modifiers };
  const text = modifiers ? undefined : key;
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text, unmodifiedText: text, ...common });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...common });
  await cdp.detach();
}

test('on Cyrillic and Greek layouts the letter shortcuts follow the physical key', async ({ page }) => {
  await openWithText(page, TEXT);
  // Cyrillic й sits where q is: quote.
  await dragSelectText(page, 'We will keep the pier open in winter');
  await pressOnLayout(page, { key: 'й', code: 'KeyQ', keyCode: 81 });
  await expect(annotationItems(page)).toHaveCount(1);
  await expect(itemFor(page, 'quote', 'We will keep the pier open in winter')).toHaveCount(1);
  await page.keyboard.press('Escape');

  // Greek σ sits where s is: speaker.
  await dragSelectText(page, 'Tilde Marsh');
  await pressOnLayout(page, { key: 'σ', code: 'KeyS', keyCode: 83 });
  await expect(annotationItems(page)).toHaveCount(2);
  await expect(itemFor(page, 'speaker', 'Tilde Marsh')).toHaveCount(1);
  await page.keyboard.press('Escape');

  // Greek ; sits where q is: quote too.
  await dragSelectText(page, 'longer hours');
  await pressOnLayout(page, { key: ';', code: 'KeyQ', keyCode: 81 });
  await expect(itemFor(page, 'quote', 'longer hours')).toHaveCount(1);

  // Ctrl with Cyrillic я (where z is) undoes.
  await pressOnLayout(page, { key: 'я', code: 'KeyZ', keyCode: 90, modifiers: 2 });
  await expect(annotationItems(page)).toHaveCount(2);
  await expect(itemFor(page, 'quote', 'longer hours')).toHaveCount(0);

  // The help says so.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('non-Latin keyboard layout');
});
