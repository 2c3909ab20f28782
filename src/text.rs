//! The one tokenizer and the one normaliser: the term index, `contains`,
//! the command line's highlighting of matches, and the matchers of areas,
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
/// use inspection_kb::text::words;
/// let words: Vec<(u32, String)> = words("Return-home interviews").collect();
/// assert_eq!(words, [(0, "return".to_string()), (1, "home".to_string()), (2, "interviews".to_string())]);
/// ```
pub fn words(text: &str) -> impl Iterator<Item = (u32, String)> + '_ {
    words_borrowed(text).map(|(position, word)| (position, word.into_owned()))
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
/// ```
/// use inspection_kb::text::normalise;
/// assert_eq!(normalise("Help & Protection:"), "help and protection");
/// assert_eq!(normalise("  The local authority\u{2019}s strengths "), "the local authority s strengths");
/// ```
pub fn normalise(text: &str) -> String {
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
/// use inspection_kb::text::contains_phrase;
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
/// use inspection_kb::text::find_phrase;
/// let text = "Ensure that return-home interviews happen";
/// assert_eq!(find_phrase(text, "return home").map(|at| &text[at]), Some("return-home"));
/// ```
pub fn find_phrase(text: &str, phrase: &str) -> Option<Range<usize>> {
    let wanted: Vec<Cow<'_, str>> = words_borrowed(phrase).map(|(_, word)| word).collect();
    if wanted.is_empty() {
        return Some(0..0);
    }
    let have: Vec<(Range<usize>, Cow<'_, str>)> = spans(text).collect();
    have.windows(wanted.len())
        .find(|window| window.iter().map(|(_, word)| word).eq(wanted.iter()))
        .map(|window| window[0].0.start..window[wanted.len() - 1].0.end)
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
