//! Opening other tools' files: one entry point, [`read`], that recognises each file by its
//! content (not only its name), reads it with the importer of its format, and gives back a
//! [`ImportPreview`] of what was found — articles, suggestions, spans per label, relations, the
//! label mapping and every problem by file and line — before anything in the app changes.
//!
//! Formats: article-annotator v1 and JSON Lines, brat standoff (pairs, or a zip of pairs), Label
//! Studio JSON (full, JSON-MIN, task files), doccano JSONL (both styles), W3C Web Annotation
//! JSON-LD, CoNLL BIO/IOB2/IOBES, spaCy-style JSONL. See `docs/formats.md`.

use crate::action::Proposal;
use crate::document::{Annotation, Document};
use crate::formats::v1::{next_label_color, EXTRA_LABEL_COLORS, MAX_IMPORT_BYTES};
use crate::formats::{brat, conll, doccano, jsonl, label_studio, spacy, v1, w3c, zip};
use crate::label::{contrast, validate, Label, LabelError, LabelId, LabelSpec, INK, MIN_CONTRAST};
use crate::offset::{CharOffset, Span, Utf16Offset};
use crate::text::Text;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;

/// One file given to the importer: its name (a path inside a zip keeps its folders) and bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputFile {
    /// The file name, used to pair `.txt` and `.ann` files and in messages.
    pub name: String,
    /// The contents.
    pub bytes: Vec<u8>,
}

impl InputFile {
    /// A file named `name` holding `bytes`.
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        InputFile {
            name: name.into(),
            bytes: bytes.into(),
        }
    }
}

/// What to do with a malformed line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Skip it (or repair it, when that is unambiguous) and list it in the preview.
    #[default]
    Lenient,
    /// Refuse the whole import at the first malformed line.
    Strict,
}

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    /// Nothing was wrong with the file, but something was converted or is not kept (UTF-16
    /// offsets converted, brat attributes the app has no place for). Never refuses an import.
    Notice,
    /// The file was malformed and was repaired exactly (a newline inside a span's text or a
    /// note, which an `.ann` line cannot hold). Refuses a strict import.
    Repaired,
    /// Something was malformed and left out. Refuses a strict import.
    Skipped,
}

/// One problem found while reading, with its place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The file it is in.
    pub file: String,
    /// The 1-based line, when the format has lines (for JSON, the task or item number).
    pub line: Option<usize>,
    /// How bad it is.
    pub severity: Severity,
    /// What is wrong, for a person.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}, line {line}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// The problems of one file, as an importer finds them (the file name is added by [`read`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Log {
    /// `(line, severity, message)`, in the order found.
    pub found: Vec<(Option<usize>, Severity, String)>,
}

impl Log {
    /// Something malformed was left out.
    pub fn skip(&mut self, line: Option<usize>, message: impl Into<String>) {
        self.found.push((line, Severity::Skipped, message.into()));
    }

    /// Something malformed was repaired exactly.
    pub fn repair(&mut self, line: Option<usize>, message: impl Into<String>) {
        self.found.push((line, Severity::Repaired, message.into()));
    }

    /// Something was converted or is not kept.
    pub fn notice(&mut self, line: Option<usize>, message: impl Into<String>) {
        self.found.push((line, Severity::Notice, message.into()));
    }

    /// The first problem that refuses a strict import.
    pub fn first_fault(&self) -> Option<&(Option<usize>, Severity, String)> {
        self.found.iter().find(|p| p.1 >= Severity::Repaired)
    }

    fn into_problems(self, file: &str) -> impl Iterator<Item = Problem> + '_ {
        self.found
            .into_iter()
            .map(move |(line, severity, message)| Problem {
                file: file.to_owned(),
                line,
                severity,
                message,
            })
    }
}

/// The formats [`read`] recognises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    /// article-annotator v1 JSON.
    V1,
    /// article-annotator JSON Lines (one v1 file per line).
    Jsonl,
    /// brat standoff: `.txt` + `.ann`.
    Brat,
    /// Label Studio JSON (full, JSON-MIN or tasks).
    LabelStudio,
    /// doccano JSONL.
    Doccano,
    /// W3C Web Annotation JSON-LD.
    W3c,
    /// CoNLL BIO / IOB2 / IOBES columns.
    Conll,
    /// spaCy-style JSONL (`text`, `spans`).
    Spacy,
}

