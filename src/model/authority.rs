//! Local authorities: canonical names and ONS codes from the reference table.
//!
//! The tables themselves are data, in [`tables`]: made from the CSV files
//! of `data/` (the reference table of the 156 English local authorities
//! with children's services, and the councils abolished since 2013) by the
//! test in `authority/generate.rs`, which fails where they differ, so that
//! no process parses a CSV file to name an authority.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::Date;

#[cfg(test)]
mod generate;
mod tables;

/// A local authority, by its canonical name ("Kingston upon Thames": no
/// "Royal Borough of", no "Council") and, where the reference table knows it,
/// its ONS code.
///
/// ```
/// use inspection_kb::Authority;
/// let kingston = Authority::from_printed_name("Royal Borough of Kingston upon Thames Council");
/// assert_eq!(kingston.name, "Kingston upon Thames");
/// assert_eq!(kingston.code.as_deref(), Some("E09000021"));
/// assert_eq!(kingston.slug(), "kingston-upon-thames");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Authority {
    /// Canonical name.
    pub name: String,
    /// ONS code (`E09000021`), or `None` for an authority the reference table lacks.
    pub code: Option<String>,
}

/// An authority of the reference table.
struct Entry {
    /// Its name as users know it: the ONS upper-tier name, not inverted
    /// ("Bristol", not "Bristol, City of").
    name: &'static str,
    /// Its ONS code.
    code: &'static str,
    /// Every name the authority goes by, reduced by [`match_key`].
    keys: &'static [&'static str],
    /// The region it is in, as the reference table names it ("London").
    region: &'static str,
    /// Its Department for Education number (`la_code`: 314), which does not
    /// change when ONS codes do.
    number: &'static str,
    /// The numbers of its statistical neighbours, nearest first.
    neighbours: &'static [&'static str],
}

/// A council abolished in a reorganisation.
struct Former {
    name: &'static str,
    /// Its ONS code.
    code: &'static str,
    /// Its name, reduced by [`match_key`].
    key: &'static str,
    /// The first day of its successors.
    abolished: Date,
    /// The first of its successors' codes: the same place.
    successor: &'static str,
}

impl Former {
    fn authority(&self) -> Authority {
        Authority {
            name: self.name.to_string(),
            code: Some(self.code.to_string()),
        }
    }
}

/// A day of the tables; one that does not exist fails the build.
const fn on(year: u16, month: u8, day: u8) -> Date {
    match Date::new(year, month, day) {
        Some(date) => date,
        None => panic!("a day of the authority tables does not exist"),
    }
}

fn formers() -> &'static [Former] {
    tables::FORMERS
}

/// Words that frame an authority's name in reports and in the reference table
/// but are not part of it, longest first so that "Metropolitan Borough
/// Council" goes before "Council".
const PREFIXES: &[&str] = &[
    "royal borough of ",
    "london borough of ",
    "metropolitan borough of ",
    "city and county of ",
    "council of the ",
    "corporation of ",
    "city of ",
    "county of ",
    "borough of ",
    "the ",
];
const SUFFIXES: &[&str] = &[
    " metropolitan borough council",
    " metropolitan district council",
    " city council",
    " county council",
    " borough council",
    " district council",
    " council",
    // "Leeds City", "Derby City", "Cheshire East Unitary Authority",
    // "Wakefield District Metropolitan", "Medway Children's Services".
    " city",
    " unitary authority",
    " metropolitan",
    " district",
    " children s services",
    " city of",
    " county of",
    " local authority",
    // "London Corporation", "City of London Corporation".
    " corporation",
];

/// Where the name of a trust that runs a council's children's services
/// begins, after the council's name: "Doncaster Children's Services Trust",
/// "Birmingham Children's Trust", "Bradford Children and Families Trust".
/// `lower` is a name in lower case (normalised or not).
fn trust_name_start(lower: &str) -> Option<usize> {
    if !lower.ends_with(" trust") {
        return None;
    }
    lower.find(" children")
}

/// Reduces a name to what tells authorities apart: its normal form
/// ([`text::normalise`](crate::text::normalise)), framing words ("Royal
/// Borough of", "Council") removed.
fn match_key(name: &str) -> String {
    let mut key = crate::text::normalise(name);
    loop {
        let before = key.len();
        if let Some(prefix) = PREFIXES.iter().find(|p| key.starts_with(*p)) {
            key.drain(..prefix.len());
        }
        if let Some(suffix) = SUFFIXES.iter().find(|s| key.ends_with(*s)) {
            key.truncate(key.len() - suffix.len());
        }
        if let Some(trust) = trust_name_start(&key) {
            key.truncate(trust);
        }
        if key.len() == before {
            return key;
        }
    }
}

