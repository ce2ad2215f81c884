//! article-annotator: the Yew app. The domain lives in `annotator-core`; this crate renders it,
//! turns browser events into actions, and carries out effects (download, clipboard) at the edge.

pub mod app;
pub mod browser;
pub mod components;
pub mod effects;
pub mod hooks;
pub mod persist;
pub mod shared;
pub mod state;

pub use app::App;
