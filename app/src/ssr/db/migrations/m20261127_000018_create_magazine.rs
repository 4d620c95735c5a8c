use super::m20261126_000001_create_places::Communities;
use super::m20261126_000002_create_accounts::Accounts;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// An issue of 《家园》, the community's quarterly magazine.
#[derive(DeriveIden)]
enum MagazineIssues {
    Table,
    Id,
    CommunityId,
    Title,
    Season,
    Intro,
    CreatedBy,
    /// `NULL` while staff are still putting it together.
    PublishedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum MagazineArticles {
    Table,
    Id,
    IssueId,
    Position,
    Title,
    Byline,
    Body,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(MagazineIssues::Table)
                    .col(big_pk_auto(MagazineIssues::Id))
                    .col(big_integer(MagazineIssues::CommunityId))
                    .col(string(MagazineIssues::Title))
                    .col(string(MagazineIssues::Season))
                    .col(text(MagazineIssues::Intro))
                    .col(big_integer(MagazineIssues::CreatedBy))
                    .col(timestamp_with_time_zone_null(MagazineIssues::PublishedAt))
                    .col(timestamp_with_time_zone(MagazineIssues::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(MagazineIssues::Table, MagazineIssues::CommunityId)
                            .to(Communities::Table, Communities::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(MagazineIssues::Table, MagazineIssues::CreatedBy)
                            .to(Accounts::Table, Accounts::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MagazineArticles::Table)
                    .col(big_pk_auto(MagazineArticles::Id))
                    .col(big_integer(MagazineArticles::IssueId))
                    .col(integer(MagazineArticles::Position))
                    .col(string(MagazineArticles::Title))
                    .col(string(MagazineArticles::Byline))
                    .col(text(MagazineArticles::Body))
                    .col(timestamp_with_time_zone(MagazineArticles::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(MagazineArticles::Table, MagazineArticles::IssueId)
                            .to(MagazineIssues::Table, MagazineIssues::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_magazine_articles_issue")
                    .table(MagazineArticles::Table)
                    .col(MagazineArticles::IssueId)
                    .col(MagazineArticles::Position)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(MagazineArticles::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(MagazineIssues::Table).to_owned()).await
    }
}
