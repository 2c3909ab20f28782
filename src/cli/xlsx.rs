//! The `xlsx` format: an Excel workbook, one worksheet per table of the
//! answer, written with rust_xlsxwriter. Cells are typed as spreadsheets
//! expect (dates as dates, whole numbers as numbers, the rest as text);
//! the header row is bold and frozen, columns fit their text, and grades
//! are coloured as Ofsted's tables colour them.

use std::io::Write;

use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::error::Error;
use crate::model::{Date, Grade};

/// One table of an answer.
pub(super) struct Sheet {
    /// The worksheet's name (at most 31 characters, as Excel allows).
    pub name: &'static str,
    /// The column names.
    pub header: Vec<String>,
    /// The rows, each a value per column, as the text formats print them.
    pub rows: Vec<Vec<String>>,
}

/// No cell is wider than this many characters: a report's paragraph wraps.
const WIDEST: f64 = 80.0;

/// Writes the sheets as one workbook.
pub(super) fn write_workbook(out: &mut dyn Write, sheets: &[Sheet]) -> Result<(), Error> {
    let bytes = workbook(sheets).map_err(|error| Error::Output(std::io::Error::other(error)))?;
    out.write_all(&bytes)?;
    Ok(())
}

fn workbook(sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new()
        .set_bold()
        .set_border_bottom(FormatBorder::Thin);
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let wrapped = Format::new().set_text_wrap();
    for sheet in sheets {
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(sheet.name)?;
        for (column, name) in sheet.header.iter().enumerate() {
            worksheet.write_string_with_format(0, col(column), name, &bold)?;
        }
        worksheet.set_freeze_panes(1, 0)?;
        for (at, row) in sheet.rows.iter().enumerate() {
            let row_number = u32::try_from(at + 1).unwrap_or(u32::MAX);
            for (column, value) in row.iter().enumerate() {
                write_cell(worksheet, row_number, col(column), value, &date, &wrapped)?;
            }
        }
        fit_columns(worksheet, sheet)?;
    }
    workbook.save_to_buffer()
}

/// Column numbers fit Excel's type: a table has a few dozen columns.
fn col(column: usize) -> u16 {
    u16::try_from(column).unwrap_or(u16::MAX)
}

/// One cell, typed by what its text is.
fn write_cell(
    worksheet: &mut Worksheet,
    row: u32,
    column: u16,
    value: &str,
    date: &Format,
    wrapped: &Format,
) -> Result<(), XlsxError> {
    if value.is_empty() {
        return Ok(());
    }
    if let Ok(day) = value.parse::<Date>() {
        let day = ExcelDateTime::from_ymd(day.year(), day.month(), day.day())?;
        worksheet.write_datetime_with_format(row, column, &day, date)?;
    } else if value.len() <= 15 && value.bytes().all(|b| b.is_ascii_digit()) {
        // Whole numbers of up to 15 digits are exact in a spreadsheet's
        // numbers; longer ones stay text.
        worksheet.write_number(row, column, value.parse::<f64>().unwrap_or_default())?;
    } else if let Some(grade) = value.parse::<Grade>().ok().filter(|g| g.as_str() == value) {
        worksheet.write_string_with_format(row, column, value, &graded(grade))?;
    } else if value.chars().count() > WIDEST as usize {
        worksheet.write_string_with_format(row, column, value, wrapped)?;
    } else {
        worksheet.write_string(row, column, value)?;
    }
    Ok(())
}

/// A grade's colours, as Ofsted's tables colour them: outstanding dark
/// green, good green, requires improvement amber, inadequate red; the
/// earlier scale's adequate a paler amber, as it is another grade.
fn graded(grade: Grade) -> Format {
    let (fill, text) = match grade {
        Grade::Outstanding => (0x00_70_3C, Color::White),
        Grade::Good => (0x8C_C6_3F, Color::Black),
        Grade::RequiresImprovement => (0xF7_B5_00, Color::Black),
        Grade::Adequate => (0xFF_DF_80, Color::Black),
        Grade::Inadequate => (0xD4_35_1C, Color::White),
    };
    Format::new()
        .set_background_color(Color::RGB(fill))
        .set_font_color(text)
}

/// Each column as wide as its widest text, up to [`WIDEST`].
fn fit_columns(worksheet: &mut Worksheet, sheet: &Sheet) -> Result<(), XlsxError> {
    for (column, name) in sheet.header.iter().enumerate() {
        let widest = sheet
            .rows
            .iter()
            .filter_map(|row| row.get(column))
            .map(|value| value.chars().count())
            .chain([name.chars().count()])
            .max()
            .unwrap_or(8);
        worksheet.set_column_width(col(column), (widest as f64 + 2.0).min(WIDEST))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_workbook_is_a_zip_of_excel_xml() {
        let sheets = [Sheet {
            name: "answer",
            header: vec!["authority".into(), "inspection".into(), "grade".into()],
            rows: vec![vec!["Leeds".into(), "2015-02-11".into(), "good".into()]],
        }];
        let bytes = workbook(&sheets).unwrap();
        // An xlsx file is a zip archive.
        assert_eq!(&bytes[..2], b"PK");
        assert!(bytes.len() > 1000);
    }
}
