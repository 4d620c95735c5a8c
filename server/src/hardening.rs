//! Security headers on every answer. Pages get their Content-Security-Policy from the shell,
//! which knows the page's script nonce (`app::page_policy`); everything else gets a fixed
//! policy here. No inline script runs without the page's nonce, nothing may frame the app,
//! and browsers never guess a content type.

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// Answers that are not pages (JSON, CSV, files) load nothing and are framed by nobody.
const NOT_A_PAGE: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";
/// The offline page has its style inline, and the service worker fetches from its own origin.
const OFFLINE_PAGE: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'";
const WORKER: &str = "default-src 'self'";

fn fixed_policy(path: &str) -> &'static str {
    match path {
        "/offline.html" => OFFLINE_PAGE,
        "/sw.js" => WORKER,
        _ => NOT_A_PAGE,
    }
}

/// Whether the app is served over TLS (its public address is https): then browsers are told
/// to use nothing else for a year.
#[derive(Clone, Copy)]
pub struct Tls(pub bool);

pub async fn security_headers(State(Tls(tls)): State<Tls>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(fixed_policy(&path)));
    }
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
    );
    if tls {
        headers
            .insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::fixed_policy;

    #[test]
    fn only_the_offline_page_and_the_worker_load_anything() {
        assert_eq!(fixed_policy("/api/help/detail"), "default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
        assert!(fixed_policy("/offline.html").contains("style-src 'unsafe-inline'"));
        assert!(!fixed_policy("/offline.html").contains("script-src"));
        assert_eq!(fixed_policy("/sw.js"), "default-src 'self'");
    }
}
