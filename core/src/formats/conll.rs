//! CoNLL-style BIO (IOB2) columns: one token per line, a blank line between sentences.
//!
//! - Sentences are UAX #29 sentence segments (which always end at a newline, so no sentence
//!   crosses a paragraph); tokens are the UAX #29 word segments of a sentence that are not all
//!   white space, cut at any white space they hold, punctuation included, written exactly as
//!   they are in the text.
//! - A token is inside an annotation when it shares at least one character with it, so a span
//!   that starts or ends inside a word claims the whole word.
//! - One layer holds one label. When two of its annotations would claim a common token, the one
//!   with more code points wins, then the one that starts earlier, then the smaller id; the loser
//!   is left out whole (see [`dropped`]), so every chunk written is one annotation.
//! - A chunk begins with `B-` at its first token and at the first token of every later sentence
//!   it reaches, so each sentence is valid IOB2 on its own.
//!
//! See `docs/formats.md`.

use crate::document::{Annotation, AnnotationId, Document};
use crate::formats::brat::type_name;
use crate::formats::import::{assemble, LabelSet, Log};
use crate::label::LabelId;
use crate::offset::Span;
use crate::text::Text;
use std::cmp::Reverse;
use unicode_segmentation::UnicodeSegmentation;

/// The tokens of the text, sentence by sentence (sentences without a token are left out).
pub fn sentences(text: &Text) -> Vec<Vec<Span>> {
    let s = text.as_str();
    sentence_bounds(s)
        .into_iter()
        .map(|(at, sentence)| {
            sentence
                .split_word_bound_indices()
                .flat_map(|(i, w)| unspaced(at + i, w))
                .collect::<Vec<_>>()
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// The runs of `w` (at byte `at`) that hold no white space. A word segment can hold some: a
/// format character such as U+200F attaches to the space before it (UAX #29 WB4), so " \u{200f}"
/// is one segment; a token written with its space would not be found in the text again, and
/// readers that split at white space would see two columns.
fn unspaced(at: usize, w: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = None;
    for (j, c) in w.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push(Span::new(at + s, at + j));
            }
        } else if start.is_none() {
            start = Some(j);
        }
    }
    if let Some(s) = start {
        out.push(Span::new(at + s, at + w.len()));
    }
    out
}

/// The text's sentences with their byte offsets, by the main rules of Unicode's sentence
/// boundaries (UAX #29 SB4 to SB11), written out here for the characters news text uses: the
/// complete tables would add 34 kB to the page for this one export.
/// - A line break ends a sentence (SB4).
/// - `?` `!` and the like end one, with any closing quotes or brackets and spaces after them
///   (SB9 to SB11).
/// - `.` ends one too, except before a digit or letter right after it ("3.5", "U.S"), or when
///   the next letter is lower case ("e.g. this", "Mr. smith") or the next mark is `,` `;` `:`
///   (SB6 to SB8a).
pub fn sentence_bounds(s: &str) -> Vec<(usize, &str)> {
    const CLOSE: &[char] = &['"', '\'', '”', '’', '»', '›', ')', ']', '}', '」', '』'];
    const STERM: &[char] = &['?', '!', '？', '！', '。', '‼', '⁇', '⁈', '⁉'];
    const CONTINUE: &[char] = &[',', ';', ':', '、', '，', '；', '：'];
    let is_break = |c: char| matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}');
    let is_space = |c: char| c.is_whitespace() && !is_break(c);
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let after = i + c.len_utf8();
        let end = if is_break(c) {
            // CR LF stays one break.
            if c == '\r' && s[after..].starts_with('\n') {
                chars.next();
                Some(after + 1)
            } else {
                Some(after)
            }
        } else if c == '.' || STERM.contains(&c) {
            let rest = &s[after..];
            let closed = rest.trim_start_matches(CLOSE);
            let spaced = closed.trim_start_matches(is_space);
            let next = spaced.chars().next();
            let keep = c == '.'
                && (rest.starts_with(|n: char| n.is_alphanumeric())
                    || next
                        .is_some_and(|n| CONTINUE.contains(&n) || n == '.' || STERM.contains(&n))
                    || spaced
                        .chars()
                        .find(|n| {
                            n.is_alphabetic() || is_break(*n) || *n == '.' || STERM.contains(n)
                        })
                        .is_some_and(char::is_lowercase));
            let keep = keep
                || (c != '.' && next.is_some_and(|n| CONTINUE.contains(&n) || STERM.contains(&n)));
            if keep {
                None
            } else {
                // The sentence takes its closers, spaces and one line break.
                let mut end = s.len() - spaced.len();
                if let Some(b) = next.filter(|&n| is_break(n)) {
                    end += b.len_utf8();
                    if b == '\r' && s[end..].starts_with('\n') {
                        end += 1;
                    }
                }
                while chars.peek().is_some_and(|&(j, _)| j < end) {
                    chars.next();
                }
                Some(end)
            }
        } else {
            None
        };
        if let Some(end) = end {
            out.push((start, &s[start..end]));
            start = end;
        }
    }
    if start < s.len() {
        out.push((start, &s[start..]));
    }
    out
}

