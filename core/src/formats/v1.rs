//! The article-annotator file format, version 1: its own serialised types, kept apart from the
//! domain model so the file can stay stable while the model changes. Offsets in the file count
//! Unicode code points; see `docs/format.md`.

use crate::document::{Annotation, AnnotationId, Document, QuoteKind, Relation};
use crate::error::ImportError;
use crate::json::{once, Cursor};
use crate::label::{is_hex_color, Label, LabelId};
use crate::offset::{ByteOffset, CharOffset, Span};
use crate::text::Text;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::rc::Rc;
use std::sync::Arc;

/// The value of the file's `format` field.
pub const FORMAT: &str = "article-annotator";
/// The version this module writes and reads.
pub const VERSION: u64 = 1;
/// The largest input the importers read, in bytes (50 MiB): far more than any article, small
/// enough that a mistaken drop of a video or an archive is refused at once.
pub const MAX_IMPORT_BYTES: usize = 50 * 1024 * 1024;
/// Colours given to labels an import has to add (a lenient v1 import, a brat import), in order:
/// pastels that keep [`crate::label::INK`] text above the 4.5:1 contrast WCAG AA asks for.
pub const EXTRA_LABEL_COLORS: [&str; 8] = [
    "#D9C8FF", "#FFD1A8", "#B5EFE3", "#F6C5EE", "#E3F2A6", "#C9DDF5", "#FFD6D6", "#DCDCDC",
];
/// The most per-annotation "re-anchored" notices a lenient import lists before summing up.
const MAX_MOVE_NOTICES: usize = 20;

/// A whole v1 file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileV1 {
    /// Always `article-annotator`.
    pub format: String,
    /// Always 1.
    pub version: u64,
    /// The article.
    pub document: DocumentV1,
    /// The label set.
    pub labels: Vec<LabelV1>,
    /// The spans, sorted by start, then end, then id.
    pub annotations: Vec<AnnotationV1>,
    /// Links between annotations.
    pub relations: Vec<RelationV1>,
}

/// The article in a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentV1 {
    /// The title, or null.
    pub title: Option<String>,
    /// The whole text, LF line endings.
    pub text: String,
}

/// A label in a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelV1 {
    /// Unique name.
    pub name: String,
    /// `#RRGGBB`.
    pub color: String,
    /// One character, or null.
    pub key: Option<String>,
}

/// An annotation in a file; `start` and `end` count code points.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnotationV1 {
    /// Stable unique id.
    pub id: String,
    /// A label name from `labels`.
    pub label: String,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The text between them, for checking.
    pub text: String,
    /// A free-text note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// For a quote: `direct`, `indirect` or `mixed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// For a quote: where its cue ("said") is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<CueV1>,
}

/// A quote's cue in a file; `start` and `end` count code points.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueV1 {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The text between them, for checking.
    pub text: String,
}

/// A relation in a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelationV1 {
    /// Stable unique id.
    pub id: String,
    /// The kind of link.
    #[serde(rename = "type")]
    pub kind: String,
    /// Annotation id the link starts at.
    pub from: String,
    /// Annotation id the link points to.
    pub to: String,
}

/// The file form of a document.
pub fn to_file(doc: &Document) -> FileV1 {
    let text = doc.text();
    let label_name = |id: LabelId| doc.label(id).map_or_else(String::new, |l| l.name.clone());
    FileV1 {
        format: FORMAT.to_owned(),
        version: VERSION,
        document: DocumentV1 {
            title: doc.title().map(str::to_owned),
            text: text.as_str().to_owned(),
        },
        labels: doc
            .labels()
            .iter()
            .map(|l| LabelV1 {
                name: l.name.clone(),
                color: l.color.clone(),
                key: l.key.map(String::from),
            })
            .collect(),
        annotations: doc
            .annotations()
            .iter()
            .map(|a| {
                let (start, end) = text.chars_of(a.span);
                AnnotationV1 {
                    id: a.id.0.to_string(),
                    label: label_name(a.label),
                    start: start.0,
                    end: end.0,
                    text: text.slice(a.span).to_owned(),
                    note: a.note.clone(),
                    kind: a.kind.map(|k| k.as_str().to_owned()),
                    cue: a.cue.map(|c| {
                        let (start, end) = text.chars_of(c);
                        CueV1 {
                            start: start.0,
                            end: end.0,
                            text: text.slice(c).to_owned(),
                        }
                    }),
                }
            })
            .collect(),
        relations: doc
            .relations()
            .iter()
            .map(|r| RelationV1 {
                id: r.id.clone(),
                kind: r.kind.to_string(),
                from: r.from.0.to_string(),
                to: r.to.0.to_string(),
            })
            .collect(),
    }
}

/// A document serialised as a v1 file straight from the model, with no copy of its strings:
/// the same JSON as [`to_file`]'s [`FileV1`] (a test holds them equal), without building one.
/// At 1,000,000 words the copy alone took longer than writing the JSON.
pub struct FileView<'a>(pub &'a Document);

#[derive(Serialize)]
struct DocumentOut<'a> {
    title: Option<&'a str>,
    text: &'a str,
}

#[derive(Serialize)]
struct LabelOut<'a> {
    name: &'a str,
    color: &'a str,
    key: Option<char>,
}

