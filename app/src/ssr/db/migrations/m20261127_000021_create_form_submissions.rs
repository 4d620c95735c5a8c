use super::m20261126_000002_create_accounts::Accounts;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum FormSubmissions {
    Table,
    AccountId,
    Key,
    CreatedAt,
}

/// The keys of forms already acted on (`ssr::submissions`), so a form sent again (a double
/// press, a retry, the phone's offline outbox) changes nothing.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FormSubmissions::Table)
                    .col(big_integer(FormSubmissions::AccountId))
                    .col(string(FormSubmissions::Key))
                    .col(timestamp_with_time_zone(FormSubmissions::CreatedAt))
                    .primary_key(Index::create().col(FormSubmissions::AccountId).col(FormSubmissions::Key))
                    .foreign_key(
                        ForeignKey::create()
                            .from(FormSubmissions::Table, FormSubmissions::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(FormSubmissions::Table).to_owned()).await
    }
}