/// One label's layer: for each token (in text order) the index of the annotation that owns it.
struct Layer {
    owner: Vec<Option<usize>>,
    first_token: Vec<usize>,
    dropped: Vec<AnnotationId>,
}

/// Assigns the tokens to the annotations of `label`, resolving overlaps (see the module docs).
fn layer(doc: &Document, label: LabelId, tokens: &[Span]) -> Layer {
    let text = doc.text();
    let anns: Vec<_> = doc
        .annotations()
        .iter()
        .filter(|a| a.label == label)
        .collect();
    let mut order: Vec<usize> = (0..anns.len()).collect();
    crate::sort::sort_by_key(&mut order, |&i| {
        let (s, e) = text.chars_of(anns[i].span);
        (Reverse(e.0 - s.0), s.0, &anns[i].id)
    });
    let mut owner = vec![None; tokens.len()];
    let mut first_token = vec![usize::MAX; anns.len()];
    let mut dropped = Vec::new();
    for i in order {
        let span = anns[i].span;
        let lo = tokens.partition_point(|t| t.end <= span.start);
        let hi = tokens.partition_point(|t| t.start < span.end);
        if lo >= hi || owner[lo..hi].iter().any(Option::is_some) {
            dropped.push(anns[i].id.clone());
            continue;
        }
        owner[lo..hi].fill(Some(i));
        first_token[i] = lo;
    }
    crate::sort::sort(&mut dropped);
    Layer {
        owner,
        first_token,
        dropped,
    }
}

/// The tag of token `t` in a layer, given whether it starts a sentence.
fn tag(layer: &Layer, t: usize, starts_sentence: bool, name: &str) -> String {
    match layer.owner[t] {
        None => "O".to_owned(),
        Some(i) if layer.first_token[i] == t || starts_sentence => format!("B-{name}"),
        Some(_) => format!("I-{name}"),
    }
}

/// Writes `token\ttag\ttag…` lines for the given layers, a blank line between sentences.
fn write(doc: &Document, labels: &[LabelId]) -> String {
    let text = doc.text();
    let sents = sentences(text);
    let tokens: Vec<Span> = sents.iter().flatten().copied().collect();
    let layers: Vec<(Layer, String)> = labels
        .iter()
        .map(|&l| {
            let name = doc
                .label(l)
                .map_or_else(String::new, |x| type_name(&x.name));
            (layer(doc, l, &tokens), name)
        })
        .collect();
    let mut out = String::new();
    let mut t = 0;
    for (k, sentence) in sents.iter().enumerate() {
        if k > 0 {
            out.push('\n');
        }
        for (j, token) in sentence.iter().enumerate() {
            out.push_str(text.slice(*token));
            for (layer, name) in &layers {
                out.push('\t');
                out.push_str(&tag(layer, t, j == 0, name));
            }
            out.push('\n');
            t += 1;
        }
    }
    out
}

