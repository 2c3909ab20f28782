//! The page's views, as HTML. Every piece of report text and every value
//! from a URL passes through [`escape`]; the rest is this file's own markup.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{Facet, Found, MOST_RECORDS, Params, asked, chart, failure, keyed};
use crate::{Area, Authority, COMPARED_AREAS, Grade, Kb, Kind, Record, Scope, find_phrase};

/// Records shown on one page of an answer.
const PAGE_ROWS: usize = 100;

/// Records shown either side of a record in its context.
const CONTEXT: usize = 3;

/// Text made safe to stand in HTML, as content or in a quoted attribute:
/// five characters replaced, the rule HTML gives (a crate for it would be
/// a dependency for five lines).
pub(super) fn escape(text: &str) -> String {
    let mut safe = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => safe.push_str("&amp;"),
            '<' => safe.push_str("&lt;"),
            '>' => safe.push_str("&gt;"),
            '"' => safe.push_str("&quot;"),
            '\'' => safe.push_str("&#39;"),
            c => safe.push(c),
        }
    }
    safe
}

/// A whole page: its title, the question box, and `body`.
fn layout(title: &str, question: &str, body: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} · inspection-kb</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1.5em; max-width: 80em; }}
textarea {{ width: 100%; font-family: monospace; }}
table {{ border-collapse: collapse; margin: 0.5em 0; }}
td, th {{ border: 1px solid #ccc; padding: 0.2em 0.4em; vertical-align: top; text-align: left; }}
pre.error {{ background: #fee; padding: 0.5em; white-space: pre-wrap; }}
.facets {{ float: right; width: 16em; margin-left: 1em; }}
.this {{ background: #ffd; }}
.grade-outstanding {{ background: #00703c; color: white; }}
.grade-good {{ background: #8cc63f; }}
.grade-requires-improvement {{ background: #f7b500; }}
.grade-adequate {{ background: #ffdf80; }}
.grade-inadequate {{ background: #d4351c; color: white; }}
mark {{ background: #ff0; }}
</style></head>
<body>
<h1><a href="/">inspection-kb</a> · {title}</h1>
<form action="/" method="get">
<textarea name="q" rows="2" placeholder="judgement where area = 'care leavers'">{question}</textarea>
<button type="submit">Ask</button>
</form>
{body}
</body></html>
"#,
        title = escape(title),
        question = escape(question),
    )
}

/// A page that says, in one sentence, why it has no answer: nothing found,
/// a request it does not take, or a failure of the knowledge base.
pub(super) fn refusal(message: &str) -> String {
    layout(
        "no answer",
        "",
        &format!("<p class=\"refusal\">{}</p>", escape(message)),
    )
}

/// The answer to the question in `params`, its facets, and its downloads;
/// examples where there is no question.
pub(super) fn answer(kb: &Kb, params: &Params) -> String {
    let question = params.get("q").unwrap_or_default();
    if question.is_empty() {
        return layout("ask", "", &examples());
    }
    let body = match asked(kb, params, MOST_RECORDS) {
        Err(message) => format!("<pre class=\"error\">{}</pre>", escape(&message)),
        Ok(asked) => {
            // What the answer is known to lack, said above it.
            let gaps = if asked.query.is_explain() {
                Vec::new()
            } else {
                kb.gaps(&asked.query).unwrap_or_else(|_| {
                    vec!["what this answer may lack could not be read".to_string()]
                })
            };
            let mut body: String = gaps
                .iter()
                .map(|gap| format!("<p class=\"gap\">{}</p>", escape(gap)))
                .collect();
            body.push_str(&match asked.found {
                Found::Counts(counts) => counts_table(&counts),
                Found::Records { records, more } => {
                    records_view(params, &records, more, &asked.query.phrases())
                }
                Found::Explain(plan) => format!("<pre class=\"plan\">{}</pre>", escape(&plan)),
            });
            body
        }
    };
    layout("answer", question, &body)
}

fn examples() -> String {
    let mut body = String::from("<p>Ask a question in the query language, for example:</p><ul>");
    for example in [
        "judgement where area = 'care leavers'",
        "latest judgement where region = 'London' and area = 'overall'",
        "change where area = 'overall' and direction = 'down'",
        "finding where text matches 'exploitation missing' order by relevance limit 20",
        "count judgement where area = 'overall' group by grade",
    ] {
        let link = Params::default().with("q", Some(example));
        let _ = write!(
            body,
            "<li><a href=\"/?{}\"><code>{}</code></a></li>",
            escape(&link),
            escape(example)
        );
    }
    body.push_str("</ul>");
    body
}

/// A count's rows as a table.
fn counts_table(counts: &crate::Counts) -> String {
    let mut body = String::from("<table class=\"answer\"><tr>");
    for field in &counts.fields {
        let _ = write!(body, "<th>{}</th>", escape(field));
    }
    body.push_str("<th>count</th></tr>");
    for (values, count) in &counts.rows {
        body.push_str("<tr>");
        for value in values {
            let shown = value.as_ref().map(ToString::to_string).unwrap_or_default();
            let _ = write!(body, "<td>{}</td>", escape(&shown));
        }
        let _ = write!(body, "<td>{count}</td></tr>");
    }
    body.push_str("</table>");
    body
}

/// Records with their facets, a page of them, and the downloads.
fn records_view(params: &Params, records: &[Record], more: bool, phrases: &[String]) -> String {
    let mut body = facets(params, records);
    let pages = records.len().div_ceil(PAGE_ROWS).max(1);
    let page: usize = params
        .get("p")
        .and_then(|p| p.parse().ok())
        .unwrap_or(1)
        .clamp(1, pages);
    let first = (page - 1) * PAGE_ROWS;
    let shown = records.iter().skip(first).take(PAGE_ROWS);
    let _ = write!(
        body,
        "<p class=\"count\">{} records{}",
        records.len(),
        if more {
            " (the first the page reads: the answer has more; narrow the question or download it with <code>ikb query</code>)"
        } else {
            ""
        }
    );
    if records.len() > PAGE_ROWS {
        let last = (first + PAGE_ROWS).min(records.len());
        let _ = write!(body, "; showing {}-{last}", first + 1);
        if first > 0 {
            let _ = write!(
                body,
                " <a href=\"/?{}\">previous</a>",
                escape(&params.with("p", Some(&(page - 1).to_string())))
            );
        }
        if last < records.len() {
            let _ = write!(
                body,
                " <a href=\"/?{}\">next</a>",
                escape(&params.with("p", Some(&(page + 1).to_string())))
            );
        }
    }
    body.push_str("</p>");
    let downloads = params.with("p", None);
    let _ = write!(
        body,
        "<p class=\"downloads\">Download: <a href=\"/download.csv?{d}\">CSV</a> · \
         <a href=\"/download.xlsx?{d}\">XLSX</a> · <a href=\"/download.json?{d}\">JSON</a></p>",
        d = escape(&downloads)
    );
    body.push_str(
        "<table class=\"answer\"><tr><th>citation</th><th>authority</th><th>inspection</th>\
         <th>kind</th><th>area</th><th>grade</th><th>text</th></tr>",
    );
    for record in shown {
        body.push_str(&row(record, phrases));
    }
    body.push_str("</table>");
    body
}

/// One record as a table row: its citation a link to it in its context,
/// its text with what the question searched for marked.
fn row(record: &Record, phrases: &[String]) -> String {
    let key = record.key.to_string();
    let text = highlighted(&record.text, phrases);
    format!(
        "<tr><td><a class=\"citation\" href=\"/record?{key_link}\">{key}</a></td>\
         <td><a href=\"/authority?{authority_link}\">{authority}</a></td><td>{inspection}</td>\
         <td>{kind}</td><td>{area}</td>{grade}<td>{text}</td></tr>",
        key_link = escape(&Params::default().with("key", Some(&key))),
        key = escape(&key),
        authority_link = escape(&Params::default().with("name", Some(&record.authority))),
        authority = escape(&record.authority),
        inspection = record.inspection,
        kind = record.kind,
        area = record.area.map(|a| a.to_string()).unwrap_or_default(),
        grade = grade_cell(record.grade),
    )
}

/// Characters shown before a record's first match, and in all.
const SNIPPET_BEFORE: usize = 120;
const SNIPPET: usize = 400;

/// `text` escaped, every match of `phrases` marked (found as the query
/// finds them, so brackets in the text are text); where it is long, a
/// window of it from shortly before its first match.
fn highlighted(text: &str, phrases: &[String]) -> String {
    let mut found: Vec<std::ops::Range<usize>> = Vec::new();
    for phrase in phrases {
        let mut from = 0;
        while let Some(at) = text.get(from..).and_then(|rest| find_phrase(rest, phrase)) {
            if at.is_empty() {
                break;
            }
            found.push(from + at.start..from + at.end);
            from += at.end;
        }
    }
    found.sort_by_key(|range| range.start);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let (start, end) = if chars.len() <= SNIPPET {
        (0, text.len())
    } else {
        let first = found.first().map_or(0, |range| range.start);
        let at = chars.partition_point(|&(i, _)| i < first);
        let from = at.saturating_sub(SNIPPET_BEFORE);
        let to = (from + SNIPPET).min(chars.len());
        let byte = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
        (byte(from), byte(to))
    };
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut at = start;
    for range in found {
        if range.start < at || range.end > end {
            continue;
        }
        out.push_str(&escape(&text[at..range.start]));
        out.push_str("<mark>");
        out.push_str(&escape(&text[range.clone()]));
        out.push_str("</mark>");
        at = range.end;
    }
    out.push_str(&escape(&text[at..end]));
    if end < text.len() {
        out.push('…');
    }
    out
}

fn grade_cell(grade: Option<Grade>) -> String {
    match grade {
        Some(grade) => format!(
            "<td class=\"grade-{}\">{grade}</td>",
            grade.as_str().replace(' ', "-")
        ),
        None => "<td></td>".into(),
    }
}

/// The facet counts of `records`, each value a link that filters by it,
/// each chosen value a link that clears it.
fn facets(params: &Params, records: &[Record]) -> String {
    let mut body = String::from("<div class=\"facets\">");
    for facet in Facet::ALL {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for value in records.iter().filter_map(|r| facet.of(r)) {
            *counts.entry(value).or_default() += 1;
        }
        if counts.is_empty() {
            continue;
        }
        let _ = write!(
            body,
            "<h3>{}</h3><ul class=\"facet-{}\">",
            facet.name(),
            facet.name()
        );
        if let Some(chosen) = params.get(facet.name()) {
            let _ = write!(
                body,
                "<li><b>{}</b> <a class=\"clear\" href=\"/?{}\">(all)</a></li>",
                escape(chosen),
                escape(&Params::of(&params.with("p", None)).with(facet.name(), None))
            );
        } else {
            for (value, count) in counts {
                let link = params.with("p", None);
                let link = Params::of(&link).with(facet.name(), Some(&value));
                let _ = write!(
                    body,
                    "<li><a class=\"facet\" href=\"/?{}\">{}</a> {count}</li>",
                    escape(&link),
                    escape(&value)
                );
            }
        }
        body.push_str("</ul>");
    }
    body.push_str("</div>");
    body
}

/// A record in its context: its inspection, its section, and the records
/// either side of it there.
pub(super) fn record(kb: &Kb, params: &Params) -> Result<Option<String>, String> {
    let Some(record) = keyed(kb, params)? else {
        return Ok(None);
    };
    let scope = Scope::Section(
        record.key.authority.clone(),
        record.inspection,
        record.section,
    );
    let section = kb
        .scan(&scope)
        .collect::<Result<Vec<Record>, _>>()
        .map_err(|error| failure(&error))?;
    let Some(at) = section.iter().position(|r| r.key == record.key) else {
        return Ok(None);
    };
    let around = &section[at.saturating_sub(CONTEXT)..(at + CONTEXT + 1).min(section.len())];
    let mut body = format!(
        "<p><a href=\"/authority?{authority_link}\">{authority}</a>, inspection of {from} to {to} \
         ({framework}), section <b>{section}</b>{paragraph}. \
         <a href=\"/?{whole}\">The whole inspection</a></p><table class=\"context\">",
        authority_link = escape(&Params::default().with("name", Some(&record.authority))),
        authority = escape(&record.authority),
        from = record.inspected_from,
        to = record.inspected_to,
        framework = record.framework,
        section = record.section,
        paragraph = record
            .paragraph
            .map(|p| format!(", paragraph {p}"))
            .unwrap_or_default(),
        whole = escape(&Params::default().with(
            "q",
            Some(&format!(
                "any where authority = '{}' and inspection = '{}'",
                record.authority.replace('\'', "\\'"),
                record.inspection
            ))
        )),
    );
    for near in around {
        let class = if near.key == record.key {
            " class=\"this\""
        } else {
            ""
        };
        let _ = write!(
            body,
            "<tr{class}><td><a href=\"/record?{link}\">{key}</a></td><td>{kind}</td>{grade}<td>{text}</td></tr>",
            link = escape(&Params::default().with("key", Some(&near.key.to_string()))),
            key = escape(&near.key.to_string()),
            kind = near.kind,
            grade = grade_cell(near.grade),
            text = escape(&near.text),
        );
    }
    body.push_str("</table>");
    Ok(Some(layout(&record.key.to_string(), "", &body)))
}

/// A council's page: its inspections, its grades over time, and its
/// comparison with its statistical neighbours, its region and England.
pub(super) fn authority(kb: &Kb, params: &Params) -> Result<Option<String>, String> {
    let Some(name) = params.get("name") else {
        return Ok(None);
    };
    let name = Authority::from_printed_name(name).name;
    let mut judgements = Vec::new();
    for record in kb.scan(&Scope::Authority(name.clone())) {
        let record = record.map_err(|error| failure(&error))?;
        if record.kind == Kind::Judgement {
            judgements.push(record);
        }
    }
    if judgements.is_empty() {
        return Ok(None);
    }
    let mut body = String::new();
    if refused_of(kb, std::slice::from_ref(&name)).contains(&name) {
        let _ = write!(
            body,
            "<p class=\"gap\">A file of {} was refused at ingest: its report is not here (stats lists it).</p>",
            escape(&name)
        );
    }
    body.push_str(
        "<h2>Inspections</h2><table class=\"inspections\"><tr><th>inspection</th>\
         <th>framework</th><th>overall</th><th>judgements</th></tr>",
    );
    let mut inspections: BTreeMap<_, Vec<&Record>> = BTreeMap::new();
    for judgement in &judgements {
        inspections
            .entry(judgement.inspection)
            .or_default()
            .push(judgement);
    }
    for (inspection, graded) in inspections.iter().rev() {
        let overall = graded
            .iter()
            .find(|r| r.area == Some(Area::Overall))
            .and_then(|r| r.grade);
        let whole = Params::default().with(
            "q",
            Some(&format!(
                "judgement where authority = '{}' and inspection = '{inspection}'",
                name.replace('\'', "\\'")
            )),
        );
        let _ = write!(
            body,
            "<tr><td><a href=\"/?{}\">{inspection}</a></td><td>{}</td>{}<td>{}</td></tr>",
            escape(&whole),
            graded[0].framework,
            grade_cell(overall),
            graded.len()
        );
    }
    body.push_str("</table><h2>Grades over time</h2>");
    body.push_str(&chart::timeline(&judgements));
    body.push_str(&comparison(kb, &name));
    Ok(Some(layout(&name, "", &body)))
}

/// Those of `councils` a refused file's front page names, each once. The
/// files themselves are not named: their names are paths of this machine.
fn refused_of(kb: &Kb, councils: &[String]) -> Vec<String> {
    let refused = kb.refused_of(Some(councils)).unwrap_or_default();
    councils
        .iter()
        .filter(|council| {
            refused
                .iter()
                .any(|r| r.authority.as_ref() == Some(*council))
        })
        .cloned()
        .collect()
}

/// The council's latest grades beside its neighbours', and the counts of
/// latest grades in its region and in England.
fn comparison(kb: &Kb, name: &str) -> String {
    let Ok(Some(compared)) = kb.compare(name) else {
        return String::new();
    };
    let mut body = String::from("<h2>Beside its statistical neighbours</h2>");
    let councils: Vec<String> = compared
        .councils
        .iter()
        .map(|council| council.authority.clone())
        .collect();
    for council in refused_of(kb, &councils) {
        let _ = write!(
            body,
            "<p class=\"gap\">A file of {} was refused at ingest: its latest grades here may not be its newest.</p>",
            escape(&council)
        );
    }
    body.push_str("<table class=\"compare\"><tr><th>council</th>");
    for area in COMPARED_AREAS {
        let _ = write!(body, "<th>{area}</th>");
    }
    body.push_str("</tr>");
    for council in &compared.councils {
        let _ = write!(
            body,
            "<tr><td><a href=\"/authority?{}\">{}</a></td>",
            escape(&Params::default().with("name", Some(&council.authority))),
            escape(&council.authority)
        );
        for area in COMPARED_AREAS {
            match council.latest.get(&area) {
                Some(latest) => {
                    let _ = write!(
                        body,
                        "<td class=\"grade-{}\"><a href=\"/record?{}\">{}</a> ({})</td>",
                        latest.grade.as_str().replace(' ', "-"),
                        escape(&Params::default().with("key", Some(&latest.key.to_string()))),
                        latest.grade,
                        latest.inspection
                    );
                }
                None => body.push_str("<td></td>"),
            }
        }
        body.push_str("</tr>");
    }
    body.push_str("</table>");
    for (title, counts) in [
        (
            format!("Latest grades in {}", compared.region),
            &compared.region_counts,
        ),
        (
            "Latest grades in England".to_string(),
            &compared.england_counts,
        ),
    ] {
        let _ = write!(body, "<h3>{}</h3><table><tr><th>area</th>", escape(&title));
        for grade in Grade::ALL.iter().rev() {
            let _ = write!(body, "<th>{grade}</th>");
        }
        body.push_str("</tr>");
        for (area, by_grade) in counts {
            let _ = write!(body, "<tr><td>{area}</td>");
            for grade in Grade::ALL.iter().rev() {
                let _ = write!(body, "<td>{}</td>", by_grade.get(grade).unwrap_or(&0));
            }
            body.push_str("</tr>");
        }
        body.push_str("</table>");
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_text_cannot_be_markup() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(
            highlighted("a [1] care leaver's <b>", &["care leaver".into()]),
            "a [1] <mark>care leaver</mark>&#39;s &lt;b&gt;"
        );
        let long = format!("{} needle {}", "word ".repeat(200), "more ".repeat(200));
        let shown = highlighted(&long, &["needle".into()]);
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert!(shown.contains("<mark>needle</mark>"), "{shown}");
    }
}
