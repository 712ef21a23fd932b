//! Search: a static index of the rendered pages, per language.

use super::Renderer;

impl Renderer<'_> {
    pub(super) fn render_search(&mut self) {}
}
