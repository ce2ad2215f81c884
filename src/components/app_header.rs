//! The page's header: the app's name, the open article's title (renamed in place), the save
//! status, and Library, New article and Import.

use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

/// What the file chooser offers: every format the importer reads (it goes by content, so
/// "All files" works too). brat `.txt` + `.ann` pairs and zips of them, Label Studio, doccano
/// and spaCy JSON/JSONL, W3C JSON-LD, CoNLL, and our own JSON and JSONL.
const ACCEPT: &str = ".json,.jsonl,.ndjson,.jsonld,.txt,.ann,.zip,.conll,.conllu,.bio,.iob,.tsv,application/json,application/ld+json,application/zip,text/plain";

/// Props of [`AppHeader`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The save status ("Saved", "Saving…", "Not saved", "Read only", or nothing).
    pub save_status: AttrValue,
    /// The open article's title, when an article is open ("" when it has none).
    pub title: Option<AttrValue>,
    /// A new title typed in place.
    pub on_retitle: Callback<String>,
    /// Open the library.
    pub on_library: Callback<()>,
    /// Start a new article.
    pub on_new: Callback<()>,
    /// Files chosen to import.
    pub on_import: Callback<Vec<web_sys::File>>,
}

/// The header of the page.
#[component]
pub fn AppHeader(props: &Props) -> Html {
    let file_input = use_node_ref();
    let on_import_click = {
        let file_input = file_input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(i) = file_input.cast::<web_sys::HtmlInputElement>() {
                i.set_value("");
                i.click();
            }
            // While the user chooses, the worker that reads other tools' files loads (on the
            // paste screen it is not started yet).
            crate::browser::worker::warm();
        })
    };
    let on_file_chosen = {
        let on_import = props.on_import.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            if let Some(list) = input.files() {
                let files: Vec<web_sys::File> =
                    (0..list.length()).filter_map(|i| list.get(i)).collect();
                if !files.is_empty() {
                    on_import.emit(files);
                }
            }
        })
    };
    html! {
        <header class="app-header">
            if let Some(title) = &props.title {
                <a class="skip-link" href="#article-start">{ "Skip to the article" }</a>
                <p class="brand">{ "Article Annotator" }</p>
                <DocTitle title={title.clone()} on_retitle={props.on_retitle.clone()} />
            } else {
                <h1 class="brand">{ "Article Annotator" }</h1>
                <p class="tagline">
                    { "Label quotes, speakers, claims and dates. Everything stays in this browser tab." }
                </p>
            }
            <div class="header-actions">
                // not a live region: saving is announced only when it fails (the banner's alert)
                <span class="save-state">{ props.save_status.clone() }</span>
                <button type="button" onclick={props.on_library.reform(|_: MouseEvent| ())}>{ "Library" }</button>
                <button type="button" onclick={props.on_new.reform(|_: MouseEvent| ())}>{ "New article" }</button>
                <button type="button" onclick={on_import_click}>{ "Import" }</button>
                <input type="file" ref={file_input} hidden=true
                    aria-label="Import file" accept={ACCEPT}
                    multiple=true onchange={on_file_chosen} />
            </div>
        </header>
    }
}

/// Props of [`DocTitle`].
#[derive(Properties, PartialEq)]
struct TitleProps {
    title: AttrValue,
    on_retitle: Callback<String>,
}

/// The article's title as the page's heading; a click turns it into a field (Enter or leaving
/// it renames, Escape cancels).
#[component]
fn DocTitle(props: &TitleProps) -> Html {
    let editing = use_state(|| false);
    let cancelled = use_mut_ref(|| false);
    let input = use_node_ref();
    {
        // The field gets the title once, as it opens: with a `value` in the markup, any render of
        // the header while one types (the save indicator's "Saved", say) put the old title back.
        let (input, title) = (input.clone(), props.title.clone());
        use_effect_with(*editing, move |&on| {
            if on {
                if let Some(i) = input.cast::<HtmlInputElement>() {
                    i.set_value(&title);
                    let _ = i.focus();
                    i.select();
                }
            }
        });
    }
    let shown = if props.title.is_empty() {
        "Untitled article".to_owned()
    } else {
        props.title.to_string()
    };
    if !*editing {
        let editing = editing.clone();
        return html! {
            <h1 class="doc-title">
                <button type="button" class="title-button" title="Rename the article"
                    onclick={Callback::from(move |_: MouseEvent| editing.set(true))}>
                    { shown }
                    <span class="visually-hidden">{ " (rename)" }</span>
                    <span class="pencil" aria-hidden="true">{ " ✎" }</span>
                </button>
            </h1>
        };
    }
    // Enter leaves the field (which renames), Escape leaves it without renaming.
    let on_key = {
        let cancelled = cancelled.clone();
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            if key == "Enter" || key == "Escape" {
                e.prevent_default();
                e.stop_propagation();
                *cancelled.borrow_mut() = key == "Escape";
                let _ = e.target_unchecked_into::<HtmlInputElement>().blur();
            }
        })
    };
    let on_blur = {
        let (editing, cb, old) = (
            editing.clone(),
            props.on_retitle.clone(),
            props.title.clone(),
        );
        Callback::from(move |e: FocusEvent| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            let cancel = std::mem::take(&mut *cancelled.borrow_mut());
            editing.set(false);
            if !cancel && value.trim() != old.as_str() {
                cb.emit(value.trim().to_owned());
            }
        })
    };
    html! {
        <h1 class="doc-title">
            <input type="text" ref={input} class="title-input" aria-label="Article title"
                onkeydown={on_key} onblur={on_blur} />
        </h1>
    }
}
