use super::m20261126_000001_create_places::{Buildings, Communities, Units};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Accounts {
    Table,
    Id,
    DisplayName,
    Phone,
    Email,
    PasswordHash,
    CommunityId,
    BuildingId,
    UnitId,
    Room,
    Status,
    RejectionReason,
    DecidedBy,
    DecidedAt,
    Locale,
    PrivacyVersion,
    PrivacyConsentedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum RoleGrants {
    Table,
    Id,
    AccountId,
    Role,
    CommunityId,
    BuildingId,
    SubCommittee,
    ScopeKey,
    GrantedBy,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Accounts::Table)
                    .col(big_pk_auto(Accounts::Id))
                    .col(string(Accounts::DisplayName))
                    .col(string_null(Accounts::Phone).unique_key())
                    .col(string_null(Accounts::Email).unique_key())
                    .col(string(Accounts::PasswordHash))
                    .col(big_integer_null(Accounts::CommunityId))
                    .col(big_integer_null(Accounts::BuildingId))
                    .col(big_integer_null(Accounts::UnitId))
                    .col(string_null(Accounts::Room))
                    .col(string(Accounts::Status))
                    .col(string_null(Accounts::RejectionReason))
                    .col(big_integer_null(Accounts::DecidedBy))
                    .col(timestamp_with_time_zone_null(Accounts::DecidedAt))
                    .col(string(Accounts::Locale))
                    .col(string_null(Accounts::PrivacyVersion))
                    .col(timestamp_with_time_zone_null(Accounts::PrivacyConsentedAt))
                    .col(timestamp_with_time_zone(Accounts::CreatedAt))
                    .col(timestamp_with_time_zone(Accounts::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Accounts::Table, Accounts::CommunityId)
                            .to(Communities::Table, Communities::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Accounts::Table, Accounts::BuildingId)
                            .to(Buildings::Table, Buildings::Id),
                    )
                    .foreign_key(
                        ForeignKey::create().from(Accounts::Table, Accounts::UnitId).to(Units::Table, Units::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // The verification queue: pending people of a community, oldest first.
        manager
            .create_index(
                Index::create()
                    .name("ix_accounts_community_status")
                    .table(Accounts::Table)
                    .col(Accounts::CommunityId)
                    .col(Accounts::Status)
                    .col(Accounts::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RoleGrants::Table)
                    .col(big_pk_auto(RoleGrants::Id))
                    .col(big_integer(RoleGrants::AccountId))
                    .col(string(RoleGrants::Role))
                    .col(big_integer_null(RoleGrants::CommunityId))
                    .col(big_integer_null(RoleGrants::BuildingId))
                    .col(string_null(RoleGrants::SubCommittee))
                    .col(string(RoleGrants::ScopeKey))
                    .col(big_integer_null(RoleGrants::GrantedBy))
                    .col(timestamp_with_time_zone(RoleGrants::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RoleGrants::Table, RoleGrants::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RoleGrants::Table, RoleGrants::CommunityId)
                            .to(Communities::Table, Communities::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RoleGrants::Table, RoleGrants::BuildingId)
                            .to(Buildings::Table, Buildings::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_role_grants_account_scope")
                    .table(RoleGrants::Table)
                    .col(RoleGrants::AccountId)
                    .col(RoleGrants::ScopeKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // Who volunteers for a building: the first question when a help request is posted.
        manager
            .create_index(
                Index::create()
                    .name("ix_role_grants_role_building")
                    .table(RoleGrants::Table)
                    .col(RoleGrants::Role)
                    .col(RoleGrants::BuildingId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(RoleGrants::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Accounts::Table).to_owned()).await
    }
}
