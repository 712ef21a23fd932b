//! Search, the text of a page: what a reader sees of its HTML, and the words in it.
//!
//! Both run over every page of the site at every build, so they work on bytes, finding
//! tags and entities with memchr and deciding the letters of Vietnamese from their UTF-8
//! bytes; other scripts go through Unicode's tables.

use memchr::memchr;

/// Longer runs of letters (hashes, pasted addresses) are not words anyone types; `search.js`
/// drops them from queries too.
const MAX_WORD_CHARS: usize = 40;

/// The words of a text as written: runs of letters, digits and combining marks; what
/// `search.js` splits a query into (`/[\p{L}\p{N}\p{M}]+/u`). ASCII is decided byte by
/// byte, the rest by character.
pub(super) fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

pub(super) struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        // Whether the character at `i` is part of a word, and its length in bytes.
        let letter = |i: usize| -> (bool, usize) {
            match bytes[i] {
                b if b.is_ascii() => (b.is_ascii_alphanumeric(), 1),
                // U+00C0–U+023F (Latin letters but × and ÷) and U+0300–U+036F (marks),
                // decided from the UTF-8 bytes: most of Vietnamese.
                0xC3 => (!matches!(bytes[i + 1], 0x97 | 0xB7), 2),
                0xC4..=0xC8 | 0xCC => (true, 2),
                0xCD if bytes[i + 1] < 0xB0 => (true, 2),
                // U+1E00–U+1EFF, Latin Extended Additional (ạ … ỹ).
                0xE1 if matches!(bytes[i + 1], 0xB8..=0xBB) => (true, 3),
                _ => {
                    let c = self.text[i..]
                        .chars()
                        .next()
                        .expect("at a character boundary");
                    (is_letter(c), c.len_utf8())
                }
            }
        };
        loop {
            let mut i = self.at;
            while i < bytes.len() {
                let (is, len) = letter(i);
                if is {
                    break;
                }
                i += len;
            }
            if i == bytes.len() {
                self.at = i;
                return None;
            }
            let start = i;
            let mut chars = 0;
            while i < bytes.len() {
                let (is, len) = letter(i);
                if !is {
                    break;
                }
                i += len;
                chars += 1;
            }
            self.at = i;
            if chars <= MAX_WORD_CHARS {
                return Some(&self.text[start..i]);
            }
        }
    }
}

/// A letter, digit or combining mark (not ASCII). The Latin letters of Vietnamese and
/// other European languages are decided by range; other scripts by Unicode's tables.
fn is_letter(c: char) -> bool {
    match c {
        // Latin-1 and Latin Extended-A/B letters (× and ÷ are not), combining marks, Latin
        // Extended Additional (ạ … ỹ).
        '\u{c0}'..='\u{24f}' => c != '×' && c != '÷',
        '\u{300}'..='\u{36f}' | '\u{1e00}'..='\u{1eff}' => true,
        _ => c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c),
    }
}

/// Elements whose content is not text of the page (as Pagefind also leaves them out).
const SKIPPED: &[&str] = &[
    "head", "style", "script", "noscript", "label", "form", "svg", "footer", "nav", "iframe",
    "template",
];

/// Elements inside a line of text: they do not separate words (`<b>Đ</b>ổi` is one word).
fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "cite"
            | "code"
            | "data"
            | "dfn"
            | "em"
            | "i"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "var"
    )
}

/// The text of an HTML fragment as a reader sees it: tags removed (block elements and
/// `<br>` separate words, so `<dt>Loại</dt><dd>Tập thể</dd>` stays three words), the
/// content of [`SKIPPED`] elements and comments dropped, character references decoded,
/// white space collapsed. One pass over the bytes: it runs over every page of the site.
pub(in crate::render) fn page_text(html: &str) -> String {
    let mut text = Text {
        out: String::with_capacity(html.len() / 2),
        space: false,
    };
    let mut at = 0;
    // Inside a skipped element: its name and how deep it nests.
    let mut skipping: Option<(&str, usize)> = None;
    while let Some(lt) = memchr(b'<', &html.as_bytes()[at..]).map(|i| at + i) {
        if skipping.is_none() {
            text.push_decoded(&html[at..lt]);
        }
        if html[lt..].starts_with("<!--") {
            at = html[lt + 4..]
                .find("-->")
                .map_or(html.len(), |i| lt + 4 + i + 3);
            continue;
        }
        let Some(gt) = tag_end(&html[lt..]).map(|i| lt + i) else {
            // A lone `<` is text.
            if skipping.is_none() {
                text.push("<");
            }
            at = lt + 1;
            continue;
        };
        at = gt + 1;
        let tag = &html[lt + 1..gt];
        let closing = tag.starts_with('/');
        let name = tag[usize::from(closing)..]
            .split(|c: char| c.is_ascii_whitespace() || c == '/')
            .next()
            .unwrap_or_default();
        let lower;
        let name = if name.bytes().any(|b| b.is_ascii_uppercase()) {
            lower = name.to_ascii_lowercase();
            &lower
        } else {
            name
        };
        let self_closing = tag.ends_with('/');
        match &mut skipping {
            Some((skipped, depth)) if *skipped == name => {
                if closing {
                    *depth -= 1;
                    if *depth == 0 {
                        skipping = None;
                        text.space = true;
                    }
                } else if !self_closing {
                    *depth += 1;
                }
            }
            Some(_) => {}
            None => {
                if let Some(skipped) = SKIPPED.iter().find(|s| **s == name) {
                    if !closing && !self_closing {
                        skipping = Some((skipped, 1));
                    }
                } else if !is_inline(name) {
                    text.space = true;
                }
            }
        }
    }
    if skipping.is_none() {
        text.push_decoded(&html[at..]);
    }
    // Text written decomposed has combining marks U+0300–U+036F, UTF-8 0xCC/0xCD lead bytes.
    if text.out.bytes().any(|b| b == 0xCC || b == 0xCD) {
        crate::i18n::nfc(&text.out)
    } else {
        text.out
    }
}

