//! The open data: every table as CSV (RFC 4180, with a BOM for Excel) and as JSON with its
//! JSON Schema, in both languages, holding what the pages show; a Data Package describing
//! every CSV; the open data page listing every file. Fixture: `basic`, and the bundled site.
//!
//! And the open data as others check it: every language's Data Package of the bundled site
//! and of the fixtures passes `frictionless validate`, the reference validator of the
//! Frictionless Data standard (types, required cells, patterns, primary and foreign keys,
//! byte counts).
//!
//! The validator is Python; `bash .ci/run` installs a pinned copy into `target/pyvenv`
//! (tests/python/requirements.txt). Missing, it fails the test with that command; outside CI
//! `MINHBACH_SKIP_FRICTIONLESS=1` skips it.

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "support/site.rs"]
mod support_site;
use support_site::*;

fn env_set(name: &str) -> bool {
    std::env::var(name).is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// The validator: `MINHBACH_FRICTIONLESS`, else the one `.ci/run` installs, else `PATH`'s.
fn frictionless() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("MINHBACH_FRICTIONLESS").map(PathBuf::from),
        Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("target/pyvenv/bin/frictionless")),
        Some(PathBuf::from("frictionless")),
    ];
    candidates.into_iter().flatten().find(|p| {
        Command::new(p)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

#[test]
fn every_data_package_passes_frictionless_validate() {
    let ci = env_set("CI");
    if env_set("MINHBACH_SKIP_FRICTIONLESS") && !ci {
        eprintln!("SKIPPED: frictionless validate (MINHBACH_SKIP_FRICTIONLESS is set)");
        return;
    }
    let Some(validator) = frictionless() else {
        panic!(
            "the open data test needs the Frictionless validator: run `bash .ci/run`, which \
             installs a pinned copy into target/pyvenv (python3 -m venv target/pyvenv && \
             target/pyvenv/bin/pip install -r tests/python/requirements.txt){}",
            if ci {
                ""
            } else {
                ", or skip this test with MINHBACH_SKIP_FRICTIONLESS=1"
            }
        );
    };
    let sites: [(&str, tempfile::TempDir, &str); 3] = [
        ("bundled", bundled(), "2024-01-01"),
        ("multiyear", fixture("multiyear"), "2024-07-15"),
        ("basic", fixture("basic"), "2024-01-01"),
    ];
    let mut checked = 0;
    for (name, site, now) in &sites {
        let o = minhbach(site.path(), &["build", "--now", now]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        for dir in ["du-lieu-mo", "data", "en/data"] {
            let package = site
                .path()
                .join("public")
                .join(dir)
                .join("datapackage.json");
            if !package.is_file() {
                continue;
            }
            let out = Command::new(&validator)
                .arg("validate")
                .arg(&package)
                .output()
                .expect("frictionless runs, as checked above");
            let report = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success() && !report.contains("INVALID"),
                "{name}: {dir}/datapackage.json fails frictionless validate:\n{report}{}",
                String::from_utf8_lossy(&out.stderr)
            );
            // Every table was read, not just the package's own description.
            for table in ["plans", "campaigns", "results", "indicators", "attachments"] {
                assert!(report.contains(&format!("{table}.csv")), "{report}");
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 6, "both languages of three sites");
}

const DATA_TABLES: [&str; 9] = [
    "plans",
    "campaigns",
    "exemplars",
    "reports",
    "results",
    "indicators",
    "attachments",
    "documents",
    "events",
];

/// An RFC 4180 reader, written apart from the generator's writer so the test checks it.
/// Records end with CRLF; a bare LF outside quotes is an error.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => {
                assert!(field.is_empty(), "quote inside an unquoted field: {field}");
                quoted = true;
            }
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, '\n') => panic!("bare LF line end"),
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted, "unterminated quoted field");
    assert!(
        field.is_empty() && record.is_empty(),
        "last record without CRLF"
    );
    records
}

/// A CSV file: checks the BOM and returns (header, rows).
fn read_csv(root: &Path, path: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = std::fs::read(root.join("public").join(path)).expect("read csv");
    assert!(
        bytes.starts_with(&[0xEF, 0xBB, 0xBF]),
        "{path} must start with a UTF-8 BOM for Excel"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).expect("UTF-8");
    let mut records = parse_csv(&text).into_iter();
    let header = records.next().expect("header row");
    let rows: Vec<Vec<String>> = records.collect();
    for r in &rows {
        assert_eq!(r.len(), header.len(), "{path}: ragged row {r:?}");
    }
    (header, rows)
}

