//! Writing files safely: never onto a file this run read, and all or nothing (a temporary file
//! in the same directory, then a rename), so a full disk or a crash leaves the old file whole.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::text::{Problem, Sources, clean};

/// The problem with writing to `target` when it is one of the files this run read (a model
/// file, the config, a pack, the baseline checked against): the report would replace it.
pub fn onto_input(target: &Path, shown: &Path, sources: &Sources, what: &str) -> Option<Problem> {
    let target = std::fs::canonicalize(target).ok()?;
    sources
        .origins()
        .any(|p| std::fs::canonicalize(p).is_ok_and(|p| p == target))
        .then(|| {
            Problem::new(format!(
                "will not write the {what} over `{}`, which this run read as input",
                clean(&shown.display().to_string())
            ))
            .help("give `--output` a path of its own, outside the model files (e.g. `gemmalint-report.json`)")
        })
}

/// Writes `bytes` to `path` through a temporary file in the same directory and a rename. A
/// symlink at `path` is replaced, not written through. The file is readable by others like any
/// file the user would create (mode 0644 on Unix), or keeps the mode of the file it replaces.
pub fn atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    atomic_with(path, |w| w.write_all(bytes))
}

/// As [`atomic`], with the contents written by `fill` as they are made (buffered), so a large
/// report is never held in memory whole.
pub fn atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut std::io::BufWriter<&mut std::fs::File>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    // A device or a pipe (`-o /dev/null`, `-o /dev/stdout`, a named pipe) is written to, never
    // replaced: a rename would put a plain file where the device was.
    if let Ok(meta) = std::fs::symlink_metadata(path)
        && !meta.is_file()
        && !meta.is_dir()
        && !meta.file_type().is_symlink()
    {
        let mut target = std::fs::OpenOptions::new().write(true).open(path)?;
        let mut w = std::io::BufWriter::with_capacity(1 << 16, &mut target);
        fill(&mut w)?;
        return w.flush();
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    #[cfg(unix)]
    let mode = {
        use std::os::unix::fs::PermissionsExt;
        std::fs::symlink_metadata(path)
            .ok()
            .filter(std::fs::Metadata::is_file)
            .map_or(0o644, |m| m.permissions().mode() & 0o777)
    };
    #[cfg(not(unix))]
    let mode = 0o644;
    let mut file = temporary(&dir, mode)?;
    {
        let mut w = std::io::BufWriter::with_capacity(1 << 16, file.as_file_mut());
        fill(&mut w)?;
        w.flush()?;
    }
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// `bytes` in a new temporary file in `dir`, flushed to disk, with `mode` on Unix: ready to be
/// renamed into place.
pub fn staged(dir: &Path, bytes: &[u8], mode: u32) -> std::io::Result<tempfile::NamedTempFile> {
    let mut file = temporary(dir, mode)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    Ok(file)
}

/// A new, empty temporary file in `dir` with `mode` on Unix, to be filled, flushed to disk and
/// renamed into place.
fn temporary(dir: &Path, mode: u32) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".gemmalint-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = mode;
    builder.tempfile_in(dir)
}

/// Writes a command's output to `path` (as typed, relative to `cwd`): never onto an input,
/// atomically, or the problem that says why not.
pub fn output(
    cwd: &Path,
    path: &Path,
    text: &str,
    sources: &Sources,
    what: &str,
) -> Result<(), Problem> {
    let full = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    if let Some(problem) = onto_input(&full, path, sources, what) {
        return Err(problem);
    }
    atomic(&full, text.as_bytes()).map_err(|e| {
        Problem::new(format!(
            "cannot write the {what} to `{}`: {e}",
            clean(&full.display().to_string())
        ))
        .help("give a path in a directory that exists and can be written; an earlier file there is left as it was")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `-o` onto a named pipe writes into the pipe and leaves it a pipe (a rename would put a
    /// plain file in its place, as it once did to `/dev/null`).
    #[cfg(unix)]
    #[test]
    fn writes_into_a_pipe_and_leaves_it_one() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo here: nothing to test with
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        atomic(&fifo, b"report").unwrap();
        // Checked before joining: a replaced pipe would leave the reader waiting for ever.
        let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
        assert!(kind.is_fifo(), "the pipe was replaced");
        assert_eq!(reader.join().unwrap(), "report");
    }

    #[test]
    fn replaces_the_file_whole_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("baseline.json");
        std::fs::write(&path, "old").unwrap();
        atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        // The target is a directory: the rename fails, nothing is lost, nothing is left behind.
        let target = dir.path().join("out");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("keep"), "kept").unwrap();
        assert!(atomic(&target, b"report").is_err());
        assert_eq!(
            std::fs::read_to_string(target.join("keep")).unwrap(),
            "kept"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_replaced_not_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("secret");
        std::fs::write(&secret, "secret").unwrap();
        let link = dir.path().join("report.json");
        std::os::unix::fs::symlink(&secret, &link).unwrap();
        atomic(&link, b"report").unwrap();
        assert_eq!(std::fs::read_to_string(&secret).unwrap(), "secret");
        assert_eq!(std::fs::read_to_string(&link).unwrap(), "report");
    }
}
