//! The layout stage: cleaned lines, whether hard-wrapped PDF extraction or
//! text reflowed one paragraph a line, become clean blocks: headings, table
//! rows, numbered paragraphs, bullets and plain paragraphs.
//!
//! A block starts at a paragraph number, a bullet glyph, a recognised heading
//! or a judgement-table row. Where no such mark says so, a line ends its
//! block when the first word of the next line would have fitted on it (so
//! the line was not wrapped) and it ends a sentence or the next line starts
//! with a capital. Blocks split by a page break are joined again afterwards.

use std::borrow::Cow;

use super::heading::{self, Heading, Role};
use super::lines::Line;
use super::table::table_rows;
use super::templates::Template;
use super::wording::{
    ends_mid_phrase, ends_on_a_dangling_word, ends_sentence, is_names_line, recommends_nothing,
    splits_a_date, splits_the_boards_name, starts_roster_entry, tidy,
};
use crate::model::{Area, Grade, Section};

/// A line longer than this is a whole reflowed paragraph, not a wrapped line.
const REFLOWED_LINE: usize = 200;
/// A heading line is never longer than this.
const HEADING_LINE: usize = 160;
/// At most this many lines make one heading or one table label.
pub(super) const HEADING_LINES: usize = 3;
/// A graded heading's label may take three lines and its grade, set in a
/// narrow column, two more ("... of" / "children looked after and
/// achieving" / "permanence" / "Requires improvement" / "to be good").
const GRADED_HEADING_LINES: usize = HEADING_LINES + 2;
/// Page breaks, their furniture blanked, leave at most this many blank lines
/// between two lines of text (two breaks in a row, round an empty page).
pub(super) const PAGE_BREAK_BLANKS: usize = 12;
/// At most this many words of a heading, or of an area's label, stand at
/// the end of a text line.
const HEADING_WORDS: usize = 12;

/// What a block is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BlockKind {
    /// A heading; `None` for a short unpunctuated line outside the vocabulary.
    Heading(Option<Heading>),
    /// A graded line of the front page: a judgement-table row, whose text is
    /// its label, or SIF's overall sentence, whose text is the sentence.
    /// `grade` is `None` where the table prints "Not judged".
    Row { area: Area, grade: Option<Grade> },
    /// A paragraph that starts with its number.
    Numbered(u32),
    /// A bullet; `sub` for the second level.
    Bullet { sub: bool },
    /// Any other paragraph.
    Paragraph,
}

/// One block of a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Block {
    pub kind: BlockKind,
    /// Cleaned text: lines joined, number or glyph removed, footnote markers removed.
    pub text: String,
    /// The line the block starts on.
    pub line: usize,
}

impl Block {
    fn is_text(&self) -> bool {
        matches!(
            self.kind,
            BlockKind::Numbered(_) | BlockKind::Bullet { .. } | BlockKind::Paragraph
        )
    }
}

/// Lays `lines` out as blocks.
pub(crate) fn blocks(lines: &[Line], template: &Template) -> Vec<Block> {
    let front_end = front_end(lines, template);
    let rows = table_rows(lines, front_end);
    let mut builder = Builder {
        width: typical_width(lines),
        body: front_end,
        raw: Vec::new(),
        open: None,
    };
    let mut i = 0;
    while i < lines.len() {
        if lines[i].is_blank() {
            i += 1;
        } else if let Some(row) = rows.iter().find(|row| row.first == i) {
            builder.close();
            builder.raw.push(Raw::new(
                BlockKind::Row {
                    area: row.area,
                    grade: row.grade,
                },
                &row.label,
                lines[i].number,
            ));
            i = row.last + 1;
        } else if let Some((found, last)) = heading_at(lines, i, template) {
            builder.close();
            let text = joined(lines, i, last);
            builder.raw.push(Raw::new(
                BlockKind::Heading(Some(found)),
                &text,
                lines[i].number,
            ));
            i = last + 1;
        } else {
            builder.take(lines, i);
            i += 1;
        }
    }
    builder.close();
    let body_line = lines.get(front_end).map_or(usize::MAX, |line| line.number);
    settle(builder.raw, body_line, template)
}

