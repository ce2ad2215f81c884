//! File formats. Each has its own serialised types, converted to and from the domain model.

pub mod v1;
