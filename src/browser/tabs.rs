//! What tabs of this app tell each other: a `BroadcastChannel` carrying
//! `core::autosave::TabMessage`s as JSON (saves, deletions, library changes, hand-over
//! requests). Messages reach the other tabs of the same origin, never this one.

use annotator_core::autosave::TabMessage;
use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

const CHANNEL: &str = "article-annotator";

/// The open channel; dropping it closes it.
pub struct Channel {
    channel: BroadcastChannel,
    _listener: EventListener,
}

impl Channel {
    /// Opens the channel; `on_message` gets each message another tab sends. `None` where the
    /// browser has no BroadcastChannel.
    pub fn open(on_message: impl Fn(TabMessage) + 'static) -> Option<Channel> {
        let channel = BroadcastChannel::new(CHANNEL).ok()?;
        let listener = EventListener::new(&channel, "message", move |e| {
            let text = e
                .dyn_ref::<MessageEvent>()
                .and_then(|m| m.data().as_string());
            if let Some(m) = text.as_deref().and_then(TabMessage::from_json) {
                on_message(m);
            }
        });
        Some(Channel {
            channel,
            _listener: listener,
        })
    }

    /// Tells the other tabs.
    pub fn post(&self, message: &TabMessage) {
        let _ = self
            .channel
            .post_message(&wasm_bindgen::JsValue::from_str(&message.to_json()));
    }
}

impl Drop for Channel {
    fn drop(&mut self) {
        self.channel.close();
    }
}
