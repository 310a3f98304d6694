//! `rotative config`: helpers for writing `rotative.toml`.

use clap::{Args, Subcommand};
use rotative_config::Config;

/// `rotative config`.
#[derive(Debug, Clone, Args)]
pub struct ConfigArgs {
    /// What to show.
    #[command(subcommand)]
    pub action: ConfigAction,
}

/// The helpers.
#[derive(Debug, Clone, Subcommand)]
pub enum ConfigAction {
    /// Print a documented example rotative.toml with every key and its default.
    Example,
    /// List every key with its environment variable.
    Keys,
}

/// Runs the subcommand.
pub fn run(args: ConfigArgs) -> anyhow::Result<()> {
    match args.action {
        ConfigAction::Example => print!("{}", Config::example_toml()),
        ConfigAction::Keys => {
            for key in Config::keys() {
                println!("{:<32} {}", key.path, key.env);
            }
        }
    }
    Ok(())
}
