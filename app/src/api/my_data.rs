//! `GET /me/data.json`: the signed-in person's own data as a file (PIPL), a plain link that
//! works with or without JavaScript.

use crate::error::AppError;
use crate::ssr::{AppState, file_date, request};
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;

pub fn routes() -> axum::Router<AppState> {
    axum::Router::new().route("/me/data.json", get(my_data))
}

async fn my_data(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let file = async {
        let who = request::principal_from(&state, &headers).await?.ok_or(AppError::Unauthenticated)?;
        let now = state.clock.now();
        let data = crate::ssr::my_data::export(&state.db, &who, request::locale_in(&headers), now).await?;
        let body = serde_json::to_string_pretty(&data).map_err(|_| AppError::Internal)?;
        Ok((format!("jiayuan-my-data-{}.json", file_date(now)), body))
    };
    super::exports::attachment(file.await, "application/json; charset=utf-8")
}
