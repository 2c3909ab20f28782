//! `ikb serve`: a local, read-only web page over a knowledge base, built on
//! the crate's public API as any tool that embeds it would be.
//!
//! Every view is a URL (`/?q=...&grade=good`, `/record?key=...`,
//! `/authority?name=...`), so it can be shared and bookmarked; every list
//! of records can be downloaded as CSV, JSON or XLSX (`/download.csv?...`).
//! No JavaScript: facets and citations are links.
//!
//! The server binds to 127.0.0.1 unless told otherwise, answers one request
//! at a time, bounds a question's length ([`LONGEST_QUERY`]) and time
//! ([`PATIENCE`]), escapes all report text, and never shows a path of the
//! machine: a failure other than the question's own is logged on stderr and
//! shown as one sentence. It holds the knowledge base open while it runs
//! (sled lets one process open it): another `ikb` process waits `--wait`
//! seconds for it and is then refused as busy; ingest is not offered
//! through the page.

mod chart;
mod page;

use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use tiny_http::{Header, Request, Response, Server};

use super::output::{Format, write_counts, write_records};
use crate::{Answer, Error, Kb, Key, Query, Record};

/// The longest question the page takes, in bytes.
const LONGEST_QUERY: usize = 2_000;

/// How long a question may take before the page gives up on it.
const PATIENCE: Duration = Duration::from_secs(10);

/// The most records of an answer the page reads for its table and facets;
/// an answer with more says so.
const MOST_RECORDS: usize = 5_000;

/// The most records a download holds; an answer with more is refused, not
/// cut short without a word.
const MOST_DOWNLOADED: usize = 1_000_000;

/// Whether a question is being answered. The page asks one at a time, so
/// between requests it is set only by a question the page gave up on: the
/// next waits for it, rather than pile up beside it.
static ANSWERING: AtomicBool = AtomicBool::new(false);

/// Serves the page on `bind` until the process is stopped.
pub(super) fn run(kb: &Kb, bind: &str) -> Result<ExitCode, Error> {
    let server = match Server::http(bind) {
        Ok(server) => server,
        Err(error) => {
            eprintln!("error: cannot listen on {bind}: {error}");
            return Ok(ExitCode::from(2));
        }
    };
    let address = server
        .server_addr()
        .to_ip()
        .map_or_else(|| bind.to_string(), |address| address.to_string());
    println!("serving http://{address}/ (read-only; Ctrl-C stops)");
    io::stdout().flush()?;
    for request in server.incoming_requests() {
        let reply = answer(kb, &request);
        // A browser that went away before its answer: nothing to do.
        let _ = request.respond(reply);
    }
    Ok(ExitCode::SUCCESS)
}

/// What the page sends back.
type Reply = Response<io::Cursor<Vec<u8>>>;

/// The reply to one request.
fn answer(kb: &Kb, request: &Request) -> Reply {
    let url = request.url();
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let params = Params::of(query);
    match (request.method(), path) {
        (tiny_http::Method::Get, "/") => html(200, &page::answer(kb, &params)),
        (tiny_http::Method::Get, "/record") => match page::record(kb, &params) {
            Ok(Some(body)) => html(200, &body),
            Ok(None) => html(404, &page::refusal("no record has that key")),
            Err(message) => html(500, &page::refusal(&message)),
        },
        (tiny_http::Method::Get, "/authority") => match page::authority(kb, &params) {
            Ok(Some(body)) => html(200, &body),
            Ok(None) => html(404, &page::refusal("no judgement of that council is here")),
            Err(message) => html(500, &page::refusal(&message)),
        },
        (tiny_http::Method::Get, download) if download.starts_with("/download.") => {
            self::download(kb, &params, &download["/download.".len()..])
        }
        (tiny_http::Method::Get, _) => html(404, &page::refusal("there is no such page")),
        _ => html(405, &page::refusal("the page only reads")),
    }
}

/// A page.
fn html(status: u16, body: &str) -> Reply {
    with_type(status, body.as_bytes().to_vec(), "text/html; charset=utf-8")
}

fn with_type(status: u16, bytes: Vec<u8>, content_type: &str) -> Reply {
    let mut reply = Response::from_data(bytes).with_status_code(status);
    if let Ok(header) = Header::from_bytes("Content-Type", content_type) {
        reply.add_header(header);
    }
    reply
}

