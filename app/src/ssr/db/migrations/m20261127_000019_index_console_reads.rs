use super::m20261127_000005_create_help_requests::HelpRequests;
use super::m20261127_000006_create_notifications::Notifications;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Indexes for the console's reads that grow with the community: the dashboard's weeks of
/// help requests and triage (by community and time), and an announcement's sending progress
/// (its notifications, found by the link they carry).
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("ix_help_requests_community_created")
                    .table(HelpRequests::Table)
                    .col(HelpRequests::CommunityId)
                    .col(HelpRequests::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_notifications_url")
                    .table(Notifications::Table)
                    .col(Notifications::Url)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("ix_notifications_url").table(Notifications::Table).to_owned()).await?;
        manager
            .drop_index(Index::drop().name("ix_help_requests_community_created").table(HelpRequests::Table).to_owned())
            .await
    }
}
