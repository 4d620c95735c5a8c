use crate::error::AppResult;
use crate::model::Viewer;
use leptos::prelude::*;

#[server(endpoint = "accounts/viewer")]
pub async fn current_viewer() -> AppResult<Option<Viewer>> {
    server::current_viewer().await
}

#[server(endpoint = "accounts/register")]
pub async fn register(
    contact: String,
    name: String,
    password: String,
    building_id: String,
    unit_id: String,
    room: String,
    #[server(default)] consent: Option<String>,
) -> AppResult<()> {
    respond(server::register(contact, name, password, building_id, unit_id, room, consent.is_some()).await)
}

#[server(endpoint = "accounts/login")]
pub async fn login(identifier: String, password: String) -> AppResult<()> {
    respond(server::login(identifier, password).await)
}

#[server(endpoint = "accounts/logout")]
pub async fn logout() -> AppResult<()> {
    respond(server::logout(false).await)
}

#[server(endpoint = "accounts/logout_everywhere")]
pub async fn logout_everywhere() -> AppResult<()> {
    respond(server::logout(true).await)
}

#[server(endpoint = "accounts/change_password")]
pub async fn change_password(current_password: String, new_password: String) -> AppResult<()> {
    respond(server::change_password(current_password, new_password).await)
}

/// Deletes the signed-in person's account (PIPL): asks for the password and an explicit
/// confirmation, then signs out.
#[server(endpoint = "accounts/delete")]
pub async fn delete_account(password: String, #[server(default)] confirm: Option<String>) -> AppResult<()> {
    respond(server::delete_account(password, confirm.is_some()).await)
}

/// 长辈模式 on or off (`on` = "1"), remembered for the account and this device.
#[server(endpoint = "accounts/elderly")]
pub async fn set_elderly_mode(on: String) -> AppResult<()> {
    respond(server::set_elderly(on == "1").await)
}

#[server(endpoint = "accounts/language")]
pub async fn set_language(lang: String) -> AppResult<()> {
    respond(server::set_language(lang).await)
}

#[cfg(feature = "ssr")]
use crate::ssr::request::respond;

#[cfg(feature = "ssr")]
mod server {
    use crate::domain::{Checks, ContactPoint, DisplayName, Password, RoomNumber};
    use crate::error::{AppError, AppResult};
    use crate::i18n::{Key, Locale};
    use crate::model::Viewer;
    use crate::ssr::request::{self, state};
    use crate::ssr::{accounts, db, passwords, sessions};

    pub async fn current_viewer() -> AppResult<Option<Viewer>> {
        let state = state()?;
        let Some(who) = request::principal(&state).await? else {
            return Ok(None);
        };
        Ok(accounts::viewer(&state.db, who.account.0, request::locale()).await?)
    }

    fn parse_id(checks: &mut Checks, field: &str, raw: &str) -> Option<i64> {
        checks.field(field, raw.trim().parse::<i64>().map_err(|_| Key::FieldChoose))
    }

    #[allow(clippy::too_many_arguments)]
    pub async fn register(
        contact: String,
        name: String,
        password: String,
        building_id: String,
        unit_id: String,
        room: String,
        consent: bool,
    ) -> AppResult<()> {
        let state = state()?;
        let mut checks = Checks::default();
        let contact = checks.field("contact", ContactPoint::parse(&contact));
        let name = checks.field("name", DisplayName::parse(&name));
        let password = checks.field("password", Password::parse(&password));
        let building = parse_id(&mut checks, "building_id", &building_id);
        let unit = parse_id(&mut checks, "unit_id", &unit_id);
        let room = checks.field("room", RoomNumber::parse(&room));
        if !consent {
            checks.fail("consent", Key::FieldConsent);
        }
        checks.finish()?;
        let (Some(contact), Some(name), Some(password), Some(building), Some(unit), Some(room)) =
            (contact, name, password, building, unit, room)
        else {
            return Err(AppError::Internal);
        };
        let ip = request::client_ip(&state).map(|ip| ip.to_string()).unwrap_or_default();
        if !state.throttle.allow(&format!("register:ip:{ip}"), state.policy.limits.register_per_ip) {
            return Err(AppError::TooManyRequests);
        }
        let password_hash = passwords::hash(&password).await?;
        let now = state.clock.now();
        let txn = db::begin_write(&state.db).await?;
        let registration =
            accounts::Registration { contact, name, password_hash, building, unit, room, locale: request::locale() };
        let account = accounts::register(&txn, registration, accounts::InitialStatus::Pending, now).await?;
        let token = sessions::start(&txn, account, now, &state.policy).await?;
        txn.commit().await?;
        tracing::info!(account, "registered");
        request::set_cookie(sessions::cookie(Some(&token), &state.policy));
        leptos_axum::redirect("/");
        Ok(())
    }

