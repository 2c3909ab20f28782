//! The judgement table: the graded rows of a report's front page, read from
//! its lines before the layout stage cuts them into blocks. A row's label
//! and grade may wrap anywhere in their columns; SIF's overall judgement is
//! a sentence rather than a row. What is read here becomes a block of kind
//! `Row` (see `layout`), which keeps the geometry of everything else.

use super::layout::{HEADING_LINES, PAGE_BREAK_BLANKS, joined};
use super::lines::Line;
use super::wording::{is_superscript_digit, split_trailing_grade, word_starts};
use crate::model::{Area, Grade};

/// A judgement-table row found in the front matter.
pub(super) struct Row {
    pub first: usize,
    pub last: usize,
    pub label: String,
    pub area: Area,
    /// `None` for "Not judged".
    pub grade: Option<Grade>,
}

/// Graded lines of the front page: a line that ends with a grade whose
/// label, taken with up to two lines above it, names an area or is SIF's
/// overall sentence. Labels and grades wrap anywhere ("The impact of leaders
/// on social work / practice with children and families / Inadequate",
/// "Children who need help and protection Requires / improvement"), so the
/// longest such label wins.
pub(super) fn table_rows(lines: &[Line], front_end: usize) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut floor = 0;
    let mut i = 0;
    while i < front_end {
        let Some(graded) = graded_line(lines, i, front_end) else {
            i += 1;
            continue;
        };
        // The lines the label may start on, nearest last; a row never reaches
        // back into the row above it.
        let mut starts = lines_above(lines, i, HEADING_LINES - 1);
        starts.retain(|&j| j >= floor);
        starts.push(i);
        let below = label_below(lines, &graded, front_end);
        let found = starts.iter().find_map(|&j| {
            let above = if j < i {
                joined(lines, j, i - 1)
            } else {
                String::new()
            };
            let label = strip_row_number(format!("{above} {}", graded.label).trim()).to_string();
            if let Some(area) = Area::from_label(&label).filter(|_| !graded.stopped) {
                return Some((j, label, area, graded.grade, graded.last));
            }
            // A grade set beside the middle of a label (see `label_below`).
            if let Some((k, last)) = below {
                let whole = format!("{label} {}", lines[k].text.trim());
                if let Some(area) = Area::from_label(whole.trim()) {
                    return Some((j, whole.trim().to_string(), area, graded.grade, last));
                }
            }
            // The sentence's grade is read from the whole sentence:
            // "... require improvement to be / good" is not "good".
            let sentence = joined(lines, j, graded.last);
            overall_sentence_grade(&sentence)
                .map(|grade| (j, sentence, Area::Overall, Some(grade), graded.last))
        });
        let Some((first, label, area, grade, last)) = found else {
            i += 1;
            continue;
        };
        rows.push(Row {
            first,
            last,
            label,
            area,
            grade,
        });
        floor = last + 1;
        i = last + 1;
    }
    rows
}

/// Where a row's label goes on below its grade's line, and the row's last
/// line: set beside a wrapped label, the grade sits on its first or middle
/// line ("2. Children looked after and achieving" / "Good" / "permanence":
/// the rest in lower case); set over two lines beside a one-line label, the
/// grade's halves sit above and below it ("Requires improvement" /
/// "Overall effectiveness" / "to be good").
fn label_below(lines: &[Line], graded: &GradedLine, end: usize) -> Option<(usize, usize)> {
    if graded.stopped {
        return None;
    }
    // Set beside the line above, the grade leaves at most a blank line.
    let next_after = |line: usize| (line + 1..end.min(line + 3)).find(|&k| !lines[k].is_blank());
    let next = next_after(graded.last)?;
    if graded_line(lines, next, end).is_some() {
        return None;
    }
    if lines[next].text.trim().starts_with(char::is_lowercase) {
        return Some((next, next));
    }
    let rest = next_after(next)?;
    let grade_ends = graded.label.is_empty()
        && graded.grade == Some(Grade::RequiresImprovement)
        && lines[rest].text.trim().eq_ignore_ascii_case("to be good");
    grade_ends.then_some((next, rest))
}

/// A line that ends with a grade: its text before the grade, the grade, and
/// the last line the grade takes.
struct GradedLine {
    pub label: String,
    /// `None` for "Not judged".
    pub grade: Option<Grade>,
    pub last: usize,
    /// Whether a full stop follows the grade: only a sentence ends so.
    stopped: bool,
}

