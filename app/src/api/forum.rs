//! The residents' forum: topics; their replies go through `comments/*` with `topic`.

use crate::deliberation::{ForumPage, TopicView};
use crate::error::AppResult;
use leptos::prelude::*;

#[server(endpoint = "forum/page")]
pub async fn load_forum(#[server(default)] page: u32) -> AppResult<ForumPage> {
    respond(server::page(page).await)
}

#[server(endpoint = "forum/open")]
pub async fn open_topic(title: String, body: String) -> AppResult<()> {
    respond(server::open(title, body).await)
}

#[server(endpoint = "forum/topic")]
pub async fn load_topic(id: i64) -> AppResult<TopicView> {
    respond(server::topic(id).await)
}

#[server(endpoint = "forum/hide")]
pub async fn hide_topic(id: i64, reason: String) -> AppResult<()> {
    respond(server::hide(id, reason).await)
}

#[cfg(feature = "ssr")]
use crate::ssr::request::respond;

#[cfg(feature = "ssr")]
mod server {
    use crate::deliberation::{ForumPage, TopicView};
    use crate::domain::{Checks, CommentBody, Reason, TopicTitle};
    use crate::error::{AppError, AppResult};
    use crate::ssr::db::in_write;
    use crate::ssr::forum;
    use crate::ssr::quotas::{self, Posting};
    use crate::ssr::request::{self, state};

    pub async fn page(page: u32) -> AppResult<ForumPage> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        forum::page(&state.db, &who, page.min(10_000)).await
    }

    pub async fn open(title: String, body: String) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let mut checks = Checks::default();
        let title = checks.field("title", TopicTitle::parse(&title));
        let body = checks.field("body", CommentBody::parse(&body));
        checks.finish()?;
        let (title, body) = (title.expect("checked"), body.expect("checked"));
        let now = state.clock.now();
        quotas::check_address(&state)?;
        let id = in_write(&state.db, async |txn| {
            quotas::check(txn, &state.policy.limits, Posting::Topic, who.account, now).await?;
            forum::open(txn, &who, title, body, now).await
        })
        .await?;
        leptos_axum::redirect(&format!("/forum/{id}"));
        Ok(())
    }

    pub async fn topic(id: i64) -> AppResult<TopicView> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        forum::topic(&state.db, &who, id).await
    }

    pub async fn hide(id: i64, reason: String) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let reason = Reason::parse(&reason).map_err(|k| AppError::invalid("reason", k))?;
        let now = state.clock.now();
        in_write(&state.db, async |txn| forum::hide(txn, &who, id, reason, now).await).await
    }
}
