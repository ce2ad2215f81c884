//! The library: every saved article, to open, rename, delete or filter.

use crate::hooks::{use_dialog_keys, use_focus_on_mount};
use crate::state::StorageInfo;
use annotator_core::library::{filter, human_size, total_bytes, Summary};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`LibraryDialog`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The saved articles.
    pub summaries: Rc<Vec<Summary>>,
    /// The open article's id.
    pub current: Option<AttrValue>,
    /// What the browser says of storage, once read.
    #[prop_or_default]
    pub storage: Option<StorageInfo>,
    /// What the library's buttons do.
    pub actions: LibraryActions,
    /// Close the dialog.
    pub on_close: Callback<()>,
}

/// What the library's buttons ask for.
#[derive(Clone, PartialEq)]
pub struct LibraryActions {
    /// Open an article.
    pub open: Callback<String>,
    /// Rename an article: (id, new title).
    pub rename: Callback<(String, String)>,
    /// Delete an article (after the user confirmed here).
    pub delete: Callback<String>,
    /// Start a new article.
    pub new: Callback<()>,
    /// Download every article as JSONL.
    pub export_all: Callback<()>,
}

/// A date as `YYYY-MM-DD HH:MM`, in the browser's time zone.
fn when(ms: f64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// How much the articles take, and what the browser allows and promises.
fn storage_line(all: &[Summary], info: Option<StorageInfo>) -> String {
    let n = all.len();
    let mut line = format!(
        "{n} article{} {}.",
        if n == 1 { " uses" } else { "s use" },
        human_size(total_bytes(all))
    );
    if let Some(i) = info {
        // whole bytes as integers: float formatting costs wasm
        line.push_str(&format!(
            " This site uses {} of the {} the browser allows it.",
            human_size(i.usage as u64),
            human_size(i.quota as u64)
        ));
        line.push_str(if i.persisted {
            " The browser keeps it even when the disk runs low."
        } else {
            " The browser may clear it if the disk runs low: export a copy now and then."
        });
    }
    line
}

/// A modal list of saved articles with a filter box.
#[component]
pub fn LibraryDialog(props: &Props) -> Html {
    let query = use_state(String::new);
    let renaming = use_state(|| None::<(String, String)>);
    let confirming = use_state(|| None::<String>);
    let dialog_ref = use_node_ref();
    let filter_ref = use_node_ref();
    // When an inline form closes its row's controls disappear; focus goes back to the filter
    // so the keyboard stays in the dialog.
    let refocus = {
        let filter_ref = filter_ref.clone();
        move || {
            let filter_ref = filter_ref.clone();
            crate::browser::frame::later(0, move || {
                if let Some(i) = filter_ref.cast::<HtmlInputElement>() {
                    let _ = i.focus();
                }
            });
        }
    };
    use_focus_on_mount(&filter_ref);
    let on_key = use_dialog_keys(&dialog_ref, &props.on_close);
    let on_query = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            query.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let shown = filter(&props.summaries, &query);
    let rows = shown.iter().map(|s| {
        let id = s.id.clone();
        let is_current = props.current.as_deref() == Some(s.id.as_str());
        let open = {
            let (cb, id) = (props.actions.open.clone(), id.clone());
            Callback::from(move |_: MouseEvent| cb.emit(id.clone()))
        };
        let start_rename = {
            let (renaming, id, title) = (renaming.clone(), id.clone(), s.title.clone());
            Callback::from(move |_: MouseEvent| renaming.set(Some((id.clone(), title.clone()))))
        };
        let ask_delete = {
            let (confirming, id) = (confirming.clone(), id.clone());
            Callback::from(move |_: MouseEvent| confirming.set(Some(id.clone())))
        };
        let rename_row = renaming.as_ref().filter(|(rid, _)| rid == &s.id).map(|(_, draft)| {
            let on_input = {
                let (renaming, id) = (renaming.clone(), id.clone());
                Callback::from(move |e: InputEvent| {
                    let v = e.target_unchecked_into::<HtmlInputElement>().value();
                    renaming.set(Some((id.clone(), v)));
                })
            };
            let on_submit = {
                let (renaming, cb) = (renaming.clone(), props.actions.rename.clone());
                let refocus = refocus.clone();
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    if let Some((id, title)) = (*renaming).clone() {
                        cb.emit((id, title));
                    }
                    renaming.set(None);
                    refocus();
                })
            };
            let cancel = {
                let (renaming, refocus) = (renaming.clone(), refocus.clone());
                Callback::from(move |_: MouseEvent| {
                    renaming.set(None);
                    refocus();
                })
            };
            html! {
                <form class="rename" onsubmit={on_submit}>
                    <input type="text" value={draft.clone()} oninput={on_input}
                        aria-label={format!("New title for {}", s.title)} />
                    <button type="submit">{ "Save title" }</button>
                    <button type="button" onclick={cancel}>{ "Cancel" }</button>
                </form>
            }
        });
        let confirm_row = confirming.as_ref().filter(|cid| *cid == &s.id).map(|_| {
            let yes = {
                let (confirming, cb, id) = (confirming.clone(), props.actions.delete.clone(), id.clone());
                let refocus = refocus.clone();
                Callback::from(move |_: MouseEvent| {
                    confirming.set(None);
                    cb.emit(id.clone());
                    refocus();
                })
            };
            let no = {
                let (confirming, refocus) = (confirming.clone(), refocus.clone());
                Callback::from(move |_: MouseEvent| {
                    confirming.set(None);
                    refocus();
                })
            };
            html! {
                <div class="delete-confirm" role="group" aria-label="Confirm deletion">
                    <p>{ format!("Delete “{}” and its {} annotations for good?", s.title, s.annotations) }</p>
                    <button type="button" class="danger" onclick={yes}>{ "Delete for good" }</button>
                    <button type="button" onclick={no}>{ "Keep it" }</button>
                </div>
            }
        });
        html! {
            <li key={s.id.clone()} class={classes!("library-item", is_current.then_some("current"))}
                aria-current={is_current.then_some("true")}>
                <div class="library-line">
                    <button type="button" class="open" onclick={open}
                        aria-label={format!("Open {}", s.title)}>
                        <span class="title">{ s.title.clone() }</span>
                    </button>
                    <span class="meta">
                        { format!("{} · {}", when(s.updated), annotator_core::app::words::count(s.annotations)) }
                        if s.bytes > 0 { { format!(" · {}", human_size(s.bytes)) } }
                        if is_current { { " · open now" } }
                    </span>
                    <button type="button" onclick={start_rename}
                        aria-label={format!("Rename {}", s.title)}>{ "Rename" }</button>
                    <button type="button" onclick={ask_delete}
                        aria-label={format!("Delete {}", s.title)}>{ "Delete" }</button>
                </div>
                { rename_row.unwrap_or_default() }
                { confirm_row.unwrap_or_default() }
            </li>
        }
    });
    let new = props.actions.new.reform(|_: MouseEvent| ());
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <div class="backdrop">
            <div class="dialog library" role="dialog" aria-modal="true"
                aria-labelledby="library-title" ref={dialog_ref} onkeydown={on_key}>
                <h2 id="library-title">{ "Library" }</h2>
                <p class="hint">{ "Every article is saved in this browser as you work. Nothing leaves it." }</p>
                <label class="field">
                    <span>{ "Filter by title" }</span>
                    <input type="search" ref={filter_ref} value={(*query).clone()} oninput={on_query} />
                </label>
                if shown.is_empty() {
                    <p class="empty">{
                        if props.summaries.is_empty() { "No saved articles yet." } else { "No title matches." }
                    }</p>
                }
                <ul class="library-list" aria-label="Saved articles">
                    { for rows }
                </ul>
                <p class="hint storage-use">{ storage_line(&props.summaries, props.storage) }</p>
                <div class="actions">
                    <button type="button" class="primary" onclick={new}>{ "New article" }</button>
                    <button type="button" onclick={props.actions.export_all.reform(|_: MouseEvent| ())}>{ "Export all (JSONL)" }</button>
                    <button type="button" onclick={close}>{ "Close" }</button>
                </div>
            </div>
        </div>
    }
}
