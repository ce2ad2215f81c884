//! The status line: the latest result, beside the toolbar. A success is polite (`status`), a
//! problem an alert; the text shows for a few seconds, then fades (CSS), and stays in the
//! region for screen readers until the next message.

use crate::components::details::Details;
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
    let detail = props
        .message
        .as_ref()
        .and_then(|m| Some((m.seq, m.detail.clone()?)));
    html! {
        <>
            <div id="status-line" role={if error { "alert" } else { "status" }}
                aria-live={if error { "assertive" } else { "polite" }}
                class={classes!("status", error.then_some("error"))}>
                if let Some(m) = &props.message {
                    // keyed by the message's number: each message starts its fade again
                    <span key={m.seq.to_string()} class="toast">{ m.text.clone() }</span>
                }
            </div>
            // outside the live region: opening it is not announced as a new message
            if let Some((seq, text)) = detail {
                <Details key={seq.to_string()} id="status-detail" text={text} />
            }
        </>
    }
}