#[derive(Serialize)]
struct AnnotationOut<'a> {
    id: &'a str,
    label: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cue: Option<CueOut<'a>>,
}

#[derive(Serialize)]
struct CueOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct RelationOut<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    from: &'a str,
    to: &'a str,
}

/// A list serialised from an iterator made on demand.
struct SeqOf<F>(F);

impl<F, I> Serialize for SeqOf<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

impl Serialize for FileView<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let doc = self.0;
        let mut st = s.serialize_struct("FileV1", 6)?;
        st.serialize_field("format", FORMAT)?;
        st.serialize_field("version", &VERSION)?;
        st.serialize_field("document", &document_out(doc))?;
        st.serialize_field("labels", &labels_out(doc))?;
        st.serialize_field(
            "annotations",
            &SeqOf(|| doc.annotations().iter().map(|a| annotation_out(doc, a))),
        )?;
        st.serialize_field("relations", &relations_out(doc))?;
        st.end()
    }
}

/// The parts of a [`FileView`], for writing a file a slice at a time (`record::Writer`).
pub(crate) fn document_out(doc: &Document) -> impl Serialize + '_ {
    DocumentOut {
        title: doc.title(),
        text: doc.text().as_str(),
    }
}

/// The labels of a [`FileView`].
pub(crate) fn labels_out(doc: &Document) -> impl Serialize + '_ {
    SeqOf(|| {
        doc.labels().iter().map(|l| LabelOut {
            name: &l.name,
            color: &l.color,
            key: l.key,
        })
    })
}

/// One annotation of a [`FileView`].
pub(crate) fn annotation_out<'a>(doc: &'a Document, a: &'a Annotation) -> impl Serialize + 'a {
    let text = doc.text();
    let (start, end) = text.chars_of(a.span);
    AnnotationOut {
        id: a.id.as_str(),
        label: doc.label(a.label).map_or("", |l| l.name.as_str()),
        start: start.0,
        end: end.0,
        text: text.slice(a.span),
        note: a.note.as_deref(),
        kind: a.kind.map(QuoteKind::as_str),
        cue: a.cue.map(|c| {
            let (start, end) = text.chars_of(c);
            CueOut {
                start: start.0,
                end: end.0,
                text: text.slice(c),
            }
        }),
    }
}

/// The relations of a [`FileView`].
pub(crate) fn relations_out(doc: &Document) -> impl Serialize + '_ {
    SeqOf(|| {
        doc.relations().iter().map(|r| RelationOut {
            id: &r.id,
            kind: r.kind.as_str(),
            from: r.from.as_str(),
            to: r.to.as_str(),
        })
    })
}

/// The document as v1 JSON, pretty-printed, ending in a newline: serde_json's pretty output of
/// [`FileView`] byte for byte (a property test holds them equal), written by hand with
/// [`crate::json`]'s string writer. serde_json, built for size, took 130 ms of an export's 180 at
/// 1,000,000 words × 99,000 annotations.
pub fn export_json(doc: &Document) -> String {
    String::from_utf8(export_json_bytes(doc)).expect("JSON is UTF-8")
}

/// [`export_json`]'s bytes, for a download: not checked again as UTF-8 (8 ms at 1,000,000
/// words).
pub fn export_json_bytes(doc: &Document) -> Vec<u8> {
    let text = doc.text();
    let mut out = Vec::with_capacity(
        text.as_str()
            .len()
            .saturating_add(doc.annotations().len().saturating_mul(256))
            .saturating_add(4096),
    );
    let mut root = Pretty::object(&mut out, 0);
    root.key("format").string(FORMAT);
    root.key("version").number(VERSION as usize);
    let mut document = root.key("document").object();
    match doc.title() {
        Some(title) => document.key("title").string(title),
        None => document.key("title").raw(b"null"),
    }
    document.key("text").string(text.as_str());
    document.close();
    let mut labels = root.key("labels").array();
    for l in doc.labels() {
        let mut o = labels.item().object();
        o.key("name").string(&l.name);
        o.key("color").string(&l.color);
        match l.key {
            Some(k) => o.key("key").string(k.encode_utf8(&mut [0; 4])),
            None => o.key("key").raw(b"null"),
        }
        o.close();
    }
    labels.close();
    let mut annotations = root.key("annotations").array();
    for a in doc.annotations().iter() {
        let mut o = annotations.item().object();
        let (start, end) = text.chars_of(a.span);
        o.key("id").string(a.id.as_str());
        o.key("label")
            .string(doc.label(a.label).map_or("", |l| l.name.as_str()));
        o.key("start").number(start.0);
        o.key("end").number(end.0);
        o.key("text").string(text.slice(a.span));
        if let Some(note) = &a.note {
            o.key("note").string(note);
        }
        if let Some(kind) = a.kind {
            o.key("kind").string(kind.as_str());
        }
        if let Some(c) = a.cue {
            let (start, end) = text.chars_of(c);
            let mut cue = o.key("cue").object();
            cue.key("start").number(start.0);
            cue.key("end").number(end.0);
            cue.key("text").string(text.slice(c));
            cue.close();
        }
        o.close();
    }
    annotations.close();
    let mut relations = root.key("relations").array();
    for r in doc.relations() {
        let mut o = relations.item().object();
        o.key("id").string(&r.id);
        o.key("type").string(r.kind.as_str());
        o.key("from").string(r.from.as_str());
        o.key("to").string(r.to.as_str());
        o.close();
    }
    relations.close();
    root.close();
    out.push(b'\n');
    out
}