/// Index of the line where the body begins: the first contents list or
/// section heading. Judgement-table rows are looked for only before it, as
/// body headings print area labels with grades too.
fn front_end(lines: &[Line], template: &Template) -> usize {
    (0..lines.len())
        .find(|&i| {
            matches!(
                heading_at(lines, i, template),
                Some((
                    Heading {
                        role: Role::Contents
                            | Role::LocalAuthorityPart
                            | Role::Section(
                                Section::Recommendations
                                    | Section::ExecutiveSummary
                                    | Section::Context
                            ),
                        ..
                    },
                    _
                ))
            )
        })
        .unwrap_or(lines.len())
}

/// The heading that starts at line `i`, and the last line it takes: the
/// longest run of non-blank lines, up to five, that reads as a heading.
pub(super) fn heading_at(
    lines: &[Line],
    i: usize,
    template: &Template,
) -> Option<(Heading, usize)> {
    // Every heading of the vocabulary starts with a capital; most lines do not.
    if !lines[i].text.starts_with(char::is_uppercase) {
        return None;
    }
    let run = non_blank_run(lines, i, GRADED_HEADING_LINES);
    if too_long_for_a_heading(&lines[i].text) {
        return None;
    }
    let mut found = None;
    let mut text = String::new();
    for &j in &run {
        if too_long_for_a_heading(&lines[j].text) {
            break;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&lines[j].text);
        if let Some(heading) = heading::recognise(&text, template) {
            found = Some((heading, j));
        }
    }
    found
}

/// Whether a line has more characters than a heading's line (counted only
/// where it has more bytes).
fn too_long_for_a_heading(text: &str) -> bool {
    text.len() > HEADING_LINE && text.chars().count() > HEADING_LINE
}

/// Up to `count` non-blank lines from `i`, crossing no more blank lines than
/// a page break leaves between any two of them.
fn non_blank_run(lines: &[Line], i: usize, count: usize) -> Vec<usize> {
    let mut run = Vec::with_capacity(count);
    let mut blanks = 0;
    for (j, line) in lines.iter().enumerate().skip(i) {
        if run.len() == count {
            break;
        }
        if line.is_blank() {
            blanks += 1;
            if blanks > PAGE_BREAK_BLANKS {
                break;
            }
        } else {
            run.push(j);
            blanks = 0;
        }
    }
    run
}

/// The text of lines `first` to `last`, blank lines left out.
pub(super) fn joined(lines: &[Line], first: usize, last: usize) -> String {
    let texts: Vec<&str> = lines[first..=last]
        .iter()
        .filter(|l| !l.is_blank())
        .map(|l| l.text.as_str())
        .collect();
    texts.join(" ")
}

/// The width lines wrap at: a high percentile of the lengths of wrapped lines.
fn typical_width(lines: &[Line]) -> usize {
    let mut lengths: Vec<usize> = lines
        .iter()
        .map(|l| l.text.chars().count())
        .filter(|&n| n > 0 && n <= REFLOWED_LINE)
        .collect();
    if lengths.is_empty() {
        return REFLOWED_LINE;
    }
    lengths.sort_unstable();
    lengths[(lengths.len() * 95 / 100).min(lengths.len() - 1)]
}

/// A block as first cut, before page-split blocks are joined.
struct Raw {
    kind: BlockKind,
    text: String,
    line: usize,
    lines: usize,
    /// Length of the longest line, for the block's own wrap width.
    widest: usize,
    /// An entry of the inspection team's roster: its own block, whose
    /// wrapped lines of names join it and which nothing else runs on from.
    roster: bool,
}

impl Raw {
    fn new(kind: BlockKind, text: &str, line: usize) -> Raw {
        Raw {
            kind,
            text: text.to_string(),
            line,
            lines: 1,
            widest: text.chars().count(),
            roster: false,
        }
    }
}