/// The grade that ends line `i`, or that starts on it and wraps onto the
/// next line before `end` ("Requires" / "improvement"): tables set grades in
/// a narrow column.
fn graded_line(lines: &[Line], i: usize, end: usize) -> Option<GradedLine> {
    let text = lines[i].text.trim_end();
    // A small authority's table may leave an area "Not judged".
    let lower = text.to_ascii_lowercase();
    if let Some(label) = lower.strip_suffix("not judged") {
        return Some(GradedLine {
            label: text[..label.len()].trim_end().to_string(),
            grade: None,
            last: i,
            stopped: false,
        });
    }
    // SIF's overall sentence may end with a full stop: "The overall
    // judgement is good." (only that sentence is read from such a line).
    // A footnote marker may end it too ("... are inadequate.2").
    let unmarked = without_stopped_footnote(text);
    let unstopped = unmarked.strip_suffix('.').unwrap_or(unmarked);
    if let Some((label, grade)) = split_trailing_grade(unstopped) {
        // A section heading prints its grade after a colon ("... help and
        // protection: outstanding"); a table row does not.
        if label.ends_with(':') {
            return None;
        }
        return Some(GradedLine {
            label: label.to_string(),
            grade: Some(grade),
            last: i,
            stopped: unstopped.len() < unmarked.len(),
        });
    }
    // The grade column wraps apart from the label's: the grade begins on
    // this line ("Requires", "Requires improvement to"), its rest ends the
    // next line ("... achieving Requires" / "permanence Improvement",
    // "... families Requires improvement to" / "be good"), and what stands
    // before the rest goes on with the label.
    let begun = word_starts(text).into_iter().rev().find(|&start| {
        let word = text[start..].split_whitespace().next().unwrap_or("");
        ["requires", "require"]
            .iter()
            .any(|requires| word.eq_ignore_ascii_case(requires))
    })?;
    let (label, first) = (text[..begun].trim_end(), &text[begun..]);
    // A heading prints its grade after a colon; a table row does not.
    if label.ends_with(':') {
        return None;
    }
    let next = next_line(lines, i, end)?;
    let next_text = without_stopped_footnote(lines[next].text.trim());
    let unstopped = next_text.strip_suffix('.');
    if let Some((more, grade)) = grade_rest(first, unstopped.unwrap_or(next_text)) {
        return Some(GradedLine {
            label: format!("{label} {more}").trim().to_string(),
            grade: Some(grade),
            last: next,
            stopped: unstopped.is_some(),
        });
    }
    // Or the grade's halves stand above and below a label line of its own
    // ("Requires" / "2.1 Adoption performance" / "Improvement").
    let after = next_line(lines, next, end).filter(|_| label.is_empty())?;
    match grade_rest(first, lines[after].text.trim())? {
        ("", grade) => Some(GradedLine {
            label: next_text.to_string(),
            grade: Some(grade),
            last: after,
            stopped: false,
        }),
        _ => None,
    }
}

/// The next line after `i` that is not blank, before `end`.
fn next_line(lines: &[Line], i: usize, end: usize) -> Option<usize> {
    (i + 1..end).find(|&j| !lines[j].is_blank())
}

/// The grade that `first` ("Requires") begins and the end of `text`
/// completes, and the words of `text` before it: "permanence Improvement"
/// -> ("permanence", requires improvement). The longest grade is taken.
fn grade_rest<'a>(first: &str, text: &'a str) -> Option<(&'a str, Grade)> {
    let mut starts = word_starts(text);
    starts.push(text.len());
    starts.into_iter().find_map(|start| {
        let rest = text[start..].trim();
        if rest.is_empty() {
            return None;
        }
        let grade = Grade::parse(&format!("{first} {rest}"))?;
        Some((text[..start].trim_end(), grade))
    })
}

/// A line without the footnote marker glued to its end, after its full
/// stop or its last word, in figures or superscript: "improvement.2" ->
/// "improvement.", "inadequate\u{b2}" -> "inadequate". A marker has one or
/// two digits; a number after a space is not one.
fn without_stopped_footnote(text: &str) -> &str {
    let unnumbered = text.trim_end_matches(|c: char| c.is_ascii_digit() || is_superscript_digit(c));
    let digits = text[unnumbered.len()..].chars().count();
    let glued = unnumbered.ends_with(|c: char| c == '.' || c.is_alphabetic());
    if (1..=2).contains(&digits) && glued {
        unnumbered
    } else {
        text
    }
}

