//! Reading what forms send: `application/x-www-form-urlencoded` bodies, size-limited and
//! decoded strictly (a body that is not UTF-8 once decoded is refused, never patched with
//! replacement characters), the sender's address, and the guard against cross-site posts.

use crate::AppState;
use crate::error::{AppError, UserError};
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{Extensions, HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;

/// The largest form body accepted from the newsroom (a long article, percent-encoded).
pub const MAX_FORM_BYTES: usize = 2 << 20;
/// The largest comment form accepted (a 5,000-character comment in any script fits many
/// times over).
pub const MAX_COMMENT_FORM_BYTES: usize = 64 * 1024;

/// The fields of a submitted form, in order; a name may repeat (check boxes).
#[derive(Debug, Clone, Default)]
pub struct FormData(Vec<(String, String)>);

impl FormData {
    /// Decodes an url-encoded body.
    pub fn parse(body: &[u8]) -> Result<Self, AppError> {
        let bad = || AppError::User(UserError::BadRequest);
        let decode = |part: &[u8]| -> Result<String, AppError> {
            let plus_as_space: Vec<u8> = part
                .iter()
                .map(|b| if *b == b'+' { b' ' } else { *b })
                .collect();
            percent_encoding::percent_decode(&plus_as_space)
                .decode_utf8()
                .map(std::borrow::Cow::into_owned)
                .map_err(|_| bad())
        };
        let mut fields = Vec::new();
        for pair in body.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
            let (name, value) = match pair.iter().position(|b| *b == b'=') {
                Some(at) => (&pair[..at], &pair[at + 1..]),
                None => (pair, &b""[..]),
            };
            fields.push((decode(name)?, decode(value)?));
        }
        Ok(FormData(fields))
    }

    /// Adds a field (for forms read another way, such as multipart ones).
    pub fn push(&mut self, name: &str, value: &str) {
        self.0.push((name.to_owned(), value.to_owned()));
    }

    /// The first value of a field.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first value of a field, or an empty text.
    pub fn text(&self, name: &str) -> String {
        self.get(name).unwrap_or_default().to_owned()
    }

    /// An optional field of a query: absent or empty is `None`; a value that does not read
    /// as a `T` is a 400.
    pub fn optional<T: std::str::FromStr>(&self, name: &str) -> Result<Option<T>, AppError> {
        match self.get(name).filter(|v| !v.is_empty()) {
            Some(value) => value
                .parse()
                .map(Some)
                .map_err(|_| AppError::User(UserError::BadRequest)),
            None => Ok(None),
        }
    }

    /// The `page` of a list's query: absent, the first; anything but a whole number from 1
    /// is a 400.
    pub fn page(&self) -> Result<rotative_core::PageNumber, AppError> {
        match self.get("page").filter(|v| !v.is_empty()) {
            Some(text) => {
                rotative_core::PageNumber::parse(text).ok_or(AppError::User(UserError::BadRequest))
            }
            None => Ok(rotative_core::PageNumber::FIRST),
        }
    }

    /// Every value of a field.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

impl FormData {
    /// Reads an url-encoded body of at most `limit` bytes (413 beyond, 400 for another
    /// content type or a body that does not decode).
    pub async fn read(request: Request, limit: usize) -> Result<Self, AppError> {
        let is_form = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        if !is_form {
            return Err(AppError::User(UserError::BadRequest));
        }
        let body = axum::body::to_bytes(request.into_body(), limit)
            .await
            .map_err(|_| AppError::User(UserError::PayloadTooLarge))?;
        FormData::parse(&body)
    }
}

impl<S: Send + Sync> FromRequest<S> for FormData {
    type Rejection = AppError;

    async fn from_request(request: Request, _: &S) -> Result<Self, Self::Rejection> {
        FormData::read(request, MAX_FORM_BYTES).await
    }
}

/// A readers' form (the comment form): like [`FormData`], with the smaller limit.
#[derive(Debug, Clone, Default)]
pub struct ReaderForm(pub FormData);

impl<S: Send + Sync> FromRequest<S> for ReaderForm {
    type Rejection = AppError;

    async fn from_request(request: Request, _: &S) -> Result<Self, Self::Rejection> {
        FormData::read(request, MAX_COMMENT_FORM_BYTES)
            .await
            .map(ReaderForm)
    }
}

/// The address a request comes from: the configured proxy header's first address, else
/// the connection's peer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientIp(pub String);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(client_ip(
            state,
            &parts.headers,
            &parts.extensions,
        )))
    }
}

/// The address a request comes from (see [`ClientIp`]).
pub fn client_ip(state: &AppState, headers: &HeaderMap, extensions: &Extensions) -> String {
    client_addr(state, headers, extensions)
        .map_or_else(|| "unknown".to_owned(), |ip| ip.to_string())
}

/// The address a request comes from, as an address (no allocation: the page cache's hit
/// path uses it): the configured proxy header's last address, else the connection's. A
/// proxy adds the address it sees after whatever the request already carried, so only the
/// last is not the reader's to write (`X-Forwarded-For: forged, real`).
pub fn client_addr(
    state: &AppState,
    headers: &HeaderMap,
    extensions: &Extensions,
) -> Option<std::net::IpAddr> {
    let from_header = state
        .options()
        .client_ip_header
        .as_ref()
        .and_then(|name| headers.get_all(name).iter().next_back())
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .and_then(|v| v.trim().parse::<std::net::IpAddr>().ok());
    from_header.or_else(|| {
        extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(peer)| peer.ip())
    })
}

/// Refuses state-changing requests sent by another site (CSRF), as browsers tell them
/// apart: `Sec-Fetch-Site` when they send it, else `Origin` against `Host`. Requests
/// without either (command-line clients) pass: they carry no reader's cookies.
pub async fn refuse_cross_site(request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !safe && is_cross_site(&request) {
        tracing::info!(path = %request.uri().path(), "cross-site form refused");
        return AppError::User(UserError::Forbidden).into_response();
    }
    next.run(request).await
}

fn is_cross_site(request: &Request) -> bool {
    let headers = request.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return false;
    };
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin_host = origin
        .to_str()
        .ok()
        .and_then(|o| o.split_once("://"))
        .map(|(_, host)| host);
    origin_host.is_none() || origin_host != host
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_decode_strictly() {
        let form = FormData::parse(b"a=1+2%C3%A9&b=&c&a=3").expect("valid");
        assert_eq!(form.get("a"), Some("1 2é"));
        assert_eq!(form.get("b"), Some(""));
        assert_eq!(form.get("c"), Some(""));
        assert_eq!(form.all("a").collect::<Vec<_>>(), ["1 2é", "3"]);
        assert!(FormData::parse(b"a=%FF%FE").is_err());
        assert!(FormData::parse(b"a=%C3").is_err());
    }
}
