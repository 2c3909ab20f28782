//! First stage of layout: the text as numbered lines, with characters
//! normalised and page furniture (page numbers, running headers, footnotes)
//! blanked out.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use super::wording::{inspection_period, is_superscript_digit};

/// One line of the input after cleaning. Furniture lines stay, blanked, so
/// line numbers and page breaks keep their places.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Line {
    /// 1-based line number in the input.
    pub number: usize,
    /// Spaces before the text (sub-bullets in reflowed text are indented).
    pub indent: usize,
    /// The text, trimmed; empty for blank and furniture lines.
    pub text: String,
    /// Whether the line was page furniture (a page number, a running title
    /// or footer), where one page ends and the next begins.
    pub page_break: bool,
}

impl Line {
    pub(crate) fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// Splits, normalises and de-furnishes `text`.
pub(crate) fn clean(text: &str) -> Vec<Line> {
    let mut lines = split(text);
    // A footnote marker printed on a line of its own (SIF front pages:
    // "Board" / "1") reads as a page number: what each break line printed is
    // kept for the footnotes after it.
    let printed: Vec<Option<u32>> = lines.iter().map(|line| lone_number(&line.text)).collect();
    let breaks = blank_furniture(&mut lines);
    blank_footnotes(&mut lines, &breaks, &printed);
    lines
}

fn split(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    for (index, raw) in text.split('\n').enumerate() {
        let normalised = normalise(raw.strip_suffix('\r').unwrap_or(raw));
        // Reflowed text keeps stray HTML paragraph tags; each tag ends a line.
        for piece in split_tags(&normalised) {
            let indent = piece.chars().take_while(|&c| c == ' ').count();
            lines.push(Line {
                number: index + 1,
                indent,
                text: piece.trim().to_string(),
                page_break: false,
            });
        }
    }
    lines
}

/// Characters made plain: white space as a space, typographic quotes as
/// plain ones, no control or zero-width characters. A line of printable
/// ASCII, most lines, is its own normal form.
fn normalise(raw: &str) -> Cow<'_, str> {
    if raw.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '\t' | '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{3000}' | '\r' => {
                out.push(' ')
            }
            '\u{200b}'..='\u{200d}' | '\u{feff}' => {}
            // Typographic quotes as plain ones: extractors disagree on them,
            // and plain quotes are what users type and tools expect.
            '\u{2018}' | '\u{2019}' | '\u{201b}' | '\u{2032}' => out.push('\''),
            '\u{201c}' | '\u{201d}' | '\u{201f}' | '\u{2033}' => out.push('"'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The pieces of a line between HTML paragraph tags, blank ones dropped
/// (one empty piece for a line with none).
fn split_tags(line: &str) -> Vec<&str> {
    const TAGS: [&str; 5] = ["<p>", "</p>", "<br>", "<br/>", "<br />"];
    if !line.contains('<') {
        return vec![if line.trim().is_empty() { "" } else { line }];
    }
    let mut pieces = Vec::new();
    let mut rest = line;
    // No tag is the start of another: the first found at a place is the one there.
    while let Some((at, tag)) = TAGS
        .iter()
        .filter_map(|tag| rest.find(tag).map(|at| (at, tag.len())))
        .min()
    {
        pieces.push(&rest[..at]);
        rest = &rest[at + tag..];
    }
    pieces.push(rest);
    pieces.retain(|piece| !piece.trim().is_empty());
    if pieces.is_empty() {
        pieces.push("");
    }
    pieces
}

/// A page number alone on its line: "12", "Page 3 of 40".
fn is_page_number(text: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit());
    if digits(text) {
        return true;
    }
    let Some(rest) = text
        .get(..5)
        .filter(|head| head.eq_ignore_ascii_case("page "))
        .map(|_| text[5..].to_ascii_lowercase())
    else {
        return false;
    };
    match rest.split_once(" of ") {
        Some((page, total)) => digits(page) && digits(total),
        None => digits(&rest),
    }
}

/// The running footer of ILACS reports: the inspection period followed by the
/// page number ("21 November to 2 December 2022 2"), the period in parts
/// where the inspection was paused ("30 September to 11 October 2024 and 13
/// to 16 January 2025 3").
fn is_period_and_page(text: &str) -> bool {
    match text.rsplit_once(' ') {
        Some((period, page)) => is_page_number(page) && inspection_period(period).is_some(),
        None => false,
    }
}

/// A line over a page number this many times is a running header.
const REPEATED_HEADER: usize = 3;

/// Blanks page numbers and running headers; returns the line indexes where
/// a page ends (the furniture lines).
fn blank_furniture(lines: &mut [Line]) -> Vec<usize> {
    let mut breaks = Vec::new();
    // Lines standing over a bare page number: a header set over its page
    // number (SLAC: "Kent County Council Inspection of looked after
    // children services" / "4") repeats so on every page.
    let mut over_numbers: Vec<&str> = Vec::new();
    let above = |lines: &[Line], i: usize| (0..i).rev().find(|&j| !lines[j].is_blank());
    for i in 0..lines.len() {
        if is_page_number(&lines[i].text)
            && let Some(j) = above(lines, i)
        {
            over_numbers.push(&lines[j].text);
        }
    }
    let mut times: HashMap<&str, usize> = HashMap::new();
    for text in over_numbers {
        // A running header names the inspection; a heading drawn at a
        // page's foot ("Recommendations") does not.
        if text.to_ascii_lowercase().contains("inspection of") {
            *times.entry(text).or_default() += 1;
        }
    }
    let mut titles: HashSet<String> = times
        .into_iter()
        .filter(|&(_, times)| times >= REPEATED_HEADER)
        .map(|(text, _)| text.to_string())
        .collect();
    for i in 0..lines.len() {
        let text = &lines[i].text;
        // The line of the footer's period: with the page number, or above
        // it where the period is too long to share its line.
        let period = if is_period_and_page(text) {
            Some(i)
        } else if is_page_number(text) {
            above(lines, i).filter(|&j| inspection_period(&lines[j].text).is_some())
        } else {
            None
        };
        if is_page_number(text) || period.is_some() {
            breaks.push(i);
        }
        if let Some(period) = period {
            breaks.push(period);
            // The running title stands on the line above the period.
            if let Some(title) = above(lines, period)
                && lines[title].text.starts_with("Inspection of")
            {
                titles.insert(lines[title].text.clone());
            }
        }
    }
    breaks.extend((0..lines.len()).filter(|&i| titles.contains(&lines[i].text)));
    breaks.sort_unstable();
    breaks.dedup();
    for &i in &breaks {
        lines[i].text.clear();
        lines[i].page_break = true;
    }
    breaks
}

/// Footnotes stand at the foot of a page: from a line "N Text..." whose
/// marker N was glued to a word higher on the same page, to the page's end.
/// Reflowed text marks them with a superscript digit instead, one footnote a
/// line.
fn blank_footnotes(lines: &mut [Line], breaks: &[usize], printed: &[Option<u32>]) {
    for line in lines.iter_mut() {
        if line.text.starts_with(is_superscript_digit) {
            line.text.clear();
        }
    }
    let mut start = 0;
    let (mut earlier, mut opening) = (None, None);
    for end in breaks.iter().copied().chain([lines.len()]) {
        blank_footnotes_of_page(&mut lines[start..end], earlier, opening);
        earlier = opening;
        opening = printed.get(end).copied().flatten();
        start = end + 1;
        if start > lines.len() {
            break;
        }
    }
}

/// Blanks a page's footnotes; `opening` is the number on the line the page
/// follows, which may be a marker on a line of its own, and `earlier` the
/// number on the line before that (a front page sets two markers apart:
/// "... Children Board" / "1", "... require improvement." / "2").
fn blank_footnotes_of_page(page: &mut [Line], earlier: Option<u32>, opening: Option<u32>) {
    let mut markers: Vec<u32> = opening.into_iter().collect();
    for i in 0..page.len() {
        if let Some(number) = footnote_number(&page[i].text) {
            let glued = markers.contains(&number);
            let apart = !glued && at_the_foot(&page[i..]);
            let set_apart = apart
                .then(|| (0..i).rfind(|&j| set_apart_marker(page, j) == Some(number)))
                .flatten();
            if glued || set_apart.is_some() || (apart && earlier == Some(number)) {
                if let Some(j) = set_apart {
                    strip_set_apart_marker(&mut page[j].text);
                }
                let first = first_of_the_footnotes(page, i, number);
                if at_the_foot(&page[first..]) {
                    blank_from(&mut page[first..]);
                    return;
                }
                // More text follows than footnotes fill: the page's end was
                // not seen (an extraction that prints no page numbers), so
                // the footnote ends where its paragraph does, and the text
                // after it is the next page's.
                blank_paragraph(&mut page[first..]);
                continue;
            }
        }
        markers.extend(glued_markers(&page[i].text));
    }
}

/// The line where the footnotes that end with footnote `number`, on line
/// `i`, begin: footnotes are numbered in turn, so "8 Source: ...", "9
/// Source: ..." above a known "10 Source: ..." are footnotes too, whether
/// or not their markers were read.
fn first_of_the_footnotes(page: &[Line], i: usize, number: u32) -> usize {
    let mut first = i;
    let mut before = number;
    let above = (0..i)
        .rev()
        .filter(|&j| !page[j].is_blank())
        .take(FOOTNOTE_LINES);
    for j in above {
        if before > 1 && footnote_number(&page[j].text) == Some(before - 1) {
            first = j;
            before -= 1;
        }
    }
    if at_the_foot(&page[first..]) {
        first
    } else {
        i
    }
}

/// Blanks the lines up to the first blank one.
fn blank_paragraph(lines: &mut [Line]) {
    for line in lines.iter_mut().take_while(|line| !line.is_blank()) {
        line.text.clear();
    }
}

fn blank_from(lines: &mut [Line]) {
    for line in lines {
        line.text.clear();
    }
}

/// At most this many lines of footnotes end a page.
const FOOTNOTE_LINES: usize = 8;

/// Whether `lines`, from a line that may open a footnote to the page's end,
/// are few enough to be footnotes: a marker set apart from its word is
/// taken only for a footnote at the page's foot.
fn at_the_foot(lines: &[Line]) -> bool {
    // Counting stops past the limit: text without page breaks (reflowed, or
    // hostile) is one long page, and every line of it may look like a
    // footnote's first.
    lines
        .iter()
        .filter(|line| !line.is_blank())
        .take(FOOTNOTE_LINES + 1)
        .count()
        <= FOOTNOTE_LINES
}

/// A footnote marker the extractor set apart from its word, on line `j`:
/// alone on its line ("... Children Board" / "1"), or at the start of the
/// next line before the sentence goes on ("... special schools," / "3 all
/// of whom live out of the authority area") or after the sentence it marks
/// ("... the Care Leavers' Charter." / "4 Despite a").
fn set_apart_marker(page: &[Line], j: usize) -> Option<u32> {
    let text = &page[j].text;
    lone_number(text).or_else(|| {
        let (number, rest) = leading_number(text)?;
        let after_a_sentence = || {
            page[..j]
                .iter()
                .rfind(|line| !line.is_blank())
                .is_some_and(|line| line.text.ends_with(['.', '?', '!']))
        };
        let goes_on = rest.starts_with(char::is_lowercase)
            || (rest.starts_with(char::is_uppercase) && after_a_sentence());
        goes_on.then_some(number)
    })
}

fn strip_set_apart_marker(text: &mut String) {
    if let Some((_, rest)) = leading_number(text) {
        let marker = text.len() - rest.len();
        text.drain(..marker);
    }
}

/// A number of one or two digits alone on its line: a page number, or a
/// footnote marker set on a line of its own.
fn lone_number(text: &str) -> Option<u32> {
    let short = !text.is_empty() && text.len() <= 2 && text.bytes().all(|b| b.is_ascii_digit());
    short.then(|| text.parse().ok()).flatten()
}

/// "1 Ofsted produces this report ..." -> 1.
fn footnote_number(text: &str) -> Option<u32> {
    let (number, rest) = leading_number(text)?;
    rest.starts_with(char::is_uppercase).then_some(number)
}

/// A number of one or two digits and a space at the start of a line, and
/// the text after them: "3 all of whom ..." -> (3, "all of whom ...").
fn leading_number(text: &str) -> Option<(u32, &str)> {
    let (number, rest) = text.split_once(' ')?;
    let digits = number.len() <= 2 && number.bytes().all(|b| b.is_ascii_digit());
    if digits {
        Some((number.parse().ok()?, rest.trim_start()))
    } else {
        None
    }
}

/// Footnote markers glued to words of a line: "board1" -> 1.
fn glued_markers(text: &str) -> Vec<u32> {
    // A marker is a digit glued to the end of a word: after anything but
    // white space or another digit.
    let bytes = text.as_bytes();
    let glued = bytes.windows(2).any(|pair| {
        pair[1].is_ascii_digit() && !pair[0].is_ascii_whitespace() && !pair[0].is_ascii_digit()
    });
    if !glued {
        return Vec::new();
    }
    text.split_whitespace()
        .filter_map(|word| {
            let word = word.trim_end_matches([',', '.', ';', ':', ')']);
            let digit_count = word.chars().rev().take_while(char::is_ascii_digit).count();
            // ASCII digits are one byte each, so this is a character boundary.
            let (head, digits) = word.split_at(word.len() - digit_count);
            let glued = head.trim_end_matches(['.', '?', '!', ',', ';', ':', ')', '\u{2019}']);
            let after_word = glued.ends_with(char::is_lowercase);
            (after_word && !digits.is_empty() && digits.len() <= 2)
                .then(|| digits.parse().ok())
                .flatten()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn page_numbers_and_running_headers_are_blanked() {
        let text = "Inspection of Slough local authority\nchildren's services\n1. First para\ncontinues\n\n\
                    Inspection of Slough local authority children's services\n\
                    23 January to 3 February 2023 2\nstill para one.\n 3 \nPage 4 of 9\n";
        let lines = clean(text);
        assert_eq!(
            texts(&lines),
            [
                "Inspection of Slough local authority",
                "children's services",
                "1. First para",
                "continues",
                "",
                "",
                "",
                "still para one.",
                "",
                "",
                ""
            ]
        );
        assert_eq!(lines[7].number, 8);
    }

    #[test]
    fn footnotes_are_blanked_to_the_end_of_their_page() {
        let text = "What needs to improve?1\n5. Text that goes\n1 The areas for improvement have been\ncross-referenced.\n\n7\non to the next page.";
        assert_eq!(
            texts(&clean(text)),
            [
                "What needs to improve?1",
                "5. Text that goes",
                "",
                "",
                "",
                "",
                "on to the next page."
            ]
        );
    }

    #[test]
    fn without_page_numbers_a_footnote_ends_with_its_paragraph() {
        // An extraction that prints no page numbers: the text after the
        // footnote is the next page's, and stays.
        let goes_on: Vec<String> = (1..=12)
            .map(|n| format!("Line {n} of the next page."))
            .collect();
        let text = format!(
            "Locally provided data3 shows that:\n\n3 The local authority was given the opportunity\nto review this section.\n\n{}",
            goes_on.join("\n")
        );
        let lines = clean(&text);
        let kept = texts(&lines);
        assert_eq!(
            kept[..5],
            ["Locally provided data3 shows that:", "", "", "", ""]
        );
        assert_eq!(kept[5..], goes_on);
    }

    #[test]
    fn a_marker_set_apart_from_its_word_still_marks_its_footnote() {
        let text = "eight live in residential special schools,\n3 all of whom live out of the\nauthority area\n3 These are residential special schools.";
        assert_eq!(
            texts(&clean(text)),
            [
                "eight live in residential special schools,",
                "all of whom live out of the",
                "authority area",
                ""
            ]
        );
        let text = "based on the Care Leavers' Charter.\n4 Despite a\ndetermined drive.\n4 New Belongings was launched in 2013.";
        assert_eq!(
            texts(&clean(text)),
            [
                "based on the Care Leavers' Charter.",
                "Despite a",
                "determined drive.",
                ""
            ]
        );
        let text = "the Local Safeguarding Children\nBoard\n1\nInspection date: 2 July 2014\n1 Ofsted produces this report.";
        assert_eq!(texts(&clean(text))[4], "");
        // A count at a line's start is text: its number opens no footnote
        // at the page's foot.
        let text = format!(
            "there were\n15 children adopted\n15 Adopters were assessed.{}",
            "\nMore text.".repeat(9)
        );
        assert_eq!(
            texts(&clean(&text))[1..3],
            ["15 children adopted", "15 Adopters were assessed."]
        );
    }

    #[test]
    fn footnotes_numbered_in_turn_above_a_known_one_are_footnotes_too() {
        let text = "26 children became subject of orders10\n8 Source: DfE Schools.\n9 Source: DfE\nin need.\n10 Source: DfE.\n\n5\nThe next page.";
        let lines = clean(text);
        assert_eq!(texts(&lines)[0], "26 children became subject of orders10");
        assert!(
            texts(&lines)[1..6].iter().all(|t| t.is_empty()),
            "{:?}",
            texts(&lines)
        );
    }

    #[test]
    fn a_number_at_line_start_without_a_marker_is_text() {
        let text = "Return home interviews were\n182 Children were seen.\n";
        assert_eq!(texts(&clean(text))[1], "182 Children were seen.");
        let text = "seen by inspectors\n15 Adopters were assessed.";
        assert_eq!(texts(&clean(text))[1], "15 Adopters were assessed.");
    }

    #[test]
    fn tags_split_lines_and_odd_spaces_are_normalised() {
        let text = "<p>Summary</p> <p>Political\u{a0}leaders\u{200b} lead</p>\r\n\tIndented";
        let lines = clean(text);
        assert_eq!(
            texts(&lines),
            ["Summary", "Political leaders lead", "Indented"]
        );
        assert_eq!(lines[1].number, 1);
        assert_eq!(lines[2].indent, 1);
    }

    #[test]
    fn superscript_footnotes_of_reflowed_text_are_blanked() {
        let text = "area\u{b2}\n\n\u{b2} The local authority was given the opportunity.\n- A fact.";
        assert_eq!(texts(&clean(text)), ["area\u{b2}", "", "", "- A fact."]);
    }
}
