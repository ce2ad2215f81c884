//! Quotation-mark quotes: pairs the marks of every common style, nested quotes inside the
//! outermost one, and quotations continued over several paragraphs.

/// A quote found in the text: the byte span from its opening mark to the end of its closing mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    /// The opening mark.
    pub open: char,
}

/// An open quotation mark waiting for its closing mark.
#[derive(Clone, Copy, Debug)]
struct Open {
    pos: usize,
    mark: char,
}

/// How deep quotes may nest before further marks are ignored.
const MAX_DEPTH: usize = 8;

/// The closing marks an opening mark accepts.
fn closers(open: char) -> &'static [char] {
    match open {
        // Mistyped pairs are common in news copy: `“…"`, `"…”`, `“…“`.
        '"' => &['"', '”'],
        '\'' => &['\''],
        '“' => &['”', '"', '“'],
        '„' => &['“', '”'],
        '‘' => &['’'],
        '‚' => &['‘', '’'],
        '«' => &['»'],
        '»' => &['«'],
        '‹' => &['›'],
        '›' => &['‹'],
        '「' => &['」'],
        '『' => &['』'],
        '”' => &['”'],
        _ => &[],
    }
}

/// The marks that may open a continued paragraph of a quote opened with `open`.
fn continuers(open: char) -> &'static [char] {
    match open {
        '"' => &['"'],
        '\'' => &['\''],
        '“' => &['“'],
        '„' => &['„', '»'],
        '‘' => &['‘'],
        '‚' => &['‚'],
        '«' => &['«', '»'],
        '»' => &['»'],
        '‹' => &['‹', '›'],
        '›' => &['›'],
        '「' => &['「'],
        '『' => &['『'],
        '”' => &['”'],
        _ => &[],
    }
}

/// True for the characters that may stand right before an opening mark.
fn before_open(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '(' | '['
                        | '{'
                        | '—'
                        | '–'
                        | '-'
                        | '/'
                        | ':'
                        | '“'
                        | '‘'
                        | '„'
                        | '‚'
                        | '«'
                        | '»'
                        | '"'
                        | '\''
                        | '‹'
                        | '›'
                        | '¿'
                        | '¡'
                )
        }
    }
}

/// True for the characters that may stand right after a closing mark.
fn after_close(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '.' | ','
                        | ';'
                        | ':'
                        | '!'
                        | '?'
                        | ')'
                        | ']'
                        | '}'
                        | '…'
                        | '—'
                        | '–'
                        | '-'
                        | '”'
                        | '’'
                        | '"'
                        | '\''
                        | '“'
                        | '‘'
                        | '»'
                        | '«'
                        | '›'
                        | '‹'
                )
        }
    }
}

