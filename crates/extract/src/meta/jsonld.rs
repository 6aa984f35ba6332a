//! JSON-LD: every `<script type="application/ld+json">`, parsed tolerantly, flattened
//! (`@graph`, arrays), with `@id` references resolved.
//!
//! *What it does*: finds the article node (`NewsArticle`, `Article`, `BlogPosting`, …, else
//! `WebPage`) and the `BreadcrumbList`, and reads the fields the record wants.
//! *Why*: JSON-LD is the most explicit metadata a page carries.
//! *Example*: `{"@graph":[{"@type":"NewsArticle","headline":"Big news","author":{"@id":"#a"}},
//! {"@id":"#a","@type":"Person","name":"Anna Reyes"}]}` → headline "Big news", author
//! "Anna Reyes".

use crate::dom::{Document, NodeId};
use serde_json::Value;
use std::collections::HashMap;

/// Schema.org types of an article node, most specific first.
pub const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "AskPublicNewsArticle",
    "LiveBlogPosting",
    "BlogPosting",
    "Article",
    "Report",
    "TechArticle",
    "ScholarlyArticle",
    "SocialMediaPosting",
    "DiscussionForumPosting",
    "VideoObject",
];

/// Schema.org types of a page node (a fallback for the article node).
pub const PAGE_TYPES: &[&str] = &["WebPage", "ItemPage", "CollectionPage", "AboutPage"];

/// What JSON-LD says about the page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JsonLd {
    /// `headline` (or `name`) of the article node.
    pub headline: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// Author names (Persons only; organisations are left out).
    pub authors: Vec<String>,
    /// `datePublished` (or `dateCreated`, `uploadDate`), as written.
    pub date_published: Option<String>,
    /// `dateModified`, as written.
    pub date_modified: Option<String>,
    /// `publisher.name`.
    pub publisher: Option<String>,
    /// The `WebSite` node's name.
    pub website_name: Option<String>,
    /// `inLanguage`.
    pub in_language: Option<String>,
    /// `articleSection`, one or several.
    pub sections: Vec<String>,
    /// `BreadcrumbList` items in `position` order: (name, url).
    pub breadcrumb: Vec<(String, Option<String>)>,
    /// `url` or `mainEntityOfPage` of the article node.
    pub url: Option<String>,
    /// Scripts that could not be parsed even after repair.
    pub broken_scripts: usize,
}

/// Reads all JSON-LD scripts listed in `scripts`.
pub fn read(doc: &Document, scripts: &[NodeId]) -> JsonLd {
    let mut values = Vec::new();
    let mut broken = 0;
    for &id in scripts {
        let raw: String = doc.children(id).filter_map(|c| doc.text(c)).collect();
        match parse_tolerant(&raw) {
            Some(mut v) => values.append(&mut v),
            None => broken += 1,
        }
    }
    let mut out = from_values(&values);
    out.broken_scripts = broken;
    out
}

/// Parses one script's text; repairs common breakage (HTML comments, CDATA, trailing commas,
/// raw newlines in strings, several values in a row). `None` when nothing can be read.
pub fn parse_tolerant(raw: &str) -> Option<Vec<Value>> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return None;
    }
    if let Some(v) = parse_stream(trimmed) {
        return Some(v);
    }
    let repaired = repair(trimmed);
    parse_stream(&repaired)
}

fn parse_stream(s: &str) -> Option<Vec<Value>> {
    let mut out = Vec::new();
    for value in serde_json::Deserializer::from_str(s).into_iter::<Value>() {
        match value {
            Ok(v) => out.push(v),
            Err(_) => return if out.is_empty() { None } else { Some(out) },
        }
    }
    (!out.is_empty()).then_some(out)
}

fn strip_wrappers(s: &str) -> &str {
    let mut s = s.trim();
    for (open, close) in [
        ("<!--", "-->"),
        ("<![CDATA[", "]]>"),
        ("//<![CDATA[", "//]]>"),
    ] {
        if let Some(rest) = s.strip_prefix(open) {
            s = rest.trim();
        }
        if let Some(rest) = s.strip_suffix(close) {
            s = rest.trim();
        }
        s = s.strip_suffix("//").unwrap_or(s).trim();
    }
    s.trim_end_matches(';').trim()
}

