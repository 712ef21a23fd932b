//! Deploy (issue 16), against real servers that these tests start on 127.0.0.1: Debian's
//! OpenSSH server (`sshd`, a throwaway host key and user key, an SFTP umask of 077 so that
//! only minhbach's own permissions can make files readable) and moto's S3 server (PyPI,
//! pinned in `tests/python/requirements-s3.txt`, installed by `.ci/run` into
//! `target/pyvenv-s3`); and a folder. Each target goes through the same story: a dry run,
//! the first deploy, a one-file change, a deletion the guard refuses and then allows, and
//! a deploy killed (SIGKILL) halfway and run again.
//!
//! A missing server fails the test with what is missing and the one command that installs
//! it all, `bash .ci/run`; `MINHBACH_SKIP_DEPLOY=1` skips these on a developer's machine,
//! never in CI (`CI` set).

#[path = "support/site.rs"]
mod support_site;
use support_site::*;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn env_set(name: &str) -> bool {
    std::env::var(name).is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// Whether the test may go on: false (skipped) only outside CI with MINHBACH_SKIP_DEPLOY;
/// with anything missing otherwise, the test fails and says how to install it.
fn available(missing: &[String]) -> bool {
    let ci = env_set("CI");
    if env_set("MINHBACH_SKIP_DEPLOY") && !ci {
        eprintln!("SKIPPED: deploy tests against real servers (MINHBACH_SKIP_DEPLOY is set)");
        return false;
    }
    assert!(
        missing.is_empty(),
        "the deploy tests cannot run: missing\n  - {}\n{}",
        missing.join("\n  - "),
        if ci {
            "In CI, `bash .ci/run` installs these before it runs the tests."
        } else {
            "Run `bash .ci/run` from the repository folder instead of `cargo test`: it installs \
             all of these (Debian or Ubuntu: openssh-server and openssh-client from apt, moto \
             from PyPI into target/pyvenv-s3) and then runs every test. Or skip these tests on \
             this machine with MINHBACH_SKIP_DEPLOY=1 (CI never skips them)."
        }
    );
    true
}

/// A server process, killed when the test ends.
struct Server {
    child: Child,
    port: u16,
    _dir: tempfile::TempDir,
    dir: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port on 127.0.0.1")
        .port()
}

/// Waits until something listens on `port`, or panics with the server's log.
fn wait_for(port: u16, child: &mut Child, log: &Path) {
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        let exited = child.try_wait().ok().flatten();
        if exited.is_some() || started.elapsed() > Duration::from_secs(30) {
            panic!(
                "the server did not start ({exited:?}):\n{}",
                std::fs::read_to_string(log).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn run(program: &str, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"))
}

const SSHD: &str = "/usr/sbin/sshd";

/// OpenSSH's server on a free port, for the current user, with fresh keys.
fn sshd() -> Option<Server> {
    let mut missing = Vec::new();
    if !Path::new(SSHD).is_file() {
        missing.push("the OpenSSH server: sudo apt-get install openssh-server".to_string());
    }
    for tool in ["ssh", "ssh-keygen"] {
        if Command::new(tool).arg("-V").output().is_err() && which(tool).is_none() {
            missing.push(format!(
                "{tool}, the OpenSSH client: sudo apt-get install openssh-client"
            ));
        }
    }
    if !available(&missing) {
        return None;
    }
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().to_path_buf();
    for key in ["host", "user"] {
        let out = run(
            "ssh-keygen",
            &[
                "-q",
                "-t",
                "ed25519",
                "-N",
                "",
                "-f",
                &dir.join(key).to_string_lossy(),
            ],
        );
        assert!(out.status.success(), "ssh-keygen: {}", stderr(&out));
    }
    std::fs::copy(dir.join("user.pub"), dir.join("authorized_keys")).expect("copy key");
    let port = free_port();
    // -u 077: what the server would give files by itself is unreadable to a web server.
    let config = format!(
        "Port {port}\nListenAddress 127.0.0.1\nHostKey {d}/host\nPidFile {d}/sshd.pid\n\
         AuthorizedKeysFile {d}/authorized_keys\nStrictModes no\nPasswordAuthentication no\n\
         KbdInteractiveAuthentication no\nUsePAM no\nPermitRootLogin prohibit-password\n\
         Subsystem sftp internal-sftp -u 077\n",
        d = dir.display()
    );
    std::fs::write(dir.join("sshd_config"), config).expect("write config");
    let host_key = std::fs::read_to_string(dir.join("host.pub")).expect("host key");
    let host_key: Vec<&str> = host_key.split_whitespace().take(2).collect();
    std::fs::write(
        dir.join("known_hosts"),
        format!("[127.0.0.1]:{port} {}\n", host_key.join(" ")),
    )
    .expect("write known_hosts");
    // Run as root, sshd wants its privilege separation folder (the Debian service makes it).
    let _ = std::fs::create_dir_all("/run/sshd");
    std::fs::create_dir_all(dir.join("www")).expect("mkdir");
    let mut sshd = Command::new(SSHD);
    sshd.args(["-D", "-e", "-f"]).arg(dir.join("sshd_config"));
    Some(start(sshd, port, tmp, "sshd.log"))
}

/// Starts `command` with its output in `log` in `tmp`, and waits until it listens on `port`.
fn start(mut command: Command, port: u16, tmp: tempfile::TempDir, log: &str) -> Server {
    let dir = tmp.path().to_path_buf();
    let log = dir.join(log);
    let mut child = command
        .current_dir(&dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).expect("log"))
        .spawn()
        .unwrap_or_else(|e| panic!("start {command:?}: {e}"));
    wait_for(port, &mut child, &log);
    Server {
        child,
        port,
        _dir: tmp,
        dir,
    }
}

fn which(tool: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(tool))
            .find(|p| p.is_file())
    })
}

