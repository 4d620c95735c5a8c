use crate::error::AppResult;
use crate::model::PlaceDirectory;
use leptos::prelude::*;

/// Communities, buildings and entrances: public, the registration form needs them.
#[server(endpoint = "places/directory")]
pub async fn list_places() -> AppResult<PlaceDirectory> {
    server::directory().await
}

#[server(endpoint = "places/add_community")]
pub async fn add_community(name_zh: String, name_en: String, service_phone: String) -> AppResult<()> {
    respond(server::add_community(name_zh, name_en, service_phone).await)
}

#[server(endpoint = "places/add_building")]
pub async fn add_building(community_id: String, name_zh: String, name_en: String) -> AppResult<()> {
    respond(server::add_building(community_id, name_zh, name_en).await)
}

#[server(endpoint = "places/add_unit")]
pub async fn add_unit(building_id: String, name_zh: String, name_en: String) -> AppResult<()> {
    respond(server::add_unit(building_id, name_zh, name_en).await)
}

#[cfg(feature = "ssr")]
use crate::ssr::request::respond;

#[cfg(feature = "ssr")]
mod server {
    use crate::authz::{Action, Principal};
    use crate::domain::{Checks, PlaceName};
    use crate::error::{AppError, AppResult};
    use crate::i18n::Key;
    use crate::model::{CommunityId, PlaceDirectory};
    use crate::ssr::audit::{self, AuditEvent};
    use crate::ssr::request::{self, state};
    use crate::ssr::{AppState, db, places};
    use sea_orm::DatabaseTransaction;
    use std::future::Future;

    pub async fn directory() -> AppResult<PlaceDirectory> {
        let state = state()?;
        Ok(places::directory(&state.db, request::locale()).await?)
    }

    /// Both names of a place; the English one may be left empty.
    fn names(name_zh: &str, name_en: &str) -> AppResult<(PlaceName, Option<PlaceName>)> {
        let mut checks = Checks::default();
        let zh = checks.field("name_zh", PlaceName::parse(name_zh));
        let en = if name_en.trim().is_empty() { None } else { checks.field("name_en", PlaceName::parse(name_en)) };
        checks.finish()?;
        Ok((zh.ok_or(AppError::Internal)?, en))
    }

    fn id(field: &str, raw: &str) -> AppResult<i64> {
        raw.trim().parse().map_err(|_| AppError::invalid(field, Key::FieldChoose))
    }

    /// Adds a place in one transaction with its audit entry. `add` returns the new id.
    async fn audited<F, Fut>(
        state: &AppState,
        who: &Principal,
        action: &str,
        community: Option<i64>,
        add: F,
    ) -> AppResult<()>
    where
        F: FnOnce(DatabaseTransaction) -> Fut,
        Fut: Future<Output = AppResult<(DatabaseTransaction, i64)>>,
    {
        let txn = db::begin_write(&state.db).await?;
        let (txn, id) = add(txn).await?;
        let object_type = action.rsplit('_').next().unwrap_or("place");
        let community = community.or(Some(id).filter(|_| object_type == "community"));
        let event =
            AuditEvent { actor: who.account.0, action, object_type, object_id: Some(id), community, reason: None };
        audit::record(&txn, event, state.clock.now()).await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn add_community(name_zh: String, name_en: String, service_phone: String) -> AppResult<()> {
        let state = state()?;
        let who = request::require(&state, Action::ManageCommunities).await?;
        let (zh, en) = names(&name_zh, &name_en)?;
        let phone = Some(service_phone.trim().to_owned()).filter(|p| !p.is_empty());
        let now = state.clock.now();
        audited(&state, &who, "place.add_community", None, |txn| async move {
            let id = places::add_community(&txn, zh, en, phone, now).await?;
            Ok((txn, id))
        })
        .await
    }

    pub async fn add_building(community_id: String, name_zh: String, name_en: String) -> AppResult<()> {
        let state = state()?;
        let community = id("community_id", &community_id)?;
        let who = request::require(&state, Action::ManagePlaces { community: CommunityId(community) }).await?;
        places::community(&state.db, community).await?.ok_or(AppError::NotFound)?;
        let (zh, en) = names(&name_zh, &name_en)?;
        audited(&state, &who, "place.add_building", Some(community), |txn| async move {
            let id = places::add_building(&txn, community, zh, en).await?;
            Ok((txn, id))
        })
        .await
    }

    pub async fn add_unit(building_id: String, name_zh: String, name_en: String) -> AppResult<()> {
        let state = state()?;
        let building_id = id("building_id", &building_id)?;
        let building = places::building(&state.db, building_id).await?.ok_or(AppError::NotFound)?;
        let community = building.community_id;
        let who = request::require(&state, Action::ManagePlaces { community: CommunityId(community) }).await?;
        let (zh, en) = names(&name_zh, &name_en)?;
        audited(&state, &who, "place.add_unit", Some(community), |txn| async move {
            let id = places::add_unit(&txn, building_id, zh, en).await?;
            Ok((txn, id))
        })
        .await
    }
}