/// A view's answer as a file: CSV, JSON or XLSX.
fn download(kb: &Kb, params: &Params, extension: &str) -> Reply {
    let (format, content_type) = match extension {
        "csv" => (Format::Csv, "text/csv; charset=utf-8"),
        "json" => (Format::Json, "application/json"),
        "xlsx" => (
            Format::Xlsx,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        _ => return html(404, &page::refusal("downloads are .csv, .json or .xlsx")),
    };
    let asked = match asked(kb, params, MOST_DOWNLOADED) {
        Ok(Asked {
            found: Found::Records { more: true, .. },
            ..
        }) => {
            let message = format!(
                "the answer has more than {MOST_DOWNLOADED} records: narrow the question, or ask `ikb query`"
            );
            return html(400, &page::refusal(&message));
        }
        Ok(asked) => asked,
        Err(message) => return html(400, &page::refusal(&message)),
    };
    let mut bytes = Vec::new();
    let written = match &asked.found {
        Found::Records { records, .. } => write_records(
            &mut bytes,
            format,
            records.iter().cloned().map(Ok),
            &asked.query,
            &[],
        )
        .map(drop),
        Found::Counts(counts) => write_counts(&mut bytes, format, counts),
        Found::Explain(plan) => bytes.write_all(plan.as_bytes()).map_err(Error::from),
    };
    if let Err(error) = written {
        return html(500, &page::refusal(&failure(&error)));
    }
    let mut reply = with_type(200, bytes, content_type);
    let disposition = format!("attachment; filename=\"answer.{extension}\"");
    if let Ok(header) = Header::from_bytes("Content-Disposition", disposition) {
        reply.add_header(header);
    }
    reply
}

/// The parameters of a view, from its URL's query string.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Params(Vec<(String, String)>);

impl Params {
    fn of(query: &str) -> Params {
        Params(
            form_urlencoded::parse(query.as_bytes())
                .map(|(name, value)| (name.into_owned(), value.into_owned()))
                .collect(),
        )
    }

    /// The value of `name`, if given and not empty.
    pub(super) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, v)| n == name && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }

    /// These parameters with `name` set to `value` (or, for `None`, removed),
    /// as a query string.
    pub(super) fn with(&self, name: &str, value: Option<&str>) -> String {
        let mut encoded = form_urlencoded::Serializer::new(String::new());
        for (n, v) in &self.0 {
            if n != name && !v.is_empty() {
                encoded.append_pair(n, v);
            }
        }
        if let Some(value) = value {
            encoded.append_pair(name, value);
        }
        encoded.finish()
    }
}

/// A facet of an answer: a field whose value each record has, counted and
/// chosen by a link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Facet {
    Grade,
    Area,
    Region,
    Framework,
    Year,
}

impl Facet {
    pub(super) const ALL: [Facet; 5] = [
        Facet::Grade,
        Facet::Area,
        Facet::Region,
        Facet::Framework,
        Facet::Year,
    ];

    /// Its name, in the URL and on the page.
    pub(super) fn name(self) -> &'static str {
        match self {
            Facet::Grade => "grade",
            Facet::Area => "area",
            Facet::Region => "region",
            Facet::Framework => "framework",
            Facet::Year => "year",
        }
    }

    /// A record's value of it, if it has one.
    pub(super) fn of(self, record: &Record) -> Option<String> {
        match self {
            Facet::Grade => record.grade.map(|g| g.to_string()),
            Facet::Area => record.area.map(|a| a.to_string()),
            Facet::Region => record.region.clone(),
            Facet::Framework => Some(record.framework.to_string()),
            Facet::Year => Some(record.inspection.year().to_string()),
        }
    }
}

/// A question as asked on the page, and what it found.
pub(super) struct Asked {
    pub query: Query,
    pub found: Found,
}

/// What a question found.
pub(super) enum Found {
    /// Records, the facets chosen applied; `more` where the answer had more
    /// than the page reads.
    Records {
        records: Vec<Record>,
        more: bool,
    },
    Counts(crate::Counts),
    /// `explain`: the plan in words.
    Explain(String),
}

