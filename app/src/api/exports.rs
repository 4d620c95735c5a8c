//! CSV downloads of console lists. Plain GET routes (a link downloads the file, with or
//! without JavaScript); each export is refused to whoever may not read the list, and audited.

use crate::error::{AppError, AppResult};
use crate::ssr::db::in_write;
use crate::ssr::{AppState, request, services};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

pub fn routes() -> axum::Router<AppState> {
    axum::Router::new().route("/console/supervision.csv", get(supervision)).route("/console/audit.csv", get(audit_log))
}

#[derive(Deserialize)]
struct QuarterQuery {
    #[serde(default)]
    quarter: String,
}

async fn supervision(State(state): State<AppState>, headers: HeaderMap, Query(q): Query<QuarterQuery>) -> Response {
    let export = async {
        let who = request::principal_from(&state, &headers).await?.ok_or(AppError::Unauthenticated)?;
        let quarter = super::services::server::quarter(&q.quarter)?;
        let (locale, now) = (request::locale_in(&headers), state.clock.now());
        in_write(&state.db, async |txn| services::supervision_csv(txn, &who, quarter, locale, now).await).await
    };
    download(export.await)
}

#[derive(Deserialize)]
struct AuditQuery {
    #[serde(default)]
    action: String,
    #[serde(default)]
    actor: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

async fn audit_log(State(state): State<AppState>, headers: HeaderMap, Query(q): Query<AuditQuery>) -> Response {
    let export = async {
        let who = request::principal_from(&state, &headers).await?.ok_or(AppError::Unauthenticated)?;
        let filter = super::console::server::audit_filter(&q.action, &q.actor, &q.from, &q.to, 0)?;
        let (locale, now) = (request::locale_in(&headers), state.clock.now());
        in_write(&state.db, async |txn| crate::ssr::audit::export(txn, &who, &filter, locale, now).await).await
    };
    download(export.await)
}

/// The file as an attachment, never cached; an error as its status code.
fn download(result: AppResult<(String, String)>) -> Response {
    match result {
        Ok((name, body)) => {
            let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
                .unwrap_or(HeaderValue::from_static("attachment"));
            (
                [
                    (header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8")),
                    (header::CONTENT_DISPOSITION, disposition),
                    (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
                ],
                body,
            )
                .into_response()
        }
        Err(e) => StatusCode::from_u16(e.status()).unwrap_or(StatusCode::FORBIDDEN).into_response(),
    }
}
