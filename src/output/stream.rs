//! Large arrays of pretty JSON written as they are made: the items in parallel chunks, written in
//! order, each moved in to its depth, byte for byte what `serde_json::to_writer_pretty` writes
//! for the whole. A report of a million findings is never held in memory whole.

use std::io::Write;

use rayon::prelude::*;
use serde::Serialize;

/// Items a thread makes at a time, and the chunks made side by side before they are written:
/// enough to keep the cores busy, little enough that the memory stays small.
const CHUNK: usize = 512;
const CHUNKS_AT_ONCE: usize = 16;

/// Writes `value` as pretty JSON nested `depth` levels deep (two spaces a level).
pub fn pretty_at<W: Write, T: Serialize + ?Sized>(
    out: &mut W,
    value: &T,
    depth: usize,
) -> std::io::Result<()> {
    let bytes = serde_json::to_vec_pretty(value).map_err(std::io::Error::other)?;
    out.write_all(&indent(&bytes, depth))
}

/// Pretty JSON moved `depth` levels in: a line break in it is always between tokens (one in a
/// string is written `\n`), so every line after the first gets the indent.
pub fn indent(bytes: &[u8], depth: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 16);
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.push(b'\n');
            out.extend(std::iter::repeat_n(b' ', 2 * depth));
        }
        out.extend_from_slice(line);
    }
    out
}

/// The array of `len` items, `make(i)` the i-th, as pretty JSON at `depth`.
pub fn array<W, S, F>(out: &mut W, len: usize, depth: usize, make: F) -> std::io::Result<()>
where
    W: Write,
    S: Serialize,
    F: Fn(usize) -> S + Sync,
{
    if len == 0 {
        return out.write_all(b"[]");
    }
    let inner = 2 * (depth + 1);
    out.write_all(b"[")?;
    let starts: Vec<usize> = (0..len).step_by(CHUNK).collect();
    for batch in starts.chunks(CHUNKS_AT_ONCE) {
        let made: Vec<std::io::Result<Vec<u8>>> = batch
            .par_iter()
            .map(|&start| {
                let end = (start + CHUNK).min(len);
                let mut bytes = Vec::new();
                for i in start..end {
                    bytes.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
                    bytes.extend(std::iter::repeat_n(b' ', inner));
                    let one = serde_json::to_vec_pretty(&make(i)).map_err(std::io::Error::other)?;
                    bytes.extend(indent(&one, depth + 1));
                }
                Ok(bytes)
            })
            .collect();
        for bytes in made {
            out.write_all(&bytes?)?;
        }
    }
    out.write_all(b"\n")?;
    out.write_all(&b" ".repeat(2 * depth))?;
    out.write_all(b"]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrays_are_what_serde_json_writes() {
        #[derive(Serialize)]
        struct Doc {
            a: Vec<serde_json::Value>,
            b: Vec<u8>,
        }
        let items: Vec<serde_json::Value> = (0..1_300)
            .map(|i| serde_json::json!({ "i": i, "text": "two\nlines", "nested": [[], {}, [i]] }))
            .collect();
        let whole = serde_json::to_string_pretty(&Doc {
            a: items.clone(),
            b: Vec::new(),
        })
        .unwrap();
        let mut made = b"{\n  \"a\": ".to_vec();
        array(&mut made, items.len(), 1, |i| &items[i]).unwrap();
        made.extend_from_slice(b",\n  \"b\": ");
        array(&mut made, 0, 1, |_| 0).unwrap();
        made.extend_from_slice(b"\n}");
        assert_eq!(String::from_utf8(made).unwrap(), whole);
    }
}
