//! gemmalint: loads a municipal application landscape into a graph and checks it against the
//! GEMMA reference architecture and the municipality's information policy.
//!
//! The layers depend one way, each on those above it in this list only (a test holds them to
//! it): `text` → `syntax` → `model` → `reference`, `artifacts` → `graph`, `interchange` →
//! `catalogue` → `checks` → `verdict` → `engine` → `figures` → `output` → `cli`.

#![warn(clippy::too_many_lines)]

pub(crate) mod artifacts;
pub mod catalogue;
pub mod checks;
pub mod cli;
pub mod engine;
pub mod figures;
pub(crate) mod graph;
pub(crate) mod interchange;
pub mod model;
pub mod output;
pub(crate) mod reference;
pub mod syntax;
pub mod text;
pub mod verdict;
