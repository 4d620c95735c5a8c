//! Street → communities → buildings → units: queries and the admins' changes.

use super::db::entities::{building, community, street, unit};
use crate::domain::PlaceName;
use crate::error::{AppError, AppResult};
use crate::i18n::{Key, Locale};
use crate::model::{BuildingView, CommunityView, PlaceDirectory, UnitView};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};

pub fn pick(locale: Locale, zh: &str, en: &str) -> String {
    match locale {
        Locale::En if !en.is_empty() => en.to_owned(),
        _ => zh.to_owned(),
    }
}

/// Every community with its buildings and entrances, in display order.
pub async fn directory(db: &impl ConnectionTrait, locale: Locale) -> Result<PlaceDirectory, DbErr> {
    let communities = community::Entity::find().order_by_asc(community::Column::Id).all(db).await?;
    let buildings = building::Entity::find()
        .order_by_asc(building::Column::Position)
        .order_by_asc(building::Column::Id)
        .all(db)
        .await?;
    let units = unit::Entity::find().order_by_asc(unit::Column::Id).all(db).await?;
    let communities = communities
        .into_iter()
        .map(|c| CommunityView {
            id: crate::model::CommunityId(c.id),
            name: pick(locale, &c.name_zh, &c.name_en),
            buildings: buildings
                .iter()
                .filter(|b| b.community_id == c.id)
                .map(|b| BuildingView {
                    id: crate::model::BuildingId(b.id),
                    name: pick(locale, &b.name_zh, &b.name_en),
                    units: units
                        .iter()
                        .filter(|u| u.building_id == b.id)
                        .map(|u| UnitView {
                            id: crate::model::UnitId(u.id),
                            name: pick(locale, &u.name_zh, &u.name_en),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    Ok(PlaceDirectory { communities })
}

/// The community a (building, unit) pair belongs to, if the unit really is in the building.
pub async fn community_of(db: &impl ConnectionTrait, building_id: i64, unit_id: i64) -> Result<Option<i64>, DbErr> {
    let Some(unit) = unit::Entity::find_by_id(unit_id).one(db).await? else {
        return Ok(None);
    };
    if unit.building_id != building_id {
        return Ok(None);
    }
    Ok(building::Entity::find_by_id(building_id).one(db).await?.map(|b| b.community_id))
}

pub async fn community(db: &impl ConnectionTrait, id: i64) -> Result<Option<community::Model>, DbErr> {
    community::Entity::find_by_id(id).one(db).await
}

pub async fn building(db: &impl ConnectionTrait, id: i64) -> Result<Option<building::Model>, DbErr> {
    building::Entity::find_by_id(id).one(db).await
}

/// A full address line: `花果山社区 1栋 2单元 302`.
pub async fn address(
    db: &impl ConnectionTrait,
    building_id: Option<i64>,
    unit_id: Option<i64>,
    room: Option<&str>,
    locale: Locale,
) -> Result<Option<String>, DbErr> {
    let Some(building) = building_id else {
        return Ok(None);
    };
    let Some(b) = building::Entity::find_by_id(building).one(db).await? else {
        return Ok(None);
    };
    let c = community::Entity::find_by_id(b.community_id).one(db).await?;
    let u = match unit_id {
        Some(id) => unit::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    let mut parts = vec![];
    if let Some(c) = c {
        parts.push(pick(locale, &c.name_zh, &c.name_en));
    }
    parts.push(pick(locale, &b.name_zh, &b.name_en));
    if let Some(u) = u {
        parts.push(pick(locale, &u.name_zh, &u.name_en));
    }
    if let Some(room) = room {
        parts.push(room.to_owned());
    }
    Ok(Some(parts.join(" ")))
}

/// The one street this deployment serves, created on first need.
pub async fn street(db: &impl ConnectionTrait, name_zh: &str, name_en: &str) -> Result<i64, DbErr> {
    if let Some(s) = street::Entity::find().one(db).await? {
        return Ok(s.id);
    }
    let s = street::ActiveModel {
        name_zh: Set(name_zh.to_owned()),
        name_en: Set(name_en.to_owned()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(s.id)
}

fn english_or(zh: &PlaceName, en: Option<PlaceName>) -> String {
    en.map(PlaceName::into_inner).unwrap_or_else(|| zh.clone().into_inner())
}

fn duplicate(err: DbErr) -> AppError {
    if super::is_unique_violation(&err) { AppError::invalid("name_zh", Key::ErrDuplicate) } else { err.into() }
}

pub async fn add_community(
    db: &impl ConnectionTrait,
    name_zh: PlaceName,
    name_en: Option<PlaceName>,
    service_phone: Option<String>,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let street_id = street(db, "招商街道", "Zhaoshang Street").await?;
    let en = english_or(&name_zh, name_en);
    let model = community::ActiveModel {
        street_id: Set(street_id),
        name_zh: Set(name_zh.into_inner()),
        name_en: Set(en),
        service_phone: Set(service_phone),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(duplicate)?;
    Ok(model.id)
}

pub async fn add_building(
    db: &impl ConnectionTrait,
    community_id: i64,
    name_zh: PlaceName,
    name_en: Option<PlaceName>,
) -> AppResult<i64> {
    let position =
        building::Entity::find().filter(building::Column::CommunityId.eq(community_id)).all(db).await?.len() as i32 + 1;
    let en = english_or(&name_zh, name_en);
    let model = building::ActiveModel {
        community_id: Set(community_id),
        name_zh: Set(name_zh.into_inner()),
        name_en: Set(en),
        position: Set(position),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(duplicate)?;
    Ok(model.id)
}

pub async fn add_unit(
    db: &impl ConnectionTrait,
    building_id: i64,
    name_zh: PlaceName,
    name_en: Option<PlaceName>,
) -> AppResult<i64> {
    let en = english_or(&name_zh, name_en);
    let model = unit::ActiveModel {
        building_id: Set(building_id),
        name_zh: Set(name_zh.into_inner()),
        name_en: Set(en),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(duplicate)?;
    Ok(model.id)
}
