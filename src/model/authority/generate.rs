//! Makes `tables.rs` from the CSV files of `data/`, and checks that the
//! stored tables are what they make: edit a CSV file, then remake the
//! tables with `IKB_WRITE_TABLES=1 cargo test --lib authority_tables`.

use std::fmt::Write as _;
use std::path::Path;

use super::match_key;

/// The reference table of the 156 English local authorities with
/// children's services (ONS names and codes, regions, neighbours).
const REFERENCE_CSV: &str = include_str!("../../../data/local-authorities.csv");

/// The authorities abolished since 2013 and the day their successors took over.
const REORGANISATIONS_CSV: &str = include_str!("../../../data/reorganisations.csv");

/// Where the made tables are stored.
const TABLES: &str = "src/model/authority/tables.rs";

const HEADER: &str = "\
//! The authority tables, as data: made from `data/local-authorities.csv`
//! and `data/reorganisations.csv` by `generate.rs` beside this file. Do not
//! edit: edit the CSV files, then remake this file with
//! `IKB_WRITE_TABLES=1 cargo test --lib authority_tables`.

use super::{Entry, Former, on};
";

/// The name as users know it: the ONS upper-tier name without the inverted
/// ", City of" that ONS writes ("Bristol, City of" -> "Bristol").
fn display_name(ons_name: &str) -> &str {
    match ons_name.split_once(", ") {
        Some((name, "City of" | "County of")) => name,
        _ => ons_name,
    }
}

/// A list of strings as Rust source.
fn strs(values: &[String]) -> String {
    let quoted: Vec<String> = values.iter().map(|value| format!("{value:?}")).collect();
    format!("&[{}]", quoted.join(", "))
}

fn authorities(out: &mut String) {
    let mut reader =
        csv::Reader::from_reader(REFERENCE_CSV.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader
        .headers()
        .expect("the reference table has headers")
        .clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("the reference table has no column {name}"))
    };
    let [ons, code, aka, utla, region, number, neighbours] = [
        "local_authority_ons_name",
        "la_code_new",
        "also_known_as",
        "utla23nm",
        "region_name",
        "la_code",
        "stat_neighbours",
    ]
    .map(column);
    out.push_str("\n/// Every authority of the reference table, in its order.\n#[rustfmt::skip]\npub(super) const AUTHORITIES: &[Entry] = &[\n");
    for row in reader.records() {
        let row = row.expect("every row of the reference table reads");
        let field = |i: usize| row.get(i).unwrap_or_default();
        let also_known_as = field(aka).trim_matches(|c| c == '[' || c == ']');
        let mut keys: Vec<String> = [field(ons), field(utla)]
            .into_iter()
            .chain(also_known_as.split(", "))
            .map(match_key)
            .filter(|key| !key.is_empty())
            .collect();
        keys.dedup();
        let name = if field(utla).is_empty() {
            field(ons)
        } else {
            field(utla)
        };
        let neighbours: Vec<String> = field(neighbours)
            .split(',')
            .map(str::trim)
            .filter(|code| !code.is_empty())
            .map(str::to_string)
            .collect();
        writeln!(
            out,
            "    Entry {{ name: {:?}, code: {:?}, region: {:?}, number: {:?}, keys: {}, neighbours: {} }},",
            display_name(name),
            field(code),
            field(region),
            field(number),
            strs(&keys),
            strs(&neighbours),
        )
        .expect("writing to a String");
    }
    out.push_str("];\n");
}

fn formers(out: &mut String) {
    let mut reader = csv::Reader::from_reader(REORGANISATIONS_CSV.as_bytes());
    out.push_str("\n/// Every council abolished since 2013, in the table's order.\n#[rustfmt::skip]\npub(super) const FORMERS: &[Former] = &[\n");
    for row in reader.records() {
        let row = row.expect("every row of the reorganisations table reads");
        let field = |i: usize| row.get(i).unwrap_or_default();
        let abolished: super::Date = field(2).parse().expect("a day of abolition");
        let successor = field(3).split_whitespace().next().unwrap_or_default();
        writeln!(
            out,
            "    Former {{ name: {:?}, code: {:?}, key: {:?}, abolished: on({}, {}, {}), successor: {:?} }},",
            field(1),
            field(0),
            match_key(field(1)),
            abolished.year(),
            abolished.month(),
            abolished.day(),
            successor,
        )
        .expect("writing to a String");
    }
    out.push_str("];\n");
}

/// The tables' source, as the CSV files make it.
fn made() -> String {
    let mut out = HEADER.to_string();
    authorities(&mut out);
    formers(&mut out);
    out
}

#[test]
fn authority_tables_are_made_from_their_csv_files() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(TABLES);
    let made = made();
    if std::env::var_os("IKB_WRITE_TABLES").is_some() {
        std::fs::write(&path, &made).expect("the tables can be written");
    }
    let stored = std::fs::read_to_string(&path).expect("the tables can be read");
    assert!(
        stored == made,
        "{TABLES} is not what the CSV files of data/ make: remake it with \
         IKB_WRITE_TABLES=1 cargo test --lib authority_tables"
    );
}
