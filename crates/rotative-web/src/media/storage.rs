//! Where media files live, behind one interface: a folder on local disk (the default, under
//! the data directory), or memory (tests, and a site without a data directory).

use axum::body::Bytes;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// A place to keep files by key (`{id}/{file}`).
#[async_trait::async_trait]
pub trait MediaStorage: Send + Sync + std::fmt::Debug + 'static {
    /// Stores a file, replacing any with that key.
    async fn put(&self, key: &str, bytes: Bytes) -> std::io::Result<()>;
    /// A file, if stored.
    async fn get(&self, key: &str) -> std::io::Result<Option<Bytes>>;
    /// Deletes every file under `{prefix}/`.
    async fn delete_prefix(&self, prefix: &str) -> std::io::Result<()>;
}

/// Files in a folder.
#[derive(Debug, Clone)]
pub struct LocalDisk {
    root: PathBuf,
}

impl LocalDisk {
    /// Files under `root` (created when first written).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        LocalDisk { root: root.into() }
    }

    /// The path of a key, refusing any that would leave the folder.
    fn path(&self, key: &str) -> std::io::Result<PathBuf> {
        let relative = Path::new(key);
        if key.is_empty()
            || !relative
                .components()
                .all(|c| matches!(c, Component::Normal(_)))
        {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("invalid media key {key:?}"),
            ));
        }
        Ok(self.root.join(relative))
    }
}

#[async_trait::async_trait]
impl MediaStorage for LocalDisk {
    async fn put(&self, key: &str, bytes: Bytes) -> std::io::Result<()> {
        let path = self.path(key)?;
        if let Some(dir) = path.parent() {
            tokio::fs::create_dir_all(dir).await?;
        }
        // Written aside, then renamed: a reader never sees half a file.
        let partial = path.with_extension("partial");
        tokio::fs::write(&partial, &bytes).await?;
        tokio::fs::rename(&partial, &path).await
    }

    async fn get(&self, key: &str) -> std::io::Result<Option<Bytes>> {
        match tokio::fs::read(self.path(key)?).await {
            Ok(bytes) => Ok(Some(Bytes::from(bytes))),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(error) => Err(error),
        }
    }

    async fn delete_prefix(&self, prefix: &str) -> std::io::Result<()> {
        match tokio::fs::remove_dir_all(self.path(prefix)?).await {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error),
            _ => Ok(()),
        }
    }
}

/// Files in memory.
#[derive(Debug, Default)]
pub struct Memory(Mutex<HashMap<String, Bytes>>);

#[async_trait::async_trait]
impl MediaStorage for Memory {
    async fn put(&self, key: &str, bytes: Bytes) -> std::io::Result<()> {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(key.to_owned(), bytes);
        Ok(())
    }

    async fn get(&self, key: &str) -> std::io::Result<Option<Bytes>> {
        Ok(self
            .0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(key)
            .cloned())
    }

    async fn delete_prefix(&self, prefix: &str) -> std::io::Result<()> {
        let start = format!("{prefix}/");
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .retain(|key, _| !key.starts_with(&start));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_disk_keeps_files_by_key_and_refuses_to_leave_its_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let disk = LocalDisk::new(dir.path().join("media"));
        disk.put("7/photo.jpg", Bytes::from_static(b"jpeg"))
            .await
            .expect("put");
        assert_eq!(
            disk.get("7/photo.jpg").await.expect("get"),
            Some(Bytes::from_static(b"jpeg"))
        );
        assert_eq!(disk.get("7/other.jpg").await.expect("get"), None);
        assert!(disk.put("../escape.jpg", Bytes::new()).await.is_err());
        assert!(disk.get("/etc/passwd").await.is_err());
        disk.delete_prefix("7").await.expect("delete");
        assert_eq!(disk.get("7/photo.jpg").await.expect("get"), None);
    }
}