/// Finds every outermost quote, in text order.
pub fn find(s: &str) -> Vec<Found> {
    let chars = marks_merged(s);
    let mut out = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        // Most characters are neither a line break nor a quotation mark: passed over first.
        if c != '\n'
            && closers(c).is_empty()
            && !matches!(c, '’' | '“' | '‘' | '»' | '«' | '›' | '‹')
        {
            i += 1;
            continue;
        }
        let prev = i.checked_sub(1).map(|k| chars[k].1);
        let next = chars.get(i + 1).map(|&(_, d)| d);
        let end = chars.get(i + 1).map_or(s.len(), |&(p, _)| p);
        if c == '\n' {
            i += 1;
            if stack.is_empty() {
                continue;
            }
            // Skip to the next paragraph's first character.
            while i < chars.len() && chars[i].1.is_whitespace() {
                i += 1;
            }
            let outer = stack[0];
            match chars.get(i) {
                Some(&(_, d)) if continuers(outer.mark).contains(&d) => {
                    // The quote goes on: inner quotes left open are dropped.
                    stack.truncate(1);
                    i += 1;
                }
                _ => stack.clear(),
            }
            continue;
        }
        i += 1;
        let opening_ctx = before_open(prev) && next.is_some_and(|d| !d.is_whitespace());
        let closing_ctx = prev.is_some_and(|d| !d.is_whitespace()) && after_close(next);
        // The innermost open quote this mark can close.
        let closes = stack
            .iter()
            .rposition(|o| {
                closers(o.mark).contains(&c)
                    // `“` closes `“` only where it cannot open (`…false.“ The`).
                    && (c != '“' || o.mark != '“' || (closing_ctx && !opening_ctx))
            })
            .filter(|&k| {
                // Only the innermost quote, or one whose inner quotes were left open.
                let top = k + 1 == stack.len();
                top || closing_ctx
            });
        let is_letter = |x: Option<char>| x.is_some_and(|d| d.is_alphanumeric());
        match c {
            '’' | '\'' if is_letter(prev) && is_letter(next) => continue, // don’t, O’Brien
            '’' | '\'' if closes.is_some() && closing_ctx && possessive(s, &chars, i - 1) => {
                continue
            }
            _ => {}
        }
        let can_open = !closers(c).is_empty()
            && match c {
                '"' | '\'' | '‘' | '‚' | '”' | '»' | '›' => {
                    // (`'90s` is a year; `"10 times` and `''10 times` open quotes)
                    opening_ctx && !(matches!(c, '\'' | '‘') && elided_year(&chars, i))
                }
                _ => next.is_some(),
            };
        // Marks that differ from their opening mark close whatever stands around them; the
        // ones that can also open or be apostrophes need the context to say so.
        let ambiguous = matches!(c, '"' | '\'' | '’' | '‘');
        if let Some(k) = closes.filter(|_| !ambiguous || closing_ctx || !opening_ctx || !can_open) {
            if k == 0 {
                out.push(Found {
                    start: stack[0].pos,
                    end,
                    open: stack[0].mark,
                });
            }
            stack.truncate(k);
        } else if can_open && (c != '”' || stack.is_empty()) && stack.len() < MAX_DEPTH {
            stack.push(Open { pos, mark: c });
        }
    }
    out
}

/// The characters of `s` with their byte positions, a doubled apostrophe (`''`, as in
/// ``''We're here,'' she said``) read as one straight double mark `"`. In a run of three the
/// first is a single mark and the other two the double one (`'Manhattan poor,'''`).
fn marks_merged(s: &str) -> Vec<(usize, char)> {
    let mut out: Vec<(usize, char)> = Vec::with_capacity(s.len());
    let mut it = s.char_indices().peekable();
    while let Some((pos, c)) = it.next() {
        if c == '\'' && it.peek().is_some_and(|&(_, d)| d == '\'') {
            let third = s[pos + 2..].starts_with('\'');
            if !third {
                it.next();
                out.push((pos, '"'));
                continue;
            }
        }
        out.push((pos, c));
    }
    out
}

/// True when the closing single mark at `chars[at]` looks like a plural possessive (`the Smiths’
/// house`): it follows an `s`, a word follows it, and a later mark in the paragraph can close
/// the quote instead (looking at most 400 characters ahead).
fn possessive(s: &str, chars: &[(usize, char)], at: usize) -> bool {
    let (pos, c) = chars[at];
    let prev = at.checked_sub(1).map(|k| chars[k].1);
    if !matches!(prev, Some('s' | 'S')) {
        return false;
    }
    let rest = &s[pos + c.len_utf8()..];
    let mut after = rest.chars();
    if after.next() != Some(' ') || !after.next().is_some_and(char::is_alphabetic) {
        return false;
    }
    // Within the paragraph, and not too far, so the scan stays linear overall.
    let mut prev_c = c;
    for d in rest.chars().take(400).take_while(|&d| d != '\n') {
        if d == c && !prev_c.is_whitespace() {
            return true;
        }
        prev_c = d;
    }
    false
}

/// True for an apostrophe standing for the century of a year (`’90s`, `'25`).
fn elided_year(chars: &[(usize, char)], after: usize) -> bool {
    let d = |k: usize| chars.get(k).map(|&(_, c)| c);
    d(after).is_some_and(|c| c.is_ascii_digit())
        && d(after + 1).is_some_and(|c| c.is_ascii_digit())
        && !d(after + 2).is_some_and(|c| c.is_ascii_digit())
}
