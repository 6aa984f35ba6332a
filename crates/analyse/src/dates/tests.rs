//! Recognition and resolution, per language, on sentences with a publication date.

use super::*;
use newsloom_model::Language;

/// `(text, value)` of every date in `text`, anchored at `anchor` (ISO, or "" for none).
fn dates(text: &str, lang: Language, anchor: &str) -> Vec<(String, Option<String>)> {
    let doc = TextDoc::new(text, lang);
    find(&doc, Date::parse_iso(anchor))
        .into_iter()
        .map(|m| (m.text, m.value))
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, Option<String>)> {
    expected
        .iter()
        .map(|(t, v)| (t.to_string(), (!v.is_empty()).then(|| v.to_string())))
        .collect()
}

#[track_caller]
fn check(text: &str, lang: Language, anchor: &str, expected: &[(&str, &str)]) {
    assert_eq!(dates(text, lang, anchor), pairs(expected), "in {text:?}");
}

mod english {
    use super::*;
    const A: &str = "2025-10-15"; // a Wednesday

    #[test]
    fn seed_sentence_day_month() {
        check(
            "This led to a 45-minute meeting on the night of 8 October, where Witkoff and \
             Kushner provided Hamas's lead negotiator Khalil al-Hayya with assurances that \
             Israel would respect the terms of the deal.",
            Language::En,
            A,
            &[("8 October", "2025-10-08")],
        );
    }

    #[test]
    fn seed_sentence_month_alone() {
        check(
            "In March, hostage envoy Adam Boehler took the unprecedented step of holding secret talks with the group.",
            Language::En,
            A,
            &[("March", "2025-03")],
        );
    }

    #[test]
    fn seed_sentences_last_week() {
        check(
            "A meeting in Egypt broke the stalemate in last week's Gaza ceasefire talks. \
             Hamas and Israel agreed to a deal in Sharm el-Sheikh last week.",
            Language::En,
            A,
            &[("last week", "2025-10"), ("last week", "2025-10")],
        );
    }

    #[test]
    fn future_sentence_moves_forward() {
        check(
            "Construction will start in September.",
            Language::En,
            A,
            &[("September", "2026-09")],
        );
        check(
            "The upcoming summit opens on 8 October.",
            Language::En,
            A,
            &[("8 October", "2026-10-08")],
        );
        check(
            "The council will meet on Friday.",
            Language::En,
            A,
            &[("Friday", "2025-10-17")],
        );
    }

    #[test]
    fn adjacent_cue_from() {
        check(
            "Prices rise from 1 December.",
            Language::En,
            A,
            &[("1 December", "2025-12-01")],
        );
        check(
            "Troops from Gaza arrived on 1 December.",
            Language::En,
            A,
            &[("1 December", "2024-12-01")],
        );
    }

    #[test]
    fn absolute_forms() {
        check(
            "The summit is on October 8, 2030, and the vote on 14 October 2030.",
            Language::En,
            A,
            &[
                ("October 8, 2030", "2030-10-08"),
                ("14 October 2030", "2030-10-14"),
            ],
        );
        check(
            "It was filed on 2030-10-14 and signed on 14/10/2030.",
            Language::En,
            A,
            &[("2030-10-14", "2030-10-14"), ("14/10/2030", "2030-10-14")],
        );
        check(
            "Deadline: 03/04/2030 or 10/14/2030.",
            Language::En,
            A,
            &[("03/04/2030", "2030-04-03"), ("10/14/2030", "2030-10-14")],
        );
        check(
            "The 8th of October was cold.",
            Language::En,
            A,
            &[("8th of October", "2025-10-08")],
        );
        check(
            "They met on Oct. 3.",
            Language::En,
            A,
            &[("Oct. 3", "2025-10-03")],
        );
        check(
            "It happened in October 2024.",
            Language::En,
            A,
            &[("October 2024", "2024-10")],
        );
    }

    #[test]
    fn impossible_dates_are_skipped() {
        check("On 31 April nothing happened.", Language::En, A, &[]);
        check("Filed 2030-02-30.", Language::En, A, &[]);
        check("Deadline 14/14/2030.", Language::En, A, &[]);
    }

