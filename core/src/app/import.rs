//! What importing files decides, apart from reading and storing them: whether a file is
//! taken at all, which reader reads it (the app's own files at once, as before; every other
//! tool's files through [`formats::import`](crate::formats::import) and a preview), fresh ids
//! for the articles, and what the user is told.

use crate::formats::import::{
    detect, Format, ImportPreview, InputFile, LabelMapping, Mode, Problem,
};
use crate::formats::{jsonl, v1};
use crate::{limits, Document, LabelId};
use std::collections::HashSet;
use std::fmt;

/// A file chosen or dropped, as the shell read it (a file too big is not read at all).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Picked {
    /// Its name and bytes.
    Read(InputFile),
    /// Larger than [`MAX_IMPORT_BYTES`]: not read.
    TooBig {
        /// Its name.
        name: String,
        /// Its size in bytes.
        bytes: u64,
    },
    /// The browser could not read it.
    Unreadable {
        /// Its name.
        name: String,
    },
}

impl Picked {
    /// The file's name.
    pub fn name(&self) -> &str {
        match self {
            Picked::Read(f) => &f.name,
            Picked::TooBig { name, .. } | Picked::Unreadable { name } => name,
        }
    }

    /// The shell's answer for a file of `bytes` bytes: read it (`None`), or this, unread.
    pub fn unread_if_too_big(name: &str, bytes: u64) -> Option<Picked> {
        check_size(bytes).err().map(|_| Picked::TooBig {
            name: name.to_owned(),
            bytes,
        })
    }
}

/// Articles for the shell to store, each under a fresh id, the first one shown: one file of
/// the app's own, or one preview's articles.
#[derive(Clone, Debug, PartialEq)]
pub struct Batch {
    /// The file's name (or the files'), for the report.
    pub name: String,
    /// The articles, at least one.
    pub docs: Vec<Document>,
    /// What was repaired or added, for the status line.
    pub notices: Vec<String>,
    /// Each article's imported predictions, in the order of `docs` (missing or empty: none):
    /// stored with it, and offered for review when it is opened.
    pub predictions: Vec<Vec<crate::review::Prediction>>,
}

/// Whether a file is the app's own (v1 JSON or JSON Lines, or meant to be one: a JSON object
/// naming a `format` or holding a `document`, or a `.json`/`.jsonl` file no reader
/// recognises). These are imported at once, without a preview, and refused with the v1
/// reader's precise reason.
pub fn is_own(file: &InputFile) -> bool {
    is_own_text(&file.name, &crate::text::decode_lossy(&file.bytes))
}

/// [`is_own`] for a file already decoded: `text` is its contents.
pub fn is_own_text(name: &str, text: &str) -> bool {
    let body = text.trim_start_matches('\u{FEFF}').trim_start();
    let first = body.lines().next().unwrap_or_default();
    // A one-line file is its first line: read once.
    let more = first.trim_end().len() < body.trim_end().len();
    if names_own_keys(first) || (more && names_own_keys(body)) {
        return true;
    }
    match detect(body) {
        Some(Format::V1 | Format::Jsonl) => true,
        Some(_) => false,
        None => {
            let lower = name.to_lowercase();
            [".json", ".jsonl", ".ndjson"]
                .iter()
                .any(|e| lower.ends_with(e))
        }
    }
}

/// True for a JSON object with a `format` or a `document` key. Read key by key, stopping at
/// the first of those (our files name their format first) and skipping the values before it
/// without building them: a tree of a book's file took 150 ms, skipping all of it 60 ms.
fn names_own_keys(json: &str) -> bool {
    use serde::de::{Deserializer, Error, IgnoredAny, MapAccess, Visitor};
    use std::cell::Cell;
    struct Keys<'c>(&'c Cell<bool>);
    impl<'de> Visitor<'de> for Keys<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<String>()? {
                if key == "format" || key == "document" {
                    self.0.set(true);
                    // stop reading: the rest of the file is not needed
                    return Err(A::Error::custom("found"));
                }
                map.next_value::<IgnoredAny>()?;
            }
            Ok(())
        }
    }
    let found = Cell::new(false);
    let _ = serde_json::Deserializer::from_str(json).deserialize_map(Keys(&found));
    found.get()
}

/// The names of files for a message: `a.json`, `a.txt and a.ann`, `a, b, c and 2 more`.
pub fn names<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let all: Vec<&str> = names.into_iter().collect();
    match all.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [a, b] => format!("{a} and {b}"),
        [a, b, c] => format!("{a}, {b} and {c}"),
        [a, b, c, ..] => format!("{a}, {b}, {c} and {} more", all.len() - 3),
    }
}

