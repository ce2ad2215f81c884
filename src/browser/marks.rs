//! The article's highlights in the DOM, read in one place. Each highlight is a `<mark>` whose
//! `data-ann` lists the annotations covering it (space-separated ids, outermost first) and
//! whose `data-sug` lists the suggestions under review covering it (their places in the list).

use annotator_core::AnnotationId;
use wasm_bindgen::JsCast;
use web_sys::{Element, EventTarget};

/// The highlight under an event's target, if any.
fn mark_at(target: Option<EventTarget>, attribute: &str) -> Option<String> {
    target?
        .dyn_into::<Element>()
        .ok()?
        .closest(&format!("mark[{attribute}]"))
        .ok()??
        .get_attribute(attribute)
}

/// The annotations covering the text under `target`, innermost first (empty for plain text).
pub fn annotations_at(target: Option<EventTarget>) -> Vec<AnnotationId> {
    mark_at(target, "data-ann")
        .map(|s| s.split(' ').rev().map(|i| AnnotationId(i.into())).collect())
        .unwrap_or_default()
}

/// The annotations covering the caret (the selection's focus), innermost first.
pub fn annotations_at_caret() -> Vec<AnnotationId> {
    let node = gloo::utils::window()
        .get_selection()
        .ok()
        .flatten()
        .and_then(|s| s.focus_node());
    let element = node.and_then(|n| match n.dyn_ref::<Element>() {
        Some(e) => Some(e.clone()),
        None => n.parent_element(),
    });
    annotations_at(element.map(EventTarget::from))
}

/// The suggestions covering the text under `target`, by their place in the review list,
/// innermost first.
pub fn suggestions_at(target: Option<EventTarget>) -> Vec<usize> {
    mark_at(target, "data-sug")
        .map(|s| s.split(' ').rev().filter_map(|i| i.parse().ok()).collect())
        .unwrap_or_default()
}

/// A CSS selector for the highlights of annotation `id`.
pub fn annotation_selector(id: &str) -> String {
    format!("mark[data-ann~=\"{}\"]", css_escape(id))
}

/// A CSS selector for the highlights of the suggestion at `index` in the review list.
pub fn suggestion_selector(index: usize) -> String {
    format!("mark[data-sug~=\"{index}\"]")
}

fn css_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// True while the article is still being built: some of its chunks are empty boxes
/// (`div.chunk.pending`, see `components::article_view::build`).
pub fn article_building() -> bool {
    gloo::utils::document()
        .query_selector(".chunk.pending")
        .ok()
        .flatten()
        .is_some()
}
