//! Where a site is deployed: the `deploy:` section of site.yaml (raw serde types, checked
//! into [`Deploy`]) and the `--to` address of the command line, both read into one
//! [`Target`]. No secret is ever read from here: passwords and access keys come from the
//! environment or from files these settings name (an SSH key), so site.yaml can be kept in
//! version control and shown to anyone.

use crate::error::{Code, Diagnostic, Diagnostics};
use crate::yaml::Source;
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// How `minhbach deploy` publishes the built site, and where to.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDeploy {
    /// The places the site is published to, by a name of your choice (letters, digits,
    /// - and _): `minhbach deploy --target NAME`.
    #[schemars(length(min = 1))]
    targets: BTreeMap<String, RawTarget>,
    /// The target used when `--target` is not given. Default: the only one, if there is
    /// one.
    default_target: Option<String>,
    /// The most files one deploy may delete online; a deploy that would delete more is
    /// refused (nothing is changed) unless run with `--allow-deletions N`. Default 200.
    max_deletions: Option<usize>,
    /// The largest share of the files online, in percent, that one deploy may delete;
    /// above it the deploy is refused the same way. Default 25.
    #[schemars(range(min = 0, max = 100))]
    max_deletion_percent: Option<u8>,
}

/// One place to publish to: exactly one of `folder`, `sftp` or `s3`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    /// A folder on this machine: the web server's folder or a mounted share. It is
    /// replaced in one atomic step, like public/ by a build.
    folder: Option<RawFolder>,
    /// A server over SSH (SFTP), through this machine's `ssh` program: its keys, agent,
    /// ~/.ssh/config and known_hosts apply.
    sftp: Option<RawSftp>,
    /// S3-compatible object storage. The access key is read from the environment
    /// variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, never from this file.
    s3: Option<RawS3>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawFolder {
    /// The folder, e.g. /var/www/minhbach.
    path: PathBuf,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawSftp {
    /// The server's name or address.
    host: String,
    /// Default 22.
    port: Option<u16>,
    /// The account to log in as. Default: as ~/.ssh/config says, else your own.
    user: Option<String>,
    /// The folder on the server, e.g. /var/www/minhbach.
    path: String,
    /// A private key file to log in with (the key itself is never written here).
    /// Default: your SSH agent and the keys ssh finds by itself.
    key_file: Option<PathBuf>,
    /// A known_hosts file with the server's host key. Default: ~/.ssh/known_hosts. An
    /// unknown or changed host key stops the deploy.
    known_hosts_file: Option<PathBuf>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawS3 {
    /// The bucket.
    bucket: String,
    /// The service's address, e.g. https://s3.example.vn. Default: the environment
    /// variable AWS_ENDPOINT_URL, else AWS itself (from the region).
    endpoint: Option<String>,
    /// The region. Default: the environment variable AWS_REGION, else us-east-1.
    region: Option<String>,
    /// A folder inside the bucket, e.g. minhbach/. Default: the bucket's root.
    prefix: Option<String>,
}

/// Checked deploy settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deploy {
    pub targets: BTreeMap<String, Target>,
    pub default_target: Option<String>,
    pub guard: Guard,
}

/// The limit on deletions (see [`RawDeploy`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Guard {
    pub max_deletions: usize,
    pub max_percent: u8,
}

impl Default for Guard {
    fn default() -> Self {
        Guard {
            max_deletions: 200,
            max_percent: 25,
        }
    }
}

/// A checked place to publish to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Folder {
        path: PathBuf,
    },
    Sftp {
        host: String,
        port: Option<u16>,
        user: Option<String>,
        /// Absolute, without a trailing `/`.
        path: String,
        key_file: Option<PathBuf>,
        known_hosts_file: Option<PathBuf>,
    },
    S3 {
        bucket: String,
        endpoint: Option<String>,
        region: Option<String>,
        /// Empty, or ending with `/` and without a leading one.
        prefix: String,
    },
}

impl std::fmt::Display for Target {
    /// As an address: what the summary line and messages name.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Target::Folder { path } => write!(f, "{}", path.display()),
            Target::Sftp {
                host,
                port,
                user,
                path,
                ..
            } => {
                let user = user.as_ref().map_or_else(String::new, |u| format!("{u}@"));
                let port = port.map_or_else(String::new, |p| format!(":{p}"));
                write!(f, "sftp://{user}{host}{port}{path}")
            }
            Target::S3 { bucket, prefix, .. } => write!(f, "s3://{bucket}/{prefix}"),
        }
    }
}

