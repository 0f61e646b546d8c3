//! Large arrays of pretty JSON written as they are made: the items in parallel chunks, written in
//! order, each moved in to its depth, byte for byte what `serde_json::to_writer_pretty` writes
//! for the whole. A report of a million findings is never held in memory whole.

use std::io::Write;

use rayon::prelude::*;
use serde::Serialize;

/// Items a thread makes at a time, and the chunks made side by side per thread before they are
/// written: enough to keep the cores busy, little enough that the memory stays small (two
/// batches are held at once, the one being written and the one being made).
const CHUNK: usize = 256;
const CHUNKS_PER_THREAD: usize = 2;

/// Writes `value` as pretty JSON nested `depth` levels deep (two spaces a level).
pub fn pretty_at<W: Write, T: Serialize + ?Sized>(
    out: &mut W,
    value: &T,
    depth: usize,
) -> std::io::Result<()> {
    let mut bytes = Vec::new();
    to_vec_at(&mut bytes, value, depth)?;
    out.write_all(&bytes)
}

/// Appends `value` as pretty JSON moved `depth` levels in.
fn to_vec_at<T: Serialize + ?Sized>(
    bytes: &mut Vec<u8>,
    value: &T,
    depth: usize,
) -> std::io::Result<()> {
    let writer = Indented {
        out: bytes,
        pad: 2 * depth,
    };
    serde_json::to_writer_pretty(writer, value).map_err(std::io::Error::other)
}

/// Pretty JSON moved in as it is written: a line break in it is always between tokens (one in
/// a string is written `\n`), so every line after the first gets the indent.
struct Indented<'a> {
    out: &'a mut Vec<u8>,
    pad: usize,
}

impl Write for Indented<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        while let Some(at) = rest.iter().position(|&b| b == b'\n') {
            self.out.extend_from_slice(&rest[..=at]);
            self.out.resize(self.out.len() + self.pad, b' ');
            rest = &rest[at + 1..];
        }
        self.out.extend_from_slice(rest);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The array of `len` items, `make(i)` the i-th, as pretty JSON at `depth`. While the threads
/// make one batch of chunks, this thread writes the one before.
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
    // A chunk is about as long as the one before: reserving that spares the doubling's slack.
    let typical = std::sync::atomic::AtomicUsize::new(0);
    let chunk = |start: usize| -> std::io::Result<Vec<u8>> {
        let end = (start + CHUNK).min(len);
        let mut bytes = Vec::with_capacity(typical.load(std::sync::atomic::Ordering::Relaxed));
        for i in start..end {
            bytes.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
            bytes.resize(bytes.len() + inner, b' ');
            to_vec_at(&mut bytes, &make(i), depth + 1)?;
        }
        typical.store(
            bytes.len() + bytes.len() / 8,
            std::sync::atomic::Ordering::Relaxed,
        );
        Ok(bytes)
    };
    out.write_all(b"[")?;
    let starts: Vec<usize> = (0..len).step_by(CHUNK).collect();
    let mut ready: Vec<Vec<u8>> = Vec::new();
    for batch in starts.chunks(CHUNKS_PER_THREAD * rayon::current_num_threads()) {
        let mut made: Option<std::io::Result<Vec<Vec<u8>>>> = None;
        let mut written = Ok(());
        rayon::in_place_scope(|scope| {
            scope.spawn(|_| made = Some(batch.par_iter().map(|&s| chunk(s)).collect()));
            written = ready.iter().try_for_each(|bytes| out.write_all(bytes));
        });
        written?;
        ready = made.expect("the scope waits for the batch it spawned")?;
    }
    ready.iter().try_for_each(|bytes| out.write_all(bytes))?;
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
        // More items than two batches of chunks, so one batch is written while the next is made.
        let items: Vec<serde_json::Value> = (0..(2
            * CHUNK
            * CHUNKS_PER_THREAD
            * rayon::current_num_threads()
            + 700))
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
