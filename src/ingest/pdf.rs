//! Text out of a published PDF, for the same layout stage as any text.
//!
//! pdf-extract places text by its coordinates on the page and writes it out
//! line by line, much as other extractors do, so a PDF and a text
//! extraction of it give the same records. (lopdf's own `extract_text`
//! writes each text operation on a line of its own, breaking words apart.)

use std::panic::{AssertUnwindSafe, catch_unwind};

use super::IngestError;

/// Fewer letters than this in a whole PDF means there is no text layer.
const FEWEST_LETTERS: usize = 500;

/// The text of a PDF, or why it has none to give.
pub(crate) fn text(bytes: &[u8]) -> Result<String, IngestError> {
    let refuse = |reason: String| IngestError::Pdf { reason };
    if !bytes.starts_with(b"%PDF-") {
        return Err(refuse("it does not start with `%PDF-`".into()));
    }
    // The extractor panics on some malformed files; a damaged PDF is an
    // error, not a crash, so its panics are caught here.
    let extracted = catch_unwind(AssertUnwindSafe(|| -> Result<String, String> {
        let document =
            pdf_extract::Document::load_mem(bytes).map_err(|e| format!("it is damaged ({e})"))?;
        if document.is_encrypted() {
            return Err("it is encrypted".into());
        }
        let mut text = String::new();
        let mut output = pdf_extract::PlainTextOutput::new(&mut text);
        pdf_extract::output_doc(&document, &mut output)
            .map_err(|e| format!("its text cannot be read ({e})"))?;
        Ok(text)
    }));
    let text = match extracted {
        Ok(Ok(text)) => text,
        Ok(Err(reason)) => return Err(refuse(reason)),
        Err(_) => {
            return Err(refuse(
                "it is damaged (the text extractor failed on it)".into(),
            ));
        }
    };
    if text.chars().filter(|c| c.is_alphabetic()).count() < FEWEST_LETTERS {
        return Err(refuse("it has no text layer (is it a scan?)".into()));
    }
    Ok(text)
}
