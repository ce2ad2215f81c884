// A strict RFC 4180 CSV parser for the tests: records end in CRLF; a field
// is either plain (no comma, quote, CR or LF) or quoted, with quotes doubled
// inside; a quoted field may hold commas, CR and LF. Throws on anything else.

export function parseCsv(content) {
  const records = [];
  let record = [];
  let i = 0;
  const n = content.length;
  const fail = (msg) => {
    throw new Error(`csv: ${msg} at ${i} (record ${records.length + 1})`);
  };
  if (n === 0) return records;
  for (;;) {
    let field = '';
    if (content[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= n) fail('unterminated quoted field');
        const c = content[i];
        if (c === '"') {
          if (content[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i += 1;
            break;
          }
        } else {
          field += c;
          i += 1;
        }
      }
    } else {
      while (i < n && content[i] !== ',' && content[i] !== '\r' && content[i] !== '\n') {
        if (content[i] === '"') fail('quote inside an unquoted field');
        field += content[i];
        i += 1;
      }
    }
    record.push(field);
    if (i >= n) {
      // RFC 4180 allows the last record without a line break.
      records.push(record);
      return records;
    }
    const c = content[i];
    if (c === ',') {
      i += 1;
    } else if (c === '\r' && content[i + 1] === '\n') {
      i += 2;
      records.push(record);
      record = [];
      if (i >= n) return records;
    } else {
      fail(`expected "," or CRLF, found ${JSON.stringify(c)}`);
    }
  }
}

/** True for a cell a spreadsheet would run as a formula. */
export const looksLikeFormula = (cell) => /^[=+\-@\t\r]/.test(cell);
