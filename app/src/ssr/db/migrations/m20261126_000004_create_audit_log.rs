use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    ActorId,
    Action,
    ObjectType,
    ObjectId,
    CommunityId,
    Reason,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // No foreign keys: the log outlives the people and things it mentions.
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(big_pk_auto(AuditLog::Id))
                    .col(big_integer_null(AuditLog::ActorId))
                    .col(string(AuditLog::Action))
                    .col(string(AuditLog::ObjectType))
                    .col(big_integer_null(AuditLog::ObjectId))
                    .col(big_integer_null(AuditLog::CommunityId))
                    .col(text_null(AuditLog::Reason))
                    .col(timestamp_with_time_zone(AuditLog::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("ix_audit_log_created").table(AuditLog::Table).col(AuditLog::CreatedAt).to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(AuditLog::Table).to_owned()).await
    }
}
