//! The status line: the latest result, beside the toolbar. A success is polite (`status`), a
//! problem an alert; the text shows for a few seconds, then fades (CSS), and stays in the
//! region for screen readers until the next message.

use crate::state::Message;
use yew::prelude::*;

/// Props of [`StatusBar`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The latest message, if any.
    pub message: Option<Message>,
}

/// One live region for the latest message; its role follows the message's kind.
#[component]
pub fn StatusBar(props: &Props) -> Html {
    let error = props.message.as_ref().is_some_and(|m| m.is_error);
    html! {
        <div id="status-line" role={if error { "alert" } else { "status" }}
            aria-live={if error { "assertive" } else { "polite" }}
            class={classes!("status", error.then_some("error"))}>
            if let Some(m) = &props.message {
                // keyed by the message's number: each message starts its fade again
                <span key={m.seq.to_string()} class="toast">{ m.text.clone() }</span>
            }
        </div>
    }
}
