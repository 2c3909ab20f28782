//! A PDF that holds two publications: the local authority's inspection,
//! then the Local Safeguarding Children Board's review of the same
//! inspection, with a title page, dates and closing page of its own (Hull
//! 2015). The review is read as the board's part of the report, as a
//! combined report prints it: its title opens the part, its grade sentence
//! is the board's judgement, its recommendations are the board's.

use std::borrow::Cow;

use super::front::{self, Front};
use super::lines::Line;
use crate::model::{Date, Warning};

/// The lines of a report, and what joining a board's review to them tells.
pub(crate) struct Joined<'a> {
    pub lines: Cow<'a, [Line]>,
    /// Where the review was published on a date of its own: the report is
    /// stored as one inspection, with its front page's date.
    pub warning: Option<Warning>,
}

/// The lines of the report, with a board's review that follows the local
/// authority's report joined to it as the board's part; as they are where
/// none follows, or where what follows is not the same inspection's review.
pub(crate) fn with_the_boards_review<'a>(lines: &'a [Line], front: &Front) -> Joined<'a> {
    let as_they_are = || Joined {
        lines: Cow::Borrowed(lines),
        warning: None,
    };
    let Some(closing) = front::first_closing_page(lines) else {
        return as_they_are();
    };
    let Some(dates) = (closing..lines.len()).find(|&i| starts(&lines[i], "inspection date")) else {
        return as_they_are();
    };
    let Some(title) = (closing..dates)
        .rev()
        .find(|&i| opens_the_boards_title(&lines[i]))
    else {
        return as_they_are();
    };
    // The same inspection's review prints the same dates.
    match front::period_at(lines, dates) {
        Ok(period) if (period.from, period.to) == (front.inspected_from, front.inspected_to) => {}
        _ => return as_they_are(),
    }
    // A date that cannot be read is not a date of its own.
    let published: Option<Date> =
        front::published(&lines[dates..], front.template.published).unwrap_or(None);
    let warning = (published.is_some() && published != front.published)
        .then_some(Warning::BoardPublishedApart { published });
    let mut joined = lines.to_vec();
    // The first closing page, and the review's title page above its title
    // (the board's name, a running header): not the report's text.
    for line in &mut joined[closing..title] {
        line.text.clear();
    }
    // Its dates and publication date are the front page's, not text.
    let front_matter = |line: &Line| {
        line.is_blank() || starts(line, "inspection date") || starts(line, "report published")
    };
    for line in joined[dates..]
        .iter_mut()
        .take_while(|line| front_matter(line))
    {
        line.text.clear();
    }
    Joined {
        lines: Cow::Owned(joined),
        warning,
    }
}

/// "Inspection of the effectiveness of the local safeguarding children
/// board", the review's title (its running header goes on after a colon:
/// "...: Hull").
fn opens_the_boards_title(line: &Line) -> bool {
    starts(
        line,
        "inspection of the effectiveness of the local safeguarding",
    ) && !line.text.contains(':')
}

fn starts(line: &Line, words: &str) -> bool {
    line.text
        .get(..words.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(words))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::lines::clean;
    use crate::ingest::templates::Template;
    use crate::model::Framework;

    const CLOSING: &str = "The Office for Standards in Education, Children's Services and Skills (Ofsted) regulates and inspects\n\u{a9} Crown copyright 2015\n";

    fn front_of(text: &str) -> Front {
        front::read(&clean(text)).unwrap()
    }

    #[test]
    fn the_same_inspections_board_review_is_joined_as_the_boards_part() {
        let text = format!(
            "Kingston upon Hull\nInspection of services for children in need of help and protection\n\
             Inspection date: 18 November \u{2013} 10 December 2014\nReport published: 3 February 2015\n\n\
             1. The local authority.\n{CLOSING}\
             Kingston upon Hull Safeguarding\nChildren Board\n\
             Inspection of the effectiveness of the local safeguarding\nchildren board\n\n\
             Inspection date: 18 November \u{2013} 10 December 2014\nReport published: 10 February 2015\n\n\
             The Local Safeguarding Children Board requires improvement\n{CLOSING}"
        );
        let lines = clean(&text);
        let joined = with_the_boards_review(&lines, &front_of(&text));
        let kept: Vec<&str> = joined
            .lines
            .iter()
            .map(|l| l.text.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(
            kept,
            [
                "Kingston upon Hull",
                "Inspection of services for children in need of help and protection",
                "Inspection date: 18 November \u{2013} 10 December 2014",
                "Report published: 3 February 2015",
                "1. The local authority.",
                "Inspection of the effectiveness of the local safeguarding",
                "children board",
                "The Local Safeguarding Children Board requires improvement",
                "The Office for Standards in Education, Children's Services and Skills (Ofsted) regulates and inspects",
                "\u{a9} Crown copyright 2015",
            ]
        );
        assert!(front::check_whole(&joined.lines, Template::of(Framework::Sif)).is_ok());
        // The review was published a week after the authority's report.
        assert_eq!(
            joined.warning,
            Some(Warning::BoardPublishedApart {
                published: Date::new(2015, 2, 10)
            })
        );
    }

    #[test]
    fn another_inspections_review_is_not_joined() {
        let text = format!(
            "Kingston upon Hull\nInspection of services for children in need of help and protection\n\
             Inspection date: 18 November \u{2013} 10 December 2014\n\n1. The local authority.\n{CLOSING}\
             Inspection of the effectiveness of the local safeguarding children board\n\
             Inspection date: 1 \u{2013} 12 June 2015\n\nThe board is good.\n{CLOSING}"
        );
        let lines = clean(&text);
        let joined = with_the_boards_review(&lines, &front_of(&text));
        assert!(matches!(joined.lines, Cow::Borrowed(_)));
        assert_eq!(joined.warning, None);
        assert!(front::check_whole(&lines, Template::of(Framework::Sif)).is_err());
    }
}
