//! Ofsted's grades: the four-point scale of SIF (2013-2018) and ILACS (2018
//! on), and the one before it (2009-2013), with "adequate" for grade 3.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// An Ofsted grade. Orders from worst to best:
/// `inadequate < requires improvement < adequate < good < outstanding`.
///
/// "Adequate" is grade 3 of the scale before 2013 (SLAC), "requires
/// improvement" grade 3 of the scale since; neither scale has the other.
/// Adequate orders just above requires improvement, so that
/// `grade < 'good'` takes both and `grade <= 'requires improvement'` only
/// the later scale's; a change is never read across the two scales.
///
/// ```
/// use inspection_kb::Grade;
/// assert_eq!(Grade::parse("Requires improvement to be good"), Some(Grade::RequiresImprovement));
/// assert!(Grade::Inadequate < Grade::Good);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Grade {
    /// Widespread or serious failures.
    #[serde(rename = "inadequate")]
    Inadequate,
    /// "Requires improvement (to be good)": not yet good, no widespread failures.
    #[serde(rename = "requires improvement")]
    RequiresImprovement,
    /// Before 2013 (SLAC): "a service that only meets minimum requirements".
    #[serde(rename = "adequate")]
    Adequate,
    /// Good.
    #[serde(rename = "good")]
    Good,
    /// Outstanding.
    #[serde(rename = "outstanding")]
    Outstanding,
}

impl Grade {
    /// Every grade, worst first.
    pub const ALL: [Grade; 5] = [
        Grade::Inadequate,
        Grade::RequiresImprovement,
        Grade::Adequate,
        Grade::Good,
        Grade::Outstanding,
    ];

    /// The canonical name, as queries and output write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Inadequate => "inadequate",
            Grade::RequiresImprovement => "requires improvement",
            Grade::Adequate => "adequate",
            Grade::Good => "good",
            Grade::Outstanding => "outstanding",
        }
    }

    /// Reads a grade of the scale since 2013 in any wording the reports use,
    /// in any capitalisation: "Good", "requires improvement", "Requires
    /// improvement to be good", "Require improvement". Surrounding white
    /// space, line breaks inside the wording and a trailing full stop are
    /// allowed; anything else is `None`, "adequate" too: in a report of
    /// 2013 on it is a word, not a grade. (Reports before 2013 are read by
    /// their own template; [`FromStr`] takes every grade's name.)
    pub fn parse(wording: &str) -> Option<Grade> {
        // Every grade word is ASCII, and no other character lowers to one of
        // their letters: comparing ASCII case-insensitively is lowering.
        let mut words = [""; 6];
        let mut count = 0;
        for word in wording.trim().trim_end_matches('.').split_whitespace() {
            *words.get_mut(count)? = word;
            count += 1;
        }
        let is = |word: &str, wanted: &str| word.eq_ignore_ascii_case(wanted);
        match &words[..count] {
            [one] if is(one, "inadequate") => Some(Grade::Inadequate),
            [one] if is(one, "good") => Some(Grade::Good),
            [one] if is(one, "outstanding") => Some(Grade::Outstanding),
            [requires, improvement, rest @ ..]
                if (is(requires, "requires") || is(requires, "require"))
                    && is(improvement, "improvement")
                    && match rest {
                        [] => true,
                        [to, be, good] => is(to, "to") && is(be, "be") && is(good, "good"),
                        _ => false,
                    } =>
            {
                Some(Grade::RequiresImprovement)
            }
            _ => None,
        }
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Text that is not a grade.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a grade; grades are outstanding, good, requires improvement, inadequate (and, before 2013, adequate)"
)]
pub struct ParseGradeError(pub String);

impl FromStr for Grade {
    type Err = ParseGradeError;

    fn from_str(s: &str) -> Result<Grade, ParseGradeError> {
        Grade::parse(s)
            .or_else(|| {
                Grade::ALL
                    .into_iter()
                    .find(|grade| grade.as_str().eq_ignore_ascii_case(s.trim()))
            })
            .ok_or_else(|| ParseGradeError(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_wording_reports_use() {
        let cases = [
            ("Good", Grade::Good),
            ("good", Grade::Good),
            ("OUTSTANDING", Grade::Outstanding),
            ("Inadequate", Grade::Inadequate),
            (
                "Requires improvement to be good",
                Grade::RequiresImprovement,
            ),
            ("requires improvement", Grade::RequiresImprovement),
            ("Require improvement", Grade::RequiresImprovement),
            ("Requires improvement", Grade::RequiresImprovement),
            (
                "requires\nimprovement to be good ",
                Grade::RequiresImprovement,
            ),
            ("good.", Grade::Good),
        ];
        for (wording, grade) in cases {
            assert_eq!(Grade::parse(wording), Some(grade), "{wording}");
        }
    }

    #[test]
    fn refuses_other_words_and_the_old_scale() {
        for wording in [
            "adequate",
            "",
            "requires",
            "improvement",
            "good good",
            "Grade 2",
            "not good",
        ] {
            assert_eq!(Grade::parse(wording), None, "{wording}");
        }
    }

    #[test]
    fn orders_worst_to_best() {
        let mut sorted = Grade::ALL;
        sorted.sort();
        assert_eq!(sorted, Grade::ALL);
        assert!(Grade::RequiresImprovement <= Grade::RequiresImprovement);
        assert!(Grade::Outstanding > Grade::Good);
        assert!(Grade::RequiresImprovement < Grade::Adequate && Grade::Adequate < Grade::Good);
    }

    #[test]
    fn adequate_is_a_name_but_not_a_wording_of_the_later_scale() {
        assert_eq!(Grade::parse("Adequate"), None);
        assert_eq!("adequate".parse::<Grade>(), Ok(Grade::Adequate));
        assert_eq!("Adequate".parse::<Grade>(), Ok(Grade::Adequate));
        assert!("adequately".parse::<Grade>().is_err());
    }

    #[test]
    fn canonical_names_round_trip() {
        for grade in Grade::ALL {
            assert_eq!(grade.as_str().parse::<Grade>(), Ok(grade));
        }
    }
}
