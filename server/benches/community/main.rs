//! `make bench`: the street of issue 9 on SQLite and on PostgreSQL, the release server on
//! loopback, and wrk at 64 connections. Prints a table and writes `BENCHMARKS.md`.
//!
//! Figures are measured side by side in one run: each page is reported beside `/healthz`
//! measured the same minute, because absolute rates on a shared machine drift.
//! `JIAYUAN_BENCH_SECONDS` sets each wrk run (10 s by default).

#[path = "../../tests/api/release_server.rs"]
mod release_server;

mod generate;
mod wrk;

use app::ssr::db;
use app::ssr::policy::Policy;
use app::ssr::sessions;
use generate::{Size, Street};
use release_server::{free_port, start_release_server_with};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use std::fmt::Write;
use std::time::Instant;
use wrk::Measured;

const CONNECTIONS: u32 = 64;
/// The board is measured with this many help requests, then with the street's million.
const FEW_REQUESTS: usize = 1_000;

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
    let conn = db::connect(&url, 8).await?;
    db::migrate(&conn).await?;
    Ok((url, conn))
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
    Ok(Run { backend, generated_in_s, healthz, board_few, board, proposal, projects })
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
    let _ = writeln!(md, "| Backend | Page | req/s | × `/healthz` | p50 ms | p99 ms |");
    let _ = writeln!(md, "|---|---|---:|---:|---:|---:|");
    for r in runs {
        for (page, m) in [
            ("`/healthz`", r.healthz),
            ("volunteer board", r.board),
            ("proposal detail", r.proposal),
            ("projects home", r.projects),
        ] {
            let _ = writeln!(
                md,
                "| {:?} | {page} | {:.0} | {:.2} | {:.2} | {:.2} |",
                r.backend,
                m.requests_per_second,
                m.requests_per_second / r.healthz.requests_per_second,
                m.p50_ms,
                m.p99_ms
            );
        }
    }
    let _ = writeln!(md, "\n### Scale (goal: board p99 with 1,000,000 requests ≤ 2× with 1,000)\n");
    let _ = writeln!(
        md,
        "| Backend | p99 with {FEW_REQUESTS} | p99 with {} | ratio | req/s with {FEW_REQUESTS} | req/s with {} |",
        Size::STREET.help_requests,
        Size::STREET.help_requests
    );
    let _ = writeln!(md, "|---|---:|---:|---:|---:|---:|");
    for r in runs {
        let _ = writeln!(
            md,
            "| {:?} | {:.2} ms | {:.2} ms | {:.2}× | {:.0} | {:.0} |",
            r.backend,
            r.board_few.p99_ms,
            r.board.p99_ms,
            r.board.p99_ms / r.board_few.p99_ms,
            r.board_few.requests_per_second,
            r.board.requests_per_second
        );
    }
    let _ = writeln!(
        md,
        "\nGenerating the street took {}.",
        runs.iter().map(|r| format!("{:.0} s on {:?}", r.generated_in_s, r.backend)).collect::<Vec<_>>().join(" and ")
    );
    md
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
