//! Feeds and discovery: Atom feeds, sitemap.xml, robots.txt.

use super::Renderer;

impl Renderer<'_> {
    pub(super) fn render_feeds(&mut self) {}
    pub(super) fn render_sitemap(&mut self) {}
}
