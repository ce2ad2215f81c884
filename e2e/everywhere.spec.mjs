// Everywhere a reporter works (issue 22): download names in every script, keyboard layouts
// other than Latin, reduced motion, the dark theme, print and the annotated-article export.
// Texts are written for these tests.
import {
  test,
  expect,
  annotateWithKey,
  annotationItems,
  axeViolations,
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
  menuItem,
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

// ---------------------------------------------------------------------------
// Reduced motion
// ---------------------------------------------------------------------------

/** Twenty paragraphs, long enough to scroll, each with a quote and its speaker. */
const LONG = Array.from(
  { length: 20 },
  (_, i) =>
    `Paragraph ${i + 1}: the harbour board met again on Tuesday. “We will keep the pier open in winter ${i + 1},” said Tilde Marsh. ` +
    'Fishers on the east quay asked for longer hours, and the board said it would answer within a month of the meeting.',
).join('\n');

/**
 * Clicks the list entry of the speaker annotated in the last paragraph while the page is at its
 * top, and returns every scroll position the page passed through on its way there, and the
 * flashing highlight's animation and outline.
 */
async function showFarAnnotation(page) {
  await openWithText(page, LONG);
  await annotateWithKey(page, 'Tilde Marsh', '2', { nth: 19 });
  await page.keyboard.press('Escape');
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
  // the scroll event of that jump comes with the next frame: let it pass before listening
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.evaluate(() => {
    window.__scrolls = [];
    window.addEventListener('scroll', () => window.__scrolls.push(window.scrollY));
  });
  await itemFor(page, 'speaker', 'Tilde Marsh').getByRole('button', { name: /^speaker Tilde Marsh/ }).click();
  const flash = page.locator('mark.flash');
  await expect(flash).toHaveCount(1);
  const style = await flash.evaluate((m) => {
    const cs = getComputedStyle(m);
    return { animation: cs.animationName, outline: cs.outlineStyle };
  });
  // Wait until the scroll has settled.
  let last = -1;
  await expect
    .poll(async () => {
      const y = await page.evaluate(() => window.scrollY);
      const settled = y === last && y > 0;
      last = y;
      return settled;
    }, { intervals: [150] })
    .toBe(true);
  const positions = await page.evaluate(() => [...new Set(window.__scrolls)]);
  return { positions, style };
}

test('with reduced motion, showing an annotation jumps to it and its highlight does not animate', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const { positions, style } = await showFarAnnotation(page);
  // One jump: no position between the top and the end.
  expect(positions).toHaveLength(1);
  expect(style.animation).toBe('none');
  // Still marked, without moving: a steady outline.
  expect(style.outline).toBe('solid');
});

test('without a motion preference the page glides to the annotation and the highlight fades', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  const { positions, style } = await showFarAnnotation(page);
  expect(positions.length).toBeGreaterThan(2);
  expect(style.animation).toBe('flash');
});

// ---------------------------------------------------------------------------
// Dark theme
// ---------------------------------------------------------------------------

