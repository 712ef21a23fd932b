//! Authoring commands: `new` (every kind, both languages, refusing to overwrite, a site
//! without units), `init`, `schemas` (the committed schemas are what the code generates; the
//! bundled content and scaffolded files match them), the corpus generator `gen-corpus`, and
//! the editor examples in `docs/vscode/`. Fixtures: `basic`, the bundled site, and sites made
//! by `init` and `gen-corpus`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "support/site.rs"]
mod support_site;
use support_site::*;

/// 2024-01-01 as SOURCE_DATE_EPOCH, so scaffolded dates are known.
const EPOCH_2024: &str = "1704067200";

/// Runs minhbach without `--root`, with "today" fixed by SOURCE_DATE_EPOCH.
fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", EPOCH_2024)
        .output()
        .expect("run minhbach")
}

fn new_item(root: &Path, args: &[&str]) -> Output {
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--root", root.to_str().expect("UTF-8 temp path")]);
    run(&all)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The committed schema `name`, compiled as the draft-07 schema it declares itself to be.
fn schema_validator(name: &str) -> jsonschema::Validator {
    let path = repo().join(format!("docs/schemas/{name}.schema.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let schema: serde_json::Value = serde_json::from_str(&text).expect("schema JSON");
    jsonschema::draft7::meta::validate(&schema).expect("a valid draft-07 schema");
    jsonschema::draft7::new(&schema).expect("schema compiles")
}

/// The YAML of a site file as JSON, the way an editor's YAML support sees it: a content file's
/// front matter, or a whole data or settings file.
fn yaml_as_json(path: &Path) -> serde_json::Value {
    let text = minhbach::content::load::clean_text(
        &std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path:?}: {e}")),
    );
    let yaml = if path.extension().is_some_and(|e| e == "md") {
        let (yaml, _, _, _) = minhbach::content::load::split(&text)
            .unwrap_or_else(|(_, _, m)| panic!("{path:?}: {m}"));
        text[yaml].to_string()
    } else {
        text
    };
    serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{path:?}: {e}"))
}

/// Validates every content file, data file and site.yaml of a site against its schema.
fn assert_site_matches_schemas(root: &Path) -> usize {
    let mut checked = 0;
    let mut check = |schema: &str, path: &Path| {
        let errors: Vec<String> = schema_validator(schema)
            .iter_errors(&yaml_as_json(path))
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{path:?} against {schema}: {errors:#?}");
        checked += 1;
    };
    check("site", &root.join("site.yaml"));
    for (folder, schema) in [
        ("plan", "plan"),
        ("campaigns", "campaign"),
        ("exemplars", "exemplar"),
        ("reports", "report"),
        ("pages", "page"),
    ] {
        let dir = root.join("content").join(folder);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries.map(|e| e.expect("entry").path()).collect();
        files.sort();
        for f in files
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == "md"))
        {
            // A translation of a Vietnamese file gives text only: its own schema.
            let name = f.to_string_lossy();
            let vi = name.replace(".en.md", ".vi.md");
            if name.ends_with(".en.md") && Path::new(&vi).exists() && schema != "page" {
                check(&format!("{schema}.translation"), f);
            } else {
                check(schema, f);
            }
        }
    }
    for data in ["documents", "units", "events", "indicators"] {
        let f = root.join(format!("content/data/{data}.yaml"));
        if f.exists() {
            check(data, &f);
        }
    }
    checked
}

#[test]
fn new_files_of_every_kind_build_as_drafts_and_stay_out_of_a_normal_build() {
    let site = fixture("basic");
    for (kind, title, stem, page) in [
        (
            "campaign",
            "Phong trào \"Xanh\": sạch # đẹp",
            "phong-trao-xanh-sach-dep",
            "phong-trao/phong-trao-xanh-sach-dep/index.html",
        ),
        (
            "exemplar",
            "Ông Trần Văn Mới",
            "ong-tran-van-moi",
            "guong-dien-hinh/ong-tran-van-moi/index.html",
        ),
        (
            "report",
            "Báo cáo: quý I",
            "bao-cao-quy-i",
            "bao-cao/bao-cao-quy-i/index.html",
        ),
        ("page", "Liên hệ", "lien-he", "lien-he/index.html"),
        (
            "nomination",
            "Lấy ý kiến khen thưởng",
            "lay-y-kien-khen-thuong",
            "nominations/lay-y-kien-khen-thuong/index.html",
        ),
        (
            "plan",
            "Kế hoạch chuyên đề chuyển đổi số",
            "ke-hoach-chuyen-de-chuyen-doi-so",
            "ke-hoach/ke-hoach-chuyen-de-chuyen-doi-so/index.html",
        ),
    ] {
        let o = new_item(site.path(), &[kind, title]);
        assert!(o.status.success(), "new {kind}: {}", stderr(&o));
        let folder = match kind {
            "campaign" => "campaigns",
            "exemplar" => "exemplars",
            "report" => "reports",
            "nomination" => "nominations",
            "plan" => "plan",
            _ => "pages",
        };
        let rel = format!("content/{folder}/{stem}.vi.md");
        assert!(stdout(&o).contains(&rel), "{}", stdout(&o));
        let text = std::fs::read_to_string(site.path().join(&rel)).expect("created");
        assert!(text.contains("\ndraft: true\n"), "{text}");
        assert!(text.contains("# Bản nháp: true nghĩa là"), "{text}");
        assert!(!site
            .path()
            .join(format!("content/{folder}/{stem}.en.md"))
            .exists());

        assert_ok(&build(site.path(), &["--drafts"]));
        let html = read(site.path(), page);
        assert!(html.contains("<html lang=\"vi\">"), "{page}");
        assert_ok(&build(site.path(), &[]));
        assert!(
            !site.path().join("public").join(page).exists(),
            "{page} is a draft and must not be published"
        );
    }
    // The title keeps its quotes and colon, and dates are "today".
    assert_ok(&build(site.path(), &["--drafts"]));
    let campaign = read(
        site.path(),
        "phong-trao/phong-trao-xanh-sach-dep/index.html",
    );
    assert!(
        campaign.contains("Phong trào &quot;Xanh&quot;: sạch # đẹp"),
        "{campaign}"
    );
    let text =
        std::fs::read_to_string(site.path().join("content/exemplars/ong-tran-van-moi.vi.md"))
            .expect("exemplar");
    assert!(text.contains("\nrecognized: 2024-01-01\n"), "{text}");
    // References hold the first id the site has, and the comment lists them all.
    assert!(text.contains("\ncampaign: \"am-no\"\n"), "{text}");
    assert!(
        text.replace("\n# ", " ")
            .contains("an-toan, dan-van-kheo, doi-moi"),
        "{text}"
    );
    assert_site_matches_schemas(site.path());
}

#[test]
fn new_refuses_to_overwrite_and_writes_nothing() {
    let site = fixture("basic");
    assert!(new_item(site.path(), &["page", "Hỏi đáp"]).status.success());
    let path = site.path().join("content/pages/hoi-dap.vi.md");
    write(
        site.path(),
        "content/pages/hoi-dap.vi.md",
        "edited by hand\n",
    );
    let o = new_item(site.path(), &["page", "Hỏi đáp"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("content/pages/hoi-dap.vi.md: error[MB0902]: the file already exists"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "edited by hand\n"
    );
    // Every target is checked before any is written: the English file is not created either.
    let o = new_item(site.path(), &["page", "Hỏi đáp", "--lang", "both"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!site.path().join("content/pages/hoi-dap.en.md").exists());
    // A file whose name folds to the same id counts as taken.
    let o = new_item(site.path(), &["campaign", "Đổi mới"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("content/campaigns/Đổi mới.vi.md already has the id \"doi-moi\""),
        "{}",
        stderr(&o)
    );
    assert!(!site.path().join("content/campaigns/doi-moi.vi.md").exists());
}

#[test]
fn new_with_both_languages_creates_a_pair_with_one_stem() {
    let site = fixture("basic");
    let o = new_item(site.path(), &["campaign", "Đổi mới xanh", "--lang", "both"]);
    assert!(o.status.success(), "{}", stderr(&o));
    for lang in ["vi", "en"] {
        let rel = format!("content/campaigns/doi-moi-xanh.{lang}.md");
        assert!(stdout(&o).contains(&rel), "{}", stdout(&o));
    }
    let en = std::fs::read_to_string(site.path().join("content/campaigns/doi-moi-xanh.en.md"))
        .expect("en");
    assert!(
        en.contains("# Draft: true means this file is NOT published yet."),
        "{en}"
    );
    assert!(
        en.replace("\n# ", " ")
            .contains("Translate the title into English."),
        "{en}"
    );
    let o = build(site.path(), &["--drafts"]);
    assert_ok(&o);
    assert!(!stderr(&o).contains("doi-moi-xanh"), "{}", stderr(&o));
    assert!(read(site.path(), "phong-trao/doi-moi-xanh/index.html").contains("Đổi mới xanh"));
    assert!(read(site.path(), "en/campaigns/doi-moi-xanh/index.html").contains("Đổi mới xanh"));
}

#[test]
fn new_in_a_site_without_units_says_the_build_fails_until_one_is_added() {
    let site = tempfile::tempdir().expect("temp dir");
    write(
        site.path(),
        "site.yaml",
        "base_url: \"/\"\nlanguages:\n  - code: vi\n    title: \"T\"\n    organization: { name: \"A\", parent: \"B\" }\n",
    );
    let o = new_item(site.path(), &["campaign", "Tiết kiệm"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("has no units yet") && stdout(&o).contains("fail"),
        "{}",
        stdout(&o)
    );
    let text = std::fs::read_to_string(site.path().join("content/campaigns/tiet-kiem.vi.md"))
        .expect("created");
    assert!(text.contains("\nlead_unit: \"\"\n"), "{text}");
    let o = build(site.path(), &["--drafts"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("unknown unit \"\""), "{}", stderr(&o));
    // Once a unit exists, the same file builds.
    write(
        site.path(),
        "content/data/units.yaml",
        "- id: van-phong\n  name: { vi: \"Văn phòng\" }\n",
    );
    write(
        site.path(),
        "content/campaigns/tiet-kiem.vi.md",
        text.replace("lead_unit: \"\"", "lead_unit: \"van-phong\""),
    );
    assert_ok(&build(site.path(), &["--drafts"]));
    // A language the site does not have is refused.
    let o = new_item(site.path(), &["page", "About", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("the site has no language \"en\""));
}

#[test]
fn init_creates_a_bilingual_site_that_builds_without_errors_or_warnings() {
    let parent = tempfile::tempdir().expect("temp dir");
    let dir = parent.path().join("trang-moi");
    let o = run(&["init", dir.to_str().expect("UTF-8 temp path")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("created"), "{}", stdout(&o));
    let o = build(&dir, &[]);
    assert_ok(&o);
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
    assert!(read(&dir, "gioi-thieu/index.html").contains("Giới thiệu"));
    assert!(read(&dir, "en/about/index.html").contains("About"));
    // The sample campaign is a draft until someone publishes it.
    assert!(!dir.join("public/phong-trao/phong-trao-mau").exists());
    assert_ok(&build(&dir, &["--drafts"]));
    assert!(read(&dir, "phong-trao/phong-trao-mau/index.html").contains("Phong trào thi đua mẫu"));
    assert!(read(&dir, "en/campaigns/phong-trao-mau/index.html").contains("Sample campaign"));
    // Settings explain the workflow; data files point editors at their schema, and it exists.
    let settings = std::fs::read_to_string(dir.join("site.yaml")).expect("site.yaml");
    assert!(settings.contains("minhbach new campaign"), "{settings}");
    let units = std::fs::read_to_string(dir.join("content/data/units.yaml")).expect("units");
    assert!(
        units.starts_with("# yaml-language-server: $schema=../../docs/schemas/units.schema.json\n")
    );
    assert!(dir
        .join("content/data/../../docs/schemas/units.schema.json")
        .is_file());
    assert_site_matches_schemas(&dir);
    // `new` in the new site builds too, and its file carries the modeline.
    let o = new_item(&dir, &["exemplar", "Bà Lê Thị Hoa", "--lang", "both"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let x = std::fs::read_to_string(dir.join("content/exemplars/ba-le-thi-hoa.vi.md"))
        .expect("exemplar");
    assert!(x.starts_with(
        "---\n# yaml-language-server: $schema=../../docs/schemas/exemplar.schema.json\n"
    ));
    assert!(
        x.contains("\nunit: \"van-phong\"\n") && x.contains("\ncampaign: \"phong-trao-mau\"\n")
    );
    assert_ok(&build(&dir, &["--drafts"]));
    assert!(dir
        .join("public/guong-dien-hinh/ba-le-thi-hoa/index.html")
        .is_file());
    // A folder that is not empty is refused.
    let o = run(&["init", dir.to_str().expect("UTF-8 temp path")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("error[MB0904]: the folder is not empty"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn committed_schemas_are_what_the_code_generates() {
    let out = tempfile::tempdir().expect("temp dir");
    let o = run(&[
        "schemas",
        "--out",
        out.path().to_str().expect("UTF-8 temp path"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let committed = tree(&repo().join("docs/schemas"));
    let generated = tree(out.path());
    assert_eq!(
        committed.keys().collect::<Vec<_>>(),
        generated.keys().collect::<Vec<_>>(),
        "run `cargo run -- schemas` and commit docs/schemas/"
    );
    for (name, bytes) in &generated {
        assert!(
            committed[name] == *bytes,
            "docs/schemas/{} is out of date: run `cargo run -- schemas` and commit it",
            name.display()
        );
    }
}

#[test]
fn bundled_content_is_valid_against_the_committed_schemas() {
    let checked = assert_site_matches_schemas(&repo());
    assert!(checked > 40, "only {checked} files checked");
    // The schemas do reject what the model rejects: an unknown key, a missing field.
    let v = schema_validator("campaign");
    let mut fm = yaml_as_json(&repo().join("content/campaigns/nong-thon-moi.vi.md"));
    assert!(v.is_valid(&fm));
    fm["titel"] = "x".into();
    assert!(!v.is_valid(&fm));
    fm.as_object_mut().expect("mapping").remove("titel");
    fm.as_object_mut().expect("mapping").remove("lead_unit");
    assert!(!v.is_valid(&fm));
}

/// Runs the corpus generator (`src/bin/gen-corpus/`) into a fresh folder.
fn gen_corpus(items: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let o = Command::new(env!("CARGO_BIN_EXE_gen-corpus"))
        .args(["--items", items, "--seed", "42", "--out"])
        .arg(dir.path())
        .output()
        .expect("run gen-corpus");
    assert!(o.status.success(), "gen-corpus failed:\n{}", stderr(&o));
    dir
}

#[test]
fn generated_corpus_is_reproducible_and_builds_without_warnings() {
    let site = gen_corpus("30");
    assert_eq!(tree(site.path()), tree(gen_corpus("30").path()));
    let o = minhbach(site.path(), &["build", "--now", "2026-01-01"]);
    assert_ok(&o);
    assert_eq!(stderr(&o), "", "the generated corpus has warnings");
    assert!(String::from_utf8_lossy(&o.stdout).contains(" 0 warning(s)"));
    // Both languages of every item, and its links at their real addresses.
    assert!(read(site.path(), "gioi-thieu/index.html").contains("<html lang=\"vi\">"));
    assert!(read(site.path(), "en/about/index.html").contains("<html lang=\"en\">"));
    let exemplars = tree(&site.path().join("content/exemplars"));
    assert_eq!(exemplars.len(), 2 * 21);
    let en = exemplars
        .iter()
        .find(|(p, _)| p.to_string_lossy().ends_with(".en.md"))
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .expect("an English exemplar");
    assert!(en.contains("](/en/campaigns/"), "{en}");
}

#[test]
fn editor_examples_point_at_real_schemas_and_match_check_output() {
    let json = |rel: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(repo().join(rel)).expect(rel))
            .unwrap_or_else(|e| panic!("{rel}: {e}"))
    };
    let settings = json("docs/vscode/settings.json");
    let schemas = settings["yaml.schemas"].as_object().expect("yaml.schemas");
    assert_eq!(schemas.len(), 4);
    for (schema, file) in schemas {
        assert!(repo().join(schema).is_file(), "{schema}");
        let file = file.as_str().expect("one pattern");
        assert!(repo().join(file).is_file(), "{file}");
        schema_validator(
            schema
                .trim_start_matches("./docs/schemas/")
                .trim_end_matches(".schema.json"),
        );
    }
    // The task's problem matchers read what `check` prints, and nothing else.
    let tasks = json("docs/vscode/tasks.json");
    let matchers = tasks["tasks"][0]["problemMatcher"]
        .as_array()
        .expect("matchers");
    let matches = |i: usize, line: &str| {
        let pattern = &matchers[i]["pattern"]["regexp"];
        jsonschema::draft7::new(&serde_json::json!({ "pattern": pattern }))
            .expect("regexp compiles")
            .is_valid(&serde_json::json!(line))
    };
    let site = fixture("basic");
    let mut out = stderr(&minhbach(site.path(), &["check", "--now", NOW]));
    write(
        site.path(),
        "content/exemplars/nguyen-van-a.vi.md",
        "---\ntitle: \"A\"\nkind: individual\nunit: van-phong\ncampaign: an-toàn\nrecognized: 2022-03-12\naward: \"x\"\n---\n",
    );
    out.push_str(&stderr(&minhbach(site.path(), &["check", "--now", NOW])));
    let positioned = out
        .lines()
        .find(|l| l.contains("unknown campaign"))
        .expect("an error with a position");
    assert!(
        matches(0, positioned) && !matches(1, positioned),
        "{positioned}"
    );
    let unpositioned = out
        .lines()
        .find(|l| l.contains("warning[MB0311]: no \"en\" translation"))
        .expect("a warning without a position");
    assert!(
        matches(1, unpositioned) && !matches(0, unpositioned),
        "{unpositioned}"
    );
    for other in out
        .lines()
        .filter(|l| !l.contains(": error[MB") && !l.contains(": warning[MB"))
    {
        assert!(!matches(0, other) && !matches(1, other), "{other}");
    }
}

#[test]
fn generated_corpus_can_also_be_laid_out_for_hugo() {
    let dir = tempfile::tempdir().expect("temp dir");
    let o = Command::new(env!("CARGO_BIN_EXE_gen-corpus"))
        .args(["--items", "30", "--hugo"])
        .arg(dir.path())
        .output()
        .expect("run gen-corpus");
    assert!(o.status.success(), "gen-corpus failed:\n{}", stderr(&o));
    let hugo = tree(dir.path());
    let minhbach = tree(gen_corpus("30").path());
    // The same exemplars, one file per language, plus a section page per language.
    let count = |t: &BTreeMap<PathBuf, Vec<u8>>, dir: &str| {
        t.keys()
            .filter(|p| p.starts_with(dir) && !p.ends_with("_index.vi.md"))
            .filter(|p| !p.ends_with("_index.en.md"))
            .count()
    };
    assert_eq!(
        count(&hugo, "content/exemplars"),
        count(&minhbach, "content/exemplars")
    );
    let config = String::from_utf8_lossy(&hugo[Path::new("hugo.toml")]).into_owned();
    assert!(
        config.contains("defaultContentLanguage = \"vi\""),
        "{config}"
    );
    assert!(hugo.contains_key(Path::new("layouts/_default/list.html")));
}
