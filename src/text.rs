//! The one tokenizer and the one normaliser: the term index, `contains`
//! and `matches`, ranking (record lengths, phrase counts), snippets, the
//! command line's highlighting of matches, and the matchers of areas,
//! authorities and report headings all read text through them, so that
//! what the index finds, what a scan finds and what is shown agree.
//!
//! A word is a run of letters and digits; everything else separates words
//! (so "multi-agency" is the two words "multi" and "agency", and
//! "children’s" is "children" and "s"). Words compare in lower case.

use std::borrow::Cow;
use std::ops::Range;

/// The words of `text`, lower-cased, with their positions (0, 1, 2, ...).
///
/// ```
/// use inspection_kb::words;
/// let words: Vec<(u32, String)> = words("Return-home interviews").collect();
/// assert_eq!(words, [(0, "return".to_string()), (1, "home".to_string()), (2, "interviews".to_string())]);
/// ```
pub fn words(text: &str) -> impl Iterator<Item = (u32, String)> + '_ {
    words_borrowed(text).map(|(position, word)| (position, word.into_owned()))
}

/// How many words `text` has.
pub(crate) fn word_count(text: &str) -> u32 {
    // A text has fewer words than bytes, and texts are far below 4 GB.
    u32::try_from(spans(text).count()).unwrap_or(u32::MAX)
}

/// [`words`] without an allocation for words already in lower case.
pub(crate) fn words_borrowed(text: &str) -> impl Iterator<Item = (u32, Cow<'_, str>)> {
    spans(text)
        .zip(0u32..)
        .map(|((_, word), position)| (position, word))
}

/// The words of `text`, lower-cased, with where each stands (bytes).
fn spans(text: &str) -> impl Iterator<Item = (Range<usize>, Cow<'_, str>)> {
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let start = loop {
            let &(at, c) = rest.peek()?;
            if c.is_alphanumeric() {
                break at;
            }
            rest.next();
        };
        let mut end = start;
        while let Some(&(at, c)) = rest.peek() {
            if !c.is_alphanumeric() {
                break;
            }
            end = at + c.len_utf8();
            rest.next();
        }
        Some((start..end, lower_case(&text[start..end])))
    })
}

/// The normal form of a label or a name, in which the matchers of areas,
/// authorities and headings compare: its words, lower case, one space
/// apart, with "&" read as the word "and".
///
/// `"Help & Protection:"` becomes `"help and protection"`.
pub(crate) fn normalise(text: &str) -> String {
    let spelled = if text.contains('&') {
        Cow::Owned(text.replace('&', " and "))
    } else {
        Cow::Borrowed(text)
    };
    let words: Vec<Cow<'_, str>> = words_borrowed(&spelled).map(|(_, word)| word).collect();
    words.join(" ")
}

fn lower_case(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// Whether `text` holds `phrase` as a run of whole words, ignoring case
/// and anything between words. A phrase without words is in every text.
///
/// ```
/// use inspection_kb::contains_phrase;
/// assert!(contains_phrase("the quality of return home interviews", "Return home"));
/// assert!(contains_phrase("a multi-agency response", "multi agency"));
/// assert!(!contains_phrase("returning home", "return home"));
/// ```
pub fn contains_phrase(text: &str, phrase: &str) -> bool {
    find_phrase(text, phrase).is_some()
}

/// Where `text` first holds `phrase` as [`contains_phrase`] finds it: the
/// bytes from its first word's start to its last word's end (empty, at 0,
/// for a phrase without words).
///
/// ```
/// use inspection_kb::find_phrase;
/// let text = "Ensure that return-home interviews happen";
/// assert_eq!(find_phrase(text, "return home").map(|at| &text[at]), Some("return-home"));
/// ```
pub fn find_phrase(text: &str, phrase: &str) -> Option<Range<usize>> {
    let wanted = phrase_words(phrase);
    if wanted.is_empty() {
        return Some(0..0);
    }
    let have: Vec<(Range<usize>, Cow<'_, str>)> = spans(text).collect();
    starts(&have, &wanted)
        .next()
        .map(|at| have[at].0.start..have[at + wanted.len() - 1].0.end)
}

/// How often `text` holds `phrase` (at each word it starts from, so "the
/// the" is twice in "the the the"); once for a phrase without words.
pub(crate) fn occurrences(text: &str, phrase: &str) -> u32 {
    let wanted = phrase_words(phrase);
    if wanted.is_empty() {
        return 1;
    }
    let have: Vec<(Range<usize>, Cow<'_, str>)> = spans(text).collect();
    // No more occurrences than words, and texts are far below 4 G words.
    u32::try_from(starts(&have, &wanted).count()).unwrap_or(u32::MAX)
}

fn phrase_words(phrase: &str) -> Vec<Cow<'_, str>> {
    words_borrowed(phrase).map(|(_, word)| word).collect()
}

/// The places among the words `have` where the words `wanted` (at least
/// one) start.
fn starts<'a>(
    have: &'a [(Range<usize>, Cow<'_, str>)],
    wanted: &'a [Cow<'_, str>],
) -> impl Iterator<Item = usize> + 'a {
    have.windows(wanted.len())
        .enumerate()
        .filter(|(_, window)| window.iter().map(|(_, word)| word).eq(wanted.iter()))
        .map(|(at, _)| at)
}

