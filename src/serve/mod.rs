//! Live preview: build, serve on loopback, watch, rebuild, reload. Calls the same `plan()`
//! as `build`; never a second pipeline.
//!
//! The site is built in memory and served from there: each successful rebuild swaps in a
//! new [`Snapshot`] behind an `Arc`, so a request sees either the old site or the new one,
//! never a half-written folder, and `public/` is not touched. A failed rebuild keeps the last
//! good site and shows its errors over every page (see `live`).
//!
//! Threads: a bounded pool answers connections (`net`: limits on connections, header size
//! and time, slow readers; `respond`: one request each); at most [`MAX_STREAMS`] of them
//! hold a live-reload stream; one thread takes debounced file events and rebuilds; one
//! prints what the limits dropped; the main thread waits for Ctrl-C. Only host names that
//! cannot belong to another web site are answered (`http::Hosts`).

pub(crate) mod http;
mod live;
mod net;
mod respond;

use crate::error::{Code, Diagnostic, Error};
use crate::rebuild::{Files, Session};
use crate::Options;
use net::Tally;
use notify::{RecursiveMode, Watcher as _};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::AtomicUsize;
use std::sync::{mpsc, Arc, Mutex, RwLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The parts of a site folder a preview watches; `public/`, `target/` and the rest are not.
const WATCHED_DIRS: [&str; 4] = ["content", "static", "themes", "templates"];
const WATCHED_FILE: &str = crate::config::FILE;

/// How long the sources must be quiet before a rebuild: one save of several files (or an
/// editor's write-then-rename, a few milliseconds apart) becomes one rebuild. Short: it is
/// part of the time until a quick look shows an edit.
const DEBOUNCE: Duration = Duration::from_millis(50);
/// After a quick look, how long the sources must be quiet before the rest of the site is
/// built: saves while editing one page, a second or so apart, each get a quick look at
/// once rather than waiting behind a full build, which is made once at the end.
const SETTLE: Duration = Duration::from_millis(1000);
/// A burst of changes that never pauses still gets a rebuild this often.
const DEBOUNCE_MAX: Duration = Duration::from_secs(2);

/// Live-reload streams open at once. The pages of one browser share one stream (see
/// `live::script`), so this is browsers, not pages; one over it is answered with the
/// latest events and asked to come back in [`STREAM_RETRY`].
const MAX_STREAMS: usize = 16;
const STREAM_RETRY: Duration = Duration::from_secs(10);
/// How often pages without a stream of their own ask for the latest events.
const POLL: Duration = Duration::from_secs(2);

/// The site as it is served now.
struct Snapshot {
    /// The last good build, path → bytes; `None` until a build has succeeded.
    files: Option<Arc<Files>>,
    /// Changes whenever open pages should reload. Starts at the clock so that pages left
    /// open across a restart of the preview reload too.
    generation: u64,
    /// The diagnostics of the latest build if it failed; empty when it succeeded.
    problems: Vec<Diagnostic>,
    /// The warnings of the last good build, so a rebuild prints only new ones.
    warnings: Vec<Diagnostic>,
    /// What goes into every HTML page: the overlay of `problems` and the reload script.
    extra: Arc<Vec<u8>>,
    /// The overlay alone, pushed to open pages; `None` without problems.
    overlay: Option<Arc<str>>,
}

impl Snapshot {
    fn new(
        files: Option<Arc<Files>>,
        generation: u64,
        problems: Vec<Diagnostic>,
        warnings: Vec<Diagnostic>,
    ) -> Snapshot {
        Snapshot {
            extra: Arc::new(live::extra(generation, &problems)),
            overlay: (!problems.is_empty()).then(|| live::overlay(&problems).into()),
            files,
            generation,
            problems,
            warnings,
        }
    }

    /// The events that tell a page what is served now.
    fn events(&self) -> Vec<live::Push> {
        let mut events = vec![live::Push::Build(self.generation)];
        events.extend(self.overlay.clone().map(live::Push::Problems));
        events
    }
}

struct State {
    current: RwLock<Arc<Snapshot>>,
    listeners: live::Listeners,
    /// Live-reload streams open now.
    streams: AtomicUsize,
    hosts: http::Hosts,
    tally: Arc<Tally>,
    /// The editor under `/_edit/`, with `minhbach edit`.
    editor: std::sync::OnceLock<Arc<crate::edit::Editor>>,
}

impl State {
    fn snapshot(&self) -> Arc<Snapshot> {
        Arc::clone(
            &self
                .current
                .read()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        )
    }

    fn replace(&self, next: Snapshot) {
        *self
            .current
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Arc::new(next);
    }
}

/// Runs the preview server until Ctrl-C. `allowed_hosts` are host names to answer besides
/// this computer's own (see `http::Hosts`).
pub fn run(opts: &Options, bind: &str, port: u16, allowed_hosts: &[String]) -> Result<(), Error> {
    run_with(opts, bind, port, allowed_hosts, None)
}

/// [`run`], with the editor when `edit` is `Some((largest upload, do not open a browser))`.
pub(crate) fn run_with(
    opts: &Options,
    bind: &str,
    port: u16,
    allowed_hosts: &[String],
    edit: Option<(usize, bool)>,
) -> Result<(), Error> {
    let listen = format!("{bind}:{port}");
    let cannot = |e: std::io::Error| {
        Error::io(
            Path::new(&listen),
            std::io::Error::other(format!(
                "cannot listen here ({e}); choose another --port or --bind"
            )),
        )
    };
    let listener = TcpListener::bind((bind, port)).map_err(cannot)?;
    let addr = listener.local_addr().map_err(cannot)?;
    let url = format!("http://{}/", browsable(addr));
    let (stop_tx, stop_rx) = mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = stop_tx.send(());
    })
    .map_err(|e| Error::io(Path::new("Ctrl-C"), std::io::Error::other(e)))?;

    // Links and feeds point at the preview, whatever base_url (and its path) site.yaml has.
    let mut opts = opts.clone();
    opts.base_url = Some(url.clone());
    opts.root = std::path::absolute(&opts.root).unwrap_or(opts.root);

    let generation = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(1, |d| d.as_secs());
    let state = Arc::new(State {
        current: RwLock::new(Arc::new(Snapshot::new(
            None,
            generation,
            Vec::new(),
            Vec::new(),
        ))),
        listeners: live::Listeners::default(),
        streams: AtomicUsize::new(0),
        hosts: http::Hosts::new(addr.ip(), allowed_hosts),
        tally: Arc::new(Tally::default()),
        editor: std::sync::OnceLock::new(),
    });
    // One session for the watcher's rebuilds and the editor's checks, one at a time.
    let session = Arc::new(Mutex::new(Session::new(opts.clone())));
    let mut editor_url = None;
    if let Some((max_upload, no_open)) = edit {
        let weak = Arc::downgrade(&state);
        let problems = Box::new(move || {
            weak.upgrade()
                .map(|s| s.snapshot().problems.clone())
                .unwrap_or_default()
        });
        let (weak, shared) = (Arc::downgrade(&state), Arc::clone(&session));
        let check = Box::new(
            move |copy: &Path, changed: &[String]| match weak.upgrade() {
                Some(state) => check_copy(&shared, &state, copy, changed),
                None => Ok(Vec::new()),
            },
        );
        let editor = crate::edit::Editor::new(&opts, addr.port(), max_upload, problems, check)
            .map_err(|e| Error::io(Path::new("edit"), std::io::Error::other(e)))?;
        editor_url = Some((editor.url(), no_open));
        let _ = state.editor.set(Arc::new(editor));
    }
    // Watch before the first build, so an edit made while it runs is not lost.
    let watcher = watch(&opts.root)?;
    rebuild(&session, &state, &[]);

    Arc::clone(&state.tally).report_every_second(MAX_STREAMS);
    {
        let state = Arc::clone(&state);
        let tally = Arc::clone(&state.tally);
        let handler = Arc::new(move |conn: TcpStream| respond::handle(&state, conn));
        std::thread::spawn(move || net::serve(listener, tally, handler));
    }
    {
        let (opts, state) = (opts.clone(), Arc::clone(&state));
        std::thread::spawn(move || rebuild_on_change(&opts, &session, &state, watcher));
    }
    println!("Serving {} at {url}", opts.root.display());
    if !addr.ip().is_loopback() {
        println!(
            "Note: listening on {addr}, so other computers on the network can open this preview, \
by this computer's address; to open it by a name, start with --allowed-host NAME."
        );
    }
    println!(
        "Watching content/, site.yaml, static/, themes/ and templates/. Press Ctrl-C to stop."
    );
    if let Some((url, no_open)) = editor_url {
        println!("Editor (trình biên tập): {url}");
        if !no_open {
            crate::edit::open_browser(&url);
        }
    }
    let _ = stop_rx.recv();
    println!("Stopped.");
    Ok(())
}

