//! Why a text was refused.

use std::io;
use std::path::PathBuf;

use crate::model::Warning;

/// A text that could not be read as an inspection report. Nothing of a
/// refused text is kept: [`Report::parse`](crate::Report::parse) returns a whole report or
/// this error.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IngestError {
    /// The text is empty or only white space.
    #[error("the text is empty")]
    Empty,
    /// The input is binary data, not text.
    #[error("the input is not text: {reason}")]
    NotText {
        /// What gave it away.
        reason: &'static str,
    },
    /// A web page (HTML), saved under a report's name in place of the
    /// report's PDF.
    #[error(
        "this is a web page (HTML), not a report's PDF or text: was a page saved in place of the PDF it links to?"
    )]
    WebPage,
    /// The text is not an Ofsted inspection report on local authority
    /// children's services.
    #[error("not an inspection report of local authority children's services: {reason}")]
    NotAReport {
        /// What was looked for and not found.
        reason: &'static str,
    },
    /// An Ofsted publication of another kind (a monitoring visit letter, a
    /// focused visit letter, a joint targeted area inspection).
    #[error(
        "line {line}: this is a {what}, not a full inspection report; only full inspection reports are read"
    )]
    Unsupported {
        /// The kind of publication.
        what: &'static str,
        /// The line that says so.
        line: usize,
    },
    /// A full inspection of the framework before SIF (2009-2013) of a kind
    /// not read yet: no report of it has been seen, so its layout is not
    /// known (its inspections of looked after children services are read).
    #[error(
        "line {line}: this is a {what}, of the framework before SIF, a kind not read yet; of 2009-2013 only inspections of looked after children services are read"
    )]
    EarlierFramework {
        /// The kind of inspection.
        what: &'static str,
        /// The line of its title.
        line: usize,
    },
    /// A report from before 2013, graded on the old four-point scale
    /// (outstanding, good, adequate, inadequate).
    #[error(
        "line {line}: `{wording}` is a grade of the pre-2013 scale, under the title of a later framework's report"
    )]
    OldScale {
        /// The line with the old grade.
        line: usize,
        /// The line's text.
        wording: String,
    },
    /// A part of the report that every report has is missing.
    #[error("{what} not found")]
    Missing {
        /// What was looked for.
        what: &'static str,
    },
    /// A date that cannot be read.
    #[error("line {line}: cannot read the dates in `{text}`")]
    BadDate {
        /// The line of the date.
        line: usize,
        /// The text that should hold it.
        text: String,
    },
    /// Part of the report could not be read, and reading was strict
    /// ([`Report::strict`](crate::Report::strict)).
    #[error("{warning}; strict reading refuses a report it cannot read whole")]
    Unread {
        /// The first part that could not be read.
        warning: Warning,
    },
    /// The text stops before Ofsted's closing page: the report is cut short.
    #[error("the text ends at line {line} without {ending}; is the report cut short?")]
    Truncated {
        /// The last line of the text.
        line: usize,
        /// What every whole report of its framework ends with: Ofsted's
        /// closing page, or (before 2013) a record of main findings.
        ending: &'static str,
    },
    /// A second report follows the first in the same text.
    #[error("line {line}: a second report starts here; give each report a file of its own")]
    Concatenated {
        /// Where the second report starts.
        line: usize,
    },
    /// A PDF that gives no text to read: encrypted, damaged, or a scan
    /// without a text layer.
    #[error("cannot read the PDF: {reason}")]
    Pdf {
        /// Why.
        reason: String,
    },
    /// A file could not be read.
    #[error("{}: cannot read the file: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The reason.
        source: io::Error,
    },
    /// A file was read but refused; says which file, and why.
    #[error("{}: {source}", path.display())]
    File {
        /// The file.
        path: PathBuf,
        /// Why it was refused.
        source: Box<IngestError>,
    },
}
