//! What importing a file decides, apart from reading and storing it: whether the file is
//! taken at all, which reader reads it, fresh ids for its articles, and what the user is told.

use crate::formats::{jsonl, v1};
use crate::{limits, Document};
use std::collections::HashSet;
use std::fmt;

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
    let invalid = |e: &dyn fmt::Display| ImportFailure::Invalid(e.to_string());
    let lower = name.to_lowercase();
    let is_library = lower.ends_with(".jsonl")
        || lower.ends_with(".ndjson")
        || (jsonl::looks_like_jsonl(text) && v1::import_json_lenient(text).is_err());
    let file = if is_library {
        let docs = jsonl::import_library(text).map_err(|e| invalid(&e))?;
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
        let i = v1::import_json_lenient(text).map_err(|e| invalid(&e))?;
        limits::check(&i.doc).map_err(|e| invalid(&e))?;
        ImportedFile {
            docs: vec![i.doc],
            notices: i.notices,
        }
    };
    if file.docs.is_empty() {
        return Err(ImportFailure::Empty);
    }
    Ok(file)
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
            bad.sort();
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
