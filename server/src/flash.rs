//! A confirmation carried across the redirect after a form post (`app::ssr::request::flash`)
//! is shown once: the answer to the page that showed it clears the cookie.

use app::ssr::request::{FLASH_COOKIE, cookie_in};
use axum::extract::Request;
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::Response;

pub async fn clear_shown(request: Request, next: Next) -> Response {
    let carried = request.method() == Method::GET && cookie_in(request.headers(), FLASH_COOKIE).is_some();
    let mut response = next.run(request).await;
    let page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if carried && page {
        let clear = format!("{FLASH_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly");
        if let Ok(value) = HeaderValue::from_str(&clear) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}