/** Runs in the page: the WCAG contrast of two computed `rgb()` colours. */
function contrastInPage([a, b]) {
  const lum = (css) => {
    const [r, g, bl] = css.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
      const c = v / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/** Luminance-ish reading of the page: its background, text colour, and each highlight's and tag's contrast. */
async function readColours(page) {
  return page.evaluate((fn) => {
    const contrast = new Function(`return (${fn})`)();
    const cs = (el) => getComputedStyle(el);
    const body = cs(document.documentElement);
    const article = cs(document.querySelector('section[aria-label="Article"]'));
    const marks = [...document.querySelectorAll('section[aria-label="Article"] mark[data-ann]')].map((m) => ({
      label: m.getAttribute('data-label'),
      bg: cs(m).backgroundColor,
      ratio: contrast([cs(m).backgroundColor, cs(m).color]),
    }));
    const tags = [...document.querySelectorAll('.annotation .tag')].map((t) => ({
      text: t.textContent,
      ratio: contrast([cs(t).backgroundColor, cs(t).color]),
    }));
    return {
      page: body.backgroundColor,
      article: article.backgroundColor,
      ink: article.color,
      inkOnArticle: contrast([article.backgroundColor, article.color]),
      marks,
      tags,
    };
  }, contrastInPage.toString());
}

/** Roughly how light an `rgb()` colour is, 0 to 255. */
const lightness = (css) => {
  const [r, g, b] = css.match(/[\d.]+/g).map(Number);
  return (r + g + b) / 3;
};

const LABELLED = [
  ['We will keep the pier open in winter', '1'],
  ['Tilde Marsh', '2'],
  ['Fishers asked for longer hours', '3'],
  ['Tuesday', '4'],
];

async function annotateEveryLabel(page) {
  await openWithText(page, TEXT);
  for (const [needle, key] of LABELLED) await annotateWithKey(page, needle, key);
  // A nested span: "longer hours" (date, say) inside the claim draws a band.
  await annotateWithKey(page, 'longer hours', '4');
  await page.keyboard.press('Escape');
}

test('dark scheme: the page turns dark and every highlight keeps 4.5:1 with its text; axe finds nothing', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await annotateEveryLabel(page);
  const c = await readColours(page);
  expect(lightness(c.page)).toBeLessThan(40);
  expect(lightness(c.article)).toBeLessThan(40);
  expect(lightness(c.ink)).toBeGreaterThan(200);
  expect(c.inkOnArticle).toBeGreaterThanOrEqual(7);
  expect(new Set(c.marks.map((m) => m.label))).toEqual(new Set(['quote', 'speaker', 'claim', 'date']));
  for (const m of c.marks) {
    expect(m.ratio, `${m.label} on ${m.bg}`).toBeGreaterThanOrEqual(4.5);
    // A dark shade, not the light theme's pastel.
    expect(lightness(m.bg), m.label).toBeLessThan(140);
  }
  expect(c.tags.length).toBe(5);
  for (const t of c.tags) expect(t.ratio, t.text).toBeGreaterThanOrEqual(4.5);
  expect(await axeViolations(page), 'axe-core, dark').toEqual([]);

  // The label editor shows both themes' contrast for each label.
  await (await menuItem(page, 'More', 'Edit labels')).click();
  const dialog = page.getByRole('dialog', { name: 'Labels' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText(/^Light \d+\.\d:1 · Dark \d+\.\d:1$/)).toHaveCount(5);
  expect(await axeViolations(page), 'axe-core, dark label editor').toEqual([]);
});

test('light scheme: the same highlights keep 4.5:1 on the light page', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await annotateEveryLabel(page);
  const c = await readColours(page);
  expect(lightness(c.article)).toBeGreaterThan(240);
  for (const m of c.marks) expect(m.ratio, m.label).toBeGreaterThanOrEqual(4.5);
  for (const t of c.tags) expect(t.ratio, t.text).toBeGreaterThanOrEqual(4.5);
});

test('More → Theme overrides the system scheme and is remembered after a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openSavedArticle(page, TEXT, { title: 'Theme' });
  await annotateWithKey(page, 'Tilde Marsh', '2');
  const articleBg = () => readColours(page).then((c) => lightness(c.article));
  expect(await articleBg()).toBeLessThan(40);
  const system = await menuItem(page, 'More', 'System', 'radio');
  await expect(system).toBeChecked();
  await (await menuItem(page, 'More', 'Light', 'radio')).check();
  expect(await articleBg()).toBeGreaterThan(240);
  const light = await readColours(page);
  for (const m of light.marks) expect(m.ratio).toBeGreaterThanOrEqual(4.5);

  await page.reload();
  await expect(page.getByRole('region', { name: 'Article' })).toBeVisible();
  expect(await articleBg()).toBeGreaterThan(240);
  await expect(await menuItem(page, 'More', 'Light', 'radio')).toBeChecked();

  // Dark on a light system.
  await page.emulateMedia({ colorScheme: 'light' });
  await (await menuItem(page, 'More', 'Dark', 'radio')).check();
  expect(await articleBg()).toBeLessThan(40);
  await (await menuItem(page, 'More', 'System', 'radio')).check();
  expect(await articleBg()).toBeGreaterThan(240);
});

// ---------------------------------------------------------------------------
// Print and the annotated article (HTML)
// ---------------------------------------------------------------------------

