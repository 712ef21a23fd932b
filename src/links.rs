//! Addresses: the one resolver for every address the site publishes, whatever wrote it
//! (a markdown link or image, raw HTML in a body, a `photo:`, `file:` or `link:` field):
//! what kind of address it is, and which file of the site it names.
//!
//! It reads an address the way a browser does, so that the check and the reader agree:
//! tabs and line breaks inside are dropped, spaces and control characters around it are
//! trimmed, `\` is a `/`, and only a real scheme (RFC 3986: a letter, then letters,
//! digits, `+`, `-` or `.`, then `:`, before any `/`, `?` or `#`) makes it absolute. So
//! `/trang?x=http://a` is a page of this site, and `java\tscript:x` is `javascript:`.

/// How an address is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// `http:`, `https:`, `mailto:`, `tel:`, or `//host/…`: another site, mail or phone.
    External,
    /// Any other scheme (`javascript:`, `data:`, `file:`, `vbscript:` …): never published
    /// as a link, since it could run code or read the reader's files.
    Unsafe,
    /// From the root of the site: `/anh/a.jpg`.
    Absolute,
    /// From the page it is on: `anh/a.jpg`, `../x/`, `?q=1`.
    Relative,
    /// An anchor on the page it is on: `#muc-dich`.
    Fragment,
    /// Nothing (after trimming).
    Empty,
}

/// The schemes a published link may have.
pub const SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// The address as a browser reads it (see the module documentation).
fn cleaned(address: &str) -> String {
    address
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .map(|c| if c == '\\' { '/' } else { c })
        .collect()
}

/// The scheme of an absolute address, lowercased, if it has one.
fn scheme(address: &str) -> Option<String> {
    let (head, _) = address.split_once(':')?;
    let mut chars = head.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| head.to_ascii_lowercase())
}

/// How `address` is written.
pub fn form(address: &str) -> Form {
    let a = cleaned(address);
    if a.is_empty() {
        Form::Empty
    } else if let Some(s) = scheme(&a) {
        if SCHEMES.contains(&s.as_str()) {
            Form::External
        } else {
            Form::Unsafe
        }
    } else if a.starts_with("//") {
        Form::External
    } else if a.starts_with('/') {
        Form::Absolute
    } else if a.starts_with('#') {
        Form::Fragment
    } else {
        Form::Relative
    }
}

/// What an address names, once resolved against the page it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Not ours to check: another site, mail, phone.
    External,
    /// A scheme that may not be published ([`Form::Unsafe`]).
    Unsafe,
    /// Above the root of the site (`/../x`, `../../x` from a shallow page): never a file of
    /// the site, and a sign someone is reaching for files outside it.
    Outside,
    /// A file of the site, from its root without the base path (`phong-trao/x/index.html`
    /// for `/phong-trao/x/`), and maybe an anchor in it.
    Site {
        file: String,
        anchor: Option<String>,
    },
}

/// Resolves `address` written on the page at site path `page` (`/phong-trao/x/`; `/` for
/// an address that must not depend on the page, such as a front matter field's, after
/// [`form`] said it is not relative).
pub fn resolve(address: &str, page: &str) -> Target {
    match form(address) {
        Form::External => return Target::External,
        Form::Unsafe => return Target::Unsafe,
        Form::Absolute | Form::Relative | Form::Fragment | Form::Empty => {}
    }
    let address = cleaned(address);
    let (path, anchor) = match address.split_once('#') {
        Some((p, a)) => (p, Some(a.to_string())),
        None => (address.as_str(), None),
    };
    let path = path.split('?').next().unwrap_or("");
    let joined = if path.is_empty() {
        page.to_string()
    } else if path.starts_with('/') {
        path.to_string()
    } else {
        // Relative to the page's folder: what comes after its last `/` is replaced.
        let folder = page.rsplit_once('/').map_or("", |(f, _)| f);
        format!("{folder}/{path}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Target::Outside;
                }
            }
            s => parts.push(s),
        }
    }
    // A trailing `/` (or `/.`, `/..`) names a folder, served by its index.html.
    let folder = joined.ends_with('/') || joined.ends_with("/.") || joined.ends_with("/..");
    // Browsers ask for `/anh/a%20b.jpg` and servers look for `anh/a b.jpg`; files are
    // published under composed (NFC) names, so a decomposed address names them too.
    let mut file = crate::i18n::nfc(&percent_decode(&parts.join("/")));
    if folder || !parts.last().is_some_and(|l| l.contains('.')) {
        file = if file.is_empty() {
            "index.html".into()
        } else {
            format!("{file}/index.html")
        };
    }
    Target::Site { file, anchor }
}

