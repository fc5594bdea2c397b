//! A guide request as the app's form gives it (paths, a URL, choices) and `gather_input`, which
//! reads the files and fetches the posting into a `PrepInput`; each failure names the input it
//! came from, so the form can show it next to that field.

use super::fetch::{FetchOptions, fetch_posting};
use super::input::{JdSource, PrepInput, read_text_file};
use crate::domain::InterviewStage;
use std::path::{Path, PathBuf};

/// One input of a guide request, as a form shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputField {
    /// The job description: a file path or an http(s) URL.
    JobDescription,
    /// The resume file.
    Resume,
    /// The company's name.
    Company,
    /// The interview round.
    Stage,
    /// Days until the interview.
    Days,
    /// The prior-round notes file.
    Notes,
}

impl InputField {
    /// Every input, in form order.
    pub const ALL: [Self; 6] = [
        Self::JobDescription,
        Self::Resume,
        Self::Company,
        Self::Stage,
        Self::Days,
        Self::Notes,
    ];

    /// The input's name, as a label and at the start of its errors.
    pub fn label(self) -> &'static str {
        match self {
            Self::JobDescription => "Job description",
            Self::Resume => "Resume",
            Self::Company => "Company",
            Self::Stage => "Stage",
            Self::Days => "Days until the interview",
            Self::Notes => "Prior-round notes",
        }
    }
}

/// What the app asks a guide to be built from: paths and a URL not yet read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideRequest {
    /// A job description file path or an http(s) posting URL.
    pub job_description: String,
    /// The resume file, if given.
    pub resume: Option<PathBuf>,
    /// The company's name, if given.
    pub company: Option<String>,
    /// The round prepared for.
    pub stage: InterviewStage,
    /// Days until the interview.
    pub days: u32,
    /// The prior-round notes file, if given.
    pub notes: Option<PathBuf>,
}

/// Why a request could not be read, and which input it was.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct RequestError {
    /// The input at fault.
    pub field: InputField,
    /// What went wrong, naming the path or URL.
    pub message: String,
}

impl RequestError {
    fn new(field: InputField, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}

/// The files of a request, read: the job description (unless it is a URL), resume and notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalFiles {
    /// The job description's text, when it is a file.
    pub job_description: Option<String>,
    /// The resume's text.
    pub resume: Option<String>,
    /// The notes' text.
    pub notes: Option<String>,
}

/// A path as people type or paste it into a field: surrounding quotes dropped (a file dragged
/// into a terminal often arrives quoted), `\ ` read as a space, and a leading `~/` (or a lone `~`)
/// taken from `home`.
pub fn typed_path(raw: &str, home: Option<&Path>) -> PathBuf {
    let mut text = raw.trim();
    for quote in ['\'', '"'] {
        if text.len() >= 2 && text.starts_with(quote) && text.ends_with(quote) {
            text = &text[1..text.len() - 1];
        }
    }
    let text = text.replace("\\ ", " ");
    match (home, text.strip_prefix('~')) {
        (Some(home), Some("")) => home.to_path_buf(),
        (Some(home), Some(rest)) if rest.starts_with('/') => home.join(&rest[1..]),
        _ => PathBuf::from(text),
    }
}

/// The user's home folder, for [`typed_path`].
fn home_dir() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf())
}

/// The job description field as a source: an http(s) URL (quotes around it dropped), or a file
/// path read as [`typed_path`] reads it.
pub fn typed_source(raw: &str, home: Option<&Path>) -> JdSource {
    let path = typed_path(raw, home);
    match JdSource::from_arg(&path.to_string_lossy()) {
        JdSource::File(_) => JdSource::File(path),
        other => other,
    }
}

/// Reads the request's files (blocking I/O); a URL job description is left for `gather_input`.
/// Also returns the job description's source, as typed paths resolve.
pub fn read_local_files(request: &GuideRequest) -> Result<(JdSource, LocalFiles), RequestError> {
    let home = home_dir();
    let read = |field: InputField, path: &Path| {
        read_text_file(field.label(), path).map_err(|e| RequestError::new(field, e.to_string()))
    };
    let typed = |field: InputField, path: &Path| {
        read(field, &typed_path(&path.to_string_lossy(), home.as_deref()))
    };
    let source = typed_source(&request.job_description, home.as_deref());
    let job_description = match &source {
        JdSource::File(path) => Some(read(InputField::JobDescription, path)?),
        JdSource::Url(_) => None,
        JdSource::Stdin | JdSource::Text => {
            return Err(RequestError::new(
                InputField::JobDescription,
                format!(
                    "Job description '{}': give a file path or an http(s) URL",
                    request.job_description
                ),
            ));
        }
    };
    let resume = request
        .resume
        .as_deref()
        .map(|p| typed(InputField::Resume, p))
        .transpose()?;
    let notes = request
        .notes
        .as_deref()
        .map(|p| typed(InputField::Notes, p))
        .transpose()?;
    Ok((
        source,
        LocalFiles {
            job_description,
            resume,
            notes,
        },
    ))
}

