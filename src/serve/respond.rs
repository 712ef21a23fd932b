//! Serve, answering: one request read from a connection and answered from the current
//! snapshot, its host checked first (`http::Hosts`). Bodies are written from the built
//! site's bytes in parts (a page, the snapshot's script and overlay, the rest of the page),
//! never copied per request.

use super::net::{self, Dropped};
use super::{http, live, Snapshot, State, MAX_STREAMS, POLL, STREAM_RETRY};
use std::net::TcpStream;
use std::sync::atomic::Ordering;
use std::sync::Arc;

/// A piece of a response body: a range of shared bytes (a built file, the snapshot's
/// script and overlay), so that nothing is copied per request.
#[derive(Clone)]
struct Part {
    bytes: Arc<Vec<u8>>,
    range: std::ops::Range<usize>,
}

impl Part {
    fn whole(bytes: Arc<Vec<u8>>) -> Part {
        Part {
            range: 0..bytes.len(),
            bytes,
        }
    }

    fn as_slice(&self) -> &[u8] {
        &self.bytes[self.range.clone()]
    }
}

/// An answer to one request.
struct Reply {
    status: u16,
    content_type: &'static str,
    /// Headers besides Content-Type, Content-Length and the ones every answer has.
    headers: Vec<(&'static str, String)>,
    body: Vec<Part>,
}

impl Reply {
    fn text(status: u16, text: &str) -> Reply {
        Reply {
            status,
            content_type: "text/plain; charset=utf-8",
            headers: Vec::new(),
            body: vec![Part::whole(Arc::new(format!("{text}\n").into_bytes()))],
        }
    }

    fn with(mut self, name: &'static str, value: impl Into<String>) -> Reply {
        self.headers.push((name, value.into()));
        self
    }
}

/// Reads one request from a connection and answers it.
pub(super) fn handle(state: &State, mut conn: TcpStream) {
    let (head, rest) = match net::read_head(&mut conn) {
        Ok(parts) => parts,
        Err(net::HeadError::TooLarge) => {
            state.tally.note(Dropped::HeadTooLarge);
            let text = format!(
                "Request header fields too large: the preview reads at most {} KB.",
                net::MAX_HEAD / 1024
            );
            return send(state, &mut conn, &Reply::text(431, &text), false);
        }
        Err(net::HeadError::TimedOut) => {
            state.tally.note(Dropped::HeadTimeout);
            let text = "Request timeout: no whole request arrived in time.";
            return send(state, &mut conn, &Reply::text(408, text), false);
        }
        Err(net::HeadError::Closed) => return,
    };
    let Some(request) = http::parse_request(&head) else {
        let reply = Reply::text(400, "Bad request: not an HTTP/1.1 request.");
        return send(state, &mut conn, &reply, false);
    };
    let host = request.host.as_deref().unwrap_or("");
    let origin_ok = request
        .origin
        .as_deref()
        .is_none_or(|o| state.hosts.allows_origin(o));
    if !state.hosts.allows(host) || !origin_ok {
        state.tally.note_with(Dropped::Host, host);
        return send(state, &mut conn, &refuse_host(host), false);
    }
    if let Some(editor) = state.editor.get() {
        if crate::edit::Editor::owns(&request.target) {
            return edit(state, editor, conn, &request, rest);
        }
    }
    let is_head = match request.method.as_str() {
        "GET" => false,
        "HEAD" => true,
        _ => {
            let reply = Reply::text(405, "Method not allowed: the preview only reads.")
                .with("Allow", "GET, HEAD");
            return send(state, &mut conn, &reply, false);
        }
    };
    let (path, query) = match request.target.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (request.target.as_str(), None),
    };
    if path == live::EVENTS_PATH {
        if is_head {
            let mut reply = Reply::text(200, "");
            reply.content_type = "text/event-stream";
            return send(state, &mut conn, &reply, true);
        }
        return events(state, conn, query == Some("poll"));
    }
    let reply = answer(&state.snapshot(), &request.target);
    send(state, &mut conn, &reply, is_head);
}

