//! CoNLL-style BIO (IOB2) columns: one token per line, a blank line between sentences.
//!
//! - Sentences are UAX #29 sentence segments (which always end at a newline, so no sentence
//!   crosses a paragraph); tokens are the UAX #29 word segments of a sentence that are not all
//!   white space, punctuation included, written exactly as they are in the text.
//! - A token is inside an annotation when it shares at least one character with it, so a span
//!   that starts or ends inside a word claims the whole word.
//! - One layer holds one label. When two of its annotations would claim a common token, the one
//!   with more code points wins, then the one that starts earlier, then the smaller id; the loser
//!   is left out whole (see [`dropped`]), so every chunk written is one annotation.
//! - A chunk begins with `B-` at its first token and at the first token of every later sentence
//!   it reaches, so each sentence is valid IOB2 on its own.
//!
//! See `docs/formats.md`.

use crate::document::{AnnotationId, Document};
use crate::formats::brat::type_name;
use crate::label::LabelId;
use crate::offset::Span;
use crate::text::Text;
use std::cmp::Reverse;
use unicode_segmentation::UnicodeSegmentation;

/// The tokens of the text, sentence by sentence (sentences without a token are left out).
pub fn sentences(text: &Text) -> Vec<Vec<Span>> {
    let s = text.as_str();
    s.split_sentence_bound_indices()
        .map(|(at, sentence)| {
            sentence
                .split_word_bound_indices()
                .filter(|(_, w)| !w.chars().all(char::is_whitespace))
                .map(|(i, w)| Span::new(at + i, at + i + w.len()))
                .collect::<Vec<_>>()
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// One label's layer: for each token (in text order) the index of the annotation that owns it.
struct Layer {
    owner: Vec<Option<usize>>,
    first_token: Vec<usize>,
    dropped: Vec<AnnotationId>,
}

/// Assigns the tokens to the annotations of `label`, resolving overlaps (see the module docs).
fn layer(doc: &Document, label: LabelId, tokens: &[Span]) -> Layer {
    let text = doc.text();
    let anns: Vec<_> = doc
        .annotations()
        .iter()
        .filter(|a| a.label == label)
        .collect();
    let mut order: Vec<usize> = (0..anns.len()).collect();
    order.sort_by_key(|&i| {
        let (s, e) = text.chars_of(anns[i].span);
        (Reverse(e.0 - s.0), s.0, &anns[i].id)
    });
    let mut owner = vec![None; tokens.len()];
    let mut first_token = vec![usize::MAX; anns.len()];
    let mut dropped = Vec::new();
    for i in order {
        let span = anns[i].span;
        let lo = tokens.partition_point(|t| t.end <= span.start);
        let hi = tokens.partition_point(|t| t.start < span.end);
        if lo >= hi || owner[lo..hi].iter().any(Option::is_some) {
            dropped.push(anns[i].id.clone());
            continue;
        }
        owner[lo..hi].fill(Some(i));
        first_token[i] = lo;
    }
    dropped.sort();
    Layer {
        owner,
        first_token,
        dropped,
    }
}

/// The tag of token `t` in a layer, given whether it starts a sentence.
fn tag(layer: &Layer, t: usize, starts_sentence: bool, name: &str) -> String {
    match layer.owner[t] {
        None => "O".to_owned(),
        Some(i) if layer.first_token[i] == t || starts_sentence => format!("B-{name}"),
        Some(_) => format!("I-{name}"),
    }
}

/// Writes `token\ttag\ttag…` lines for the given layers, a blank line between sentences.
fn write(doc: &Document, labels: &[LabelId]) -> String {
    let text = doc.text();
    let sents = sentences(text);
    let tokens: Vec<Span> = sents.iter().flatten().copied().collect();
    let layers: Vec<(Layer, String)> = labels
        .iter()
        .map(|&l| {
            let name = doc
                .label(l)
                .map_or_else(String::new, |x| type_name(&x.name));
            (layer(doc, l, &tokens), name)
        })
        .collect();
    let mut out = String::new();
    let mut t = 0;
    for (k, sentence) in sents.iter().enumerate() {
        if k > 0 {
            out.push('\n');
        }
        for (j, token) in sentence.iter().enumerate() {
            out.push_str(text.slice(*token));
            for (layer, name) in &layers {
                out.push('\t');
                out.push_str(&tag(layer, t, j == 0, name));
            }
            out.push('\n');
            t += 1;
        }
    }
    out
}

/// One layer: `token\tB-quote` / `I-quote` / `O` lines for the annotations labelled `label`.
pub fn export(doc: &Document, label: LabelId) -> String {
    write(doc, &[label])
}

/// Every label as its own column, in the document's label order: `token\tquote\tspeaker…`.
pub fn export_all_layers(doc: &Document) -> String {
    let labels: Vec<LabelId> = doc.labels().iter().map(|l| l.id).collect();
    write(doc, &labels)
}

/// The annotations of `label` that [`export`] leaves out: those that lost an overlap, and those
/// that cover no token at all. Sorted by id.
pub fn dropped(doc: &Document, label: LabelId) -> Vec<AnnotationId> {
    let tokens: Vec<Span> = sentences(doc.text()).into_iter().flatten().collect();
    layer(doc, label, &tokens).dropped
}
