// An independent reader for brat standoff (.ann) files, for the tests.
// https://brat.nlplab.org/standoff.html
//   T1<TAB>type start end[;start end]*<TAB>text
//   R1<TAB>type Arg1:T1 Arg2:T2
//   #1<TAB>AnnotatorNotes T1<TAB>note
// Offsets count characters of the .txt; here "character" is a Unicode code
// point, as the app documents.

/** Parses an .ann file. Throws on a malformed T, R or AnnotatorNotes line. */
export function parseAnn(ann) {
  const textBounds = [];
  const relations = [];
  const notes = [];
  const others = [];
  const lines = ann.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, i) => {
    const fail = (msg) => {
      throw new Error(`.ann line ${i + 1}: ${msg}: ${JSON.stringify(line)}`);
    };
    if (line.includes('\r')) fail('carriage return');
    const cols = line.split('\t');
    const id = cols[0];
    if (/^T\d+$/.test(id)) {
      if (cols.length !== 3) fail('a T line has 3 tab-separated fields');
      const m = cols[1].match(/^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/);
      if (!m) fail('expected "<type> <start> <end>[;<start> <end>]*"');
      const fragments = m[2].split(';').map((f) => f.split(' ').map(Number));
      textBounds.push({ id, type: m[1], fragments, text: cols[2] });
    } else if (/^R\d+$/.test(id)) {
      const m = (cols[1] || '').match(/^(\S+) Arg1:(\S+) Arg2:(\S+)$/);
      if (!m) fail('expected "<type> Arg1:<id> Arg2:<id>"');
      relations.push({ id, type: m[1], arg1: m[2], arg2: m[3] });
    } else if (/^#\d+$/.test(id) && (cols[1] || '').startsWith('AnnotatorNotes ')) {
      if (cols.length !== 3) fail('a note line has 3 tab-separated fields');
      notes.push({ id, target: cols[1].slice('AnnotatorNotes '.length), text: cols[2] });
    } else {
      others.push(line);
    }
  });
  return { textBounds, relations, notes, others };
}

/** Code point slice of `text`. */
export const slice = (text, start, end) => Array.from(text).slice(start, end).join('');

/**
 * Checks every T line against the .txt: fragments in range and in order,
 * and the line's text equal to the fragments' text joined by one space
 * (brat's rule for discontinuous spans). Returns a list of problems.
 */
export function checkAgainstText(parsed, txt) {
  const n = Array.from(txt).length;
  const problems = [];
  for (const t of parsed.textBounds) {
    let prevEnd = -1;
    const pieces = [];
    for (const [s, e] of t.fragments) {
      if (!(Number.isInteger(s) && Number.isInteger(e) && 0 <= s && s < e && e <= n)) {
        problems.push(`${t.id}: fragment ${s} ${e} is not a non-empty span of the text (${n} code points)`);
        continue;
      }
      if (s < prevEnd) problems.push(`${t.id}: fragments overlap or are out of order`);
      prevEnd = e;
      pieces.push(slice(txt, s, e));
    }
    const joined = pieces.join(' ');
    if (joined !== t.text) {
      problems.push(`${t.id}: text ${JSON.stringify(t.text)} but the .txt holds ${JSON.stringify(joined)}`);
    }
  }
  return problems;
}

/**
 * What the .ann uses that brat's annotation.conf does not declare (brat complains of each):
 * T types among [entities] (or [events], for a trigger), R types among [relations], E types
 * among [events] with each argument's role (repeats numbered: Source2 is Source) among the
 * event's roles, A/M names among [attributes] with the value among its values.
 * https://brat.nlplab.org/configuration.html. Returns a list of problems.
 */
export function checkConf(conf, ann) {
  const sections = { entities: new Set(), relations: new Set(), events: new Map(), attributes: new Map() };
  let section = null;
  for (const raw of conf.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const head = line.match(/^\[(\w+)\]$/);
    if (head) {
      section = head[1];
      continue;
    }
    const [name, args = ''] = line.split('\t');
    const parts = args.split(',').map((p) => p.trim()).filter(Boolean);
    if (section === 'entities' || section === 'relations') sections[section].add(name.trim());
    else if (section === 'events') sections.events.set(name.trim(), new Set(parts.map((p) => p.split(':')[0].replace(/[*+?]$/, ''))));
    else if (section === 'attributes') {
      const value = parts.find((p) => p.startsWith('Value:'));
      sections.attributes.set(name.trim(), value ? new Set(value.slice(6).split('|')) : null);
    }
  }
  const problems = [];
  for (const line of ann.split('\n').filter(Boolean)) {
    const [id, body = ''] = line.split('\t');
    const words = body.split(' ');
    if (id.startsWith('T') && !sections.entities.has(words[0]) && !sections.events.has(words[0])) {
      problems.push(`${id}: type ${words[0]} not declared`);
    } else if (id.startsWith('R') && !sections.relations.has(words[0])) {
      problems.push(`${id}: relation ${words[0]} not declared`);
    } else if (id.startsWith('E')) {
      const type = words[0].split(':')[0];
      const roles = sections.events.get(type);
      if (!roles) problems.push(`${id}: event ${type} not declared`);
      else {
        for (const w of words.slice(1)) {
          const role = w.split(':')[0].replace(/\d+$/, '');
          if (!roles.has(role)) problems.push(`${id}: role ${role} of ${type} not declared`);
        }
      }
    } else if (/^[AM]/.test(id)) {
      const values = sections.attributes.get(words[0]);
      if (values === undefined) problems.push(`${id}: attribute ${words[0]} not declared`);
      else if (values && words[2] !== undefined && !values.has(words[2])) problems.push(`${id}: value ${words[2]} not declared`);
    }
  }
  return problems;
}
