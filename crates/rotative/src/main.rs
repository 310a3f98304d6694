//! `rotative`: the one binary of Rotative. Each subcommand lives in its own module:
//! [`serve`] (the site), [`migrate`], [`config`] (configuration helpers), [`demo`]
//! (generated data for load tests), [`user`] (accounts), [`search`] (the search index),
//! [`export`] and [`import`] (moving a site out, and in from WordPress). [`cli`] declares the command line and turns flags, environment and file into one
//! [`rotative_config::Config`].

mod cli;
mod config;
mod demo;
mod export;
mod export_wxr;
mod import;
mod migrate;
mod search;
mod serve;
mod user;

use clap::Parser;
use std::process::ExitCode;

/// jemalloc rather than glibc's allocator: a long-running server with many threads (the
/// runtime's, the database driver's, the search index's) kept about three times its live
/// heap resident with glibc's per-thread arenas; jemalloc gives unused memory back.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("rotative: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let outcome = runtime.block_on(async {
        match cli.command {
            cli::Command::Serve(args) => serve::run(args).await,
            cli::Command::Migrate(args) => migrate::run(args).await,
            cli::Command::Config(args) => config::run(args),
            cli::Command::Demo(args) => demo::run(args).await,
            cli::Command::User(args) => user::run(args).await,
            cli::Command::Export(args) => export::run(args).await,
            cli::Command::Import(args) => import::run(args).await,
            cli::Command::Search(args) => search::run(args).await,
        }
    });
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("rotative: {}", one_line(&error));
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes on one line, skipping a cause its parent already spelled out
/// (some libraries repeat their source in their own message).
fn one_line(error: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if !line.contains(&text) {
            if !line.is_empty() {
                line.push_str(": ");
            }
            line.push_str(&text);
        }
    }
    line
}
