// A server function takes its form's fields one by one; the hotline form has eight.
#![allow(clippy::too_many_arguments)]

use crate::error::AppResult;
use crate::help::{Board, HelpRequestDetail, HelpRequestSummary, Triage};
use leptos::prelude::*;

#[server(endpoint = "help/post")]
pub async fn post_help(
    category: String,
    urgency: String,
    description: String,
    #[server(default)] window_start: String,
    #[server(default)] window_end: String,
    key: String,
) -> AppResult<()> {
    respond(server::post(None, category, urgency, description, window_start, window_end, key).await)
}

/// Staff post for a resident who phoned the hotline, with the resident's consent.
#[server(endpoint = "help/hotline")]
pub async fn post_hotline_help(
    resident: String,
    #[server(default)] consent: Option<String>,
    category: String,
    urgency: String,
    description: String,
    #[server(default)] window_start: String,
    #[server(default)] window_end: String,
    key: String,
) -> AppResult<()> {
    let hotline = Some((resident, consent.is_some()));
    respond(server::post(hotline, category, urgency, description, window_start, window_end, key).await)
}

#[server(endpoint = "help/mine")]
pub async fn my_help_requests() -> AppResult<Vec<HelpRequestSummary>> {
    respond(server::mine().await)
}

#[server(endpoint = "help/detail")]
pub async fn help_request(id: i64) -> AppResult<HelpRequestDetail> {
    respond(server::detail(id).await)
}

/// One move of a request: `action` is a `HelpAction` name (`Claim`, `Start`, …).
#[server(endpoint = "help/act")]
pub async fn act_on_help(
    id: i64,
    action: String,
    #[server(default)] reason: String,
    #[server(default)] minutes: String,
    #[server(default)] volunteer_id: String,
) -> AppResult<()> {
    respond(server::act(id, action, reason, minutes, volunteer_id).await)
}

#[server(endpoint = "help/thank")]
pub async fn thank_volunteer(id: i64, #[server(default)] thanks: String, rating: String) -> AppResult<()> {
    respond(server::thank(id, thanks, rating).await)
}

#[server(endpoint = "help/board")]
pub async fn volunteer_board(#[server(default)] urgency: String) -> AppResult<Board> {
    respond(server::board(urgency).await)
}

#[server(endpoint = "help/duty")]
pub async fn set_duty(on_duty: bool) -> AppResult<()> {
    respond(server::duty(on_duty).await)
}

/// Open requests for staff, searched by description or requester's name, paged.
#[server(endpoint = "help/triage")]
pub async fn help_triage(#[server(default)] q: String, #[server(default)] page: u32) -> AppResult<Triage> {
    respond(server::triage(q, page).await)
}

