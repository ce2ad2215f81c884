// An independent reader for the app's CoNLL BIO (IOB2) export, for the
// tests: `token<TAB>tag` lines, a blank line between sentences. It finds each
// token in the original text (tokens are written exactly as they appear),
// rebuilds the labelled chunks from the tags, and works out which chunks a
// set of annotations should give under the documented overlap rule.

/** Parses the file into sentences of { token, tags } (tags: the columns after the token). */
export function parseConll(content) {
  const sentences = [];
  let current = [];
  const lines = content.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, i) => {
    if (line.includes('\r')) throw new Error(`conll line ${i + 1}: carriage return`);
    if (line === '') {
      if (current.length === 0) throw new Error(`conll line ${i + 1}: empty sentence`);
      sentences.push(current);
      current = [];
      return;
    }
    const cols = line.split('\t');
    if (cols.length < 2 || cols[0] === '') throw new Error(`conll line ${i + 1}: expected "token<TAB>tag": ${line}`);
    for (const tag of cols.slice(1)) {
      if (!/^(O|[BI]-\S+)$/.test(tag)) throw new Error(`conll line ${i + 1}: bad tag ${tag}`);
    }
    current.push({ token: cols[0], tags: cols.slice(1) });
  });
  if (current.length) sentences.push(current);
  return sentences;
}

const cpLen = (s) => Array.from(s).length;

/**
 * Finds every token in `text`, in order. Between two tokens (and before the
 * first, after the last) there must be only white space, so the tokens are
 * exactly the text's non-space characters. A sentence must not cross a line
 * break. Returns the tokens flat: { token, tags, sentence, index, start, end }
 * with start/end in code points.
 */
export function locateTokens(sentences, text) {
  const out = [];
  let at = 0; // UTF-16 cursor
  let cpAt = 0;
  sentences.forEach((sentence, si) => {
    sentence.forEach((t, ti) => {
      const found = text.indexOf(t.token, at);
      if (found < 0) throw new Error(`token ${JSON.stringify(t.token)} not found after ${cpAt}`);
      const gap = text.slice(at, found);
      if (!/^\s*$/u.test(gap)) {
        throw new Error(`text ${JSON.stringify(gap)} before token ${JSON.stringify(t.token)} is in no token`);
      }
      if (ti > 0 && gap.includes('\n')) {
        throw new Error(`sentence ${si + 1} crosses a line break before ${JSON.stringify(t.token)}`);
      }
      const start = cpAt + cpLen(gap);
      const end = start + cpLen(t.token);
      out.push({ ...t, sentence: si, index: ti, start, end });
      at = found + t.token.length;
      cpAt = end;
    });
  });
  if (!/^\s*$/u.test(text.slice(at))) throw new Error(`text after the last token is in no token`);
  return out;
}

/**
 * The chunks of one tag column, rebuilt from IOB2 tags: a B-X starts a chunk,
 * an I-X continues the chunk before it (which must be X, in the same
 * sentence). Returns [{ label, sentence, first, last, start, end }] (token
 * indexes into `tokens`, code point offsets).
 */
export function chunksOf(tokens, column = 0) {
  const chunks = [];
  let open = null;
  tokens.forEach((t, i) => {
    const tag = t.tags[column];
    if (open && (t.sentence !== open.sentence || tag === 'O' || tag.startsWith('B-'))) open = null;
    if (tag === 'O') return;
    const label = tag.slice(2);
    if (tag.startsWith('I-')) {
      if (!open || open.label !== label) {
        throw new Error(`token ${i} ${JSON.stringify(t.token)}: ${tag} does not continue a ${label} chunk`);
      }
      open.last = i;
      open.end = t.end;
      return;
    }
    open = { label, sentence: t.sentence, first: i, last: i, start: t.start, end: t.end };
    chunks.push(open);
  });
  return chunks;
}

/** Compares strings by code point (as the app orders ids). */
const byCodePoint = (a, b) => {
  const x = Array.from(a, (c) => c.codePointAt(0));
  const y = Array.from(b, (c) => c.codePointAt(0));
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
};

/**
 * The chunks the annotations of one label should give over `tokens`, by the
 * documented rule: a token belongs to an annotation when they share a code
 * point; when two annotations would claim a common token, the one with more
 * code points wins, then the earlier start, then the smaller id, and the
 * loser is left out whole (as is one that covers no token). A winner gives one
 * chunk per sentence it reaches. Returns { chunks, kept, dropped } (ids).
 */
export function expectedChunks(annotations, tokens, label) {
  const anns = annotations
    .filter((a) => a.label === label)
    .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || byCodePoint(a.id, b.id));
  const owner = new Array(tokens.length).fill(null);
  const kept = [];
  const dropped = [];
  const claimed = new Map();
  for (const a of anns) {
    const idx = [];
    tokens.forEach((t, i) => {
      if (t.start < a.end && t.end > a.start) idx.push(i);
    });
    if (idx.length === 0 || idx.some((i) => owner[i] !== null)) {
      dropped.push(a.id);
      continue;
    }
    for (const i of idx) owner[i] = a.id;
    kept.push(a.id);
    claimed.set(a.id, idx);
  }
  const chunks = [];
  for (const [id, idx] of claimed) {
    let cur = null;
    for (const i of idx) {
      const t = tokens[i];
      if (!cur || cur.sentence !== t.sentence) {
        cur = { label, id, sentence: t.sentence, first: i, last: i, start: t.start, end: t.end };
        chunks.push(cur);
      } else {
        cur.last = i;
        cur.end = t.end;
      }
    }
  }
  chunks.sort((a, b) => a.first - b.first);
  return { chunks, kept, dropped };
}
