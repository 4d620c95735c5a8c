//! 200 residents at once for a minute against the release server: browsing their pages and
//! posting help requests with a second or two between steps, as people on phones do. No
//! answer may be a server error and every acknowledged request must be stored. Long: run
//! by `make test-faults` (`cargo test … -- --ignored load`); `JIAYUAN_LOAD_SECONDS` shortens it.

use crate::helpers::{Backend, Client, TestApp, free_port, spawn_app, start_release_server};
use app::domain::{ContactPoint, DisplayName, RoomNumber};
use app::i18n::Locale;
use app::ssr::accounts::{self, InitialStatus, Registration};
use app::ssr::db::entities::{building, help_request, unit};
use app::ssr::sessions;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const RESIDENTS: usize = 200;
const PAGES: [&str; 7] = ["/", "/help", "/projects", "/alerts", "/announcements", "/inbox", "/services"];

#[derive(Default)]
struct Tally {
    answers: usize,
    server_errors: Vec<String>,
    latencies_ms: Vec<f64>,
    acked: BTreeSet<String>,
}

/// 200 verified residents across the demo buildings, each with a browser already signed in.
async fn residents(app: &TestApp, base: &str) -> Vec<Client> {
    let db = &app.state.db;
    let hash = app::ssr::passwords::hash(&app::domain::Password::parse("load-test-password").unwrap()).await.unwrap();
    let buildings = building::Entity::find().all(db).await.unwrap();
    let now = chrono::Utc::now();
    let mut clients = vec![];
    for n in 0..RESIDENTS {
        let b = &buildings[n % buildings.len()];
        let entrance = unit::Entity::find().filter(unit::Column::BuildingId.eq(b.id)).one(db).await.unwrap().unwrap();
        let registration = Registration {
            contact: ContactPoint::parse(&format!("load{n:03}@load.jiayuan")).unwrap(),
            name: DisplayName::parse(&format!("居民{n:03}")).unwrap(),
            password_hash: hash.clone(),
            building: b.id,
            unit: entrance.id,
            room: RoomNumber::parse(&format!("{}", 100 + n)).unwrap(),
            locale: if n % 5 == 0 { Locale::En } else { Locale::Zh },
        };
        let id = accounts::register(db, registration, InitialStatus::Verified, now).await.unwrap();
        let token = sessions::start(db, id, now, &app.state.policy).await.unwrap();
        let jar = Arc::new(reqwest::cookie::Jar::default());
        jar.add_cookie_str(&format!("{}={token}", sessions::COOKIE), &base.parse().unwrap());
        let http = reqwest::Client::builder()
            .cookie_provider(jar)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        clients.push(Client { http, base: base.to_owned() });
    }
    clients
}

async fn resident(n: usize, client: Client, until: Instant, tally: Arc<Mutex<Tally>>) {
    let mut dice = n as u64 * 7919 + 1;
    let mut roll = |below: u64| {
        dice = dice.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (dice >> 33) % below
    };
    let mut step = 0;
    while Instant::now() < until {
        tokio::time::sleep(Duration::from_millis(1000 + roll(2000))).await;
        step += 1;
        let started = Instant::now();
        let (what, answer) = if roll(10) == 0 {
            let key = format!("load-{n:03}-{step:04}");
            let form = [
                ("category", "errand"),
                ("urgency", "today"),
                ("description", "负载测试：请帮忙取快递"),
                ("key", key.as_str()),
            ];
            (key.clone(), client.http.post(format!("{}/api/help/post", client.base)).form(&form).send().await)
        } else {
            let page = PAGES[roll(PAGES.len() as u64) as usize];
            (
                page.to_owned(),
                client.http.get(format!("{}{page}", client.base)).header("accept", "text/html").send().await,
            )
        };
        let outcome = match answer {
            Ok(a) => {
                let status = a.status();
                a.bytes().await.map(|_| status).map_err(|e| e.to_string())
            }
            Err(e) => Err(e.to_string()),
        };
        let mut t = tally.lock().unwrap();
        t.answers += 1;
        t.latencies_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        match outcome {
            Ok(status) if status.is_server_error() => t.server_errors.push(format!("{what}: {status}")),
            Ok(status) if what.starts_with("load-") && (status.is_success() || status.is_redirection()) => {
                t.acked.insert(what);
            }
            Ok(_) => {}
            Err(e) => t.server_errors.push(format!("{what}: {e}")),
        }
    }
}

async fn hold_two_hundred_residents(backend: Backend) {
    let Some(app) = spawn_app(backend).await else { return };
    let seconds: u64 = std::env::var("JIAYUAN_LOAD_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(60);
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let clients = residents(&app, &base).await;
    let mut server = start_release_server(app.database_url(), port).await;
    let tally = Arc::new(Mutex::new(Tally::default()));
    let until = Instant::now() + Duration::from_secs(seconds);
    let mut crowd = tokio::task::JoinSet::new();
    for (n, client) in clients.into_iter().enumerate() {
        crowd.spawn(resident(n, client, until, tally.clone()));
    }
    while crowd.join_next().await.is_some() {}
    server.kill();

    let mut t = std::mem::take(&mut *tally.lock().unwrap());
    assert!(
        t.server_errors.is_empty(),
        "{} server errors, first: {:?}",
        t.server_errors.len(),
        &t.server_errors[..t.server_errors.len().min(5)]
    );
    let stored: BTreeSet<String> = help_request::Entity::find()
        .filter(help_request::Column::IdempotencyKey.like("load-%"))
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.idempotency_key)
        .collect();
    assert!(t.acked.is_subset(&stored), "acknowledged requests missing");
    t.latencies_ms.sort_by(f64::total_cmp);
    let at = |q: f64| t.latencies_ms[((t.latencies_ms.len() - 1) as f64 * q) as usize];
    println!(
        "{backend:?}: {RESIDENTS} residents for {seconds} s: {} answers ({:.0}/s), 0 server errors, {} help requests acknowledged and stored, p50 {:.1} ms, p99 {:.1} ms",
        t.answers,
        t.answers as f64 / seconds as f64,
        t.acked.len(),
        at(0.5),
        at(0.99)
    );
    assert!(t.answers > RESIDENTS * seconds as usize / 4, "the residents were served: {}", t.answers);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a minute long: make test-faults"]
async fn load_two_hundred_residents_on_sqlite() {
    hold_two_hundred_residents(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a minute long: make test-faults"]
async fn load_two_hundred_residents_on_postgres() {
    hold_two_hundred_residents(Backend::Postgres).await;
}
