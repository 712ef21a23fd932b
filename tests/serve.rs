//! Integration tests for `minhbach serve`: the real binary on a free loopback port, spoken
//! to with a small hand-written HTTP/1.1 client over `TcpStream`. Every wait is bounded and
//! every server is killed when its test ends, passed or failed.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[path = "support/http.rs"]
mod http;
use http::{parse, Reply};

const NOW: &str = "2024-01-01";
/// Long enough for a debug build of the fixture on a busy two-core CI machine.
const PATIENCE: Duration = Duration::from_secs(60);

fn fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.expect("walk fixture");
        let dest = dir
            .path()
            .join(entry.path().strip_prefix(&from).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &dest).expect("copy");
        }
    }
    dir
}

fn write(root: &Path, path: &str, text: &str) {
    let p = root.join(path);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, text).expect("write");
}

/// Replaces `from` (which must be there) with `to` in a file of the site.
fn edit(root: &Path, path: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(root.join(path)).expect("read");
    assert!(text.contains(from), "{path} has no {from:?}");
    write(root, path, &text.replacen(from, to, 1));
}

/// A running `minhbach serve`; killed on drop so a failing test leaves no process behind.
struct Server {
    child: Child,
    port: u16,
    /// Everything the server printed, stdout and stderr interleaved.
    log: Arc<Mutex<String>>,
    site: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts the server on a copy of `site` and waits until it answers.
    fn start(site: tempfile::TempDir) -> Server {
        Server::start_with(site, &[])
    }

    /// [`Server::start`] with more arguments for `minhbach serve`.
    fn start_with(site: tempfile::TempDir, extra: &[&str]) -> Server {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free loopback port")
            .port();
        let mut child = Command::new(env!("CARGO_BIN_EXE_minhbach"))
            .args(["serve", "--port", &port.to_string(), "--now", NOW])
            .args(extra)
            .arg("--root")
            .arg(site.path())
            .env_remove("SOURCE_DATE_EPOCH")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start minhbach serve");
        let log = Arc::new(Mutex::new(String::new()));
        let out = child.stdout.take().expect("piped stdout");
        let err = child.stderr.take().expect("piped stderr");
        collect(out, &log);
        collect(err, &log);
        let mut server = Server {
            child,
            port,
            log,
            site,
        };
        server.wait_for("the server to answer", |s| s.get("/").ok().map(|_| ()));
        server
    }

    fn root(&self) -> &Path {
        self.site.path()
    }

    fn log(&self) -> String {
        self.log.lock().expect("log lock").clone()
    }

    fn get(&self, path: &str) -> std::io::Result<Reply> {
        request(self.port, "GET", path)
    }

    /// GET that must succeed at the socket level.
    fn fetch(&self, path: &str) -> Reply {
        self.get(path)
            .unwrap_or_else(|e| panic!("GET {path}: {e}\nserver said:\n{}", self.log()))
    }

    /// Polls `check` until it gives a value, for at most [`PATIENCE`].
    fn wait_for<T>(&mut self, what: &str, mut check: impl FnMut(&Server) -> Option<T>) -> T {
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            if let Some(v) = check(self) {
                return v;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "the server exited ({status}) while waiting for {what}:\n{}",
                    self.log()
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!(
            "gave up after {PATIENCE:?} waiting for {what}; server said:\n{}",
            self.log()
        );
    }
}

fn collect(stream: impl Read + Send + 'static, log: &Arc<Mutex<String>>) {
    let log = Arc::clone(log);
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            let mut l = log.lock().expect("log lock");
            l.push_str(&line);
            l.push('\n');
        }
    });
}

fn connect(port: u16) -> std::io::Result<TcpStream> {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let s = TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
    s.set_read_timeout(Some(Duration::from_secs(20)))?;
    s.set_write_timeout(Some(Duration::from_secs(5)))?;
    Ok(s)
}

/// One request on its own connection, written by hand, read to the end.
fn request(port: u16, method: &str, target: &str) -> std::io::Result<Reply> {
    raw_request(
        port,
        &format!(
            "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
        ),
    )
}

