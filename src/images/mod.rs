//! Images: every JPEG, PNG and WebP the content shows (an exemplar's `photo:`, an image in
//! a markdown body, an `<img>` in a body's raw HTML) is made fit for a phone on a slow
//! network, between the model and rendering.
//!
//! Why: phone photos are 4000×3000 pixels and 3–6 MB, with the GPS position of where
//! someone was photographed in their EXIF. Published as they are, one exemplar page
//! weighs a hundred times any other and says where a teacher lives. So each is decoded,
//! turned upright (EXIF orientation), scaled to a few widths (never up) and encoded as
//! WebP, plus one JPEG (PNG if it has transparency) for browsers without WebP, and a
//! 1200×630 JPEG for link previews ([`make`]). The encoders are given pixels only, so no
//! published variant carries metadata. The original is not published unless site.yaml
//! says `images: { publish_originals: true }`, and then without metadata ([`strip`]).
//! An image under static/ that the content does not show as an image (a download, a
//! template's logo) is published at its address, also without metadata ([`clean`]).
//!
//! Variants live at `/img/<key>/<name>-<width>.webp`, where the key is a hash of the
//! original's bytes and of [`SETTINGS`]: a new photo gets a new address, so hosts may
//! cache them for ever. The same hash keys the [`cache::Cache`] in the site folder, so a
//! rebuild with unchanged photos decodes and encodes nothing. Photos are made on all
//! cores, each on one; the output is the same bytes for the same input.

pub mod cache;
mod codec;
pub mod strip;

use crate::content::Site;
use crate::error::{Code, Diagnostic, Diagnostics, Span};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

pub use codec::Kind;

/// Widths made of each image, in CSS pixels times the screen's density: small ones for
/// the thumbnails of cards (6rem on a phone of density 1–3), the rest for a column of at
/// most 46rem (736 px) on densities 1–2. No width above the original's is made; the
/// original's own width is added when it falls between two of these.
pub const WIDTHS: [u32; 7] = [160, 320, 480, 720, 960, 1280, 1600];
/// The width of the JPEG fallback, for the few browsers without WebP.
pub const FALLBACK_WIDTH: u32 = 960;
/// The share image (Open Graph, Twitter): the size Facebook and Zalo show large.
pub const SHARE: (u32, u32) = (1200, 630);
/// Below this the share image is not made: previews show nothing better than none.
const SHARE_MIN: (u32, u32) = (600, 315);
/// A photo narrower than this looks blurry where the theme shows it (46rem wide, on a
/// screen of density 1, or a phone held upright at density 2).
pub const PHOTO_MIN_WIDTH: u32 = 720;
const WEBP_QUALITY: f32 = 72.0;
const JPEG_QUALITY: u8 = 78;
const SHARE_QUALITY: u8 = 82;
/// An original published whole but re-encoded (its orientation had to be applied).
const ORIGINAL_QUALITY: u8 = 92;

/// Everything that shapes the variants, hashed into their key: a change here gives every
/// image a new key, so no cached or published variant is stale. Bump the version when a
/// codec crate changes its output.
pub const SETTINGS: &str = "minhbach-images 1; widths 160 320 480 720 960 1280 1600; \
     webp q72 m4 (libwebp-sys 0.9); fallback 960 jpeg q78 progressive 4:2:0 (jpeg-encoder 0.7); \
     share 1200x630 q82; lanczos3 (fast_image_resize 6)";

/// Extensions of the files the stage reads; anything else is published as it is.
pub const EXTENSIONS: [&str; 4] = ["jpg", "jpeg", "png", "webp"];

