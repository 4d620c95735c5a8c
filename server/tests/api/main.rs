//! HTTP-level tests of the real server, each run on SQLite and on PostgreSQL.

mod helpers;
mod push_receiver;
mod release_server;

mod access;
mod accounts;
mod alerts;
mod announcements;
mod backups;
mod ballots;
mod comments;
mod console;
mod crashes;
mod delivery;
mod forum;
mod hardening;
mod help;
mod limits;
mod load;
mod magazine;
mod my_data;
mod organisations;
mod outages;
mod photos;
mod places_and_roles;
mod projects;
mod push;
mod replays;
mod scale_out;
mod security;
mod services;
mod two_step;
mod verification;
