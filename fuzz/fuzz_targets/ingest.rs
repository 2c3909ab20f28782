//! Any bytes through report ingest: a report or an `IngestError`, never a
//! panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = inspection_kb::ingest::parse_bytes(data);
});
