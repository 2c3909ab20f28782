//! Small readers for the fixed wording of reports: dates, trailing grades,
//! footnote markers, sentence ends.

use std::borrow::Cow;

use crate::model::{Date, Grade};

/// The month a name means ("October", "oct", "Sept").
fn month(name: &str) -> Option<u8> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let name = name.trim_end_matches(['.', ',']).to_lowercase();
    if name.len() < 3 {
        return None;
    }
    let index = MONTHS
        .iter()
        .position(|m| m.starts_with(&name) || (name == "sept" && *m == "september"))?;
    u8::try_from(index + 1).ok()
}

fn day(word: &str) -> Option<u8> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == ',');
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn year(word: &str) -> Option<u16> {
    let word = word.trim_end_matches([',', '.']);
    if word.len() != 4 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse().ok()
}

/// A date as reports print it: "3 August 2015", or in figures, day first,
/// "12/09/2016", "1/06/2015".
pub(crate) fn date(text: &str) -> Option<Date> {
    match text.split_whitespace().collect::<Vec<_>>()[..] {
        [d, m, y] => Date::new(year(y)?, month(m)?, day(d)?),
        [figures] => date_in_figures(figures),
        _ => None,
    }
}

/// "12/09/2016", "1/06/2015": day, month and year in figures, as some
/// reports print their dates (the year in full: "1/06/15" is not read).
fn date_in_figures(text: &str) -> Option<Date> {
    let mut parts = text.trim_end_matches([',', '.']).split('/');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || !m.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Date::new(year(y)?, m.parse().ok()?, day(d)?)
}

/// An inspection period as reports print it, its first day completed from
/// its last: "22 May 2015 – 18 June 2015", "21 October to 25 October 2019",
/// "11 to 22 May 2026", "16 September – 8 October 2014".
pub(crate) fn date_range(text: &str) -> Option<(Date, Date)> {
    // Dashes of every kind join the days: en and em dashes, hyphens, and
    // the box-drawing line some reports print ("20 June 2017 ─ 13 July 2017").
    let spaced = text.replace(['\u{2013}', '\u{2014}', '\u{2500}', '-'], " to ");
    let words: Vec<&str> = spaced.split_whitespace().collect();
    let split = words.iter().position(|w| w.eq_ignore_ascii_case("to"))?;
    let (left, right) = (&words[..split], &words[split + 1..]);
    let to = date(&right.join(" "))?;
    if let [figures] = left
        && let Some(from) = date_in_figures(figures)
    {
        return (from <= to).then_some((from, to));
    }
    let (from_day, from_month, from_year) = match *left {
        [d] => (day(d)?, to.month(), None),
        [d, m] => (day(d)?, month(m)?, None),
        [d, m, y] => (day(d)?, month(m)?, Some(year(y)?)),
        _ => return None,
    };
    // A period that runs over New Year prints only the later year.
    let from_year = match from_year {
        Some(year) => year,
        None if from_month > to.month() => to.year().checked_sub(1)?,
        None => to.year(),
    };
    let from = Date::new(from_year, from_month, from_day)?;
    (from <= to).then_some((from, to))
}

/// When an inspection was on site.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Period {
    /// The first day of the first part.
    pub from: Date,
    /// The last day of the last part.
    pub to: Date,
    /// The days of all parts, each part's first and last day counted.
    pub days: i64,
}

impl Period {
    /// An inspection of a single day ("Inspection date: 28 July 2016").
    pub(crate) fn one_day(date: Date) -> Period {
        Period {
            from: date,
            to: date,
            days: 1,
        }
    }
}

/// An inspection period that may be printed in parts, when an inspection
/// was paused and resumed: "30 September to 11 October 2024 and 13 to 16
/// January 2025" runs from its first part's first day to its last part's
/// last day, and is 16 days on site.
pub(crate) fn inspection_period(text: &str) -> Option<Period> {
    let mut parts = text.split(" and ").map(date_range);
    let (from, mut to) = parts.next()??;
    let mut days = from.days_to(to) + 1;
    for part in parts {
        let (part_from, part_to) = part?;
        if part_from < to {
            return None;
        }
        days += part_from.days_to(part_to) + 1;
        to = part_to;
    }
    Some(Period { from, to, days })
}

