//! Why a file was refused, in a reporter's words: what is wrong and what to do. The reader's
//! own technical message (a parser's "EOF while parsing … at line 3 column 7", the field and
//! offsets at fault) is kept apart, for the status line's "Details".

use crate::error::ImportError;
use crate::formats::import::Problem;

/// What the status line says about a refused file of the app's own (after "Could not import
/// NAME: "): the plain sentence, then the technical detail. `text` is the file's text (or the
/// library line's), to tell a cut-short or non-JSON file from a JSON file of the wrong shape.
pub fn own_file(e: &ImportError, text: &str) -> (String, String) {
    let detail = e.to_string();
    let said = match e {
        ImportError::Json(_) if !is_json(text) => {
            if text.trim().is_empty() {
                "the file is empty".to_owned()
            } else if cut_short(text) {
                "the file ends too early: it was probably cut short while it was downloaded or \
                 copied. Export it again, or use the original"
                    .to_owned()
            } else {
                "it is not an annotation file this app can read: its contents are not the JSON \
                 this app saves. Choose a file made with “Export JSON”, or the original of an \
                 edited copy"
                    .to_owned()
            }
        }
        ImportError::Json(m) if m.contains("missing field `format`") => {
            "it is a JSON file, but neither this app nor a tool it reads wrote it".to_owned()
        }
        ImportError::Json(_) => {
            "it looks like an annotation file of this app, but a part of it is missing or of \
             the wrong kind (it may have been edited by hand). Use the file as the app \
             exported it"
                .to_owned()
        }
        ImportError::WrongFormat(tool) => format!(
            "it says “{tool}” made it, in a format this app does not read. Export it from that \
             tool as brat, Label Studio, doccano, W3C, CoNLL or spaCy JSONL, and import that"
        ),
        ImportError::WrongVersion(v) => format!(
            "a newer version of this app saved it (file version {v}; this one reads version 1). \
             Open it there, or update this app"
        ),
        ImportError::DuplicateLabel(_)
        | ImportError::BadColor { .. }
        | ImportError::BadKey { .. }
        | ImportError::DuplicateId(_)
        | ImportError::UnknownLabel { .. }
        | ImportError::DanglingRelation { .. } => {
            "its labels and annotations contradict each other (it may have been edited by \
             hand). Use the file as the app exported it"
                .to_owned()
        }
        ImportError::BadOffsets { .. } | ImportError::TextMismatch { .. } => {
            "its annotations don't fit its article's text (the text may have been changed \
             outside the app). Use the file as the app exported it"
                .to_owned()
        }
        ImportError::TooLarge { .. } => return (detail, String::new()),
    };
    (said, detail)
}

/// What the status line says when "Refuse the whole import" meets a malformed line.
pub fn strict_refusal(problem: &Problem) -> (String, String) {
    let place = match problem.line {
        Some(line) => format!("line {line} of {}", problem.file),
        None => problem.file.clone(),
    };
    (
        format!(
            "{place} is malformed, and “Refuse the whole import” was chosen. Choose “Skip them \
             and import the rest” to import everything else"
        ),
        problem.to_string(),
    )
}

/// The first sentence about saved data that could not be read, for the banner and the status
/// line; `reason` (from [`record`](crate::record)) goes behind "Details".
pub fn damaged(reason: &str) -> &'static str {
    if reason.starts_with("the saved data has version") {
        "Saved data could not be read: a newer version of this app saved it."
    } else {
        "Saved data could not be read: it is damaged."
    }
}

fn is_json(text: &str) -> bool {
    serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
}

/// Whether `text` is the start of a JSON value that stops before its end: every bracket and
/// string opened is still open at the end.
fn cut_short(text: &str) -> bool {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' | '[' => depth += 1,
            '}' | ']' => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return false,
            },
            _ => {}
        }
    }
    in_string || depth > 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::v1;

    fn said(json: &str) -> (String, String) {
        let e = v1::import_json(json).expect_err("refused");
        own_file(&e, json)
    }

    #[test]
    fn a_file_cut_short_says_so_and_keeps_the_parser_message_as_detail() {
        let (s, d) = said(r#"{"format": "article-annotator", "version": 1, "document": {"te"#);
        assert!(s.starts_with("the file ends too early"), "{s}");
        assert!(d.contains("EOF"), "{d}");
        assert!(!s.contains("EOF"));
    }

    #[test]
    fn text_that_is_not_json_is_told_apart_from_a_cut_short_file() {
        let (s, d) = said("Mayor Solvang said the pier would reopen.");
        assert!(s.starts_with("it is not an annotation file"), "{s}");
        assert!(!d.is_empty());
        assert_eq!(said("   ").0, "the file is empty");
    }

    #[test]
    fn json_of_another_kind_and_another_tool_and_version_get_their_own_words() {
        assert!(said(r#"{"rows": [1, 2]}"#)
            .0
            .contains("neither this app nor a tool"));
        let (s, d) = said(r#"{"format": "label-studio", "version": 1}"#);
        assert!(s.contains("“label-studio” made it"), "{s}");
        assert!(d.contains("label-studio"));
        assert!(said(r#"{"format": "article-annotator", "version": 7}"#)
            .0
            .contains("a newer version of this app saved it (file version 7"));
        let (s, _) = said(r#"{"format": "article-annotator", "version": 1, "document": 3}"#);
        assert!(
            s.contains("a part of it is missing or of the wrong kind"),
            "{s}"
        );
    }

    #[test]
    fn contradictions_and_offsets_that_do_not_fit_are_worded_for_a_person() {
        let text = r##"{"format": "article-annotator", "version": 1,
            "document": {"text": "Hello there."},
            "labels": [{"name": "quote", "color": "#ffd166"}],
            "annotations": [{"id": "a1", "start": 0, "end": 5, "label": "claim", "text": "Hello"}],
            "relations": []}"##;
        let (s, d) = said(text);
        assert!(
            s.starts_with("its labels and annotations contradict"),
            "{s} / {d}"
        );
        assert!(d.contains("\"claim\""), "{d}");
        let text = text
            .replace("\"claim\"", "\"quote\"")
            .replace("\"end\": 5", "\"end\": 50");
        let (s, d) = said(&text);
        assert!(s.starts_with("its annotations don't fit"), "{s}");
        assert!(d.contains("50"), "{d}");
    }

    #[test]
    fn a_strict_refusal_names_the_line_and_the_choice_that_imports_the_rest() {
        let p = Problem {
            file: "trams.jsonl".into(),
            line: Some(2),
            severity: crate::formats::import::Severity::Skipped,
            message: "not JSON".into(),
        };
        let (s, d) = strict_refusal(&p);
        assert!(s.starts_with("line 2 of trams.jsonl is malformed"), "{s}");
        assert!(s.contains("Skip them and import the rest"));
        assert_eq!(d, "trams.jsonl, line 2: not JSON");
    }

    #[test]
    fn damaged_saved_data_is_told_from_a_newer_version() {
        let newer = crate::record::RecordError::Version { found: 2 }.to_string();
        assert_eq!(
            damaged(&newer),
            "Saved data could not be read: a newer version of this app saved it."
        );
        assert_eq!(
            damaged("the saved data is damaged: EOF while parsing"),
            "Saved data could not be read: it is damaged."
        );
    }

    #[test]
    fn cut_short_reads_brackets_and_strings() {
        assert!(cut_short(r#"{"a": [1, "]"#));
        assert!(cut_short(r#"{"a": "x\"}"#));
        assert!(!cut_short(r#"{"a": 1}}"#));
        assert!(!cut_short("plain words"));
    }
}
