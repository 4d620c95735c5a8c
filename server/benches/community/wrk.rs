//! Runs wrk (Debian's package) against one address and reads its report.

use std::process::Command;

/// What wrk measured for one address.
#[derive(Debug, Clone, Copy, Default)]
pub struct Measured {
    pub requests_per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    /// Answers that were not 2xx or 3xx: a benchmark of error pages would be worthless.
    pub failures: u64,
}

/// `connections` at once for `seconds`, with `cookie` if given, asking for HTML.
pub fn run(url: &str, cookie: Option<&str>, connections: u32, seconds: u32) -> anyhow::Result<Measured> {
    let mut wrk = Command::new("wrk");
    wrk.args(["-t2", &format!("-c{connections}"), &format!("-d{seconds}s"), "--latency", "-H", "Accept: text/html"]);
    if let Some(cookie) = cookie {
        wrk.args(["-H", &format!("Cookie: {cookie}")]);
    }
    let output =
        wrk.arg(url).output().map_err(|e| anyhow::anyhow!("wrk could not start ({e}): `make tools` installs it"))?;
    anyhow::ensure!(output.status.success(), "wrk failed: {}", String::from_utf8_lossy(&output.stderr));
    parse(&String::from_utf8_lossy(&output.stdout))
}

fn parse(report: &str) -> anyhow::Result<Measured> {
    let mut measured = Measured::default();
    for line in report.lines().map(str::trim) {
        let mut words = line.split_whitespace();
        match (words.next(), words.next()) {
            (Some("50%"), Some(t)) => measured.p50_ms = millis(t)?,
            (Some("99%"), Some(t)) => measured.p99_ms = millis(t)?,
            (Some("Requests/sec:"), Some(r)) => measured.requests_per_second = r.parse()?,
            _ if line.starts_with("Non-2xx or 3xx responses:") => {
                measured.failures = line.rsplit(' ').next().unwrap_or("0").parse()?;
            }
            _ => {}
        }
    }
    anyhow::ensure!(report.contains("Requests/sec:"), "no figures in wrk's report:\n{report}");
    if measured.requests_per_second == 0.0 {
        // Nothing answered within the run: there is no latency to speak of, only "none".
        (measured.p50_ms, measured.p99_ms) = (f64::INFINITY, f64::INFINITY);
    }
    Ok(measured)
}

/// wrk's durations: `635.91us`, `1.01ms`, `2.03s`.
fn millis(t: &str) -> anyhow::Result<f64> {
    let (number, unit) = t.split_at(t.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(t.len()));
    let n: f64 = number.parse()?;
    Ok(match unit {
        "us" => n / 1000.0,
        "ms" => n,
        "s" => n * 1000.0,
        "m" => n * 60_000.0,
        other => anyhow::bail!("unknown unit {other:?} in {t:?}"),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_a_wrk_report() {
        let report = "Running 10s test @ http://127.0.0.1:3000/healthz\n  2 threads and 64 connections\n  Latency Distribution\n     50%  635.91us\n     75%  712.00us\n     90%    1.01ms\n     99%    2.03ms\n  123456 requests in 10.00s, 20.00MB read\n  Non-2xx or 3xx responses: 3\nRequests/sec:  12345.67\nTransfer/sec:      2.00MB\n";
        let m = super::parse(report).unwrap();
        assert_eq!((m.p50_ms, m.p99_ms, m.requests_per_second, m.failures), (0.63591, 2.03, 12345.67, 3));
    }

    #[test]
    fn a_run_without_answers_is_a_figure_not_an_error() {
        let report = "Running 10s test @ http://127.0.0.1:3000/volunteer\n  Latency Distribution\n     50%    0.00us\n     99%    0.00us\n  0 requests in 10.00s, 0.00B read\nRequests/sec:      0.00\n";
        let m = super::parse(report).unwrap();
        assert_eq!(m.requests_per_second, 0.0);
        assert!(m.p99_ms.is_infinite());
        assert!(super::parse("wrk: connection refused").is_err());
    }
}
