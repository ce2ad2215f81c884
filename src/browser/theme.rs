//! The colour theme: remembered in localStorage, shown as the page's `data-theme` attribute
//! (which the style sheet reads; without it, `prefers-color-scheme` decides).

use annotator_core::app::Theme;

const KEY: &str = "article-annotator-theme";

fn storage() -> Option<web_sys::Storage> {
    gloo::utils::window().local_storage().ok().flatten()
}

/// The theme chosen on an earlier visit (the system's when none, or unreadable).
pub fn stored() -> Theme {
    storage()
        .and_then(|ls| ls.get_item(KEY).ok().flatten())
        .map_or(Theme::System, |s| Theme::parse(&s))
}

/// Shows `theme` on the page now.
pub fn apply(theme: Theme) {
    if let Some(root) = gloo::utils::document().document_element() {
        let _ = match theme {
            Theme::System => root.remove_attribute("data-theme"),
            t => root.set_attribute("data-theme", t.as_str()),
        };
    }
}

/// Keeps `theme` for the next visit (quietly not, when localStorage is missing or full) and
/// shows it.
pub fn remember(theme: Theme) {
    if let Some(ls) = storage() {
        let _ = ls.set_item(KEY, theme.as_str());
    }
    apply(theme);
}
