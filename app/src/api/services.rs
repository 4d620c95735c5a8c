//! Community services: the catalogue and requests for residents, the queue, the catalogue's
//! editing and supervision for the console. CSV exports are in `api::exports`.

use crate::error::AppResult;
use crate::services::{ServiceCatalogue, ServiceDetail, ServiceQueue, SupervisionPage};
use leptos::prelude::*;

#[server(endpoint = "services/catalogue")]
pub async fn load_catalogue() -> AppResult<ServiceCatalogue> {
    respond(server::catalogue().await)
}

#[server(endpoint = "services/detail")]
pub async fn load_service(id: i64) -> AppResult<ServiceDetail> {
    respond(server::detail(id).await)
}

#[server(endpoint = "services/request")]
pub async fn request_service(service: i64, details: String) -> AppResult<()> {
    respond(server::request(service, details).await)
}

/// Staff accept, start, complete or decline (with a reason); the requester withdraws.
#[server(endpoint = "services/act")]
pub async fn act_on_service_request(id: i64, action: String, #[server(default)] reason: String) -> AppResult<()> {
    respond(server::act(id, action, reason).await)
}

#[server(endpoint = "services/rate")]
pub async fn rate_service(id: i64, stars: String, #[server(default)] comment: String) -> AppResult<()> {
    respond(server::rate(id, stars, comment).await)
}

/// Staff add (no `id`) or edit a service project. English may be left empty.
#[server(endpoint = "services/save")]
pub async fn save_service(
    #[server(default)] id: Option<i64>,
    name_zh: String,
    #[server(default)] name_en: String,
    summary_zh: String,
    #[server(default)] summary_en: String,
    #[server(default)] active: Option<String>,
) -> AppResult<()> {
    let texts = [name_zh, name_en, summary_zh, summary_en];
    respond(server::save(id, texts, active.is_some()).await)
}

#[server(endpoint = "console/service-requests")]
pub async fn load_service_queue(
    #[server(default)] state: String,
    #[server(default)] q: String,
    #[server(default)] page: u32,
) -> AppResult<ServiceQueue> {
    respond(server::queue(state, q, page).await)
}

#[server(endpoint = "console/supervision")]
pub async fn load_supervision(#[server(default)] quarter: String) -> AppResult<SupervisionPage> {
    respond(server::supervision(quarter).await)
}

#[cfg(feature = "ssr")]
use crate::ssr::request::respond;

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use crate::domain::{Checks, Reason, ServiceDetails, ServiceName, ServiceSummary, ShortNote, parse_rating};
    use crate::error::{AppError, AppResult};
    use crate::i18n::Key;
    use crate::services::{
        Quarter, ServiceAction, ServiceCatalogue, ServiceDetail, ServiceQueue, ServiceRequestState, SupervisionPage,
    };
    use crate::ssr::db::in_write;
    use crate::ssr::request::{self, state};
    use crate::ssr::services::{self, QueueFilter, ServiceEdit};

    pub async fn catalogue() -> AppResult<ServiceCatalogue> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        services::catalogue(&state.db, &who, request::locale()).await
    }

    pub async fn detail(id: i64) -> AppResult<ServiceDetail> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        services::detail(&state.db, &who, id, request::locale()).await
    }

    pub async fn request(service: i64, details: String) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let details = ServiceDetails::parse(&details).map_err(|k| AppError::invalid("details", k))?;
        let now = state.clock.now();
        in_write(&state.db, async |txn| services::request(txn, &who, service, details, now).await).await?;
        leptos_axum::redirect(&format!("/services/{service}?requested=1"));
        Ok(())
    }

    pub async fn act(id: i64, action: String, reason: String) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let action = ServiceAction::parse(&action).ok_or(AppError::invalid("action", Key::FieldRequired))?;
        let reason = match reason.trim() {
            "" => None,
            raw => Some(Reason::parse(raw).map_err(|k| AppError::invalid("reason", k))?),
        };
        let now = state.clock.now();
        in_write(&state.db, async |txn| services::act(txn, &who, id, action, reason, now).await).await
    }

    pub async fn rate(id: i64, stars: String, comment: String) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let mut checks = Checks::default();
        let stars = checks.field("stars", parse_rating(&stars));
        let comment = match comment.trim() {
            "" => None,
            raw => checks.field("comment", ShortNote::parse(raw)),
        };
        checks.finish()?;
        let stars = stars.expect("checked");
        let now = state.clock.now();
        in_write(&state.db, async |txn| services::rate(txn, &who, id, stars, comment, now).await).await
    }

    pub async fn save(id: Option<i64>, texts: [String; 4], active: bool) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let [name_zh, name_en, summary_zh, summary_en] = texts;
        let optional = |raw: &str| if raw.trim().is_empty() { None } else { Some(raw.to_owned()) };
        let mut checks = Checks::default();
        let name_zh = checks.field("name_zh", ServiceName::parse(&name_zh));
        let name_en = optional(&name_en).and_then(|raw| checks.field("name_en", ServiceName::parse(&raw)));
        let summary_zh = checks.field("summary_zh", ServiceSummary::parse(&summary_zh));
        let summary_en = optional(&summary_en).and_then(|raw| checks.field("summary_en", ServiceSummary::parse(&raw)));
        checks.finish()?;
        let edit = ServiceEdit {
            name_zh: name_zh.expect("checked"),
            name_en,
            summary_zh: summary_zh.expect("checked"),
            summary_en,
            active,
        };
        let now = state.clock.now();
        let saved = in_write(&state.db, async |txn| services::save(txn, &who, id, edit, now).await).await?;
        leptos_axum::redirect(&format!("/services/{saved}"));
        Ok(())
    }

    /// The queue filter from its query parameters; an unknown state is refused, not ignored.
    pub fn queue_filter(state: &str, q: String, page: u32) -> AppResult<QueueFilter> {
        let state = match state.trim() {
            "" | "open" => None,
            raw => Some(ServiceRequestState::parse(raw).ok_or(AppError::invalid("state", Key::FieldRequired))?),
        };
        Ok(QueueFilter { state, query: crate::ssr::search_text(&q), page: page.min(10_000) })
    }

    pub async fn queue(state_filter: String, q: String, page: u32) -> AppResult<ServiceQueue> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let filter = queue_filter(&state_filter, q, page)?;
        services::queue(&state.db, &who, &filter, request::locale()).await
    }

    pub fn quarter(raw: &str) -> AppResult<Option<Quarter>> {
        match raw.trim() {
            "" => Ok(None),
            raw => Quarter::parse(raw).map(Some).map_err(|k| AppError::invalid("quarter", k)),
        }
    }

    pub async fn supervision(quarter_raw: String) -> AppResult<SupervisionPage> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let quarter = quarter(&quarter_raw)?;
        services::supervision(&state.db, &who, quarter, request::locale(), state.clock.now()).await
    }
}
