//! Edit, pages: the HTML shell of each screen (list, item, trash) and the embedded assets.
//! The screens are filled in by `assets/editor.js` from the JSON API; everything the
//! browser loads is in the binary (no CDN, no request elsewhere), and the strict CSP of
//! `Response::new` allows nothing else.

use super::Response;

const JS: &str = include_str!("assets/editor.js");
const CSS: &str = include_str!("assets/editor.css");

/// The page of a screen; `csrf` goes into it for the script's writes.
pub fn page(csrf: &str, screen: &str, lang: &str) -> String {
    let (title, skip, loading) = if lang == "en" {
        ("minhbach editor", "Skip to content", "Loading…")
    } else {
        (
            "Trình biên tập minhbach",
            "Chuyển đến nội dung",
            "Đang tải…",
        )
    };
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta name=\"referrer\" content=\"no-referrer\">\n\
<meta name=\"minhbach-csrf\" content=\"{csrf}\">\n<title>{title}</title>\n\
<link rel=\"stylesheet\" href=\"/_edit/assets/editor.css\">\n</head>\n\
<body data-screen=\"{screen}\" data-lang=\"{lang}\">\n\
<a class=\"skip\" href=\"#main\">{skip}</a>\n\
<header class=\"top\"><a class=\"brand\" href=\"/_edit/?lang={lang}\">{title}</a>\
<nav aria-label=\"{title}\" id=\"topnav\"></nav></header>\n\
<main id=\"main\" tabindex=\"-1\"><p>{loading}</p></main>\n\
<div id=\"status\" role=\"status\" aria-live=\"polite\" class=\"status\"></div>\n\
<script src=\"/_edit/assets/editor.js\"></script>\n</body>\n</html>\n"
    )
}

/// The page for a request without the launch's token.
pub fn forbidden() -> String {
    "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Không có quyền / Forbidden</title></head>\
<body><main><h1>Không có quyền / Forbidden</h1>\
<p>Hãy mở địa chỉ mà lệnh <code>minhbach edit</code> in ra (có <code>?token=…</code>).</p>\
<p>Open the address that <code>minhbach edit</code> printed (with <code>?token=…</code>).</p></main></body></html>\n"
        .to_string()
}

/// An embedded asset by its path under `/_edit/assets/`.
pub fn asset(path: &str) -> Response {
    match path.trim_start_matches("/_edit/assets/") {
        "editor.js" => Response::new(200, "text/javascript; charset=utf-8", JS),
        "editor.css" => Response::new(200, "text/css; charset=utf-8", CSS),
        "labels.json" => Response::new(200, "application/json", super::labels::JSON),
        _ => Response::text(404, "Not found."),
    }
}
