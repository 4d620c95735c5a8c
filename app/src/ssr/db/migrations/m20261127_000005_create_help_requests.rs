use super::m20261126_000001_create_places::{Buildings, Communities};
use super::m20261126_000002_create_accounts::Accounts;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum HelpRequests {
    Table,
    Id,
    CommunityId,
    BuildingId,
    RequesterId,
    CreatedBy,
    ViaHotline,
    Category,
    Urgency,
    Description,
    WindowStart,
    WindowEnd,
    State,
    VolunteerId,
    ClaimedAt,
    DoneReportedAt,
    VolunteerMinutes,
    FinishedAt,
    EscalationLevel,
    NextEscalationAt,
    ExpiresAt,
    Thanks,
    Rating,
    IdempotencyKey,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum HelpEvents {
    Table,
    Id,
    RequestId,
    ActorId,
    Kind,
    Note,
    CreatedAt,
}

#[derive(DeriveIden)]
enum VolunteerDuty {
    Table,
    AccountId,
    OnDuty,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(HelpRequests::Table)
                    .col(big_pk_auto(HelpRequests::Id))
                    .col(big_integer(HelpRequests::CommunityId))
                    .col(big_integer(HelpRequests::BuildingId))
                    .col(big_integer(HelpRequests::RequesterId))
                    .col(big_integer(HelpRequests::CreatedBy))
                    .col(boolean(HelpRequests::ViaHotline))
                    .col(string(HelpRequests::Category))
                    .col(string(HelpRequests::Urgency))
                    .col(text(HelpRequests::Description))
                    .col(timestamp_with_time_zone_null(HelpRequests::WindowStart))
                    .col(timestamp_with_time_zone_null(HelpRequests::WindowEnd))
                    .col(string(HelpRequests::State))
                    .col(big_integer_null(HelpRequests::VolunteerId))
                    .col(timestamp_with_time_zone_null(HelpRequests::ClaimedAt))
                    .col(timestamp_with_time_zone_null(HelpRequests::DoneReportedAt))
                    .col(integer_null(HelpRequests::VolunteerMinutes))
                    .col(timestamp_with_time_zone_null(HelpRequests::FinishedAt))
                    .col(integer(HelpRequests::EscalationLevel))
                    .col(timestamp_with_time_zone_null(HelpRequests::NextEscalationAt))
                    .col(timestamp_with_time_zone(HelpRequests::ExpiresAt))
                    .col(text_null(HelpRequests::Thanks))
                    .col(integer_null(HelpRequests::Rating))
                    .col(string(HelpRequests::IdempotencyKey))
                    .col(integer(HelpRequests::Version))
                    .col(timestamp_with_time_zone(HelpRequests::CreatedAt))
                    .col(timestamp_with_time_zone(HelpRequests::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(HelpRequests::Table, HelpRequests::CommunityId)
                            .to(Communities::Table, Communities::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(HelpRequests::Table, HelpRequests::BuildingId)
                            .to(Buildings::Table, Buildings::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(HelpRequests::Table, HelpRequests::RequesterId)
                            .to(Accounts::Table, Accounts::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // A retried submission (same person, same key) finds the first one.
        manager
            .create_index(
                Index::create()
                    .name("ux_help_requests_idempotency")
                    .table(HelpRequests::Table)
                    .col(HelpRequests::RequesterId)
                    .col(HelpRequests::IdempotencyKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // The volunteer board: open requests of some buildings, newest first.
        manager
            .create_index(
                Index::create()
                    .name("ix_help_requests_board")
                    .table(HelpRequests::Table)
                    .col(HelpRequests::State)
                    .col(HelpRequests::BuildingId)
                    .col(HelpRequests::CreatedAt)
                    .to_owned(),
            )
            .await?;
        // The escalation worker's scan.
        manager
            .create_index(
                Index::create()
                    .name("ix_help_requests_escalation")
                    .table(HelpRequests::Table)
                    .col(HelpRequests::NextEscalationAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_help_requests_requester")
                    .table(HelpRequests::Table)
                    .col(HelpRequests::RequesterId)
                    .col(HelpRequests::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(HelpEvents::Table)
                    .col(big_pk_auto(HelpEvents::Id))
                    .col(big_integer(HelpEvents::RequestId))
                    .col(big_integer_null(HelpEvents::ActorId))
                    .col(string(HelpEvents::Kind))
                    .col(text_null(HelpEvents::Note))
                    .col(timestamp_with_time_zone(HelpEvents::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(HelpEvents::Table, HelpEvents::RequestId)
                            .to(HelpRequests::Table, HelpRequests::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_help_events_request")
                    .table(HelpEvents::Table)
                    .col(HelpEvents::RequestId)
                    .col(HelpEvents::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(VolunteerDuty::Table)
                    .col(big_integer(VolunteerDuty::AccountId).primary_key())
                    .col(boolean(VolunteerDuty::OnDuty))
                    .col(timestamp_with_time_zone(VolunteerDuty::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(VolunteerDuty::Table, VolunteerDuty::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(VolunteerDuty::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(HelpEvents::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(HelpRequests::Table).to_owned()).await
    }
}