/// The address to print and link to: loopback for a wildcard bind.
fn browsable(addr: SocketAddr) -> SocketAddr {
    let ip = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    SocketAddr::new(ip, addr.port())
}

// ---------------------------------------------------------------------------------------
// Building

/// Brings the session's build up to date and swaps the result in; on errors keeps the
/// last good site and shows the diagnostics. `changed` are the source files that
/// triggered it (empty at start).
fn rebuild(session: &Mutex<Session>, state: &State, changed: &[String]) {
    build(session, state, changed, |s| Some(s.rebuild(changed)));
}

/// The rest of the site after a quick look (see `Session::rebuild`): the full build.
fn finish(session: &Mutex<Session>, state: &State) {
    let rest = ["the rest of the site".to_string()];
    build(session, state, &rest, |s| s.owes().then(|| s.finish()));
}

/// Runs `step` on the session (`None`: nothing to do) and swaps its result in.
fn build(
    session: &Mutex<Session>,
    state: &State,
    changed: &[String],
    step: impl FnOnce(&mut Session) -> Option<Result<crate::rebuild::Report, Error>>,
) {
    // In this order everywhere: the editor's change, then the session.
    let _saving = state.editor.get().map(|e| e.hold());
    let mut session = lock(session);
    let started = Instant::now();
    if let Some(result) = step(&mut session) {
        publish(state, result, changed, started, session.files());
    }
}

