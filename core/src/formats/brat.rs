//! brat standoff: the text as a `.txt` file and the annotations as a `.ann` file of lines that
//! point into it by character (code point) offsets. See `docs/formats.md`.
//!
//! Export writes annotations as `T1`, `T2`, … in export order (start, end, id; digits in ids
//! compared as numbers), then one `Cue`
//! trigger `T` line per distinct cue span, relations as `R1`, `R2`, … in the document's order,
//! one `Cue` event `E1`, `E2`, … per annotation with a cue (its content, and its attribution as
//! `Source`), and notes as `AnnotatorNotes` comments `#1`, `#2`, ….

use crate::attribution::ATTRIBUTED_TO;
use crate::document::{Annotation, AnnotationId, Document, QuoteKind, Relation};
use crate::formats::import::{assemble, choose_unit, span_in, why_not_span, LabelSet, Log, Unit};
use crate::formats::v1::MAX_IMPORT_BYTES;
use crate::label::{default_labels, Label};
use crate::offset::Span;
use crate::text::Text;
use std::collections::HashMap;

/// What separates the fragments of a discontinuous span in the `.ann` text field (brat's rule).
pub const FRAGMENT_SEPARATOR: &str = " ";

/// Why a brat pair could not be imported.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BratError {
    /// The two files together are larger than the importer accepts.
    #[error("the files are {size} bytes together; the largest import is {max} bytes")]
    TooLarge {
        /// Their size in bytes.
        size: usize,
        /// The limit.
        max: usize,
    },
    /// The `.txt` holds a carriage return, so offsets counted by another tool are ambiguous.
    #[error("the .txt file holds a carriage return (CR); save it with LF line endings")]
    CarriageReturn,
    /// A line of the `.ann` file is malformed or does not fit the text.
    #[error("line {line} of the .ann file: {message}")]
    Line {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// The event type (and, as brat wants, its trigger's type) that carries a quote's cue:
/// `T9\tCue 20 24\tsaid` and `E1\tCue:T9 Content:T2 Source:T1`. The trigger is the cue, so the
/// event has no `Cue` argument; that, and this type, tell it from a PolNeAR event (whose trigger
/// is an `Attribution` span beside a separate `Cue` argument).
pub const CUE_EVENT: &str = "Cue";

/// A label name as a brat type: white space becomes `_` (brat types cannot hold spaces).
pub fn type_name(name: &str) -> String {
    let t: String = name
        .chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect();
    if t.is_empty() {
        "_".to_owned()
    } else {
        t
    }
}

/// The pieces of `span` between its newlines, as code-point ranges, leaving out empty ones.
fn fragments(text: &Text, span: Span) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut at = span.start.0;
    for piece in text.slice(span).split('\n') {
        if !piece.is_empty() {
            let sp = Span::new(at, at + piece.len());
            let (s, e) = text.chars_of(sp);
            out.push((s.0, e.0, piece));
        }
        at += piece.len() + 1;
    }
    out
}

