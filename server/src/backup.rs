//! `server backup` and `server restore` for the embedded SQLite database. PostgreSQL has
//! its own tools (`pg_dump` / `pg_restore`, see the README); these commands say so.
//!
//! A backup is taken online with `VACUUM INTO`: one read transaction, so the copy is the
//! database as it was at one instant, while the server goes on writing. A restore checks the
//! file before it touches anything: it must be a SQLite database that passes its integrity
//! check and carries this app's migrations, none newer than this build knows.

use anyhow::{Context, bail};
use app::ssr::db::{self, migrations::Migrator};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement};
use sea_orm_migration::MigratorTrait;
use std::path::{Path, PathBuf};

const POSTGRES_HINT: &str = "this database is PostgreSQL: back it up with `pg_dump --format=custom --file=jiayuan.dump \"$DATABASE_URL\"` \
     and restore with `pg_restore --clean --if-exists --dbname=\"$DATABASE_URL\" jiayuan.dump` (see README)";

/// What a checked backup holds.
#[derive(Debug)]
pub struct BackupSummary {
    pub bytes: u64,
    pub migrations: usize,
    pub accounts: i64,
    pub help_requests: i64,
}

/// Writes a consistent copy of the running database to `to`, then checks the copy.
pub async fn backup(live: &DatabaseConnection, to: &Path) -> anyhow::Result<BackupSummary> {
    if live.get_database_backend() != DbBackend::Sqlite {
        bail!(POSTGRES_HINT);
    }
    if to.exists() {
        bail!("{} already exists; a backup never overwrites a file", to.display());
    }
    if let Some(dir) = to.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let target = to.to_str().context("the backup path must be valid UTF-8")?;
    live.execute_raw(Statement::from_sql_and_values(DbBackend::Sqlite, "VACUUM INTO ?", [target.into()]))
        .await
        .context("the backup failed")?;
    check(to).await.context("the backup was written but does not check out")
}

/// Opens `file` read-only and checks it is a whole database of this app.
pub async fn check(file: &Path) -> anyhow::Result<BackupSummary> {
    let bytes = std::fs::metadata(file).with_context(|| format!("cannot read {}", file.display()))?.len();
    let url = format!("sqlite://{}?mode=ro", file.display());
    let db = Database::connect(&url).await.with_context(|| format!("{} is not a database", file.display()))?;
    let verdict = scalar_text(&db, "PRAGMA integrity_check").await.context("not a SQLite database")?;
    if verdict != "ok" {
        bail!("{} fails its integrity check: {verdict}", file.display());
    }
    let applied: Vec<String> = db
        .query_all_raw(Statement::from_string(DbBackend::Sqlite, "SELECT version FROM seaql_migrations"))
        .await
        .context("not a Jiayuan database (no migrations table)")?
        .iter()
        .map(|row| row.try_get_by_index::<String>(0))
        .collect::<Result<_, _>>()?;
    if applied.is_empty() {
        bail!("{} holds no Jiayuan data", file.display());
    }
    let known: Vec<String> = Migrator::migrations().iter().map(|m| m.name().to_owned()).collect();
    if let Some(unknown) = applied.iter().find(|m| !known.contains(m)) {
        bail!("{} was made by a newer version (migration {unknown} is unknown here)", file.display());
    }
    let summary = BackupSummary {
        bytes,
        migrations: applied.len(),
        accounts: scalar_int(&db, "SELECT COUNT(*) FROM accounts").await?,
        help_requests: scalar_int(&db, "SELECT COUNT(*) FROM help_requests").await?,
    };
    db.close().await?;
    Ok(summary)
}

/// Replaces the SQLite database at `database_url` with `from`, after checking it. The
/// server must be stopped. The database it replaces is kept beside it.
pub async fn restore(from: &Path, database_url: &str) -> anyhow::Result<(BackupSummary, Option<PathBuf>)> {
    let Some(target) = db::sqlite_path(database_url) else {
        bail!(POSTGRES_HINT);
    };
    let summary = check(from).await?;
    let target = Path::new(target);
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    // Copy beside the target, flush it to disk, then swap it in with one rename, so a crash
    // leaves either the old database or the new one, never half of either.
    let incoming = target.with_extension("restoring");
    std::fs::copy(from, &incoming).context("cannot copy the backup into place")?;
    std::fs::File::open(&incoming)?.sync_all()?;
    let kept = if target.exists() {
        let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
        let kept = target.with_extension(format!("before-restore-{stamp}.db"));
        // Folds the write-ahead log into the old file first, so the kept copy is whole.
        let old = Database::connect(format!("sqlite://{}", target.display())).await?;
        old.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)").await?;
        old.close().await?;
        std::fs::rename(target, &kept)?;
        Some(kept)
    } else {
        None
    };
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", target.display()));
    }
    std::fs::rename(&incoming, target)?;
    Ok((summary, kept))
}

async fn scalar_text(db: &DatabaseConnection, sql: &str) -> anyhow::Result<String> {
    let row = db.query_one_raw(Statement::from_string(DbBackend::Sqlite, sql)).await?.context("no answer")?;
    Ok(row.try_get_by_index::<String>(0)?)
}

async fn scalar_int(db: &DatabaseConnection, sql: &str) -> anyhow::Result<i64> {
    let row = db.query_one_raw(Statement::from_string(DbBackend::Sqlite, sql)).await?.context("no answer")?;
    Ok(row.try_get_by_index::<i64>(0)?)
}
