//! Reviewing suggestions: the one in focus with Accept and Reject, and bulk decisions.

use crate::state::ellipsis;
use annotator_core::review::{Pending, SuggestionKey};
use annotator_core::suggest::SuggestKind;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`SuggestionPanel`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The suggestions left to review.
    pub pending: Rc<Vec<Pending>>,
    /// The key of the one in focus.
    pub focus: Option<SuggestionKey>,
    /// The label name and text of each pending suggestion, in the same order.
    pub texts: Rc<Vec<(String, String)>>,
    /// Focus a suggestion.
    pub on_focus: Callback<SuggestionKey>,
    /// Accept one.
    pub on_accept: Callback<SuggestionKey>,
    /// Reject one.
    pub on_reject: Callback<SuggestionKey>,
    /// Accept every suggestion of a kind.
    pub on_accept_all: Callback<SuggestKind>,
    /// Reject all that are left.
    pub on_reject_all: Callback<()>,
    /// Stop reviewing.
    pub on_close: Callback<()>,
}

/// The tag of a suggestion: its rule's kind, or "other" for another tool's label.
fn kind_name(k: Option<SuggestKind>) -> &'static str {
    k.map_or("other", SuggestKind::label_name)
}

/// The side panel while reviewing suggestions.
#[component]
pub fn SuggestionPanel(props: &Props) -> Html {
    let n = props.pending.len();
    let at = props
        .focus
        .as_ref()
        .and_then(|f| props.pending.iter().position(|p| p.key == *f));
    let count = |k: SuggestKind| props.pending.iter().filter(|p| p.kind == Some(k)).count();
    let key_of = |i: usize| props.pending.get(i).map(|p| p.key.clone());
    let go = |i: Option<usize>| {
        let (cb, key) = (props.on_focus.clone(), i.and_then(key_of));
        Callback::from(move |_: MouseEvent| {
            if let Some(k) = key.clone() {
                cb.emit(k)
            }
        })
    };
    let decide = |cb: &Callback<SuggestionKey>| {
        let (cb, key) = (cb.clone(), at.and_then(key_of));
        Callback::from(move |_: MouseEvent| {
            if let Some(k) = key.clone() {
                cb.emit(k)
            }
        })
    };
    let all = |k: SuggestKind| {
        let cb = props.on_accept_all.clone();
        Callback::from(move |_: MouseEvent| cb.emit(k))
    };
    let unit = |cb: &Callback<()>| cb.reform(|_: MouseEvent| ());
    html! {
        <section class="suggestion-panel" aria-label="Suggestions">
            <h2 id="suggestions-heading" tabindex="-1">{ format!("Suggestions ({n})") }</h2>
            if let Some(i) = at {
                <p class="focused">
                    <span class={classes!("tag", "suggested", kind_name(props.pending[i].kind))}>
                        { props.texts.get(i).map_or("", |t| t.0.as_str()) }
                    </span>
                    { " " }
                    <span class="text">{ ellipsis(props.texts.get(i).map_or("", |t| t.1.as_str()), 120) }</span>
                    <span class="where">{ format!(" ({} of {n})", i + 1) }</span>
                </p>
                <div class="actions">
                    <button type="button" class="primary" onclick={decide(&props.on_accept)}
                        aria-keyshortcuts="Enter">{ "Accept (Enter)" }</button>
                    <button type="button" onclick={decide(&props.on_reject)}
                        aria-keyshortcuts="Backspace">{ "Reject (Backspace)" }</button>
                    <button type="button" onclick={go(Some(if i == 0 { n - 1 } else { i - 1 }))}>{ "Previous" }</button>
                    <button type="button" onclick={go(Some((i + 1) % n))}>{ "Next" }</button>
                </div>
            } else if n == 0 {
                <p class="empty">{ "Nothing left to review." }</p>
            }
            <div class="actions bulk">
                <button type="button" onclick={all(SuggestKind::Quote)} disabled={count(SuggestKind::Quote) == 0}>
                    { format!("Accept all quotes ({})", count(SuggestKind::Quote)) }
                </button>
                <button type="button" onclick={all(SuggestKind::Speaker)} disabled={count(SuggestKind::Speaker) == 0}>
                    { format!("Accept all speakers ({})", count(SuggestKind::Speaker)) }
                </button>
                <button type="button" onclick={all(SuggestKind::Date)} disabled={count(SuggestKind::Date) == 0}>
                    { format!("Accept all dates ({})", count(SuggestKind::Date)) }
                </button>
                <button type="button" onclick={unit(&props.on_reject_all)} disabled={n == 0}>{ "Reject all" }</button>
                <button type="button" onclick={unit(&props.on_close)}>{ "Close suggestions" }</button>
            </div>
            <p class="hint">{ "Suggestions are drawn with dashed outlines. Click one to focus it; a quote accepted brings its speaker and attribution." }</p>
        </section>
    }
}