struct Builder {
    width: usize,
    /// Index of the body's first line: roster entries are looked for from
    /// here, as the front page's "Lead inspector: ..." heads its table.
    body: usize,
    raw: Vec<Raw>,
    open: Option<Raw>,
}

impl Builder {
    fn close(&mut self) {
        if let Some(block) = self.open.take() {
            self.raw.push(block);
        }
    }

    /// Takes line `i` into the open block, or starts one with it; closes the
    /// block if the line ends it.
    fn take(&mut self, lines: &[Line], i: usize) {
        let line = &lines[i];
        let length = line.text.chars().count();
        let in_body = i >= self.body;
        let roster = in_body && starts_roster_entry(&line.text);
        let start = numbered_start(&line.text)
            .filter(|_| !self.open_ends_mid_phrase())
            .map(|(number, rest)| (BlockKind::Numbered(number), rest))
            .or_else(|| bullet_start(line).map(|(sub, rest)| (BlockKind::Bullet { sub }, rest)))
            .or_else(|| roster.then_some((BlockKind::Paragraph, line.text.as_str())));
        let next = lines[i + 1..].iter().find(|l| !l.is_blank());
        let next_starts_block = || {
            next.is_some_and(|n| {
                numbered_start(&n.text).is_some()
                    || bullet_start(n).is_some()
                    || (in_body && starts_roster_entry(&n.text))
            })
        };
        match (start, self.open.as_mut()) {
            (Some((kind, rest)), _) => {
                self.close();
                self.open = Some(Raw {
                    widest: length,
                    roster,
                    ..Raw::new(kind, rest, line.number)
                });
            }
            (None, Some(open)) if is_stray_subheading(open, line, next_starts_block) => {
                self.close();
                self.raw
                    .push(Raw::new(BlockKind::Paragraph, &line.text, line.number));
                return;
            }
            (None, Some(open)) => {
                join(&mut open.text, &line.text);
                open.lines += 1;
                open.widest = open.widest.max(length);
            }
            (None, None) => {
                self.open = Some(Raw::new(BlockKind::Paragraph, &line.text, line.number))
            }
        }
        if self.ends_block(line, length, next) {
            self.close();
        }
    }

    /// Whether the open block stops on a word that leaves its phrase open:
    /// a number at the start of the next line goes on with the phrase
    /// ("... when they reach the age of" / "17."), it does not number a
    /// paragraph.
    fn open_ends_mid_phrase(&self) -> bool {
        // Only its last word: a bracket or quote left open higher up (a
        // misprint) must not take the next numbered paragraph in.
        self.open
            .as_ref()
            .is_some_and(|open| ends_on_a_dangling_word(&open.text))
    }

    /// Whether `line`, of `length` characters, ends its block: the next
    /// line's first word would have fitted on it, and it ends a sentence or
    /// the next line starts afresh; never on a word that ends neither a
    /// sentence nor a heading (a capital after it is a name: "from" /
    /// "Ofsted."), nor inside a date ("in November" / "2012.") or the board's
    /// name ("... Safeguarding Children" / "Board").
    fn ends_block(&self, line: &Line, length: usize, next: Option<&Line>) -> bool {
        let Some(next) = next else {
            return true;
        };
        if self.open.as_ref().is_some_and(|open| open.roster) {
            return !is_names_line(&next.text) || starts_roster_entry(&next.text);
        }
        let width = match &self.open {
            Some(open) if open.lines > 1 => open.widest.min(self.width),
            _ => self.width,
        };
        let next_word = next
            .text
            .split_whitespace()
            .next()
            .map_or(0, |w| w.chars().count());
        let fits = length > REFLOWED_LINE || length + 1 + next_word <= width;
        let starts_afresh = next
            .text
            .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '\'');
        fits && (ends_sentence(&line.text) || starts_afresh)
            && !ends_mid_phrase(&line.text)
            && !splits_a_date(&line.text, &next.text)
            && !splits_the_boards_name(&line.text, &next.text)
    }
}

