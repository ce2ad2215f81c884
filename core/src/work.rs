//! The work the page hands to its worker (`worker/`) besides the suggestion rules: reading
//! other tools' files and writing the exports in their formats, so that the page's wasm holds
//! none of their readers and writers. What crosses between the two is text and bytes: a file
//! of ours for a document, JSON for what was found. The worker calls [`read_files`] and
//! [`write_export`]; the page reads the answer with [`found_from`].

use crate::document::Document;
use crate::export::{self, ExportFormat};
use crate::formats::import::{read_articles, Found, InputFile, Mode, ReadError};
use crate::formats::v1;
use crate::ImportError;

/// What the worker answers for other tools' files: whatever was found, or why nothing can be.
pub type Read = Result<Found, ReadError>;

/// The worker's part of an import: reads `files` (leniently: the page's preview refuses a
/// strict import from the problems listed) into JSON for [`found_from`]. `open_text` is the
/// open article's text, which W3C and CoNLL files are anchored on when no `.txt` comes with
/// them.
pub fn read_files(files: &[InputFile], open_text: Option<&str>) -> Result<String, String> {
    let read: Read = read_articles(files, open_text, Mode::Lenient);
    serde_json::to_string(&read).map_err(|e| e.to_string())
}

/// The page's part: the worker's answer from [`read_files`]. An answer that cannot be read,
/// or whose suggestions are not on their article's text, is an `Err` saying so.
pub fn found_from(json: &str) -> Result<Read, String> {
    let read: Read =
        serde_json::from_str(json).map_err(|e| format!("its answer could not be read: {e}"))?;
    if let Ok(found) = &read {
        for a in &found.articles {
            let fits = a
                .suggestions
                .iter()
                .all(|s| a.doc.text().get(s.span).is_some() && a.doc.label(s.label).is_some());
            if !fits {
                return Err(format!("its answer put suggestions off {}", a.source));
            }
        }
    }
    Ok(read)
}

/// The worker's part of an export: the document in `json` (a file of ours, as
/// [`crate::formats::v1::export_json`] writes it) in the format numbered `format`
/// ([`ExportFormat::number`]). `base` names the files inside a zip; `id` is the W3C export's
/// document URN.
pub fn write_export(
    json: &str,
    format: u32,
    base: &str,
    id: Option<&str>,
) -> Result<Vec<u8>, String> {
    let format = ExportFormat::numbered(format).ok_or_else(|| format!("no format {format}"))?;
    let doc = doc_from_v1(json).map_err(|e| e.to_string())?;
    Ok(export::bytes(&doc, format, base, id))
}

/// A document from a file of ours written by the app itself: read as an import reads one but
/// for the import's size limit (a document found in a file within the limit may write a
/// larger file of ours).
fn doc_from_v1(json: &str) -> Result<Document, ImportError> {
    let file = match v1::parse_fast(json) {
        Some(file) => file,
        None => serde_json::from_str(json).map_err(|e| ImportError::Json(e.to_string()))?,
    };
    v1::from_file(file)
}

/// An [`Article`](crate::formats::import::Article)'s document between the worker and the
/// page: a file of ours, inside the answer's JSON.
pub(crate) mod doc_as_v1 {
    use crate::document::Document;
    use serde::de::Error as _;
    use serde::ser::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use serde_json::value::RawValue;

    pub fn serialize<S: Serializer>(doc: &Document, s: S) -> Result<S::Ok, S::Error> {
        let raw = RawValue::from_string(crate::formats::v1::export_json(doc))
            .map_err(S::Error::custom)?;
        raw.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Document, D::Error> {
        let raw = Box::<RawValue>::deserialize(d)?;
        super::doc_from_v1(raw.get()).map_err(D::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::Naming;
    use crate::formats::import::Problem;

    const TEXT: &str = "Ada Brun said the bridge 🌉 would open in June.";
    const ANN: &str =
        "T1\tSpeaker 0 8\tAda Brun\nT2\tQuote 14 45\tthe bridge 🌉 would open in June\n";

    fn files() -> Vec<InputFile> {
        vec![
            InputFile::new("bridge.txt", TEXT),
            InputFile::new("bridge.ann", ANN),
        ]
    }

    #[test]
    fn what_the_worker_reads_reaches_the_page_unchanged() {
        let direct = read_articles(&files(), None, Mode::Lenient).expect("found");
        assert_eq!(direct.articles[0].doc.annotations().len(), 2);
        let sent = read_files(&files(), None).expect("json");
        assert_eq!(found_from(&sent), Ok(Ok(direct)));
    }

    #[test]
    fn a_refusal_reaches_the_page_as_the_same_refusal() {
        let files = [InputFile::new("notes.ann", "T1\tQuote 0 4\tnope\n")];
        let direct = read_articles(&files, None, Mode::Lenient);
        assert!(matches!(direct, Err(ReadError::Nothing(ref p)) if !p.is_empty()));
        let sent = read_files(&files, None).expect("json");
        assert_eq!(found_from(&sent), Ok(direct));
    }

    #[test]
    fn an_answer_that_is_not_one_is_said_to_be_unreadable() {
        let why = found_from("{\"Ok\":").unwrap_err();
        assert!(why.starts_with("its answer could not be read"), "{why}");
    }

    #[test]
    fn a_suggestion_off_its_text_is_refused() {
        let files = [
            InputFile::new("bridge.txt", TEXT),
            InputFile::new("bridge.ann", ANN),
        ];
        let mut found = read_articles(&files, None, Mode::Lenient).expect("found");
        let label = found.articles[0].doc.labels()[0].id;
        found.articles[0]
            .suggestions
            .push(crate::formats::import::Suggested {
                label,
                // inside the bridge emoji's four bytes
                span: crate::Span::new(26, 28),
            });
        let sent = serde_json::to_string(&Ok::<_, ReadError>(found)).expect("json");
        assert_eq!(
            found_from(&sent),
            Err("its answer put suggestions off bridge.txt + bridge.ann".to_owned())
        );
    }

    #[test]
    fn a_problem_keeps_its_place_and_severity() {
        let p = Problem {
            file: "a.ann".into(),
            line: Some(3),
            severity: crate::formats::import::Severity::Repaired,
            message: "a newline in a note".into(),
        };
        let read: Read = Err(ReadError::Refused(p));
        let sent = serde_json::to_string(&read).expect("json");
        assert_eq!(found_from(&sent), Ok(read));
    }

    #[test]
    fn every_worker_export_is_the_export_made_in_place() {
        let found = read_articles(&files(), None, Mode::Lenient).expect("found");
        let doc = &found.articles[0].doc;
        let json = v1::export_json(doc);
        let naming = Naming {
            id: Some("d7"),
            at: crate::stamp::Stamp::default(),
        };
        for format in ExportFormat::ALL {
            let here = export::export(doc, format, &naming);
            let base = here.name.strip_suffix(format.suffix()).expect("suffix");
            let there = write_export(&json, format.number(), base, naming.id).expect("bytes");
            assert_eq!(there, here.bytes, "{format:?}");
        }
    }

    #[test]
    fn an_unknown_format_or_a_bad_document_is_said() {
        assert_eq!(
            write_export("{}", 99, "a", None),
            Err("no format 99".into())
        );
        assert!(write_export("{", 1, "a", None).is_err());
    }
}
