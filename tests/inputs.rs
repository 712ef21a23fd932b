//! What a build reads (issue 12): one rule for every input, settings, theme, templates,
//! static files, data and content: nothing outside the site folder is read, whatever
//! symbolic link leads there; links inside the site are followed. And the small things
//! about inputs: a `site.yaml` that is not UTF-8, `.yml` data files, `static/` files that
//! would replace a generated file, headings whose id the theme uses.

#[path = "support/site.rs"]
mod support_site;
use support_site::*;

// ---------------------------------------------------------------------------------------
// Symbolic links.

/// A folder outside the site holding a copy of everything a site reads, each file with a
/// secret that must never be published or printed.
fn outside_copy() -> tempfile::TempDir {
    let outside = tempfile::tempdir().expect("temp dir");
    let o = outside.path();
    copy_tree(&repo().join("themes/default"), &o.join("themes/default"));
    write(o, "themes/default/static/secret.txt", "TOP-SECRET-THEME");
    write(
        o,
        "templates/page.html",
        "TOP-SECRET-TEMPLATE {{ body | safe }}",
    );
    write(o, "static/secret.txt", "TOP-SECRET-STATIC");
    copy_tree(
        &repo().join("tests/fixtures/basic/content/data"),
        &o.join("data"),
    );
    write(
        o,
        "data/units.yaml",
        "- id: TOP-SECRET-DATA\n  name: { vi: \"x\" }\n",
    );
    let settings =
        std::fs::read_to_string(repo().join("tests/fixtures/basic/site.yaml")).expect("read");
    write(
        o,
        "site.yaml",
        format!("{settings}TOP-SECRET-SETTINGS: [\n"),
    );
    outside
}

#[cfg(unix)]
#[test]
fn settings_theme_templates_static_and_data_linked_from_outside_the_site_are_not_read() {
    use std::os::unix::fs::symlink;
    let outside = outside_copy();
    let o = outside.path();
    for (link, target) in [
        ("site.yaml", "site.yaml"),
        ("themes", "themes"),
        ("templates", "templates"),
        ("static", "static"),
        ("content/data", "data"),
    ] {
        let site = fixture("basic");
        let root = site.path();
        let _ = std::fs::remove_file(root.join(link));
        let _ = std::fs::remove_dir_all(root.join(link));
        symlink(o.join(target), root.join(link)).expect("ln");
        let err = assert_error(
            &build(root, &[]),
            &[&format!(
                "{link}: error[MB0212]: this is a symbolic link to a place outside the site folder"
            )],
        );
        assert!(!err.contains("TOP-SECRET"), "{link}: {err}");
        assert!(!root.join("public").exists(), "{link}");
    }
    // A link further down the way counts as well: `themes/default` read through `themes`.
    let site = fixture("basic");
    symlink(o, site.path().join("elsewhere")).expect("ln");
    symlink("elsewhere/themes", site.path().join("themes")).expect("ln");
    assert_error(
        &build(site.path(), &[]),
        &["themes: error[MB0212]: this is a symbolic link to a place outside the site folder"],
    );
}

#[cfg(unix)]
#[test]
fn content_folders_linked_inside_the_site_are_followed_and_loops_are_warned() {
    use std::os::unix::fs::symlink;
    let site = fixture("basic");
    let root = site.path();
    // The pages live elsewhere in the site; content/pages is a link to them.
    std::fs::create_dir_all(root.join("shared")).expect("mkdir");
    std::fs::rename(root.join("content/pages"), root.join("shared/pages")).expect("mv");
    write(
        root,
        "shared/pages/lien-ket.vi.md",
        "---\ntitle: \"Trang qua liên kết\"\n---\nx\n",
    );
    symlink("../shared/pages", root.join("content/pages")).expect("ln");
    write(root, "files/a.txt", "INSIDE");
    std::fs::create_dir_all(root.join("static")).expect("mkdir");
    symlink("../files", root.join("static/tep")).expect("ln");
    symlink(".", root.join("static/chinh-no")).expect("ln");
    symlink("..", root.join("static/len")).expect("ln");
    let err = assert_ok(&build(root, &[]));
    assert!(read(root, "lien-ket/index.html").contains("Trang qua liên kết"));
    assert!(read(root, "gioi-thieu/index.html").contains("Giới thiệu"));
    assert_eq!(read(root, "tep/a.txt"), "INSIDE");
    for link in ["static/chinh-no", "static/len"] {
        assert!(
            err.contains(&format!(
                "{link}: warning[MB0213]: not followed: this symbolic link leads to a folder that contains it"
            )),
            "{err}"
        );
    }
    assert!(!root.join("public/len").exists() && !root.join("public/chinh-no").exists());
}

// ---------------------------------------------------------------------------------------
// Settings and data files.

#[test]
fn site_yaml_that_is_not_utf8_names_line_column_and_byte_offset() {
    let site = fixture("basic");
    let root = site.path();
    let yaml = std::fs::read(root.join("site.yaml")).expect("read");
    let mut bad = b"# C\xe1i\n".to_vec();
    bad.extend(yaml);
    write(root, "site.yaml", bad);
    let err = assert_error(
        &build(root, &[]),
        &[
            "site.yaml:1:4: error[MB0208]: the file is not UTF-8 text: the byte at offset 3 is not valid UTF-8",
            "help: save the file as UTF-8",
        ],
    );
    assert!(!err.contains("--root"), "{err}");
}