    #[test]
    fn may_the_verb_and_the_name() {
        check("It may rain, Theresa May said.", Language::En, A, &[]);
        check("May God help them.", Language::En, A, &[]);
        check(
            "The law passed in May and took effect May 5.",
            Language::En,
            A,
            &[("May", "2025-05"), ("May 5", "2025-05-05")],
        );
        check("August Wilson wrote plays.", Language::En, A, &[]);
    }

    #[test]
    fn numbers_that_are_not_dates() {
        check(
            "They scored 20 points and almost 2,000 fans came; 2027 people voted.",
            Language::En,
            A,
            &[],
        );
        check("It was built in 1850.", Language::En, A, &[]);
        check(
            "Since 2020, prices rose.",
            Language::En,
            A,
            &[("2020", "2020")],
        );
        check("In the 2000s it grew.", Language::En, A, &[]);
    }

    #[test]
    fn relative_days() {
        check(
            "Yesterday he left, today he rests and tomorrow he returns.",
            Language::En,
            A,
            &[
                ("Yesterday", "2025-10-14"),
                ("today", "2025-10-15"),
                ("tomorrow", "2025-10-16"),
            ],
        );
        check("USA Today reported it.", Language::En, A, &[]);
        check(
            "Last night was calm.",
            Language::En,
            A,
            &[("Last night", "2025-10-14")],
        );
    }

    #[test]
    fn weekdays() {
        check(
            "The talks ended on Tuesday.",
            Language::En,
            A,
            &[("Tuesday", "2025-10-14")],
        );
        check(
            "It rained on Wednesday.",
            Language::En,
            A,
            &[("Wednesday", "2025-10-15")],
        );
        check(
            "Shots rang out Monday night.",
            Language::En,
            A,
            &[("Monday night", "2025-10-13")],
        );
        check(
            "They meet next Monday.",
            Language::En,
            A,
            &[("next Monday", "2025-10-20")],
        );
        check(
            "They met last Wednesday.",
            Language::En,
            A,
            &[("last Wednesday", "2025-10-08")],
        );
        check(
            "It opened on Tuesday, October 14, 2025.",
            Language::En,
            A,
            &[("Tuesday, October 14, 2025", "2025-10-14")],
        );
    }

    #[test]
    fn relative_units_and_modified_months() {
        check(
            "Sales fell last month and will rise next month; this year is hard, last year was worse.",
            Language::En,
            A,
            &[
                ("last month", "2025-09"),
                ("next month", "2025-11"),
                ("this year", "2025"),
                ("last year", "2024"),
            ],
        );
        check(
            "It began last March.",
            Language::En,
            A,
            &[("last March", "2025-03")],
        );
        check(
            "It began last October.",
            Language::En,
            A,
            &[("last October", "2024-10")],
        );
        check(
            "It ends next March.",
            Language::En,
            A,
            &[("next March", "2026-03")],
        );
        check(
            "Talks resume in mid-November.",
            Language::En,
            A,
            &[("mid-November", "2024-11")],
        );
    }

    #[test]
    fn years_after_leads() {
        check(
            "The plant opens in 2027.",
            Language::En,
            A,
            &[("2027", "2027")],
        );
    }

    #[test]
    fn no_anchor_keeps_relative_dates_unresolved() {
        check(
            "Yesterday, on 8 October, and last week, but also on 2030-10-14 and in 2027.",
            Language::En,
            "",
            &[
                ("Yesterday", ""),
                ("8 October", ""),
                ("last week", ""),
                ("2030-10-14", "2030-10-14"),
                ("2027", "2027"),
            ],
        );
    }

    #[test]
    fn offsets_are_char_offsets() {
        let text = "Café talks — on 8 October.";
        let doc = TextDoc::new(text, Language::En);
        let found = find(&doc, Date::parse_iso(A));
        assert_eq!(found.len(), 1);
        let m = &found[0];
        let chars: String = text.chars().skip(m.start).take(m.end - m.start).collect();
        assert_eq!(chars, "8 October");
        assert_eq!((m.start, m.end), (16, 25));
    }
}

mod french {
    use super::*;
    const A: &str = "2030-10-16"; // a Wednesday

