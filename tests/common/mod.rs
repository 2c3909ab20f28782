//! What the integration tests share: the seed reports on disk.

// Each test binary compiles this module and uses a part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The path of a file in `seeds/`.
pub fn seed_path(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("seeds")
        .join(file)
}

/// The text of a seed report.
pub fn seed_text(file: &str) -> String {
    std::fs::read_to_string(seed_path(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}
