//! Large arrays of pretty JSON written as they are made: the items in parallel chunks, written in
//! order, each formatted at its depth, byte for byte what `serde_json::to_writer_pretty` writes
//! for the whole. A report of a million findings is never held in memory whole.

use std::io::Write;

use rayon::prelude::*;
use serde::Serialize;

/// Items a thread makes at a time, and the chunks made side by side per thread before they are
/// written: enough to keep the cores busy, little enough that the memory stays small (two
/// batches are held at once, the one being written and the one being made).
const CHUNK: usize = 256;
const CHUNKS_PER_THREAD: usize = 1;

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

/// `value` as pretty JSON `depth` levels in, to be written as it is where a value at that
/// depth goes: a value repeated in thousands of items is formatted once.
pub fn raw_at<T: Serialize + ?Sized>(
    value: &T,
    depth: usize,
) -> std::io::Result<Box<serde_json::value::RawValue>> {
    let mut bytes = Vec::new();
    to_vec_at(&mut bytes, value, depth)?;
    let text = String::from_utf8(bytes).expect("serde_json writes UTF-8");
    serde_json::value::RawValue::from_string(text).map_err(std::io::Error::other)
}

/// Appends `value` as pretty JSON moved `depth` levels in.
fn to_vec_at<T: Serialize + ?Sized>(
    bytes: &mut Vec<u8>,
    value: &T,
    depth: usize,
) -> std::io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(
        bytes,
        Pretty {
            depth,
            has_value: false,
        },
    );
    value
        .serialize(&mut serializer)
        .map_err(std::io::Error::other)
}

/// `serde_json`'s `PrettyFormatter` (two spaces a level) starting `depth` levels in: what it
/// writes for a value, with every line after the first moved in.
struct Pretty {
    depth: usize,
    has_value: bool,
}

impl Pretty {
    fn new_line<W: ?Sized + Write>(&self, out: &mut W, comma: bool) -> std::io::Result<()> {
        const SPACES: &[u8] = &[b' '; 64];
        out.write_all(if comma { b",\n" } else { b"\n" })?;
        let mut pad = 2 * self.depth;
        while pad > 0 {
            let n = pad.min(SPACES.len());
            out.write_all(&SPACES[..n])?;
            pad -= n;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.new_line(out, false)?;
        }
        out.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.new_line(out, !first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.new_line(out, !first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// The array of `len` items, `make(i)` the i-th, as pretty JSON at `depth`, made in parallel
/// chunks and written in order (see [`in_order`]).
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
    in_order(out, len, |range, bytes| {
        for i in range {
            bytes.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
            bytes.resize(bytes.len() + inner, b' ');
            to_vec_at(bytes, &make(i), depth + 1)?;
        }
        Ok(())
    })?;
    out.write_all(b"\n")?;
    out.write_all(&b" ".repeat(2 * depth))?;
    out.write_all(b"]")
}

/// Writes `len` items in order, `make(range, bytes)` appending the items of one range of
/// indices: the ranges in parallel, a batch at a time, and while the threads make one batch
/// this thread writes the one before. At most two batches are held at once, so a report of a
/// million findings is never in memory whole.
pub fn in_order<W, F>(out: &mut W, len: usize, make: F) -> std::io::Result<()>
where
    W: Write,
    F: Fn(std::ops::Range<usize>, &mut Vec<u8>) -> std::io::Result<()> + Sync,
{
    // A chunk is about as long as the one before: reserving that spares the doubling's slack.
    let typical = std::sync::atomic::AtomicUsize::new(0);
    let chunk = |start: usize| -> std::io::Result<Vec<u8>> {
        let end = (start + CHUNK).min(len);
        let mut bytes = Vec::with_capacity(typical.load(std::sync::atomic::Ordering::Relaxed));
        make(start..end, &mut bytes)?;
        typical.store(
            bytes.len() + bytes.len() / 8,
            std::sync::atomic::Ordering::Relaxed,
        );
        Ok(bytes)
    };
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
    ready.iter().try_for_each(|bytes| out.write_all(bytes))
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
