// Deterministic benchmark inputs for Article Annotator.
//
//   node bench/generate.mjs            writes bench/data/*.json (all sizes) and prints a summary
//   import { generate } from './generate.mjs'
//
// An article of N words is made of paragraphs of 40-120 words ("\n\n" between them), sentences
// of 6-22 words, about a quarter of them with a curly-quoted clause (“…”), curly apostrophes,
// some non-ASCII words (é, ü, ï, ã, 中文 ...) and an emoji token every ~500 words (counted as a
// word); with `oneParagraph` (cases written WxAp, e.g. 175100x1000p) the text is one paragraph.
// Annotations are word-aligned spans inside one paragraph: about 60 % free-standing,
// 25 % nested inside an earlier span and 15 % overlapping one (starting inside it, ending after
// it), with labels quote/speaker/claim/date. The file is format v1 (docs/format.md): offsets in
// code points, `text` = the code point slice, annotations sorted by (start, end, id).
// Everything comes from one seeded PRNG (mulberry32), so the same arguments give the same bytes.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DATA_DIR = path.join(here, 'data');

export const LABELS = [
  { name: 'quote', color: '#FFE08A', key: '1' },
  { name: 'speaker', color: '#A8D8FF', key: '2' },
  { name: 'claim', color: '#FFB8C6', key: '3' },
  { name: 'date', color: '#B9EDB0', key: '4' },
];

/** mulberry32: a small, fast, seeded 32-bit PRNG returning floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMON = (
  'the of and to in a is that for it as was with be by on not he this are or his from at which ' +
  'but have an they you were her she there been one all we their has would when if so no will ' +
  'more can out up who them some could into time than only other new over also its after year ' +
  'two first people may about most way many city government minister council report week ' +
  'officials said told police court water river bridge plan budget school hospital election ' +
  'market price workers company residents mayor village storm flood harbour gates barrier ' +
  'morning evening statement evidence committee inquiry funding contract project delay'
).split(' ');
const APOSTROPHE = ['it’s', 'don’t', 'government’s', 'council’s', 'wasn’t', 'city’s', 'we’re', 'they’d'];
const NON_ASCII = ['café', 'Zürich', 'Müller', 'naïve', 'résumé', 'São', 'Ibáñez', 'Øresund', '中文', '北京', 'Dvořák', 'Łódź', 'Ελλάδα', 'ﬁnal'];
const NAMES = ['Layla Haddad', 'Maria Ortega', 'Jonas Müller', 'Wang Xiuying', 'Amélie Durand', 'Tomás Ruiz', 'Ngozi Okafor', 'Ivan Petrov'];
const DATES = ['Tuesday', 'March 3', 'last week', '2019', 'on Friday', 'in June'];
const EMOJI = ['🌊', '👍🏽', '🚀', '📈', '🇫🇷', '😀'];

const pick = (rnd, arr) => arr[Math.floor(rnd() * arr.length)];
const between = (rnd, lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1)); // inclusive
const cpLen = (s) => Array.from(s).length;

/**
 * Makes the article text: returns { text, words: [{start, end, para}] (code points), paragraphs,
 * lastParagraph }.
 */