/// The session; a rebuild that panicked left it as it was, which the next one replaces.
fn lock(session: &Mutex<Session>) -> std::sync::MutexGuard<'_, Session> {
    session.lock().unwrap_or_else(|e| e.into_inner())
}

/// Whether a quick look was shown and the rest of the site is still to build.
fn owes(session: &Mutex<Session>) -> bool {
    lock(session).owes()
}

/// The editor's check of a change: the session builds the copy of the site that has it
/// (see `Session::rebuild_from`); a good build is shown at once (the change is written
/// next), the errors of a bad one go back to the editor and the preview goes back to
/// what it was. A change the preview can show by a quick look (`changed`, one item's
/// front matter) is shown while the copy is built.
fn check_copy(
    session: &Mutex<Session>,
    state: &State,
    copy: &Path,
    changed: &[String],
) -> Result<Vec<Diagnostic>, String> {
    let mut session = lock(session);
    let started = Instant::now();
    if let Ok(Some(report)) = session.quick_from(copy, changed) {
        let files = session.files();
        publish(state, Ok(report), changed, started, files);
    }
    let started = Instant::now();
    match session.rebuild_from(copy) {
        Ok(report) => {
            let files = session.files();
            publish(
                state,
                Ok(report),
                &["the editor's change".to_string()],
                started,
                files,
            );
            Ok(Vec::new())
        }
        Err(e) => {
            // The site as it is on disk, built again: the preview, and the errors the site
            // already had (which the editor does not hold against a change), are current.
            let again = Instant::now();
            let result = session.rebuild(&[]);
            publish(state, result, &[], again, session.files());
            match e {
                Error::Content(diags) => {
                    Ok(diags.into_iter().filter(Diagnostic::is_error).collect())
                }
                other => Err(other.to_string()),
            }
        }
    }
}

