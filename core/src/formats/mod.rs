//! File formats. Each has its own serialised types, converted to and from the domain model.

pub mod brat;
pub mod conll;
pub mod csv;
pub mod doccano;
pub mod html;
pub mod import;
pub mod jsonl;
pub mod label_studio;
pub mod spacy;
pub mod v1;
pub mod w3c;
pub mod zip;
