//! A council beside its statistical neighbours, its region and England:
//! each one's latest grade on each area of today's framework, every grade
//! citing its judgement. Built on the query language, as a tool that embeds
//! the crate would build it: one `latest judgement` question per area.

use std::collections::BTreeMap;

use crate::error::Error;
use crate::kb::Kb;
use crate::model::{Area, Authority, Date, Grade, Key, Record};
use crate::query::Answer;

/// The areas a comparison shows: those today's framework (ILACS) grades,
/// each followed across frameworks as changes follow it ([`Area::lines`]):
/// SIF's children looked after is children in care, and the combined
/// children in care and care leavers judgement of 2018-2023 answers both.
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
        let current = self.latest_by_council()?;
        let latest_of = |name: &str| {
            current
                .iter()
                .find(|council| council.authority == name)
                .map(|council| council.latest.clone())
                .unwrap_or_default()
        };
        let councils: Vec<Compared> = std::iter::once((&authority, None))
            .chain(neighbours.iter().zip(1..).map(|(n, at)| (n, Some(at))))
            .map(|(council, neighbour)| Compared {
                authority: council.name.clone(),
                neighbour,
                latest: latest_of(&council.name),
            })
            .collect();
        let mut region_counts: BTreeMap<Area, BTreeMap<Grade, u64>> = BTreeMap::new();
        let mut england_counts: BTreeMap<Area, BTreeMap<Grade, u64>> = BTreeMap::new();
        for council in &current {
            let in_region = council.region.as_deref() == Some(region);
            for (area, latest) in &council.latest {
                let add = |counts: &mut BTreeMap<Area, BTreeMap<Grade, u64>>| {
                    *counts
                        .entry(*area)
                        .or_default()
                        .entry(latest.grade)
                        .or_default() += 1;
                };
                add(&mut england_counts);
                if in_region {
                    add(&mut region_counts);
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

    /// Every council's latest judgement on the line of `area` (its current
    /// state), whatever the framework named the area then: on today's grade
    /// scale, so a council last inspected before 2013 has none.
    fn latest_on(&self, area: Area) -> Result<Vec<Record>, Error> {
        let on_line: Vec<String> = Area::ALL
            .into_iter()
            .filter(|named| named.lines().contains(&area))
            .map(|named| format!("'{named}'"))
            .collect();
        let question = format!(
            "latest judgement where area in ({}) and framework in ('SIF', 'ILACS')",
            on_line.join(", ")
        );
        match self.query(&question)? {
            Answer::Records(records) => Ok(records.collect::<Result<_, _>>()?),
            // A `latest judgement` question lists records.
            _ => Ok(Vec::new()),
        }
    }
}

/// One council's latest grade on each area: a row of the wide sheet
/// analysts keep (one row per council, one column per area).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CouncilLatest {
    /// The council, as the knowledge base names it.
    pub authority: String,
    /// Its ONS code, where the reference table knows it.
    pub authority_code: Option<String>,
    /// Its region, where the reference table knows it.
    pub region: Option<String>,
    /// Its latest judgement on each area of [`COMPARED_AREAS`] it has one on.
    pub latest: BTreeMap<Area, Latest>,
}

impl Kb {
    /// Every council the knowledge base holds, by name, with its latest
    /// grade on each area of [`COMPARED_AREAS`]: the current state, one row
    /// per council.
    ///
    /// ```
    /// use inspection_kb::{Area, Grade, Kb};
    /// let kb = Kb::seeded()?;
    /// let councils = kb.latest_by_council()?;
    /// let leeds = councils.iter().find(|c| c.authority == "Leeds").unwrap();
    /// assert_eq!(leeds.latest[&Area::Overall].grade, Grade::Good);
    /// # Ok::<(), inspection_kb::Error>(())
    /// ```
    pub fn latest_by_council(&self) -> Result<Vec<CouncilLatest>, Error> {
        let mut councils: BTreeMap<String, CouncilLatest> = BTreeMap::new();
        for area in COMPARED_AREAS {
            for record in self.latest_on(area)? {
                let Some(grade) = record.grade else {
                    continue;
                };
                let council =
                    councils
                        .entry(record.authority.clone())
                        .or_insert_with(|| CouncilLatest {
                            authority: record.authority.clone(),
                            authority_code: record.authority_code.clone(),
                            region: record.region.clone(),
                            latest: BTreeMap::new(),
                        });
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
        Ok(councils.into_values().collect())
    }
}