/// About how many words a snippet shows.
const SNIPPET_WORDS: usize = 30;

/// A window of about 30 words of `text` around its best match of
/// `phrases` (the one with the most of them near it, the first of equals),
/// each matched run of words marked `[` `]`; trimmed to the sentences the
/// matches are in where they fit, with `…` where the window cuts a
/// sentence.
pub(crate) fn snippet(text: &str, phrases: &[String]) -> String {
    let have: Vec<(Range<usize>, Cow<'_, str>)> = spans(text).collect();
    // Each match: where it starts, which phrase it is, and its last word.
    let mut matches: Vec<(usize, usize, usize)> = Vec::new();
    for (index, phrase) in phrases.iter().enumerate() {
        let wanted = phrase_words(phrase);
        if wanted.is_empty() {
            continue;
        }
        matches.extend(starts(&have, &wanted).map(|at| (at, index, at + wanted.len() - 1)));
    }
    // The runs of words to mark: matches, those that overlap made one.
    let mut runs: Vec<(usize, usize)> = matches.iter().map(|&(at, _, last)| (at, last)).collect();
    runs.sort_unstable();
    let mut marks: Vec<(usize, usize)> = Vec::new();
    for (at, last) in runs {
        match marks.last_mut() {
            Some((_, end)) if at <= *end => *end = (*end).max(last),
            _ => marks.push((at, last)),
        }
    }
    let mut matched = vec![false; have.len()];
    for &(at, last) in &marks {
        matched[at..=last].fill(true);
    }
    if have.is_empty() {
        return String::new();
    }
    // The window begins a little before a match, so that it reads in.
    let lead = SNIPPET_WORDS / 4;
    let quality = |from: usize| {
        let inside = |&&(at, ..): &&(usize, usize, usize)| at >= from && at < from + SNIPPET_WORDS;
        let mut phrases: Vec<usize> = matches.iter().filter(inside).map(|&(_, p, _)| p).collect();
        let words = phrases.len();
        phrases.sort_unstable();
        phrases.dedup();
        (phrases.len(), words)
    };
    let mut candidates: Vec<usize> = matches
        .iter()
        .map(|&(at, ..)| at.saturating_sub(lead))
        .collect();
    candidates.sort_unstable();
    let mut from = 0;
    let mut best = (0, 0);
    for candidate in candidates {
        let found = quality(candidate);
        if found > best {
            (from, best) = (candidate, found);
        }
    }
    // A window near the end shows the words before it instead of fewer.
    from = from.min(have.len().saturating_sub(SNIPPET_WORDS));
    let mut to = (from + SNIPPET_WORDS).min(have.len());
    let gap = |at: usize| &text[have[at - 1].0.end..have[at].0.start];
    let ends_sentence = |gap: &str| gap.contains(['.', '!', '?']);
    let first = matched[from..to]
        .iter()
        .position(|&m| m)
        .map_or(from, |at| from + at);
    let last = matched[from..to]
        .iter()
        .rposition(|&m| m)
        .map_or(from, |at| from + at);
    // Begin at the start of the first match's sentence where the window holds it.
    if let Some(start) = (from + 1..=first).rev().find(|&at| ends_sentence(gap(at))) {
        from = start;
    }
    // End at the end of the last match's sentence where the window holds it.
    let cut_at_end = to < have.len();
    // A window to the last word takes what follows it (its full stop).
    let mut end_byte = if cut_at_end {
        have[to - 1].0.end
    } else {
        text.trim_end().len()
    };
    if let Some(end) = (last + 1..to).find(|&at| ends_sentence(gap(at))) {
        to = end;
        let after = gap(end);
        let stop = after.find(['.', '!', '?']).map_or(0, |at| at + 1);
        end_byte = have[end - 1].0.end + stop;
    }
    let cut_at_end = cut_at_end && end_byte == have[to - 1].0.end;
    let starts_sentence = from == 0 || ends_sentence(gap(from));
    let mut out = String::new();
    if !starts_sentence {
        out.push('…');
    }
    let mut written = have[from].0.start;
    for at in from..to {
        let (range, _) = &have[at];
        let opens = marks.iter().any(|&(first, _)| first == at) || (at == from && matched[at]);
        let closes = marks.iter().any(|&(_, last)| last == at) || (at + 1 == to && matched[at]);
        out.push_str(&text[written..range.start]);
        if opens {
            out.push('[');
        }
        out.push_str(&text[range.clone()]);
        if closes {
            out.push(']');
        }
        written = range.end;
    }
    out.push_str(&text[written..end_byte.max(written)]);
    if cut_at_end {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_everything_but_letters_and_digits() {
        let got: Vec<String> = words("Children\u{2019}s services (2014\u{2013}15): GOOD.")
            .map(|(_, w)| w)
            .collect();
        assert_eq!(got, ["children", "s", "services", "2014", "15", "good"]);
        assert_eq!(words("").count(), 0);
        assert_eq!(words(" -- ").count(), 0);
    }

    #[test]
    fn phrases_match_whole_words_only() {
        assert!(contains_phrase(
            "Care leavers are supported.",
            "care leavers"
        ));
        assert!(!contains_phrase(
            "Care leavers are supported.",
            "care leaver"
        ));
        assert!(!contains_phrase(
            "Care leavers are supported.",
            "leavers care"
        ));
        assert!(contains_phrase("anything", ""));
        assert!(contains_phrase("Ofsted\u{2019}s view", "ofsted's view"));
    }

    #[test]
    fn occurrences_count_every_start() {
        assert_eq!(occurrences("the the the", "the the"), 2);
        assert_eq!(occurrences("Care leavers, care-leavers", "care leavers"), 2);
        assert_eq!(occurrences("care", "leavers"), 0);
        assert_eq!(occurrences("anything", ""), 1);
    }

    #[test]
    fn snippets_mark_matches_and_keep_to_their_sentences() {
        let long: String = (0..60).map(|n| format!("w{n} ")).collect();
        let text = format!("{long}. Exploitation of missing children is assessed well. {long}");
        assert_eq!(
            snippet(&text, &["missing".into(), "exploitation".into()]),
            "[Exploitation] of [missing] children is assessed well."
        );
        // No sentence end in reach: the window is cut, and says so.
        let longer: String = (0..100).map(|n| format!("w{n} ")).collect();
        let cut = snippet(&longer, &["w40".into()]);
        assert!(cut.starts_with("…w33 ") && cut.ends_with(" w62…"), "{cut}");
        assert!(cut.contains("[w40]"), "{cut}");
        assert_eq!(cut.split_whitespace().count(), SNIPPET_WORDS);
        // Adjacent matched words are one run; the best window is the one with most phrases.
        assert_eq!(
            snippet(
                "Return home. Return-home interviews happen.",
                &["return home".into(), "interviews".into()]
            ),
            "[Return home]. [Return-home] [interviews] happen."
        );
        assert_eq!(snippet("", &["x".into()]), "");
        // A text shorter than the window is shown from its start.
        assert_eq!(
            snippet(
                "There is a robust and well-coordinated response to children who go missing.",
                &["missing".into()]
            ),
            "There is a robust and well-coordinated response to children who go [missing]."
        );
    }

    #[test]
    fn a_phrase_is_found_where_its_words_stand() {
        let text = "Care leavers\u{2019} pathway plans; PATHWAY plans";
        // The closing quote is three bytes (12 to 15).
        assert_eq!(find_phrase(text, "pathway plans"), Some(16..29));
        assert_eq!(find_phrase(text, "plans pathway"), Some(24..38));
        assert_eq!(find_phrase(text, "leavers plans"), None);
        assert_eq!(
            find_phrase("\u{e9}t\u{e9} Caf\u{e9}", "caf\u{e9}"),
            Some(6..11)
        );
        assert_eq!(normalise("Care & leavers -- 16+"), "care and leavers 16");
        assert_eq!(normalise(""), "");
    }
}
