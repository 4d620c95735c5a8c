//! Building the application: database, state, router, listener.

use crate::availability::Availability;
use crate::config::Settings;
use crate::origin::{AllowedOrigin, refuse_cross_origin};
use app::ssr::clock::{Clock, SystemClock};
use app::ssr::throttle::Throttle;
use app::ssr::{AppState, db, push, sessions, two_factor};
use app::{App, shell};
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use leptos::config::{Env, LeptosOptions};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list, handle_server_fns_with_context};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tower_http::compression::CompressionLayer;

pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
    availability: Availability,
    run_workers: bool,
}

impl Application {
    /// Connects and migrates the database, then binds the listener (port 0 picks a free one).
    pub async fn build(settings: &Settings, clock: Arc<dyn Clock>) -> anyhow::Result<Application> {
        let db = db::connect(&settings.database.url, settings.database.max_connections).await?;
        db::migrate(&db).await?;
        push::keys::ensure(&db, &settings.policy.push.vapid_private_key, clock.now()).await?;
        let listener = TcpListener::bind((settings.server.host.as_str(), settings.server.port)).await?;
        let address = listener.local_addr()?;
        let leptos_options = leptos_options(settings, address);
        let state = AppState {
            db,
            leptos_options,
            policy: Arc::new(settings.policy.clone()),
            throttle: Arc::new(Throttle::default()),
            clock,
            outbox: Arc::default(),
        };
        let availability = Availability::default();
        let router = router(state.clone(), AllowedOrigin(settings.public_origin().into()), availability.clone());
        Ok(Application { listener, router, state, availability, run_workers: settings.server.run_workers })
    }

    pub async fn build_default(settings: &Settings) -> anyhow::Result<Application> {
        Application::build(settings, Arc::new(SystemClock)).await
    }

    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or_default()
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until Ctrl-C or SIGTERM: requests in flight are answered and each worker
    /// finishes the batch it is on before the process ends.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        self.run_until(shutdown_signal()).await
    }

    /// As `run_until_stopped`, ending when `stop` completes (tests stop a server this way).
    pub async fn run_until(self, stop: impl std::future::Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
        let (stopping, stopped) = tokio::sync::watch::channel(false);
        let watch = tokio::spawn(crate::availability::watch(self.state.db.clone(), self.availability.clone()));
        let workers = if self.run_workers {
            vec![
                tokio::spawn(housekeeping(self.state.clone(), stopped.clone())),
                tokio::spawn(help_timers(self.state.clone(), stopped.clone())),
                tokio::spawn(push_dispatcher(self.state.clone(), stopped)),
            ]
        } else {
            vec![]
        };
        // Small responses must not wait for delayed ACKs (Nagle): measured 40 ms → <1 ms.
        let listener = axum::serve::ListenerExt::tap_io(self.listener, |tcp| {
            let _ = tcp.set_nodelay(true);
        });
        let served = axum::serve(listener, self.router.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(stop)
            .await;
        let _ = stopping.send(true);
        for mut worker in workers {
            if tokio::time::timeout(Duration::from_secs(30), &mut worker).await.is_err() {
                worker.abort();
            }
        }
        watch.abort();
        tracing::info!("stopped");
        Ok(served?)
    }
}

/// Runs `work` every `period` until the server stops. A round that has begun is finished:
/// stopping is only noticed between rounds.
async fn every<F, Round>(period: Duration, stopped: Stopped, work: F)
where
    F: FnMut() -> Round,
    Round: std::future::Future<Output = ()>,
{
    every_or_when_woken(period, &Notify::new(), stopped, work).await
}

/// As `every`, and also as soon as `wake` is rung (a ring during a round starts another).
async fn every_or_when_woken<F, Round>(period: Duration, wake: &Notify, mut stopped: Stopped, mut work: F)
where
    F: FnMut() -> Round,
    Round: std::future::Future<Output = ()>,
{
    let mut tick = tokio::time::interval(period);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = tick.tick() => work().await,
            _ = wake.notified() => {
                work().await;
                tick.reset();
            }
            _ = stopped.changed() => return,
        }
    }
}

/// A write answered means its transaction committed, and with it any notification it put in
/// the outbox: ring the dispatcher. Rings while it is busy fold into one more round.
async fn wake_dispatcher(
    State(outbox): State<Arc<Notify>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let writes = request.method() == axum::http::Method::POST;
    let response = next.run(request).await;
    if writes {
        outbox.notify_one();
    }
    response
}

