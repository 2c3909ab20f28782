//! Reading order: what a PDF drew out of its place on the page, put back.
//!
//! A PDF's text comes out in the order its page was drawn, which is
//! mostly the order it is read in. A section heading is the exception seen
//! in the published record: drawn after the rest of its page, it comes out
//! at the page's foot, below text it stands above on the page (Redbridge
//! 2016: the board's "Recommendations" came out after paragraph 129, so the
//! findings after it read as recommendations). No report ends a page on a
//! section heading, whose text is below it; one found there stands at the
//! top of its page.

use std::borrow::Cow;

use super::heading::Role;
use super::layout::heading_at;
use super::lines::Line;
use super::templates::Template;

/// The lines in reading order: each section heading that ends a page, after
/// the page's text, moved to the page's top.
pub(crate) fn reading_order<'a>(lines: &'a [Line], template: &Template) -> Cow<'a, [Line]> {
    let moves = misplaced_headings(lines, template);
    if moves.is_empty() {
        return Cow::Borrowed(lines);
    }
    let mut ordered = Vec::with_capacity(lines.len());
    let mut at = 0;
    for Misplaced { page_top, heading } in moves {
        ordered.extend_from_slice(&lines[at..page_top]);
        ordered.extend_from_slice(&lines[heading.clone()]);
        ordered.extend_from_slice(&lines[page_top..heading.start]);
        at = heading.end;
    }
    ordered.extend_from_slice(&lines[at..]);
    Cow::Owned(ordered)
}

/// A section heading found at a page's foot.
struct Misplaced {
    /// Where its page begins.
    page_top: usize,
    /// Its lines.
    heading: std::ops::Range<usize>,
}

fn misplaced_headings(lines: &[Line], template: &Template) -> Vec<Misplaced> {
    let mut found = Vec::new();
    let mut page_top = 0;
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if line.page_break {
            page_top = i + 1;
        }
        if line.is_blank() {
            i += 1;
            continue;
        }
        let Some((heading, last)) = heading_at(lines, i, template) else {
            i += 1;
            continue;
        };
        let text_above = lines[page_top..i].iter().any(|l| !l.is_blank());
        if matches!(heading.role, Role::Section(_)) && text_above && ends_page(lines, last) {
            found.push(Misplaced {
                page_top,
                heading: i..last + 1,
            });
        }
        i = last + 1;
    }
    found
}

/// Blank lines that part a page's last text from its foot: fewer, and the
/// "break" is a footnote marker set on a line of its own ("Information about
/// this local authority area" / "2"), which reads as a page number.
const FOOT_BLANKS: usize = 3;

/// Whether nothing but blank lines, enough of them for a page's foot,
/// follows line `last` to a page break.
fn ends_page(lines: &[Line], last: usize) -> bool {
    let after = &lines[last + 1..];
    match after
        .iter()
        .position(|line| line.page_break || !line.is_blank())
    {
        Some(blanks) => after[blanks].page_break && blanks >= FOOT_BLANKS,
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::lines::clean;
    use crate::model::Framework;

    fn ilacs() -> &'static Template {
        Template::of(Framework::Ilacs)
    }

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines
            .iter()
            .map(|l| l.text.as_str())
            .filter(|t| !t.is_empty())
            .collect()
    }

    #[test]
    fn a_section_heading_at_a_pages_foot_stands_at_its_top() {
        let text = "Board summary.\n\n 37 \n\n123. Extend the data set.\n\n124. Strengthen training.\n\n\
                    Inspection findings\n\n125. The board is well established.\n\nRecommendations\n\n\n\n 38 \n\n\
                    126. The board challenges partners.\n";
        let lines = clean(text);
        assert_eq!(
            texts(&reading_order(&lines, ilacs())),
            [
                "Board summary.",
                "Recommendations",
                "123. Extend the data set.",
                "124. Strengthen training.",
                "Inspection findings",
                "125. The board is well established.",
                "126. The board challenges partners."
            ]
        );
    }

    #[test]
    fn a_heading_with_text_below_it_on_its_page_stays() {
        let text = "Board summary.\n\n 37 \n\n123. Extend the data set.\n\nRecommendations\n\n124. Strengthen training.\n\n 38 \n\nMore.\n";
        let lines = clean(text);
        assert!(matches!(reading_order(&lines, ilacs()), Cow::Borrowed(_)));
        // Nor does one at the top of its page move.
        let text =
            "Board summary.\n\n 37 \n\nRecommendations\n\n\n\n 38 \n\n123. Extend the data set.\n";
        assert!(matches!(
            reading_order(&clean(text), ilacs()),
            Cow::Borrowed(_)
        ));
        // A footnote marker on the line below a heading is no page's foot.
        let text = "Contents.\n\n 5 \n\nThe local authority\nInformation about this local authority area\n2\n\nPrevious inspections\n";
        assert!(matches!(
            reading_order(&clean(text), ilacs()),
            Cow::Borrowed(_)
        ));
    }
}
