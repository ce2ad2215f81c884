//! Every way an action or an import can fail, each a message a person can act on.

use crate::document::AnnotationId;
use crate::label::{LabelError, LabelId};
use crate::offset::Span;
use thiserror::Error;

/// Why an action was refused; the document is left unchanged.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum ActionError {
    /// Nothing was selected.
    #[error("the selection is empty")]
    EmptySpan,
    /// The span reaches past the end of the text.
    #[error("the span {}..{} lies outside the text", .0.start.0, .0.end.0)]
    OutOfRange(Span),
    /// The span would cut a character or a grapheme cluster in two.
    #[error("the span {}..{} would split a character", .0.start.0, .0.end.0)]
    SplitsGrapheme(Span),
    /// No label with that id.
    #[error("there is no label {}", .0.0)]
    UnknownLabel(LabelId),
    /// No annotation with that id.
    #[error("there is no annotation {0}")]
    UnknownAnnotation(AnnotationId),
    /// The same span already has that label.
    #[error("that text already has this label")]
    Duplicate,
    /// A label description was refused.
    #[error("{0}")]
    Label(#[from] LabelError),
    /// An attribution or speaker link that doesn't make sense.
    #[error("{0}")]
    Attribution(#[from] AttributionError),
}

/// Why an attribution or a same-speaker link was refused.
#[derive(Clone, Copy, Debug, Error, PartialEq, Eq)]
pub enum AttributionError {
    /// The annotation attributed is not a quote or a claim.
    #[error("only a quote or a claim can be attributed")]
    NotAttributable,
    /// The annotation it was attributed to is not a speaker span.
    #[error("a quote can only be attributed to a speaker span")]
    NotASpeaker,
    /// No label has the speaker role, so no speaker span can be made.
    #[error("there is no \"speaker\" label")]
    NoSpeakerLabel,
    /// The quote and the speaker are one span.
    #[error("a quote can't be its own speaker")]
    OwnSpeaker,
    /// A same-speaker link between spans that are not both speakers.
    #[error("only speaker spans can be linked as the same speaker")]
    LinkNotSpeakers,
}

/// Why a file could not be imported; nothing was changed.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum ImportError {
    /// The file is not JSON, or not of the expected shape.
    #[error("not a valid annotation file: {0}")]
    Json(String),
    /// The `format` field names another format.
    #[error("format is \"{0}\", expected \"article-annotator\"")]
    WrongFormat(String),
    /// A version this app does not read.
    #[error("version {0} is not supported (this app reads version 1)")]
    WrongVersion(u64),
    /// Two labels share a name.
    #[error("label \"{0}\" is defined twice")]
    DuplicateLabel(String),
    /// A label colour is not `#RRGGBB`.
    #[error("label \"{name}\": colour \"{color}\" is not #RRGGBB")]
    BadColor {
        /// The label.
        name: String,
        /// What the file says.
        color: String,
    },
    /// A label key is not a single character.
    #[error("label \"{name}\": key \"{key}\" must be one character")]
    BadKey {
        /// The label.
        name: String,
        /// What the file says.
        key: String,
    },
    /// Two annotations share an id.
    #[error("annotation id \"{0}\" is used twice")]
    DuplicateId(String),
    /// An annotation names a label the file does not define.
    #[error("annotation \"{id}\": label \"{label}\" is not in the file's labels")]
    UnknownLabel {
        /// The annotation.
        id: String,
        /// The label it names.
        label: String,
    },
    /// An annotation's offsets are reversed, empty or past the end of the text.
    #[error("annotation \"{id}\": start {start} and end {end} are not a span of the text ({len} characters)")]
    BadOffsets {
        /// The annotation.
        id: String,
        /// Its start.
        start: usize,
        /// Its end.
        end: usize,
        /// Length of the text in code points.
        len: usize,
    },
    /// An annotation's `text` differs from the slice of the document its offsets give.
    #[error("annotation \"{id}\": text \"{expected}\" does not match the document at {start}..{end} (\"{found}\")")]
    TextMismatch {
        /// The annotation.
        id: String,
        /// Its start.
        start: usize,
        /// Its end.
        end: usize,
        /// What the file says the text is.
        expected: String,
        /// What the document holds there.
        found: String,
    },
    /// A relation names an annotation that does not exist.
    #[error("relation \"{id}\": {field} \"{target}\" is not an annotation in the file")]
    DanglingRelation {
        /// The relation.
        id: String,
        /// `from` or `to`.
        field: &'static str,
        /// The missing id.
        target: String,
    },
    /// The input is larger than the importer accepts (see `formats::v1::MAX_IMPORT_BYTES`).
    #[error("the file is {size} bytes; the largest file this app imports is {max} bytes ({} MiB)", .max / (1024 * 1024))]
    TooLarge {
        /// Its size in bytes.
        size: usize,
        /// The limit in bytes.
        max: usize,
    },
}
