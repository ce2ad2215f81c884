//! One component per file. Props carry ids, small values and callbacks; no component but `App`
//! changes state.

pub mod annotation_item;
pub mod annotation_list;
pub mod article_view;
pub mod confirm_dialog;
pub mod paragraph;
pub mod status_bar;
pub mod text_input;
pub mod toolbar;
