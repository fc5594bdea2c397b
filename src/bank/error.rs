//! Errors found in a bank or persona file, each naming the file, line and field.

use std::fmt;
use std::path::PathBuf;

/// One problem in one data file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct FileError {
    /// The file, as given or as embedded (e.g. `question_banks/behavioral.toml`).
    pub file: PathBuf,
    /// 1-based line of the problem (0 when the file could not be read at all).
    pub line: usize,
    /// 1-based column (0 when unknown).
    pub column: usize,
    /// The field at fault, as a path (e.g. `question[3].prompt`), when known.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        f.write_str(": ")?;
        if let Some(field) = &self.field {
            write!(f, "field `{field}`: ")?;
        }
        f.write_str(&self.message)
    }
}

/// Converts a byte offset into 1-based (line, column).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let column = before.rfind('\n').map_or(before.chars().count(), |nl| {
        before[nl + 1..].chars().count()
    }) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_and_field() {
        let e = FileError {
            file: "banks/x.toml".into(),
            line: 12,
            column: 3,
            field: Some("question[2].prompt".into()),
            message: "must not be empty".into(),
        };
        assert_eq!(
            e.to_string(),
            "banks/x.toml:12:3: field `question[2].prompt`: must not be empty"
        );
    }

    #[test]
    fn line_col_counts_from_one() {
        let text = "a = 1\nbb = 2\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        assert_eq!(line_col(text, 9), (2, 4));
        assert_eq!(line_col(text, 999), (3, 1));
    }
}
