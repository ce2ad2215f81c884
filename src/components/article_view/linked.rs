//! Hover linking: pointing at a quote lights up its speaker, and the other way round.

use crate::browser::marks;
use annotator_core::AnnotationId;
use std::collections::HashMap;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// Marks the highlights linked by attribution to any of `ids` (space-separated) with the class
/// `linked`, and clears it everywhere else. A hover effect, so it lives in the DOM only.
pub(super) fn highlight_linked(
    ids: &[AnnotationId],
    links: &HashMap<AnnotationId, Vec<AnnotationId>>,
) {
    let document = gloo::utils::document();
    if let Ok(old) = document.query_selector_all("mark.linked") {
        for i in 0..old.length() {
            if let Some(el) = old.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                let _ = el.class_list().remove_1("linked");
            }
        }
    }
    for other in ids.iter().filter_map(|id| links.get(id)).flatten() {
        let selector = marks::annotation_selector(other.as_str());
        if let Ok(list) = document.query_selector_all(&selector) {
            for i in 0..list.length() {
                if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    let _ = el.class_list().add_1("linked");
                }
            }
        }
    }
}