/// Whether a file of the site is one the stage reads, by its name.
pub fn is_raster(path: &str) -> bool {
    path.rsplit_once('.')
        .is_some_and(|(_, e)| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// One width of the WebP `srcset`.
    Width,
    /// The JPEG (or PNG) for browsers without WebP.
    Fallback,
    /// The 1200×630 link preview.
    Share,
}

/// One file made from an image.
#[derive(Debug, Clone)]
pub struct Variant {
    pub role: Role,
    pub width: u32,
    pub height: u32,
    pub ext: &'static str,
    pub bytes: Vec<u8>,
}

/// The files made from one image, in order: widths from small to large, the fallback,
/// the share image if there is one.
#[derive(Debug, Clone, Default)]
pub struct Variants {
    list: Vec<Variant>,
}

impl Variants {
    pub fn push(&mut self, v: Variant) {
        self.list.push(v);
        self.list.sort_by_key(|v| (v.role, v.width));
    }

    pub fn all(&self) -> impl Iterator<Item = &Variant> {
        self.list.iter()
    }

    /// Whether it has what every image needs: a width and the fallback.
    pub fn complete(&self) -> bool {
        self.list.iter().any(|v| v.role == Role::Width)
            && self.list.iter().any(|v| v.role == Role::Fallback)
    }

    fn largest(&self) -> &Variant {
        self.list
            .iter()
            .rfind(|v| v.role == Role::Width)
            .expect("complete variants have a width")
    }
}

/// The widths to make of an image `width` pixels wide (upright): those of [`WIDTHS`]
/// below it, and its own (up to the largest of them).
pub fn widths(width: u32) -> Vec<u32> {
    let top = width.min(WIDTHS[WIDTHS.len() - 1]);
    let mut out: Vec<u32> = WIDTHS.iter().copied().filter(|w| *w < top).collect();
    out.push(top);
    out
}

/// The part of a `width` × `height` image the share image shows: the largest
/// 1200:630 rectangle: centred across a wide picture; on a taller one, with a third of
/// what is cut off above it and two thirds below (faces are usually in the upper part).
/// `[left, top, width, height]`.
fn share_crop(width: u32, height: u32) -> [f64; 4] {
    let (w, h) = (f64::from(width), f64::from(height));
    let ratio = f64::from(SHARE.0) / f64::from(SHARE.1);
    if w / h > ratio {
        let cw = h * ratio;
        [(w - cw) / 2.0, 0.0, cw, h]
    } else {
        let ch = w / ratio;
        [0.0, (h - ch) / 3.0, w, ch]
    }
}

/// The extension for an upload that is an image by its first bytes (whatever its name
/// says); `None` for anything else. HEIC and the rest are images the stage then refuses.
pub fn codec_kind(bytes: &[u8]) -> Option<&'static str> {
    match codec::Kind::of(bytes) {
        codec::Kind::Jpeg => Some("jpg"),
        codec::Kind::Png => Some("png"),
        codec::Kind::WebP => Some("webp"),
        codec::Kind::Heic => Some("heic"),
        codec::Kind::Avif => Some("avif"),
        codec::Kind::Gif => Some("gif"),
        codec::Kind::Unknown => None,
    }
}

/// Whether the stage can read an image (an upload, before it is saved): decoded whole,
/// so a damaged file, a HEIC photo or one too large is refused with the stage's words.
pub fn readable(bytes: &[u8]) -> Result<(), String> {
    codec::decode_fit(bytes, 64).map(|_| ())
}

/// Decodes an image and makes every variant. Errors say why it cannot be read.
pub fn make(bytes: &[u8]) -> Result<Variants, String> {
    let top = codec::decode_fit(bytes, WIDTHS[WIDTHS.len() - 1])?;
    let mut out = Variants::default();
    for w in widths(top.width) {
        let (w, h) = codec::fit(top.width, top.height, w);
        let p = top.resized(w, h, None);
        out.push(Variant {
            role: Role::Width,
            width: w,
            height: h,
            ext: "webp",
            bytes: codec::webp(&p, WEBP_QUALITY),
        });
    }
    let (fw, fh) = codec::fit(top.width, top.height, FALLBACK_WIDTH);
    let fallback = top.resized(fw, fh, None);
    let (ext, bytes) = if fallback.alpha {
        ("png", codec::png(&fallback))
    } else {
        ("jpg", codec::jpeg(&fallback, JPEG_QUALITY))
    };
    out.push(Variant {
        role: Role::Fallback,
        width: fw,
        height: fh,
        ext,
        bytes,
    });
    let crop = share_crop(top.width, top.height);
    if crop[2] >= f64::from(SHARE_MIN.0) && crop[3] >= f64::from(SHARE_MIN.1) {
        let (sw, sh) = if crop[2] >= f64::from(SHARE.0) {
            SHARE
        } else {
            (crop[2] as u32, crop[3] as u32)
        };
        let share = top.resized(sw, sh, Some(crop));
        out.push(Variant {
            role: Role::Share,
            width: sw,
            height: sh,
            ext: "jpg",
            bytes: codec::jpeg(&share, SHARE_QUALITY),
        });
    }
    Ok(out)
}

