//! The council tables a command writes: a comparison with neighbours, the
//! wide sheet of latest grades, and one council's history, in every format.

use std::collections::BTreeMap;
use std::io::Write;

use super::output::{Format, sheet, write_rows, write_sheets};
use crate::compare::{COMPARED_AREAS, Compared, Comparison, CouncilLatest, Latest};
use crate::error::Error;
use crate::model::{Area, Grade, Record};

/// A comparison ([`Kb::compare`](crate::Kb::compare)). In JSON one object:
/// `authority`, `region`, `councils` (each `authority`, `neighbour` (its
/// rank, null for the council compared) and `latest`: area to `grade`,
/// `inspection` and `key`), `region_counts` and `england_counts` (area to
/// grade to count). In CSV one row per council and area, then per scope,
/// area and grade (`scope` is `council`, `neighbour N`, `region` or
/// `England`). In a table, the councils one row each (a cell "grade
/// (inspection)"), then the counts.
pub fn write_comparison(
    out: &mut dyn Write,
    format: Format,
    compared: &Comparison,
) -> Result<(), Error> {
    let scope = |council: &Compared| match council.neighbour {
        None => "council".to_string(),
        Some(at) => format!("neighbour {at}"),
    };
    let counts = [
        ("region", &compared.region_counts),
        ("England", &compared.england_counts),
    ];
    match format {
        Format::Json | Format::Jsonl => {
            let councils: Vec<serde_json::Value> = compared
                .councils
                .iter()
                .map(|council| {
                    serde_json::json!({
                        "authority": council.authority,
                        "neighbour": council.neighbour,
                        "latest": latest_json(&council.latest),
                    })
                })
                .collect();
            let counted = |counts: &BTreeMap<Area, BTreeMap<Grade, u64>>| {
                let by_area: serde_json::Map<String, serde_json::Value> = counts
                    .iter()
                    .map(|(area, grades)| {
                        let grades: serde_json::Map<String, serde_json::Value> = grades
                            .iter()
                            .map(|(grade, n)| (grade.to_string(), (*n).into()))
                            .collect();
                        (area.to_string(), grades.into())
                    })
                    .collect();
                serde_json::Value::Object(by_area)
            };
            let object = serde_json::json!({
                "authority": compared.authority.name,
                "region": compared.region,
                "councils": councils,
                "region_counts": counted(&compared.region_counts),
                "england_counts": counted(&compared.england_counts),
            });
            writeln!(out, "{object}")?;
        }
        Format::Csv | Format::Xlsx => {
            let header = [
                "scope",
                "authority",
                "area",
                "grade",
                "inspection",
                "key",
                "count",
            ];
            let councils = compared.councils.iter().flat_map(|council| {
                council.latest.iter().map(|(area, latest)| {
                    vec![
                        scope(council),
                        council.authority.clone(),
                        area.to_string(),
                        latest.grade.to_string(),
                        latest.inspection.to_string(),
                        latest.key.to_string(),
                        String::new(),
                    ]
                })
            });
            let counted = counts.iter().flat_map(|(name, counts)| {
                counts.iter().flat_map(move |(area, grades)| {
                    grades.iter().map(move |(grade, n)| {
                        vec![
                            name.to_string(),
                            String::new(),
                            area.to_string(),
                            grade.to_string(),
                            String::new(),
                            String::new(),
                            n.to_string(),
                        ]
                    })
                })
            });
            write_rows(out, format, &header, councils.chain(counted))?;
        }
        Format::Table | Format::Markdown => {
            let header: Vec<String> = ["authority".to_string(), "as".to_string()]
                .into_iter()
                .chain(COMPARED_AREAS.iter().map(ToString::to_string))
                .collect();
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            let councils = compared.councils.iter().map(|council| {
                let cells = COMPARED_AREAS
                    .iter()
                    .map(|area| graded(council.latest.get(area)));
                [council.authority.clone(), scope(council)]
                    .into_iter()
                    .chain(cells)
                    .collect()
            });
            write_rows(out, format, &header, councils)?;
            if format == Format::Markdown {
                writeln!(out)?;
            }
            let grades: Vec<String> = ["scope".to_string(), "area".to_string()]
                .into_iter()
                .chain(Grade::ALL.iter().map(ToString::to_string))
                .collect();
            let grades: Vec<&str> = grades.iter().map(String::as_str).collect();
            let counted = counts.iter().flat_map(|(name, counts)| {
                COMPARED_AREAS.iter().map(move |area| {
                    let of_area = counts.get(area);
                    [name.to_string(), area.to_string()]
                        .into_iter()
                        .chain(Grade::ALL.iter().map(|grade| {
                            of_area
                                .and_then(|grades| grades.get(grade))
                                .map_or("0".to_string(), ToString::to_string)
                        }))
                        .collect()
                })
            });
            write_rows(out, format, &grades, counted)?;
        }
    }
    Ok(())
}

