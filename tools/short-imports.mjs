// Short names for the wasm's imports, in the wasm and in the JS glue alike.
//
// wasm-bindgen names each function the wasm imports from its glue after the JS it calls plus a
// 16-digit hash (`__wbg_addEventListener_f2d27251d333a631`), and writes every name twice: in the
// wasm's import section and as a key of the glue's import object. About 300 imports made 10 kB of
// names in each file, the hashes hardly compressible. Here the names are sorted and the n-th
// gets the n-th short name (`a`, `b`, … `Z`, `aa`, …), so the same set of names always gets the
// same short names: bench/named-dist.mjs renames its copy of the wasm the same way.
// The wasm's code is untouched: only the import section's field names change.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MODULE = './article-annotator_bg.js';
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

const shortName = (i) => {
  let s = '';
  let n = i;
  do {
    s = LETTERS[n % LETTERS.length] + s;
    n = Math.floor(n / LETTERS.length) - 1;
  } while (n >= 0);
  return s;
};

const readU32 = (buf, pos) => {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = buf[pos.at++];
    result |= (b & 0x7f) << shift;
    if (!(b & 0x80)) return result >>> 0;
    shift += 7;
  }
};
const u32Bytes = (n) => {
  const out = [];
  let v = n >>> 0;
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v) b |= 0x80;
    out.push(b);
  } while (v);
  return Buffer.from(out);
};
const nameBytes = (s) => {
  const b = Buffer.from(s, 'utf8');
  return Buffer.concat([u32Bytes(b.length), b]);
};

/** The wasm with its glue imports renamed, and the map from old names to new ones. */
export function shortenWasmImports(wasm) {
  if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error('short-imports: not a wasm file');
  const pos = { at: 8 };
  const parts = [wasm.subarray(0, 8)];
  let map = null;
  while (pos.at < wasm.length) {
    const start = pos.at;
    const id = wasm[pos.at++];
    const size = readU32(wasm, pos);
    const body = pos.at;
    const end = body + size;
    if (id !== 2) {
      parts.push(wasm.subarray(start, end));
      pos.at = end;
      continue;
    }
    // the import section: (module, field, kind, description)*
    const count = readU32(wasm, pos);
    const entries = [];
    for (let i = 0; i < count; i++) {
      const mLen = readU32(wasm, pos);
      const module = wasm.toString('utf8', pos.at, pos.at + mLen);
      pos.at += mLen;
      const fLen = readU32(wasm, pos);
      const field = wasm.toString('utf8', pos.at, pos.at + fLen);
      pos.at += fLen;
      const descStart = pos.at;
      const kind = wasm[pos.at++];
      if (kind === 0) readU32(wasm, pos); // function: type index
      else if (kind === 1) {
        pos.at++; // table: reftype, then limits
        const flags = wasm[pos.at++];
        readU32(wasm, pos);
        if (flags & 1) readU32(wasm, pos);
      } else if (kind === 2) {
        const flags = wasm[pos.at++]; // memory: limits
        readU32(wasm, pos);
        if (flags & 1) readU32(wasm, pos);
      } else if (kind === 3) pos.at += 2; // global: type, mutability
      else throw new Error(`short-imports: import kind ${kind} not known`);
      entries.push({ module, field, desc: wasm.subarray(descStart, pos.at) });
    }
    if (pos.at !== end) throw new Error('short-imports: the import section did not parse to its end');
    const fields = [...new Set(entries.filter((e) => e.module === MODULE).map((e) => e.field))].sort();
    map = new Map(fields.map((f, i) => [f, shortName(i)]));
    const out = [u32Bytes(count)];
    for (const e of entries) {
      out.push(nameBytes(e.module), nameBytes(e.module === MODULE ? map.get(e.field) : e.field), e.desc);
    }
    const section = Buffer.concat(out);
    parts.push(Buffer.from([2]), u32Bytes(section.length), section);
    pos.at = end;
  }
  if (!map) throw new Error('short-imports: the wasm has no import section');
  return { wasm: Buffer.concat(parts), map };
}

/** The glue with the keys of its import object renamed by `map` (each must be found once). */
export function shortenGlue(js, map) {
  let seen = 0;
  const out = js.replace(/([{,])([A-Za-z_$][\w$]*):/g, (whole, before, key) => {
    const short = map.get(key);
    if (short === undefined) return whole;
    seen++;
    return `${before}${short}:`;
  });
  if (seen !== map.size) {
    throw new Error(`short-imports: the glue has ${seen} import keys for ${map.size} imports`);
  }
  return out;
}

// Run as the post-build hook's step (release builds only, after minify-glue.mjs): renames the
// dist's imports in place and puts the two files' new integrity hashes into index.html.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);
  const dir = process.env.TRUNK_STAGING_DIR || 'dist';
  const files = readdirSync(dir);
  const jsFile = files.find((f) => /^article-annotator-[0-9a-f]+\.js$/.test(f));
  const wasmFile = files.find((f) => /^article-annotator-[0-9a-f]+_bg\.wasm$/.test(f));
  if (!jsFile || !wasmFile) throw new Error(`short-imports: no article-annotator js/wasm in ${dir}`);
  const sri = (buf) => `sha384-${createHash('sha384').update(buf).digest('base64')}`;
  const htmlPath = path.join(dir, 'index.html');
  let html = readFileSync(htmlPath, 'utf8');
  const oldWasm = readFileSync(path.join(dir, wasmFile));
  const oldJs = readFileSync(path.join(dir, jsFile), 'utf8');
  const { wasm, map } = shortenWasmImports(oldWasm);
  const js = shortenGlue(oldJs, map);
  for (const [before, after] of [
    [sri(oldWasm), sri(wasm)],
    [sri(oldJs), sri(js)],
  ]) {
    if (!html.includes(before)) throw new Error(`short-imports: index.html has no integrity ${before}`);
    html = html.split(before).join(after);
  }
  writeFileSync(path.join(dir, wasmFile), wasm);
  writeFileSync(path.join(dir, jsFile), js);
  writeFileSync(htmlPath, html);
  console.log(
    `short-imports: ${map.size} imports renamed; ${wasmFile} ${oldWasm.length} -> ${wasm.length}, ` +
      `${jsFile} ${oldJs.length} -> ${js.length} bytes`,
  );
}
