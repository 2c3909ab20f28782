//! `explain`: a plan written out in words, with the counts the catalogue
//! gives, for the reader who wants to know how an answer is found.

use super::logical::CountKey;
use super::plan::Plan;
use super::predicate::DisplayPred;
use crate::model::Kind;
use crate::store::{Group, Snapshot};

impl Plan {
    /// The plan in words, with the counts the catalogue gives.
    pub(crate) fn explain(&self, snapshot: &Snapshot) -> String {
        let mut out = if self.query.kind == Some(Kind::Change) {
            self.explain_changes(snapshot)
        } else {
            self.explain_search(snapshot)
        };
        if self.query.latest {
            let line = self
                .line
                .as_ref()
                .map_or_else(|| "any record".to_string(), |l| DisplayPred(l).to_string());
            out.push_str(&format!(
                "latest: of each authority, only its most recent inspection with records where {line}; \
                 the rest of the condition then tests that inspection's records\n"
            ));
        }
        if self.query.count {
            out.push_str(&self.explain_count());
        } else if self.query.ranked {
            out.push_str(
                "best first (ties in key order), keeping only the page asked for; read those\n",
            );
        } else if self.query.order_by.is_empty() {
            out.push_str("in key order\n");
        } else {
            let keys: Vec<String> = self
                .query
                .order_by
                .iter()
                .map(|(field, descending)| {
                    format!("{}{}", field.name(), if *descending { " desc" } else { "" })
                })
                .collect();
            out.push_str(&format!("sort by {}\n", keys.join(", ")));
        }
        if self.query.offset > 0 {
            out.push_str(&format!("skip {}\n", self.query.offset));
        }
        if let Some(limit) = self.query.limit {
            out.push_str(&format!("take {limit}\n"));
        }
        out
    }

    /// What a count counts, and which of its rows it gives in what order.
    fn explain_count(&self) -> String {
        let what = match self.query.distinct {
            Some(field) => format!("count the distinct values of {}", field.name()),
            None => "count them".to_string(),
        };
        let mut out = if self.query.group_by.is_empty() {
            format!("{what}\n")
        } else {
            let fields: Vec<&str> = self
                .query
                .group_by
                .iter()
                .map(|field| field.name())
                .collect();
            format!("{what} by {}\n", fields.join(", "))
        };
        if let Some((op, count)) = self.query.having {
            out.push_str(&format!(
                "keep the groups whose count {} {count}\n",
                op.as_str()
            ));
        }
        if !self.query.count_order.is_empty() {
            let keys: Vec<String> = self
                .query
                .count_order
                .iter()
                .map(|&(key, descending)| {
                    let name = match key {
                        CountKey::Count => "count",
                        CountKey::Group(at) => self.query.group_by[at].name(),
                    };
                    format!("{name}{}", if descending { " desc" } else { "" })
                })
                .collect();
            out.push_str(&format!("sort by {}\n", keys.join(", ")));
        }
        out
    }

    /// How the records are found, read and tested.
    fn explain_search(&self, snapshot: &Snapshot) -> String {
        let mut out = format!(
            "walk the catalogue (in memory): {} inspections, {} records\n",
            snapshot.inspections(),
            snapshot.records()
        );
        if let Some(slugs) = &self.authorities {
            out.push_str(&format!("  index authority in ({})\n", slugs.join(", ")));
        }
        if let Some(filter) = &self.inspection_filter {
            out.push_str(&format!(
                "  only inspections where: {}\n",
                DisplayPred(filter)
            ));
        }
        if let Some(kind) = self.query.kind {
            let count: usize = (0..snapshot.inspections())
                .map(|at| snapshot.inspection(at).in_group(Group::Kind(kind)).len())
                .sum();
            out.push_str(&format!("  index kind = {kind} ({count} records)\n"));
        }
        if let Some(areas) = &self.areas {
            let areas: Vec<&str> = areas.iter().map(|area| area.as_str()).collect();
            out.push_str(&format!("  index area in ({})\n", areas.join(", ")));
        }
        if let Some(grades) = &self.grades {
            let grades: Vec<&str> = grades.iter().map(|grade| grade.as_str()).collect();
            out.push_str(&format!("  index grade in ({})\n", grades.join(", ")));
        }
        for phrase in &self.phrases {
            let only = match &self.required_phrases {
                Some(required) if required == std::slice::from_ref(phrase) => {
                    ", its records the only candidates"
                }
                Some(required) if required.contains(phrase) => {
                    ", its records among the only candidates"
                }
                _ => "",
            };
            out.push_str(&format!(
                "  index text contains '{phrase}' (the terms of each inspection still in question{only})\n"
            ));
        }
        if self.query.ranked {
            out.push_str(&format!(
                "  rank by relevance: BM25 of {} from the terms (how often each record holds each, its length in the catalogue, how many records hold each)\n",
                self.query.searched().iter().map(|p| format!("'{p}'")).collect::<Vec<_>>().join(", ")
            ));
        }
        match &self.query.filter {
            Some(filter) if filter.reads_text() => out.push_str(&format!(
                "  decide what the catalogue can of: {}\nread the records left and keep those where the text passes\n",
                DisplayPred(filter)
            )),
            Some(filter) if self.query.ranked => {
                out.push_str(&format!("  decide: {}\n", DisplayPred(filter)));
            }
            Some(filter) => out.push_str(&format!(
                "  decide: {}\nread the records that answer, a text each\n",
                DisplayPred(filter)
            )),
            None => out.push_str("read every record, a text each\n"),
        }
        out
    }

    /// How changes are derived from the judgements in the catalogue.
    fn explain_changes(&self, snapshot: &Snapshot) -> String {
        let judgements: usize = (0..snapshot.inspections())
            .map(|at| {
                let inspection = snapshot.inspection(at);
                inspection.in_group(Group::Kind(Kind::Judgement)).len()
            })
            .sum();
        let mut out = format!(
            "derive changes from the judgements in the catalogue (in memory): {judgements} judgements, no record read from disk\n"
        );
        if let Some(slugs) = &self.authorities {
            out.push_str(&format!("  index authority in ({})\n", slugs.join(", ")));
        }
        out.push_str(
            "pair each authority's consecutive inspections that grade an area (children looked after, children in care and the combined judgement on one line)\n",
        );
        if let Some(filter) = &self.query.filter {
            out.push_str(&format!(
                "keep the changes where: {}\n",
                DisplayPred(filter)
            ));
        }
        out
    }
}
