use clap::Parser;
use server::cli::{Cli, run};
use server::config::Settings;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    server::telemetry::init();
    let cli = Cli::parse();
    let settings = Settings::load()?;
    run(cli, settings).await
}
