//! `server [serve|migrate|seed-demo|admin create|places …]`.

use crate::config::Settings;
use crate::startup::Application;
use app::authz::Principal;
use app::domain::{ContactPoint, DisplayName, Password, PlaceName};
use app::i18n::Locale;
use app::model::{AccountId, AccountStatus, Role};
use app::ssr::clock::{Clock, SystemClock};
use app::ssr::{accounts, db, passwords, places, roles, seed};
use clap::{Parser, Subcommand};
use sea_orm::DatabaseConnection;

#[derive(Parser)]
#[command(name = "server", about = "Jiayuan 家园 — community platform server")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Serve the app (the default). `--demo` seeds the demo street into an empty database.
    Serve {
        #[arg(long)]
        demo: bool,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Seed the demo street into an empty database and exit.
    SeedDemo,
    /// Write a consistent copy of the SQLite database while the server runs
    /// (PostgreSQL: use pg_dump, as the README shows).
    Backup {
        /// The file to write; it must not exist yet.
        #[arg(long)]
        to: std::path::PathBuf,
    },
    /// Replace the SQLite database with a backup, after checking the backup is whole.
    /// Stop the server first; the replaced database is kept beside it.
    Restore {
        #[arg(long)]
        from: std::path::PathBuf,
    },
    /// Manage admin accounts.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Manage communities, buildings and entrances.
    Places {
        #[command(subcommand)]
        command: PlacesCommand,
    },
}

#[derive(Subcommand)]
pub enum AdminCommand {
    /// Create a street-level admin. The password comes from JIAYUAN_ADMIN_PASSWORD or stdin,
    /// never from the command line (it would stay in the shell history).
    Create {
        /// Mobile number or email used to sign in.
        #[arg(long)]
        contact: String,
        #[arg(long)]
        name: String,
    },
}

#[derive(Subcommand)]
pub enum PlacesCommand {
    /// Print every community, building and entrance with their ids.
    List,
    AddCommunity {
        #[arg(long)]
        name_zh: String,
        #[arg(long)]
        name_en: Option<String>,
        #[arg(long)]
        service_phone: Option<String>,
    },
    AddBuilding {
        #[arg(long)]
        community: i64,
        #[arg(long)]
        name_zh: String,
        #[arg(long)]
        name_en: Option<String>,
    },
    AddUnit {
        #[arg(long)]
        building: i64,
        #[arg(long)]
        name_zh: String,
        #[arg(long)]
        name_en: Option<String>,
    },
}

pub async fn run(cli: Cli, settings: Settings) -> anyhow::Result<()> {
    match cli.command.unwrap_or(Command::Serve { demo: false }) {
        Command::Serve { demo } => serve(settings, demo).await,
        Command::Migrate => {
            let db = open(&settings).await?;
            println!("migrations applied ({})", db::backend_name(&db));
            Ok(())
        }
        Command::Backup { to } => {
            let db = db::connect(&settings.database.url, 1).await?;
            let summary = crate::backup::backup(&db, &to).await?;
            println!("backup written to {}: {}", to.display(), describe(&summary));
            Ok(())
        }
        Command::Restore { from } => {
            let (summary, kept) = crate::backup::restore(&from, &settings.database.url).await?;
            println!("restored from {}: {}", from.display(), describe(&summary));
            if let Some(kept) = kept {
                println!("the database it replaced is kept at {}", kept.display());
            }
            Ok(())
        }
        Command::SeedDemo => {
            let db = open(&settings).await?;
            seed_demo(&db, &settings).await
        }
        Command::Admin { command: AdminCommand::Create { contact, name } } => {
            let db = open(&settings).await?;
            create_admin(&db, &contact, &name).await
        }
        Command::Places { command } => {
            let db = open(&settings).await?;
            run_places(&db, command).await
        }
    }
}

fn describe(summary: &crate::backup::BackupSummary) -> String {
    format!(
        "{} bytes, {} migrations, {} accounts, {} help requests, integrity ok",
        summary.bytes, summary.migrations, summary.accounts, summary.help_requests
    )
}

async fn open(settings: &Settings) -> anyhow::Result<DatabaseConnection> {
    let db = db::connect(&settings.database.url, settings.database.max_connections).await?;
    db::migrate(&db).await?;
    Ok(db)
}

async fn serve(settings: Settings, demo: bool) -> anyhow::Result<()> {
    let app = Application::build_default(&settings).await?;
    if demo {
        seed_demo(&app.state().db, &settings).await?;
    }
    tracing::info!(address = %format!("{}:{}", settings.server.host, app.port()), "listening");
    println!("Jiayuan is running at {}", settings.server.public_url);
    app.run_until_stopped().await
}