/// A subheading wrapped onto the end of a block: a short unpunctuated line
/// after a sentence's end, with a block of its own after it: a numbered
/// paragraph, bullet or roster entry ("...reflective supervision." / "Help
/// and protection" / "4. Ensure ...").
fn is_stray_subheading(open: &Raw, line: &Line, next_starts_block: impl FnOnce() -> bool) -> bool {
    // The cheap tests first: most lines end no sentence's block.
    ends_sentence(&open.text)
        && line.text.starts_with(char::is_uppercase)
        && !ends_sentence(&line.text)
        && line.text.split_whitespace().count() <= 8
        && next_starts_block()
}

/// Appends a line to a block's text. A line that ends in a hyphen after a
/// letter ends a hyphenated word or name ("multi-" + "agency" ->
/// "multi-agency", "pan-" + "London", "Thomson-" + "Jones"), one
/// that ends in a dash after a digit ends a range ("2014–" + "15" ->
/// "2014–15"); a soft hyphen ends half a word.
fn join(text: &mut String, line: &str) {
    if text.ends_with('\u{ad}') {
        text.pop();
    } else {
        let mut tail = text.chars().rev();
        let (last, before) = (tail.next(), tail.next());
        let hyphenated = last == Some('-')
            && before.is_some_and(char::is_alphabetic)
            && line.starts_with(char::is_alphabetic);
        let range = matches!(last, Some('-' | '\u{2013}'))
            && before.is_some_and(|c| c.is_ascii_digit())
            && line.starts_with(|c: char| c.is_ascii_digit());
        if !hyphenated && !range && !text.is_empty() {
            text.push(' ');
        }
    }
    text.push_str(line);
}

/// "17. The SPA developed ..." -> (17, "The SPA developed ...").
fn numbered_start(text: &str) -> Option<(u32, &str)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let rest = text[digits..].strip_prefix('.')?;
    // A number alone on its line starts a paragraph whose text follows, or
    // that the report leaves empty.
    let starts_text = (rest.starts_with(' ') && !rest.trim().is_empty()) || rest.trim().is_empty();
    if (1..=3).contains(&digits) && starts_text {
        Some((text[..digits].parse().ok()?, rest.trim_start()))
    } else {
        None
    }
}

/// A bullet glyph and the text after it. Symbol-font glyphs come out of PDFs
/// as private-use characters; the dash among them marks the second level, as
/// does an indented hyphen in reflowed text.
fn bullet_start(line: &Line) -> Option<(bool, &str)> {
    let mut chars = line.text.chars();
    let glyph = chars.next()?;
    let rest = chars.as_str();
    let sub = match glyph {
        // A hyphen bullet, or a box-drawing line ("─ in primary schools").
        '\u{f02d}' | '\u{2043}' | '\u{2500}' => true,
        '-' | '*' => line.indent > 0,
        '\u{f000}'..='\u{f0ff}'
        | '\u{2022}'
        | '\u{25aa}'
        | '\u{25a0}'
        | '\u{25cf}'
        | '\u{25fc}'
        | '\u{25fe}'
        | '\u{27a2}'
        | '\u{2713}'
        | '\u{00b7}' => false,
        _ => return None,
    };
    // A hyphen is a bullet only when a space follows it: "-based" is a word.
    let unspaced = matches!(glyph, '-' | '*') && !rest.starts_with(' ');
    let rest = rest.trim_start();
    if rest.is_empty() || unspaced {
        None
    } else {
        Some((sub, rest))
    }
}

