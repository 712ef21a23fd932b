//! The targets reached over the network: a server over SFTP and S3-compatible object
//! storage. Both protocols are async; each target owns a small single-threaded tokio
//! runtime and offers blocking calls, so the rest of minhbach stays synchronous and the
//! runtime exists only while `deploy` runs.
//!
//! Each call replaces one file as a whole: readers see the old file or the new one, never
//! a part. S3 does that by itself (an object appears when its upload is complete); over
//! SFTP the file is written under a temporary name in [`PARTS`] and then renamed over the
//! old one (`posix-rename@openssh.com`, atomic on the server).

use super::kinds;
use super::spec::Target;
use std::collections::BTreeSet;
use std::time::Duration;
use tokio::runtime::Runtime;

/// The folder, at the root of an SFTP target, where files are written before they are
/// renamed into place. What a killed deploy left in it is removed by the next one.
pub const PARTS: &str = ".minhbach-parts";

/// A place files are published to, one whole file per call.
pub trait Remote {
    /// The bytes of `path`, or `None` if there is no such file.
    fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, String>;
    /// Puts `bytes` at `path`, replacing what was there in one step.
    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), String>;
    /// Removes `path`; a file already gone is no error (a rerun after a kill).
    fn delete(&mut self, path: &str) -> Result<(), String>;
    /// Removes the folders that `deleted` left empty; the last call of a deploy.
    fn tidy(&mut self, deleted: &[String]) -> Result<(), String>;
    /// What to do when a call failed, for the message.
    fn hint(&self) -> String;
}

/// Connects to `target` (not a folder).
pub fn open(target: &Target) -> Result<Box<dyn Remote>, String> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the network runtime: {e}"))?;
    match target {
        Target::S3 {
            bucket,
            endpoint,
            region,
            prefix,
        } => S3::open(rt, bucket, endpoint.as_deref(), region.as_deref(), prefix)
            .map(|s| Box::new(s) as Box<dyn Remote>),
        Target::Sftp {
            host,
            port,
            user,
            path,
            key_file,
            known_hosts_file,
        } => {
            let mut b = openssh::SessionBuilder::default();
            if let Some(u) = user {
                b.user(u.clone());
            }
            if let Some(p) = port {
                b.port(*p);
            }
            if let Some(k) = key_file {
                b.keyfile(k);
            }
            if let Some(k) = known_hosts_file {
                b.user_known_hosts_file(k);
            }
            b.known_hosts_check(openssh::KnownHosts::Strict)
                .connect_timeout(Duration::from_secs(30))
                .server_alive_interval(Duration::from_secs(15))
                // A deploy killed before it closed the connection leaves the ssh master
                // process; it exits by itself after a minute without use.
                .control_persist(openssh::ControlPersist::IdleFor(
                    std::num::NonZeroUsize::new(60).expect("60 is not zero"),
                ))
                .control_directory(std::env::temp_dir());
            let shown = target.to_string();
            let sftp = rt.block_on(async {
                let session = b
                    .connect(host)
                    .await
                    .map_err(|e| format!("cannot log in to {shown}: {}", chain(&e)))?;
                openssh_sftp_client::Sftp::from_session(session, Default::default())
                    .await
                    .map_err(|e| format!("{shown}: the server does not offer SFTP: {}", chain(&e)))
            })?;
            if !sftp.support_posix_rename() {
                return Err(format!("{shown}: the server cannot replace a file in one step (no posix-rename@openssh.com), so readers could see half-written files; use OpenSSH's sftp-server"));
            }
            Ok(Box::new(Sftp {
                rt,
                sftp,
                root: path.clone(),
                made: BTreeSet::new(),
                shown,
            }))
        }
        Target::Folder { .. } => unreachable!("a folder target is written by deploy::folder"),
    }
}

/// An error and its causes, on one line.
fn chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        source = s.source();
    }
    // ssh's own messages come in several lines; a summary line is one.
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Sftp {
    rt: Runtime,
    sftp: openssh_sftp_client::Sftp,
    /// The target folder on the server, absolute.
    root: String,
    /// Folders known to exist, so each is made (or found) once.
    made: BTreeSet<String>,
    shown: String,
}

/// Permissions of what a deploy writes, whatever the server's umask: files readable by the
/// web server, writable only by the account that deploys.
const FILE_MODE: u16 = 0o644;
const DIR_MODE: u16 = 0o755;

impl Sftp {
    fn full(&self, path: &str) -> String {
        format!("{}/{path}", self.root.trim_end_matches('/'))
    }

    /// Makes `dir` (absolute) and the folders above it that are missing, 0755.
    async fn make_dirs(
        fs: &mut openssh_sftp_client::fs::Fs,
        made: &mut BTreeSet<String>,
        dir: &str,
    ) -> Result<(), openssh_sftp_client::Error> {
        let mut at = String::new();
        for part in dir.split('/').filter(|p| !p.is_empty()) {
            at.push('/');
            at.push_str(part);
            if made.contains(&at) {
                continue;
            }
            if fs.metadata(&at).await.is_err() {
                fs.create_dir(&at).await?;
                fs.set_permissions(&at, DIR_MODE.into()).await?;
            }
            made.insert(at.clone());
        }
        Ok(())
    }
}

