//! "Details": a toggle that shows the technical detail behind a message (a reader's own
//! error, a browser's reason), kept out of the message's plain words.

use yew::prelude::*;

/// Props of [`Details`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The element id of the detail text (unique in the page).
    pub id: AttrValue,
    /// The technical detail.
    pub text: AttrValue,
}

/// A "Details" button (`aria-expanded`) and the detail it shows or hides.
#[component]
pub fn Details(props: &Props) -> Html {
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    html! {
        <span class="details">
            <button type="button" class="details-toggle link" aria-expanded={open.to_string()}
                aria-controls={props.id.clone()} onclick={toggle}>{ "Details" }</button>
            <span id={props.id.clone()} class="details-text" hidden={!*open}>{ props.text.clone() }</span>
        </span>
    }
}