/// Joins blocks that a page break split, and tells short unpunctuated lines
/// (subheadings) from paragraphs. A block continues the one before if it
/// starts in lower case, or, in the body (from line `body_line`), if the one
/// before ends mid-sentence; the front page's title, date and table lines
/// end without punctuation but do not run on, nor does a roster entry.
fn settle(raw: Vec<Raw>, body_line: usize, template: &Template) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::with_capacity(raw.len());
    let mut after_roster = false;
    for block in raw {
        let continues = block.kind == BlockKind::Paragraph
            && !block.roster
            && !after_roster
            && blocks.last().is_some_and(|previous| {
                previous.is_text()
                    && (block.text.starts_with(char::is_lowercase)
                        || annotates_the_block_above(&block.text)
                        || (block.line >= body_line && !ends_sentence(&previous.text)))
            });
        after_roster = block.roster;
        if continues {
            if let Some(previous) = blocks.last_mut() {
                join(&mut previous.text, &block.text);
            }
            continue;
        }
        let kind = if block.kind == BlockKind::Paragraph
            && template.subheadings
            && is_subheading(&block)
        {
            BlockKind::Heading(None)
        } else {
            block.kind
        };
        blocks.push(Block {
            kind,
            text: block.text,
            line: block.line,
        });
    }
    let mut settled = Vec::with_capacity(blocks.len());
    for mut block in blocks {
        if let Cow::Owned(tidied) = tidy(&block.text) {
            block.text = tidied;
        }
        let trailing = if block.is_text() {
            split_trailing_heading(&mut block.text, block.line, template)
        } else {
            None
        };
        settled.push(block);
        settled.extend(trailing);
    }
    settled
}

/// A few words in brackets on a line of their own mark the paragraph above:
/// SIF prints "(Recommendation)" after the findings a recommendation
/// answers.
fn annotates_the_block_above(text: &str) -> bool {
    let text = text.trim_end();
    let inner = text
        .strip_prefix('(')
        .and_then(|rest| rest.strip_suffix(").").or_else(|| rest.strip_suffix(')')));
    inner.is_some_and(|inner| !inner.contains(['(', ')']) && inner.split_whitespace().count() <= 3)
}

/// Some extractors put a heading on the last line of the text above it
/// ("...and four adequate.  Other information about this area"), and a
/// page break runs an area's label on from the text above ("... care
/// leavers." / "Leadership, management and governance"): splits such a
/// heading off into a block of its own.
fn split_trailing_heading(text: &mut String, line: usize, template: &Template) -> Option<Block> {
    // The starts of the last words, earliest first.
    let mut starts: Vec<usize> = text
        .rmatch_indices(' ')
        .take(HEADING_WORDS)
        .map(|(i, _)| i + 1)
        .collect();
    starts.reverse();
    let (start, kind) = starts.iter().find_map(|&start| {
        let (before, after) = text.split_at(start);
        // The cheap tests first: recognising a heading normalises its text.
        let several_words =
            after.starts_with(char::is_uppercase) && after.split_whitespace().nth(1).is_some();
        if !several_words || !ends_sentence(before) {
            return None;
        }
        let heading =
            heading::recognise(after, template).map(|heading| BlockKind::Heading(Some(heading)));
        // An area's label above its section's table ("Key judgement" /
        // "Judgement grade") is a subheading.
        let label = || Area::from_label(after).map(|_| BlockKind::Heading(None));
        Some((start, heading.or_else(label)?))
    })?;
    let heading_text = text.split_off(start).trim().to_string();
    text.truncate(text.trim_end().len());
    Some(Block {
        kind,
        text: heading_text,
        line,
    })
}

/// A short line of its own that ends no sentence, and holds none: a
/// sentence's end inside it ("... since this time. The Director") makes it
/// a paragraph's part; the statement that a part has nothing to recommend
/// ("There are no areas for priority or immediate action") and the lead-in
/// to a list ("This local authority requires improvement and is not yet
/// good because") are paragraphs even unstopped. An area's label is a
/// subheading however it wraps.
fn is_subheading(block: &Raw) -> bool {
    if block.roster {
        return false;
    }
    // The cheap tests first: naming an area normalises the text.
    if block.lines <= HEADING_LINES
        && block.text.starts_with(char::is_uppercase)
        && Area::from_label(&block.text).is_some()
    {
        return true;
    }
    block.lines == 1
        && block.text.split_whitespace().count() <= 12
        && !ends_sentence(&block.text)
        && !ends_mid_phrase(&block.text)
        && !block.text.contains(". ")
        && !block.text.trim_end().ends_with(" because")
        && !recommends_nothing(&block.text)
        && !opens_with_there_is(&block.text)
}

