//! Thin glue to the browser: DOM selection to offsets, download, clipboard, scrolling, panics.
//! Everything here is an effect; nothing here decides what the app does.

pub mod caret;
pub mod clipboard;
pub mod clock;
pub mod download;
pub mod flash;
pub mod focus;
pub mod frame;
pub mod journal;
pub mod keys;
pub mod layout;
pub mod locks;
pub mod marks;
pub mod memory;
pub mod offline;
pub mod panic;
pub mod quota;
pub mod selection;
pub mod storage;
pub mod tabs;
pub mod theme;
pub mod wait;
pub mod worker;