/// Swaps a rebuild's result in, or shows its errors over the last good site (`good`, the
/// session's: after a quick look, the build before it).
fn publish(
    state: &State,
    result: Result<crate::rebuild::Report, Error>,
    changed: &[String],
    started: Instant,
    good: Option<Arc<Files>>,
) {
    let ms = started.elapsed().as_millis();
    let prev = state.snapshot();
    match result {
        Ok(report) => {
            let new: Vec<Diagnostic> = report
                .warnings
                .iter()
                .filter(|w| !prev.warnings.contains(w))
                .cloned()
                .collect();
            print_listing(&new);
            let differ = report.changed;
            let recovered = !prev.problems.is_empty();
            if report.current {
                println!(
                    "Up to date{}: the preview already has it (built when the editor checked the change).",
                    describe(changed)
                );
            } else if report.quick {
                println!(
                    "Shown in {ms} ms{}: its {differ} page(s) changed; the rest of the site follows.",
                    describe(changed),
                );
            } else if changed.is_empty() && prev.files.is_none() {
                println!(
                    "Built {} pages, {} files in {ms} ms.",
                    report.pages,
                    report.files.len()
                );
            } else {
                println!(
                    "Rebuilt in {ms} ms{}: {differ} of {} files changed{}.",
                    describe(changed),
                    report.files.len(),
                    if report.partial {
                        " (text only: just those pages and search)"
                    } else {
                        ""
                    }
                );
            }
            if recovered {
                println!("The errors are fixed; open pages reload.");
            }
            let reload = differ > 0 || recovered || prev.files.is_none();
            let generation = prev.generation + u64::from(reload);
            state.replace(Snapshot::new(
                Some(report.files),
                generation,
                Vec::new(),
                report.warnings,
            ));
            if reload {
                state.listeners.send(&live::Push::Build(generation));
            }
        }
        Err(e) => {
            let problems = match e {
                Error::Content(diags) => diags,
                other => vec![Diagnostic::error(Code::Io, ".", other.to_string())
                    .hint("check that the site folder exists and can be read")],
            };
            print_listing(&problems);
            let errors = problems.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "{errors} error(s) after {ms} ms{}; {}",
                describe(changed),
                if prev.files.is_some() {
                    "still serving the last good build, with the errors shown on every page."
                } else {
                    "every page shows them until they are fixed."
                }
            );
            // After a quick look the last good site is the one before it: open pages
            // reload to it.
            let back = good.filter(|g| !prev.files.as_ref().is_some_and(|p| Arc::ptr_eq(p, g)));
            let generation = prev.generation + u64::from(back.is_some());
            let next = Snapshot::new(
                back.or_else(|| prev.files.clone()),
                generation,
                problems,
                prev.warnings.clone(),
            );
            let overlay = next.overlay.clone();
            state.replace(next);
            if generation != prev.generation {
                state.listeners.send(&live::Push::Build(generation));
            } else if let Some(overlay) = overlay {
                state.listeners.send(&live::Push::Problems(overlay));
            }
        }
    }
}

/// Prints diagnostics as `check` does: the first [`crate::error::SHOWN`], then a count.
fn print_listing(diags: &[Diagnostic]) {
    let shown = crate::error::shown(diags);
    for d in &shown {
        eprintln!("{d}\n");
    }
    if let Some(more) = crate::error::more(diags, &shown) {
        eprintln!("{more}\n");
    }
}

/// ` (content/a.vi.md and 2 more)`: what triggered a rebuild.
fn describe(changed: &[String]) -> String {
    match changed {
        [] => String::new(),
        [one] => format!(" ({one})"),
        [first, rest @ ..] => format!(" ({first} and {} more)", rest.len()),
    }
}

// ---------------------------------------------------------------------------------------
// Watching

/// The file watcher and where it sends its events.
type Watcher = (
    notify::RecommendedWatcher,
    mpsc::Receiver<notify::Result<notify::Event>>,
);

