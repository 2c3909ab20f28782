//! A council's grades over time, as an SVG drawn on the server by plotters:
//! one line per area, a point per inspection, grades worst at the foot.

use std::collections::BTreeMap;

use plotters::prelude::*;

use crate::{Area, Date, Grade, Record};

/// The chart of `judgements` (a council's), as SVG markup; a sentence where
/// it cannot be drawn.
pub(super) fn timeline(judgements: &[Record]) -> String {
    let mut lines: BTreeMap<Area, Vec<(f64, f64)>> = BTreeMap::new();
    for judgement in judgements {
        if let (Some(area), Some(grade)) = (judgement.area, judgement.grade) {
            lines
                .entry(area)
                .or_default()
                .push((when(judgement.inspection), height(grade)));
        }
    }
    let mut svg = String::new();
    if draw(&lines, &mut svg).is_err() || svg.is_empty() {
        return "<p>The chart could not be drawn.</p>".into();
    }
    svg
}

/// A date as a year and its fraction, for the axis.
fn when(date: Date) -> f64 {
    f64::from(date.year()) + f64::from(date.month() - 1) / 12.0
}

/// A grade's height on the chart: its place on the scales, worst lowest.
fn height(grade: Grade) -> f64 {
    Grade::ALL.iter().position(|&g| g == grade).unwrap_or(0) as f64
}

fn draw(
    lines: &BTreeMap<Area, Vec<(f64, f64)>>,
    svg: &mut String,
) -> Result<(), Box<dyn std::error::Error>> {
    let years = lines.values().flatten().map(|&(x, _)| x);
    let first = years.clone().fold(f64::INFINITY, f64::min).floor();
    let last = years.fold(f64::NEG_INFINITY, f64::max).ceil();
    if !first.is_finite() {
        return Ok(());
    }
    let root = SVGBackend::with_string(svg, (760, 340)).into_drawing_area();
    root.fill(&WHITE)?;
    let top = (Grade::ALL.len() - 1) as f64;
    let mut chart = ChartBuilder::on(&root)
        .margin(12)
        .x_label_area_size(30)
        .y_label_area_size(150)
        // Room on the right for the legend, after the last inspection.
        .build_cartesian_2d((first - 0.5)..(last + 3.5), -0.3..(top + 0.3))?;
    chart
        .configure_mesh()
        .y_labels(Grade::ALL.len())
        .y_label_formatter(&|y| {
            let at = y.round();
            Grade::ALL
                .get(at as usize)
                .filter(|_| (y - at).abs() < 0.01)
                .map(ToString::to_string)
                .unwrap_or_default()
        })
        .x_label_formatter(&|x| format!("{x:.0}"))
        .draw()?;
    for (i, (area, points)) in lines.iter().enumerate() {
        let colour = Palette99::pick(i).to_rgba();
        chart
            .draw_series(LineSeries::new(
                points.iter().copied(),
                colour.stroke_width(2),
            ))?
            .label(area.as_str())
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 16, y)], colour.stroke_width(2)));
        chart.draw_series(
            points
                .iter()
                .map(|&point| Circle::new(point, 4, colour.filled())),
        )?;
    }
    chart
        .configure_series_labels()
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK)
        .position(SeriesLabelPosition::UpperRight)
        .draw()?;
    root.present()?;
    Ok(())
}
