use super::m20261126_000001_create_places::Communities;
use super::m20261126_000002_create_accounts::Accounts;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The residents' forum 居民论坛: a topic opens a thread; its replies are `comments` with
/// subject `topic`.
#[derive(DeriveIden)]
enum ForumTopics {
    Table,
    Id,
    CommunityId,
    AuthorId,
    Title,
    Body,
    Replies,
    LastActivityAt,
    HiddenAt,
    HiddenBy,
    HiddenReason,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ForumTopics::Table)
                    .col(big_pk_auto(ForumTopics::Id))
                    .col(big_integer(ForumTopics::CommunityId))
                    .col(big_integer(ForumTopics::AuthorId))
                    .col(string(ForumTopics::Title))
                    .col(text(ForumTopics::Body))
                    .col(integer(ForumTopics::Replies).default(0))
                    .col(timestamp_with_time_zone(ForumTopics::LastActivityAt))
                    .col(timestamp_with_time_zone_null(ForumTopics::HiddenAt))
                    .col(big_integer_null(ForumTopics::HiddenBy))
                    .col(text_null(ForumTopics::HiddenReason))
                    .col(timestamp_with_time_zone(ForumTopics::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ForumTopics::Table, ForumTopics::CommunityId)
                            .to(Communities::Table, Communities::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ForumTopics::Table, ForumTopics::AuthorId)
                            .to(Accounts::Table, Accounts::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // The forum's first page: a community's topics by latest activity.
        manager
            .create_index(
                Index::create()
                    .name("ix_forum_topics_community_activity")
                    .table(ForumTopics::Table)
                    .col(ForumTopics::CommunityId)
                    .col(ForumTopics::LastActivityAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ForumTopics::Table).to_owned()).await
    }
}
