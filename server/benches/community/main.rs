//! `make bench`: the street of issue 9 on SQLite and on PostgreSQL, the release server on
//! loopback, and wrk at 64 connections. Prints a table and writes `BENCHMARKS.md`.
//!
//! Figures are measured side by side in one run: each page is reported beside `/healthz`
//! measured the same minute, because absolute rates on a shared machine drift.
//! `JIAYUAN_BENCH_SECONDS` sets each wrk run (10 s by default).

#[path = "../../tests/api/push_receiver.rs"]
mod push_receiver;
#[path = "../../tests/api/release_server.rs"]
mod release_server;

mod generate;
mod push;
mod wrk;

use app::ssr::db;
use app::ssr::policy::Policy;
use app::ssr::sessions;
use generate::{Size, Street};
use push::{FanOut, Latency};
use push_receiver::PushReceiver;
use release_server::{free_port, start_release_server_with};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use std::fmt::Write;
use std::time::Instant;
use wrk::Measured;

const CONNECTIONS: u32 = 64;
/// The board is measured with this many help requests, then with the street's million.
const FEW_REQUESTS: usize = 1_000;
/// Phones that receive the broadcast.
const PHONES: usize = 10_000;
/// Help requests timed from posting to the volunteer's phone.
const LATENCY_SAMPLES: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Backend {
    Sqlite,
    Postgres,
}

/// One backend's figures.
struct Run {
    backend: Backend,
    generated_in_s: f64,
    healthz: Measured,
    board_few: Measured,
    board: Measured,
    proposal: Measured,
    projects: Measured,
    fan_out: FanOut,
    latency: Latency,
}

fn bench_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench")
}

/// A fresh, migrated database for `backend`.
async fn fresh(backend: Backend) -> anyhow::Result<(String, DatabaseConnection)> {
    let url = match backend {
        Backend::Sqlite => {
            let dir = bench_dir();
            std::fs::create_dir_all(&dir)?;
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(dir.join(format!("street.db{suffix}")));
            }
            format!("sqlite://{}/street.db?mode=rwc", dir.display())
        }
        Backend::Postgres => {
            let server =
                std::env::var("TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into());
            let admin = db::connect(&format!("{server}/postgres"), 1).await?;
            admin.execute_unprepared("DROP DATABASE IF EXISTS jiayuan_bench").await?;
            admin.execute_unprepared("CREATE DATABASE jiayuan_bench").await?;
            format!("{server}/jiayuan_bench")
        }
    };
    let conn = match backend {
        Backend::Sqlite => bulk_loader(&url).await?,
        Backend::Postgres => db::connect(&url, 8).await?,
    };
    db::migrate(&conn).await?;
    Ok((url, conn))
}

/// Writing the street is a bulk load, so on SQLite it skips the fsync of every chunk and
/// keeps the indexes being filled in a page cache of 256 MB (the default 2 MB sends most index
/// updates to the kernel). The server being measured opens the file with its own settings.
async fn bulk_loader(url: &str) -> anyhow::Result<DatabaseConnection> {
    use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
    let mut options = sea_orm::ConnectOptions::new(url.to_owned());
    options.max_connections(8).sqlx_logging(false).map_sqlx_sqlite_opts(|o| {
        o.journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Off)
            .busy_timeout(std::time::Duration::from_secs(10))
            .foreign_keys(true)
            .pragma("cache_size", "-262144")
    });
    Ok(sea_orm::Database::connect(options).await?)
}

/// A session cookie for `email`, made the way sign-in makes one.
async fn cookie(conn: &DatabaseConnection, email: &str) -> anyhow::Result<String> {
    use app::ssr::db::entities::account;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let id = account::Entity::find().filter(account::Column::Email.eq(email)).one(conn).await?.expect("generated").id;
    let token = sessions::start(conn, id, chrono::Utc::now(), &Policy::default()).await?;
    Ok(format!("{}={token}", sessions::COOKIE))
}

fn measure(base: &str, path: &str, cookie: Option<&str>, seconds: u32) -> anyhow::Result<Measured> {
    let measured = wrk::run(&format!("{base}{path}"), cookie, CONNECTIONS, seconds)?;
    anyhow::ensure!(measured.failures == 0, "{path}: {} answers were errors", measured.failures);
    println!(
        "  {path:<24} {:>8.0} req/s   p50 {:>7.2} ms   p99 {:>7.2} ms",
        measured.requests_per_second, measured.p50_ms, measured.p99_ms
    );
    Ok(measured)
}

