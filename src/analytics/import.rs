//! Reading a JSON export back: checks the format, version and each attempt, and names the
//! file, line and field of anything wrong.

use super::export::{EXPORT_FORMAT, EXPORT_VERSION, ExportFile};
use std::path::{Path, PathBuf};

/// Why an export file cannot be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The JSON is malformed or a field has the wrong shape.
    #[error("{}:{line}:{column}: field `{field}`: {message}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// Line of the problem.
        line: usize,
        /// Column of the problem.
        column: usize,
        /// Path of the field, e.g. `attempts[3].score.total`.
        field: String,
        /// What is wrong.
        message: String,
    },
    /// Not a hotseat attempts export.
    #[error("{}: field `format` is '{found}', expected '{EXPORT_FORMAT}' (make one with `hotseat export --format json`)", path.display())]
    Format {
        /// The file.
        path: PathBuf,
        /// The format found.
        found: String,
    },
    /// Written by a newer hotseat.
    #[error("{}: field `version` is {found}; this hotseat reads exports up to version {EXPORT_VERSION}", path.display())]
    Version {
        /// The file.
        path: PathBuf,
        /// The version found.
        found: u32,
    },
    /// An attempt that cannot be right.
    #[error("{}: field `attempts[{index}]` (id {id}): {message}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Its position in the list.
        index: usize,
        /// Its id.
        id: uuid::Uuid,
        /// What is wrong.
        message: String,
    },
}

/// Parses export text; `path` is only used in errors.
pub fn parse_export(path: &Path, text: &str) -> Result<ExportFile, ImportError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let file: ExportFile = serde_path_to_error::deserialize(de).map_err(|e| {
        let field = e.path().to_string();
        let inner = e.into_inner();
        let message = inner.to_string();
        // serde_json appends " at line L column C"; the position is reported separately
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m)
            .to_string();
        ImportError::Parse {
            path: path.to_path_buf(),
            line: inner.line(),
            column: inner.column(),
            field,
            message,
        }
    })?;
    if file.format != EXPORT_FORMAT {
        return Err(ImportError::Format {
            path: path.to_path_buf(),
            found: file.format,
        });
    }
    if file.version > EXPORT_VERSION {
        return Err(ImportError::Version {
            path: path.to_path_buf(),
            found: file.version,
        });
    }
    for (index, a) in file.attempts.iter().enumerate() {
        let problem = if a.question_id.trim().is_empty() {
            Some("question_id is empty".to_string())
        } else if a.submitted_at < a.started_at {
            Some(format!(
                "submitted_at {} is before started_at {}",
                a.submitted_at, a.started_at
            ))
        } else {
            a.score
                .as_ref()
                .filter(|s| s.total > 100 || s.dimensions.iter().any(|d| d.score > 100))
                .map(|_| "a score is above 100".to_string())
        };
        if let Some(message) = problem {
            return Err(ImportError::Invalid {
                path: path.to_path_buf(),
                index,
                id: a.id,
                message,
            });
        }
    }
    Ok(file)
}

/// Reads and checks an export file.
pub fn read_export(path: &Path) -> Result<ExportFile, ImportError> {
    let text = std::fs::read_to_string(path).map_err(|source| ImportError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    parse_export(path, &text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_file_line_and_field() {
        let p = Path::new("x.json");
        let err = parse_export(
            p,
            "{\n \"format\": \"hotseat-attempts\",\n \"version\": 1,\n \"exported_at\": \"2026-01-01T00:00:00Z\",\n \"attempts\": [ {\"id\": 5} ]\n}",
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("x.json:5:"), "{err}");
        assert!(err.contains("attempts[0].id"), "{err}");
        let err = parse_export(
            p,
            r#"{"format": "other", "version": 1, "exported_at": "2026-01-01T00:00:00Z", "attempts": []}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("field `format` is 'other'"), "{err}");
        let err = parse_export(
            p,
            r#"{"format": "hotseat-attempts", "version": 9, "exported_at": "2026-01-01T00:00:00Z", "attempts": []}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("version` is 9"), "{err}");
    }
}
