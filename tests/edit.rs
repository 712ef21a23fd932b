//! Integration tests for `minhbach edit`: the real binary on a free loopback port, spoken
//! to with raw HTTP/1.1 requests, so that every header an attacker controls (Host,
//! Origin, Cookie, the CSRF header, the path) can be set to what a hostile page would
//! send. Every refusal is checked to have written nothing: the site's files are compared
//! before and after.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[path = "support/http.rs"]
mod http;
use http::Reply;
#[path = "support/photos.rs"]
mod photos;
#[path = "support/site.rs"]
mod support_site;

const PATIENCE: Duration = Duration::from_secs(90);

/// A running `minhbach edit`, killed on drop.
struct Editor {
    child: Child,
    port: u16,
    token: String,
    log: Arc<Mutex<String>>,
    site: tempfile::TempDir,
}

impl Drop for Editor {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Sends `head` (lines without the final empty line) and `body`, reads the whole answer.
fn raw(port: u16, head: &str, body: &[u8]) -> Reply {
    let mut conn = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    conn.set_read_timeout(Some(PATIENCE)).expect("timeout");
    let mut bytes = head.replace('\n', "\r\n").into_bytes();
    bytes.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    bytes.extend_from_slice(body);
    conn.write_all(&bytes).expect("send");
    let mut out = Vec::new();
    let _ = conn.read_to_end(&mut out);
    http::parse(&out).unwrap_or_else(|| panic!("not HTTP: {:?}", String::from_utf8_lossy(&out)))
}

impl Editor {
    fn start(fixture: &str, extra: &[&str]) -> Editor {
        Editor::start_in(support_site::fixture(fixture), extra)
    }

    /// Closes the editor (as Ctrl-C does); the site stays.
    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// The editor on the site in `site`.
    fn start_in(site: tempfile::TempDir, extra: &[&str]) -> Editor {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let mut child = Command::new(env!("CARGO_BIN_EXE_minhbach"))
            .args([
                "edit",
                "--no-open",
                "--now",
                "2024-06-01",
                "--port",
                &port.to_string(),
            ])
            .args(extra)
            .arg("--root")
            .arg(site.path())
            .env_remove("SOURCE_DATE_EPOCH")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start minhbach edit");
        let log = Arc::new(Mutex::new(String::new()));
        for stream in [
            Box::new(child.stdout.take().expect("stdout")) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().expect("stderr")),
        ] {
            let log = Arc::clone(&log);
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let mut l = log.lock().expect("log");
                    l.push_str(&line);
                    l.push('\n');
                }
            });
        }
        let started = Instant::now();
        let token = loop {
            let text = log.lock().expect("log").clone();
            if let Some(t) = text
                .lines()
                .find_map(|l| l.split_once("/_edit/?token=").map(|(_, t)| t.to_string()))
            {
                break t;
            }
            assert!(started.elapsed() < PATIENCE, "no editor address:\n{text}");
            std::thread::sleep(Duration::from_millis(50));
        };
        Editor {
            child,
            port,
            token,
            log,
            site,
        }
    }

    fn root(&self) -> &Path {
        self.site.path()
    }

    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    fn cookie(&self) -> String {
        format!("minhbach_edit={}", self.token)
    }

    /// The CSRF token of the editor's page, read as the page's script reads it.
    fn csrf(&self) -> String {
        let page = self.get("/_edit/");
        assert_eq!(page.status, 200, "{page:?}");
        let marker = "name=\"minhbach-csrf\" content=\"";
        let at = page.body.find(marker).expect("csrf meta") + marker.len();
        page.body[at..at + 64].to_string()
    }

    fn get(&self, path: &str) -> Reply {
        raw(
            self.port,
            &format!(
                "GET {path} HTTP/1.1\nHost: {}\nCookie: {}\n",
                self.host(),
                self.cookie()
            ),
            b"",
        )
    }

    /// A POST as the editor's page sends it.
    fn post(&self, path: &str, body: &[u8]) -> Reply {
        let csrf = self.csrf();
        raw(
            self.port,
            &format!(
                "POST {path} HTTP/1.1\nHost: {}\nOrigin: http://{}\nCookie: {}\nX-Minhbach-Csrf: {csrf}\nContent-Type: application/json\n",
                self.host(),
                self.host(),
                self.cookie()
            ),
            body,
        )
    }

    fn post_json(&self, path: &str, value: &serde_json::Value) -> Reply {
        self.post(path, value.to_string().as_bytes())
    }

    /// The files of the site, `.minhbach-cache/` aside (scratch checks live there).
    fn files(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        support_site::tree(self.root())
            .into_iter()
            .filter(|(p, _)| !p.starts_with(".minhbach-cache"))
            .collect()
    }

    fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn log(&self) -> String {
        self.log.lock().expect("log").clone()
    }
}

