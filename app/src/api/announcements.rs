//! Announcements: the list and one announcement for residents; publishing and pinning for
//! the service centre.

use crate::announcements::{AnnouncementList, AnnouncementView};
use crate::error::AppResult;
use leptos::prelude::*;

#[server(endpoint = "announcements/list")]
pub async fn load_announcements(#[server(default)] page: u32) -> AppResult<AnnouncementList> {
    respond(server::list(page).await)
}

#[server(endpoint = "announcements/view")]
pub async fn load_announcement(id: i64) -> AppResult<AnnouncementView> {
    respond(server::view(id).await)
}

/// `building` empty: the whole community. `push`: send it to everyone addressed.
#[server(endpoint = "announcements/publish")]
pub async fn publish_announcement(
    title: String,
    body: String,
    #[server(default)] building: String,
    #[server(default)] pinned: Option<String>,
    #[server(default)] push: Option<String>,
) -> AppResult<()> {
    respond(server::publish(title, body, building, pinned.is_some(), push.is_some()).await)
}

#[server(endpoint = "announcements/pin")]
pub async fn pin_announcement(id: i64, #[server(default)] pinned: bool) -> AppResult<()> {
    respond(server::pin(id, pinned).await)
}

#[cfg(feature = "ssr")]
use crate::ssr::request::respond;

#[cfg(feature = "ssr")]
mod server {
    use crate::announcements::{AnnouncementList, AnnouncementView};
    use crate::domain::{AnnouncementBody, AnnouncementTitle, Checks};
    use crate::error::{AppError, AppResult};
    use crate::i18n::Key;
    use crate::model::BuildingId;
    use crate::ssr::announcements::{self, Draft};
    use crate::ssr::db::in_write;
    use crate::ssr::request::{self, state};

    pub async fn list(page: u32) -> AppResult<AnnouncementList> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        announcements::list(&state.db, &who, page.min(10_000), request::locale()).await
    }

    pub async fn view(id: i64) -> AppResult<AnnouncementView> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        announcements::view(&state.db, &who, id, request::locale()).await
    }

    pub async fn publish(title: String, body: String, building: String, pinned: bool, push: bool) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let mut checks = Checks::default();
        let title = checks.field("title", AnnouncementTitle::parse(&title));
        let body = checks.field("body", AnnouncementBody::parse(&body));
        let building = match building.trim() {
            "" => Some(None),
            raw => checks
                .field("building", raw.parse::<i64>().map(|b| Some(BuildingId(b))).map_err(|_| Key::FieldAudience)),
        };
        checks.finish()?;
        let draft = Draft {
            title: title.expect("checked"),
            body: body.expect("checked"),
            building: building.ok_or(AppError::Internal)?,
            pinned,
            push,
        };
        let now = state.clock.now();
        let id = in_write(&state.db, async |txn| announcements::publish(txn, &who, draft, now).await).await?;
        leptos_axum::redirect(&format!("/announcements/{id}"));
        Ok(())
    }

    pub async fn pin(id: i64, pinned: bool) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let now = state.clock.now();
        in_write(&state.db, async |txn| announcements::pin(txn, &who, id, pinned, now).await).await
    }
}
