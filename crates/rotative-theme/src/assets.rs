//! Static files of the theme, served under names that change with their content
//! (`/static/style.3f9a1c2b7d.css`), so browsers may keep them for a year.

use sha2::{Digest, Sha256};
use std::fmt::Write;

/// A static file.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Its name in templates (`style.css`).
    pub name: &'static str,
    /// Its fingerprinted path (`/static/style.3f9a1c2b7d.css`).
    pub path: String,
    /// Its media type.
    pub content_type: &'static str,
    /// Its content.
    pub bytes: &'static [u8],
}

/// Every static file of the theme.
#[derive(Debug, Clone)]
pub struct Assets(Vec<Asset>);

const EMBEDDED: &[(&str, &str, &[u8])] = &[(
    "style.css",
    "text/css; charset=utf-8",
    include_bytes!("../static/style.css"),
)];

impl Assets {
    /// The files embedded in the binary.
    pub fn embedded() -> Self {
        Assets(
            EMBEDDED
                .iter()
                .map(|&(name, content_type, bytes)| Asset {
                    name,
                    path: fingerprinted(name, bytes),
                    content_type,
                    bytes,
                })
                .collect(),
        )
    }

    /// The URL of a file by its name.
    pub fn url(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|a| a.name == name)
            .map(|a| a.path.as_str())
    }

    /// The file served at a path.
    pub fn by_path(&self, path: &str) -> Option<&Asset> {
        self.0.iter().find(|a| a.path == path)
    }
}

fn fingerprinted(name: &str, bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hash = String::with_capacity(10);
    for byte in &digest[..5] {
        let _ = write!(hash, "{byte:02x}");
    }
    match name.rsplit_once('.') {
        Some((stem, extension)) => format!("/static/{stem}.{hash}.{extension}"),
        None => format!("/static/{name}.{hash}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asset_paths_carry_a_content_hash() {
        let assets = Assets::embedded();
        let url = assets.url("style.css").unwrap_or_default().to_owned();
        assert!(
            url.starts_with("/static/style.") && url.ends_with(".css") && url.len() > 22,
            "{url}"
        );
        assert!(assets.by_path(&url).is_some());
        assert_ne!(fingerprinted("a.css", b"x"), fingerprinted("a.css", b"y"));
    }
}
