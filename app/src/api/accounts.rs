use crate::error::AppResult;
use crate::model::{TwoStepStatus, Viewer};
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

/// The second step of signing in, for accounts with two-step sign-in: the code from the
/// authenticator app, after the password was right.
#[server(endpoint = "accounts/second_step")]
pub async fn second_step(code: String) -> AppResult<()> {
    respond(server::second_step(code).await)
}

#[server(endpoint = "accounts/two_step")]
pub async fn load_two_step() -> AppResult<TwoStepStatus> {
    respond(server::two_step_status().await)
}

/// Starts enrolling an authenticator app (console roles only).
#[server(endpoint = "accounts/two_step_begin")]
pub async fn begin_two_step() -> AppResult<()> {
    respond(server::begin_two_step().await)
}

/// Finishes enrolment with the app's current code.
#[server(endpoint = "accounts/two_step_confirm")]
pub async fn confirm_two_step(code: String) -> AppResult<()> {
    respond(server::confirm_two_step(code).await)
}

/// Turns two-step sign-in off, with the password; refused while the street requires it.
#[server(endpoint = "accounts/two_step_off")]
pub async fn turn_off_two_step(password: String) -> AppResult<()> {
    respond(server::turn_off_two_step(password).await)
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
    use crate::model::{Enrolment, TwoStepStatus, Viewer};
    use crate::ssr::audit::{self, AuditEvent};
    use crate::ssr::request::{self, state};
    use crate::ssr::{AppState, accounts, db, passwords, roles, sessions, two_factor};

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
        if two_factor::enabled(&state.db, account.id).await? {
            let token = two_factor::open_challenge(&state.db, account.id, state.clock.now()).await?;
            tracing::info!(account = account.id, "password right, waiting for the code");
            request::set_cookie(two_factor::challenge_cookie(Some(&token), &state.policy));
            leptos_axum::redirect("/login/code");
            return Ok(());
        }
        start_session(&state, account.id, account.elderly_mode, None).await
    }

    /// Signs `account` in on this device (ending whatever session the browser had) and sends
    /// it home. `challenge` is the finished second step, closed in the same transaction.
    async fn start_session(state: &AppState, account: i64, elderly: bool, challenge: Option<&str>) -> AppResult<()> {
        let now = state.clock.now();
        let txn = db::begin_write(&state.db).await?;
        if let Some(old) = request::session_token() {
            sessions::end(&txn, &old).await?;
        }
        if let Some(id) = challenge {
            two_factor::close_challenge(&txn, id).await?;
        }
        let token = sessions::start(&txn, account, now, &state.policy).await?;
        txn.commit().await?;
        tracing::info!(account, "signed in");
        request::set_cookie(sessions::cookie(Some(&token), &state.policy));
        // The account's choice follows it to a new device.
        request::remember(crate::i18n::ELDERLY_COOKIE, if elderly { "1" } else { "0" });
        leptos_axum::redirect("/");
        Ok(())
    }

    pub async fn second_step(code: String) -> AppResult<()> {
        let state = state()?;
        let now = state.clock.now();
        let open = match request::cookie(two_factor::CHALLENGE_COOKIE).filter(|t| !t.is_empty()) {
            Some(token) => two_factor::challenge(&state.db, &token, now).await?,
            None => None,
        };
        let Some(open) = open else {
            return Err(AppError::Conflict(Key::ErrSignInAgain));
        };
        let account = open.account_id;
        if !two_factor::accept(&state.db, account, &code, now).await? {
            tracing::info!(account, "second step refused");
            if !two_factor::count_wrong_code(&state.db, open).await? {
                request::set_cookie(two_factor::challenge_cookie(None, &state.policy));
                return Err(AppError::TooManyRequests);
            }
            return Err(AppError::invalid("code", Key::FieldCodeWrong));
        }
        request::set_cookie(two_factor::challenge_cookie(None, &state.policy));
        let elderly = accounts::find(&state.db, account).await?.is_some_and(|a| a.elderly_mode);
        start_session(&state, account, elderly, Some(&open.id)).await
    }

    /// The signed-in caller, who must hold a console role (whether or not the street's rule
    /// has closed it for now: enrolling is how it opens again).
    async fn console_holder() -> AppResult<(AppState, crate::authz::Principal)> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let holds = roles::roles_of(&state.db, who.account.0).await?.iter().any(|(_, r)| r.kind().opens_console());
        if !holds {
            return Err(AppError::Forbidden);
        }
        Ok((state, who))
    }

    pub async fn two_step_status() -> AppResult<TwoStepStatus> {
        let (state, who) = console_holder().await?;
        let id = who.account.0;
        let enabled = two_factor::enabled(&state.db, id).await?;
        let enrolment = match two_factor::pending_secret(&state.db, id).await? {
            Some(secret) if !enabled => {
                let label = accounts::display_name(&state.db, id).await?;
                let qr_svg =
                    two_factor::qr_svg(&two_factor::provisioning_uri(&secret, &label)).ok_or(AppError::Internal)?;
                Some(Enrolment { secret: two_factor::grouped(&secret), qr_svg })
            }
            _ => None,
        };
        Ok(TwoStepStatus { enabled, required: two_factor::required_for_staff(&state.db).await?, enrolment })
    }

    pub async fn begin_two_step() -> AppResult<()> {
        let (state, who) = console_holder().await?;
        db::in_write(&state.db, async |txn| {
            if two_factor::enabled(txn, who.account.0).await? {
                return Err(AppError::Conflict(Key::TwoStepAlreadyOn));
            }
            two_factor::begin(txn, who.account.0, state.clock.now()).await?;
            Ok(())
        })
        .await
    }

    pub async fn confirm_two_step(code: String) -> AppResult<()> {
        let (state, who) = console_holder().await?;
        let id = who.account.0;
        let now = state.clock.now();
        db::in_write(&state.db, async |txn| {
            if !two_factor::confirm(txn, id, &code, now).await? {
                return Err(AppError::invalid("code", Key::FieldCodeWrong));
            }
            // Whoever else holds a session got in with the password alone.
            sessions::end_all(txn, id, request::session_token().as_deref()).await?;
            let event = AuditEvent::about_account(id, "two_step.on", id, who.community.map(|c| c.0));
            audit::record(txn, event, now).await?;
            Ok(())
        })
        .await?;
        tracing::info!(account = id, "two-step sign-in on");
        request::flash(Key::TwoStepTurnedOn);
        Ok(())
    }

    pub async fn turn_off_two_step(password: String) -> AppResult<()> {
        let (state, who) = console_holder().await?;
        let id = who.account.0;
        if !passwords::verify(&password, accounts::password_hash(&state.db, id).await?).await {
            return Err(AppError::invalid("password", Key::FieldPasswordWrong));
        }
        let now = state.clock.now();
        db::in_write(&state.db, async |txn| {
            if two_factor::required_for_staff(txn).await? {
                return Err(AppError::Conflict(Key::TwoStepRequiredStays));
            }
            if two_factor::remove(txn, id).await? {
                let event = AuditEvent::about_account(id, "two_step.off", id, who.community.map(|c| c.0));
                audit::record(txn, event, now).await?;
            }
            Ok(())
        })
        .await?;
        tracing::info!(account = id, "two-step sign-in off");
        request::flash(Key::TwoStepTurnedOff);
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
