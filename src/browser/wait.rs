//! Waiting for browser events and callbacks without leaking: every listener and closure is
//! owned by the future that waits, and freed when it finishes or is dropped. (A
//! `Closure::once_into_js` that is never called is never freed, with all it holds: an
//! IndexedDB request's error handler kept each loaded record alive.)

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use web_sys::EventTarget;

/// A value delivered once, from a callback, to the future waiting for it.
pub struct Slot<T> {
    state: Rc<RefCell<(Option<T>, Option<Waker>)>>,
}

impl<T> Clone for Slot<T> {
    fn clone(&self) -> Self {
        Slot {
            state: Rc::clone(&self.state),
        }
    }
}

impl<T> Default for Slot<T> {
    fn default() -> Self {
        Slot {
            state: Rc::new(RefCell::new((None, None))),
        }
    }
}

impl<T> Slot<T> {
    /// Delivers `value`, unless one was delivered already (the first one wins).
    pub fn fill(&self, value: T) {
        let waker = {
            let Ok(mut s) = self.state.try_borrow_mut() else {
                return;
            };
            if s.0.is_some() {
                return;
            }
            s.0 = Some(value);
            s.1.take()
        };
        if let Some(w) = waker {
            w.wake();
        }
    }

    /// Whether a value was delivered.
    pub fn is_filled(&self) -> bool {
        self.state.borrow().0.is_some()
    }
}

impl<T> Future for Slot<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut s = self.state.borrow_mut();
        match s.0.take() {
            Some(v) => Poll::Ready(v),
            None => {
                s.1 = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// Which of the awaited events came first, or that the time ran out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fired {
    /// This event.
    Event(&'static str),
    /// None within the time allowed.
    TimedOut,
}

/// Resolves with the first of `events` fired on `target`, or [`Fired::TimedOut`] after
/// `timeout_ms` (when given). The listeners and the timer go when the future does.
pub async fn first_event(
    target: &EventTarget,
    events: &'static [&'static str],
    timeout_ms: Option<u32>,
) -> Fired {
    let slot = Slot::default();
    let _listeners: Vec<EventListener> = events
        .iter()
        .map(|&name| {
            let slot = slot.clone();
            EventListener::new(target, name, move |_| slot.fill(Fired::Event(name)))
        })
        .collect();
    let _timer = timeout_ms.map(|ms| {
        let slot = slot.clone();
        Timeout::new(ms, move || slot.fill(Fired::TimedOut))
    });
    slot.await
}

/// Resolves after `ms` milliseconds.
pub async fn sleep(ms: u32) {
    let slot = Slot::default();
    let fill = slot.clone();
    let _timer = Timeout::new(ms, move || fill.fill(()));
    slot.await
}