/// Whether a line opens as a sentence that says something exists ("There
/// are clear governance arrangements between the Children's Improvement"
/// / "Board, ..."): no heading does.
fn opens_with_there_is(text: &str) -> bool {
    let mut words = text.split_whitespace();
    words.next() == Some("There")
        && words
            .next()
            .is_some_and(|verb| ["is", "are", "was", "were", "has", "have"].contains(&verb))
}

/// The blocks of a text, kind and text: what the layout tests compare.
#[cfg(test)]
pub(super) fn laid_out(text: &str) -> Vec<(BlockKind, String)> {
    let template = Template::of(crate::model::Framework::Ilacs);
    blocks(&super::lines::clean(text), template)
        .into_iter()
        .map(|b| (b.kind, b.text))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::laid_out as layout;
    use super::*;
    use crate::ingest::lines::clean;

    #[test]
    fn hard_wrapped_numbered_paragraphs_are_joined_across_page_breaks() {
        let text = "\
1. A wide range of increasingly well-coordinated and effective early help is
available for children and families in Kingston. Assessments are thorough and
the multi-
agency response is swift.
2. Thresholds of need are clearly understood by staff and partner agencies and

 3

are applied consistently.";
        let blocks = layout(text);
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].0, BlockKind::Numbered(1));
        assert!(
            blocks[0]
                .1
                .ends_with("Assessments are thorough and the multi-agency response is swift.")
        );
        assert_eq!(
            blocks[1].1,
            "Thresholds of need are clearly understood by staff and partner agencies and are applied consistently."
        );
    }

    #[test]
    fn reflowed_paragraphs_split_by_a_page_break_are_joined() {
        let long = "Particularly strong areas of practice are the creative and thoughtful direct work undertaken with children ".repeat(3);
        let text = format!(
            "{long}and the wide range of\n\nsupport services.\n\nNo children were identified."
        );
        let blocks = layout(&text);
        assert_eq!(blocks.len(), 2);
        assert!(blocks[0].1.ends_with("wide range of support services."));
    }

    #[test]
    fn bullets_and_sub_bullets_are_told_apart() {
        let text = "\u{f06e} The proportion of children entitled to free school meals:\n\u{f02d} in primary schools is 20%\n- A reflowed bullet.\n - its sub-bullet.\n\u{2500}  in secondary schools is 21%";
        let kinds: Vec<BlockKind> = layout(text).into_iter().map(|b| b.0).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Bullet { sub: false },
                BlockKind::Bullet { sub: true },
                BlockKind::Bullet { sub: false },
                BlockKind::Bullet { sub: true },
                BlockKind::Bullet { sub: true }
            ]
        );
    }

    #[test]
    fn headings_split_across_lines_are_recognised() {
        let text = "some text.\nThe experiences and progress of children in care: requires\nimprovement to be good\n18. Children are supported.";
        let blocks = blocks(&clean(text), Template::of(crate::model::Framework::Ilacs));
        let heading = blocks
            .iter()
            .find(|b| matches!(b.kind, BlockKind::Heading(Some(_))))
            .unwrap();
        assert_eq!(
            heading.kind,
            BlockKind::Heading(Some(Heading {
                role: Role::Section(Section::ChildrenInCare),
                grade: Some(Grade::RequiresImprovement)
            }))
        );
    }

    #[test]
    fn a_graded_headings_grade_may_wrap_in_its_own_column() {
        // Lambeth 2018, Sunderland 2018: three lines of label, two of grade.
        let text = "some text.\nThe experiences and progress of\nchildren looked after and achieving\npermanence\n Requires improvement\nto be good\n\nServices for children looked after have improved.";
        let blocks = blocks(&clean(text), Template::of(crate::model::Framework::Ilacs));
        assert_eq!(
            blocks[1].kind,
            BlockKind::Heading(Some(Heading {
                role: Role::Section(Section::ChildrenLookedAfter),
                grade: Some(Grade::RequiresImprovement)
            }))
        );
        assert_eq!(
            blocks[2].text,
            "Services for children looked after have improved."
        );
    }

    #[test]
    fn short_unpunctuated_lines_are_subheadings() {
        let text = "Leadership and management\n\u{f06e} Children\u{2019}s services benefit from leadership.";
        assert_eq!(
            layout(text)[0],
            (BlockKind::Heading(None), "Leadership and management".into())
        );
    }

    #[test]
    fn a_hyphen_at_a_lines_end_joins_a_word_or_a_name_a_dash_a_range() {
        let joined = |text: &str, line: &str| {
            let mut text = text.to_string();
            join(&mut text, line);
            text
        };
        assert_eq!(joined("the multi-", "agency"), "the multi-agency");
        assert_eq!(joined("Paula Thomson-", "Jones"), "Paula Thomson-Jones");
        assert_eq!(joined("in 2014\u{2013}", "15"), "in 2014\u{2013}15");
        assert_eq!(joined("support -", "Leaders"), "support - Leaders");
    }

    #[test]
    fn sentences_on_a_short_line_of_their_own_are_paragraphs() {
        let paragraphs = |text| -> Vec<String> {
            layout(text)
                .into_iter()
                .filter(|(kind, _)| *kind == BlockKind::Paragraph)
                .map(|(_, text)| text)
                .collect()
        };
        assert_eq!(
            paragraphs("This local authority is not yet good because\n1. Too many children wait."),
            ["This local authority is not yet good because"]
        );
        assert_eq!(
            paragraphs(
                "Priority and immediate action\nThere are no areas for priority or immediate action\nAreas for improvement"
            ),
            ["There are no areas for priority or immediate action"]
        );
        assert_eq!(
            paragraphs(
                "Executive summary\nThe board is independently chaired and is well supported by all its partner agencies at the\nright level.\nThere are clear governance arrangements between the Children's Improvement\nBoard, Children's Trust and the CESCB with shared objectives."
            ),
            [
                "The board is independently chaired and is well supported by all its partner agencies at the right level.",
                "There are clear governance arrangements between the Children's Improvement Board, Children's Trust and the CESCB with shared objectives."
            ]
        );
    }

    #[test]
    fn a_line_that_ends_inside_the_boards_name_goes_on() {
        let text = "Executive summary\nThe independent chair of Cheshire West and Chester Local Safeguarding Children\nBoard (LSCB) has been successful and demonstrated strong leadership in engaging the local\nauthority and its partners.";
        assert_eq!(
            layout(text)[1],
            (
                BlockKind::Paragraph,
                "The independent chair of Cheshire West and Chester Local Safeguarding Children \
                 Board (LSCB) has been successful and demonstrated strong leadership in engaging \
                 the local authority and its partners."
                    .to_string()
            )
        );
    }

    #[test]
    fn an_areas_label_above_its_table_is_a_subheading_however_it_wraps() {
        // Salford 2015: a page break runs the label on from the text above;
        // Barnsley 2014: the label wraps onto a second line.
        for (text, label) in [
            (
                "5. Young people attend an annual event\nfor looked after children and leavers.\nLeadership, management and governance\nKey judgement Judgement grade",
                "Leadership, management and governance",
            ),
            (
                "5. Young people are positive.\n\nThe experiences and progress of children looked after and achieving\npermanence\n\nKey judgement Judgement grade",
                "The experiences and progress of children looked after and achieving permanence",
            ),
        ] {
            let blocks = layout(text);
            assert!(blocks[0].1.ends_with('.'), "{blocks:?}");
            assert_eq!(blocks[1], (BlockKind::Heading(None), label.to_string()));
        }
    }

    #[test]
    fn numbers_need_a_full_stop_and_a_space() {
        assert_eq!(numbered_start("17. The SPA"), Some((17, "The SPA")));
        assert_eq!(numbered_start("2.1 Adoption"), None);
        assert_eq!(numbered_start("2014. The"), None);
        // A number alone on its line: the text follows, or the report
        // leaves the paragraph empty.
        assert_eq!(numbered_start("3."), Some((3, "")));
        assert_eq!(numbered_start("3"), None);
    }
}