/// Checks the `deploy:` section of site.yaml.
pub(crate) fn check(raw: RawDeploy, src: &Source, diags: &mut Diagnostics) -> Option<Deploy> {
    let before = diags.error_count();
    let error = |code: Code, key: &str, value: &str, message: String, hint: &str| {
        Diagnostic::error(code, crate::config::FILE, message)
            .at_in(src.span_of(key, value), src.file_text)
            .hint(hint.to_string())
    };
    let mut targets = BTreeMap::new();
    for (name, raw) in raw.targets {
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            diags.push(error(
                Code::BadDeployTarget,
                &name,
                &name,
                format!("deploy target name \"{name}\" is not a simple name"),
                "use letters, digits, - and _ only, e.g. web",
            ));
            continue;
        }
        let target = match raw {
            RawTarget {
                folder: Some(RawFolder { path }),
                sftp: None,
                s3: None,
            } => Target::Folder { path },
            RawTarget {
                folder: None,
                sftp:
                    Some(RawSftp {
                        host,
                        port,
                        user,
                        path,
                        key_file,
                        known_hosts_file,
                    }),
                s3: None,
            } => {
                if host.trim().is_empty() || host.contains(['/', ' ', '@']) {
                    diags.push(error(
                        Code::BadDeployTarget,
                        "host",
                        &host,
                        format!("deploy target {name}: host \"{host}\" is not a server name"),
                        "write the server's name or address only, e.g. web.example.gov.vn; the user goes in user:, the folder in path:",
                    ));
                }
                Target::Sftp {
                    host,
                    port,
                    user,
                    path: remote_folder(&path).unwrap_or_else(|| {
                        diags.push(error(
                            Code::BadDeployTarget,
                            "path",
                            &path,
                            format!("deploy target {name}: path \"{path}\" is not a folder from the server's root"),
                            "write the whole folder, starting with / and without .., e.g. /var/www/minhbach",
                        ));
                        String::new()
                    }),
                    key_file,
                    known_hosts_file,
                }
            }
            RawTarget {
                folder: None,
                sftp: None,
                s3:
                    Some(RawS3 {
                        bucket,
                        endpoint,
                        region,
                        prefix,
                    }),
            } => {
                if !valid_bucket(&bucket) {
                    diags.push(error(
                        Code::BadDeployTarget,
                        "bucket",
                        &bucket,
                        format!("deploy target {name}: bucket \"{bucket}\" is not a bucket name"),
                        "write the bucket's name only (lowercase letters, digits, . and -); a folder inside it goes in prefix:",
                    ));
                }
                if let Some(e) = endpoint
                    .as_deref()
                    .filter(|e| !e.starts_with("https://") && !e.starts_with("http://"))
                {
                    diags.push(error(
                        Code::BadDeployTarget,
                        "endpoint",
                        e,
                        format!("deploy target {name}: endpoint \"{e}\" is not an address"),
                        "write the service's address with https://, e.g. https://s3.example.vn",
                    ));
                }
                Target::S3 {
                    bucket,
                    endpoint,
                    region,
                    prefix: s3_prefix(prefix.as_deref().unwrap_or("")),
                }
            }
            _ => {
                diags.push(error(
                    Code::BadDeployTarget,
                    &name,
                    &name,
                    format!("deploy target {name} must say exactly one of folder:, sftp: or s3:"),
                    "write one kind of target per name, e.g. `web: { folder: { path: /var/www/minhbach } }`",
                ));
                continue;
            }
        };
        targets.insert(name, target);
    }
    if let Some(d) = &raw.default_target {
        if !targets.contains_key(d) && diags.error_count() == before {
            diags.push(error(
                Code::UnknownDefaultTarget,
                "default_target",
                d,
                format!("default_target \"{d}\" is not one of the deploy targets"),
                "write the name of one of the targets under deploy.targets",
            ));
        }
    }
    let guard = Guard {
        max_deletions: raw.max_deletions.unwrap_or(Guard::default().max_deletions),
        max_percent: raw
            .max_deletion_percent
            .unwrap_or(Guard::default().max_percent),
    };
    if guard.max_percent > 100 {
        diags.push(error(
            Code::BadDeletionLimit,
            "max_deletion_percent",
            &guard.max_percent.to_string(),
            format!(
                "max_deletion_percent {} is more than 100",
                guard.max_percent
            ),
            "write a share in percent, from 0 to 100",
        ));
    }
    (diags.error_count() == before).then_some(Deploy {
        targets,
        default_target: raw.default_target,
        guard,
    })
}

