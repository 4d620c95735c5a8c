//! HTTP-level tests of the real server, each run on SQLite and on PostgreSQL.

mod helpers;
mod push_receiver;

mod accounts;
mod alerts;
mod ballots;
mod comments;
mod delivery;
mod forum;
mod help;
mod photos;
mod places_and_roles;
mod projects;
mod push;
mod security;
mod verification;
