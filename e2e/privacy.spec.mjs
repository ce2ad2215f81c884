// Privacy and markup safety: the page's Content-Security-Policy is strict and
// enforced; a whole session (paste, annotate, labels, notes, exports, import,
// library, reload, Who said what) asks nothing of any origin but the app's
// own; and markup typed or imported anywhere (article, title, label names,
// notes) stays text.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import {
  test,
  testExpectingErrors,
  expect,
  annotateWithKey,
  annotationItems,
  annotationList,
  article,
  checkEditedExport,
  closeLibrary,
  cp,
  downloadFrom,
  expectConsoleErrors,
  exportFormat,
  exportJson,
  importWithChooser,
  keyboardSelectRange,
  findText,
  labelsDialog,
  libraryDialog,
  libraryItem,
  openLabelEditor,
  openLibrary,
  openWhoSaidWhat,
  pasteInto,
  renderedText,
  selectedPanel,
  statusBox,
  whoSaidWhatDialog,
  menuItem,
} from './helpers.mjs';

/** Parses a CSP string into { directive: [sources] }; fails on a repeated directive. */
function parseCsp(policy) {
  const out = {};
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/).filter(Boolean);
    if (!name) continue;
    const key = name.toLowerCase();
    expect(out[key], `directive ${key} given twice (the second is ignored)`).toBeUndefined();
    out[key] = sources;
  }
  return out;
}

test('the Content-Security-Policy meta is strict, comes first, and hashes exactly the inline scripts', async ({
  page,
  request,
}) => {
  await page.goto('/');
  await expect(page.getByRole('textbox', { name: 'Article text' })).toBeVisible();
  const metas = page.locator('meta[http-equiv="Content-Security-Policy" i]');
  await expect(metas).toHaveCount(1);
  const policy = await metas.getAttribute('content');
  expect(policy).not.toContain('__CSP'); // the build filled in its placeholder
  const csp = parseCsp(policy);

  expect(csp['default-src']).toEqual(["'none'"]);
  expect([["'self'"], ["'none'"]], `connect-src ${csp['connect-src']}`).toContainEqual(csp['connect-src']);
  expect(csp['object-src']).toEqual(["'none'"]);
  const script = csp['script-src'];
  expect(script, 'script-src must be given').toBeDefined();
  expect(script).toContain("'wasm-unsafe-eval'");
  for (const bad of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'strict-dynamic'", '*', 'data:', 'blob:', 'http:', 'https:']) {
    expect(script, `script-src allows ${bad}`).not.toContain(bad);
  }
  // Nothing but the page's own files and hashed inline scripts.
  for (const s of script) {
    expect(s, `unexpected script source ${s}`).toMatch(/^('self'|'wasm-unsafe-eval'|'sha(256|384|512)-[A-Za-z0-9+/]+=*')$/);
  }
  // No directive lets the page reach another host.
  for (const [name, sources] of Object.entries(csp)) {
    for (const s of sources) {
      expect(s, `${name} allows ${s}`).not.toMatch(/^(\*|https?:|wss?:|[a-z0-9.-]+\.[a-z]{2,}|\*\.)/i);
    }
  }

  // The served page: the policy comes before any script or stylesheet (a
  // meta policy only covers what follows it), and its hashes are exactly those
  // of the inline scripts.
  const html = await (await request.get('/')).text();
  const metaAt = html.search(/<meta[^>]+http-equiv="Content-Security-Policy"/i);
  expect(metaAt).toBeGreaterThan(-1);
  for (const tag of ['<script', '<link']) {
    const at = html.toLowerCase().indexOf(tag);
    if (at >= 0) expect(metaAt, `${tag} before the policy`).toBeLessThan(at);
  }
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)]
    .map((m) => m[1])
    .filter((body) => body.trim() !== '');
  expect(inline.length).toBeGreaterThan(0);
  const hashes = inline.map((body) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  expect(script.filter((s) => s.startsWith("'sha")).sort()).toEqual([...hashes].sort());
});

