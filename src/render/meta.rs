//! Page metadata for sharing and machines: schema.org JSON-LD and Open Graph.

use super::Renderer;
use serde_json::{json, Value};

impl Renderer<'_> {
    /// The department, as the publisher of everything on the site.
    fn organization(&self, lang: &str) -> Value {
        let l = self.lang(lang);
        let mut org = json!({
            "@type": "GovernmentOrganization",
            "@id": format!("{}#organization", self.site.settings.base_url),
            "name": l.organization.name,
            "url": self.site.settings.absolute(&l.prefix),
            "parentOrganization": { "@type": "GovernmentOrganization", "name": l.organization.parent },
        });
        if !l.organization.address.is_empty() {
            org["address"] = json!(l.organization.address);
        }
        org
    }

    /// JSON-LD for a page: the organization plus `main` (a WebPage when not given), safe to
    /// put inside `<script>`.
    pub(super) fn jsonld(&self, lang: &str, url: &str, title: &str, main: Option<Value>) -> String {
        let publisher = json!({ "@id": format!("{}#organization", self.site.settings.base_url) });
        let mut main = main.unwrap_or_else(|| json!({ "@type": "WebPage", "name": title }));
        main["url"] = json!(url);
        main["inLanguage"] = json!(lang);
        main["publisher"] = publisher;
        let graph = json!({
            "@context": "https://schema.org",
            "@graph": [self.organization(lang), main],
        });
        // `</script>` or `<!--` inside a string would end or confuse the element: JSON
        // allows the escapes, HTML never sees a `<`, `>` or `&`.
        serde_json::to_string(&graph)
            .expect("JSON values always serialize")
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026")
    }
}