/// The `.txt` (the text, exactly) and the `.ann` standoff of a document.
///
/// A span that holds a newline is written as a discontinuous span of the pieces between its
/// newlines (`T1\tquote 10 15;16 25\t…`), whose text is those pieces joined by a space, since an
/// `.ann` line cannot hold a newline. Annotations tied by [`FRAGMENT_OF`] relations (the parts
/// of another tool's discontinuous span) are written as one `T` line with every part's pieces,
/// and those relations are not written. A quote's kind is an attribute (`A1\tkind T2 direct`).
/// A cue is a [`CUE_EVENT`] trigger (one `T` line per distinct cue span, after the annotations)
/// and an event `E1\tCue:T9 Content:T2 Source:T1`, whose `Source` arguments carry that
/// annotation's `attributed_to` relations: those are not written again as `R` lines, so no
/// reader gets an attribution twice. Newlines in notes become spaces.
pub fn export(doc: &Document) -> (String, String) {
    let text = doc.text();
    let mut ann = String::new();
    let head = heads(doc);
    let root = |id: &AnnotationId| -> AnnotationId { head.get(id).unwrap_or(id).clone() };
    // The `T` lines in export order, but with ids compared as numbers on a tie (`T9` before
    // `T10`), so that what import reads back (ids `T1`, `T2`, …) is numbered the same again.
    let mut order: Vec<&Annotation> = doc
        .annotations()
        .iter()
        .filter(|a| !head.contains_key(&a.id))
        .collect();
    crate::sort::sort_by(&mut order, |x, y| {
        (x.span.start, x.span.end)
            .cmp(&(y.span.start, y.span.end))
            .then_with(|| natural_cmp(x.id.as_str(), y.id.as_str()))
    });
    let t_of: HashMap<AnnotationId, usize> = order
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.clone(), i + 1))
        .collect();
    let n = order.len();
    for (i, a) in order.iter().enumerate() {
        let n = i + 1;
        let label = doc.label(a.label).map_or("", |l| l.name.as_str());
        let mut spans: Vec<Span> = doc
            .annotations()
            .iter()
            .filter(|p| head.get(&p.id) == Some(&a.id))
            .map(|p| p.span)
            .collect();
        spans.push(a.span);
        crate::sort::sort(&mut spans);
        let frags: Vec<_> = spans.iter().flat_map(|s| fragments(text, *s)).collect();
        let offsets: Vec<String> = frags.iter().map(|(s, e, _)| format!("{s} {e}")).collect();
        let quoted: Vec<&str> = frags.iter().map(|(_, _, t)| *t).collect();
        ann.push_str(&format!(
            "T{n}\t{} {}\t{}\n",
            type_name(label),
            offsets.join(";"),
            quoted.join(FRAGMENT_SEPARATOR)
        ));
    }
    // Cues: a trigger per distinct cue span (numbered after the annotations), an event per
    // annotation with a cue, in export order.
    let mut trigger_of: HashMap<Span, usize> = HashMap::new();
    let mut events: Vec<(usize, usize)> = Vec::new(); // (trigger, content) T numbers
    for a in &order {
        let (Some(cue), Some(&t)) = (a.cue, t_of.get(&a.id)) else {
            continue;
        };
        let frags = fragments(text, cue);
        if frags.is_empty() {
            continue; // nothing but newlines: no span for brat
        }
        let next = n + trigger_of.len() + 1;
        let trig = *trigger_of.entry(cue).or_insert_with(|| {
            let offsets: Vec<String> = frags.iter().map(|(s, e, _)| format!("{s} {e}")).collect();
            let quoted: Vec<&str> = frags.iter().map(|(_, _, t)| *t).collect();
            ann.push_str(&format!(
                "T{next}\t{CUE_EVENT} {}\t{}\n",
                offsets.join(";"),
                quoted.join(FRAGMENT_SEPARATOR)
            ));
            next
        });
        events.push((trig, t));
    }
    let has_event: std::collections::HashSet<usize> = events.iter().map(|e| e.1).collect();
    // The attribution of an annotation with an event is carried by the event's `Source`.
    let in_event = |r: &Relation| {
        r.kind == ATTRIBUTED_TO
            && t_of
                .get(&root(&r.from))
                .is_some_and(|t| has_event.contains(t))
    };
    let mut j = 0;
    for r in doc.relations() {
        if (r.kind == FRAGMENT_OF && head.contains_key(&r.from)) || in_event(r) {
            continue;
        }
        if let (Some(f), Some(t)) = (t_of.get(&root(&r.from)), t_of.get(&root(&r.to))) {
            j += 1;
            ann.push_str(&format!(
                "R{j}\t{} Arg1:T{f} Arg2:T{t}\n",
                type_name(r.kind.as_str())
            ));
        }
    }
    for (k, (trig, content)) in events.iter().enumerate() {
        let mut line = format!("E{}\t{CUE_EVENT}:T{trig} Content:T{content}", k + 1);
        let sources = doc
            .relations()
            .iter()
            .filter(|r| in_event(r) && t_of.get(&root(&r.from)) == Some(content));
        for (m, r) in sources.enumerate() {
            let role = if m == 0 {
                "Source".to_owned()
            } else {
                format!("Source{}", m + 1)
            };
            line.push_str(&format!(" {role}:T{}", t_of[&root(&r.to)]));
        }
        ann.push_str(&line);
        ann.push('\n');
    }
    let mut k = 0;
    for a in &order {
        if let (Some(kind), Some(t)) = (a.kind, t_of.get(&a.id)) {
            k += 1;
            ann.push_str(&format!("A{k}\t{KIND_ATTRIBUTE} T{t} {}\n", kind.as_str()));
        }
    }
    // Notes by their `T` line's number (a part's note on its first part's line).
    let mut noted: Vec<(usize, usize, &Annotation)> = doc
        .annotations()
        .iter()
        .enumerate()
        .map(|(i, a)| (t_of[&root(&a.id)], i, a))
        .collect();
    crate::sort::sort_by_key(&mut noted, |x| (x.0, x.1));
    let mut k = 0;
    for (_, _, a) in noted {
        if let Some(note) = &a.note {
            k += 1;
            let flat = note.replace("\r\n", " ").replace(['\r', '\n'], " ");
            ann.push_str(&format!(
                "#{k}\tAnnotatorNotes T{}\t{flat}\n",
                t_of[&root(&a.id)]
            ));
        }
    }
    (text.as_str().to_owned(), ann)
}

/// The name of brat's configuration file, beside the `.txt`/`.ann` pairs of a collection.
pub const CONFIG_NAME: &str = "annotation.conf";

/// The files brat reads as a collection's configuration, not as documents: an import passes
/// them over.
pub const CONFIG_FILES: [&str; 4] = [
    CONFIG_NAME,
    "visual.conf",
    "tools.conf",
    "kb_shortcuts.conf",
];

