//! A council beside its statistical neighbours, its region and England:
//! each one's latest grade on each area of today's framework, every grade
//! citing its judgement. Built on the query language, as a tool that embeds
//! the crate would build it: one `latest judgement` question per area.

use std::collections::BTreeMap;

use crate::error::Error;
use crate::kb::Kb;
use crate::model::{Area, Authority, Date, Grade, Key, Record};
use crate::query::Answer;

/// The areas a comparison shows: those today's framework (ILACS) grades.
/// A question about one is also answered by the judgement that graded it
/// before under another name (the combined children in care and care
/// leavers judgement of 2018-2023).
pub const COMPARED_AREAS: [Area; 5] = [
    Area::Overall,
    Area::Leadership,
    Area::HelpAndProtection,
    Area::ChildrenInCare,
    Area::CareLeavers,
];

/// A council beside its statistical neighbours, its region and England.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    /// The council compared.
    pub authority: Authority,
    /// Its region, as the reference table names it.
    pub region: String,
    /// The council first, then its statistical neighbours, nearest first.
    pub councils: Vec<Compared>,
    /// In the council's region: how many councils' latest grade on each
    /// area is each grade.
    pub region_counts: BTreeMap<Area, BTreeMap<Grade, u64>>,
    /// The same, across England (every council the knowledge base holds).
    pub england_counts: BTreeMap<Area, BTreeMap<Grade, u64>>,
}

/// One council of a comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Compared {
    /// The council.
    pub authority: String,
    /// Its place among the compared council's neighbours (1 the nearest);
    /// `None` for the compared council itself.
    pub neighbour: Option<usize>,
    /// Its latest judgement on each area that it has one on.
    pub latest: BTreeMap<Area, Latest>,
}

/// A council's latest grade on an area.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Latest {
    /// The grade.
    pub grade: Grade,
    /// The inspection that gave it.
    pub inspection: Date,
    /// The judgement: the citation.
    pub key: Key,
}

impl Kb {
    /// The council named (any spelling of its name) beside its statistical
    /// neighbours, its region and England, on the areas of
    /// [`COMPARED_AREAS`]; `None` for a name the reference table does not
    /// know (it lists the neighbours and regions).
    ///
    /// ```
    /// use inspection_kb::{Area, Grade, Kb};
    /// let kb = Kb::seeded()?;
    /// let compared = kb.compare("Slough")?.expect("Slough is in the reference table");
    /// assert_eq!(compared.region, "South East");
    /// let slough = &compared.councils[0];
    /// assert_eq!(slough.latest[&Area::Leadership].grade, Grade::Inadequate);
    /// # Ok::<(), inspection_kb::Error>(())
    /// ```
    pub fn compare(&self, authority: &str) -> Result<Option<Comparison>, Error> {
        let authority = Authority::from_printed_name(authority);
        let (Some(neighbours), Some(region)) = (authority.neighbours(), authority.region()) else {
            return Ok(None);
        };
        let mut councils: Vec<Compared> = std::iter::once((&authority, None))
            .chain(neighbours.iter().zip(1..).map(|(n, at)| (n, Some(at))))
            .map(|(council, neighbour)| Compared {
                authority: council.name.clone(),
                neighbour,
                latest: BTreeMap::new(),
            })
            .collect();
        let mut region_counts = BTreeMap::new();
        let mut england_counts = BTreeMap::new();
        for area in COMPARED_AREAS {
            for record in self.latest_on(area)? {
                let Some(grade) = record.grade else {
                    continue;
                };
                *england_counts
                    .entry(area)
                    .or_insert_with(BTreeMap::new)
                    .entry(grade)
                    .or_insert(0) += 1;
                if record.region.as_deref() == Some(region) {
                    *region_counts
                        .entry(area)
                        .or_insert_with(BTreeMap::new)
                        .entry(grade)
                        .or_insert(0) += 1;
                }
                if let Some(council) = councils
                    .iter_mut()
                    .find(|c| c.authority == record.authority)
                {
                    council.latest.insert(
                        area,
                        Latest {
                            grade,
                            inspection: record.inspection,
                            key: record.key,
                        },
                    );
                }
            }
        }
        Ok(Some(Comparison {
            authority,
            region: region.to_string(),
            councils,
            region_counts,
            england_counts,
        }))
    }

    /// Every council's latest judgement on `area` (its current state).
    fn latest_on(&self, area: Area) -> Result<Vec<Record>, Error> {
        let question = format!("latest judgement where area = '{area}'");
        match self.query(&question)? {
            Answer::Records(records) => Ok(records.collect::<Result<_, _>>()?),
            // A `latest judgement` question lists records.
            _ => Ok(Vec::new()),
        }
    }
}
