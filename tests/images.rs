//! Images (issue 13): every photo the content shows is published as a few small WebP
//! widths and a JPEG, upright, without metadata; the original is not published unless
//! asked for, and then without metadata; pages get `<picture>` with `srcset`, `width`
//! and `height`; the second build takes everything from the cache. Photos are made here
//! as a phone saves them (`support/photos.rs`): stored sideways with an EXIF orientation,
//! a GPS position, the camera, XMP, IPTC and a comment.

#[path = "support/photos.rs"]
mod photos;
#[path = "support/site.rs"]
mod support_site;
use photos::*;
use std::path::Path;
use support_site::*;
use unicode_normalization::UnicodeNormalization;

/// The meeting photo's name as people type it, and as a Mac saves it (decomposed).
const MEETING: &str = "Ảnh hội nghị.jpg";

/// The basic fixture with: a phone photo (2400×1800 stored, orientation 6, so 1800×2400
/// upright) as an exemplar's photo; a 400×300 photo on another exemplar, without alt text
/// in English; a page whose body shows a PNG with transparency (twice, once without alt
/// text) and the meeting photo, in markdown and in raw HTML percent-encoded; and a PNG no
/// content shows as an image.
fn photo_site() -> tempfile::TempDir {
    let site = fixture("basic");
    let root = site.path();
    write(
        root,
        "static/anh/xoay.jpg",
        phone_jpeg(&pixels(2400, 1800, 24), 6, 85),
    );
    write(
        root,
        "static/anh/nho.jpg",
        phone_jpeg(&pixels(400, 300, 8), 1, 85),
    );
    write(root, "static/anh/so-do.png", png_with_text(800, 500, true));
    write(root, "static/anh/logo.png", png_with_text(64, 64, false));
    let nfd: String = format!("static/anh/{MEETING}").nfd().collect();
    assert_ne!(nfd, format!("static/anh/{MEETING}"));
    write(root, &nfd, phone_jpeg(&pixels(1000, 750, 8), 1, 85));
    edit(root, "content/exemplars/nguyen-van-a.vi.md", |x| {
        x.replacen(
            "award:",
            "photo: /anh/xoay.jpg\nphoto_alt: \"Ông A tại phòng làm việc\"\naward:",
            1,
        )
    });
    edit(root, "content/exemplars/tap-the-thanh-tra.vi.md", |x| {
        x.replacen(
            "award:",
            "photo: /anh/nho.jpg\nphoto_alt: \"Tập thể Thanh tra\"\naward:",
            1,
        )
    });
    write(
        root,
        "content/pages/anh.vi.md",
        format!(
            "---\ntitle: \"Ảnh\"\n---\n\
             ![Sơ đồ tổ chức](/anh/so-do.png)\n\n\
             ![](/anh/so-do.png)\n\n\
             ![Hội nghị sơ kết](</anh/{MEETING}>)\n\n\
             <p><img src=\"/anh/%E1%BA%A2nh%20h%E1%BB%99i%20ngh%E1%BB%8B.jpg\" alt=\"Hội nghị\" title=\"t\"></p>\n"
        ),
    );
    site
}

fn public(root: &Path, path: &str) -> Vec<u8> {
    std::fs::read(root.join("public").join(path))
        .unwrap_or_else(|e| panic!("read public/{path}: {e}"))
}

/// The value of `attr="…"` in the first tag of `html` that contains `marker`.
fn attr_of<'h>(html: &'h str, marker: &str, attr: &str) -> &'h str {
    let at = html
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} in {html}"));
    let start = html[..at].rfind('<').expect("a tag");
    let tag = &html[start..start + html[start..].find('>').expect("tag end")];
    let from = tag
        .find(&format!(" {attr}=\""))
        .unwrap_or_else(|| panic!("{attr} in {tag}"))
        + attr.len()
        + 3;
    &tag[from..from + tag[from..].find('"').expect("closing quote")]
}

