use super::m20261126_000001_create_places::Communities;
use super::m20261126_000002_create_accounts::Accounts;
use super::m20261127_000009_create_projects::Proposals;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Who delivers selected projects; residents' acceptance ratings are kept per provider.
#[derive(DeriveIden)]
enum Providers {
    Table,
    Id,
    CommunityId,
    Name,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ProjectMilestones {
    Table,
    Id,
    ProposalId,
    Title,
    DueAt,
    DoneAt,
}

/// Dated progress: percent done and money spent so far, both never going back.
#[derive(DeriveIden)]
enum ProjectUpdates {
    Table,
    Id,
    ProposalId,
    AuthorId,
    Percent,
    SpentFen,
    Note,
    CreatedAt,
}

/// One resident's 验收 verdict on one delivery attempt (a reopened project is delivered again).
#[derive(DeriveIden)]
enum AcceptanceVerdicts {
    Table,
    ProposalId,
    Attempt,
    AccountId,
    Accepted,
    Rating,
    Comment,
    CreatedAt,
}

#[derive(DeriveIden)]
/// The columns delivery adds to `proposals`.
enum ProposalColumns {
    ProviderId,
    ProgressPercent,
    SpentFen,
    DeliveredAt,
    AcceptanceUntil,
    DeliveryAttempt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Providers::Table)
                    .col(big_pk_auto(Providers::Id))
                    .col(big_integer(Providers::CommunityId))
                    .col(string(Providers::Name))
                    .col(timestamp_with_time_zone(Providers::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Providers::Table, Providers::CommunityId)
                            .to(Communities::Table, Communities::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_providers_community_name")
                    .table(Providers::Table)
                    .col(Providers::CommunityId)
                    .col(Providers::Name)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // SQLite alters one column per statement.
        let columns = [
            big_integer_null(ProposalColumns::ProviderId),
            integer(ProposalColumns::ProgressPercent).default(0).to_owned(),
            big_integer(ProposalColumns::SpentFen).default(0).to_owned(),
            timestamp_with_time_zone_null(ProposalColumns::DeliveredAt),
            timestamp_with_time_zone_null(ProposalColumns::AcceptanceUntil),
            integer(ProposalColumns::DeliveryAttempt).default(0).to_owned(),
        ];
        for mut column in columns {
            manager.alter_table(Table::alter().table(Proposals::Table).add_column(&mut column).to_owned()).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(ProjectMilestones::Table)
                    .col(big_pk_auto(ProjectMilestones::Id))
                    .col(big_integer(ProjectMilestones::ProposalId))
                    .col(string(ProjectMilestones::Title))
                    .col(timestamp_with_time_zone(ProjectMilestones::DueAt))
                    .col(timestamp_with_time_zone_null(ProjectMilestones::DoneAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProjectMilestones::Table, ProjectMilestones::ProposalId)
                            .to(Proposals::Table, Proposals::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProjectUpdates::Table)
                    .col(big_pk_auto(ProjectUpdates::Id))
                    .col(big_integer(ProjectUpdates::ProposalId))
                    .col(big_integer(ProjectUpdates::AuthorId))
                    .col(integer(ProjectUpdates::Percent))
                    .col(big_integer(ProjectUpdates::SpentFen))
                    .col(text(ProjectUpdates::Note))
                    .col(timestamp_with_time_zone(ProjectUpdates::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProjectUpdates::Table, ProjectUpdates::ProposalId)
                            .to(Proposals::Table, Proposals::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProjectUpdates::Table, ProjectUpdates::AuthorId)
                            .to(Accounts::Table, Accounts::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AcceptanceVerdicts::Table)
                    .col(big_integer(AcceptanceVerdicts::ProposalId))
                    .col(integer(AcceptanceVerdicts::Attempt))
                    .col(big_integer(AcceptanceVerdicts::AccountId))
                    .col(boolean(AcceptanceVerdicts::Accepted))
                    .col(integer_null(AcceptanceVerdicts::Rating))
                    .col(text_null(AcceptanceVerdicts::Comment))
                    .col(timestamp_with_time_zone(AcceptanceVerdicts::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(AcceptanceVerdicts::ProposalId)
                            .col(AcceptanceVerdicts::Attempt)
                            .col(AcceptanceVerdicts::AccountId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(AcceptanceVerdicts::Table, AcceptanceVerdicts::ProposalId)
                            .to(Proposals::Table, Proposals::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(AcceptanceVerdicts::Table, AcceptanceVerdicts::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AcceptanceVerdicts::Table.into_iden(),
            ProjectUpdates::Table.into_iden(),
            ProjectMilestones::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        for column in [
            ProposalColumns::ProviderId,
            ProposalColumns::ProgressPercent,
            ProposalColumns::SpentFen,
            ProposalColumns::DeliveredAt,
            ProposalColumns::AcceptanceUntil,
            ProposalColumns::DeliveryAttempt,
        ] {
            manager.alter_table(Table::alter().table(Proposals::Table).drop_column(column).to_owned()).await?;
        }
        manager.drop_table(Table::drop().table(Providers::Table).to_owned()).await
    }
}
