//! The front of a report: what it is, whose it is, and when it was inspected.

use super::IngestError;
use super::lines::Line;
use super::templates::{Ending, NOT_READ_YET, NameAt, TEMPLATES, Template};
use super::wording;
use super::wording::{Period, date, split_trailing_grade, tidy};
use crate::model::{Area, Authority, Date, Framework, Grade, InspectionType};

/// What the first page says about the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Front {
    /// The template of the report's kind, which names its framework.
    pub template: &'static Template,
    pub authority: Authority,
    /// The title block as printed, lines joined.
    pub title: String,
    pub inspected_from: Date,
    pub inspected_to: Date,
    /// Short or standard, by the days on site, for ILACS.
    pub inspection_type: Option<InspectionType>,
    pub published: Option<Date>,
    /// The line of the inspection dates; front-page narrative comes after it.
    pub dates_line: usize,
}

/// How far into a report its title, dates and judgement table stand.
pub(crate) const FRONT_LINES: usize = 150;

/// Kinds of Ofsted publication that are not full inspection reports, by the
/// words their titles use.
const UNSUPPORTED: &[(&str, &str)] = &[
    ("monitoring visit", "monitoring visit letter"),
    ("focused visit", "focused visit letter"),
    (
        "joint targeted area inspection",
        "joint targeted area inspection letter",
    ),
];

/// The lead inspector the report names after one of its template's labels
/// (SIF and SLAC on the first page, ILACS at its end), if it names one.
pub(crate) fn lead_inspector(lines: &[Line], template: &Template) -> Option<String> {
    lines
        .iter()
        .find_map(|line| wording::lead_inspector(&line.text, template.lead_inspector))
        .map(|name| wording::collapse_spaces(name).into_owned())
}

/// Reads the front of a report, refusing what no template's title names.
pub(crate) fn read(lines: &[Line]) -> Result<Front, IngestError> {
    let front = &lines[..lines.len().min(FRONT_LINES)];
    let dates_at = front
        .iter()
        .position(|l| l.text.to_lowercase().starts_with("inspection date"));
    let title_end = dates_at.unwrap_or(front.len().min(20));
    let title_lines: Vec<&Line> = front[..title_end]
        .iter()
        .filter(|l| !l.is_blank())
        .collect();
    let joined = title_lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let title = tidy(&joined).into_owned();
    // ASCII case folding keeps byte offsets in `lower` valid in `title`.
    let lower = title.to_ascii_lowercase();

    // A title may wrap anywhere: looked for in the joined title too.
    let titled = |words: &str| {
        title_lines
            .iter()
            .find(|l| plain(&l.text).contains(words))
            .or_else(|| {
                lower
                    .contains(words)
                    .then_some(title_lines.first())
                    .flatten()
            })
            .map(|l| l.number)
    };
    for (words, what) in UNSUPPORTED {
        if let Some(line) = titled(words) {
            return Err(IngestError::Unsupported { what, line });
        }
    }
    for (words, what) in NOT_READ_YET {
        if let Some(line) = titled(words) {
            return Err(IngestError::EarlierFramework { what, line });
        }
    }
    let Some((template, authority)) = TEMPLATES
        .into_iter()
        .find_map(|template| Some((template, titled_name(template, &title, &lower)?)))
    else {
        return Err(IngestError::NotAReport {
            reason: "its first lines hold no title \"Inspection of ... local authority children's services\", \
                     \"Inspection of services for children in need of help and protection\" \
                     or \"Inspection of looked after children services\"",
        });
    };
    let framework = template.framework;
    if !template.grades_with(Grade::Adequate) {
        refuse_old_scale(front)?;
    }
    if authority.trim().is_empty() {
        return Err(IngestError::Missing {
            what: "the authority's name in the title",
        });
    }
    let dates_at = dates_at.ok_or(IngestError::Missing {
        what: "the inspection dates (\"Inspection dates: ...\")",
    })?;
    let period = period_at(front, dates_at)?;
    Ok(Front {
        template,
        authority: Authority::from_printed_name_on(authority, period.to),
        title,
        inspected_from: period.from,
        inspected_to: period.to,
        inspection_type: (framework == Framework::Ilacs)
            .then(|| InspectionType::of_days_on_site(period.days)),
        published: published(&front[dates_at..], template.published)?,
        dates_line: front[dates_at].number,
    })
}