/// A request to the editor: admitted on its head, its body read within the editor's
/// limit, then answered.
fn edit(
    state: &State,
    editor: &crate::edit::Editor,
    mut conn: TcpStream,
    request: &http::Request,
    rest: Vec<u8>,
) {
    let head_only = request.method == "HEAD";
    let reply = |r: crate::edit::Response| Reply {
        status: r.status,
        content_type: r.content_type,
        headers: r.headers,
        body: vec![Part::whole(Arc::new(r.body))],
    };
    if let Err(refused) = editor.admit(request) {
        return send(state, &mut conn, &reply(refused), head_only);
    }
    let mut body = Vec::new();
    if request.method == "POST" {
        if request.header("transfer-encoding").is_some() {
            let r = crate::edit::Response::text(411, "Send the body with a Content-Length.");
            return send(state, &mut conn, &reply(r), false);
        }
        let Some(len) = request
            .header("content-length")
            .and_then(|v| v.parse::<usize>().ok())
        else {
            let r = crate::edit::Response::text(411, "Send the body with a Content-Length.");
            return send(state, &mut conn, &reply(r), false);
        };
        let limit = editor.max_body(&request.target);
        if len > limit {
            let r = crate::edit::Response::json(
                413,
                &serde_json::json!({ "error": format!(
                    "Tệp quá lớn: tối đa {} MB / The file is too large: at most {} MB",
                    limit >> 20,
                    limit >> 20
                ) }),
            );
            return send(state, &mut conn, &reply(r), false);
        }
        body = match net::read_body(&mut conn, rest, len) {
            Ok(b) => b,
            Err(_) => {
                let r =
                    crate::edit::Response::text(408, "The request body did not arrive in time.");
                return send(state, &mut conn, &reply(r), false);
            }
        };
    }
    let answer = editor.handle(request, &body);
    send(state, &mut conn, &reply(answer), head_only);
}

/// 403 for a host name the preview does not answer to, saying what to do if it is yours.
fn refuse_host(host: &str) -> Reply {
    let host = crate::error::escape_controls(host);
    Reply::text(
        403,
        &format!(
            "Forbidden: this preview answers only to localhost, 127.0.0.1 and [::1] (and the address it listens on), \
so that no other web site can read it through its own name (DNS rebinding). This request was for \"{host}\". \
If you opened the preview under this name on purpose, restart it with: minhbach serve --allowed-host NAME"
        ),
    )
}

/// The live-reload events: a stream while fewer than [`MAX_STREAMS`] are open, else (and
/// for a poll) the latest events at once, with when to ask again.
fn events(state: &State, mut conn: TcpStream, poll: bool) {
    let taken = !poll
        && state
            .streams
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
                (n < MAX_STREAMS).then_some(n + 1)
            })
            .is_ok();
    // Subscribe before reading the snapshot: a rebuild in between is sent twice rather
    // than missed.
    let rx = taken.then(|| state.listeners.subscribe());
    let first = state.snapshot().events();
    let Some(rx) = rx else {
        if !poll {
            state.tally.note(Dropped::Stream);
        }
        let answer = live::once(&first, if poll { POLL } else { STREAM_RETRY });
        let _ = net::write_parts(&mut conn, &[answer.as_bytes()], &state.tally);
        return;
    };
    let _ = conn.set_write_timeout(Some(net::WRITE_TIMEOUT));
    live::stream(conn, &first, &rx);
    state.streams.fetch_sub(1, Ordering::SeqCst);
}

/// Writes a reply (only its head for HEAD requests).
fn send(state: &State, conn: &mut TcpStream, reply: &Reply, head_only: bool) {
    let length: usize = reply.body.iter().map(|p| p.range.len()).sum();
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {length}\r\n\
Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        reply.status,
        reason(reply.status),
        reply.content_type,
    );
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let mut parts = vec![head.as_bytes()];
    if !head_only {
        parts.extend(reply.body.iter().map(Part::as_slice));
    }
    if net::write_parts(conn, &parts, &state.tally).is_ok() && reply.status >= 400 {
        // The request may not have been read to its end.
        net::close_gently(conn);
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        303 => "See Other",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        411 => "Length Required",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        501 => "Not Implemented",
        431 => "Request Header Fields Too Large",
        _ => "Internal Server Error",
    }
}

