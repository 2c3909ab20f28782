//! A small analysis: how care leavers were graded across the seed
//! inspections, oldest to newest, with each inspection's recommendations
//! that mention care leavers.
//!
//!     cargo run --example care_leavers_report

use inspection_kb::Answer;
use inspection_kb::{Error, Kb, Record};

fn records(kb: &Kb, query: &str) -> Result<Vec<Record>, Error> {
    match kb.query(query)? {
        Answer::Records(records) => Ok(records.collect::<Result<_, _>>()?),
        _ => Ok(Vec::new()),
    }
}

fn main() -> Result<(), Error> {
    let kb = Kb::seeded()?;
    // The ILACS combined judgement on children in care and care leavers answers too.
    let judgements = records(
        &kb,
        "judgement where area = 'care leavers' order by inspected_to",
    )?;
    for judgement in judgements {
        let grade = judgement.grade.map_or("-".into(), |g| g.to_string());
        println!(
            "{} {} ({}): {grade}",
            judgement.inspection, judgement.authority, judgement.framework
        );
        let query = format!(
            "recommendation where authority = '{}' and inspection = {} and text contains 'care leavers'",
            judgement.authority, judgement.inspection
        );
        for recommendation in records(&kb, &query)? {
            let number = recommendation
                .paragraph
                .map_or(String::new(), |n| format!("{n}. "));
            println!("  - {number}{}", recommendation.text);
        }
    }
    Ok(())
}
