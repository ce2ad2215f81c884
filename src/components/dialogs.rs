//! The dialog open over the page, if any: labels, shortcuts, "Who said what", or the library.

use crate::components::{
    help_dialog::HelpDialog,
    label_editor::LabelEditor,
    library_dialog::{LibraryActions, LibraryDialog},
    who_said_what::WhoSaidWhat,
};
use crate::shared::Shared;
use crate::state::{Dialog, StorageInfo};
use annotator_core::library::Summary;
use annotator_core::{Action, AnnotationId, Document, LabelId};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`Dialogs`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// Which dialog is open.
    pub dialog: Option<Dialog>,
    /// The open article.
    pub doc: Shared<Rc<Document>>,
    /// The saved articles.
    pub library: Rc<Vec<Summary>>,
    /// What the browser says of storage.
    pub storage: Option<StorageInfo>,
    /// The open article's storage id.
    pub current: Option<AttrValue>,
    /// The last error, for the label editor's form.
    pub error: Option<AttrValue>,
    /// A change from the label editor.
    pub on_label_action: Callback<Action>,
    /// Show an annotation (from "Who said what").
    pub on_show: Callback<AnnotationId>,
    /// Download the attribution table.
    pub on_export_csv: Callback<()>,
    /// "Group speakers" (from "Who said what").
    pub on_group: Callback<()>,
    /// The library's buttons (each closes the dialog first, but delete and rename).
    pub library_actions: LibraryActions,
    /// Close the dialog.
    pub on_close: Callback<()>,
}

/// The open dialog.
#[component]
pub fn Dialogs(props: &Props) -> Html {
    let doc = &props.doc;
    let labels: Rc<[annotator_core::Label]> = doc.labels().into();
    match props.dialog {
        Some(Dialog::Labels) => {
            let usage: Vec<(LabelId, usize)> = doc
                .labels()
                .iter()
                .map(|l| {
                    let n = doc.annotations().iter().filter(|a| a.label == l.id).count();
                    (l.id, n)
                })
                .collect();
            html! {
                <LabelEditor
                    labels={Rc::clone(&labels)}
                    usage={Rc::new(usage)}
                    error={props.error.clone()}
                    on_action={props.on_label_action.clone()}
                    on_close={props.on_close.clone()}
                />
            }
        }
        Some(Dialog::Help) => html! {
            <HelpDialog labels={Rc::clone(&labels)} on_close={props.on_close.clone()} />
        },
        Some(Dialog::WhoSaidWhat) => {
            let on_show_close = {
                let (on_show, close) = (props.on_show.clone(), props.on_close.clone());
                Callback::from(move |id| {
                    close.emit(());
                    on_show.emit(id)
                })
            };
            html! {
                <WhoSaidWhat doc={props.doc.clone()} on_show={on_show_close}
                    on_export_csv={props.on_export_csv.clone()} on_group={props.on_group.clone()}
                    on_close={props.on_close.clone()} />
            }
        }
        Some(Dialog::Library) => html! {
            <LibraryDialog
                summaries={Rc::clone(&props.library)}
                storage={props.storage}
                current={props.current.clone()}
                actions={{
                    // Opening an article or starting one closes the library first.
                    let a = props.library_actions.clone();
                    LibraryActions {
                        open: closing_first(&props.on_close, &a.open),
                        new: closing_first(&props.on_close, &a.new),
                        ..a
                    }
                }}
                on_close={props.on_close.clone()}
            />
        },
        _ => Html::default(),
    }
}

/// `then`, after `close`.
fn closing_first<T: 'static>(close: &Callback<()>, then: &Callback<T>) -> Callback<T> {
    let (close, then) = (close.clone(), then.clone());
    Callback::from(move |value: T| {
        close.emit(());
        then.emit(value)
    })
}