/// The name before a second inspection's title, "Somerset County Council
/// Re-inspection of services ...", without the "Re-" that begins the title
/// however the extractor broke or spaced it ("Re-", "Re -", "Re").
fn without_re(name: &str) -> &str {
    let name = name
        .trim_end()
        .trim_end_matches(['-', '\u{2010}', '\u{2011}', '\u{2013}']);
    let name = name.trim_end();
    match name.rsplit_once(' ') {
        Some((before, "Re" | "re" | "RE")) => before.trim_end(),
        None if name.eq_ignore_ascii_case("re") => "",
        _ => name,
    }
}

/// The authority's name in a title of `template`'s, if the title is one.
fn titled_name<'a>(template: &Template, title: &'a str, lower: &str) -> Option<&'a str> {
    template.titles.iter().find_map(|form| match form.name {
        NameAt::Before => lower.find(form.words).map(|at| without_re(&title[..at])),
        NameAt::After => lower
            .find(form.words)
            .map(|at| title[at + form.words.len()..].trim()),
        NameAt::Within => ilacs_title_name(title, lower, form.words),
        NameAt::Board => lower
            .contains(form.words)
            .then(|| board_name(title, lower))
            .flatten(),
    })
}

/// The board's name in the title of its review published alone: the words
/// before "(Local) Safeguarding Children Board" that are not the title's
/// own ("... of the local safeguarding children board"), after any running
/// header above them (cut at its last colon or figure): "Inspection of the
/// effectiveness of the local safeguarding children board: Hull 1 Kingston
/// upon Hull Safeguarding Children Board" -> "Kingston upon Hull". `lower`
/// is `title` in ASCII lower case.
fn board_name<'a>(title: &'a str, lower: &str) -> Option<&'a str> {
    const BOARD: &str = "safeguarding children board";
    let mut from = 0;
    for (at, _) in lower.match_indices(BOARD) {
        let before = &title[from..at];
        from = at + BOARD.len();
        let segment = before
            .rsplit(|c: char| c == ':' || c.is_ascii_digit())
            .next()
            .unwrap_or(before)
            .trim();
        let name = match segment.len().checked_sub(" local".len()) {
            Some(cut)
                if segment
                    .get(cut..)
                    .is_some_and(|tail| tail.eq_ignore_ascii_case(" local")) =>
            {
                segment[..cut].trim_end()
            }
            _ => segment,
        };
        let words = name.to_ascii_lowercase();
        let the_titles = words.is_empty()
            || words == "the"
            || words.ends_with(" the")
            || words.contains("effectiveness");
        if !the_titles {
            return Some(name);
        }
    }
    None
}

/// The authority an ILACS title names (`opening` is "inspection of "): "Inspection of Kent County Council
/// children's services", "Inspection of Slough local authority children's
/// services", "Inspection of Bradford Children and Families Trust" (a trust
/// that runs a council's children's services), or, where the name stands
/// above the title, "Halton Borough Council Inspection of local authority
/// children's services" or "... Inspection of children's social care
/// services". `lower` is `title` in ASCII lower case, so their byte offsets
/// agree.
fn ilacs_title_name<'a>(title: &'a str, lower: &str, opening: &str) -> Option<&'a str> {
    let start = lower.find(opening)?;
    let name_start = start + opening.len();
    let after = &lower[name_start..];
    let end = name_start
        + ["children's services", "children's social care services"]
            .iter()
            .filter_map(|words| after.find(words))
            .min()
            .or_else(|| after.find(" trust").map(|at| at + " trust".len()))?;
    let inside = title[name_start..end].trim_end();
    let inside = match inside.len().checked_sub("local authority".len()) {
        Some(cut) if lower[name_start..name_start + inside.len()].ends_with("local authority") => {
            title[name_start..name_start + cut].trim_end()
        }
        _ => inside,
    };
    Some(if inside.is_empty() {
        title[..start].trim()
    } else {
        inside
    })
}

/// Refuses a text that stops before Ofsted's closing page, or that goes on
/// into a second report after it (its own dates line, or a second closing page).
pub(crate) fn check_whole(lines: &[Line], template: &Template) -> Result<(), IngestError> {
    let starts = |line: &Line, words: &str| line.text.to_lowercase().starts_with(words);
    let closing = |line: &Line| closes(lines, line);
    let ending = match template.ending {
        Ending::ClosingPage => first_closing_page(lines),
        Ending::RecordOfMainFindings => lines
            .iter()
            .position(|line| starts(line, "record of main findings")),
    };
    let Some(first_closing) = ending else {
        let last = lines
            .iter()
            .rev()
            .find(|l| !l.is_blank())
            .map_or(0, |l| l.number);
        return Err(IngestError::Truncated {
            line: last,
            ending: template.ending.described(),
        });
    };
    let dates: Vec<&Line> = lines
        .iter()
        .filter(|l| starts(l, "inspection date"))
        .collect();
    let second_start = dates.get(1).map(|l| l.number);
    let second_closing = lines[first_closing + 1..]
        .iter()
        .find(|l| closing(l))
        .map(|l| l.number);
    match second_start.into_iter().chain(second_closing).min() {
        Some(line) => Err(IngestError::Concatenated { line }),
        None => Ok(()),
    }
}

