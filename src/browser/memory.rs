//! What the app remembers between visits in localStorage, apart from work: the label mapping
//! of the last imports (which foreign label went to which of ours).

const LABELS: &str = "article-annotator-import-labels";

fn storage() -> Option<web_sys::Storage> {
    gloo::utils::window().local_storage().ok().flatten()
}

/// The remembered mapping, `(foreign name, our name)`; empty when none or unreadable.
pub fn labels() -> Vec<(String, String)> {
    storage()
        .and_then(|ls| ls.get_item(LABELS).ok().flatten())
        .and_then(|raw| serde_json::from_str(&raw).ok())
        .unwrap_or_default()
}

/// Keeps the mapping for next time; gives up quietly when localStorage is full or missing (it
/// is a convenience: the preview shows the mapping anyway).
pub fn set_labels(pairs: &[(String, String)]) {
    if let (Some(ls), Ok(raw)) = (storage(), serde_json::to_string(pairs)) {
        let _ = ls.set_item(LABELS, &raw);
    }
}
