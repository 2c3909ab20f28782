//! General rules of how reports are laid out, each shown on a seed report
//! edited into a layout that published reports use (found in the
//! development corpus): the rule must read the edited report as the
//! report states it.

mod common;
use common::seed_text;

use inspection_kb::{Area, Grade, Kind, Report, Section, Warning};

/// `text` with the first `from` replaced, which must be there: an edit
/// that misses would test the seed as it is.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "the seed has `{from}`");
    text.replacen(from, to, 1)
}

fn recommendations(report: &Report) -> Vec<&str> {
    report
        .of_kind(Kind::Recommendation)
        .map(|r| r.text.as_str())
        .collect()
}

/// Lower-cases the first letter after each of Slough's recommendation bullets.
fn slough_with_lower_case_bullets() -> String {
    seed_text("slough-2023-ilacs.txt")
        .lines()
        .map(|line| match line.strip_prefix("\u{25fc} The ") {
            Some(rest) => format!("\u{25fc} the {rest}"),
            None => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn recommendations_in_lower_case_are_one_each() {
    // Sheffield 2019, Bradford 2018: "◼ the use of screening tools ...".
    let report = Report::parse(&slough_with_lower_case_bullets()).unwrap();
    let found = recommendations(&report);
    assert_eq!(found.len(), 7, "{found:#?}");
    assert!(found[0].starts_with("the scrutiny by senior leaders"));
    assert!(found[6].starts_with("the timeliness and oversight of placement"));
}

#[test]
fn bullets_under_a_bullet_that_ends_with_a_colon_are_its_parts() {
    let text = edit(
        &slough_with_lower_case_bullets(),
        "\u{25fc} the scrutiny by senior leaders of the council",
        "\u{25fc} Leaders should improve:\n\u{25fc} the scrutiny by senior leaders of the council",
    );
    let report = Report::parse(&text).unwrap();
    let found = recommendations(&report);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].starts_with("Leaders should improve:")
            && found[0].contains("the scrutiny")
            && found[0].ends_with("connected persons arrangements."),
        "{}",
        found[0]
    );
}

#[test]
fn a_graded_heading_may_be_a_sentence_over_two_lines() {
    // East Sussex 2018: "The experiences and progress of children who need
    // help and" / "protection are good"; Nottingham 2019: "... protection
    // requires improvement to be good." Without it the findings after it
    // would be read as recommendations.
    let whole = Report::parse(&seed_text("slough-2023-ilacs.txt")).unwrap();
    for heading in [
        "protection is requires improvement to be good",
        "protection requires improvement to be good.",
        "protection: Requires improvement to be good.",
    ] {
        let text = edit(
            &seed_text("slough-2023-ilacs.txt"),
            "protection: requires improvement to be good",
            heading,
        );
        let report = Report::parse(&text).unwrap();
        assert_eq!(report.warnings, [], "{heading}");
        assert_eq!(
            recommendations(&report),
            recommendations(&whole),
            "{heading}"
        );
        let first = report.paragraph(1).unwrap();
        assert_eq!(first.section, Section::HelpAndProtection, "{heading}");
    }
}

#[test]
fn the_last_inspections_judgements_in_the_context_are_facts_not_grades() {
    // Sandwell 2018, a re-inspection: its context section lists the 2015
    // judgements, one a line, as the body's graded headings print theirs.
    let recalled = "\u{f0b7} The last inspection report was published in March 2013. The judgements were:\n\
                    Children who need help and protection: Inadequate.\n\
                    Children looked after and achieving permanence: Requires improvement.\n\
                    Leadership, management and governance: Good.\n";
    let text = edit(
        &seed_text("leeds-2015-sif.txt"),
        " Other Ofsted inspections",
        &format!("{recalled} Other Ofsted inspections"),
    );
    let whole = Report::parse(&seed_text("leeds-2015-sif.txt")).unwrap();
    let report = Report::parse(&text).unwrap();
    assert_eq!(report.warnings, []);
    for area in [
        Area::HelpAndProtection,
        Area::ChildrenLookedAfter,
        Area::Leadership,
    ] {
        assert_eq!(report.grade_of(area), whole.grade_of(area), "{area}");
    }
    // The seed's own grades, from its table, differ from those recalled.
    assert_eq!(whole.grade_of(Area::Leadership), Some(Grade::Outstanding));
    assert_eq!(whole.grade_of(Area::HelpAndProtection), Some(Grade::Good));
    let facts: Vec<&str> = report
        .of_kind(Kind::Fact)
        .map(|r| r.text.as_str())
        .filter(|t| t.ends_with(": Requires improvement."))
        .collect();
    assert_eq!(
        facts,
        ["Children looked after and achieving permanence: Requires improvement."]
    );
}

/// The sections of a report's records, and how many of each kind each has.
fn sections(report: &Report) -> Vec<(Section, Kind, usize)> {
    let mut counts: Vec<(Section, Kind, usize)> = Vec::new();
    for record in &report.records {
        match counts
            .iter_mut()
            .find(|(s, k, _)| (*s, *k) == (record.section, record.kind))
        {
            Some((_, _, n)) => *n += 1,
            None => counts.push((record.section, record.kind, 1)),
        }
    }
    counts
}

#[test]
fn other_wordings_of_the_strengths_and_the_summary_for_children() {
    // Barnsley 2014: "The local authority has the following strengths:";
    // Ealing 2016: "Summary for children".
    let text = edit(
        &seed_text("rotherham-2014-sif.txt"),
        "The local authority\u{2019}s strengths \n27.",
        "The local authority has the following strengths: \n27.",
    );
    let text = edit(
        &text,
        " 8 \nSummary for children and young people \n",
        " 8 \nSummary for children \n",
    );
    let whole = Report::parse(&seed_text("rotherham-2014-sif.txt")).unwrap();
    let report = Report::parse(&text).unwrap();
    assert_eq!(sections(&report), sections(&whole));
}

#[test]
fn the_boards_recommendations_under_its_own_subheadings_in_2014() {
    // Barking and Dagenham 2014: the board's grade, then "Areas for
    // improvement" (or "Priority and immediate action") and its
    // recommendations, then "Key strengths and weaknesses of the LSCB".
    let text = edit(
        &seed_text("rotherham-2014-sif.txt"),
        " 41 \nWhat does the LSCB need to improve? \n",
        " 41 \n",
    );
    let text = edit(
        &text,
        "Inspection judgement about the LSCB \n167.",
        "Key strengths and weaknesses of the LSCB \n167.",
    );
    let text = edit(
        &text,
        "158. Increase the pace of both change and coordination of LSCB-related \n\
         improvement and the evaluation of impact. \n",
        "158. There are no areas for priority or immediate action. \n",
    );
    let report = Report::parse(&text).unwrap();
    let board: Vec<u32> = report
        .of_kind(Kind::Recommendation)
        .filter(|r| r.section == Section::LscbRecommendations)
        .filter_map(|r| r.paragraph)
        .collect();
    assert_eq!(board, (159..=166).collect::<Vec<u32>>());
    let none = report.paragraph(158).unwrap();
    assert_eq!(
        (none.kind, none.section),
        (Kind::Finding, Section::LscbRecommendations),
        "saying there is no priority action recommends nothing"
    );
    assert_eq!(report.paragraph(167).unwrap().section, Section::Lscb);
    assert_eq!(report.paragraph(167).unwrap().kind, Kind::Finding);
}

#[test]
fn the_boards_grade_from_its_summary_where_the_grade_sentence_is_misprinted() {
    // Somerset 2015 prints "The Local Safeguarding Children is inadequate".
    let misprinted = edit(
        &seed_text("rotherham-2014-sif.txt"),
        "The Local Safeguarding Children Board is inadequate \n",
        "The Local Safeguarding Children is inadequate \n",
    );
    let report = Report::parse(&misprinted).unwrap();
    assert_eq!(report.warnings, []);
    assert_eq!(report.grade_of(Area::Lscb), Some(Grade::Inadequate));

    // Without the summary's statement too, the grade is not read, and the
    // report says so rather than guess.
    let unread = edit(&misprinted, "The LSCB is inadequate because: \n", "");
    let report = Report::parse(&unread).unwrap();
    assert_eq!(report.grade_of(Area::Lscb), None);
    assert!(
        matches!(report.warnings[..], [Warning::UnreadBoardGrade { .. }]),
        "{:?}",
        report.warnings
    );
}

#[test]
fn the_closing_page_run_into_the_last_paragraph_is_not_the_reports() {
    // Luton 2022, Thurrock 2024, Doncaster 2017: the extractor leaves no
    // break between the last paragraph and Ofsted's closing page, which
    // then reads as the paragraph's end, and its licence and copyright
    // lines as findings.
    let seed = seed_text("slough-2023-ilacs.txt");
    let glued = edit(
        &seed,
        "unassessed.  \n \n \nInspection of Slough local authority children\u{2019}s services \n23 January to 3 February 2023 12 \n  \n \nThe Office",
        "unassessed. The Office",
    );
    let report = Report::parse(&glued).unwrap();
    let as_published = Report::parse(&seed).unwrap();
    let last = report.paragraph(61).unwrap();
    assert!(
        last.text.ends_with("some risks are unassessed."),
        "{}",
        last.text
    );
    assert_eq!(last.text, as_published.paragraph(61).unwrap().text);
    assert_eq!(report.records, as_published.records);
    // The capital lost in extraction ("he Office ...") is cut with it.
    let dropped = edit(&glued, "unassessed. The Office", "unassessed.he Office");
    let report = Report::parse(&dropped).unwrap();
    assert_eq!(report.records, as_published.records);
}

#[test]
fn a_paused_inspections_running_footer_is_page_furniture() {
    // Devon 2025, South Tyneside 2023: the footer prints the period in
    // parts, and where it is too long for one line, the page number stands
    // on the line below it.
    let seed = seed_text("slough-2023-ilacs.txt");
    for page_below in [false, true] {
        let paused: Vec<String> = seed
            .lines()
            .map(|line| {
                match line
                    .trim_end()
                    .strip_prefix("23 January to 3 February 2023 ")
                {
                    Some(page) if page.bytes().all(|b| b.is_ascii_digit()) => {
                        let period = "9 to 13 January 2023 and 30 January to 3 February 2023";
                        if page_below {
                            format!("{period} \n  {page} ")
                        } else {
                            format!("{period} {page} ")
                        }
                    }
                    _ => line.to_string(),
                }
            })
            .collect();
        let paused = paused.join("\n");
        assert_ne!(paused, seed, "the seed has running footers");
        let report = Report::parse(&paused).unwrap();
        let as_published = Report::parse(&seed).unwrap();
        assert_eq!(
            report.records, as_published.records,
            "page number below: {page_below}"
        );
    }
}

#[test]
fn a_footnote_marker_on_a_line_of_its_own_still_marks_its_footnote() {
    // Kirklees 2016, Slough 2015, Wolverhampton 2017 and 29 more SIF
    // reports: the title's marker "1" stands below "Board", where it reads
    // as a page number, and the footnote "1 Ofsted produces this report ..."
    // was stored as the first finding of the summary.
    let seed = seed_text("leeds-2015-sif.txt");
    let lone = edit(&seed, "children \nboard1  \n", "children \nboard \n1  \n");
    let report = Report::parse(&lone).unwrap();
    let as_published = Report::parse(&seed).unwrap();
    assert!(
        report
            .records
            .iter()
            .all(|r| !r.text.starts_with("1 Ofsted produces this report")),
        "the footnote is not a record"
    );
    assert_eq!(report.records, as_published.records);
}

#[test]
fn what_the_judgements_mean_with_its_part_named_is_not_the_reports() {
    // Barnsley, Bolton, Liverpool 2014 ...: the heading names its part on
    // its own line, "What the inspection judgements mean: the local
    // authority", and the standard text after it ran on as the last
    // paragraph's end.
    let seed = seed_text("leeds-2015-sif.txt");
    let named = edit(
        &seed,
        "What the inspection judgements mean \nThe local authority \n",
        "What the inspection judgements mean: the local authority \n",
    );
    let report = Report::parse(&named).unwrap();
    let as_published = Report::parse(&seed).unwrap();
    assert_eq!(report.records, as_published.records);
}

#[test]
fn a_short_line_that_stops_mid_phrase_is_not_a_subheading() {
    // Havering 2016, Bromley 2023, Isle of Wight 2018: a short line ending
    // "... review of the" after a sentence's end read as a subheading and
    // was dropped, and the rest of its paragraph stored as a finding of
    // its own.
    let seed = seed_text("slough-2023-ilacs.txt");
    let short = edit(
        &seed,
        "They are ambitious for their young people and \nencourage them to aim high, although currently about half the care leavers in \nSlough",
        "They are ambitious for their young people. \nAbout half the care leavers in \nSlough",
    );
    let report = Report::parse(&short).unwrap();
    let as_published = Report::parse(&seed).unwrap();
    let paragraph = report.paragraph(42).unwrap();
    assert!(
        paragraph
            .text
            .contains("young people. About half the care leavers in Slough are not in education"),
        "{}",
        paragraph.text
    );
    assert_eq!(report.records.len(), as_published.records.len());
}

#[test]
fn a_number_after_a_line_that_stops_mid_phrase_goes_on_with_it() {
    // Worcestershire 2019: a recommendation wrapped "... when they reach
    // the age of" / "17." and the 17 was read as a paragraph's number,
    // which stored "17." as a finding of its own.
    let seed = seed_text("bradford-2023-ilacs.txt");
    let wrapped = edit(
        &seed,
        "of decisions in respect of section 47 enquiries. \n",
        "of decisions for children over the age of \n17. \n",
    );
    let report = Report::parse(&wrapped).unwrap();
    let as_published = Report::parse(&seed).unwrap();
    let recommendations = |report: &Report| {
        report
            .of_kind(Kind::Recommendation)
            .map(|r| r.text.clone())
            .collect::<Vec<_>>()
    };
    let published = recommendations(&as_published);
    let read = recommendations(&report);
    assert_eq!(read.len(), published.len());
    assert!(
        read.contains(
            &"The timeliness and quality of decisions for children over the age of 17.".to_string()
        ),
        "{read:#?}"
    );
    assert_eq!(report.records.len(), as_published.records.len());
    assert!(report.records.iter().all(|r| r.text.trim() != "17."));
}

#[test]
fn a_line_that_stops_on_a_possessive_goes_on() {
    // Medway 2015 p25: "... March 2015." / "Numbers have remained stable
    // since this time. The Director of Children's" / "Services and the
    // Medway Improvement Board ...": the short middle line was dropped as
    // a subheading, and the rest stored as a finding of its own (Gateshead
    // 2016 lost a sentence the same way).
    let seed = seed_text("leeds-2015-sif.txt");
    let wrapped = edit(
        &seed,
        "caseloads and improve outcomes for looked after children and care leavers. \n\
         Services to foster carers have been significantly enhanced, and there has been \n\
         considerable investment in services for care leavers. \n",
        "caseloads. \n\
         Carers are well supported. The Director of Children\u{2019}s \n\
         Services has invested in services for care leavers. \n",
    );
    let report = Report::parse(&wrapped).unwrap();
    let as_published = Report::parse(&seed).unwrap();
    let paragraph = &report.paragraph(31).unwrap().text;
    assert!(
        paragraph.ends_with(
            "created to reduce caseloads. Carers are well supported. The Director of \
             Children's Services has invested in services for care leavers."
        ),
        "{paragraph}"
    );
    assert_eq!(report.records.len(), as_published.records.len());
}

#[test]
fn each_entry_of_the_inspection_team_is_a_paragraph_of_its_own() {
    // SIF reports end "The inspection team" with one "Role: names" line
    // each. A short first line of a wrapped entry was dropped as a
    // subheading (Cheshire East 2015 lost "Team inspectors: Paula
    // Thompson-Jones HMI, ..."), the one-line entries were dropped or run
    // together, and the last ran on into the complaints paragraph.
    let seed = seed_text("leeds-2015-sif.txt");
    let wrapped = edit(
        &seed,
        "Team inspectors: Brendan Parkinson, Anji Parker, Ty Yousaf (AI), Dick O\u{2019}Brien, Margaret \n",
        "Team inspectors: Brendan Parkinson, Anji Parker, \n\
         Ty Yousaf (AI), Dick O\u{2019}Brien, Margaret \n",
    );
    let report = Report::parse(&wrapped).unwrap();
    let about: Vec<&str> = report
        .records
        .iter()
        .filter(|r| r.section == Section::About)
        .map(|r| r.text.as_str())
        .skip_while(|text| !text.starts_with("The inspection team consisted"))
        .collect();
    assert_eq!(
        about[1..5],
        [
            "Lead inspector: Tracey Metcalfe",
            "Deputy lead inspector: Sarah Urding",
            "Team inspectors: Brendan Parkinson, Anji Parker, Ty Yousaf (AI), Dick O'Brien, \
             Margaret Farrow, Nick Stacey (AI) and Ian Young",
            "Quality assurance manager: Paul Armitage",
        ]
    );
    assert!(
        about[5].starts_with("Any complaints about the inspection"),
        "{}",
        about[5]
    );
}

#[test]
fn a_bracketed_mark_on_a_line_of_its_own_belongs_to_the_paragraph_above() {
    // SIF 2016-2018 prints "(Recommendation)" after the finding a
    // recommendation answers, often on a line of its own (Doncaster 2018,
    // Ealing 2016, Wolverhampton 2017): it was dropped as a subheading.
    let seed = seed_text("leeds-2015-sif.txt");
    let marked = edit(
        &seed,
        "considerable investment in services for care leavers. \n",
        "considerable investment in services for care leavers. \n(Recommendation) \n",
    );
    let report = Report::parse(&marked).unwrap();
    let as_published = Report::parse(&seed).unwrap();
    let paragraph = &report.paragraph(31).unwrap().text;
    assert!(
        paragraph.ends_with("investment in services for care leavers. (Recommendation)"),
        "{paragraph}"
    );
    assert_eq!(report.records.len(), as_published.records.len());
}

#[test]
fn sub_bullets_under_a_paragraph_that_ends_with_a_colon_are_its_parts() {
    // Ealing 2016 and South Tyneside 2017 print "Of this number:" as a
    // paragraph, not a bullet, with the figures as sub-bullets under it:
    // they were stored as a fact of their own, cut from their lead-in.
    let seed = seed_text("kingston-upon-thames-2015-sif.txt");
    let lead_in = edit(
        &seed,
        "- At 31 May 2015, 118 children are being looked after",
        "At 31 May 2015, 118 children are being looked after",
    );
    let report = Report::parse(&lead_in).unwrap();
    let as_published = Report::parse(&seed).unwrap();
    let fact = report
        .of_kind(Kind::Fact)
        .find(|r| r.text.starts_with("At 31 May 2015, 118 children"))
        .unwrap();
    assert!(
        fact.text.contains(
            "Of this number: 77 (or 65%) live outside the local authority area; five live in \
             residential children's homes"
        ),
        "{}",
        fact.text
    );
    assert_eq!(report.records.len(), as_published.records.len());
}

#[test]
fn sub_bullets_under_a_lead_in_to_recommendations_are_recommendations() {
    // A paragraph that ends with a colon takes the sub-bullets under it as
    // its parts ("Of this number:"), but where it leads in to a list of
    // recommendations each is a recommendation of its own.
    let seed = seed_text("slough-2023-ilacs.txt");
    let as_published = Report::parse(&seed).unwrap();
    let lead_in: String = seed
        .replacen(
            "What needs to improve? \n",
            "What needs to improve? \nLeaders should improve:\n",
            1,
        )
        .lines()
        .map(|line| match line.strip_prefix("\u{25fc} ") {
            Some(rest) => format!("\u{f02d} {rest}"),
            None => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(lead_in.contains("Leaders should improve:"));
    let report = Report::parse(&lead_in).unwrap();
    assert_eq!(
        recommendations(&report),
        recommendations(&as_published),
        "each sub-bullet stays a recommendation"
    );
}

#[test]
fn a_bracket_left_open_by_a_misprint_does_not_take_the_next_paragraph_in() {
    // A line that stops inside brackets goes on with the next ("... Board
    // (B&NES" / "LSCB) is good."), but a numbered paragraph after it still
    // starts: a misprint that never closes its bracket must not cost the
    // report a paragraph.
    let seed = seed_text("leeds-2015-sif.txt");
    let misprinted = edit(
        &seed,
        "considerable investment in services for care leavers. \n32.",
        "considerable investment in services for care leavers (see below. \n32.",
    );
    let report = Report::parse(&misprinted).unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert!(
        report
            .paragraph(32)
            .is_some_and(|p| p.text.starts_with("The return of services for schools")),
        "{:?}",
        report.paragraph(32)
    );
}

#[test]
fn an_overall_sentence_run_into_its_footnote_marker_is_read() {
    // A 2014 SIF report as another extractor gives it: "... children's
    // services are inadequate.2", the marker glued to the full stop (or, in
    // superscript, or to the last word).
    let seed = seed_text("rotherham-2014-sif.txt");
    let sentence = "The overall judgement is that children\u{2019}s services are inadequate";
    for marked in ["inadequate.2", "inadequate.\u{b2}", "inadequate2"] {
        let text = edit(&seed, sentence, &sentence.replace("inadequate", marked));
        let report = Report::parse(&text).unwrap();
        assert_eq!(
            report.grade_of(Area::Overall),
            Some(Grade::Inadequate),
            "{marked}"
        );
        assert!(
            report.warnings.is_empty(),
            "{marked}: {:?}",
            report.warnings
        );
    }
}

#[test]
fn dates_in_figures_and_a_single_day_are_read() {
    // Redbridge 2016: "Inspection date: 12/09/2016 to 06/10/2016"; a
    // box-drawing line between the days (2017); and one day (2016).
    let seed = seed_text("rotherham-2014-sif.txt");
    let dates = seed
        .lines()
        .find(|line| line.starts_with("Inspection date"))
        .expect("the seed prints its dates");
    for (printed, from, to) in [
        (
            "Inspection date: 16/09/2014 to 08/10/2014",
            "2014-09-16",
            "2014-10-08",
        ),
        (
            "Inspection date: 16/9/2014 \u{2013} 8/10/2014",
            "2014-09-16",
            "2014-10-08",
        ),
        (
            "Inspection date: 16 September 2014 \u{2500} 8 October 2014",
            "2014-09-16",
            "2014-10-08",
        ),
        (
            "Inspection date: 8 October 2014",
            "2014-10-08",
            "2014-10-08",
        ),
    ] {
        let report = Report::parse(&edit(&seed, dates, printed)).unwrap();
        assert_eq!(
            report.inspection.inspected_from.to_string(),
            from,
            "{printed}"
        );
        assert_eq!(report.inspection.inspected_to.to_string(), to, "{printed}");
    }
}
