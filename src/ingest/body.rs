//! Reading blocks in order: which section each belongs to, which numbered
//! paragraphs are real, and what kind of record each block makes. Shared by
//! every framework: they differ in their vocabulary and judgements (their
//! templates), not in how their text runs.

use std::collections::HashMap;

use super::heading::{Heading, Role};
use super::layout::{Block, BlockKind};
use super::refs::cited_paragraphs;
use super::templates::Template;
use super::wording::{ends_sentence, ends_with_page_number, recommends_nothing};
use crate::model::{Area, Grade, Kind, Position, Section, Warning};

/// A record before the inspection is attached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Draft {
    pub kind: Kind,
    pub section: Section,
    pub position: Position,
    pub area: Option<Area>,
    pub refs: Vec<u32>,
    pub text: String,
    /// The line the record starts on, to name it in a warning.
    pub line: usize,
}

/// A graded line: a judgement-table row or a graded sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Graded {
    pub area: Area,
    pub label: String,
    pub grade: Grade,
    pub line: usize,
}

/// What the walk found.
#[derive(Debug, Default)]
pub(crate) struct Walk {
    /// Text records, in report order.
    pub drafts: Vec<Draft>,
    /// Graded lines of the front page (the judgement table, SIF's overall
    /// sentence) or of SLAC's record of main findings.
    pub rows: Vec<Graded>,
    /// The LSCB's grade sentence.
    pub lscb: Option<Graded>,
    /// Areas the judgement table prints as "Not judged".
    pub not_judged: Vec<Area>,
    /// Section headings that print their area's grade ("The experiences and
    /// progress of care leavers: good"), to check the table against.
    pub graded_headings: Vec<Graded>,
    /// The line where the review of the Local Safeguarding Children Board
    /// starts, in a report that has one.
    pub board_review: Option<usize>,
    /// What of the text could not be read.
    pub warnings: Vec<Warning>,
}

/// Whether a numbered paragraph or a bullet of `section` is a recommendation.
fn recommends(section: Section, text: &str) -> bool {
    section.holds_recommendations() && !recommends_nothing(text)
}

/// Whether a paragraph is a timescale over recommendations: a few words and
/// a colon ("Immediately:", "Within three months:").
fn is_timescale(text: &str) -> bool {
    text.trim_end()
        .strip_suffix(':')
        .is_some_and(|words| (1..=4).contains(&words.split_whitespace().count()))
}

/// Whether the last draft is a bullet, for the bullets after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum List {
    Closed,
    /// A bullet: an indented bullet after it is its sub-bullet.
    Bullet,
    /// A bullet that ends with a colon, or has sub-bullets: a bullet in
    /// lower case after it is one more.
    WithSubBullets,
}

/// Where the walk is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Skip {
    /// Reading.
    No,
    /// In a table of contents: skip lines ending in page numbers.
    Contents,
    /// In standard text: skip to the next section.
    Boilerplate,
    /// In SLAC's record of main findings: its rows are the judgements,
    /// nothing else is read.
    Record,
}

struct Walker {
    walk: Walk,
    template: &'static Template,
    /// The text of the last section heading, to label the grade printed under it.
    section_heading: String,
    /// `None` on the front page.
    section: Option<Section>,
    in_lscb: bool,
    skip: Skip,
    /// The number the next numbered paragraph must have.
    expected: u32,
    /// Section of the last numbered paragraph.
    numbered_section: Option<Section>,
    /// Whether the last draft is a numbered paragraph with no heading since:
    /// unnumbered text and bullets then belong to it.
    numbered_open: bool,
    /// Whether the last draft is a bullet, for its sub-bullets.
    list: List,
    after_heading: bool,
    /// Area named by the last subheading of a recommendations section.
    subheading_area: Option<Area>,
    /// Whether the context section is listing the last inspection's judgements.
    recalling: bool,
    ordinals: HashMap<Section, u32>,
    /// The line of the inspection dates: front-page text up to it is the
    /// title block, however long its lines ("Inspection dates: 30
    /// September to 11 October 2024 and 13 to 16 January 2025").
    front_text_from: usize,
}

