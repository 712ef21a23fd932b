//! Links (issue 12): every address the site publishes goes through one resolver and one
//! check, whatever wrote it: markdown, raw HTML (as the sanitizer leaves it), or a
//! `photo:`, `file:` or `link:` field.

#[path = "support/photos.rs"]
mod photos;
#[path = "support/site.rs"]
mod support_site;
use support_site::*;

#[test]
fn links_and_images_in_raw_html_are_checked_like_markdown_ones() {
    let site = fixture("basic");
    let root = site.path();
    write(
        root,
        "static/anh/co.jpg",
        photos::plain_jpeg(&photos::pixels(32, 24, 0), 80),
    );
    write(root, "static/anh/co.mp4", "mp4");
    write(
        root,
        "content/pages/html.vi.md",
        "---\ntitle: \"HTML\"\n---\n\
         ## Có\n\n\
         Xem <a href=\"/khong-co/\">đây</a> và <a href=\"/gioi-thieu/\">kia</a>.\n\n\
         <figure>\n  <img src=\"/anh/khong.jpg\" alt=\"x\">\n  <img src=\"/anh/co.jpg\" alt=\"y\">\n</figure>\n\n\
         <p><a href='#khong-co'>neo</a> <a href=\"#co\">neo</a> <a href=\"javascript:x()\">bị bỏ</a></p>\n\n\
         <!-- <a href=\"/trong-chu-thich/\">x</a> -->\n",
    );
    let err = assert_error(
        &build(root, &[]),
        &[
            "content/pages/html.vi.md:6:14: error[MB0507]: link to \"/khong-co/\" points nowhere: /khong-co/ is not a page or file of the site",
            "content/pages/html.vi.md:9:13: error[MB0507]: image \"/anh/khong.jpg\" is not a file of the site",
            "content/pages/html.vi.md:13:13: error[MB0508]: link to \"#khong-co\": this page has no heading or anchor #khong-co",
        ],
    );
    // What the sanitizer removes is not published, so not checked; nor is a comment.
    assert_eq!(err.matches(": error[").count(), 3, "{err}");

    // Trusted raw HTML publishes every attribute: all of them are checked.
    edit(root, "site.yaml", |y| {
        format!("{y}markdown: {{ unsafe_html: true }}\n")
    });
    write(
        root,
        "content/pages/html.vi.md",
        "---\ntitle: \"HTML\"\n---\n\
         <video poster=\"/anh/khong-poster.jpg\" src=\"/anh/co.mp4\"></video>\n\
         <img srcset=\"/anh/co.jpg 1x, /anh/khong-2x.jpg 2x\" src=\"/anh/co.jpg\">\n",
    );
    let err = assert_error(
        &build(root, &[]),
        &[
            "content/pages/html.vi.md:4:16: error[MB0507]: video poster to \"/anh/khong-poster.jpg\" points nowhere",
            "content/pages/html.vi.md:5:14: error[MB0507]: image \"/anh/khong-2x.jpg\" is not a file of the site",
        ],
    );
    assert_eq!(err.matches(": error[").count(), 2, "{err}");
}

/// `://` later in an address does not make it another site's: only a scheme at the
/// start does (RFC 3986).
#[test]
fn an_address_with_a_scheme_later_in_it_is_still_a_site_address() {
    let site = fixture("basic");
    let root = site.path();
    write(
        root,
        "content/pages/lien-ket.vi.md",
        "---\ntitle: \"L\"\n---\n\
         [a](/trang?x=http://a) [b](/gioi-thieu/?ref=https://x.vn/) [c](https://x.vn/?u=/khong/)\n\n\
         <a href=\"/khong-co/#http://x\">d</a>\n",
    );
    let err = assert_error(
        &build(root, &[]),
        &[
            "content/pages/lien-ket.vi.md:4:1: error[MB0507]: link to \"/trang?x=http://a\" points nowhere: /trang/ is not a page or file of the site",
            "content/pages/lien-ket.vi.md:6:10: error[MB0507]: link to \"/khong-co/#http://x\" points nowhere",
        ],
    );
    assert_eq!(err.matches(": error[").count(), 2, "{err}");
}