    #[test]
    fn absolute_with_ordinal() {
        check(
            "Le sommet a eu lieu le 1er décembre 2030 à Paris.",
            Language::Fr,
            A,
            &[("1er décembre 2030", "2030-12-01")],
        );
        check(
            "Signé le 14/10/2030.",
            Language::Fr,
            A,
            &[("14/10/2030", "2030-10-14")],
        );
        check("Signé le 10/14/2030.", Language::Fr, A, &[]);
    }

    #[test]
    fn relative_days() {
        check(
            "Hier, il pleuvait ; aujourd'hui il fait beau et demain il neigera.",
            Language::Fr,
            A,
            &[
                ("Hier", "2030-10-15"),
                ("aujourd'hui", "2030-10-16"),
                ("demain", "2030-10-17"),
            ],
        );
        check(
            "Il est arrivé hier soir.",
            Language::Fr,
            A,
            &[("hier soir", "2030-10-15")],
        );
    }

    #[test]
    fn week_and_year() {
        check(
            "Les négociations ont échoué la semaine dernière.",
            Language::Fr,
            A,
            &[("semaine dernière", "2030-10")],
        );
        check(
            "L'an dernier, rien.",
            Language::Fr,
            A,
            &[("an dernier", "2029")],
        );
        check(
            "Le mois prochain.",
            Language::Fr,
            A,
            &[("mois prochain", "2030-11")],
        );
    }

    #[test]
    fn weekdays() {
        check(
            "Il a parlé mardi.",
            Language::Fr,
            A,
            &[("mardi", "2030-10-15")],
        );
        check(
            "Il viendra mardi prochain.",
            Language::Fr,
            A,
            &[("mardi prochain", "2030-10-22")],
        );
        check(
            "Il est parti lundi soir.",
            Language::Fr,
            A,
            &[("lundi soir", "2030-10-14")],
        );
        check(
            "Le vote aura lieu lundi 4 novembre.",
            Language::Fr,
            A,
            &[("lundi 4 novembre", "2030-11-04")],
        );
        // No future cue, but 4 May 2019 was a Saturday: the weekday picks 2020.
        check(
            "Les écoles rouvrent lundi 4 mai.",
            Language::Fr,
            "2020-05-01",
            &[("lundi 4 mai", "2020-05-04")],
        );
        check(
            "Le vote a eu lieu mardi 8 octobre.",
            Language::Fr,
            A,
            &[("mardi 8 octobre", "2030-10-08")],
        );
    }

    #[test]
    fn mars_the_month_and_the_planet() {
        check(
            "La sonde a atteint Mars hier.",
            Language::Fr,
            A,
            &[("hier", "2030-10-15")],
        );
        check(
            "Le texte a été voté en mars.",
            Language::Fr,
            A,
            &[("mars", "2030-03")],
        );
        check(
            "Le texte a été voté le 3 mars.",
            Language::Fr,
            A,
            &[("3 mars", "2030-03-03")],
        );
    }

    #[test]
    fn future_tense_and_cues() {
        check(
            "Le chantier commencera le 5 mars.",
            Language::Fr,
            A,
            &[("5 mars", "2031-03-05")],
        );
        check(
            "La réforme s'appliquera à partir du 1er septembre.",
            Language::Fr,
            A,
            &[("1er septembre", "2031-09-01")],
        );
        check(
            "Les prix baissent à partir du 1er septembre.",
            Language::Fr,
            A,
            &[("1er septembre", "2031-09-01")],
        );
        check(
            "Le texte a été adopté le 15 septembre dernier.",
            Language::Fr,
            A,
            &[("15 septembre dernier", "2030-09-15")],
        );
        check(
            "Le front a tenu le 15 novembre.",
            Language::Fr,
            A,
            &[("15 novembre", "2029-11-15")],
        );
    }

    #[test]
    fn ordinals_elsewhere_are_not_days() {
        check("Le 1er ministre a parlé.", Language::Fr, A, &[]);
        check("Il a marqué 20 points en 2 minutes.", Language::Fr, A, &[]);
        check(
            "Il vit en France depuis 2019.",
            Language::Fr,
            A,
            &[("2019", "2019")],
        );
    }
}

mod spanish {
    use super::*;
    const A: &str = "2030-10-14"; // a Monday

