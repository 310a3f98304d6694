//! Where media files live, behind one interface: a folder on local disk (the default, under
//! the data directory), an S3-compatible bucket (several nodes sharing a site), or memory
//! (tests, and a site without a data directory).

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
    /// Deletes a file, if stored.
    async fn delete(&self, key: &str) -> std::io::Result<()>;
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

    async fn delete(&self, key: &str) -> std::io::Result<()> {
        match tokio::fs::remove_file(self.path(key)?).await {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error),
            _ => Ok(()),
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

    async fn delete(&self, key: &str) -> std::io::Result<()> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).remove(key);
        Ok(())
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

/// How to reach an S3-compatible bucket.
#[derive(Debug, Clone)]
pub struct S3Settings {
    /// The service's address (`https://s3.eu-west-3.amazonaws.com`).
    pub endpoint: String,
    /// The bucket.
    pub bucket: String,
    /// Its region.
    pub region: String,
    /// The access key's id.
    pub access_key_id: String,
    /// The access key's secret.
    pub secret_access_key: String,
    /// `{endpoint}/{bucket}/{key}` rather than `{bucket}.{host}/{key}`.
    pub path_style: bool,
}

/// Files in an S3-compatible bucket (AWS S3, MinIO, Garage…), by signed requests.
pub struct S3 {
    bucket: rusty_s3::Bucket,
    credentials: rusty_s3::Credentials,
    client: reqwest::Client,
}

impl std::fmt::Debug for S3 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the secret.
        f.debug_struct("S3")
            .field("bucket", &self.bucket.name())
            .field("url", &self.bucket.base_url().as_str())
            .finish()
    }
}

/// How long a signed request stays valid.
const SIGNED_FOR: std::time::Duration = std::time::Duration::from_secs(300);

fn s3_error(what: impl std::fmt::Display) -> std::io::Error {
    std::io::Error::other(format!("S3 storage: {what}"))
}

impl S3 {
    /// A bucket reached with these settings.
    pub fn new(settings: &S3Settings) -> std::io::Result<Self> {
        use rusty_s3::UrlStyle;
        let endpoint = url::Url::parse(&settings.endpoint)
            .map_err(|e| s3_error(format!("endpoint {:?}: {e}", settings.endpoint)))?;
        let style = if settings.path_style {
            UrlStyle::Path
        } else {
            UrlStyle::VirtualHost
        };
        let bucket = rusty_s3::Bucket::new(
            endpoint,
            style,
            settings.bucket.clone(),
            settings.region.clone(),
        )
        .map_err(|e| s3_error(format!("bucket {:?}: {e}", settings.bucket)))?;
        let client = crate::net::client(
            std::time::Duration::from_secs(5),
            std::time::Duration::from_secs(60),
        )
        .map_err(s3_error)?;
        Ok(S3 {
            bucket,
            credentials: rusty_s3::Credentials::new(
                settings.access_key_id.clone(),
                settings.secret_access_key.clone(),
            ),
            client,
        })
    }

    /// Refuses keys that are not `{id}/{file}`-shaped (the same rule as on disk).
    fn key<'k>(&self, key: &'k str) -> std::io::Result<&'k str> {
        let fine = !key.is_empty()
            && key
                .split('/')
                .all(|part| !part.is_empty() && part != "." && part != "..");
        if fine {
            Ok(key)
        } else {
            Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("invalid media key {key:?}"),
            ))
        }
    }

    /// Sends a signed request; an answer other than 2xx (or 404 when `missing_ok`) fails.
    async fn send(
        &self,
        request: reqwest::RequestBuilder,
        missing_ok: bool,
    ) -> std::io::Result<Option<reqwest::Response>> {
        let response = request.send().await.map_err(s3_error)?;
        let status = response.status();
        if status == reqwest::StatusCode::NOT_FOUND && missing_ok {
            return Ok(None);
        }
        if !status.is_success() {
            let body = response.text().await.unwrap_or_default();
            let body: String = body.chars().take(300).collect();
            return Err(s3_error(format!("{status}: {body}")));
        }
        Ok(Some(response))
    }

    /// The keys under `{prefix}/`.
    async fn keys_under(&self, prefix: &str) -> std::io::Result<Vec<String>> {
        use rusty_s3::S3Action;
        let mut keys = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let mut list = self.bucket.list_objects_v2(Some(&self.credentials));
            list.with_prefix(format!("{prefix}/"));
            if let Some(token) = &token {
                list.with_continuation_token(token.clone());
            }
            let url = list.sign(SIGNED_FOR);
            let Some(response) = self.send(self.client.get(url), false).await? else {
                break;
            };
            let text = response.text().await.map_err(s3_error)?;
            let page = rusty_s3::actions::ListObjectsV2::parse_response(&text)
                .map_err(|e| s3_error(format!("unreadable list: {e}")))?;
            keys.extend(page.contents.into_iter().map(|c| c.key));
            match page.next_continuation_token {
                Some(next) => token = Some(next),
                None => break,
            }
        }
        Ok(keys)
    }
}

#[async_trait::async_trait]
impl MediaStorage for S3 {
    async fn put(&self, key: &str, bytes: Bytes) -> std::io::Result<()> {
        use rusty_s3::S3Action;
        let url = self
            .bucket
            .put_object(Some(&self.credentials), self.key(key)?)
            .sign(SIGNED_FOR);
        self.send(self.client.put(url).body(bytes), false).await?;
        Ok(())
    }

    async fn get(&self, key: &str) -> std::io::Result<Option<Bytes>> {
        use rusty_s3::S3Action;
        let url = self
            .bucket
            .get_object(Some(&self.credentials), self.key(key)?)
            .sign(SIGNED_FOR);
        match self.send(self.client.get(url), true).await? {
            Some(response) => Ok(Some(response.bytes().await.map_err(s3_error)?)),
            None => Ok(None),
        }
    }

    async fn delete(&self, key: &str) -> std::io::Result<()> {
        use rusty_s3::S3Action;
        let url = self
            .bucket
            .delete_object(Some(&self.credentials), self.key(key)?)
            .sign(SIGNED_FOR);
        self.send(self.client.delete(url), true).await?;
        Ok(())
    }

    async fn delete_prefix(&self, prefix: &str) -> std::io::Result<()> {
        for key in self.keys_under(self.key(prefix)?).await? {
            self.delete(&key).await?;
        }
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
        disk.put("7/upload", Bytes::from_static(b"raw"))
            .await
            .expect("put");
        disk.delete("7/upload").await.expect("delete");
        assert_eq!(disk.get("7/upload").await.expect("get"), None);
        disk.delete("7/upload")
            .await
            .expect("deleting what is gone is fine");
        disk.delete_prefix("7").await.expect("delete");
        assert_eq!(disk.get("7/photo.jpg").await.expect("get"), None);
    }
}
