// How the end-to-end tests and the benchmark launch Debian's Chromium: one list, so both
// run the browser the same way. Nothing is ever downloaded (never run `playwright install`).
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];
