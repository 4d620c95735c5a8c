//! The errors a server function can return. They keep their meaning across the wire (the
//! client shows a translated message, a form marks the fields) and map to HTTP statuses.

use crate::authz::Refusal;
use crate::domain::FieldError;
use crate::i18n::Key;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not signed in")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    #[error("account not verified")]
    NotVerified,
    #[error("not found")]
    NotFound,
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error("conflict: {0:?}")]
    Conflict(Key),
    #[error("too many requests")]
    TooManyRequests,
    #[error("bad credentials")]
    BadCredentials,
    /// Something broke inside; the details went to the log, never to the client.
    #[error("internal error")]
    Internal,
    /// The database cannot be reached for now; nothing was changed.
    #[error("unavailable")]
    Unavailable,
    /// The request never reached our code, or its answer never came back.
    #[error("transport: {0}")]
    Transport(String),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}

impl From<Refusal> for AppError {
    fn from(refusal: Refusal) -> Self {
        match refusal {
            Refusal::NotSignedIn => AppError::Unauthenticated,
            Refusal::NotVerified => AppError::NotVerified,
            Refusal::Forbidden => AppError::Forbidden,
        }
    }
}

impl From<Vec<FieldError>> for AppError {
    fn from(errors: Vec<FieldError>) -> Self {
        AppError::Invalid(errors)
    }
}

impl AppError {
    pub fn invalid(field: &str, key: Key) -> Self {
        AppError::Invalid(vec![FieldError::new(field, key)])
    }

    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated => 401,
            AppError::Forbidden | AppError::NotVerified => 403,
            AppError::NotFound => 404,
            AppError::Invalid(_) => 422,
            AppError::Conflict(_) => 409,
            AppError::TooManyRequests => 429,
            AppError::BadCredentials => 401,
            AppError::Internal => 500,
            AppError::Unavailable => 503,
            AppError::Transport(_) => 503,
        }
    }

    /// The sentence shown above a form or on an error page.
    pub fn message(&self) -> Key {
        match self {
            AppError::Unauthenticated => Key::ErrUnauthenticated,
            AppError::Forbidden => Key::ErrForbidden,
            AppError::NotVerified => Key::ErrNotVerified,
            AppError::NotFound => Key::ErrNotFound,
            AppError::Invalid(_) => Key::ErrInvalid,
            AppError::Conflict(key) => *key,
            AppError::TooManyRequests => Key::ErrTooMany,
            AppError::BadCredentials => Key::ErrBadCredentials,
            AppError::Internal => Key::ErrInternal,
            AppError::Unavailable => Key::ErrUnavailable,
            AppError::Transport(_) => Key::ErrNetwork,
        }
    }

    /// The problem with one field, if this error names it.
    pub fn field(&self, name: &str) -> Option<Key> {
        match self {
            AppError::Invalid(errors) => errors.iter().find(|e| e.field == name).map(|e| e.key),
            _ => None,
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;
