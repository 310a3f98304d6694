//! The first pass over a WXR file: it checks the whole file before anything is written (a
//! file cut in the middle is found here, not after half of it was imported) and keeps what
//! the second pass needs to know in advance, which is small: the site, its authors and
//! terms, its attachments, and how many items there are.

use rotative_wordpress::{Record, SiteInfo, WpAuthor, WpTerm, WxrReader};
use std::collections::HashMap;
use std::path::Path;

/// An attachment (an uploaded file), as the posts refer to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// Its post id.
    pub id: String,
    /// The file's address.
    pub url: String,
    /// Its title.
    pub title: String,
    /// Its text alternative.
    pub alt: String,
    /// Its modification date, as its version.
    pub version: String,
}

/// What the first pass learnt.
#[derive(Debug, Default)]
pub struct Scan {
    /// The exported site.
    pub site: SiteInfo,
    /// Its authors.
    pub authors: Vec<WpAuthor>,
    /// Its terms: categories first, in file order.
    pub terms: Vec<WpTerm>,
    /// Its attachments, by post id.
    pub attachments: HashMap<String, Attachment>,
    /// How many items (posts, pages, attachments and others).
    pub items: u64,
}

/// Reads the whole file once.
pub fn scan(path: &Path) -> anyhow::Result<Scan> {
    let reader = WxrReader::open(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let mut scan = Scan::default();
    for record in reader {
        let record = record.map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        match record {
            Record::Site(site) => scan.site = site,
            Record::Author(author) => scan.authors.push(author),
            Record::Term(term) => scan.terms.push(term),
            Record::Item(item) => {
                scan.items += 1;
                if item.post_type == "attachment" && !item.attachment_url.is_empty() {
                    let alt = item.meta("_wp_attachment_image_alt").unwrap_or_default();
                    scan.attachments.insert(
                        item.id.clone(),
                        Attachment {
                            id: item.id.clone(),
                            url: item.attachment_url.clone(),
                            title: item.title.clone(),
                            alt: alt.to_owned(),
                            version: item.modified_gmt.clone(),
                        },
                    );
                }
            }
        }
    }
    Ok(scan)
}