    #[test]
    fn day_de_month() {
        check(
            "El acuerdo se firmó el 15 de septiembre.",
            Language::Es,
            A,
            &[("15 de septiembre", "2030-09-15")],
        );
        check(
            "Se firmó el 15 de septiembre de 2029.",
            Language::Es,
            A,
            &[("15 de septiembre de 2029", "2029-09-15")],
        );
        check(
            "Ocurrió en marzo de 2027.",
            Language::Es,
            A,
            &[("marzo de 2027", "2027-03")],
        );
        check(
            "Se firmó el pasado 20 de octubre.",
            Language::Es,
            A,
            &[("pasado 20 de octubre", "2029-10-20")],
        );
    }

    #[test]
    fn manana_tomorrow_or_morning() {
        check(
            "Mañana habrá elecciones.",
            Language::Es,
            A,
            &[("Mañana", "2030-10-15")],
        );
        check(
            "Volverá mañana.",
            Language::Es,
            A,
            &[("mañana", "2030-10-15")],
        );
        check("Llegó por la mañana.", Language::Es, A, &[]);
        check(
            "Habló esta mañana.",
            Language::Es,
            A,
            &[("esta mañana", "2030-10-14")],
        );
        check(
            "Llegará mañana por la mañana.",
            Language::Es,
            A,
            &[("mañana por la mañana", "2030-10-15")],
        );
        check(
            "Ayer y hoy.",
            Language::Es,
            A,
            &[("Ayer", "2030-10-13"), ("hoy", "2030-10-14")],
        );
    }

    #[test]
    fn relative_units() {
        check(
            "La cumbre fracasó la semana pasada.",
            Language::Es,
            A,
            &[("semana pasada", "2030-10")],
        );
        check(
            "El año pasado ganó.",
            Language::Es,
            A,
            &[("año pasado", "2029")],
        );
        check(
            "La próxima semana.",
            Language::Es,
            A,
            &[("próxima semana", "2030-10")],
        );
    }

    #[test]
    fn weekdays() {
        check(
            "Lo dijo el martes.",
            Language::Es,
            A,
            &[("martes", "2030-10-08")],
        );
        check(
            "Lo dijo el domingo por la noche.",
            Language::Es,
            A,
            &[("domingo por la noche", "2030-10-13")],
        );
        check("Plácido Domingo cantó.", Language::Es, A, &[]);
        check("Abre los martes.", Language::Es, A, &[]);
    }

    #[test]
    fn future_verb_forms() {
        check(
            "El presidente viajará a Roma el 3 de marzo.",
            Language::Es,
            A,
            &[("3 de marzo", "2031-03-03")],
        );
        check(
            "Será a partir de diciembre.",
            Language::Es,
            A,
            &[("diciembre", "2030-12")],
        );
        check(
            "Era el 3 de marzo.",
            Language::Es,
            A,
            &[("3 de marzo", "2030-03-03")],
        );
    }

    #[test]
    fn years_and_counts() {
        check(
            "Vive aquí desde 2019.",
            Language::Es,
            A,
            &[("2019", "2019")],
        );
        check("Llegaron más de 2000 personas.", Language::Es, A, &[]);
    }
}

mod german {
    use super::*;
    const A: &str = "2031-03-01"; // a Saturday

    #[test]
    fn ordinal_day_month() {
        let text = "Am 3. Februar kam er. Dann ging er.";
        assert_eq!(TextDoc::new(text, Language::De).sentences.len(), 2);
        check(text, Language::De, A, &[("3. Februar", "2031-02-03")]);
        check(
            "Am 3. Februar 2030.",
            Language::De,
            A,
            &[("3. Februar 2030", "2030-02-03")],
        );
        check(
            "Am 14.10.2030 kam er.",
            Language::De,
            A,
            &[("14.10.2030", "2030-10-14")],
        );
    }

    #[test]
    fn morgen_tomorrow_or_morning() {
        check(
            "Gestern, heute und morgen.",
            Language::De,
            A,
            &[
                ("Gestern", "2031-02-28"),
                ("heute", "2031-03-01"),
                ("morgen", "2031-03-02"),
            ],
        );
        check("Er kam am Morgen.", Language::De, A, &[]);
        check(
            "Er kam heute Morgen.",
            Language::De,
            A,
            &[("heute Morgen", "2031-03-01")],
        );
        check(
            "Morgen beginnt der Gipfel.",
            Language::De,
            A,
            &[("Morgen", "2031-03-02")],
        );
    }

