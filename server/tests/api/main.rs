//! HTTP-level tests of the real server, each run on SQLite and on PostgreSQL.

mod helpers;
mod push_receiver;
mod release_server;
// The benchmark's wrk report reader, so its tests run with the suite (a harness-free bench
// target cannot run tests of its own).
#[allow(dead_code)]
#[path = "../../benches/community/wrk.rs"]
mod wrk;

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