/// The `annotation.conf` that declares every type [`export`] writes for `doc`, so that brat
/// opens the collection without complaints: each label as an entity (as the `.ann` names it,
/// [`type_name`]; a label that is named like the cue event is declared only as that event,
/// brat allowing a name in one section), `attributed_to`, `same_as` and every other relation
/// type of the document as relations between any entities, the [`CUE_EVENT`] event with its
/// roles (`Content`, once; `Source`, any number of times, numbered by brat as `Source2`, …), the
/// [`KIND_ATTRIBUTE`] attribute with its values, and `<OVERLAP>` allowing any overlap (our
/// annotations nest and cross). A relation type named like a label is declared in both
/// sections, as the `.ann` uses it in both.
pub fn config(doc: &Document) -> String {
    let mut seen = std::collections::HashSet::new();
    let mut entities: Vec<String> = Vec::new();
    for l in doc.labels() {
        let t = type_name(&l.name);
        if t != CUE_EVENT && seen.insert(t.clone()) {
            entities.push(t);
        }
    }
    let mut seen = std::collections::HashSet::new();
    let mut relations: Vec<String> = Vec::new();
    let kinds = [ATTRIBUTED_TO, crate::attribution::SAME_AS]
        .into_iter()
        .map(str::to_owned)
        .chain(doc.relations().iter().map(|r| r.kind.as_str().to_owned()));
    for k in kinds {
        let t = type_name(&k);
        if seen.insert(t.clone()) {
            relations.push(t);
        }
    }
    let values: Vec<&str> = QuoteKind::ALL.iter().map(|k| k.as_str()).collect();
    let mut out = String::from(
        "# brat configuration for the .txt/.ann pairs beside it, written by Article Annotator.\n\
         # https://brat.nlplab.org/configuration.html\n\n[entities]\n",
    );
    for e in &entities {
        out.push_str(e);
        out.push('\n');
    }
    out.push_str("\n[relations]\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n");
    for r in &relations {
        out.push_str(&format!("{r}\tArg1:<ENTITY>, Arg2:<ENTITY>\n"));
    }
    out.push_str(&format!(
        "\n[events]\n{CUE_EVENT}\tContent:<ENTITY>, Source*:<ENTITY>\n\n[attributes]\n\
         {KIND_ATTRIBUTE}\tArg:<ENTITY>, Value:{}\n",
        values.join("|")
    ));
    out
}

/// Compares ids as a person reads them: runs of digits by their value (`T9` before `T10`), the
/// rest as text; ids that differ only in leading zeros by their plain order.
fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    fn runs(s: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, c) in s.char_indices().skip(1) {
            let prev = s[..i].chars().next_back().unwrap_or(c);
            if prev.is_ascii_digit() != c.is_ascii_digit() {
                out.push(&s[start..i]);
                start = i;
            }
        }
        if start < s.len() {
            out.push(&s[start..]);
        }
        out
    }
    let (ra, rb) = (runs(a), runs(b));
    for (x, y) in ra.iter().zip(&rb) {
        let digits = |r: &str| r.bytes().all(|b| b.is_ascii_digit());
        let o = if digits(x) && digits(y) {
            let (x, y) = (x.trim_start_matches('0'), y.trim_start_matches('0'));
            x.len().cmp(&y.len()).then_with(|| x.cmp(y))
        } else {
            x.cmp(y)
        };
        if o.is_ne() {
            return o;
        }
    }
    ra.len().cmp(&rb.len()).then_with(|| a.cmp(b))
}

/// For every annotation that is a later part of a discontinuous span, the first part: tied by
/// a [`FRAGMENT_OF`] relation to an annotation of the same label (followed through chains).
fn heads(doc: &Document) -> HashMap<AnnotationId, AnnotationId> {
    let direct: HashMap<&AnnotationId, &AnnotationId> = doc
        .relations()
        .iter()
        .filter(|r| r.kind == FRAGMENT_OF && r.from != r.to)
        .filter(|r| {
            let (f, t) = (doc.annotation(&r.from), doc.annotation(&r.to));
            f.zip(t).is_some_and(|(f, t)| f.label == t.label)
        })
        .map(|r| (&r.from, &r.to))
        .collect();
    let mut out = HashMap::new();
    for (&from, &to) in &direct {
        let mut at = to;
        let mut steps = 0;
        while let Some(&next) = direct.get(at) {
            at = next;
            steps += 1;
            if steps > direct.len() || at == from {
                break;
            }
        }
        if at != from {
            out.insert(from.clone(), at.clone());
        }
    }
    out
}

/// The relation type that ties the later parts of a discontinuous brat span to its first part,
/// so the parts export back as one `T` line. A span whose fragments are separated only by
/// newlines (as [`export`] writes a span holding a newline) is read back as one annotation.
pub const FRAGMENT_OF: &str = "fragment_of";
/// The brat attribute that carries a quote's kind (`A1\tkind T3 direct`).
pub const KIND_ATTRIBUTE: &str = "kind";

/// One line of an `.ann` file, parsed.
enum Item {
    /// A text-bound annotation; `more` holds lines that continue its text.
    T {
        line: usize,
        id: String,
        kind: String,
        frags: Vec<(usize, usize)>,
        text: String,
        more: Vec<(usize, String)>,
    },
    /// A relation.
    R {
        line: usize,
        id: String,
        kind: String,
        args: Vec<(String, String)>,
    },
    /// An event: its type, its trigger and its role arguments.
    E {
        line: usize,
        id: String,
        kind: String,
        trigger: String,
        args: Vec<(String, String)>,
    },
    /// An attribute (`A`, or `M` as brat once named it).
    A {
        line: usize,
        id: String,
        name: String,
        target: String,
        value: Option<String>,
    },
    /// A comment; `more` holds lines that continue it.
    Note {
        line: usize,
        id: String,
        kind: String,
        target: String,
        text: String,
        more: Vec<(usize, String)>,
    },
    /// An equivalence (`*\tEquiv T1 T2`).
    Equiv {
        line: usize,
        kind: String,
        ids: Vec<String>,
    },
    /// A normalisation, which the app has no place for.
    Norm { line: usize },
}

