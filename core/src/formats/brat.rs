//! brat standoff: the text as a `.txt` file and the annotations as a `.ann` file of lines that
//! point into it by character (code point) offsets. See `docs/formats.md`.
//!
//! Export writes annotations as `T1`, `T2`, … in export order (start, end, id), relations as
//! `R1`, `R2`, … in the document's order, and notes as `AnnotatorNotes` comments `#1`, `#2`, ….

use crate::document::{Annotation, AnnotationId, Document, Relation};
use crate::formats::v1::{next_label_color, MAX_IMPORT_BYTES};
use crate::label::{default_labels, Label, LabelId};
use crate::offset::{CharOffset, Span};
use crate::text::Text;
use std::collections::HashMap;
use std::sync::Arc;

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
/// `.ann` line cannot hold a newline. Newlines in notes become spaces.
pub fn export(doc: &Document) -> (String, String) {
    let text = doc.text();
    let mut ann = String::new();
    let mut t_of: HashMap<&AnnotationId, usize> = HashMap::new();
    for (i, a) in doc.annotations().iter().enumerate() {
        let n = i + 1;
        t_of.insert(&a.id, n);
        let label = doc.label(a.label).map_or("", |l| l.name.as_str());
        let frags = fragments(text, a.span);
        let offsets: Vec<String> = frags.iter().map(|(s, e, _)| format!("{s} {e}")).collect();
        let quoted: Vec<&str> = frags.iter().map(|(_, _, t)| *t).collect();
        ann.push_str(&format!(
            "T{n}\t{} {}\t{}\n",
            type_name(label),
            offsets.join(";"),
            quoted.join(FRAGMENT_SEPARATOR)
        ));
    }
    for (j, r) in doc.relations().iter().enumerate() {
        if let (Some(f), Some(t)) = (t_of.get(&r.from), t_of.get(&r.to)) {
            ann.push_str(&format!(
                "R{}\t{} Arg1:T{f} Arg2:T{t}\n",
                j + 1,
                type_name(r.kind.as_str())
            ));
        }
    }
    let mut k = 0;
    for (i, a) in doc.annotations().iter().enumerate() {
        if let Some(note) = &a.note {
            k += 1;
            let flat = note.replace("\r\n", " ").replace(['\r', '\n'], " ");
            ann.push_str(&format!("#{k}\tAnnotatorNotes T{}\t{flat}\n", i + 1));
        }
    }
    (text.as_str().to_owned(), ann)
}

/// A relation line waiting for every `T` line to be read.
struct PendingRelation {
    line: usize,
    id: String,
    kind: String,
    from: String,
    to: String,
}