testExpectingErrors('the policy is enforced: injected script, inline handlers, string timers and a foreign fetch are refused', async ({
  page,
}) => {
  // Each refusal is reported in the console, as Chromium does for CSP violations.
  expectConsoleErrors(page, /Content Security Policy/);
  const violations = [];
  await page.exposeFunction('__reportViolation', (v) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__reportViolation(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.goto('/');
  await expect(page.getByRole('textbox', { name: 'Article text' })).toBeVisible();
  expect(violations, 'the app itself broke its own policy').toEqual([]);

  // (Code evaluated by the test itself is exempt from the page's policy, so
  // each attempt below leaves code for the page to compile later, in its own
  // context: an inline <script>, an inline event handler, a string timer.)
  const result = await page.evaluate(async () => {
    const out = {};
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true;';
    document.body.append(s);
    const b = document.createElement('button');
    b.setAttribute('onclick', 'window.__handlerRan = true');
    document.body.append(b);
    b.click();
    b.remove();
    setTimeout('window.__timerRan = true', 0);
    await new Promise((r) => setTimeout(r, 50));
    try {
      await fetch('http://127.0.0.2:9/leak?x=1', { mode: 'no-cors' });
      out.fetch = 'sent';
    } catch (e) {
      out.fetch = e.name;
    }
    out.inlineRan = window.__inlineRan === true;
    out.handlerRan = window.__handlerRan === true;
    out.timerRan = window.__timerRan === true;
    return out;
  });
  expect(result).toEqual({ inlineRan: false, handlerRan: false, timerRan: false, fetch: 'TypeError' });
  await expect.poll(() => violations.length).toBeGreaterThanOrEqual(4);
  expect(violations.join('\n')).toMatch(/script-src/);
  expect(violations.join('\n')).toMatch(/connect-src/);
});

test('a whole session asks nothing of any other origin', async ({ page, context, baseURL }, testInfo) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const origin = new URL(baseURL).origin;
  const seen = [];
  const record = (kind) => (r) => seen.push(`${kind} ${r.method()} ${r.url()}`);
  page.on('request', record('page'));
  context.on('request', record('context'));
  page.on('websocket', (ws) => seen.push(`websocket ${ws.url()}`));
  page.on('worker', (w) => seen.push(`worker ${w.url()}`));
  context.on('serviceworker', (w) => seen.push(`serviceworker ${w.url()}`));

  // Paste an article.
  await page.goto('/');
  const text = [
    'Harbourmaster Ines Quill said “the pier 🌊 stays open all winter” on Friday.',
    'Ferry clerk Tomasz Orrin said the timetable changes in March.',
  ].join('\n');
  await page.getByRole('textbox', { name: 'Title' }).fill('Pier privacy');
  await pasteInto(page, page.getByRole('textbox', { name: 'Article text' }), text);
  await page.getByRole('button', { name: 'Annotate' }).click();
  await expect(article(page)).toBeVisible();

  // Annotate by keyboard and by mouse.
  const speaker = await findText(page, 'Harbourmaster Ines Quill');
  await keyboardSelectRange(page, speaker.start, speaker.end);
  await page.keyboard.press('2');
  await expect(annotationItems(page)).toHaveCount(1);
  await annotateWithKey(page, '“the pier 🌊 stays open all winter”', '1');
  await annotateWithKey(page, 'Tomasz Orrin', '2');

  // A note on the selected annotation.
  await annotateWithKey(page, 'March', '4');
  await selectedPanel(page).getByRole('textbox', { name: 'Note' }).fill('Check the spring timetable');
  await selectedPanel(page).getByRole('button', { name: 'Save note' }).click();
  await expect(annotationItems(page).filter({ hasText: 'Note: Check the spring timetable' })).toHaveCount(1);

  // The label editor: add a label and use it.
  const dialog = await openLabelEditor(page);
  await dialog.getByRole('textbox', { name: 'New label name' }).fill('source');
  await dialog.getByRole('textbox', { name: 'New label key' }).fill('5');
  await dialog.getByRole('button', { name: 'Add label' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Name of source' })).toHaveValue('source');
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(labelsDialog(page)).toHaveCount(0);
  await annotateWithKey(page, 'Ferry clerk', '5');

  // Who said what.
  await openWhoSaidWhat(page);
  await page.keyboard.press('Escape');
  await expect(whoSaidWhatDialog(page)).toHaveCount(0);

  // Exports: JSON, Copy JSON, and the other formats.
  const exported = await downloadFrom(page, () => menuItem(page, 'Export', 'Export JSON').then((b) => b.click()));
  expect(exported.filename).toBe('pier-privacy.annotations.json');
  await (await menuItem(page, 'Export', 'Copy JSON')).click();
  await expect(statusBox(page)).toContainText('Copied');
  for (const name of ['Export CSV', 'Export W3C Web Annotation', 'Export brat standoff', 'Export CoNLL BIO', 'Export Label Studio']) {
    await exportFormat(page, name);
  }

  // Import the exported file with the real file chooser.
  const file = testInfo.outputPath('pier-privacy.annotations.json');
  await writeFile(file, exported.bytes);
  await importWithChooser(page, file);
  await expect(statusBox(page)).toContainText('Imported pier-privacy.annotations.json');
  await expect(annotationItems(page)).toHaveCount(5);

  // The library: open the other copy.
  await openLibrary(page);
  await expect(libraryItem(page, 'Pier privacy')).toHaveCount(2);
  await libraryItem(page, 'Pier privacy').first().getByRole('button', { name: 'Open Pier privacy', exact: true }).click();
  await expect(libraryDialog(page)).toHaveCount(0);
  await expect(article(page)).toBeVisible();
  await openLibrary(page);
  await closeLibrary(page);

  // Reload: autosave brings the article back.
  await page.reload();
  await expect(statusBox(page)).toContainText('Opened “Pier privacy”');
  await expect(annotationItems(page)).toHaveCount(5);
  await page.waitForLoadState('networkidle');

  await testInfo.attach('requests.txt', { body: seen.join('\n'), contentType: 'text/plain' });
  const distinct = [...new Set(seen.map((line) => line.split(' ').slice(1).join(' ')))];
  console.log(`${seen.length} requests during the session; distinct:\n  ${distinct.join('\n  ')}`);
  const urls = seen.map((s) => s.split(' ').pop());
  // The recording worked: the page, its script and wasm were seen, twice (load and reload).
  expect(urls.filter((u) => u === `${origin}/`).length, seen.join('\n')).toBeGreaterThanOrEqual(2);
  expect(urls.some((u) => u.endsWith('.wasm'))).toBe(true);
  const foreign = seen.filter((line) => {
    const u = line.split(' ').pop();
    if (u.startsWith('data:')) return false;
    const o = u.startsWith('blob:') ? new URL(u.slice(5)).origin : new URL(u).origin;
    return o !== origin;
  });
  expect(foreign, `requests to other origins; everything requested:\n${seen.join('\n')}`).toEqual([]);
});

// Markup that must never be interpreted, wherever it is shown.
const IMG = '<img src=x onerror=window.__pwned=1>';
const SCRIPT = '<script>window.__pwned=2</script>';
const JS_URL = 'javascript:alert(1)';
const TEMPLATE = '{{7*7}}';
/** 7*7 worked out: a 49 that is not part of a longer number or of a time. */
const EVALUATED = /(?<![\d:])49(?!\d)/;

/** The app's UI holds no element that markup could have made, and nothing ran. */
async function expectNoMarkupRan(page) {
  // A would-be handler gets its chance to run first.
  await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  const found = await page.evaluate(() => {
    const roots = [document.getElementById('app'), document.getElementById('panic')].filter(Boolean);
    const out = [];
    for (const root of roots) {
      for (const el of root.querySelectorAll('img, script, iframe, object, embed, svg, math, form[action], base')) {
        out.push(`<${el.tagName.toLowerCase()}>`);
      }
      for (const el of root.querySelectorAll('*')) {
        for (const a of el.attributes) {
          if (/^on/i.test(a.name)) out.push(`${el.tagName.toLowerCase()}[${a.name}]`);
          // A javascript: URL where the browser would follow or load it (as text in
          // a title or data attribute it is harmless).
          const urlAttr = /^(href|src|srcset|action|formaction|xlink:href|data|poster|background)$/i.test(a.name);
          if (urlAttr && /^\s*javascript:/i.test(a.value)) {
            out.push(`${el.tagName.toLowerCase()}[${a.name}=${a.value}]`);
          }
        }
      }
    }
    return out;
  });
  expect(found, 'elements or attributes made from markup').toEqual([]);
  // "{{7*7}}" is never evaluated by a template engine. (A 49 that is part of a longer number or of
  // a time, such as the library's "09:49", is not one.)
  expect(await page.locator('#app').innerText()).not.toMatch(EVALUATED);
}

test('markup stays text: article, title, label names, notes and an imported file', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const text = [
    `Payload one: ${IMG} in the text.`,
    `Payload two: ${SCRIPT} in the text.`,
    `Payload three: ${JS_URL} and ${TEMPLATE} and \${7*7} in the text.`,
    '<b>bold?</b> <a href="javascript:alert(1)">link</a> <iframe src="javascript:alert(1)"></iframe> end.',
  ].join('\n');
  expect(text).not.toMatch(EVALUATED);
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Title' }).fill(`${SCRIPT} ${TEMPLATE}`);
  await page.getByRole('textbox', { name: 'Article text' }).fill(text);
  await page.getByRole('button', { name: 'Annotate' }).click();
  await expect(article(page)).toBeVisible();
  expect(await renderedText(page)).toBe(text);
  for (const s of [IMG, SCRIPT, JS_URL, TEMPLATE, '<iframe src="javascript:alert(1)"></iframe>']) {
    await expect(article(page)).toContainText(s);
  }
  await expectNoMarkupRan(page);

  // Annotate the markup itself.
  await annotateWithKey(page, IMG, '1');
  await expect(annotationList(page)).toContainText(IMG);

  // A label named like markup, used on "{{7*7}}".
  const dialog = await openLabelEditor(page);
  await dialog.getByRole('textbox', { name: 'New label name' }).fill(IMG);
  await dialog.getByRole('textbox', { name: 'New label key' }).fill('5');
  await dialog.getByRole('button', { name: 'Add label' }).click();
  await expect(dialog.getByRole('textbox', { name: `Name of ${IMG}` })).toHaveValue(IMG);
  await expectNoMarkupRan(page);
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(labelsDialog(page)).toHaveCount(0);
  await expect(page.getByRole('toolbar', { name: 'Labels' })).toContainText(IMG);
  await annotateWithKey(page, TEMPLATE, '5');
  await expect(annotationList(page)).toContainText(TEMPLATE);
  await expect(annotationList(page)).toContainText(IMG);

  // A note that is a script.
  await selectedPanel(page).getByRole('textbox', { name: 'Note' }).fill(SCRIPT);
  await selectedPanel(page).getByRole('button', { name: 'Save note' }).click();
  await expect(annotationItems(page).filter({ hasText: `Note: ${SCRIPT}` })).toHaveCount(1);
  await expect(selectedPanel(page)).toContainText(IMG); // the label's name, shown in the panel
  await expectNoMarkupRan(page);

  // The title, in the library.
  await openLibrary(page);
  await expect(libraryDialog(page)).toContainText(`${SCRIPT} ${TEMPLATE}`);
  await expectNoMarkupRan(page);
  await closeLibrary(page);

  // Who said what shows label and span texts too.
  await openWhoSaidWhat(page);
  await expectNoMarkupRan(page);
  await page.keyboard.press('Escape');

  // The export keeps every string exactly.
  const { json } = await exportJson(page);
  await checkEditedExport(json);
  expect(json.document.title).toBe(`${SCRIPT} ${TEMPLATE}`);
  expect(json.labels.map((l) => l.name)).toContain(IMG);
  const templ = json.annotations.find((a) => a.text === TEMPLATE);
  expect(templ).toMatchObject({ label: IMG, note: SCRIPT });

  // An imported file with markup in its title, text, label names and notes.
  const itext = [
    `Imported: ${SCRIPT} and ${IMG} here.`,
    `Link: ${JS_URL} and template ${TEMPLATE} here.`,
  ].join('\n');
  const span = (label, needle, note) => {
    const u = itext.indexOf(needle);
    return { label, start: cp(itext, u), end: cp(itext, u + needle.length), text: needle, ...(note ? { note } : {}) };
  };
  const LABEL_SCRIPT = '<script>window.__pwned=3</script>';
  const LABEL_IMG = '<img src=y onerror=window.__pwned=4>';
  const imported = {
    format: 'article-annotator',
    version: 1,
    document: { title: `${IMG} ${JS_URL} ${TEMPLATE}`, text: itext },
    labels: [
      { name: LABEL_SCRIPT, color: '#FFE08A', key: '1' },
      { name: LABEL_IMG, color: '#A8D8FF', key: '2' },
      { name: JS_URL, color: '#FFB8C6', key: '3' },
      { name: TEMPLATE, color: '#B9EDB0', key: '4' },
    ],
    annotations: [
      { id: 'a1', ...span(LABEL_SCRIPT, SCRIPT, IMG) },
      { id: 'a2', ...span(LABEL_IMG, IMG, SCRIPT) },
      { id: 'a3', ...span(JS_URL, JS_URL, JS_URL) },
      { id: 'a4', ...span(TEMPLATE, TEMPLATE, TEMPLATE) },
    ].sort((a, b) => a.start - b.start),
    relations: [],
  };
  const file = testInfo.outputPath('markup.annotations.json');
  await writeFile(file, JSON.stringify(imported, null, 2));
  await importWithChooser(page, file);
  await expect(statusBox(page)).toContainText('Imported markup.annotations.json');
  await expect(annotationItems(page)).toHaveCount(4);
  expect(await renderedText(page)).toBe(itext);
  const toolbar = page.getByRole('toolbar', { name: 'Labels' });
  // The toolbar capitalises a label's first letter ("Javascript:alert(1) (3)"), as it shows "Quote (1)".
  const literally = (str) => new RegExp(str.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  for (const name of [LABEL_SCRIPT, LABEL_IMG, JS_URL, TEMPLATE]) {
    await expect(toolbar).toContainText(literally(name));
  }
  for (const note of [IMG, SCRIPT, JS_URL, TEMPLATE]) {
    await expect(annotationItems(page).filter({ hasText: `Note: ${note}` }).first()).toBeVisible();
  }
  await expectNoMarkupRan(page);
  // Each annotation's panel shows its label and note.
  await annotationList(page).getByRole('listitem').first().getByRole('button').first().click();
  await expect(selectedPanel(page)).toBeVisible();
  await expectNoMarkupRan(page);
  await openLibrary(page);
  await expect(libraryDialog(page)).toContainText(`${IMG} ${JS_URL} ${TEMPLATE}`);
  await expectNoMarkupRan(page);
  await closeLibrary(page);
  await openWhoSaidWhat(page);
  await expectNoMarkupRan(page);
  await page.keyboard.press('Escape');

  const again = await exportJson(page);
  await checkEditedExport(again.json);
  expect(again.json.document).toEqual(imported.document);
  expect(again.json.labels).toEqual(imported.labels);
  expect(again.json.annotations.map(({ label, text: t, note }) => ({ label, text: t, note }))).toEqual(
    imported.annotations.map(({ label, text: t, note }) => ({ label, text: t, note })),
  );
  // The tab's title names the article, as text: the markup in it is shown, never run.
  await expect(page).toHaveTitle(`${imported.document.title} — Article Annotator`);
});