impl Format {
    /// The name shown in the preview.
    pub fn name(self) -> &'static str {
        match self {
            Format::V1 => "article-annotator JSON",
            Format::Jsonl => "article-annotator JSON Lines",
            Format::Brat => "brat standoff",
            Format::LabelStudio => "Label Studio JSON",
            Format::Doccano => "doccano JSONL",
            Format::W3c => "W3C Web Annotation",
            Format::Conll => "CoNLL",
            Format::Spacy => "spaCy JSONL",
        }
    }
}

/// A span proposed by another tool (a Label Studio prediction), to review as a suggestion:
/// never an annotation until accepted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggested {
    /// Its label, among the article's labels.
    pub label: LabelId,
    /// Where, in bytes of the article's text.
    pub span: Span,
}

/// One article found: a document whose labels are the file's own (the foreign labels), and
/// the predictions made on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// The file (or file pair) it came from.
    pub source: String,
    /// The format it was read as.
    pub format: Format,
    /// The text, annotations and relations, with the file's labels (between the worker and the
    /// page, as a file of ours).
    #[serde(with = "crate::work::doc_as_v1")]
    pub doc: Document,
    /// Predictions to review.
    pub suggestions: Vec<Suggested>,
}

/// Where a foreign label goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// Onto one of the app's labels, by id (and name, for the preview).
    Existing {
        /// The label's id among the labels given to [`read`].
        id: LabelId,
        /// Its name.
        name: String,
    },
    /// A new label, already checked as the label editor checks one.
    New(LabelSpec),
}

impl Target {
    /// The name of the label the spans end up with.
    pub fn name(&self) -> &str {
        match self {
            Target::Existing { name, .. } => name,
            Target::New(spec) => &spec.name,
        }
    }
}

/// One foreign label: how many spans and suggestions carry it, and where it goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelMapping {
    /// The name in the file.
    pub foreign: String,
    /// Annotations with it, over every article.
    pub spans: usize,
    /// Suggestions with it, over every article.
    pub suggestions: usize,
    /// Where it goes.
    pub target: Target,
}

/// Everything found, before anything changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportPreview {
    /// The articles, in the order of the files.
    pub articles: Vec<Article>,
    /// Every foreign label (distinct ignoring case), in order of first use.
    pub labels: Vec<LabelMapping>,
    /// Every problem, by file and line.
    pub problems: Vec<Problem>,
}

/// Why nothing can be imported.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum ReadError {
    /// No file was given.
    #[error("no file to import")]
    NoFiles,
    /// The files are larger than the importer accepts.
    #[error("the files are {size} bytes together; the largest import is {max} bytes")]
    TooLarge {
        /// Their size in bytes.
        size: usize,
        /// The limit.
        max: usize,
    },
    /// A strict import met a malformed line (or file).
    #[error("{0}")]
    Refused(Problem),
    /// Nothing in the files could be read; the problems say why.
    #[error("nothing to import: {}", .0.first().map(ToString::to_string).unwrap_or_default())]
    Nothing(Vec<Problem>),
}

/// What [`read`] needs besides the files.
#[derive(Clone, Copy, Debug, Default)]
pub struct ReadOptions<'a> {
    /// The open article's text: what W3C annotations and CoNLL tokens are anchored on when no
    /// `.txt` comes with them.
    pub open_text: Option<&'a str>,
    /// The labels foreign labels are matched against (by name, ignoring case).
    pub labels: &'a [Label],
    /// Lenient or strict.
    pub mode: Mode,
}

/// Reads `files` into a preview. Each file is recognised by its content: a zip is opened and
/// its entries read as files; `.ann` files are paired with the `.txt` of the same name; a
/// `.txt` with no `.ann` is the text that W3C and CoNLL files are anchored on (else
/// `open_text`).
pub fn read(files: &[InputFile], opts: &ReadOptions) -> Result<ImportPreview, ReadError> {
    read_articles(files, opts.open_text, opts.mode).map(|found| found.preview(opts.labels))
}

/// What the files hold, before their labels are mapped onto the app's: [`read`]'s work but for
/// the mapping, done in the page's worker (`core::work`); the page maps the labels when it
/// gets the answer ([`Found::preview`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Found {
    /// The articles, in the order of the files.
    pub articles: Vec<Article>,
    /// Every problem, by file and line.
    pub problems: Vec<Problem>,
}

impl Found {
    /// The preview, with every foreign label mapped onto `labels` (by name, ignoring case) or
    /// as a new label.
    pub fn preview(self, labels: &[Label]) -> ImportPreview {
        let labels = mapping(&self.articles, labels);
        ImportPreview {
            articles: self.articles,
            labels,
            problems: self.problems,
        }
    }
}

