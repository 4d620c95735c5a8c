//! `kill -9` of the release server while residents post help requests, support proposals
//! and vote, many times over, on SQLite and PostgreSQL. After every kill the server is
//! started again on the same database, and every write it acknowledged must be there, whole:
//! each help request with its timeline, each support counted on its proposal, each voter's
//! ballot the last one they were told was recorded (or one still in flight at the kill).

use crate::ballots::{RESIDENTS, three_feasible};
use crate::helpers::{Backend, Client, DEMO_PASSWORD, TestApp, free_port, spawn_app, start_release_server};
use app::ssr::db::entities::{
    ballot, ballot_pick, funding_round, help_event, help_request, proposal, proposal_support,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const KILLS: usize = 8;

/// Per voter: the picks last acknowledged, and those sent after it without an answer.
type Votes = (Option<Vec<i64>>, Vec<Vec<i64>>);

/// What the server acknowledged, and what was in flight when it died.
#[derive(Default, Clone)]
struct Ledger {
    help: BTreeSet<String>,
    supports: BTreeSet<(i64, i64)>,
    ballots: BTreeMap<i64, Votes>,
    writes: usize,
    casts: usize,
}

/// A cheap, seeded sequence: kill moments differ from round to round, the same every run.
struct Dice(u64);

impl Dice {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

async fn posted(reply: reqwest::Result<reqwest::Response>) -> Option<u16> {
    let reply = reply.ok()?;
    let status = reply.status().as_u16();
    reply.bytes().await.ok()?;
    Some(status)
}

/// One resident writing until the server stops answering.
async fn resident(
    client: Client,
    me: i64,
    round: usize,
    ballot: [i64; 3],
    proposals: Vec<i64>,
    ledger: Arc<Mutex<Ledger>>,
) {
    let choices: [Vec<i64>; 4] = [vec![ballot[0]], vec![ballot[1]], vec![ballot[2]], vec![ballot[0], ballot[2]]];
    for i in 0.. {
        let (url, form): (&str, Vec<(String, String)>) = match i % 4 {
            0 | 2 => {
                let key = format!("crash-{me}-{round}-{i}");
                let form = [
                    ("category", "errand"),
                    ("urgency", "today"),
                    ("description", "断电测试：请帮忙取快递"),
                    ("key", key.as_str()),
                ];
                let answer =
                    posted(client.http.post(format!("{}/api/help/post", client.base)).form(&form).send().await).await;
                match answer {
                    Some(s) if s < 400 => {
                        let mut l = ledger.lock().unwrap();
                        l.help.insert(key);
                        l.writes += 1;
                        continue;
                    }
                    _ => return,
                }
            }
            1 => {
                let Some(&p) = proposals.get((i / 4) % proposals.len().max(1)) else { continue };
                let form = vec![("id".into(), p.to_string()), ("action".into(), "Support".into())];
                ("projects/act", form)
            }
            _ => {
                let picks = choices[(i / 4 + me as usize) % 4].clone();
                ledger.lock().unwrap().ballots.entry(me).or_default().1.push(picks.clone());
                let form = picks.iter().enumerate().map(|(n, id)| (format!("picks[{n}]"), id.to_string())).collect();
                ("projects/cast", form)
            }
        };
        let answer = posted(client.http.post(format!("{}/api/{url}", client.base)).form(&form).send().await).await;
        let Some(status) = answer else { return };
        let mut l = ledger.lock().unwrap();
        if url == "projects/act" && status < 400 {
            let p = form[0].1.parse().unwrap();
            l.supports.insert((me, p));
            l.writes += 1;
        } else if url == "projects/cast" && status < 400 {
            let entry = l.ballots.entry(me).or_default();
            let acked = entry.1.pop();
            entry.0 = acked;
            entry.1.clear();
            l.writes += 1;
            l.casts += 1;
        }
    }
}

/// A ¥50,000 round in its voting days by the real clock (the binary runs on it), with the
/// three feasible projects on the ballot, and each resident's own proposal collecting
/// support under a threshold nobody reaches.
async fn voting_and_collecting(app: &TestApp) -> ([i64; 3], Vec<(i64, i64)>) {
    let ballot = three_feasible(app).await;
    let round = funding_round::Entity::find().one(&app.state.db).await.unwrap().unwrap();
    let mut open: funding_round::ActiveModel = round.clone().into();
    open.support_threshold = Set(1000);
    open.update(&app.state.db).await.unwrap();
    let mut collecting = vec![];
    for (i, email) in RESIDENTS.iter().enumerate() {
        let author = app.signed_in(email).await;
        let title = format!("断电测试提案 {i}");
        let draft = crate::projects::titled_proposal(&title, "10000", "works");
        author.call("projects/draft", &draft).await;
        let p = proposal::Entity::find()
            .filter(proposal::Column::Title.eq(title))
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap();
        author.call("projects/act", &[("id", &p.id.to_string()), ("action", "Submit")]).await.assert_ok();
        collecting.push((p.author_id, p.id));
    }
    let now = chrono::Utc::now();
    let mut voting: funding_round::ActiveModel =
        funding_round::Entity::find_by_id(round.id).one(&app.state.db).await.unwrap().unwrap().into();
    voting.collecting_until = Set(now - chrono::Duration::hours(3));
    voting.review_until = Set(now - chrono::Duration::hours(2));
    voting.notice_until = Set(now - chrono::Duration::hours(1));
    voting.voting_until = Set(now + chrono::Duration::days(7));
    voting.implementation_until = Set(now + chrono::Duration::days(60));
    voting.evaluation_until = Set(now + chrono::Duration::days(90));
    voting.update(&app.state.db).await.unwrap();
    let txn = app::ssr::db::begin_write(&app.state.db).await.unwrap();
    assert_eq!(app::ssr::ballots::run_timers(&txn, now).await.unwrap(), 3, "the three go on the ballot");
    txn.commit().await.unwrap();
    (ballot, collecting)
}

async fn check(app: &TestApp, ledger: &Ledger) {
    let db = &app.state.db;
    let keys: BTreeSet<String> =
        help_request::Entity::find().all(db).await.unwrap().into_iter().map(|r| r.idempotency_key).collect();
    let lost: Vec<&String> = ledger.help.difference(&keys).collect();
    assert!(lost.is_empty(), "acknowledged help requests lost: {lost:?}");
    // Whole: no request without the event that opened its timeline.
    let requests = help_request::Entity::find().count(db).await.unwrap();
    let opened = help_event::Entity::find().filter(help_event::Column::Kind.eq("created")).count(db).await.unwrap();
    assert_eq!(requests, opened, "every request has its timeline");
    for &(who, p) in &ledger.supports {
        let kept = proposal_support::Entity::find()
            .filter(proposal_support::Column::AccountId.eq(who))
            .filter(proposal_support::Column::ProposalId.eq(p))
            .count(db)
            .await
            .unwrap();
        assert_eq!(kept, 1, "acknowledged support ({who}, {p}) lost");
    }
    for p in proposal::Entity::find().all(db).await.unwrap() {
        let rows = proposal_support::Entity::find()
            .filter(proposal_support::Column::ProposalId.eq(p.id))
            .count(db)
            .await
            .unwrap();
        assert_eq!(p.supports as u64, rows, "proposal {}'s count matches its supports", p.id);
    }
    for (voter, (acked, in_flight)) in &ledger.ballots {
        let Some(acked) = acked else { continue };
        let stored = ballot::Entity::find().filter(ballot::Column::VoterId.eq(*voter)).one(db).await.unwrap();
        let stored = stored.unwrap_or_else(|| panic!("voter {voter}'s acknowledged ballot lost"));
        let mut picks: Vec<i64> = ballot_pick::Entity::find()
            .filter(ballot_pick::Column::BallotId.eq(stored.id))
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.proposal_id)
            .collect();
        picks.sort();
        let sorted = |v: &Vec<i64>| {
            let mut v = v.clone();
            v.sort();
            v
        };
        assert!(
            picks == sorted(acked) || in_flight.iter().any(|f| sorted(f) == picks),
            "voter {voter}: stored {picks:?}, acknowledged {acked:?}"
        );
    }
    if matches!(db.get_database_backend(), sea_orm::DbBackend::Sqlite) {
        let row = db
            .query_one_raw(sea_orm::Statement::from_string(db.get_database_backend(), "PRAGMA integrity_check"))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(row.try_get_by_index::<String>(0).unwrap(), "ok");
    }
}

async fn kill_and_restart_many_times(backend: Backend) {
    let Some(app) = spawn_app(backend).await else { return };
    let (ballot, collecting) = voting_and_collecting(&app).await;
    let url = app.database_url().to_owned();
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut clients = vec![];
    for email in RESIDENTS {
        let http =
            reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
        clients.push((app.account_id(email).await, Client { http, base: base.clone() }, email));
    }
    let ledger = Arc::new(Mutex::new(Ledger::default()));
    let mut dice = Dice(0x5eed ^ port as u64);
    for round in 0..KILLS {
        let mut server = start_release_server(&url, port).await;
        let mut residents = tokio::task::JoinSet::new();
        for (me, client, email) in &clients {
            // Sessions live in the database: signing in once would do, but a kill may come
            // before the first sign-in completed.
            let reply = client
                .http
                .post(format!("{base}/api/accounts/login"))
                .form(&[("identifier", *email), ("password", DEMO_PASSWORD)])
                .send()
                .await
                .unwrap();
            assert!(reply.status().is_success(), "{}", reply.status());
            let theirs: Vec<i64> = collecting.iter().filter(|(author, _)| author != me).map(|(_, p)| *p).collect();
            residents.spawn(resident(client.clone(), *me, round, ballot, theirs, ledger.clone()));
        }
        tokio::time::sleep(Duration::from_millis(150 + dice.next(600))).await;
        server.kill();
        while residents.join_next().await.is_some() {}
        // Started again on the same database, it comes up and the writes are there.
        let mut again = start_release_server(&url, port).await;
        let acknowledged = ledger.lock().unwrap().clone();
        check(&app, &acknowledged).await;
        again.kill();
    }
    let l = ledger.lock().unwrap();
    let ballots = l.ballots.values().filter(|b| b.0.is_some()).count();
    assert!(l.writes > KILLS * 10, "the residents wrote: {}", l.writes);
    assert!(!l.supports.is_empty() && ballots > 0, "every kind of write was made");
    println!(
        "{backend:?}: {KILLS} kills survived, {} acknowledged writes checked ({} help requests, {} supports, {} votes by {} voters)",
        l.writes,
        l.help.len(),
        l.supports.len(),
        l.casts,
        ballots
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_kill_9_on_sqlite() {
    kill_and_restart_many_times(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_kill_9_on_postgres() {
    kill_and_restart_many_times(Backend::Postgres).await;
}