/// moto's S3 server on a free port, with the bucket `site-test`.
fn moto() -> Option<Server> {
    let program = std::env::var_os("MINHBACH_MOTO_SERVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target/pyvenv-s3/bin/moto_server"));
    let missing = if program.is_file() {
        Vec::new()
    } else {
        vec![format!(
            "moto's S3 server at {}: python3 -m venv target/pyvenv-s3 && target/pyvenv-s3/bin/pip install -r tests/python/requirements-s3.txt",
            program.display()
        )]
    };
    if !available(&missing) {
        return None;
    }
    let port = free_port();
    let mut moto = Command::new(&program);
    moto.args(["-H", "127.0.0.1", "-p", &port.to_string()]);
    let server = start(
        moto,
        port,
        tempfile::tempdir().expect("temp dir"),
        "moto.log",
    );
    // Making the bucket is the storage owner's job, not minhbach's.
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        s,
        "PUT /site-test HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\n\r\n"
    )
    .expect("send");
    let mut answer = String::new();
    s.read_to_string(&mut answer).expect("read");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    Some(server)
}

/// A target as the tests look at it, from outside minhbach's deploy code.
enum Target<'s> {
    Folder(PathBuf),
    Sftp(&'s Server),
    S3(&'s Server, opendal::Operator, tokio::runtime::Runtime),
}

/// Files of the target that are not the site's.
const NOT_SITE: [&str; 3] = [
    ".minhbach-deploy.json",
    ".minhbach-output",
    ".minhbach-parts",
];

impl Target<'_> {
    fn s3(server: &Server) -> Target<'_> {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let builder = opendal::services::S3::default()
            .bucket("site-test")
            .root("/so-xd")
            .endpoint(&format!("http://127.0.0.1:{}", server.port))
            .region("us-east-1")
            .access_key_id("test")
            .secret_access_key("test")
            .disable_config_load()
            .disable_ec2_metadata();
        let transport = opendal::HttpTransporter::new(
            opendal_http_transport_reqwest::ReqwestTransport::default(),
        );
        let op = opendal::Operator::new(builder)
            .expect("operator")
            .with_context(opendal::OperationContext::new().with_http_transport(transport));
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        Target::S3(server, op, rt)
    }

    /// The `deploy:` section of site.yaml for this target, deletions limited to one.
    fn settings(&self) -> String {
        let target = match self {
            Target::Folder(dir) => format!("folder: {{ path: \"{}\" }}", dir.display()),
            Target::Sftp(s) => format!(
                "sftp: {{ host: 127.0.0.1, port: {}, user: \"{}\", path: \"{}/www\", key_file: \"{}/user\", known_hosts_file: \"{}/known_hosts\" }}",
                s.port,
                user(),
                s.dir.display(),
                s.dir.display(),
                s.dir.display()
            ),
            Target::S3(s, ..) => format!(
                "s3: {{ bucket: site-test, endpoint: \"http://127.0.0.1:{}\", region: us-east-1, prefix: so-xd }}",
                s.port
            ),
        };
        format!("deploy:\n  max_deletions: 1\n  targets:\n    web: {{ {target} }}\n")
    }

    /// The site's files online, path → bytes.
    fn online(&self) -> BTreeMap<String, Vec<u8>> {
        let local = |dir: &Path| {
            if dir.exists() {
                strings(tree(dir))
            } else {
                BTreeMap::new()
            }
        };
        let mut files = match self {
            Target::Folder(dir) => local(dir),
            Target::Sftp(s) => local(&s.dir.join("www")),
            Target::S3(_, op, rt) => rt.block_on(async {
                let mut out = BTreeMap::new();
                let entries = op
                    .list_with("/")
                    .recursive(true)
                    .await
                    .expect("list bucket");
                for e in entries {
                    if e.metadata().mode() == opendal::EntryMode::FILE {
                        let bytes = op.read(e.path()).await.expect("read object").to_vec();
                        out.insert(e.path().to_string(), bytes);
                    }
                }
                out
            }),
        };
        files.retain(|p, _| !NOT_SITE.iter().any(|n| p.starts_with(n)));
        files
    }

    /// The inode of each file in a target folder (`None` elsewhere): which files a deploy
    /// wrote anew and which it kept.
    fn inodes(&self, paths: &[&str]) -> Vec<Option<u64>> {
        use std::os::unix::fs::MetadataExt;
        paths
            .iter()
            .map(|p| match self {
                Target::Folder(dir) => std::fs::metadata(dir.join(p)).ok().map(|m| m.ino()),
                _ => None,
            })
            .collect()
    }

    /// A count that grows with each file a deploy writes: files in the staging folder
    /// beside a target folder, files that differ from `before` on the SFTP server, uploads
    /// in the S3 server's log (reading back every object would take longer than the
    /// deploy).
    fn progress(&self, before: &BTreeMap<String, Vec<u8>>) -> usize {
        match self {
            Target::Folder(dir) => {
                let name = dir.file_name().expect("name").to_string_lossy();
                let stage = dir.with_file_name(format!(".{name}.minhbach-new"));
                walkdir::WalkDir::new(stage).into_iter().flatten().count()
            }
            Target::Sftp(_) => {
                let now = self.online();
                now.iter()
                    .filter(|(p, b)| before.get(*p) != Some(b))
                    .count()
            }
            Target::S3(s, ..) => std::fs::read_to_string(s.dir.join("moto.log"))
                .unwrap_or_default()
                .matches("\"PUT /site-test/")
                .count(),
        }
    }

    /// How files are served or stored: permissions that a web server can read whatever the
    /// umask (folder, SFTP), or the content type and cache header (S3).
    fn check_published_as_readable(&self) {
        match self {
            Target::Folder(dir) => modes(dir),
            Target::Sftp(s) => modes(&s.dir.join("www")),
            Target::S3(_, op, rt) => {
                for (path, ty, cache) in [
                    (
                        "index.html",
                        "text/html; charset=utf-8",
                        "public, max-age=300",
                    ),
                    (
                        "style.css",
                        "text/css; charset=utf-8",
                        "public, max-age=300",
                    ),
                    (
                        "search-index/vi/p/0.json",
                        "application/json",
                        "public, max-age=31536000, immutable",
                    ),
                ] {
                    let meta = rt.block_on(op.stat(path)).expect("stat");
                    assert_eq!(meta.content_type(), Some(ty), "{path}");
                    assert_eq!(meta.cache_control(), Some(cache), "{path}");
                }
            }
        }
    }
}

