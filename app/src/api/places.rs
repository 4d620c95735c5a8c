use crate::error::AppResult;
use crate::model::PlaceDirectory;
use leptos::prelude::*;

/// Communities, buildings and entrances: public, the registration form needs them.
#[server(endpoint = "places/directory")]
pub async fn list_places() -> AppResult<PlaceDirectory> {
    server::directory().await
}

#[server(endpoint = "places/add_community")]
pub async fn add_community(
    name_zh: String,
    name_en: String,
    service_phone: String,
) -> AppResult<()> {
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
    use crate::authz::Action;
    use crate::domain::{Checks, PlaceName};
    use crate::error::{AppError, AppResult};
    use crate::i18n::Key;
    use crate::model::{CommunityId, PlaceDirectory};
    use crate::ssr::request::{self, state};
    use crate::ssr::{db, places};

    pub async fn directory() -> AppResult<PlaceDirectory> {
        let state = state()?;
        Ok(places::directory(&state.db, request::locale()).await?)
    }

    /// Both names of a place; the English one may be left empty.
    fn names(name_zh: &str, name_en: &str) -> AppResult<(PlaceName, Option<PlaceName>)> {
        let mut checks = Checks::default();
        let zh = checks.field("name_zh", PlaceName::parse(name_zh));
        let en = if name_en.trim().is_empty() {
            None
        } else {
            checks.field("name_en", PlaceName::parse(name_en))
        };
        checks.finish()?;
        Ok((zh.ok_or(AppError::Internal)?, en))
    }

    fn id(field: &str, raw: &str) -> AppResult<i64> {
        raw.trim()
            .parse()
            .map_err(|_| AppError::invalid(field, Key::FieldChoose))
    }

    pub async fn add_community(
        name_zh: String,
        name_en: String,
        service_phone: String,
    ) -> AppResult<()> {
        let state = state()?;
        let who = request::require(&state, Action::ManageCommunities).await?;
        let (zh, en) = names(&name_zh, &name_en)?;
        let phone = Some(service_phone.trim().to_owned()).filter(|p| !p.is_empty());
        let now = state.clock.now();
        let txn = db::begin_write(&state.db).await?;
        let id = places::add_community(&txn, zh, en, phone, now).await?;
        crate::ssr::audit::record(
            &txn,
            crate::ssr::audit::AuditEvent {
                actor: who.account.0,
                action: "place.add_community",
                object_type: "community",
                object_id: Some(id),
                community: Some(id),
                reason: None,
            },
            now,
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn add_building(
        community_id: String,
        name_zh: String,
        name_en: String,
    ) -> AppResult<()> {
        let state = state()?;
        let community = id("community_id", &community_id)?;
        let who = request::require(
            &state,
            Action::ManagePlaces {
                community: CommunityId(community),
            },
        )
        .await?;
        places::community(&state.db, community)
            .await?
            .ok_or(AppError::NotFound)?;
        let (zh, en) = names(&name_zh, &name_en)?;
        let now = state.clock.now();
        let txn = db::begin_write(&state.db).await?;
        let id = places::add_building(&txn, community, zh, en).await?;
        crate::ssr::audit::record(
            &txn,
            crate::ssr::audit::AuditEvent {
                actor: who.account.0,
                action: "place.add_building",
                object_type: "building",
                object_id: Some(id),
                community: Some(community),
                reason: None,
            },
            now,
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn add_unit(building_id: String, name_zh: String, name_en: String) -> AppResult<()> {
        let state = state()?;
        let building_id = id("building_id", &building_id)?;
        let building = places::building(&state.db, building_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let who = request::require(
            &state,
            Action::ManagePlaces {
                community: CommunityId(building.community_id),
            },
        )
        .await?;
        let (zh, en) = names(&name_zh, &name_en)?;
        let now = state.clock.now();
        let txn = db::begin_write(&state.db).await?;
        let id = places::add_unit(&txn, building_id, zh, en).await?;
        crate::ssr::audit::record(
            &txn,
            crate::ssr::audit::AuditEvent {
                actor: who.account.0,
                action: "place.add_unit",
                object_type: "unit",
                object_id: Some(id),
                community: Some(building.community_id),
                reason: None,
            },
            now,
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}