/// A file published whole, without metadata: its parts copied without the metadata
/// ([`strip`]) when that leaves it looking the same, else (an orientation that turns
/// it, which lives in the EXIF) decoded and encoded again upright in its own format.
pub fn clean(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let head = codec::header(bytes)?;
    if !head.oriented() {
        if let Some(stripped) = strip::strip(bytes) {
            return Ok(stripped);
        }
    }
    let (w, _) = head.upright();
    let p = codec::decode_fit(bytes, w)?;
    Ok(match head.kind {
        Kind::Png => codec::png(&p),
        Kind::WebP => codec::webp(&p, f32::from(ORIGINAL_QUALITY)),
        _ => codec::jpeg(&p, ORIGINAL_QUALITY),
    })
}

/// An image as the pages show it: the files made from it, by their site paths.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// Of the largest variant: the `width` and `height` of the `<img>`, so the browser
    /// keeps its place before it loads.
    pub width: u32,
    pub height: u32,
    /// WebP widths, small to large: (width, site path without the leading `/`).
    pub sources: Vec<(u32, String)>,
    pub fallback: String,
    /// `image/jpeg` or `image/png`.
    pub fallback_type: &'static str,
    /// The link preview: width, height, site path.
    pub share: Option<(u32, u32, String)>,
}

/// Every image the stage made, by the site file of its original (`anh/a b.jpg`: no
/// leading `/`, percent-decoded, NFC), as [`crate::links::site_file`] names it.
pub type Pictures = BTreeMap<String, Picture>;

/// Where the content shows an image.
#[derive(Debug, Clone)]
struct Use {
    /// The content file.
    source: String,
    span: Span,
    line: Option<String>,
    address: String,
    /// `photo:` (an exemplar's main photo) rather than an image in a body.
    photo: bool,
    /// Markdown image without alt text.
    no_alt: bool,
}

impl Use {
    fn diagnostic(&self, d: Diagnostic) -> Diagnostic {
        match &self.line {
            Some(line) => d.at_line(self.span, line),
            None => d.at(self.span),
        }
    }
    fn what(&self) -> &'static str {
        if self.photo {
            "photo"
        } else {
            "image"
        }
    }
}

