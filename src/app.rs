//! The root component: holds the one reducer, listens for shortcut keys, and carries out the
//! effects (reading the DOM selection, download, clipboard, scrolling) that messages can't.

use crate::browser::{clipboard, download, flash, keys, selection};
use crate::components::{
    annotation_list::AnnotationList, article_view::ArticleView, confirm_dialog::ConfirmDialog,
    status_bar::StatusBar, text_input::TextInput, toolbar::Toolbar,
};
use crate::state::{count, AppState, Msg, Stage};
use annotator_core::formats::v1;
use annotator_core::slug::export_file_name;
use annotator_core::{AnnotationId, LabelId};
use gloo::events::{EventListener, EventListenerOptions};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};
use yew::prelude::*;

/// Reads the DOM selection inside the article view, in UTF-16 units.
fn read_selection(article: &NodeRef, state: &AppState) -> crate::state::Selection {
    let root = article.cast::<Element>()?;
    selection::selected_range(&root, state.doc.text().index().len_utf16())
}

/// The whole app.
#[component]
pub fn App() -> Html {
    let state = use_reducer(AppState::default);
    let article = use_node_ref();

    // Shortcut keys anywhere on the page except in text fields. The listener is added once; it
    // reads the selection at the moment of the key press and lets the reducer decide the rest.
    {
        let dispatcher = state.dispatcher();
        let article = article.clone();
        // The listener outlives renders, so it reads the latest handle through a ref.
        let state_ref = use_mut_ref(|| state.clone());
        *state_ref.borrow_mut() = state.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new_with_options(
                &gloo::utils::document(),
                "keydown",
                EventListenerOptions::enable_prevent_default(),
                move |event| {
                    let Some(e) = event.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    let Some(key) = keys::shortcut_char(e) else {
                        return;
                    };
                    let current = state_ref.borrow().clone();
                    if current.stage != Stage::Annotate
                        || annotator_core::label::label_for_key(current.doc.labels(), key).is_none()
                    {
                        return;
                    }
                    e.prevent_default();
                    let sel = read_selection(&article, &current);
                    dispatcher.dispatch(Msg::Key {
                        key,
                        selection: sel,
                    });
                    if sel.is_some() {
                        selection::clear();
                    }
                },
            );
            move || drop(listener)
        });
    }

    let on_annotate = {
        let state = state.clone();
        Callback::from(move |(title, text): (String, String)| {
            state.dispatch(Msg::Annotate { title, text })
        })
    };
    let on_cancel_edit = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Msg::CancelEdit))
    };
    let on_label = {
        let state = state.clone();
        let article = article.clone();
        Callback::from(move |label: LabelId| {
            let sel = read_selection(&article, &state);
            state.dispatch(Msg::Label {
                label,
                selection: sel,
            });
            if sel.is_some() {
                selection::clear();
            }
        })
    };
    let on_snap = {
        let state = state.clone();
        Callback::from(move |on: bool| state.dispatch(Msg::SetSnap(on)))
    };
    let on_export = {
        let state = state.clone();
        Callback::from(move |()| {
            let doc = &state.doc;
            let name = export_file_name(doc.title(), doc.text().as_str());
            let json = v1::export_json(doc);
            let (text, is_error) = match download::download_text(&name, &json, "application/json") {
                Ok(()) => (
                    format!("Exported {} to {name}.", count(doc.annotations().len())),
                    false,
                ),
                Err(_) => ("The browser refused the download.".to_owned(), true),
            };
            state.dispatch(Msg::Notify { text, is_error });
        })
    };
    let on_copy = {
        let state = state.clone();
        Callback::from(move |()| {
            let json = v1::export_json(&state.doc);
            let dispatcher = state.dispatcher();
            wasm_bindgen_futures::spawn_local(async move {
                let (text, is_error) = match clipboard::write_text(&json).await {
                    Ok(()) => ("Copied JSON to the clipboard.".to_owned(), false),
                    Err(e) => (format!("Could not copy to the clipboard: {e}."), true),
                };
                dispatcher.dispatch(Msg::Notify { text, is_error });
            });
        })
    };
    let on_edit = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Msg::EditText))
    };
    let on_show = Callback::from(move |id: AnnotationId| flash::scroll_and_flash(id.as_str()));
    let on_delete = {
        let state = state.clone();
        Callback::from(move |id: AnnotationId| state.dispatch(Msg::Delete(id)))
    };
    let on_confirm = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Msg::ConfirmReplace))
    };
    let on_cancel_replace = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Msg::CancelReplace))
    };

    let doc = &state.doc;
    let labels: Rc<[annotator_core::Label]> = doc.labels().into();
    let body = match state.stage {
        Stage::Input => html! {
            <TextInput
                initial_title={doc.title().unwrap_or_default().to_owned()}
                initial_text={doc.text().as_str().to_owned()}
                has_article={!doc.text().is_empty()}
                {on_annotate}
                on_cancel={on_cancel_edit}
            />
        },
        Stage::Annotate => html! {
            <>
                <Toolbar
                    labels={Rc::clone(&labels)}
                    snap_words={state.snap_words}
                    {on_label} {on_snap} {on_export} {on_copy} {on_edit}
                />
                <div class="workspace">
                    <ArticleView
                        doc={Rc::clone(&state.doc)}
                        node_ref={article.clone()}
                    />
                    <AnnotationList
                        doc={Rc::clone(&state.doc)}
                        {on_show} {on_delete}
                    />
                </div>
            </>
        },
    };

    html! {
        <>
            <header class="app-header">
                <h1>{ "Article Annotator" }</h1>
                <p class="tagline">
                    { "Label quotes, speakers, claims and dates. Everything stays in this browser tab." }
                </p>
            </header>
            <main>
                { body }
                <StatusBar message={state.message.clone()} />
            </main>
            if let Some(p) = &state.pending {
                <ConfirmDialog
                    title="Replace the text?"
                    body={format!(
                        "{} text you changed and will be removed. The others are kept.",
                        if p.dropped == 1 { "1 annotation covers".to_owned() }
                        else { format!("{} annotations cover", p.dropped) }
                    )}
                    confirm_label="Replace text"
                    on_confirm={on_confirm}
                    on_cancel={on_cancel_replace}
                />
            }
        </>
    }
}
