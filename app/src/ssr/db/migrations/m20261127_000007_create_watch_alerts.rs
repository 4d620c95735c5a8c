use super::m20261126_000001_create_places::{Buildings, Communities};
use super::m20261126_000002_create_accounts::Accounts;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum WatchAlerts {
    Table,
    Id,
    CommunityId,
    BuildingId,
    AuthorId,
    Body,
    HiddenReason,
    HiddenBy,
    HiddenAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AlertReplies {
    Table,
    Id,
    AlertId,
    AuthorId,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AlertReports {
    Table,
    Id,
    AlertId,
    ReporterId,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(WatchAlerts::Table)
                    .col(big_pk_auto(WatchAlerts::Id))
                    .col(big_integer(WatchAlerts::CommunityId))
                    .col(big_integer_null(WatchAlerts::BuildingId))
                    .col(big_integer(WatchAlerts::AuthorId))
                    .col(string(WatchAlerts::Body))
                    .col(text_null(WatchAlerts::HiddenReason))
                    .col(big_integer_null(WatchAlerts::HiddenBy))
                    .col(timestamp_with_time_zone_null(WatchAlerts::HiddenAt))
                    .col(timestamp_with_time_zone(WatchAlerts::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(WatchAlerts::Table, WatchAlerts::CommunityId)
                            .to(Communities::Table, Communities::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(WatchAlerts::Table, WatchAlerts::BuildingId)
                            .to(Buildings::Table, Buildings::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(WatchAlerts::Table, WatchAlerts::AuthorId)
                            .to(Accounts::Table, Accounts::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_watch_alerts_feed")
                    .table(WatchAlerts::Table)
                    .col(WatchAlerts::CommunityId)
                    .col(WatchAlerts::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AlertReplies::Table)
                    .col(big_pk_auto(AlertReplies::Id))
                    .col(big_integer(AlertReplies::AlertId))
                    .col(big_integer(AlertReplies::AuthorId))
                    .col(string(AlertReplies::Body))
                    .col(timestamp_with_time_zone(AlertReplies::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AlertReplies::Table, AlertReplies::AlertId)
                            .to(WatchAlerts::Table, WatchAlerts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_alert_replies_alert")
                    .table(AlertReplies::Table)
                    .col(AlertReplies::AlertId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AlertReports::Table)
                    .col(big_pk_auto(AlertReports::Id))
                    .col(big_integer(AlertReports::AlertId))
                    .col(big_integer(AlertReports::ReporterId))
                    .col(timestamp_with_time_zone(AlertReports::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AlertReports::Table, AlertReports::AlertId)
                            .to(WatchAlerts::Table, WatchAlerts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // One report per person and alert.
        manager
            .create_index(
                Index::create()
                    .name("ux_alert_reports_once")
                    .table(AlertReports::Table)
                    .col(AlertReports::AlertId)
                    .col(AlertReports::ReporterId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(AlertReports::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(AlertReplies::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(WatchAlerts::Table).to_owned()).await
    }
}