async fn run(backend: Backend, seconds: u32) -> anyhow::Result<Run> {
    println!("\n{backend:?}");
    let (url, conn) = fresh(backend).await?;
    let now = chrono::Utc::now();
    let started = Instant::now();
    let mut street: Street = generate::generate(&conn, Size::STREET.with_help_requests(FEW_REQUESTS), now).await?;
    let volunteer = cookie(&conn, &street.volunteer).await?;
    let resident = cookie(&conn, &street.resident).await?;
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    // Timers and the dispatcher stay off: the figures are for the pages alone.
    let server = start_release_server_with(&url, port, &[("JIAYUAN_SERVER__RUN_WORKERS", "false")]).await;
    println!("  with {FEW_REQUESTS} help requests:");
    let board_few = measure(&base, "/volunteer", Some(&volunteer), seconds)?;
    let generated_few = started.elapsed().as_secs_f64();

    let more = Instant::now();
    generate::add_help_requests(&conn, &mut street, Size::STREET.help_requests - FEW_REQUESTS, now).await?;
    if backend == Backend::Postgres {
        conn.execute_unprepared("ANALYZE").await?;
    }
    let generated_in_s = generated_few + more.elapsed().as_secs_f64();
    println!("  with {} help requests (street generated in {generated_in_s:.0} s):", street.help_requests);
    let healthz = measure(&base, "/healthz", None, seconds)?;
    let board = measure(&base, "/volunteer", Some(&volunteer), seconds)?;
    let proposal = measure(&base, &format!("/projects/{}", street.proposal), Some(&resident), seconds)?;
    let projects = measure(&base, "/projects", Some(&resident), seconds)?;
    drop(server);
    let (fan_out, latency) = push_figures(&conn, &url, &street, &resident).await?;
    Ok(Run { backend, generated_in_s, healthz, board_few, board, proposal, projects, fan_out, latency })
}

/// Items 3 and 4, with the server's workers on and the local receiver allowed.
async fn push_figures(
    conn: &DatabaseConnection,
    url: &str,
    street: &Street,
    resident: &str,
) -> anyhow::Result<(FanOut, Latency)> {
    let now = chrono::Utc::now();
    let receiver = PushReceiver::start().await;
    let phones = street.neighbours(PHONES);
    push::subscribe_phones(conn, &receiver, &phones, now).await?;
    let encrypted_per_core = push::encryption_rate(conn, now).await?;
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let _server =
        start_release_server_with(url, port, &[("JIAYUAN_POLICY__PUSH__ALLOWED_ORIGINS", receiver.origin.as_str())])
            .await;
    let staff = cookie(conn, &street.staff).await?;
    // The street's own notices (its role grants) reach some of these phones when the server
    // starts: the broadcast is counted from here.
    let earlier = receiver.delivered();
    let published = Instant::now();
    // The publish gets a thread and runtime of its own: on this process's runtime its answer
    // would wait behind the receiver decrypting the first pushes. Its redirect is not followed:
    // "answered" is when the broadcast was committed.
    let publishing = {
        let url = format!("{base}/api/announcements/publish");
        std::thread::spawn(move || -> anyhow::Result<f64> {
            tokio::runtime::Builder::new_current_thread().enable_all().build()?.block_on(async move {
                let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build()?;
                let form = [
                    ("title", "停水通知"),
                    ("body", "因管道检修，明天上午 9 点至 12 点全小区停水，请提前储水。"),
                    ("push", "on"),
                ];
                let answer = http.post(url).header("Cookie", &staff).form(&form).send().await?;
                let status = answer.status();
                anyhow::ensure!(
                    status.is_success() || status.is_redirection(),
                    "publishing: {status} {}",
                    answer.text().await?
                );
                Ok(published.elapsed().as_secs_f64())
            })
        })
    };
    let done = push::all_delivered(&receiver, earlier + phones.len(), std::time::Duration::from_secs(600)).await?;
    let answered_s = publishing.join().map_err(|_| anyhow::anyhow!("the publishing thread panicked"))??;
    let first = receiver.arrivals().into_iter().filter(|&at| at >= published).min().unwrap_or(done);
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let fan_out = FanOut {
        devices: phones.len(),
        seconds: (done - published).as_secs_f64(),
        answered_s,
        first_s: (first - published).as_secs_f64(),
        encrypted_per_core,
        cores,
    };
    println!(
        "  broadcast to {} phones: {:.1} s (answered {:.2} s, first push {:.2} s), {:.0} messages/s; one core \
         encrypts {:.0}/s; ratio {:.2}",
        fan_out.devices,
        fan_out.seconds,
        fan_out.answered_s,
        fan_out.first_s,
        fan_out.per_second(),
        fan_out.encrypted_per_core,
        fan_out.ratio()
    );

    let volunteer = cookie(conn, &street.volunteer).await?;
    let phone = receiver.device("volunteer-phone");
    let answer = reqwest::Client::new()
        .post(format!("{base}/api/push/subscribe"))
        .header("Cookie", &volunteer)
        .form(&[("endpoint", &phone.endpoint), ("p256dh", &phone.p256dh), ("auth", &phone.auth)])
        .send()
        .await?;
    anyhow::ensure!(
        answer.status().is_success() || answer.status().is_redirection(),
        "subscribing: {}",
        answer.status()
    );
    let latency = push::help_latency(&base, resident, &receiver, "volunteer-phone", LATENCY_SAMPLES).await?;
    println!(
        "  help request → volunteer's phone over {}: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms, {} missed",
        latency.samples, latency.p50_ms, latency.p95_ms, latency.max_ms, latency.missed
    );
    Ok((fan_out, latency))
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    format!("{cores} cores ({cpu})")
}