#[cfg(feature = "ssr")]
use crate::ssr::request::respond;

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use crate::authz::{self, Action};
    use crate::domain::{
        Checks, ContactPoint, HelpDescription, IdempotencyKey, ShortNote, parse_minutes, parse_rating,
    };
    use crate::error::{AppError, AppResult};
    use crate::help::{Board, Category, HelpAction, HelpRequestDetail, HelpRequestSummary, Triage, Urgency};
    use crate::i18n::Key;
    use crate::ssr::help::{self, ActInput, NewRequest, Poster};
    use crate::ssr::quotas::{self, Posting};
    use crate::ssr::request::{self, state};
    use crate::ssr::{accounts, db};
    use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};

    /// A `datetime-local` value, meant in Shenzhen time.
    fn local_time(raw: &str) -> Option<Result<DateTime<Utc>, Key>> {
        let raw = raw.trim();
        if raw.is_empty() {
            return None;
        }
        let parsed = NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
            .ok()
            .and_then(|t| chrono::FixedOffset::east_opt(8 * 3600)?.from_local_datetime(&t).single())
            .map(|t| t.with_timezone(&Utc));
        Some(parsed.ok_or(Key::FieldWindow))
    }

    pub async fn post(
        hotline: Option<(String, bool)>,
        category: String,
        urgency: String,
        description: String,
        window_start: String,
        window_end: String,
        key: String,
    ) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let mut checks = Checks::default();
        let category = checks.field("category", Category::parse(&category).ok_or(Key::FieldChoose));
        let urgency = checks.field("urgency", Urgency::parse(&urgency).ok_or(Key::FieldChoose));
        let description = checks.field("description", HelpDescription::parse(&description));
        let key = checks.field("key", IdempotencyKey::parse(&key));
        let start = local_time(&window_start).and_then(|r| checks.field("window_start", r));
        let end = local_time(&window_end).and_then(|r| checks.field("window_end", r));
        let window = match (start, end) {
            (None, None) => None,
            (Some(s), Some(e)) if e > s => Some((s, e)),
            (Some(s), None) => Some((s, s + chrono::Duration::hours(2))),
            (None, Some(e)) if e > state.clock.now() => Some((state.clock.now(), e)),
            _ => {
                checks.fail("window_end", Key::FieldWindow);
                None
            }
        };
        let resident = match &hotline {
            // Looking a resident up by contact is for staff only: anyone else could probe
            // which numbers are registered.
            Some(_) if authz::scope_where(&who, |community| Action::HandleHelp { community }).is_empty() => {
                return Err(AppError::Forbidden);
            }
            Some((contact, consent)) => {
                if !consent {
                    checks.fail("consent", Key::FieldConsentHotline);
                }
                let found = match ContactPoint::parse(contact) {
                    Ok(c) => accounts::find_by_contact(&state.db, &c).await?,
                    Err(_) => None,
                };
                if found.is_none() {
                    checks.fail("resident", Key::FieldNoSuchResident);
                }
                found.map(|a| a.id)
            }
            None => None,
        };
        checks.finish()?;
        let (Some(category), Some(urgency), Some(description), Some(key)) = (category, urgency, description, key)
        else {
            return Err(AppError::Internal);
        };
        let new = NewRequest { category, urgency, description, window, key };
        let poster = match resident {
            Some(resident) => Poster::Hotline { staff: &who, resident },
            None => Poster::Resident(&who),
        };
        let now = state.clock.now();
        if matches!(poster, Poster::Resident(_)) {
            quotas::check_address(&state)?;
        }
        let id = db::in_write(&state.db, async |txn| {
            // A resend of a request that went through is answered, not counted again.
            if matches!(poster, Poster::Resident(_))
                && help::find_by_key(txn, who.account.0, new.key.as_str()).await?.is_none()
            {
                quotas::check(txn, &state.policy.limits, Posting::HelpRequest, who.account, now).await?;
            }
            help::post(txn, poster, new, now, &state.policy.help).await
        })
        .await?;
        leptos_axum::redirect(&format!("/help/{id}"));
        Ok(())
    }

    pub async fn mine() -> AppResult<Vec<HelpRequestSummary>> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        Ok(help::mine(&state.db, &who, request::locale()).await?)
    }

    pub async fn detail(id: i64) -> AppResult<HelpRequestDetail> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        help::detail(&state.db, &who, id, request::locale()).await
    }

    fn parse_action(raw: &str) -> AppResult<HelpAction> {
        HelpAction::ALL
            .into_iter()
            .find(|a| format!("{a:?}") == raw)
            .ok_or_else(|| AppError::invalid("action", Key::FieldChoose))
    }

    pub async fn act(id: i64, action: String, reason: String, minutes: String, volunteer: String) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let action = parse_action(&action)?;
        let mut input = ActInput::default();
        match action {
            HelpAction::Release => {
                input.note = Some(ShortNote::parse(&reason).map_err(|k| AppError::invalid("reason", k))?);
            }
            HelpAction::ReportDone => {
                input.minutes = Some(parse_minutes(&minutes).map_err(|k| AppError::invalid("minutes", k))?);
            }
            HelpAction::Assign => {
                input.volunteer =
                    Some(volunteer.trim().parse().map_err(|_| AppError::invalid("volunteer_id", Key::FieldChoose))?);
            }
            _ => {}
        }
        let txn = db::begin_write(&state.db).await?;
        help::act(&txn, &who, id, action, input, state.clock.now(), &state.policy.help).await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn thank(id: i64, thanks: String, rating: String) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let rating = parse_rating(&rating).map_err(|k| AppError::invalid("rating", k))?;
        let note = if thanks.trim().is_empty() {
            None
        } else {
            Some(ShortNote::parse(&thanks).map_err(|k| AppError::invalid("thanks", k))?)
        };
        let txn = db::begin_write(&state.db).await?;
        help::thank(&txn, &who, id, note, rating, state.clock.now()).await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn board(urgency: String) -> AppResult<Board> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        help::board(&state.db, &who, Urgency::parse(&urgency), request::locale()).await
    }

    pub async fn duty(on_duty: bool) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        help::set_duty(&state.db, &who, on_duty, state.clock.now()).await
    }

    pub async fn triage(q: String, page: u32) -> AppResult<Triage> {
        let state = state()?;
        let who = request::require(&state, Action::OpenConsole).await?;
        help::triage(&state.db, &who, &crate::ssr::search_text(&q), page, request::locale()).await
    }
}
