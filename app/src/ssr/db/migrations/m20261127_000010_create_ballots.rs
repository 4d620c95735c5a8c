use super::m20261126_000002_create_accounts::Accounts;
use super::m20261127_000009_create_projects::{FundingRounds, Proposals};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// One resident's ballot in a round (changeable until the vote closes), or one paper ballot
/// staff entered (no voter; marked as paper).
#[derive(DeriveIden)]
enum Ballots {
    Table,
    Id,
    RoundId,
    VoterId,
    Paper,
    EnteredBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum BallotPicks {
    Table,
    BallotId,
    ProposalId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Ballots::Table)
                    .col(big_pk_auto(Ballots::Id))
                    .col(big_integer(Ballots::RoundId))
                    .col(big_integer_null(Ballots::VoterId))
                    .col(boolean(Ballots::Paper))
                    .col(big_integer_null(Ballots::EnteredBy))
                    .col(timestamp_with_time_zone(Ballots::CreatedAt))
                    .col(timestamp_with_time_zone(Ballots::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Ballots::Table, Ballots::RoundId)
                            .to(FundingRounds::Table, FundingRounds::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Ballots::Table, Ballots::VoterId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        // One online ballot per resident per round; paper ballots have no voter.
        manager
            .create_index(
                Index::create()
                    .name("ux_ballots_round_voter")
                    .table(Ballots::Table)
                    .col(Ballots::RoundId)
                    .col(Ballots::VoterId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BallotPicks::Table)
                    .col(big_integer(BallotPicks::BallotId))
                    .col(big_integer(BallotPicks::ProposalId))
                    .primary_key(Index::create().col(BallotPicks::BallotId).col(BallotPicks::ProposalId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(BallotPicks::Table, BallotPicks::BallotId)
                            .to(Ballots::Table, Ballots::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(BallotPicks::Table, BallotPicks::ProposalId)
                            .to(Proposals::Table, Proposals::Id),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(BallotPicks::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Ballots::Table).to_owned()).await
    }
}