/// Splits a grade off the end of a label: "Adoption performance Good" ->
/// ("Adoption performance", Good), "protection: requires improvement to be
/// good" -> ("protection:", RequiresImprovement). The grade must be the last
/// words, with no full stop after it.
pub(crate) fn split_trailing_grade(text: &str) -> Option<(&str, Grade)> {
    let text = text.trim_end();
    // Every wording of a grade ends in one of these words.
    let last = text.rsplit(char::is_whitespace).next().unwrap_or(text);
    let ends_a_grade = ["inadequate", "good", "outstanding", "improvement"]
        .iter()
        .any(|word| last.eq_ignore_ascii_case(word));
    if !ends_a_grade {
        return None;
    }
    let starts: Vec<usize> = word_starts(text);
    // Longest wording first, so that "requires improvement to be good" is not read as "good".
    for count in [5, 2, 1] {
        let Some(&start) = starts.len().checked_sub(count).and_then(|i| starts.get(i)) else {
            continue;
        };
        if let Some(grade) = Grade::parse(&text[start..]) {
            return Some((text[..start].trim_end(), grade));
        }
    }
    None
}

/// Byte offsets of the words of `text`.
pub(crate) fn word_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut previous_blank = true;
    for (i, c) in text.char_indices() {
        if !c.is_whitespace() && previous_blank {
            starts.push(i);
        }
        previous_blank = c.is_whitespace();
    }
    starts
}

/// Extractors pad words with runs of spaces; text keeps one.
pub(crate) fn collapse_spaces(text: &str) -> Cow<'_, str> {
    // One space between words, none around them, and no other white space
    // (beyond ASCII, which may be white space, the long way decides).
    let mut previous = b' ';
    let tidy = text.bytes().all(|b| {
        let fits = if b == b' ' {
            previous != b' '
        } else {
            b.is_ascii_graphic()
        };
        previous = b;
        fits
    }) && previous != b' ';
    if tidy {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Cow::Owned(out)
}

/// Text as a paragraph keeps it: footnote markers dropped, one space
/// between words.
pub(crate) fn tidy(text: &str) -> Cow<'_, str> {
    match strip_footnote_markers(text) {
        Cow::Borrowed(text) => collapse_spaces(text),
        Cow::Owned(text) => Cow::Owned(collapse_spaces(&text).into_owned()),
    }
}

/// Whether a superscript digit, the reflowed form of a footnote marker.
pub(crate) fn is_superscript_digit(c: char) -> bool {
    matches!(
        c,
        '\u{b9}' | '\u{b2}' | '\u{b3}' | '\u{2070}' | '\u{2074}'..='\u{2079}'
    )
}

/// Removes footnote markers: superscript digits anywhere, and one or two
/// digits glued to the end of a word ("board1", "protection.2", "area3",
/// "improve?1"). A glued marker is recognised only after a lower-case letter,
/// or after sentence punctuation that follows one, so "2013-14", "S47" and
/// "Key Stage 2" are left alone.
pub(crate) fn strip_footnote_markers(text: &str) -> Cow<'_, str> {
    if !may_have_markers(text) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().filter(|&c| !is_superscript_digit(c)).collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() && glued_marker_at(&chars, i) {
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            continue;
        }
        out.push(c);
        i += 1;
    }
    Cow::Owned(out)
}