/// A folder on a server: absolute, without `..`, without a trailing `/` (`/` stays `/`).
fn remote_folder(path: &str) -> Option<String> {
    let path = path.trim();
    if !path.starts_with('/') || path.split('/').any(|p| p == "..") {
        return None;
    }
    let trimmed = path.trim_end_matches('/');
    Some(if trimmed.is_empty() { "/" } else { trimmed }.to_string())
}

/// S3's rules for bucket names, loosely: 3 to 63 lowercase letters, digits, `.` and `-`.
fn valid_bucket(b: &str) -> bool {
    (3..=63).contains(&b.len())
        && b.bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'.' || c == b'-')
}

/// `minhbach`, `/minhbach/` → `minhbach/`; nothing → nothing.
fn s3_prefix(p: &str) -> String {
    let p = p.trim().trim_matches('/');
    if p.is_empty() {
        String::new()
    } else {
        format!("{p}/")
    }
}

/// The target named by `--to`: `sftp://[user@]host[:port]/folder`, `s3://bucket[/prefix]`
/// (endpoint and region from the environment, as for any S3 tool), or a folder.
pub fn parse_to(to: &str) -> Result<Target, String> {
    if let Some(rest) = to.strip_prefix("sftp://") {
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        let (user, hostport) = match authority.rsplit_once('@') {
            Some((u, h)) => (Some(u.to_string()), h),
            None => (None, authority),
        };
        let (host, port) = match hostport.rsplit_once(':') {
            Some((h, p)) => (
                h,
                Some(
                    p.parse::<u16>()
                        .map_err(|_| format!("--to {to}: \"{p}\" is not a port number"))?,
                ),
            ),
            None => (hostport, None),
        };
        let path = remote_folder(path).ok_or_else(|| {
            format!("--to {to}: name the folder on the server, e.g. sftp://deploy@web.example.gov.vn/var/www/minhbach")
        })?;
        if host.is_empty() {
            return Err(format!(
                "--to {to}: no server name; write sftp://user@server/folder"
            ));
        }
        return Ok(Target::Sftp {
            host: host.to_string(),
            port,
            user,
            path,
            key_file: None,
            known_hosts_file: None,
        });
    }
    if let Some(rest) = to.strip_prefix("s3://") {
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        if !valid_bucket(bucket) {
            return Err(format!(
                "--to {to}: \"{bucket}\" is not a bucket name; write s3://bucket/folder"
            ));
        }
        return Ok(Target::S3 {
            bucket: bucket.to_string(),
            endpoint: None,
            region: None,
            prefix: s3_prefix(prefix),
        });
    }
    if let Some((scheme, _)) = to.split_once("://") {
        return Err(format!(
            "--to {to}: minhbach cannot deploy to {scheme}:// addresses; use a folder, sftp://user@server/folder or s3://bucket/folder"
        ));
    }
    Ok(Target::Folder {
        path: PathBuf::from(to),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_on_the_command_line() {
        assert_eq!(
            parse_to("sftp://deploy@web.example.vn:2222/var/www/site/"),
            Ok(Target::Sftp {
                host: "web.example.vn".into(),
                port: Some(2222),
                user: Some("deploy".into()),
                path: "/var/www/site".into(),
                key_file: None,
                known_hosts_file: None,
            })
        );
        assert_eq!(
            parse_to("s3://minhbach-site/so-xd/").map(|t| t.to_string()),
            Ok("s3://minhbach-site/so-xd/".to_string())
        );
        assert_eq!(
            parse_to("/var/www/x"),
            Ok(Target::Folder {
                path: "/var/www/x".into()
            })
        );
        for bad in [
            "sftp://host",
            "sftp://h:x/a",
            "sftp://h/a/../b",
            "s3://A_B",
            "ftp://h/a",
        ] {
            assert!(parse_to(bad).is_err(), "{bad}");
        }
    }
}
