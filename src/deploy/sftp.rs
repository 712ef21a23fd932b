//! The SFTP target, through the system's OpenSSH client (its keys, agent, `known_hosts`
//! and config), which is why it exists only where OpenSSH's multiplexing does: Linux and
//! macOS. Files are written under a temporary name in [`PARTS`] and renamed into place.

use super::remote::{chain, Remote, PARTS};
use super::spec::Target;
use std::collections::BTreeSet;
use std::time::Duration;
use tokio::runtime::Runtime;

/// Logs in to the server of `target` (an SFTP target) and checks it can rename atomically.
pub fn open(rt: Runtime, target: &Target) -> Result<Box<dyn Remote>, String> {
    let Target::Sftp {
        host,
        port,
        user,
        path,
        key_file,
        known_hosts_file,
    } = target
    else {
        unreachable!("sftp::open is called with SFTP targets only")
    };
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
