//! Every download the app offers for one document: which format, what file name, which bytes.

use crate::document::Document;
use crate::formats::{brat, conll, csv, html, label_studio, v1, w3c, zip};
use crate::slug::file_base;
use crate::stamp::Stamp;

/// A format a document can be exported in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// The app's own v1 JSON.
    Json,
    /// W3C Web Annotation JSON-LD.
    W3c,
    /// brat standoff: `.txt` and `.ann`, zipped together with brat's `annotation.conf`.
    Brat,
    /// CoNLL BIO, one file per label layer, zipped together.
    Conll,
    /// Label Studio tasks JSON.
    LabelStudio,
    /// CSV of spans.
    Csv,
    /// The annotated article as one self-contained HTML file, to read and print.
    Html,
}

impl ExportFormat {
    /// Every format, in menu order.
    pub const ALL: [ExportFormat; 7] = [
        ExportFormat::Json,
        ExportFormat::W3c,
        ExportFormat::Brat,
        ExportFormat::Conll,
        ExportFormat::LabelStudio,
        ExportFormat::Csv,
        ExportFormat::Html,
    ];

    /// The button text for the format.
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Json => "Export JSON",
            ExportFormat::W3c => "Export W3C Web Annotation",
            ExportFormat::Brat => "Export brat standoff",
            ExportFormat::Conll => "Export CoNLL BIO",
            ExportFormat::LabelStudio => "Export Label Studio",
            ExportFormat::Csv => "Export CSV",
            ExportFormat::Html => "Annotated article (HTML)",
        }
    }
}

/// A file ready to download.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportFile {
    /// The file name.
    pub name: String,
    /// The contents.
    pub bytes: Vec<u8>,
    /// The media type.
    pub mime: &'static str,
}

/// What names an export besides its document: the library id and the time it is made.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Naming<'a> {
    /// The document's library id (the W3C export's document URN), if it is stored.
    pub id: Option<&'a str>,
    /// Now, in local time: the file name when the title gives none.
    pub at: Stamp,
}

/// The file for `doc` in `format`.
pub fn export(doc: &Document, format: ExportFormat, naming: &Naming) -> ExportFile {
    let base = file_base(doc.title(), doc.text().as_str(), &naming.at);
    ExportFile {
        name: format!("{base}{}", format.suffix()),
        bytes: bytes(doc, format, &base, naming.id),
        mime: format.mime(),
    }
}

impl ExportFormat {
    /// The end of the file's name, after the article's base name.
    pub fn suffix(self) -> &'static str {
        match self {
            ExportFormat::Json => ".annotations.json",
            ExportFormat::W3c => ".annotations.jsonld",
            ExportFormat::Brat => ".brat.zip",
            ExportFormat::Conll => ".conll.zip",
            ExportFormat::LabelStudio => ".label-studio.json",
            ExportFormat::Csv => ".annotations.csv",
            ExportFormat::Html => ".annotated.html",
        }
    }

    /// The file's media type.
    pub fn mime(self) -> &'static str {
        match self {
            ExportFormat::Json | ExportFormat::LabelStudio => "application/json",
            ExportFormat::W3c => "application/ld+json",
            ExportFormat::Brat | ExportFormat::Conll => "application/zip",
            ExportFormat::Csv => "text/csv",
            ExportFormat::Html => "text/html",
        }
    }

    /// The format's number between the page and its worker: its place in [`ExportFormat::ALL`].
    pub fn number(self) -> u32 {
        ExportFormat::ALL
            .iter()
            .position(|&f| f == self)
            .unwrap_or(0) as u32
    }

    /// The format numbered `n` ([`ExportFormat::number`]).
    pub fn numbered(n: u32) -> Option<ExportFormat> {
        ExportFormat::ALL.get(n as usize).copied()
    }
}

/// The bytes of `doc` in `format`, for the formats the page writes itself (JSON, CSV); `None`
/// for the others, which its worker writes ([`bytes`]).
pub fn page_bytes(doc: &Document, format: ExportFormat) -> Option<Vec<u8>> {
    match format {
        ExportFormat::Json => Some(json_bytes(doc)),
        ExportFormat::Csv => Some(csv_bytes(doc)),
        _ => None,
    }
}