fn reference() -> &'static [Entry] {
    tables::AUTHORITIES
}

impl Authority {
    /// The authority a report names, however it prints the name: "Royal
    /// Borough of Kingston upon Thames Council", "Metropolitan Borough of
    /// Rotherham", "City of Bradford Metropolitan Borough Council". A name the
    /// reference table does not know keeps its printed form, framing words
    /// removed, and has no code.
    pub fn from_printed_name(printed: &str) -> Authority {
        let key = match_key(printed);
        let exact = reference()
            .iter()
            .find(|entry| entry.keys.contains(&key.as_str()));
        match exact.or_else(|| only_extension_of(&key)) {
            Some(entry) => entry.authority(),
            None => Authority {
                name: strip_framing(printed),
                code: None,
            },
        }
    }

    /// The authority a report names, as [`from_printed_name`](Self::from_printed_name),
    /// for an inspection that ended on `inspected`: a council since
    /// abolished in a reorganisation is the council inspected then, not
    /// its successor of the same name.
    ///
    /// ```
    /// use inspection_kb::{Authority, Date};
    /// let in_2015 = Authority::from_printed_name_on("Somerset County Council", Date::new(2015, 2, 11).unwrap());
    /// assert_eq!(in_2015.code.as_deref(), Some("E10000027"));
    /// let in_2024 = Authority::from_printed_name_on("Somerset Council", Date::new(2024, 3, 1).unwrap());
    /// assert_eq!(in_2024.code.as_deref(), Some("E06000066"));
    /// assert_eq!(in_2015.slug(), in_2024.slug());
    /// ```
    pub fn from_printed_name_on(printed: &str, inspected: Date) -> Authority {
        let key = match_key(printed);
        formers()
            .iter()
            .find(|former| former.key == key && inspected < former.abolished)
            .map_or_else(|| Authority::from_printed_name(printed), Former::authority)
    }

    /// Every council a name may mean over time: the one it names today and
    /// any council of that name since abolished, each once by slug. A
    /// question about Bournemouth asks about Bournemouth Borough Council's
    /// inspections (to 2019) and those of Bournemouth, Christchurch and
    /// Poole, whose name the reference table also knows it by; Somerset
    /// County Council and Somerset Council are one `somerset`.
    ///
    /// ```
    /// use inspection_kb::Authority;
    /// let slugs: Vec<String> = Authority::named_over_time("Bournemouth").iter().map(Authority::slug).collect();
    /// assert_eq!(slugs, ["bournemouth-christchurch-and-poole", "bournemouth"]);
    /// assert_eq!(Authority::named_over_time("Somerset").len(), 1);
    /// assert_eq!(Authority::named_over_time("Slough").len(), 1);
    /// ```
    pub fn named_over_time(printed: &str) -> Vec<Authority> {
        let key = match_key(printed);
        let mut named = vec![Authority::from_printed_name(printed)];
        for former in formers().iter().filter(|former| former.key == key) {
            let former = former.authority();
            if named.iter().all(|a| a.slug() != former.slug()) {
                named.push(former);
            }
        }
        named
    }

    /// The region the authority is in, as the reference table names it
    /// ("London", "Yorkshire and the Humber"); a council since abolished is
    /// in its successors' region.
    ///
    /// ```
    /// use inspection_kb::Authority;
    /// assert_eq!(Authority::from_printed_name("Slough").region(), Some("South East"));
    /// ```
    pub fn region(&self) -> Option<&'static str> {
        let code = self.code.as_deref()?;
        let code = formers()
            .iter()
            .find(|former| former.code == code)
            .map_or(code, |former| former.successor);
        entry_of(code).map(|entry| entry.region)
    }

    /// The authority's statistical neighbours, as the reference table lists
    /// them (nearest first, by their Department for Education numbers, which
    /// outlast ONS code changes); `None` for an authority the table does not
    /// know.
    ///
    /// ```
    /// use inspection_kb::Authority;
    /// let kingston = Authority::from_printed_name("Kingston upon Thames");
    /// let neighbours = kingston.neighbours().unwrap();
    /// assert_eq!(neighbours.len(), 10);
    /// assert!(neighbours.iter().all(|n| n.code.is_some() && n != &kingston));
    /// ```
    pub fn neighbours(&self) -> Option<Vec<Authority>> {
        let entry = entry_of(self.code.as_deref()?)?;
        Some(
            entry
                .neighbours
                .iter()
                .filter_map(|number| reference().iter().find(|e| e.number == *number))
                .map(Entry::authority)
                .collect(),
        )
    }

    /// The kind of council, read from its ONS code: `county`,
    /// `unitary authority`, `metropolitan district` or `london borough`.
    ///
    /// ```
    /// use inspection_kb::Authority;
    /// assert_eq!(Authority::from_printed_name("Kent").authority_type(), Some("county"));
    /// ```
    pub fn authority_type(&self) -> Option<&'static str> {
        // The ONS code's prefix is its entity type (E06 unitary authorities,
        // E08 metropolitan districts, E09 London boroughs, E10 counties).
        match self.code.as_deref()?.get(..3)? {
            "E06" => Some("unitary authority"),
            "E08" => Some("metropolitan district"),
            "E09" => Some("london borough"),
            "E10" => Some("county"),
            _ => None,
        }
    }

    /// The regions of the reference table, each once, in alphabetical order.
    pub fn regions() -> Vec<&'static str> {
        distinct(reference().iter().map(|entry| entry.region))
    }

    /// The kinds of council the reference table holds (see
    /// [`authority_type`](Self::authority_type)), each once, in alphabetical order.
    pub fn authority_types() -> Vec<&'static str> {
        let types = reference().iter().filter_map(|entry| {
            Authority {
                name: String::new(),
                code: Some(entry.code.to_string()),
            }
            .authority_type()
        });
        distinct(types)
    }

    /// Every authority in the reference table.
    pub fn known() -> impl Iterator<Item = Authority> {
        reference().iter().map(Entry::authority)
    }

    /// The name as it stands in a key: lower case, words joined by hyphens.
    pub fn slug(&self) -> String {
        slug(&self.name)
    }
}

