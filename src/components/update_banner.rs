//! "A new version is ready": offered when the service worker has a new version of the app
//! waiting; **Update** lets it take over once everything on screen is saved.

use yew::prelude::*;

/// Props of [`UpdateBanner`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// Whether the user already asked for it (it waits for the work to be saved).
    pub asked: bool,
    /// **Update**.
    pub on_update: Callback<()>,
}

/// A polite banner with one button; not an alert: nothing is wrong.
#[component]
pub fn UpdateBanner(props: &Props) -> Html {
    let onclick = props.on_update.reform(|_: MouseEvent| ());
    html! {
        <section class="banner info" aria-label="New version">
            <p>{ "A new version of Article Annotator is ready. Your work stays as it is: updating waits until everything is saved." }</p>
            <button type="button" {onclick} disabled={props.asked}>
                { if props.asked { "Updating…" } else { "Update" } }
            </button>
        </section>
    }
}
