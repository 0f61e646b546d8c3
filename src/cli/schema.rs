//! `gemmalint schema`: JSON Schema (draft-07) generated from the same types the loader reads.

use super::{Done, SchemaArgs, SchemaKind};

pub fn run(args: &SchemaArgs) -> Done {
    Done {
        stdout: crate::schema::render(match args.which {
            SchemaKind::Model => crate::schema::Which::Model,
            SchemaKind::Config => crate::schema::Which::Config,
            SchemaKind::Pack => crate::schema::Which::Pack,
            SchemaKind::Standards => crate::schema::Which::Standards,
        }),
        code: 0,
    }
}
