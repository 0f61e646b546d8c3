//! gemmalint: loads a municipal application landscape into a graph and checks it against the
//! GEMMA reference architecture and the municipality's information policy.

pub mod baseline;
pub mod checks;
pub mod cli;
pub mod config;
pub mod engine;
pub mod field_rules;
pub mod finding;
pub mod graph;
pub mod model;
pub mod output;
pub mod problem;
pub mod reference;
pub mod registry;
pub mod schema;
pub mod selector;
pub mod source;
pub mod tree;