/// The document as serde_json pretty-prints a [`FileView`], ending in a newline: what
/// [`export_json`] must write.
#[doc(hidden)]
pub fn export_json_by_serde(doc: &Document) -> String {
    let mut s = serde_json::to_string_pretty(&FileView(doc)).expect("a v1 file always serialises");
    s.push('\n');
    s
}

/// An object or array being written as serde_json's pretty printer writes it (two spaces a
/// level), at `depth` levels in.
struct Pretty<'o> {
    out: &'o mut Vec<u8>,
    depth: usize,
    empty: bool,
    close: u8,
}

/// The place for one value, in a [`Pretty`] object after its key or in an array.
struct Slot<'p, 'o> {
    out: &'p mut Vec<u8>,
    depth: usize,
    _of: std::marker::PhantomData<&'p mut Pretty<'o>>,
}

impl<'o> Pretty<'o> {
    fn object(out: &'o mut Vec<u8>, depth: usize) -> Self {
        Self::open(out, depth, *b"{}")
    }

    fn array(out: &'o mut Vec<u8>, depth: usize) -> Self {
        Self::open(out, depth, *b"[]")
    }

    /// Writes `open` and returns what writes the entries, then `close`.
    fn open(out: &'o mut Vec<u8>, depth: usize, [open, close]: [u8; 2]) -> Self {
        out.push(open);
        Pretty {
            out,
            depth,
            empty: true,
            close,
        }
    }

    /// A new line at one level in, after a comma unless this is the first entry.
    fn entry(&mut self) {
        self.out
            .extend_from_slice(if self.empty { b"\n" } else { b",\n" });
        self.empty = false;
        indent(self.out, self.depth + 1);
    }

    fn key(&mut self, name: &str) -> Slot<'_, 'o> {
        self.entry();
        crate::json::put_str(self.out, name);
        self.out.extend_from_slice(b": ");
        self.value()
    }

    fn item(&mut self) -> Slot<'_, 'o> {
        self.entry();
        self.value()
    }

    fn value(&mut self) -> Slot<'_, 'o> {
        Slot {
            out: self.out,
            depth: self.depth + 1,
            _of: std::marker::PhantomData,
        }
    }

    fn close(self) {
        if !self.empty {
            self.out.push(b'\n');
            indent(self.out, self.depth);
        }
        self.out.push(self.close);
    }
}

impl<'p> Slot<'p, '_> {
    fn string(self, s: &str) {
        crate::json::put_str(self.out, s);
    }

    fn number(self, n: usize) {
        crate::json::put_usize(self.out, n);
    }

    fn raw(self, json: &[u8]) {
        self.out.extend_from_slice(json);
    }

    fn object(self) -> Pretty<'p> {
        Pretty::object(self.out, self.depth)
    }

    fn array(self) -> Pretty<'p> {
        Pretty::array(self.out, self.depth)
    }
}

fn indent(out: &mut Vec<u8>, depth: usize) {
    for _ in 0..depth {
        out.extend_from_slice(b"  ");
    }
}

/// The result of a lenient import: the document and what was changed to make it importable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    /// The document.
    pub doc: Document,
    /// One sentence per repair, for the user to read; empty when the file was valid as it was.
    pub notices: Vec<String>,
}

/// Refuses input larger than [`MAX_IMPORT_BYTES`].
pub fn check_size(len: usize) -> Result<(), ImportError> {
    if len > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge {
            size: len,
            max: MAX_IMPORT_BYTES,
        });
    }
    Ok(())
}

/// Reads a v1 JSON file into a document, checking everything JSON Schema cannot.
pub fn import_json(json: &str) -> Result<Document, ImportError> {
    from_file(parse(json)?)
}

/// Reads a v1 JSON file like [`import_json`], but repairs two mistakes instead of refusing them:
///
/// - an annotation naming a label the file does not define gets that label added (a colour from
///   [`EXTRA_LABEL_COLORS`], no key);
/// - an annotation whose `text` is not at its offsets is moved to the occurrence of its `text`
///   nearest to its stated `start` (counted in code points; an occurrence that would split a
///   grapheme cluster is skipped), as a W3C `TextQuoteSelector` is re-anchored. If the text occurs
///   nowhere, the import fails with [`ImportError::TextMismatch`].
///
/// Every repair is reported in [`Imported::notices`]; every other fault is still an error.
pub fn import_json_lenient(json: &str) -> Result<Imported, ImportError> {
    convert(parse(json)?, true)
}

/// Turns a parsed v1 file into a document.
pub fn from_file(file: FileV1) -> Result<Document, ImportError> {
    convert(file, false).map(|i| i.doc)
}

/// The envelope of a file, read before the rest so a wrong format or version gets its own
/// message.
#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(default, borrow)]
    format: Option<&'a serde_json::value::RawValue>,
    #[serde(default, borrow)]
    version: Option<&'a serde_json::value::RawValue>,
}

