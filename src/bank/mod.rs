//! The prep bank: questions and personas loaded from the embedded files and the user's config dir.

mod error;
mod locate;
mod parse;
pub mod search;
pub mod stats;

pub use error::{FileError, line_col};
pub use parse::{parse_bank, parse_persona};

use crate::domain::{Difficulty, Persona, Question, QuestionKind, Role};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// One data file to load: where it came from and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as shown in messages.
    pub path: PathBuf,
    /// The file's text.
    pub text: String,
    /// Whether it is a user file (skipped on error) rather than a shipped one.
    pub user: bool,
}

/// Which format a data file is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `[[question]]` tables.
    Bank,
    /// One persona.
    Persona,
}

impl FileKind {
    /// Guesses the format from the folder name, then from the text.
    pub fn detect(path: &Path, text: &str) -> Self {
        let in_personas = path
            .parent()
            .and_then(Path::file_name)
            .is_some_and(|n| n == "personas");
        if in_personas {
            Self::Persona
        } else if text.contains("[[question]]") {
            Self::Bank
        } else if text.contains("strictness") || text.contains("[probes]") {
            Self::Persona
        } else {
            Self::Bank
        }
    }
}

/// The loaded prep bank.
#[derive(Debug, Clone, Default)]
pub struct Bank {
    questions: Vec<Question>,
    personas: Vec<Persona>,
    by_id: HashMap<String, usize>,
    origins: Vec<PathBuf>,
}

/// A bank together with the problems met while loading it.
#[derive(Debug, Clone, Default)]
pub struct LoadedBank {
    /// Everything that loaded.
    pub bank: Bank,
    /// Files that failed and were skipped, one entry per problem.
    pub problems: Vec<FileError>,
}

/// Filters for listing questions; `None` means no filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuestionFilter {
    /// Only this kind.
    pub kind: Option<QuestionKind>,
    /// Only questions asked for this role (including `any`).
    pub role: Option<Role>,
    /// Only this difficulty.
    pub difficulty: Option<Difficulty>,
    /// Only questions with this tag (case-insensitive).
    pub tag: Option<String>,
}

impl QuestionFilter {
    /// Whether `q` passes every filter.
    pub fn matches(&self, q: &Question) -> bool {
        self.kind.is_none_or(|k| q.kind == k)
            && self.role.is_none_or(|r| q.fits_role(r))
            && self.difficulty.is_none_or(|d| q.difficulty == d)
            && self
                .tag
                .as_deref()
                .is_none_or(|t| q.tags.iter().any(|x| x.eq_ignore_ascii_case(t)))
    }
}

/// The shipped data files.
pub fn embedded_sources() -> Vec<SourceFile> {
    EMBEDDED_BANKS
        .iter()
        .chain(EMBEDDED_PERSONAS)
        .map(|(path, text)| SourceFile {
            path: PathBuf::from(path),
            text: (*text).to_string(),
            user: false,
        })
        .collect()
}

/// The user's data files under `config_dir/question_banks` and `config_dir/personas`.
/// Unreadable files come back as problems.
pub fn user_sources(config_dir: &Path) -> (Vec<SourceFile>, Vec<FileError>) {
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    for sub in ["question_banks", "personas"] {
        let dir = config_dir.join(sub);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            match read_source(&path, true) {
                Ok(s) => sources.push(s),
                Err(e) => problems.push(e),
            }
        }
    }
    (sources, problems)
}

/// Reads one file as a source, or an error naming it.
pub fn read_source(path: &Path, user: bool) -> Result<SourceFile, FileError> {
    std::fs::read_to_string(path)
        .map(|text| SourceFile {
            path: path.to_path_buf(),
            text,
            user,
        })
        .map_err(|e| FileError {
            file: path.to_path_buf(),
            line: 0,
            column: 0,
            field: None,
            message: format!("cannot read: {e}"),
        })
}

impl Bank {
    /// Loads the embedded files, then the user's files from `config_dir` (if given).
    /// A failing file is reported in `problems` and skipped; the rest still load.
    pub fn load(config_dir: Option<&Path>) -> LoadedBank {
        let mut sources = embedded_sources();
        let mut problems = Vec::new();
        if let Some(dir) = config_dir {
            let (user, unreadable) = user_sources(dir);
            sources.extend(user);
            problems.extend(unreadable);
        }
        let mut loaded = Self::from_sources(&sources);
        loaded.problems.splice(0..0, problems);
        loaded
    }

    /// Builds a bank from sources, checking ids are unique across files. Each failing file is
    /// skipped whole and its problems reported.
    pub fn from_sources(sources: &[SourceFile]) -> LoadedBank {
        let mut bank = Self::default();
        let mut problems = Vec::new();
        for source in sources {
            let result = match FileKind::detect(&source.path, &source.text) {
                FileKind::Bank => parse_bank(&source.path, &source.text)
                    .and_then(|qs| bank.check_new_questions(source, &qs).map(|()| qs))
                    .map(|qs| bank.add_questions(&source.path, qs)),
                FileKind::Persona => parse_persona(&source.path, &source.text)
                    .and_then(|p| bank.add_persona(source, p)),
            };
            if let Err(errs) = result {
                problems.extend(errs);
            }
        }
        LoadedBank { bank, problems }
    }