/// What the current snapshot says about a request-target.
fn answer(snap: &Snapshot, target: &str) -> Reply {
    let Some(files) = &snap.files else {
        return Reply {
            status: 500,
            content_type: "text/html; charset=utf-8",
            headers: Vec::new(),
            body: vec![Part::whole(Arc::new(live::error_page(
                snap.generation,
                &snap.problems,
            )))],
        };
    };
    let file = |status: u16, key: &str| {
        // Read from the preview's store: a file removed under it (the folder deleted
        // by hand) is an error of the preview, not a missing page.
        let Some(bytes) = files.read(key) else {
            return Reply::text(
                500,
                "The preview could not read this file; save any file to rebuild the site.",
            );
        };
        let bytes = Arc::new(bytes);
        let body = if http::is_html(key) {
            let at = live::insertion_point(&bytes);
            vec![
                Part {
                    bytes: Arc::clone(&bytes),
                    range: 0..at,
                },
                Part::whole(Arc::clone(&snap.extra)),
                Part {
                    range: at..bytes.len(),
                    bytes,
                },
            ]
        } else {
            vec![Part::whole(bytes)]
        };
        Reply {
            status,
            content_type: http::content_type(key),
            headers: Vec::new(),
            body,
        }
    };
    match http::resolve(files, target) {
        http::Target::File(key) => file(200, &key),
        http::Target::Redirect(to) => {
            Reply::text(301, &format!("Moved to {to}")).with("Location", to)
        }
        http::Target::NotFound(Some(key)) => file(404, &key),
        http::Target::NotFound(None) => Reply::text(404, "Not found."),
        http::Target::BadRequest => Reply::text(400, "Bad request: this path is not allowed."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Code, Diagnostic};

    fn snapshot(problems: Vec<Diagnostic>) -> Snapshot {
        let files = [
            ("index.html", "<html><body>Trang chủ</body></html>"),
            ("404.html", "<html><body>Không tìm thấy</body></html>"),
            ("style.css", "body{}"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.as_bytes()));
        let files = crate::rebuild::Files::from_bytes(crate::output::store::scratch(), files)
            .expect("stored");
        Snapshot::new(Some(Arc::new(files)), 5, problems, Vec::new())
    }

    /// The body of a reply, its parts put together.
    fn body(reply: &Reply) -> String {
        let bytes: Vec<u8> = reply
            .body
            .iter()
            .flat_map(|p| p.as_slice().to_vec())
            .collect();
        String::from_utf8(bytes).expect("utf-8")
    }

    #[test]
    fn html_gets_the_script_and_assets_stay_byte_for_byte() {
        let snap = snapshot(Vec::new());
        let page = answer(&snap, "/");
        assert_eq!(page.status, 200);
        let html = body(&page);
        assert!(html.contains(live::EVENTS_PATH) && !html.contains("id=\"minhbach-problems\""));
        assert!(
            html.starts_with("<html><body>Trang chủ<script>")
                && html.ends_with("</script></body></html>")
        );
        let css = answer(&snap, "/style.css");
        assert_eq!(body(&css), "body{}");
        let missing = answer(&snap, "/khong-co/");
        assert_eq!(missing.status, 404);
        assert!(body(&missing).contains("Không tìm thấy"));
    }

    #[test]
    fn errors_show_over_the_last_good_pages_and_before_any_build() {
        let problem = Diagnostic::error(Code::UnknownReference, "content/a.vi.md", "broken");
        let snap = snapshot(vec![problem.clone()]);
        let html = body(&answer(&snap, "/"));
        assert!(html.contains("Trang chủ") && html.contains("id=\"minhbach-problems\""));
        assert!(html.contains("content/a.vi.md: error[MB0301]: broken"));
        let none = Snapshot::new(None, 5, vec![problem], Vec::new());
        let first = answer(&none, "/style.css");
        assert_eq!(first.status, 500);
        assert!(body(&first).contains("content/a.vi.md: error[MB0301]: broken"));
    }
}
