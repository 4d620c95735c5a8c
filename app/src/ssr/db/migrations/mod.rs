//! Schema changes, applied in order at start. Never edit a migration that has shipped:
//! add a new one.

use sea_orm_migration::prelude::*;

mod m20261126_000001_create_places;
mod m20261126_000002_create_accounts;
mod m20261126_000003_create_sessions;
mod m20261126_000004_create_audit_log;
mod m20261127_000005_create_help_requests;
mod m20261127_000006_create_notifications;
mod m20261127_000007_create_watch_alerts;
mod m20261127_000008_create_push;
mod m20261127_000009_create_projects;
mod m20261127_000010_create_ballots;
mod m20261127_000011_create_comments;
mod m20261127_000012_create_photos;
mod m20261127_000013_create_delivery;
mod m20261127_000014_create_forum_topics;
mod m20261127_000015_create_services;
mod m20261127_000016_create_announcements;
mod m20261127_000017_create_organisations;
mod m20261127_000018_create_magazine;
mod m20261127_000019_index_console_reads;
mod m20261127_000020_add_elderly_mode;
mod m20261127_000021_create_form_submissions;
mod m20261128_000022_create_two_factor;
mod m20261128_000023_index_per_person_reads;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261126_000001_create_places::Migration),
            Box::new(m20261126_000002_create_accounts::Migration),
            Box::new(m20261126_000003_create_sessions::Migration),
            Box::new(m20261126_000004_create_audit_log::Migration),
            Box::new(m20261127_000005_create_help_requests::Migration),
            Box::new(m20261127_000006_create_notifications::Migration),
            Box::new(m20261127_000007_create_watch_alerts::Migration),
            Box::new(m20261127_000008_create_push::Migration),
            Box::new(m20261127_000009_create_projects::Migration),
            Box::new(m20261127_000010_create_ballots::Migration),
            Box::new(m20261127_000011_create_comments::Migration),
            Box::new(m20261127_000012_create_photos::Migration),
            Box::new(m20261127_000013_create_delivery::Migration),
            Box::new(m20261127_000014_create_forum_topics::Migration),
            Box::new(m20261127_000015_create_services::Migration),
            Box::new(m20261127_000016_create_announcements::Migration),
            Box::new(m20261127_000017_create_organisations::Migration),
            Box::new(m20261127_000018_create_magazine::Migration),
            Box::new(m20261127_000019_index_console_reads::Migration),
            Box::new(m20261127_000020_add_elderly_mode::Migration),
            Box::new(m20261127_000021_create_form_submissions::Migration),
            Box::new(m20261128_000022_create_two_factor::Migration),
            Box::new(m20261128_000023_index_per_person_reads::Migration),
        ]
    }
}
