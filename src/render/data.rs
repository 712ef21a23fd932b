//! Open data: per language, the published figures as JSON and CSV with schemas.

use super::Renderer;
use crate::config::Language;

impl Renderer<'_> {
    pub(super) fn render_data(&mut self, _lang: &Language) {}
}