/// Where Ofsted's closing page begins, if the text has one.
pub(crate) fn first_closing_page(lines: &[Line]) -> Option<usize> {
    lines.iter().position(|line| closes(lines, line))
}

/// Whether `line` opens Ofsted's closing page.
fn closes(lines: &[Line], line: &Line) -> bool {
    line.text
        .to_lowercase()
        .starts_with("the office for standards in education")
        || glued_closing(lines, line)
}

/// The closing page glued to the end of the line before it by the
/// extractor ("...enquiries@ofsted.gov.uk.he Office for Standards in
/// Education, Children's Services and Skills (Ofsted)"), known by the words
/// that always follow it: "regulates and inspects".
fn glued_closing(lines: &[Line], line: &Line) -> bool {
    const NAME: &str = "office for standards in education, children's services and skills (ofsted)";
    // The cheap test first: most lines do not end so.
    if !line.text.trim_end().ends_with("(Ofsted)")
        || !line.text.to_lowercase().trim_end().ends_with(NAME)
    {
        return false;
    }
    lines
        .iter()
        .skip_while(|l| l.number <= line.number)
        .find(|l| !l.is_blank())
        .is_some_and(|next| {
            next.text
                .to_lowercase()
                .starts_with("regulates and inspects")
        })
}

/// Lower case, for matching wording (quotes are plain since `lines::clean`).
fn plain(text: &str) -> String {
    text.to_lowercase()
}

/// The period after "Inspection dates:", which may wrap onto the next line.
pub(crate) fn period_at(front: &[Line], at: usize) -> Result<Period, IngestError> {
    let line = &front[at];
    let after_colon = line.text.split_once(':').map_or("", |(_, rest)| rest);
    let next = front[at + 1..]
        .iter()
        .find(|l| !l.is_blank())
        .map_or("", |l| l.text.as_str());
    // A period, on its line or wrapped onto the next ("12 January 2015" /
    // "– 5 February 2015"); only then, on the dates line alone, a single
    // date is a period of one day.
    wording::inspection_period(after_colon)
        .or_else(|| wording::inspection_period(&format!("{after_colon} {next}")))
        .or_else(|| date(after_colon).map(Period::one_day))
        .ok_or_else(|| IngestError::BadDate {
            line: line.number,
            text: line.text.clone(),
        })
}

/// The date after "Report published:", where the report prints one.
pub(crate) fn published(after_dates: &[Line], label: &str) -> Result<Option<Date>, IngestError> {
    let Some(line) = after_dates
        .iter()
        .take(12)
        .find(|l| l.text.to_lowercase().starts_with(label))
    else {
        return Ok(None);
    };
    let text = line.text.split_once(':').map_or("", |(_, rest)| rest);
    date(text).map(Some).ok_or_else(|| IngestError::BadDate {
        line: line.number,
        text: line.text.clone(),
    })
}

