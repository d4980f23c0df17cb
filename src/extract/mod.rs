//! Extraction: from normalized text to mentions of entities and figures.
//!
//! The stages run in this order, each reading what the one before left:
//! dictionary and rule-based entities ([`entities`]), time expressions ([`time`]),
//! figures ([`metric`], which skips numbers inside names and dates), then
//! attribution ([`attribute`]: what a figure measures, whose it is, and when).

pub mod attribute;
pub mod charset;
pub mod entities;
pub mod metric;
pub mod number;
pub mod time;
#[cfg(test)]
mod time_pattern;
pub mod units;

use crate::dict::{EntityType, Lexicon, Name};
use crate::text::normalize::Text;

use self::attribute::MetricKeys;
use self::units::UnitTable;

/// What a qualifier word says about a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualifier {
    Approx,
    Over,
    Under,
    Max,
    Min,
}

impl Qualifier {
    /// The qualifier's code in rows.
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Approx => "approx",
            Qualifier::Over => "over",
            Qualifier::Under => "under",
            Qualifier::Max => "max",
            Qualifier::Min => "min",
        }
    }
}

/// An entity found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityMention {
    pub start: usize,
    pub end: usize,
    pub etype: EntityType,
    pub canonical: Name,
    pub code: Name,
    pub parent: Name,
}

/// A figure found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub unit: String,
    pub class: String,
    pub qualifier: Option<Qualifier>,
    /// Where the words that name the quantity are looked for: the figure's number
    /// start (a range's second figure shares its first one's).
    pub anchor: usize,
    pub metric: String,
    pub metric_key: String,
    pub subject: Name,
    pub period: String,
}

/// A number that belongs to no figure (`--numbers`).
#[derive(Debug, Clone, PartialEq)]
pub struct BareNumber {
    pub start: usize,
    pub end: usize,
    pub value: f64,
}

/// Everything found in one document, each list in text order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mentions {
    pub entities: Vec<EntityMention>,
    pub figures: Vec<Figure>,
    pub numbers: Vec<BareNumber>,
}

/// The ready extractor: dictionaries and tables, built once and shared.
#[derive(Debug, Clone)]
pub struct Extractor {
    lexicon: Lexicon,
    units: UnitTable,
    keys: MetricKeys,
}

impl Extractor {
    /// An extractor over a lexicon, with the built-in unit and metric tables.
    pub fn new(lexicon: Lexicon) -> Extractor {
        Extractor {
            lexicon,
            units: UnitTable::builtin(),
            keys: MetricKeys::builtin(),
        }
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The unit table in use.
    pub fn units(&self) -> &UnitTable {
        &self.units
    }

    /// Find every entity and figure of a document.
    pub fn extract(&self, text: &Text, numbers: bool) -> Mentions {
        let s = text.as_str();
        // One pass over the text finds the dictionary's forms, and where a time
        // expression, an abbreviated name or a person cue may start.
        let [abbreviations, cues] = entities::rule_filters();
        let (matches, [time_starts, abbreviations, cues]) = self
            .lexicon
            .find_marking(s, [time::starts(), abbreviations, cues]);
        let rule_starts = entities::RuleStarts {
            abbreviations,
            cues,
        };
        let entities = entities::find_entities_from(&self.lexicon, s, matches, &rule_starts);
        let times = time::find_times_from(s, &time_starts);
        let (mut figures, bare) =
            metric::find_figures(s, &self.units, &self.keys, &entities, &times, numbers);
        attribute::attribute(s, &self.keys, &entities, &times, &mut figures);
        Mentions {
            entities,
            figures,
            numbers: bare,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pipeline's one pass (the lexicon marking where the times and the rules must
    /// look) finds the entities and times that each stage finds reading the text on its
    /// own, on every file of the fixtures.
    #[test]
    fn one_pass_finds_what_each_stage_finds_alone() {
        let ex = Extractor::new(Lexicon::builtin());
        let mut dirs = vec![std::path::PathBuf::from("fixtures")];
        let (mut files, mut found) = (0, 0);
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                let Ok(raw) = std::fs::read_to_string(&path) else {
                    continue;
                };
                let text = crate::text::normalize::normalize(&raw);
                let s = text.as_str();
                let got = ex.extract(&text, false);
                assert_eq!(
                    got.entities,
                    entities::find_entities(ex.lexicon(), s),
                    "{path:?}"
                );
                let times = time::find_times(s);
                let (matches, [marked]) = ex.lexicon().find_marking(s, [time::starts()]);
                assert_eq!(matches, ex.lexicon().find(s));
                assert_eq!(time::find_times_from(s, &marked), times);
                files += 1;
                found += got.entities.len() + times.len();
            }
        }
        assert!(files >= 5 && found > 200, "{files} files, {found} found");
    }
}
