use super::m20261126_000001_create_places::Communities;
use super::m20261126_000002_create_accounts::Accounts;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The service centre's service projects 服务项目, in both languages because staff publish
/// them to every resident.
#[derive(DeriveIden)]
pub enum ServiceProjects {
    Table,
    Id,
    CommunityId,
    Position,
    NameZh,
    NameEn,
    SummaryZh,
    SummaryEn,
    Active,
    CreatedAt,
    UpdatedAt,
}

/// A resident's request for a service (网上办事), its state and the resident's rating.
#[derive(DeriveIden)]
enum ServiceRequests {
    Table,
    Id,
    ServiceId,
    CommunityId,
    RequesterId,
    Details,
    State,
    DeclineReason,
    HandledBy,
    Rating,
    RatingComment,
    RatedAt,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ServiceProjects::Table)
                    .col(big_pk_auto(ServiceProjects::Id))
                    .col(big_integer(ServiceProjects::CommunityId))
                    .col(integer(ServiceProjects::Position))
                    .col(string(ServiceProjects::NameZh))
                    .col(string(ServiceProjects::NameEn))
                    .col(text(ServiceProjects::SummaryZh))
                    .col(text(ServiceProjects::SummaryEn))
                    .col(boolean(ServiceProjects::Active).default(true))
                    .col(timestamp_with_time_zone(ServiceProjects::CreatedAt))
                    .col(timestamp_with_time_zone(ServiceProjects::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ServiceProjects::Table, ServiceProjects::CommunityId)
                            .to(Communities::Table, Communities::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ServiceRequests::Table)
                    .col(big_pk_auto(ServiceRequests::Id))
                    .col(big_integer(ServiceRequests::ServiceId))
                    .col(big_integer(ServiceRequests::CommunityId))
                    .col(big_integer(ServiceRequests::RequesterId))
                    .col(text(ServiceRequests::Details))
                    .col(string(ServiceRequests::State))
                    .col(text_null(ServiceRequests::DeclineReason))
                    .col(big_integer_null(ServiceRequests::HandledBy))
                    .col(small_integer_null(ServiceRequests::Rating))
                    .col(text_null(ServiceRequests::RatingComment))
                    .col(timestamp_with_time_zone_null(ServiceRequests::RatedAt))
                    .col(timestamp_with_time_zone(ServiceRequests::CreatedAt))
                    .col(timestamp_with_time_zone(ServiceRequests::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ServiceRequests::Table, ServiceRequests::ServiceId)
                            .to(ServiceProjects::Table, ServiceProjects::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ServiceRequests::Table, ServiceRequests::RequesterId)
                            .to(Accounts::Table, Accounts::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // The staff queue: a community's requests by state, newest first.
        manager
            .create_index(
                Index::create()
                    .name("ix_service_requests_community_state")
                    .table(ServiceRequests::Table)
                    .col(ServiceRequests::CommunityId)
                    .col(ServiceRequests::State)
                    .col(ServiceRequests::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_service_requests_requester")
                    .table(ServiceRequests::Table)
                    .col(ServiceRequests::RequesterId)
                    .to_owned(),
            )
            .await?;
        // Supervision reads the ratings of a quarter.
        manager
            .create_index(
                Index::create()
                    .name("ix_service_requests_community_rated")
                    .table(ServiceRequests::Table)
                    .col(ServiceRequests::CommunityId)
                    .col(ServiceRequests::RatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ServiceRequests::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(ServiceProjects::Table).to_owned()).await
    }
}
