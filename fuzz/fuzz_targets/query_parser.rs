//! Any text through the query parser and planner: an answer or a
//! `QueryError`, never a panic or a stack overflow.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(error) = inspection_kb::Query::parse(text) {
            // Rendering the caret must not panic either.
            let _ = error.to_string();
        }
    }
});
