//! `gemmalint schema`: JSON Schema (draft-07) generated from the same types the loader reads.

use super::{Done, SchemaArgs, SchemaKind};

pub fn run(args: &SchemaArgs) -> Done {
    Done {
        stdout: crate::output::schema::render(match args.which {
            SchemaKind::Model => crate::output::schema::Which::Model,
            SchemaKind::Config => crate::output::schema::Which::Config,
            SchemaKind::Pack => crate::output::schema::Which::Pack,
            SchemaKind::Standards => crate::output::schema::Which::Standards,
        }),
        code: 0,
    }
}
