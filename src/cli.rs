//! Command-line types (clap) only; `main.rs` acts on them.

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "minhbach",
    version,
    about = "Static site generator for transparency publishing (Vietnamese first, English second)"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into public/ (or --output). A failed build leaves public/ untouched.
    Build(BuildArgs),
    /// Load and validate everything, print every problem, write nothing.
    Check(CommonArgs),
}

#[derive(Debug, Args)]
pub struct CommonArgs {
    /// The site folder (the one with site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Include drafts and future-dated items.
    #[arg(long)]
    pub drafts: bool,
    /// Treat this day as today (YYYY-MM-DD); defaults to SOURCE_DATE_EPOCH, then the clock.
    #[arg(long, value_parser = parse_day)]
    pub now: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Output folder (default: <root>/public).
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Override site.yaml's base_url, e.g. for a staging host.
    #[arg(long)]
    pub base_url: Option<String>,
}

fn parse_day(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("\"{s}\" is not a date; write YYYY-MM-DD"))
}
