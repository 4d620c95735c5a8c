#![allow(dead_code)] // Shared with the benchmarks: each side uses part of it.
//! The release server binary as a separate process: for the kill -9, load and scale-out
//! tests, and for the benchmarks (`server/benches`), which include this file.

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The release server binary, killed when dropped.
pub struct ReleaseServer(std::process::Child);

impl ReleaseServer {
    /// `kill -9`, and waits until the process is gone.
    pub fn kill(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for ReleaseServer {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The release server binary on `url`, its workers running, limits out of the way, once it
/// answers its health check.
pub async fn start_release_server(url: &str, port: u16) -> ReleaseServer {
    start_release_server_with(url, port, &[]).await
}

/// The same, with more settings (`JIAYUAN_…` variables) on top.
pub async fn start_release_server_with(url: &str, port: u16, settings: &[(&str, &str)]) -> ReleaseServer {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("serve")
        .env("DATABASE_URL", url)
        .env("JIAYUAN_SERVER__PORT", port.to_string())
        .env("JIAYUAN_SERVER__HOST", "127.0.0.1")
        .env("JIAYUAN_SERVER__RUN_WORKERS", "true")
        .env("JIAYUAN_POLICY__LIMITS__HELP_REQUESTS__MAX", "1000000")
        .env("JIAYUAN_POLICY__LIMITS__SUPPORTS__MAX", "1000000")
        .env("JIAYUAN_POLICY__LIMITS__POSTS_PER_IP__MAX", "1000000")
        .env("JIAYUAN_POLICY__LIMITS__LOGIN_PER_IP__MAX", "1000000")
        .env("JIAYUAN_POLICY__LIMITS__LOGIN_PER_ACCOUNT__MAX", "1000000")
        .env("RUST_LOG", "warn")
        .envs(settings.iter().copied())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::inherit())
        .spawn()
        .expect("the server binary starts");
    let health = format!("http://127.0.0.1:{port}/healthz");
    for _ in 0..300 {
        if reqwest::get(&health).await.is_ok_and(|r| r.status().is_success()) {
            return ReleaseServer(child);
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("the server exited: {status}");
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the server did not come up");
}