/// A raw JSON part (of a file or a session record) parsed as `T`, when it is one.
pub(crate) fn raw_part<'a, T: Deserialize<'a>>(
    raw: Option<&'a serde_json::value::RawValue>,
) -> Option<T> {
    raw.and_then(|r| serde_json::from_str(r.get()).ok())
}

/// Parses the JSON: by [`parse_fast`] when it reads it, else by serde_json. A file that reads as
/// v1 is read once by one of them; only one that does not is read again for its envelope, so a
/// wrong format or version gets its own message, and then as a tree to name the part that is
/// wrong.
fn parse(json: &str) -> Result<FileV1, ImportError> {
    check_size(json.len())?;
    if let Some(file) = parse_fast(json) {
        check_envelope(Some(file.format.as_str()), Some(file.version))?;
        return Ok(file);
    }
    match serde_json::from_str::<FileV1>(json) {
        Ok(file) => {
            check_envelope(Some(file.format.as_str()), Some(file.version))?;
            Ok(file)
        }
        Err(e) => {
            let envelope: Envelope =
                serde_json::from_str(json).map_err(|e| ImportError::Json(e.to_string()))?;
            check_envelope(
                raw_part::<String>(envelope.format).as_deref(),
                raw_part::<u64>(envelope.version),
            )?;
            // serde's message keeps its line and column, after the part that is wrong
            let place = serde_json::from_str::<Value>(json)
                .ok()
                .and_then(|value| locate(&value));
            Err(ImportError::Json(match place {
                Some(place) => format!("{place}: {e}"),
                None => e.to_string(),
            }))
        }
    }
}

/// Reads a v1 file without serde: the same result as `serde_json::from_str::<FileV1>` for any
/// text it reads (a property test holds them equal), or `None` for anything else, which
/// [`parse`] then reads with serde_json, to accept it or name the fault. Files we write are read
/// here; serde's derived reading of a book's file took 60-80 ms of its import of about 290.
#[doc(hidden)]
pub fn parse_fast(json: &str) -> Option<FileV1> {
    let mut c = Cursor::new(json);
    let (mut format, mut version, mut document) = (None, None, None);
    let (mut labels, mut annotations, mut relations) = (None, None, None);
    c.object(|key, c| match key {
        "format" => once(&mut format, c.string()?),
        "version" => once(&mut version, c.u64()?),
        "document" => once(&mut document, document_fast(c)?),
        "labels" => once(&mut labels, list_fast(c, label_fast)?),
        "annotations" => once(&mut annotations, list_fast(c, annotation_fast)?),
        "relations" => once(&mut relations, list_fast(c, relation_fast)?),
        _ => None,
    })?;
    c.at_end().then_some(())?;
    Some(FileV1 {
        format: format?,
        version: version?,
        document: document?,
        labels: labels?,
        annotations: annotations?,
        relations: relations?,
    })
}

fn list_fast<T>(c: &mut Cursor, item: fn(&mut Cursor) -> Option<T>) -> Option<Vec<T>> {
    let mut out = Vec::new();
    c.array(|c| {
        out.push(item(c)?);
        Some(())
    })?;
    Some(out)
}

fn document_fast(c: &mut Cursor) -> Option<DocumentV1> {
    let (mut title, mut text) = (None, None);
    c.object(|key, c| match key {
        "title" => once(&mut title, c.opt_string()?),
        "text" => once(&mut text, c.string()?),
        _ => None,
    })?;
    Some(DocumentV1 {
        // serde reads a missing optional field as None
        title: title.flatten(),
        text: text?,
    })
}

fn label_fast(c: &mut Cursor) -> Option<LabelV1> {
    let (mut name, mut color, mut key) = (None, None, None);
    c.object(|k, c| match k {
        "name" => once(&mut name, c.string()?),
        "color" => once(&mut color, c.string()?),
        "key" => once(&mut key, c.opt_string()?),
        _ => None,
    })?;
    Some(LabelV1 {
        name: name?,
        color: color?,
        key: key.flatten(),
    })
}

fn annotation_fast(c: &mut Cursor) -> Option<AnnotationV1> {
    let (mut id, mut label, mut start, mut end, mut text) = (None, None, None, None, None);
    let (mut note, mut kind, mut cue) = (None, None, None);
    c.object(|k, c| match k {
        "id" => once(&mut id, c.string()?),
        "label" => once(&mut label, c.string()?),
        "start" => once(&mut start, c.usize()?),
        "end" => once(&mut end, c.usize()?),
        "text" => once(&mut text, c.string()?),
        "note" => once(&mut note, c.opt_string()?),
        "kind" => once(&mut kind, c.opt_string()?),
        "cue" => once(&mut cue, if c.null() { None } else { Some(cue_fast(c)?) }),
        _ => None,
    })?;
    Some(AnnotationV1 {
        id: id?,
        label: label?,
        start: start?,
        end: end?,
        text: text?,
        note: note.flatten(),
        kind: kind.flatten(),
        cue: cue.flatten(),
    })
}

fn cue_fast(c: &mut Cursor) -> Option<CueV1> {
    let (mut start, mut end, mut text) = (None, None, None);
    c.object(|k, c| match k {
        "start" => once(&mut start, c.usize()?),
        "end" => once(&mut end, c.usize()?),
        "text" => once(&mut text, c.string()?),
        _ => None,
    })?;
    Some(CueV1 {
        start: start?,
        end: end?,
        text: text?,
    })
}