impl Remote for Sftp {
    fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, String> {
        let full = self.full(path);
        let mut fs = self.sftp.fs();
        match self.rt.block_on(fs.read(&full)) {
            Ok(b) => Ok(Some(b.to_vec())),
            Err(openssh_sftp_client::Error::SftpError(
                openssh_sftp_client::error::SftpErrorKind::NoSuchFile,
                _,
            )) => Ok(None),
            Err(e) => Err(format!("cannot read {full}: {}", chain(&e))),
        }
    }

    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), String> {
        let full = self.full(path);
        // Named after the path, so a part a killed deploy left is written over and renamed
        // away when the next deploy uploads that file again.
        let name = &super::manifest::online(path.as_bytes()).sha256[..32];
        let parts = self.full(PARTS);
        let part = format!("{parts}/{name}");
        let Sftp { rt, sftp, made, .. } = self;
        let mut fs = sftp.fs();
        rt.block_on(async {
            Sftp::make_dirs(&mut fs, made, &parts).await?;
            let dir = full.rsplit_once('/').map_or("/", |(d, _)| d);
            Sftp::make_dirs(&mut fs, made, dir).await?;
            fs.write(&part, bytes).await?;
            fs.set_permissions(&part, FILE_MODE.into()).await?;
            fs.rename(&part, &full).await
        })
        .map_err(|e| format!("cannot upload {full}: {}", chain(&e)))
    }

    fn delete(&mut self, path: &str) -> Result<(), String> {
        let full = self.full(path);
        let mut fs = self.sftp.fs();
        match self.rt.block_on(fs.remove_file(&full)) {
            Ok(())
            | Err(openssh_sftp_client::Error::SftpError(
                openssh_sftp_client::error::SftpErrorKind::NoSuchFile,
                _,
            )) => Ok(()),
            Err(e) => Err(format!("cannot delete {full}: {}", chain(&e))),
        }
    }

    fn tidy(&mut self, deleted: &[String]) -> Result<(), String> {
        // Deepest first; a folder that still holds something stays (the call fails).
        let mut dirs: BTreeSet<(usize, String)> = BTreeSet::new();
        for path in deleted {
            let mut p = path.as_str();
            while let Some((dir, _)) = p.rsplit_once('/') {
                dirs.insert((usize::MAX - dir.matches('/').count(), dir.to_string()));
                p = dir;
            }
        }
        let mut fs = self.sftp.fs();
        for (_, dir) in dirs {
            let full = self.full(&dir);
            let _ = self.rt.block_on(fs.remove_dir(&full));
        }
        // The temporary names, all renamed away by now: the last call of a deploy.
        let parts = self.full(PARTS);
        let _ = self.rt.block_on(fs.remove_dir(&parts));
        self.made.remove(&parts);
        Ok(())
    }

    fn hint(&self) -> String {
        format!("check that the server is reachable (`ssh` to it, then `sftp`) and that the account may write to {}; then run the same command again: it completes the deploy", self.shown)
    }
}

struct S3 {
    rt: Runtime,
    op: opendal::Operator,
    shown: String,
}

impl S3 {
    fn open(
        rt: Runtime,
        bucket: &str,
        endpoint: Option<&str>,
        region: Option<&str>,
        prefix: &str,
    ) -> Result<S3, String> {
        let shown = format!("s3://{bucket}/{prefix}");
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let (Some(key), Some(secret)) = (env("AWS_ACCESS_KEY_ID"), env("AWS_SECRET_ACCESS_KEY"))
        else {
            return Err(format!("{shown}: no access key: set the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (never in site.yaml; for a timer, in the service's EnvironmentFile)"));
        };
        // One TLS implementation for the process: rustls with ring (see Cargo.toml).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut b = opendal::services::S3::default()
            .bucket(bucket)
            .root(&format!("/{prefix}"))
            .access_key_id(&key)
            .secret_access_key(&secret)
            .region(
                &region
                    .map(String::from)
                    .or_else(|| env("AWS_REGION"))
                    .or_else(|| env("AWS_DEFAULT_REGION"))
                    .unwrap_or_else(|| "us-east-1".into()),
            )
            .disable_config_load()
            .disable_ec2_metadata();
        if let Some(e) = endpoint
            .map(String::from)
            .or_else(|| env("AWS_ENDPOINT_URL"))
        {
            b = b.endpoint(&e);
        }
        if let Some(token) = env("AWS_SESSION_TOKEN") {
            b = b.session_token(&token);
        }
        let transport = opendal::HttpTransporter::new(
            opendal_http_transport_reqwest::ReqwestTransport::default(),
        );
        let op = opendal::Operator::new(b)
            .map_err(|e| format!("{shown}: {}", chain(&e)))?
            .layer(opendal::layers::RetryLayer::new().with_max_times(4))
            .with_context(opendal::OperationContext::new().with_http_transport(transport));
        Ok(S3 { rt, op, shown })
    }
}

impl Remote for S3 {
    fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, String> {
        match self.rt.block_on(self.op.read(path)) {
            Ok(b) => Ok(Some(b.to_vec())),
            Err(e) if e.kind() == opendal::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(format!(
                "cannot read {path} from {}: {}",
                self.shown,
                chain(&e)
            )),
        }
    }

    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), String> {
        self.rt
            .block_on(async {
                self.op
                    .write_with(path, bytes.to_vec())
                    .content_type(kinds::content_type(path))
                    .cache_control(kinds::cache_control(path))
                    .await
            })
            .map(|_| ())
            .map_err(|e| format!("cannot upload {path} to {}: {}", self.shown, chain(&e)))
    }

    fn delete(&mut self, path: &str) -> Result<(), String> {
        match self.rt.block_on(self.op.delete(path)) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == opendal::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(format!(
                "cannot delete {path} from {}: {}",
                self.shown,
                chain(&e)
            )),
        }
    }

    fn tidy(&mut self, _deleted: &[String]) -> Result<(), String> {
        // Object storage has no folders to leave empty.
        Ok(())
    }

    fn hint(&self) -> String {
        "check the endpoint, the bucket, and that the access key in AWS_ACCESS_KEY_ID may write to it; then run the same command again: it completes the deploy".to_string()
    }
}
