//! Live preview: build, serve on loopback, watch, rebuild, reload. Calls the same `plan()`
//! as `build`; never a second pipeline.

use crate::error::{Diagnostic, Error};
use crate::Options;

/// Runs the preview server until Ctrl-C.
pub fn run(_opts: &Options, _bind: &str, _port: u16) -> Result<(), Error> {
    Err(Error::Content(vec![Diagnostic::error(
        "serve",
        "not implemented yet",
    )]))
}