/// The grade of SIF's overall sentence, read from its end: "The overall
/// judgement is requires improvement", "The overall judgement is that
/// children's services are good", "Children's services in Havering require
/// improvement to be good".
fn overall_sentence_grade(sentence: &str) -> Option<Grade> {
    let text = without_stopped_footnote(sentence.trim()).trim_end_matches('.');
    // The sentence is the whole of its lines: narrative that goes on past
    // one ("... are good. Senior leaders ... to require improvement") is not it.
    if text.contains(". ") {
        return None;
    }
    let lower = text.to_lowercase();
    let opens = ["the overall judgement is", "children's services"]
        .iter()
        .any(|start| lower.starts_with(start));
    if !opens {
        return None;
    }
    let starts = word_starts(text);
    // Longest wording first: "require improvement to be good" is not "good".
    [5, 2, 1].iter().find_map(|&count| {
        let start = *starts.get(starts.len().checked_sub(count)?)?;
        let grade = Grade::parse(&text[start..])?;
        // "require(s) improvement" is its own verb; the other grades follow one.
        let subject = lower[..start].trim_end();
        let verb = grade == Grade::RequiresImprovement
            || [" are", " is", " that"]
                .iter()
                .any(|end| subject.ends_with(end));
        verb.then_some(grade)
    })
}

/// Up to `count` non-blank lines above line `i`, nearest last, across no
/// more blank lines than a page break leaves.
fn lines_above(lines: &[Line], i: usize, count: usize) -> Vec<usize> {
    let mut above = Vec::with_capacity(count);
    let mut blanks = 0;
    for j in (0..i).rev() {
        if above.len() == count || blanks > PAGE_BREAK_BLANKS {
            break;
        }
        if lines[j].is_blank() {
            blanks += 1;
        } else {
            above.push(j);
            blanks = 0;
        }
    }
    above.reverse();
    above
}

/// "2.1 Adoption performance" -> "Adoption performance".
fn strip_row_number(label: &str) -> &str {
    let rest = label.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    if rest.len() < label.len() && rest.starts_with(' ') {
        rest.trim_start()
    } else {
        label
    }
}

#[cfg(test)]
mod tests {
    use super::overall_sentence_grade;
    use crate::ingest::layout::BlockKind;
    use crate::ingest::layout::laid_out as layout;
    use crate::model::{Area, Grade};

    #[test]
    fn table_rows_take_labels_and_grades_split_across_lines() {
        let text = "\
Judgement Grade
The impact of leaders on social work
practice with children and families
Inadequate
The experiences and progress of children in care and care
leavers Outstanding
2.1 Adoption performance Requires improvement
Overall effectiveness Requires improvement to be good
What needs to improve?";
        let row = |area, grade, label: &str| {
            (
                BlockKind::Row {
                    area,
                    grade: Some(grade),
                },
                label.to_string(),
            )
        };
        let rows: Vec<(BlockKind, String)> = layout(text)
            .into_iter()
            .filter(|b| matches!(b.0, BlockKind::Row { .. }))
            .collect();
        assert_eq!(
            rows,
            [
                row(
                    Area::Leadership,
                    Grade::Inadequate,
                    "The impact of leaders on social work practice with children and families"
                ),
                row(
                    Area::ChildrenInCareAndCareLeavers,
                    Grade::Outstanding,
                    "The experiences and progress of children in care and care leavers"
                ),
                row(
                    Area::Adoption,
                    Grade::RequiresImprovement,
                    "Adoption performance"
                ),
                row(
                    Area::Overall,
                    Grade::RequiresImprovement,
                    "Overall effectiveness"
                ),
            ]
        );
    }

    #[test]
    fn a_grade_set_beside_the_middle_of_its_label_is_the_labels() {
        // pdftotext -layout centres a table's grade on its row's lines.
        let text = "\
 Judgement                                                     Grade
 2. Children looked after and achieving
                                                               Good
    permanence
 The experiences and progress of children in care and care     Inadequate
 leavers
                                                               Requires improvement
 Overall effectiveness
                                                               to be good
What needs to improve?";
        let rows: Vec<(BlockKind, String)> = layout(text)
            .into_iter()
            .filter(|b| matches!(b.0, BlockKind::Row { .. }))
            .collect();
        let row = |area, grade| BlockKind::Row {
            area,
            grade: Some(grade),
        };
        assert_eq!(
            rows,
            [
                (
                    row(Area::ChildrenLookedAfter, Grade::Good),
                    "Children looked after and achieving permanence".to_string()
                ),
                (
                    row(Area::ChildrenInCareAndCareLeavers, Grade::Inadequate),
                    "The experiences and progress of children in care and care leavers".to_string()
                ),
                (
                    row(Area::Overall, Grade::RequiresImprovement),
                    "Overall effectiveness".to_string()
                ),
            ]
        );
    }

