//! Serve, requests: what a request head says, whether the preview answers the host it
//! names, which file of the built site its target names, and with which status and
//! Content-Type it is answered.
//!
//! Pure functions over the in-memory output, so the rules are unit-tested without a socket.
//! Nothing here reads the disk: a path either names a key of the built site or it is
//! answered 400/404, so no request can reach a file outside the output.

use std::net::{IpAddr, Ipv6Addr};

/// The parts of a request head the preview looks at.
#[derive(Debug, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    pub target: String,
    pub host: Option<String>,
    pub origin: Option<String>,
    /// The other headers, names lowercased, in order; at most [`MAX_HEADERS`].
    pub headers: Vec<(String, String)>,
}

/// Headers kept besides Host and Origin; a request with more is refused.
pub const MAX_HEADERS: usize = 100;

impl Request {
    /// The value of header `name` (lowercase), if it was sent once or more (the first).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Parses a request line and headers; `None` if they are not HTTP/1.x or name two hosts.
pub fn parse_request(head: &[u8]) -> Option<Request> {
    let text = std::str::from_utf8(head).ok()?;
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let mut first = lines.next()?.split(' ');
    let (method, target, version) = (first.next()?, first.next()?, first.next()?);
    if first.next().is_some() || !version.starts_with("HTTP/1.") || target.is_empty() {
        return None;
    }
    let mut request = Request {
        method: method.to_string(),
        target: target.to_string(),
        host: None,
        origin: None,
        headers: Vec::new(),
    };
    for line in lines.take_while(|l| !l.is_empty()) {
        let (name, value) = line.split_once(':')?;
        let value = value.trim().to_string();
        if name.eq_ignore_ascii_case("host") {
            // Two Host headers could make a proxy and the preview disagree: refused.
            if request.host.replace(value).is_some() {
                return None;
            }
        } else if name.eq_ignore_ascii_case("origin") {
            request.origin = Some(value);
        } else {
            if request.headers.len() >= MAX_HEADERS {
                return None;
            }
            request
                .headers
                .push((name.trim().to_ascii_lowercase(), value));
        }
    }
    Some(request)
}

/// The host names the preview answers to. A web page the editor visits can make its own
/// name resolve to this computer (DNS rebinding) and then read the preview, drafts
/// included; its requests carry its own name in `Host`, so only names that cannot be
/// someone else's are answered: `localhost` and `*.localhost`, loopback addresses, the
/// address the preview listens on, and the names given with `--allowed-host` (a name
/// starting with `.` allows every name ending with it).
pub struct Hosts {
    bound: IpAddr,
    names: Vec<String>,
}

impl Hosts {
    pub fn new(bound: IpAddr, names: &[String]) -> Hosts {
        Hosts {
            bound,
            names: names.iter().map(|n| n.to_ascii_lowercase()).collect(),
        }
    }

    /// Whether a `Host` header (a name or an address, with or without the port) is answered.
    /// Listening on every address (`0.0.0.0`, `::`), any address is: no page can choose the
    /// address a browser sends as its host; only a name can be made to point here.
    pub fn allows(&self, host: &str) -> bool {
        let Some(name) = host_name(host) else {
            return false;
        };
        let ip = name
            .strip_prefix('[')
            .and_then(|n| n.strip_suffix(']'))
            .map_or_else(
                || name.parse::<IpAddr>().ok(),
                |v6| v6.parse::<Ipv6Addr>().ok().map(IpAddr::V6),
            );
        if let Some(ip) = ip {
            return ip.is_loopback() || ip == self.bound || self.bound.is_unspecified();
        }
        name == "localhost"
            || name.ends_with(".localhost")
            || self
                .names
                .iter()
                .any(|n| *n == name || (n.starts_with('.') && name.ends_with(n.as_str())))
    }

