//! JSON written and read fast: the crate `annotator-json`, built for speed (see its docs).

pub use annotator_json::*;