/// A field is shown on pages of every depth, so a path relative to one of them would be
/// broken on the others: it must start at the site root.
#[test]
fn relative_photo_file_and_link_fields_are_errors_that_say_the_rooted_path() {
    let site = fixture("basic");
    let root = site.path();
    write(
        root,
        "static/anh/a.jpg",
        photos::plain_jpeg(&photos::pixels(960, 720, 0), 80),
    );
    write(root, "static/van-ban/ct-12.pdf", "pdf");
    edit(root, "content/exemplars/nguyen-van-a.vi.md", |x| {
        x.replacen("award:", "photo: anh/a.jpg\naward:", 1)
    });
    edit(root, "content/data/documents.yaml", |d| {
        d.replacen(
            "  summary: { vi: \"Phát động",
            "  file: \"./van-ban/ct-12.pdf\"\n  summary: { vi: \"Phát động",
            1,
        )
    });
    edit(root, "content/data/events.yaml", |e| {
        e.replacen(
            "date: 2022-03-12",
            "date: 2022-03-12\n  link: gioi-thieu/",
            1,
        )
    });
    assert_error(
        &build(root, &[]),
        &[
            "content/exemplars/nguyen-van-a.vi.md: error[MB0511]: photo \"anh/a.jpg\" is not written from the site root",
            "help: start it with /: write /anh/a.jpg for static/anh/a.jpg",
            "content/data/documents.yaml: error[MB0511]: \"ct-12\": file \"./van-ban/ct-12.pdf\" is not written from the site root",
            "write /van-ban/ct-12.pdf for static/van-ban/ct-12.pdf",
            "content/data/events.yaml: error[MB0511]: ",
            "link \"gioi-thieu/\" is not written from the site root",
        ],
    );
    // Written from the root, the same files are fine.
    edit(root, "content/exemplars/nguyen-van-a.vi.md", |x| {
        x.replace("photo: anh/a.jpg", "photo: /anh/a.jpg")
    });
    edit(root, "content/data/documents.yaml", |d| {
        d.replace("./van-ban/", "/van-ban/")
    });
    edit(root, "content/data/events.yaml", |e| {
        e.replace("link: gioi-thieu/", "link: /gioi-thieu/")
    });
    assert_ok(&build(root, &[]));
    let page = read(root, "guong-dien-hinh/nguyen-van-a/index.html");
    assert!(page.contains("<figure class=\"photo\"><picture>"), "{page}");
}

/// The daily rebuild (issue 16): a body link to an item dated in the future builds, with a
/// warning, and shows its text without a link until the item's day; that day's build
/// links it. A link to a draft still stops the build: nothing says it will be published.
#[test]
fn a_link_to_a_future_item_is_plain_text_until_its_day_and_a_link_to_a_draft_fails() {
    let site = fixture("basic");
    let root = site.path();
    write(
        root,
        "content/pages/gioi-thieu.vi.md",
        "---\ntitle: \"Giới thiệu\"\nmenu: 1\n---\n\
         Sắp có [gương mới](/guong-dien-hinh/tuong-lai/) và [cùng trang](../guong-dien-hinh/tuong-lai/).\n",
    );
    let warnings = assert_ok(&build(root, &[]));
    assert!(
        warnings.contains("content/pages/gioi-thieu.vi.md:5:8: warning[MB0513]: link to \"/guong-dien-hinh/tuong-lai/\" leads to an item published on 2030-05-05: until then the link is shown as plain text"),
        "{warnings}"
    );
    assert_eq!(
        warnings.matches("published on 2030-05-05").count(),
        2,
        "{warnings}"
    );
    let page = read(root, "gioi-thieu/index.html");
    assert!(page.contains("Sắp có gương mới và cùng trang."), "{page}");
    assert!(!page.contains("tuong-lai"), "{page}");

    // On its day the item is published and the same text is a link, without a warning.
    let on_the_day = minhbach(root, &["build", "--now", "2030-05-05"]);
    let warnings = assert_ok(&on_the_day);
    assert!(!warnings.contains("published on"), "{warnings}");
    assert!(read(root, "gioi-thieu/index.html")
        .contains("<a href=\"/guong-dien-hinh/tuong-lai/\">gương mới</a>"),);

    // Raw HTML cannot be shown as text: a raw link to the future page stays an error that
    // says to write a markdown link.
    write(
        root,
        "content/pages/gioi-thieu.vi.md",
        "---\ntitle: \"Giới thiệu\"\nmenu: 1\n---\nSắp có <a href=\"/guong-dien-hinh/tuong-lai/\">x</a>.\n",
    );
    assert_error(
        &build(root, &[]),
        &["error[MB0514]: link to \"/guong-dien-hinh/tuong-lai/\" leads to an item published on 2030-05-05, and raw HTML cannot be shown as plain text until then"],
    );

    // A draft is not scheduled: the link is an error, as before.
    write(
        root,
        "content/pages/gioi-thieu.vi.md",
        "---\ntitle: \"Giới thiệu\"\nmenu: 1\n---\nXem [nháp](/phong-trao/nhap/).\n",
    );
    assert_error(
        &build(root, &[]),
        &["content/pages/gioi-thieu.vi.md:5:5: error[MB0507]: link to \"/phong-trao/nhap/\" points nowhere"],
    );
}
