//! Photos over plain HTTP: a multipart form that works without JavaScript, and the image
//! itself. Not server functions: one takes a file, the other answers bytes.

use crate::error::AppError;
use crate::i18n::Key;
use crate::ssr::db::in_write;
use crate::ssr::photos::{self, MAX_UPLOAD_BYTES, PhotoTarget};
use crate::ssr::{AppState, request};
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

/// `POST /photos` (multipart: `proposal`, `update` for a progress photo, `photo`) and
/// `GET /photos/{id}`.
pub fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/photos", post(upload).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES + 64 * 1024)))
        .route("/photos/{id}", get(serve))
}

#[derive(Default)]
struct UploadForm {
    proposal: Option<i64>,
    update: Option<i64>,
    photo: Vec<u8>,
}

async fn read_form(form: &mut Multipart) -> Result<UploadForm, Key> {
    let mut out = UploadForm::default();
    while let Some(field) = form.next_field().await.map_err(|_| Key::FieldPhotoTooLarge)? {
        match field.name().unwrap_or_default() {
            "proposal" => out.proposal = field.text().await.ok().and_then(|t| t.trim().parse().ok()),
            "update" => out.update = field.text().await.ok().and_then(|t| t.trim().parse().ok()),
            "photo" => out.photo = field.bytes().await.map_err(|_| Key::FieldPhotoTooLarge)?.to_vec(),
            _ => {}
        }
    }
    Ok(out)
}

/// Stores the photo and goes back to the proposal, saying how it went in the address
/// (`?photo=added` or `?photo=<message>`), so the page can show it in the person's language.
async fn upload(State(state): State<AppState>, headers: HeaderMap, mut form: Multipart) -> Response {
    let who = match request::principal_from(&state, &headers).await {
        Ok(Some(who)) => who,
        Ok(None) => return Redirect::to("/login").into_response(),
        Err(_) => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
    };
    let form = match read_form(&mut form).await {
        Ok(form) => form,
        Err(key) => return (StatusCode::PAYLOAD_TOO_LARGE, format!("{key:?}")).into_response(),
    };
    let Some(proposal) = form.proposal else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let target = form.update.map_or(PhotoTarget::Proposal(proposal), PhotoTarget::Update);
    let bytes = form.photo;
    let encoded = tokio::task::spawn_blocking(move || photos::reencode(&bytes)).await;
    let outcome = match encoded {
        Ok(Ok(encoded)) => {
            let now = state.clock.now();
            in_write(&state.db, async |txn| photos::attach(txn, &who, target, encoded, now).await)
                .await
                .map(|_| ())
                .map_err(|e| e.field("photo").unwrap_or(e.message()))
        }
        Ok(Err(key)) => Err(key),
        Err(_) => Err(AppError::Internal.message()),
    };
    let said = match outcome {
        Ok(()) => "added".to_owned(),
        Err(key) => format!("{key:?}"),
    };
    Redirect::to(&format!("/projects/{proposal}?photo={said}")).into_response()
}

/// The JPEG, for someone who may see what it belongs to; private to the browser's cache.
async fn serve(State(state): State<AppState>, headers: HeaderMap, Path(id): Path<i64>) -> Response {
    let Ok(Some(who)) = request::principal_from(&state, &headers).await else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    match photos::read(&state.db, &who, id).await {
        Ok(photo) => {
            let content_type =
                HeaderValue::from_str(&photo.content_type).unwrap_or(HeaderValue::from_static("image/jpeg"));
            (
                [
                    (header::CONTENT_TYPE, content_type),
                    (header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=86400, immutable")),
                    (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
                ],
                photo.bytes,
            )
                .into_response()
        }
        Err(e) => StatusCode::from_u16(e.status()).unwrap_or(StatusCode::NOT_FOUND).into_response(),
    }
}
