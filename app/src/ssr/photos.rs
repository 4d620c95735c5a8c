//! Photos on proposals and progress updates. Every upload is decoded and re-encoded here, so
//! what is stored is pixels only: no EXIF (GPS, camera serial), no scripts in disguise. They
//! are kept in the database, which every app server shares, and served only to people who
//! may see what they belong to.

use super::db::entities::{photo, project_update};
use super::projects;
use crate::authz::Principal;
use crate::error::{AppError, AppResult};
use crate::i18n::Key;
use chrono::{DateTime, Utc};
use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageReader, Limits};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use std::io::Cursor;

/// Largest upload accepted: a phone photo, not a RAW file.
pub const MAX_UPLOAD_BYTES: usize = 8 * 1024 * 1024;
/// Photos per proposal and per progress update.
pub const PER_SUBJECT: u64 = 4;
/// Longest edge kept: sharp on a phone, a fraction of the original's weight.
const MAX_EDGE: u32 = 1600;
const QUALITY: u8 = 80;

/// What a photo is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoTarget {
    Proposal(i64),
    Update(i64),
}

impl PhotoTarget {
    fn kind(self) -> &'static str {
        match self {
            PhotoTarget::Proposal(_) => "proposal",
            PhotoTarget::Update(_) => "project_update",
        }
    }

    fn id(self) -> i64 {
        match self {
            PhotoTarget::Proposal(id) | PhotoTarget::Update(id) => id,
        }
    }
}

/// A re-encoded JPEG.
pub struct Encoded {
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Decodes JPEG, PNG or WebP within memory limits, turns it upright, scales it down and
/// writes a fresh JPEG. CPU-bound: call it off the async threads.
pub fn reencode(upload: &[u8]) -> Result<Encoded, Key> {
    if upload.is_empty() {
        return Err(Key::FieldPhotoMissing);
    }
    if upload.len() > MAX_UPLOAD_BYTES {
        return Err(Key::FieldPhotoTooLarge);
    }
    let mut reader = ImageReader::new(Cursor::new(upload)).with_guessed_format().map_err(|_| Key::FieldPhotoFormat)?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(10_000);
    limits.max_image_height = Some(10_000);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| Key::FieldPhotoFormat)?;
    // A photo with unreadable metadata is still a photo: it is only shown as taken.
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(|_| Key::FieldPhotoFormat)?;
    image.apply_orientation(orientation);
    if image.width() > MAX_EDGE || image.height() > MAX_EDGE {
        image = image.resize(MAX_EDGE, MAX_EDGE, FilterType::Triangle);
    }
    let rgb = image.to_rgb8();
    let mut bytes = Vec::with_capacity(256 * 1024);
    JpegEncoder::new_with_quality(&mut bytes, QUALITY).encode_image(&rgb).map_err(|_| Key::FieldPhotoFormat)?;
    Ok(Encoded { bytes, width: rgb.width(), height: rgb.height() })
}

async fn count(db: &impl ConnectionTrait, target: PhotoTarget) -> Result<u64, DbErr> {
    photo::Entity::find()
        .filter(photo::Column::SubjectKind.eq(target.kind()))
        .filter(photo::Column::SubjectId.eq(target.id()))
        .count(db)
        .await
}

/// Ids of a subject's photos, in upload order.
pub async fn ids(db: &impl ConnectionTrait, target: PhotoTarget) -> Result<Vec<i64>, DbErr> {
    photo::Entity::find()
        .select_only()
        .column(photo::Column::Id)
        .filter(photo::Column::SubjectKind.eq(target.kind()))
        .filter(photo::Column::SubjectId.eq(target.id()))
        .order_by_asc(photo::Column::Id)
        .into_tuple()
        .all(db)
        .await
}

/// The proposal a target belongs to.
async fn proposal_of(db: &impl ConnectionTrait, target: PhotoTarget) -> AppResult<i64> {
    match target {
        PhotoTarget::Proposal(id) => Ok(id),
        PhotoTarget::Update(id) => {
            let update = project_update::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
            Ok(update.proposal_id)
        }
    }
}

/// Stores an encoded photo: on a proposal by its author while it may still be edited, on a
/// progress update by whoever runs the delivery.
pub async fn attach(
    db: &impl ConnectionTrait,
    who: &Principal,
    target: PhotoTarget,
    photo: Encoded,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let proposal = proposal_of(db, target).await?;
    match target {
        PhotoTarget::Proposal(id) => projects::may_edit(db, who, id).await?,
        PhotoTarget::Update(_) => projects::may_steward(db, who, proposal).await.map(|_| ())?,
    };
    if count(db, target).await? >= PER_SUBJECT {
        return Err(AppError::invalid("photo", Key::FieldPhotoCount));
    }
    let row = photo::ActiveModel {
        subject_kind: Set(target.kind().to_owned()),
        subject_id: Set(target.id()),
        uploader_id: Set(who.account.0),
        content_type: Set("image/jpeg".to_owned()),
        width: Set(photo.width as i32),
        height: Set(photo.height as i32),
        bytes: Set(photo.bytes),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// The author removes a photo from a proposal they may still edit.
pub async fn remove(db: &impl ConnectionTrait, who: &Principal, id: i64) -> AppResult<i64> {
    let row = photo::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if row.subject_kind != PhotoTarget::Proposal(0).kind() {
        return Err(AppError::Forbidden);
    }
    projects::may_edit(db, who, row.subject_id).await?;
    photo::Entity::delete_by_id(id).exec(db).await?;
    Ok(row.subject_id)
}

/// A photo's bytes for someone who may see the proposal it belongs to.
pub async fn read(db: &impl ConnectionTrait, who: &Principal, id: i64) -> AppResult<photo::Model> {
    let row = photo::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let target = match row.subject_kind.as_str() {
        "proposal" => PhotoTarget::Proposal(row.subject_id),
        _ => PhotoTarget::Update(row.subject_id),
    };
    projects::visible(db, who, proposal_of(db, target).await?).await?;
    Ok(row)
}
