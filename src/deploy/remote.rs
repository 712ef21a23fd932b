//! The targets reached over the network: a server over SFTP and S3-compatible object
//! storage. Both protocols are async; each target owns a small single-threaded tokio
//! runtime and offers blocking calls, so the rest of minhbach stays synchronous and the
//! runtime exists only while `deploy` runs.
//!
//! Each call replaces one file as a whole: readers see the old file or the new one, never
//! a part. S3 does that by itself (an object appears when its upload is complete); over
//! SFTP (`sftp.rs`, Linux and macOS only) the file is written under a temporary name in
//! [`PARTS`] and then renamed over the old one (`posix-rename@openssh.com`, atomic on the
//! server).

use super::kinds;
use super::spec::Target;
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
        Target::Sftp { .. } => {
            #[cfg(unix)]
            return super::sftp::open(rt, target);
            #[cfg(not(unix))]
            return Err(format!("{target}: publishing over SFTP drives the OpenSSH client of Linux or macOS and is not available on this system; publish from the server itself, or to a mounted share (a folder target) or S3"));
        }
        Target::Folder { .. } => unreachable!("a folder target is written by deploy::folder"),
    }
}

/// An error and its causes, on one line.
pub(super) fn chain(e: &dyn std::error::Error) -> String {
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
