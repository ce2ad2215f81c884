// Suggest from key to the suggestions' status line, six times on one page (Escape between): the
// first Suggest starts the worker's rules cold, the later ones show what each Suggest costs
// again (sending the text, the rules, the review on the page). A measurement, not a test.
//
//   node bench/suggest-probe.mjs DIST FILE [PORT]
//   e.g. alternate two builds: for r in 1 2; do for d in /tmp/a /tmp/b; do
//          node bench/suggest-probe.mjs $d bench/data/article-100000w-9900a.json; done; done
import { openWithFile } from './probe.mjs';

const [dist, file, port = '4410'] = process.argv.slice(2);
if (!dist || !file) throw new Error('usage: node bench/suggest-probe.mjs DIST FILE [PORT]');
const { page, close } = await openWithFile(file, { dist, port: Number(port) });
try {
  await page.waitForTimeout(3000); // the import's storing; the worker started a second after
  const times = [];
  for (let i = 0; i < 6; i++) {
    await page.evaluate(() => document.querySelector('[aria-label="Article body"]')?.focus());
    const t0 = Date.now();
    await page.keyboard.press('g');
    await page.waitForFunction(() => /suggestions?: |No new suggestions/.test(document.body.innerText), null, {
      timeout: 30_000,
      polling: 5,
    });
    times.push(Date.now() - t0);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(800);
  }
  console.log(`${dist}: key G to suggestions shown, ms: ${times.join(' ')}`);
} finally {
  await close();
}
