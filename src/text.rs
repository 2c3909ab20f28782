//! The one tokenizer: the term index and `contains` both read text through
//! it, so that what the index finds and what a scan finds agree.
//!
//! A word is a run of letters and digits; everything else separates words
//! (so "multi-agency" is the two words "multi" and "agency", and
//! "children’s" is "children" and "s"). Words compare in lower case.

use std::borrow::Cow;

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
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(lower_case)
        .zip(0u32..)
        .map(|(word, position)| (position, word))
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
    let wanted: Vec<Cow<'_, str>> = words_borrowed(phrase).map(|(_, word)| word).collect();
    if wanted.is_empty() {
        return true;
    }
    let have: Vec<Cow<'_, str>> = words_borrowed(text).map(|(_, word)| word).collect();
    have.windows(wanted.len())
        .any(|window| window == wanted.as_slice())
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
}