/// [`read`] without the labels' mapping.
pub fn read_articles(
    files: &[InputFile],
    open_text: Option<&str>,
    mode: Mode,
) -> Result<Found, ReadError> {
    if files.is_empty() {
        return Err(ReadError::NoFiles);
    }
    let size: usize = files.iter().map(|f| f.bytes.len()).sum();
    if size > MAX_IMPORT_BYTES {
        return Err(ReadError::TooLarge {
            size,
            max: MAX_IMPORT_BYTES,
        });
    }
    let mut problems = Vec::new();
    // Open zips into their entries.
    let mut all: Vec<InputFile> = Vec::new();
    for f in files {
        if f.bytes.starts_with(b"PK\x03\x04") || f.bytes.starts_with(b"PK\x05\x06") {
            match zip::read(&f.bytes) {
                Ok(entries) => all.extend(
                    entries
                        .into_iter()
                        .filter(|(name, _)| !name.ends_with('/') && !is_hidden(name))
                        .map(|(name, bytes)| InputFile::new(format!("{}/{name}", f.name), bytes)),
                ),
                Err(e) => fail(&mut problems, mode, &f.name, None, e.to_string())?,
            }
        } else {
            all.push(f.clone());
        }
    }
    // Decode as text.
    let mut texts: Vec<(String, String)> = Vec::new();
    for f in all {
        match String::from_utf8(f.bytes) {
            Ok(s) => texts.push((f.name, s)),
            Err(e) => fail(
                &mut problems,
                mode,
                &f.name,
                None,
                format!(
                    "not UTF-8 text (byte {} is not UTF-8); save it as UTF-8",
                    e.utf8_error().valid_up_to()
                ),
            )?,
        }
    }
    // brat's configuration files (our brat zip holds an `annotation.conf`) are no documents.
    texts.retain(|(name, _)| {
        let base = name.rsplit('/').next().unwrap_or(name);
        !brat::CONFIG_FILES.contains(&base)
    });
    // Pair .ann with .txt; what is left of the .txt files is text to anchor on.
    let stem = |n: &str| n.rsplit_once('.').map_or(n, |(s, _)| s).to_owned();
    let anns: Vec<usize> = (0..texts.len())
        .filter(|&i| ext(&texts[i].0) == "ann" || looks_like_ann(&texts[i].1))
        .filter(|&i| ext(&texts[i].0) != "txt")
        .collect();
    let mut used = vec![false; texts.len()];
    let mut pairs = Vec::new();
    for &i in &anns {
        used[i] = true;
        let s = stem(&texts[i].0);
        let partner = (0..texts.len())
            .find(|&j| !used[j] && ext(&texts[j].0) == "txt" && stem(&texts[j].0) == s);
        match partner {
            Some(j) => {
                used[j] = true;
                pairs.push((i, Some(j)));
            }
            None => pairs.push((i, None)),
        }
    }
    let loose_txt: Vec<usize> = (0..texts.len())
        .filter(|&j| !used[j] && ext(&texts[j].0) == "txt")
        .collect();
    let anchor: Option<String> = match loose_txt.as_slice() {
        [j] => Some(texts[*j].1.clone()),
        _ => open_text.map(str::to_owned),
    };
    for &j in &loose_txt {
        used[j] = true;
    }

    let mut articles = Vec::new();
    let mut sink =
        |file: &str, got: Result<(Vec<Article>, Log), String>| -> Result<(), ReadError> {
            match got {
                Ok((found, log)) => {
                    if mode == Mode::Strict {
                        if let Some((line, _, message)) = log.first_fault() {
                            return Err(ReadError::Refused(Problem {
                                file: file.to_owned(),
                                line: *line,
                                severity: Severity::Skipped,
                                message: message.clone(),
                            }));
                        }
                    }
                    problems.extend(log.into_problems(file));
                    articles.extend(found);
                    Ok(())
                }
                Err(message) => fail(&mut problems, mode, file, None, message),
            }
        };
    for (i, j) in pairs {
        let (name, ann) = &texts[i];
        let Some(j) = j else {
            sink(
                name,
                Err(format!(
                    "a brat .ann file needs its .txt: no {}.txt was given",
                    stem(name)
                )),
            )?;
            continue;
        };
        let (tname, txt) = &texts[j];
        let source = format!("{tname} + {name}");
        let got = brat::read(txt, ann, Vec::new())
            .map(|(doc, log)| {
                let article = Article {
                    source: source.clone(),
                    format: Format::Brat,
                    doc: titled(doc, tname),
                    suggestions: Vec::new(),
                };
                (vec![article], log)
            })
            .map_err(|e| e.to_string());
        sink(&source, got)?;
    }
    for (k, (name, body)) in texts.iter().enumerate() {
        if used[k] {
            continue;
        }
        let got = read_one(name, body, anchor.as_deref());
        sink(name, got)?;
    }
    if articles.is_empty() {
        return Err(ReadError::Nothing(problems));
    }
    Ok(Found { articles, problems })
}

