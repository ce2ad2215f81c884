//! The annotating screen: the toolbar, the article and the side panel.

use crate::components::{article_view::ArticleView, side_panel::SidePanel, toolbar::Toolbar};
use crate::hooks::{read_selection, settle_selection, use_speakers};
use crate::shared::Shared;
use crate::state::{AppState, Dialog, Msg};
use annotator_core::app::view;
use annotator_core::LabelId;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`Workspace`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The app's state, to read and to send events to.
    pub state: UseReducerHandle<AppState>,
    /// The article's element (selections are read from it).
    pub article: NodeRef,
    /// Open a dialog (the App remembers where focus was, to give it back).
    pub on_dialog: Callback<Dialog>,
    /// The article is fully built.
    pub on_built: Callback<()>,
}

/// The toolbar, the article and the side panel.
#[component]
pub fn Workspace(props: &Props) -> Html {
    let state = &props.state;
    let dispatch = state.dispatcher().to_callback();
    let send = |make: fn() -> Msg| dispatch.reform(move |()| make());
    let open = |d: Dialog| props.on_dialog.reform(move |()| d);
    let (entities, speakers) = use_speakers(&state.doc);
    let on_label = {
        let (state, article) = (state.clone(), props.article.clone());
        Callback::from(move |label: LabelId| {
            let selection = read_selection(&article, &state);
            state.dispatch(Msg::Label { label, selection });
            settle_selection(&article, selection);
        })
    };
    let name = |n: Option<&str>| n.map(|s| AttrValue::from(s.to_owned()));
    html! {
        <>
            <Toolbar
                labels={Rc::<[annotator_core::Label]>::from(state.doc.labels())}
                snap_words={state.snap_words}
                show_speakers={state.show_speakers}
                message={state.message.clone()}
                {on_label}
                on_snap={dispatch.reform(Msg::SetSnap)}
                on_show_speakers={dispatch.reform(Msg::SetShowSpeakers)}
                theme={state.theme}
                on_theme={dispatch.reform(Msg::SetTheme)}
                on_export={dispatch.reform(|f| Msg::Export(f, crate::browser::clock::now()))}
                on_copy={send(|| Msg::CopyJson)}
                on_edit={send(|| Msg::EditText)}
                undo={name(state.history.undo_name())}
                redo={name(state.history.redo_name())}
                on_undo={send(|| Msg::Undo)}
                on_redo={send(|| Msg::Redo)}
                on_labels={open(Dialog::Labels)}
                on_who={open(Dialog::WhoSaidWhat)}
                on_suggest={send(|| Msg::Suggest)}
                on_group={send(|| Msg::GroupSpeakers)}
                on_help={open(Dialog::Help)}
            />
            <div class="workspace">
                <ArticleView
                    doc={Shared(Rc::clone(&state.doc))}
                    selected={state.selected.clone()}
                    flash={state.flash.as_ref().map(|(id, _)| id.clone())}
                    node_ref={props.article.clone()}
                    on_click_annotations={dispatch.reform(Msg::ClickAnnotations)}
                    on_resize={dispatch.reform(|(id, edge, at)| Msg::ResizeTo { id, edge, at })}
                    suggested={Rc::new(view::suggestions_drawn(state))}
                    focused_suggestion={view::focused_suggestion(state)}
                    tied={view::tied_mention(state)}
                    speakers={Rc::clone(&speakers)}
                    show_speakers={state.show_speakers}
                    opened={state.opened}
                    on_built={props.on_built.clone()}
                    on_click_suggestion={dispatch.reform(Msg::ClickSuggestion)}
                />
                <SidePanel state={state.clone()} article={props.article.clone()} {entities} {speakers} />
            </div>
        </>
    }
}