/// Asks the question of `params` (`q`), within [`PATIENCE`], reading at
/// most `most` of its records, and keeps those of the facets chosen; the
/// message to show where it cannot.
pub(super) fn asked(kb: &Kb, params: &Params, most: usize) -> Result<Asked, String> {
    let text = params.get("q").unwrap_or_default();
    if text.len() > LONGEST_QUERY {
        return Err(format!(
            "the question is {} bytes long; the page takes up to {LONGEST_QUERY}",
            text.len()
        ));
    }
    let query = Query::parse(text).map_err(|error| error.to_string())?;
    if ANSWERING.swap(true, Ordering::AcqRel) {
        return Err(
            "a question the page gave up on is still being answered; ask again in a moment".into(),
        );
    }
    let (sent, received) = mpsc::channel();
    let (kb, asked) = (kb.clone(), query.clone());
    // Left to finish on its own where it takes too long: the page answers.
    std::thread::spawn(move || {
        let answered = asked.run(&kb).and_then(|answer| match answer {
            Answer::Records(records) => {
                let mut read = records
                    .take(most.saturating_add(1))
                    .collect::<Result<Vec<Record>, _>>()?;
                let more = read.len() > most;
                read.truncate(most);
                Ok(Found::Records {
                    records: read,
                    more,
                })
            }
            Answer::Counts(counts) => Ok(Found::Counts(counts)),
            Answer::Explain(plan) => Ok(Found::Explain(plan)),
        });
        // Cleared before the answer is sent, so that the next question,
        // asked once this one is answered, finds it clear.
        ANSWERING.store(false, Ordering::Release);
        // Where the page has given up, nobody receives.
        let _ = sent.send(answered);
    });
    let found = match received.recv_timeout(PATIENCE) {
        Ok(Ok(found)) => found,
        Ok(Err(Error::Query(error))) => return Err(error.to_string()),
        Ok(Err(other)) => return Err(failure(&other)),
        // Given up: ANSWERING stays set until the question is answered.
        Err(_) => {
            return Err(format!(
                "the question took longer than {} seconds; narrow it",
                PATIENCE.as_secs()
            ));
        }
    };
    let found = match found {
        Found::Records { records, more } => Found::Records {
            records: records
                .into_iter()
                .filter(|record| chosen(params, record))
                .collect(),
            more,
        },
        counts => counts,
    };
    Ok(Asked { query, found })
}

/// Whether a record has the value of every facet chosen.
fn chosen(params: &Params, record: &Record) -> bool {
    Facet::ALL
        .iter()
        .all(|&facet| match params.get(facet.name()) {
            Some(wanted) => facet.of(record).as_deref() == Some(wanted),
            None => true,
        })
}

/// A failure that is not the question's, in one sentence for the page; its
/// detail (which may name a path of the machine) goes to the server's log.
fn failure(error: &dyn std::fmt::Display) -> String {
    eprintln!("serve: {error}");
    "the knowledge base could not answer; the server's log says why".to_string()
}

/// The record a `key` parameter names; the message to show where the
/// knowledge base could not be read.
pub(super) fn keyed(kb: &Kb, params: &Params) -> Result<Option<Record>, String> {
    let Some(key) = params.get("key").and_then(|key| key.parse::<Key>().ok()) else {
        return Ok(None);
    };
    kb.get(&key).map_err(|error| failure(&error))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_decoded_and_links_keep_the_rest() {
        let params = Params::of("q=judgement+where+area+%3D+%27care+leavers%27&grade=good&area=");
        assert_eq!(
            params.get("q"),
            Some("judgement where area = 'care leavers'")
        );
        assert_eq!(params.get("grade"), Some("good"));
        assert_eq!(params.get("area"), None);
        let link = params.with("grade", None);
        assert_eq!(
            Params::of(&link).get("q"),
            Some("judgement where area = 'care leavers'")
        );
        assert_eq!(Params::of(&link).get("grade"), None);
        let link = params.with("year", Some("2019"));
        assert_eq!(Params::of(&link).get("year"), Some("2019"));
        assert_eq!(Params::of(&link).get("grade"), Some("good"));
    }

    #[test]
    fn a_long_question_is_refused_before_it_is_read() {
        let kb = Kb::temporary().unwrap();
        let long = format!("q={}", "a".repeat(LONGEST_QUERY + 1));
        let refused = asked(&kb, &Params::of(&long), MOST_RECORDS).err().unwrap();
        assert!(refused.contains("the page takes up to 2000"), "{refused}");
    }
}
