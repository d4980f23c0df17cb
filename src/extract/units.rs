//! Units of measure: the table of `dictionaries/units.tsv` and its lookup.
//!
//! A figure's unit is read right after its number (or after a magnitude that stands
//! apart from it, as in `12 万亿韩元`); the longest surface wins, so 千瓦时 is energy and
//! not 千瓦 of power followed by 时, and 个百分点 is `pp` and not a count of 个.

use super::charset::CharSet;
use crate::dict::FastMap;

/// One unit surface.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// The SPEC unit code (`CNY`, `kWh`, `家`).
    pub code: String,
    /// The SPEC unit class (`money`, `energy`, `count`).
    pub class: String,
    /// Factor from the surface to the code's base (千瓦 → 1000 W).
    pub factor: f64,
}

/// The units table.
#[derive(Clone, Default)]
pub struct UnitTable {
    /// Each surface's unit (a later line of the table overrides an earlier one).
    by_surface: FastMap<String, Unit>,
    /// The surfaces by their first character, longest first: the lookup after a number
    /// tries the dozen that can start there instead of hashing every prefix.
    by_first: FastMap<char, Vec<(String, Unit)>>,
    /// The first characters of the surfaces: after most numbers no unit starts.
    firsts: CharSet,
}

impl std::fmt::Debug for UnitTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UnitTable")
            .field("surfaces", &self.by_surface.len())
            .finish()
    }
}

/// The shipped table.
pub const BUILTIN_UNITS: &str = include_str!("../../dictionaries/units.tsv");

impl UnitTable {
    /// Parse a units TSV (surface, unit, class, factor).
    pub fn parse(text: &str) -> Result<UnitTable, String> {
        let mut t = UnitTable::default();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 4 {
                return Err(format!("units.tsv:{}: expected 4 columns", i + 1));
            }
            let factor: f64 = cols[3]
                .trim()
                .parse()
                .map_err(|_| format!("units.tsv:{}: bad factor", i + 1))?;
            t.firsts.insert_firsts([cols[0]]);
            t.by_surface.insert(
                cols[0].to_string(),
                Unit {
                    code: cols[1].to_string(),
                    class: cols[2].to_string(),
                    factor,
                },
            );
        }
        for (surface, unit) in &t.by_surface {
            if let Some(first) = surface.chars().next() {
                let bucket = t.by_first.entry(first).or_default();
                bucket.push((surface.clone(), unit.clone()));
            }
        }
        for bucket in t.by_first.values_mut() {
            // Surfaces that are prefixes of one text differ in length: longest first is
            // an order whatever order the map gave them in.
            bucket.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        }
        Ok(t)
    }

    /// The built-in table.
    pub fn builtin() -> UnitTable {
        UnitTable::parse(BUILTIN_UNITS).expect("built-in units table")
    }

    /// The longest unit at the start of `s`, with its length in bytes.
    pub fn longest_at<'a>(&'a self, s: &str) -> Option<(&'a Unit, usize)> {
        let first = s.chars().next()?;
        if !self.firsts.contains(first) {
            return None;
        }
        // From the longest surface that starts with this character down to the shortest.
        for (surface, u) in self.by_first.get(&first)? {
            if !s.starts_with(surface.as_str()) {
                continue;
            }
            let end = surface.len();
            let last = s.as_bytes()[end - 1];
            // An ASCII unit must end its word: 5G is not 5 grams, 3min is not 3 m.
            if last.is_ascii_alphabetic()
                && s.as_bytes()
                    .get(end)
                    .is_some_and(|b| b.is_ascii_alphanumeric())
            {
                continue;
            }
            return Some((u, end));
        }
        None
    }

    /// Every surface, for `--dump-terms`.
    pub fn surfaces(&self) -> impl Iterator<Item = &str> {
        self.by_surface.keys().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_surface_wins() {
        let t = UnitTable::builtin();
        const CASES: &[(&str, &str, f64, usize)] = &[
            ("千瓦时的电", "kWh", 1.0, 9),
            ("千瓦的", "W", 1000.0, 6),
            ("个百分点", "pp", 1.0, 12),
            ("个月", "s", 2592000.0, 6),
            ("个企业", "个", 1.0, 3),
            ("GWh,同比", "kWh", 1e6, 3),
            ("亩土地", "m2", 10000.0 / 15.0, 3),
            ("元人民币", "CNY", 1.0, 12),
            ("人次", "人次", 1.0, 6),
        ];
        for (s, code, factor, len) in CASES {
            let (u, l) = t.longest_at(s).unwrap_or_else(|| panic!("{s}"));
            assert_eq!((u.code.as_str(), l), (*code, *len), "{s}");
            assert!((u.factor - factor).abs() < 1e-9, "{s}");
        }
        assert!(t.longest_at("Gbit").is_none() || t.longest_at("Gbit").unwrap().0.code != "B");
        assert!(t.longest_at("min").is_none());
    }

    #[test]
    fn a_user_table_with_long_surfaces_and_no_match() {
        let long = "标准集装箱当量单位二十英尺换算箱计量单位";
        let t = UnitTable::parse(&format!("{long}\tTEU\tcount\t1\n箱\tTEU\tcount\t1\n")).unwrap();
        assert_eq!(
            t.longest_at(&format!("{long}的")).map(|(_, l)| l),
            Some(long.len())
        );
        assert_eq!(t.longest_at("箱子").map(|(_, l)| l), Some(3));
        assert!(t.longest_at("").is_none());
        assert!(t.longest_at("公斤").is_none());
        assert!(UnitTable::default().longest_at("箱").is_none());
    }
}
