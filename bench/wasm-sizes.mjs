// What is big in the wasm: code bytes per crate and per function, from a wasm that keeps its
// name section (made by bench/named-dist.mjs: the release build's code, names added).
//
//   node bench/named-dist.mjs && node bench/wasm-sizes.mjs [/tmp/benchdist-named] [--top 40]
//
// Reads the code section (each function body's size) and the name section (function names,
// demangled by hand from Rust's legacy `_ZN…E` mangling or taken as they are), sums body bytes
// by crate (the first path segment; `<T as Trait>` impls go to T's crate) and prints the crates
// and the largest functions. Data segments (string constants, tables) are counted apart.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const TOP = topAt >= 0 ? Number(args[topAt + 1]) : 40;
const dir = args.find((a, i) => !a.startsWith('--') && (topAt < 0 || i !== topAt + 1)) || '/tmp/benchdist-named';
// the page's wasm (annotator-worker_bg.wasm is the suggestion worker's: name it to read it)
const file = process.env.WASM || readdirSync(dir).find((f) => f.endsWith('.wasm') && !f.startsWith('annotator-worker'));
const buf = readFileSync(path.join(dir, file));

let pos = 8;
const u32 = () => {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = buf[pos++];
    result |= (b & 0x7f) << shift;
    if (!(b & 0x80)) return result >>> 0;
    shift += 7;
  }
};
const name = () => {
  const n = u32();
  const s = buf.toString('utf8', pos, pos + n);
  pos += n;
  return s;
};

let imported = 0;
const bodies = []; // size per defined function
const names = new Map();
let dataBytes = 0;
const sections = {};
while (pos < buf.length) {
  const id = buf[pos++];
  const size = u32();
  const end = pos + size;
  const key = id === 0 ? 'custom' : ['', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount'][id];
  sections[key] = (sections[key] || 0) + size;
  if (id === 2) {
    const n = u32();
    for (let i = 0; i < n; i += 1) {
      name();
      name();
      const kind = buf[pos++];
      if (kind === 0) {
        u32();
        imported += 1;
      } else if (kind === 1) {
        pos += 1;
        const flags = u32();
        u32();
        if (flags & 1) u32();
      } else if (kind === 2) {
        const flags = u32();
        u32();
        if (flags & 1) u32();
      } else if (kind === 3) {
        pos += 2;
      }
    }
  } else if (id === 10) {
    const n = u32();
    for (let i = 0; i < n; i += 1) {
      const s = u32();
      bodies.push(s);
      pos += s;
    }
  } else if (id === 11) {
    dataBytes += size;
  } else if (id === 0) {
    const sec = name();
    if (sec === 'name') {
      while (pos < end) {
        const sub = buf[pos++];
        const subSize = u32();
        const subEnd = pos + subSize;
        if (sub === 1) {
          const n = u32();
          for (let i = 0; i < n; i += 1) {
            const idx = u32();
            names.set(idx, name());
          }
        }
        pos = subEnd;
      }
    }
  }
  pos = end;
}

/** Rust's legacy mangling `_ZN3foo3bar17h0123456789abcdefE` -> `foo::bar`. */
function demangle(s) {
  if (!s.startsWith('_ZN')) return s;
  const parts = [];
  let i = 3;
  while (i < s.length && s[i] !== 'E') {
    let n = 0;
    while (s[i] >= '0' && s[i] <= '9') n = n * 10 + Number(s[i++]);
    if (!n) break;
    parts.push(s.slice(i, i + n));
    i += n;
  }
  if (parts.length && /^h[0-9a-f]{16}$/.test(parts[parts.length - 1])) parts.pop();
  return parts
    .join('::')
    .replace(/\$LT\$/g, '<')
    .replace(/\$GT\$/g, '>')
    .replace(/\$u20\$/g, ' ')
    .replace(/\$RF\$/g, '&')
    .replace(/\$C\$/g, ',')
    .replace(/\$u7b\$/g, '{')
    .replace(/\$u7d\$/g, '}')
    .replace(/\.\./g, '::');
}

function crateOf(full) {
  let s = full.replace(/^<+/, '');
  s = s.replace(/^(&|mut |dyn |\[)+/, '');
  const m = /^([A-Za-z_][A-Za-z0-9_]*)/.exec(s);
  return m ? m[1] : '(other)';
}

const perCrate = new Map();
const funcs = [];
bodies.forEach((size, i) => {
  const raw = names.get(imported + i) || `func${imported + i}`;
  const full = demangle(raw);
  const crate = crateOf(full);
  perCrate.set(crate, (perCrate.get(crate) || 0) + size);
  funcs.push([size, full]);
});
const code = bodies.reduce((a, b) => a + b, 0);
const kb = (n) => (n / 1024).toFixed(1);
console.log(`${file}: ${kb(buf.length)} kB with names; code ${kb(code)} kB in ${bodies.length} functions, data ${kb(dataBytes)} kB`);
console.log(`sections (kB): ${Object.entries(sections).map(([k, v]) => `${k} ${kb(v)}`).join(', ')}`);
console.log('\ncode by crate (kB, share of code)');
for (const [c, n] of [...perCrate].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
  console.log(`${kb(n).padStart(8)}  ${((100 * n) / code).toFixed(1).padStart(5)} %  ${c}`);
}
console.log(`\nlargest ${TOP} functions (bytes)`);
for (const [n, f] of funcs.sort((a, b) => b[0] - a[0]).slice(0, TOP)) {
  console.log(`${String(n).padStart(8)}  ${f.slice(0, 150)}`);
}
