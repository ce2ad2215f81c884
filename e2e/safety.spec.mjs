// Hints, keyboard handling in text fields, markup safety, and network use.
import {
  test,
  expect,
  annotationItems,
  article,
  checkExport,
  dragSelectText,
  exportJson,
  findAnnotation,
  labelButton,
  openWithText,
  renderedText,
  statusBox,
  editText,
  menuItem,
  toggleSnap,
} from './helpers.mjs';
import { XSS_TEXT } from './fixtures/texts.mjs';

test('pressing 1 with no selection shows a hint and adds nothing', async ({ page }) => {
  await openWithText(page, 'Nothing is selected in this short article.');
  await page.keyboard.press('1');
  await expect(statusBox(page)).toContainText('Select');
  await expect(annotationItems(page)).toHaveCount(0);
  await expect(article(page).locator('mark')).toHaveCount(0);
  // The Quote button says the same.
  await labelButton(page, 'quote').click();
  await expect(statusBox(page)).toContainText('Select');
  await expect(annotationItems(page)).toHaveCount(0);
});

test('label keys type normally inside the text fields', async ({ page }) => {
  await page.goto('/');
  const box = page.getByRole('textbox', { name: 'Article text' });
  await box.click();
  await page.keyboard.type('q1 s2 c3 d4');
  await expect(box).toHaveValue('q1 s2 c3 d4');
  const title = page.getByRole('textbox', { name: 'Title' });
  await title.click();
  await page.keyboard.type('Q4d');
  await expect(title).toHaveValue('Q4d');
});

test('markup in the article is shown as text, never run', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openWithText(page, `${XSS_TEXT}\nSecond line <b>bold?</b> & more.`, {
    title: '<script>window.__pwned=2</script>',
  });
  await expect(article(page)).toContainText(XSS_TEXT);
  await expect(article(page)).toContainText('<b>bold?</b> & more.');
  await expect(article(page).locator('img')).toHaveCount(0);
  await expect(article(page).locator('b')).toHaveCount(0);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(await renderedText(page)).toBe(`${XSS_TEXT}\nSecond line <b>bold?</b> & more.`);

  // Annotating the markup keeps it literal too.
  await dragSelectText(page, '<img src=x');
  await labelButton(page, 'quote').click();
  await expect(annotationItems(page).first()).toContainText('<img src=x');
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  const { json } = await exportJson(page);
  await checkExport(json);
  findAnnotation(json, 'quote', '<img src=x');
  expect(json.document.title).toBe('<script>window.__pwned=2</script>');

  // Give a would-be onerror handler time to fire.
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(errors).toEqual([]);
});

test('a whole session makes requests to the app origin only', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL).origin;
  expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/); // 4173 unless E2E_PORT is set
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  page.on('websocket', (ws) => requests.push(ws.url()));

  await page.goto('/');
  await page.getByRole('button', { name: 'Load sample article' }).click();
  await page.getByRole('button', { name: 'Annotate' }).click();
  await expect(article(page)).toBeVisible();
  const rendered = await renderedText(page);
  const word = /[A-Za-z]{5,}/.exec(rendered)[0];
  await dragSelectText(page, word);
  await page.keyboard.press('1');
  await expect(annotationItems(page)).toHaveCount(1);
  await toggleSnap(page);
  await (await menuItem(page, 'Export', 'Copy JSON')).click();
  await exportJson(page);
  await annotationItems(page).first().getByRole('button').first().click();
  await editText(page);
  await page.getByRole('button', { name: 'Annotate' }).click();
  await expect(article(page)).toBeVisible();
  await annotationItems(page).first().getByRole('button', { name: 'Delete' }).click();
  await expect(annotationItems(page)).toHaveCount(0);
  await page.waitForTimeout(500);

  expect(requests.length, 'the listener saw the page load').toBeGreaterThan(0);
  expect(requests.some((u) => u.endsWith('.wasm'))).toBe(true);
  const foreign = requests.filter((u) => {
    if (u.startsWith('data:')) return false;
    const o = u.startsWith('blob:') ? new URL(u.slice(5)).origin : new URL(u).origin;
    return o !== origin;
  });
  expect(foreign, `requests to other origins:\n${foreign.join('\n')}`).toEqual([]);
});