/// Records a whole file that could not be read: listed when lenient, refused when strict.
fn fail(
    problems: &mut Vec<Problem>,
    mode: Mode,
    file: &str,
    line: Option<usize>,
    message: String,
) -> Result<(), ReadError> {
    let p = Problem {
        file: file.to_owned(),
        line,
        severity: Severity::Skipped,
        message,
    };
    if mode == Mode::Strict {
        return Err(ReadError::Refused(p));
    }
    problems.push(p);
    Ok(())
}

/// The extension of a file name, in lower case.
fn ext(name: &str) -> String {
    let base = name.rsplit('/').next().unwrap_or(name);
    base.rsplit_once('.')
        .map_or(String::new(), |(_, e)| e.to_ascii_lowercase())
}

/// Files a zip tool adds beside the real ones (`__MACOSX/`, `.DS_Store`).
fn is_hidden(name: &str) -> bool {
    name.starts_with("__MACOSX/") || name.rsplit('/').next().is_some_and(|b| b.starts_with('.'))
}

/// True when the first line looks like a brat text-bound line (`T1\tType 0 5\ttext`).
fn looks_like_ann(s: &str) -> bool {
    let first = s.lines().find(|l| !l.trim().is_empty());
    first.is_some_and(|l| {
        let id = l.split('\t').next().unwrap_or_default();
        l.contains('\t') && id.len() > 1 && id.starts_with('T') && id[1..].parse::<u32>().is_ok()
    })
}

/// The document with its title from a file name (`folder/name.txt` → `name`).
fn titled(mut doc: Document, file: &str) -> Document {
    if doc.title().is_none() {
        let base = file.rsplit('/').next().unwrap_or(file);
        let stem = base.rsplit_once('.').map_or(base, |(s, _)| s);
        doc.set_title(Some(stem.to_owned()));
    }
    doc
}

/// What a file is, by its content.
pub fn detect(body: &str) -> Option<Format> {
    let trimmed = body.trim_start_matches('\u{FEFF}').trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        if let Ok(v) = serde_json::from_str::<Value>(trimmed) {
            return detect_json(&v);
        }
        // JSON Lines: the first line's shape decides.
        let first = trimmed.lines().find(|l| !l.trim().is_empty())?;
        let v: Value = serde_json::from_str(first).ok()?;
        return match detect_json(&v)? {
            Format::V1 => Some(Format::Jsonl),
            f => Some(f),
        };
    }
    if looks_like_ann(trimmed) {
        return Some(Format::Brat);
    }
    if conll::looks_like_conll(trimmed) {
        return Some(Format::Conll);
    }
    None
}

