// Another tool's files imported on a fresh page: from the files chosen to the import preview
// shown, and the page's longest task meanwhile (PerformanceObserver 'longtask'), three fresh
// contexts per build. A measurement, not a test. The brat pair is made from a bench article:
//
//   node -e "import('./bench/generate.mjs').then(m => m.writeCase(100000, 9900))"
//   node bench/import-probe.mjs DIST PORT   (reads /tmp/bratbig/big.txt and big.ann; see below)
//
// Make the pair (code-point offsets, as brat counts):
//   node -e "const fs=require('fs');const d=JSON.parse(fs.readFileSync('bench/data/article-100000w-9900a.json','utf8'));
//     const t=d.document.text,c=Array.from(t);fs.mkdirSync('/tmp/bratbig',{recursive:true});fs.writeFileSync('/tmp/bratbig/big.txt',t);
//     fs.writeFileSync('/tmp/bratbig/big.ann',d.annotations.map((a,i)=>`T${i+1}\t${a.label} ${a.start} ${a.end}\t${c.slice(a.start,a.end).join('')}\n`).join(''))"
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
const [dist, port] = process.argv.slice(2);
const server = spawn(process.execPath, [new URL('../e2e/serve.mjs', import.meta.url).pathname], { env: { ...process.env, PORT: port, DIST: dist }, stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 800));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
try {
  const out = [];
  for (let i = 0; i < 3; i++) {
    const ctx = await browser.newContext({ serviceWorkers: 'block' });
    const page = await ctx.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.getByRole('button', { name: 'Annotate' }).waitFor();
    await page.evaluate(() => { window.__long = 0; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long = Math.max(window.__long, e.duration); }).observe({ type: 'longtask', buffered: false }); });
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('banner').getByRole('button', { name: 'Import', exact: true }).click()]);
    await page.waitForTimeout(1000); // a person choosing the files
    const t0 = Date.now();
    await chooser.setFiles(['/tmp/bratbig/big.txt', '/tmp/bratbig/big.ann']);
    await page.getByRole('dialog', { name: 'Import preview' }).waitFor({ timeout: 60000 });
    const shown = Date.now() - t0;
    await page.waitForTimeout(300);
    const long = await page.evaluate(() => window.__long);
    out.push(`${shown}/${Math.round(long)}`);
    await ctx.close();
  }
  console.log(dist, 'file chosen to preview shown / longest task, ms:', out.join(' '));
} finally { await browser.close(); server.kill(); }
