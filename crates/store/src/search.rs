//! Full-text search: BM25-ranked hits with filters and highlighted snippets.

use std::collections::HashMap;
use std::ops::{Bound, Range};

use newsloom_model::{Article, Language};
use rusqlite::OptionalExtension;
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query, QueryParser,
    RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DateTime, DocAddress, Order, Searcher, Term};

use crate::analysers::{self, lang_slot, LANG_KEYS};
use crate::date::parse_iso;
use crate::error::{IndexContext, SqlContext};
use crate::keys::site_key;
use crate::records::parse_record;
use crate::{Store, StoreError};

/// Score multiplier of title matches over body matches.
const TITLE_BOOST: f32 = 2.0;
/// Maximum snippet length, in characters.
const SNIPPET_CHARS: usize = 200;

/// A search: free text plus filters, all optional. Build with [`SearchQuery::new`] and the
/// chained setters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    /// Words to find (tantivy query syntax: `"exact phrase"`, `-excluded`, `a OR b`); all
    /// words must match. Empty: every article passing the filters, newest first.
    pub text: String,
    /// Search only articles in this language, analysing the query with its stemmer. Without
    /// it, every language's fields are searched, each with its own analyser.
    pub lang: Option<Language>,
    /// Published on or after this ISO 8601 date (`2024`, `2024-03`, `2024-03-05`, a date-time).
    pub since: Option<String>,
    /// Published on or before this ISO 8601 date (inclusive of the whole day/month/year given).
    pub until: Option<String>,
    /// Site name or host (`lemonde.fr`, `Le Monde`), case-insensitive, exact.
    pub site: Option<String>,
    /// An entity name or part of one: its words must occur in sequence in an entity name.
    pub entity: Option<String>,
    /// A quote speaker (as written or resolved), or part of the name.
    pub speaker: Option<String>,
    /// Hits to return.
    pub limit: usize,
    /// Hits to skip (for paging).
    pub offset: usize,
}

impl Default for SearchQuery {
    fn default() -> Self {
        SearchQuery {
            text: String::new(),
            lang: None,
            since: None,
            until: None,
            site: None,
            entity: None,
            speaker: None,
            limit: 10,
            offset: 0,
        }
    }
}

impl SearchQuery {
    /// A query for `text`, ten hits, no filters.
    pub fn new(text: impl Into<String>) -> Self {
        SearchQuery {
            text: text.into(),
            ..SearchQuery::default()
        }
    }
    /// Sets [`SearchQuery::lang`].
    pub fn lang(mut self, lang: Language) -> Self {
        self.lang = Some(lang);
        self
    }
    /// Sets [`SearchQuery::since`].
    pub fn since(mut self, date: impl Into<String>) -> Self {
        self.since = Some(date.into());
        self
    }
    /// Sets [`SearchQuery::until`].
    pub fn until(mut self, date: impl Into<String>) -> Self {
        self.until = Some(date.into());
        self
    }
    /// Sets [`SearchQuery::site`].
    pub fn site(mut self, site: impl Into<String>) -> Self {
        self.site = Some(site.into());
        self
    }
    /// Sets [`SearchQuery::entity`].
    pub fn entity(mut self, name: impl Into<String>) -> Self {
        self.entity = Some(name.into());
        self
    }
    /// Sets [`SearchQuery::speaker`].
    pub fn speaker(mut self, name: impl Into<String>) -> Self {
        self.speaker = Some(name.into());
        self
    }
    /// Sets [`SearchQuery::limit`].
    pub fn limit(mut self, limit: usize) -> Self {
        self.limit = limit;
        self
    }
    /// Sets [`SearchQuery::offset`].
    pub fn offset(mut self, offset: usize) -> Self {
        self.offset = offset;
        self
    }
}

/// A search compiled to tantivy queries.
pub(crate) struct Compiled {
    /// The free-text part alone, when there is one.
    pub text_query: Option<Box<dyn Query>>,
    /// Text and filters together.
    pub combined: BooleanQuery,
    /// Parts of the text that could not be parsed.
    pub warnings: Vec<String>,
}

