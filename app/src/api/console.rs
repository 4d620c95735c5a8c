use crate::dashboard::Dashboard;
use crate::error::AppResult;
use crate::model::{Listing, PendingAccount, PersonSummary};
use leptos::prelude::*;

#[server(endpoint = "console/summary")]
pub async fn load_console_summary() -> AppResult<Dashboard> {
    respond(server::summary().await)
}

/// The verification queue, searched by name or contact, paged.
#[server(endpoint = "console/pending")]
pub async fn pending_accounts(
    #[server(default)] q: String,
    #[server(default)] page: u32,
) -> AppResult<Listing<PendingAccount>> {
    respond(server::pending(q, page).await)
}

#[server(endpoint = "console/verify")]
pub async fn verify_account(account_id: i64) -> AppResult<()> {
    respond(server::decide(account_id, None).await)
}

#[server(endpoint = "console/reject")]
pub async fn reject_account(account_id: i64, reason: String) -> AppResult<()> {
    respond(server::decide(account_id, Some(reason)).await)
}

#[server(endpoint = "console/people")]
pub async fn search_people(
    #[server(default)] q: String,
    #[server(default)] page: u32,
) -> AppResult<Listing<PersonSummary>> {
    respond(server::search(q, page).await)
}

#[server(endpoint = "console/grant_role")]
pub async fn grant_role(
    account_id: i64,
    role: String,
    #[server(default)] building_id: String,
    #[server(default)] sub_committee: String,
    #[server(default)] street_wide: Option<String>,
) -> AppResult<()> {
    respond(server::grant(account_id, role, building_id, sub_committee, street_wide.is_some()).await)
}

#[server(endpoint = "console/revoke_role")]
pub async fn revoke_role(grant_id: i64) -> AppResult<()> {
    respond(server::revoke(grant_id).await)
}

/// Whether the street requires two-step sign-in for staff, committee and admin roles
/// (street-wide admins).
#[server(endpoint = "console/two_step_rule")]
pub async fn two_step_rule() -> AppResult<bool> {
    respond(server::two_step_rule().await)
}

/// Turns the street's two-step rule on (`required` = "1") or off.
#[server(endpoint = "console/require_two_step")]
pub async fn require_two_step(required: String) -> AppResult<()> {
    respond(server::require_two_step(required == "1").await)
}

/// Turns a person's two-step sign-in off when they lost their phone, and signs them out
/// everywhere; they enrol again at their next sign-in.
#[server(endpoint = "console/reset_two_step")]
pub async fn reset_two_step(account_id: i64) -> AppResult<()> {
    respond(server::reset_two_step(account_id).await)
}

/// The audit log, for admins: filter by action (from the log's own list), actor's name and
/// dates (`YYYY-MM-DD`, Shenzhen time, both inclusive).
#[server(endpoint = "console/audit")]
pub async fn load_audit_log(
    #[server(default)] action: String,
    #[server(default)] actor: String,
    #[server(default)] from: String,
    #[server(default)] to: String,
    #[server(default)] page: u32,
) -> AppResult<crate::model::AuditPage> {
    respond(server::audit(action, actor, from, to, page).await)
}

