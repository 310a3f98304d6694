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
    /// Read a password on standard input and print its argon2 hash, for
    /// `admin.password_hash`.
    HashPassword,
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
        ConfigAction::HashPassword => {
            let mut line = String::new();
            std::io::stdin()
                .read_line(&mut line)
                .map_err(|e| anyhow::anyhow!("cannot read the password on standard input: {e}"))?;
            let password = line.trim_end_matches(['\n', '\r']);
            if password.is_empty() {
                anyhow::bail!("the password read on standard input is empty");
            }
            let hash = rotative_web::admin::hash_password(password)
                .map_err(|e| anyhow::anyhow!("cannot hash the password: {e}"))?;
            println!("{hash}");
        }
    }
    Ok(())
}