/// One layer: `token\tB-quote` / `I-quote` / `O` lines for the annotations labelled `label`.
pub fn export(doc: &Document, label: LabelId) -> String {
    write(doc, &[label])
}

/// Every label as its own column, in the document's label order: `token\tquote\tspeaker…`.
pub fn export_all_layers(doc: &Document) -> String {
    let labels: Vec<LabelId> = doc.labels().iter().map(|l| l.id).collect();
    write(doc, &labels)
}

/// The annotations of `label` that [`export`] leaves out: those that lost an overlap, and those
/// that cover no token at all. Sorted by id.
pub fn dropped(doc: &Document, label: LabelId) -> Vec<AnnotationId> {
    let tokens: Vec<Span> = sentences(doc.text()).into_iter().flatten().collect();
    layer(doc, label, &tokens).dropped
}

/// The columns of a CoNLL line: split at tabs when it has one, else at white space.
fn columns(line: &str) -> Vec<&str> {
    if line.contains('\t') {
        line.split('\t').collect()
    } else {
        line.split_whitespace().collect()
    }
}

/// A tag read: `O`, or a position (`B`, `I`, `E`, `S`, or BILOU's `L`, `U`) and a label.
fn parse_tag(tag: &str) -> Option<Option<(char, &str)>> {
    if tag == "O" || tag == "_" {
        return Some(None);
    }
    let (pos, label) = tag.split_once('-')?;
    let mut c = pos.chars();
    let p = c.next()?;
    (c.next().is_none() && "BIESLU".contains(p) && !label.is_empty()).then_some(Some((p, label)))
}

/// True for a line that is no token: a comment (`# text = …`) or `-DOCSTART-`.
fn is_meta(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('#') || t.starts_with("-DOCSTART-")
}

/// True when nearly every token line (at least 9 in 10) has a tag in its last column.
pub fn looks_like_conll(s: &str) -> bool {
    let lines: Vec<&str> = s
        .lines()
        .filter(|l| !l.trim().is_empty() && !is_meta(l))
        .take(200)
        .collect();
    let tagged = lines
        .iter()
        .filter(|l| {
            let c = columns(l);
            c.len() >= 2 && parse_tag(c[c.len() - 1].trim()).is_some()
        })
        .count();
    !lines.is_empty() && tagged * 10 >= lines.len() * 9
}

/// Joins tokens as text: one space between tokens, none before closing punctuation or after
/// opening marks; a newline between sentences.
fn rebuild(sentences: &[Vec<(usize, &str)>]) -> (String, Vec<Vec<Span>>) {
    const NO_SPACE_BEFORE: &[char] = &[
        '.', ',', ';', ':', '!', '?', ')', ']', '}', '”', '’', '»', '%', '…',
    ];
    const NO_SPACE_AFTER: &[char] = &['(', '[', '{', '“', '‘', '«'];
    let mut text = String::new();
    let mut spans = Vec::new();
    for (k, sentence) in sentences.iter().enumerate() {
        if k > 0 {
            text.push('\n');
        }
        let mut out = Vec::new();
        for (j, (_, tok)) in sentence.iter().enumerate() {
            let glue = j == 0 || tok.starts_with(NO_SPACE_BEFORE) || text.ends_with(NO_SPACE_AFTER);
            if !glue {
                text.push(' ');
            }
            let at = text.len();
            text.push_str(tok);
            out.push(Span::new(at, text.len()));
        }
        spans.push(out);
    }
    (text, spans)
}

/// Finds each token in `given`, in order, separated only by white space; `Err` names the first
/// token that is not next.
fn align(given: &str, sentences: &[Vec<(usize, &str)>]) -> Result<Vec<Vec<Span>>, (usize, String)> {
    let mut at = 0;
    let mut out = Vec::new();
    for sentence in sentences {
        let mut spans = Vec::new();
        for (line, tok) in sentence {
            let rest = &given[at..];
            let skipped = rest.len() - rest.trim_start().len();
            if !rest[skipped..].starts_with(tok) {
                return Err((*line, (*tok).to_owned()));
            }
            let start = at + skipped;
            at = start + tok.len();
            spans.push(Span::new(start, at));
        }
        out.push(spans);
    }
    Ok(out)
}

