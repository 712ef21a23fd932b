//! What a build refuses, and how it says so: every error names the file, line and column
//! of the value, suggests the id that was meant, and leaves an existing `public/` untouched;
//! usage errors exit with 2. Fixture: `basic`, broken in one way per test.

use std::path::Path;
use std::process::Command;

#[path = "support/site.rs"]
mod support_site;
use support_site::*;

#[test]
fn unknown_campaign_names_file_line_and_suggests() {
    let site = fixture("basic");
    write(site.path(), "content/exemplars/x.vi.md", "---\ntitle: \"X\"\nkind: individual\nunit: van-phong\ncampaign: an-toàn\nrecognized: 2022-01-05\naward: \"Giấy khen\"\n---\n");
    let err = assert_fails_untouched(site.path(), "content/exemplars/x.vi.md:5:11: error[MB0301]: unknown campaign \"an-toàn\"; did you mean \"an-toan\"?");
    assert!(err.contains("5 | campaign: an-toàn"), "{err}");
}

#[test]
fn unknown_unit_and_document_ids_are_errors() {
    let site = fixture("basic");
    let plan = std::fs::read_to_string(site.path().join("content/plan/ke-hoach-2022.vi.md"))
        .expect("read");
    write(
        site.path(),
        "content/plan/ke-hoach-2022.vi.md",
        plan.replace("based_on: [ct-12]", "based_on: [ct-13]"),
    );
    edit(site.path(), "content/campaigns/am-no.vi.md", |camp| {
        camp.replace("lead_unit: van-phong", "lead_unit: van-phog")
    });
    let err = assert_fails_untouched(site.path(), "content/plan/ke-hoach-2022.vi.md:8:12: error[MB0301]: unknown document \"ct-13\"; did you mean \"ct-12\"?");
    assert!(err.contains("content/campaigns/am-no.vi.md:4:12: error[MB0301]: unknown unit \"van-phog\"; did you mean \"van-phong\"?"), "both errors are reported: {err}");
}

#[test]
fn duplicate_slugs_are_errors() {
    let site = fixture("basic");
    // "Ấm no" folds to the same address as am-no.
    write(
        site.path(),
        "content/campaigns/Ấm no.vi.md",
        "---\ntitle: \"Ấm no 2\"\nlaunched: 2022\nlead_unit: van-phong\n---\n",
    );
    assert_fails_untouched(site.path(), "duplicate address \"am-no\"");
}

#[test]
fn bad_dates_are_errors_with_position() {
    let site = fixture("basic");
    write(site.path(), "content/exemplars/x.vi.md", "---\ntitle: \"X\"\nkind: individual\nunit: van-phong\ncampaign: an-toan\nrecognized: 2022-02-30\naward: \"Giấy khen\"\n---\n");
    let err = assert_fails_untouched(site.path(), "content/exemplars/x.vi.md:6:");
    assert!(
        err.contains("day 30 does not exist in month 2 of 2022"),
        "{err}"
    );
}

#[test]
fn malformed_yaml_points_at_the_line_in_the_file() {
    let site = fixture("basic");
    write(
        site.path(),
        "content/pages/x.vi.md",
        "---\ntitle: \"X\"\nsummary: [unclosed\nmenu: 2\n---\nBody\n",
    );
    assert_fails_untouched(site.path(), "content/pages/x.vi.md:");
}

#[test]
fn missing_required_field_and_unknown_key_are_errors() {
    let site = fixture("basic");
    write(
        site.path(),
        "content/pages/x.vi.md",
        "---\nsummary: \"no title\"\n---\nBody\n",
    );
    write(
        site.path(),
        "content/pages/y.vi.md",
        "---\ntitle: \"Y\"\nmenux: 2\n---\nBody\n",
    );
    let err = assert_fails_untouched(
        site.path(),
        "content/pages/x.vi.md:1:1: error[MB0221]: missing field \"title\"",
    );
    assert!(
        err.contains("content/pages/y.vi.md:3:1: error[MB0220]: unknown field \"menux\""),
        "{err}"
    );
    assert!(err.contains("did you mean \"menu\"?"), "{err}");
}