function makeText(rnd, nWords, oneParagraph = false) {
  const words = []; // code point offsets of every whitespace-separated token
  const parts = [];
  let cp = 0;
  let count = 0;
  let para = 0;
  let nextEmoji = between(rnd, 400, 600);
  const paraStarts = [];
  while (count < nWords) {
    if (para > 0) {
      parts.push('\n\n');
      cp += 2;
    }
    paraStarts.push(cp);
    const paraWords = oneParagraph ? nWords : Math.min(between(rnd, 40, 120), nWords - count);
    let inPara = 0;
    let first = true;
    while (inPara < paraWords) {
      const len = Math.min(between(rnd, 6, 22), paraWords - inPara);
      const quoted = len >= 5 && rnd() < 0.25;
      const qStart = quoted ? between(rnd, 1, Math.max(1, len - 4)) : -1;
      for (let i = 0; i < len; i += 1) {
        let w;
        if (count + 1 >= nextEmoji) {
          w = pick(rnd, EMOJI);
          nextEmoji += between(rnd, 400, 600);
        } else {
          const r = rnd();
          if (r < 0.04) w = pick(rnd, NON_ASCII);
          else if (r < 0.07) w = pick(rnd, APOSTROPHE);
          else if (r < 0.1) w = pick(rnd, NAMES).split(' ')[rnd() < 0.5 ? 0 : 1];
          else if (r < 0.12) w = pick(rnd, DATES).split(' ')[0];
          else w = pick(rnd, COMMON);
        }
        if (i === 0) w = w[0].toUpperCase() + w.slice(1);
        if (quoted && i === qStart) w = '“' + w;
        if (i === len - 1) w += quoted ? '.”' : '.';
        else if (quoted && i === qStart - 1) w += ',';
        else if (rnd() < 0.06) w += ',';
        if (!first) {
          parts.push(' ');
          cp += 1;
        }
        first = false;
        const n = cpLen(w);
        words.push({ start: cp, end: cp + n, para });
        parts.push(w);
        cp += n;
        count += 1;
        inPara += 1;
      }
    }
    para += 1;
  }
  return { text: parts.join(''), words, paragraphs: para, paraStarts };
}

/** Code point slicing helper built once per text. */
function slicer(text) {
  const cps = Array.from(text);
  return (s, e) => cps.slice(s, e).join('');
}