/// One page of search results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    /// How many articles match in all.
    pub total: usize,
    /// The requested page of hits, best first.
    pub hits: Vec<SearchHit>,
    /// Parts of the query text that could not be parsed and were searched as plain words.
    pub warnings: Vec<String>,
}

/// One search hit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    /// Article row id.
    pub id: i64,
    /// BM25 score (0 when the query had no text and hits are ordered by date).
    pub score: f32,
    /// Headline.
    pub title: Option<String>,
    /// Page URL.
    pub url: Option<String>,
    /// Site name, else host.
    pub site: Option<String>,
    /// Article language.
    pub language: Language,
    /// Publication date as stored (ISO 8601).
    pub published: Option<String>,
    /// The canonical article when this hit is a near-duplicate.
    pub duplicate_of: Option<i64>,
    /// A passage of the body with the matched words marked.
    pub snippet: Snippet,
}

/// A passage of text with highlighted character ranges.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The passage.
    pub text: String,
    /// Highlighted ranges, in characters (Unicode scalar values) of `text`, in order.
    pub highlights: Vec<Range<usize>>,
}

/// Pushes `c` onto `out` escaped for HTML text and attribute values.
pub fn push_html_escaped(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        c => out.push(c),
    }
}

impl Snippet {
    /// The passage with each highlight wrapped in `open` and `close`.
    pub fn render(&self, open: &str, close: &str) -> String {
        self.render_with(open, close, |out, c| out.push(c))
    }

    /// The passage escaped for HTML, with each highlight wrapped in `open` and `close` (markup,
    /// not escaped).
    pub fn render_escaped(&self, open: &str, close: &str) -> String {
        self.render_with(open, close, push_html_escaped)
    }

    fn render_with(&self, open: &str, close: &str, push: impl Fn(&mut String, char)) -> String {
        let mut out = String::with_capacity(self.text.len() + 16 * self.highlights.len());
        let mut ranges = self.highlights.iter().peekable();
        for (i, c) in self.text.chars().enumerate() {
            if ranges
                .peek()
                .is_some_and(|r| r.start == i && r.end > r.start)
            {
                out.push_str(open);
            }
            push(&mut out, c);
            if let Some(r) = ranges.peek() {
                if i + 1 == r.end {
                    out.push_str(close);
                    ranges.next();
                }
            }
        }
        out
    }

    /// The passage with highlights in `[` `]`.
    pub fn render_brackets(&self) -> String {
        self.render("[", "]")
    }

    /// The passage with highlights in bold yellow, for terminals.
    pub fn render_ansi(&self) -> String {
        self.render("\x1b[1;33m", "\x1b[0m")
    }

    fn lead(text: &str) -> Snippet {
        Snippet {
            text: text.chars().take(SNIPPET_CHARS).collect(),
            highlights: Vec::new(),
        }
    }

    fn from_tantivy(snippet: &tantivy::snippet::Snippet) -> Snippet {
        let fragment = snippet.fragment();
        let char_at = |byte: usize| fragment[..byte.min(fragment.len())].chars().count();
        Snippet {
            text: fragment.to_string(),
            highlights: snippet
                .highlighted()
                .iter()
                .filter(|r| fragment.is_char_boundary(r.start) && fragment.is_char_boundary(r.end))
                .map(|r| char_at(r.start)..char_at(r.end))
                .collect(),
        }
    }
}

