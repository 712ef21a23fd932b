//! The editor in the browser (`minhbach edit`): the pages and the JSON API under `/_edit/`
//! of the live preview, and every check a request passes before it may read or change the
//! site. It owns who may edit (token, cookie, Origin, CSRF), which files an edit may touch
//! (`paths`), and the edits themselves (`api`); saving goes through `content::write` and is
//! validated by the same code as `check` (`validate`) before anything is written.
//!
//! Why this many checks for a tool on the editor's own computer: any web page the editor
//! has open can send requests to `127.0.0.1`. The preview already answers only loopback
//! host names (`serve::http::Hosts`, against DNS rebinding); the editor further needs a
//! secret a page elsewhere cannot know (the token in the address printed at launch, kept
//! afterwards in an `HttpOnly; SameSite=Strict` cookie that is only sent by our own pages),
//! and for a write an `Origin` that is exactly this editor and the CSRF token of the page.

mod api;
mod entries;
mod follow;
mod import;
mod labels;
mod paths;
mod site;
mod ui;
mod validate;

use crate::serve::http::Request;
use crate::Options;
use std::path::PathBuf;
use std::sync::Mutex;

pub use import::{Importer, Spreadsheet};

/// Where the editor lives in the preview.
pub const PREFIX: &str = "/_edit/";
/// The cookie that carries the launch token after the first visit.
const COOKIE: &str = "minhbach_edit";
/// The header a write carries the page's CSRF token in.
pub const CSRF_HEADER: &str = "x-minhbach-csrf";
/// Largest upload by default (a photo from a phone is 3–12 MB, a signed scan a few MB).
pub const MAX_UPLOAD: usize = 20 * 1024 * 1024;
/// Largest JSON request (a form with its body).
const MAX_JSON: usize = 2 * 1024 * 1024;

/// Headers on every answer of the editor: nothing loaded from elsewhere, no inline
/// script, never framed, and no address (the token) sent on as a Referer.
const SECURITY_HEADERS: [(&str, &str); 4] = [
    (
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; \
form-action 'self'; frame-ancestors 'none'",
    ),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
];

/// An answer of the editor, for `serve::respond` to send.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Response {
        let mut headers: Vec<(&'static str, String)> = SECURITY_HEADERS
            .iter()
            .map(|(n, v)| (*n, (*v).to_string()))
            .collect();
        headers.push(("Cache-Control", "no-store".into()));
        Response {
            status,
            content_type,
            headers,
            body: body.into(),
        }
    }

    pub fn text(status: u16, text: &str) -> Response {
        Response::new(status, "text/plain; charset=utf-8", format!("{text}\n"))
    }

    pub fn json(status: u16, value: &serde_json::Value) -> Response {
        Response::new(status, "application/json", value.to_string())
    }

    fn with(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.headers.push((name, value.into()));
        self
    }
}

/// The editor of one launch: the site it edits and its secrets.
pub struct Editor {
    /// The site folder, resolved (absolute, links followed).
    root: PathBuf,
    opts: Options,
    token: String,
    csrf: String,
    /// The only `Origin`s a write may come from.
    origins: [String; 2],
    max_upload: usize,
    /// One change at a time: a validation sees the files it will write next to.
    writing: Mutex<()>,
    /// The errors of the latest preview build (empty when it succeeded), for the list.
    problems: Box<dyn Fn() -> Vec<crate::error::Diagnostic> + Send + Sync>,
    /// Builds a copy of the site (the site with a change, not yet written) and returns its
    /// errors: the preview's own build (`serve::check_copy`), so a good change is already
    /// in the preview when it is written.
    check: Box<Check>,
    importer: Box<dyn Importer>,
}

/// See [`Editor::check`]: called with the folder of the would-be site and the
/// site-relative paths the change writes or removes there.
pub type Check = dyn Fn(&std::path::Path, &[String]) -> Result<Vec<crate::error::Diagnostic>, String>
    + Send
    + Sync;

