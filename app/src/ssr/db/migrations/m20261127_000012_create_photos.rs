use super::m20261126_000002_create_accounts::Accounts;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Photos live in the database, re-encoded and stripped of metadata, so every app server
/// reads the same ones and a backup holds them with the rows that show them.
#[derive(DeriveIden)]
enum Photos {
    Table,
    Id,
    /// `proposal` or `project_update`.
    SubjectKind,
    SubjectId,
    UploaderId,
    ContentType,
    Width,
    Height,
    Bytes,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Photos::Table)
                    .col(big_pk_auto(Photos::Id))
                    .col(string(Photos::SubjectKind))
                    .col(big_integer(Photos::SubjectId))
                    .col(big_integer(Photos::UploaderId))
                    .col(string(Photos::ContentType))
                    .col(integer(Photos::Width))
                    .col(integer(Photos::Height))
                    .col(blob(Photos::Bytes))
                    .col(timestamp_with_time_zone(Photos::CreatedAt))
                    .foreign_key(
                        ForeignKey::create().from(Photos::Table, Photos::UploaderId).to(Accounts::Table, Accounts::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_photos_subject")
                    .table(Photos::Table)
                    .col(Photos::SubjectKind)
                    .col(Photos::SubjectId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Photos::Table).to_owned()).await
    }
}