/// Whether `text` may hold a footnote marker: a superscript digit, or an
/// ASCII digit where [`glued_marker_at`] may find one (after a lowercase
/// letter, or punctuation after one). A cheap test on bytes, that admits
/// more: most text has no digit glued to a word.
fn may_have_markers(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Any byte of a character beyond ASCII may belong to a lowercase letter.
    let lowercase = |at: Option<usize>| {
        at.and_then(|at| bytes.get(at))
            .is_some_and(|&b| b.is_ascii_lowercase() || !b.is_ascii())
    };
    bytes.iter().enumerate().any(|(i, &b)| {
        // Superscript digits are U+00B2, U+00B3, U+00B9 and U+2070 to U+2079.
        let superscript = (b == 0xC2 && matches!(bytes.get(i + 1), Some(0xB2 | 0xB3 | 0xB9)))
            || (b == 0xE2 && bytes.get(i + 1) == Some(&0x81));
        let before = i.checked_sub(1);
        let glued = b.is_ascii_digit()
            && (lowercase(before)
                || (before
                    .and_then(|j| bytes.get(j))
                    .is_some_and(|p| b".?!,;:)'".contains(p))
                    && lowercase(i.checked_sub(2))));
        superscript || glued
    })
}

fn glued_marker_at(chars: &[char], i: usize) -> bool {
    let digits = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    let ends_word = chars[i + digits..]
        .iter()
        .find(|c| !matches!(c, ',' | ';' | ':' | ')'))
        .is_none_or(|c| c.is_whitespace());
    let before = i.checked_sub(1).map(|j| chars[j]);
    let before_that = i.checked_sub(2).map(|j| chars[j]);
    let after_word = match before {
        Some(c) if c.is_lowercase() => true,
        Some('.' | '?' | '!' | ',' | ';' | ':' | ')' | '\'') => {
            before_that.is_some_and(char::is_lowercase)
        }
        _ => false,
    };
    digits <= 2 && ends_word && after_word
}

/// Whether text ends a sentence or a clause that a paragraph can end on
/// (closing quotes and brackets looked through).
pub(crate) fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end().trim_end_matches(['\'', '"', ')']);
    trimmed.ends_with(['.', '?', '!', ':', ';'])
}

/// Words that end neither a sentence nor a heading: a line that ends in
/// one was wrapped, whatever the next line starts with.
const DANGLING: [&str; 24] = [
    "a", "an", "and", "as", "at", "between", "by", "for", "from", "in", "into", "its", "of", "on",
    "or", "that", "the", "their", "to", "whose", "with", "within", "is", "are",
];

/// Whether `text` stops mid-phrase: on a word that ends neither a sentence
/// nor a heading ("... Her Majesty's Inspectors (HMI) from" / "Ofsted."),
/// on a possessive, whose noun is still to come ("... Local Safeguarding
/// Children's" / "Board (LSCB)."), or inside brackets or quotes ("... Board
/// (B&NES" / "LSCB) is good.", "... implementing 'Brighter" / "Futures' has").
pub(crate) fn ends_mid_phrase(text: &str) -> bool {
    ends_on_a_dangling_word(text) || leaves_bracket_open(text) || leaves_quote_open(text)
}

/// Whether `text`'s last word leaves its phrase open: a word that ends
/// neither a sentence nor a heading, or a possessive.
pub(crate) fn ends_on_a_dangling_word(text: &str) -> bool {
    text.split_whitespace().next_back().is_some_and(|last| {
        DANGLING.contains(&last) || last.ends_with("'s") || last.ends_with("\u{2019}s")
    })
}

fn leaves_bracket_open(text: &str) -> bool {
    text.matches('(').count() > text.matches(')').count()
}

