use super::m20261126_000001_create_places::{Buildings, Communities};
use super::m20261126_000002_create_accounts::Accounts;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// What the service centre publishes: to the whole community, or to one building.
#[derive(DeriveIden)]
enum Announcements {
    Table,
    Id,
    CommunityId,
    /// `NULL`: everyone in the community.
    BuildingId,
    AuthorId,
    Title,
    Body,
    Pinned,
    /// Sent as a notification (inbox and push) when published.
    Pushed,
    /// How many people it was sent to, fixed at publishing: the sender's progress counts
    /// against this.
    Recipients,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Announcements::Table)
                    .col(big_pk_auto(Announcements::Id))
                    .col(big_integer(Announcements::CommunityId))
                    .col(big_integer_null(Announcements::BuildingId))
                    .col(big_integer(Announcements::AuthorId))
                    .col(string(Announcements::Title))
                    .col(text(Announcements::Body))
                    .col(boolean(Announcements::Pinned).default(false))
                    .col(boolean(Announcements::Pushed).default(false))
                    .col(integer(Announcements::Recipients).default(0))
                    .col(timestamp_with_time_zone(Announcements::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Announcements::Table, Announcements::CommunityId)
                            .to(Communities::Table, Communities::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Announcements::Table, Announcements::BuildingId)
                            .to(Buildings::Table, Buildings::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Announcements::Table, Announcements::AuthorId)
                            .to(Accounts::Table, Accounts::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_announcements_community_created")
                    .table(Announcements::Table)
                    .col(Announcements::CommunityId)
                    .col(Announcements::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Announcements::Table).to_owned()).await
    }
}