/// Removes trailing commas, turns raw control characters inside strings into spaces, and drops
/// comment and CDATA wrappers.
fn repair(s: &str) -> String {
    let s = strip_wrappers(s);
    let mut out = String::with_capacity(s.len());
    let mut in_string = false;
    let mut escaped = false;
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if in_string {
            if escaped {
                escaped = false;
                out.push(c);
            } else if c == '\\' {
                escaped = true;
                out.push(c);
            } else if c == '"' {
                in_string = false;
                out.push(c);
            } else if c.is_control() {
                out.push(' ');
            } else {
                out.push(c);
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if c == ',' {
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            if !matches!(next, Some('}' | ']') | None) {
                out.push(c);
            }
        } else {
            out.push(c);
        }
        i += 1;
    }
    out
}

/// Every node object of `values`: arrays and `@graph` flattened (nested objects stay inside
/// their parent).
fn flatten<'v>(values: &'v [Value], out: &mut Vec<&'v Value>) {
    for v in values {
        match v {
            Value::Array(items) => flatten(items, out),
            Value::Object(map) => {
                if map.contains_key("@type") || map.contains_key("@id") {
                    out.push(v);
                }
                if let Some(graph) = map.get("@graph") {
                    flatten(std::slice::from_ref(graph), out);
                }
            }
            _ => {}
        }
    }
}

/// The `@type` names of a node (a string or an array), without a schema.org prefix.
fn types(v: &Value) -> impl Iterator<Item = &str> {
    let t = v.get("@type");
    let list: Vec<&str> = match t {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    list.into_iter()
        .map(|s| s.rsplit(['/', ':']).next().unwrap_or(s))
}

fn has_type(v: &Value, names: &[&str]) -> bool {
    types(v).any(|t| names.iter().any(|n| n.eq_ignore_ascii_case(t)))
}

fn type_rank(v: &Value) -> Option<usize> {
    types(v)
        .filter_map(|t| ARTICLE_TYPES.iter().position(|n| n.eq_ignore_ascii_case(t)))
        .min()
}

/// A string field; an object yields its `name` or `@value`; an array its first string.
fn string_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => {
            let s = crate::dom::collapse_whitespace(s);
            (!s.is_empty()).then_some(s)
        }
        Value::Object(m) => m
            .get("name")
            .or_else(|| m.get("@value"))
            .and_then(string_of),
        Value::Array(a) => a.iter().find_map(string_of),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn field(v: &Value, name: &str) -> Option<String> {
    v.get(name).and_then(string_of)
}

struct Index<'v> {
    by_id: HashMap<&'v str, &'v Value>,
}

