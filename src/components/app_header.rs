//! The page's header: the title, the save status, and Library, New article and Import.

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
            <h1>{ "Article Annotator" }</h1>
            <p class="tagline">
                { "Label quotes, speakers, claims and dates. Everything stays in this browser tab." }
            </p>
            <div class="header-actions">
                <span class="save-state" aria-live="polite">{ props.save_status.clone() }</span>
                <button type="button" onclick={props.on_library.reform(|_: MouseEvent| ())}>{ "Library" }</button>
                <button type="button" onclick={props.on_new.reform(|_: MouseEvent| ())}>{ "New article" }</button>
                <button type="button" onclick={on_import_click}>{ "Import" }</button>
                <input type="file" ref={file_input} class="visually-hidden" tabindex="-1"
                    aria-label="Import file" accept={ACCEPT}
                    multiple=true onchange={on_file_chosen} />
            </div>
        </header>
    }
}
