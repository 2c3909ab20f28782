//! Report text -> [`Report`]: the ingest stage.
//!
//! Users extract report text with different tools, so two kinds of input are
//! read alike: text reflowed one paragraph a line, and raw PDF extraction
//! (hard-wrapped lines, page numbers, running headers, footnotes, bullet
//! glyphs, labels and grades split across lines). The stages:
//!
//! 1. `lines`: normalise characters, blank page furniture and footnotes;
//! 2. `front`: refuse what is not a report of a known framework; pick the
//!    framework's template (`templates`: each framework's vocabulary as
//!    data); read the authority and dates from the first page;
//! 3. `layout`: cut the lines into blocks (headings, table rows, numbered
//!    paragraphs, bullets, paragraphs), joining what page breaks split;
//! 4. `body`: walk the blocks through the report's sections;
//! 5. `judgement`: the judgements read, checked against the template's
//!    required ones.
//!
//! A text that is a report becomes a [`Report`]; what of it could not be
//! read (a judgement, a paragraph) is left out and named in its
//! [`Warning`](crate::Warning)s, never guessed, and [`Report::strict`] refuses such a report. A
//! text that is not a report is refused with an [`IngestError`] that says
//! why and, where it can, on which line.

mod body;
mod error;
mod front;
mod heading;
mod judgement;
mod layout;
mod lines;
mod order;
#[cfg(feature = "pdf")]
mod pdf;
mod publications;
mod refs;
mod table;
mod templates;
mod wording;

use std::borrow::Cow;
use std::path::Path;

pub use error::IngestError;

use crate::model::{
    Area, Grade, Inspection, Kind, Position, Record, Refusal, Report, Section, Warning,
};
use body::Draft;
use judgement::Judgement;

/// Reading a report: the entry points of the ingest stage. They live here,
/// beside the stages, so that the model knows nothing of how reports are read.
impl Report {
    /// Reads one report from its text.
    ///
    /// ```
    /// use inspection_kb::{Area, Grade, Report};
    /// let text = std::fs::read_to_string("seeds/slough-2023-ilacs.txt")?;
    /// let report = Report::parse(&text)?;
    /// assert_eq!(report.inspection.authority.name, "Slough");
    /// assert_eq!(report.grade_of(Area::Leadership), Some(Grade::Inadequate));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse(text: &str) -> Result<Report, IngestError> {
        refuse_non_text(text)?;
        refuse_from_the_first_lines(text)?;
        let cleaned = lines::clean(text);
        let front = front::read(&cleaned)?;
        let publications::Joined {
            lines,
            warning: published_apart,
        } = publications::with_the_boards_review(&cleaned, &front);
        let template = front.template;
        front::check_whole(&lines, template)?;
        let blocks = layout::blocks(&order::reading_order(&lines, template), template);
        let mut walk = body::walk(&blocks, front.dates_line, template);
        let (judgements, warnings) = judgement::judgements(&walk, template, front.inspected_from);
        // The first SIF reports (2013-2014) do not number their paragraphs, so
        // a report needs findings, numbered or not.
        if !walk.drafts.iter().any(|d| d.kind == Kind::Finding) {
            return Err(IngestError::Missing {
                what: "the report's findings",
            });
        }
        let inspection = Inspection {
            authority: front.authority,
            framework: front.template.framework,
            inspected_from: front.inspected_from,
            inspected_to: front.inspected_to,
            published: front.published,
            lead_inspector: front::lead_inspector(&lines, template),
            inspection_type: front.inspection_type,
        };
        walk.warnings.extend(warnings);
        walk.warnings.extend(published_apart);
        if inspection.authority.code.is_none() {
            walk.warnings.push(Warning::UnknownAuthority {
                name: inspection.authority.name.clone(),
            });
        }
        let mut report = assemble(inspection, front.title, judgements, walk.drafts);
        report.warnings = walk.warnings;
        Ok(report)
    }

    /// Refuses a report that could not be read whole (one with
    /// [`Warning`](crate::Warning)s), for those who would rather have no
    /// report than part of one:
    ///
    /// ```
    /// use inspection_kb::Report;
    /// let report = Report::parse_file("seeds/slough-2023-ilacs.txt")?;
    /// assert!(report.strict().is_ok());
    /// # Ok::<(), inspection_kb::IngestError>(())
    /// ```
    pub fn strict(self) -> Result<Report, IngestError> {
        match self.warnings.first() {
            Some(warning) => Err(IngestError::Unread {
                warning: warning.clone(),
            }),
            None => Ok(self),
        }
    }

    /// Reads one report from bytes, refusing what is not UTF-8 text.
    pub fn parse_bytes(bytes: &[u8]) -> Result<Report, IngestError> {
        Report::parse(utf8(bytes)?)
    }

    /// Reads one published report PDF (feature `pdf`, on by default). Its
    /// text, [`pdf_text`], goes through the same stages as any text.
    #[cfg(feature = "pdf")]
    pub fn parse_pdf(bytes: &[u8]) -> Result<Report, IngestError> {
        Report::parse(&pdf_text(bytes)?)
    }

    /// Reads one report file, text or (with feature `pdf`) PDF; a refusal
    /// names the file.
    pub fn parse_file(path: impl AsRef<Path>) -> Result<Report, IngestError> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|source| IngestError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        parse_document(&bytes).map_err(|source| IngestError::File {
            path: path.to_path_buf(),
            source: Box::new(source),
        })
    }
}