fn json_bytes(doc: &Document) -> Vec<u8> {
    v1::export_json_bytes(doc)
}

fn csv_bytes(doc: &Document) -> Vec<u8> {
    csv::download_bytes(&csv::export(doc))
}

/// The bytes of `doc` in `format`: `base` names the files inside a zip (brat, CoNLL), `id` is
/// the W3C export's document URN.
pub fn bytes(doc: &Document, format: ExportFormat, base: &str, id: Option<&str>) -> Vec<u8> {
    match format {
        ExportFormat::Json => json_bytes(doc),
        ExportFormat::Csv => csv_bytes(doc),
        ExportFormat::W3c => w3c::export(doc, id).into_bytes(),
        ExportFormat::Brat => {
            let (txt, ann) = brat::export(doc);
            let conf = brat::config(doc);
            let (t, a) = (format!("{base}.txt"), format!("{base}.ann"));
            zip::store(&[
                (t.as_str(), txt.as_bytes()),
                (a.as_str(), ann.as_bytes()),
                (brat::CONFIG_NAME, conf.as_bytes()),
            ])
        }
        ExportFormat::Conll => {
            let names = conll_entry_names(doc.labels().iter().map(|l| l.name.as_str()));
            let layers: Vec<(String, String)> = doc
                .labels()
                .iter()
                .zip(names)
                .map(|(l, name)| (format!("{base}.{name}.conll"), conll::export(doc, l.id)))
                .collect();
            let files: Vec<(&str, &[u8])> = layers
                .iter()
                .map(|(n, c)| (n.as_str(), c.as_bytes()))
                .collect();
            zip::store(&files)
        }
        ExportFormat::LabelStudio => label_studio::export(doc).into_bytes(),
        ExportFormat::Html => html::export(doc).into_bytes(),
    }
}

/// The part of a CoNLL zip entry's name that names each label: ASCII letters, digits, `-` and
/// `_` kept, every other character `_` (so no entry can hold a `/` or `\\` and leave its folder,
/// whatever the label's name), `label` when nothing is left, and `-2`, `-3`, … after a part
/// already used (ignoring case, as some file systems do), so `my label` and `my_label` do not
/// overwrite each other.
pub fn conll_entry_names<'a>(labels: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut used: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for name in labels {
        let mut part: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        if part.is_empty() {
            part = "label".to_owned();
        }
        let mut unique = part.clone();
        let mut n = 1;
        while used.contains(&unique.to_ascii_lowercase()) {
            n += 1;
            unique = format!("{part}-{n}");
        }
        used.push(unique.to_ascii_lowercase());
        out.push(unique);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Text;

    #[test]
    fn every_format_names_its_file_after_the_slug() {
        let doc = Document::new(Text::new("Body text."), Some("Flood Wall Vote".into()));
        let names: Vec<String> = ExportFormat::ALL
            .iter()
            .map(|f| export(&doc, *f, &Naming::default()).name)
            .collect();
        assert_eq!(
            names,
            [
                "flood-wall-vote.annotations.json",
                "flood-wall-vote.annotations.jsonld",
                "flood-wall-vote.brat.zip",
                "flood-wall-vote.conll.zip",
                "flood-wall-vote.label-studio.json",
                "flood-wall-vote.annotations.csv",
                "flood-wall-vote.annotated.html",
            ]
        );
        assert!(export(&doc, ExportFormat::Brat, &Naming::default())
            .bytes
            .starts_with(b"PK\x03\x04"));
        assert!(export(&doc, ExportFormat::Csv, &Naming::default())
            .bytes
            .starts_with("\u{FEFF}id,label".as_bytes()));
    }

    #[test]
    fn conll_entry_names_stay_in_their_folder_and_never_collide() {
        let names = conll_entry_names(
            [
                "../../x", "my label", "my_label", "My_Label", "", "引用", "引文", "quote",
            ]
            .into_iter(),
        );
        assert_eq!(
            names,
            [
                "______x",
                "my_label",
                "my_label-2",
                "My_Label-3",
                "label",
                "__",
                "__-2",
                "quote"
            ]
        );
        assert!(names.iter().all(|n| !n.contains(['/', '\\'])));
    }
}
