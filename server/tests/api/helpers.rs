//! `spawn_app`: the real server on a random port with its own database, seeded with the demo
//! street. Logs only when `TEST_LOG` is set.

use app::error::AppError;
use app::ssr::AppState;
use app::ssr::clock::ManualClock;
use chrono::{TimeZone, Utc};
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Database};
use server::config::Settings;
use server::startup::Application;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

pub const DEMO_PASSWORD: &str = "jiayuan-demo";

#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub address: String,
    pub state: AppState,
    pub clock: Arc<ManualClock>,
    settings: Settings,
}

fn unique_name() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    format!("jiayuan_test_{}_{}_{}", std::process::id(), nanos, COUNTER.fetch_add(1, Ordering::Relaxed))
}

fn postgres_server() -> String {
    std::env::var("TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into())
}

/// A fresh PostgreSQL database, or `None` (with a visible message) when no server answers
/// and the run does not require one.
async fn postgres_database() -> Option<String> {
    let server = postgres_server();
    match Database::connect(format!("{server}/postgres")).await {
        Ok(admin) => {
            drop_stale_databases(&admin).await;
            let name = unique_name();
            admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.expect("create test database");
            Some(format!("{server}/{name}"))
        }
        Err(err) => {
            if std::env::var("JIAYUAN_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") {
                panic!("PostgreSQL is required (JIAYUAN_REQUIRE_POSTGRES=1) but {server} did not answer: {err}");
            }
            eprintln!("SKIPPED (PostgreSQL half): no server at {server}: {err}");
            None
        }
    }
}

/// Test databases of earlier runs (other process ids) are dropped once per run, so the
/// server does not fill up with them.
async fn drop_stale_databases(admin: &sea_orm::DatabaseConnection) {
    static ONCE: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();
    ONCE.get_or_init(|| async {
        let mine = format!("jiayuan_test_{}_", std::process::id());
        let rows = admin
            .query_all_raw(sea_orm::Statement::from_string(
                admin.get_database_backend(),
                "SELECT datname FROM pg_database WHERE datname LIKE 'jiayuan_test_%'",
            ))
            .await
            .unwrap_or_default();
        for row in rows {
            let Ok(name) = row.try_get::<String>("", "datname") else {
                continue;
            };
            if !name.starts_with(&mine) {
                let _ = admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
            }
        }
    })
    .await;
}

pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    if std::env::var("TEST_LOG").is_ok() {
        server::telemetry::init();
    }
    let url = match backend {
        Backend::Sqlite => {
            let path = std::env::temp_dir().join(format!("{}.db", unique_name()));
            format!("sqlite://{}?mode=rwc", path.display())
        }
        Backend::Postgres => postgres_database().await?,
    };
    let mut settings = Settings::default();
    settings.server.port = 0;
    settings.server.run_workers = false;
    settings.database.url = url;
    settings.database.max_connections = 4;
    settings.policy.limits.login_per_account.max = 5;
    let clock = Arc::new(ManualClock::new(Utc.with_ymd_and_hms(2026, 11, 26, 8, 0, 0).unwrap()));
    let app = start(settings, clock).await;
    let txn = app::ssr::db::begin_write(&app.state.db).await.unwrap();
    app::ssr::seed::seed_demo(&txn, clock_now(&app.clock)).await.expect("demo seeds");
    txn.commit().await.unwrap();
    Some(app)
}

async fn start(settings: Settings, clock: Arc<ManualClock>) -> TestApp {
    let application = Application::build(&settings, clock.clone()).await.expect("app builds");
    let state = application.state().clone();
    let address = format!("http://127.0.0.1:{}", application.port());
    tokio::spawn(application.run_until_stopped());
    TestApp { address, state, clock, settings }
}

fn clock_now(clock: &ManualClock) -> chrono::DateTime<Utc> {
    app::ssr::clock::Clock::now(clock)
}

/// One browser: its own cookie jar (a clone shares it).
#[derive(Clone)]
pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
}

pub struct Reply {
    pub status: StatusCode,
    pub body: String,
}

impl Reply {
    pub fn error(&self) -> AppError {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not an AppError ({e}): {} {}", self.status, self.body))
    }

    pub fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        assert!(self.status.is_success(), "expected success, got {} {}", self.status, self.body);
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("bad JSON ({e}): {}", self.body))
    }

    pub fn assert_ok(&self) {
        assert!(self.status.is_success(), "expected success, got {} {}", self.status, self.body);
    }
}

impl TestApp {
    pub fn client(&self) -> Client {
        let http =
            reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
        Client { http, base: self.address.clone() }
    }