    pub async fn login(identifier: String, password: String) -> AppResult<()> {
        let state = state()?;
        let contact = ContactPoint::parse(&identifier).map_err(|key| AppError::invalid("identifier", key))?;
        let ip = request::client_ip(&state).map(|ip| ip.to_string()).unwrap_or_default();
        let limits = &state.policy.limits;
        // Both counters move on every attempt, so neither spraying one account from many
        // addresses nor many accounts from one address gets far.
        let by_ip = state.throttle.allow(&format!("login:ip:{ip}"), limits.login_per_ip);
        let by_account = state.throttle.allow(&format!("login:acct:{}", contact.as_str()), limits.login_per_account);
        if !(by_ip && by_account) {
            tracing::warn!("sign-in throttled");
            return Err(AppError::TooManyRequests);
        }
        let found = accounts::find_by_contact(&state.db, &contact).await?;
        let ok = passwords::verify(&password, found.as_ref().map(|a| a.password_hash.clone())).await;
        let Some(account) = found.filter(|_| ok) else {
            tracing::info!("sign-in refused");
            return Err(AppError::BadCredentials);
        };
        let now = state.clock.now();
        let txn = db::begin_write(&state.db).await?;
        if let Some(old) = request::session_token() {
            sessions::end(&txn, &old).await?;
        }
        let token = sessions::start(&txn, account.id, now, &state.policy).await?;
        txn.commit().await?;
        tracing::info!(account = account.id, "signed in");
        request::set_cookie(sessions::cookie(Some(&token), &state.policy));
        // The account's choice follows it to a new device.
        request::remember(crate::i18n::ELDERLY_COOKIE, if account.elderly_mode { "1" } else { "0" });
        leptos_axum::redirect("/");
        Ok(())
    }

    pub async fn logout(everywhere: bool) -> AppResult<()> {
        let state = state()?;
        if let Some(token) = request::session_token() {
            if everywhere && let Some(who) = request::principal(&state).await? {
                let ended = sessions::end_all(&state.db, who.account.0, None).await?;
                tracing::info!(account = who.account.0, ended, "signed out everywhere");
            }
            sessions::end(&state.db, &token).await?;
        }
        request::set_cookie(sessions::cookie(None, &state.policy));
        leptos_axum::redirect("/login");
        Ok(())
    }

    pub async fn delete_account(password: String, confirmed: bool) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let stored = accounts::password_hash(&state.db, who.account.0).await?;
        let mut checks = Checks::default();
        if !confirmed {
            checks.fail("confirm", Key::FieldConfirmDelete);
        }
        if !passwords::verify(&password, stored).await {
            checks.fail("password", Key::FieldPasswordWrong);
        }
        checks.finish()?;
        let now = state.clock.now();
        db::in_write(&state.db, async |txn| {
            crate::ssr::my_data::delete_account(txn, &who, now, &state.policy.help).await
        })
        .await?;
        request::set_cookie(sessions::cookie(None, &state.policy));
        leptos_axum::redirect("/login?deleted=1");
        Ok(())
    }

    pub async fn change_password(current: String, new_password: String) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let new_password = Password::parse(&new_password).map_err(|key| AppError::invalid("new_password", key))?;
        let stored = accounts::password_hash(&state.db, who.account.0).await?;
        if !passwords::verify(&current, stored).await {
            return Err(AppError::invalid("current_password", Key::FieldPasswordWrong));
        }
        let hash = passwords::hash(&new_password).await?;
        let txn = db::begin_write(&state.db).await?;
        accounts::set_password_hash(&txn, who.account.0, hash, state.clock.now()).await?;
        // A changed password ends every other device's session: that is usually why it changed.
        sessions::end_all(&txn, who.account.0, request::session_token().as_deref()).await?;
        txn.commit().await?;
        tracing::info!(account = who.account.0, "password changed");
        request::flash(Key::MePasswordChanged);
        Ok(())
    }

    pub async fn set_language(lang: String) -> AppResult<()> {
        let state = state()?;
        let locale = Locale::from_tag(&lang).ok_or_else(|| AppError::invalid("lang", Key::FieldChoose))?;
        if let Some(who) = request::principal(&state).await? {
            accounts::set_locale(&state.db, who.account.0, locale).await?;
        }
        request::remember(Locale::COOKIE, locale.tag());
        back_where_pressed();
        Ok(())
    }

    /// Elderly mode on or off, for the account (if signed in) and this device.
    pub async fn set_elderly(on: bool) -> AppResult<()> {
        let state = state()?;
        if let Some(who) = request::principal(&state).await? {
            accounts::set_elderly(&state.db, who.account.0, on).await?;
        }
        request::remember(crate::i18n::ELDERLY_COOKIE, if on { "1" } else { "0" });
        back_where_pressed();
        Ok(())
    }

    /// Back to the page a switch was pressed on: only its path, never another host.
    fn back_where_pressed() {
        let back = request::header(http::header::REFERER)
            .and_then(|r| r.find("://").and_then(|i| r[i + 3..].find('/').map(|j| r[i + 3 + j..].to_owned())))
            .filter(|path| !path.starts_with("//"))
            .unwrap_or_else(|| "/me".to_owned());
        leptos_axum::redirect(&back);
    }
}