/// The figures as Markdown, each with its ratio and goal.
fn report(runs: &[Run], seconds: u32) -> String {
    let mut md = String::new();
    let rev = std::process::Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    let _ = writeln!(
        md,
        "Measured {} on {}, commit `{rev}`, by `make bench`.",
        chrono::Utc::now().format("%Y-%m-%d %H:%M UTC"),
        machine()
    );
    let _ = writeln!(
        md,
        "\nThe street: {} residents in {} buildings, {} help requests, {} proposals with supports and comments. \
         wrk, {CONNECTIONS} connections, {seconds} s a page, the release server on loopback with its workers off.",
        Size::STREET.residents,
        Size::STREET.communities * Size::STREET.buildings_per_community,
        Size::STREET.help_requests,
        Size::STREET.proposals
    );
    let _ = writeln!(md, "\n### SSR pages (goal: the volunteer board ≥ 0.25× `/healthz` throughput, p99 < 50 ms)\n");
    let pages = runs.iter().flat_map(|r| {
        [
            ("`/healthz`", r.healthz),
            ("volunteer board", r.board),
            ("proposal detail", r.proposal),
            ("projects home", r.projects),
        ]
        .map(|(page, m)| {
            vec![
                format!("{:?}", r.backend),
                page.to_owned(),
                format!("{:.0}", m.requests_per_second),
                format!("{:.2}", m.requests_per_second / r.healthz.requests_per_second),
                format!("{:.2}", m.p50_ms),
                format!("{:.2}", m.p99_ms),
            ]
        })
    });
    table(&mut md, &["Backend", "Page", "req/s", "× `/healthz`", "p50 ms", "p99 ms"], 2, pages);
    let _ = writeln!(md, "\n### Scale (goal: board p99 with 1,000,000 requests ≤ 2× with 1,000)\n");
    let (few, all) = (FEW_REQUESTS.to_string(), Size::STREET.help_requests.to_string());
    table(
        &mut md,
        &[
            "Backend",
            &format!("p99 with {few}"),
            &format!("p99 with {all}"),
            "ratio",
            &format!("req/s with {few}"),
            &format!("req/s with {all}"),
        ],
        1,
        runs.iter().map(|r| {
            vec![
                format!("{:?}", r.backend),
                format!("{:.2} ms", r.board_few.p99_ms),
                format!("{:.2} ms", r.board.p99_ms),
                format!("{:.2}×", r.board.p99_ms / r.board_few.p99_ms),
                format!("{:.0}", r.board_few.requests_per_second),
                format!("{:.0}", r.board.requests_per_second),
            ]
        }),
    );
    let _ = writeln!(
        md,
        "\n### Push fan-out (goal: end to end ≥ 0.5× the encryption rate of the cores used)\n\n\
         One announcement with push, published by a social worker to a community where {PHONES} residents have a \
         phone subscribed. End to end is from the publish request to the receiver having checked the VAPID \
         signature of and decrypted the last message; the receiver runs on the same machine.\n"
    );
    table(
        &mut md,
        &[
            "Backend",
            "Phones",
            "publish answered s",
            "first push s",
            "last push s",
            "messages/s",
            "one core encrypts /s",
            "cores",
            "ratio",
        ],
        1,
        runs.iter().map(|r| {
            let f = r.fan_out;
            vec![
                format!("{:?}", r.backend),
                f.devices.to_string(),
                format!("{:.2}", f.answered_s),
                format!("{:.2}", f.first_s),
                format!("{:.2}", f.seconds),
                format!("{:.0}", f.per_second()),
                format!("{:.0}", f.encrypted_per_core),
                f.cores.to_string(),
                format!("{:.2}×", f.ratio()),
            ]
        }),
    );
    let _ = writeln!(
        md,
        "\n### Latency (goal: p95 < 300 ms)\n\nA resident posts a help request; the time until the on-duty \
         volunteer's phone (the receiver) has decrypted its push. {LATENCY_SAMPLES} requests one after another.\n"
    );
    table(
        &mut md,
        &["Backend", "requests", "p50 ms", "p95 ms", "max ms", "missed (> 5 s)"],
        1,
        runs.iter().map(|r| {
            let l = r.latency;
            vec![
                format!("{:?}", r.backend),
                l.samples.to_string(),
                format!("{:.1}", l.p50_ms),
                format!("{:.1}", l.p95_ms),
                format!("{:.1}", l.max_ms),
                l.missed.to_string(),
            ]
        }),
    );
    page_weight(&mut md);
    let _ = writeln!(
        md,
        "\nGenerating the street took {}.",
        runs.iter().map(|r| format!("{:.0} s on {:?}", r.generated_in_s, r.backend)).collect::<Vec<_>>().join(" and ")
    );
    md
}