    /// Whether an `Origin` header (`http://host:port`) names a host that is answered.
    pub fn allows_origin(&self, origin: &str) -> bool {
        origin
            .split_once("://")
            .is_some_and(|(scheme, host)| matches!(scheme, "http" | "https") && self.allows(host))
    }
}

/// The host part of a `Host` header, lowercased, without the port; `None` if malformed.
fn host_name(host: &str) -> Option<String> {
    let name = match host.rsplit_once(':') {
        // `[::1]:1111`, `localhost:1111`; an IPv6 address without brackets is malformed.
        Some((name, port)) if !port.contains(']') => {
            if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            name
        }
        _ => host,
    };
    let ok = !name.is_empty()
        && (name.starts_with('[') && name.ends_with(']')
            || name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.'));
    ok.then(|| name.to_ascii_lowercase())
}

/// What a request-target resolves to.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A file of the built site, by its key.
    File(String),
    /// A folder asked for without its trailing slash: redirect here (already encoded).
    Redirect(String),
    /// Nothing there; answer with this 404 page of the site, if it has one.
    NotFound(Option<String>),
    /// A malformed or dangerous path (`..`, backslash, NUL, encoded separators, double
    /// encoding): refused without looking anything up.
    BadRequest,
}

/// Resolves a request-target such as `/phong-trao/?x=1` against the built files.
pub fn resolve(files: &crate::rebuild::Files, target: &str) -> Target {
    let (raw, query) = match target.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (target, None),
    };
    let Some(path) = decode_path(raw) else {
        return Target::BadRequest;
    };
    let rel = &path[1..];
    if rel.is_empty() || rel.ends_with('/') {
        let key = format!("{rel}index.html");
        if files.contains_key(&key) {
            return Target::File(key);
        }
    } else if files.contains_key(rel) {
        return Target::File(rel.to_string());
    } else if files.contains_key(&format!("{rel}/index.html")) {
        let mut to = encode_location(raw);
        to.push('/');
        if let Some(q) = query {
            to.push('?');
            to.push_str(&encode_location(q));
        }
        return Target::Redirect(to);
    }
    Target::NotFound(not_found_page(files, rel))
}

/// The 404 page for a missing path: the one of the language whose prefix the path starts
/// with (`en/...` → `en/404.html`), else the site's root `404.html`.
fn not_found_page(files: &crate::rebuild::Files, rel: &str) -> Option<String> {
    let localized = rel
        .split_once('/')
        .map(|(first, _)| format!("{first}/404.html"))
        .filter(|p| files.contains_key(p));
    localized.or_else(|| {
        files
            .contains_key("404.html")
            .then(|| "404.html".to_string())
    })
}

/// Percent-decodes an origin-form path, refusing anything that could step outside the
/// output or that means something else once decoded again.
fn decode_path(raw: &str) -> Option<String> {
    if !raw.starts_with('/') || raw.contains('\\') {
        return None;
    }
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let byte = u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
            // An encoded separator or NUL would turn one segment into several.
            if matches!(byte, b'/' | b'\\' | 0) {
                return None;
            }
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let path = String::from_utf8(out).ok()?;
    let refused = path.chars().any(char::is_control)
        || path.contains('\\')
        || has_escape(&path)
        || path.split('/').any(|s| s == "." || s == "..");
    (!refused).then_some(path)
}

/// Whether a decoded path still holds a `%XX` escape: double encoding such as `%252e`.
fn has_escape(s: &str) -> bool {
    s.as_bytes()
        .windows(3)
        .any(|w| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit())
}

/// A request path as a header value: bytes outside printable ASCII percent-encoded.
fn encode_location(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_graphic() {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The Content-Type of a built file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .filter(|(_, e)| !e.contains('/'))
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "xml" if path.ends_with("atom.xml") => "application/atom+xml",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "wasm" => "application/wasm",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "webmanifest" => "application/manifest+json",
        // Anything unknown: bytes the browser must not guess at.
        _ => "application/octet-stream",
    }
}

