// Trunk post_build hook: minifies wasm-bindgen's JS glue in release builds (Trunk's own
// `minify` covers the HTML and CSS but not the glue), with terser from node_modules. Debug
// builds keep the readable glue. Nothing is fetched: terser is a devDependency (package.json).
// Trunk puts a subresource-integrity hash of the glue into index.html; it is replaced by the
// minified file's hash, or the browser would refuse the file.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { minify } from 'terser';
import { GLUE_MINIFY } from './glue-minify-options.mjs';

if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);
const dir = process.env.TRUNK_STAGING_DIR || 'dist';
const htmlPath = path.join(dir, 'index.html');
let html = readFileSync(htmlPath, 'utf8');
const sri = (text) => `sha384-${createHash('sha384').update(text).digest('base64')}`;
// the glue only: sw.js (the service worker) is ours, copied as written, and the
// worker's loader is Trunk's one line
for (const f of readdirSync(dir).filter((x) => x.endsWith('.js') && x !== 'sw.js' && !x.endsWith('_loader.js'))) {
  const file = path.join(dir, f);
  const code = readFileSync(file, 'utf8');
  const out = await minify(code, GLUE_MINIFY);
  if (!out.code) throw new Error(`minify-glue: terser gave nothing for ${f}`);
  writeFileSync(file, out.code);
  // the worker's glue is loaded by the app, not by index.html: no integrity hash to update
  if (f.startsWith('annotator-worker')) {
    console.log(`minify-glue: ${f} ${code.length} -> ${out.code.length} bytes`);
    continue;
  }
  const before = sri(code);
  if (!html.includes(before)) throw new Error(`minify-glue: index.html has no integrity ${before} for ${f}`);
  html = html.split(before).join(sri(out.code));
  console.log(`minify-glue: ${f} ${code.length} -> ${out.code.length} bytes`);
}
writeFileSync(htmlPath, html);
