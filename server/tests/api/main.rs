//! HTTP-level tests of the real server, each run on SQLite and on PostgreSQL.

mod helpers;
mod push_receiver;

mod accounts;
mod alerts;
mod announcements;
mod ballots;
mod comments;
mod console;
mod delivery;
mod forum;
mod hardening;
mod help;
mod magazine;
mod my_data;
mod organisations;
mod photos;
mod places_and_roles;
mod projects;
mod push;
mod replays;
mod security;
mod services;
mod verification;
