//! One component per file. Props carry ids, small values and callbacks; no component but `App`
//! changes state.

pub mod annotation_item;
pub mod annotation_list;
pub mod app_header;
pub mod article_view;
pub mod attribution_panel;
pub mod confirm_dialog;
pub mod dialogs;
pub mod help_dialog;
pub mod label_editor;
pub mod library_dialog;
pub mod paragraph;
pub mod paragraph_chunk;
pub mod selection_panel;
pub mod speaker_picker;
pub mod status_bar;
pub mod storage_banner;
pub mod suggestion_panel;
pub mod text_input;
pub mod toolbar;
pub mod who_said_what;
