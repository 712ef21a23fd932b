//! Scaffolding: `new` content files and `init` sites, with every field explained.

use crate::cli::{NewKind, NewLang};
use crate::error::{Diagnostic, Error};
use std::path::{Path, PathBuf};

/// Creates the file(s) for a new item; refuses to overwrite.
pub fn new(
    _root: &Path,
    _kind: NewKind,
    _title: &str,
    _lang: NewLang,
) -> Result<Vec<PathBuf>, Error> {
    Err(Error::Content(vec![Diagnostic::error(
        "new",
        "not implemented yet",
    )]))
}

/// Creates a minimal site in `dir`.
pub fn init(_dir: &Path) -> Result<Vec<PathBuf>, Error> {
    Err(Error::Content(vec![Diagnostic::error(
        "init",
        "not implemented yet",
    )]))
}