/// Where a preview's articles go.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Destination {
    /// Each becomes a new article of the library (the first is opened; its predictions are
    /// suggestions to review).
    #[default]
    NewArticles,
    /// Their spans become suggestions to review on the open article (those of the articles
    /// with its text).
    Suggestions,
}

/// The user's choice for one foreign label in the preview.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelChoice {
    /// One of the open article's labels.
    Existing(LabelId),
    /// A new label of its own.
    New,
}

/// An import waiting in its preview: nothing has changed yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingImport {
    /// The files' names, for messages.
    pub name: String,
    /// What was read (leniently), with the label mapping chosen so far.
    pub preview: ImportPreview,
    /// The mapping as first proposed, before any choice.
    pub proposed: Vec<LabelMapping>,
    /// Skip malformed lines, or refuse the whole import.
    pub mode: Mode,
    /// Where the articles go.
    pub destination: Destination,
    /// Whether importing as suggestions onto the open article is offered: some article has its
    /// text, and it may be edited here.
    pub onto_open: bool,
    /// Why the last label choice was refused.
    pub error: Option<String>,
}

impl PendingImport {
    /// What a strict import refuses: the first problem that is a fault (a line malformed and
    /// skipped or repaired), as [`formats::import::read`](crate::formats::import::read) in
    /// strict mode finds it.
    pub fn refusal(&self) -> Option<&Problem> {
        if self.mode == Mode::Strict {
            self.preview
                .problems
                .iter()
                .find(|p| p.severity >= crate::formats::import::Severity::Repaired)
        } else {
            None
        }
    }
}

/// The largest file the app imports, in bytes.
pub const MAX_IMPORT_BYTES: usize = v1::MAX_IMPORT_BYTES;

/// Why a file was not imported (nothing was changed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportFailure {
    /// Larger than [`MAX_IMPORT_BYTES`].
    TooBig {
        /// Its size in bytes.
        bytes: u64,
    },
    /// The browser could not read it.
    Unreadable,
    /// It was read but holds no article.
    Empty,
    /// A reader refused it (the reason names the line where it can).
    Invalid(String),
    /// A reader refused it: why, in plain words, and the reader's own message.
    Explained {
        /// What is wrong and what to do.
        said: String,
        /// The reader's technical message.
        detail: String,
    },
}

impl ImportFailure {
    /// The technical detail, for "Details".
    pub fn detail(&self) -> Option<&str> {
        match self {
            ImportFailure::Explained { detail, .. } => Some(detail),
            _ => None,
        }
    }
}

impl fmt::Display for ImportFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // whole megabytes as integers: formatting a float costs about 10 kB of wasm
        let mb = |bytes: u64| (bytes + 524_288) / 1_048_576;
        match self {
            ImportFailure::TooBig { bytes } => write!(
                f,
                "it is {} MB and the most this app imports is {} MB",
                mb(*bytes),
                mb(MAX_IMPORT_BYTES as u64)
            ),
            ImportFailure::Unreadable => f.write_str("the browser could not read it"),
            ImportFailure::Empty => f.write_str("it holds no article"),
            ImportFailure::Invalid(why) => f.write_str(why),
            ImportFailure::Explained { said, .. } => f.write_str(said),
        }
    }
}

/// The articles read from one file, and what was repaired while reading it.
#[derive(Clone, Debug)]
pub struct ImportedFile {
    /// Its articles, in file order (at least one).
    pub docs: Vec<Document>,
    /// What was worked around, for the status line.
    pub notices: Vec<String>,
}

/// Refuses a file too large to import, before it is read.
pub fn check_size(bytes: u64) -> Result<(), ImportFailure> {
    if bytes > MAX_IMPORT_BYTES as u64 {
        Err(ImportFailure::TooBig { bytes })
    } else {
        Ok(())
    }
}