/// The text [`Report::parse_pdf`] reads from a PDF (feature `pdf`): to see
/// why a report reads as it does, or to keep the text beside the PDF.
#[cfg(feature = "pdf")]
pub fn pdf_text(bytes: &[u8]) -> Result<String, IngestError> {
    pdf::text(bytes)
}

/// A PDF by its first bytes, else text.
fn parse_document(bytes: &[u8]) -> Result<Report, IngestError> {
    Report::parse(&document_text(bytes)?)
}

/// The text of a document: a PDF's by its first bytes, else the bytes as
/// UTF-8 text.
fn document_text(bytes: &[u8]) -> Result<Cow<'_, str>, IngestError> {
    if !bytes.starts_with(b"%PDF-") {
        return utf8(bytes).map(Cow::Borrowed);
    }
    #[cfg(feature = "pdf")]
    return pdf_text(bytes).map(Cow::Owned);
    #[cfg(not(feature = "pdf"))]
    Err(IngestError::NotText {
        reason: "it is a PDF, and this build reads PDFs only with the `pdf` feature",
    })
}

impl Refusal {
    /// The refusal of the file at `path` for `error`, with the authority
    /// its front page names where that can be read (the file is read
    /// again: refusals are few).
    pub fn of_file(path: &Path, error: &IngestError) -> Refusal {
        let reason = match error {
            IngestError::File { source, .. } => source.to_string(),
            other => other.to_string(),
        };
        let authority = std::fs::read(path).ok().and_then(|bytes| {
            let text = document_text(&bytes).ok()?;
            let front = front::read(&lines::clean(head(&text))).ok()?;
            Some(front.authority.name)
        });
        Refusal {
            file: file_name(path),
            reason,
            authority,
        }
    }
}

/// The name a file's refusal is kept under: its whole path where it can be
/// found (`./a.pdf` and `/home/x/a.pdf` are one file), else as given.
pub(crate) fn file_name(path: &Path) -> String {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

fn utf8(bytes: &[u8]) -> Result<&str, IngestError> {
    std::str::from_utf8(bytes).map_err(|_| IngestError::NotText {
        reason: "it is not UTF-8",
    })
}

/// The first lines of a text, where its front page stands.
fn head(text: &str) -> &str {
    let head_end = text
        .match_indices('\n')
        .nth(front::FRONT_LINES)
        .map_or(text.len(), |(at, _)| at);
    &text[..head_end]
}

/// What is not a report shows it on its first page: refuse it from there,
/// before the whole text is read (a 50 MB file of minutes costs nothing).
fn refuse_from_the_first_lines(text: &str) -> Result<(), IngestError> {
    match front::read(&lines::clean(head(text))) {
        Err(
            error @ (IngestError::NotAReport { .. }
            | IngestError::Unsupported { .. }
            | IngestError::EarlierFramework { .. }
            | IngestError::OldScale { .. }),
        ) => Err(error),
        _ => Ok(()),
    }
}

fn refuse_non_text(text: &str) -> Result<(), IngestError> {
    if text.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    if is_web_page(text) {
        return Err(IngestError::WebPage);
    }
    if text.contains('\0') {
        return Err(IngestError::NotText {
            reason: "it holds NUL bytes",
        });
    }
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !c.is_whitespace())
        .count();
    if controls * 100 > text.len() {
        return Err(IngestError::NotText {
            reason: "over 1% of it is control characters",
        });
    }
    Ok(())
}

/// A web page (HTML) opens with its document type or its `<html>` tag:
/// one saved under a report's name ("Report not found") is not the report.
fn is_web_page(text: &str) -> bool {
    let head = text.trim_start_matches('\u{feff}').trim_start();
    let opens = |tag: &str| {
        head.get(..tag.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(tag))
    };
    opens("<!doctype html") || opens("<html")
}

/// The grade a finding on `area` reports under: the judgement of its area,
/// or the combined ILACS judgement that answers for it.
fn grade_under(judgements: &[Judgement], area: Area) -> Option<Grade> {
    judgements
        .iter()
        .find(|j| j.area == area)
        .or_else(|| judgements.iter().find(|j| j.area.answers(area)))
        .map(|j| j.grade)
}

/// The report record first, then the judgements, then the text in report
/// order, each finding with the grade of the judgement it reports under.
fn assemble(
    inspection: Inspection,
    title: String,
    judgements: Vec<Judgement>,
    drafts: Vec<Draft>,
) -> Report {
    let overall = judgements
        .iter()
        .find(|j| j.area == crate::model::Area::Overall)
        .map(|j| j.grade);
    let mut report = Record::new(
        &inspection,
        Kind::Report,
        Section::Report,
        Position::Ordinal(0),
        title,
    );
    report.grade = overall;
    let mut records = vec![report];
    for (ordinal, judgement) in (1..).zip(&judgements) {
        let mut record = Record::new(
            &inspection,
            Kind::Judgement,
            Section::Judgements,
            Position::Ordinal(ordinal),
            judgement.label.clone(),
        );
        record.area = Some(judgement.area);
        record.grade = Some(judgement.grade);
        records.push(record);
    }
    for draft in drafts {
        let mut record = Record::new(
            &inspection,
            draft.kind,
            draft.section,
            draft.position,
            draft.text,
        );
        record.area = draft.area;
        record.refs = draft.refs;
        if draft.kind == Kind::Finding {
            record.grade = draft.area.and_then(|area| grade_under(&judgements, area));
        }
        records.push(record);
    }
    Report {
        inspection,
        records,
        warnings: Vec::new(),
    }
}