    #[test]
    fn a_grade_column_that_wraps_apart_from_its_labels() {
        // Blackpool 2014 as pdftotext -layout gives it.
        let text = "\
The overall judgement is that children\u{2019}s services require
improvement.2
The judgements on areas of the service that contribute to overall effectiveness are:
                                                                       Requires
1. Children who need help and protection
                                                                       Improvement
2. Children looked after and achieving                                 Requires
   permanence                                                          Improvement
                                                                       Requires
            2.1 Adoption performance
                                                                       Improvement
Executive summary";
        let rows: Vec<(Area, Option<Grade>)> = layout(text)
            .into_iter()
            .filter_map(|b| match b.0 {
                BlockKind::Row { area, grade } => Some((area, grade)),
                _ => None,
            })
            .collect();
        let ri = Some(Grade::RequiresImprovement);
        assert_eq!(
            rows,
            [
                (Area::Overall, ri),
                (Area::HelpAndProtection, ri),
                (Area::ChildrenLookedAfter, ri),
                (Area::Adoption, ri),
            ]
        );
    }

    #[test]
    fn a_grade_of_several_words_that_wraps_in_its_column() {
        // Bradford 2018, Oxfordshire 2018: "Requires improvement to" /
        // "be good" beside a label's last line.
        let text = "\
Judgement  Grade
The impact of leaders on social work practice with
children and families   Requires improvement to
be good
The experiences and progress of children who need
help and protection   Inadequate
Overall effectiveness  Inadequate
Services for children in Bradford have rapidly deteriorated.
What needs to improve:";
        let blocks = layout(text);
        let rows: Vec<(Area, Option<Grade>, &str)> = blocks
            .iter()
            .filter_map(|(kind, text)| match kind {
                BlockKind::Row { area, grade } => Some((*area, *grade, text.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(
            rows,
            [
                (
                    Area::Leadership,
                    Some(Grade::RequiresImprovement),
                    "The impact of leaders on social work practice with children and families"
                ),
                (
                    Area::HelpAndProtection,
                    Some(Grade::Inadequate),
                    "The experiences and progress of children who need help and protection"
                ),
                (
                    Area::Overall,
                    Some(Grade::Inadequate),
                    "Overall effectiveness"
                ),
            ]
        );
    }

    #[test]
    fn the_sif_overall_sentence_is_a_row_however_it_wraps() {
        let text = "Report published: 3 August 2015\nChildren\u{2019}s services in the Royal Borough of Kingston upon\n\
                    Thames are good\nGood leadership means that children are protected.\nContents";
        let blocks = layout(text);
        assert_eq!(
            blocks[1],
            (
                BlockKind::Row {
                    area: Area::Overall,
                    grade: Some(Grade::Good)
                },
                "Children's services in the Royal Borough of Kingston upon Thames are good"
                    .to_string()
            )
        );
        assert_eq!(
            blocks[2].1,
            "Good leadership means that children are protected."
        );
    }

    #[test]
    fn sif_2013_2015_fronts_wrap_grades_and_verbs() {
        let text = "Inspection date: 6 to 30 July 2015\n\
                    Children\u{2019}s services in Cheshire East require improvement to be\ngood\n\
                    1. Children who need help and protection Requires\nimprovement\n\
                    The overall judgement is requires improvement\nContents";
        let rows: Vec<(BlockKind, String)> = layout(text)
            .into_iter()
            .filter(|b| matches!(b.0, BlockKind::Row { .. }))
            .collect();
        let row = |area| BlockKind::Row {
            area,
            grade: Some(Grade::RequiresImprovement),
        };
        // The sentence's grade is "require improvement to be good", never "good".
        assert_eq!(rows[0].0, row(Area::Overall));
        assert_eq!(
            rows[1],
            (
                row(Area::HelpAndProtection),
                "Children who need help and protection".to_string()
            )
        );
        assert_eq!(rows[2].0, row(Area::Overall));
        assert_eq!(
            overall_sentence_grade(
                "Children's services in Sheffield are good. Senior leaders were judged to require improvement"
            ),
            None
        );
    }

    #[test]
    fn an_area_the_table_leaves_not_judged_is_a_row_without_a_grade() {
        let text = "Inspection date: 11 April 2016\n2.1 Adoption performance Not Judged\nContents";
        let rows: Vec<BlockKind> = layout(text)
            .into_iter()
            .map(|b| b.0)
            .filter(|kind| matches!(kind, BlockKind::Row { .. }))
            .collect();
        assert_eq!(
            rows,
            [BlockKind::Row {
                area: Area::Adoption,
                grade: None
            }]
        );
    }
}
