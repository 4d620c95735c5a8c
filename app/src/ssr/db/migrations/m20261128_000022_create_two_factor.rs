use super::m20261126_000002_create_accounts::Accounts;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum TwoFactorSecrets {
    Table,
    AccountId,
    Secret,
    ConfirmedAt,
    LastStep,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SignInChallenges {
    Table,
    Id,
    AccountId,
    Attempts,
    CreatedAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum Settings {
    Table,
    Name,
    Value,
    UpdatedBy,
    UpdatedAt,
}

/// Two-step sign-in for staff: each account's authenticator secret (usable once confirmed,
/// with the last time step accepted so a code works once), the half-finished sign-ins waiting
/// for a code, and the street's settings (here: whether staff must use it).
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TwoFactorSecrets::Table)
                    .col(big_integer(TwoFactorSecrets::AccountId).primary_key())
                    .col(string(TwoFactorSecrets::Secret))
                    .col(timestamp_with_time_zone_null(TwoFactorSecrets::ConfirmedAt))
                    .col(big_integer_null(TwoFactorSecrets::LastStep))
                    .col(timestamp_with_time_zone(TwoFactorSecrets::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(TwoFactorSecrets::Table, TwoFactorSecrets::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SignInChallenges::Table)
                    .col(string(SignInChallenges::Id).primary_key())
                    .col(big_integer(SignInChallenges::AccountId))
                    .col(integer(SignInChallenges::Attempts).default(0))
                    .col(timestamp_with_time_zone(SignInChallenges::CreatedAt))
                    .col(timestamp_with_time_zone(SignInChallenges::ExpiresAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SignInChallenges::Table, SignInChallenges::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Settings::Table)
                    .col(string(Settings::Name).primary_key())
                    .col(string(Settings::Value))
                    .col(big_integer_null(Settings::UpdatedBy))
                    .col(timestamp_with_time_zone(Settings::UpdatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Settings::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(SignInChallenges::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(TwoFactorSecrets::Table).to_owned()).await
    }
}
