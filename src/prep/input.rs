//! What a prep guide is built from: the job description and where it came from, an optional
//! resume, company, interview stage, days left and prior-round notes; reading them from files.

use crate::domain::InterviewStage;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Where the job description came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "from", rename_all = "snake_case")]
pub enum JdSource {
    /// A file on disk.
    File(PathBuf),
    /// Standard input.
    Stdin,
    /// A job posting URL.
    Url(String),
    /// Given directly (tests, the app).
    Text,
}

impl JdSource {
    /// Reads a `--jd` argument: `-` is stdin, `http(s)://…` a URL, anything else a file path.
    pub fn from_arg(arg: &str) -> Self {
        let trimmed = arg.trim();
        if trimmed == "-" {
            Self::Stdin
        } else if trimmed.starts_with("http://") || trimmed.starts_with("https://") {
            Self::Url(trimmed.to_string())
        } else {
            Self::File(PathBuf::from(arg))
        }
    }

    /// How the source is shown in the guide.
    pub fn label(&self) -> String {
        match self {
            Self::File(p) => p.display().to_string(),
            Self::Stdin => "standard input".into(),
            Self::Url(u) => u.clone(),
            Self::Text => "pasted text".into(),
        }
    }
}

/// Everything the guide is built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrepInput {
    /// The job description as plain text or Markdown.
    pub jd: String,
    /// Where it came from.
    pub jd_source: JdSource,
    /// The job title, when the source named it (e.g. JSON-LD `title`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_title: Option<String>,
    /// The candidate's resume as text or Markdown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resume: Option<String>,
    /// The company's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// The round being prepared for.
    pub stage: InterviewStage,
    /// Days until the interview (0 = today).
    pub days: u32,
    /// Notes from earlier rounds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

impl PrepInput {
    /// An input with just a job description, for the technical stage a week out.
    pub fn from_jd(jd: impl Into<String>) -> Self {
        Self {
            jd: jd.into(),
            jd_source: JdSource::Text,
            job_title: None,
            resume: None,
            company: None,
            stage: InterviewStage::Technical,
            days: 7,
            notes: None,
        }
    }
}

/// The longest input file accepted (a job description or resume is a few pages at most).
pub const MAX_INPUT_BYTES: u64 = 2 * 1024 * 1024;

/// A problem reading an input.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The file could not be read.
    #[error("{flag} {}: cannot read: {source}", path.display())]
    Unreadable {
        /// The flag that named it.
        flag: &'static str,
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is too large to be a job description, resume or notes.
    #[error("{flag} {}: {size} bytes is too large (at most {max} bytes); is this the right file?", path.display())]
    TooLarge {
        /// The flag that named it.
        flag: &'static str,
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        max: u64,
    },
    /// The file holds no text.
    #[error("{flag} {}: the file is empty", path.display())]
    Empty {
        /// The flag that named it.
        flag: &'static str,
        /// The file.
        path: PathBuf,
    },
    /// The file is not UTF-8 text (a PDF or Word document, say).
    #[error("{flag} {}: not a text file (save it as .txt or .md first)", path.display())]
    NotText {
        /// The flag that named it.
        flag: &'static str,
        /// The file.
        path: PathBuf,
    },
}

/// Reads a text input named by `flag`, with an error naming the flag and the file.
pub fn read_text_file(flag: &'static str, path: &Path) -> Result<String, InputError> {
    let unreadable = |source| InputError::Unreadable {
        flag,
        path: path.to_path_buf(),
        source,
    };
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge {
            flag,
            path: path.to_path_buf(),
            size,
            max: MAX_INPUT_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    let text = String::from_utf8(bytes).map_err(|_| InputError::NotText {
        flag,
        path: path.to_path_buf(),
    })?;
    if text.trim().is_empty() {
        return Err(InputError::Empty {
            flag,
            path: path.to_path_buf(),
        });
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jd_argument_kinds() {
        assert_eq!(JdSource::from_arg("-"), JdSource::Stdin);
        assert_eq!(
            JdSource::from_arg("https://jobs.example/1"),
            JdSource::Url("https://jobs.example/1".into())
        );
        assert_eq!(
            JdSource::from_arg("jd.md"),
            JdSource::File(PathBuf::from("jd.md"))
        );
    }

    #[test]
    fn read_errors_name_flag_and_file() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope.md");
        let err = read_text_file("--resume", &missing)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("--resume "), "{err}");
        assert!(err.contains("nope.md: cannot read"), "{err}");
        let empty = dir.path().join("empty.md");
        std::fs::write(&empty, "  \n").unwrap();
        let err = read_text_file("--notes", &empty).unwrap_err().to_string();
        assert!(err.contains("--notes") && err.contains("empty"), "{err}");
        let binary = dir.path().join("cv.pdf");
        std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x81]).unwrap();
        let err = read_text_file("--resume", &binary).unwrap_err().to_string();
        assert!(err.contains("not a text file"), "{err}");
    }
}
