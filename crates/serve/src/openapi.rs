//! The OpenAPI 3.1 document of the API, served at `/api/v1/openapi.json`. Tests check it
//! against the router: the same routes, and responses carrying the properties it promises.

use serde_json::{json, Value};

fn error_response(description: &str) -> Value {
    json!({
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    })
}

fn ok(description: &str, schema: Value) -> Value {
    json!({
        "200": {
            "description": description,
            "content": {"application/json": {"schema": schema}}
        },
        "400": error_response("A parameter is wrong."),
        "503": error_response("The store cannot be read."),
    })
}

fn query(name: &str, description: &str, schema: Value) -> Value {
    json!({"name": name, "in": "query", "required": false, "description": description, "schema": schema})
}

fn path(name: &str, description: &str, schema: Value) -> Value {
    json!({"name": name, "in": "path", "required": true, "description": description, "schema": schema})
}

fn object(required: &[&str]) -> Value {
    json!({"type": "object", "required": required})
}

/// The document.
pub fn openapi_document() -> Value {
    let string = json!({"type": "string", "maxLength": 500});
    let int = json!({"type": "integer", "format": "int64", "minimum": 0, "maximum": i64::MAX});
    let lang = json!({"type": "string", "pattern": crate::params::LANGUAGE_PATTERN, "examples": ["en", "fr", "es", "de", "it"]});
    let date = json!({"type": "string", "maxLength": 40, "pattern": crate::params::DATE_PATTERN, "examples": ["2030", "2030-10", "2030-10-08"]});
    let limit = json!({"type": "integer", "minimum": 1, "maximum": 100});
    let search_params = vec![
        query(
            "q",
            "Words, \"phrases\", -exclusions (tantivy syntax); all words must match.",
            string.clone(),
        ),
        query("lang", "Only articles in this language.", lang.clone()),
        query(
            "site",
            "Only articles of this site (name or host).",
            string.clone(),
        ),
        query(
            "since",
            "Published on or after this ISO 8601 date.",
            date.clone(),
        ),
        query(
            "until",
            "Published on or before this ISO 8601 date.",
            date.clone(),
        ),
        query(
            "entity",
            "Only articles mentioning this entity.",
            string.clone(),
        ),
        query(
            "speaker",
            "Only articles quoting this speaker.",
            string.clone(),
        ),
        query(
            "page",
            "Page number, from 1.",
            json!({"type": "integer", "minimum": 1, "maximum": crate::params::MAX_PAGE}),
        ),
        query(
            "per_page",
            "Hits per page (at most 100).",
            json!({"type": "integer", "minimum": 1, "maximum": 100}),
        ),
        query(
            "facets",
            "Set to false to leave the facets out.",
            json!({"type": "boolean"}),
        ),
    ];
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "newsloom API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Search and read a newsloom corpus: articles with entities, quotes and sources, stories across outlets and languages."
        },
        "servers": [{"url": "/api/v1"}],
        "paths": {
            "/health": {"get": {
                "summary": "Is the server up and the store readable.",
                "operationId": "health",
                "responses": ok("Up.", object(&["status", "version", "articles"]))
            }},
            "/stats": {"get": {
                "summary": "What the store holds.",
                "operationId": "stats",
                "responses": ok("Counts and sizes.", object(&["articles", "canonical", "by_language", "by_site"]))
            }},
            "/search": {"get": {
                "summary": "Ranked articles with highlighted snippets and facets.",
                "operationId": "search",
                "parameters": search_params,
                "responses": ok("A page of hits.", json!({
                    "type": "object",
                    "required": ["total", "page", "per_page", "hits", "warnings"],
                    "properties": {
                        "total": {"type": "integer"},
                        "page": {"type": "integer"},
                        "per_page": {"type": "integer"},
                        "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
                        "facets": {"$ref": "#/components/schemas/Facets"},
                        "warnings": {"type": "array", "items": {"type": "string"}}
                    }
                }))
            }},
            "/articles/{id}": {"get": {
                "summary": "One stored article: the record, its story, its editions in the store.",
                "operationId": "article",
                "parameters": [path("id", "Article id.", int.clone())],
                "responses": {
                    "200": {"description": "The article.", "content": {"application/json": {"schema": object(&["id", "status", "article", "story_id", "editions"])}}},
                    "400": error_response("The id is not a number."),
                    "404": error_response("No such article.")
                }
            }},
            "/entities": {"get": {
                "summary": "The most mentioned entities, with mentions per month.",
                "operationId": "entities",
                "parameters": [
                    query("label", "PER, ORG, LOC or MISC.", json!({"type": "string", "enum": ["", "PER", "ORG", "LOC", "MISC"]})),
                    query("name", "Names containing this.", string.clone()),
                    query("lang", "Only articles in this language.", lang.clone()),
                    query("site", "Only articles of this site.", string.clone()),
                    query("since", "Published on or after.", date.clone()),
                    query("until", "Published on or before.", date.clone()),
                    query("limit", "How many (at most 100).", limit.clone())
                ],
                "responses": ok("Entities.", object(&["entities"]))
            }},
            "/entities/{name}": {"get": {
                "summary": "One entity: mentions over time, its quotes, its stories and articles.",
                "operationId": "entity",
                "parameters": [path("name", "The entity's canonical name.", json!({"type": "string", "minLength": 1, "maxLength": 500, "pattern": "\\S"}))],
                "responses": {
                    "200": {"description": "The entity.", "content": {"application/json": {"schema": object(&["entity", "quotes", "stories", "articles"])}}},
                    "400": error_response("The name is empty or too long."),
                    "404": error_response("No such entity.")
                }
            }},
            "/quotes": {"get": {
                "summary": "Who said what, newest first.",
                "operationId": "quotes",
                "parameters": [
                    query("speaker", "Speakers containing this.", string.clone()),
                    query("limit", "How many (at most 100).", limit.clone())
                ],
                "responses": ok("Quotes.", object(&["quotes"]))
            }},
            "/stories": {"get": {
                "summary": "Stories: the same news across outlets and languages.",
                "operationId": "stories",
                "parameters": [
                    query("since", "With an article published on or after.", date.clone()),
                    query("lang", "With an article in this language.", lang.clone()),
                    query("entity", "Mentioning this entity.", string.clone()),
                    query("min_articles", "Of at least this many articles (default 1).", json!({"type": "integer", "minimum": 0, "maximum": crate::api::MAX_MIN_ARTICLES})),
                    query("limit", "How many (at most 100).", limit.clone())
                ],
                "responses": ok("Stories.", object(&["stories"]))
            }},
            "/stories/{id}": {"get": {
                "summary": "One story: titles, outlets, languages, timeline, who said what, and why each article joined.",
                "operationId": "story",
                "parameters": [path("id", "Story id.", int.clone())],
                "responses": {
                    "200": {"description": "The story.", "content": {"application/json": {"schema": object(&["id", "titles", "languages", "outlets", "article_ids", "timeline", "quotes", "members"])}}},
                    "400": error_response("The id is not a number."),
                    "404": error_response("No such story.")
                }
            }},
            "/ingest": {"post": {
                "summary": "Ingest a page by URL or body (needs the server's token).",
                "operationId": "ingest",
                "security": [{"bearer": []}],
                "parameters": [query("url", "The page's URL, with a text/html or text/plain body (empty: none).", json!({"type": "string", "pattern": "^(https?://[^/?#\\s]+.*)?$"}))],
                "requestBody": {
                    "required": true,
                    "content": {
                        "application/json": {"schema": {
                            "type": "object",
                            "properties": {
                                "url": {"type": "string", "format": "uri", "pattern": "^https?://[^/?#\\s]+", "description": "Fetched when there is no body."},
                                "body": {"type": "string", "pattern": "\\S", "description": "The page."},
                                "plain_text": {"type": "boolean"}
                            },
                            "anyOf": [{"required": ["url"]}, {"required": ["body"]}],
                            "additionalProperties": false
                        }},
                        "text/html": {"schema": {"type": "string", "pattern": "\\S"}},
                        "text/plain": {"schema": {"type": "string", "pattern": "\\S"}}
                    }
                },
                "responses": {
                    "200": {"description": "What was stored, and what failed (a page nothing could be extracted from, a fetch that failed).", "content": {"application/json": {"schema": object(&["stored", "failed", "seconds"])}}},
                    "400": error_response("The request is malformed."),
                    "401": error_response("Missing or wrong token."),
                    "403": error_response("Ingest is disabled on this server."),
                    "413": error_response("The body is too large."),
                    "503": error_response("The store is locked by another writer.")
                }
            }},
            "/openapi.json": {"get": {
                "summary": "This document.",
                "operationId": "openapi",
                "responses": {"200": {"description": "The OpenAPI document.", "content": {"application/json": {"schema": object(&["openapi", "paths"])}}}}
            }}
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {"error": {
                        "type": "object",
                        "required": ["code", "message"],
                        "properties": {"code": {"type": "string"}, "message": {"type": "string"}}
                    }}
                },
                "Hit": {
                    "type": "object",
                    "required": ["id", "score", "language", "snippet", "snippet_html"],
                    "properties": {
                        "id": {"type": "integer"},
                        "score": {"type": "number"},
                        "title": {"type": ["string", "null"]},
                        "url": {"type": ["string", "null"]},
                        "site": {"type": ["string", "null"]},
                        "language": {"type": "string"},
                        "published": {"type": ["string", "null"]},
                        "duplicate_of": {"type": ["integer", "null"]},
                        "snippet": {"type": "object"},
                        "snippet_html": {"type": "string", "description": "The snippet, HTML-escaped, with <mark> around matches."}
                    }
                },
                "Facets": {
                    "type": ["object", "null"],
                    "properties": {
                        "counted": {"type": "integer"},
                        "languages": {"type": "array"},
                        "sites": {"type": "array"},
                        "months": {"type": "array"},
                        "entities": {"type": "array"},
                        "speakers": {"type": "array"}
                    }
                }
            }
        }
    })
}
