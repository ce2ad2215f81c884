// Playwright configuration for the Article Annotator end-to-end tests.
// The tests run against the release build in dist/ (made by
// `trunk build --release --offline`), served by the dependency-free
// e2e/serve.mjs. The browser is Debian's /usr/bin/chromium: nothing is ever
// downloaded (never run `playwright install`).
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/chromium.mjs';

const PORT = Number.parseInt(process.env.E2E_PORT || '4173', 10);
const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: 'e2e',
  testMatch: /.*\.spec\.mjs$/,
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1, // 2 cores: one browser at a time
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // `list` for people; the JSON report lets scripts/test.sh print a plain
  // "N passed, N failed" closing line.
  reporter: [['list'], ['json', { outputFile: 'playwright-report/e2e-results.json' }]],
  use: {
    baseURL: BASE_URL,
    acceptDownloads: true,
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    command: 'node e2e/serve.mjs',
    env: { PORT: String(PORT), ...(process.env.DIST ? { DIST: process.env.DIST } : {}) },
    url: `${BASE_URL}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
