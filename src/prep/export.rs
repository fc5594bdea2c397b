//! Writing a guide to a file of its own: Markdown or PDF, named `<slug>-<date>.md|pdf` in a folder
//! (created when missing), never over an existing file (`-2`, `-3`… are added instead).

use super::guide::Guide;
use super::{markdown, pdf};
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// A file format a guide can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// Markdown text (`.md`).
    Markdown,
    /// A PDF document (`.pdf`).
    Pdf,
}

impl ExportFormat {
    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Markdown => "md",
            Self::Pdf => "pdf",
        }
    }

    /// The format's name in messages.
    pub fn label(self) -> &'static str {
        match self {
            Self::Markdown => "Markdown",
            Self::Pdf => "PDF",
        }
    }

    /// The guide in this format.
    pub fn render(self, guide: &Guide) -> Vec<u8> {
        match self {
            Self::Markdown => markdown::to_markdown(guide).into_bytes(),
            Self::Pdf => pdf::to_pdf(guide),
        }
    }
}

/// The longest slug, in characters.
const SLUG_MAX: usize = 60;

/// A file-name-safe slug of the guide's company and title: lower case, words joined by `-`.
pub fn slug(guide: &Guide) -> String {
    let mut text = String::new();
    if let Some(c) = &guide.company {
        text.push_str(c);
        text.push(' ');
    }
    text.push_str(&guide.title);
    let mut out = String::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let word = word.to_lowercase();
        if out.chars().count() + word.chars().count() + 1 > SLUG_MAX && !out.is_empty() {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word);
    }
    if out.is_empty() {
        "guide".into()
    } else {
        out.chars().take(SLUG_MAX).collect()
    }
}

/// The file name's stem: the slug and the date the guide was built, `<slug>-YYYY-MM-DD`.
pub fn file_stem(guide: &Guide) -> String {
    format!("{}-{}", slug(guide), guide.created_at.strftime("%Y-%m-%d"))
}

/// Writes `guide` into `dir` as `format` under a name no file has yet; returns the path written.
pub fn export_guide(guide: &Guide, format: ExportFormat, dir: &Path) -> std::io::Result<PathBuf> {
    write_new(
        dir,
        &file_stem(guide),
        format.extension(),
        &format.render(guide),
    )
}

/// Writes `bytes` to `dir/stem.ext`, or `dir/stem-2.ext`, `-3`… when taken; creates `dir`.
pub fn write_new(dir: &Path, stem: &str, ext: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    for n in 1..=999 {
        let name = if n == 1 {
            format!("{stem}.{ext}")
        } else {
            format!("{stem}-{n}.{ext}")
        };
        let path = dir.join(name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                file.write_all(bytes)?;
                file.sync_all()?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        format!("{stem}.{ext} and 998 numbered copies exist already"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Bank;
    use crate::prep::{PrepInput, Vocabulary, build_guide};

    fn guide() -> Guide {
        let input = PrepInput {
            company: Some("Northwind Pay, Inc.".into()),
            ..PrepInput::from_jd("Senior Backend Engineer\n\nWe build payment rails in Rust.")
        };
        build_guide(
            &input,
            &Bank::load(None).bank,
            Vocabulary::builtin(),
            uuid::Uuid::nil(),
            "2026-11-20T10:00:00Z".parse().unwrap(),
        )
    }

    #[test]
    fn the_name_is_the_company_and_title_slug_and_the_build_date() {
        let g = guide();
        let stem = file_stem(&g);
        assert!(stem.starts_with("northwind-pay-inc-"), "{stem}");
        assert!(stem.ends_with("-2026-11-20"), "{stem}");
        assert!(
            stem.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{stem}"
        );
    }

    #[test]
    fn an_existing_file_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("guides");
        let g = guide();
        let first = export_guide(&g, ExportFormat::Markdown, &out).unwrap();
        std::fs::write(&first, "mine").unwrap();
        let second = export_guide(&g, ExportFormat::Markdown, &out).unwrap();
        assert_ne!(first, second);
        assert!(second.to_string_lossy().ends_with("-2026-11-20-2.md"));
        assert_eq!(std::fs::read_to_string(&first).unwrap(), "mine");
        assert!(
            std::fs::read_to_string(&second)
                .unwrap()
                .starts_with("# Prep guide: ")
        );
        let pdf = export_guide(&g, ExportFormat::Pdf, &out).unwrap();
        assert!(std::fs::read(pdf).unwrap().starts_with(b"%PDF"));
    }
}