/// The wide sheet: one row per council, its ONS code and region, and its
/// latest grade on each area. In JSON one object per council (`latest`:
/// area to `grade`, `inspection`, `key`); in CSV a column each for an
/// area's grade, inspection and key; in a table a cell "grade
/// (inspection)" per area.
pub fn write_latest(
    out: &mut dyn Write,
    format: Format,
    councils: &[CouncilLatest],
) -> Result<(), Error> {
    let named = |council: &CouncilLatest| {
        [
            council.authority.clone(),
            council.authority_code.clone().unwrap_or_default(),
            council.region.clone().unwrap_or_default(),
        ]
    };
    match format {
        Format::Json | Format::Jsonl => {
            let objects: Vec<serde_json::Value> = councils
                .iter()
                .map(|council| {
                    serde_json::json!({
                        "authority": council.authority,
                        "authority_code": council.authority_code,
                        "region": council.region,
                        "latest": latest_json(&council.latest),
                    })
                })
                .collect();
            if format == Format::Json {
                writeln!(out, "{}", serde_json::Value::Array(objects))?;
            } else {
                for object in objects {
                    writeln!(out, "{object}")?;
                }
            }
        }
        Format::Csv | Format::Xlsx => {
            let mut header = vec![
                "authority".to_string(),
                "authority_code".to_string(),
                "region".to_string(),
            ];
            for area in COMPARED_AREAS {
                header.extend([
                    area.to_string(),
                    format!("{area} inspection"),
                    format!("{area} key"),
                ]);
            }
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            let rows = councils.iter().map(|council| {
                let mut row = named(council).to_vec();
                for area in COMPARED_AREAS {
                    match council.latest.get(&area) {
                        Some(latest) => row.extend([
                            latest.grade.to_string(),
                            latest.inspection.to_string(),
                            latest.key.to_string(),
                        ]),
                        None => row.extend([String::new(), String::new(), String::new()]),
                    }
                }
                row
            });
            let wide = sheet("latest grades", &header, rows);
            // The long table it came from: a council, an area, a judgement.
            let long = sheet(
                "judgements",
                &["authority", "area", "grade", "inspection", "key"],
                councils.iter().flat_map(|council| {
                    council.latest.iter().map(|(area, latest)| {
                        vec![
                            council.authority.clone(),
                            area.to_string(),
                            latest.grade.to_string(),
                            latest.inspection.to_string(),
                            latest.key.to_string(),
                        ]
                    })
                }),
            );
            write_sheets(out, format, vec![wide, long])?;
        }
        Format::Table | Format::Markdown => {
            let header: Vec<String> = ["authority", "authority_code", "region"]
                .iter()
                .map(ToString::to_string)
                .chain(COMPARED_AREAS.iter().map(ToString::to_string))
                .collect();
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            let rows = councils.iter().map(|council| {
                named(council)
                    .into_iter()
                    .chain(
                        COMPARED_AREAS
                            .iter()
                            .map(|area| graded(council.latest.get(area))),
                    )
                    .collect()
            });
            write_rows(out, format, &header, rows)?;
        }
    }
    Ok(())
}

/// A latest grade in a table cell: "good (2023-02-03)"; empty for none.
fn graded(latest: Option<&Latest>) -> String {
    latest.map_or(String::new(), |latest| {
        format!("{} ({})", latest.grade, latest.inspection)
    })
}

/// Latest grades in JSON: area to `grade`, `inspection` and `key`.
fn latest_json(latest: &BTreeMap<Area, Latest>) -> serde_json::Value {
    let by_area: serde_json::Map<String, serde_json::Value> = latest
        .iter()
        .map(|(area, latest)| {
            let value = serde_json::json!({
                "grade": latest.grade.as_str(),
                "inspection": latest.inspection.to_string(),
                "key": latest.key.to_string(),
            });
            (area.to_string(), value)
        })
        .collect();
    serde_json::Value::Object(by_area)
}

/// One authority's inspections, from their judgements in key order: in
/// JSON one object per inspection (`authority`, `inspection`,
/// `inspected_from`, `framework`, `inspection_type`, `judgements`: area to
/// grade); in a table or CSV one row per judgement.
pub fn write_history(
    out: &mut dyn Write,
    format: Format,
    judgements: &[Record],
) -> Result<(), Error> {
    let inspections = judgements.chunk_by(|a, b| a.inspection == b.inspection);
    match format {
        Format::Json | Format::Jsonl => {
            let objects = inspections.map(|judgements| {
                let first = &judgements[0];
                let grades: serde_json::Map<String, serde_json::Value> = judgements
                    .iter()
                    .filter_map(|j| Some((j.area?.to_string(), j.grade?.to_string().into())))
                    .collect();
                serde_json::json!({
                    "authority": first.authority,
                    "inspection": first.inspection.to_string(),
                    "inspected_from": first.inspected_from.to_string(),
                    "framework": first.framework.to_string(),
                    "inspection_type": first.inspection_type.map(|t| t.to_string()),
                    "judgements": grades,
                })
            });
            if format == Format::Json {
                writeln!(out, "{}", serde_json::Value::Array(objects.collect()))?;
            } else {
                for object in objects {
                    writeln!(out, "{object}")?;
                }
            }
        }
        Format::Csv | Format::Table | Format::Markdown | Format::Xlsx => {
            let rows = judgements.iter().map(|j| {
                vec![
                    j.authority.clone(),
                    j.inspection.to_string(),
                    j.framework.to_string(),
                    j.inspection_type.map(|t| t.to_string()).unwrap_or_default(),
                    j.area.map(|a| a.to_string()).unwrap_or_default(),
                    j.grade.map(|g| g.to_string()).unwrap_or_default(),
                ]
            });
            let header = [
                "authority",
                "inspection",
                "framework",
                "inspection_type",
                "area",
                "grade",
            ];
            write_rows(out, format, &header, rows)?;
        }
    }
    Ok(())
}
