use super::m20261126_000002_create_accounts::Accounts;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Deliberation on a proposal and the residents' forum share one table: a comment belongs to
/// a subject (`proposal`, `topic`) and may answer another comment. Moderators hide, never
/// delete, and say why.
#[derive(DeriveIden)]
enum Comments {
    Table,
    Id,
    SubjectKind,
    SubjectId,
    CommunityId,
    AuthorId,
    ParentId,
    /// `for`, `against` or `question` on proposals; none in the forum.
    Stance,
    Body,
    Reports,
    HiddenAt,
    HiddenBy,
    HiddenReason,
    CreatedAt,
}

/// One report per person and comment.
#[derive(DeriveIden)]
enum CommentReports {
    Table,
    CommentId,
    AccountId,
    Reason,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Comments::Table)
                    .col(big_pk_auto(Comments::Id))
                    .col(string(Comments::SubjectKind))
                    .col(big_integer(Comments::SubjectId))
                    .col(big_integer(Comments::CommunityId))
                    .col(big_integer(Comments::AuthorId))
                    .col(big_integer_null(Comments::ParentId))
                    .col(string_null(Comments::Stance))
                    .col(text(Comments::Body))
                    .col(integer(Comments::Reports).default(0))
                    .col(timestamp_with_time_zone_null(Comments::HiddenAt))
                    .col(big_integer_null(Comments::HiddenBy))
                    .col(text_null(Comments::HiddenReason))
                    .col(timestamp_with_time_zone(Comments::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Comments::Table, Comments::AuthorId)
                            .to(Accounts::Table, Accounts::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Comments::Table, Comments::ParentId)
                            .to(Comments::Table, Comments::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_comments_subject")
                    .table(Comments::Table)
                    .col(Comments::SubjectKind)
                    .col(Comments::SubjectId)
                    .col(Comments::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_comments_reported")
                    .table(Comments::Table)
                    .col(Comments::CommunityId)
                    .col(Comments::Reports)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CommentReports::Table)
                    .col(big_integer(CommentReports::CommentId))
                    .col(big_integer(CommentReports::AccountId))
                    .col(text_null(CommentReports::Reason))
                    .col(timestamp_with_time_zone(CommentReports::CreatedAt))
                    .primary_key(Index::create().col(CommentReports::CommentId).col(CommentReports::AccountId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CommentReports::Table, CommentReports::CommentId)
                            .to(Comments::Table, Comments::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CommentReports::Table, CommentReports::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(CommentReports::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Comments::Table).to_owned()).await
    }
}
