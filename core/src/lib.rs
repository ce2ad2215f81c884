//! The pure domain of article-annotator: no web dependency, so the compiler keeps it pure.
//!
//! Inside, offsets are UTF-8 bytes; the DOM boundary speaks UTF-16 and the exported file code
//! points, each with its own newtype ([`offset`]).

pub mod action;
pub mod annotations;
pub mod app;
pub mod attribution;
pub mod autosave;
pub mod document;
pub mod error;
pub mod export;
pub mod formats;
pub mod history;
pub mod json;
pub mod label;
pub mod library;
pub mod limits;
pub mod offset;
pub mod record;
pub mod review;
pub mod sample;
pub mod slug;
pub mod sort;
pub mod stamp;
pub mod suggest;
pub mod text;
pub mod view;
pub mod work;

pub use action::{Action, Proposal, ReplacePlan};
pub use annotations::Annotations;
pub use document::{Annotation, AnnotationId, Document, QuoteKind, Relation, RelationKind};
pub use error::{ActionError, AttributionError, ImportError};
pub use history::History;
pub use label::{Label, LabelId, LabelSpec};
pub use offset::{ByteOffset, CharOffset, Span, Utf16Offset};
pub use text::Text;