impl<'v> Index<'v> {
    /// Resolves a `{"@id": …}` reference to the full node when the page has it.
    fn resolve(&self, v: &'v Value) -> &'v Value {
        if let Value::Object(m) = v {
            if m.len() <= 2 && !m.contains_key("name") {
                if let Some(node) = m
                    .get("@id")
                    .and_then(Value::as_str)
                    .and_then(|id| self.by_id.get(id))
                {
                    return node;
                }
            }
        }
        v
    }
}

fn from_values(values: &[Value]) -> JsonLd {
    let mut nodes = Vec::new();
    flatten(values, &mut nodes);
    let index = Index {
        by_id: nodes
            .iter()
            .filter_map(|n| n.get("@id").and_then(Value::as_str).map(|id| (id, *n)))
            .collect(),
    };
    let mut out = JsonLd::default();

    // The article node: the best-ranked type, ties to the one with a headline, then the first.
    let article = nodes
        .iter()
        .filter_map(|n| type_rank(n).map(|r| (r, n.get("headline").is_none(), *n)))
        .min_by_key(|(r, no_headline, _)| (*no_headline, *r))
        .map(|(_, _, n)| n)
        .or_else(|| {
            nodes.iter().find_map(|n| {
                let main = n.get("mainEntity").map(|m| index.resolve(m));
                main.filter(|m| type_rank(m).is_some())
            })
        });
    let page = nodes.iter().copied().find(|n| has_type(n, PAGE_TYPES));
    let main = article.or(page);

    if let Some(node) = main {
        out.headline = field(node, "headline").or_else(|| field(node, "name"));
        out.description = field(node, "description");
        out.date_published = ["datePublished", "dateCreated", "uploadDate"]
            .iter()
            .find_map(|k| field(node, k));
        out.date_modified = field(node, "dateModified");
        out.in_language = field(node, "inLanguage");
        out.url = field(node, "url").or_else(|| {
            node.get("mainEntityOfPage").and_then(|m| match m {
                Value::String(s) => Some(s.clone()),
                other => other
                    .get("@id")
                    .or_else(|| other.get("url"))
                    .and_then(Value::as_str)
                    .map(str::to_string),
            })
        });
        if let Some(author) = node.get("author").or_else(|| node.get("creator")) {
            collect_authors(author, &index, &mut out.authors, 0);
        }
        match node.get("articleSection") {
            Some(Value::Array(a)) => out.sections = a.iter().filter_map(string_of).collect(),
            Some(v) => out.sections = string_of(v).into_iter().collect(),
            None => {}
        }
        out.publisher = node
            .get("publisher")
            .map(|p| index.resolve(p))
            .and_then(|p| field(p, "name"));
    }
    if out.in_language.is_none() {
        out.in_language = page.and_then(|p| field(p, "inLanguage"));
    }
    let website = nodes.iter().find(|n| has_type(n, &["WebSite"]));
    out.website_name = website.and_then(|w| field(w, "name"));
    if out.publisher.is_none() {
        out.publisher = nodes
            .iter()
            .find(|n| has_type(n, &["NewsMediaOrganization"]))
            .and_then(|n| field(n, "name"));
    }
    if out.in_language.is_none() {
        out.in_language = website.and_then(|w| field(w, "inLanguage"));
    }

    let crumbs = nodes
        .iter()
        .find(|n| has_type(n, &["BreadcrumbList"]))
        .copied()
        .or_else(|| {
            page.and_then(|p| p.get("breadcrumb"))
                .map(|b| index.resolve(b))
                .filter(|b| has_type(b, &["BreadcrumbList"]))
        });
    if let Some(list) = crumbs {
        out.breadcrumb = breadcrumb_items(list, &index);
    }
    out
}

fn collect_authors(v: &Value, index: &Index<'_>, out: &mut Vec<String>, depth: usize) {
    if depth > 3 {
        return;
    }
    let v = index.resolve(v);
    match v {
        Value::Array(items) => items
            .iter()
            .for_each(|i| collect_authors(i, index, out, depth + 1)),
        Value::String(s) => out.push(s.trim().to_string()),
        Value::Object(_) => {
            let is_org = has_type(v, &["Organization", "NewsMediaOrganization", "Corporation"]);
            if !is_org {
                if let Some(name) = field(v, "name").or_else(|| {
                    let given = field(v, "givenName")?;
                    let family = field(v, "familyName")?;
                    Some(format!("{given} {family}"))
                }) {
                    out.push(name);
                }
            }
        }
        _ => {}
    }
}

fn breadcrumb_items(list: &Value, index: &Index<'_>) -> Vec<(String, Option<String>)> {
    let items: Vec<&Value> = match list.get("itemListElement") {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(v @ Value::Object(_)) => vec![v],
        _ => return Vec::new(),
    };
    let mut ranked: Vec<(i64, usize, String, Option<String>)> = items
        .iter()
        .enumerate()
        .filter_map(|(k, item)| {
            let item = index.resolve(item);
            let pos = item
                .get("position")
                .and_then(|p| p.as_i64().or_else(|| p.as_str()?.trim().parse().ok()));
            let inner = item.get("item").map(|i| index.resolve(i));
            let name = field(item, "name").or_else(|| inner.and_then(|i| field(i, "name")))?;
            let url = match inner {
                Some(Value::String(s)) => Some(s.clone()),
                Some(o) => o
                    .get("@id")
                    .or_else(|| o.get("url"))
                    .and_then(Value::as_str)
                    .map(str::to_string),
                None => field(item, "url"),
            };
            Some((pos.unwrap_or(k as i64), k, name, url))
        })
        .collect();
    ranked.sort_by_key(|(pos, k, _, _)| (*pos, *k));
    ranked
        .into_iter()
        .map(|(_, _, name, url)| (name, url))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ld(html: &str) -> JsonLd {
        let doc = Document::parse_str(html);
        let scripts: Vec<NodeId> = doc
            .elements_by_tag(crate::dom::Tag::Script)
            .filter(|(_, e)| e.attr("type").is_some_and(|t| t.contains("ld+json")))
            .map(|(id, _)| id)
            .collect();
        read(&doc, &scripts)
    }

    #[test]
    fn graph_with_id_references() {
        let j = ld(
            r##"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","@id":"#site","name":"The Planet"},
            {"@type":"WebPage","@id":"#page","inLanguage":"en-GB","breadcrumb":{"@id":"#bc"}},
            {"@type":"NewsArticle","headline":"Big news","datePublished":"2030-10-14T09:30:00Z",
             "author":[{"@id":"#p1"},{"@type":"Person","name":"Tom Clarke"}],
             "publisher":{"@id":"#org"},"articleSection":["World","Europe"]},
            {"@type":"Person","@id":"#p1","name":"Anna Reyes"},
            {"@type":"NewsMediaOrganization","@id":"#org","name":"Planet Media"},
            {"@type":"BreadcrumbList","@id":"#bc","itemListElement":[
              {"@type":"ListItem","position":2,"name":"World","item":"https://x.test/world"},
              {"@type":"ListItem","position":1,"name":"Home","item":"https://x.test/"}]}]}
            </script>"##,
        );
        assert_eq!(j.headline.as_deref(), Some("Big news"));
        assert_eq!(j.authors, vec!["Anna Reyes", "Tom Clarke"]);
        assert_eq!(j.publisher.as_deref(), Some("Planet Media"));
        assert_eq!(j.website_name.as_deref(), Some("The Planet"));
        assert_eq!(j.in_language.as_deref(), Some("en-GB"));
        assert_eq!(j.sections, vec!["World", "Europe"]);
        let names: Vec<_> = j.breadcrumb.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, vec!["Home", "World"]);
    }

    #[test]
    fn broken_json_is_repaired_or_skipped() {
        let j = ld(r#"<script type="application/ld+json"><!--
            {"@type":"Article","headline":"Titre
            cassé","author":{"@type":"Person","name":"Claire Dubois",},}
            --></script><script type="application/ld+json">{not json at all</script>"#);
        assert_eq!(j.headline.as_deref(), Some("Titre cassé"));
        assert_eq!(j.authors, vec!["Claire Dubois"]);
        assert_eq!(j.broken_scripts, 1);
    }

    #[test]
    fn organisations_are_not_authors_and_arrays_of_scripts_flatten() {
        let j = ld(
            r#"<script type="application/ld+json">[{"@type":"BlogPosting","headline":"Ciao",
            "author":[{"@type":"Organization","name":"Redazione"},"Giulia Romano"],
            "dateModified":"2030-10-15"}]</script>"#,
        );
        assert_eq!(j.authors, vec!["Giulia Romano"]);
        assert_eq!(j.date_modified.as_deref(), Some("2030-10-15"));
    }

    #[test]
    fn trailing_commas_without_comments() {
        let v = parse_tolerant(r#"{"@type":"NewsArticle","headline":"X",}"#);
        assert!(v.is_some());
        assert!(parse_tolerant("").is_none());
        assert!(parse_tolerant("]]]").is_none());
    }
}