fn relation_fast(c: &mut Cursor) -> Option<RelationV1> {
    let (mut id, mut kind, mut from, mut to) = (None, None, None, None);
    c.object(|k, c| match k {
        "id" => once(&mut id, c.string()?),
        "type" => once(&mut kind, c.string()?),
        "from" => once(&mut from, c.string()?),
        "to" => once(&mut to, c.string()?),
        _ => None,
    })?;
    Some(RelationV1 {
        id: id?,
        kind: kind?,
        from: from?,
        to: to?,
    })
}

/// The format and version a file says it has, when they are not this one's.
fn check_envelope(format: Option<&str>, version: Option<u64>) -> Result<(), ImportError> {
    match format {
        Some(FORMAT) => {}
        Some(other) => return Err(ImportError::WrongFormat(other.to_owned())),
        None => return Err(ImportError::Json("missing field `format`".to_owned())),
    }
    match version {
        Some(VERSION) => Ok(()),
        Some(v) => Err(ImportError::WrongVersion(v)),
        None => Err(ImportError::Json(
            "missing or non-integer field `version`".to_owned(),
        )),
    }
}

/// True when `v` reads as a `T` (parsed from its text: one parser per type in the bundle).
fn reads_as<T: serde::de::DeserializeOwned>(v: &Value) -> bool {
    serde_json::from_str::<T>(&v.to_string()).is_ok()
}

/// The JSON type a field must have.
#[derive(Clone, Copy)]
enum Kind {
    Str,
    OptStr,
    UInt,
}

impl Kind {
    fn accepts(self, v: &Value) -> bool {
        match self {
            Kind::Str => v.is_string(),
            Kind::OptStr => v.is_string() || v.is_null(),
            Kind::UInt => v.as_u64().is_some_and(|n| usize::try_from(n).is_ok()),
        }
    }
}

/// The first field of `obj` whose value has the wrong type, as `, field "x"`.
fn bad_field(obj: &Value, fields: &[(&str, Kind)]) -> String {
    fields
        .iter()
        .find(|(name, kind)| obj.get(name).is_some_and(|v| !kind.accepts(v)))
        .map(|(name, _)| format!(", field \"{name}\""))
        .unwrap_or_default()
}

/// Names the part of a file that does not have the v1 shape, for a precise message: the
/// annotation (by id and index), label or relation, and the field when its type is wrong.
fn locate(value: &Value) -> Option<String> {
    const DOC: &[(&str, Kind)] = &[("title", Kind::OptStr), ("text", Kind::Str)];
    const LABEL: &[(&str, Kind)] = &[
        ("name", Kind::Str),
        ("color", Kind::Str),
        ("key", Kind::OptStr),
    ];
    const ANN: &[(&str, Kind)] = &[
        ("id", Kind::Str),
        ("label", Kind::Str),
        ("start", Kind::UInt),
        ("end", Kind::UInt),
        ("text", Kind::Str),
        ("note", Kind::OptStr),
    ];
    const REL: &[(&str, Kind)] = &[
        ("id", Kind::Str),
        ("type", Kind::Str),
        ("from", Kind::Str),
        ("to", Kind::Str),
    ];
    let doc = value.get("document")?;
    if !reads_as::<DocumentV1>(doc) {
        return Some(format!("document{}", bad_field(doc, DOC)));
    }
    let id_of = |v: &Value| {
        v.get("id")
            .and_then(Value::as_str)
            .map(|id| format!("\"{id}\" "))
            .unwrap_or_default()
    };
    for (field, what) in [
        ("labels", "label"),
        ("annotations", "annotation"),
        ("relations", "relation"),
    ] {
        let Some(items) = value.get(field).and_then(Value::as_array) else {
            return Some(format!("field \"{field}\""));
        };
        for (i, item) in items.iter().enumerate() {
            let (ok, place) = match what {
                "label" => (
                    reads_as::<LabelV1>(item),
                    format!(
                        "label {}({field}[{i}]){}",
                        item.get("name")
                            .and_then(Value::as_str)
                            .map(|n| format!("\"{n}\" "))
                            .unwrap_or_default(),
                        bad_field(item, LABEL)
                    ),
                ),
                "annotation" => (
                    reads_as::<AnnotationV1>(item),
                    format!(
                        "annotation {}({field}[{i}]){}",
                        id_of(item),
                        bad_field(item, ANN)
                    ),
                ),
                _ => (
                    reads_as::<RelationV1>(item),
                    format!(
                        "relation {}({field}[{i}]){}",
                        id_of(item),
                        bad_field(item, REL)
                    ),
                ),
            };
            if !ok {
                return Some(place);
            }
        }
    }
    None
}

/// "1 annotation" or "3 annotations".
fn annotations(n: usize) -> String {
    if n == 1 {
        "1 annotation".to_owned()
    } else {
        format!("{n} annotations")
    }
}

