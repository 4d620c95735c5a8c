//! The database goes away and comes back; the server is stopped mid-request. A TCP relay
//! between the app and PostgreSQL plays the network: cut, it drops every connection and
//! refuses new ones; slowed, it holds each packet a moment.

use crate::helpers::{Backend, Client, spawn_app};
use app::error::AppError;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

/// Forwards a local port to PostgreSQL.
struct Relay {
    port: u16,
    up: watch::Sender<bool>,
    delay_ms: Arc<AtomicU64>,
}

impl Relay {
    async fn start(target: &str) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let (up, _) = watch::channel(true);
        let delay_ms = Arc::new(AtomicU64::new(0));
        let (state, target, delay) = (up.clone(), target.to_owned(), delay_ms.clone());
        tokio::spawn(async move {
            loop {
                let Ok((client, _)) = listener.accept().await else { return };
                if !*state.borrow() {
                    drop(client);
                    continue;
                }
                let (mut cut, target, delay) = (state.subscribe(), target.clone(), delay.clone());
                tokio::spawn(async move {
                    let Ok(server) = TcpStream::connect(&target).await else { return };
                    tokio::select! {
                        _ = pipe(client, server, delay) => {}
                        _ = cut.wait_for(|up| !*up) => {}
                    }
                });
            }
        });
        Relay { port, up, delay_ms }
    }

    fn cut(&self) {
        self.up.send_replace(false);
    }

    fn mend(&self) {
        self.up.send_replace(true);
    }
}

async fn pipe(client: TcpStream, server: TcpStream, delay: Arc<AtomicU64>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let (mut client_read, mut client_write) = client.into_split();
    let (mut server_read, mut server_write) = server.into_split();
    let to_server = async {
        let mut buf = vec![0u8; 16 * 1024];
        while let Ok(n @ 1..) = client_read.read(&mut buf).await {
            let pause = delay.load(Ordering::Relaxed);
            if pause > 0 {
                tokio::time::sleep(Duration::from_millis(pause)).await;
            }
            if server_write.write_all(&buf[..n]).await.is_err() {
                break;
            }
        }
    };
    let to_client = tokio::io::copy(&mut server_read, &mut client_write);
    tokio::select! {
        _ = to_server => {}
        _ = to_client => {}
    }
}

/// The answer's status and body once the server's watch has seen the change.
async fn eventually(client: &Client, path: &str, status: u16) -> (reqwest::header::HeaderMap, String) {
    for _ in 0..100 {
        let answer = client.http.get(format!("{}{path}", client.base)).header("accept", "text/html").send().await;
        if let Ok(answer) = answer
            && answer.status().as_u16() == status
        {
            let headers = answer.headers().clone();
            return (headers, answer.text().await.unwrap());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("{path} never answered {status}");
}

/// PostgreSQL behind a relay: a fresh test database and a server that reaches it only
/// through the relay.
async fn behind_relay() -> Option<(crate::helpers::TestApp, crate::helpers::TestApp, Relay)> {
    let direct = spawn_app(Backend::Postgres).await?;
    let url = direct.database_url().to_owned();
    let relay = Relay::start("127.0.0.1:5432").await;
    let relayed = url.replacen("127.0.0.1:5432", &format!("127.0.0.1:{}", relay.port), 1);
    assert_ne!(url, relayed, "the test database is on 127.0.0.1:5432");
    let app = direct.restart_with(|s| s.database.url = relayed).await;
    Some((direct, app, relay))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_its_database_the_app_says_so_at_once_and_recovers_by_itself() {
    let Some((_direct, app, relay)) = behind_relay().await else { return };
    let wang = app.signed_in("resident1@demo.jiayuan").await;
    eventually(&wang, "/", 200).await;

    relay.cut();
    let (headers, body) = eventually(&wang, "/help/new", 503).await;
    assert!(body.contains("系统暂时无法服务") && body.contains("briefly unavailable"), "{body}");
    assert_eq!(headers.get("retry-after").unwrap(), "10");
    assert!(headers.get("content-security-policy").unwrap().to_str().unwrap().contains("default-src 'none'"));
    // A form sent now is refused whole, with a reason the app can show; it changed nothing.
    let started = std::time::Instant::now();
    let refused = wang
        .call(
            "help/post",
            &[
                ("category", "errand"),
                ("urgency", "today"),
                ("description", "停电了，帮忙买蜡烛"),
                ("key", "outage-help-1"),
            ],
        )
        .await;
    assert_eq!(refused.status.as_u16(), 503);
    assert_eq!(refused.error(), AppError::Unavailable);
    assert!(started.elapsed() < Duration::from_secs(2), "answered at once, not after a pool timeout");
    assert_eq!(wang.get("/healthz").await.status.as_u16(), 503);
    // The installed app's own files do not need the database: they reach the file server
    // (which has no site to serve in this test, hence not 200) rather than the 503.
    assert_ne!(wang.get("/sw.js").await.status.as_u16(), 503);

    relay.mend();
    eventually(&wang, "/help/new", 200).await;
    assert_eq!(wang.get("/healthz").await.status.as_u16(), 200);
    // Still signed in: the session lives in the database, not in the connection.
    let posted = wang
        .call(
            "help/post",
            &[
                ("category", "errand"),
                ("urgency", "today"),
                ("description", "停电了，帮忙买蜡烛"),
                ("key", "outage-help-1"),
            ],
        )
        .await;
    assert!(posted.status.is_success() || posted.status.is_redirection(), "{} {}", posted.status, posted.body);
    let mine = wang.call("help/mine", &[]).await.body;
    assert_eq!(mine.matches("停电了，帮忙买蜡烛").count(), 1, "{mine}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stopping_the_server_finishes_the_requests_in_flight() {
    let Some((_direct, app, relay)) = behind_relay().await else { return };
    let wang = app.signed_in("resident1@demo.jiayuan").await;
    // Every database round trip now takes a while, so the page below is still being made
    // when the stop comes.
    relay.delay_ms.store(150, Ordering::Relaxed);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let (other, running) = app
        .restart_until(async move {
            let _ = stopped.await;
        })
        .await;
    let wang_there = Client { http: wang.http.clone(), base: other.address.clone() };
    let answered = Arc::new(AtomicBool::new(false));
    let request = {
        let answered = answered.clone();
        tokio::spawn(async move {
            let page = wang_there.get("/help/new").await;
            answered.store(true, Ordering::Relaxed);
            page
        })
    };
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(!answered.load(Ordering::Relaxed), "the page is still being made");
    stop.send(()).unwrap();
    let page = request.await.unwrap();
    assert_eq!(page.status.as_u16(), 200, "the request in flight was answered");
    assert!(page.body.contains("</html>"));
    tokio::time::timeout(Duration::from_secs(30), running).await.expect("the server stops").unwrap().unwrap();
}
