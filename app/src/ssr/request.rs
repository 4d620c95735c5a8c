//! What a server function knows about the request it serves: state, caller, language,
//! client address; and what it can say back (cookies, status).

use super::state::AppState;
use super::{accounts, sessions};
use crate::authz::{self, Action, Principal};
use crate::error::{AppError, AppResult};
use crate::i18n::{Key, Locale};
use http::header::{ACCEPT, ACCEPT_LANGUAGE, CONTENT_SECURITY_POLICY, COOKIE, SET_COOKIE};
use http::request::Parts;
use http::{HeaderValue, StatusCode};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;
use std::net::{IpAddr, SocketAddr};

pub fn state() -> AppResult<AppState> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Internal
    })
}

fn parts() -> Option<Parts> {
    use_context::<Parts>()
}

pub fn header(name: http::HeaderName) -> Option<String> {
    parts()?.headers.get(name)?.to_str().ok().map(str::to_owned)
}

pub fn cookie(name: &str) -> Option<String> {
    cookie_in(&parts()?.headers, name)
}

pub fn cookie_in(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers.get_all(COOKIE).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(|pair| {
        let (key, value) = pair.trim().split_once('=')?;
        (key == name).then(|| value.to_owned())
    })
}

/// The page language: the language cookie, else the browser's `Accept-Language`, else Chinese.
pub fn locale() -> Locale {
    parts().map(|p| locale_in(&p.headers)).unwrap_or_default()
}

/// The same, from a plain axum handler's request headers.
pub fn locale_in(headers: &http::HeaderMap) -> Locale {
    cookie_in(headers, Locale::COOKIE)
        .and_then(|tag| Locale::from_tag(&tag))
        .or_else(|| headers.get(ACCEPT_LANGUAGE).and_then(|h| h.to_str().ok()).and_then(Locale::from_accept_language))
        .unwrap_or_default()
}

/// The cookie that carries one confirmation ("saved", "your ballot is recorded") across the
/// redirect that follows a form post. The page it lands on shows it, and the server clears it
/// on that page's answer (`server::flash`).
pub const FLASH_COOKIE: &str = "jy_flash";

/// Confirms a form's success on the page the person is sent back to.
pub fn flash(key: Key) {
    set_cookie(format!("{FLASH_COOKIE}={key:?}; Path=/; Max-Age=60; SameSite=Lax; HttpOnly"));
}

/// The confirmation waiting for this page, if any.
pub fn flashed() -> Option<Key> {
    let name = parts().and_then(|p| cookie_in(&p.headers, FLASH_COOKIE))?;
    serde_json::from_value(serde_json::Value::String(name)).ok()
}

/// The Content-Security-Policy of a page: scripts from our origin, or inline with this page's
/// nonce, and WebAssembly compiled from our bundle; inline styles (the charts' bars); no
/// plugins, no framing, no other base, forms only to us.
pub fn set_page_policy(nonce: &str) {
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    );
    if let (Some(res), Ok(value)) = (use_context::<ResponseOptions>(), HeaderValue::from_str(&policy)) {
        res.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}

/// A device preference kept for a year (language, elderly mode): not a secret, read by the
/// shell on every page.
pub fn remember(name: &str, value: &str) {
    set_cookie(format!("{name}={value}; Path=/; Max-Age=31536000; SameSite=Lax"));
}

/// Whether this device asked for elderly mode.
pub fn elderly() -> bool {
    parts().and_then(|p| cookie_in(&p.headers, crate::i18n::ELDERLY_COOKIE)).is_some_and(|v| v == "1")
}

pub fn set_cookie(value: String) {
    if let (Some(res), Ok(value)) = (use_context::<ResponseOptions>(), HeaderValue::from_str(&value)) {
        res.append_header(SET_COOKIE, value);
    }
}

/// The client's address: the socket peer, or the last hop our own proxy added when the
/// configuration says a proxy is in front.
pub fn client_ip(state: &AppState) -> Option<IpAddr> {
    let parts = parts()?;
    if state.policy.trust_proxy_headers {
        let forwarded = parts.headers.get("x-forwarded-for").and_then(|v| v.to_str().ok());
        if let Some(ip) = forwarded.and_then(|v| v.rsplit(',').next()).and_then(|ip| ip.trim().parse().ok()) {
            return Some(ip);
        }
    }
    parts.extensions.get::<axum::extract::ConnectInfo<SocketAddr>>().map(|info| info.0.ip())
}

pub fn session_token() -> Option<String> {
    cookie(sessions::COOKIE).filter(|t| !t.is_empty())
}

/// The caller of a page being rendered, looked up once for all of its resources: a page runs
/// several server functions (the viewer, the board…), and each asks who is calling. Only
/// page renders get one; a server function called on its own may change the session, so it
/// looks the caller up afresh.
#[derive(Clone, Default)]
pub struct PageCaller(std::sync::Arc<tokio::sync::OnceCell<Option<Principal>>>);

/// The signed-in caller, if any.
pub async fn principal(state: &AppState) -> AppResult<Option<Principal>> {
    match use_context::<PageCaller>() {
        Some(page) => page.0.get_or_try_init(|| principal_of(state, session_token())).await.cloned(),
        None => principal_of(state, session_token()).await,
    }
}

/// The caller of a plain axum handler, from its request headers.
pub async fn principal_from(state: &AppState, headers: &http::HeaderMap) -> AppResult<Option<Principal>> {
    principal_of(state, cookie_in(headers, sessions::COOKIE).filter(|t| !t.is_empty())).await
}

async fn principal_of(state: &AppState, token: Option<String>) -> AppResult<Option<Principal>> {
    let Some(token) = token else {
        return Ok(None);
    };
    let Some(account) = sessions::resolve(&state.db, &token, state.clock.now(), &state.policy).await? else {
        return Ok(None);
    };
    Ok(accounts::load_principal(&state.db, account).await?)
}

/// The caller, refused unless the rules allow `action`.
pub async fn require(state: &AppState, action: Action) -> AppResult<Principal> {
    let who = principal(state).await?;
    authz::authorize(who.as_ref(), action)?;
    Ok(who.expect("authorize refuses anonymous callers"))
}

/// The caller, who must at least be signed in.
pub async fn signed_in(state: &AppState) -> AppResult<Principal> {
    principal(state).await?.ok_or(AppError::Unauthenticated)
}

fn accepts_html() -> bool {
    header(ACCEPT).is_some_and(|a| a.contains("text/html"))
}

/// Whether this request is a call of a server function (not a page whose rendering calls one).
fn is_api_call() -> bool {
    parts().is_some_and(|p| p.uri.path().starts_with("/api/"))
}

/// Gives an error its HTTP status for API clients. Plain HTML form posts keep the redirect
/// that carries the error back to the form, and a page rendering a server function's error
/// stays 200 with the error shown in it (the status would otherwise depend on whether the
/// error came before the first streamed chunk).
pub fn respond<T>(result: AppResult<T>) -> AppResult<T> {
    if let Err(err) = &result
        && is_api_call()
        && !accepts_html()
        && let (Some(res), Ok(status)) = (use_context::<ResponseOptions>(), StatusCode::from_u16(err.status()))
    {
        res.set_status(status);
    }
    result
}
