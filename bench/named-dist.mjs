// Makes a copy of a release dist whose .wasm keeps its function names, for CPU profiles.
//
//   node bench/named-dist.mjs [--src target/wasm-bindgen/release] [--dist /tmp/benchdist] [--out /tmp/benchdist-named]
//
// Trunk runs `wasm-opt -Oz` (plus index.html's data-wasm-opt-params) on wasm-bindgen's output, and wasm-opt drops the name section unless
// it is given `-g`. This script runs the same `wasm-opt -Oz` with `-g` on wasm-bindgen's output
// (the input Trunk used), copies the dist next to it with that wasm, and fixes the wasm's
// `integrity` hash in index.html. It refuses to mix builds: wasm-bindgen's .js must be
// byte-identical to the dist's .js (run it right after `trunk build`, before anyone rebuilds).
// The code is the same as the release build's; only the name section is added. The imports get
// the same short names as the release build's (tools/short-imports.mjs), in the wasm and the glue.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';
import { GLUE_MINIFY } from '../tools/glue-minify-options.mjs';
import { shortenGlue, shortenWasmImports } from '../tools/short-imports.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : def;
};
const src = path.resolve(arg('--src', path.join(root, 'target/wasm-bindgen/release')));
const dist = path.resolve(arg('--dist', '/tmp/benchdist'));
const out = path.resolve(arg('--out', '/tmp/benchdist-named'));

const files = readdirSync(dist);
const distJs = files.find((f) => /^article-annotator-[0-9a-f]+\.js$/.test(f));
const distWasm = files.find((f) => /^article-annotator-[0-9a-f]+_bg\.wasm$/.test(f));
if (!distJs || !distWasm) throw new Error(`no article-annotator js/wasm in ${dist}`);
const srcJs = path.join(src, 'article-annotator.js');
const srcWasm = path.join(src, 'article-annotator_bg.wasm');
if (!existsSync(srcJs) || !existsSync(srcWasm)) throw new Error(`no wasm-bindgen output in ${src}`);
rmSync(out, { recursive: true, force: true });
cpSync(dist, out, { recursive: true });
const wasmOpt = path.join(root, 'node_modules/.bin/wasm-opt');
const target = path.join(out, distWasm);
// the same extra passes as the release build (index.html's data-wasm-opt-params), plus -g
const params = (readFileSync(path.join(root, 'index.html'), 'utf8').match(/data-wasm-opt-params="([^"]*)"/)?.[1] ?? '')
  .split(/\s+/)
  .filter(Boolean);
execFileSync(wasmOpt, ['-Oz', ...params, '-g', srcWasm, '-o', target], { stdio: 'inherit' });
// the imports renamed as the release build renames them (the same names get the same short ones)
const { wasm: shortWasm, map } = shortenWasmImports(readFileSync(target));
writeFileSync(target, shortWasm);
// the release dist's glue is minified by the post-build hook: compare like with like
const glue = shortenGlue((await minify(readFileSync(srcJs, 'utf8'), GLUE_MINIFY)).code, map);
if (glue !== readFileSync(path.join(dist, distJs), 'utf8')) {
  rmSync(out, { recursive: true, force: true });
  throw new Error(
    `${srcJs} differs from ${path.join(dist, distJs)}: someone rebuilt since; rebuild the dist and rerun at once`,
  );
}

const sri = (buf) => 'sha384-' + createHash('sha384').update(buf).digest('base64');
const oldSri = sri(readFileSync(path.join(dist, distWasm)));
const newSri = sri(readFileSync(target));
const indexPath = path.join(out, 'index.html');
const html = readFileSync(indexPath, 'utf8');
if (!html.includes(oldSri)) console.warn('warning: the wasm integrity hash was not found in index.html');
writeFileSync(indexPath, html.split(oldSri).join(newSri));

const names = WebAssembly.Module.customSections(new WebAssembly.Module(readFileSync(target)), 'name');
console.log(
  `${out}: ${distWasm} with a name section of ${names[0]?.byteLength ?? 0} bytes ` +
    `(${readFileSync(target).length} bytes vs ${readFileSync(path.join(dist, distWasm)).length} without names)`,
);
