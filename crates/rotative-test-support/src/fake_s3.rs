//! A small S3-compatible service on 127.0.0.1 for tests: path-style buckets, signed
//! requests only (the query's `X-Amz-*` parameters must name the expected key), objects
//! kept in memory.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
struct Shared {
    bucket: String,
    access_key_id: String,
    objects: Arc<Mutex<BTreeMap<String, Bytes>>>,
    refused: Arc<Mutex<Vec<String>>>,
}

/// The fake service, serving until dropped with the test's runtime.
#[derive(Clone)]
pub struct FakeS3 {
    /// Its address: `http://127.0.0.1:{port}`.
    pub endpoint: String,
    shared: Shared,
}

impl FakeS3 {
    /// Starts a service holding one empty bucket, accepting requests signed by this key.
    pub async fn start(bucket: &str, access_key_id: &str) -> FakeS3 {
        let shared = Shared {
            bucket: bucket.to_owned(),
            access_key_id: access_key_id.to_owned(),
            ..Shared::default()
        };
        let app = Router::new()
            .route("/{bucket}", axum::routing::get(list))
            .route("/{bucket}/", axum::routing::get(list))
            .route("/{bucket}/{*key}", axum::routing::any(object))
            .with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a loopback port");
        let endpoint = format!("http://{}", listener.local_addr().expect("address"));
        tokio::spawn(async move { axum::serve(listener, app).await });
        FakeS3 { endpoint, shared }
    }

    /// The keys stored, in order.
    pub fn keys(&self) -> Vec<String> {
        lock(&self.shared.objects).keys().cloned().collect()
    }

    /// The requests refused for a missing or foreign signature.
    pub fn refused(&self) -> Vec<String> {
        lock(&self.shared.refused).clone()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

/// Whether the query carries a signature by the expected key (its validity is the
/// signing crate's business; this checks that every request is signed, by whom).
fn signed(shared: &Shared, query: &str) -> bool {
    let credential = format!("X-Amz-Credential={}%2F", shared.access_key_id);
    query.contains("X-Amz-Algorithm=AWS4-HMAC-SHA256")
        && query.contains(&credential)
        && query.split('&').any(|pair| {
            pair.strip_prefix("X-Amz-Signature=")
                .is_some_and(|s| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()))
        })
}

fn refuse(shared: &Shared, what: String) -> Response {
    lock(&shared.refused).push(what);
    (
        StatusCode::FORBIDDEN,
        "<Error><Code>AccessDenied</Code></Error>",
    )
        .into_response()
}

async fn object(
    State(shared): State<Shared>,
    method: Method,
    Path((bucket, key)): Path<(String, String)>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    if bucket != shared.bucket {
        return (
            StatusCode::NOT_FOUND,
            "<Error><Code>NoSuchBucket</Code></Error>",
        )
            .into_response();
    }
    if !signed(&shared, query.as_deref().unwrap_or_default()) {
        return refuse(&shared, format!("{method} {key}"));
    }
    let mut objects = lock(&shared.objects);
    match method {
        Method::PUT => {
            objects.insert(key, body);
            StatusCode::OK.into_response()
        }
        Method::GET => match objects.get(&key) {
            Some(bytes) => bytes.clone().into_response(),
            None => (
                StatusCode::NOT_FOUND,
                "<Error><Code>NoSuchKey</Code></Error>",
            )
                .into_response(),
        },
        Method::DELETE => {
            objects.remove(&key);
            StatusCode::NO_CONTENT.into_response()
        }
        _ => StatusCode::METHOD_NOT_ALLOWED.into_response(),
    }
}

async fn list(
    State(shared): State<Shared>,
    Path(bucket): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let query = query.unwrap_or_default();
    if bucket != shared.bucket {
        return (
            StatusCode::NOT_FOUND,
            "<Error><Code>NoSuchBucket</Code></Error>",
        )
            .into_response();
    }
    if !signed(&shared, &query) {
        return refuse(&shared, format!("LIST {query}"));
    }
    let prefix = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("prefix="))
        .map(|p| p.replace("%2F", "/"))
        .unwrap_or_default();
    let contents: String = lock(&shared.objects)
        .iter()
        .filter(|(key, _)| key.starts_with(&prefix))
        .map(|(key, bytes)| {
            format!(
                "<Contents><Key>{key}</Key><LastModified>2026-11-29T12:00:00.000Z</LastModified><ETag>\"0\"</ETag><Size>{}</Size><StorageClass>STANDARD</StorageClass></Contents>",
                bytes.len()
            )
        })
        .collect();
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>{bucket}</Name><Prefix>{prefix}</Prefix><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>{contents}</ListBucketResult>"
    );
    ([("content-type", "application/xml")], xml).into_response()
}
