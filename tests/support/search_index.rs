//! Test helper shared by the unit tests of `render/search.rs` and `tests/search.rs`: reads a
//! built search index back, so tests can assert which folded words point to which pages.
//!
//! The layout is described in `render/search.rs`: `<lang>/meta.json` lists the shards,
//! `<lang>/w/<i>.json` maps words to postings (gaps × 8 + flags, in base 32) and
//! `<lang>/p/<i>.json` holds the pages as `[href, title, text]`.

use std::collections::{BTreeMap, BTreeSet};

const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

fn json(files: &BTreeMap<String, Vec<u8>>, name: &str) -> serde_json::Value {
    let bytes = files
        .get(name)
        .unwrap_or_else(|| panic!("{name} missing from the index"));
    serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Page numbers and flags (4: in the title; 0–3: how often) of encoded postings; the
/// title's length that follows a title posting is checked and skipped.
pub fn decode(postings: &str) -> Vec<(usize, u8)> {
    let mut out: Vec<(usize, u8)> = Vec::new();
    let (mut n, mut page, mut title_len_next) = (0usize, 0usize, false);
    for c in postings.bytes() {
        let d = DIGITS
            .iter()
            .position(|&x| x == c)
            .expect("a posting digit");
        n = n * 32 + d % 32;
        if d < 32 {
            if title_len_next {
                assert!((1..32).contains(&n), "title length {n}");
                title_len_next = false;
            } else {
                page += n >> 3;
                out.push((page, (n & 7) as u8));
                title_len_next = n & 4 != 0;
            }
            n = 0;
        }
    }
    assert!(!title_len_next, "a title posting without its length");
    out
}

/// The hrefs of `lang`'s pages, by page number.
fn hrefs(files: &BTreeMap<String, Vec<u8>>, lang: &str) -> Vec<String> {
    let meta = json(files, &format!("{lang}/meta.json"));
    let pages = meta["pages"].as_u64().expect("page count") as usize;
    let chunk = meta["chunk"].as_u64().expect("chunk size") as usize;
    let out: Vec<String> = (0..pages.div_ceil(chunk))
        .flat_map(|i| {
            json(files, &format!("{lang}/p/{i}.json"))
                .as_array()
                .expect("a chunk is a list")
                .iter()
                .map(|p| p[0].as_str().expect("href").to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(out.len(), pages);
    out
}

/// Every indexed word of `lang` with its postings (page number, flags), checking that each
/// word is in the shard of the longest key it starts with.
fn postings(files: &BTreeMap<String, Vec<u8>>, lang: &str) -> BTreeMap<String, Vec<(usize, u8)>> {
    let meta = json(files, &format!("{lang}/meta.json"));
    let keys: Vec<&str> = meta["shards"]
        .as_array()
        .expect("shard keys")
        .iter()
        .map(|k| k.as_str().expect("a key"))
        .collect();
    let mut out = BTreeMap::new();
    for (i, key) in keys.iter().enumerate() {
        let shard = json(files, &format!("{lang}/w/{i}.json"));
        for (word, p) in shard.as_object().expect("a shard is an object") {
            let longest = keys
                .iter()
                .filter(|k| word.starts_with(**k))
                .max_by_key(|k| k.len())
                .expect("a key the word starts with");
            assert_eq!(longest, key, "{word} is in the wrong shard");
            out.insert(word.clone(), decode(p.as_str().expect("postings")));
        }
    }
    out
}

/// Every indexed word of `lang` with the hrefs of the pages it occurs on. `files` maps
/// paths inside the index folder (`vi/meta.json`, …) to their bytes.
pub fn words(files: &BTreeMap<String, Vec<u8>>, lang: &str) -> BTreeMap<String, BTreeSet<String>> {
    let hrefs = hrefs(files, lang);
    postings(files, lang)
        .into_iter()
        .map(|(w, p)| (w, p.iter().map(|(page, _)| hrefs[*page].clone()).collect()))
        .collect()
}

/// The hrefs of the pages with `word` in their title.
#[allow(dead_code)]
pub fn title_pages(files: &BTreeMap<String, Vec<u8>>, lang: &str, word: &str) -> Vec<String> {
    let hrefs = hrefs(files, lang);
    postings(files, lang)
        .get(word)
        .into_iter()
        .flatten()
        .filter(|(_, flags)| flags & 4 != 0)
        .map(|(page, _)| hrefs[*page].clone())
        .collect()
}
