//! VAPID keys: generated once and kept in the database, or given in configuration. Old keys
//! stay known, so a device subscribed with one keeps receiving until it renews.

use crate::ssr::db::{self, entities::vapid_key};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use std::collections::HashMap;

/// Public key of a raw base64url private key, or `None` when it is not a P-256 scalar.
pub fn public_of(private_b64: &str) -> Option<String> {
    let builder = web_push::VapidSignatureBuilder::from_base64_no_sub(private_b64).ok()?;
    Some(URL_SAFE_NO_PAD.encode(builder.get_public_key()))
}

pub fn generate() -> String {
    URL_SAFE_NO_PAD.encode(jwt_simple::prelude::ES256KeyPair::generate().to_bytes())
}

/// Makes sure one key is active: the configured one, else the database's, else a new one.
/// Runs at start; several servers starting at once settle on the oldest active key.
pub async fn ensure(db: &DatabaseConnection, configured: &str, now: DateTime<Utc>) -> Result<(), DbErr> {
    let txn = db::begin_write(db).await?;
    let wanted = if configured.is_empty() {
        match current(&txn).await? {
            Some(key) if key.private_key.is_some() => None,
            _ => {
                let private = generate();
                Some((public_of(&private).expect("a generated key is valid"), Some(private)))
            }
        }
    } else {
        let public = public_of(configured)
            .ok_or_else(|| DbErr::Custom("push.vapid_private_key is not a base64url P-256 key".into()))?;
        Some((public, None))
    };
    if let Some((public, private)) = wanted {
        let existing =
            vapid_key::Entity::find().filter(vapid_key::Column::PublicKey.eq(public.as_str())).one(&txn).await?;
        let id = match existing {
            Some(k) => k.id,
            None => {
                vapid_key::ActiveModel {
                    public_key: Set(public),
                    private_key: Set(private),
                    active: Set(true),
                    created_at: Set(now),
                    ..Default::default()
                }
                .insert(&txn)
                .await?
                .id
            }
        };
        vapid_key::Entity::update_many()
            .col_expr(vapid_key::Column::Active, Expr::value(false))
            .filter(vapid_key::Column::Id.ne(id))
            .exec(&txn)
            .await?;
        vapid_key::Entity::update_many()
            .col_expr(vapid_key::Column::Active, Expr::value(true))
            .filter(vapid_key::Column::Id.eq(id))
            .exec(&txn)
            .await?;
    }
    txn.commit().await
}

/// The key new subscriptions are made with.
pub async fn current(db: &impl ConnectionTrait) -> Result<Option<vapid_key::Model>, DbErr> {
    vapid_key::Entity::find()
        .filter(vapid_key::Column::Active.eq(true))
        .order_by_asc(vapid_key::Column::Id)
        .one(db)
        .await
}

/// Private keys by key id, for every key this server can still sign with.
pub async fn signing_keys(db: &impl ConnectionTrait, configured: &str) -> Result<HashMap<i64, String>, DbErr> {
    let configured_public = (!configured.is_empty()).then(|| public_of(configured)).flatten();
    Ok(vapid_key::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|k| match k.private_key {
            Some(private) => Some((k.id, private)),
            None if configured_public.as_deref() == Some(k.public_key.as_str()) => Some((k.id, configured.to_owned())),
            None => None,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_keys_have_a_65_byte_public_point() {
        let private = generate();
        let public = public_of(&private).unwrap();
        let raw = URL_SAFE_NO_PAD.decode(public).unwrap();
        assert_eq!(raw.len(), 65);
        assert_eq!(raw[0], 4, "uncompressed point");
    }

    #[test]
    fn garbage_is_not_a_key() {
        assert_eq!(public_of("not a key"), None);
    }
}
