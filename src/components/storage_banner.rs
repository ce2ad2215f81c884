//! What the user must know about saving, above everything else: storage that does not work,
//! damaged saved data, an article another tab edits, and storage that moved on without this
//! tab's changes. Each says what happened and offers what can be done.

use crate::components::details::Details;
use crate::state::{Access, Conflict, SaveState};
use annotator_core::app::explain;
use yew::prelude::*;

/// Props of [`StorageBanner`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// Where autosave stands.
    pub save: SaveState,
    /// Why saved data could not be read, if some could not.
    pub damaged: Option<AttrValue>,
    /// Whether this tab edits the open article.
    pub access: Access,
    /// Storage moved on without this tab's changes.
    pub conflict: Option<Conflict>,
    /// What the banner's buttons do.
    pub actions: BannerActions,
}

/// What the banner's buttons do.
#[derive(Clone, PartialEq)]
pub struct BannerActions {
    /// Export every article (when storage fails).
    pub export_all: Callback<()>,
    /// Download damaged saved data.
    pub download_damaged: Callback<()>,
    /// Ask the editing tab to hand over.
    pub edit_here: Callback<()>,
    /// Take editing from a tab that does not answer.
    pub take_over: Callback<()>,
    /// Keep this tab's version.
    pub keep_mine: Callback<()>,
    /// Drop this tab's version (or close a deleted article).
    pub take_theirs: Callback<()>,
}

fn button(label: &'static str, cb: &Callback<()>) -> Html {
    html! { <button type="button" onclick={cb.reform(|_| ())}>{ label }</button> }
}

/// The banner (nothing when all is well).
#[component]
pub fn StorageBanner(props: &Props) -> Html {
    if let SaveState::Failed(why) | SaveState::Off(why) = &props.save {
        return html! {
            <div class="banner error" role="alert">
                <p>{ format!(
                    "Not saved: {why}. Everything on screen stays while this tab is open; \
                     export a copy to be safe."
                ) }</p>
                { button("Export all", &props.actions.export_all) }
            </div>
        };
    }
    if let Some(conflict) = props.conflict {
        let (text, mine, theirs) = match conflict {
            Conflict::ChangedElsewhere => (
                "Another tab saved this article after this tab last did, so this tab's latest \
                 changes are not saved. Keep both (this tab's version becomes a copy in the \
                 library), or drop this tab's changes.",
                "Keep this version as a copy",
                "Show the other tab's version",
            ),
            Conflict::DeletedElsewhere => (
                "This article was deleted in another tab, but this tab has changes that were not \
                 saved. Keep it (it goes back into the library), or close it.",
                "Keep it",
                "Close it",
            ),
        };
        return html! {
            <div class="banner error" role="alert">
                <p>{ text }</p>
                { button(mine, &props.actions.keep_mine) }
                { button(theirs, &props.actions.take_theirs) }
            </div>
        };
    }
    if let Access::ReadOnly { asked, slow } = props.access {
        let text = match (asked, slow) {
            (_, true) => {
                "The other tab did not answer (it may be frozen or in the background). \
                          Take editing over: it keeps what that tab had saved, and whatever it \
                          had not saved yet it saves when it wakes, without overwriting yours."
            }
            (true, false) => "Asking the other tab to save and hand editing over…",
            (false, false) => {
                "Read only: this article is open for editing in another tab. This \
                               tab follows its changes, and becomes editable when that tab \
                               closes or opens another article."
            }
        };
        return html! {
            <div class="banner info" role="region" aria-label="Editing in another tab">
                <p>{ text }</p>
                if slow {
                    { button("Take over now", &props.actions.take_over) }
                } else if !asked {
                    { button("Edit here instead", &props.actions.edit_here) }
                }
            </div>
        };
    }
    if let Some(reason) = &props.damaged {
        return html! {
            <div class="banner error" role="alert">
                <p>{ format!("{} It has been kept untouched.", explain::damaged(reason)) }</p>
                <p><Details id="damaged-detail" text={reason.clone()} /></p>
                { button("Download saved data", &props.actions.download_damaged) }
            </div>
        };
    }
    Html::default()
}
