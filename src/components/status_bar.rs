//! The status line: hints and results, read out by screen readers.

use crate::state::Message;
use yew::prelude::*;

/// Props of [`StatusBar`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The latest message, if any.
    pub message: Option<Message>,
}

/// A polite live region showing the latest message.
#[component]
pub fn StatusBar(props: &Props) -> Html {
    let (text, class) = match &props.message {
        Some(m) => (
            m.text.clone(),
            if m.is_error { "status error" } else { "status" },
        ),
        None => (String::new(), "status"),
    };
    html! {
        <div role="status" aria-live="polite" class={class}>{ text }</div>
    }
}
