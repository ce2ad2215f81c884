// A whole book and a paragraph of a million characters. The article's text is always all in
// the page (find, selection and screen readers see it, in order), but highlights are drawn only
// in the chunks of paragraphs near the viewport, and a very long paragraph is laid out in
// blocks. These tests do what a person does at the start, the middle and the end of such a
// text, by mouse and by keyboard, and read back every exported offset. The texts are made by
// the benchmark's generator (bench/generate.mjs: our own words, seeded) and by this file.
import { writeFileSync } from 'node:fs';
import {
  test,
  expect,
  article,
  checkLargeExport,
  cp,
  exportJson,
  importWithChooser,
  marksOf,
  pasteInto,
  renderedText,
  saveState,
  scrollOffsetIntoView,
  selectedPanel,
  annotateSpan,
  annotationCount,
  statusBox,
} from './helpers.mjs';
import { generate } from '../bench/generate.mjs';

const articleBody = (page) => page.getByRole('textbox', { name: 'Article body' });

/** Waits until the whole article is built, however long that takes on a loaded machine. */
async function built(page) {
  await expect(articleBody(page)).not.toHaveAttribute('aria-busy', 'true', { timeout: 120_000 });
}

/** UTF-16 [start, end) of `n` words starting at the first word at or after UTF-16 `near`. */
function wordsAt(text, near, n) {
  const re = /[\p{L}\p{N}][\p{L}\p{N}’'-]*/gu;
  // from the next word's start (not inside a word: the app would widen the selection to it)
  const atStart = near === 0 || /\s/.test(text[near - 1]);
  re.lastIndex = atStart ? near : near + text.slice(near).search(/\s/) + 1;
  const first = re.exec(text);
  let last = first;
  for (let k = 1; k < n; k += 1) last = re.exec(text);
  return { start: first.index, end: last.index + last[0].length };
}

/**
 * Selects UTF-16 [start, end) by `how` ('keyboard': a click at the start, then Shift+arrows;
 * 'mouse': a drag), presses `key`, and returns the new annotation's place.
 */
async function annotate(page, text, { start, end }, how, key) {
  const by = how === 'keyboard' ? 'keyboard' : 'drag';
  await annotateSpan(page, { by, key, click: true, maxPresses: 200, text: text.slice(start, end) }, start, end);
  await expect(selectedPanel(page)).toBeVisible();
  return { start: cp(text, start), end: cp(text, end), text: text.slice(start, end) };
}

/** The annotation of `label` at code points [start, end) in an export. */
const exported = (json, label, { start, end }) =>
  json.annotations.find((a) => a.label === label && a.start === start && a.end === end);

test.describe('a book and a paragraph of a million characters', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('a book of 1,000,000 words with 20,000 annotations: annotate at the start, middle and end by mouse and keyboard, across chunks; every exported offset exact', async ({
    page,
  }, testInfo) => {
    test.setTimeout(600_000);
    const { doc, text } = generate({ words: 1_000_000, annotations: 20_000 });
    const file = testInfo.outputPath('a-book.json');
    writeFileSync(file, JSON.stringify(doc));
    await page.goto('/');
    await importWithChooser(page, file);
    await expect(article(page).locator('p').first()).toBeVisible({ timeout: 60_000 });
    await built(page);

    // All the text is in the page, in order; highlights only near the viewport.
    expect((await renderedText(page)) === text, 'the article shows the whole text').toBe(true);
    const drawn = await article(page).locator('mark').count();
    expect(drawn).toBeGreaterThan(0);
    expect(drawn, 'highlights drawn only near the viewport').toBeLessThan(1_000);

    // The start, by keyboard; the middle by mouse and by keyboard; the end by mouse.
    const places = [
      { at: 40, how: 'keyboard', key: 'c', label: 'claim' },
      { at: Math.floor(text.length / 2), how: 'mouse', key: 'q', label: 'quote' },
      { at: Math.floor(text.length / 2) + 3_000, how: 'keyboard', key: 'd', label: 'date' },
      { at: text.length - 300, how: 'mouse', key: 's', label: 'speaker' },
    ];
    const made = [];
    for (const p of places) {
      const span = wordsAt(text, p.at, 3);
      made.push({ ...(await annotate(page, text, span, p.how, p.key)), label: p.label, u16: span });
    }

    // Across the boundary between two chunks of paragraphs, three quarters in: from the last
    // two words of a chunk's last paragraph to the first two of the next chunk's first.
    await scrollOffsetIntoView(page, Math.floor((text.length * 3) / 4));
    const boundary = await article(page).evaluate((region, near) => {
      const chunks = [...region.querySelectorAll('.article-body > .chunk')];
      const starts = chunks.map((c) => Number(c.querySelector('p').getAttribute('data-o')));
      const k = starts.findIndex((s) => s > near);
      return starts[k];
    }, Math.floor((text.length * 3) / 4));
    expect(text[boundary - 1]).toBe('\n');
    const before = text.slice(0, boundary - 1).match(/(\S+\s+\S+)\s*$/);
    const from = boundary - 1 - before[0].length;
    const across = { start: from, end: wordsAt(text, boundary, 2).end };
    expect(text.slice(across.start, across.end)).toContain('\n');
    made.push({ ...(await annotate(page, text, across, 'mouse', '3')), label: 'claim', u16: across });
    const { json } = await exportJson(page);
    expect(json.document.text === text, 'the exported text is the text').toBe(true);
    expect(json.annotations).toHaveLength(20_000 + made.length);
    // Every annotation's code point offsets hold its text, at grapheme boundaries.
    await checkLargeExport(json);
    for (const m of made) {
      const a = exported(json, m.label, m);
      expect(a, `${m.label} ${JSON.stringify(m.text)} exported at ${m.start}..${m.end}`).toBeTruthy();
      expect(a.text).toBe(m.text);
      // and its highlight shows exactly it, wherever it is, once scrolled to
      await scrollOffsetIntoView(page, m.u16.start);
      await expect
        .poll(async () => (await marksOf(page, a.id).allTextContents()).join(''))
        .toBe(m.text.replace(/\n/g, ''));
    }

    // A fast scroll from the top by the mouse wheel (Chromium's own wheel gesture: a scroll
    // event each frame, several screens apart): where it stops, the highlights are drawn (while
    // it flies, only the text is; they come once the scrolling settles).
    await page.evaluate(() => window.scrollTo(0, 0));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.synthesizeScrollGesture', {
      x: 300,
      y: 400,
      yDistance: -150_000,
      speed: 200_000,
      gestureSourceType: 'mouse',
      preventFling: true,
    });
    const stoppedAt = await page.evaluate(() => window.scrollY);
    expect(stoppedAt, 'the fling went a long way down').toBeGreaterThan(100_000);
    await expect
      .poll(
        () =>
          article(page).evaluate((region) =>
            [...region.querySelectorAll('mark')].some((m) => {
              const r = m.getBoundingClientRect();
              return r.bottom > 0 && r.top < innerHeight;
            }),
          ),
        { message: 'highlights in view where the fling stopped' },
      )
      .toBe(true);

    // The book is saved (a slice of its annotations at a time) and comes back whole.
    await expect(saveState(page)).toHaveText('Saved', { timeout: 60_000 });
    await page.reload();
    await expect(article(page).locator('p').first()).toBeVisible({ timeout: 60_000 });
    await built(page);
    const { json: again } = await exportJson(page);
    expect(again.document.text === text, 'the reopened text is the text').toBe(true);
    expect(JSON.stringify(again.annotations) === JSON.stringify(json.annotations), 'every annotation comes back').toBe(true);
  });

  test('a single paragraph of 1,000,000 characters: laid out in blocks, annotated at the start, middle and end, exported exactly', async ({
    page,
  }) => {
    test.setTimeout(300_000);
    // One line: sentences of our own with accents, CJK and an emoji now and then.
    const sentences = [
      'The transcript runs on without a break, as pasted from a PDF. ',
      'Ms Øvergård said “the ferry will sail at dawn” and left the hall. ',
      'Nobody asked about the 中文 sign 🚢 on the pier, or the résumé. ',
      'Then the chair spoke again, slowly, about the budget for the harbour. ',
    ];
    let text = '';
    for (let i = 0; text.length < 1_000_000; i += 1) text += sentences[(i * 7) % 4];
    text += 'The very last words of the line.';
    expect(text).not.toContain('\n');
    await page.goto('/');
    await pasteInto(page, page.getByRole('textbox', { name: 'Article text' }), text);
    await page.getByRole('button', { name: 'Annotate' }).click();
    await expect(article(page).locator('p').first()).toBeVisible({ timeout: 60_000 });
    await built(page);

    // Blocks of about 2,000 bytes that join: the first open-ended, the others continuations.
    const blocks = article(page).locator('p');
    expect(await blocks.count()).toBeGreaterThan(400);
    await expect(blocks.first()).toHaveClass('open');
    await expect(blocks.nth(1)).toHaveClass('cont open');
    await expect(blocks.last()).toHaveClass('cont');
    expect((await renderedText(page)) === text, 'the article shows the text').toBe(true);

    const made = [];
    const at = [
      { span: wordsAt(text, 10, 2), how: 'keyboard', key: 's', label: 'speaker' },
      { span: wordsAt(text, 500_000, 4), how: 'mouse', key: 'q', label: 'quote' },
      { span: wordsAt(text, text.length - 25, 3), how: 'mouse', key: 'c', label: 'claim' },
    ];
    for (const p of at) {
      made.push({ ...(await annotate(page, text, p.span, p.how, p.key)), label: p.label, u16: p.span });
    }
    // A span across two blocks: from the last word of the first block into the second.
    const second = Number(await blocks.nth(1).getAttribute('data-o'));
    const across = { start: text.lastIndexOf(' ', second - 2) + 1, end: wordsAt(text, second, 2).end };
    made.push({ ...(await annotate(page, text, across, 'mouse', '4')), label: 'date', u16: across });

    const { json } = await exportJson(page);
    expect(json.document.text === text).toBe(true);
    await checkLargeExport(json);
    expect(json.annotations).toHaveLength(made.length);
    for (const m of made) {
      const a = exported(json, m.label, m);
      expect(a, `${m.label} ${JSON.stringify(m.text)} exported at ${m.start}..${m.end}`).toBeTruthy();
      await scrollOffsetIntoView(page, m.u16.start);
      await expect.poll(async () => (await marksOf(page, a.id).allTextContents()).join('')).toBe(m.text);
    }
  });

  test("a screen reader reads the article's text in order, drawn and undrawn chunks alike", async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    const { doc, text } = generate({ words: 40_000, annotations: 2_000 });
    const file = testInfo.outputPath('long.json');
    writeFileSync(file, JSON.stringify(doc));
    await page.goto('/');
    await importWithChooser(page, file);
    await built(page);
    // In the middle: chunks above and below show their text only, some are skipped by layout.
    await scrollOffsetIntoView(page, Math.floor(text.length / 2));
    await expect.poll(() => article(page).locator('mark').count()).toBeGreaterThan(0);
    const plain = await article(page).evaluate(
      (region) => [...region.querySelectorAll('.chunk')].filter((c) => !c.querySelector('mark')).length,
    );
    expect(plain, 'chunks far from the viewport show their text only').toBeGreaterThan(4);

    // The accessibility tree, as Chromium gives it to screen readers: the text under the
    // article body, in tree order.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Accessibility.enable');
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const byId = new Map(nodes.map((n) => [n.nodeId, n]));
    const body = nodes.find((n) => n.role?.value === 'textbox' && n.name?.value === 'Article body');
    expect(body, 'the article body is in the accessibility tree').toBeTruthy();
    const parts = [];
    const walk = (n) => {
      if (n.role?.value === 'StaticText') {
        parts.push(n.name?.value ?? '');
        return;
      }
      for (const id of n.childIds ?? []) {
        const c = byId.get(id);
        if (c) walk(c);
      }
    };
    walk(body);
    const read = parts.join('');
    const expected = text.replace(/\n+/g, '');
    expect(read.length).toBe(expected.length);
    expect(read === expected, 'the accessibility tree reads the text in order').toBe(true);
  });

  test('a large file is read a slice at a time: after a second its progress shows, then the article opens whole', async ({
    page,
  }, testInfo) => {
    test.setTimeout(240_000);
    const { doc } = generate({ words: 100_000, annotations: 99_000 });
    const file = testInfo.outputPath('many.json');
    writeFileSync(file, JSON.stringify(doc));
    await page.goto('/');
    // A slow machine: the CPU at a fortieth of its speed, so the reading takes seconds.
    const cdp = await page.context().newCDPSession(page);
    // What the bar says in each painted frame while it shows (it may be gone by the time a
    // locator could read it).
    await page.evaluate(() => {
      window.__shown = [];
      const tick = () => {
        const bar = document.querySelector('progress');
        if (bar && getComputedStyle(bar).visibility === 'visible') window.__shown.push([bar.value, bar.max]);
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 40 });
    await importWithChooser(page, file);
    const progress = page.getByRole('progressbar', { name: 'Reading many.json' });
    await expect(progress).toBeVisible({ timeout: 120_000 });
    await expect(progress).toHaveCount(0, { timeout: 120_000 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const shown = await page.evaluate(() => window.__shown);
    expect(shown.length, 'the bar was painted').toBeGreaterThan(0);
    expect(shown.every(([, max]) => max === 99_000)).toBe(true);
    expect(
      shown.some(([done, max]) => done > 0 && done < max),
      `part of the way: ${JSON.stringify(shown)}`,
    ).toBe(true);
    await built(page);
    await expect.poll(() => annotationCount(page), { timeout: 60_000 }).toBe(99_000);
    await expect(statusBox(page)).toContainText('Imported many.json.');
  });
});