/// Ofsted's closing page starts with this; nothing after it is the report's.
const CLOSING_PAGE: &str = "The Office for Standards in Education";

/// The words that follow [`CLOSING_PAGE`] on every closing page, and in no
/// report's own text.
const CLOSING_SENTENCE: &str = "office for standards in education, children's services and skills (ofsted) regulates and inspects";

/// The text of a block before the closing page, where the page runs on in
/// it: its first sentence found in any case, its "The" (or the "he" left of
/// it where an extractor dropped the capital) cut with it.
fn before_closing_page(text: &str) -> Option<&str> {
    // The cheap test first: most blocks hold none of it.
    if !text.contains("regulates and inspects") {
        return None;
    }
    let at = text.char_indices().map(|(at, _)| at).find(|&at| {
        text[at..]
            .get(..CLOSING_SENTENCE.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(CLOSING_SENTENCE))
    })?;
    let head = text[..at].trim_end();
    let head = ["The", "the", "he"]
        .iter()
        .find_map(|article| {
            let rest = head.strip_suffix(article)?;
            // The article a word of its own, or glued after a full stop.
            rest.chars()
                .last()
                .is_none_or(|c| !c.is_alphanumeric())
                .then_some(rest)
        })
        .unwrap_or(head);
    Some(head.trim_end())
}

/// Walks `blocks`; text on the front page counts after line
/// `front_text_from`, the inspection dates.
pub(crate) fn walk(blocks: &[Block], front_text_from: usize, template: &'static Template) -> Walk {
    let mut walker = Walker {
        walk: Walk::default(),
        template,
        section_heading: String::new(),
        section: None,
        in_lscb: false,
        skip: Skip::No,
        expected: 1,
        numbered_section: None,
        numbered_open: false,
        list: List::Closed,
        after_heading: false,
        subheading_area: None,
        recalling: false,
        ordinals: HashMap::new(),
        front_text_from,
    };
    for block in blocks {
        if block.text.starts_with(CLOSING_PAGE) {
            break;
        }
        if let Some(head) = before_closing_page(&block.text) {
            // The closing page run into the report's last block (no blank
            // line or page break between them): what comes before it is
            // the report's, nothing after.
            if !head.is_empty() {
                walker.block(&Block {
                    text: head.to_string(),
                    ..block.clone()
                });
            }
            break;
        }
        walker.block(block);
    }
    let mut walk = walker.walk;
    drop_unread(&mut walk);
    resolve_recommendation_areas(&mut walk.drafts);
    walk
}

/// A paragraph whose number stands with no text after it (the text was an
/// image, or lost in extraction) is named in a warning, not stored empty.
fn drop_unread(walk: &mut Walk) {
    let (unread, read): (Vec<Draft>, Vec<Draft>) = std::mem::take(&mut walk.drafts)
        .into_iter()
        .partition(|draft| draft.text.trim().is_empty());
    walk.drafts = read;
    walk.warnings
        .extend(unread.into_iter().map(|draft| Warning::NoText {
            section: draft.section,
            position: draft.position,
            line: draft.line,
        }));
}