/// The colour for a label an import adds: the first of [`EXTRA_LABEL_COLORS`] no label has yet.
pub(crate) fn next_label_color(labels: &[Label]) -> String {
    let used = |c: &str| labels.iter().any(|l| l.color.eq_ignore_ascii_case(c));
    EXTRA_LABEL_COLORS
        .iter()
        .find(|c| !used(c))
        .copied()
        .unwrap_or(EXTRA_LABEL_COLORS[labels.len() % EXTRA_LABEL_COLORS.len()])
        .to_owned()
}

/// The largest char boundary of `s` at or before `i` (clamped to its length).
fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The occurrence of `needle` nearest to code point `start` (ties go to the earlier one) that does
/// not split a grapheme cluster, as a byte span.
pub(crate) fn nearest_occurrence(text: &Text, needle: &str, start: CharOffset) -> Option<Span> {
    if needle.is_empty() {
        return None;
    }
    let s = text.as_str();
    let pos = text.index().try_byte_from_char(start)?.0;
    let ok = |p: usize| {
        text.is_grapheme_boundary(ByteOffset(p))
            && text.is_grapheme_boundary(ByteOffset(p + needle.len()))
    };
    // The first good occurrence starting at or after `pos`.
    let mut after = None;
    let mut from = pos;
    while let Some(i) = s[from..].find(needle) {
        let p = from + i;
        if ok(p) {
            after = Some(p);
            break;
        }
        from = p + s[p..].chars().next().map_or(1, char::len_utf8);
    }
    // The last good occurrence starting before `pos`: it ends by `pos - 1 + needle.len()`.
    let mut before = None;
    let mut end = floor_boundary(s, (pos + needle.len()).saturating_sub(1));
    while let Some(p) = s[..end].rfind(needle) {
        if ok(p) {
            before = Some(p);
            break;
        }
        end = floor_boundary(s, p + needle.len() - 1);
    }
    let distance = |p: usize| text.index().char(ByteOffset(p)).0.abs_diff(start.0);
    let best = match (before, after) {
        (Some(b), Some(a)) => Some(if distance(b) <= distance(a) { b } else { a }),
        (b, a) => b.or(a),
    }?;
    Some(Span::new(best, best + needle.len()))
}

/// The first id, in the order given, that an earlier one has: found by sorting the ids (a set
/// of owned ids cost a book's file about 35 ms), each after its first 8 bytes as a number, so
/// most comparisons need not read the strings. Only asked when a fault or a repeat is known to be
/// there: a file without faults has its repeats found by the document's id index.
fn first_repeated_id<'a>(ids: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut ids: Vec<(u64, &str, usize)> = ids
        .enumerate()
        .map(|(i, id)| (crate::annotations::prefix_key(id), id, i))
        .collect();
    ids.sort_unstable();
    ids.windows(2)
        .filter(|w| w[0].1 == w[1].1)
        .min_by_key(|w| w[1].2)
        .map(|w| w[1].1)
}

/// The fault to report when converting the annotations converted so far (`done`) and then one
/// with id `id` met `fault`: a repeated id among them comes first, as the file's first fault.
fn repeat_or(done: &[Annotation], id: &str, fault: ImportError) -> ImportError {
    match first_repeated_id(done.iter().map(|a| a.id.as_str()).chain([id])) {
        Some(repeated) => ImportError::DuplicateId(repeated.to_owned()),
        None => fault,
    }
}

/// A v1 file turned into a document a slice at a time, so that reading a book's file never
/// holds the page for long: [`Reader::new`] takes the parsed file, the first [`Reader::step`]
/// makes the text and labels, each step after it converts some annotations, and
/// [`Reader::finish`] builds the document. The same checks, in the same order, as reading it
/// at once: the first fault in file order is the one reported.
#[derive(Debug)]
pub struct Reader {
    lenient: bool,
    total: usize,
    stage: Stage,
}

#[derive(Debug)]
enum Stage {
    /// Parsed, not started: the text and labels are not made yet.
    Parsed(Box<FileV1>),
    Started(Box<Started>),
    /// Stopped at a fault, which the step that met it returned.
    Failed,
}

/// Label ids by name, sorted by name: an annotation's label is found by a binary search over a
/// few names, with no hashing (SipHash cost a book's 99,000 annotations about 5 ms in the page).
#[derive(Debug, Default)]
struct LabelNames(Vec<(String, LabelId)>);

impl LabelNames {
    /// The label named `name`.
    fn get(&self, name: &str) -> Option<LabelId> {
        let i = self
            .0
            .binary_search_by(|(n, _)| n.as_str().cmp(name))
            .ok()?;
        Some(self.0[i].1)
    }

    /// Adds `name`; false (and nothing added) when it is there already.
    fn insert(&mut self, name: &str, id: LabelId) -> bool {
        match self.0.binary_search_by(|(n, _)| n.as_str().cmp(name)) {
            Ok(_) => false,
            Err(i) => {
                self.0.insert(i, (name.to_owned(), id));
                true
            }
        }
    }
}

/// A reading under way: the text and labels made, the annotations being converted.
#[derive(Debug)]
struct Started {
    text: Text,
    title: Option<String>,
    labels: Vec<Label>,
    by_name: LabelNames,
    notices: Vec<String>,
    lenient: bool,
    /// Where the last annotation's start was found in the text's offset index.
    near: usize,
    pending: std::vec::IntoIter<AnnotationV1>,
    next: usize,
    out: Vec<Annotation>,
    moves: Vec<String>,
    max_n: u64,
    relations: Vec<RelationV1>,
}

