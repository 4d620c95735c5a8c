//! `server backup` under write load, and `server restore` of good and damaged files.

use crate::helpers::{Backend, Client, spawn_app};
use app::ssr::db::entities::help_request;
use sea_orm::{ColumnTrait, Database, EntityTrait, QueryFilter};
use server::backup;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn scratch(name: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    std::env::temp_dir().join(format!("jiayuan_{name}_{}_{nanos}.db", std::process::id()))
}

/// Residents posting help requests as fast as the server takes them; every key the server
/// acknowledged goes into the set.
fn writers(clients: Vec<Client>, acked: Arc<Mutex<BTreeSet<String>>>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tasks = tokio::task::JoinSet::new();
        for (w, client) in clients.into_iter().enumerate() {
            let acked = acked.clone();
            tasks.spawn(async move {
                for i in 0.. {
                    let key = format!("load-{w}-{i:05}");
                    let form = [
                        ("category", "errand"),
                        ("urgency", "today"),
                        ("description", "备份测试：请帮忙取快递"),
                        ("key", key.as_str()),
                    ];
                    let answer = client.http.post(format!("{}/api/help/post", client.base)).form(&form).send().await;
                    match answer {
                        Ok(a) if a.status().is_success() || a.status().is_redirection() => {
                            acked.lock().unwrap().insert(key);
                        }
                        _ => return,
                    }
                }
            });
        }
        while tasks.join_next().await.is_some() {}
    })
}

async fn keys_in(url: &str) -> BTreeSet<String> {
    let db = Database::connect(url).await.unwrap();
    let rows = help_request::Entity::find()
        .filter(help_request::Column::IdempotencyKey.like("load-%"))
        .all(&db)
        .await
        .unwrap();
    rows.into_iter().map(|r| r.idempotency_key).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_residents_post_restores_whole() {
    let app = spawn_app(Backend::Sqlite).await.unwrap().unlimited().await;
    let mut clients = vec![];
    for email in
        ["resident1@demo.jiayuan", "resident2@demo.jiayuan", "resident4@demo.jiayuan", "resident5@demo.jiayuan"]
    {
        clients.push(app.signed_in(email).await);
    }
    let acked = Arc::new(Mutex::new(BTreeSet::new()));
    let load = writers(clients, acked.clone());
    tokio::time::sleep(Duration::from_millis(500)).await;

    let before: BTreeSet<String> = acked.lock().unwrap().clone();
    let file = scratch("backup");
    let summary = backup::backup(&app.state.db, &file).await.expect("backup under load");
    let after = acked.lock().unwrap().len();
    tokio::time::sleep(Duration::from_millis(300)).await;
    load.abort();
    assert!(before.len() >= 20, "the writers were writing: {}", before.len());
    assert!(backup::backup(&app.state.db, &file).await.is_err(), "a backup never overwrites a file");

    // Restored into a new place and served: every write acknowledged before the backup is
    // there, and nothing that was never sent.
    let target = scratch("restored");
    let url = format!("sqlite://{}?mode=rwc", target.display());
    let (restored, kept) = backup::restore(&file, &url).await.expect("the backup restores");
    assert!(kept.is_none());
    assert_eq!(restored.help_requests, summary.help_requests);
    let keys = keys_in(&url).await;
    assert!(before.is_subset(&keys), "{} acknowledged before the backup, {} restored", before.len(), keys.len());
    assert!(keys.len() <= after + 4, "at most the requests in flight beyond those acknowledged");
    let served = app.restart_with(|s| s.database.url = url.clone()).await;
    let wang = served.signed_in("resident1@demo.jiayuan").await;
    let mine = wang.call("help/mine", &[]).await;
    mine.assert_ok();
    println!(
        "backup under load: {} bytes, {} help requests, {} acknowledged before it",
        summary.bytes,
        keys.len(),
        before.len()
    );

    // Restoring over a database keeps the one it replaces.
    let (_, kept) = backup::restore(&file, &url).await.expect("restores over a database");
    assert!(kept.expect("the old database is kept").exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_or_foreign_file_is_refused_and_nothing_is_replaced() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let good = scratch("good");
    backup::backup(&app.state.db, &good).await.unwrap();
    let target = scratch("target");
    let url = format!("sqlite://{}?mode=rwc", target.display());

    // A page in the middle overwritten.
    let damaged = scratch("damaged");
    let mut bytes = std::fs::read(&good).unwrap();
    assert!(bytes.len() > 64 * 1024, "a database of many pages");
    let middle = bytes.len() / 2 / 4096 * 4096;
    bytes[middle..middle + 4096].fill(0xA5);
    std::fs::write(&damaged, &bytes).unwrap();
    // Cut short, as by a full disk.
    let cut = scratch("cut");
    std::fs::write(&cut, &std::fs::read(&good).unwrap()[..middle]).unwrap();
    // Not a database at all, and a database of something else.
    let text = scratch("text");
    std::fs::write(&text, "这不是数据库").unwrap();
    let foreign = scratch("foreign");
    let other = Database::connect(format!("sqlite://{}?mode=rwc", foreign.display())).await.unwrap();
    sea_orm::ConnectionTrait::execute_unprepared(&other, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        .await
        .unwrap();
    other.close().await.unwrap();

    for bad in [&damaged, &cut, &text, &foreign] {
        let refused = backup::restore(bad, &url).await;
        assert!(refused.is_err(), "{} was accepted", bad.display());
        assert!(!target.exists(), "nothing was put in place for {}", bad.display());
    }
    backup::restore(&good, &url).await.expect("the good one restores");
}