/// A random secret of 32 bytes from the system, as 64 hex digits.
fn secret() -> Result<String, String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| format!("no randomness from the system: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Compares secrets in time that does not depend on where they differ.
fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

impl Editor {
    /// An editor of the site `opts.root` answering on `port`; `problems` tells the
    /// current build's errors.
    pub fn new(
        opts: &Options,
        port: u16,
        max_upload: usize,
        problems: Box<dyn Fn() -> Vec<crate::error::Diagnostic> + Send + Sync>,
        check: Box<Check>,
    ) -> Result<Editor, String> {
        let root = crate::paths::resolve(&opts.root).map_err(|e| e.to_string())?;
        Ok(Editor {
            opts: Options {
                root: root.clone(),
                ..opts.clone()
            },
            root,
            token: secret()?,
            csrf: secret()?,
            origins: [
                format!("http://127.0.0.1:{port}"),
                format!("http://localhost:{port}"),
            ],
            max_upload,
            writing: Mutex::new(()),
            problems,
            check,
            importer: Box::new(Spreadsheet),
        })
    }

    /// Waits for the change being saved, if any, to be written, and holds off the next:
    /// one change at a time, and the preview's rebuilds take it too, so none runs between
    /// the check of a save (which is the preview's build of the site with the change) and
    /// its write, which would build the site without the change and then again with it.
    pub fn hold(&self) -> std::sync::MutexGuard<'_, ()> {
        self.writing
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The address to open: it carries the token once.
    pub fn url(&self) -> String {
        format!("{}{PREFIX}?token={}", self.origins[0], self.token)
    }

    /// Whether `target` is the editor's.
    pub fn owns(target: &str) -> bool {
        target == "/_edit" || target.starts_with(PREFIX) || target.starts_with("/_edit?")
    }

    /// The largest body a request to `target` may carry.
    pub fn max_body(&self, target: &str) -> usize {
        if target.starts_with("/_edit/api/upload") {
            self.max_upload
        } else {
            MAX_JSON
        }
    }

    /// Checks a request head before its body is read: `Err` is the answer that refuses it.
    pub fn admit(&self, req: &Request) -> Result<(), Response> {
        let (path, query) = split_target(&req.target);
        let is_write = req.method != "GET" && req.method != "HEAD";
        // The first visit: the token in the address becomes a cookie, and the address
        // without it replaces this one (history, bookmarks, screenshots).
        if !is_write && (path == PREFIX || path == "/_edit") {
            if let Some(t) = query_param(query, "token") {
                if same_secret(&t, &self.token) {
                    return Err(Response::text(
                        303,
                        "Đang mở trình biên tập… / Opening the editor…",
                    )
                    .with("Location", PREFIX)
                    .with(
                        "Set-Cookie",
                        format!(
                            "{COOKIE}={}; Path={PREFIX}; HttpOnly; SameSite=Strict",
                            self.token
                        ),
                    ));
                }
            }
        }
        let cookie = req
            .headers
            .iter()
            .filter(|(n, _)| n == "cookie")
            .flat_map(|(_, v)| v.split(';'))
            .filter_map(|c| c.trim().split_once('='))
            .any(|(n, v)| n == COOKIE && same_secret(v, &self.token));
        if !cookie {
            return Err(Response::new(
                403,
                "text/html; charset=utf-8",
                ui::forbidden(),
            ));
        }
        if is_write {
            if req.method != "POST" {
                return Err(Response::text(405, "Method not allowed.").with("Allow", "GET, POST"));
            }
            let origin_ok = req
                .origin
                .as_deref()
                .is_some_and(|o| self.origins.iter().any(|ok| ok == o));
            if !origin_ok {
                return Err(Response::text(
                    403,
                    "Forbidden: a change must come from the editor's own page (Origin).",
                ));
            }
            let csrf_ok = req
                .header(CSRF_HEADER)
                .is_some_and(|t| same_secret(t, &self.csrf));
            if !csrf_ok {
                return Err(Response::text(
                    403,
                    "Forbidden: the page's CSRF token is missing or wrong; reload the editor.",
                ));
            }
        }
        Ok(())
    }

    /// Answers an admitted request.
    pub fn handle(&self, req: &Request, body: &[u8]) -> Response {
        let (path, query) = split_target(&req.target);
        let lang = query_param(query, "lang").unwrap_or_else(|| "vi".into());
        let lang = if lang == "en" { "en" } else { "vi" };
        match (req.method.as_str(), path) {
            ("GET" | "HEAD", "/_edit" | PREFIX) => Response::new(
                200,
                "text/html; charset=utf-8",
                ui::page(&self.csrf, "list", lang),
            ),
            ("GET" | "HEAD", "/_edit/item") => Response::new(
                200,
                "text/html; charset=utf-8",
                ui::page(&self.csrf, "item", lang),
            ),
            ("GET" | "HEAD", "/_edit/trash") => Response::new(
                200,
                "text/html; charset=utf-8",
                ui::page(&self.csrf, "trash", lang),
            ),
            ("GET" | "HEAD", p) if p.starts_with("/_edit/assets/") => ui::asset(p),
            ("GET", p) | ("POST", p) if p.starts_with("/_edit/api/") => api::route(
                self,
                &req.method,
                &p["/_edit/api/".len()..],
                query,
                body,
                lang,
            ),
            _ => Response::text(404, "Not found."),
        }
    }
}

/// `/a?b` → (`/a`, `b`).
fn split_target(target: &str) -> (&str, &str) {
    target.split_once('?').unwrap_or((target, ""))
}

/// The decoded value of `name` in a query string.
fn query_param(query: &str, name: &str) -> Option<String> {
    query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == name)
        .and_then(|(_, v)| percent_decode(v))
}

/// Percent-decoding of a query value (`+` is a space); `None` if not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// Starts the preview with the editor, prints its address and opens it in the system's
/// browser unless `no_open`.
pub fn run(
    opts: &Options,
    port: u16,
    no_open: bool,
    max_upload: usize,
) -> Result<(), crate::error::Error> {
    let mut opts = opts.clone();
    // New items are drafts: the editor's preview shows them.
    opts.drafts = true;
    crate::serve::run_with(&opts, "127.0.0.1", port, &[], Some((max_upload, no_open)))
}

/// Opens `url` with the system's browser; says so and goes on if there is none.
pub fn open_browser(url: &str) {
    let tries: &[(&str, &[&str])] = if cfg!(target_os = "windows") {
        &[("cmd", &["/C", "start", ""])]
    } else if cfg!(target_os = "macos") {
        &[("open", &[])]
    } else {
        &[("xdg-open", &[])]
    };
    for (program, args) in tries {
        let started = std::process::Command::new(program)
            .args(*args)
            .arg(url)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        if started.is_ok() {
            return;
        }
    }
    println!("(No browser could be opened: open the address above yourself.)");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd") && !same_secret("abc", "ab"));
        let (a, b) = (secret().expect("random"), secret().expect("random"));
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
    }

    #[test]
    fn query_values_are_decoded() {
        assert_eq!(
            query_param("a=1&path=content%2Fx.vi.md", "path").as_deref(),
            Some("content/x.vi.md")
        );
        assert_eq!(query_param("q=a+b", "q").as_deref(), Some("a b"));
        assert_eq!(query_param("q=%zz", "q"), None);
        assert!(Editor::owns("/_edit/api/items") && !Editor::owns("/_editor"));
    }
}