/** An article with every label, a nested span and an attributed quote; speakers not shown. */
async function attributedArticle(page) {
  await annotateEveryLabel(page);
  // Attribute the quote to Tilde Marsh: select the quote, A, click the speaker.
  await itemFor(page, 'quote', 'We will keep the pier open in winter').getByRole('button', { name: /^quote/ }).click();
  await page.keyboard.press('a');
  await page.getByRole('region', { name: 'Choose a speaker' }).getByRole('button', { name: 'Tilde Marsh' }).click();
  await expect(itemFor(page, 'quote', 'We will keep the pier open in winter')).toContainText('Tilde Marsh');
  await page.keyboard.press('Escape');
}

test('print: highlights keep their colours, a legend and the speakers show, the toolbar and panel do not', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await attributedArticle(page);
  const badge = page.getByRole('region', { name: 'Article' }).locator('.speaker-badge');
  // On screen (speakers not asked for) the badge is not shown.
  await expect(badge).toBeHidden();
  await expect(page.locator('.print-legend')).toBeHidden();

  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  await expect(page.getByRole('toolbar', { name: 'Labels' })).toBeHidden();
  await expect(page.getByRole('heading', { name: /^Annotations/ })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Library' })).toBeHidden();
  await expect(badge).toBeVisible();
  await expect(badge).toHaveText('Tilde Marsh');
  const legend = page.locator('.print-legend');
  await expect(legend).toBeVisible();
  await expect(legend.locator('li')).toHaveText(['Quote', 'Speaker', 'Claim', 'Date']);
  const c = await readColours(page);
  // Paper is white and the highlights are the light theme's, kept for print.
  expect(lightness(c.article)).toBeGreaterThan(240);
  expect(lightness(c.ink)).toBeLessThan(40);
  for (const m of c.marks) {
    expect(m.ratio, m.label).toBeGreaterThanOrEqual(4.5);
    expect(lightness(m.bg), `${m.label} keeps a light highlight`).toBeGreaterThan(150);
  }
  const adjust = await page.locator('mark[data-ann]').first().evaluate((m) => getComputedStyle(m).printColorAdjust);
  expect(adjust).toBe('exact');
  // A printed page, for a look: the PDF has the article's words.
  const pdf = await page.pdf({ printBackground: false });
  expect(pdf.length).toBeGreaterThan(1000);
});

test('"Annotated article (HTML)": one file with no script that shows every highlight, the legend and who said what', async ({ page, browser }) => {
  await attributedArticle(page);
  const exported = await exportJson(page);
  const file = await exportFormat(page, 'Annotated article (HTML)');
  expect(file.filename).toMatch(/\.annotated\.html$/);
  expect(file.text.toLowerCase()).not.toContain('<script');

  // Opened with JavaScript off, from the file itself.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const second = await context.newPage();
  await second.setContent(file.text);
  const shown = await second.evaluate(() => {
    const out = {};
    for (const m of document.querySelectorAll('article mark[data-ann]')) {
      for (const id of m.getAttribute('data-ann').split(' ')) out[id] = (out[id] || '') + m.textContent;
    }
    return out;
  });
  expect(Object.keys(shown).sort()).toEqual(exported.json.annotations.map((a) => a.id).sort());
  for (const a of exported.json.annotations) expect(shown[a.id], `${a.label} ${a.text}`).toBe(a.text.replace(/\n/g, ''));
  // Highlights are painted, and printed.
  const mark = second.locator('article mark[data-ann]').first();
  expect(await mark.evaluate((m) => getComputedStyle(m).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
  expect(await mark.evaluate((m) => getComputedStyle(m).printColorAdjust)).toBe('exact');
  await expect(second.locator('.speaker')).toHaveText(['— Tilde Marsh']);
  await expect(second.getByRole('list').first().getByRole('listitem')).toHaveCount(4);
  const table = second.getByRole('table');
  await expect(table.getByRole('row', { name: /Tilde Marsh/ })).toContainText('We will keep the pier open in winter');
  await expect(table.getByRole('row', { name: /No speaker/ })).toContainText('Fishers asked for longer hours');
  await context.close();
});