    #[test]
    fn relative_units() {
        check(
            "Er kam letzte Woche.",
            Language::De,
            A,
            &[("letzte Woche", "2031-02")],
        );
        check(
            "Im vergangenen Jahr.",
            Language::De,
            A,
            &[("vergangenen Jahr", "2030")],
        );
        check(
            "Nächsten Monat.",
            Language::De,
            A,
            &[("Nächsten Monat", "2031-04")],
        );
    }

    #[test]
    fn weekdays() {
        check(
            "Es geschah am Sonntagabend.",
            Language::De,
            A,
            &[("Sonntagabend", "2031-02-23")],
        );
        check(
            "Es geschah am Dienstag.",
            Language::De,
            A,
            &[("Dienstag", "2031-02-25")],
        );
        check(
            "Es geschah am Dienstag, den 4. Februar.",
            Language::De,
            A,
            &[("Dienstag, den 4. Februar", "2031-02-04")],
        );
    }

    #[test]
    fn future_and_ab() {
        check(
            "Die Wahl wird im September stattfinden.",
            Language::De,
            A,
            &[("September", "2031-09")],
        );
        check(
            "Der Vertrag gilt ab dem 1. Januar.",
            Language::De,
            A,
            &[("1. Januar", "2032-01-01")],
        );
        check(
            "Er lehnte am 1. Januar den Vorschlag ab.",
            Language::De,
            A,
            &[("1. Januar", "2031-01-01")],
        );
    }

    #[test]
    fn months_need_a_lead() {
        check(
            "Im August war es heiß.",
            Language::De,
            A,
            &[("August", "2030-08")],
        );
        check("August Diehl spielte.", Language::De, A, &[]);
        check(
            "Seit 2020 wächst sie.",
            Language::De,
            A,
            &[("2020", "2020")],
        );
    }
}

mod italian {
    use super::*;
    const A: &str = "2030-10-16"; // a Wednesday

    #[test]
    fn absolute_and_partial() {
        check(
            "La legge entra in vigore il 1° gennaio 2027.",
            Language::It,
            A,
            &[("1° gennaio 2027", "2027-01-01")],
        );
        check(
            "Il 1 gennaio è festa.",
            Language::It,
            A,
            &[("1 gennaio", "2030-01-01")],
        );
        check("Nel 2027 cambia.", Language::It, A, &[("2027", "2027")]);
    }

    #[test]
    fn weekday_with_part_of_day() {
        check(
            "L'incontro si è svolto lunedì sera.",
            Language::It,
            A,
            &[("lunedì sera", "2030-10-14")],
        );
        check("La cantante Domenica Rossi.", Language::It, A, &[]);
    }

    #[test]
    fn relative_days_and_units() {
        check(
            "Ieri, oggi e domani.",
            Language::It,
            A,
            &[
                ("Ieri", "2030-10-15"),
                ("oggi", "2030-10-16"),
                ("domani", "2030-10-17"),
            ],
        );
        check("Al giorno d'oggi.", Language::It, A, &[]);
        check(
            "Il vertice è fallito la settimana scorsa.",
            Language::It,
            A,
            &[("settimana scorsa", "2030-10")],
        );
        check(
            "L'anno prossimo.",
            Language::It,
            A,
            &[("anno prossimo", "2031")],
        );
    }

    #[test]
    fn future_verb_forms() {
        check(
            "Il vertice si terrà il 5 novembre.",
            Language::It,
            A,
            &[("5 novembre", "2030-11-05")],
        );
        check(
            "Il vertice si è tenuto il 5 novembre.",
            Language::It,
            A,
            &[("5 novembre", "2029-11-05")],
        );
        check(
            "Però il 5 novembre è passato.",
            Language::It,
            A,
            &[("5 novembre", "2029-11-05")],
        );
    }
}

#[test]
fn unknown_language_keeps_numeric_dates() {
    check(
        "Op 2030-10-14 en gisteren.",
        Language::Other("nl".into()),
        "2030-10-16",
        &[("2030-10-14", "2030-10-14")],
    );
}