#[test]
fn the_first_visit_trades_the_token_for_a_strict_cookie() {
    let ed = Editor::start("multiyear", &[]);
    let host = ed.host();
    let first = raw(
        ed.port,
        &format!("GET /_edit/?token={} HTTP/1.1\nHost: {host}\n", ed.token),
        b"",
    );
    assert_eq!(first.status, 303, "{first:?}");
    assert_eq!(first.header("location"), Some("/_edit/"));
    let cookie = first.header("set-cookie").expect("a cookie");
    assert!(
        cookie.contains(&ed.token)
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    assert_eq!(first.header("referrer-policy"), Some("no-referrer"));
    let page = ed.get("/_edit/");
    assert_eq!(page.status, 200);
    let csp = page.header("content-security-policy").expect("csp");
    assert!(csp.starts_with("default-src 'self'"), "{csp}");
    assert_eq!(page.header("referrer-policy"), Some("no-referrer"));
    assert!(
        !page.body.contains(&ed.token),
        "the token is not in the page"
    );
    assert!(
        !page.body.contains("http://") && !page.body.contains("https://"),
        "nothing from elsewhere"
    );
    let js = ed.get("/_edit/assets/editor.js");
    assert_eq!(js.status, 200);
    assert!(
        !js.body.contains("https://") && !js.body.contains("http://"),
        "no CDN"
    );
    // No listing of folders, of the editor or of the site.
    assert_eq!(ed.get("/_edit/assets/").status, 404);
    assert!(!ed.log().contains("Cookie"), "{}", ed.log());
}

#[test]
fn requests_without_the_token_or_from_elsewhere_are_refused_with_nothing_written() {
    let ed = Editor::start("multiyear", &["--max-upload-mb", "1"]);
    let before = ed.files();
    let host = ed.host();
    let csrf = ed.csrf();
    let save = serde_json::json!({
        "path": "content/campaigns/day-tot-hoc-tot.vi.md",
        "files": {"vi": {"fields": {"title": "ĐÃ BỊ SỬA"}}},
    })
    .to_string();
    let post = |headers: &str, path: &str, body: &str| {
        raw(
            ed.port,
            &format!("POST {path} HTTP/1.1\n{headers}"),
            body.as_bytes(),
        )
    };
    let good_origin = format!("Origin: http://{host}\n");
    let cookie = format!("Cookie: {}\n", ed.cookie());
    let csrf_h = format!("X-Minhbach-Csrf: {csrf}\n");
    let host_h = format!("Host: {host}\n");
    let cases: Vec<(&str, String, &str, String)> = vec![
        (
            "no token",
            format!("{host_h}{good_origin}{csrf_h}"),
            "/_edit/api/save",
            save.clone(),
        ),
        (
            "a wrong token",
            format!(
                "{host_h}{good_origin}{csrf_h}Cookie: minhbach_edit=00{}\n",
                &ed.token[2..]
            ),
            "/_edit/api/save",
            save.clone(),
        ),
        (
            "a foreign host",
            format!(
                "Host: evil.example:{}\n{good_origin}{cookie}{csrf_h}",
                ed.port
            ),
            "/_edit/api/save",
            save.clone(),
        ),
        (
            "a foreign origin",
            format!("{host_h}Origin: http://evil.example\n{cookie}{csrf_h}"),
            "/_edit/api/save",
            save.clone(),
        ),
        (
            "another port's origin",
            format!("{host_h}Origin: http://localhost:1\n{cookie}{csrf_h}"),
            "/_edit/api/save",
            save.clone(),
        ),
        (
            "no origin",
            format!("{host_h}{cookie}{csrf_h}"),
            "/_edit/api/save",
            save.clone(),
        ),
        (
            "no CSRF token",
            format!("{host_h}{good_origin}{cookie}"),
            "/_edit/api/save",
            save.clone(),
        ),
        (
            "a wrong CSRF token",
            format!(
                "{host_h}{good_origin}{cookie}X-Minhbach-Csrf: {}\n",
                ed.token
            ),
            "/_edit/api/save",
            save.clone(),
        ),
    ];
    // The data entries' actions pass the same checks.
    let entry = serde_json::json!({"file": "units", "id": "van-phong", "new": "x",
        "fields": {"name": {"vi": "ĐÃ BỊ SỬA", "en": "HACKED"}}})
    .to_string();
    for (what, headers, path, body) in &cases {
        let r = post(headers, path, body);
        assert_eq!(r.status, 403, "{what}: {r:?}");
        for action in ["save", "create", "rename", "delete"] {
            let r = post(headers, &format!("/_edit/api/entry/{action}"), &entry);
            assert_eq!(r.status, 403, "{what}, entry/{action}: {r:?}");
        }
    }
    // Only the four data files, named, never a path.
    for file in [
        "../site",
        "holidays",
        "units.yaml",
        "../../etc/passwd",
        "content/data/units",
    ] {
        for action in ["save", "create", "rename", "delete"] {
            let body = serde_json::json!({"file": file, "id": "van-phong", "new": "x",
                "fields": {"name": {"vi": "x", "en": "x"}}});
            let r = ed.post_json(&format!("/_edit/api/entry/{action}"), &body);
            assert_eq!(r.status, 400, "entry/{action} {file}: {r:?}");
        }
        let r = ed.get(&format!("/_edit/api/entry?file={file}&id=van-phong"));
        assert_eq!(r.status, 400, "entry {file}: {r:?}");
    }
    // Reading needs the token as well: no list, no file of the site.
    for path in [
        "/_edit/",
        "/_edit/api/items",
        "/_edit/api/item?path=content/campaigns/day-tot-hoc-tot.vi.md",
        "/_edit/api/entry?file=units&id=van-phong",
    ] {
        let r = raw(ed.port, &format!("GET {path} HTTP/1.1\n{host_h}"), b"");
        assert_eq!(r.status, 403, "{path}: {r:?}");
        assert!(
            !r.body.contains("Dạy tốt") && !r.body.contains("Văn phòng"),
            "{path}"
        );
    }
    let r = raw(
        ed.port,
        &format!("GET /_edit/api/items HTTP/1.1\nHost: evil.example\n{cookie}"),
        b"",
    );
    assert_eq!(r.status, 403);

    // Paths outside content/ and static/, lexically or through a link.
    let outside = tempfile::tempdir().expect("temp");
    std::fs::create_dir_all(outside.path().join("campaigns")).expect("mkdir");
    std::fs::write(
        outside.path().join("campaigns/x.vi.md"),
        "---\ntitle: a\n---\n",
    )
    .expect("write");
    std::os::unix::fs::symlink(
        outside.path().join("campaigns/x.vi.md"),
        ed.root().join("content/campaigns/lien-ket.vi.md"),
    )
    .expect("ln");
    let before = {
        let mut b = before;
        b.extend(
            ed.files()
                .into_iter()
                .filter(|(p, _)| p.ends_with("lien-ket.vi.md")),
        );
        b
    };
    let outside_before = support_site::tree(outside.path());
    for path in [
        "../site.yaml",
        "content/../site.yaml",
        "content/campaigns/../../site.yaml",
        "/etc/passwd",
        &ed.root()
            .join("content/campaigns/day-tot-hoc-tot.vi.md")
            .display()
            .to_string(),
        "site.yaml",
        "content/campaigns/lien-ket.vi.md",
        "content\\campaigns\\day-tot-hoc-tot.vi.md",
    ] {
        for action in ["save", "rename", "delete", "draft"] {
            let body = serde_json::json!({
                "path": path,
                "id": "moi",
                "draft": true,
                "files": {"vi": {"fields": {"title": "x"}, "body": "x"}},
            });
            let r = ed.post_json(&format!("/_edit/api/{action}"), &body);
            assert!(matches!(r.status, 400 | 403), "{action} {path}: {r:?}");
        }
        let r = ed.get(&format!("/_edit/api/item?path={path}"));
        assert!(matches!(r.status, 400 | 403), "item {path}: {r:?}");
    }
    let r = ed.post_json(
        "/_edit/api/restore",
        &serde_json::json!({"name": "../content"}),
    );
    assert_eq!(r.status, 400, "{r:?}");
    // Uploads over the limit are refused before they are read, and the sender gets the
    // answer: a 32 MB file is not reset under it while it is still being sent.
    let big = vec![b'%'; 32 * 1024 * 1024];
    let r = ed.post("/_edit/api/upload?name=big.pdf", &big);
    assert_eq!(r.status, 413, "{r:?}");
    // Not a photo or a PDF, or a photo the image stage cannot read.
    let r = ed.post(
        "/_edit/api/upload?name=x.html",
        b"<script>alert(1)</script>",
    );
    assert_eq!(r.status, 415, "{r:?}");
    let mut heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec();
    heic.extend_from_slice(&[0; 100]);
    let r = ed.post("/_edit/api/upload?name=IMG_0001.HEIC", &heic);
    assert_eq!(r.status, 415, "{r:?}");
    assert!(
        r.json()["error"]
            .as_str()
            .is_some_and(|e| e.contains("HEIC")),
        "{r:?}"
    );
    let mut cut = photos::plain_jpeg(&photos::pixels(64, 48, 8), 80);
    cut.truncate(cut.len() / 2);
    let r = ed.post("/_edit/api/upload?name=anh.jpg", &cut);
    assert_eq!(r.status, 415, "{r:?}");

    assert_eq!(ed.files(), before, "nothing was written");
    assert_eq!(
        support_site::tree(outside.path()),
        outside_before,
        "nothing outside was written"
    );
}

#[test]
fn a_save_changes_only_its_fields_and_an_invalid_one_writes_nothing() {
    let ed = Editor::start("multiyear", &[]);
    let path = "content/campaigns/day-tot-hoc-tot.vi.md";
    let original = ed.read(path);
    let r = ed.post_json(
        "/_edit/api/save",
        &serde_json::json!({"path": path, "files": {"vi": {"fields": {"title": "Dạy tốt, học tốt 2024", "launched": "2023-01"}, "body": "Phong trào chạy qua nhiều năm và nhiều kế hoạch.\n"}}}),
    );
    assert_eq!(r.status, 200, "{r:?}");
    let saved = ed.read(path);
    assert_eq!(
        saved,
        original.replace(
            "title: \"Dạy tốt, học tốt\"",
            "title: \"Dạy tốt, học tốt 2024\""
        ),
        "only the title line changed, `launched: \"2023-01\"` kept as written"
    );

    // A bad date and an unknown campaign: errors at the field, in Vietnamese; no write.
    let before = ed.files();
    // The errors of a save of one field of the campaign, refused.
    let refused = |field: &str, value: &str| {
        let r = ed.post_json(
            "/_edit/api/save?lang=vi",
            &serde_json::json!({"path": path, "files": {"vi": {"fields": {field: value}}}}),
        );
        assert_eq!(r.status, 422, "{r:?}");
        r.json()["errors"].clone()
    };
    let errors = refused("launched", "2023-13-45");
    assert_eq!(errors[0]["field"], "launched", "{errors}");
    assert_eq!(errors[0]["code"], "MB0401", "{errors}");
    assert!(
        errors[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("không phải là ngày")),
        "{errors}"
    );
    // A message the editor has no Vietnamese of: said by its code's Vietnamese title, the
    // English after it, the code's Vietnamese fix as the hint.
    let errors = refused("ends", "2022-06");
    assert_eq!(errors[0]["field"], "ends", "{errors}");
    assert_eq!(errors[0]["code"], "MB0404", "{errors}");
    assert_eq!(
        errors[0]["message"],
        "phong trào kết thúc trước ngày phát động \
         (the campaign ends (2022-06) before it is launched (2023-01))",
        "{errors}"
    );
    assert!(
        errors[0]["hint"]
            .as_str()
            .is_some_and(|h| h.starts_with("Kiểm tra lại hai ngày `launched:` và `ends:`.")),
        "{errors}"
    );
    let exemplar = "content/exemplars/co-nguyen-thi-hoa.vi.md";
    let r = ed.post_json(
        "/_edit/api/save?lang=vi",
        &serde_json::json!({"path": exemplar, "files": {"vi": {"fields": {"campaign": "day-tot"}}}}),
    );
    assert_eq!(r.status, 422, "{r:?}");
    let errors = r.json()["errors"].clone();
    assert_eq!(errors[0]["field"], "campaign", "{errors}");
    assert_eq!(errors[0]["code"], "MB0301", "{errors}");
    assert!(
        errors[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("không có phong trào \"day-tot\"")),
        "{errors}"
    );
    let r = ed.post_json(
        "/_edit/api/save?lang=en",
        &serde_json::json!({"path": exemplar, "files": {"vi": {"fields": {"campaign": "day-tot"}}}}),
    );
    assert!(
        r.json()["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("unknown campaign")),
        "{r:?}"
    );
    assert_eq!(ed.files(), before, "an invalid form writes nothing");

    // A new translation from the side-by-side form.
    let page = "content/pages/gioi-thieu.vi.md";
    let r = ed.post_json(
        "/_edit/api/save",
        &serde_json::json!({"path": page, "files": {"en": {"fields": {"title": "About"}, "body": "About us.\n"}}}),
    );
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(
        ed.read("content/pages/gioi-thieu.en.md"),
        "---\ntitle: \"About\"\n---\nAbout us.\n"
    );

    // The list and an item as the page loads them.
    let items = ed.get("/_edit/api/items").json();
    let campaign = items["items"]
        .as_array()
        .and_then(|i| i.iter().find(|x| x["id"] == "day-tot-hoc-tot"))
        .expect("listed");
    assert_eq!(campaign["title"]["vi"], "Dạy tốt, học tốt 2024");
    assert_eq!(campaign["year"], "2023");
    let nhap = items["items"]
        .as_array()
        .and_then(|i| i.iter().find(|x| x["id"] == "nhap-bi-mat"))
        .expect("draft listed");
    assert_eq!(nhap["draft"], true);
    assert_eq!(nhap["missing"], serde_json::json!(["en"]));
    let item = ed.get(&format!("/_edit/api/item?path={exemplar}")).json();
    assert_eq!(item["files"]["vi"]["front"]["campaign"], "day-tot-hoc-tot");
    assert_eq!(
        item["schema"]["properties"]["campaign"]["type"][0],
        "string"
    );
    assert!(item["ids"]["campaign"]
        .as_array()
        .is_some_and(|c| c.contains(&"giu-chan-hoc-sinh".into())));
    assert!(item["ids"]["units"]
        .as_array()
        .is_some_and(|u| !u.is_empty()));

    // The markdown preview uses the site's renderer.
    let r = ed.post_json("/_edit/api/preview", &serde_json::json!({"body": "## Tiêu đề\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<script>x</script>"}));
    let html = r.json()["html"].as_str().unwrap_or_default().to_string();
    assert!(
        html.contains("<h2") && html.contains("<table>") && !html.contains("<script>"),
        "{html}"
    );
}

#[test]
fn create_rename_draft_delete_and_restore() {
    let ed = Editor::start("multiyear", &[]);
    let r = ed.post_json(
        "/_edit/api/create",
        &serde_json::json!({"kind": "campaign", "title": "Phong trào Đổi mới"}),
    );
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(
        r.json()["paths"][0],
        "content/campaigns/phong-trao-doi-moi.vi.md"
    );
    assert!(ed
        .read("content/campaigns/phong-trao-doi-moi.vi.md")
        .contains("draft: true"));

    // Rename a campaign: its files move and every reference follows, nested ones too.
    let r = ed.post_json(
        "/_edit/api/rename",
        &serde_json::json!({"path": "content/campaigns/day-tot-hoc-tot.vi.md", "id": "Dạy tốt"}),
    );
    assert_eq!(r.status, 200, "{r:?}\n{}", ed.log());
    assert_eq!(r.json()["path"], "content/campaigns/day-tot.vi.md");
    assert!(ed.root().join("content/campaigns/day-tot.en.md").is_file());
    assert!(!ed
        .root()
        .join("content/campaigns/day-tot-hoc-tot.vi.md")
        .exists());
    let exemplar = ed.read("content/exemplars/co-nguyen-thi-hoa.vi.md");
    assert!(exemplar.contains("campaign: \"day-tot\"\n"), "{exemplar}");
    assert!(
        exemplar.contains("photo: /anh/co-nguyen-thi-hoa.jpg\n"),
        "other lines kept: {exemplar}"
    );
    let plan = ed.read("content/plan/ke-hoach-2023.vi.md");
    assert!(
        plan.contains("campaigns:\n- \"day-tot\"\n- \"giu-chan-hoc-sinh\"\n"),
        "{plan}"
    );
    let nomination = ed.read("content/nominations/de-nghi-bang-khen-2024.vi.md");
    assert!(!nomination.contains("day-tot-hoc-tot"), "{nomination}");
    let check = support_site::minhbach(ed.root(), &["check", "--now", "2024-06-01", "--drafts"]);
    support_site::assert_ok(&check);

    // Draft on and off.
    let ex = "content/exemplars/co-nguyen-thi-hoa.vi.md";
    let r = ed.post_json(
        "/_edit/api/draft",
        &serde_json::json!({"path": ex, "draft": true}),
    );
    assert_eq!(r.status, 200, "{r:?}");
    assert!(
        ed.read(ex).contains("draft: true")
            && ed
                .read("content/exemplars/co-nguyen-thi-hoa.en.md")
                .contains("draft: true")
    );
    let r = ed.post_json(
        "/_edit/api/draft",
        &serde_json::json!({"path": ex, "draft": false}),
    );
    assert_eq!(r.status, 200, "{r:?}");
    assert!(!ed.read(ex).contains("draft:"));

    // Deleting a campaign others name is refused; an unnamed one goes to the trash.
    let before = ed.files();
    let r = ed.post_json(
        "/_edit/api/delete",
        &serde_json::json!({"path": "content/campaigns/day-tot.vi.md"}),
    );
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(ed.files(), before);
    let r = ed.post_json(
        "/_edit/api/delete",
        &serde_json::json!({"path": "content/campaigns/phong-trao-doi-moi.vi.md"}),
    );
    assert_eq!(r.status, 200, "{r:?}");
    assert!(!ed
        .root()
        .join("content/campaigns/phong-trao-doi-moi.vi.md")
        .exists());
    assert_eq!(ed.read(".minhbach-trash/.gitignore"), "*\n");
    let trash = ed.get("/_edit/api/trash").json();
    let name = trash["entries"][0]["name"]
        .as_str()
        .expect("an entry")
        .to_string();
    assert_eq!(
        trash["entries"][0]["files"][0],
        "content/campaigns/phong-trao-doi-moi.vi.md"
    );
    let r = ed.post_json("/_edit/api/restore", &serde_json::json!({"name": name}));
    assert_eq!(r.status, 200, "{r:?}");
    assert!(ed
        .read("content/campaigns/phong-trao-doi-moi.vi.md")
        .contains("Phong trào Đổi mới"));
}

#[test]
fn uploads_get_a_safe_new_name_in_the_right_folder() {
    let ed = Editor::start("multiyear", &[]);
    let jpeg = photos::plain_jpeg(&photos::pixels(64, 48, 8), 80);
    let r = ed.post(
        "/_edit/api/upload?name=%E1%BA%A2nh%20C%C3%B4%20Hoa.JPG",
        &jpeg,
    );
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.json()["address"], "/anh/anh-co-hoa.jpg");
    let r = ed.post(
        "/_edit/api/upload?name=%E1%BA%A2nh%20C%C3%B4%20Hoa.JPG",
        &jpeg,
    );
    assert_eq!(
        r.json()["address"],
        "/anh/anh-co-hoa-2.jpg",
        "never replaces a file"
    );
    let r = ed.post(
        "/_edit/api/upload?name=..%2F..%2Fsite.yaml",
        b"%PDF-1.4\n%%EOF\n",
    );
    assert_eq!(r.json()["path"], "static/van-ban/site.pdf");
    assert_eq!(
        std::fs::read(ed.root().join("static/anh/anh-co-hoa.jpg")).expect("written"),
        jpeg
    );
}

/// A table pasted from a spreadsheet into a report: the preview shows the guessed columns
/// and each row with its problems; apply writes nothing while a row is wrong, then writes
/// the figures once it is fixed, keeping the rest of the file byte for byte.
#[test]
fn a_pasted_table_is_previewed_row_by_row_and_applied_only_when_right() {
    let ed = Editor::start("multiyear", &[]);
    let report = "content/reports/bao-cao-nam-2023.vi.md";
    let before = ed.read(report);
    let bad = "Chỉ tiêu\tThực hiện\tGhi chú\n\
               Tỷ lệ học sinh bỏ học\t1,2\tGiảm so với năm trước\n\
               Ty le giao vien dat chuan\t97,5\t\n\
               Kinh phi ho tro\tmột tỷ\t\n";
    let req =
        |text: &str| serde_json::json!({"report": report, "file_name": "paste.tsv", "text": text});
    let r = ed.post_json("/_edit/api/import/preview", &req(bad));
    assert_eq!(r.status, 200, "{r:?}");
    let preview = r.json();
    assert_eq!(preview["headers"][0], "Chỉ tiêu");
    assert_eq!(preview["plan"]["mapping"]["indicator"], 0);
    assert_eq!(preview["plan"]["mapping"]["actual"], 1);
    assert_eq!(preview["plan"]["ok"], false);
    let rows = preview["plan"]["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[0]["indicator"], "ty-le-bo-hoc",
        "found by its name with diacritics"
    );
    assert_eq!(
        rows[1]["indicator"], "ty-le-giao-vien-dat-chuan",
        "and without"
    );
    assert_eq!(rows[1]["actual"], "97.5");
    assert!(rows[0]["problems"].as_array().expect("list").is_empty());
    let problem = &rows[2]["problems"][0];
    assert_eq!(
        problem["column"], 1,
        "the bad figure is named at its cell: {problem}"
    );
    assert!(!problem["vi"].as_str().unwrap_or("").is_empty());

    let r = ed.post_json("/_edit/api/import/apply", &req(bad));
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.json()["written"], false);
    assert_eq!(
        ed.read(report),
        before,
        "a table with a wrong row writes nothing"
    );

    let good = bad.replace("một tỷ", "1.700.000.000");
    let r = ed.post_json("/_edit/api/import/apply", &req(&good));
    assert_eq!(r.json()["written"], true, "{r:?}");
    let after = ed.read(report);
    assert!(after.contains("97.5") || after.contains("97,5"), "{after}");
    assert!(
        after.contains("1700000000") || after.contains("1.700.000.000"),
        "{after}"
    );
    assert!(after.contains("Giảm so với năm trước"), "{after}");
    let (head, tail) = before.split_once("results:").expect("results");
    assert!(
        after.starts_with(head),
        "the fields above results keep their bytes"
    );
    let rest = tail.split_once("attachments:").expect("attachments").1;
    assert!(
        after.ends_with(rest),
        "the fields below results and the body keep their bytes"
    );
    support_site::assert_ok(&support_site::minhbach(
        ed.root(),
        &["check", "--now", "2024-07-15"],
    ));
}

