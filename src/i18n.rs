//! Vietnamese as a first-class language: folding, slugs and collation.
//!
//! Dates live in `date.rs`; UI strings come from the theme (`render/theme.rs`).

use std::cmp::Ordering;
use unicode_normalization::UnicodeNormalization;

const BREVE: char = '\u{306}';
const CIRCUMFLEX: char = '\u{302}';
const HORN: char = '\u{31B}';
/// Tone marks in dictionary order: ngang (none), huyền, hỏi, ngã, sắc, nặng.
const TONES: [char; 5] = ['\u{300}', '\u{309}', '\u{303}', '\u{301}', '\u{323}'];

fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c)
}

/// Lowercase, without diacritics, `đ` → `d`: what people type on a phone without a
/// Vietnamese keyboard. Used for suggestions, and later for search.
///
/// Runs of ASCII (most of any Vietnamese text: the letters without marks, spaces,
/// digits) are only lowercased; the rest goes through NFD. Equal to decomposing the whole
/// string, because ASCII characters are starters: canonical reordering never moves a mark
/// across one. Search indexing and the privacy scan fold every text, so this is hot.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        out.extend(
            rest[..ascii]
                .bytes()
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
        rest = &rest[ascii..];
        let other = rest
            .bytes()
            .position(|b| b.is_ascii())
            .unwrap_or(rest.len());
        out.extend(fold_decomposed(&rest[..other]));
        rest = &rest[other..];
    }
    out
}

fn fold_decomposed(s: &str) -> impl Iterator<Item = char> + '_ {
    s.nfd()
        .filter(|c| !is_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'đ' { 'd' } else { c })
}

/// ASCII slug for URLs: `Đổi mới` → `doi-moi`.
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut dash = false;
    for c in fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    out
}

/// The shape [`slugify`] produces, for ids and URL segments: lowercase ASCII letters and
/// digits in groups joined by single dashes.
pub const SLUG_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

/// NFC normalization; all text is compared and written in NFC.
pub fn nfc(s: &str) -> String {
    // Most text arrives composed already: checking is several times cheaper than
    // decomposing and composing again, which a build did for every byte of every file.
    if unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        return s.to_string();
    }
    s.nfc().collect()
}

/// Collation key: letters in Vietnamese alphabet order (a ă â b c d đ e ê …), then tones,
/// then case, so `an < ăn < ân < bàn < đá` and sorting does not depend on code points.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct CollationKey {
    primary: Vec<u32>,
    tones: Vec<u8>,
    case: Vec<u8>,
}

pub fn collation_key(s: &str) -> CollationKey {
    let mut key = CollationKey {
        primary: Vec::new(),
        tones: Vec::new(),
        case: Vec::new(),
    };
    let chars: Vec<char> = s.nfd().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        let mut modifier = 0u32;
        let mut tone = 0u8;
        while i < chars.len() && is_mark(chars[i]) {
            match chars[i] {
                BREVE => modifier = 1,
                CIRCUMFLEX => modifier = 2,
                HORN => modifier = 3,
                m => {
                    if let Some(t) = TONES.iter().position(|t| *t == m) {
                        tone = t as u8 + 1;
                    }
                }
            }
            i += 1;
        }
        let lower = c.to_lowercase().next().unwrap_or(c);
        let (base, modifier) = if lower == 'đ' {
            ('d', 1)
        } else {
            (lower, modifier)
        };
        let weight = if base.is_ascii_lowercase() {
            0x1000 + (base as u32 - 'a' as u32) * 4 + modifier
        } else if base.is_whitespace() {
            1
        } else {
            base as u32 + if base.is_alphabetic() { 0x2000 } else { 0 }
        };
        key.primary.push(weight);
        key.tones.push(tone);
        key.case.push(u8::from(c != lower));
    }
    key
}

/// Compares two strings by Vietnamese collation.
pub fn collate(a: &str, b: &str) -> Ordering {
    collation_key(a).cmp(&collation_key(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_by_ascii_runs_equals_folding_the_whole_decomposition() {
        let pool: Vec<char> =
            "aAeEzZ 09-.đĐẮắẵỆệƯươỜİẞ\u{301}\u{323}\u{309}\u{5b0}\u{5b8}ǅ\u{fb01}"
                .chars()
                .collect();
        let mut seed = 42u64;
        for _ in 0..2000 {
            let mut s = String::new();
            for _ in 0..(seed % 17) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                s.push(pool[(seed >> 33) as usize % pool.len()]);
            }
            assert_eq!(fold(&s), fold_decomposed(&s).collect::<String>(), "{s:?}");
        }
        assert_eq!(fold("Ngày Sinh: ĐỒNG"), "ngay sinh: dong");
    }

    #[test]
    fn slugs_fold_vietnamese() {
        assert_eq!(slugify("Đổi mới"), "doi-moi");
        assert_eq!(
            slugify("Tây Ninh chung sức xây dựng nông thôn mới"),
            "tay-ninh-chung-suc-xay-dung-nong-thon-moi"
        );
        assert_eq!(
            slugify("  Phòng, chống dịch Covid-19!  "),
            "phong-chong-dich-covid-19"
        );
        assert_eq!(slugify("ĐƯỜNG"), "duong");
        // NFD input gives the same slug as NFC input.
        assert_eq!(slugify("Nguye\u{302}\u{303}n"), "nguyen");
    }

    #[test]
    fn fold_strips_tones_and_d() {
        assert_eq!(fold("NÔNG THÔN MỚI"), "nong thon moi");
        assert_eq!(fold("đường"), "duong");
    }

    #[test]
    fn vietnamese_alphabet_order() {
        let mut words = vec![
            "đá", "bàn", "ân", "ăn", "an", "dê", "ê", "e", "ơn", "ôn", "on", "ưa", "ua", "gà",
        ];
        words.sort_by(|a, b| collate(a, b));
        assert_eq!(
            words,
            vec![
                "an", "ăn", "ân", "bàn", "dê", "đá", "e", "ê", "gà", "on", "ôn", "ơn", "ua", "ưa"
            ]
        );
    }

    #[test]
    fn tones_order_after_letters() {
        let mut words = vec!["mạ", "má", "mã", "mả", "mà", "ma", "mai"];
        words.sort_by(|a, b| collate(a, b));
        assert_eq!(words, vec!["ma", "mà", "mả", "mã", "má", "mạ", "mai"]);
    }
}
