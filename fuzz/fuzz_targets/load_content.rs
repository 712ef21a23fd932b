//! Fuzz target: one content file as the loader sees it — bytes to UTF-8 (or the error with
//! its byte offset), cleaning (BOM, CRLF, NFC), the front matter split, the typed front
//! matter of every kind, and the markdown body rendered and sanitized. Nothing may panic,
//! and no sanitized body may contain a `<script`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use minhbach::content::frontmatter::{CampaignFm, ExemplarFm, PageFm, PlanFm, ReportFm};
use minhbach::content::load;
use minhbach::render::markdown::{self, RawHtml};
use minhbach::yaml::Source;

fuzz_target!(|data: &[u8]| {
    let path = "content/campaigns/x.vi.md";
    let text = match load::utf8(path, data.to_vec()) {
        Ok(t) => t,
        Err(_) => String::from_utf8_lossy(data).into_owned(),
    };
    let text = load::clean_text(&text);
    let body = match load::split(&text) {
        Ok((yaml, yaml_line, body, _)) => {
            let src = Source {
                path,
                file_text: &text,
                yaml: &text[yaml],
                first_line: yaml_line,
            };
            let _ = src.parse::<PlanFm>();
            let _ = src.parse::<CampaignFm>();
            let _ = src.parse::<ExemplarFm>();
            let _ = src.parse::<ReportFm>();
            let _ = src.parse::<PageFm>();
            let _ = src.parse_strict::<Option<Vec<minhbach::content::frontmatter::UnitFm>>>();
            &text[body]
        }
        Err(_) => text.as_str(),
    };
    let html = markdown::render(body, "/sub/", RawHtml::Sanitize, &Default::default());
    assert!(!html.to_ascii_lowercase().contains("<script"), "{html}");
});