/// The brat line types, by the first letter of the id.
const LINE_TYPES: &str = "T, R, E, A, M, N, * and #";

/// Splits `Role:Id` words.
fn role_args<'a>(words: impl Iterator<Item = &'a str>) -> Vec<(String, String)> {
    words
        .filter_map(|w| w.split_once(':'))
        .map(|(r, i)| (r.to_owned(), i.to_owned()))
        .collect()
}

/// Parses the lines of an `.ann` file, logging the ones it cannot read.
fn parse_lines(ann: &str, log: &mut Log) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    let ann = ann.strip_prefix('\u{FEFF}').unwrap_or(ann);
    for (i, raw) in ann.split('\n').enumerate() {
        let line = i + 1;
        let l = raw.strip_suffix('\r').unwrap_or(raw);
        if l.trim().is_empty() {
            continue;
        }
        let (id, rest) = l.split_once('\t').unwrap_or((l, ""));
        let first = id.chars().next().unwrap_or(' ');
        let numbered = id.len() > 1 && id[first.len_utf8()..].bytes().all(|b| b.is_ascii_digit());
        let known = l.contains('\t')
            && (("TREAMN".contains(first) && numbered) || id == "*" || first == '#');
        if !known {
            if let Some(Item::T { more, .. } | Item::Note { more, .. }) = items.last_mut() {
                if !(l.contains('\t') && numbered && first.is_ascii_alphabetic()) {
                    more.push((line, l.to_owned()));
                    continue;
                }
            }
            if l.contains('\t') && numbered && first.is_ascii_alphabetic() {
                log.skip(
                    Some(line),
                    format!("{id}: unknown line type \"{first}\" (brat has {LINE_TYPES})"),
                );
            } else {
                log.skip(
                    Some(line),
                    format!(
                        "not a brat line: it does not start with an id and a tab (brat has {LINE_TYPES})"
                    ),
                );
            }
            continue;
        }
        let mut words = rest
            .split('\t')
            .next()
            .unwrap_or_default()
            .split_whitespace();
        match first {
            'T' => {
                let Some((head, text)) = rest.split_once('\t') else {
                    log.skip(Some(line), format!("{id}: no tab before the text"));
                    continue;
                };
                let Some((kind, offsets)) = head.split_once(' ') else {
                    log.skip(
                        Some(line),
                        format!("{id}: expected \"<type> <start> <end>\", found \"{head}\""),
                    );
                    continue;
                };
                let mut frags = Vec::new();
                let mut bad = None;
                for frag in offsets.split(';') {
                    let nums: Vec<&str> = frag.split_whitespace().collect();
                    match nums[..] {
                        [s, e] => match (s.parse::<usize>(), e.parse::<usize>()) {
                            (Ok(s), Ok(e)) if s <= e => frags.push((s, e)),
                            (Ok(s), Ok(e)) => {
                                bad = Some(format!(
                                    "{id}: the fragment {s} {e} ends before it starts"
                                ))
                            }
                            _ => bad = Some(format!("{id}: \"{frag}\" is not \"<start> <end>\"")),
                        },
                        _ => bad = Some(format!("{id}: \"{frag}\" is not \"<start> <end>\"")),
                    }
                }
                match bad {
                    Some(message) => log.skip(Some(line), message),
                    None => items.push(Item::T {
                        line,
                        id: id.to_owned(),
                        kind: kind.to_owned(),
                        frags,
                        text: text.to_owned(),
                        more: Vec::new(),
                    }),
                }
            }
            'R' => {
                let Some(kind) = words.next() else {
                    log.skip(Some(line), format!("{id}: no relation type"));
                    continue;
                };
                items.push(Item::R {
                    line,
                    id: id.to_owned(),
                    kind: kind.to_owned(),
                    args: role_args(words),
                });
            }
            'E' => {
                let Some((kind, trigger)) = words.next().and_then(|w| w.split_once(':')) else {
                    log.skip(
                        Some(line),
                        format!("{id}: expected \"<type>:<trigger> <role>:<id> …\""),
                    );
                    continue;
                };
                items.push(Item::E {
                    line,
                    id: id.to_owned(),
                    kind: kind.to_owned(),
                    trigger: trigger.to_owned(),
                    args: role_args(words),
                });
            }
            'A' | 'M' => {
                let (Some(name), Some(target)) = (words.next(), words.next()) else {
                    log.skip(
                        Some(line),
                        format!("{id}: expected \"<attribute> <id> [<value>]\""),
                    );
                    continue;
                };
                items.push(Item::A {
                    line,
                    id: id.to_owned(),
                    name: name.to_owned(),
                    target: target.to_owned(),
                    value: words.next().map(str::to_owned),
                });
            }
            'N' => items.push(Item::Norm { line }),
            '*' => {
                let kind = words.next().unwrap_or("Equiv").to_owned();
                items.push(Item::Equiv {
                    line,
                    kind,
                    ids: words.map(str::to_owned).collect(),
                });
            }
            _ => {
                // '#'
                let (head, text) = rest.split_once('\t').unwrap_or((rest, ""));
                let mut hw = head.split_whitespace();
                let kind = hw.next().unwrap_or_default().to_owned();
                let target = hw.next().unwrap_or_default().to_owned();
                items.push(Item::Note {
                    line,
                    id: id.to_owned(),
                    kind,
                    target,
                    text: text.to_owned(),
                    more: Vec::new(),
                });
            }
        }
    }
    items
}

