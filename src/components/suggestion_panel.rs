//! Reviewing suggestions: the one in focus with Accept and Reject (a quote with the speaker it
//! will get, which can be changed first), and bulk decisions.

use crate::state::ellipsis;
use annotator_core::app::view::ShownSuggestion;
use annotator_core::review::{Pending, SuggestionKey};
use annotator_core::suggest::SuggestKind;
use annotator_core::Span;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`SuggestionPanel`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The suggestions left to review.
    pub pending: Rc<Vec<Pending>>,
    /// The key of the one in focus.
    pub focus: Option<SuggestionKey>,
    /// The one in focus as shown (tag, text, speaker or person).
    pub shown: Option<ShownSuggestion>,
    /// For a quote in focus: the speaker mentions it can be given instead (span, description).
    pub choices: Rc<Vec<(Span, String)>>,
    /// Focus a suggestion.
    pub on_focus: Callback<SuggestionKey>,
    /// Accept one.
    pub on_accept: Callback<SuggestionKey>,
    /// Reject one.
    pub on_reject: Callback<SuggestionKey>,
    /// Give the quote in focus another speaker, or none.
    pub on_set_speaker: Callback<(SuggestionKey, Option<Span>)>,
    /// Accept every suggestion of a kind.
    pub on_accept_all: Callback<SuggestKind>,
    /// Accept every quote without its speaker.
    pub on_accept_quotes_only: Callback<()>,
    /// Accept every proposed same-speaker link.
    pub on_accept_links: Callback<()>,
    /// Accept everything left.
    pub on_accept_everything: Callback<()>,
    /// Reject all that are left.
    pub on_reject_all: Callback<()>,
    /// Stop reviewing.
    pub on_close: Callback<()>,
}

/// The tag class of a suggestion: its rule's kind, "link" for a same-speaker link, or "other"
/// for another tool's label.
fn kind_name(p: &Pending) -> &'static str {
    if p.is_link() {
        "link"
    } else {
        p.kind.map_or("other", SuggestKind::label_name)
    }
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
    let links = props.pending.iter().filter(|p| p.is_link()).count();
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
    let speaker_menu = at.filter(|_| !props.choices.is_empty()).map(|i| {
        let p = &props.pending[i];
        let current = p.proposal.speaker;
        let (cb, key, choices) = (
            props.on_set_speaker.clone(),
            p.key.clone(),
            Rc::clone(&props.choices),
        );
        let onchange = Callback::from(move |e: Event| {
            let value = e
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_default();
            let span = value
                .parse::<usize>()
                .ok()
                .and_then(|k| choices.get(k))
                .map(|c| c.0);
            cb.emit((key.clone(), span));
        });
        html! {
            <div class="suggested-speaker">
                <label for="suggested-speaker">{ "Speaker of this quote" }</label>
                <select id="suggested-speaker" {onchange}>
                    <option value="none" selected={current.is_none()}>{ "No speaker" }</option>
                    for (k, (span, text)) in props.choices.iter().enumerate() {
                        <option value={k.to_string()} selected={current == Some(*span)}>
                            { ellipsis(text, 90) }
                        </option>
                    }
                </select>
            </div>
        }
    });
    html! {
        <section class="suggestion-panel" aria-label="Suggestions">
            <h2 id="suggestions-heading" tabindex="-1">{ format!("Suggestions ({n})") }</h2>
            if let Some(i) = at {
                <p class="focused">
                    <span class={classes!("tag", "suggested", kind_name(&props.pending[i]))}>
                        { props.shown.as_ref().map_or("", |t| t.tag.as_str()) }
                    </span>
                    { " " }
                    <span class="text">{ ellipsis(props.shown.as_ref().map_or("", |t| t.text.as_str()), 120) }</span>
                    if let Some(tie) = props.shown.as_ref().and_then(|t| t.tie.as_ref()) {
                        { " " }
                        <span class="tie">{ tie.clone() }</span>
                    }
                    <span class="where">{ format!(" ({} of {n})", i + 1) }</span>
                </p>
                { speaker_menu.unwrap_or_default() }
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
                <button type="button" onclick={unit(&props.on_accept_everything)} disabled={n == 0}>
                    { format!("Accept all ({n})") }
                </button>
                <button type="button" onclick={all(SuggestKind::Quote)} disabled={count(SuggestKind::Quote) == 0}>
                    { format!("Accept all quotes ({})", count(SuggestKind::Quote)) }
                </button>
                <button type="button" onclick={unit(&props.on_accept_quotes_only)} disabled={count(SuggestKind::Quote) == 0}>
                    { format!("Accept quotes without speakers ({})", count(SuggestKind::Quote)) }
                </button>
                <button type="button" onclick={all(SuggestKind::Speaker)} disabled={count(SuggestKind::Speaker) == 0}>
                    { format!("Accept all speakers ({})", count(SuggestKind::Speaker)) }
                </button>
                if links > 0 {
                    <button type="button" onclick={unit(&props.on_accept_links)}>
                        { format!("Accept all same-speaker links ({links})") }
                    </button>
                }
                <button type="button" onclick={all(SuggestKind::Date)} disabled={count(SuggestKind::Date) == 0}>
                    { format!("Accept all dates ({})", count(SuggestKind::Date)) }
                </button>
                <button type="button" onclick={unit(&props.on_reject_all)} disabled={n == 0}>{ "Reject all" }</button>
                <button type="button" onclick={unit(&props.on_close)}>{ "Close suggestions" }</button>
            </div>
            <p class="hint">{ "Suggestions are drawn with dashed outlines. Click one to focus it; a quote accepted brings its speaker (→) and attribution; a same-speaker link (=) groups two mentions into one person." }</p>
        </section>
    }
}
