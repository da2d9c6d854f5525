//! JSON output, in one place (serde_json).

use serde::Serialize;

/// Pretty JSON with a trailing newline; key order is the struct's field order.
pub(crate) fn to_pretty<T: Serialize + ?Sized>(value: &T) -> String {
    let mut text =
        serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

pub(crate) fn to_compact<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

pub(crate) type Value = serde_json::Value;

/// A text that is not JSON at all.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub(crate) struct ParseError(#[from] serde_json::Error);

pub(crate) fn parse(text: &str) -> Result<Value, ParseError> {
    Ok(serde_json::from_str(text)?)
}

/// Why a JSON document could not be read into the expected shape, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct JsonError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Reads a JSON document into `T`; unknown keys are ignored unless `T` says otherwise.
pub(crate) fn from_str<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        // serde_json appends its own " at line X column Y"; the place is reported apart.
        let message = match message.rfind(" at line ") {
            Some(cut) => message[..cut].to_string(),
            None => message,
        };
        JsonError {
            line: e.line(),
            column: e.column(),
            message,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Doc {
        name: String,
    }

    #[test]
    fn typed_documents_and_located_errors() {
        let doc: Doc = from_str("{\"name\": \"x\", \"other\": 1}").unwrap();
        assert_eq!(doc.name, "x");
        let error = from_str::<Doc>("{\n  \"name\": 3\n}").unwrap_err();
        assert_eq!((error.line, error.column), (2, 11));
        assert!(
            error.message.starts_with("invalid type"),
            "{}",
            error.message
        );
        assert!(!error.message.contains("line"), "{}", error.message);
    }
}