function makeAnnotations(rnd, words, n, slice) {
  const out = [];
  const seen = new Set();
  const labelNames = LABELS.map((l) => l.name);
  // index of the first / last word of each paragraph, to keep spans inside one
  const paraFirst = new Map();
  const paraLast = new Map();
  words.forEach((w, i) => {
    if (!paraFirst.has(w.para)) paraFirst.set(w.para, i);
    paraLast.set(w.para, i);
  });
  let guard = 0;
  while (out.length < n && guard < n * 50) {
    guard += 1;
    const r = rnd();
    let a; // word index range [wa, wb] inclusive
    let b;
    if (out.length > 0 && r < 0.4) {
      const base = out[Math.floor(rnd() * out.length)];
      if (r < 0.25) {
        // nested: a sub-range of the base span (or the same range with another label)
        const len = base.wb - base.wa + 1;
        const s = base.wa + Math.floor(rnd() * len);
        a = s;
        b = s + Math.floor(rnd() * (base.wb - s + 1));
      } else {
        // overlapping: start inside, end after (same paragraph)
        const s = base.wa + Math.floor(rnd() * (base.wb - base.wa + 1));
        const last = paraLast.get(words[base.wa].para);
        if (base.wb >= last || s === base.wa) continue;
        a = s;
        b = Math.min(last, base.wb + between(rnd, 1, 6));
      }
    } else {
      a = Math.floor(rnd() * words.length);
      const last = paraLast.get(words[a].para);
      b = Math.min(last, a + (rnd() < 0.5 ? 0 : between(rnd, 1, 11)));
    }
    const label = pick(rnd, labelNames);
    const start = words[a].start;
    const end = words[b].end;
    const k = `${start}:${end}:${label}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ wa: a, wb: b, label, start, end });
  }
  if (out.length < n) throw new Error(`could only place ${out.length} of ${n} annotations`);
  const anns = out.map((x, i) => ({
    id: `a${i + 1}`,
    label: x.label,
    start: x.start,
    end: x.end,
    text: slice(x.start, x.end),
  }));
  const cmpId = (x, y) => (x < y ? -1 : x > y ? 1 : 0); // ids are ASCII: UTF-16 order = code point order
  anns.sort((x, y) => x.start - y.start || x.end - y.end || cmpId(x.id, y.id));
  return anns;
}

/**
 * Generates one benchmark article. Returns { doc (the v1 object), text, words (token offsets in
 * code points), paragraphs, lastWords (the article's last few words, to detect it on screen) }.
 */
export function generate({ words: nWords, annotations: nAnns = 0, seed = 20251127, oneParagraph = false }) {
  // The text depends only on the word count, so every annotation count annotates the same text.
  const t = makeText(mulberry32(seed ^ Math.imul(nWords, 2654435761)), nWords, oneParagraph);
  const slice = slicer(t.text);
  const rndAnn = mulberry32(seed ^ Math.imul(nWords, 2246822519) ^ Math.imul(nAnns, 3266489917));
  const annotations = nAnns > 0 ? makeAnnotations(rndAnn, t.words, nAnns, slice) : [];
  const doc = {
    format: 'article-annotator',
    version: 1,
    document: {
      title: `Benchmark ${nWords} words ${nAnns} annotations${oneParagraph ? ' in one paragraph' : ''}`,
      text: t.text,
    },
    labels: LABELS,
    annotations,
    relations: [],
  };
  return { doc, text: t.text, words: t.words, paragraphs: t.paragraphs, paraStarts: t.paraStarts };
}

/** The checks of docs/format.md (rules 1-5 and the written order). Throws on the first problem. */
export function check(doc) {
  const text = doc.document.text;
  if (text.includes('\r')) throw new Error('text has CR');
  const chars = Array.from(text);
  const labels = new Set(doc.labels.map((l) => l.name));
  const ids = new Set();
  let prev = null;
  for (const a of doc.annotations) {
    if (!(a.start >= 0 && a.start < a.end && a.end <= chars.length)) throw new Error(`${a.id}: range`);
    if (chars.slice(a.start, a.end).join('') !== a.text) throw new Error(`${a.id}: text`);
    if (!labels.has(a.label)) throw new Error(`${a.id}: label`);
    if (ids.has(a.id)) throw new Error(`${a.id}: duplicate`);
    if (prev && (a.start - prev.start || a.end - prev.end || (a.id < prev.id ? -1 : 1)) <= 0) {
      throw new Error(`${a.id}: order`);
    }
    ids.add(a.id);
    prev = a;
  }
  return ids.size;
}

export const fileName = (words, anns, oneParagraph = false) =>
  `article-${words}w-${anns}a${oneParagraph ? '-1p' : ''}.json`;

/**
 * Writes the v1 file for (words, annotations) under bench/data/ and returns its path + facts.
 * With `oneParagraph`, the whole text is one paragraph (a transcript with no breaks).
 */
export function writeCase(words, annotations, dir = DATA_DIR, { oneParagraph = false } = {}) {
  const g = generate({ words, annotations, oneParagraph });
  check(g.doc);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, fileName(words, annotations, oneParagraph));
  const json = JSON.stringify(g.doc, null, 1);
  writeFileSync(file, json);
  return { file, bytes: Buffer.byteLength(json), oneParagraph, characters: cpLen(g.text), ...g };
}

export const SIZES = [1_000, 10_000, 100_000];
export const ANN_COUNTS = [0, 1_000, 9_900];
/** Combinations kept: at most one annotation per word (1,000 words x 10,000 annotations is skipped). */
export const keepCase = (words, anns) => anns <= words;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const w of SIZES) {
    for (const a of ANN_COUNTS) {
      if (!keepCase(w, a)) continue;
      const c = writeCase(w, a);
      const nonAscii = Array.from(c.text).filter((ch) => ch.codePointAt(0) > 127).length;
      console.log(
        `${path.relative(process.cwd(), c.file)}: ${c.words.length} words, ${c.paragraphs} paragraphs, ` +
          `${cpLen(c.text)} code points (${nonAscii} non-ASCII), ${c.doc.annotations.length} annotations, ${c.bytes} bytes`,
      );
    }
  }
}