/// Reads a brat `.txt` and `.ann` pair into a document.
///
/// `T` lines become annotations, keeping their brat ids (`T3`); a discontinuous span becomes one
/// span from its first start to its last end. Each fragment's text must match the `.txt`, and
/// the line's text must be the fragments joined by a space. Types become labels by name: the
/// four default labels are always there, others are added in order of first use. `R` lines
/// become relations (`Arg1` → `Arg2`), `AnnotatorNotes` become notes. Other lines (events,
/// attributes, normalisations, equivalences, other comments) are skipped.
pub fn import(txt: &str, ann: &str) -> Result<Document, BratError> {
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
    let text = Text::from_normalized(txt.to_owned());
    let len = text.index().len_chars().0;
    let mut labels = default_labels();
    let mut annotations: Vec<Annotation> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut relations = Vec::new();
    let mut notes = Vec::new();
    for (i, raw) in ann.split('\n').enumerate() {
        let line = i + 1;
        let l = raw.strip_suffix('\r').unwrap_or(raw);
        if l.trim().is_empty() {
            continue;
        }
        let err = |message: String| BratError::Line { line, message };
        let (id, rest) = l
            .split_once('\t')
            .ok_or_else(|| err("no tab after the id".to_owned()))?;
        match id.chars().next() {
            Some('T') => {
                let (head, quoted) = rest
                    .split_once('\t')
                    .ok_or_else(|| err(format!("{id}: no tab before the text")))?;
                let (kind, offsets) = head
                    .split_once(' ')
                    .ok_or_else(|| err(format!("{id}: expected \"<type> <start> <end>\"")))?;
                let mut frags = Vec::new();
                for frag in offsets.split(';') {
                    let nums: Vec<&str> = frag.split_whitespace().collect();
                    let parsed = match nums[..] {
                        [s, e] => s.parse::<usize>().ok().zip(e.parse::<usize>().ok()),
                        _ => None,
                    };
                    let (s, e) = parsed
                        .ok_or_else(|| err(format!("{id}: \"{frag}\" is not \"<start> <end>\"")))?;
                    if s > e || e > len {
                        return Err(err(format!(
                            "{id}: {s}..{e} is not a span of the text ({len} characters)"
                        )));
                    }
                    let sp = text
                        .span_from_chars(CharOffset(s), CharOffset(e))
                        .expect("checked against the length");
                    frags.push((s, e, sp));
                }
                let joined: Vec<&str> = frags.iter().map(|f| text.slice(f.2)).collect();
                let joined = joined.join(FRAGMENT_SEPARATOR);
                if joined != quoted {
                    return Err(err(format!(
                        "{id}: text \"{quoted}\" does not match the .txt at {offsets} (\"{joined}\")"
                    )));
                }
                let start = frags.iter().map(|f| f.2.start).min().expect("one fragment");
                let end = frags.iter().map(|f| f.2.end).max().expect("one fragment");
                if start >= end {
                    return Err(err(format!("{id}: the span is empty")));
                }
                if index.contains_key(id) {
                    return Err(err(format!("{id} is used twice")));
                }
                let label = match labels.iter().find(|l| l.name == kind) {
                    Some(l) => l.id,
                    None => {
                        let lid = LabelId(labels.len() as u32);
                        let color = next_label_color(&labels);
                        labels.push(Label {
                            id: lid,
                            name: kind.to_owned(),
                            color,
                            key: None,
                        });
                        lid
                    }
                };
                index.insert(id.to_owned(), annotations.len());
                annotations.push(Annotation {
                    id: AnnotationId(id.into()),
                    label,
                    span: Span { start, end },
                    note: None,
                    kind: None,
                    cue: None,
                });
            }
            Some('R') => {
                let head = rest.split('\t').next().unwrap_or_default();
                let mut words = head.split_whitespace();
                let kind = words
                    .next()
                    .ok_or_else(|| err(format!("{id}: no relation type")))?;
                let args: Vec<(&str, &str)> = words.filter_map(|w| w.split_once(':')).collect();
                let arg = |name: &str, nth: usize| {
                    args.iter()
                        .find(|(n, _)| *n == name)
                        .or_else(|| args.get(nth))
                        .map(|(_, v)| (*v).to_owned())
                };
                let (Some(from), Some(to)) = (arg("Arg1", 0), arg("Arg2", 1)) else {
                    return Err(err(format!(
                        "{id}: expected \"<type> Arg1:<id> Arg2:<id>\""
                    )));
                };
                relations.push(PendingRelation {
                    line,
                    id: id.to_owned(),
                    kind: kind.to_owned(),
                    from,
                    to,
                });
            }
            Some('#') => {
                let (head, note) = rest.split_once('\t').unwrap_or((rest, ""));
                let mut words = head.split_whitespace();
                if words.next() == Some("AnnotatorNotes") {
                    let target = words
                        .next()
                        .ok_or_else(|| err(format!("{id}: AnnotatorNotes names no annotation")))?;
                    notes.push((line, target.to_owned(), note.to_owned()));
                }
            }
            _ => {}
        }
    }
    for (line, target, note) in notes {
        let Some(&at) = index.get(&target) else {
            return Err(BratError::Line {
                line,
                message: format!("the note is on \"{target}\", which is not a T annotation"),
            });
        };
        let a = &mut annotations[at];
        a.note = Some(match a.note.take() {
            Some(prev) => format!("{prev}\n{note}"),
            None => note,
        });
    }
    let mut rels = Vec::with_capacity(relations.len());
    for r in relations {
        for (field, target) in [("Arg1", &r.from), ("Arg2", &r.to)] {
            if !index.contains_key(target) {
                return Err(BratError::Line {
                    line: r.line,
                    message: format!(
                        "{}: {field} \"{target}\" is not a T annotation in the file",
                        r.id
                    ),
                });
            }
        }
        rels.push(Relation::new(r.id, r.kind, &r.from, &r.to));
    }
    let mut doc = Document {
        title: None,
        text: Arc::new(text),
        labels,
        annotations,
        relations: rels,
        next_id: 1,
    };
    doc.sort_annotations();
    Ok(doc)
}
