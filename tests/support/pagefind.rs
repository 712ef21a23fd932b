//! Test helper shared by the unit tests of `render/search.rs` and `tests/site.rs`: reads a
//! built Pagefind bundle back, so tests can assert which folded words point to which pages.
//!
//! Pagefind's files are gzip of `pagefind_dcd` + CBOR (metadata and word chunks) or JSON
//! (page fragments); the CBOR layout is `MetaIndex` and `WordIndex` in pagefind's
//! `src/index/`.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;

/// A decoded CBOR value: Pagefind uses only arrays, text and integers.
#[derive(Debug)]
enum Cbor {
    Int(i64),
    Text(String),
    Array(Vec<Cbor>),
}

impl Cbor {
    fn at(&self, i: usize) -> &Cbor {
        match self {
            Cbor::Array(a) => &a[i],
            other => panic!("expected an array, got {other:?}"),
        }
    }
    fn items(&self) -> &[Cbor] {
        match self {
            Cbor::Array(a) => a,
            other => panic!("expected an array, got {other:?}"),
        }
    }
    fn text(&self) -> &str {
        match self {
            Cbor::Text(s) => s,
            other => panic!("expected text, got {other:?}"),
        }
    }
    fn int(&self) -> usize {
        match self {
            Cbor::Int(i) => usize::try_from(*i).expect("a page number"),
            other => panic!("expected an integer, got {other:?}"),
        }
    }
}

fn decode(d: &mut minicbor::Decoder) -> Cbor {
    use minicbor::data::Type;
    match d.datatype().expect("CBOR type") {
        Type::Array => {
            let n = d.array().expect("array").expect("definite length");
            Cbor::Array((0..n).map(|_| decode(d)).collect())
        }
        Type::String => Cbor::Text(d.str().expect("text").to_string()),
        _ => Cbor::Int(d.i64().expect("integer")),
    }
}

/// Gunzips a Pagefind file and drops its `pagefind_dcd` signature.
fn unpack(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("gzip");
    assert!(out.starts_with(b"pagefind_dcd"), "not a Pagefind file");
    out.split_off(12)
}

fn cbor(bytes: &[u8]) -> Cbor {
    decode(&mut minicbor::Decoder::new(&unpack(bytes)))
}

/// Every indexed word of `lang` with the URLs of the pages it occurs on. `files` maps paths
/// inside the bundle (`pagefind-entry.json`, `index/…`) to their bytes.
pub fn words(files: &BTreeMap<String, Vec<u8>>, lang: &str) -> BTreeMap<String, BTreeSet<String>> {
    let entry: serde_json::Value =
        serde_json::from_slice(&files["pagefind-entry.json"]).expect("entry JSON");
    let hash = entry["languages"][lang]["hash"]
        .as_str()
        .unwrap_or_else(|| panic!("no {lang} index in {entry}"));
    let meta = cbor(&files[&format!("pagefind.{hash}.pf_meta")]);
    let urls: Vec<String> = meta
        .at(1)
        .items()
        .iter()
        .map(|page| {
            let fragment = &files[&format!("fragment/{}.pf_fragment", page.at(0).text())];
            let json: serde_json::Value =
                serde_json::from_slice(&unpack(fragment)).expect("fragment JSON");
            json["url"].as_str().expect("url").to_string()
        })
        .collect();
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for chunk in meta.at(2).items() {
        let index = cbor(&files[&format!("index/{}.pf_index", chunk.at(2).text())]);
        for word in index.at(0).items() {
            let pages = out.entry(word.at(0).text().to_string()).or_default();
            // Pages with the plain form, then pages with each diacritic variant of it.
            let variants = word.at(2).items().iter().map(|v| v.at(1));
            for list in std::iter::once(word.at(1)).chain(variants) {
                // Page numbers are delta-encoded within each list.
                let mut number = 0;
                for page in list.items() {
                    number += page.at(0).int();
                    pages.insert(urls[number].clone());
                }
            }
        }
    }
    out
}
