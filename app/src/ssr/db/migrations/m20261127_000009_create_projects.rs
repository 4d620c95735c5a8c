use super::m20261126_000001_create_places::Communities;
use super::m20261126_000002_create_accounts::Accounts;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A community's autonomy fund for one cycle: budget, phase dates and the rules proposals
/// are checked against. Money is integer fen.
#[derive(DeriveIden)]
pub enum FundingRounds {
    Table,
    Id,
    CommunityId,
    Title,
    BudgetFen,
    CostCapFen,
    SupportThreshold,
    SupportWindowDays,
    AllowService,
    AllowGoods,
    AllowWorks,
    CollectingUntil,
    ReviewUntil,
    NoticeUntil,
    VotingUntil,
    ImplementationUntil,
    EvaluationUntil,
    CreatedBy,
    CreatedAt,
    TalliedAt,
}

#[derive(DeriveIden)]
pub enum Proposals {
    Table,
    Id,
    RoundId,
    CommunityId,
    AuthorId,
    Title,
    Description,
    Category,
    Location,
    EstimatedCostFen,
    ReviewedCostFen,
    Beneficiaries,
    State,
    SubCommittee,
    /// Why it was found unfeasible or what should change; the author and supporters see it.
    ReviewNote,
    ReviewerId,
    Supports,
    SubmittedAt,
    SupportDeadline,
    Version,
    CreatedAt,
    UpdatedAt,
}

/// One verified resident's support; the primary key makes it once per person.
#[derive(DeriveIden)]
enum ProposalSupports {
    Table,
    ProposalId,
    AccountId,
    CreatedAt,
}

/// The proposal's public timeline.
#[derive(DeriveIden)]
enum ProposalEvents {
    Table,
    Id,
    ProposalId,
    ActorId,
    Kind,
    Note,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FundingRounds::Table)
                    .col(big_pk_auto(FundingRounds::Id))
                    .col(big_integer(FundingRounds::CommunityId))
                    .col(string(FundingRounds::Title))
                    .col(big_integer(FundingRounds::BudgetFen))
                    .col(big_integer(FundingRounds::CostCapFen))
                    .col(integer(FundingRounds::SupportThreshold))
                    .col(integer(FundingRounds::SupportWindowDays))
                    .col(boolean(FundingRounds::AllowService))
                    .col(boolean(FundingRounds::AllowGoods))
                    .col(boolean(FundingRounds::AllowWorks))
                    .col(timestamp_with_time_zone(FundingRounds::CollectingUntil))
                    .col(timestamp_with_time_zone(FundingRounds::ReviewUntil))
                    .col(timestamp_with_time_zone(FundingRounds::NoticeUntil))
                    .col(timestamp_with_time_zone(FundingRounds::VotingUntil))
                    .col(timestamp_with_time_zone(FundingRounds::ImplementationUntil))
                    .col(timestamp_with_time_zone(FundingRounds::EvaluationUntil))
                    .col(big_integer(FundingRounds::CreatedBy))
                    .col(timestamp_with_time_zone(FundingRounds::CreatedAt))
                    .col(timestamp_with_time_zone_null(FundingRounds::TalliedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(FundingRounds::Table, FundingRounds::CommunityId)
                            .to(Communities::Table, Communities::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(FundingRounds::Table, FundingRounds::CreatedBy)
                            .to(Accounts::Table, Accounts::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Proposals::Table)
                    .col(big_pk_auto(Proposals::Id))
                    .col(big_integer(Proposals::RoundId))
                    .col(big_integer(Proposals::CommunityId))
                    .col(big_integer(Proposals::AuthorId))
                    .col(string(Proposals::Title))
                    .col(text(Proposals::Description))
                    .col(string(Proposals::Category))
                    .col(string(Proposals::Location))
                    .col(big_integer(Proposals::EstimatedCostFen))
                    .col(big_integer_null(Proposals::ReviewedCostFen))
                    .col(string(Proposals::Beneficiaries))
                    .col(string(Proposals::State))
                    .col(string_null(Proposals::SubCommittee))
                    .col(text_null(Proposals::ReviewNote))
                    .col(big_integer_null(Proposals::ReviewerId))
                    .col(integer(Proposals::Supports))
                    .col(timestamp_with_time_zone_null(Proposals::SubmittedAt))
                    .col(timestamp_with_time_zone_null(Proposals::SupportDeadline))
                    .col(integer(Proposals::Version))
                    .col(timestamp_with_time_zone(Proposals::CreatedAt))
                    .col(timestamp_with_time_zone(Proposals::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Proposals::Table, Proposals::RoundId)
                            .to(FundingRounds::Table, FundingRounds::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Proposals::Table, Proposals::AuthorId)
                            .to(Accounts::Table, Accounts::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_proposals_round_state")
                    .table(Proposals::Table)
                    .col(Proposals::RoundId)
                    .col(Proposals::State)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProposalSupports::Table)
                    .col(big_integer(ProposalSupports::ProposalId))
                    .col(big_integer(ProposalSupports::AccountId))
                    .col(timestamp_with_time_zone(ProposalSupports::CreatedAt))
                    .primary_key(Index::create().col(ProposalSupports::ProposalId).col(ProposalSupports::AccountId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProposalSupports::Table, ProposalSupports::ProposalId)
                            .to(Proposals::Table, Proposals::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProposalSupports::Table, ProposalSupports::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProposalEvents::Table)
                    .col(big_pk_auto(ProposalEvents::Id))
                    .col(big_integer(ProposalEvents::ProposalId))
                    .col(big_integer_null(ProposalEvents::ActorId))
                    .col(string(ProposalEvents::Kind))
                    .col(text_null(ProposalEvents::Note))
                    .col(timestamp_with_time_zone(ProposalEvents::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProposalEvents::Table, ProposalEvents::ProposalId)
                            .to(Proposals::Table, Proposals::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_proposal_events_proposal")
                    .table(ProposalEvents::Table)
                    .col(ProposalEvents::ProposalId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ProposalEvents::Table.into_iden(),
            ProposalSupports::Table.into_iden(),
            Proposals::Table.into_iden(),
            FundingRounds::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
