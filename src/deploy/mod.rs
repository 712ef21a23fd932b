//! Deploy: publishing the built site (public/) to where readers get it — a folder on this
//! machine, a server over SFTP, or S3-compatible object storage — uploading only what
//! changed, in an order that never shows readers half a site, and completing an
//! interrupted deploy when it is run again.
//!
//! How a deploy to a server or a bucket stays whole ([`remote`]):
//! - The manifest online ([`manifest::FILE`]) says what is there; the plan is the
//!   difference with public/. Nothing else online is listed, touched or deleted.
//! - Files go up in [`kinds::Phase`] order: what pages use, the pages, then what points to
//!   pages; deletions come last. Each file is replaced whole.
//! - The manifest is written after each phase, and only ever lists files that are online
//!   with those bytes: a deploy killed at any point leaves a manifest that is true or that
//!   still lists the old version of a file already replaced, which the next run simply
//!   uploads again. Deleting a file already gone is no error. So running the same command
//!   again completes the deploy, with nothing lost and nothing twice.
//!
//! A folder target is swapped whole instead ([`folder`]).

pub mod folder;
pub mod kinds;
pub mod manifest;
pub mod remote;
#[cfg(unix)]
mod sftp;
pub mod spec;

use crate::error::{Code, Diagnostic, Error};
use manifest::{Manifest, Plan};
use spec::{Guard, Target};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What to deploy, where, and how carefully.
#[derive(Debug, Clone)]
pub struct Request {
    /// The site folder (for the folder target's rules on what it may replace).
    pub root: PathBuf,
    /// The built site.
    pub public: PathBuf,
    /// The target's name in site.yaml, or `--to`.
    pub name: String,
    pub target: Target,
    pub guard: Guard,
    /// `--allow-deletions N`: this many deletions pass whatever the guard says.
    pub allow_deletions: Option<usize>,
    pub dry_run: bool,
    /// Replace a target folder that no deploy or build made.
    pub force: bool,
}

/// What a deploy did (or, in a dry run, would do).
#[derive(Debug)]
pub struct Report {
    pub name: String,
    pub target: String,
    pub plan: Plan,
    /// Files online afterwards.
    pub files: usize,
    pub dry_run: bool,
    pub millis: u128,
}

impl Report {
    /// The one line for a timer's log: what changed, or that nothing did.
    pub fn line(&self) -> String {
        let Report { plan, .. } = self;
        let head = self.head();
        let secs = format!("{:.1} s", self.millis as f64 / 1000.0);
        if self.dry_run {
            format!(
                "{head}: dry run, nothing changed: would add {}, change {}, delete {}, upload {}",
                plan.added.len(),
                plan.changed.len(),
                plan.deleted.len(),
                size(plan.bytes)
            )
        } else if plan.is_empty() {
            format!("{head}: unchanged, {} files online, {secs}", self.files)
        } else {
            format!(
                "{head}: {} added, {} changed, {} deleted, {} uploaded, {} files online, {secs}",
                plan.added.len(),
                plan.changed.len(),
                plan.deleted.len(),
                size(plan.bytes),
                self.files
            )
        }
    }

    /// `deploy web → sftp://…`; `deploy → …` for `--to`.
    pub fn head(&self) -> String {
        head(&self.name, &self.target)
    }

    /// Each file of the plan on a line (`+` added, `~` changed, `-` deleted), in the order a
    /// deploy takes them: what `--dry-run` shows.
    pub fn plan_lines(&self, public: &Path) -> Vec<String> {
        let mut out = Vec::new();
        for path in self.plan.uploads() {
            let sign = if self.plan.added.iter().any(|a| a == path) {
                '+'
            } else {
                '~'
            };
            let len = std::fs::metadata(public.join(path)).map_or(0, |m| m.len());
            out.push(format!("{sign} {path} ({})", size(len)));
        }
        out.extend(self.plan.deleted.iter().map(|p| format!("- {p}")));
        out
    }
}

/// The start of every summary line: `deploy NAME → TARGET`.
pub fn head(name: &str, target: &impl std::fmt::Display) -> String {
    if name.is_empty() {
        format!("deploy → {target}")
    } else {
        format!("deploy {name} → {target}")
    }
}

/// Why a deploy did not complete.
#[derive(Debug)]
pub enum Failure {
    /// The deletion guard said no; nothing was changed.
    Refused(Diagnostic),
    /// The deploy could not be done or completed; what was uploaded stays, whole files
    /// only, and the same command completes it.
    Failed(Vec<Diagnostic>),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        match e {
            Error::Content(d) => Failure::Failed(d),
            Error::Io { path, source } => Failure::Failed(vec![Diagnostic::error(
                Code::Io,
                path.display().to_string(),
                source.to_string(),
            )
            .hint("check the folder and its permissions, then run the command again")]),
        }
    }
}

