//! JSON Schemas for editors, generated from the serde types that validate the content.

use crate::error::{Diagnostic, Error};
use std::path::{Path, PathBuf};

/// Writes one schema per content kind and one for site.yaml into `out`.
pub fn write_all(_out: &Path) -> Result<Vec<PathBuf>, Error> {
    Err(Error::Content(vec![Diagnostic::error(
        "schemas",
        "not implemented yet",
    )]))
}
