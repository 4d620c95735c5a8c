//! Configuration: built-in defaults, then an optional `jiayuan.toml` (or the file named by
//! `JIAYUAN_CONFIG`), then `JIAYUAN_*` environment variables (`__` separates sections, e.g.
//! `JIAYUAN_SERVER__PORT=8080`), then `DATABASE_URL`. The defaults run the embedded mode.

use app::ssr::policy::Policy;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Settings {
    pub server: ServerSettings,
    pub database: DatabaseSettings,
    pub policy: Policy,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ServerSettings {
    pub host: String,
    pub port: u16,
    /// The address people type; its origin is the only one allowed to post.
    pub public_url: String,
    /// Where cargo-leptos put the site (`pkg/`, icons, manifest).
    pub site_root: String,
    /// Run the background workers (timers, clean-up) in this process. Tests that drive the
    /// timers themselves turn them off.
    pub run_workers: bool,
}

#[derive(Clone, Serialize, Deserialize)]
pub struct DatabaseSettings {
    pub url: String,
    pub max_connections: u32,
}

/// The URL may hold a password: print only its scheme.
impl fmt::Debug for DatabaseSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = self.url.split(':').next().unwrap_or_default();
        f.debug_struct("DatabaseSettings")
            .field("url", &format_args!("{scheme}:…"))
            .field("max_connections", &self.max_connections)
            .finish()
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            server: ServerSettings {
                host: "127.0.0.1".into(),
                port: 3000,
                public_url: "http://127.0.0.1:3000".into(),
                site_root: "target/site".into(),
                run_workers: true,
            },
            database: DatabaseSettings { url: "sqlite://data/jiayuan.db?mode=rwc".into(), max_connections: 8 },
            policy: Policy::default(),
        }
    }
}

impl Settings {
    pub fn load() -> anyhow::Result<Settings> {
        let file = std::env::var("JIAYUAN_CONFIG").unwrap_or_else(|_| "jiayuan.toml".into());
        let mut settings: Settings = config::Config::builder()
            .add_source(config::Config::try_from(&Settings::default())?)
            .add_source(config::File::with_name(&file).required(false))
            .add_source(
                config::Environment::with_prefix("JIAYUAN")
                    .prefix_separator("_")
                    .separator("__")
                    .try_parsing(true)
                    // JIAYUAN_POLICY__PUSH__ALLOWED_ORIGINS=https://a.example,https://*.b.example
                    .list_separator(",")
                    .with_list_parse_key("policy.push.allowed_origins"),
            )
            .build()?
            .try_deserialize()?;
        if let Ok(url) = std::env::var("DATABASE_URL") {
            settings.database.url = url;
        }
        if let Ok(root) = std::env::var("LEPTOS_SITE_ROOT") {
            settings.server.site_root = root;
        }
        if settings.server.public_url.starts_with("https://") {
            settings.policy.secure_cookies = true;
        }
        Ok(settings)
    }

    /// `scheme://host[:port]` of the public address, as browsers send it in `Origin`.
    pub fn public_origin(&self) -> String {
        let url = self.server.public_url.trim_end_matches('/');
        match url.find("://") {
            Some(i) => match url[i + 3..].find('/') {
                Some(j) => url[..i + 3 + j].to_owned(),
                None => url.to_owned(),
            },
            None => url.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_urls_never_print() {
        let db = DatabaseSettings { url: "postgres://u:secret@h/db".into(), max_connections: 1 };
        let printed = format!("{db:?}");
        assert!(!printed.contains("secret"), "{printed}");
        assert!(printed.contains("postgres"));
    }

    #[test]
    fn public_origin_drops_the_path() {
        let mut s = Settings::default();
        s.server.public_url = "https://jiayuan.example.cn/app/".into();
        assert_eq!(s.public_origin(), "https://jiayuan.example.cn");
    }
}