/// Sends `head` as it is on its own connection and reads the answer to the end.
fn raw_request(port: u16, head: &str) -> std::io::Result<Reply> {
    let mut s = connect(port)?;
    s.write_all(head.as_bytes())?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    parse(&raw).ok_or_else(|| std::io::Error::other(format!("not HTTP: {raw:?}")))
}

/// Opens the live-reload stream and returns it after its response head.
fn open_events(port: u16) -> (Reply, TcpStream) {
    let mut s = connect(port).expect("connect");
    write!(
        s,
        "GET /__minhbach/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .expect("send");
    let mut raw = Vec::new();
    let mut byte = [0u8; 1];
    while !raw.ends_with(b"\r\n\r\n") {
        assert!(raw.len() < 4096, "no end of headers: {raw:?}");
        s.read_exact(&mut byte).expect("read event stream head");
        raw.push(byte[0]);
    }
    (parse(&raw).expect("HTTP head"), s)
}

/// Reads the event stream until `needle` has arrived (bounded by the socket's timeout).
fn read_events_until(s: &mut TcpStream, needle: &str) -> String {
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = Instant::now() + PATIENCE;
    while !String::from_utf8_lossy(&seen).contains(needle) {
        assert!(Instant::now() < deadline, "no {needle:?} in {seen:?}");
        let n = s.read(&mut buf).expect("read events");
        assert!(
            n > 0,
            "event stream closed before {needle:?}: {:?}",
            String::from_utf8_lossy(&seen)
        );
        seen.extend_from_slice(&buf[..n]);
    }
    String::from_utf8_lossy(&seen).into_owned()
}

const OVERLAY: &str = "id=\"minhbach-problems\"";

#[test]
fn serves_pages_and_assets_with_their_content_types_and_pretty_urls() {
    let site = fixture("basic");
    write(
        site.path(),
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    let server = Server::start(site);
    for (path, content_type) in [
        ("/", "text/html; charset=utf-8"),
        ("/phong-trao/", "text/html; charset=utf-8"),
        ("/en/campaigns/an-toan/", "text/html; charset=utf-8"),
        ("/phong-trao/an-toan/index.html", "text/html; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/search.js", "text/javascript; charset=utf-8"),
        ("/sitemap.xml", "application/xml"),
        ("/en/atom.xml", "application/atom+xml"),
        ("/data/campaigns.json", "application/json"),
        ("/en/data/campaigns.csv", "text/csv; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/logo.svg", "image/svg+xml"),
        ("/search-index/en/meta.json", "application/json"),
    ] {
        let r = server.fetch(path);
        assert_eq!(r.status, 200, "{path}: {r:?}");
        assert_eq!(r.content_type(), content_type, "{path}");
    }
    // Pages carry the live-reload script; other files are served byte for byte.
    let home = server.fetch("/");
    assert!(home.body.contains("/__minhbach/events"), "{}", home.body);
    assert!(!home.body.contains(OVERLAY));
    let css = server.fetch("/style.css").body;
    assert!(!css.contains("__minhbach"));
    // `build` output never has the script.
    let built = Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(["build", "--now", NOW, "--root"])
        .arg(server.root())
        .output()
        .expect("run build");
    assert!(built.status.success());
    let index = std::fs::read_to_string(server.root().join("public/index.html")).expect("index");
    assert!(!index.contains("__minhbach"));

    // A folder without its slash redirects; the query survives.
    let r = server.fetch("/phong-trao?x=1");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("location"), Some("/phong-trao/?x=1"));
    // Unknown paths: the 404 page of their language, with status 404.
    let vi = server.fetch("/khong-co-trang-nay/");
    assert_eq!(vi.status, 404);
    assert!(vi.body.contains("<html lang=\"vi\">"), "{}", vi.body);
    let en = server.fetch("/en/no-such-page/");
    assert_eq!(en.status, 404);
    assert!(en.body.contains("<html lang=\"en\">"), "{}", en.body);
    // HEAD: the headers of GET, no body.
    let head = request(server.port, "HEAD", "/phong-trao/").expect("HEAD");
    assert_eq!(head.status, 200);
    assert_eq!(head.content_type(), "text/html; charset=utf-8");
    assert!(head.body.is_empty());
    assert_eq!(request(server.port, "POST", "/").expect("POST").status, 405);
    // Links point at the preview, not at the site's real address.
    assert!(
        home.body
            .contains(&format!("http://127.0.0.1:{}/", server.port)),
        "{}",
        home.body
    );
    let log = server.log();
    assert!(
        log.contains(&format!("at http://127.0.0.1:{}/", server.port)),
        "{log}"
    );
}

#[test]
fn never_serves_anything_outside_the_built_site() {
    let server = Server::start(fixture("basic"));
    let secret = std::fs::read_to_string(server.root().join("site.yaml")).expect("site.yaml");
    assert!(secret.contains("base_url"));
    for path in [
        "/site.yaml",
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E/site.yaml",
        "/..%2fsite.yaml",
        "/%2e%2e%2fsite.yaml",
        "/%252e%252e/site.yaml",
        "/%252e%252e%252fsite.yaml",
        "/phong-trao/../../site.yaml",
        "/phong-trao/%2e%2e/%2e%2e/site.yaml",
        "/..\\site.yaml",
        "/%5c..%5csite.yaml",
        "/content/campaigns/an-toan.vi.md",
        "/site.yaml%00.html",
    ] {
        let r = server.fetch(path);
        assert!(
            r.status == 400 || r.status == 404,
            "{path} answered {}",
            r.status
        );
        assert!(!r.body.contains("base_url:"), "{path} leaked site.yaml");
        assert!(
            !r.body.contains("lead_unit:"),
            "{path} leaked a source file"
        );
    }
}

#[test]
fn edits_rebuild_and_errors_show_over_the_last_good_site_until_fixed() {
    let mut server = Server::start(fixture("basic"));
    edit(
        server.root(),
        "content/campaigns/an-toan.vi.md",
        "title: \"An toàn\"",
        "title: \"An toàn MỚI SỬA\"",
    );
    server.wait_for("the new title", |s| {
        s.fetch("/phong-trao/an-toan/")
            .body
            .contains("An toàn MỚI SỬA")
            .then_some(())
    });
    // A title: the campaign's pages at once, by a quick look; then the rest of the site.
    server.wait_for("the rebuild report", |s| {
        let log = s.log();
        let rest = log.find("(the rest of the site): ")?;
        let quick = log.find("ms (content/campaigns/an-toan.vi.md): its ")?;
        (quick < rest && log.contains("Rebuilt in ") && log.contains("files changed")).then_some(())
    });
    // The campaigns index (not the item's own page) has it once the rest is built.
    assert!(server
        .fetch("/phong-trao/")
        .body
        .contains("An toàn MỚI SỬA"));

    // The live-reload stream is open before the bad edit, so the errors are pushed to it.
    let (head, mut events) = open_events(server.port);
    assert_eq!(head.status, 200);
    assert_eq!(head.content_type(), "text/event-stream");
    read_events_until(&mut events, "event: build");

    let exemplar = "content/exemplars/nguyen-van-a.vi.md";
    let good = std::fs::read_to_string(server.root().join(exemplar)).expect("read");
    assert!(good.contains("campaign: an-toan\n"));
    write(
        server.root(),
        exemplar,
        &good.replace("campaign: an-toan\n", "campaign: khong-co-that\n"),
    );
    let page = server.wait_for("the overlay", |s| {
        let r = s.fetch("/phong-trao/an-toan/");
        r.body.contains(OVERLAY).then_some(r)
    });
    // The last good site is still served, with the errors over it.
    assert_eq!(page.status, 200);
    assert!(page.body.contains("An toàn MỚI SỬA"));
    assert!(
        page.body.contains(
            "content/exemplars/nguyen-van-a.vi.md:5:11: error[MB0301]: unknown campaign &quot;khong-co-that&quot;"
        ),
        "{}",
        page.body
    );
    assert!(page.body.contains("5 | campaign: khong-co-that"));
    // Every page, 404 pages included.
    assert!(server.fetch("/en/").body.contains(OVERLAY));
    assert!(server.fetch("/khong-co/").body.contains(OVERLAY));
    let pushed = read_events_until(&mut events, "nguyen-van-a.vi.md:5:11");
    assert!(pushed.contains("event: problems"), "{pushed}");
    server.wait_for("the error in the terminal", |s| {
        s.log()
            .contains("content/exemplars/nguyen-van-a.vi.md:5:11: error[MB0301]: unknown campaign \"khong-co-that\"")
            .then_some(())
    });
    assert!(
        server.child.try_wait().expect("status").is_none(),
        "an error stopped the server"
    );

    write(server.root(), exemplar, &good);
    server.wait_for("the overlay to go", |s| {
        (!s.fetch("/phong-trao/an-toan/").body.contains(OVERLAY)).then_some(())
    });
    // Open pages are told to reload.
    read_events_until(&mut events, "event: build");
    assert!(server
        .fetch("/phong-trao/an-toan/")
        .body
        .contains("An toàn MỚI SỬA"));
}

#[test]
fn a_failing_first_build_serves_the_errors_and_recovers() {
    let site = fixture("basic");
    let exemplar = "content/exemplars/nguyen-van-a.vi.md";
    let good = std::fs::read_to_string(site.path().join(exemplar)).expect("read");
    write(
        site.path(),
        exemplar,
        &good.replace("campaign: an-toan\n", "campaign: an-toàn\n"),
    );
    let mut server = Server::start(site);
    let r = server.fetch("/");
    assert_eq!(r.status, 500);
    assert!(r.body.contains(OVERLAY));
    assert!(
        r.body
            .contains("nguyen-van-a.vi.md:5:11: error[MB0301]: unknown campaign &quot;an-toàn&quot;; did you mean &quot;an-toan&quot;?"),
        "{}",
        r.body
    );
    assert!(r.body.contains("/__minhbach/events"));
    let (head, _events) = open_events(server.port);
    assert_eq!(head.content_type(), "text/event-stream");

    write(server.root(), exemplar, &good);
    let page = server.wait_for("the site", |s| {
        let r = s.fetch("/phong-trao/an-toan/");
        (r.status == 200).then_some(r)
    });
    assert!(!page.body.contains(OVERLAY));
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_with_exit_code_0() {
    let mut server = Server::start(fixture("basic"));
    let pid = server.child.id().to_string();
    let sent = Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .expect("run kill");
    assert!(sent.success());
    let deadline = Instant::now() + PATIENCE;
    let code = loop {
        if let Some(code) = server.child.try_wait().expect("exit status") {
            break code;
        }
        assert!(Instant::now() < deadline, "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(code.code(), Some(0), "{}", server.log());
}

// ---------------------------------------------------------------------------------------
// Safety and limits (issue 12)

/// GET `path` with the given `Host` (and `Origin`) headers.
fn get_as(port: u16, path: &str, host: Option<&str>, origin: Option<&str>) -> Reply {
    let mut head = format!("GET {path} HTTP/1.1\r\n");
    if let Some(h) = host {
        head.push_str(&format!("Host: {h}\r\n"));
    }
    if let Some(o) = origin {
        head.push_str(&format!("Origin: {o}\r\n"));
    }
    head.push_str("\r\n");
    raw_request(port, &head).expect("an answer")
}

#[test]
fn only_this_computers_names_and_the_allowed_ones_are_answered() {
    let site = fixture("basic");
    let mut server = Server::start_with(site, &["--drafts", "--allowed-host", "Preview.Test"]);
    let port = server.port;
    // A draft is in the preview: what a rebinding page would be after.
    let draft = "/phong-trao/nhap/";
    assert_eq!(server.fetch(draft).status, 200);
    for host in [
        format!("localhost:{port}"),
        "localhost".to_string(),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        format!("site.localhost:{port}"),
        format!("preview.test:{port}"),
    ] {
        let r = get_as(port, draft, Some(&host), None);
        assert_eq!(r.status, 200, "{host}: {r:?}");
    }
    for host in [
        format!("evil.example:{port}"),
        "evil.example".to_string(),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        format!("192.168.1.5:{port}"),
    ] {
        for path in [draft, "/", "/__minhbach/events", "/__minhbach/events?poll"] {
            let r = get_as(port, path, Some(&host), None);
            assert_eq!(r.status, 403, "{host} {path}: {r:?}");
            assert!(r.body.contains("--allowed-host"), "{}", r.body);
            assert!(!r.body.contains("nhap") && !r.body.contains("event:"));
        }
    }
    // No Host at all, two of them, or a page of another site asking: refused too.
    assert_eq!(get_as(port, draft, None, None).status, 403);
    let two = raw_request(
        port,
        &format!("GET / HTTP/1.1\r\nHost: localhost:{port}\r\nHost: evil.example\r\n\r\n"),
    )
    .expect("an answer");
    assert_eq!(two.status, 400);
    let host = format!("localhost:{port}");
    assert_eq!(
        get_as(port, draft, Some(&host), Some("http://evil.example")).status,
        403
    );
    assert_eq!(
        get_as(
            port,
            draft,
            Some(&host),
            Some(&format!("http://localhost:{port}"))
        )
        .status,
        200
    );
    server.wait_for("the refusals in the terminal", |s| {
        let log = s.log();
        (log.contains("with 403 for the host name \"") && log.contains("--allowed-host"))
            .then_some(())
    });
}

#[test]
fn many_live_reload_streams_leave_room_for_pages() {
    let mut server = Server::start(fixture("basic"));
    let port = server.port;
    // Far more than any browser opens (its pages share one), and than the limit.
    let mut streams: Vec<TcpStream> = Vec::new();
    let mut told_to_retry = 0;
    for _ in 0..60 {
        let (head, mut s) = open_events(port);
        assert_eq!(head.status, 200);
        assert_eq!(head.content_type(), "text/event-stream");
        s.set_read_timeout(Some(Duration::from_secs(1)))
            .expect("timeout");
        let mut rest = Vec::new();
        match s.read_to_end(&mut rest) {
            // Over the limit: the latest events, when to come back, and the end.
            Ok(_) => {
                let text = String::from_utf8_lossy(&rest);
                assert!(text.starts_with("retry: 10000\n\nevent: build\n"), "{text}");
                told_to_retry += 1;
            }
            // Still open: a stream.
            Err(_) => streams.push(s),
        }
    }
    assert!(
        !streams.is_empty() && streams.len() <= 16,
        "{} streams",
        streams.len()
    );
    assert_eq!(streams.len() + told_to_retry, 60);
    // Pages still load at once, many of them.
    for _ in 0..20 {
        assert_eq!(server.fetch("/").status, 200);
    }
    // A poll is answered at once and closed.
    let poll = request(port, "GET", "/__minhbach/events?poll").expect("poll");
    assert!(
        poll.body.starts_with("retry: 2000\n\nevent: build\ndata: "),
        "{}",
        poll.body
    );
    // The streams that are open still hear about rebuilds.
    edit(
        server.root(),
        "content/campaigns/an-toan.vi.md",
        "Nội dung.",
        "Nội dung mới.",
    );
    for s in &mut streams {
        s.set_read_timeout(Some(Duration::from_secs(20)))
            .expect("timeout");
        let seen = read_events_until(s, "event: build");
        assert!(seen.contains("event: build"));
    }
    server.wait_for("the count of streams told to retry", |s| {
        s.log()
            .contains("to come back in 10 s: limit 16 open at once")
            .then_some(())
    });
}

/// The sum of N over the lines `preview: <verb> N <what>…` of a server's log.
fn counted(log: &str, what: &str) -> usize {
    log.lines()
        .filter_map(|l| l.strip_prefix("preview: "))
        .filter_map(|l| {
            l.split_once(what)?
                .0
                .split_whitespace()
                .nth(1)?
                .parse::<usize>()
                .ok()
        })
        .sum()
}

#[test]
fn clients_that_stall_or_send_huge_headers_do_not_hold_up_others() {
    let site = fixture("basic");
    // 8 MB: more than a loopback connection buffers, so a client that does not read stalls
    // the answer.
    let big: Vec<u8> = (0..8 * 1024 * 1024).map(|i| (i % 251) as u8).collect();
    std::fs::create_dir_all(site.path().join("static")).expect("mkdir");
    std::fs::write(site.path().join("static/big.pdf"), &big).expect("write");
    let mut server = Server::start(site);
    let port = server.port;
    let head = format!("GET /big.pdf HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    // Clients that ask for the big file and never read, and clients that never finish
    // their request: more of each than the old server had workers.
    let mut stalled = Vec::new();
    for _ in 0..8 {
        let mut s = connect(port).expect("connect");
        s.write_all(head.as_bytes()).expect("send");
        stalled.push(s);
    }
    let mut silent = Vec::new();
    for _ in 0..8 {
        let mut s = connect(port).expect("connect");
        s.write_all(b"GET / HTTP/1.1\r\nHost: 127.0").expect("send");
        silent.push(s);
    }
    std::thread::sleep(Duration::from_millis(500));
    // Everyone else is served at once, the big file too, whole.
    let started = Instant::now();
    for path in ["/", "/phong-trao/", "/style.css"] {
        assert_eq!(server.fetch(path).status, 200, "{path}");
    }
    let whole = request(port, "GET", "/big.pdf").expect("the big file");
    assert_eq!(whole.header("content-length"), Some("8388608"));
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "others waited {:?}",
        started.elapsed()
    );
    // Headers over 16 KB: 431.
    let huge = format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Big: {}\r\n\r\n",
        "a".repeat(20 * 1024)
    );
    let r = raw_request(port, &huge).expect("an answer");
    assert_eq!(r.status, 431, "{r:?}");
    // The stalled and the silent are dropped, all of them, and the terminal says so.
    server.wait_for("the slow clients to be dropped", |s| {
        let log = s.log();
        (counted(&log, "client(s) that stopped reading") == stalled.len()
            && counted(&log, "connection(s) that sent no whole request within 10 s")
                == silent.len()
            && counted(&log, "request(s) with 431: request headers over 16 KB") == 1)
            .then_some(())
    });
    for mut s in stalled {
        s.set_read_timeout(Some(Duration::from_secs(20)))
            .expect("timeout");
        let mut got = Vec::new();
        // Whatever was buffered before the server gave up, then the end (or a reset).
        let _ = s.read_to_end(&mut got);
        assert!(got.len() < big.len(), "a stalled client got the whole file");
    }
    for mut s in silent {
        let mut got = String::new();
        let _ = s.read_to_string(&mut got);
        assert!(got.is_empty() || got.starts_with("HTTP/1.1 408"), "{got}");
    }
}

#[test]
fn connections_over_the_limit_are_refused_and_counted() {
    let mut server = Server::start(fixture("basic"));
    let port = server.port;
    // Connections that say nothing hold a worker until their time is up.
    let idle: Vec<TcpStream> = (0..64).map(|_| connect(port).expect("connect")).collect();
    // Once the server has taken all 64 (on a busy machine that is not at once), the next
    // is refused.
    let r = server.wait_for("a connection over the limit refused", |_| {
        request(port, "GET", "/").ok().filter(|r| r.status != 200)
    });
    assert_eq!(r.status, 503, "{r:?}");
    assert_eq!(r.header("retry-after"), Some("1"));
    server.wait_for("the count of refused connections", |s| {
        s.log()
            .contains("connection(s) with 503: limit 64 open at once")
            .then_some(())
    });
    drop(idle);
    server.wait_for("room again", |s| (s.fetch("/").status == 200).then_some(()));
}

#[test]
fn a_page_carries_a_bounded_overlay_whatever_the_number_of_errors() {
    let site = fixture("basic");
    let links: String = (0..3000).map(|i| format!("[a](/khong-co-{i}/) ")).collect();
    let body = format!("Nội dung.\n{links}\n");
    edit(
        site.path(),
        "content/campaigns/an-toan.vi.md",
        "Nội dung.\n",
        &body,
    );
    let server = Server::start(site);
    let page = server.fetch("/");
    assert_eq!(page.status, 500);
    assert!(page.body.contains(OVERLAY));
    assert!(
        page.body.contains("3000 error(s) in the content"),
        "{}",
        &page.body[..2000]
    );
    assert!(page.body.contains("… and 2800 more error(s)"));
    // Each error shows a window of the 60 KB line, so the page stays small.
    assert!(page.body.len() < 400_000, "{} bytes", page.body.len());
}