/// Reads a file's articles: a library (JSONL, by name or by content) or one v1 file; each
/// checked against the app's limits. Any article it can't take refuses the whole file, naming
/// its line.
pub fn read(name: &str, text: &str) -> Result<ImportedFile, ImportFailure> {
    let lower = name.to_lowercase();
    let is_library = lower.ends_with(".jsonl")
        || lower.ends_with(".ndjson")
        || (jsonl::looks_like_jsonl(text) && v1::import_json_lenient(text).is_err());
    let file = if is_library {
        let docs = jsonl::import_library(text).map_err(|e| {
            let line = text.split('\n').nth(e.line - 1).unwrap_or_default();
            let (said, _) = super::explain::own_file(&e.error, line);
            ImportFailure::Explained {
                said: format!("the article on line {} of the library: {said}", e.line),
                detail: e.to_string(),
            }
        })?;
        for (i, d) in docs.iter().enumerate() {
            if let Err(e) = limits::check(d) {
                // the line of the i-th article (blank lines count)
                let line = text
                    .split('\n')
                    .enumerate()
                    .filter(|(_, l)| !l.trim().is_empty())
                    .nth(i)
                    .map_or(i + 1, |(n, _)| n + 1);
                return Err(ImportFailure::Invalid(format!("line {line}: {e}")));
            }
        }
        ImportedFile {
            docs,
            notices: Vec::new(),
        }
    } else {
        let reader = v1::Reader::lenient(text).map_err(|e| explain_own(&e, text))?;
        finish_reading(reader, || text.to_owned())?
    };
    if file.docs.is_empty() {
        return Err(ImportFailure::Empty);
    }
    Ok(file)
}

/// Annotations converted per slice of a file being read: about 6-10 ms of work in a release
/// build on a 2-core machine, then the page's turn (input, a frame that is due) before the next
/// slice (bench/README.md, "Choices measured"). A file of up to this many is read at once.
pub const READ_STEP: usize = 20_000;

/// A v1 file (not a library) to read a slice at a time: its reader, or why it can't be read;
/// `None` for a library, which [`read`] reads at once.
pub fn start_reading(name: &str, text: &str) -> Option<Result<v1::Reader, ImportFailure>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let lower = name.to_lowercase();
    if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") || jsonl::looks_like_jsonl(text) {
        return None;
    }
    Some(v1::Reader::lenient(text).map_err(|e| explain_own(&e, text)))
}

/// The end of [`start_reading`]: the article, checked against the limits as [`read`] does; a
/// fault in the file is explained from its `text`.
pub fn finish_reading(
    reader: v1::Reader,
    text: impl FnOnce() -> String,
) -> Result<ImportedFile, ImportFailure> {
    let i = reader.finish().map_err(|e| explain_own(&e, &text()))?;
    limits::check(&i.doc).map_err(|e| ImportFailure::Invalid(e.to_string()))?;
    Ok(ImportedFile {
        docs: vec![i.doc],
        notices: i.notices,
    })
}

/// A v1 file's fault, said as the user reads it (with the detail for the curious).
pub fn explain_own(e: &crate::ImportError, text: &str) -> ImportFailure {
    let (said, detail) = super::explain::own_file(e, text);
    ImportFailure::Explained { said, detail }
}

/// `n` ids from `mint`, none of them in `taken` nor repeated (storing checks again, against
/// other tabs).
pub fn fresh_ids(
    n: usize,
    taken: &HashSet<String>,
    mut mint: impl FnMut() -> String,
) -> Vec<String> {
    let mut seen = taken.clone();
    (0..n)
        .map(|_| loop {
            let id = mint();
            if seen.insert(id.clone()) {
                break id;
            }
        })
        .collect()
}

/// How an import went, once every article was offered to storage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportReport {
    /// The file's name.
    pub name: String,
    /// How many articles it held.
    pub total: usize,
    /// How many are stored in the library.
    pub stored: usize,
    /// The title of the article shown.
    pub shown: String,
    /// Articles not stored: their line in the file and why.
    pub bad: Vec<(usize, String)>,
    /// What was repaired while reading.
    pub notices: Vec<String>,
}

impl ImportReport {
    /// The status line, and whether it reports a failure.
    pub fn message(&self) -> (String, bool) {
        let (name, total, stored, shown) = (&self.name, self.total, self.stored, &self.shown);
        let mut text = if total == 1 {
            format!("Imported {name}.")
        } else if stored == total {
            format!(
                "Imported {name}: {total} articles, all stored in the library; showing “{shown}”."
            )
        } else {
            format!("Imported {name}: {stored} of {total} articles are stored in the library; showing “{shown}”.")
        };
        if !self.bad.is_empty() {
            let mut bad = self.bad.clone();
            crate::sort::sort(&mut bad);
            text.push_str(&format!(" Not stored: {}.", lines_and_reasons(&bad)));
        }
        for n in &self.notices {
            text.push(' ');
            text.push_str(n);
        }
        (text, !self.bad.is_empty())
    }
}

/// "line 3 (why); line 9 (why)", the first five, then how many more.
fn lines_and_reasons(bad: &[(usize, String)]) -> String {
    let mut parts: Vec<String> = bad
        .iter()
        .take(5)
        .map(|(n, e)| format!("line {n} ({e})"))
        .collect();
    if bad.len() > 5 {
        parts.push(format!("and {} more", bad.len() - 5));
    }
    parts.join("; ")
}
