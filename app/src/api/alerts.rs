use crate::alerts::AlertFeed;
use crate::error::AppResult;
use leptos::prelude::*;

#[server(endpoint = "alerts/feed")]
pub async fn load_alert_feed() -> AppResult<AlertFeed> {
    respond(server::feed().await)
}

#[server(endpoint = "alerts/post")]
pub async fn post_alert(
    body: String,
    #[server(default)] whole_community: Option<String>,
    #[server(default)] key: String,
) -> AppResult<()> {
    respond(server::post(body, whole_community.is_some(), key).await)
}

#[server(endpoint = "alerts/reply")]
pub async fn reply_to_alert(id: i64, body: String, #[server(default)] key: String) -> AppResult<()> {
    respond(server::reply(id, body, key).await)
}

#[server(endpoint = "alerts/report")]
pub async fn report_alert(id: i64) -> AppResult<()> {
    respond(server::report(id).await)
}

#[server(endpoint = "alerts/hide")]
pub async fn hide_alert(id: i64, reason: String) -> AppResult<()> {
    respond(server::hide(id, reason).await)
}

#[cfg(feature = "ssr")]
use crate::ssr::request::respond;

#[cfg(feature = "ssr")]
mod server {
    use crate::alerts::AlertFeed;
    use crate::domain::{AlertText, Reason};
    use crate::error::{AppError, AppResult};
    use crate::i18n::Key;
    use crate::ssr::db::{self, in_write};
    use crate::ssr::quotas::{self, Posting};
    use crate::ssr::request::{self, state};
    use crate::ssr::{alerts, submissions};

    fn text(field: &str, raw: &str) -> AppResult<AlertText> {
        AlertText::parse(raw).map_err(|k| AppError::invalid(field, k))
    }

    pub async fn feed() -> AppResult<AlertFeed> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        alerts::feed(&state.db, &who, request::locale()).await
    }

    pub async fn post(body: String, whole_community: bool, key: String) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let body = text("body", &body)?;
        let key = submissions::parse_key(&key)?;
        let now = state.clock.now();
        quotas::check_address(&state)?;
        in_write(&state.db, async |txn| {
            if submissions::first_time(txn, who.account.0, key.as_ref(), now).await? {
                quotas::check(txn, &state.policy.limits, Posting::Alert, who.account, now).await?;
                alerts::post(txn, &who, body, whole_community, now).await?;
            }
            Ok(())
        })
        .await
    }

    pub async fn reply(id: i64, body: String, key: String) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let body = text("body", &body)?;
        let key = submissions::parse_key(&key)?;
        let now = state.clock.now();
        quotas::check_address(&state)?;
        in_write(&state.db, async |txn| {
            if submissions::first_time(txn, who.account.0, key.as_ref(), now).await? {
                quotas::check(txn, &state.policy.limits, Posting::AlertReply, who.account, now).await?;
                alerts::reply(txn, &who, id, body, now).await?;
            }
            Ok(())
        })
        .await
    }

    pub async fn report(id: i64) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let txn = db::begin_write(&state.db).await?;
        alerts::report(&txn, &who, id, state.clock.now()).await?;
        txn.commit().await?;
        request::flash(Key::AlertsReported);
        Ok(())
    }

    pub async fn hide(id: i64, reason: String) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let reason = Reason::parse(&reason).map_err(|k| AppError::invalid("reason", k))?;
        let txn = db::begin_write(&state.db).await?;
        alerts::hide(&txn, &who, id, reason, state.clock.now()).await?;
        txn.commit().await?;
        Ok(())
    }
}
