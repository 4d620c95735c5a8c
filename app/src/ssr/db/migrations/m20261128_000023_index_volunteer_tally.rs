use super::m20261127_000005_create_help_requests::HelpRequests;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A volunteer's tally (requests they resolved, minutes they gave) is read on their board and
/// their own page. Without this index it read every resolved request in the street: 1.2 s a
/// call at a million requests (issue 9's first benchmark). With the minutes in the index the
/// count and the sum are answered from the index alone.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("ix_help_requests_volunteer_tally")
                    .table(HelpRequests::Table)
                    .col(HelpRequests::VolunteerId)
                    .col(HelpRequests::State)
                    .col(HelpRequests::VolunteerMinutes)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name("ix_help_requests_volunteer_tally").table(HelpRequests::Table).to_owned())
            .await
    }
}