/// Pre-2013 reports grade areas "adequate", a grade the scale of SIF and
/// ILACS does not have: such a grade under a later title is refused (a
/// report of 2009-2013 is read by its own title's template).
fn refuse_old_scale(front: &[Line]) -> Result<(), IngestError> {
    for (i, line) in front.iter().enumerate() {
        let Some((label, last)) = line
            .text
            .trim_end()
            .rsplit_once(' ')
            .or(Some(("", line.text.trim())))
        else {
            continue;
        };
        if !last.eq_ignore_ascii_case("adequate") || split_trailing_grade(&line.text).is_some() {
            continue;
        }
        let previous = front[..i]
            .iter()
            .rev()
            .find(|l| !l.is_blank())
            .map_or("", |l| l.text.as_str());
        let names_area = Area::from_label(label).is_some()
            || Area::from_label(&format!("{previous} {label}")).is_some();
        if names_area || plain(&line.text).contains("grade 3") {
            return Err(IngestError::OldScale {
                line: line.number,
                wording: line.text.clone(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::lines::clean;

    #[test]
    fn a_boards_review_names_the_board_apart_from_its_title() {
        fn name(title: &str) -> Option<&str> {
            board_name(title, &title.to_ascii_lowercase())
        }
        assert_eq!(
            name(
                "Inspection of the effectiveness of the local safeguarding children board: Hull 1 \
                 Kingston upon Hull Safeguarding Children Board Inspection of the effectiveness \
                 of the local safeguarding children board"
            ),
            Some("Kingston upon Hull")
        );
        assert_eq!(
            name(
                "Leeds Local Safeguarding Children Board Review of the effectiveness of the Local Safeguarding Children Board"
            ),
            Some("Leeds")
        );
        assert_eq!(
            name("Inspection of the effectiveness of the local safeguarding children board"),
            None
        );
    }

    #[test]
    fn reads_an_ilacs_front_with_the_name_inside_the_title() {
        let text = "Inspection of City of Bradford\nMetropolitan Borough Council local\nauthority children\u{2019}s services\n\
                    Inspection dates: 21 November to 2 December 2022\nLead inspector: Matt Reed";
        let front = read(&clean(text)).unwrap();
        assert_eq!(front.template.framework, Framework::Ilacs);
        assert_eq!(front.authority.name, "Bradford");
        assert_eq!(front.inspected_from.to_string(), "2022-11-21");
        assert_eq!(front.inspected_to.to_string(), "2022-12-02");
        assert_eq!(front.published, None);
        assert_eq!(front.dates_line, 4);
    }

    #[test]
    fn refuses_monitoring_visits_and_the_old_scale_with_their_line() {
        let visit = "\nMonitoring visit to Slough local authority children\u{2019}s services\nInspection dates: 1 to 2 May 2022";
        assert!(matches!(
            read(&clean(visit)),
            Err(IngestError::Unsupported { line: 2, .. })
        ));
        let old = "Inspection of services for children in need of help and protection\n\nOverall effectiveness\nAdequate\n";
        assert!(matches!(
            read(&clean(old)),
            Err(IngestError::OldScale { line: 4, .. })
        ));
    }

    #[test]
    fn refuses_text_without_a_report_title() {
        let readme = "# inspection-kb\n\nA Rust library.\nInspection dates: 1 to 2 May 2022";
        assert!(matches!(
            read(&clean(readme)),
            Err(IngestError::NotAReport { .. })
        ));
    }

    #[test]
    fn reads_the_authority_of_every_title_wording() {
        let cases = [
            (
                "Inspection of Bradford Children and Families Trust\nInspection dates: 12 to 23 January 2026",
                "Bradford",
                Framework::Ilacs,
            ),
            (
                "Halton Borough Council\nInspection of local authority children\u{2019}s social care services\nInspection dates: 4 to 15 March 2019",
                "Halton",
                Framework::Ilacs,
            ),
            (
                "Somerset County Council\nRe-\ninspection of services for children in need of help and protection\nInspection dates: 9 to 20 June 2015",
                "Somerset",
                Framework::Sif,
            ),
            (
                "Somerset County Council Re -\ninspection of services for children in need of help and protection\nInspection dates: 9 to 20 June 2015",
                "Somerset",
                Framework::Sif,
            ),
        ];
        for (text, name, framework) in cases {
            let front = read(&clean(text)).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(front.authority.name, name, "{text}");
            assert!(front.authority.code.is_some(), "{text}");
            assert_eq!(front.template.framework, framework, "{text}");
        }
    }

    #[test]
    fn an_inspection_of_one_day_is_a_period_of_one_day() {
        let text = "Inspection of Slough local authority children's services\nInspection date: 28 July 2016";
        let front = read(&clean(text)).unwrap();
        assert_eq!(front.inspected_from.to_string(), "2016-07-28");
        assert_eq!(front.inspected_to.to_string(), "2016-07-28");
        assert_eq!(front.inspection_type, Some(InspectionType::Short));
    }

    #[test]
    fn a_period_wrapped_after_its_first_day_is_not_one_day() {
        let text = "Inspection of Slough local authority children's services\nInspection dates: 12 January 2015\n\u{2013} 5 February 2015";
        let front = read(&clean(text)).unwrap();
        assert_eq!(front.inspected_from.to_string(), "2015-01-12");
        assert_eq!(front.inspected_to.to_string(), "2015-02-05");
    }

    #[test]
    fn unreadable_dates_name_their_line() {
        let text =
            "Inspection of Slough local authority children's services\nInspection dates: soon";
        assert!(matches!(
            read(&clean(text)),
            Err(IngestError::BadDate { line: 2, .. })
        ));
    }
}
