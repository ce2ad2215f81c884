// What the one-off measuring scripts (edit-trace.mjs, frame-commit.mjs, save-tasks.mjs) share:
// the release build served by e2e/serve.mjs, Debian's Chromium, and a file of ours imported and
// built before anything is measured.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Serves `dist` on `port`, opens the app in a fresh Chromium (`args` added to the e2e flags;
 * `bypassCSP` lets a measurement add a style sheet) and imports `file` through the Import
 * button, waiting until the whole article is built. `close()` ends the browser and the server.
 */
export async function openWithFile(file, { dist, port, viewport = { width: 1280, height: 900 }, args = [], bypassCSP = false }) {
  const server = spawn(process.execPath, [path.join(here, '..', 'e2e', 'serve.mjs')], {
    env: { ...process.env, PORT: String(port), DIST: dist },
    stdio: 'ignore',
  });
  const close = async () => {
    await browser?.close();
    server.kill();
  };
  let browser;
  try {
    await new Promise((r) => setTimeout(r, 500));
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...args] });
    const page = await browser.newPage({ viewport, bypassCSP });
    await page.goto(`http://127.0.0.1:${port}/`);
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.locator('header button', { hasText: /^Import/ }).first().click(),
    ]);
    await chooser.setFiles(file);
    await page.waitForFunction(
      () => document.querySelector('.article-body') && !document.querySelector('.article-body[aria-busy="true"]'),
      null,
      { timeout: 300_000 },
    );
    return { browser, page, close };
  } catch (e) {
    await close();
    throw e;
  }
}
