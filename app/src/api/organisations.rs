//! Social organisations: the directory, one organisation, filing and refiling, the
//! committee's decision, joining and leaving.

use crate::error::AppResult;
use crate::organisations::{OrgDirectory, OrgView};
use leptos::prelude::*;

#[server(endpoint = "orgs/directory")]
pub async fn load_org_directory() -> AppResult<OrgDirectory> {
    respond(server::directory().await)
}

#[server(endpoint = "orgs/view")]
pub async fn load_org(id: i64) -> AppResult<OrgView> {
    respond(server::view(id).await)
}

/// Files a new organisation, or (with `id`) files a returned one again.
#[server(endpoint = "orgs/file")]
pub async fn file_org(
    #[server(default)] id: Option<i64>,
    name: String,
    kind: String,
    purpose: String,
) -> AppResult<()> {
    respond(server::file(id, name, kind, purpose).await)
}

/// `decision`: `approve`, or `return` with a reason.
#[server(endpoint = "orgs/decide")]
pub async fn decide_org(id: i64, decision: String, #[server(default)] reason: String) -> AppResult<()> {
    respond(server::decide(id, decision, reason).await)
}

#[server(endpoint = "orgs/join")]
pub async fn join_org(id: i64, #[server(default)] leave: bool) -> AppResult<()> {
    respond(server::join(id, leave).await)
}

#[cfg(feature = "ssr")]
use crate::ssr::request::respond;

#[cfg(feature = "ssr")]
mod server {
    use crate::domain::{Checks, OrgName, OrgPurpose, Reason};
    use crate::error::{AppError, AppResult};
    use crate::i18n::Key;
    use crate::organisations::{OrgDecision, OrgDirectory, OrgKind, OrgView};
    use crate::ssr::db::in_write;
    use crate::ssr::organisations::{self, Filing};
    use crate::ssr::request::{self, state};

    pub async fn directory() -> AppResult<OrgDirectory> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        organisations::directory(&state.db, &who).await
    }

    pub async fn view(id: i64) -> AppResult<OrgView> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        organisations::view(&state.db, &who, id).await
    }

    pub async fn file(id: Option<i64>, name: String, kind: String, purpose: String) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let mut checks = Checks::default();
        let name = checks.field("name", OrgName::parse(&name));
        let kind = checks.field("kind", OrgKind::parse(&kind).ok_or(Key::FieldRequired));
        let purpose = checks.field("purpose", OrgPurpose::parse(&purpose));
        checks.finish()?;
        let filing =
            Filing { name: name.expect("checked"), kind: kind.expect("checked"), purpose: purpose.expect("checked") };
        let now = state.clock.now();
        let id = in_write(&state.db, async |txn| match id {
            Some(id) => organisations::refile(txn, &who, id, filing, now).await.map(|_| id),
            None => organisations::file(txn, &who, filing, now).await,
        })
        .await?;
        leptos_axum::redirect(&format!("/orgs/{id}"));
        Ok(())
    }

    pub async fn decide(id: i64, decision: String, reason: String) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let decision = match decision.as_str() {
            "approve" => OrgDecision::Approve,
            "return" => OrgDecision::Return,
            _ => return Err(AppError::invalid("decision", Key::FieldRequired)),
        };
        let reason = match reason.trim() {
            "" => None,
            raw => Some(Reason::parse(raw).map_err(|k| AppError::invalid("reason", k))?),
        };
        let now = state.clock.now();
        in_write(&state.db, async |txn| organisations::decide(txn, &who, id, decision, reason, now).await).await
    }

    pub async fn join(id: i64, leave: bool) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let now = state.clock.now();
        in_write(&state.db, async |txn| {
            if leave {
                organisations::leave(txn, &who, id).await
            } else {
                organisations::join(txn, &who, id, now).await
            }
        })
        .await
    }
}
