//! Paths as the model sees them: relative to the model root, with `/` separators, and never
//! above it.

use std::path::{Component, Path, PathBuf};

/// A path with `.` and `..` resolved by their names alone (symlinks are not followed).
pub fn lexical(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The path as users see it: relative to the root, with `/` separators.
pub fn display_path(path: &Path, root: &Path) -> String {
    let full = lexical(path);
    let root = lexical(root);
    let Ok(shown) = full.strip_prefix(&root) else {
        // Outside the root: the absolute path as it is (`/tmp/a.yaml`, never `//tmp/…`).
        return full.to_string_lossy().replace('\\', "/");
    };
    shown
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A path written in the model as a display path, if it stays inside the model root by its
/// name alone (not absolute, never above the root through `..`).
pub fn inside_root(path: &str) -> Option<String> {
    let path = Path::new(path);
    if path.is_absolute() || path.has_root() {
        return None;
    }
    let mut parts: Vec<String> = Vec::new();
    for part in path.components() {
        match part {
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Where a file the model references (`specification:`, `publiccode:`) is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileCheck {
    /// Inside the model root: its full path.
    Inside(PathBuf),
    /// Inside the root by name, but not there.
    Missing,
    /// Absolute, above the root through `..`, or out of it through a symlink: never opened.
    Outside,
}

/// Checks a referenced path against the model root without opening the file.
pub fn inside_root_file(root: &Path, written: &str) -> FileCheck {
    let Some(relative) = inside_root(written) else {
        return FileCheck::Outside;
    };
    let full = root.join(&relative);
    let (Ok(real_root), Ok(real)) = (root.canonicalize(), full.canonicalize()) else {
        return FileCheck::Missing;
    };
    if !real.starts_with(&real_root) {
        return FileCheck::Outside;
    }
    if real.is_file() {
        FileCheck::Inside(real)
    } else {
        FileCheck::Missing
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_stay_inside_the_root_by_name() {
        assert_eq!(inside_root("specs/a.yaml").as_deref(), Some("specs/a.yaml"));
        assert_eq!(inside_root("./specs/../b.yaml").as_deref(), Some("b.yaml"));
        assert_eq!(inside_root("../b.yaml"), None);
        assert_eq!(inside_root("/etc/passwd"), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_path_outside_the_root_is_shown_absolute_with_one_slash() {
        let root = Path::new("/work/repo");
        assert_eq!(
            display_path(Path::new("/work/repo/a/b.yaml"), root),
            "a/b.yaml"
        );
        assert_eq!(
            display_path(Path::new("/tmp/e1/a.yaml"), root),
            "/tmp/e1/a.yaml"
        );
        assert_eq!(
            display_path(Path::new("/work/repo/../x.yaml"), root),
            "/work/x.yaml"
        );
    }
}
