//! `ikb serve`: a real `ikb` process serving a real knowledge base of the
//! seeds, asked over real HTTP; and the same pages in a real browser
//! (headless Chromium, installed by `scripts/install-chromium.sh`, which
//! `.ci/run` runs; skipped with a message where it is absent).

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// A server over a knowledge base, stopped when dropped.
struct Served {
    child: Child,
    address: String,
    db: PathBuf,
    _folder: tempfile::TempDir,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The seeds, one more report whose text holds markup, and a file
/// refused (Leeds's report cut short), served on a free port.
fn serve() -> Served {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("kb");
    let hostile = folder.path().join("hostile.txt");
    let text = common::seed_text("slough-2023-ilacs.txt").replacen(
        "Slough Children First",
        "Slough Children First <script>alert('owned')</script>",
        1,
    );
    assert!(
        text.contains("<script>"),
        "the seed names Slough Children First"
    );
    std::fs::write(&hostile, text).unwrap();
    let ingested = Command::new(env!("CARGO_BIN_EXE_ikb"))
        .arg("--db")
        .arg(&db)
        .arg("ingest")
        .arg(common::seed_path("kingston-upon-thames-2015-sif.txt"))
        .arg(common::seed_path("leeds-2015-sif.txt"))
        .arg(&hostile)
        .output()
        .unwrap();
    assert!(ingested.status.success(), "{ingested:?}");
    let whole = common::seed_text("leeds-2015-sif.txt");
    let cut = folder.path().join("leeds-cut.txt");
    let closing = whole.find("The Office for Standards in Education").unwrap();
    std::fs::write(&cut, &whole[..closing]).unwrap();
    let refused = Command::new(env!("CARGO_BIN_EXE_ikb"))
        .arg("--db")
        .arg(&db)
        .arg("ingest")
        .arg(&cut)
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(1), "{refused:?}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_ikb"))
        .arg("--db")
        .arg(&db)
        .args(["serve", "--bind", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let first = common::first_line(&mut child);
    let address = first
        .strip_prefix("serving http://")
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("{first}"))
        .to_string();
    Served {
        child,
        address,
        db,
        _folder: folder,
    }
}

/// A URL's query string for a question.
fn asking(question: &str) -> String {
    let mut encoded = String::from("/?q=");
    for byte in question.bytes() {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => encoded.push(byte as char),
            b' ' => encoded.push('+'),
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded
}

/// An HTTP request's status, headers and body.
fn fetch(served: &Served, method: &str, path: &str) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect(&served.address).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        served.address
    )
    .unwrap();
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).unwrap();
    let split = reply
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a header");
    let head = String::from_utf8_lossy(&reply[..split]).into_owned();
    let status = head[9..12].parse().unwrap();
    (status, head, reply[split + 4..].to_vec())
}

fn page(served: &Served, path: &str) -> String {
    let (status, _, body) = fetch(served, "GET", path);
    let body = String::from_utf8(body).unwrap();
    assert_eq!(status, 200, "{path}: {body}");
    // No path of the machine, whatever the page.
    assert!(!body.contains(&*served.db.to_string_lossy()), "{path}");
    body
}

/// The first link in `html` after `marker`, as a path.
fn link_after(html: &str, marker: &str) -> String {
    let at = html.find(marker).unwrap_or_else(|| panic!("{marker}"));
    let href = &html[at..];
    let start = href.find("href=\"").unwrap() + 6;
    let end = start + href[start..].find('"').unwrap();
    href[start..end].replace("&amp;", "&")
}

