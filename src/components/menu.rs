//! A menu button: a button that shows or hides a list of actions under it (the WAI-ARIA
//! disclosure pattern, so every item is a plain button reached with Tab). Escape closes it and
//! gives focus back to its button; choosing an item or moving focus out of it closes it; ↓ and
//! ↑ move between its items.
//!
//! An *overflow* menu is a menu on phones only: on a wide screen its button is not shown and its
//! items sit in the bar as if it were not there (`display: contents`); on a narrow one they
//! collapse behind its button (the CSS decides, at the same width as the compact bar). It may
//! hold other menus: opening or closing one of those keeps it open.

use crate::browser::focus::on_screen;
use wasm_bindgen::JsCast;
use web_sys::{Element, FocusEvent, HtmlElement, KeyboardEvent};
use yew::prelude::*;

/// Props of [`Menu`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The button's text (an arrow is added after it).
    pub label: AttrValue,
    /// The items: buttons, checkboxes in labels.
    pub children: Html,
    /// The id of the list of items (unique in the page).
    pub id: AttrValue,
    /// An overflow menu (see the module's notes): its items show in the bar on a wide screen.
    #[prop_or_default]
    pub overflow: bool,
}

/// A menu button and its list of actions.
#[component]
pub fn Menu(props: &Props) -> Html {
    let open = use_state(|| false);
    let toggle_ref = use_node_ref();
    let list_ref = use_node_ref();
    // Focus the first item when the menu opens.
    {
        let list_ref = list_ref.clone();
        use_effect_with(*open, move |&open| {
            if open {
                if let Some(first) = items(&list_ref).into_iter().next() {
                    let _ = first.focus();
                }
            }
        });
    }
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let on_key = {
        let (open, toggle_ref, list_ref) = (open.clone(), toggle_ref.clone(), list_ref.clone());
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Escape" if *open && shown(&toggle_ref) => {
                e.prevent_default();
                e.stop_propagation();
                open.set(false);
                if let Some(t) = toggle_ref.cast::<HtmlElement>() {
                    let _ = t.focus();
                }
            }
            "ArrowDown" | "ArrowUp" if *open && shown(&toggle_ref) => {
                e.prevent_default();
                let list = items(&list_ref);
                let active = gloo::utils::document().active_element();
                let at = list
                    .iter()
                    .position(|el| active.as_ref().is_some_and(|a| el.is_same_node(Some(a))));
                let n = list.len();
                if n > 0 {
                    let next = match (at, e.key() == "ArrowDown") {
                        (Some(i), true) => (i + 1) % n,
                        (Some(i), false) => (i + n - 1) % n,
                        (None, true) => 0,
                        (None, false) => n - 1,
                    };
                    let _ = list[next].focus();
                }
            }
            _ => {}
        })
    };
    // Focus leaving the menu closes it.
    let on_focus_out = {
        let open = open.clone();
        Callback::from(move |e: FocusEvent| {
            let root = e
                .current_target()
                .and_then(|t| t.dyn_into::<Element>().ok());
            let to = e
                .related_target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
            let inside = root.is_some_and(|r| to.as_ref().is_some_and(|n| r.contains(Some(n))));
            if !inside && to.is_some() {
                open.set(false);
            }
        })
    };
    // A click on an item (a button) closes it and gives focus back to its button; a click on
    // a checkbox's label, or on the button of a menu inside it, keeps it open.
    let on_click_inside = {
        let (open, toggle_ref) = (open.clone(), toggle_ref.clone());
        Callback::from(move |e: MouseEvent| {
            let on_button = e
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|el| el.closest("button:not([aria-expanded])").ok().flatten())
                .is_some();
            if on_button && *open {
                open.set(false);
                if let Some(t) = toggle_ref.cast::<HtmlElement>() {
                    let _ = t.focus();
                }
            }
        })
    };
    // An overflow menu's items are hidden by its class, not `hidden`: on a wide screen they show
    // whether it is open or not.
    let (class, hidden) = if props.overflow {
        (classes!("menu-button", "overflow"), false)
    } else {
        (classes!("menu-button"), !*open)
    };
    html! {
        <div {class} onkeydown={on_key} onfocusout={on_focus_out}>
            <button type="button" ref={toggle_ref} aria-expanded={open.to_string()}
                aria-controls={props.id.clone()} onclick={on_toggle}>
                if props.overflow {
                    // on a phone the CSS draws a sign instead (the label stays the name)
                    <span class="icon-text">{ props.label.clone() }</span>
                } else {
                    { props.label.clone() }
                }
            </button>
            <div id={props.id.clone()} class={classes!("menu", (props.overflow && !*open).then_some("closed"))}
                ref={list_ref} {hidden} onclick={on_click_inside}>
                { props.children.clone() }
            </div>
        </div>
    }
}

/// Whether the menu's button is on screen (an overflow menu's is not on a wide screen).
fn shown(toggle: &NodeRef) -> bool {
    toggle.cast::<Element>().is_some_and(|t| on_screen(&t))
}

/// The menu's focusable items on screen, in order (the items of a closed menu inside it are
/// left out).
fn items(list: &NodeRef) -> Vec<HtmlElement> {
    let Some(list) = list.cast::<Element>() else {
        return Vec::new();
    };
    let Ok(nodes) = list.query_selector_all("button:not([disabled]), input:not([disabled])") else {
        return Vec::new();
    };
    (0..nodes.length())
        .filter_map(|i| nodes.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .filter(|el| on_screen(el))
        .collect()
}
