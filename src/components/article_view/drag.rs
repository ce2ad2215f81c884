//! Resizing the selected annotation by dragging the handle at either end.

use crate::browser::{frame, selection};
use crate::state::Edge;
use annotator_core::{AnnotationId, Span, Text, Utf16Offset};
use gloo::events::{EventListener, EventListenerOptions};
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use web_sys::{Element, MouseEvent as WebMouseEvent};
use yew::prelude::*;

/// The listeners of a handle drag in progress; dropping them ends the drag.
type Drag = Option<(EventListener, EventListener, Option<EventListener>)>;

/// The article's handlers for the handles of `selected`, for `mousedown` and for
/// `pointerdown` (a finger or a pen; a mouse goes the `mousedown` way): a drag selects from the
/// fixed end to the pointer as it moves and, on release, asks `on_resize` for the new end.
/// `just_dragged` is set when a drag ends, so the click the browser fires after it is ignored.
#[hook]
pub(super) fn use_handle_drag(
    root_ref: NodeRef,
    selected: Option<(AnnotationId, Span)>,
    index: Arc<Text>,
    on_resize: Callback<(AnnotationId, Edge, Utf16Offset)>,
    just_dragged: Rc<RefCell<bool>>,
) -> (Callback<MouseEvent>, Callback<PointerEvent>) {
    let drag: Rc<RefCell<Drag>> = use_mut_ref(|| None);
    let start = Rc::new(move |e: &MouseEvent, names: [&'static str; 3]| {
        begin(
            e,
            names,
            &root_ref,
            &selected,
            &index,
            &on_resize,
            &just_dragged,
            &drag,
        )
    });
    let mouse = {
        let start = start.clone();
        Callback::from(move |e: MouseEvent| start(&e, ["mousemove", "mouseup", "mouseup"]))
    };
    let pointer = Callback::from(move |e: PointerEvent| {
        if e.pointer_type() != "mouse" {
            start(&e, ["pointermove", "pointerup", "pointercancel"])
        }
    });
    (mouse, pointer)
}

/// Starts a drag from the handle under `e`, if any, following the events `names` (move, up,
/// cancel: a cancelled touch ends the drag without a change).
#[allow(clippy::too_many_arguments)]
fn begin(
    e: &MouseEvent,
    [move_name, up_name, cancel_name]: [&'static str; 3],
    root_ref: &NodeRef,
    selected: &Option<(AnnotationId, Span)>,
    index: &Arc<Text>,
    on_resize: &Callback<(AnnotationId, Edge, Utf16Offset)>,
    just_dragged: &Rc<RefCell<bool>>,
    drag: &Rc<RefCell<Drag>>,
) {
    let len16 = index.index().len_utf16();
    {
        let Some(handle) = e
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .filter(|t| t.has_attribute("data-handle"))
        else {
            return;
        };
        let (Some((id, span)), Some(root)) = (selected.clone(), root_ref.cast::<Element>()) else {
            return;
        };
        e.prevent_default();
        let edge = if handle.get_attribute("data-handle").as_deref() == Some("start") {
            Edge::Start
        } else {
            Edge::End
        };
        let fixed = index.index().utf16(match edge {
            Edge::Start => span.end,
            Edge::End => span.start,
        });
        let at_pointer = {
            let root = root.clone();
            move |ev: &WebMouseEvent| -> Option<Utf16Offset> {
                let pos = gloo::utils::document()
                    .caret_position_from_point(ev.client_x() as f32, ev.client_y() as f32)?;
                selection::offset_at(&root, &pos.offset_node()?, pos.offset(), len16)
            }
        };
        let body = gloo::utils::body();
        let _ = body.class_list().add_1("resizing");
        let opts = EventListenerOptions::enable_prevent_default();
        let on_move = {
            let root = root.clone();
            let at_pointer = at_pointer.clone();
            EventListener::new_with_options(&gloo::utils::document(), move_name, opts, move |ev| {
                ev.prevent_default();
                if let Some(at) = ev.dyn_ref::<WebMouseEvent>().and_then(&at_pointer) {
                    selection::select_between(&root, fixed, at);
                }
            })
        };
        let finish: Rc<dyn Fn(&web_sys::Event)> = {
            let drag = drag.clone();
            let on_resize = on_resize.clone();
            let just_dragged = just_dragged.clone();
            Rc::new(move |ev: &web_sys::Event| {
                *just_dragged.borrow_mut() = true;
                // If no click follows (released outside the article), forget the flag.
                let flag = just_dragged.clone();
                frame::later(0, move || *flag.borrow_mut() = false);
                let at = ev
                    .dyn_ref::<WebMouseEvent>()
                    .filter(|_| ev.type_() != "pointercancel")
                    .and_then(&at_pointer);
                let _ = gloo::utils::body().class_list().remove_1("resizing");
                selection::clear();
                if let Some(at) = at {
                    on_resize.emit((id.clone(), edge, at));
                }
                // Ends the drag: drops the listeners (this one after it returns).
                let d = drag.borrow_mut().take();
                frame::later(0, move || drop(d));
            })
        };
        let listen = |name: &'static str| {
            let finish = finish.clone();
            EventListener::new(&gloo::utils::document(), name, move |ev| finish(ev))
        };
        let on_up = listen(up_name);
        let on_cancel = (cancel_name != up_name).then(|| listen(cancel_name));
        *drag.borrow_mut() = Some((on_move, on_up, on_cancel));
    }
}