/// A JSON value as the CSV writes it.
fn as_csv_field(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => items
            .iter()
            .map(as_csv_field)
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

#[test]
fn open_data_files_exist_in_both_languages_and_match_the_content() {
    let site = fixture("basic");
    assert_ok(&build(site.path(), &[]));
    for dir in ["data", "en/data"] {
        for t in DATA_TABLES {
            for ext in ["csv", "json", "schema.json"] {
                read(site.path(), &format!("{dir}/{t}.{ext}"));
            }
        }
        read(site.path(), &format!("{dir}/datapackage.json"));
        read(site.path(), &format!("{dir}/index.html"));
    }
    let root = site.path();
    // The four published campaigns, drafts and future ones left out, in both languages.
    for dir in ["data", "en/data"] {
        let campaigns = json(root, &format!("{dir}/campaigns.json"));
        let ids: Vec<&str> = campaigns
            .as_array()
            .expect("array")
            .iter()
            .map(|c| c["id"].as_str().expect("id"))
            .collect();
        assert_eq!(ids, ["am-no", "an-toan", "dan-van-kheo", "doi-moi"]);
    }
    // Values in the file's language, marked with the language of the text.
    let vi = json(root, "data/exemplars.json");
    let en = json(root, "en/data/exemplars.json");
    let find = |v: &serde_json::Value, id: &str| {
        v.as_array()
            .expect("array")
            .iter()
            .find(|x| x["id"] == id)
            .unwrap_or_else(|| panic!("{id} missing"))
            .clone()
    };
    let team = find(&vi, "tap-the-thanh-tra");
    assert_eq!(team["title"], "Tập thể Thanh tra");
    assert_eq!(team["kind"], "collective");
    assert_eq!(team["kind_label"], "Tập thể");
    assert_eq!(team["recognized"], "2021-12-01");
    assert_eq!(team["recognized_text"], "ngày 01 tháng 12 năm 2021");
    assert_eq!(
        team["url"],
        "https://example.gov.vn/guong-dien-hinh/tap-the-thanh-tra/"
    );
    assert_eq!(find(&en, "tap-the-thanh-tra")["title"], "Inspectorate team");
    let sample = find(&en, "nguyen-van-a");
    assert_eq!(sample["illustrative"], true);
    assert_eq!(
        sample["lang"], "vi",
        "untranslated: the Vietnamese text, marked"
    );
    assert_eq!(sample["campaign_id"], "an-toan");
    // Partial dates keep their precision; numbers are numbers.
    let campaigns = json(root, "en/data/campaigns.json");
    assert_eq!(campaigns[1]["launched"], "2022-01");
    assert_eq!(campaigns[1]["launched_text"], "January 2022");
    assert_eq!(campaigns[1]["exemplar_count"], 1);
    let results = json(root, "data/results.json");
    assert_eq!(
        results,
        serde_json::json!([{
            "report_id": "bao-cao-6-thang-2022",
            "lang": "vi",
            "plan_id": "ke-hoach-2022",
            "period": "2022-H1",
            "period_label": "6 tháng đầu năm 2022",
            "period_start": "2022-01-01",
            "period_end": "2022-06-30",
            "campaign_id": "an-toan",
            "campaign_title": "An toàn",
            "indicator_id": "ty-le-dang-ky",
            "indicator": "Tỷ lệ đăng ký",
            "direction": "at-least",
            "target": 100,
            "target_min": null,
            "target_max": null,
            "actual": 96,
            "unit": "%",
            "percent_of_target": 96,
            "met": false,
            "note": null,
            "illustrative": false,
            "report_url": "https://example.gov.vn/bao-cao/bao-cao-6-thang-2022/",
            "campaign_url": "https://example.gov.vn/phong-trao/an-toan/"
        }])
    );
    let reports = json(root, "en/data/reports.json");
    assert_eq!(reports[0]["status"], "on-time");
    assert_eq!(reports[0]["period_label"], "First half of 2022");
    let events = json(root, "data/events.json");
    assert!(events
        .as_array()
        .expect("array")
        .iter()
        .any(|e| e["date"] == "2022" && e["title"] == "Hội nghị trong năm"));
    // Every text that comes from the theme was found: no raw key names.
    for dir in ["data", "en/data"] {
        let package = read(root, &format!("{dir}/datapackage.json"));
        assert!(
            !package.contains("\"col_") && !package.contains("\"data_"),
            "missing UI string in {dir}/datapackage.json"
        );
    }
}

#[test]
fn every_open_data_json_file_validates_against_its_schema() {
    let site = fixture("basic");
    assert_ok(&build(site.path(), &[]));
    let bundled = bundled();
    assert_ok(&minhbach(bundled.path(), &["build", "--now", "2026-11-25"]));
    for (root, dirs) in [
        (site.path(), ["data", "en/data"]),
        (bundled.path(), ["du-lieu-mo", "en/data"]),
    ] {
        for dir in dirs {
            for t in DATA_TABLES {
                let schema = json(root, &format!("{dir}/{t}.schema.json"));
                if let Err(e) = jsonschema::draft202012::meta::validate(&schema) {
                    panic!("{dir}/{t}.schema.json is not a valid 2020-12 schema: {e}");
                }
                let validator = jsonschema::draft202012::options()
                    .should_validate_formats(true)
                    .build(&schema)
                    .expect("schema compiles");
                let data = json(root, &format!("{dir}/{t}.json"));
                let errors: Vec<String> = validator
                    .iter_errors(&data)
                    .map(|e| e.to_string())
                    .collect();
                assert!(errors.is_empty(), "{dir}/{t}.json: {errors:#?}");
                // The schema constrains: a row without its first column fails.
                if let Some(row) = data.as_array().and_then(|a| a.first()) {
                    let mut broken = row.clone();
                    let first = schema["items"]["required"][0].as_str().expect("column");
                    broken.as_object_mut().expect("object").remove(first);
                    assert!(!validator.is_valid(&serde_json::json!([broken])));
                }
            }
        }
    }
}

#[test]
fn open_data_csv_opens_in_excel_with_vietnamese_intact() {
    let site = fixture("basic");
    let report = "content/reports/bao-cao-6-thang-2022.vi.md";
    let text = std::fs::read_to_string(site.path().join(report)).expect("read");
    write(
        site.path(),
        report,
        text.replace(
            "    actual: 96",
            "    actual: 96\n    note: 'Đạt 96%, gần \"hoàn thành\"'",
        ),
    );
    assert_ok(&build(site.path(), &[]));
    let root = site.path();
    let raw = std::fs::read(root.join("public/data/results.csv")).expect("read");
    assert!(
        raw.windows(2).filter(|w| w == b"\r\n").count() == 2,
        "CRLF line ends"
    );
    assert!(String::from_utf8_lossy(&raw).contains(r#","Đạt 96%, gần ""hoàn thành""","#));
    let (header, rows) = read_csv(root, "data/results.csv");
    assert_eq!(header[..4], ["report_id", "lang", "plan_id", "period"]);
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    assert_eq!(rows[0][col("note")], "Đạt 96%, gần \"hoàn thành\"");
    assert_eq!(rows[0][col("indicator")], "Tỷ lệ đăng ký");
    assert_eq!(rows[0][col("target")], "100");
    assert_eq!(rows[0][col("met")], "false");
    // Every CSV holds exactly what its JSON twin holds, column for column.
    for dir in ["data", "en/data"] {
        for t in DATA_TABLES {
            let (header, rows) = read_csv(root, &format!("{dir}/{t}.csv"));
            let twin = json(root, &format!("{dir}/{t}.json"));
            let twin = twin.as_array().expect("array");
            assert_eq!(rows.len(), twin.len(), "{dir}/{t}: row count");
            for (row, obj) in rows.iter().zip(twin) {
                let obj = obj.as_object().expect("object");
                let keys: Vec<&String> = obj.keys().collect();
                let mut sorted_header: Vec<&String> = header.iter().collect();
                sorted_header.sort();
                assert_eq!(
                    keys, sorted_header,
                    "{dir}/{t}: JSON keys are the CSV header"
                );
                for (name, value) in header.iter().zip(row) {
                    assert_eq!(value, &as_csv_field(&obj[name]), "{dir}/{t}.{name}");
                }
            }
        }
    }
}

#[test]
fn data_package_describes_every_csv_with_its_header() {
    let site = fixture("basic");
    assert_ok(&build(site.path(), &[]));
    let root = site.path();
    for dir in ["data", "en/data"] {
        let package = json(root, &format!("{dir}/datapackage.json"));
        assert_eq!(package["profile"], "tabular-data-package");
        assert_eq!(package["licenses"][0]["name"], "CC-BY-4.0");
        assert!(package["title"].as_str().is_some_and(|t| !t.is_empty()));
        let resources = package["resources"].as_array().expect("resources");
        let mut paths: Vec<&str> = resources
            .iter()
            .map(|r| r["path"].as_str().expect("path"))
            .collect();
        paths.sort();
        let mut csvs: Vec<String> = tree(&root.join("public").join(dir))
            .into_keys()
            .map(|p| p.display().to_string())
            .filter(|p| p.ends_with(".csv"))
            .collect();
        csvs.sort();
        assert_eq!(paths, csvs, "{dir}: every CSV is a resource");
        for r in resources {
            let path = r["path"].as_str().expect("path");
            assert_eq!(r["format"], "csv");
            assert_eq!(r["mediatype"], "text/csv");
            assert_eq!(r["encoding"], "utf-8");
            let bytes = std::fs::read(root.join("public").join(dir).join(path)).expect("csv");
            assert_eq!(r["bytes"], bytes.len(), "{path}: bytes");
            let (header, _) = read_csv(root, &format!("{dir}/{path}"));
            let fields = r["schema"]["fields"].as_array().expect("fields");
            let names: Vec<&str> = fields
                .iter()
                .map(|f| f["name"].as_str().expect("name"))
                .collect();
            assert_eq!(names, header, "{dir}/{path}: fields are the header");
            for f in fields {
                for key in ["type", "title", "description"] {
                    assert!(
                        f[key].as_str().is_some_and(|s| !s.is_empty()),
                        "{dir}/{path}: field {} has no {key}",
                        f["name"]
                    );
                }
                assert!(
                    f["name"]
                        .as_str()
                        .expect("name")
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b == b'_'),
                    "snake_case ASCII names"
                );
            }
            if let Some(key) = r["schema"]["primaryKey"].as_array() {
                for k in key {
                    assert!(names.contains(&k.as_str().expect("key")));
                }
            }
        }
    }
    // Field names are the same in every language; titles are translated.
    let vi = json(root, "data/datapackage.json");
    let en = json(root, "en/data/datapackage.json");
    let field = |p: &serde_json::Value, k: &str| -> Vec<String> {
        p["resources"][0]["schema"]["fields"]
            .as_array()
            .expect("fields")
            .iter()
            .map(|f| f[k].as_str().expect("str").to_string())
            .collect()
    };
    assert_eq!(field(&vi, "name"), field(&en, "name"));
    assert_ne!(field(&vi, "title"), field(&en, "title"));
}

#[test]
fn open_data_page_lists_every_file_and_data_pages_link_their_downloads() {
    let site = fixture("basic");
    assert_ok(&build(site.path(), &[]));
    let root = site.path();
    for (dir, license, sample) in [
        ("data", "Giấy phép", "Mẫu minh họa"),
        ("en/data", "Licence", "Illustrative sample"),
    ] {
        let page = read(root, &format!("{dir}/index.html"));
        for (path, bytes) in tree(&root.join("public").join(dir)) {
            let name = path.display().to_string();
            if name == "index.html" {
                continue;
            }
            assert!(
                page.contains(&format!("href=\"/{dir}/{name}\"")),
                "{dir}/index.html does not link {name}"
            );
            assert!(
                page.contains(&format!("<data value=\"{}\">", bytes.len())),
                "{dir}/index.html does not give the size of {name}"
            );
        }
        assert!(page.contains("CC-BY-4.0") && page.contains(license));
        assert!(page.contains(sample));
        assert!(page.contains(&format!("<a href=\"/{dir}/\" aria-current=\"page\">")));
    }
    assert!(read(root, "en/data/index.html").contains("Rows: <strong>4</strong>"));
    for (page, file) in [
        ("phong-trao/index.html", "/data/campaigns.csv"),
        ("phong-trao/an-toan/index.html", "/data/results.csv"),
        ("guong-dien-hinh/index.html", "/data/exemplars.json"),
        ("bao-cao/index.html", "/data/reports.csv"),
        ("bao-cao/index.html", "/data/results.csv"),
        (
            "bao-cao/bao-cao-6-thang-2022/index.html",
            "/data/results.json",
        ),
        ("van-ban/index.html", "/data/documents.csv"),
        ("dong-thoi-gian/index.html", "/data/events.csv"),
        ("en/campaigns/index.html", "/en/data/campaigns.csv"),
        ("en/timeline/index.html", "/en/data/events.json"),
    ] {
        assert!(
            read(root, page).contains(&format!("href=\"{file}\"")),
            "{page} does not link {file}"
        );
    }
}