fn convert(file: FileV1, lenient: bool) -> Result<Imported, ImportError> {
    Reader::new(file, lenient).finish()
}

impl Reader {
    /// Starts reading a parsed v1 file (nothing is checked until the first [`Reader::step`]).
    pub fn new(file: FileV1, lenient: bool) -> Reader {
        Reader {
            lenient,
            total: file.annotations.len(),
            stage: Stage::Parsed(Box::new(file)),
        }
    }

    /// Reads a v1 JSON file leniently (see [`import_json_lenient`]), a slice at a time: the
    /// JSON is parsed now.
    pub fn lenient(json: &str) -> Result<Reader, ImportError> {
        Ok(Reader::new(parse(json)?, true))
    }

    /// How many annotations are converted, of how many.
    pub fn progress(&self) -> (usize, usize) {
        match &self.stage {
            Stage::Started(s) => (s.next, self.total),
            _ => (0, self.total),
        }
    }

    /// The next slice of work. The first makes the text and labels and converts no annotation
    /// (unless `n` is `usize::MAX`: everything left); each after it converts up to `n` more
    /// annotations, in file order. True when none is left.
    pub fn step(&mut self, n: usize) -> Result<bool, ImportError> {
        if let Stage::Parsed(_) = self.stage {
            let Stage::Parsed(file) = std::mem::replace(&mut self.stage, Stage::Failed) else {
                unreachable!("matched above")
            };
            self.stage = Stage::Started(Box::new(Started::new(*file, self.lenient)?));
            if n != usize::MAX {
                return Ok(self.total == 0);
            }
        }
        let Stage::Started(s) = &mut self.stage else {
            return Err(stopped());
        };
        let done = s.step(n);
        if done.is_err() {
            self.stage = Stage::Failed;
        }
        done
    }

    /// The document, with what was repaired; does whatever [`Reader::step`] has not.
    pub fn finish(mut self) -> Result<Imported, ImportError> {
        self.step(usize::MAX)?;
        match self.stage {
            Stage::Started(s) => s.finish(),
            _ => Err(stopped()),
        }
    }
}

/// One annotation of a file, `id` taken out of it, checked and converted (moved to its text's
/// nearest occurrence when `lenient` and it is not at its offsets, noted in `moves`).
fn convert_one(
    text: &Text,
    by_name: &LabelNames,
    lenient: bool,
    moves: &mut Vec<String>,
    near: &mut usize,
    id: &Rc<str>,
    a: AnnotationV1,
) -> Result<Annotation, ImportError> {
    let Some(label) = by_name.get(&a.label) else {
        return Err(ImportError::UnknownLabel {
            id: id.to_string(),
            label: a.label,
        });
    };
    let mut span = (a.start < a.end)
        .then(|| text.span_from_chars_near(CharOffset(a.start), CharOffset(a.end), near))
        .flatten()
        .ok_or_else(|| ImportError::BadOffsets {
            id: id.to_string(),
            start: a.start,
            end: a.end,
            len: text.index().len_chars().0,
        })?;
    let found = text.slice(span);
    if found != a.text {
        let moved = lenient
            .then(|| nearest_occurrence(text, &a.text, CharOffset(a.start)))
            .flatten();
        let Some(new) = moved else {
            return Err(ImportError::TextMismatch {
                id: id.to_string(),
                start: a.start,
                end: a.end,
                expected: a.text,
                found: found.to_owned(),
            });
        };
        span = new;
        let (s, e) = text.chars_of(span);
        let by = s.0 as i64 - a.start as i64;
        moves.push(format!(
            "annotation \"{id}\" moved {by:+} code points, from {}..{} to {}..{}",
            a.start, a.end, s.0, e.0
        ));
    }
    let kind = match a.kind.as_deref() {
        None => None,
        Some(k) => Some(QuoteKind::parse(k).ok_or_else(|| {
            ImportError::Json(format!(
                "annotation \"{id}\", field \"kind\": \"{k}\" is not direct, indirect or mixed"
            ))
        })?),
    };
    let cue = match &a.cue {
        None => None,
        Some(c) => {
            let span = (c.start < c.end)
                .then(|| text.span_from_chars(CharOffset(c.start), CharOffset(c.end)))
                .flatten()
                .filter(|s| text.slice(*s) == c.text)
                .ok_or_else(|| {
                    ImportError::Json(format!(
                        "annotation \"{id}\", field \"cue\": {}..{} is not the text \"{}\"",
                        c.start, c.end, c.text
                    ))
                })?;
            Some(span)
        }
    };
    Ok(Annotation {
        id: AnnotationId(Rc::clone(id)),
        label,
        span,
        note: a.note,
        kind,
        cue,
    })
}

/// A reader asked to go on after the fault it returned.
fn stopped() -> ImportError {
    ImportError::Json("the file's reading stopped at an earlier fault".to_owned())
}