/// The message about a manifest that cannot be read.
pub(crate) fn bad_manifest(shown: &str, why: &str) -> Diagnostic {
    Diagnostic::error(Code::BadManifest, shown, format!("the manifest of what is online ({}) cannot be read: {why}", manifest::FILE))
        .hint(format!("if it was damaged, delete {} on the target: the next deploy then uploads every file again (and deletes nothing)", manifest::FILE))
}

/// The request for `--target`/`--to` and the site in `root` (its site.yaml's `deploy:`
/// section); `Err` is a usage error, said in one message.
pub fn request(
    root: &Path,
    public: Option<PathBuf>,
    target: Option<&str>,
    to: Option<&str>,
) -> Result<Request, String> {
    let text = crate::content::load::settings_text(root).map_err(|d| d.to_string())?;
    let mut diags = crate::error::Diagnostics::default();
    let settings = crate::config::parse(&text, None, &mut diags).ok_or_else(|| {
        diags
            .into_sorted()
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let deploy = settings.deploy.unwrap_or(spec::Deploy {
        targets: Default::default(),
        default_target: None,
        guard: Guard::default(),
    });
    let (name, target) = match (to, target) {
        (Some(to), _) => (String::new(), spec::parse_to(to)?),
        (None, Some(name)) => match deploy.targets.get(name) {
            Some(t) => (name.to_string(), t.clone()),
            None => {
                return Err(format!(
                    "no deploy target \"{name}\" in site.yaml{}",
                    known(&deploy)
                ))
            }
        },
        (None, None) => {
            let name = match (&deploy.default_target, deploy.targets.len()) {
                (Some(d), _) => d.clone(),
                (None, 1) => deploy.targets.keys().next().cloned().unwrap_or_default(),
                (None, 0) => return Err("no deploy target: add a deploy: section to site.yaml (see docs/admin/deploy.md), or name one with --to".into()),
                (None, _) => return Err(format!("site.yaml has several deploy targets: choose one with --target, or set deploy.default_target{}", known(&deploy))),
            };
            let t = deploy
                .targets
                .get(&name)
                .cloned()
                .ok_or("the default target is one of the targets")?;
            (name, t)
        }
    };
    Ok(Request {
        root: root.to_path_buf(),
        public: public.unwrap_or_else(|| root.join("public")),
        name,
        target,
        guard: deploy.guard,
        allow_deletions: None,
        dry_run: false,
        force: false,
    })
}

/// `(targets: a, b)`, to say which names exist.
fn known(deploy: &spec::Deploy) -> String {
    if deploy.targets.is_empty() {
        String::new()
    } else {
        let names: Vec<&str> = deploy.targets.keys().map(String::as_str).collect();
        format!(" (targets: {})", names.join(", "))
    }
}

/// Deploys `req.public` to `req.target`, under the lock of the built site (so no build
/// replaces it meanwhile).
pub fn run(req: &Request) -> Result<Report, Failure> {
    let started = Instant::now();
    let shown = req.target.to_string();
    if !req.public.join(crate::output::MARKER).is_file() {
        return Err(Failure::Failed(vec![Diagnostic::error(
            Code::NotABuiltSite,
            req.public.display().to_string(),
            "this is not a built site: it has no .minhbach-output file",
        )
        .hint("run `minhbach build` first, or `minhbach deploy --build`")]));
    }
    let _reading = crate::output::hold(&req.public)?;
    let local = manifest::scan(&req.public).map_err(|e| Error::io(&req.public, e))?;
    let guard = |plan: &Plan| {
        match plan.refused(req.guard, req.allow_deletions) {
        Some(why) => Err(Failure::Refused(
            Diagnostic::error(
                Code::DeletionGuard,
                shown.clone(),
                format!("refusing to deploy: {why}; nothing was changed"),
            )
            .hint(format!(
                "if the site really lost those files, run `minhbach deploy --dry-run` to see them, then again with --allow-deletions {}",
                plan.deleted.len()
            )),
        )),
        None => Ok(()),
    }
    };
    let report = |plan: Plan, files: usize| Report {
        name: req.name.clone(),
        target: shown.clone(),
        plan,
        files,
        dry_run: req.dry_run,
        millis: started.elapsed().as_millis(),
    };
    if let Target::Folder { path } = &req.target {
        refuse_own_output(req, path)?;
        let online = folder::online(path).map_err(|d| Failure::Failed(vec![d]))?;
        let plan = Plan::new(&local, &online);
        guard(&plan)?;
        if !req.dry_run && !plan.is_empty() {
            folder::deploy(&req.root, &req.public, path, &local, &online, req.force)?;
        }
        let files = if req.dry_run {
            online.files.len()
        } else {
            local.len()
        };
        return Ok(report(plan, files));
    }
    let failed = |code: Code, message: String, hint: String| {
        Failure::Failed(vec![
            Diagnostic::error(code, shown.clone(), message).hint(hint)
        ])
    };
    let mut remote = remote::open(&req.target).map_err(|m| {
        let hint = match &req.target {
            Target::Sftp { host, port, user, .. } => format!(
                "log in once by hand with `ssh{} {}{host}`: it shows what is wrong with the key or the host key, and lets you accept the server's host key; or set key_file and known_hosts_file for this target in site.yaml; then run the command again",
                port.map_or_else(String::new, |p| format!(" -p {p}")),
                user.as_ref().map_or_else(String::new, |u| format!("{u}@")),
            ),
            _ => "check the target's settings in site.yaml (deploy.targets), the AWS_* environment variables, and that this machine reaches the endpoint; then run the command again".into(),
        };
        failed(Code::DeployConnect, m, hint)
    })?;
    let online = match remote.read(manifest::FILE) {
        Ok(Some(bytes)) => Manifest::from_json(&bytes)
            .map_err(|e| Failure::Failed(vec![bad_manifest(&shown, &e)]))?,
        Ok(None) => Manifest::default(),
        Err(m) => return Err(failed(Code::DeployTransfer, m, remote.hint())),
    };
    let plan = Plan::new(&local, &online);
    guard(&plan)?;
    if req.dry_run || plan.is_empty() {
        let files = online.files.len();
        return Ok(report(plan, files));
    }
    upload(&mut *remote, &req.public, &plan, online)
        .map_err(|m| failed(Code::DeployTransfer, m, remote.hint()))
        .map(|files| report(plan, files))
}

/// Carries out `plan` on `remote`, keeping the manifest true at every step (see the module
/// documentation); returns the number of files online at the end.
fn upload(
    remote: &mut dyn remote::Remote,
    public: &Path,
    plan: &Plan,
    mut online: Manifest,
) -> Result<usize, String> {
    online.version = 1;
    let pause = test_pause();
    let uploads = plan.uploads();
    for (i, path) in uploads.iter().enumerate() {
        let from = public.join(path);
        let bytes =
            std::fs::read(&from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        remote.put(path, &bytes)?;
        online
            .files
            .insert(path.to_string(), manifest::online(&bytes));
        let phase_ends = uploads
            .get(i + 1)
            .is_none_or(|next| kinds::Phase::of(next) != kinds::Phase::of(path));
        if phase_ends {
            remote.put(manifest::FILE, &online.to_json())?;
        }
        if let Some(p) = pause {
            std::thread::sleep(p);
        }
    }
    for path in &plan.deleted {
        remote.delete(path)?;
        online.files.remove(path);
    }
    if !plan.deleted.is_empty() {
        remote.put(manifest::FILE, &online.to_json())?;
    }
    remote.tidy(&plan.deleted)?;
    Ok(online.files.len())
}

/// For tests (`tests/deploy.rs`): `MINHBACH_DEPLOY_PAUSE_MS`, a pause before each file,
/// so that a deploy can be killed halfway on purpose. Never set it otherwise.
fn test_pause() -> Option<std::time::Duration> {
    std::env::var("MINHBACH_DEPLOY_PAUSE_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map(std::time::Duration::from_millis)
}

/// The built site itself, or a folder around it, is never a target: the swap would
/// replace the files being deployed.
fn refuse_own_output(req: &Request, dest: &Path) -> Result<(), Failure> {
    use crate::paths::resolved;
    let (d, p) = (resolved(dest), resolved(&req.public));
    if p.starts_with(&d) || d.starts_with(&p) {
        return Err(Failure::Failed(vec![Diagnostic::error(
            Code::DeployIntoBuiltSite,
            dest.display().to_string(),
            format!("refusing to deploy into this folder: it is the built site ({}) or holds it or is inside it", req.public.display()),
        )
        .hint("deploy to the web server's folder, e.g. /var/www/minhbach")]));
    }
    Ok(())
}

/// `1.5 MB`, `12 KB`, `300 bytes`.
pub fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / f64::from(1u32 << 20)),
        b if b >= 1 << 10 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{b} bytes"),
    }
}
