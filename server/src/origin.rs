//! Cross-site request refusal: a state-changing request must come from our own pages.
//! SameSite=Lax cookies already keep sessions out of cross-site posts; this closes the rest
//! (logins forced on a victim, requests from sibling subdomains).

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

#[derive(Clone)]
pub struct AllowedOrigin(pub Arc<str>);

fn origin_of(url: &str) -> Option<String> {
    let rest_start = url.find("://")? + 3;
    let end = url[rest_start..].find('/').map_or(url.len(), |j| rest_start + j);
    Some(url[..end].to_ascii_lowercase())
}

/// Same origin when it matches the configured public address or the Host the request was
/// sent to (so a dev server on another port still works).
fn same_origin(headers: &HeaderMap, allowed: &str) -> bool {
    let claimed = headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .filter(|o| *o != "null")
        .map(str::to_owned)
        .or_else(|| headers.get(header::REFERER).and_then(|v| v.to_str().ok()).and_then(origin_of));
    let Some(claimed) = claimed.map(|c| c.to_ascii_lowercase()) else {
        // Neither header: not a browser (browsers send Origin on every cross-origin post).
        return headers.get(header::ORIGIN).is_none();
    };
    if claimed == allowed.to_ascii_lowercase() {
        return true;
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default().to_ascii_lowercase();
    claimed.strip_prefix("http://").or_else(|| claimed.strip_prefix("https://")) == Some(host.as_str())
}

pub async fn refuse_cross_origin(State(allowed): State<AllowedOrigin>, request: Request, next: Next) -> Response {
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || same_origin(request.headers(), &allowed.0) {
        return next.run(request).await;
    }
    tracing::warn!(method = %request.method(), path = request.uri().path(), "cross-origin request refused");
    (StatusCode::FORBIDDEN, "cross-origin request refused / 请求来源不被允许").into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(name.clone(), HeaderValue::from_str(value).unwrap());
        }
        map
    }

    const ALLOWED: &str = "http://127.0.0.1:3000";

    #[test]
    fn own_origin_passes() {
        assert!(same_origin(&headers(&[(header::ORIGIN, "http://127.0.0.1:3000")]), ALLOWED));
        assert!(same_origin(
            &headers(&[(header::ORIGIN, "http://localhost:4000"), (header::HOST, "localhost:4000")]),
            ALLOWED
        ));
        assert!(same_origin(&headers(&[(header::REFERER, "http://127.0.0.1:3000/login")]), ALLOWED));
    }

    #[test]
    fn foreign_origins_are_refused() {
        assert!(!same_origin(&headers(&[(header::ORIGIN, "https://evil.example")]), ALLOWED));
        assert!(!same_origin(&headers(&[(header::ORIGIN, "null")]), ALLOWED));
        assert!(!same_origin(
            &headers(&[(header::REFERER, "https://evil.example/x"), (header::HOST, "127.0.0.1:3000")]),
            ALLOWED
        ));
        assert!(!same_origin(
            &headers(&[(header::ORIGIN, "http://127.0.0.1:3000.evil.example"), (header::HOST, "127.0.0.1:3000")]),
            ALLOWED
        ));
    }

    #[test]
    fn clients_without_browser_headers_pass() {
        assert!(same_origin(&HeaderMap::new(), ALLOWED));
    }
}
