//! Who said it, inside the selection panel: a quote's or claim's speaker, kind and cue, or a
//! speaker mention's entity, with the buttons that change them.

use annotator_core::app::view::Attribution;
use annotator_core::QuoteKind;
use yew::prelude::*;

/// Props of [`AttributionPanel`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// What to show.
    pub shown: Attribution,
    /// The kind was chosen.
    pub on_kind: Callback<Option<QuoteKind>>,
    /// "Set cue from selection".
    pub on_set_cue: Callback<()>,
    /// "Clear cue".
    pub on_clear_cue: Callback<()>,
    /// "Attribute" or "Change speaker".
    pub on_attribute: Callback<()>,
    /// "Remove attribution".
    pub on_unattribute: Callback<()>,
    /// "Same speaker as…".
    pub on_link: Callback<()>,
    /// "Unlink this mention".
    pub on_unlink: Callback<()>,
}

/// The attribution part of the selection panel.
#[component]
pub fn AttributionPanel(props: &Props) -> Html {
    let click = |cb: &Callback<()>| cb.reform(|_: MouseEvent| ());
    match &props.shown {
        Attribution::Said { speaker, kind, cue } => {
            let on_kind = props.on_kind.reform(|e: Event| {
                let target: web_sys::EventTarget = e.target_unchecked_into();
                let v = js_sys::Reflect::get(&target, &"value".into())
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default();
                QuoteKind::parse(&v)
            });
            html! {
                <div class="attribution">
                    <p>
                        { "Speaker: " }
                        <strong>{ speaker.clone().unwrap_or_else(|| "none yet".to_owned()) }</strong>
                    </p>
                    <div class="quote-details">
                        <label>
                            { "Kind " }
                            <select aria-label="Kind" onchange={on_kind}>
                                <option value="" selected={kind.is_none()}>{ "not set" }</option>
                                for k in QuoteKind::ALL {
                                    <option value={k.as_str()} selected={*kind == Some(k)}>{ k.as_str() }</option>
                                }
                            </select>
                        </label>
                        <p>
                            { "Cue: " }
                            <strong>{ cue.clone().unwrap_or_else(|| "none".to_owned()) }</strong>
                        </p>
                        <div class="actions">
                            // Keeps the article's selection, which the cue is taken from.
                            <button type="button"
                                onmousedown={Callback::from(|e: MouseEvent| e.prevent_default())}
                                onclick={click(&props.on_set_cue)}>
                                { "Set cue from selection" }
                            </button>
                            if cue.is_some() {
                                <button type="button" onclick={click(&props.on_clear_cue)}>
                                    { "Clear cue" }
                                </button>
                            }
                        </div>
                    </div>
                    <div class="actions">
                        <button type="button" aria-keyshortcuts="A" onclick={click(&props.on_attribute)}>
                            { if speaker.is_some() { "Change speaker (A)" } else { "Attribute (A)" } }
                        </button>
                        if speaker.is_some() {
                            <button type="button" onclick={click(&props.on_unattribute)}>
                                { "Remove attribution" }
                            </button>
                        }
                    </div>
                </div>
            }
        }
        Attribution::Speaker { name, mentions } => html! {
            <div class="attribution">
                <p>
                    { "Speaker: " }<strong>{ name.clone() }</strong>
                    { format!(" ({})", annotator_core::app::words::n_of(*mentions, "mention")) }
                </p>
                <div class="actions">
                    <button type="button" onclick={click(&props.on_link)}>
                        { "Same speaker as…" }
                    </button>
                    if *mentions > 1 {
                        <button type="button" onclick={click(&props.on_unlink)}>
                            { "Unlink this mention" }
                        </button>
                    }
                </div>
            </div>
        },
    }
}