impl Store {
    /// Runs a search. See [`SearchQuery`] for what each part does.
    pub fn search(&self, query: &SearchQuery) -> Result<SearchResults, StoreError> {
        let index = &self.index;
        let path = &index.path;
        let searcher = index.reader.searcher();
        let Compiled {
            text_query,
            combined,
            warnings,
        } = self.compile(query)?;

        let page = TopDocs::with_limit(query.limit.max(1)).and_offset(query.offset);
        let (addresses, total): (Vec<(f32, DocAddress)>, usize) = if text_query.is_some() {
            searcher
                .search(&combined, &(page.order_by_score(), Count))
                .idx(path)?
        } else {
            let (docs, total) = searcher
                .search(
                    &combined,
                    &(
                        page.order_by_fast_field::<DateTime>("published", Order::Desc),
                        Count,
                    ),
                )
                .idx(path)?;
            (docs.into_iter().map(|(_, a)| (0.0, a)).collect(), total)
        };
        let addresses = if query.limit == 0 {
            Vec::new()
        } else {
            addresses
        };

        let mut generators: HashMap<usize, SnippetGenerator> = HashMap::new();
        let mut hits = Vec::with_capacity(addresses.len());
        for (score, address) in addresses {
            let Some(id) = doc_id(&searcher, address, path)? else {
                continue;
            };
            let Some(hit) =
                self.hit(id, score, text_query.as_deref(), &searcher, &mut generators)?
            else {
                continue;
            };
            hits.push(hit);
        }
        Ok(SearchResults {
            total,
            hits,
            warnings,
        })
    }

    /// The tantivy query of `query`: the text part (for ranking and snippets) and the text with
    /// every filter.
    pub(crate) fn compile(&self, query: &SearchQuery) -> Result<Compiled, StoreError> {
        let index = &self.index;
        let fields = &index.fields;
        let mut warnings = Vec::new();
        let text = query.text.trim();
        let slots: Vec<usize> = match &query.lang {
            Some(lang) => vec![lang_slot(lang)],
            None => (0..LANG_KEYS.len()).collect(),
        };
        let text_query: Option<Box<dyn Query>> = (!text.is_empty()).then(|| {
            let default_fields = slots
                .iter()
                .flat_map(|&s| [fields.title[s], fields.body[s]])
                .collect();
            let mut parser = QueryParser::for_index(&index.index, default_fields);
            parser.set_conjunction_by_default();
            for &s in &slots {
                parser.set_field_boost(fields.title[s], TITLE_BOOST);
            }
            let (parsed, errors) = parser.parse_query_lenient(text);
            warnings.extend(errors.iter().map(ToString::to_string));
            parsed
        });

        let mut filters: Vec<Box<dyn Query>> = Vec::new();
        if let Some(lang) = &query.lang {
            filters.push(term_query(fields.language, lang.code()));
        }
        if let Some(range) = self.date_filter(query)? {
            filters.push(range);
        }
        if let Some(site) = &query.site {
            filters.push(term_query(fields.site, &site_key(site)));
        }
        for (field, value, what) in [
            (fields.entities, &query.entity, "entity"),
            (fields.speakers, &query.speaker, "speaker"),
        ] {
            if let Some(value) = value {
                match self.name_query(field, value) {
                    Some(q) => filters.push(q),
                    None => {
                        warnings.push(format!(
                            "{what} filter {value:?} has no searchable words: nothing matches it"
                        ));
                        filters.push(Box::new(EmptyQuery));
                    }
                }
            }
        }

        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        clauses.push((
            Occur::Must,
            text_query
                .as_ref()
                .map_or_else(|| Box::new(AllQuery) as Box<dyn Query>, |q| q.box_clone()),
        ));
        for filter in filters {
            clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
        }
        let combined = BooleanQuery::new(clauses);

        Ok(Compiled {
            text_query,
            combined,
            warnings,
        })
    }

    fn date_filter(&self, query: &SearchQuery) -> Result<Option<Box<dyn Query>>, StoreError> {
        let parse = |value: &Option<String>, what: &str| {
            value
                .as_deref()
                .map(|v| {
                    parse_iso(v).ok_or_else(|| {
                        StoreError::InvalidQuery(format!("{what} date {v:?} is not ISO 8601"))
                    })
                })
                .transpose()
        };
        let since = parse(&query.since, "since")?;
        let until = parse(&query.until, "until")?;
        if since.is_none() && until.is_none() {
            return Ok(None);
        }
        let field = self.index.fields.published;
        let term =
            |secs| Term::from_field_date_for_search(field, DateTime::from_timestamp_secs(secs));
        let lower = since.map_or(Bound::Unbounded, |d| Bound::Included(term(d.start)));
        let upper = until.map_or(Bound::Unbounded, |d| Bound::Excluded(term(d.end)));
        Ok(Some(Box::new(RangeQuery::new(lower, upper))))
    }