    /// A second server on the same database, as after a restart (the clock goes on).
    pub async fn restart(&self) -> TestApp {
        start(self.settings.clone(), self.clock.clone()).await
    }

    /// A restart with changed configuration.
    pub async fn restart_with(&self, change: impl FnOnce(&mut Settings)) -> TestApp {
        let mut settings = self.settings.clone();
        change(&mut settings);
        start(settings, self.clock.clone()).await
    }

    /// Another server on this database that runs until `stop` completes; the handle ends
    /// when it has stopped.
    pub async fn restart_until(
        &self,
        stop: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> (TestApp, tokio::task::JoinHandle<anyhow::Result<()>>) {
        let application = Application::build(&self.settings, self.clock.clone()).await.expect("app builds");
        let state = application.state().clone();
        let address = format!("http://127.0.0.1:{}", application.port());
        let running = tokio::spawn(application.run_until(stop));
        (TestApp { address, state, clock: self.clock.clone(), settings: self.settings.clone() }, running)
    }

    /// Another server on this database with no posting limits, for tests that write a lot.
    pub async fn unlimited(&self) -> TestApp {
        self.restart_with(|s| {
            let l = &mut s.policy.limits;
            let plenty = app::ssr::policy::RateLimit { max: u32::MAX, window_seconds: 1 };
            (l.help_requests, l.alerts, l.alert_replies, l.comments, l.topics, l.supports, l.posts_per_ip) =
                (plenty, plenty, plenty, plenty, plenty, plenty, plenty);
        })
        .await
    }

    pub fn database_url(&self) -> &str {
        &self.settings.database.url
    }

    /// This server, restarted to accept subscriptions pointing at `receiver`.
    pub async fn with_receiver(&self, receiver: &crate::push_receiver::PushReceiver) -> TestApp {
        let origin = receiver.origin.clone();
        self.restart_with(|s| s.policy.push.allowed_origins.push(origin)).await
    }

    /// One pass of the push dispatcher, as the server's worker runs it several times a second.
    pub async fn dispatch_push(&self) -> app::ssr::push::dispatch::DispatchReport {
        let policy = &self.state.policy.push;
        let sender = app::ssr::push::dispatch::Sender::new(policy);
        app::ssr::push::dispatch::run_once(&self.state.db, policy, &sender, || clock_now(&self.clock))
            .await
            .expect("dispatch runs")
    }

    pub fn now(&self) -> chrono::DateTime<Utc> {
        clock_now(&self.clock)
    }

    /// Runs the request timers once, as the server's worker does every few seconds.
    pub async fn run_timers(&self) -> app::ssr::help::TimerReport {
        app::ssr::help::tick(&self.state).await.expect("timers run")
    }

    pub async fn account_id(&self, email: &str) -> i64 {
        use app::ssr::db::entities::account;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        account::Entity::find().filter(account::Column::Email.eq(email)).one(&self.state.db).await.unwrap().unwrap().id
    }

    /// A client signed in as `resident1@demo.jiayuan` and the like.
    pub async fn signed_in(&self, email: &str) -> Client {
        let client = self.client();
        client.login(email, DEMO_PASSWORD).await.assert_ok();
        client
    }
}

impl Client {
    /// Calls a server function the way the hydrated app does (form-encoded POST).
    pub async fn call(&self, endpoint: &str, form: &[(&str, &str)]) -> Reply {
        let response = self
            .http
            .post(format!("{}/api/{endpoint}", self.base))
            .form(form)
            .send()
            .await
            .expect("request reaches the server");
        Reply { status: response.status(), body: response.text().await.unwrap() }
    }

    pub async fn login(&self, identifier: &str, password: &str) -> Reply {
        self.call("accounts/login", &[("identifier", identifier), ("password", password)]).await
    }

    pub async fn viewer(&self) -> Option<app::model::Viewer> {
        self.call("accounts/viewer", &[]).await.json()
    }

    pub async fn get(&self, path: &str) -> Reply {
        let response = self.http.get(format!("{}{path}", self.base)).send().await.unwrap();
        Reply { status: response.status(), body: response.text().await.unwrap() }
    }
}

pub use crate::release_server::{free_port, start_release_server};

/// Runs each test body once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! on_both_backends {
    ($(async fn $name:ident($app:ident) $body:block)*) => {$(
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            use $crate::helpers::{Backend, TestApp, spawn_app};

            async fn run($app: TestApp) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                run(spawn_app(Backend::Sqlite).await.expect("SQLite is always there")).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(app) = spawn_app(Backend::Postgres).await {
                    run(app).await
                }
            }
        }
    )*};
}
