//! 《家园》: the shelf of issues, one issue, and the service centre's editing.

use crate::error::AppResult;
use crate::magazine::{IssueView, MagazineShelf};
use leptos::prelude::*;

#[server(endpoint = "magazine/shelf")]
pub async fn load_shelf() -> AppResult<MagazineShelf> {
    respond(server::shelf().await)
}

#[server(endpoint = "magazine/issue")]
pub async fn load_issue(id: i64) -> AppResult<IssueView> {
    respond(server::issue(id).await)
}

/// Starts a draft issue for a quarter (`2026Q4`).
#[server(endpoint = "magazine/start")]
pub async fn start_issue(title: String, season: String, intro: String) -> AppResult<()> {
    respond(server::start(title, season, intro).await)
}

#[server(endpoint = "magazine/article")]
pub async fn add_article(issue: i64, title: String, byline: String, body: String) -> AppResult<()> {
    respond(server::article(issue, title, byline, body).await)
}

#[server(endpoint = "magazine/publish")]
pub async fn publish_issue(id: i64) -> AppResult<()> {
    respond(server::publish(id).await)
}

#[cfg(feature = "ssr")]
use crate::ssr::request::respond;

#[cfg(feature = "ssr")]
mod server {
    use crate::domain::{AnnouncementBody, AnnouncementTitle, Checks, ShortNote};
    use crate::error::AppResult;
    use crate::magazine::{IssueView, MagazineShelf};
    use crate::services::Quarter;
    use crate::ssr::db::in_write;
    use crate::ssr::magazine;
    use crate::ssr::request::{self, state};

    pub async fn shelf() -> AppResult<MagazineShelf> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        magazine::shelf(&state.db, &who).await
    }

    pub async fn issue(id: i64) -> AppResult<IssueView> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        magazine::issue(&state.db, &who, id).await
    }

    pub async fn start(title: String, season: String, intro: String) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let mut checks = Checks::default();
        let title = checks.field("title", AnnouncementTitle::parse(&title));
        let season = checks.field("season", Quarter::parse(&season));
        let intro = checks.field("intro", AnnouncementBody::parse(&intro));
        checks.finish()?;
        let (title, season, intro) = (title.expect("checked"), season.expect("checked"), intro.expect("checked"));
        let now = state.clock.now();
        let id = in_write(&state.db, async |txn| magazine::start(txn, &who, title, season, intro, now).await).await?;
        leptos_axum::redirect(&format!("/magazine/{id}"));
        Ok(())
    }

    pub async fn article(issue: i64, title: String, byline: String, body: String) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let mut checks = Checks::default();
        let title = checks.field("title", AnnouncementTitle::parse(&title));
        let byline = checks.field("byline", ShortNote::parse(&byline));
        let body = checks.field("body", AnnouncementBody::parse(&body));
        checks.finish()?;
        let (title, byline, body) = (title.expect("checked"), byline.expect("checked"), body.expect("checked"));
        let now = state.clock.now();
        in_write(&state.db, async |txn| magazine::add_article(txn, &who, issue, title, byline, body, now).await).await
    }

    pub async fn publish(id: i64) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let now = state.clock.now();
        in_write(&state.db, async |txn| magazine::publish(txn, &who, id, now).await).await
    }
}
