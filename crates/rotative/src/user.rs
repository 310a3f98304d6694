//! `rotative user`: accounts from the command line (the first admin, a forgotten
//! password). Works while the server runs: the database is the only shared state.

use crate::cli::{self, DatabaseArgs};
use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use rotative_core::{NewAuthor, Role, Slug, SystemClock};
use rotative_store::StoreError;
use std::io::IsTerminal;

/// `rotative user`.
#[derive(Debug, Clone, Args)]
pub struct UserArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: UserAction,
}

/// The account commands.
#[derive(Debug, Clone, Subcommand)]
pub enum UserAction {
    /// Create an account (the password is asked for, or read with --password-stdin)
    Add(AddArgs),
    /// Set a new password for an account; its open sessions end
    ResetPassword(ResetArgs),
}

/// `rotative user add`.
#[derive(Debug, Clone, Args)]
pub struct AddArgs {
    /// The e-mail address the account logs in with
    #[arg(long)]
    pub email: String,
    /// The name shown to readers (under articles, on the author page)
    #[arg(long)]
    pub name: String,
    /// admin, editor, author or contributor
    #[arg(long)]
    pub role: String,
    /// Read the password from the first line of standard input instead of asking
    #[arg(long)]
    pub password_stdin: bool,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

/// `rotative user reset-password`.
#[derive(Debug, Clone, Args)]
pub struct ResetArgs {
    /// The e-mail address of the account
    #[arg(long)]
    pub email: String,
    /// Read the password from the first line of standard input instead of asking
    #[arg(long)]
    pub password_stdin: bool,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

/// Runs the subcommand.
pub async fn run(args: UserArgs) -> anyhow::Result<()> {
    match args.action {
        UserAction::Add(args) => add(args).await,
        UserAction::ResetPassword(args) => reset(args).await,
    }
}

async fn add(args: AddArgs) -> anyhow::Result<()> {
    let email = args.email.trim().to_lowercase();
    if !rotative_core::comment::is_email(&email) {
        bail!("--email {:?} is not an e-mail address", args.email);
    }
    let role: Role = args.role.parse().map_err(|_| {
        anyhow::anyhow!(
            "--role {:?} is not admin, editor, author or contributor",
            args.role
        )
    })?;
    let name = args.name.trim();
    let slug = Slug::from_title(name)
        .map_err(|_| anyhow::anyhow!("--name {:?} gives no usable author address", args.name))?;
    let password = read_password(args.password_stdin)?;
    let hash = hash(&password)?;
    let config = args.database.config()?;
    let (_, store) = cli::open_store(&config).await?;
    let now = rotative_core::Clock::now(&SystemClock);
    let author = NewAuthor {
        slug: slug.clone(),
        display_name: name.to_owned(),
        email: Some(email.clone()),
        bio: String::new(),
        role,
    };
    let id = match store.create_author(&author, now).await {
        Ok(id) => id,
        Err(StoreError::Conflict { field }) if field.contains("email") => {
            bail!("an account with the e-mail address {email} already exists")
        }
        Err(StoreError::Conflict { .. }) => {
            bail!("an author at /author/{slug}/ already exists: choose another --name")
        }
        Err(error) => return Err(error.into()),
    };
    store.set_password(id, &hash).await?;
    store.close().await;
    println!(
        "rotative: {} account created for {email}; log in at /admin/login",
        role.as_str()
    );
    Ok(())
}

async fn reset(args: ResetArgs) -> anyhow::Result<()> {
    let email = args.email.trim().to_lowercase();
    let password = read_password(args.password_stdin)?;
    let hash = hash(&password)?;
    let config = args.database.config()?;
    let (_, store) = cli::open_store(&config).await?;
    let Some(account) = store.account_by_email(&email).await? else {
        bail!("no account has the e-mail address {email}");
    };
    store.set_password(account.user.id, &hash).await?;
    let now = rotative_core::Clock::now(&SystemClock);
    store.delete_sessions_of(account.user.id, now).await?;
    store.close().await;
    println!("rotative: new password set for {email}; its sessions have ended");
    Ok(())
}

fn hash(password: &str) -> anyhow::Result<String> {
    rotative_web::admin::hash_password(password)
        .map_err(|e| anyhow::anyhow!("cannot hash the password: {e}"))
}

/// The new password: from standard input's first line, or asked twice on the terminal.
fn read_password(from_stdin: bool) -> anyhow::Result<String> {
    let password = if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .context("cannot read the password on standard input")?;
        line.trim_end_matches(['\n', '\r']).to_owned()
    } else {
        if !std::io::stdin().is_terminal() {
            bail!(
                "no terminal to ask the password on: pass it on standard input with --password-stdin"
            );
        }
        let first = rpassword::prompt_password("Password: ").context("cannot read the password")?;
        let again =
            rpassword::prompt_password("Password again: ").context("cannot read the password")?;
        if first != again {
            bail!("the two passwords differ");
        }
        first
    };
    let min = rotative_web::admin::MIN_PASSWORD_CHARS;
    if password.chars().count() < min {
        bail!("the password must have at least {min} characters");
    }
    Ok(password)
}