/// Whether a file gets the live-reload script and the problems overlay.
pub fn is_html(path: &str) -> bool {
    content_type(path).starts_with("text/html")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> crate::rebuild::Files {
        let files = [
            "index.html",
            "404.html",
            "en/index.html",
            "en/404.html",
            "phong-trao/index.html",
            "style.css",
            "tài liệu.pdf",
        ]
        .into_iter()
        .map(|p| (p.to_string(), p.as_bytes()));
        crate::rebuild::Files::from_bytes(crate::output::store::scratch(), files).expect("stored")
    }

    fn file(p: &str) -> Target {
        Target::File(p.to_string())
    }

    #[test]
    fn pretty_urls_map_to_index_files() {
        let s = site();
        assert_eq!(resolve(&s, "/"), file("index.html"));
        assert_eq!(resolve(&s, "/?utm=x"), file("index.html"));
        assert_eq!(resolve(&s, "/phong-trao/"), file("phong-trao/index.html"));
        assert_eq!(resolve(&s, "/en/"), file("en/index.html"));
        assert_eq!(resolve(&s, "/style.css"), file("style.css"));
        assert_eq!(
            resolve(&s, "/t%C3%A0i%20li%E1%BB%87u.pdf"),
            file("tài liệu.pdf")
        );
    }

    #[test]
    fn folders_without_slash_redirect_keeping_the_query() {
        let s = site();
        assert_eq!(
            resolve(&s, "/phong-trao"),
            Target::Redirect("/phong-trao/".into())
        );
        assert_eq!(
            resolve(&s, "/phong-trao?a=1"),
            Target::Redirect("/phong-trao/?a=1".into())
        );
    }

    #[test]
    fn unknown_paths_get_the_404_page_of_their_language() {
        let s = site();
        assert_eq!(
            resolve(&s, "/en/nothing/"),
            Target::NotFound(Some("en/404.html".into()))
        );
        assert_eq!(
            resolve(&s, "/khong-co"),
            Target::NotFound(Some("404.html".into()))
        );
        assert_eq!(
            resolve(&s, "/phong-trao/x/"),
            Target::NotFound(Some("404.html".into()))
        );
        assert_eq!(
            resolve(
                &crate::rebuild::Files::from_bytes(crate::output::store::scratch(), [])
                    .expect("empty"),
                "/x"
            ),
            Target::NotFound(None)
        );
    }

    #[test]
    fn traversal_and_encoded_tricks_are_refused() {
        let s = site();
        for bad in [
            "/../site.yaml",
            "/%2e%2e/site.yaml",
            "/%2E%2E/site.yaml",
            "/..%2fsite.yaml",
            "/..%2Fsite.yaml",
            "/%252e%252e/site.yaml",
            "/phong-trao/../../site.yaml",
            "/phong-trao/./index.html",
            "/..\\site.yaml",
            "/%5c..%5csite.yaml",
            "/index.html%00",
            "/%zz",
            "/%e",
            "/%C3",
            "site.yaml",
            "http://example.com/",
            "*",
        ] {
            assert_eq!(resolve(&s, bad), Target::BadRequest, "{bad}");
        }
    }

    #[test]
    fn requests_are_parsed_and_two_hosts_refused() {
        let r =
            parse_request(b"GET /a?b HTTP/1.1\r\nHost: localhost:1111\r\nOrigin: http://x\r\n\r\n")
                .expect("a request");
        assert_eq!(
            r,
            Request {
                method: "GET".into(),
                target: "/a?b".into(),
                host: Some("localhost:1111".into()),
                origin: Some("http://x".into()),
                headers: Vec::new(),
            }
        );
        assert_eq!(
            parse_request(b"GET / HTTP/1.0\n\n").map(|r| r.host),
            Some(None)
        );
        for bad in [
            &b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"[..],
            b"GET / SPDY/3\r\n\r\n",
            b"GET  / HTTP/1.1\r\n\r\n",
            b"GET / HTTP/1.1\r\nno colon\r\n\r\n",
            b"\xff / HTTP/1.1\r\n\r\n",
        ] {
            assert_eq!(parse_request(bad), None, "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn only_names_that_cannot_be_another_sites_are_answered() {
        let loopback = Hosts::new(
            "127.0.0.1".parse().expect("ip"),
            &["Preview.Lan".into(), ".office.test".into()],
        );
        for ok in [
            "localhost",
            "localhost:1111",
            "LOCALHOST:1111",
            "site.localhost:1111",
            "127.0.0.1",
            "127.0.0.1:1111",
            "127.1.2.3:80",
            "[::1]",
            "[::1]:1111",
            "preview.lan:1111",
            "a.office.test",
        ] {
            assert!(loopback.allows(ok), "{ok}");
        }
        for refused in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "192.168.1.5:1111",
            "[::2]:1111",
            "::1",
            "",
            ":1111",
            "localhost:",
            "localhost:x",
            "office.test",
            "local host",
            "localhost\u{1b}",
        ] {
            assert!(!loopback.allows(refused), "{refused}");
        }
        let lan = Hosts::new("192.168.1.5".parse().expect("ip"), &[]);
        assert!(lan.allows("192.168.1.5:1111") && !lan.allows("192.168.1.6"));
        let every = Hosts::new("0.0.0.0".parse().expect("ip"), &[]);
        assert!(every.allows("192.168.1.6:1111") && every.allows("[fe80::1]"));
        assert!(!every.allows("my-pc.lan"));
        assert!(loopback.allows_origin("http://localhost:1111"));
        assert!(!loopback.allows_origin("http://evil.example"));
        assert!(!loopback.allows_origin("null"));
    }

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("sitemap.xml"), "application/xml");
        assert_eq!(content_type("en/atom.xml"), "application/atom+xml");
        assert_eq!(content_type("du-lieu/x.CSV"), "text/csv; charset=utf-8");
        assert_eq!(
            content_type("pagefind/wasm.vi.pagefind"),
            "application/octet-stream"
        );
        assert_eq!(
            content_type("pagefind/x.pf_fragment"),
            "application/octet-stream"
        );
        assert_eq!(
            content_type("pagefind/pagefind.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type("x.wasm"), "application/wasm");
        assert_eq!(content_type("logo.svg"), "image/svg+xml");
        assert_eq!(content_type("v1.0/README"), "application/octet-stream");
        assert!(is_html("404.html") && !is_html("robots.txt"));
    }
}