#[test]
fn photos_are_published_small_upright_and_without_metadata() {
    let site = photo_site();
    let root = site.path();
    let o = build(root, &[]);
    let warnings = assert_ok(&o);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("Images: 4 made, 0 from the cache"),
        "{stdout}"
    );
    for w in [
        "content/exemplars/tap-the-thanh-tra.vi.md:7:8: warning[MB0504]: photo \"/anh/nho.jpg\" is only 400 × 300 pixels: too small for its place",
        "content/exemplars/tap-the-thanh-tra.en.md:2:1: warning[MB0502]: the photo has no photo_alt",
        "content/pages/anh.vi.md:6:1: warning[MB0503]: image \"/anh/so-do.png\" has no alt text",
    ] {
        assert!(warnings.contains(w), "{w} missing in:\n{warnings}");
    }

    // Every file made from a photo: readable, and not a byte of metadata.
    let made = tree(&root.join("public/img"));
    assert!(made.len() >= 4 * 3, "{:?}", made.keys());
    for (path, bytes) in &made {
        assert_eq!(metadata(bytes), Vec::<String>::new(), "{}", path.display());
        decode(bytes);
    }
    // Originals are not published; an image no content shows is, without its text chunks.
    for original in ["anh/xoay.jpg", "anh/so-do.png", "anh/nho.jpg"] {
        assert!(!root.join("public").join(original).exists(), "{original}");
    }
    let logo = public(root, "anh/logo.png");
    assert_eq!(metadata(&logo), Vec::<String>::new());
    assert_eq!(decode(&logo), decode(&png_with_text(64, 64, false)));

    // The exemplar's page: the photo upright, in every width up to 1600, loaded first.
    let page = read(root, "guong-dien-hinh/nguyen-van-a/index.html");
    let srcset = attr_of(&page, "image/webp", "srcset");
    let widths: Vec<&str> = srcset
        .split(", ")
        .map(|c| c.rsplit(' ').next().expect("descriptor"))
        .collect();
    assert_eq!(
        widths,
        ["160w", "320w", "480w", "720w", "960w", "1280w", "1600w"]
    );
    assert_eq!(
        attr_of(&page, "image/webp", "sizes"),
        "(min-width: 48rem) 46rem, calc(100vw - 2rem)"
    );
    let img = attr_of(&page, "fetchpriority=\"high\"", "alt");
    assert_eq!(img, "Ông A tại phòng làm việc");
    assert_eq!(attr_of(&page, "fetchpriority=\"high\"", "width"), "1600");
    assert_eq!(attr_of(&page, "fetchpriority=\"high\"", "height"), "2133");
    assert!(
        !page.contains("loading=\"lazy\""),
        "the main photo is not lazy"
    );
    let largest = srcset.split(", ").last().expect("a candidate");
    let largest = largest.split(' ').next().expect("an address");
    let webp = public(root, largest.trim_start_matches('/'));
    assert!(webp.starts_with(b"RIFF") && &webp[8..12] == b"WEBP");
    let px = decode(&webp);
    assert_eq!(px.dimensions(), (1600, 2133));
    // Stored top-left is shown top-right after a quarter turn clockwise (orientation 6).
    assert!(red(&px, 1590, 10), "the red corner is top right");
    assert!(!red(&px, 10, 10) && !red(&px, 10, 2120) && !red(&px, 1590, 2120));
    let fallback = attr_of(&page, "fetchpriority=\"high\"", "src");
    assert!(fallback.ends_with("-960.jpg"), "{fallback}");
    assert_eq!(
        decode(&public(root, fallback.trim_start_matches('/'))).dimensions(),
        (960, 1280)
    );
    // The link preview: 1200×630, an absolute address, the photo's description.
    let og = attr_of(&page, "property=\"og:image\"", "content");
    assert!(
        og.starts_with("https://example.gov.vn/img/") && og.ends_with("-share.jpg"),
        "{og}"
    );
    let share = public(root, og.trim_start_matches("https://example.gov.vn/"));
    assert_eq!(decode(&share).dimensions(), (1200, 630));
    assert!(page.contains("<meta property=\"og:image:width\" content=\"1200\">"));
    assert!(page.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"));
    // The campaign's page shares the photo of its newest exemplar.
    let campaign = read(root, "phong-trao/an-toan/index.html");
    assert_eq!(attr_of(&campaign, "property=\"og:image\"", "content"), og);

    // The list shows a thumbnail: small widths chosen by a 6rem slot, lazily.
    let list = read(root, "guong-dien-hinh/index.html");
    assert_eq!(attr_of(&list, "sizes=\"6rem\"", "sizes"), "6rem");
    assert_eq!(attr_of(&list, "class=\"card-photo\"", "loading"), "lazy");
    assert_eq!(attr_of(&list, "class=\"card-photo\"", "alt"), "");

    // A body: each image a lazy <picture> with its size, the meeting photo found under
    // its composed name whether written in Vietnamese or percent-encoded.
    let body = read(root, "anh/index.html");
    assert_eq!(body.matches("<picture>").count(), 4, "{body}");
    assert_eq!(body.matches("loading=\"lazy\"").count(), 4, "{body}");
    assert_eq!(attr_of(&body, "alt=\"Sơ đồ tổ chức\"", "width"), "800");
    assert_eq!(attr_of(&body, "alt=\"Sơ đồ tổ chức\"", "height"), "500");
    // With transparency, the fallback is a PNG.
    assert!(attr_of(&body, "alt=\"Sơ đồ tổ chức\"", "src").ends_with("-800.png"));
    assert_eq!(attr_of(&body, "alt=\"Hội nghị sơ kết\"", "width"), "1000");
    assert_eq!(attr_of(&body, "alt=\"Hội nghị\"", "title"), "t");
    assert_eq!(
        attr_of(&body, "alt=\"Hội nghị sơ kết\"", "src"),
        attr_of(&body, "alt=\"Hội nghị\"", "src")
    );
    assert!(attr_of(&body, "alt=\"Hội nghị\"", "src").contains("/anh-hoi-nghi-"));

    // The second build makes nothing, and writes the same bytes.
    let first = tree(&root.join("public"));
    let o = build(root, &[]);
    assert_ok(&o);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("Images: 0 made, 4 from the cache"),
        "{stdout}"
    );
    assert!(
        first == tree(&root.join("public")),
        "the second build differs"
    );
    // Without the cache, the same bytes again.
    std::fs::remove_dir_all(root.join(".minhbach-cache")).expect("rm cache");
    let o = build(root, &[]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("Images: 4 made, 0 from the cache"));
    assert!(
        first == tree(&root.join("public")),
        "a build without the cache differs"
    );
}

