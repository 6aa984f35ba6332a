//! Merging name variants into one entity: a person's surname or any final part of the name
//! ("Witkoff", "al-Hayya") joins the full name ("Steve Witkoff", "Khalil al-Hayya"); other
//! names join identical ones. The canonical name is the longest full form seen.

use super::document::Found;
use crate::text::TextDoc;
use newsloom_model::EntityLabel;
use std::collections::HashMap;

/// One entity: indices into the mentions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Label of the entity.
    pub label: EntityLabel,
    /// Mentions, in text order.
    pub members: Vec<usize>,
    /// The mention whose text is the canonical name.
    pub canonical: usize,
}

/// Groups `found` (sorted by position); a short person-name variant relabelled from another
/// class joins the person. Groups are ordered by first mention.
pub fn group(doc: &TextDoc<'_>, found: &mut [Found]) -> Vec<Group> {
    // Distinct names in order of first appearance.
    let keys: Vec<String> = found.iter().map(|f| f.key(doc)).collect();
    let mut name_of: HashMap<(&str, EntityLabel), usize> = HashMap::new();
    let mut names: Vec<(Vec<&str>, EntityLabel, usize)> = Vec::new(); // words, label, first mention
    let mut mention_name = Vec::with_capacity(found.len());
    for (m, f) in found.iter().enumerate() {
        let id = *name_of
            .entry((keys[m].as_str(), f.label))
            .or_insert_with(|| {
                names.push((keys[m].split(' ').collect(), f.label, m));
                names.len() - 1
            });
        mention_name.push(id);
    }
    // Parent of each name: the longest (then earliest) person name it ends.
    let mut parent: Vec<usize> = (0..names.len()).collect();
    for (n, (words, label, _)) in names.iter().enumerate() {
        // Places do not join people ("Washington" is not "George Washington").
        if *label == EntityLabel::Location {
            continue;
        }
        let mut best: Option<usize> = None;
        for (p, (pw, pl, _)) in names.iter().enumerate() {
            let ends = *pl == EntityLabel::Person
                && pw.len() > words.len()
                && pw[pw.len() - words.len()..] == words[..];
            if ends && best.is_none_or(|b| names[b].0.len() < pw.len()) {
                best = Some(p);
            }
        }
        if let Some(p) = best {
            parent[n] = p;
        }
    }
    let root = |mut n: usize| {
        while parent[n] != n {
            n = parent[n];
        }
        n
    };
    let mut group_of_root: HashMap<usize, usize> = HashMap::new();
    let mut groups: Vec<Group> = Vec::new();
    for (m, &n) in mention_name.iter().enumerate() {
        let r = root(n);
        let g = *group_of_root.entry(r).or_insert_with(|| {
            groups.push(Group {
                label: names[r].1,
                members: Vec::new(),
                canonical: names[r].2,
            });
            groups.len() - 1
        });
        groups[g].members.push(m);
    }
    for g in &mut groups {
        for &m in &g.members {
            found[m].label = g.label;
        }
        let len = |m: usize| (keys[m].split(' ').count(), keys[m].chars().count());
        g.canonical =
            g.members.iter().copied().fold(
                g.members[0],
                |best, m| if len(m) > len(best) { m } else { best },
            );
    }
    groups
}