impl Walker {
    fn block(&mut self, block: &Block) {
        if self.skip == Skip::Contents {
            if ends_with_page_number(&block.text)
                && !matches!(block.kind, BlockKind::Heading(Some(_)))
            {
                return;
            }
            self.skip = Skip::No;
        }
        let graded_heading = matches!(
            block.kind,
            BlockKind::Heading(Some(Heading { grade: Some(_), .. }))
        );
        // A re-inspection's context section recalls the last inspection's
        // judgements after a lead-in ("The judgements for the local
        // authority were:"): facts about the authority, not this report's
        // grades, though printed as graded headings are.
        let recalled = graded_heading && self.recalling;
        self.recalling = self.section == Some(Section::Context)
            && match block.kind {
                BlockKind::Paragraph | BlockKind::Bullet { .. } => {
                    self.recalling || block.text.trim_end().ends_with(':')
                }
                _ => recalled,
            };
        match block.kind {
            _ if self.skip == Skip::Record => self.record_row(block),
            _ if recalled => self.paragraph(block),
            BlockKind::Heading(Some(heading)) => self.heading(heading, block),
            BlockKind::Heading(None) => self.subheading(block),
            BlockKind::Row {
                area,
                grade: Some(grade),
            } => {
                self.walk.rows.push(Graded {
                    area,
                    label: block.text.clone(),
                    grade,
                    line: block.line,
                });
            }
            BlockKind::Row { area, grade: None } => self.walk.not_judged.push(area),
            // Standard text numbered in the report's sequence (SLAC's
            // grade scale is its paragraph 3) keeps the count.
            BlockKind::Numbered(number)
                if self.skip == Skip::Boilerplate && number == self.expected =>
            {
                self.expected += 1;
            }
            _ if self.skip == Skip::Boilerplate => {}
            BlockKind::Numbered(number) => self.numbered(number, block),
            BlockKind::Bullet { sub } => self.bullet(sub, block),
            BlockKind::Paragraph => self.paragraph(block),
        }
    }

    fn heading(&mut self, heading: Heading, block: &Block) {
        if heading.role == Role::SectionGrade {
            self.section_grade(heading.grade, block.line);
            return;
        }
        self.numbered_open = false;
        self.list = List::Closed;
        self.after_heading = true;
        self.subheading_area = None;
        // Standard text has headings of its own ("The local authority"); only
        // a new section or the board's part ends it (2013-2014 reports print
        // the meaning of the local authority's judgements before the board's
        // part, and the board's after it).
        let ends_standard_text = matches!(
            heading.role,
            Role::Section(_) | Role::LscbPart | Role::LscbGrade
        );
        if self.skip == Skip::Boilerplate && !ends_standard_text {
            return;
        }
        match heading.role {
            Role::Contents => self.skip = Skip::Contents,
            Role::LocalAuthorityPart => {
                self.in_lscb = false;
                self.enter(Section::ExecutiveSummary);
            }
            Role::LscbPart => {
                self.walk.board_review.get_or_insert(block.line);
                self.in_lscb = true;
                self.enter(Section::Lscb);
            }
            Role::LscbGrade => {
                self.walk.board_review.get_or_insert(block.line);
                self.in_lscb = true;
                self.enter(Section::Lscb);
                if let Some(grade) = heading.grade {
                    let graded = Graded {
                        area: Area::Lscb,
                        label: block.text.clone(),
                        grade,
                        line: block.line,
                    };
                    // The first statement is the board's judgement; any
                    // other (front page and section both print it) must agree.
                    if self.walk.lscb.is_none() {
                        self.walk.lscb = Some(graded);
                    } else {
                        self.walk.graded_headings.push(graded);
                    }
                }
            }
            Role::Section(section) => {
                self.section_heading.clone_from(&block.text);
                if let (Some(grade), Some(area)) = (heading.grade, section.area()) {
                    self.walk.graded_headings.push(Graded {
                        area,
                        label: block.text.clone(),
                        grade,
                        line: block.line,
                    });
                }
                let section = match (self.in_lscb, section) {
                    (true, Section::ExecutiveSummary) => Section::Lscb,
                    (true, Section::Recommendations) => Section::LscbRecommendations,
                    (true, Section::SummaryForChildren) => Section::Lscb,
                    (_, section) => section,
                };
                self.enter(section);
            }
            Role::Boilerplate => self.skip = Skip::Boilerplate,
            Role::Record => {
                self.section = None;
                self.skip = Skip::Record;
            }
            // In the local authority's part these stand inside the sections
            // they name; only the board's part leaves them to say where its
            // recommendations begin and end.
            Role::Improvements if self.in_lscb && !self.in_recommendations() => {
                self.enter(Section::LscbRecommendations);
            }
            Role::Findings if self.in_lscb && self.in_recommendations() => {
                self.enter(Section::Lscb);
            }
            Role::Sub | Role::Improvements | Role::Findings | Role::SectionGrade => {}
        }
    }