async fn seed_demo(db: &DatabaseConnection, settings: &Settings) -> anyhow::Result<()> {
    let txn = db::begin_write(db).await?;
    let now = SystemClock.now();
    let seeded = seed::seed_demo(&txn, now).await.map_err(|e| anyhow::anyhow!("seeding failed: {e}"))?;
    if seeded {
        seed::seed_demo_activity(&txn, now, &settings.policy.help)
            .await
            .map_err(|e| anyhow::anyhow!("seeding failed: {e}"))?;
    }
    txn.commit().await?;
    if seeded {
        println!("Demo community seeded. Every account's password is `{}`:", seed::DEMO_PASSWORD);
    } else {
        println!(
            "The database already has communities; demo data not added. Demo accounts (password `{}`):",
            seed::DEMO_PASSWORD
        );
    }
    for (account, what) in seed::DEMO_ACCOUNTS {
        println!("  {account:<26} {what}");
    }
    Ok(())
}

fn read_password() -> anyhow::Result<String> {
    if let Ok(p) = std::env::var("JIAYUAN_ADMIN_PASSWORD") {
        return Ok(p);
    }
    eprintln!("Password (then Enter):");
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\n', '\r']).to_owned())
}

async fn create_admin(db: &DatabaseConnection, contact: &str, name: &str) -> anyhow::Result<()> {
    let contact = ContactPoint::parse(contact).map_err(|k| anyhow::anyhow!(k.text(Locale::En)))?;
    let name = DisplayName::parse(name).map_err(|k| anyhow::anyhow!(k.text(Locale::En)))?;
    let password = Password::parse(&read_password()?).map_err(|k| anyhow::anyhow!(k.text(Locale::En)))?;
    let hash = passwords::hash(&password).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let now = SystemClock.now();
    let txn = db::begin_write(db).await?;
    let id =
        accounts::create_staff_account(&txn, contact, name, hash, now).await.map_err(|e| anyhow::anyhow!("{e:?}"))?;
    // The command line is trusted as a street admin, like the seed.
    let cli = Principal {
        account: AccountId(id),
        status: AccountStatus::Verified,
        community: None,
        building: None,
        roles: vec![Role::Admin { community: None }],
    };
    roles::grant(&txn, &cli, id, Role::Admin { community: None }, now).await.map_err(|e| anyhow::anyhow!("{e:?}"))?;
    txn.commit().await?;
    println!("street admin created (account {id})");
    Ok(())
}

fn place_name(raw: &str) -> anyhow::Result<PlaceName> {
    PlaceName::parse(raw).map_err(|k| anyhow::anyhow!(k.text(Locale::En)))
}

fn optional_name(raw: Option<String>) -> anyhow::Result<Option<PlaceName>> {
    raw.map(|n| place_name(&n)).transpose()
}

async fn run_places(db: &DatabaseConnection, command: PlacesCommand) -> anyhow::Result<()> {
    let txn = db::begin_write(db).await?;
    let fail = |e: app::error::AppError| anyhow::anyhow!("{e:?}");
    match command {
        PlacesCommand::List => {
            for c in places::directory(&txn, Locale::Zh).await?.communities {
                println!("community {} {}", c.id, c.name);
                for b in c.buildings {
                    let units: Vec<String> = b.units.iter().map(|u| format!("{} {}", u.id, u.name)).collect();
                    println!("  building {} {}: {}", b.id, b.name, units.join(", "));
                }
            }
        }
        PlacesCommand::AddCommunity { name_zh, name_en, service_phone } => {
            let id = places::add_community(
                &txn,
                place_name(&name_zh)?,
                optional_name(name_en)?,
                service_phone,
                SystemClock.now(),
            )
            .await
            .map_err(fail)?;
            println!("community {id} added");
        }
        PlacesCommand::AddBuilding { community, name_zh, name_en } => {
            places::community(&txn, community).await?.ok_or_else(|| anyhow::anyhow!("no community {community}"))?;
            let id = places::add_building(&txn, community, place_name(&name_zh)?, optional_name(name_en)?)
                .await
                .map_err(fail)?;
            println!("building {id} added");
        }
        PlacesCommand::AddUnit { building, name_zh, name_en } => {
            places::building(&txn, building).await?.ok_or_else(|| anyhow::anyhow!("no building {building}"))?;
            let id =
                places::add_unit(&txn, building, place_name(&name_zh)?, optional_name(name_en)?).await.map_err(fail)?;
            println!("unit {id} added");
        }
    }
    txn.commit().await?;
    Ok(())
}
