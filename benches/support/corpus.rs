//! A deterministic corpus of reports at any size, built from the structure
//! of the seed reports: real paragraph texts recombined, real label wording,
//! every grade and framework, grades skewed as in life (most good or
//! requires improvement), authorities from the reference table.

use inspection_kb::{
    Area, Authority, Date, Framework, Grade, Inspection, InspectionType, Kind, Position, Record,
    Report, SEED_REPORTS, Section,
};

/// A small, fast, deterministic generator (xorshift64).
pub struct Random(u64);

impl Random {
    pub fn new(seed: u64) -> Random {
        Random(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Grades as inspections give them: mostly good or requires improvement.
fn grade(random: &mut Random) -> Grade {
    match random.below(100) {
        0..=14 => Grade::Inadequate,
        15..=44 => Grade::RequiresImprovement,
        45..=89 => Grade::Good,
        _ => Grade::Outstanding,
    }
}

/// What the seeds give to recombine.
struct Material {
    /// Real paragraph texts by section.
    paragraphs: Vec<(Section, Vec<String>)>,
    /// Real recommendation texts.
    recommendations: Vec<String>,
    /// Real facts.
    facts: Vec<String>,
    /// Real judgement labels by framework and area.
    labels: Vec<(Framework, Area, String)>,
}

fn material() -> Material {
    let reports: Vec<Report> = SEED_REPORTS
        .iter()
        .map(|(_, text)| Report::parse(text).unwrap())
        .collect();
    let mut paragraphs: Vec<(Section, Vec<String>)> = Vec::new();
    let mut recommendations = Vec::new();
    let mut facts = Vec::new();
    let mut labels = Vec::new();
    for report in &reports {
        for record in &report.records {
            match record.kind {
                Kind::Finding => match paragraphs.iter_mut().find(|(s, _)| *s == record.section) {
                    Some((_, texts)) => texts.push(record.text.clone()),
                    None => paragraphs.push((record.section, vec![record.text.clone()])),
                },
                Kind::Recommendation => recommendations.push(record.text.clone()),
                Kind::Fact => facts.push(record.text.clone()),
                Kind::Judgement => {
                    if let Some(area) = record.area {
                        labels.push((record.framework, area, record.text.clone()));
                    }
                }
                _ => {}
            }
        }
    }
    Material {
        paragraphs,
        recommendations,
        facts,
        labels,
    }
}

/// Reports until they hold at least `records` records.
pub fn reports(records: usize, seed: u64) -> Vec<Report> {
    let material = material();
    let authorities: Vec<Authority> = Authority::known().collect();
    let mut random = Random::new(seed);
    let mut reports = Vec::new();
    let mut total = 0;
    let mut serial = 0u32;
    while total < records {
        // A distinct inspection per report: authorities in turn, each one's
        // inspections on days stepping through 2014 to 2026.
        let authority = authorities[serial as usize % authorities.len()].clone();
        let day = serial / authorities.len() as u32 * 29 + random.below(20) as u32;
        serial += 1;
        let year = 2014 + (day / 336) as u16 % 13;
        let (month, dom) = (1 + (day / 28 % 12) as u8, 1 + (day % 28) as u8);
        let to = Date::new(year, month, dom).unwrap();
        let framework = if year < 2018 {
            Framework::Sif
        } else {
            Framework::Ilacs
        };
        let inspection = Inspection {
            authority,
            framework,
            inspected_from: Date::new(year, month, 1).unwrap(),
            inspected_to: to,
            published: (framework == Framework::Sif).then_some(to),
            lead_inspector: None,
            inspection_type: (framework == Framework::Ilacs).then_some(InspectionType::Standard),
        };
        let report = report(&inspection, &material, &mut random);
        total += report.records.len();
        reports.push(report);
    }
    reports
}

fn report(inspection: &Inspection, material: &Material, random: &mut Random) -> Report {
    let mut records = Vec::new();
    let overall = grade(random);
    let mut report = Record::new(
        inspection,
        Kind::Report,
        Section::Report,
        Position::Ordinal(0),
        "Inspection report".into(),
    );
    report.grade = Some(overall);
    records.push(report);
    let areas: &[Area] = match inspection.framework {
        Framework::Sif => &[
            Area::Overall,
            Area::HelpAndProtection,
            Area::ChildrenLookedAfter,
            Area::Adoption,
            Area::CareLeavers,
            Area::Leadership,
            Area::Lscb,
        ],
        _ => &[
            Area::Leadership,
            Area::HelpAndProtection,
            Area::ChildrenInCare,
            Area::CareLeavers,
            Area::Overall,
        ],
    };
    for (ordinal, &area) in (1..).zip(areas) {
        let label = material
            .labels
            .iter()
            .find(|(f, a, _)| *f == inspection.framework && *a == area)
            .or_else(|| material.labels.iter().find(|(_, a, _)| *a == area))
            .map_or_else(|| area.to_string(), |(_, _, label)| label.clone());
        let mut record = Record::new(
            inspection,
            Kind::Judgement,
            Section::Judgements,
            Position::Ordinal(ordinal),
            label,
        );
        record.area = Some(area);
        record.grade = Some(if area == Area::Overall {
            overall
        } else {
            grade(random)
        });
        records.push(record);
    }
    for ordinal in 1..=(5 + random.below(10) as u32) {
        let text = random.pick(&material.facts).clone();
        records.push(Record::new(
            inspection,
            Kind::Fact,
            Section::Context,
            Position::Ordinal(ordinal),
            text,
        ));
    }
    let mut paragraph = 1;
    for _ in 0..(4 + random.below(10)) {
        let text = random.pick(&material.recommendations).clone();
        let mut record = Record::new(
            inspection,
            Kind::Recommendation,
            Section::Recommendations,
            Position::Paragraph(paragraph),
            text,
        );
        record.refs = vec![20 + random.below(100) as u32];
        records.push(record);
        paragraph += 1;
    }
    for _ in 0..(60 + random.below(100)) {
        let (section, texts) = random.pick(&material.paragraphs);
        let section = if section.area().is_some() {
            *section
        } else {
            Section::HelpAndProtection
        };
        let mut record = Record::new(
            inspection,
            Kind::Finding,
            section,
            Position::Paragraph(paragraph),
            random.pick(texts).clone(),
        );
        record.area = section.area();
        records.push(record);
        paragraph += 1;
    }
    records.sort_by(|a, b| a.key.cmp(&b.key));
    records.dedup_by(|a, b| a.key == b.key);
    Report {
        inspection: inspection.clone(),
        records,
        warnings: Vec::new(),
    }
}