/// The file of the site a rooted address names (`/anh/a%20b.jpg` → `anh/a b.jpg`,
/// composed (NFC)), if it is one: the key of static files and of processed images.
pub fn site_file(address: &str) -> Option<String> {
    if form(address) != Form::Absolute {
        return None;
    }
    match resolve(address, "/") {
        Target::Site { file, .. } => Some(file),
        _ => None,
    }
}

/// `%XX` escapes decoded; an escape that is not one, or bytes that are not UTF-8, are
/// kept as they are written.
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let hex = |b: u8| (b as char).to_digit(16);
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// A site path as an address: each byte outside the characters an address may hold
/// unescaped (space, Vietnamese letters, `%`…) as `%XX`, so `/anh/ảnh 1.gif` works in
/// every browser and validator; `/`, letters, digits and `-._~` are kept.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The addresses in an HTML attribute value: one, or for `srcset` each candidate's.
pub fn in_attribute(attr: &str, value: &str) -> Vec<String> {
    if attr == "srcset" {
        value
            .split(',')
            .filter_map(|c| c.split_whitespace().next())
            .map(String::from)
            .collect()
    } else if attr == "ping" {
        value.split_whitespace().map(String::from).collect()
    } else {
        vec![value.to_string()]
    }
}

/// Attributes whose value is an address, on any element.
pub const URL_ATTRIBUTES: [&str; 12] = [
    "href",
    "src",
    "srcset",
    "poster",
    "action",
    "formaction",
    "data",
    "cite",
    "xlink:href",
    "background",
    "longdesc",
    "ping",
];

/// An address in HTML: the element and attribute it is in, its value with character
/// references decoded, and the byte offset of the value in the HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InHtml {
    pub tag: String,
    pub attr: String,
    pub value: String,
    pub at: usize,
}

/// Elements whose content is text, not markup, to a browser.
const RAW_TEXT: [&str; 9] = [
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Every [`URL_ATTRIBUTES`] value in a piece of HTML, in order; comments and the content
/// of raw text elements (`<script>`, `<style>`…) hold none. A small tokenizer rather than
/// a parser: it reads tags and attributes as a browser does, and only needs positions.
pub fn in_html(html: &str) -> Vec<InHtml> {
    let b = html.as_bytes();
    let len = b.len();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        i += off + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(len, |e| i + e + 3);
            continue;
        }
        if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let start = i;
        while i < len && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
            i += 1;
        }
        let tag = html[start..i].to_ascii_lowercase();
        loop {
            while i < len && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= len || b[i] == b'>' {
                i = (i + 1).min(len);
                break;
            }
            let s = i;
            while i < len && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>') {
                i += 1;
            }
            let attr = html[s..i].to_ascii_lowercase();
            while i < len && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if b.get(i) != Some(&b'=') {
                continue;
            }
            i += 1;
            while i < len && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let (from, to) = match b.get(i) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let to = html[i + 1..].find(q as char).map_or(len, |e| i + 1 + e);
                    let from = i + 1;
                    i = (to + 1).min(len);
                    (from, to)
                }
                _ => {
                    let from = i;
                    while i < len && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    (from, i)
                }
            };
            if URL_ATTRIBUTES.contains(&attr.as_str()) {
                out.push(InHtml {
                    tag: tag.clone(),
                    attr,
                    value: decode(&html[from..to]),
                    at: from,
                });
            }
        }
        if RAW_TEXT.contains(&tag.as_str()) {
            i = closing(html, i, &tag);
        }
    }
    out
}

/// Where `</tag` (in any case) starts at or after `from`, or the end: the content of a raw
/// text element. Scans once, without copying, so many such elements stay linear.
fn closing(html: &str, from: usize, tag: &str) -> usize {
    let mut at = from;
    while let Some(k) = html[at..].find("</") {
        at += k + 2;
        let name = html.as_bytes().get(at..at + tag.len());
        if name.is_some_and(|n| n.eq_ignore_ascii_case(tag.as_bytes())) {
            return at - 2;
        }
    }
    html.len()
}

