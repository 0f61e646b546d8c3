//! JSON Schemas (draft-07, which yaml-language-server supports fully) of the file formats,
//! generated from the types the loader reads, so they cannot drift apart.

use schemars::generate::SchemaSettings;

use crate::catalogue::Pack;
use crate::catalogue::config::ConfigFile;
use crate::model::ModelFile;

#[derive(Copy, Clone, Debug)]
pub enum Which {
    Model,
    Config,
    Pack,
    Standards,
}

pub fn schema(which: Which) -> serde_json::Value {
    let generator = SchemaSettings::draft07().for_deserialize().into_generator();
    let (mut schema, title, id) = match which {
        Which::Model => (
            generator.into_root_schema_for::<ModelFile>(),
            "gemmalint model file",
            "model",
        ),
        Which::Config => (
            generator.into_root_schema_for::<ConfigFile>(),
            "gemmalint.toml",
            "config",
        ),
        Which::Pack => (
            generator.into_root_schema_for::<Pack>(),
            "gemmalint policy pack",
            "pack",
        ),
        Which::Standards => (
            generator.into_root_schema_for::<crate::reference::StandardsFile>(),
            "gemmalint standards catalogue",
            "standards",
        ),
    };
    schema.insert("title".into(), title.into());
    schema.insert(
        "$id".into(),
        format!("https://gemmalint.nl/schema/{id}.json").into(),
    );
    schema.to_value()
}

pub fn render(which: Which) -> String {
    let mut text =
        serde_json::to_string_pretty(&schema(which)).expect("a schema serialises to JSON");
    text.push('\n');
    text
}