/// The text of fragments (in `unit`) joined by brat's separator; `None` if one is not a span.
fn fragment_text(text: &Text, unit: Unit, frags: &[(usize, usize)]) -> Option<(Vec<Span>, String)> {
    let spans: Option<Vec<Span>> = frags
        .iter()
        .map(|&(s, e)| span_in(text, unit, s, e))
        .collect();
    let spans = spans?;
    let joined: Vec<&str> = spans.iter().map(|s| text.slice(*s)).collect();
    let joined = joined.join(FRAGMENT_SEPARATOR);
    Some((spans, joined))
}

/// `lines 6–7` or `line 6`.
fn lines_word(more: &[(usize, String)]) -> String {
    match more {
        [] => String::new(),
        [(l, _)] => format!("line {l}"),
        [(a, _), .., (b, _)] => format!("lines {a}–{b}"),
    }
}

/// The fragments grouped into parts: sorted, and merged where only newlines (or nothing)
/// separate them, as [`export`] splits a span that holds a newline.
fn group_fragments(text: &Text, mut spans: Vec<Span>) -> Vec<Span> {
    spans.retain(|s| !s.is_empty());
    crate::sort::sort(&mut spans);
    let mut parts: Vec<Span> = Vec::new();
    for sp in spans {
        if let Some(last) = parts.last_mut() {
            let joinable = sp.start <= last.end
                || text.as_str()[last.end.0..sp.start.0]
                    .chars()
                    .all(|c| c == '\n');
            if joinable {
                last.end = last.end.max(sp.end);
                continue;
            }
        }
        parts.push(sp);
    }
    parts
}

