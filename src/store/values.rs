//! Stored values: one format-version byte, then bincode 2 (serde,
//! `config::standard()`), so that the encoding can change later without
//! misreading what is already on disk.

use bincode::config::{self, Configuration, Limit};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::StoreError;

/// The format of values this build writes and reads.
const FORMAT: u8 = 2;
/// No stored value is larger; a length prefix claiming more is corrupt.
const DECODE_LIMIT: usize = 64 << 20;

fn configuration() -> Configuration<config::LittleEndian, config::Varint, Limit<DECODE_LIMIT>> {
    config::standard().with_limit::<DECODE_LIMIT>()
}

/// The stored form of `value`.
pub(crate) fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, StoreError> {
    let mut bytes = vec![FORMAT];
    bincode::serde::encode_into_std_write(value, &mut bytes, configuration()).map_err(|e| {
        StoreError::Corrupt {
            what: format!("a value that cannot be encoded: {e}"),
        }
    })?;
    Ok(bytes)
}

/// Reads a stored value; `what` names it in the error.
pub(crate) fn decode<T: DeserializeOwned>(bytes: &[u8], what: &str) -> Result<T, StoreError> {
    let corrupt = |reason: String| StoreError::Corrupt {
        what: format!("{what}: {reason}"),
    };
    let Some((&format, body)) = bytes.split_first() else {
        return Err(corrupt("empty value".into()));
    };
    if format != FORMAT {
        return Err(corrupt(format!(
            "value format {format}, this build reads format {FORMAT}"
        )));
    }
    let (value, read) = bincode::serde::decode_from_slice(body, configuration())
        .map_err(|e| corrupt(e.to_string()))?;
    if read != body.len() {
        return Err(corrupt(format!(
            "{} bytes after the value",
            body.len() - read
        )));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_and_carry_their_format() {
        let bytes = encode(&(7u32, "text".to_string())).unwrap();
        assert_eq!(bytes[0], FORMAT);
        assert_eq!(
            decode::<(u32, String)>(&bytes, "test").unwrap(),
            (7, "text".to_string())
        );
    }

    #[test]
    fn damaged_values_are_errors_not_panics() {
        let bytes = encode(&(7u32, "text".to_string())).unwrap();
        assert!(decode::<(u32, String)>(&[], "test").is_err());
        assert!(decode::<(u32, String)>(&[9, 1, 2], "test").is_err());
        assert!(decode::<(u32, String)>(&bytes[..bytes.len() - 1], "test").is_err());
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode::<(u32, String)>(&longer, "test").is_err());
        // A length prefix that claims more than the limit.
        assert!(
            decode::<Vec<u8>>(
                &[FORMAT, 0xFD, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F],
                "test"
            )
            .is_err()
        );
    }
}