    /// Words of `value` in sequence in a name field; `None` when it has no words.
    fn name_query(&self, field: Field, value: &str) -> Option<Box<dyn Query>> {
        let words = analysers::tokens(self.index.index.tokenizers(), analysers::PLAIN, value);
        let mut terms: Vec<Term> = words
            .iter()
            .map(|w| Term::from_field_text(field, w))
            .collect();
        match terms.len() {
            0 => None,
            1 => Some(Box::new(TermQuery::new(
                terms.remove(0),
                IndexRecordOption::Basic,
            ))),
            _ => Some(Box::new(PhraseQuery::new(terms))),
        }
    }

    fn hit(
        &self,
        id: i64,
        score: f32,
        text_query: Option<&dyn Query>,
        searcher: &Searcher,
        generators: &mut HashMap<usize, SnippetGenerator>,
    ) -> Result<Option<SearchHit>, StoreError> {
        let db = &self.db_path;
        let row = self
            .conn
            .prepare_cached(
                "SELECT title, url, site, published, duplicate_of, record FROM articles
                 WHERE id = ?1",
            )
            .db(db)?
            .query_row([id], |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<i64>>(4)?,
                    r.get::<_, String>(5)?,
                ))
            })
            .optional()
            .db(db)?;
        // A row missing from SQLite but present in the index cannot happen (SQLite commits
        // first); skip rather than fail if the database was edited by hand.
        let Some((title, url, site, published, duplicate_of, record)) = row else {
            return Ok(None);
        };
        let article = parse_record(&record, id, db)?;
        let snippet = match text_query {
            Some(query) => self.snippet(&article, query, searcher, generators)?,
            None => Snippet::lead(&article.text),
        };
        Ok(Some(SearchHit {
            id,
            score,
            title,
            url,
            site,
            language: article.language.clone(),
            published,
            duplicate_of,
            snippet,
        }))
    }

    fn snippet(
        &self,
        article: &Article,
        query: &dyn Query,
        searcher: &Searcher,
        generators: &mut HashMap<usize, SnippetGenerator>,
    ) -> Result<Snippet, StoreError> {
        let slot = lang_slot(&article.language);
        let generator = match generators.entry(slot) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let mut g = SnippetGenerator::create(searcher, query, self.index.fields.body[slot])
                    .idx(&self.index.path)?;
                g.set_max_num_chars(SNIPPET_CHARS);
                e.insert(g)
            }
        };
        let snippet = generator.snippet(&article.text);
        if snippet.is_empty() || snippet.highlighted().is_empty() {
            return Ok(Snippet::lead(&article.text));
        }
        Ok(Snippet::from_tantivy(&snippet))
    }
}

fn term_query(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

pub(crate) fn doc_id(
    searcher: &Searcher,
    address: DocAddress,
    path: &std::path::Path,
) -> Result<Option<i64>, StoreError> {
    let column = searcher
        .segment_reader(address.segment_ord)
        .fast_fields()
        .i64("id")
        .idx(path)?;
    Ok(column.first(address.doc_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_snippets_keep_only_their_own_markup() {
        let s = Snippet {
            text: "<script>x</script> & Gaza".into(),
            highlights: vec![1..7, 21..25],
        };
        assert_eq!(
            s.render_escaped("<mark>", "</mark>"),
            "&lt;<mark>script</mark>&gt;x&lt;/script&gt; &amp; <mark>Gaza</mark>"
        );
    }

    #[test]
    fn renders_char_ranges_with_markers() {
        let s = Snippet {
            text: "Les élections ont eu lieu".into(),
            highlights: std::iter::once(4..13).collect(),
        };
        assert_eq!(s.render_brackets(), "Les [élections] ont eu lieu");
        assert!(s.render_ansi().contains("\x1b[1;33mélections\x1b[0m"));
    }
}