impl Started {
    /// The text and labels of a v1 file, checked and made; its annotations are converted by
    /// [`Started::step`].
    fn new(file: FileV1, lenient: bool) -> Result<Started, ImportError> {
        if file.document.text.contains('\r') {
            // Files we write never hold CR; one that does has offsets meant for its own line
            // endings, which normalising would shift, so it is refused rather than moved.
            return Err(ImportError::Json(
                "document.text holds a carriage return (CR); version 1 files use LF line endings"
                    .to_owned(),
            ));
        }
        let text = Text::from_normalized(file.document.text);
        let mut notices = Vec::new();
        let mut labels = Vec::with_capacity(file.labels.len());
        let mut by_name = LabelNames::default();
        for (i, l) in file.labels.into_iter().enumerate() {
            if !is_hex_color(&l.color) {
                return Err(ImportError::BadColor {
                    name: l.name,
                    color: l.color,
                });
            }
            let key = match l.key.as_deref().map(|k| {
                let mut c = k.chars();
                (c.next(), c.next())
            }) {
                None => None,
                Some((Some(c), None)) => Some(c),
                Some(_) => {
                    return Err(ImportError::BadKey {
                        name: l.name,
                        key: l.key.unwrap_or_default(),
                    })
                }
            };
            let id = LabelId(i as u32);
            if !by_name.insert(&l.name, id) {
                return Err(ImportError::DuplicateLabel(l.name));
            }
            labels.push(Label {
                id,
                name: l.name,
                color: l.color,
                key,
            });
        }
        if lenient {
            // Labels the annotations use but the file lacks, in order of first use, with their
            // counts.
            let mut missing: Vec<(&str, usize)> = Vec::new();
            for a in &file.annotations {
                if by_name.get(&a.label).is_some() || a.label.trim().is_empty() {
                    continue;
                }
                match missing.iter_mut().find(|(name, _)| *name == a.label) {
                    Some((_, n)) => *n += 1,
                    None => missing.push((&a.label, 1)),
                }
            }
            for (name, n) in missing {
                let id = LabelId(labels.len() as u32);
                let color = next_label_color(&labels);
                by_name.insert(name, id);
                labels.push(Label {
                    id,
                    name: name.to_owned(),
                    color,
                    key: None,
                });
                notices.push(format!(
                    "added label \"{name}\" (used by {})",
                    annotations(n)
                ));
            }
        }
        let total = file.annotations.len();
        Ok(Started {
            text,
            title: file.document.title,
            labels,
            by_name,
            notices,
            lenient,
            near: 0,
            pending: file.annotations.into_iter(),
            next: 0,
            out: Vec::with_capacity(total),
            moves: Vec::new(),
            max_n: 0,
            relations: file.relations,
        })
    }

    /// Converts up to `n` more annotations, in file order. True when none is left.
    fn step(&mut self, n: usize) -> Result<bool, ImportError> {
        for mut a in self.pending.by_ref().take(n) {
            self.next += 1;
            let id: Rc<str> = std::mem::take(&mut a.id).into();
            match convert_one(
                &self.text,
                &self.by_name,
                self.lenient,
                &mut self.moves,
                &mut self.near,
                &id,
                a,
            ) {
                Ok(converted) => {
                    if let Some(n) = id.strip_prefix('a').and_then(|n| n.parse::<u64>().ok()) {
                        self.max_n = self.max_n.max(n);
                    }
                    self.out.push(converted);
                }
                Err(fault) => return Err(repeat_or(&self.out, &id, fault)),
            }
        }
        Ok(self.pending.len() == 0)
    }

    /// The document, with what was repaired; converts whatever [`Started::step`] has not.
    fn finish(mut self) -> Result<Imported, ImportError> {
        self.step(usize::MAX)?;
        let Started {
            text,
            title,
            labels,
            mut notices,
            out: annotations_out,
            moves,
            max_n,
            relations: file_relations,
            ..
        } = self;
        if !moves.is_empty() {
            let n = moves.len();
            notices.push(if n == 1 {
                "re-anchored 1 annotation whose offsets did not match its text".to_owned()
            } else {
                format!("re-anchored {n} annotations whose offsets did not match their text")
            });
            let shown = n.min(MAX_MOVE_NOTICES);
            notices.extend(moves.into_iter().take(shown));
            if n > shown {
                notices.push(format!("… and {} more", n - shown));
            }
        }
        // A repeated id is the file's first fault: every other one was found converting.
        let annotations = crate::Annotations::sorted_unique(annotations_out).map_err(|v| {
            let first = first_repeated_id(v.iter().map(|a| a.id.as_str()));
            ImportError::DuplicateId(first.unwrap_or_default().to_owned())
        })?;
        let mut relations = Vec::with_capacity(file_relations.len());
        for r in file_relations {
            for (field, target) in [("from", &r.from), ("to", &r.to)] {
                if !annotations.contains_id(&AnnotationId(Rc::from(target.as_str()))) {
                    return Err(ImportError::DanglingRelation {
                        id: r.id.clone(),
                        field,
                        target: target.clone(),
                    });
                }
            }
            relations.push(Relation::new(r.id, r.kind, &r.from, &r.to));
        }
        let doc = Document {
            title: crate::document::clean_title(title),
            text: Arc::new(text),
            labels,
            annotations,
            relations: relations.into(),
            next_id: max_n.saturating_add(1),
        };
        Ok(Imported { doc, notices })
    }
}