/// Reads CoNLL columns: one token per line, tags in the last column(s), blank lines between
/// sentences; `#` comments and `-DOCSTART-` lines are skipped. Several trailing tag columns (as
/// [`export_all_layers`] writes) are several layers. BIO, IOB2, IOB1, IOBES and BILOU all
/// read: a chunk starts at `B`/`S`/`U`, or at `I`/`E`/`L` after another label. The text is
/// `given` when every token is found in it in order (separated only by white space), else it
/// is rebuilt from the tokens (one space between, none before closing punctuation, a newline
/// between sentences) with a notice.
pub fn read(s: &str, given: Option<&str>, log: &mut Log) -> Result<Document, String> {
    // (line, columns) per sentence.
    let mut sentences: Vec<Vec<(usize, Vec<&str>)>> = vec![Vec::new()];
    for (i, raw) in s.split('\n').enumerate() {
        let l = raw.strip_suffix('\r').unwrap_or(raw);
        if l.trim().is_empty() {
            if sentences.last().is_some_and(|x| !x.is_empty()) {
                sentences.push(Vec::new());
            }
            continue;
        }
        if is_meta(l) {
            continue;
        }
        let cols = columns(l);
        if cols.len() < 2 {
            log.skip(Some(i + 1), format!("\"{l}\" has no tag column"));
            continue;
        }
        sentences
            .last_mut()
            .expect("one at least")
            .push((i + 1, cols));
    }
    sentences.retain(|x| !x.is_empty());
    // How many trailing columns are tags on every line.
    let layers = sentences
        .iter()
        .flatten()
        .map(|(_, c)| {
            c.iter()
                .skip(1)
                .rev()
                .take_while(|t| parse_tag(t.trim()).is_some())
                .count()
        })
        .min()
        .unwrap_or(0);
    if layers == 0 {
        let bad = sentences
            .iter()
            .flatten()
            .find(|(_, c)| parse_tag(c[c.len() - 1].trim()).is_none());
        return Err(match bad {
            Some((line, c)) => format!(
                "line {line}: \"{}\" is not a tag (O, B-…, I-…, E-…, S-…)",
                c[c.len() - 1]
            ),
            None => "no tokens".to_owned(),
        });
    }
    let tokens: Vec<Vec<(usize, &str)>> = sentences
        .iter()
        .map(|x| x.iter().map(|(l, c)| (*l, c[0])).collect())
        .collect();
    let (text, spans) = match given.map(|g| (g, align(g, &tokens))) {
        Some((g, Ok(spans))) => (g.to_owned(), spans),
        Some((_, Err((line, tok)))) => {
            log.notice(
                Some(line),
                format!(
                    "the token \"{tok}\" is not next in the given text, so the text was rebuilt \
                     from the tokens"
                ),
            );
            rebuild(&tokens)
        }
        None => rebuild(&tokens),
    };
    let text = Text::from_normalized(crate::text::normalize_newlines(&text));
    let mut set = LabelSet::default();
    let mut annotations = Vec::new();
    for layer in 0..layers {
        for (k, sentence) in sentences.iter().enumerate() {
            // The chunk being read: its label, first and last token.
            let mut open: Option<(&str, usize, usize)> = None;
            let mut close = |open: &mut Option<(&str, usize, usize)>,
                             annotations: &mut Vec<Annotation>| {
                if let Some((label, a, b)) = open.take() {
                    let n = annotations.len() + 1;
                    annotations.push(Annotation {
                        id: AnnotationId(format!("c{n}").into()),
                        label: set.get(label),
                        span: Span {
                            start: spans[k][a].start,
                            end: spans[k][b].end,
                        },
                        note: None,
                        kind: None,
                        cue: None,
                    });
                }
            };
            for (j, (_, cols)) in sentence.iter().enumerate() {
                let col = cols.len() - layers + layer;
                match parse_tag(cols[col].trim()).flatten() {
                    None => close(&mut open, &mut annotations),
                    Some((p, label)) => {
                        let continues = matches!(p, 'I' | 'E' | 'L')
                            && open.is_some_and(|(l, _, _)| l == label);
                        if continues {
                            if let Some(o) = open.as_mut() {
                                o.2 = j;
                            }
                        } else {
                            close(&mut open, &mut annotations);
                            open = Some((label, j, j));
                        }
                        if matches!(p, 'E' | 'S' | 'L' | 'U') {
                            close(&mut open, &mut annotations);
                        }
                    }
                }
            }
            close(&mut open, &mut annotations);
        }
    }
    Ok(assemble(
        text,
        None,
        set.into_labels(),
        annotations,
        Vec::new(),
    ))
}

