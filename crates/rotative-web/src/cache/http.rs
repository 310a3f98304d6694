//! HTTP caching: compression, content negotiation, validators, `Cache-Control`.

use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue, header};
use std::io::Write;

/// A body encoding the client accepts, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Brotli.
    Brotli,
    /// Gzip.
    Gzip,
    /// As is.
    Identity,
}

/// The best encoding an `Accept-Encoding` header allows: brotli, then gzip, then none.
pub fn negotiate(headers: &HeaderMap) -> Encoding {
    let Some(accept) = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
    else {
        return Encoding::Identity;
    };
    let mut brotli = None;
    let mut gzip = None;
    let mut any = None;
    for item in accept.split(',') {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        let quality = parts
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        match name.as_str() {
            "br" => brotli = Some(quality),
            "gzip" | "x-gzip" => gzip = Some(quality),
            "*" => any = Some(quality),
            _ => {}
        }
    }
    let accepted = |q: Option<f32>| q.or(any).is_some_and(|q| q > 0.0);
    if accepted(brotli) {
        Encoding::Brotli
    } else if accepted(gzip) {
        Encoding::Gzip
    } else {
        Encoding::Identity
    }
}

/// Gzip at the default level.
pub fn gzip(data: &[u8]) -> Bytes {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(data.len() / 3),
        flate2::Compression::default(),
    );
    let written = encoder.write_all(data).and_then(|()| encoder.finish());
    written.map(exact).unwrap_or_default()
}

/// Brotli at a quality that compresses a page in about a millisecond, with a 256 KiB
/// window (pages are smaller; the default 4 MiB window costs memory for nothing).
pub fn brotli(data: &[u8]) -> Bytes {
    let mut out = Vec::with_capacity(data.len() / 4);
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 5, 18);
        if writer.write_all(data).is_err() {
            return Bytes::new();
        }
    }
    exact(out)
}

/// Bytes holding no more memory than their length: the cache counts lengths.
fn exact(mut data: Vec<u8>) -> Bytes {
    data.shrink_to_fit();
    Bytes::from(data)
}

/// A weak entity tag from a hash of the HTML; weak because the same page is sent in
/// several encodings.
pub fn etag(body: &[u8]) -> String {
    // A fast 128-bit hash: tags tell versions of one page apart, nothing needs to be
    // hidden or proved, and a miss hashes every page it renders.
    format!("W/\"{:032x}\"", xxhash_rust::xxh3::xxh3_128(body))
}

/// An HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`).
pub fn http_date(at: chrono::DateTime<chrono::Utc>) -> String {
    // httpdate writes the one fixed format directly; chrono's `format` interprets its
    // pattern on every call, a few thousand instructions per page.
    httpdate::fmt_http_date(std::time::SystemTime::from(at))
}

/// Whether the request's validators say the client's copy is current: `If-None-Match`
/// when given (weak comparison), else `If-Modified-Since`.
pub fn not_modified(
    if_none_match: Option<&str>,
    if_modified_since: Option<&str>,
    etag: &str,
    modified: chrono::DateTime<chrono::Utc>,
) -> bool {
    let bare = |tag: &str| tag.trim().trim_start_matches("W/").to_owned();
    if let Some(wanted) = if_none_match {
        return wanted
            .split(',')
            .any(|tag| tag.trim() == "*" || bare(tag) == bare(etag));
    }
    if_modified_since
        .and_then(|since| chrono::DateTime::parse_from_rfc2822(&since.replace("GMT", "+0000")).ok())
        .is_some_and(|since| modified.timestamp() <= since.timestamp())
}

/// `Cache-Control` for public pages.
pub fn public_cache_control(max_age: u64, stale_while_revalidate: u64) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "public, max-age={max_age}, stale-while-revalidate={stale_while_revalidate}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("public, max-age=60"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn accept(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn brotli_then_gzip_then_nothing() {
        assert_eq!(negotiate(&accept("gzip, deflate, br")), Encoding::Brotli);
        assert_eq!(negotiate(&accept("gzip, br;q=0")), Encoding::Gzip);
        assert_eq!(negotiate(&accept("deflate")), Encoding::Identity);
        assert_eq!(negotiate(&accept("*")), Encoding::Brotli);
        assert_eq!(negotiate(&accept("identity, *;q=0")), Encoding::Identity);
        assert_eq!(negotiate(&HeaderMap::new()), Encoding::Identity);
    }

    #[test]
    fn compressed_forms_decompress_to_the_page() {
        let page = "<p>Le Maroc et le Kazakhstan</p>".repeat(100);
        let mut text = String::new();
        std::io::Read::read_to_string(
            &mut flate2::read::GzDecoder::new(&gzip(page.as_bytes())[..]),
            &mut text,
        )
        .expect("gunzips");
        assert_eq!(text, page);
        let mut text = String::new();
        std::io::Read::read_to_string(
            &mut brotli::Decompressor::new(&brotli(page.as_bytes())[..], 4096),
            &mut text,
        )
        .expect("unbrotlis");
        assert_eq!(text, page);
    }

    #[test]
    fn validators_match_the_page() {
        let modified = chrono::Utc
            .with_ymd_and_hms(2025, 3, 20, 9, 0, 0)
            .single()
            .unwrap_or_default();
        let tag = etag(b"page");
        assert!(not_modified(Some(&tag), None, &tag, modified));
        assert!(not_modified(
            Some("\"x\", W/\"y\", *"),
            None,
            &tag,
            modified
        ));
        assert!(!not_modified(Some(&tag), None, &etag(b"other"), modified));
        let since = Some("Thu, 20 Mar 2025 09:00:00 GMT");
        assert!(not_modified(None, since, &tag, modified));
        let later = modified + chrono::Duration::seconds(1);
        assert!(!not_modified(None, since, &tag, later));
        assert!(!not_modified(None, Some("yesterday"), &tag, modified));
        assert_eq!(http_date(modified), "Thu, 20 Mar 2025 09:00:00 GMT");
    }
}
