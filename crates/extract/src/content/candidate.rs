//! Choosing the element that holds the article body.
//!
//! Readability's scoring: every paragraph-like block gives points (1 + commas + length) to its
//! parent and, decreasingly, to four more ancestors; a candidate's score is weighed by its link
//! density and its class/id. Semantic hints (`itemprop=articleBody`, body-like class names) are
//! then preferred when they agree with the scores.

use super::classes;
use super::stats::Stats;
use super::vocab::{BODY_TOKENS, BOILERPLATE_TOKENS, NEGATIVE_TOKENS, POSITIVE_TOKENS};
use crate::dom::{Document, NodeId, Tag};

/// Scoring thresholds.
#[derive(Debug, Clone)]
pub struct ScoreConfig {
    /// How many ancestors a paragraph's score reaches.
    pub ancestor_levels: usize,
    /// Points for a positive or negative class/id.
    pub class_weight: f32,
    /// A hint is taken when it holds at least this share of the best candidate's good text.
    pub hint_share: f32,
    /// How many ancestors [`expand`] looks at.
    pub expand_levels: usize,
    /// An ancestor is taken when its extra paragraph text is at least this share of the
    /// current body's…
    pub expand_min_share: f32,
    /// …and at least this share of its extra text is good paragraphs…
    pub expand_clean_ratio: f32,
    /// …and at most this share of its extra text is links.
    pub expand_max_link_density: f32,
    /// Looking up stops at an ancestor that adds this much text that is not clean.
    pub expand_max_junk_chars: f32,
    /// Paragraph characters from which a candidate's class and tag weights count in full.
    pub full_weight_chars: f32,
}

impl Default for ScoreConfig {
    fn default() -> Self {
        ScoreConfig {
            ancestor_levels: 5,
            class_weight: 25.0,
            hint_share: 0.7,
            expand_levels: 10,
            expand_min_share: 0.1,
            expand_clean_ratio: 0.7,
            expand_max_link_density: 0.15,
            expand_max_junk_chars: 400.0,
            full_weight_chars: 500.0,
        }
    }
}

/// The chosen body: one element, or several siblings.
#[derive(Debug, Clone)]
pub struct Body {
    /// The elements whose blocks make the body, in document order.
    pub roots: Vec<NodeId>,
}

/// Scores candidates and picks the body.
pub fn choose(
    doc: &Document,
    dead: &[bool],
    stats: &Stats,
    cfg: &ScoreConfig,
    min_paragraph: u32,
) -> Option<Body> {
    let n = doc.len();
    let mut score = vec![0f32; n];
    let mut scored = vec![false; n];
    for (i, &is_dead) in dead.iter().enumerate().take(n).skip(1) {
        if is_dead {
            continue;
        }
        let id = NodeId(i as u32);
        let Some(tag) = doc.tag(id) else { continue };
        if !(tag.is_block() || tag == Tag::Li) {
            continue;
        }
        let s = stats.get(id);
        if s.inline_chars < min_paragraph
            || s.inline_link_chars as f32 >= 0.5 * s.inline_chars as f32
        {
            continue;
        }
        // Text broken by `<br><br>` counts as that many paragraphs (readability rewrites them).
        let runs =
            (s.inline_breaks / 2 + 1).clamp(1, (s.inline_chars / min_paragraph).max(1)) as f32;
        let points =
            runs + s.inline_commas as f32 + (s.inline_chars as f32 / 100.0).min(3.0 * runs);
        // A container with text of its own is scored as the parent of that text (readability
        // turns such text into a paragraph inside it).
        let own = matches!(
            tag,
            Tag::Div | Tag::Section | Tag::Article | Tag::Main | Tag::Td | Tag::Center
        );
        let chain = own.then_some(id).into_iter().chain(doc.ancestors(id));
        for (level, anc) in chain.take(cfg.ancestor_levels).enumerate() {
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            scored[anc.index()] = true;
            score[anc.index()] += points / divider;
        }
    }
    let mut best: Option<(NodeId, f32)> = None;
    for i in 1..n {
        if !scored[i] || dead[i] {
            continue;
        }
        let id = NodeId(i as u32);
        if matches!(doc.tag(id), Some(Tag::Html)) {
            continue;
        }
        // Class and tag weights count in full only for candidates with real paragraph text:
        // a small header box named "content-wrapper" must not beat the article.
        let trust = (stats.good_chars(id) as f32 / cfg.full_weight_chars).min(1.0);
        let final_score =
            (score[i] + initial_weight(doc, id, cfg) * trust) * (1.0 - stats.link_density(id));
        score[i] = final_score;
        if best.is_none_or(|(_, s)| final_score > s) {
            best = Some((id, final_score));
        }
    }
    let (mut top, top_score) = best?;
    // Climb while the candidate is an only child or its parent scores nearly as well.
    while let Some(parent) = doc.parent(top) {
        if matches!(doc.tag(parent), Some(Tag::Html | Tag::Body) | None) {
            break;
        }
        let only_child = doc
            .children(parent)
            .filter(|&c| doc.tag(c).is_some() && !dead[c.index()])
            .count()
            == 1;
        let parent_holds_more = stats.good_chars(parent) as f32
            > stats.good_chars(top) as f32 * 1.0
            && score[parent.index()] >= top_score * 0.75;
        if only_child || parent_holds_more {
            top = parent;
        } else {
            break;
        }
    }
    let top = expand(doc, stats, top, cfg);
    let top = prefer_hint(doc, dead, stats, top, cfg).unwrap_or(top);
    Some(Body {
        roots: with_siblings(doc, dead, stats, &score, top, min_paragraph),
    })
}