    /// A grade printed on the line under a section's heading: that
    /// section's area's grade, and nothing anywhere else.
    fn section_grade(&mut self, grade: Option<Grade>, line: usize) {
        let area = self.section.and_then(Section::area);
        if let (true, Some(area), Some(grade)) = (self.after_heading, area, grade) {
            self.walk.graded_headings.push(Graded {
                area,
                label: self.section_heading.clone(),
                grade,
                line,
            });
        }
    }

    /// A row of SLAC's record of main findings, "Capacity to improve Good";
    /// its other lines ("Services for looked after children") name no area.
    fn record_row(&mut self, block: &Block) {
        let Some((label, grade)) = self.template.record_row(&block.text) else {
            return;
        };
        if let Some(area) = Area::from_label(label) {
            self.walk.rows.push(Graded {
                area,
                label: label.to_string(),
                grade,
                line: block.line,
            });
        }
    }

    fn in_recommendations(&self) -> bool {
        self.section.is_some_and(Section::holds_recommendations)
    }

    fn enter(&mut self, section: Section) {
        self.section = Some(section);
        self.skip = Skip::No;
    }

    /// A short unpunctuated line: in recommendations, it may name the area
    /// of those below it.
    fn subheading(&mut self, block: &Block) {
        self.numbered_open = false;
        self.list = List::Closed;
        self.after_heading = true;
        if self.in_recommendations() {
            self.subheading_area = Area::from_label(&block.text);
        }
    }

    /// A numbered paragraph if its number comes next in the sequence; a
    /// number that does not is text that happened to start a line.
    fn numbered(&mut self, number: u32, block: &Block) {
        let Some(section) = self.section else {
            // The front page numbers only its table rows.
            return;
        };
        let restart = number == 1
            && self.after_heading
            && self.numbered_section.is_some_and(|s| s != section);
        // A jump of a few is paragraphs lost (another extractor's text, a
        // page cut out): the numbering goes on from here. A number further
        // off is text that happened to start a line.
        let gap = number > self.expected && number <= self.expected + 3;
        if gap && !restart {
            self.walk.warnings.push(Warning::ParagraphGap {
                expected: self.expected,
                found: number,
                line: block.line,
            });
        } else if number != self.expected && !restart {
            let text = format!("{number}. {}", block.text);
            self.paragraph(&Block {
                kind: BlockKind::Paragraph,
                text,
                line: block.line,
            });
            return;
        }
        // Where the template's recommendations are bullets, the numbered
        // paragraph over them leads in ("... should take the following
        // action.") and is no recommendation itself.
        let leads_in = self.template.recommendations_as_bullets && section.holds_recommendations();
        let kind = if recommends(section, &block.text) && !leads_in {
            Kind::Recommendation
        } else if section == Section::Context {
            // SLAC numbers its service information.
            Kind::Fact
        } else {
            Kind::Finding
        };
        let refs = if kind == Kind::Recommendation {
            cited_paragraphs(&block.text)
        } else {
            Vec::new()
        };
        self.walk.drafts.push(Draft {
            kind,
            section,
            position: Position::Paragraph(number),
            area: section.area().or(self.subheading_area),
            refs,
            text: block.text.clone(),
            line: block.line,
        });
        self.expected = number + 1;
        self.numbered_section = Some(section);
        self.numbered_open = !leads_in;
        self.list = List::Closed;
        self.after_heading = false;
    }