#[test]
fn yml_data_files_are_errors_with_the_name_to_use() {
    let site = fixture("basic");
    let root = site.path();
    let units = std::fs::read_to_string(root.join("content/data/units.yaml")).expect("r");
    // Both: one of them would be ignored without a word.
    write(
        root,
        "content/data/units.yml",
        units.replace("Văn phòng", "Khác"),
    );
    assert_error(
        &build(root, &[]),
        &["content/data/units.yml: error[MB0205]: both units.yml and units.yaml are here: only one is read"],
    );
    // Only the .yml one.
    std::fs::remove_file(root.join("content/data/units.yaml")).expect("rm");
    assert_error(
        &build(root, &[]),
        &[
            "content/data/units.yml: error[MB0205]: data files end in .yaml",
            "rename it to units.yaml",
        ],
    );
}

// ---------------------------------------------------------------------------------------
// Static files and generated ones.

#[test]
fn a_static_file_cannot_take_the_place_of_a_generated_one() {
    let site = fixture("basic");
    let root = site.path();
    let rounds: [&[(&str, &str)]; 2] = [
        &[
            ("index.html", "index.html"),
            (
                "phong-trao/an-toan/index.html",
                "phong-trao/an-toan/index.html",
            ),
            ("sitemap.xml", "sitemap.xml"),
            ("robots.txt", "robots.txt"),
            ("atom.xml", "atom.xml"),
            ("404.html", "404.html"),
            ("data/campaigns.json", "data/campaigns.json"),
            ("search-index/vi/meta.json", "search-index/vi/meta.json"),
            (".minhbach-output", ".minhbach-output"),
        ],
        // A file where the site has a folder, and a folder where it has a file.
        &[
            ("gioi-thieu", "gioi-thieu/index.html"),
            ("robots.txt/x.txt", "robots.txt"),
        ],
    ];
    for files in rounds {
        let _ = std::fs::remove_dir_all(root.join("static"));
        for (file, _) in files {
            write(root, &format!("static/{file}"), "STATIC");
        }
        let needles: Vec<String> = files
            .iter()
            .map(|(file, clash)| {
                format!("static/{file}: error[MB0603]: this file would take the place of /{clash}, which the site generates")
            })
            .collect();
        let needles: Vec<&str> = needles.iter().map(String::as_str).collect();
        let err = assert_error(&build(root, &[]), &needles);
        assert_eq!(err.matches(": error[").count(), needles.len(), "{err}");
    }
    // Replacing a theme file stays allowed.
    std::fs::remove_dir_all(root.join("static")).expect("rm");
    write(root, "static/style.css", "body{}");
    assert_ok(&build(root, &[]));
    assert_eq!(read(root, "style.css"), "body{}");
}

// ---------------------------------------------------------------------------------------
// Heading ids and the theme's ids.

/// The `id` values of an HTML page that occur more than once.
fn repeated_ids(html: &str) -> Vec<String> {
    let mut seen = std::collections::BTreeMap::<&str, usize>::new();
    for part in html.split(" id=\"").skip(1) {
        if let Some(end) = part.find('"') {
            *seen.entry(&part[..end]).or_default() += 1;
        }
    }
    seen.into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(id, _)| id.to_string())
        .collect()
}

#[test]
fn headings_never_take_an_id_the_theme_uses() {
    let site = fixture("basic");
    let root = site.path();
    // Headings named after ids of the default theme (base, campaign, plan, report, search).
    let headings = "## Main\n\n## Results\n\n## Exemplars\n\n## Campaign timeline\n\n\
                    ## Plan links\n\n## Site search q\n\n## Search\n\n## Y20223\n\n\
                    Xem [phần chính](#main-2)[^main].\n\n[^main]: Chú thích.\n";
    for file in [
        "content/pages/gioi-thieu.vi.md",
        "content/campaigns/an-toan.vi.md",
        "content/plan/ke-hoach-2022.vi.md",
        "content/reports/bao-cao-nam-2022.vi.md",
    ] {
        let text = std::fs::read_to_string(root.join(file)).expect("read");
        write(root, file, format!("{text}\n{headings}"));
    }
    assert_ok(&build(root, &[]));
    let public = root.join("public");
    let mut pages = 0;
    for (path, bytes) in tree(&public) {
        if path.extension().is_some_and(|e| e == "html") {
            let html = String::from_utf8(bytes).expect("UTF-8");
            assert_eq!(
                repeated_ids(&html),
                Vec::<String>::new(),
                "{}",
                path.display()
            );
            pages += 1;
        }
    }
    assert!(pages > 40, "{pages}");
    let page = read(root, "gioi-thieu/index.html");
    assert!(page.contains("<h2 id=\"main-2\">Main</h2>"), "{page}");
    assert!(page.contains("href=\"#main-2\""), "{page}");
    let campaign = read(root, "phong-trao/an-toan/index.html");
    assert!(
        campaign.contains("<h2 id=\"results-2\">Results</h2>"),
        "{campaign}"
    );
    assert!(
        campaign.contains("<main id=\"main\""),
        "the theme keeps its own ids"
    );
}
