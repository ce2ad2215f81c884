//! One component per file. Props carry ids, small values and callbacks. Only the components
//! that compose a screen (`App`, `Workspace`, `SidePanel`) hold the app's state handle and send
//! events; the others are told what to show and report through callbacks.

pub mod annotation_item;
pub mod annotation_list;
pub mod app_header;
pub mod article_view;
pub mod attribution_panel;
pub mod confirm_dialog;
pub mod details;
pub mod dialogs;
pub mod help_dialog;
pub mod import_dialog;
pub mod label_editor;
pub mod label_row;
pub mod label_target;
pub mod library_dialog;
pub mod menu;
pub mod paragraph;
pub mod paragraph_chunk;
pub mod reading_progress;
pub mod selection_panel;
pub mod side_panel;
pub mod speaker_picker;
pub mod status_bar;
pub mod storage_banner;
pub mod suggestion_panel;
pub mod text_input;
pub mod toolbar;
pub mod update_banner;
pub mod who_said_what;
pub mod workspace;