/// Every file below `dir` 0644 and every folder 0755.
fn modes(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    for e in walkdir::WalkDir::new(dir).min_depth(1) {
        let e = e.expect("walk");
        let mode = e.metadata().expect("stat").permissions().mode() & 0o777;
        let want = if e.file_type().is_dir() { 0o755 } else { 0o644 };
        assert_eq!(mode, want, "{}: {mode:o}", e.path().display());
    }
}

/// Asserts two sets of files are the same, naming the paths that differ (not the bytes).
fn same(got: &BTreeMap<String, Vec<u8>>, want: &BTreeMap<String, Vec<u8>>) {
    let differ: Vec<&String> = (got.keys().chain(want.keys()))
        .filter(|p| got.get(*p) != want.get(*p))
        .collect();
    assert!(
        differ.is_empty(),
        "{} file(s) differ: {:?}",
        differ.len(),
        differ.iter().take(10).collect::<Vec<_>>()
    );
}

fn strings(tree: BTreeMap<PathBuf, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    tree.into_iter()
        .map(|(p, b)| (p.to_string_lossy().replace('\\', "/"), b))
        .collect()
}

fn user() -> String {
    let out = run("id", &["-un"]);
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// The built site's files, as a deploy publishes them.
fn public(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = strings(tree(&root.join("public")));
    files.remove(".minhbach-output");
    files
}

/// `minhbach deploy ARGS --root ROOT` with the test's S3 key, under umask 077.
fn deploy_command(root: &Path, args: &[&str]) -> Command {
    let mut c = Command::new("sh");
    c.arg("-c")
        .arg("umask 077; exec \"$@\"")
        .arg("sh")
        .arg(env!("CARGO_BIN_EXE_minhbach"))
        .arg("deploy")
        .args(args)
        .arg("--root")
        .arg(root)
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("MINHBACH_DEPLOY_PAUSE_MS")
        .env("AWS_ACCESS_KEY_ID", "test")
        .env("AWS_SECRET_ACCESS_KEY", "test");
    c
}

fn deploy(root: &Path, args: &[&str]) -> Output {
    deploy_command(root, args).output().expect("run deploy")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A deploy that exited with `code` and printed one line on stdout, holding `needle`.
fn one_line(o: &Output, code: i32, needle: &str) -> String {
    let out = stdout(o);
    assert_eq!(o.status.code(), Some(code), "{out}\n{}", stderr(o));
    assert_eq!(out.lines().count(), 1, "one summary line: {out}");
    assert!(out.contains(needle), "expected {needle:?} in {out}");
    out
}

/// The whole story of one target (see the module documentation).
fn story(target: &Target) {
    let site = fixture("basic");
    let root = site.path();
    edit(root, "site.yaml", |y| format!("{y}{}", target.settings()));
    write(root, "static/van-ban/quy-che.txt", "v1");
    assert_ok(&build(root, &[]));
    let all = public(root).len();

    // A dry run lists every file and changes nothing.
    let dry = deploy(root, &["--dry-run"]);
    let out = stdout(&dry);
    assert_eq!(dry.status.code(), Some(0), "{out}{}", stderr(&dry));
    assert!(out.contains("\n+ index.html ("), "{out}");
    assert!(
        out.contains(&format!(
            "dry run, nothing changed: would add {all}, change 0, delete 0"
        )),
        "{out}"
    );
    assert!(target.online().is_empty());

    // The first deploy puts the whole site online.
    one_line(
        &deploy(root, &[]),
        0,
        &format!(": {all} added, 0 changed, 0 deleted,"),
    );
    same(&target.online(), &public(root));
    target.check_published_as_readable();
    one_line(
        &deploy(root, &[]),
        0,
        &format!(": unchanged, {all} files online"),
    );

    // One changed file: only it is uploaded.
    let inodes = target.inodes(&["index.html", "van-ban/quy-che.txt"]);
    write(root, "static/van-ban/quy-che.txt", "v2!");
    assert_ok(&build(root, &[]));
    let dry = stdout(&deploy(root, &["--dry-run"]));
    assert!(
        dry.starts_with("~ van-ban/quy-che.txt (3 bytes)\n"),
        "{dry}"
    );
    one_line(
        &deploy(root, &[]),
        0,
        ": 0 added, 1 changed, 0 deleted, 3 bytes uploaded",
    );
    same(&target.online(), &public(root));
    if let [Some(index), Some(changed)] = inodes[..] {
        // A folder's unchanged files are the same files, linked; only the changed one is new.
        let now = target.inodes(&["index.html", "van-ban/quy-che.txt"]);
        assert_eq!(now[0], Some(index), "an unchanged file was written again");
        assert_ne!(now[1], Some(changed), "the changed file was not written");
    }

    // A deleted page: two deletions (both languages), above max_deletions: 1.
    for lang in ["vi", "en"] {
        std::fs::remove_file(root.join(format!("content/pages/gioi-thieu.{lang}.md"))).expect("rm");
    }
    assert_ok(&build(root, &[]));
    let before = target.online();
    let refused = deploy(root, &[]);
    one_line(
        &refused,
        3,
        "REFUSED: refusing to deploy: 2 deletions, more than the 1 allowed (max_deletions); nothing was changed",
    );
    assert!(
        stderr(&refused).contains("--allow-deletions 2"),
        "{}",
        stderr(&refused)
    );
    same(&target.online(), &before);
    let dry = stdout(&deploy(root, &["--dry-run", "--allow-deletions", "2"]));
    assert!(
        dry.contains("\n- en/about/index.html\n- gioi-thieu/index.html\n"),
        "{dry}"
    );
    same(&target.online(), &before);
    one_line(&deploy(root, &["--allow-deletions", "2"]), 0, " 2 deleted,");
    let online = target.online();
    assert!(!online.contains_key("gioi-thieu/index.html"));
    same(&online, &public(root));

    // Killed halfway through a deploy that changes every page, then run again.
    let old = public(root);
    edit(root, "site.yaml", |y| {
        y.replace("Trang thử", "Trang thử mới")
    });
    assert_ok(&build(root, &[]));
    let new = public(root);
    let base = target.progress(&old);
    let mut child = deploy_command(root, &[])
        .env("MINHBACH_DEPLOY_PAUSE_MS", "50")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start deploy");
    let started = Instant::now();
    while target.progress(&old) < base + 5 {
        assert!(
            child.try_wait().expect("wait").is_none(),
            "the deploy ended before it could be killed"
        );
        assert!(started.elapsed() < Duration::from_secs(120), "no progress");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().expect("kill -9");
    child.wait().expect("reap");
    let half = target.online();
    assert!(half != new, "the deploy finished before it was killed");
    for (path, bytes) in &half {
        assert!(
            old.get(path) == Some(bytes) || new.get(path) == Some(bytes),
            "{path} online is neither its old nor its new version"
        );
    }
    if let Target::Folder(_) = target {
        same(&half, &old);
    }
    // The rerun completes it (a new word in every page may also retire a search shard).
    one_line(&deploy(root, &[]), 0, " changed, ");
    same(&target.online(), &new);
    one_line(&deploy(root, &[]), 0, ": unchanged,");
}

#[test]
fn a_folder_target_is_swapped_whole_with_only_changes_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    story(&Target::Folder(dir.path().join("www")));
}

#[test]
fn an_sftp_server_gets_whole_files_readable_by_the_web_server() {
    let Some(server) = sshd() else { return };
    story(&Target::Sftp(&server));
}

#[test]
fn s3_storage_gets_content_types_and_cache_headers() {
    let Some(server) = moto() else { return };
    story(&Target::s3(&server));
}

/// The daily timer's command: build with today's date, deploy only what changed, one line.
#[test]
fn deploy_build_publishes_a_future_item_on_its_day_and_nothing_when_nothing_changed() {
    let site = fixture("basic");
    let root = site.path();
    let www = tempfile::tempdir().expect("temp dir");
    let www = www.path().join("www");
    let no_target = deploy(root, &[]);
    one_line(&no_target, 2, "deploy: FAILED: no deploy target");
    edit(root, "site.yaml", |y| {
        format!("{y}{}", Target::Folder(www.clone()).settings())
    });
    let first = one_line(
        &deploy(root, &["--build", "--now", NOW]),
        0,
        "; built for 2024-01-01, ",
    );
    assert!(first.contains(" added, 0 changed, 0 deleted"), "{first}");
    one_line(&deploy(root, &["--build", "--now", NOW]), 0, ": unchanged,");
    assert!(!www.join("guong-dien-hinh/tuong-lai").exists());
    one_line(
        &deploy(root, &["--build", "--now", "2030-05-05"]),
        0,
        " added, ",
    );
    assert!(www.join("guong-dien-hinh/tuong-lai/index.html").is_file());

    // A build that fails deploys nothing.
    let before = strings(tree(&www));
    write(
        root,
        "content/pages/gioi-thieu.vi.md",
        "---\ntitle: x\n---\n[x](/khong-co/)\n",
    );
    one_line(
        &deploy(root, &["--build", "--now", "2030-05-06"]),
        1,
        "deploy: FAILED: the build for 2030-05-06 failed with 1 error(s); nothing was deployed",
    );
    same(&strings(tree(&www)), &before);
}

/// A folder that no build or deploy made is not replaced without --force, and the message
/// says so for a deploy; the built site itself is never a target.
#[test]
fn a_foreign_folder_or_the_built_site_is_refused_as_a_target() {
    let site = fixture("basic");
    let root = site.path();
    assert_ok(&build(root, &[]));
    let www = tempfile::tempdir().expect("temp dir");
    write(www.path(), "mine.txt", "keep");
    let to = www.path().to_string_lossy().to_string();
    let refused = deploy(root, &["--to", &to]);
    one_line(&refused, 1, "FAILED: refusing to deploy into this folder: it is not empty and no earlier build or deploy made it");
    assert!(
        stderr(&refused).contains("choose another target folder"),
        "{}",
        stderr(&refused)
    );
    assert!(www.path().join("mine.txt").is_file());
    one_line(&deploy(root, &["--to", &to, "--force"]), 0, " added, ");
    assert!(!www.path().join("mine.txt").exists());
    let public = root.join("public").to_string_lossy().to_string();
    one_line(
        &deploy(root, &["--to", &public]),
        1,
        "FAILED: refusing to deploy into this folder: it is the built site",
    );
}
