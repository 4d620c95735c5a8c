//! CSV downloads of console lists. Plain GET routes taking the list's own filters (a link
//! downloads the file, with or without JavaScript); each export is refused to whoever may not
//! read the list, and audited in the same transaction that reads it.

use crate::authz::Principal;
use crate::error::{AppError, AppResult};
use crate::i18n::Locale;
use crate::ssr::db::in_write;
use crate::ssr::{AppState, accounts, help, request, search_text, services};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{DateTime, Utc};
use sea_orm::DatabaseTransaction;
use serde::Deserialize;

pub fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/console/supervision.csv", get(supervision))
        .route("/console/audit.csv", get(audit_log))
        .route("/console/services.csv", get(service_queue))
        .route("/console/verify.csv", get(verification_queue))
        .route("/console/triage.csv", get(triage))
        .route("/console/people.csv", get(people))
}

/// The filters every list shares: its search box, and a state where the list has one.
#[derive(Deserialize)]
struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    state: String,
}

async fn service_queue(State(state): State<AppState>, headers: HeaderMap, Query(q): Query<ListQuery>) -> Response {
    export(&state, &headers, async |txn, who, locale, now| {
        let filter = super::services::server::queue_filter(&q.state, q.q, 0)?;
        services::queue_csv(txn, who, &filter, locale, now).await
    })
    .await
}

async fn verification_queue(State(state): State<AppState>, headers: HeaderMap, Query(q): Query<ListQuery>) -> Response {
    export(&state, &headers, async |txn, who, locale, now| {
        let scope = super::console::server::verification_scope(who)?;
        Ok(accounts::pending_csv(txn, who, &scope, &search_text(&q.q), locale, now).await?)
    })
    .await
}

async fn triage(State(state): State<AppState>, headers: HeaderMap, Query(q): Query<ListQuery>) -> Response {
    export(&state, &headers, async |txn, who, locale, now| {
        help::triage_csv(txn, who, &search_text(&q.q), locale, now).await
    })
    .await
}

async fn people(State(state): State<AppState>, headers: HeaderMap, Query(q): Query<ListQuery>) -> Response {
    export(&state, &headers, async |txn, who, locale, now| {
        let scope = super::console::server::people_scope(who)?;
        Ok(accounts::people_csv(txn, who, &scope, &search_text(&q.q), locale, now).await?)
    })
    .await
}

#[derive(Deserialize)]
struct QuarterQuery {
    #[serde(default)]
    quarter: String,
}

async fn supervision(State(state): State<AppState>, headers: HeaderMap, Query(q): Query<QuarterQuery>) -> Response {
    export(&state, &headers, async |txn, who, locale, now| {
        let quarter = super::services::server::quarter(&q.quarter)?;
        services::supervision_csv(txn, who, quarter, locale, now).await
    })
    .await
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
    export(&state, &headers, async |txn, who, locale, now| {
        let filter = super::console::server::audit_filter(&q.action, &q.actor, &q.from, &q.to, 0)?;
        crate::ssr::audit::export(txn, who, &filter, locale, now).await
    })
    .await
}

/// Runs one export for the signed-in caller, in the caller's language, inside one write
/// transaction, and answers with the file: `(file name, body)`.
async fn export(
    state: &AppState,
    headers: &HeaderMap,
    make: impl AsyncFnOnce(&DatabaseTransaction, &Principal, Locale, DateTime<Utc>) -> AppResult<(String, String)>,
) -> Response {
    let file = async {
        let who = request::principal_from(state, headers).await?.ok_or(AppError::Unauthenticated)?;
        let (locale, now) = (request::locale_in(headers), state.clock.now());
        in_write(&state.db, async |txn| make(txn, &who, locale, now).await).await
    };
    attachment(file.await, "text/csv; charset=utf-8")
}

/// `(file name, body)` as a download, never cached; an error as its status code.
pub(crate) fn attachment(result: AppResult<(String, String)>, content_type: &'static str) -> Response {
    match result {
        Ok((name, body)) => {
            let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
                .unwrap_or(HeaderValue::from_static("attachment"));
            (
                [
                    (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
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