fn leptos_options(settings: &Settings, address: SocketAddr) -> LeptosOptions {
    let env = match std::env::var("LEPTOS_ENV").as_deref() {
        Ok("DEV") => Env::DEV,
        _ => Env::PROD,
    };
    LeptosOptions::builder()
        .output_name("jiayuan")
        // Hashed names only where cargo-leptos built them (not for test binaries).
        .hash_files(app::ssr::hash_file().is_some())
        .site_root(settings.server.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(address)
        .env(env)
        .build()
}

fn router(state: AppState, allowed: AllowedOrigin, availability: Availability) -> Router {
    let routes = generate_route_list(App);
    let context_state = state.clone();
    let provide_state = move || provide_context(context_state.clone());
    let page_state = state.clone();
    let provide_page = move || {
        provide_context(page_state.clone());
        provide_context(app::ssr::request::PageCaller::default());
    };
    let server_fn_state = state.clone();
    let leptos_options = state.leptos_options.clone();
    Router::new()
        .route("/healthz", get(healthz))
        .route("/api/{*fn_name}", get(handle_server_fns).post(handle_server_fns))
        .merge(app::api::photos::routes())
        .merge(app::api::exports::routes())
        .merge(app::api::my_data::routes())
        .leptos_routes_with_context(&state, routes, provide_page, {
            let options = leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(provide_state, shell))
        .layer(axum::Extension(server_fn_state))
        .layer(axum::middleware::from_fn_with_state(allowed, refuse_cross_origin))
        .layer(axum::middleware::from_fn(crate::caching::cache_policy))
        .layer(axum::middleware::from_fn(crate::flash::clear_shown))
        .layer(axum::middleware::from_fn_with_state(availability, crate::availability::refuse_while_down))
        .layer(axum::middleware::from_fn_with_state(
            crate::hardening::Tls(state.policy.secure_cookies),
            crate::hardening::security_headers,
        ))
        .layer(axum::middleware::from_fn_with_state(state.outbox.clone(), wake_dispatcher))
        .layer(CompressionLayer::new())
        .with_state(state)
}

async fn handle_server_fns(
    axum::Extension(state): axum::Extension<AppState>,
    request: axum::extract::Request,
) -> impl IntoResponse {
    handle_server_fns_with_context(move || provide_context(state.clone()), request).await
}

/// Liveness and readiness: answers 200 only when the database does.
async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    match db::ping(&state.db).await {
        Ok(()) => (StatusCode::OK, format!("{{\"status\":\"ok\",\"database\":\"{}\"}}", db::backend_name(&state.db))),
        Err(err) => {
            tracing::error!(error = %err, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "{\"status\":\"unavailable\"}".to_owned())
        }
    }
}

/// Periodic clean-up that must not depend on traffic.
async fn housekeeping(state: AppState, stopped: Stopped) {
    every(Duration::from_secs(3600), stopped, || {
        let state = state.clone();
        async move {
            match sessions::purge_expired(&state.db, state.clock.now()).await {
                Ok(n) if n > 0 => tracing::info!(removed = n, "expired sessions purged"),
                Ok(_) => {}
                Err(err) => tracing::warn!(error = %err, "session purge failed"),
            }
            if let Err(err) = two_factor::purge_expired(&state.db, state.clock.now()).await {
                tracing::warn!(error = %err, "sign-in challenge purge failed");
            }
        }
    })
    .await
}

/// Escalates unclaimed help requests, expires and auto-resolves them, and expires proposals
/// past their support window. The timers are rows in the database, so a restart loses none;
/// several servers may run this at once.
async fn help_timers(state: AppState, stopped: Stopped) {
    every(Duration::from_secs(15), stopped, || {
        let state = state.clone();
        async move {
            match app::ssr::help::tick(&state).await {
                Ok(report) if report != Default::default() => tracing::info!(?report, "help timers"),
                Ok(_) => {}
                Err(err) => tracing::warn!(error = %err, "help timers failed"),
            }
            match app::ssr::projects::tick(&state).await {
                Ok(expired) if expired > 0 => tracing::info!(expired, "proposals past their support window"),
                Ok(_) => {}
                Err(err) => tracing::warn!(error = %err, "proposal timers failed"),
            }
        }
    })
    .await
}

/// Delivers the notification outbox to subscribed devices. The queue is a table, so a
/// restart loses nothing; several servers may run this at once (rows are leased).
async fn push_dispatcher(state: AppState, stopped: Stopped) {
    let sender = std::sync::Arc::new(push::dispatch::Sender::new(&state.policy.push));
    // Writes on this server ring the dispatcher; the poll is for those on other servers.
    every_or_when_woken(Duration::from_millis(250), &state.outbox, stopped, || {
        let (state, sender) = (state.clone(), sender.clone());
        async move {
            let clock = state.clock.clone();
            match push::dispatch::run_once(&state.db, &state.policy.push, &sender, || clock.now()).await {
                Ok(report) if report != Default::default() => tracing::info!(?report, "push dispatch"),
                Ok(_) => {}
                Err(err) => tracing::warn!(error = %err, "push dispatch failed"),
            }
        }
    })
    .await
}

type Stopped = tokio::sync::watch::Receiver<bool>;

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