/// Watches the site folder itself (for `site.yaml` and folders created later) and each
/// source folder recursively, but not `public/` or anything else in the site folder.
fn watch(root: &Path) -> Result<Watcher, Error> {
    let (tx, rx) = mpsc::channel();
    let fail =
        |e: notify::Error| Error::io(root, std::io::Error::other(format!("cannot watch: {e}")));
    let mut watcher = notify::recommended_watcher(tx).map_err(fail)?;
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(fail)?;
    for dir in WATCHED_DIRS {
        let path = root.join(dir);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(fail)?;
        }
    }
    Ok((watcher, rx))
}

/// Waits for changes to the sources and rebuilds once per burst of them: after the first
/// change, until the sources have been quiet for [`DEBOUNCE`] (or [`DEBOUNCE_MAX`] passed).
fn rebuild_on_change(
    opts: &Options,
    session: &Mutex<Session>,
    state: &State,
    (mut watcher, rx): Watcher,
) {
    let mut changed: Vec<String> = Vec::new();
    loop {
        // After a quick look, the rest of the site once the sources are quiet again.
        let first = if owes(session) {
            match rx.recv_timeout(SETTLE) {
                Ok(event) => event,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    finish(session, state);
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
        } else {
            match rx.recv() {
                Ok(event) => event,
                Err(_) => return,
            }
        };
        note(opts, &mut watcher, first, &mut changed);
        if changed.is_empty() {
            continue;
        }
        let deadline = Instant::now() + DEBOUNCE_MAX;
        while Instant::now() < deadline {
            match rx.recv_timeout(DEBOUNCE) {
                Ok(event) => note(opts, &mut watcher, event, &mut changed),
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
        }
        changed.sort();
        rebuild(session, state, &changed);
        changed.clear();
    }
}

/// Adds the source files an event is about to `changed`, skipping reads: the build's own
/// reads of the sources must not trigger another build.
fn note(
    opts: &Options,
    watcher: &mut notify::RecommendedWatcher,
    event: notify::Result<notify::Event>,
    changed: &mut Vec<String>,
) {
    use notify::event::{AccessKind, AccessMode, EventKind};
    let event = match event {
        Ok(e) => e,
        Err(e) => {
            eprintln!("warning: watching the site: {e}");
            return;
        }
    };
    match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => {}
        EventKind::Access(_) => return,
        _ => {}
    }
    for path in &event.paths {
        let Some(rel) = source_path(&opts.root, path) else {
            continue;
        };
        // A source folder created (or replaced) after the start: watch it too.
        if WATCHED_DIRS.contains(&rel.as_str()) && path.is_dir() {
            let _ = watcher.watch(path, RecursiveMode::Recursive);
        }
        if !changed.contains(&rel) {
            changed.push(rel);
        }
    }
}

/// The `/`-separated path of a changed source file, or `None` for anything a build does
/// not read: other files of the site folder, editor swap and backup files.
fn source_path(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let first = parts.first()?;
    if !(first == WATCHED_FILE || WATCHED_DIRS.contains(&first.as_str())) {
        return None;
    }
    let name = parts.last()?;
    let scratch = name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx");
    (!scratch).then(|| parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sources_trigger_rebuilds() {
        let root = Path::new("/site");
        let rel = |p: &str| source_path(root, &root.join(p));
        assert_eq!(rel("site.yaml").as_deref(), Some("site.yaml"));
        assert_eq!(
            rel("content/campaigns/a.vi.md").as_deref(),
            Some("content/campaigns/a.vi.md")
        );
        assert_eq!(rel("templates").as_deref(), Some("templates"));
        for ignored in [
            "public/index.html",
            ".public.minhbach-new/x",
            "site.yaml~",
            "content/.a.vi.md.swp",
            "content/a.vi.md~",
            "README.md",
        ] {
            assert_eq!(rel(ignored), None, "{ignored}");
        }
    }

    #[test]
    fn says_what_triggered_a_rebuild() {
        assert_eq!(describe(&[]), "");
        assert_eq!(describe(&["a".into()]), " (a)");
        assert_eq!(
            describe(&["a".into(), "b".into(), "c".into()]),
            " (a and 2 more)"
        );
    }
}
