//! The index folder on disk: generations `index-{n}/` side by side, and `CURRENT` naming
//! the one in use. A new generation is named in `CURRENT` (written to a temporary file,
//! then renamed over it) only once complete, so a crash mid-build leaves the old one in
//! use.

use crate::{Result, SearchError};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};
use tantivy::directory::{Directory, INDEX_WRITER_LOCK, MmapDirectory};

const CURRENT: &str = "CURRENT";
const PREFIX: &str = "index-";

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SearchError + '_ {
    move |source| SearchError::Io {
        path: path.to_owned(),
        source,
    }
}

/// The name of the current generation, if `CURRENT` names one that exists.
pub(crate) fn current(root: &Path) -> Option<String> {
    let name = std::fs::read_to_string(root.join(CURRENT)).ok()?;
    let name = name.trim();
    let valid = name.starts_with(PREFIX)
        && name.len() > PREFIX.len()
        && name[PREFIX.len()..].bytes().all(|b| b.is_ascii_digit());
    (valid && root.join(name).is_dir()).then(|| name.to_owned())
}

/// Creates a new, empty generation folder; returns its name and path.
pub(crate) fn new_generation(root: &Path) -> Result<(String, PathBuf)> {
    std::fs::create_dir_all(root).map_err(io(root))?;
    let mut n = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_micros())
        .unwrap_or_default();
    loop {
        let name = format!("{PREFIX}{n}");
        let path = root.join(&name);
        match std::fs::create_dir(&path) {
            Ok(()) => return Ok((name, path)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => n += 1,
            Err(e) => return Err(io(&path)(e)),
        }
    }
}

/// Names `name` in `CURRENT`, atomically.
pub(crate) fn make_current(root: &Path, name: &str) -> Result<()> {
    let temporary = root.join(format!("{CURRENT}.{}.tmp", std::process::id()));
    std::fs::write(&temporary, format!("{name}\n")).map_err(io(&temporary))?;
    if let Ok(file) = std::fs::File::open(&temporary) {
        // Best effort: the rename below is what makes the switch atomic.
        let _ = file.sync_all();
    }
    let current = root.join(CURRENT);
    std::fs::rename(&temporary, &current).map_err(io(&current))
}

/// Deletes the generations other than `keep` that no process is writing (a running
/// server holds its generation's writer lock; so does a rebuild in progress).
pub(crate) fn remove_stale(root: &Path, keep: &str) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with(PREFIX) || name == keep {
            continue;
        }
        let path = entry.path();
        if is_in_use(&path) {
            continue;
        }
        match std::fs::remove_dir_all(&path) {
            Ok(()) => tracing::info!(generation = %name, "old search index removed"),
            Err(error) => {
                tracing::warn!(generation = %name, %error, "could not remove an old search index");
            }
        }
    }
}

/// Whether a process holds the generation's writer lock.
fn is_in_use(path: &Path) -> bool {
    let Ok(directory) = MmapDirectory::open(path) else {
        return false;
    };
    directory.acquire_lock(&INDEX_WRITER_LOCK).is_err()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn current_names_only_an_existing_generation() {
        let root = tempfile::tempdir().expect("temporary folder");
        assert_eq!(current(root.path()), None);
        let (name, _) = new_generation(root.path()).expect("generation");
        make_current(root.path(), &name).expect("named");
        assert_eq!(current(root.path()), Some(name.clone()));
        std::fs::write(root.path().join(CURRENT), "../../etc\n").expect("written");
        assert_eq!(current(root.path()), None);
    }

    #[test]
    fn stale_generations_go_unless_in_use() {
        let root = tempfile::tempdir().expect("temporary folder");
        let (old, _) = new_generation(root.path()).expect("generation");
        let (kept, _) = new_generation(root.path()).expect("generation");
        remove_stale(root.path(), &kept);
        assert!(!root.path().join(old).exists());
        assert!(root.path().join(kept).exists());
    }
}