#[cfg(feature = "ssr")]
use crate::ssr::request::respond;

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use crate::authz::{self, Action, CommunityScope, Principal};
    use crate::domain::{Checks, Reason};
    use crate::error::{AppError, AppResult};
    use crate::i18n::Key;
    use crate::model::AuditPage;
    use crate::model::{BuildingId, CommunityId, Listing, PendingAccount, PersonSummary, Role, RoleKind, SubCommittee};
    use crate::ssr::audit::AuditFilter;
    use crate::ssr::audit::{self, AuditEvent};
    use crate::ssr::request::{self, state};
    use crate::ssr::{accounts, db, places, roles, sessions, two_factor};

    async fn console_user() -> AppResult<(crate::ssr::AppState, Principal)> {
        let state = state()?;
        let who = request::require(&state, Action::OpenConsole).await?;
        Ok((state, who))
    }

    /// The communities whose verification queue the caller may see; refused when none.
    pub fn verification_scope(who: &Principal) -> AppResult<CommunityScope> {
        let scope = authz::scope_where(who, |community| Action::ViewVerificationQueue { community });
        if scope.is_empty() { Err(AppError::Forbidden) } else { Ok(scope) }
    }

    /// The communities whose people the caller may list (to assign roles); refused when none.
    pub fn people_scope(who: &Principal) -> AppResult<CommunityScope> {
        let scope = authz::scope_where(who, |c| Action::AssignRoles { community: Some(c) });
        if scope.is_empty() { Err(AppError::Forbidden) } else { Ok(scope) }
    }

    /// The audit filter from its query parameters; a bad date is refused, not ignored.
    pub fn audit_filter(action: &str, actor: &str, from: &str, to: &str, page: u32) -> AppResult<AuditFilter> {
        let mut checks = Checks::default();
        let day = |raw: &str, field: &str, checks: &mut Checks, next: i64| match raw.trim() {
            "" => None,
            raw => checks.field(
                field,
                chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d")
                    .map(|d| {
                        let midnight = (d + chrono::Duration::days(next)).and_hms_opt(0, 0, 0).expect("midnight");
                        midnight.and_utc() - chrono::Duration::hours(8)
                    })
                    .map_err(|_| Key::FieldDate),
            ),
        };
        let from = day(from, "from", &mut checks, 0);
        let until = day(to, "to", &mut checks, 1);
        checks.finish()?;
        Ok(AuditFilter {
            action: Some(action.trim().to_owned()).filter(|a| !a.is_empty()),
            actor: crate::ssr::search_text(actor),
            from,
            until,
            page: page.min(10_000),
        })
    }

    pub async fn audit(action: String, actor: String, from: String, to: String, page: u32) -> AppResult<AuditPage> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let filter = audit_filter(&action, &actor, &from, &to, page)?;
        crate::ssr::audit::search(&state.db, &who, &filter, request::locale()).await
    }

    pub async fn summary() -> AppResult<crate::dashboard::Dashboard> {
        let (state, who) = console_user().await?;
        crate::ssr::dashboard::dashboard(&state.db, &who, request::locale(), state.clock.now()).await
    }

    pub async fn pending(q: String, page: u32) -> AppResult<Listing<PendingAccount>> {
        let (state, who) = console_user().await?;
        let scope = verification_scope(&who)?;
        Ok(accounts::pending(&state.db, &scope, &crate::ssr::search_text(&q), page, request::locale()).await?)
    }

    pub async fn decide(account_id: i64, reject_reason: Option<String>) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let decision = match reject_reason {
            None => accounts::Decision::Verify,
            Some(raw) => {
                accounts::Decision::Reject(Reason::parse(&raw).map_err(|key| AppError::invalid("reason", key))?)
            }
        };
        let txn = db::begin_write(&state.db).await?;
        accounts::decide(&txn, &who, account_id, decision, state.clock.now()).await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn search(q: String, page: u32) -> AppResult<Listing<PersonSummary>> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let scope = people_scope(&who)?;
        Ok(accounts::search(&state.db, &scope, &crate::ssr::search_text(&q), page, request::locale()).await?)
    }

    pub async fn grant(
        account_id: i64,
        role: String,
        building_id: String,
        sub: String,
        street_wide: bool,
    ) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let target = accounts::load_principal(&state.db, account_id).await?.ok_or(AppError::NotFound)?;
        let kind = RoleKind::parse(&role).ok_or_else(|| AppError::invalid("role", Key::FieldChoose))?;
        // Roles apply in the person's own community; staff without a home get street-wide
        // admin only, or a role in a community chosen by building.
        let building = match building_id.trim() {
            "" => None,
            raw => Some(raw.parse::<i64>().map_err(|_| AppError::invalid("building_id", Key::FieldChoose))?),
        };
        let building_community = match building {
            Some(b) => Some(places::building(&state.db, b).await?.ok_or(AppError::NotFound)?.community_id),
            None => None,
        };
        let community = building_community.or(target.community.map(|c| c.0)).map(CommunityId);
        let need_community = || community.ok_or_else(|| AppError::invalid("building_id", Key::FieldChoose));
        let role = match kind {
            RoleKind::Volunteer => Role::Volunteer {
                community: need_community()?,
                building: BuildingId(building.ok_or_else(|| AppError::invalid("building_id", Key::FieldChoose))?),
            },
            RoleKind::Staff => Role::Staff { community: need_community()? },
            RoleKind::Committee => Role::Committee {
                community: need_community()?,
                sub: SubCommittee::parse(&sub).ok_or_else(|| AppError::invalid("sub_committee", Key::FieldChoose))?,
            },
            RoleKind::Admin if street_wide => Role::Admin { community: None },
            RoleKind::Admin => Role::Admin { community: Some(need_community()?) },
        };
        let txn = db::begin_write(&state.db).await?;
        roles::grant(&txn, &who, account_id, role, state.clock.now()).await?;
        txn.commit().await?;
        Ok(())
    }

    async fn street_admin() -> AppResult<(crate::ssr::AppState, Principal)> {
        let state = state()?;
        let who = request::require(&state, Action::AssignRoles { community: None }).await?;
        Ok((state, who))
    }

    pub async fn two_step_rule() -> AppResult<bool> {
        let (state, _) = street_admin().await?;
        Ok(two_factor::required_for_staff(&state.db).await?)
    }

    pub async fn require_two_step(required: bool) -> AppResult<()> {
        let (state, who) = street_admin().await?;
        let now = state.clock.now();
        db::in_write(&state.db, async |txn| {
            // Turning it on without an authenticator would close the admin's own console.
            if required && !two_factor::enabled(txn, who.account.0).await? {
                return Err(AppError::Conflict(Key::TwoStepEnrolFirst));
            }
            two_factor::set_required_for_staff(txn, required, who.account.0, now).await?;
            let action = if required { "two_step.require" } else { "two_step.make_optional" };
            let event = AuditEvent {
                actor: who.account.0,
                action,
                object_type: "setting",
                object_id: None,
                community: None,
                reason: None,
            };
            audit::record(txn, event, now).await?;
            Ok(())
        })
        .await?;
        tracing::info!(required, "two-step rule changed");
        request::flash(if required { Key::TwoStepRuleOn } else { Key::TwoStepRuleOff });
        Ok(())
    }

    pub async fn reset_two_step(account_id: i64) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let target = accounts::load_principal(&state.db, account_id).await?.ok_or(AppError::NotFound)?;
        authz::authorize(Some(&who), Action::AssignRoles { community: target.community })?;
        let now = state.clock.now();
        db::in_write(&state.db, async |txn| {
            if !two_factor::remove(txn, account_id).await? {
                return Err(AppError::Conflict(Key::TwoStepNotOn));
            }
            sessions::end_all(txn, account_id, None).await?;
            let event =
                AuditEvent::about_account(who.account.0, "two_step.reset", account_id, target.community.map(|c| c.0));
            audit::record(txn, event, now).await?;
            Ok(())
        })
        .await?;
        tracing::info!(account = account_id, "two-step sign-in reset by an admin");
        request::flash(Key::TwoStepResetDone);
        Ok(())
    }

    pub async fn revoke(grant_id: i64) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let txn = db::begin_write(&state.db).await?;
        roles::revoke(&txn, &who, grant_id, state.clock.now()).await?;
        txn.commit().await?;
        Ok(())
    }
}
