//! Edit, labels: the Vietnamese and English label of every front matter field, and a
//! Vietnamese help text, from `labels.json` (one data file, keyed by field name). The
//! English help is the field's documentation in the JSON Schema (`crate::schema`), so the
//! two cannot drift apart; the test below fails when a schema gains a field without labels.

/// The labels file, as served to the editor's page.
pub const JSON: &str = include_str!("labels.json");

#[cfg(test)]
mod tests {
    use serde_json::Value;

    /// Every property name in a schema, nested definitions included.
    fn properties(v: &Value, out: &mut std::collections::BTreeSet<String>) {
        match v {
            Value::Object(map) => {
                if let Some(Value::Object(props)) = map.get("properties") {
                    out.extend(props.keys().cloned());
                }
                map.values().for_each(|x| properties(x, out));
            }
            Value::Array(items) => items.iter().for_each(|x| properties(x, out)),
            _ => {}
        }
    }

    #[test]
    fn every_schema_field_has_a_vietnamese_and_an_english_label() {
        let labels: Value = serde_json::from_str(super::JSON).expect("labels.json is JSON");
        let mut names = std::collections::BTreeSet::new();
        for file in crate::schema::all() {
            if file.name.starts_with("site.") || file.name.starts_with("holidays.") {
                continue;
            }
            let schema: Value = serde_json::from_str(&file.text).expect("schema is JSON");
            properties(&schema, &mut names);
        }
        assert!(names.len() > 50, "{names:?}");
        let missing: Vec<&String> = names
            .iter()
            .filter(|n| {
                let l = &labels[n.as_str()];
                ["vi", "vi_help", "en"]
                    .iter()
                    .any(|k| l[*k].as_str().is_none_or(str::is_empty))
            })
            .collect();
        assert!(missing.is_empty(), "fields without labels: {missing:?}");
    }
}