/// Reads a brat `.txt` and `.ann` pair leniently: every line that can be read is kept, every
/// other one is logged with its line number (see `docs/formats.md` for what each line type
/// becomes). The document's labels are `labels` and then the file's types in order of first
/// use. Fails only on what spoils the whole pair: too large, or a CR in the `.txt`.
pub fn read(txt: &str, ann: &str, labels: Vec<Label>) -> Result<(Document, Log), BratError> {
    let size = txt.len() + ann.len();
    if size > MAX_IMPORT_BYTES {
        return Err(BratError::TooLarge {
            size,
            max: MAX_IMPORT_BYTES,
        });
    }
    if txt.contains('\r') {
        return Err(BratError::CarriageReturn);
    }
    let mut log = Log::default();
    let text = Text::from_normalized(txt.to_owned());
    let items = parse_lines(ann, &mut log);
    let t_fits = |unit: Unit| {
        items
            .iter()
            .filter(|it| match it {
                Item::T {
                    frags,
                    text: t,
                    more,
                    ..
                } => fragment_text(&text, unit, frags)
                    .is_some_and(|(_, j)| j == *t || j == continued(t, more)),
                _ => false,
            })
            .count()
    };
    let unit = choose_unit(&text, &mut log, t_fits);

    let mut set = LabelSet::new(labels);
    let mut annotations: Vec<Annotation> = Vec::new();
    // brat id → index of its (first part's) annotation.
    let mut index: HashMap<String, usize> = HashMap::new();
    // Cue triggers read as cues only (see `cue_triggers`): brat id → the cue's span.
    let cue_only = cue_triggers(&items);
    let mut cue_spans: HashMap<String, Span> = HashMap::new();
    let mut relations: Vec<Relation> = Vec::new();
    let mut not_kept: Vec<(String, usize, usize)> = Vec::new();
    let mut drop_note = |what: String, line: usize| match not_kept.iter_mut().find(|x| x.0 == what)
    {
        Some(x) => x.1 += 1,
        None => not_kept.push((what, 1, line)),
    };

    for it in &items {
        let Item::T {
            line,
            id,
            kind,
            frags,
            text: quoted,
            more,
        } = it
        else {
            continue;
        };
        let line = *line;
        if index.contains_key(id) || cue_spans.contains_key(id) {
            log.skip(
                Some(line),
                format!("{id} is used twice; this one is left out"),
            );
            skip_more(&mut log, id, more);
            continue;
        }
        let Some((spans, joined)) = fragment_text(&text, unit, frags) else {
            let (s, e) = frags
                .iter()
                .copied()
                .find(|&(s, e)| span_in(&text, unit, s, e).is_none())
                .unwrap_or_default();
            log.skip(
                Some(line),
                format!("{id}: {}", why_not_span(&text, unit, s, e)),
            );
            skip_more(&mut log, id, more);
            continue;
        };
        if joined != *quoted {
            let whole = continued(quoted, more);
            if !more.is_empty() && joined == whole {
                log.repair(
                    Some(line),
                    format!(
                        "{id}: the span's text holds a newline, which an .ann line cannot hold; \
                         {} continue it, read as one line",
                        lines_word(more)
                    ),
                );
            } else {
                let offsets: Vec<String> = frags.iter().map(|(s, e)| format!("{s} {e}")).collect();
                let message = if joined.contains('\n') && joined.starts_with(quoted.as_str()) {
                    format!(
                        "{id}: the span's text holds a newline, which an .ann line cannot hold: \
                         the line ends after \"{quoted}\""
                    )
                } else {
                    format!(
                        "{id}: text \"{quoted}\" does not match the .txt at {} (\"{joined}\")",
                        offsets.join(";")
                    )
                };
                log.skip(Some(line), message);
                skip_more(&mut log, id, more);
                continue;
            }
        } else {
            skip_more(&mut log, id, more);
        }
        let parts = group_fragments(&text, spans);
        if parts.is_empty() {
            log.skip(Some(line), format!("{id}: the span is empty"));
            continue;
        }
        if parts.len() == 1 && cue_only.contains(id) {
            cue_spans.insert(id.clone(), parts[0]);
            continue;
        }
        let label = set.get(kind);
        index.insert(id.clone(), annotations.len());
        for (k, part) in parts.iter().enumerate() {
            let aid = if k == 0 {
                id.clone()
            } else {
                format!("{id}-{}", k + 1)
            };
            if k > 0 {
                relations.push(Relation::new(aid.clone(), FRAGMENT_OF.to_owned(), &aid, id));
            }
            annotations.push(Annotation {
                id: AnnotationId(aid.into()),
                label,
                span: *part,
                note: None,
                kind: None,
                cue: None,
            });
        }
    }

    // Events first, so relations and notes can point at an event through its trigger.
    let mut trigger_of: HashMap<&str, &str> = HashMap::new();
    for it in &items {
        if let Item::E { id, trigger, .. } = it {
            trigger_of.insert(id, trigger);
        }
    }
    let resolve = |x: &str| -> Option<String> {
        let t = trigger_of.get(x).copied().unwrap_or(x);
        index.contains_key(t).then(|| t.to_owned())
    };
    let mut rel_ids: std::collections::HashSet<String> =
        relations.iter().map(|r| r.id.clone()).collect();
    // (from, to) of every attribution read → its relation id: an attribution is read once.
    let mut attributed: HashMap<(String, String), String> = HashMap::new();
    // Adds a relation; for an attribution already read, adds nothing and gives its id.
    let mut add_relation =
        |relations: &mut Vec<Relation>, id: String, kind: &str, from: &str, to: &str| {
            let ends = (from.to_owned(), to.to_owned());
            if kind == ATTRIBUTED_TO {
                if let Some(first) = attributed.get(&ends) {
                    return Some(first.clone());
                }
            }
            let mut rid = id.clone();
            let mut n = 1;
            while rel_ids.contains(&rid) {
                n += 1;
                rid = format!("{id}-{n}");
            }
            rel_ids.insert(rid.clone());
            if kind == ATTRIBUTED_TO {
                attributed.insert(ends, rid.clone());
            }
            relations.push(Relation::new(rid, kind.to_owned(), from, to));
            None
        };
    for it in &items {
        match it {
            Item::R {
                line,
                id,
                kind,
                args,
            } => {
                let arg = |name: &str, nth: usize| {
                    args.iter()
                        .find(|(n, _)| n == name)
                        .or_else(|| args.get(nth))
                        .map(|(_, v)| v.as_str())
                };
                let (Some(from), Some(to)) = (arg("Arg1", 0), arg("Arg2", 1)) else {
                    log.skip(
                        Some(*line),
                        format!("{id}: expected \"<type> Arg1:<id> Arg2:<id>\""),
                    );
                    continue;
                };
                let missing = [("Arg1", from), ("Arg2", to)]
                    .into_iter()
                    .find(|(_, x)| resolve(x).is_none());
                if let Some((field, target)) = missing {
                    log.skip(
                        Some(*line),
                        format!("{id}: {field} \"{target}\" is not an annotation in the file"),
                    );
                    continue;
                }
                let (from, to) = (
                    resolve(from).unwrap_or_default(),
                    resolve(to).unwrap_or_default(),
                );
                if let Some(first) = add_relation(&mut relations, id.clone(), kind, &from, &to) {
                    log.notice(
                        Some(*line),
                        format!(
                            "{id}: the attribution of {from} to {to} is also in {first}; \
                             it is read once"
                        ),
                    );
                }
            }
            Item::E {
                line,
                id,
                kind,
                trigger,
                args,
            } => {
                let trigger_cue = cue_spans.get(trigger.as_str()).copied();
                let trig = resolve(trigger);
                if trig.is_none() && trigger_cue.is_none() {
                    log.skip(
                        Some(*line),
                        format!("{id}: the trigger \"{trigger}\" is not an annotation in the file"),
                    );
                    continue;
                }
                let mut resolved = Vec::new();
                for (role, target) in args {
                    match resolve(target) {
                        Some(t) => resolved.push((role_name(role), t)),
                        None => log.skip(
                            Some(*line),
                            format!(
                                "{id}: the {role} \"{target}\" is not an annotation in the file; \
                                 that argument is left out"
                            ),
                        ),
                    }
                }
                let of = |r: &str| -> Vec<&String> {
                    resolved
                        .iter()
                        .filter(|(x, _)| x.eq_ignore_ascii_case(r))
                        .map(|(_, t)| t)
                        .collect()
                };
                let (contents, sources, cues) = (of("content"), of("source"), of("cue"));
                // The cue: the `Cue` argument (PolNeAR), or the trigger of a cue event (ours).
                let cue = match cues.first() {
                    Some(c) => Some((c.as_str(), annotations[index[c.as_str()]].span)),
                    None if kind.eq_ignore_ascii_case(CUE_EVENT)
                        && !args.iter().any(|(r, _)| is_role(r, "cue")) =>
                    {
                        trigger_cue
                            .or_else(|| trig.as_ref().map(|t| annotations[index[t]].span))
                            .map(|sp| (trigger.as_str(), sp))
                    }
                    None => None,
                };
                if !contents.is_empty() {
                    // PARC / PolNeAR: the content attributed to the source, with the cue.
                    for c in &contents {
                        for s in &sources {
                            let added =
                                add_relation(&mut relations, id.clone(), ATTRIBUTED_TO, c, s);
                            if let Some(first) = added {
                                log.notice(
                                    Some(*line),
                                    format!(
                                        "{id}: the attribution of {c} to {s} is also in {first}; \
                                         it is read once"
                                    ),
                                );
                            }
                        }
                        if let Some((cue, cue_span)) = cue {
                            let a = &mut annotations[index[c.as_str()]];
                            if a.cue.is_none() {
                                a.cue = Some(cue_span);
                            } else if a.cue != Some(cue_span) {
                                let kept = if trigger_cue.is_some() && cue == trigger.as_str() {
                                    "is not kept"
                                } else {
                                    "is kept as an annotation only"
                                };
                                log.notice(
                                    Some(*line),
                                    format!(
                                        "{id}: {c} already has a cue from another event; \
                                         this one ({cue}) {kept}"
                                    ),
                                );
                            }
                        }
                    }
                    let others: Vec<&(String, String)> = resolved
                        .iter()
                        .filter(|(r, _)| {
                            !["content", "source", "cue"].contains(&r.to_lowercase().as_str())
                        })
                        .collect();
                    for (role, t) in others {
                        add_relation(&mut relations, id.clone(), role, c_first(&contents), t);
                    }
                } else if let Some(trig) = &trig {
                    for (role, t) in &resolved {
                        add_relation(&mut relations, id.clone(), role, trig, t);
                    }
                } else {
                    log.skip(
                        Some(*line),
                        format!(
                            "{id}: the cue event has no content in the file; its cue is left out"
                        ),
                    );
                }
            }
            Item::A {
                line,
                id,
                name,
                target,
                value,
            } => {
                let kind = value.as_deref().and_then(QuoteKind::parse);
                match (index.get(target.as_str()), kind) {
                    (Some(&at), Some(k)) if name.eq_ignore_ascii_case(KIND_ATTRIBUTE) => {
                        annotations[at].kind = Some(k);
                    }
                    (None, _) if !trigger_of.contains_key(target.as_str()) => log.skip(
                        Some(*line),
                        format!("{id}: \"{target}\" is not an annotation in the file"),
                    ),
                    _ => drop_note(format!("attribute \"{name}\""), *line),
                }
            }
            Item::Note {
                line,
                id,
                kind,
                target,
                text: note,
                more,
            } => {
                if kind != "AnnotatorNotes" {
                    drop_note(format!("comment type \"{kind}\""), *line);
                    continue;
                }
                let Some(&at) = resolve(target).and_then(|t| index.get(&t)) else {
                    log.skip(
                        Some(*line),
                        format!("{id}: the note is on \"{target}\", which is not an annotation in the file"),
                    );
                    continue;
                };
                let note = if more.is_empty() {
                    note.clone()
                } else {
                    log.repair(
                        Some(*line),
                        format!(
                            "{id}: the note holds a newline, which an .ann line cannot hold; \
                             {} continue it, read as part of the note",
                            lines_word(more)
                        ),
                    );
                    continued(note, more)
                };
                let a = &mut annotations[at];
                a.note = Some(match a.note.take() {
                    Some(prev) => format!("{prev}\n{note}"),
                    None => note,
                });
            }
            Item::Equiv { line, kind, ids } => {
                let found: Vec<String> = ids.iter().filter_map(|x| resolve(x)).collect();
                if found.len() < ids.len() {
                    log.skip(
                        Some(*line),
                        format!(
                            "{kind}: some of {} are not annotations in the file",
                            ids.join(" ")
                        ),
                    );
                }
                for w in found.windows(2) {
                    add_relation(&mut relations, format!("*{line}"), kind, &w[0], &w[1]);
                }
            }
            Item::Norm { line } => drop_note("normalisation (N)".to_owned(), *line),
            Item::T { .. } => {}
        }
    }
    for (what, n, line) in not_kept {
        let times = if n == 1 {
            "once".to_owned()
        } else {
            format!("{n} times")
        };
        log.notice(
            Some(line),
            format!("{what} ({times}, first here) is not kept: the app has no place for it"),
        );
    }
    let doc = assemble(text, None, set.into_labels(), annotations, relations);
    crate::sort::sort_by_key(&mut log.found, |p| p.0);
    Ok((doc, log))
}