#[test]
fn data_file_errors_name_the_line() {
    let site = fixture("basic");
    let units = std::fs::read_to_string(site.path().join("content/data/units.yaml")).expect("read");
    write(
        site.path(),
        "content/data/units.yaml",
        format!("{units}- id: van-phong\n  name: {{ vi: \"Trùng\" }}\n"),
    );
    let err = assert_fails_untouched(
        site.path(),
        "content/data/units.yaml:5:7: error[MB0303]: duplicate id \"van-phong\"",
    );
    assert!(err.contains("name has no \"en\" text"), "{err}");
}

#[test]
fn missing_ui_string_is_a_build_error() {
    let site = fixture("basic");
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    copy_tree(&theme, &site.path().join("themes/default"));
    let en =
        std::fs::read_to_string(site.path().join("themes/default/i18n/en.yaml")).expect("read");
    write(
        site.path(),
        "themes/default/i18n/en.yaml",
        en.replace("nav_timeline: \"Timeline\"\n", ""),
    );
    assert_fails_untouched(
        site.path(),
        "error[MB0602]: UI string \"nav_timeline\" is missing in \"en\"",
    );
}

#[test]
fn usage_errors_exit_2_and_every_command_has_help() {
    let site = fixture("basic");
    assert_eq!(
        minhbach(site.path(), &["build", "--now", "yesterday"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        minhbach(site.path(), &["frobnicate"]).status.code(),
        Some(2)
    );
    for cmd in ["build", "check"] {
        let o = Command::new(env!("CARGO_BIN_EXE_minhbach"))
            .args([cmd, "--help"])
            .output()
            .expect("run");
        assert!(o.status.success());
        assert!(String::from_utf8_lossy(&o.stdout).contains("--root"));
    }
}

#[test]
fn refuses_to_build_over_the_site_itself() {
    let site = fixture("basic");
    let o = minhbach(
        site.path(),
        &[
            "build",
            "--now",
            NOW,
            "--output",
            site.path().to_str().expect("utf8"),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(site.path().join("content/campaigns/am-no.vi.md").exists());
}

#[test]
fn errors_from_dates_and_periods_point_at_the_value() {
    let site = fixture("basic");
    edit(site.path(), "content/exemplars/nguyen-van-a.vi.md", |x| {
        x.replace("recognized: 2022-07-20", "recognized: \"2022-07\"")
    });
    let r = std::fs::read_to_string(
        site.path()
            .join("content/reports/bao-cao-6-thang-2022.vi.md"),
    )
    .expect("read");
    write(
        site.path(),
        "content/reports/bao-cao-6-thang-2022.vi.md",
        r.replace("period: \"2022-H1\"", "period: \"2022-Q5\""),
    );
    let err = assert_fails_untouched(
        site.path(),
        "content/exemplars/nguyen-van-a.vi.md:6:14: error[MB0401]: \"2022-07\" needs a full date here",
    );
    assert!(err.contains("content/reports/bao-cao-6-thang-2022.vi.md:3:9: error[MB0402]: period: \"2022-Q5\" is not a reporting period"), "{err}");
    assert!(
        err.contains("help: write 2024-H1 (first six months), 2024-H2, 2024-Q1 … 2024-Q4"),
        "{err}"
    );
}

#[test]
fn a_broken_data_file_is_reported_once_without_cascading_unknown_ids() {
    let site = fixture("basic");
    write(
        site.path(),
        "content/data/documents.yaml",
        "- id: ct-12\n  kind: chi-thi\n  number: [broken\n",
    );
    let err = assert_fails_untouched(site.path(), "content/data/documents.yaml:");
    assert!(!err.contains("unknown document"), "{err}");
}