#[test]
fn unreadable_images_are_errors_that_say_what_to_do_and_nothing_is_written() {
    let site = photo_site();
    let root = site.path();
    assert_ok(&build(root, &[]));
    let before = tree(&root.join("public"));
    let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heicmeta-and-the-rest".to_vec();
    write(root, "static/anh/IMG_0001.heic", &heic);
    write(root, "static/anh/IMG_0002.jpg", &heic);
    let good = phone_jpeg(&pixels(800, 600, 8), 1, 85);
    write(root, "static/anh/hong.jpg", &good[..good.len() / 3]);
    write(
        root,
        "content/pages/loi.vi.md",
        "---\ntitle: \"Lỗi\"\n---\n\
         ![Ảnh từ iPhone](/anh/IMG_0001.heic)\n\n\
         ![Đổi tên](/anh/IMG_0002.jpg)\n\n\
         ![Hỏng](/anh/hong.jpg)\n",
    );
    let err = assert_error(
        &build(root, &[]),
        &[
            "content/pages/loi.vi.md:4:1: error[MB0501]: image \"/anh/IMG_0001.heic\" is HEIC/HEIF (the iPhone photo format), which most browsers cannot show; on the iPhone set Settings → Camera → Formats → Most Compatible, or convert the file to JPEG",
            "content/pages/loi.vi.md:6:1: error[MB0505]: image \"/anh/IMG_0002.jpg\": static/anh/IMG_0002.jpg cannot be published: it is a HEIC file (the iPhone photo format) whatever its name says",
            "content/pages/loi.vi.md:8:1: error[MB0505]: image \"/anh/hong.jpg\": static/anh/hong.jpg cannot be published: the file is damaged or cut short",
            "help: open the file in a photo viewer",
            "nothing was written",
        ],
    );
    assert_eq!(err.matches(": error[").count(), 3, "{err}");
    assert!(before == tree(&root.join("public")), "public/ changed");
}

#[test]
fn originals_are_published_only_when_asked_and_then_upright_and_clean() {
    let site = photo_site();
    let root = site.path();
    // A link (not an image) to an original that is not published is an error.
    edit(root, "content/pages/anh.vi.md", |b| {
        format!("{b}\n[Tải ảnh gốc](/anh/xoay.jpg)\n")
    });
    assert_error(
        &build(root, &[]),
        &["content/pages/anh.vi.md:12:1: error[MB0512]: link to \"/anh/xoay.jpg\" leads to the original of a photo the site shows, which is not published"],
    );
    edit(root, "site.yaml", |y| {
        format!("{y}images: {{ publish_originals: true }}\n")
    });
    assert_ok(&build(root, &[]));
    let original = public(root, "anh/xoay.jpg");
    assert_eq!(metadata(&original), Vec::<String>::new());
    let px = decode(&original);
    assert_eq!(px.dimensions(), (1800, 2400), "upright");
    assert!(red(&px, 1790, 10) && !red(&px, 10, 10));
    // Not turned: the same pixels as the phone's, only the metadata gone.
    let meeting = public(root, &format!("anh/{MEETING}"));
    assert_eq!(metadata(&meeting), Vec::<String>::new());
    assert_eq!(
        decode(&meeting),
        decode(&phone_jpeg(&pixels(1000, 750, 8), 1, 85))
    );
    assert!(read(root, "anh/index.html").contains("href=\"/anh/xoay.jpg\""));
}

#[test]
fn an_unknown_images_setting_is_an_error() {
    let site = fixture("basic");
    let root = site.path();
    edit(root, "site.yaml", |y| {
        format!("{y}images: {{ publish_original: true }}\n")
    });
    assert_error(
        &build(root, &[]),
        &["images: unknown field \"publish_original\", expected \"publish_originals\""],
    );
}