/// Lists the lines after a `T` line that could not be read as part of it.
fn skip_more(log: &mut Log, id: &str, more: &[(usize, String)]) {
    for (line, _) in more {
        log.skip(
            Some(*line),
            format!("not a brat line: it does not start with an id and a tab (brat has {LINE_TYPES}); it follows {id}"),
        );
    }
}

/// The first content of an attribution event, which its other roles hang from.
fn c_first<'a>(contents: &[&'a String]) -> &'a str {
    contents[0]
}

/// Whether an event argument's role is `role`, in any case and whatever its number.
fn is_role(arg: &str, role: &str) -> bool {
    role_name(arg).eq_ignore_ascii_case(role)
}

/// The `T` ids that are read as a cue and not as an annotation: of type [`CUE_EVENT`], the
/// trigger of one or more [`CUE_EVENT`] events that each have a `Content` and no `Cue` argument
/// (as [`export`] writes them), and named by no other line (no relation, event argument,
/// attribute, note or equivalence points at the trigger or at its events). PolNeAR's triggers
/// (type `Attribution`, beside a `Cue` argument) stay annotations, as every other event's do.
fn cue_triggers(items: &[Item]) -> std::collections::HashSet<String> {
    let mut named: std::collections::HashSet<&str> = std::collections::HashSet::new();
    // trigger → whether every event it triggers is a cue event
    let mut triggers: HashMap<&str, bool> = HashMap::new();
    for it in items {
        match it {
            Item::R { args, .. } => named.extend(args.iter().map(|(_, v)| v.as_str())),
            Item::E {
                kind,
                trigger,
                args,
                ..
            } => {
                named.extend(args.iter().map(|(_, v)| v.as_str()));
                let cue_event = kind.eq_ignore_ascii_case(CUE_EVENT)
                    && args.iter().any(|(r, _)| is_role(r, "content"))
                    && !args.iter().any(|(r, _)| is_role(r, "cue"));
                *triggers.entry(trigger.as_str()).or_insert(true) &= cue_event;
            }
            Item::A { target, .. } | Item::Note { target, .. } => {
                named.insert(target.as_str());
            }
            Item::Equiv { ids, .. } => named.extend(ids.iter().map(String::as_str)),
            Item::T { .. } | Item::Norm { .. } => {}
        }
    }
    for it in items {
        if let Item::E { id, trigger, .. } = it {
            if named.contains(id.as_str()) {
                triggers.insert(trigger.as_str(), false);
            }
        }
    }
    items
        .iter()
        .filter_map(|it| match it {
            Item::T { id, kind, .. }
                if kind.eq_ignore_ascii_case(CUE_EVENT)
                    && triggers.get(id.as_str()) == Some(&true)
                    && !named.contains(id.as_str()) =>
            {
                Some(id.clone())
            }
            _ => None,
        })
        .collect()
}

