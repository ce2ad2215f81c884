// Trunk post_build hook step: fills in the service worker's list of files and its version (a
// SHA-256 over every built file's name and bytes), so each build is a new worker that caches
// exactly its own files. Runs last: index.html and the JS glue are final by then.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || 'dist';
const sw = path.join(dir, 'sw.js');
const files = readdirSync(dir)
  .filter((f) => f !== 'sw.js' && statSync(path.join(dir, f)).isFile())
  .sort();
const hash = createHash('sha256');
for (const f of files) hash.update(f).update('\0').update(readFileSync(path.join(dir, f)));
const version = hash.digest('hex').slice(0, 16);
let src = readFileSync(sw, 'utf8');
if (!src.includes('__SW_VERSION__') || !src.includes('__SW_FILES__')) {
  console.error(`sw.mjs: no placeholders in ${sw}`);
  process.exit(1);
}
// index.html is cached as './', the app's one page
const list = files.filter((f) => f !== 'index.html').map((f) => `./${f}`);
src = src.replace('__SW_VERSION__', version).replace('__SW_FILES__', JSON.stringify(list));
writeFileSync(sw, src);
console.log(`sw.mjs: service worker ${version} caches ${list.length + 1} files`);
