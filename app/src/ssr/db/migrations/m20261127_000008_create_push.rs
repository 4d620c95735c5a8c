use super::m20261126_000002_create_accounts::Accounts;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// VAPID key pairs. The newest active one signs new subscriptions; older ones stay so the
/// devices that subscribed with them keep receiving until they resubscribe.
#[derive(DeriveIden)]
enum VapidKeys {
    Table,
    Id,
    PublicKey,
    /// Raw private scalar, base64url; NULL when the key lives only in configuration.
    PrivateKey,
    Active,
    CreatedAt,
}

/// One browser on one device that agreed to receive pushes for one person.
#[derive(DeriveIden)]
enum PushSubscriptions {
    Table,
    Id,
    AccountId,
    Endpoint,
    P256dh,
    Auth,
    VapidKeyId,
    Label,
    CreatedAt,
    LastSuccessAt,
    /// Consecutive refusals (4xx other than gone): reaped at a threshold.
    Failures,
    /// The key it was made with is gone: the device is asked to subscribe again.
    NeedsRenewal,
    /// The session that turned push on: signing out of it turns push off on that device.
    SessionKey,
}

/// The push queue: one row per notification × device, claimed with a lease.
#[derive(DeriveIden)]
enum PushDeliveries {
    Table,
    Id,
    NotificationId,
    SubscriptionId,
    State,
    Attempts,
    NextAttemptAt,
    LeaseUntil,
    LastStatus,
    ReceiptToken,
    SentAt,
    DeliveredAt,
}

/// Topics a person does not want pushed (the inbox still has them).
#[derive(DeriveIden)]
enum NotificationMutes {
    Table,
    AccountId,
    Topic,
}

/// Quiet hours, in minutes after local midnight (Beijing time).
#[derive(DeriveIden)]
enum NotificationSettings {
    Table,
    AccountId,
    QuietFrom,
    QuietUntil,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum HelpRequests {
    Table,
    /// When an urgent request went on the staff call list because no volunteer's device
    /// confirmed the push.
    CallListedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(VapidKeys::Table)
                    .col(big_pk_auto(VapidKeys::Id))
                    .col(string_uniq(VapidKeys::PublicKey))
                    .col(string_null(VapidKeys::PrivateKey))
                    .col(boolean(VapidKeys::Active))
                    .col(timestamp_with_time_zone(VapidKeys::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PushSubscriptions::Table)
                    .col(big_pk_auto(PushSubscriptions::Id))
                    .col(big_integer(PushSubscriptions::AccountId))
                    .col(string_uniq(PushSubscriptions::Endpoint))
                    .col(string(PushSubscriptions::P256dh))
                    .col(string(PushSubscriptions::Auth))
                    .col(big_integer(PushSubscriptions::VapidKeyId))
                    .col(string(PushSubscriptions::Label))
                    .col(timestamp_with_time_zone(PushSubscriptions::CreatedAt))
                    .col(timestamp_with_time_zone_null(PushSubscriptions::LastSuccessAt))
                    .col(integer(PushSubscriptions::Failures))
                    .col(boolean(PushSubscriptions::NeedsRenewal))
                    .col(string_null(PushSubscriptions::SessionKey))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PushSubscriptions::Table, PushSubscriptions::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PushSubscriptions::Table, PushSubscriptions::VapidKeyId)
                            .to(VapidKeys::Table, VapidKeys::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_push_subscriptions_session")
                    .table(PushSubscriptions::Table)
                    .col(PushSubscriptions::SessionKey)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_push_subscriptions_account")
                    .table(PushSubscriptions::Table)
                    .col(PushSubscriptions::AccountId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PushDeliveries::Table)
                    .col(big_pk_auto(PushDeliveries::Id))
                    .col(big_integer(PushDeliveries::NotificationId))
                    .col(big_integer(PushDeliveries::SubscriptionId))
                    .col(string(PushDeliveries::State))
                    .col(integer(PushDeliveries::Attempts))
                    .col(timestamp_with_time_zone(PushDeliveries::NextAttemptAt))
                    .col(timestamp_with_time_zone_null(PushDeliveries::LeaseUntil))
                    .col(integer_null(PushDeliveries::LastStatus))
                    .col(string_uniq(PushDeliveries::ReceiptToken))
                    .col(timestamp_with_time_zone_null(PushDeliveries::SentAt))
                    .col(timestamp_with_time_zone_null(PushDeliveries::DeliveredAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PushDeliveries::Table, PushDeliveries::NotificationId)
                            .to(Notifications::Table, Notifications::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PushDeliveries::Table, PushDeliveries::SubscriptionId)
                            .to(PushSubscriptions::Table, PushSubscriptions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_push_deliveries_due")
                    .table(PushDeliveries::Table)
                    .col(PushDeliveries::State)
                    .col(PushDeliveries::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_push_deliveries_notification")
                    .table(PushDeliveries::Table)
                    .col(PushDeliveries::NotificationId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(NotificationMutes::Table)
                    .col(big_integer(NotificationMutes::AccountId))
                    .col(string(NotificationMutes::Topic))
                    .primary_key(Index::create().col(NotificationMutes::AccountId).col(NotificationMutes::Topic))
                    .foreign_key(
                        ForeignKey::create()
                            .from(NotificationMutes::Table, NotificationMutes::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(NotificationSettings::Table)
                    .col(big_integer(NotificationSettings::AccountId).primary_key())
                    .col(integer_null(NotificationSettings::QuietFrom))
                    .col(integer_null(NotificationSettings::QuietUntil))
                    .col(timestamp_with_time_zone(NotificationSettings::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(NotificationSettings::Table, NotificationSettings::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(HelpRequests::Table)
                    .add_column(timestamp_with_time_zone_null(HelpRequests::CallListedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(HelpRequests::Table).drop_column(HelpRequests::CallListedAt).to_owned())
            .await?;
        for table in [
            NotificationSettings::Table.into_iden(),
            NotificationMutes::Table.into_iden(),
            PushDeliveries::Table.into_iden(),
            PushSubscriptions::Table.into_iden(),
            VapidKeys::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