/// What a JSON value is, by its shape.
fn detect_json(v: &Value) -> Option<Format> {
    let has = |k: &str| v.get(k).is_some();
    match v {
        Value::Object(_) => {
            if v.get("format").and_then(Value::as_str) == Some(v1::FORMAT) {
                Some(Format::V1)
            } else if w3c::looks_like_w3c(v) {
                Some(Format::W3c)
            } else if has("data") || has("annotations") || has("predictions") {
                Some(Format::LabelStudio)
            } else if has("text") && (has("spans") || has("ents")) {
                Some(Format::Spacy)
            } else if has("text") && (has("label") || has("entities") || has("labels")) {
                Some(Format::Doccano)
            } else {
                None
            }
        }
        Value::Array(items) => {
            let first = items.first()?;
            let has = |k: &str| first.get(k).is_some();
            if w3c::looks_like_w3c(first) {
                Some(Format::W3c)
            } else if first.get("data").is_some() || label_studio::is_min(first) {
                Some(Format::LabelStudio)
            } else if has("text") && (has("spans") || has("ents")) {
                Some(Format::Spacy)
            } else if has("text") && (has("label") || has("entities")) {
                Some(Format::Doccano)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Reads one file that is not half of a brat pair.
fn read_one(name: &str, body: &str, anchor: Option<&str>) -> Result<(Vec<Article>, Log), String> {
    let format = detect(body).ok_or_else(|| {
        "not a format this app reads (brat, Label Studio, doccano, W3C, CoNLL, spaCy, or its own)"
            .to_owned()
    })?;
    let json = body.trim_start_matches('\u{FEFF}');
    let article = |doc: Document, suggestions| Article {
        source: name.to_owned(),
        format,
        doc,
        suggestions,
    };
    let mut log = Log::default();
    let articles = match format {
        Format::V1 => {
            let i = v1::import_json_lenient(json).map_err(|e| e.to_string())?;
            for n in i.notices {
                log.repair(None, n);
            }
            vec![article(i.doc, Vec::new())]
        }
        Format::Jsonl => {
            let docs = jsonl::import_library(json).map_err(|e| e.to_string())?;
            docs.into_iter().map(|d| article(d, Vec::new())).collect()
        }
        Format::LabelStudio => label_studio::read(json, &mut log)?
            .into_iter()
            .map(|(d, s)| article(d, s))
            .collect(),
        Format::Doccano => doccano::read(json, &mut log)?
            .into_iter()
            .map(|d| article(d, Vec::new()))
            .collect(),
        Format::Spacy => spacy::read(json, &mut log)?
            .into_iter()
            .map(|d| article(d, Vec::new()))
            .collect(),
        Format::W3c => {
            let text = anchor.ok_or_else(|| {
                "W3C annotations point into a text: open the article, or give its .txt with them"
                    .to_owned()
            })?;
            vec![article(w3c::read(json, text, &mut log)?, Vec::new())]
        }
        Format::Conll => vec![article(conll::read(body, anchor, &mut log)?, Vec::new())],
        Format::Brat => {
            return Err(format!(
                "a brat .ann file needs its .txt: no {}.txt was given",
                name.rsplit_once('.').map_or(name, |(s, _)| s)
            ))
        }
    };
    if articles.is_empty() {
        return Err("the file holds no article".to_owned());
    }
    let articles = articles
        .into_iter()
        .map(|mut a| {
            a.doc = titled(a.doc, name);
            a
        })
        .collect();
    Ok((articles, log))
}

/// Maps every foreign label: onto the label of the same name ignoring case, or as a new label
/// that passes the label editor's checks.
fn mapping(articles: &[Article], labels: &[Label]) -> Vec<LabelMapping> {
    let mut out: Vec<LabelMapping> = Vec::new();
    let mut taken: Vec<Label> = labels.to_vec();
    for art in articles {
        let doc = &art.doc;
        let count = |id: LabelId| doc.annotations().iter().filter(|a| a.label == id).count();
        let count_s = |id: LabelId| art.suggestions.iter().filter(|s| s.label == id).count();
        for l in doc.labels() {
            let (spans, suggestions) = (count(l.id), count_s(l.id));
            if let Some(m) = out
                .iter_mut()
                .find(|m| m.foreign.to_lowercase() == l.name.to_lowercase())
            {
                m.spans += spans;
                m.suggestions += suggestions;
                continue;
            }
            let target = match labels
                .iter()
                .find(|x| x.name.trim().to_lowercase() == l.name.trim().to_lowercase())
            {
                Some(x) => Target::Existing {
                    id: x.id,
                    name: x.name.clone(),
                },
                None => {
                    let spec = new_label(&taken, &l.name, &l.color);
                    taken.push(Label {
                        id: LabelId(u32::MAX - taken.len() as u32),
                        name: spec.name.clone(),
                        color: spec.color.clone(),
                        key: None,
                    });
                    Target::New(spec)
                }
            };
            out.push(LabelMapping {
                foreign: l.name.clone(),
                spans,
                suggestions,
                target,
            });
        }
    }
    out
}

/// A new label named after `name` that [`validate`] accepts beside `taken`: its own colour when
/// readable, else the first readable pastel not in use; an empty name becomes `label`, a name
/// already taken gets ` 2`, ` 3`, ….
fn new_label(taken: &[Label], name: &str, color: &str) -> LabelSpec {
    let base = match name.trim() {
        "" => "label",
        n => n,
    };
    let color = if crate::label::is_hex_color(color) && contrast(color, INK) >= MIN_CONTRAST {
        color.to_ascii_uppercase()
    } else {
        next_label_color(taken)
    };
    for n in 1.. {
        let name = if n == 1 {
            base.to_owned()
        } else {
            format!("{base} {n}")
        };
        let spec = LabelSpec {
            name,
            color: color.clone(),
            key: None,
        };
        match validate(taken, &spec, None) {
            Ok(spec) => return spec,
            Err(LabelError::DuplicateName(_)) => continue,
            Err(_) => {
                return LabelSpec {
                    color: EXTRA_LABEL_COLORS[0].to_owned(),
                    ..spec
                }
            }
        }
    }
    unreachable!("some numbered name is free")
}

impl ImportPreview {
    /// Annotations over every article.
    pub fn span_count(&self) -> usize {
        self.articles
            .iter()
            .map(|a| a.doc.annotations().len())
            .sum()
    }

    /// Relations over every article.
    pub fn relation_count(&self) -> usize {
        self.articles.iter().map(|a| a.doc.relations().len()).sum()
    }

    /// Suggestions over every article.
    pub fn suggestion_count(&self) -> usize {
        self.articles.iter().map(|a| a.suggestions.len()).sum()
    }

    /// True when some problem refuses a strict import.
    pub fn has_faults(&self) -> bool {
        self.problems
            .iter()
            .any(|p| p.severity >= Severity::Repaired)
    }

    /// Sends the foreign label `foreign` to `target` instead. A new label is checked against
    /// `labels` (the app's) and the other new labels of the mapping, as the label editor checks.
    pub fn set_target(
        &mut self,
        foreign: &str,
        target: Target,
        labels: &[Label],
    ) -> Result<(), LabelError> {
        let target = match target {
            Target::New(spec) => Target::New(validate(&self.taken(foreign, labels), &spec, None)?),
            t => t,
        };
        if let Some(m) = self
            .labels
            .iter_mut()
            .find(|m| m.foreign.to_lowercase() == foreign.to_lowercase())
        {
            m.target = target;
        }
        Ok(())
    }

    /// A new label for the foreign label `foreign`, as [`read`] would propose it: its name
    /// (numbered when taken by one of `labels` or by another new label of the mapping) and its
    /// colour when readable.
    pub fn new_target(&self, foreign: &str, labels: &[Label]) -> LabelSpec {
        let color = self
            .articles
            .iter()
            .flat_map(|a| a.doc.labels())
            .find(|l| l.name.to_lowercase() == foreign.to_lowercase())
            .map_or(String::new(), |l| l.color.clone());
        new_label(&self.taken(foreign, labels), foreign, &color)
    }

    /// `labels` and the new labels of the mapping but the one of `foreign`: what a new label
    /// for `foreign` must not clash with.
    fn taken(&self, foreign: &str, labels: &[Label]) -> Vec<Label> {
        let mut taken: Vec<Label> = labels.to_vec();
        for (i, m) in self.labels.iter().enumerate() {
            if let Target::New(s) = &m.target {
                if m.foreign.to_lowercase() != foreign.to_lowercase() {
                    taken.push(Label {
                        id: LabelId(u32::MAX - i as u32),
                        name: s.name.clone(),
                        color: s.color.clone(),
                        key: s.key,
                    });
                }
            }
        }
        taken
    }

    /// The mapping as `(foreign name, our name)` pairs, to remember for the next import.
    pub fn remembered(&self) -> Vec<(String, String)> {
        self.labels
            .iter()
            .map(|m| (m.foreign.clone(), m.target.name().to_owned()))
            .collect()
    }

    /// Applies a remembered mapping: each foreign label it names goes to the app's label of that
    /// name (ignoring case), when there is one.
    pub fn remember(&mut self, pairs: &[(String, String)], labels: &[Label]) {
        for (foreign, ours) in pairs {
            if let Some(l) = labels
                .iter()
                .find(|l| l.name.to_lowercase() == ours.to_lowercase())
            {
                let target = Target::Existing {
                    id: l.id,
                    name: l.name.clone(),
                };
                // An existing label is always a valid target.
                let _ = self.set_target(foreign, target, labels);
            }
        }
    }

    /// The labels the mapping adds, in order.
    pub fn new_labels(&self) -> Vec<LabelSpec> {
        self.labels
            .iter()
            .filter_map(|m| match &m.target {
                Target::New(s) => Some(s.clone()),
                Target::Existing { .. } => None,
            })
            .collect()
    }

    /// Our label for a foreign label name, among `labels` (which hold the new ones by now).
    fn ours(&self, foreign: &str, labels: &[Label]) -> Option<LabelId> {
        let m = self
            .labels
            .iter()
            .find(|m| m.foreign.to_lowercase() == foreign.to_lowercase())?;
        match &m.target {
            Target::Existing { id, .. } => Some(*id),
            Target::New(spec) => labels
                .iter()
                .find(|l| l.name.to_lowercase() == spec.name.to_lowercase())
                .map(|l| l.id),
        }
    }

    /// The labels every imported document gets: `labels` (the app's), then the new ones.
    pub fn merged_labels(&self, labels: &[Label]) -> Vec<Label> {
        let mut out = labels.to_vec();
        let first = out.iter().map(|l| l.id.0 + 1).max().unwrap_or(0);
        for (next, spec) in (first..).zip(self.new_labels()) {
            out.push(Label {
                id: LabelId(next),
                name: spec.name,
                color: spec.color,
                key: spec.key,
            });
        }
        out
    }

    /// The articles as documents with our labels (`labels`, then the new ones): each
    /// annotation relabelled by the mapping. Predictions are not in them: see
    /// [`Self::proposals`].
    pub fn documents(&self, labels: &[Label]) -> Vec<Document> {
        let merged = self.merged_labels(labels);
        self.articles
            .iter()
            .map(|art| {
                let mut doc = art.doc.clone();
                let relabel = |a: &Annotation| {
                    let name = art.doc.label(a.label).map_or("", |l| l.name.as_str());
                    self.ours(name, &merged)
                };
                let anns: Vec<Annotation> = doc
                    .annotations
                    .iter()
                    .filter_map(|a| {
                        Some(Annotation {
                            label: relabel(a)?,
                            ..a.clone()
                        })
                    })
                    .collect();
                doc.annotations = anns.into();
                doc.labels = merged.clone();
                let ids: std::collections::HashSet<_> =
                    doc.annotations.iter().map(|a| a.id.clone()).collect();
                doc.retain_relations(|r| ids.contains(&r.from) && ids.contains(&r.to));
                doc.sort_annotations();
                doc
            })
            .collect()
    }

    /// What to propose on `doc` (the open article, whose labels hold the mapping's new labels
    /// by now): the predictions of every article with the same text, and, with `annotations`,
    /// their annotations too ("import as suggestions"). Spans already annotated with the same
    /// label are left out.
    pub fn proposals(&self, doc: &Document, annotations: bool) -> Vec<Proposal> {
        let mut out: Vec<Proposal> = Vec::new();
        for art in &self.articles {
            if art.doc.text().as_str() == doc.text().as_str() {
                self.propose(art, doc, annotations, &mut out);
            }
        }
        out
    }

    /// The predictions of the `index`th article alone, onto `doc` (that article as
    /// [`Self::documents`] made it): what waits for review when it is opened.
    pub fn predictions_of(&self, index: usize, doc: &Document) -> Vec<Proposal> {
        let mut out = Vec::new();
        if let Some(art) = self.articles.get(index) {
            if art.doc.text().as_str() == doc.text().as_str() {
                self.propose(art, doc, false, &mut out);
            }
        }
        out
    }

    /// Adds to `out` what `art` proposes on `doc` (see [`Self::proposals`]).
    fn propose(&self, art: &Article, doc: &Document, annotations: bool, out: &mut Vec<Proposal>) {
        let name = |id: LabelId| art.doc.label(id).map_or("", |l| l.name.as_str());
        let mut spans: Vec<(LabelId, Span, Option<&Annotation>)> = art
            .suggestions
            .iter()
            .map(|s| (s.label, s.span, None))
            .collect();
        if annotations {
            spans.extend(
                art.doc
                    .annotations()
                    .iter()
                    .map(|a| (a.label, a.span, Some(a))),
            );
        }
        for (label, span, a) in spans {
            let Some(ours) = self.ours(name(label), doc.labels()) else {
                continue;
            };
            let done = doc
                .annotations()
                .iter()
                .any(|x| x.span == span && x.label == ours)
                || out.iter().any(|p| p.span == span && p.label == ours);
            if done {
                continue;
            }
            let speaker = a.and_then(|a| {
                let to = crate::attribution::speaker_of(&art.doc, &a.id)?;
                art.doc.annotation(to).map(|s| s.span)
            });
            out.push(Proposal {
                label: ours,
                span,
                kind: a.and_then(|a| a.kind),
                cue: a.and_then(|a| a.cue),
                speaker,
                same_as: None,
            });
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Shared by the importers.

/// How a file counts offsets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Unicode code points (Python's `str`), the documented unit of every format read here.
    CodePoints,
    /// UTF-16 code units (JavaScript's `String`), what some tools write by mistake.
    Utf16,
}

impl Unit {
    /// The unit's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Unit::CodePoints => "code points",
            Unit::Utf16 => "UTF-16 units",
        }
    }

    /// The length of `text` in this unit.
    pub fn len(self, text: &Text) -> usize {
        match self {
            Unit::CodePoints => text.index().len_chars().0,
            Unit::Utf16 => text.index().len_utf16().0,
        }
    }
}

/// The byte span of `start..end` counted in `unit`; `None` when reversed, past the end, or (in
/// UTF-16) between the halves of a surrogate pair.
pub fn span_in(text: &Text, unit: Unit, start: usize, end: usize) -> Option<Span> {
    if start > end {
        return None;
    }
    match unit {
        Unit::CodePoints => text.span_from_chars(CharOffset(start), CharOffset(end)),
        Unit::Utf16 => {
            let ix = text.index();
            let s = ix.try_byte_from_utf16(Utf16Offset(start))?;
            let e = ix.try_byte_from_utf16(Utf16Offset(end))?;
            Some(Span { start: s, end: e })
        }
    }
}

/// Why `start..end` is not a span of the text in `unit`, for a message.
pub fn why_not_span(text: &Text, unit: Unit, start: usize, end: usize) -> String {
    let len = unit.len(text);
    if start > end {
        format!("{start}..{end} ends before it starts")
    } else if end > len {
        format!(
            "{start}..{end} ends past the end of the text ({len} {})",
            unit.name()
        )
    } else {
        format!("{start}..{end} splits a character")
    }
}

/// The unit a file's offsets count: code points, unless the text has characters outside the
/// Basic Multilingual Plane and more of the file's spans fit (`fits(unit)`, a count) in UTF-16
/// units. Logs a notice when it is UTF-16.
pub fn choose_unit(text: &Text, log: &mut Log, fits: impl Fn(Unit) -> usize) -> Unit {
    let ix = text.index();
    if ix.len_chars().0 == ix.len_utf16().0 {
        return Unit::CodePoints;
    }
    let (cp, u16) = (fits(Unit::CodePoints), fits(Unit::Utf16));
    if u16 > cp {
        log.notice(
            None,
            format!(
                "the offsets count UTF-16 units (as JavaScript does), not code points: \
                 {u16} spans fit that way against {cp}; converted"
            ),
        );
        Unit::Utf16
    } else {
        Unit::CodePoints
    }
}

/// A span without a stated text (doccano, spaCy) fits when it is non-empty, in range, on
/// grapheme cluster boundaries, and looks like what annotators mark: no white space at either
/// end, and neither end inside a word. Offsets in the wrong unit mostly fail one of these.
pub fn fits_untexted(text: &Text, unit: Unit, start: usize, end: usize) -> bool {
    let Some(sp) = span_in(text, unit, start, end) else {
        return false;
    };
    let s = text.as_str();
    let inner = text.slice(sp);
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    !sp.is_empty()
        && text.is_grapheme_boundary(sp.start)
        && text.is_grapheme_boundary(sp.end)
        && inner.trim() == inner
        && !(word(s[..sp.start.0].chars().next_back()) && word(inner.chars().next()))
        && !(word(inner.chars().next_back()) && word(s[sp.end.0..].chars().next()))
}

/// Builds an imported document's labels by name, in order of first use, each new one with the
/// first readable pastel not yet used.
#[derive(Clone, Debug, Default)]
pub struct LabelSet {
    labels: Vec<Label>,
    by_name: HashMap<String, LabelId>,
}

impl LabelSet {
    /// A set that starts with `labels`.
    pub fn new(labels: Vec<Label>) -> Self {
        let by_name = labels.iter().map(|l| (l.name.clone(), l.id)).collect();
        LabelSet { labels, by_name }
    }

    /// The id of the label named `name`, added if new.
    pub fn get(&mut self, name: &str) -> LabelId {
        if let Some(&id) = self.by_name.get(name) {
            return id;
        }
        let id = LabelId(self.labels.iter().map(|l| l.id.0 + 1).max().unwrap_or(0));
        let color = next_label_color(&self.labels);
        self.labels.push(Label {
            id,
            name: name.to_owned(),
            color,
            key: None,
        });
        self.by_name.insert(name.to_owned(), id);
        id
    }

    /// Sets the colour of a label, when it is `#RRGGBB` (from a Label Studio config, say).
    pub fn set_color(&mut self, id: LabelId, color: &str) {
        if crate::label::is_hex_color(color) {
            if let Some(l) = self.labels.iter_mut().find(|l| l.id == id) {
                l.color = color.to_ascii_uppercase();
            }
        }
    }

    /// The labels.
    pub fn into_labels(self) -> Vec<Label> {
        self.labels
    }
}

/// A document from its parts, annotations sorted, `next_id` after the highest `aN` id.
pub(crate) fn assemble(
    text: Text,
    title: Option<String>,
    labels: Vec<Label>,
    annotations: Vec<Annotation>,
    relations: Vec<crate::document::Relation>,
) -> Document {
    let max_n = annotations
        .iter()
        .filter_map(|a| a.id.as_str().strip_prefix('a')?.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    Document {
        title: crate::document::clean_title(title),
        text: std::sync::Arc::new(text),
        labels,
        annotations: crate::Annotations::sorted(annotations),
        relations: relations.into(),
        next_id: max_n.saturating_add(1),
    }
}