/// Reads the files (on the blocking pool) and fetches a URL job description, giving the input
/// the offline builder takes. A company named in the form wins over one the posting names.
pub async fn gather_input(
    request: &GuideRequest,
    fetch: &FetchOptions,
) -> Result<PrepInput, RequestError> {
    let owned = request.clone();
    let (source, files) = tokio::task::spawn_blocking(move || read_local_files(&owned))
        .await
        .map_err(|e| {
            RequestError::new(
                InputField::JobDescription,
                format!("reading the files stopped: {e}"),
            )
        })??;
    let (jd, title, posted_company) = match (files.job_description, &source) {
        (Some(text), _) => (text, None, None),
        (None, JdSource::Url(url)) => {
            let posting = fetch_posting(url, fetch, |_, _| {})
                .await
                .map_err(|e| RequestError::new(InputField::JobDescription, e.to_string()))?;
            (posting.text, posting.title, posting.company)
        }
        // read_local_files reads a file source and refuses anything but a file or a URL
        (None, other) => {
            return Err(RequestError::new(
                InputField::JobDescription,
                format!(
                    "Job description '{}': give a file path or an http(s) URL",
                    other.label()
                ),
            ));
        }
    };
    Ok(PrepInput {
        jd,
        jd_source: source,
        job_title: title,
        resume: files.resume,
        company: request.company.clone().or(posted_company),
        stage: request.stage,
        days: request.days,
        notes: files.notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_paths_lose_quotes_and_escapes_and_expand_home() {
        let home = Path::new("/home/ana");
        assert_eq!(
            typed_path("~/jobs/jd.md", Some(home)),
            home.join("jobs/jd.md")
        );
        assert_eq!(typed_path("~", Some(home)), home.to_path_buf());
        assert_eq!(
            typed_path("'/tmp/my jd.md'", Some(home)),
            PathBuf::from("/tmp/my jd.md")
        );
        assert_eq!(typed_path("\"~/a b.md\" ", Some(home)), home.join("a b.md"));
        assert_eq!(
            typed_path("/tmp/my\\ jd.md", Some(home)),
            PathBuf::from("/tmp/my jd.md")
        );
        assert_eq!(
            typed_path("~bob/x.md", Some(home)),
            PathBuf::from("~bob/x.md")
        );
        assert_eq!(typed_path("~/x.md", None), PathBuf::from("~/x.md"));
        assert_eq!(
            typed_path("notes.md", Some(home)),
            PathBuf::from("notes.md")
        );
    }

    #[test]
    fn a_quoted_url_is_a_url_and_a_typed_path_is_its_resolved_file() {
        let home = Path::new("/home/ana");
        assert_eq!(
            typed_source("'https://jobs.example/1'", Some(home)),
            JdSource::Url("https://jobs.example/1".into())
        );
        assert_eq!(
            typed_source("~/jd.md", Some(home)),
            JdSource::File(home.join("jd.md"))
        );
        assert_eq!(typed_source("-", Some(home)), JdSource::Stdin);
    }

    #[test]
    fn a_quoted_home_path_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let jd = dir.path().join("my jd.md");
        std::fs::write(&jd, "Senior Backend Engineer\n\nWe build payments in Rust.").unwrap();
        let req = request(&format!("'{}'", jd.display()));
        let (_, files) = read_local_files(&req).unwrap();
        assert!(files.job_description.unwrap().contains("payments"));
    }

    fn request(jd: &str) -> GuideRequest {
        GuideRequest {
            job_description: jd.into(),
            resume: None,
            company: None,
            stage: InterviewStage::Technical,
            days: 7,
            notes: None,
        }
    }

    #[test]
    fn missing_and_binary_files_name_the_field_and_path() {
        let dir = tempfile::tempdir().unwrap();
        let jd = dir.path().join("jd.md");
        std::fs::write(&jd, "Senior Backend Engineer\n\nWe build payments in Rust.").unwrap();
        let mut req = request(jd.to_str().unwrap());
        req.resume = Some(dir.path().join("cv.md"));
        let err = read_local_files(&req).unwrap_err();
        assert_eq!(err.field, InputField::Resume);
        assert!(err.message.starts_with("Resume "), "{err}");
        assert!(err.message.contains("cv.md: cannot read"), "{err}");

        let binary = dir.path().join("notes.pdf");
        std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x81]).unwrap();
        req.resume = None;
        req.notes = Some(binary);
        let err = read_local_files(&req).unwrap_err();
        assert_eq!(err.field, InputField::Notes);
        assert!(err.message.contains("notes.pdf: not a text file"), "{err}");

        req.notes = None;
        let (_, files) = read_local_files(&req).unwrap();
        assert!(files.job_description.unwrap().contains("payments"));
    }

    #[test]
    fn dash_is_not_a_job_description_in_the_form() {
        let err = read_local_files(&request("-")).unwrap_err();
        assert_eq!(err.field, InputField::JobDescription);
    }

    #[tokio::test]
    async fn a_failed_fetch_points_at_the_job_description_with_the_fetchers_message() {
        // a port nothing listens on
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        drop(listener);
        let opts = FetchOptions {
            retries: 0,
            use_proxy: false,
            timeout: std::time::Duration::from_secs(2),
            ..FetchOptions::default()
        };
        let url = format!("http://127.0.0.1:{port}/jobs/1");
        let err = gather_input(&request(&url), &opts).await.unwrap_err();
        assert_eq!(err.field, InputField::JobDescription);
        assert!(err.message.contains(&url), "{err}");
        assert!(err.message.contains("cannot connect"), "{err}");
    }
}