#[cfg(test)]
mod tests {
    use super::sentence_bounds;

    #[test]
    fn no_token_holds_white_space_even_when_a_format_character_joins_a_space() {
        use crate::document::Document;
        use crate::formats::import::Log;
        use crate::text::Text;
        let text = Text::new("Ana \u{200f} said \t\u{200f} \u{200f}x.");
        let tokens: Vec<&str> = super::sentences(&text)
            .into_iter()
            .flatten()
            .map(|t| text.slice(t))
            .collect();
        assert_eq!(
            tokens,
            ["Ana", "\u{200f}", "said", "\u{200f}", "\u{200f}", "x", "."]
        );
        // So the export's tokens are found again in the text, and it is kept as it is.
        let doc = Document::new(text.clone(), None);
        let quote = doc.labels()[0].id;
        let file = super::export(&doc, quote);
        let mut log = Log::default();
        let back = super::read(&file, Some(text.as_str()), &mut log).unwrap();
        assert_eq!(back.text().as_str(), text.as_str());
        assert!(log.found.is_empty(), "{:?}", log.found);
    }

    fn split(s: &str) -> Vec<&str> {
        let parts = sentence_bounds(s);
        // The parts cover the text exactly, in order.
        assert_eq!(parts.iter().map(|p| p.1).collect::<String>(), s);
        for w in parts.windows(2) {
            assert_eq!(w[0].0 + w[0].1.len(), w[1].0);
        }
        parts.into_iter().map(|p| p.1).collect()
    }

    #[test]
    fn sentences_end_where_uax29_ends_them() {
        assert_eq!(
            split("It rose. Then it fell."),
            ["It rose. ", "Then it fell."]
        );
        assert_eq!(
            split("Ana said: “We’ll win.” Then she left.\nBob agreed."),
            ["Ana said: “We’ll win.” ", "Then she left.\n", "Bob agreed."]
        );
        assert_eq!(
            split("Why? Because!  Fine"),
            ["Why? ", "Because!  ", "Fine"]
        );
        assert_eq!(
            split("One\r\nTwo\n\nThree"),
            ["One\r\n", "Two\n", "\n", "Three"]
        );
        assert_eq!(split("Is it? “Yes.”\nNo."), ["Is it? ", "“Yes.”\n", "No."]);
    }

    #[test]
    fn a_full_stop_inside_numbers_abbreviations_and_lower_case_runs_does_not_end_one() {
        assert_eq!(
            split("It grew 3.5 percent. Good."),
            ["It grew 3.5 percent. ", "Good."]
        );
        assert_eq!(split("The U.S. economy grew."), ["The U.S. economy grew."]);
        assert_eq!(
            split("Some, e.g. this one, stay."),
            ["Some, e.g. this one, stay."]
        );
        assert_eq!(
            split("He said “no.” then left."),
            ["He said “no.” then left."]
        );
        assert_eq!(split("Wait..., he said."), ["Wait..., he said."]);
        assert_eq!(split("Really?! Yes."), ["Really?! ", "Yes."]);
        assert_eq!(split(""), Vec::<&str>::new());
        assert_eq!(split("No end"), ["No end"]);
    }
}
