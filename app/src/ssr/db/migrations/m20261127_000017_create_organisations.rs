use super::m20261126_000001_create_places::Communities;
use super::m20261126_000002_create_accounts::Accounts;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Community social organisations 社区社会组织 and their filing 备案.
#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
    CommunityId,
    Name,
    Kind,
    Purpose,
    /// The resident who filed it and is its contact person.
    ContactId,
    State,
    ReturnReason,
    DecidedBy,
    DecidedAt,
    CreatedAt,
    UpdatedAt,
}

/// Who belongs to an organisation; one row per person.
#[derive(DeriveIden)]
enum OrganisationMembers {
    Table,
    OrganisationId,
    AccountId,
    JoinedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Organisations::Table)
                    .col(big_pk_auto(Organisations::Id))
                    .col(big_integer(Organisations::CommunityId))
                    .col(string(Organisations::Name))
                    .col(string(Organisations::Kind))
                    .col(text(Organisations::Purpose))
                    .col(big_integer(Organisations::ContactId))
                    .col(string(Organisations::State))
                    .col(text_null(Organisations::ReturnReason))
                    .col(big_integer_null(Organisations::DecidedBy))
                    .col(timestamp_with_time_zone_null(Organisations::DecidedAt))
                    .col(timestamp_with_time_zone(Organisations::CreatedAt))
                    .col(timestamp_with_time_zone(Organisations::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Organisations::Table, Organisations::CommunityId)
                            .to(Communities::Table, Communities::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Organisations::Table, Organisations::ContactId)
                            .to(Accounts::Table, Accounts::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_organisations_community_state")
                    .table(Organisations::Table)
                    .col(Organisations::CommunityId)
                    .col(Organisations::State)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OrganisationMembers::Table)
                    .col(big_integer(OrganisationMembers::OrganisationId))
                    .col(big_integer(OrganisationMembers::AccountId))
                    .col(timestamp_with_time_zone(OrganisationMembers::JoinedAt))
                    .primary_key(
                        Index::create().col(OrganisationMembers::OrganisationId).col(OrganisationMembers::AccountId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(OrganisationMembers::Table, OrganisationMembers::OrganisationId)
                            .to(Organisations::Table, Organisations::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(OrganisationMembers::Table, OrganisationMembers::AccountId)
                            .to(Accounts::Table, Accounts::Id),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(OrganisationMembers::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Organisations::Table).to_owned()).await
    }
}
