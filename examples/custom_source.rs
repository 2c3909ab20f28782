//! Records from another source than report text, queried alongside the
//! reports: here a CSV of judgements such as a performance team keeps in a
//! spreadsheet. The rows below are illustrative, not Ofsted's.
//!
//!     cargo run --example custom_source

use inspection_kb::Answer;
use inspection_kb::{
    Area, Authority, Date, Error, Framework, Grade, Inspection, Kb, Kind, Position, Record, Report,
    Section,
};

/// authority, first day, last day, area, grade
const SPREADSHEET: &str = "\
authority,inspected_from,inspected_to,area,grade
Royal Borough of Windsor and Maidenhead,2024-01-08,2024-01-19,overall,good
Royal Borough of Windsor and Maidenhead,2024-01-08,2024-01-19,care leavers,requires improvement to be good
Royal Borough of Windsor and Maidenhead,2024-01-08,2024-01-19,children in care,good
";

fn main() -> Result<(), Error> {
    let kb = Kb::seeded()?;
    for report in reports_from_csv(SPREADSHEET)? {
        kb.ingest(&report)?;
    }
    // The spreadsheet's judgements answer alongside those read from reports.
    if let Answer::Records(records) =
        kb.query("judgement where area = 'care leavers' order by inspected_to desc limit 3")?
    {
        for record in records {
            let record = record?;
            let grade = record.grade.map_or("-".into(), |g| g.to_string());
            println!(
                "{} {} {grade} ({})",
                record.inspection, record.authority, record.key
            );
        }
    }
    Ok(())
}

/// One report per inspection in the CSV, each row a judgement.
fn reports_from_csv(text: &str) -> Result<Vec<Report>, Error> {
    let bad = |line: usize, what: &str| inspection_kb::StoreError::InvalidReport {
        reason: format!("spreadsheet line {line}: {what}"),
    };
    let mut reports: Vec<Report> = Vec::new();
    for (line, row) in text
        .lines()
        .enumerate()
        .skip(1)
        .map(|(i, row)| (i + 1, row))
    {
        let [authority, from, to, area, grade] = row.split(',').collect::<Vec<_>>()[..] else {
            return Err(bad(line, "expected five columns").into());
        };
        let date = |text: &str| {
            text.parse::<Date>()
                .map_err(|_| bad(line, "a date is not YYYY-MM-DD"))
        };
        let area = Area::from_label(area).ok_or_else(|| bad(line, "unknown area"))?;
        let grade = Grade::parse(grade).ok_or_else(|| bad(line, "unknown grade"))?;
        let inspection = Inspection {
            authority: Authority::from_printed_name(authority),
            framework: Framework::Ilacs,
            inspected_from: date(from)?,
            inspected_to: date(to)?,
            published: None,
            lead_inspector: None,
            inspection_type: None,
        };
        let report = match reports.iter_mut().find(|r| r.inspection == inspection) {
            Some(report) => report,
            None => {
                let title = format!("{} (from a spreadsheet)", inspection.authority.name);
                let record = Record::new(
                    &inspection,
                    Kind::Report,
                    Section::Report,
                    Position::Ordinal(0),
                    title,
                );
                reports.push(Report {
                    inspection: inspection.clone(),
                    records: vec![record],
                    warnings: Vec::new(),
                });
                reports.last_mut().ok_or_else(|| bad(line, "no report"))?
            }
        };
        let ordinal = report.records.len() as u32;
        let mut record = Record::new(
            &inspection,
            Kind::Judgement,
            Section::Judgements,
            Position::Ordinal(ordinal),
            area.to_string(),
        );
        record.area = Some(area);
        record.grade = Some(grade);
        if area == Area::Overall {
            report.records[0].grade = Some(grade);
        }
        report.records.push(record);
    }
    Ok(reports)
}
