//! When the database cannot be reached, every request that needs it is answered at once with
//! 503 and a page saying so, instead of waiting for a connection that will not come. A watch
//! pings the database every second and lets traffic through again as soon as it answers.

use app::ssr::db;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sea_orm::DatabaseConnection;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

const PAGE: &str = include_str!("unavailable.html");
const PAGE_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";
/// Seconds a client should wait before trying again; the page reloads itself after as long.
const RETRY_AFTER: &str = "10";

/// Whether the database answered the last ping. Starts up: the app only starts after
/// migrating, so the database was there a moment ago.
#[derive(Clone, Debug)]
pub struct Availability(Arc<AtomicBool>);

impl Default for Availability {
    fn default() -> Self {
        Availability(Arc::new(AtomicBool::new(true)))
    }
}

impl Availability {
    pub fn is_up(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    fn set(&self, up: bool) {
        if self.0.swap(up, Ordering::Relaxed) != up {
            if up {
                tracing::info!("database reachable again");
            } else {
                tracing::error!("database unreachable: answering 503 until it returns");
            }
        }
    }
}

/// Pings for as long as the server runs.
pub async fn watch(db: DatabaseConnection, availability: Availability) {
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let answered = tokio::time::timeout(Duration::from_secs(2), db::ping(&db)).await;
        availability.set(matches!(answered, Ok(Ok(()))));
    }
}

/// Files of the app itself never touch the database: the service worker, the bundle and
/// the icons keep being served, so an installed app still opens and shows its offline pages.
fn needs_database(path: &str) -> bool {
    !(path.starts_with("/pkg/")
        || path.starts_with("/icons/")
        || matches!(path, "/sw.js" | "/offline.html" | "/manifest.webmanifest" | "/favicon.svg"))
}

pub async fn refuse_while_down(State(availability): State<Availability>, request: Request, next: Next) -> Response {
    if availability.is_up() || !needs_database(request.uri().path()) {
        return next.run(request).await;
    }
    let wants_page = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    let mut response = if wants_page {
        (StatusCode::SERVICE_UNAVAILABLE, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], PAGE).into_response()
    } else {
        // The same body a server function's own error would have: clients parse it alike.
        let body = serde_json::to_string(&app::error::AppError::Unavailable).unwrap_or_default();
        (StatusCode::SERVICE_UNAVAILABLE, [(header::CONTENT_TYPE, "application/json")], body).into_response()
    };
    let headers = response.headers_mut();
    headers.insert(header::RETRY_AFTER, HeaderValue::from_static(RETRY_AFTER));
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(PAGE_POLICY));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::needs_database;

    #[test]
    fn the_app_shell_is_served_without_the_database() {
        assert!(!needs_database("/pkg/jiayuan.abc.wasm"));
        assert!(!needs_database("/sw.js"));
        assert!(!needs_database("/offline.html"));
        assert!(needs_database("/"));
        assert!(needs_database("/api/help/post"));
        assert!(needs_database("/healthz"));
    }
}