    fn check_new_questions(
        &self,
        source: &SourceFile,
        qs: &[Question],
    ) -> Result<(), Vec<FileError>> {
        let locator = locate::Locator::new(&source.text, "question");
        let errors: Vec<FileError> = qs
            .iter()
            .enumerate()
            .filter_map(|(i, q)| {
                let existing = self.by_id.get(&q.id)?;
                Some(FileError {
                    file: source.path.clone(),
                    line: locator.line_of(Some(i), "id", 0),
                    column: 1,
                    field: Some(format!("question[{i}].id")),
                    message: format!(
                        "duplicate id '{}' (already defined in {})",
                        q.id,
                        self.origins[*existing].display()
                    ),
                })
            })
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    fn add_questions(&mut self, origin: &Path, qs: Vec<Question>) {
        for q in qs {
            self.by_id.insert(q.id.clone(), self.questions.len());
            self.questions.push(q);
            self.origins.push(origin.to_path_buf());
        }
    }

    fn add_persona(&mut self, source: &SourceFile, p: Persona) -> Result<(), Vec<FileError>> {
        if self.personas.iter().any(|x| x.id == p.id) {
            let locator = locate::Locator::new(&source.text, "\u{0}");
            return Err(vec![FileError {
                file: source.path.clone(),
                line: locator.line_of(None, "id", 0),
                column: 1,
                field: Some("id".into()),
                message: format!("duplicate persona id '{}'", p.id),
            }]);
        }
        self.personas.push(p);
        Ok(())
    }

    /// Builds a bank directly from questions and personas (tests, benches, generated banks).
    pub fn from_parts(questions: Vec<Question>, personas: Vec<Persona>) -> Self {
        let mut bank = Self {
            personas,
            ..Self::default()
        };
        bank.add_questions(Path::new("<memory>"), questions);
        bank
    }

    /// Every question, in load order.
    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.by_id.get(id).map(|&i| &self.questions[i])
    }

    /// The file a question came from.
    pub fn origin(&self, id: &str) -> Option<&Path> {
        self.by_id.get(id).map(|&i| self.origins[i].as_path())
    }

    /// Questions passing `filter`, in load order.
    pub fn filtered<'a>(
        &'a self,
        filter: &'a QuestionFilter,
    ) -> impl Iterator<Item = &'a Question> {
        self.questions.iter().filter(move |q| filter.matches(q))
    }

    /// Up to `n` question ids closest to `id` (by edit distance; ids containing it, or contained
    /// in it, first), for "did you mean" messages.
    pub fn nearest_question_ids(&self, id: &str, n: usize) -> Vec<&str> {
        let wanted = id.trim().to_lowercase();
        let mut ranked: Vec<(bool, usize, &str)> = self
            .questions
            .iter()
            .map(|q| {
                let contains = !wanted.is_empty()
                    && (q.id.contains(wanted.as_str()) || wanted.contains(q.id.as_str()));
                (!contains, edit_distance(&wanted, &q.id), q.id.as_str())
            })
            .collect();
        ranked.sort_unstable();
        ranked.into_iter().take(n).map(|(_, _, id)| id).collect()
    }

    /// Every persona, in load order.
    pub fn personas(&self) -> &[Persona] {
        &self.personas
    }

    /// The persona with this id.
    pub fn persona(&self, id: &str) -> Option<&Persona> {
        self.personas.iter().find(|p| p.id == id)
    }
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_ids_prefer_close_spellings() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        let bank = Bank::load(None).bank;
        let id = bank.questions()[0].id.clone();
        let typo = format!("{}x", &id[..id.len() - 1]);
        assert!(bank.nearest_question_ids(&typo, 3).contains(&id.as_str()));
        assert_eq!(bank.nearest_question_ids("anything", 2).len(), 2);
    }

    #[test]
    fn shipped_files_load_without_problems() {
        let loaded = Bank::load(None);
        assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
        assert!(loaded.bank.questions().len() >= 60);
        for id in ["friendly", "neutral", "challenging"] {
            assert!(loaded.bank.persona(id).is_some(), "persona {id} ships");
        }
    }

    #[test]
    fn filter_combines_kind_role_and_tag() {
        let loaded = Bank::load(None);
        let filter = QuestionFilter {
            kind: Some(QuestionKind::Behavioral),
            role: Some(Role::SoftwareEngineer),
            ..QuestionFilter::default()
        };
        let hits: Vec<&Question> = loaded.bank.filtered(&filter).collect();
        assert!(!hits.is_empty());
        assert!(hits.iter().all(|q| q.kind == QuestionKind::Behavioral));
        assert!(hits.iter().all(|q| q.fits_role(Role::SoftwareEngineer)));
    }
}
