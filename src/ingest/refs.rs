//! The paragraphs a recommendation cites.

/// Paragraph numbers cited in brackets: "(paragraph 24)" -> [24],
/// "(paragraphs 141, 144)" -> [141, 144], "(page 12, paragraph 3)" -> [3],
/// "(paragraphs 29 to 31)" -> [29, 30, 31]. Sorted, without repeats.
pub(crate) fn cited_paragraphs(text: &str) -> Vec<u32> {
    let mut cited = Vec::new();
    for group in text
        .split('(')
        .skip(1)
        .filter_map(|rest| rest.split_once(')').map(|(inside, _)| inside))
    {
        let lower = group.to_lowercase();
        let Some(at) = lower.rfind("paragraph") else {
            continue;
        };
        cited.extend(numbers_and_ranges(&lower[at..]));
    }
    cited.sort_unstable();
    cited.dedup();
    cited
}

/// Numbers in a list such as "paragraphs 29, 48 and 50-52".
fn numbers_and_ranges(list: &str) -> Vec<u32> {
    /// A range wider than this is a misreading, not a citation.
    const WIDEST_RANGE: u32 = 50;
    let spaced = list.replace(['\u{2013}', '\u{2014}', '-'], " to ");
    let mut numbers = Vec::new();
    let mut range_open = false;
    for word in spaced.split(|c: char| c.is_whitespace() || c == ',' || c == ';') {
        if word == "to" {
            range_open = true;
            continue;
        }
        let Ok(number) = word.parse::<u32>() else {
            continue;
        };
        match numbers.last().copied() {
            Some(from) if range_open && number > from && number - from <= WIDEST_RANGE => {
                numbers.extend(from + 1..=number);
            }
            _ => numbers.push(number),
        }
        range_open = false;
    }
    numbers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_citation_form() {
        assert_eq!(cited_paragraphs("... in conferences (paragraph 24)."), [24]);
        assert_eq!(
            cited_paragraphs("... collectively (paragraphs 29, 48)."),
            [29, 48]
        );
        assert_eq!(cited_paragraphs("(paragraphs 141, 144)"), [141, 144]);
        assert_eq!(cited_paragraphs("(page 12, paragraph 3)"), [3]);
        assert_eq!(
            cited_paragraphs("(paragraphs 29 to 31 and 40)"),
            [29, 30, 31, 40]
        );
        assert_eq!(cited_paragraphs("(paragraphs 29\u{2013}31)"), [29, 30, 31]);
        assert_eq!(
            cited_paragraphs("(Paragraph 7) and later (paragraph 7)"),
            [7]
        );
    }

    #[test]
    fn other_brackets_cite_nothing() {
        assert!(cited_paragraphs("(outcome 1, national framework)").is_empty());
        assert!(cited_paragraphs("(94% in 2014-15) (paragraph").is_empty());
        assert!(cited_paragraphs("no brackets at all").is_empty());
    }
}
