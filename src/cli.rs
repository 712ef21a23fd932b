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
    Check(CheckArgs),
    /// Build, serve on loopback, rebuild on change and reload open pages.
    Serve(ServeArgs),
    /// Create a new content file (or a translation pair) with every field explained.
    New(NewArgs),
    /// Open the editor in the browser, next to the live preview (loopback only; the
    /// address printed carries this launch's secret token).
    Edit(EditArgs),
    /// Create a minimal new site that builds.
    Init(InitArgs),
    /// Write the JSON Schemas of site.yaml and of each content kind's front matter (and,
    /// with --reference, the reference pages of the documentation).
    Schemas(SchemasArgs),
    /// Publish the built site to a target of site.yaml (or --to): only new and changed
    /// files, in an order that never shows readers half a site. Prints one summary line.
    /// Exit codes: 0 done or unchanged, 1 failed (run it again to complete it), 2 usage,
    /// 3 refused by the deletion guard.
    Deploy(DeployArgs),
    /// Import data into the content from a spreadsheet.
    #[command(subcommand)]
    Import(ImportCommand),
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// A report's results (indicator, target, actual, note) from a CSV, TSV, XLSX or ODS
    /// file, or cells pasted into stdin (-). Prints the column mapping and every row; writes
    /// only if every row is right and the site checks. Figures go to the file that carries
    /// the facts, notes to the file of --lang. Exit codes: 0 written (or, with --dry-run,
    /// would be), 1 a row or the report has problems (nothing written), 2 usage.
    Results(ImportResultsArgs),
}

#[derive(Debug, Args)]
pub struct ImportResultsArgs {
    /// The report's content file, e.g. content/reports/bao-cao-nam-2024.vi.md.
    pub report: PathBuf,
    /// The table: a .csv, .tsv, .txt, .xlsx or .ods file, or - to read stdin.
    pub table: String,
    /// Which column is which, counted from 1 or by letter, over what the headers suggest:
    /// indicator=1,target=2,actual=C,note=4 (note= leaves a column out).
    #[arg(long)]
    pub map: Option<String>,
    /// The language of the notes: they go to the report's file in this language.
    /// Default: the language of the report file given.
    #[arg(long)]
    pub lang: Option<String>,
    /// Print what would be written; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The site folder (the one with site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct DeployArgs {
    /// The site folder (the one with site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The target to publish to: a name under deploy.targets in site.yaml. Default:
    /// deploy.default_target, or the only target.
    #[arg(long, conflicts_with = "to")]
    pub target: Option<String>,
    /// Publish to this address instead: a folder, sftp://user@server[:port]/folder, or
    /// s3://bucket/folder (endpoint and region from AWS_ENDPOINT_URL and AWS_REGION, the
    /// access key from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY).
    #[arg(long)]
    pub to: Option<String>,
    /// Print every file that would be uploaded or deleted, and the total; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Allow up to N deletions this time, whatever max_deletions and max_deletion_percent
    /// in site.yaml say.
    #[arg(long, value_name = "N")]
    pub allow_deletions: Option<usize>,
    /// Build the site first (today's date: --now, SOURCE_DATE_EPOCH or the clock), then
    /// deploy what changed; nothing is deployed if the build fails. For a daily timer.
    #[arg(long)]
    pub build: bool,
    /// The built site (default: <root>/public); with --build, where it is built.
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// With --build: treat this day as today (YYYY-MM-DD).
    #[arg(long, value_parser = parse_day, requires = "build")]
    pub now: Option<NaiveDate>,
    /// Replace a target folder that is not empty and that no build or deploy made. Its
    /// files are deleted.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `path:line:col: error[MB0301]: message`, the source line and a hint, for people.
    Text,
    /// One JSON object with every diagnostic, for editors and CI.
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Output format of the diagnostics.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Port to listen on.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on; loopback by default so the preview is not on the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// Also answer requests for this host name (repeatable; `.example.lan` allows every name
    /// ending so). The preview answers only to localhost, loopback addresses and the
    /// address it listens on, so that no web site can read it through its own name.
    #[arg(long = "allowed-host", value_name = "NAME")]
    pub allowed_hosts: Vec<String>,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Port to listen on (0: any free port).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Print the address without opening the system's browser.
    #[arg(long)]
    pub no_open: bool,
    /// Largest file that can be uploaded, in MB.
    #[arg(long, default_value_t = 20, value_name = "MB")]
    pub max_upload_mb: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NewKind {
    Campaign,
    Exemplar,
    Report,
    Page,
    /// A list of people and collectives proposed for an award, put out for public comment.
    Nomination,
    /// A plan (kế hoạch): the document that launches campaigns and sets the reporting duty.
    Plan,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NewLang {
    Vi,
    En,
    Both,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// What to create.
    #[arg(value_enum)]
    pub kind: NewKind,
    /// The title; the file is named by its Vietnamese slug ("Đổi mới" → doi-moi).
    pub title: String,
    /// The site folder (the one with site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Which language file(s) to create.
    #[arg(long, value_enum, default_value = "vi")]
    pub lang: NewLang,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to create the site in (must be empty or not exist).
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct SchemasArgs {
    /// Folder to write the schemas to.
    #[arg(long, default_value = "docs/schemas")]
    pub out: PathBuf,
    /// Also write the reference pages (every field, every command) as markdown into this
    /// folder, e.g. docs/reference.
    #[arg(long, value_name = "DIR")]
    pub reference: Option<PathBuf>,
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
    /// Print how long each stage took (load, model, render, check, write).
    #[arg(long)]
    pub timings: bool,
    /// Replace the output folder even if no earlier build made it (it is not empty and has
    /// no .minhbach-output file). Its files are deleted.
    #[arg(long)]
    pub force: bool,
}

fn parse_day(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("\"{s}\" is not a date; write YYYY-MM-DD"))
}
