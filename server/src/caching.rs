//! How long browsers may keep what the server sends. Bundle files carry a content hash in
//! their names and never change, so they are kept for a year; the service worker is always
//! checked, so a release reaches phones on their next visit; pages and answers hold personal
//! data and are not stored by browsers or proxies (the service worker keeps its own copies of
//! the pages a resident opened, in its own cache).

use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// The `Cache-Control` for a successful response to `path`, unless the handler chose one.
pub fn policy(path: &str) -> &'static str {
    match path {
        "/sw.js" => "no-cache",
        "/manifest.webmanifest" | "/offline.html" | "/favicon.svg" => "public, max-age=86400",
        _ if path.starts_with("/icons/") => "public, max-age=86400",
        _ if path.starts_with("/pkg/") && is_hashed(path) => "public, max-age=31536000, immutable",
        _ if path.starts_with("/pkg/") => "no-cache",
        _ => "private, no-store",
    }
}

/// `jiayuan.<hash>.wasm`: a name, a hash and an extension.
fn is_hashed(path: &str) -> bool {
    path.rsplit('/').next().is_some_and(|file| file.split('.').count() >= 3)
}

pub async fn cache_policy(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    if response.status().is_success() && !response.headers().contains_key(header::CACHE_CONTROL) {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(policy(&path)));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::policy;

    #[test]
    fn hashed_files_are_kept_and_everything_else_is_checked() {
        assert_eq!(policy("/pkg/jiayuan.Abc123_x.wasm"), "public, max-age=31536000, immutable");
        assert_eq!(policy("/pkg/jiayuan.wasm"), "no-cache");
        assert_eq!(policy("/sw.js"), "no-cache");
        assert_eq!(policy("/icons/icon-192.png"), "public, max-age=86400");
        assert_eq!(policy("/help/12"), "private, no-store");
        assert_eq!(policy("/api/help/detail"), "private, no-store");
    }
}
