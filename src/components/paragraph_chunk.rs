//! A run of consecutive paragraphs, re-rendered only when one of them changes.

use crate::components::paragraph::{Paragraph, SharedPara, SharedText};
use annotator_core::{AnnotationId, Label, Span, Text};
use std::rc::Rc;
use yew::prelude::*;

/// The most paragraphs a chunk holds (fewer when they are dense with highlights, and the first
/// holds about a screen). An edit re-renders one chunk and diffs the article's chunks, instead
/// of diffing every paragraph: 43 chunks for the benchmark's 1,248-paragraph article.
pub const CHUNK: usize = 32;

/// Props of [`ParagraphChunk`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The whole text, compared by pointer.
    pub text: SharedText,
    /// The chunk's paragraphs, each compared by pointer.
    pub paras: Vec<SharedPara>,
    /// The labels, for colours and names.
    pub labels: Rc<[Label]>,
    /// The selected annotation, when it touches this chunk.
    pub selected: Option<(AnnotationId, Span)>,
    /// The flashing annotation, when it touches this chunk.
    pub flash: Option<(AnnotationId, Span)>,
    /// Suggestions per paragraph of the chunk: (index in the review list, span, label, in focus).
    pub suggested: Vec<Vec<super::paragraph::DrawnSuggestion>>,
    /// The mention the suggestion in focus ties to, when it touches this chunk.
    #[prop_or_default]
    pub tied: Option<Span>,
    /// Its height until it has been laid out once, in lines (see [`estimated_lines`]).
    pub lines: usize,
    /// Drawn whole, with highlights (near the viewport), else its text only.
    #[prop_or(true)]
    pub live: bool,
}

/// The chunk's paragraphs, each keyed by where it starts, in a `<div>` with layout and paint
/// containment, so an edit inside it lays out only it.
/// Far from the viewport it shows its text only (`live` false): the same `<div>` and `<p>`s,
/// so the heights the browser remembers for them stay.
#[component]
pub fn ParagraphChunk(props: &Props) -> Html {
    html! {
        <div class="chunk" style={format!("--lines: {}", props.lines)}>
        for (i, para) in props.paras.iter().enumerate() {
            <Paragraph
                key={para.span.start.0}
                text={props.text.clone()}
                data={para.clone()}
                labels={props.labels.clone()}
                selected={props.selected.clone().filter(|(_, s)| s.overlaps(para.span))}
                flash={props.flash.clone().filter(|(_, s)| s.overlaps(para.span)).map(|(id, _)| id)}
                suggested={props.suggested.get(i).cloned().unwrap_or_default()}
                tied={props.tied.filter(|s| s.overlaps(para.span))}
                plain={!props.live}
            />
        }
        </div>
    }
}

/// A paragraph's height until it has been laid out once, in lines: guessed from its length,
/// plus one line of paragraph spacing. A chunk's is the sum of its paragraphs'.
pub fn estimated_lines(text: &Text, paragraph: Span) -> usize {
    text.slice(paragraph).chars().count().div_ceil(80).max(1) + 1
}