/// units.yaml as people write it: a heading, blank lines between entries, a comment.
const UNITS: &str = "# Các đơn vị của Sở.\n\n- id: van-phong\n  name: { vi: \"Văn phòng Sở\", en: \"Department Office\" }\n\n# Phòng chuyên môn.\n- id: phong-giao-duc-trung-hoc\n  name: { vi: \"Phòng Giáo dục Trung học\", en: \"Secondary Education Division\" }\n";

/// Saves a data entry's form (`entry/save`) and checks its file is what it was with
/// `from` replaced by `to`, and nothing else.
fn save_changes_one_line(ed: &Editor, form: serde_json::Value, (from, to): (&str, &str)) {
    let path = format!(
        "content/data/{}.yaml",
        form["file"].as_str().expect("a file")
    );
    let before = ed.read(&path);
    let r = ed.post_json("/_edit/api/entry/save", &form);
    assert_eq!(r.status, 200, "{r:?}");
    assert!(before.contains(from), "{before}");
    assert_eq!(ed.read(&path), before.replace(from, to));
}

#[test]
fn a_data_entry_is_edited_alone_and_a_wrong_one_is_not_written() {
    let ed = Editor::start("multiyear", &[]);
    let units = "content/data/units.yaml";
    std::fs::write(ed.root().join(units), UNITS).expect("write");

    // The list shows the entries, the form loads one with its schema.
    let items = ed.get("/_edit/api/items").json();
    let unit = items["items"]
        .as_array()
        .and_then(|i| {
            i.iter()
                .find(|x| x["kind"] == "units" && x["id"] == "van-phong")
        })
        .expect("listed");
    assert_eq!(unit["title"]["en"], "Department Office");
    assert!(items["items"].as_array().is_some_and(|i| i
        .iter()
        .any(|x| x["kind"] == "documents" && x["id"] == "nd-98-2023")));
    let entry = ed.get("/_edit/api/entry?file=units&id=van-phong").json();
    assert_eq!(entry["entry"]["name"]["vi"], "Văn phòng Sở");
    assert!(entry["schema"]["properties"]["name"].is_object(), "{entry}");

    // One entry's field: its line changes, every other byte stays.
    save_changes_one_line(
        &ed,
        serde_json::json!({"file": "units", "id": "phong-giao-duc-trung-hoc",
            "fields": {"name": {"vi": "Phòng Giáo dục Trung học phổ thông", "en": "Secondary Education Division"}}}),
        (
            "vi: \"Phòng Giáo dục Trung học\",",
            "vi: \"Phòng Giáo dục Trung học phổ thông\",",
        ),
    );
    save_changes_one_line(
        &ed,
        serde_json::json!({"file": "documents", "id": "nd-98-2023",
            "fields": {"summary": {"vi": "Quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng", "en": "Detailing the Law on Emulation and Commendation"}}}),
        (
            "en: \"Detailing some articles of the Law on Emulation and Commendation\"",
            "en: \"Detailing the Law on Emulation and Commendation\"",
        ),
    );

    // A name without its English text: the error is at the field, in that column; no write.
    let before = ed.files();
    let r = ed.post_json(
        "/_edit/api/entry/save?lang=vi",
        &serde_json::json!({"file": "units", "id": "van-phong",
            "fields": {"name": {"vi": "Văn phòng", "en": ""}}}),
    );
    assert_eq!(r.status, 422, "{r:?}");
    let errors = r.json()["errors"].clone();
    assert_eq!(errors[0]["field"], "name", "{errors}");
    assert_eq!(errors[0]["lang"], "en", "{errors}");
    let r = ed.post_json(
        "/_edit/api/entry/save",
        &serde_json::json!({"file": "documents", "id": "nd-98-2023", "fields": {"issued": "2023-13-31"}}),
    );
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(r.json()["errors"][0]["field"], "issued", "{r:?}");
    assert_eq!(ed.files(), before, "a wrong entry writes nothing");

    // A new unit: its id from its name, at the end of the file; the same id again is refused.
    let suggested = ed
        .get("/_edit/api/entry?file=units&new=1&name=Ph%C3%B2ng%20K%E1%BA%BF%20ho%E1%BA%A1ch%20-%20T%C3%A0i%20ch%C3%ADnh")
        .json();
    assert_eq!(suggested["entry"]["id"], "phong-ke-hoach-tai-chinh");
    assert_eq!(
        suggested["entry"]["name"]["vi"],
        "Phòng Kế hoạch - Tài chính"
    );
    // A document is named by its number.
    let document = ed
        .get("/_edit/api/entry?file=documents&new=1&name=12%2FCT-UBND")
        .json();
    assert_eq!(document["entry"]["id"], "12-ct-ubnd");
    assert_eq!(document["entry"]["number"], "12/CT-UBND");
    let new_unit = serde_json::json!({"file": "units", "fields": {
        "name": {"vi": "Phòng Kế hoạch - Tài chính", "en": "Planning and Finance Division"}}});
    let r = ed.post_json("/_edit/api/entry/create", &new_unit);
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.json()["id"], "phong-ke-hoach-tai-chinh");
    let text = ed.read(units);
    assert!(
        text.ends_with("\n\n- id: \"phong-ke-hoach-tai-chinh\"\n  name:\n    vi: \"Phòng Kế hoạch - Tài chính\"\n    en: \"Planning and Finance Division\"\n"),
        "{text}"
    );
    let before = ed.files();
    let r = ed.post_json("/_edit/api/entry/create", &new_unit);
    assert_eq!(r.status, 409, "{r:?}");
    assert_eq!(r.json()["errors"][0]["field"], "id", "{r:?}");
    // An event in a file the site does not have yet, without its English title: refused.
    let r = ed.post_json(
        "/_edit/api/entry/create",
        &serde_json::json!({"file": "events", "fields": {"date": "2024-02-01", "title": {"vi": "Hội nghị"}}}),
    );
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(r.json()["errors"][0]["field"], "title", "{r:?}");
    assert_eq!(ed.files(), before, "refused entries write nothing");
    let r = ed.post_json(
        "/_edit/api/entry/create",
        &serde_json::json!({"file": "events", "fields": {"date": "2024-02-01", "title": {"vi": "Hội nghị", "en": "Conference"}}}),
    );
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(
        ed.read("content/data/events.yaml"),
        "- id: \"hoi-nghi\"\n  date: \"2024-02-01\"\n  title:\n    vi: \"Hội nghị\"\n    en: \"Conference\"\n"
    );
    let check = support_site::minhbach(ed.root(), &["check", "--now", "2024-06-01", "--drafts"]);
    support_site::assert_ok(&check);

    // An entry written wrong by hand: the list says it has problems, once the preview
    // has rebuilt.
    let text = ed.read(units);
    std::fs::write(
        ed.root().join(units),
        format!("{text}- id: hong\n  name: {{ vi: \"Hỏng\" }}\n"),
    )
    .expect("write");
    let started = Instant::now();
    loop {
        let items = ed.get("/_edit/api/items").json();
        let problems = items["items"]
            .as_array()
            .and_then(|i| i.iter().find(|x| x["kind"] == "units" && x["id"] == "hong"))
            .map(|x| x["problems"].clone())
            .unwrap_or_default();
        if problems.as_array().is_some_and(|p| !p.is_empty()) {
            assert!(
                problems[0].as_str().is_some_and(|m| m.contains("\"en\"")),
                "{problems}"
            );
            break;
        }
        assert!(started.elapsed() < PATIENCE, "no problems listed: {items}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn a_data_entry_is_renamed_everywhere_and_deleted_to_the_trash() {
    let ed = Editor::start("multiyear", &[]);
    let units = "content/data/units.yaml";
    std::fs::write(ed.root().join(units), UNITS).expect("write");

    // An indicator named by reports in both languages.
    let r = ed.post_json(
        "/_edit/api/entry/rename",
        &serde_json::json!({"file": "indicators", "id": "ty-le-bo-hoc", "new": "Tỷ lệ học sinh bỏ học"}),
    );
    assert_eq!(r.status, 200, "{r:?}\n{}", ed.log());
    let indicators = ed.read("content/data/indicators.yaml");
    assert!(
        indicators.starts_with("- id: \"ty-le-hoc-sinh-bo-hoc\"\n  campaign: giu-chan-hoc-sinh\n"),
        "{indicators}"
    );
    for path in [
        "content/reports/bao-cao-6-thang-2024.vi.md",
        "content/reports/bao-cao-6-thang-2024.en.md",
    ] {
        let text = ed.read(path);
        assert!(
            text.contains("indicator: \"ty-le-hoc-sinh-bo-hoc\"") && !text.contains("ty-le-bo-hoc"),
            "{path}: {text}"
        );
    }
    // A unit: the campaigns that lead with it and the nominees of a list follow.
    let r = ed.post_json(
        "/_edit/api/entry/rename",
        &serde_json::json!({"file": "units", "id": "van-phong", "new": "van-phong-so"}),
    );
    assert_eq!(r.status, 200, "{r:?}\n{}", ed.log());
    assert_eq!(
        ed.read(units),
        UNITS.replace("- id: van-phong\n", "- id: \"van-phong-so\"\n")
    );
    let campaign = ed.read("content/campaigns/day-tot-hoc-tot.vi.md");
    assert!(
        campaign.contains("lead_unit: \"van-phong-so\"\n"),
        "{campaign}"
    );
    let list = ed.read("content/nominations/de-nghi-thang-8.vi.md");
    assert!(
        list.contains("unit: \"van-phong-so\"") && !list.contains("unit: van-phong\n"),
        "{list}"
    );
    let r = ed.post_json(
        "/_edit/api/entry/rename",
        &serde_json::json!({"file": "units", "id": "van-phong-so", "new": "phong-giao-duc-trung-hoc"}),
    );
    assert_eq!(r.status, 409, "{r:?}");
    let check = support_site::minhbach(ed.root(), &["check", "--now", "2024-06-01", "--drafts"]);
    support_site::assert_ok(&check);

    // Deleting a unit others still name is refused, and says where.
    let before = ed.files();
    let r = ed.post_json(
        "/_edit/api/entry/delete",
        &serde_json::json!({"file": "units", "id": "van-phong-so"}),
    );
    assert_eq!(r.status, 422, "{r:?}");
    let said = r.body.clone();
    assert!(
        said.contains("content/campaigns/day-tot-hoc-tot.vi.md"),
        "{said}"
    );
    assert_eq!(ed.files(), before, "a refused delete writes nothing");

    // An entry nothing names goes to the trash and comes back.
    let r = ed.post_json(
        "/_edit/api/entry/create",
        &serde_json::json!({"file": "units", "fields": {"id": "to-tam", "name": {"vi": "Tổ tạm", "en": "Temporary team"}}}),
    );
    assert_eq!(r.status, 200, "{r:?}");
    let with_it = ed.read(units);
    let r = ed.post_json(
        "/_edit/api/entry/delete",
        &serde_json::json!({"file": "units", "id": "to-tam"}),
    );
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(
        ed.read(units),
        UNITS.replace("- id: van-phong\n", "- id: \"van-phong-so\"\n")
    );
    let trash = ed.get("/_edit/api/trash").json();
    let name = trash["entries"][0]["name"]
        .as_str()
        .expect("an entry")
        .to_string();
    assert!(name.ends_with("-data-units-to-tam"), "{name}");
    assert_eq!(trash["entries"][0]["files"][0], units);
    let r = ed.post_json("/_edit/api/restore", &serde_json::json!({"name": name}));
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(ed.read(units), with_it);
}

#[test]
fn a_rename_updates_references_and_links_in_every_language() {
    let ed = Editor::start("multiyear", &[]);
    let add = |path: &str, line: &str| {
        let text = ed.read(path);
        std::fs::write(ed.root().join(path), format!("{text}\n{line}\n")).expect("write");
    };
    add(
        "content/exemplars/co-nguyen-thi-hoa.vi.md",
        "Xem [phong trào](/phong-trao/day-tot-hoc-tot/).",
    );
    add(
        "content/exemplars/co-nguyen-thi-hoa.en.md",
        "See [the campaign](/en/campaigns/day-tot-hoc-tot/) and [another](/en/campaigns/day-tot-hoc-tot-2/).",
    );
    add(
        "content/pages/gioi-thieu.vi.md",
        "[Bản tiếng Anh](/en/campaigns/day-tot-hoc-tot/)",
    );
    add(
        "content/campaigns/day-tot-hoc-tot.en.md",
        "[This page](/en/campaigns/day-tot-hoc-tot/)",
    );
    let r = ed.post_json(
        "/_edit/api/rename",
        &serde_json::json!({"path": "content/campaigns/day-tot-hoc-tot.vi.md", "id": "day-tot"}),
    );
    assert_eq!(r.status, 200, "{r:?}\n{}", ed.log());
    let vi = ed.read("content/exemplars/co-nguyen-thi-hoa.vi.md");
    assert!(
        vi.contains("campaign: \"day-tot\"\n") && vi.contains("(/phong-trao/day-tot/)"),
        "{vi}"
    );
    let en = ed.read("content/exemplars/co-nguyen-thi-hoa.en.md");
    assert!(
        en.contains("(/en/campaigns/day-tot/)")
            && en.contains("(/en/campaigns/day-tot-hoc-tot-2/)"),
        "{en}"
    );
    let page = ed.read("content/pages/gioi-thieu.vi.md");
    assert!(page.contains("(/en/campaigns/day-tot/)"), "{page}");
    let own = ed.read("content/campaigns/day-tot.en.md");
    assert!(own.contains("(/en/campaigns/day-tot/)"), "{own}");
}

/// The Vietnamese guide (docs/huong-dan-bien-tap.md), followed from a fresh `minhbach init`
/// to a change on the published site: open the editor (section 1), create a campaign (2),
/// fill its form (3) and its English translation (4), take the draft mark off (8), close
/// the editor, then check, build and deploy (11).
#[test]
fn the_guide_from_init_to_a_published_change() {
    let site = tempfile::tempdir().expect("temp dir");
    let init = Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .arg("init")
        .arg(site.path())
        .output()
        .expect("run minhbach init");
    support_site::assert_ok(&init);
    let root = site.path().to_path_buf();
    let mut ed = Editor::start_in(site, &[]);
    let r = ed.post_json(
        "/_edit/api/create",
        &serde_json::json!({"kind": "campaign", "title": "Phong trào Tiết kiệm năm 2024"}),
    );
    assert_eq!(r.status, 200, "{r:?}");
    let path = r.json()["paths"][0]
        .as_str()
        .expect("the new file")
        .to_string();
    let r = ed.post_json(
        "/_edit/api/save",
        &serde_json::json!({"path": path, "files": {
            "vi": {"fields": {"launched": "2024-03", "lead_unit": "van-phong"},
                   "body": "Tiết kiệm điện, nước và văn phòng phẩm ở mọi phòng.\n"},
            "en": {"fields": {"title": "Thrift Campaign 2024"},
                   "body": "Saving power, water and stationery in every office.\n"}}}),
    );
    assert_eq!(r.status, 200, "{r:?}\n{}", ed.log());
    let r = ed.post_json(
        "/_edit/api/draft",
        &serde_json::json!({"path": path, "draft": false}),
    );
    assert_eq!(r.status, 200, "{r:?}");
    ed.stop();

    let now = ["--now", "2024-06-01"];
    support_site::assert_ok(&support_site::minhbach(
        &root,
        &[&["check"][..], &now].concat(),
    ));
    support_site::assert_ok(&support_site::minhbach(
        &root,
        &[&["build"][..], &now].concat(),
    ));
    let web = tempfile::tempdir().expect("the web server's folder");
    let web_dir = web.path().join("www");
    let deploy = support_site::minhbach(
        &root,
        &["deploy", "--to", web_dir.to_str().expect("UTF-8 temp path")],
    );
    support_site::assert_ok(&deploy);
    let published = |rel: &str| std::fs::read_to_string(web_dir.join(rel)).unwrap_or_default();
    let vi = published("phong-trao/phong-trao-tiet-kiem-nam-2024/index.html");
    assert!(
        vi.contains("Phong trào Tiết kiệm năm 2024") && vi.contains("Tiết kiệm điện, nước"),
        "{vi}"
    );
    let en = published("en/campaigns/phong-trao-tiet-kiem-nam-2024/index.html");
    assert!(
        en.contains("Thrift Campaign 2024") && en.contains("Saving power"),
        "{en}"
    );
    assert!(published("phong-trao/index.html").contains("Phong trào Tiết kiệm năm 2024"));
}

/// A save is built once: the preview's own build checks the would-be site, so the change
/// is in the preview when the save answers, and the rebuild its write triggers finds
/// nothing left to do.
#[test]
fn a_saved_change_is_in_the_preview_when_the_save_answers() {
    let ed = Editor::start("multiyear", &[]);
    let page = "/phong-trao/day-tot-hoc-tot/";
    assert!(!ed.get(page).body.contains("Dạy tốt, học tốt 2030"));
    let path = "content/campaigns/day-tot-hoc-tot.vi.md";
    let r = ed.post_json(
        "/_edit/api/save",
        &serde_json::json!({"path": path, "files": {"vi": {"fields": {"title": "Dạy tốt, học tốt 2030"}}}}),
    );
    assert_eq!(r.status, 200, "{r:?}");
    let shown = ed.get(page);
    assert!(
        shown.body.contains("Dạy tốt, học tốt 2030"),
        "{}",
        shown.body
    );
    // A title is shown by a quick look at the item's pages while the copy is built.
    let log = ed.log();
    let quick = log.find(&format!("ms ({path}): its ")).expect(&log);
    let built = log.find("(the editor's change)").expect(&log);
    assert!(quick < built && log[..quick].contains("Shown in "), "{log}");
    let started = Instant::now();
    let line = format!("Up to date ({path}): the preview already has it");
    while !ed.log().contains(&line) {
        assert!(
            started.elapsed() < PATIENCE,
            "the write was built again:\n{}",
            ed.log()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