fn initial_weight(doc: &Document, id: NodeId, cfg: &ScoreConfig) -> f32 {
    let tag_weight = match doc.tag(id) {
        Some(Tag::Div | Tag::Article | Tag::Section | Tag::Main) => 5.0,
        Some(Tag::Pre | Tag::Td | Tag::Blockquote) => 3.0,
        Some(
            Tag::Address | Tag::Ol | Tag::Ul | Tag::Dl | Tag::Dd | Tag::Dt | Tag::Li | Tag::Form,
        ) => -3.0,
        Some(t) if t.is_heading() || t == Tag::Th => -5.0,
        _ => 0.0,
    };
    let Some(e) = doc.element(id) else {
        return tag_weight;
    };
    let mut w = tag_weight;
    if classes::any_token_in(e, NEGATIVE_TOKENS) || classes::any_token_in(e, BOILERPLATE_TOKENS) {
        w -= cfg.class_weight;
    }
    if classes::any_token_in(e, POSITIVE_TOKENS) || classes::any_token_in(e, BODY_TOKENS) {
        w += cfg.class_weight;
    }
    if e.attr("itemprop")
        .is_some_and(|p| p.contains("articleBody"))
    {
        w += cfg.class_weight;
    }
    w
}

/// Climbs to an ancestor when what it adds is more of the same: clean paragraphs with few
/// links (an article split into several sections, each in its own wrapper).
fn expand(doc: &Document, stats: &Stats, top: NodeId, cfg: &ScoreConfig) -> NodeId {
    let mut current = top;
    for ancestor in doc.ancestors(top).take(cfg.expand_levels) {
        if matches!(doc.tag(ancestor), Some(Tag::Html | Tag::Body) | None) {
            break;
        }
        let a = stats.get(ancestor);
        let c = stats.get(current);
        let extra_text = a.text_chars.saturating_sub(c.text_chars) as f32;
        let extra_good = a.good_chars.saturating_sub(c.good_chars) as f32;
        let extra_links = a.link_chars.saturating_sub(c.link_chars) as f32;
        if extra_text < 1.0 {
            continue;
        }
        let clean = extra_good >= cfg.expand_min_share * c.good_chars as f32
            && extra_good >= cfg.expand_clean_ratio * extra_text
            && extra_links <= cfg.expand_max_link_density * extra_text;
        if clean {
            current = ancestor;
        } else if extra_text > cfg.expand_max_junk_chars {
            break;
        }
    }
    current
}

/// A semantically marked body container that agrees with the scores: inside the top candidate
/// holding most of its text, or around it.
fn prefer_hint(
    doc: &Document,
    dead: &[bool],
    stats: &Stats,
    top: NodeId,
    cfg: &ScoreConfig,
) -> Option<NodeId> {
    let top_good = stats.good_chars(top) as f32;
    let mut best: Option<NodeId> = None;
    for (id, e) in doc.elements() {
        if dead[id.index()] {
            continue;
        }
        let is_hint = e
            .attr("itemprop")
            .is_some_and(|p| p.contains("articleBody"))
            || classes::any_token_in(e, BODY_TOKENS);
        if !is_hint {
            continue;
        }
        let good = stats.good_chars(id) as f32;
        let inside = doc.is_inside(id, top);
        let around = doc.is_inside(top, id);
        let accept = (inside && good >= cfg.hint_share * top_good)
            || (around && good <= top_good * 1.5 + 200.0);
        if accept && good > 0.0 {
            // The outermost acceptable hint wins (nested hints: body > body-text).
            if best.is_none_or(|b| !doc.is_inside(id, b)) {
                best = Some(id);
            }
        }
    }
    best
}

/// The top candidate plus siblings that look like more of the article.
fn with_siblings(
    doc: &Document,
    dead: &[bool],
    stats: &Stats,
    score: &[f32],
    top: NodeId,
    min_paragraph: u32,
) -> Vec<NodeId> {
    let Some(parent) = doc.parent(top) else {
        return vec![top];
    };
    let top_score = score[top.index()];
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = doc.attr(top, "class").unwrap_or("");
    let mut roots = Vec::new();
    for sib in doc.children(parent) {
        if sib == top {
            roots.push(sib);
            continue;
        }
        if dead[sib.index()] || doc.tag(sib).is_none() {
            continue;
        }
        let mut bonus = 0.0;
        if !top_class.is_empty() && doc.attr(sib, "class") == Some(top_class) {
            bonus = top_score * 0.2;
        }
        let s = stats.get(sib);
        let ld = stats.link_density(sib);
        let append = score[sib.index()] + bonus >= threshold && ld < 0.3
            || (doc.tag(sib) == Some(Tag::P) && s.inline_chars >= min_paragraph * 3 && ld < 0.25);
        if append {
            roots.push(sib);
        }
    }
    roots
}