impl Entry {
    fn authority(&self) -> Authority {
        Authority {
            name: self.name.to_string(),
            code: Some(self.code.to_string()),
        }
    }
}

/// The reference table's entry with ONS code `code`.
fn entry_of(code: &str) -> Option<&'static Entry> {
    static BY_CODE: OnceLock<HashMap<&'static str, usize>> = OnceLock::new();
    let by_code = BY_CODE.get_or_init(|| {
        (0..)
            .zip(reference())
            .map(|(at, entry)| (entry.code, at))
            .collect()
    });
    by_code.get(code).and_then(|&at| reference().get(at))
}

/// The one authority whose name begins with the words of `key`: reports
/// shorten some names ("Newcastle" for Newcastle upon Tyne, "East Riding"
/// for the East Riding of Yorkshire). Two or more candidates are none.
fn only_extension_of(key: &str) -> Option<&'static Entry> {
    if key.is_empty() {
        return None;
    }
    let extends = |entry: &&Entry| {
        entry.keys.iter().any(|name| {
            name.strip_prefix(key)
                .is_some_and(|rest| rest.starts_with(' '))
        })
    };
    let mut candidates = reference().iter().filter(extends);
    let first = candidates.next()?;
    candidates.next().is_none().then_some(first)
}

/// Each value once, in alphabetical order.
fn distinct(values: impl Iterator<Item = &'static str>) -> Vec<&'static str> {
    let mut distinct: Vec<&'static str> = values.collect();
    distinct.sort_unstable();
    distinct.dedup();
    distinct
}

/// Lower case, runs of anything but letters and digits as one hyphen.
pub(crate) fn slug(text: &str) -> String {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.join("-")
}

/// The printed name with framing words removed but its capitals kept.
fn strip_framing(printed: &str) -> String {
    let words: Vec<&str> = printed.split_whitespace().collect();
    let mut name = words.join(" ");
    loop {
        let lower = name.to_lowercase();
        let before = name.len();
        if let Some(prefix) = PREFIXES.iter().find(|p| lower.starts_with(*p)) {
            name.drain(..prefix.len());
        }
        let lower = name.to_lowercase();
        if let Some(suffix) = SUFFIXES.iter().find(|s| lower.ends_with(*s)) {
            name.truncate(name.len() - suffix.len());
        }
        let lower = name.to_lowercase();
        if let Some(trust) = trust_name_start(&lower)
            .filter(|&at| lower.len() == name.len() && name.is_char_boundary(at))
        {
            name.truncate(trust);
        }
        if name.len() == before {
            return name;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_table_holds_all_156_authorities() {
        assert_eq!(reference().len(), 156);
        assert!(
            reference()
                .iter()
                .all(|e| e.code.starts_with('E') && !e.keys.is_empty())
        );
    }

    #[test]
    fn printed_names_map_to_canonical_names_and_codes() {
        let cases = [
            ("Leeds City", "Leeds", "E08000035"),
            ("Derby City", "Derby", "E06000015"),
            (
                "Council of the Isles of Scilly",
                "Isles of Scilly",
                "E06000053",
            ),
            ("Newcastle", "Newcastle upon Tyne", "E08000021"),
            ("East Riding", "East Riding of Yorkshire", "E06000011"),
            (
                "Cheshire East Unitary Authority",
                "Cheshire East",
                "E06000049",
            ),
            ("Medway Children's Services", "Medway", "E06000035"),
            ("Wakefield District Metropolitan", "Wakefield", "E08000036"),
            (
                "Royal Borough of Kingston upon Thames Council",
                "Kingston upon Thames",
                "E09000021",
            ),
            (
                "Royal Borough of Kingston upon Thames",
                "Kingston upon Thames",
                "E09000021",
            ),
            (
                "Metropolitan Borough of Rotherham",
                "Rotherham",
                "E08000018",
            ),
            (
                "City of Bradford Metropolitan Borough Council",
                "Bradford",
                "E08000032",
            ),
            ("Leeds City Council", "Leeds", "E08000035"),
            ("Slough", "Slough", "E06000039"),
            (
                "North Northamptonshire",
                "North Northamptonshire",
                "E06000061",
            ),
            ("Bristol City Council", "Bristol", "E06000023"),
            ("London Corporation", "City of London", "E09000001"),
            ("City of London Corporation", "City of London", "E09000001"),
            ("Corporation of London", "City of London", "E09000001"),
            (
                "Doncaster Children's Services Trust",
                "Doncaster",
                "E08000017",
            ),
            ("Birmingham Children's Trust", "Birmingham", "E08000025"),
            (
                "Bradford Children and Families Trust",
                "Bradford",
                "E08000032",
            ),
            ("Hull City Council", "Kingston upon Hull", "E06000010"),
            (
                "Bournemouth, Christchurch & Poole Council",
                "Bournemouth, Christchurch and Poole",
                "E06000058",
            ),
        ];
        for (printed, name, code) in cases {
            let authority = Authority::from_printed_name(printed);
            assert_eq!(authority.name, name, "{printed}");
            assert_eq!(authority.code.as_deref(), Some(code), "{printed}");
        }
    }

    #[test]
    fn a_council_since_abolished_is_the_one_inspected_then() {
        let on = |y, m, d| Date::new(y, m, d).unwrap();
        let cases = [
            (
                "Somerset County Council",
                on(2015, 2, 11),
                "Somerset",
                "E10000027",
            ),
            ("Somerset Council", on(2023, 4, 1), "Somerset", "E06000066"),
            (
                "Bournemouth Borough Council",
                on(2018, 6, 1),
                "Bournemouth",
                "E06000028",
            ),
            (
                "Bournemouth, Christchurch and Poole Council",
                on(2024, 12, 13),
                "Bournemouth, Christchurch and Poole",
                "E06000058",
            ),
            ("Borough of Poole", on(2018, 3, 1), "Poole", "E06000029"),
            (
                "Northamptonshire County Council",
                on(2019, 11, 1),
                "Northamptonshire",
                "E10000021",
            ),
            (
                "North Northamptonshire",
                on(2022, 10, 14),
                "North Northamptonshire",
                "E06000061",
            ),
            (
                "Buckinghamshire County Council",
                on(2018, 5, 1),
                "Buckinghamshire",
                "E10000002",
            ),
            (
                "Buckinghamshire Council",
                on(2025, 2, 7),
                "Buckinghamshire",
                "E06000060",
            ),
            (
                "North Yorkshire County Council",
                on(2019, 1, 1),
                "North Yorkshire",
                "E10000023",
            ),
            (
                "Cumbria County Council",
                on(2022, 6, 1),
                "Cumbria",
                "E10000006",
            ),
            (
                "Dorset County Council",
                on(2016, 1, 1),
                "Dorset",
                "E10000009",
            ),
            ("Dorset Council", on(2019, 4, 1), "Dorset", "E06000059"),
        ];
        for (printed, inspected, name, code) in cases {
            let authority = Authority::from_printed_name_on(printed, inspected);
            assert_eq!(authority.name, name, "{printed} on {inspected}");
            assert_eq!(
                authority.code.as_deref(),
                Some(code),
                "{printed} on {inspected}"
            );
        }
        assert_eq!(
            formers().len(),
            8,
            "every row of the reorganisations table reads"
        );
    }

    #[test]
    fn unknown_names_keep_their_printed_form_without_a_code() {
        let authority = Authority::from_printed_name("Royal Borough of Atlantis Council");
        assert_eq!(
            authority,
            Authority {
                name: "Atlantis".into(),
                code: None
            }
        );
    }

    #[test]
    fn slugs_are_lower_case_and_hyphenated() {
        assert_eq!(slug("Kingston upon Thames"), "kingston-upon-thames");
        assert_eq!(
            slug("Bournemouth, Christchurch and Poole"),
            "bournemouth-christchurch-and-poole"
        );
        assert_eq!(slug("St. Helens"), "st-helens");
    }
}