#[test]
fn every_route_answers_over_http() {
    let served = serve();
    assert!(page(&served, "/").contains("Ask a question in the query language"));

    let answer = page(&served, &asking("judgement where area = 'care leavers'"));
    assert!(answer.contains("class=\"facet\""), "{answer}");
    // What the answer is known to lack is said above it.
    assert!(
        answer
            .contains("<p class=\"gap\">1 file was refused at ingest: its report is in no answer"),
        "{answer}"
    );
    assert!(answer.contains("class=\"citation\""), "{answer}");
    assert!(answer.contains("records"), "{answer}");

    // A facet is a link that filters; chosen, it offers to clear itself.
    let facet = link_after(&answer, "<ul class=\"facet-grade\">");
    let filtered = page(&served, &facet);
    assert!(filtered.contains("class=\"clear\""), "{filtered}");

    // A citation leads to its record in its context.
    let citation = link_after(&answer, "class=\"citation\"");
    let context = page(&served, &citation);
    assert!(context.contains("class=\"this\""), "{context}");
    assert!(context.contains("The whole inspection"), "{context}");

    // A council with a file refused says so, without the file's path.
    let leeds = page(&served, "/authority?name=Leeds");
    assert!(
        leeds.contains(
            "<p class=\"gap\">A file of Leeds was refused at ingest: its report is not here"
        ),
        "{leeds}"
    );
    assert!(!leeds.contains("leeds-cut.txt"), "{leeds}");

    // The council's page: its inspections, its chart, its neighbours.
    let council = page(&served, "/authority?name=Kingston+upon+Thames");
    assert!(council.contains("<svg"), "{council}");
    for neighbour in ["Sutton", "Merton", "Richmond upon Thames"] {
        assert!(council.contains(neighbour), "{neighbour}");
    }

    // Bad input gets what the command line gives it: the query, a caret, a sentence.
    let wrong = page(&served, &asking("judgement where aera = 1"));
    assert!(wrong.contains("<pre class=\"error\">"), "{wrong}");
    assert!(
        wrong.contains("^^^^ unknown field `aera`; did you mean `area`?"),
        "{wrong}"
    );
    // A page past the end is the last page, not a crash of the server.
    let far = page(
        &served,
        &format!("{}&p=18446744073709551615", asking("any")),
    );
    assert!(far.contains("previous"), "{far}");
    let long = page(&served, &asking(&"care ".repeat(500)));
    assert!(long.contains("the page takes up to 2000"), "{long}");

    // Every view downloads.
    let query = &asking("judgement where area = 'care leavers'")[2..];
    let (status, head, csv) = fetch(&served, "GET", &format!("/download.csv?{query}"));
    assert_eq!(status, 200);
    assert!(head.contains("text/csv"), "{head}");
    assert!(String::from_utf8(csv).unwrap().starts_with("key,kind,"));
    let (_, _, xlsx) = fetch(&served, "GET", &format!("/download.xlsx?{query}"));
    assert!(xlsx.starts_with(b"PK"), "a workbook is a zip");
    let (_, _, json) = fetch(&served, "GET", &format!("/download.json?{query}"));
    assert!(json.starts_with(b"["));

    assert_eq!(fetch(&served, "GET", "/nowhere").0, 404);
    assert_eq!(fetch(&served, "GET", "/authority?name=Atlantis").0, 404);
    assert_eq!(fetch(&served, "POST", "/").0, 405);
}

#[test]
fn report_text_is_shown_as_text() {
    let served = serve();
    let answer = page(
        &served,
        &asking("finding where text contains 'slough children first'"),
    );
    assert!(
        answer.contains("&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;"),
        "{answer}"
    );
    assert!(!answer.contains("<script>"), "{answer}");
}

/// The DOM of a page as headless Chromium builds it.
fn in_chromium(chromium: &Path, url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let output = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(url)
        .stderr(Stdio::null())
        .output()
        .unwrap();
    assert!(output.status.success(), "{url}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn a_browser_follows_a_question_a_facet_a_citation_and_a_council() {
    let Some(chromium) = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .map(PathBuf::from)
        .find(|path| path.exists())
    else {
        eprintln!("skipped: no Chromium here (scripts/install-chromium.sh installs it)");
        return;
    };
    let served = serve();
    let base = format!("http://{}", served.address);
    let answer = in_chromium(
        &chromium,
        &format!("{base}{}", asking("judgement where area = 'care leavers'")),
    );
    assert!(answer.contains("<table class=\"answer\">"), "{answer}");
    let filtered = in_chromium(
        &chromium,
        &format!(
            "{base}{}",
            link_after(&answer, "<ul class=\"facet-grade\">")
        ),
    );
    assert!(filtered.contains("class=\"clear\""), "{filtered}");
    let context = in_chromium(
        &chromium,
        &format!("{base}{}", link_after(&filtered, "class=\"citation\"")),
    );
    assert!(context.contains("class=\"this\""), "{context}");
    let council = in_chromium(
        &chromium,
        &format!("{base}{}", link_after(&context, "<p><a ")),
    );
    assert!(council.contains("<svg"), "{council}");
    assert!(
        council.contains("Beside its statistical neighbours"),
        "{council}"
    );
}
