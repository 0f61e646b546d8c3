//! Reads one field of a typed element as JSON, without turning the whole element into JSON:
//! the struct is serialized into a picker that keeps only the wanted field. Selectors ask many
//! elements for one or two fields each, so this is much cheaper than a full conversion.

use std::fmt;

use serde::ser::{self, Impossible, Serialize, SerializeStruct, Serializer};
use serde_json::Value;

/// The value of one field of a struct, as JSON; `None` when the struct has no such field (or
/// the value is not a struct).
pub fn pick<T: Serialize>(value: &T, field: &str) -> Option<Value> {
    let mut picker = Picker { field, found: None };
    value.serialize(&mut picker).ok()?;
    picker.found
}

struct Picker<'f> {
    field: &'f str,
    found: Option<Value>,
}

#[derive(Debug)]
struct NotAStruct;

impl fmt::Display for NotAStruct {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a struct")
    }
}

impl std::error::Error for NotAStruct {}

impl ser::Error for NotAStruct {
    fn custom<T: fmt::Display>(_: T) -> Self {
        NotAStruct
    }
}

impl SerializeStruct for &mut Picker<'_> {
    type Ok = ();
    type Error = NotAStruct;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), NotAStruct> {
        if key == self.field {
            self.found = Some(serde_json::to_value(value).map_err(|_| NotAStruct)?);
        }
        Ok(())
    }

    fn end(self) -> Result<(), NotAStruct> {
        Ok(())
    }
}

macro_rules! not_a_struct {
    ($($name:ident($($arg:ty),*)),* $(,)?) => {
        $(fn $name(self, $(_: $arg),*) -> Result<(), NotAStruct> { Err(NotAStruct) })*
    };
}

impl Serializer for &mut Picker<'_> {
    type Ok = ();
    type Error = NotAStruct;
    type SerializeSeq = Impossible<(), NotAStruct>;
    type SerializeTuple = Impossible<(), NotAStruct>;
    type SerializeTupleStruct = Impossible<(), NotAStruct>;
    type SerializeTupleVariant = Impossible<(), NotAStruct>;
    type SerializeMap = Impossible<(), NotAStruct>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), NotAStruct>;

    not_a_struct!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), NotAStruct> {
        value.serialize(self)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), NotAStruct> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, NotAStruct> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotAStruct> {
        Err(NotAStruct)
    }
}

#[cfg(test)]
mod tests {
    use super::pick;

    #[derive(serde::Serialize)]
    struct Inner {
        records: bool,
    }

    #[derive(serde::Serialize)]
    struct Thing {
        name: String,
        tags: Vec<String>,
        inner: Option<Inner>,
        missing: Option<u8>,
    }

    #[test]
    fn picks_one_field() {
        let t = Thing {
            name: "a".into(),
            tags: vec!["x".into()],
            inner: Some(Inner { records: true }),
            missing: None,
        };
        assert_eq!(pick(&t, "name"), Some(serde_json::json!("a")));
        assert_eq!(pick(&t, "tags"), Some(serde_json::json!(["x"])));
        assert_eq!(
            pick(&t, "inner"),
            Some(serde_json::json!({ "records": true }))
        );
        assert_eq!(pick(&t, "missing"), Some(serde_json::Value::Null));
        assert_eq!(pick(&t, "nope"), None);
        assert_eq!(pick(&"text", "name"), None);
    }
}