/// A Markdown table whose first `text_columns` columns are words, the rest figures.
fn table(md: &mut String, header: &[&str], text_columns: usize, rows: impl IntoIterator<Item = Vec<String>>) {
    let _ = writeln!(md, "| {} |", header.join(" | "));
    let rule: Vec<&str> = (0..header.len()).map(|i| if i < text_columns { "---" } else { "---:" }).collect();
    let _ = writeln!(md, "|{}|", rule.join("|"));
    for row in rows {
        let _ = writeln!(md, "| {} |", row.join(" | "));
    }
}

/// Item 5, from the figures `budget.spec.ts` left for `make bench` (it runs first).
fn page_weight(md: &mut String) {
    let path = bench_dir().join("page-weight.json");
    let Some(figures) = std::fs::read(&path).ok().and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
    else {
        let _ =
            writeln!(md, "\n### Page weight\n\nNot measured: `make bench` runs Playwright first to write {path:?}.");
        return;
    };
    let _ = writeln!(
        md,
        "\n### Page weight (goal: a second load with the service worker fetches 0 bytes of app shell)\n\n\
         Bytes on the wire (compressed bodies and headers) in headless Chromium, signed in as the demo's \
         resident and volunteer. The second load is a new visit with the browser's HTTP cache emptied, so what \
         is not fetched came from the service worker.\n"
    );
    let columns = ["html", "css", "js", "wasm", "other", "total"];
    table(
        md,
        &["Load", "HTML", "CSS", "JS", "WASM", "other", "total"],
        1,
        figures.as_object().into_iter().flatten().map(|(load, w)| {
            std::iter::once(load.clone())
                .chain(columns.map(|k| w[k].as_u64().unwrap_or_default().to_string()))
                .collect()
        }),
    );
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let seconds: u32 = std::env::var("JIAYUAN_BENCH_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(10);
    let started = Instant::now();
    let mut runs = vec![run(Backend::Sqlite, seconds).await?];
    runs.push(run(Backend::Postgres, seconds).await?);
    let md = report(&runs, seconds);
    println!("\n{md}");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../BENCHMARKS.md");
    std::fs::write(&path, format!("# Benchmarks\n\n{md}"))?;
    println!("Written to BENCHMARKS.md in {:.0} s.", started.elapsed().as_secs_f64());
    Ok(())
}