/// Character references in an attribute value: numeric ones, and the named ones that
/// matter in an address.
fn decode(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    let named = [
        ("amp", '&'),
        ("lt", '<'),
        ("gt", '>'),
        ("quot", '"'),
        ("apos", '\''),
        ("colon", ':'),
        ("sol", '/'),
        ("bsol", '\\'),
        ("num", '#'),
        ("quest", '?'),
        ("period", '.'),
        ("Tab", '\t'),
        ("NewLine", '\n'),
    ];
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .unwrap_or(rest.len());
        let name = &rest[..end];
        let numeric = name
            .strip_prefix('#')
            .and_then(|n| match n.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => n.parse().ok(),
            });
        let c = match numeric {
            Some(n) => char::from_u32(n),
            None => named.iter().find(|(k, _)| *k == name).map(|(_, c)| *c),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = rest[end..].strip_prefix(';').unwrap_or(&rest[end..]);
            }
            None => out.push('&'),
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(file: &str, anchor: Option<&str>) -> Target {
        Target::Site {
            file: file.into(),
            anchor: anchor.map(String::from),
        }
    }

    #[test]
    fn only_a_real_scheme_makes_an_address_absolute() {
        for (a, f) in [
            ("https://example.org/", Form::External),
            ("HTTP://x", Form::External),
            ("mailto:a@b.vn", Form::External),
            ("tel:+84", Form::External),
            ("//cdn.example/x.js", Form::External),
            ("\\\\evil.example/x", Form::External),
            ("javascript:alert(1)", Form::Unsafe),
            ("java\tscript:x", Form::Unsafe),
            (" \u{1}data:text/html,x", Form::Unsafe),
            ("file:///etc/passwd", Form::Unsafe),
            ("/trang?x=http://a", Form::Absolute),
            ("/p/q:r/", Form::Absolute),
            ("anh/a.jpg", Form::Relative),
            ("./a:b", Form::Relative),
            ("1a:b", Form::Relative),
            ("?q=https://x", Form::Relative),
            ("#x:y", Form::Fragment),
            ("  ", Form::Empty),
        ] {
            assert_eq!(form(a), f, "{a:?}");
        }
    }

    #[test]
    fn resolves_site_relative_and_relative_links() {
        assert_eq!(
            resolve("/phong-trao/x/", "/"),
            site("phong-trao/x/index.html", None)
        );
        assert_eq!(
            resolve("/phong-trao/x", "/"),
            site("phong-trao/x/index.html", None)
        );
        assert_eq!(
            resolve("../y/#muc-dich", "/phong-trao/x/"),
            site("phong-trao/y/index.html", Some("muc-dich"))
        );
        assert_eq!(
            resolve("#a", "/en/about/"),
            site("en/about/index.html", Some("a"))
        );
        assert_eq!(
            resolve("anh/a.jpg", "/phong-trao/x/"),
            site("phong-trao/x/anh/a.jpg", None)
        );
        assert_eq!(resolve("/images/a.jpg", "/"), site("images/a.jpg", None));
        assert_eq!(resolve("/", "/x/"), site("index.html", None));
        assert_eq!(
            resolve("/trang?x=http://a", "/"),
            site("trang/index.html", None)
        );
        assert_eq!(resolve("/a/b.c/", "/"), site("a/b.c/index.html", None));
        assert_eq!(resolve("https://example.org/", "/"), Target::External);
        assert_eq!(resolve("data:x", "/"), Target::Unsafe);
    }

    #[test]
    fn climbing_above_the_root_is_outside() {
        assert_eq!(resolve("/../etc/passwd", "/"), Target::Outside);
        assert_eq!(resolve("../../../x.pdf", "/phong-trao/x/"), Target::Outside);
        assert_eq!(resolve("..\\..\\..\\x", "/a/b/"), Target::Outside);
        assert_eq!(resolve("../y/", "/a/b/"), site("a/y/index.html", None));
    }

    #[test]
    fn srcset_holds_one_address_per_candidate() {
        assert_eq!(
            in_attribute("srcset", "/a.jpg 1x, /b.jpg 2x,/c.jpg"),
            ["/a.jpg", "/b.jpg", "/c.jpg"]
        );
        assert_eq!(in_attribute("href", "/a b"), ["/a b"]);
    }

    #[test]
    fn finds_the_addresses_of_html_with_their_offsets() {
        let html = "<A HREF = \"/a/?x=1&amp;y=2\">a</A><img\n  src=/b.jpg alt=x>\
                    <!-- <a href=\"/comment/\"> --><script>x='<a href=/s/>'</SCRIPT>\
                    <a title=\"a > b\" href='JaVaScRiPt&colon;x'>";
        let got: Vec<(String, String, String, usize)> = in_html(html)
            .into_iter()
            .map(|a| (a.tag, a.attr, a.value, a.at))
            .collect();
        let owned = |t: &str, a: &str, v: &str, at| (t.into(), a.into(), v.into(), at);
        assert_eq!(
            got,
            [
                owned("a", "href", "/a/?x=1&y=2", 11),
                owned("img", "src", "/b.jpg", 44),
                owned("a", "href", "JaVaScRiPt:x", html.len() - 20),
            ]
        );
        assert_eq!(form(&got[2].2), Form::Unsafe);
        // Cut short: no panic, what is there is read.
        assert_eq!(in_html("<a href=")[0].value, "");
        assert_eq!(in_html("<a href=\"x")[0].value, "x");
        assert!(in_html("<a href").is_empty() && in_html("<").is_empty());
    }
}
