//! The inbox, this device's push subscription, and what to push.

// A server function takes its form's fields one by one; the settings form has eight.
#![allow(clippy::too_many_arguments)]

use crate::error::AppResult;
use crate::notifications::{Inbox, PushPreferences};
use leptos::prelude::*;

#[server(endpoint = "inbox/list")]
pub async fn load_inbox() -> AppResult<Inbox> {
    respond(server::inbox().await)
}

/// Marks the item read and goes to what it is about.
#[server(endpoint = "inbox/open")]
pub async fn open_notification(id: i64) -> AppResult<()> {
    respond(server::open(id).await)
}

#[server(endpoint = "inbox/read-all")]
pub async fn mark_all_read() -> AppResult<()> {
    respond(server::mark_all_read().await)
}

#[server(endpoint = "push/preferences")]
pub async fn load_push_preferences() -> AppResult<PushPreferences> {
    respond(server::preferences().await)
}

/// One checkbox per topic (named by `Topic::as_str`), so the form works without JavaScript.
#[server(endpoint = "push/save")]
pub async fn save_push_preferences(
    #[server(default)] building_help: Option<String>,
    #[server(default)] my_requests: Option<String>,
    #[server(default)] staff_help: Option<String>,
    #[server(default)] proposals: Option<String>,
    #[server(default)] alerts: Option<String>,
    #[server(default)] announcements: Option<String>,
    #[server(default)] forum: Option<String>,
    #[server(default)] staff_services: Option<String>,
    #[server(default)] quiet_from: String,
    #[server(default)] quiet_until: String,
) -> AppResult<()> {
    use crate::notifications::Topic;
    let checked = [
        (Topic::BuildingHelp, building_help),
        (Topic::MyRequests, my_requests),
        (Topic::StaffHelp, staff_help),
        (Topic::Proposals, proposals),
        (Topic::Alerts, alerts),
        (Topic::Announcements, announcements),
        (Topic::Forum, forum),
        (Topic::StaffServices, staff_services),
    ];
    let pushed: Vec<Topic> = checked.into_iter().filter_map(|(t, on)| on.map(|_| t)).collect();
    respond(server::save(pushed, quiet_from, quiet_until).await)
}

/// The VAPID public key new subscriptions must use.
#[server(endpoint = "push/key")]
pub async fn push_public_key() -> AppResult<String> {
    respond(server::public_key().await)
}

#[server(endpoint = "push/subscribe")]
pub async fn subscribe_push(endpoint: String, p256dh: String, auth: String) -> AppResult<()> {
    respond(server::subscribe(endpoint, p256dh, auth).await)
}

/// Whether this device's endpoint is registered to me.
#[server(endpoint = "push/known")]
pub async fn push_device_known(endpoint: String) -> AppResult<bool> {
    respond(server::known(endpoint).await)
}

/// Removes a device: by `id` from my list, or by `endpoint` from the device itself.
#[server(endpoint = "push/remove")]
pub async fn remove_push_device(
    #[server(default)] id: Option<i64>,
    #[server(default)] endpoint: Option<String>,
) -> AppResult<()> {
    respond(server::remove(id, endpoint).await)
}

/// Called by the service worker when it showed a notification. The token is the proof; no
/// session is needed (the worker may run long after the page).
#[server(endpoint = "push/receipt")]
pub async fn push_receipt(token: String) -> AppResult<()> {
    respond(server::receipt(token).await)
}

#[cfg(feature = "ssr")]
use crate::ssr::request::respond;

#[cfg(feature = "ssr")]
mod server {
    use crate::error::{AppError, AppResult};
    use crate::i18n::Key;
    use crate::notifications::{Inbox, PushPreferences, Topic, parse_clock};
    use crate::ssr::push::{dispatch, keys, subscriptions};
    use crate::ssr::request::{self, state};
    use crate::ssr::{db, notifications};

    pub async fn inbox() -> AppResult<Inbox> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        Ok(notifications::inbox(&state.db, who.account.0).await?)
    }

    pub async fn open(id: i64) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let url =
            notifications::open(&state.db, who.account.0, id, state.clock.now()).await?.ok_or(AppError::NotFound)?;
        leptos_axum::redirect(&url);
        Ok(())
    }

    pub async fn mark_all_read() -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        notifications::mark_read(&state.db, who.account.0, None, state.clock.now()).await?;
        Ok(())
    }

    pub async fn preferences() -> AppResult<PushPreferences> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        subscriptions::preferences(&state.db, &who).await
    }

    pub async fn save(pushed: Vec<Topic>, quiet_from: String, quiet_until: String) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let quiet = match (quiet_from.trim(), quiet_until.trim()) {
            ("", "") => None,
            (from, until) => match (parse_clock(from), parse_clock(until)) {
                (Some(f), Some(u)) if f != u => Some((f, u)),
                _ => return Err(AppError::invalid("quiet_from", Key::FieldQuietHours)),
            },
        };
        let txn = db::begin_write(&state.db).await?;
        subscriptions::save_preferences(&txn, &who, &pushed, quiet, state.clock.now()).await?;
        txn.commit().await?;
        request::flash(Key::Saved);
        Ok(())
    }

    pub async fn public_key() -> AppResult<String> {
        let state = state()?;
        request::signed_in(&state).await?;
        Ok(keys::current(&state.db).await?.map(|k| k.public_key).unwrap_or_default())
    }

    pub async fn subscribe(endpoint: String, p256dh: String, auth: String) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let new = subscriptions::NewSubscription::parse(&endpoint, &p256dh, &auth, &state.policy.push.allowed_origins)?;
        let label = subscriptions::device_label(&request::header(http::header::USER_AGENT).unwrap_or_default());
        let session = request::session_token().map(|t| crate::ssr::sessions::digest(&t));
        let txn = db::begin_write(&state.db).await?;
        subscriptions::subscribe(&txn, &who, new, label, session, state.clock.now()).await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn known(endpoint: String) -> AppResult<bool> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        Ok(subscriptions::is_registered(&state.db, &who, &endpoint).await?)
    }

    pub async fn remove(id: Option<i64>, endpoint: Option<String>) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        subscriptions::remove(&state.db, &who, id, endpoint.as_deref()).await
    }

    pub async fn receipt(token: String) -> AppResult<()> {
        let state = state()?;
        Ok(dispatch::receipt(&state.db, &token, state.clock.now()).await?)
    }
}