/// Text being collected, with runs of white space written as one space.
struct Text {
    out: String,
    /// A space is due before the next word.
    space: bool,
}

impl Text {
    fn push(&mut self, s: &str) {
        let mut start = 0;
        for (i, b) in s.bytes().enumerate() {
            if b.is_ascii_whitespace() {
                self.push_word(&s[start..i]);
                self.space = true;
                start = i + 1;
            }
        }
        self.push_word(&s[start..]);
    }

    fn push_word(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        if self.space && !self.out.is_empty() {
            self.out.push(' ');
        }
        self.space = false;
        self.out.push_str(s);
    }

    /// Pushes text between tags, with character references decoded.
    fn push_decoded(&mut self, s: &str) {
        let mut rest = s;
        while let Some(amp) = memchr(b'&', rest.as_bytes()) {
            self.push(&rest[..amp]);
            rest = &rest[amp..];
            // Names are short: `;` within the next 10 bytes, or the `&` is text.
            let decoded = rest.as_bytes()[1..]
                .iter()
                .take(11)
                .position(|&b| b == b';')
                .and_then(|i| Some((entity(&rest[1..=i])?, i + 2)));
            match decoded {
                Some((c, len)) => {
                    self.push(c.encode_utf8(&mut [0; 4]));
                    rest = &rest[len..];
                }
                None => {
                    self.push("&");
                    rest = &rest[1..];
                }
            }
        }
        self.push(rest);
    }
}

/// Where a tag that starts `s` (with `<`) ends, if `s` starts a tag at all; `>` inside
/// quoted attribute values does not end it.
fn tag_end(s: &str) -> Option<usize> {
    let first = *s.as_bytes().get(1)?;
    if !(first.is_ascii_alphabetic() || first == b'/' || first == b'!') {
        return None;
    }
    let mut from = 1;
    loop {
        let gt = from + memchr(b'>', &s.as_bytes()[from..])?;
        // A quote before it starts an attribute value, which may hold a `>`.
        match s[from..gt].find(['"', '\'']) {
            None => return Some(gt),
            Some(q) => {
                let open = from + q;
                let quote = s.as_bytes()[open];
                from = open + 1 + memchr(quote, &s.as_bytes()[open + 1..])? + 1;
            }
        }
    }
}

/// The character of a reference's name (`amp`, `#39`, `#x2013`), for the names that
/// Markdown and our templates write.
fn entity(name: &str) -> Option<char> {
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "laquo" => '«',
        "raquo" => '»',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "copy" => '©',
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_of_html_separates_blocks_and_keeps_inline_words_whole() {
        assert_eq!(
            page_text(
                "<dl><dt>Loại</dt><dd>Tập thể</dd></dl><p><b>Đ</b>ổi&nbsp;mới &amp; x&lt;y</p>"
            ),
            "Loại Tập thể Đổi mới & x<y"
        );
        assert_eq!(
            page_text("<p>a<br>b</p><svg><text>chart</text><svg></svg></svg><script>x</script>c"),
            "a b c"
        );
        assert_eq!(
            page_text("<p title=\"a > b\">x</p><!-- note -->y &#272;&#x1ea1;i 1 < 2"),
            "x y Đại 1 < 2"
        );
        // NFD text (as some editors save it) comes out composed.
        assert_eq!(page_text("<p>đu\u{31b}o\u{31b}\u{300}ng</p>"), "đường");
    }

    #[test]
    fn words_are_runs_of_letters_digits_and_marks() {
        let w: Vec<&str> = words("12/CT-UBND: Đổi mới, đu\u{31b}o\u{31b}\u{300}ng's").collect();
        assert_eq!(
            w,
            [
                "12",
                "CT",
                "UBND",
                "Đổi",
                "mới",
                "đu\u{31b}o\u{31b}\u{300}ng",
                "s"
            ]
        );
    }
}
