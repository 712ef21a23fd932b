//! What kind of file each file of the built site is, for publishing it: when it is
//! uploaded ([`Phase`]), and the `Content-Type` and `Cache-Control` object storage serves it
//! with (a web server sets those itself, from its own configuration).

/// The order of uploads, so that readers never follow a link to a file not online yet:
/// what pages use comes before the pages, and the pages before what points to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    /// Styles, scripts, images, attachments, open data, search index shards.
    Assets,
    /// HTML pages.
    Pages,
    /// What points to pages or to other files: the sitemap, robots.txt, the feeds, each
    /// language's search index entry (`meta.json`, which names the shards' version) and
    /// the Data Package descriptors.
    Pointers,
}

impl Phase {
    pub fn of(path: &str) -> Phase {
        let name = path.rsplit('/').next().unwrap_or(path);
        if name.ends_with(".html") {
            Phase::Pages
        } else if name.ends_with(".xml")
            || name == "robots.txt"
            || name == "datapackage.json"
            || (path.starts_with(crate::render::search::BUNDLE) && name == "meta.json")
        {
            Phase::Pointers
        } else {
            Phase::Assets
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Phase::Assets => "assets and data",
            Phase::Pages => "pages",
            Phase::Pointers => "sitemap, feeds and search entry points",
        }
    }
}

/// The media type of a file, from its name; `charset=utf-8` on text, which minhbach
/// always writes as UTF-8.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit('/')
        .next()
        .and_then(|n| n.rsplit_once('.'))
        .map_or("", |(_, e)| e);
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" if path.contains("atom") || path.contains("feed") => {
            "application/atom+xml; charset=utf-8"
        }
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "zip" => "application/zip",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "wasm" => "application/wasm",
        "webmanifest" => "application/manifest+json",
        "mp4" => "video/mp4",
        "mp3" => "audio/mpeg",
        _ => "application/octet-stream",
    }
}

/// How long browsers and caches may keep a file without asking again.
///
/// - The search index shards (`search-index/<lang>/w/`, `p/`) are only ever fetched with
///   the index's version in their address (`?v=…`, from `meta.json`), so one address
///   always means the same bytes: a year, immutable.
/// - Everything else keeps its address when it changes (pages, `style.css`, the feeds, a
///   replaced attachment): five minutes, so a daily update reaches readers at once.
pub fn cache_control(path: &str) -> &'static str {
    let shard = path
        .strip_prefix(crate::render::search::BUNDLE)
        .and_then(|rest| rest.split_once('/'))
        .is_some_and(|(_, rest)| rest.starts_with("w/") || rest.starts_with("p/"));
    if shard {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=300"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_come_after_what_they_use_and_before_what_points_to_them() {
        for (path, phase) in [
            ("style.css", Phase::Assets),
            ("search-index/vi/w/3.json", Phase::Assets),
            ("du-lieu/bao-cao.csv", Phase::Assets),
            ("index.html", Phase::Pages),
            ("en/404.html", Phase::Pages),
            ("sitemap.xml", Phase::Pointers),
            ("en/atom.xml", Phase::Pointers),
            ("robots.txt", Phase::Pointers),
            ("search-index/en/meta.json", Phase::Pointers),
            ("du-lieu/datapackage.json", Phase::Pointers),
        ] {
            assert_eq!(Phase::of(path), phase, "{path}");
        }
    }

    #[test]
    fn only_versioned_search_shards_are_cached_for_long() {
        assert_eq!(
            cache_control("search-index/vi/p/0.json"),
            "public, max-age=31536000, immutable"
        );
        for short in ["search-index/vi/meta.json", "index.html", "style.css"] {
            assert_eq!(cache_control(short), "public, max-age=300", "{short}");
        }
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("anh/A.JPG"), "image/jpeg");
        assert_eq!(content_type("LICENSE"), "application/octet-stream");
    }
}