/// The images a markdown body shows: markdown images and `<img src>` of raw HTML, each
/// with its byte offset in the body and whether it has alt text (raw HTML: always
/// counted as having it). Cheap for the many bodies without any.
pub fn in_body(body: &str) -> Vec<(String, usize, bool)> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let lower_has = |needle: &[u8]| {
        body.as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
    };
    if !body.contains("![") && !lower_has(b"<img") {
        return Vec::new();
    }
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut out = Vec::new();
    let mut open: Option<(String, usize, bool)> = None;
    for (event, range) in Parser::new_ext(body, opts).into_offset_iter() {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                open = Some((dest_url.to_string(), range.start, false));
            }
            Event::Text(t) | Event::Code(t) if open.is_some() => {
                if let Some(o) = open.as_mut() {
                    o.2 |= !t.trim().is_empty();
                }
            }
            Event::End(TagEnd::Image) => out.extend(open.take()),
            Event::Html(h) | Event::InlineHtml(h) => {
                for a in crate::links::in_html(&h) {
                    if a.tag == "img" && a.attr == "src" {
                        out.push((a.value, range.start + a.at, true));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Line and column (1-based, column in characters) of byte `at` of `text`.
fn position(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count();
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count());
    (line, col + 1)
}

/// Every place a published item shows an image of the site, in a stable order.
fn uses(site: &Site) -> Vec<Use> {
    let mut out = Vec::new();
    for x in &site.exemplars {
        if let (Some(photo), Some((span, line))) = (&x.facts.photo, &x.facts.photo_at) {
            out.push(Use {
                source: x.facts_path.clone(),
                span: *span,
                line: Some(line.clone()),
                address: photo.clone(),
                photo: true,
                no_alt: false,
            });
        }
    }
    for n in &site.nominations {
        for x in &n.facts.nominees {
            if let (Some(photo), Some((span, line))) = (&x.photo, &x.photo_at) {
                out.push(Use {
                    source: n.facts_path.clone(),
                    span: *span,
                    line: Some(line.clone()),
                    address: photo.clone(),
                    photo: true,
                    no_alt: false,
                });
            }
        }
    }
    for crate::content::model::Body {
        path,
        text: body,
        line: body_line,
    } in site.bodies()
    {
        for (address, at, alt) in in_body(body) {
            let (line, col) = position(body, at);
            out.push(Use {
                source: path.to_string(),
                span: Span::new(body_line + line, col),
                line: body.lines().nth(line).map(str::to_string),
                address,
                photo: false,
                no_alt: !alt,
            });
        }
    }
    out
}

/// What the stage made.
#[derive(Default)]
pub struct Made {
    pub pictures: Pictures,
    /// Files to publish: variants, and originals or other images without metadata.
    pub files: Vec<(String, Vec<u8>)>,
    /// Images decoded and encoded in this build, and read from the cache.
    pub made: usize,
    pub cached: usize,
}

/// The readable name of an image's variants: its file name as an address word.
fn stem(file: &str) -> String {
    let name = file.rsplit('/').next().unwrap_or(file);
    let name = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let mut s: String = crate::i18n::slugify(name).chars().take(40).collect();
    while s.ends_with('-') {
        s.pop();
    }
    if s.is_empty() {
        "anh".into()
    } else {
        s
    }
}

enum Job<'a> {
    /// Shown by the content: make its variants (and clean it, if originals are published).
    Show { file: &'a str, uses: &'a [Use] },
    /// Published whole: clean it.
    Clean { file: &'a str },
}

enum Done {
    Show {
        key: String,
        variants: Variants,
        cached: bool,
        original: Option<Vec<u8>>,
    },
    Clean(Vec<u8>),
}

/// Runs the stage over the JPEG, PNG and WebP files of static/ that are published
/// (`rasters`: site path → the file on disk; see [`is_raster`]). Problems go to `diags`:
/// an image that cannot be read is an error naming the file and where it is shown, and
/// nothing is published; one too small for its place, or without alt text, a warning.
pub fn run(
    root: &Path,
    site: &Site,
    rasters: &BTreeMap<String, PathBuf>,
    diags: &mut Diagnostics,
) -> Made {
    let publish_originals = site.settings.images.publish_originals;
    let mut by_file: BTreeMap<String, Vec<Use>> = BTreeMap::new();
    for u in uses(site) {
        if let Some(file) = crate::links::site_file(&u.address) {
            by_file.entry(file).or_default().push(u);
        }
    }
    for (file, uses) in &by_file {
        let Some(first) = uses.first() else { continue };
        if let Some(why) = crate::content::refs::unshowable(file) {
            // A photo's is said by the model's checks already, drafts included.
            if !first.photo {
                diags.push(
                    first.diagnostic(
                        Diagnostic::error(
                            Code::NotAWebImage,
                            &first.source,
                            format!("image \"{}\" is {why}", first.address),
                        )
                        .hint(
                            "link a .jpg, .png or .webp file: ![what it shows](/anh/ten-anh.jpg)",
                        ),
                    ),
                );
            }
        }
        for u in uses.iter().filter(|u| u.no_alt) {
            diags.push(u.diagnostic(
                Diagnostic::warning(Code::NoAltText, &u.source, format!("image \"{}\" has no alt text, so a reader who cannot see it learns nothing of it", u.address))
                    .hint("describe what it shows between the brackets: ![Lễ trao bằng khen tại hội trường](/anh/x.jpg); an image that is only decoration needs none"),
            ));
        }
    }
    let jobs: Vec<Job> = rasters
        .keys()
        .map(|file| match by_file.get(file) {
            Some(uses) => Job::Show { file, uses },
            None => Job::Clean { file },
        })
        .collect();
    let cache = cache::Cache::open(root);
    let results: Vec<Result<Done, String>> = jobs
        .par_iter()
        .map(|job| {
            let file = match job {
                Job::Show { file, .. } | Job::Clean { file } => *file,
            };
            let bytes = std::fs::read(&rasters[file]).map_err(|e| format!("cannot read it: {e}"))?;
            match job {
                Job::Clean { .. } => clean(&bytes).map(Done::Clean),
                Job::Show { .. } => {
                    let key = key(&bytes);
                    let original = if publish_originals {
                        Some(clean(&bytes)?)
                    } else {
                        None
                    };
                    if let Some(variants) = cache.get(&key) {
                        return Ok(Done::Show {
                            key,
                            variants,
                            cached: true,
                            original,
                        });
                    }
                    let variants = make(&bytes).map_err(|e| match Kind::of(&bytes) {
                        Kind::Heic => "it is a HEIC file (the iPhone photo format) whatever its name says, which most browsers cannot show; on the iPhone set Settings → Camera → Formats → Most Compatible, or convert it to JPEG (Photos on Windows or Preview on a Mac: Export as JPEG)".to_string(),
                        _ => e,
                    })?;
                    cache.put(&key, &variants);
                    Ok(Done::Show {
                        key,
                        variants,
                        cached: false,
                        original,
                    })
                }
            }
        })
        .collect();
    let mut made = Made::default();
    let mut used = BTreeSet::new();
    for (job, result) in jobs.iter().zip(results) {
        match (job, result) {
            (Job::Clean { file }, Ok(Done::Clean(bytes))) => {
                made.files.push((file.to_string(), bytes));
            }
            (Job::Clean { file }, Err(why)) => diags.push(
                Diagnostic::warning(
                    Code::StaticImageUnreadable,
                    format!("static/{file}"),
                    format!("not published: {why}"),
                )
                .hint("open it in a photo viewer and save it again as JPEG or PNG, or remove it"),
            ),
            (Job::Show { file, uses }, Err(why)) => {
                let first = &uses[0];
                let others = match uses.len() - 1 {
                    0 => String::new(),
                    n => format!(
                        " (shown in {n} more place{})",
                        if n == 1 { "" } else { "s" }
                    ),
                };
                diags.push(first.diagnostic(
                    Diagnostic::error(Code::ImageNotPublishable, &first.source, format!("{} \"{}\": static/{file} cannot be published: {why}{others}", first.what(), first.address))
                        .hint("open the file in a photo viewer: if it does not open there either, copy it from the camera or phone again; else save it again as JPEG"),
                ));
            }
            (
                Job::Show { file, uses },
                Ok(Done::Show {
                    key,
                    variants,
                    cached,
                    original,
                }),
            ) => {
                if cached {
                    made.cached += 1;
                } else {
                    made.made += 1;
                }
                let picture = picture(file, &key, &variants);
                if picture.width < PHOTO_MIN_WIDTH {
                    if let Some(u) = uses.iter().find(|u| u.photo) {
                        diags.push(u.diagnostic(
                            Diagnostic::warning(Code::PhotoTooSmall, &u.source, format!("photo \"{}\" is only {} × {} pixels: too small for its place, it looks blurry where the page shows it ({PHOTO_MIN_WIDTH} pixels wide or more){}", u.address, picture.width, picture.height, if picture.share.is_none() { ", and links to the page get no preview picture" } else { "" }))
                                .hint("use the photo as the camera or phone saved it (at least 1280 pixels wide), not one sent through a chat app or cut from a document"),
                        ));
                    }
                }
                for (v, (_, path)) in variants.all().zip(paths(file, &key, &variants)) {
                    made.files.push((path, v.bytes.clone()));
                }
                if let Some(bytes) = original {
                    made.files.push((file.to_string(), bytes));
                }
                used.insert(key);
                made.pictures.insert(file.to_string(), picture);
            }
            _ => unreachable!("each job gets a result of its own kind"),
        }
    }
    cache.prune(&used);
    made
}

/// The cache key and address of an image's variants: BLAKE3 of [`SETTINGS`] and the bytes.
fn key(bytes: &[u8]) -> String {
    let mut h = blake3::Hasher::new();
    h.update(SETTINGS.as_bytes());
    h.update(&[0]);
    h.update(bytes);
    h.finalize().to_hex()[..20].to_string()
}

/// The site path of each variant, in the order of [`Variants::all`].
fn paths(file: &str, key: &str, v: &Variants) -> Vec<(Role, String)> {
    let stem = stem(file);
    v.all()
        .map(|v| {
            let name = match v.role {
                Role::Width => format!("{stem}-{}.{}", v.width, v.ext),
                Role::Fallback => format!("{stem}-{}.{}", v.width, v.ext),
                Role::Share => format!("{stem}-share.{}", v.ext),
            };
            (v.role, format!("img/{}/{name}", &key[..12]))
        })
        .collect()
}

fn picture(file: &str, key: &str, v: &Variants) -> Picture {
    let largest = v.largest();
    let mut p = Picture {
        width: largest.width,
        height: largest.height,
        sources: Vec::new(),
        fallback: String::new(),
        fallback_type: "image/jpeg",
        share: None,
    };
    for (variant, (role, path)) in v.all().zip(paths(file, key, v)) {
        match role {
            Role::Width => p.sources.push((variant.width, path)),
            Role::Fallback => {
                p.fallback_type = if variant.ext == "png" {
                    "image/png"
                } else {
                    "image/jpeg"
                };
                p.fallback = path;
            }
            Role::Share => p.share = Some((variant.width, variant.height, path)),
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_never_above_the_original() {
        assert_eq!(widths(4000), WIDTHS.to_vec());
        assert_eq!(widths(800), [160, 320, 480, 720, 800]);
        assert_eq!(widths(720), [160, 320, 480, 720]);
        assert_eq!(widths(100), [100]);
    }

    #[test]
    fn the_share_crop_keeps_the_preview_shape() {
        let [l, t, w, h] = share_crop(1600, 1200);
        assert_eq!(
            (l, t.round(), w.round(), h.round()),
            (0.0, 120.0, 1600.0, 840.0)
        );
        let [l, t, w, h] = share_crop(3000, 1000);
        assert_eq!((l.round(), t, w.round(), h), (548.0, 0.0, 1905.0, 1000.0));
    }

    #[test]
    fn images_in_a_body_with_their_alt_text() {
        let found = in_body("Xem ![Lễ trao](/anh/a.jpg) và ![](</anh/ảnh b.png>)\n\n<p><IMG SRC=\"/anh/c.webp\"></p>\n");
        let found: Vec<(&str, bool)> = found.iter().map(|(a, _, alt)| (a.as_str(), *alt)).collect();
        assert_eq!(
            found,
            [
                ("/anh/a.jpg", true),
                ("/anh/ảnh b.png", false),
                ("/anh/c.webp", true)
            ]
        );
        assert!(in_body("no images [a](/b.jpg)").is_empty());
    }

    #[test]
    fn variant_names_are_address_words() {
        assert_eq!(stem("anh/Ảnh khen thưởng 2024.JPG"), "anh-khen-thuong-2024");
        assert_eq!(stem("anh/.jpg"), "anh");
    }
}
