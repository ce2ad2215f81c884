import {
  test,
  expect,
  annotationItems,
  article,
  checkExport,
  cp,
  doubleClickAt,
  dragSelect,
  exportJson,
  findAnnotation,
  labelButton,
  marksOf,
  renderedText,
  slugify,
} from './helpers.mjs';

test('sample article: quote by drag + button, speaker by double-click + key 2, export JSON', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle('Article Annotator');

  // Loading the sample fills the form but stays in the input stage.
  await page.getByRole('button', { name: 'Load sample article' }).click();
  const titleBox = page.getByRole('textbox', { name: 'Title' });
  const textBox = page.getByRole('textbox', { name: 'Article text' });
  await expect(textBox).not.toHaveValue('');
  await expect(titleBox).not.toHaveValue('');
  const title = await titleBox.inputValue();
  const text = await textBox.inputValue();
  expect(text.length).toBeGreaterThan(100);
  await expect(article(page)).toHaveCount(0);

  await page.getByRole('button', { name: 'Annotate' }).click();
  await expect(article(page)).toBeVisible();

  // One <p> per non-blank line, and the segments spell the text exactly.
  const nonBlank = text.split('\n').filter((l) => l.trim() !== '').length;
  await expect(article(page).locator('p')).toHaveCount(nonBlank);
  const rendered = await renderedText(page);
  expect(rendered).toBe(text.replace(/\n+$/, ''));

  // Find a quoted sentence “…” and drag across it, then click "Quote".
  const m = /“[^”\n]{8,200}”/.exec(rendered);
  expect(m, 'the sample article should contain a “quoted” sentence').not.toBeNull();
  const quote = m[0];
  const qStart = m.index;
  const qEnd = qStart + quote.length;
  await dragSelect(page, qStart, qEnd);
  await labelButton(page, 'quote').click();

  await expect(annotationItems(page)).toHaveCount(1);
  const inner = quote.slice(1, -1);
  await expect(annotationItems(page).first()).toContainText('quote');
  await expect(annotationItems(page).first()).toContainText(inner.slice(0, 30));
  const marks = article(page).locator('mark');
  await expect(marks.first()).toBeVisible();
  const markTexts = await marks.allTextContents();
  expect(markTexts.length).toBeGreaterThan(0);
  for (const t of markTexts) expect(quote).toContain(t);
  await expect(marks.first()).toHaveAttribute('data-label', 'quote');

  // Double-click a plain word outside the quote and press 2 -> speaker.
  const wordRe = /(?<=[\s(])[A-Za-z]{4,}(?=[\s,.;:)])/g;
  let word = null;
  for (const w of rendered.matchAll(wordRe)) {
    if (w.index + w[0].length <= qStart || w.index >= qEnd) {
      word = { text: w[0], start: w.index, end: w.index + w[0].length };
      break;
    }
  }
  expect(word, 'a plain word outside the quote').not.toBeNull();
  const sel = await doubleClickAt(page, word.start, word.end);
  expect(sel.trim()).toBe(word.text);
  await page.keyboard.press('2');
  await expect(annotationItems(page)).toHaveCount(2);
  await expect(annotationItems(page).filter({ hasText: 'speaker' })).toHaveCount(1);
  await expect(annotationItems(page).filter({ hasText: 'speaker' })).toContainText(word.text);

  // Export.
  const { filename, json } = await exportJson(page);
  const slug = slugify(title);
  if (slug.length > 0 && slug.length <= 60) {
    expect(filename).toBe(`${slug}.annotations.json`);
  } else {
    expect(filename).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*\.annotations\.json$/);
    expect(filename.length).toBeLessThanOrEqual(64 + '.annotations.json'.length);
  }
  await checkExport(json);
  expect(json.document.text).toBe(text);
  expect(json.document.title).toBe(title.trim());
  expect(json.annotations).toHaveLength(2);

  const quoteAnn = json.annotations.find((a) => a.label === 'quote');
  expect(quoteAnn).toBeTruthy();
  // Snapping may keep or drop the quotation marks, but nothing else.
  expect([quote, inner]).toContain(quoteAnn.text);
  const expectedStart = quoteAnn.text === quote ? qStart : qStart + 1;
  expect(quoteAnn.start).toBe(cp(text, expectedStart));
  expect(quoteAnn.end).toBe(cp(text, expectedStart + quoteAnn.text.length));
  await expect(marksOf(page, quoteAnn.id).first()).toBeVisible();

  const speaker = findAnnotation(json, 'speaker', word.text);
  expect(speaker.start).toBe(cp(text, word.start));
  expect(speaker.end).toBe(cp(text, word.end));
  const speakerMarks = await marksOf(page, speaker.id).allTextContents();
  expect(speakerMarks.join('')).toBe(word.text);
});