    fn bullet(&mut self, sub: bool, block: &Block) {
        let Some(section) = self.section else {
            return;
        };
        // A bullet in lower case continues a list of sub-bullets that a
        // page break cut off from its indent; lists of recommendations are
        // often in lower case too ("the use of screening tools"), so only
        // under a bullet that opens a sub-list.
        let sub_bullet = sub
            || (block.text.starts_with(char::is_lowercase) && self.list == List::WithSubBullets);
        if self.numbered_open || (sub_bullet && self.list != List::Closed) {
            self.append_to_last(&block.text, "; ");
            self.list = List::WithSubBullets;
            return;
        }
        let kind = match section {
            Section::Context => Kind::Fact,
            s if recommends(s, &block.text) => Kind::Recommendation,
            _ => Kind::Finding,
        };
        self.push_unnumbered(kind, section, block);
        self.list = if block.text.trim_end().ends_with(':') {
            List::WithSubBullets
        } else if sub {
            // A sub-bullet that stands alone (under a lead-in to
            // recommendations) has sub-bullets beside it, not under it.
            List::Closed
        } else {
            List::Bullet
        };
    }

    fn paragraph(&mut self, block: &Block) {
        let Some(section) = self.section else {
            // Front-page narrative belongs to the summary; its title block and
            // the lead-in to the judgement table do not.
            let narrative = self.template.front_narrative
                && block.line > self.front_text_from
                && !block.text.trim_end().ends_with(':');
            if narrative {
                self.push_unnumbered(Kind::Finding, Section::ExecutiveSummary, block);
            }
            return;
        };
        if self.template.recommendations_as_bullets
            && section.holds_recommendations()
            && is_timescale(&block.text)
        {
            // "Within three months:": the recommendations below are due then.
            self.numbered_open = false;
            self.list = List::Closed;
            return;
        }
        if self.numbered_open {
            self.append_to_last(&block.text, " ");
            return;
        }
        let kind = if section == Section::Context {
            Kind::Fact
        } else {
            Kind::Finding
        };
        self.push_unnumbered(kind, section, block);
        // A lead-in ("Of this number:") takes the sub-bullets under it, as
        // a bullet does; under a lead-in to recommendations ("Leaders
        // should:") each bullet is a recommendation of its own.
        let lead_in = block.text.trim_end().ends_with(':');
        self.list = if lead_in && !section.holds_recommendations() {
            List::Bullet
        } else {
            List::Closed
        };
    }

    fn push_unnumbered(&mut self, kind: Kind, section: Section, block: &Block) {
        let ordinal = self.ordinals.entry(section).or_insert(0);
        *ordinal += 1;
        let area = section.area().or(if section.holds_recommendations() {
            self.subheading_area
        } else {
            None
        });
        self.walk.drafts.push(Draft {
            kind,
            section,
            position: Position::Ordinal(*ordinal),
            area,
            refs: Vec::new(),
            text: block.text.clone(),
            line: block.line,
        });
        self.after_heading = false;
    }

    /// Joins text to the last draft: bullets of a numbered paragraph, its text
    /// after a page break, sub-bullets of a bullet.
    fn append_to_last(&mut self, text: &str, separator: &str) {
        if let Some(last) = self.walk.drafts.last_mut() {
            let separator = if ends_sentence(&last.text) || last.text.ends_with(',') {
                " "
            } else {
                separator
            };
            last.text.push_str(separator);
            last.text.push_str(text);
            if last.kind == Kind::Recommendation && matches!(last.position, Position::Paragraph(_))
            {
                last.refs = cited_paragraphs(&last.text);
            }
        }
    }
}

/// A recommendation without an area takes the area of the paragraphs it
/// cites, when they all agree.
fn resolve_recommendation_areas(drafts: &mut [Draft]) {
    let area_of: HashMap<u32, Option<Area>> = drafts
        .iter()
        .filter_map(|d| match d.position {
            Position::Paragraph(n) if d.kind == Kind::Finding => Some((n, d.area)),
            _ => None,
        })
        .collect();
    for draft in drafts
        .iter_mut()
        .filter(|d| d.kind == Kind::Recommendation && d.area.is_none())
    {
        let mut cited = draft.refs.iter().map(|n| area_of.get(n).copied().flatten());
        let Some(Some(first)) = cited.next() else {
            continue;
        };
        if cited.all(|area| area == Some(first)) {
            draft.area = Some(first);
        }
    }
}
