//! The apposition cue: a name right after a noun that introduces organisations ("news outlet
//! Axios", "il quotidiano Repubblica") is an organisation, whatever the tagger said.

use super::document::Found;
use super::vocab::{class, Cues};
use crate::text::TextDoc;
use newsloom_model::EntityLabel;

/// Relabels person and miscellaneous mentions that follow an organisation head noun.
pub fn relabel(doc: &TextDoc<'_>, cues: &Cues, found: &mut [Found]) {
    for f in found.iter_mut() {
        let start = f.tokens.start;
        if start == 0 || !matches!(f.label, EntityLabel::Person | EntityLabel::Misc) {
            continue;
        }
        let prev = doc.token_text(start - 1);
        let lower_case = !prev.chars().next().is_some_and(char::is_uppercase);
        if lower_case && cues.classes(prev) & class::ORG_HEAD != 0 {
            f.label = EntityLabel::Organisation;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsloom_model::Language;

    #[test]
    fn outlet_name_is_an_organisation() {
        let doc = TextDoc::new("according to news outlet Axios", Language::En);
        let mut found = vec![Found::new(&doc, 4..5, EntityLabel::Person)];
        relabel(&doc, &Cues::new(&Language::En), &mut found);
        assert_eq!(found[0].label, EntityLabel::Organisation);
    }
}