/// An event role without the number brat adds to repeated roles (`Content2` → `Content`).
fn role_name(role: &str) -> String {
    role.trim_end_matches(|c: char| c.is_ascii_digit())
        .to_owned()
}

/// A line's text and the lines that continue it, joined by newlines.
fn continued(first: &str, more: &[(usize, String)]) -> String {
    let mut s = first.to_owned();
    for (_, l) in more {
        s.push('\n');
        s.push_str(l);
    }
    s
}

/// Reads a brat `.txt` and `.ann` pair strictly: the four default labels, then the file's
/// types; the first malformed line fails the import. See [`read`].
pub fn import(txt: &str, ann: &str) -> Result<Document, BratError> {
    let (doc, log) = read(txt, ann, default_labels())?;
    match log.first_fault() {
        Some((line, _, message)) => Err(BratError::Line {
            line: line.unwrap_or(0),
            message: message.clone(),
        }),
        None => Ok(doc),
    }
}

#[cfg(test)]
mod tests {
    use super::natural_cmp;
    use std::cmp::Ordering::{Equal, Greater, Less};

    #[test]
    fn ids_compare_with_their_numbers_as_numbers() {
        assert_eq!(natural_cmp("T9", "T10"), Less);
        assert_eq!(natural_cmp("a10", "a9"), Greater);
        assert_eq!(natural_cmp("T8-2", "T8-10"), Less);
        assert_eq!(natural_cmp("T8", "T8-2"), Less);
        assert_eq!(natural_cmp("T01", "T1"), Less, "leading zeros: plain order");
        assert_eq!(natural_cmp("x", "x"), Equal);
        let mut ids = ["b", "a10", "a2", "a", "10", "9", "a2b", "a02"];
        ids.sort_by(|x, y| natural_cmp(x, y));
        assert_eq!(ids, ["9", "10", "a", "a02", "a2", "a2b", "a10", "b"]);
    }
}