/// Whether a word opens a quotation that no later word closes. Quotes come
/// out of the lines stage as `'`, so a quote is told from an apostrophe by
/// standing at a word's start or end.
fn leaves_quote_open(text: &str) -> bool {
    if !text.contains('\'') {
        return false;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let Some(open) = words
        .iter()
        .rposition(|word| word.trim_start_matches('(').starts_with('\''))
    else {
        return false;
    };
    !words[open..].iter().any(|word| {
        let word = word.trim_start_matches(['(', '\'']);
        word.trim_end_matches(['.', ',', ';', ':', '?', '!', ')'])
            .ends_with('\'')
    })
}

/// Whether a line break falls inside a date: the line ends on a month and
/// the next starts with a year ("... fostering services was in November" /
/// "2012.").
pub(crate) fn splits_a_date(line: &str, next: &str) -> bool {
    let line = line.trim_end();
    // The cheap tests first: naming a month lower-cases the word.
    !line.ends_with(['.', ','])
        && next
            .split_whitespace()
            .next()
            .is_some_and(|first| year(first).is_some())
        && line
            .split_whitespace()
            .next_back()
            .is_some_and(|last| month(last).is_some())
}

/// Whether a line break falls inside the board's name ("... Cheshire West
/// and Chester Local Safeguarding Children" / "Board (LSCB) has been ..."):
/// a line that ends so is never a subheading's whole.
pub(crate) fn splits_the_boards_name(line: &str, next: &str) -> bool {
    line.trim_end().ends_with("Safeguarding Children") && next.starts_with("Board")
}

/// The number a contents line ends with ("Executive summary 6"), if any.
pub(crate) fn ends_with_page_number(text: &str) -> bool {
    let Some((head, last)) = text.trim_end().rsplit_once(char::is_whitespace) else {
        return false;
    };
    !head.trim().is_empty() && last.len() <= 3 && last.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a paragraph of a recommendations section says there is nothing
/// to recommend under its heading: "There are no areas for priority
/// action.", "The inspection did not find any areas for priority and
/// immediate action." It is a finding, not a recommendation.
pub(crate) fn recommends_nothing(text: &str) -> bool {
    let lower = text.to_lowercase();
    let of_priority = lower.contains("areas for priority") || lower.contains("areas of priority");
    let none = ["no areas", "not find any", "not identify any"]
        .iter()
        .any(|words| lower.contains(words));
    of_priority && none
}

/// Whether a line opens an entry of the inspection team's roster: a few
/// words naming a role, a colon, then names ("Team inspectors: Janet
/// Fraser HMI, ...", "Lead inspector on site: Pietro Battista", "Report
/// author: Sean Tarpey", "Quality assurance manager: Bob Morton SHMI").
pub(crate) fn starts_roster_entry(line: &str) -> bool {
    let Some((role, names)) = line.split_once(':') else {
        return false;
    };
    let role_words = role.split_whitespace().count();
    let is_role = role.starts_with(char::is_uppercase)
        && (1..=5).contains(&role_words)
        && role.split_whitespace().any(|word| {
            let word = word.to_lowercase();
            let noun = word.strip_suffix('s').unwrap_or(&word);
            ["inspector", "analyst", "manager", "author"].contains(&noun)
        });
    is_role && names.trim_start().starts_with(char::is_uppercase) && is_names_line(names)
}

/// Whether a line is a list of names and titles, as a roster entry wraps
/// onto ("HMI, Ty Yousaf AI, Shirley Bailey HMI,", "and Sara Goodinge and
/// Nick Stacey (associate inspectors)"): at most a third of its words begin
/// in lower case, leaving out "and" and the words in brackets, where a
/// sentence's line has most of them so.
pub(crate) fn is_names_line(line: &str) -> bool {
    let (mut words, mut lower, mut bracketed) = (0, 0, false);
    for word in line.split_whitespace() {
        let opens = word.starts_with('(');
        if !(bracketed || opens) && word != "and" {
            words += 1;
            if word.starts_with(char::is_lowercase) {
                lower += 1;
            }
        }
        bracketed = (bracketed || opens) && !word.contains(')');
    }
    words > 0 && lower * 3 <= words
}

/// The lead inspector a line names after one of `labels` (a template's):
/// "Lead inspector: Jan Edwards, Her Majesty's Inspector", "Lead inspector
/// on site: Pietro Battista", "Lead inspector: Sarah Urding HMI",
/// "Reporting inspector  Helen Cawston HMI". Narrative that mentions the
/// lead inspector is lower case, or lacks the label's colon where it has
/// one, or goes on in lower case ("Reporting inspectors found").
pub(crate) fn lead_inspector<'t>(line: &'t str, labels: &[&str]) -> Option<&'t str> {
    let line = line.trim_start();
    let rest = labels.iter().find_map(|label| line.strip_prefix(label))?;
    let name = rest.split([',', '(']).next().unwrap_or(rest).trim();
    let name = ["HMI", "His Majesty's Inspector", "Her Majesty's Inspector"]
        .iter()
        .find_map(|title| name.strip_suffix(title))
        .unwrap_or(name)
        .trim_end();
    name.starts_with(char::is_uppercase).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: u16, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn the_boards_name_split_at_a_line_break() {
        assert!(splits_the_boards_name(
            "The independent chair of Cheshire West and Chester Local Safeguarding Children ",
            "Board (LSCB) has been successful"
        ));
        assert!(!splits_the_boards_name(
            "Local Safeguarding Children Board",
            "The chair"
        ));
    }

    #[test]
    fn a_date_split_at_a_line_break() {
        assert!(splits_a_date("services was in November ", "2012. The"));
        assert!(splits_a_date("from 3 March", "2015 to"));
        assert!(!splits_a_date("was in November.", "2012 saw"));
        assert!(!splits_a_date("was in November", "The authority"));
        assert!(!splits_a_date("in the last year", "2012"));
    }

    #[test]
    fn roster_entries_are_a_role_a_colon_and_names() {
        assert!(starts_roster_entry(
            "Team inspectors: Janet Fraser HMI, Martin Parry HMI"
        ));
        assert!(starts_roster_entry("Senior data analyst: Hywel Benbow"));
        assert!(starts_roster_entry(
            "Lead inspector on site: Pietro Battista"
        ));
        assert!(starts_roster_entry("Report author: Sean Tarpey"));
        assert!(starts_roster_entry(
            "Quality assurance manager: Bob Morton SHMI"
        ));
        assert!(starts_roster_entry(
            "Shadow inspectors: Nicola Bennett, Sandra Jacobs-Walls (regulatory inspector)"
        ));
        // Narrative that names managers is not a roster.
        assert!(!starts_roster_entry(
            "Social workers and their managers: they know children well"
        ));
        assert!(!starts_roster_entry("The Ofsted inspector: in the view of"));
        assert!(!starts_roster_entry("Lead inspector Sarah Urding HMI"));
        assert!(!starts_roster_entry("Children in care: Sarah Urding"));
        assert!(is_names_line(
            "HMI, Ty Yousaf AI, Shirley Bailey HMI, Mark Shackleton HMI,"
        ));
        assert!(is_names_line("Lisa Williams (AI) and Steven Gauntley."));
        assert!(is_names_line(
            "and Sara Goodinge and Nick Stacey (associate inspectors)"
        ));
        assert!(is_names_line("Baughan, Cathy Blair (associate inspector)"));
        assert!(!is_names_line(
            "Any complaints about the inspection or the report should be made following the"
        ));
        assert!(!is_names_line(""));
    }

    #[test]
    fn a_line_stops_mid_phrase_on_a_function_word_only() {
        assert!(ends_mid_phrase(
            "consisted of three Her Majesty's Inspectors (HMI) from"
        ));
        assert!(ends_mid_phrase("a review of the "));
        assert!(ends_mid_phrase("Gateshead Local Safeguarding Children's"));
        assert!(ends_mid_phrase("the children\u{2019}s "));
        assert!(!ends_mid_phrase("Children's services"));
        assert!(ends_mid_phrase("Children Board (B&NES"));
        assert!(!ends_mid_phrase("Children Board (B&NES LSCB)"));
        assert!(ends_mid_phrase("in implementing 'Brighter"));
        assert!(!ends_mid_phrase("in implementing 'Brighter Futures'"));
        assert!(!ends_mid_phrase("the 'front door', which"));
        assert!(!ends_mid_phrase("the 'Child Friendly' Leeds ambition"));
        assert!(!ends_mid_phrase("parents' views"));
        assert!(!ends_mid_phrase("Help and protection"));
        assert!(!ends_mid_phrase("the Local Safeguarding Children Board"));
        // Only the whole last word: "Theft" and "Ofsted." are not "the".
        assert!(!ends_mid_phrase("arrangements to prevent theft"));
        assert!(!ends_mid_phrase("inspected by Ofsted."));
        assert!(!ends_mid_phrase(""));
    }

    #[test]
    fn reads_every_period_wording_of_the_seeds() {
        let cases = [
            (
                "22 May 2015 \u{2013} 18 June 2015",
                (d(2015, 5, 22), d(2015, 6, 18)),
            ),
            (
                "21 October to 25 October 2019",
                (d(2019, 10, 21), d(2019, 10, 25)),
            ),
            ("11 to 22 May 2026", (d(2026, 5, 11), d(2026, 5, 22))),
            (
                "16 September \u{2013} 8 October 2014",
                (d(2014, 9, 16), d(2014, 10, 8)),
            ),
            (
                "21 November to 2 December 2022",
                (d(2022, 11, 21), d(2022, 12, 2)),
            ),
            (
                "20 January 2015 - 11 February 2015",
                (d(2015, 1, 20), d(2015, 2, 11)),
            ),
            (
                "29 February\u{2013}11 March 2016",
                (d(2016, 2, 29), d(2016, 3, 11)),
            ),
            (
                "30 December to 10 January 2020",
                (d(2019, 12, 30), d(2020, 1, 10)),
            ),
            // In figures, day first, with or without leading zeros.
            ("12/09/2016 to 06/10/2016", (d(2016, 9, 12), d(2016, 10, 6))),
            (
                "1/06/2015 \u{2013} 25/06/2015",
                (d(2015, 6, 1), d(2015, 6, 25)),
            ),
            // A box-drawing line for the dash.
            (
                "20 June 2017 \u{2500} 13 July 2017",
                (d(2017, 6, 20), d(2017, 7, 13)),
            ),
        ];
        for (text, range) in cases {
            assert_eq!(date_range(text), Some(range), "{text}");
        }
    }

    #[test]
    fn a_period_in_parts_runs_from_the_first_day_to_the_last() {
        let period = |from, to, days| Some(Period { from, to, days });
        assert_eq!(
            inspection_period("30 September to 11 October 2024 and 13 to 16 January 2025"),
            period(d(2024, 9, 30), d(2025, 1, 16), 12 + 4)
        );
        assert_eq!(
            inspection_period("5 to 9 December 2022 and 14 to 15 February 2023"),
            period(d(2022, 12, 5), d(2023, 2, 15), 5 + 2)
        );
        assert_eq!(
            inspection_period("11 to 22 May 2026"),
            period(d(2026, 5, 11), d(2026, 5, 22), 12)
        );
        // Parts out of order, or a part that is no period, are not read.
        assert_eq!(
            inspection_period("13 to 16 January 2025 and 30 September to 11 October 2024"),
            None
        );
        assert_eq!(inspection_period("5 to 9 December 2022 and soon"), None);
    }

    #[test]
    fn refuses_what_is_not_a_period() {
        for text in [
            "",
            "to",
            "30 December to 10 January 0000",
            "22 May 2015",
            "22 May to",
            "32 May to 2 June 2015",
            "5 June to 2 June 2015",
            "Inspection of Slough 2",
            "12/09/16 to 06/10/16",
            "12/13/2016 to 14/13/2016",
            "06/10/2016 to 12/09/2016",
            "1/2/3/2016 to 1/3/2016",
        ] {
            assert_eq!(date_range(text), None, "{text}");
        }
    }

    #[test]
    fn splits_grades_off_labels() {
        assert_eq!(
            split_trailing_grade("Adoption performance Good"),
            Some(("Adoption performance", Grade::Good))
        );
        assert_eq!(
            split_trailing_grade("protection: requires improvement to be good "),
            Some(("protection:", Grade::RequiresImprovement))
        );
        assert_eq!(
            split_trailing_grade("Inadequate"),
            Some(("", Grade::Inadequate))
        );
        assert_eq!(split_trailing_grade("the requirements for good."), None);
        assert_eq!(
            split_trailing_grade("The LSCB is inadequate because:"),
            None
        );
    }

    #[test]
    fn strips_only_footnote_markers() {
        assert_eq!(
            strip_footnote_markers("safeguarding children board1"),
            "safeguarding children board"
        );
        assert_eq!(
            strip_footnote_markers("care and protection.2"),
            "care and protection."
        );
        assert_eq!(
            strip_footnote_markers("What needs to improve?1"),
            "What needs to improve?"
        );
        assert_eq!(
            strip_footnote_markers("local authority area\u{b2}"),
            "local authority area"
        );
        assert_eq!(
            strip_footnote_markers("special schools3, all of whom"),
            "special schools, all of whom"
        );
        let kept = "In 2013\u{2013}14, 16\u{2013}17-year-olds at Key Stage 2 and S47 enquiries (paragraph 24).";
        assert_eq!(strip_footnote_markers(kept), kept);
    }

    #[test]
    fn knows_sentence_ends_and_page_numbers() {
        assert!(ends_sentence("as follows:"));
        assert!(ends_sentence("'absolutely wonderful.'"));
        assert!(!ends_sentence("a wide range of"));
        assert!(ends_with_page_number("Executive summary 6"));
        assert!(!ends_with_page_number("Key Stage 2 pupils"));
        assert!(!ends_with_page_number("42"));
    }

    #[test]
    fn the_lead_inspector_is_the_name_after_the_words_without_a_title() {
        for (line, name) in [
            (
                "Lead inspector: Brendan Parkinson",
                Some("Brendan Parkinson"),
            ),
            (
                "Lead inspector: Donna Marriott, HMI",
                Some("Donna Marriott"),
            ),
            (
                "Lead inspector: Máire Atherton, Her Majesty's Inspector",
                Some("Máire Atherton"),
            ),
            ("Lead inspector: Sarah Urding HMI", Some("Sarah Urding")),
            (
                "Lead inspector on site: Pietro Battista",
                Some("Pietro Battista"),
            ),
            (
                "  Lead inspector:   Jenny-ellen Scotland  ",
                Some("Jenny-ellen Scotland"),
            ),
            ("Deputy lead inspector: Neil Penswick", None),
            ("lead inspector attended by both the director", None),
            ("Lead inspector visits were held weekly", None),
            ("Lead inspector:", None),
        ] {
            let labels = ["Lead inspector:", "Lead inspector on site:"];
            assert_eq!(lead_inspector(line, &labels), name, "{line}");
        }
        let labels = ["Reporting inspector"];
        for (line, name) in [
            (
                "Reporting inspector  Helen Cawston HMI",
                Some("Helen Cawston"),
            ),
            ("Reporting inspectors found that", None),
        ] {
            assert_eq!(lead_inspector(line, &labels), name, "{line}");
        }
    }

    #[test]
    fn a_statement_that_there_is_no_priority_action_recommends_nothing() {
        for text in [
            "There are no areas of priority action.",
            "There are no areas for priority or immediate action",
            "The inspection did not find any areas for priority and immediate action.",
        ] {
            assert!(recommends_nothing(text), "{text}");
        }
        for text in [
            "Ensure that areas for priority action are tracked by the board.",
            "There are no foster carers with the skills to meet these needs.",
        ] {
            assert!(!recommends_nothing(text), "{text}");
        }
    }
}
