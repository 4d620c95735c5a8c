//! Comments on proposals and forum topics: read the thread, post or reply, report, hide.
//! The subject is named by `proposal` or `topic`.

use crate::deliberation::Thread;
use crate::error::AppResult;
use leptos::prelude::*;

#[server(endpoint = "comments/thread")]
pub async fn load_thread(
    #[server(default)] proposal: Option<i64>,
    #[server(default)] topic: Option<i64>,
) -> AppResult<Thread> {
    respond(server::thread(proposal, topic).await)
}

/// `stance` (proposals): `for`, `against`, `question` or empty; `parent` for a reply.
#[server(endpoint = "comments/post")]
pub async fn post_comment(
    #[server(default)] proposal: Option<i64>,
    #[server(default)] topic: Option<i64>,
    #[server(default)] parent: Option<i64>,
    #[server(default)] stance: String,
    body: String,
    #[server(default)] key: String,
) -> AppResult<()> {
    respond(server::post(proposal, topic, parent, stance, body, key).await)
}

#[server(endpoint = "comments/report")]
pub async fn report_comment(id: i64, #[server(default)] reason: String) -> AppResult<()> {
    respond(server::report(id, reason).await)
}

#[server(endpoint = "comments/hide")]
pub async fn hide_comment(id: i64, reason: String) -> AppResult<()> {
    respond(server::hide(id, reason).await)
}

#[cfg(feature = "ssr")]
use crate::ssr::request::respond;

#[cfg(feature = "ssr")]
mod server {
    use crate::deliberation::{Stance, Subject, Thread};
    use crate::domain::{CommentBody, Reason};
    use crate::error::{AppError, AppResult};
    use crate::ssr::comments::{self, NewComment};
    use crate::ssr::db::in_write;
    use crate::ssr::quotas::{self, Posting};
    use crate::ssr::request::{self, state};
    use crate::ssr::submissions;

    fn subject(proposal: Option<i64>, topic: Option<i64>) -> AppResult<Subject> {
        match (proposal, topic) {
            (Some(id), None) => Ok(Subject::Proposal(id)),
            (None, Some(id)) => Ok(Subject::Topic(id)),
            _ => Err(AppError::NotFound),
        }
    }

    pub async fn thread(proposal: Option<i64>, topic: Option<i64>) -> AppResult<Thread> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        comments::thread(&state.db, &who, subject(proposal, topic)?).await
    }

    pub async fn post(
        proposal: Option<i64>,
        topic: Option<i64>,
        parent: Option<i64>,
        stance: String,
        body: String,
        key: String,
    ) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let subject = subject(proposal, topic)?;
        let body = CommentBody::parse(&body).map_err(|k| AppError::invalid("body", k))?;
        let key = submissions::parse_key(&key)?;
        let new = NewComment { subject, parent, stance: Stance::parse(&stance), body };
        let now = state.clock.now();
        quotas::check_address(&state)?;
        in_write(&state.db, async |txn| {
            if submissions::first_time(txn, who.account.0, key.as_ref(), now).await? {
                quotas::check(txn, &state.policy.limits, Posting::Comment, who.account, now).await?;
                comments::post(txn, &who, new, now).await?;
            }
            Ok(())
        })
        .await
    }

    pub async fn report(id: i64, reason: String) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let reason = if reason.trim().is_empty() {
            None
        } else {
            Some(Reason::parse(&reason).map_err(|k| AppError::invalid("reason", k))?)
        };
        let now = state.clock.now();
        in_write(&state.db, async |txn| comments::report(txn, &who, id, reason, now).await).await
    }

    pub async fn hide(id: i64, reason: String) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let reason = Reason::parse(&reason).map_err(|k| AppError::invalid("reason", k))?;
        let now = state.clock.now();
        in_write(&state.db, async |txn| comments::hide(txn, &who, id, reason, now).await).await
    }
}
