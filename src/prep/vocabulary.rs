//! The skills vocabulary (`data/skills.toml`): skills and tools with aliases, the bank tags they
//! map to and the roles they signal, job-title phrases per role, and whole-word matching in text.

use crate::bank::{FileError, line_col};
use crate::domain::Role;
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::OnceLock;

const BUILTIN: &str = include_str!("../../data/skills.toml");
const BUILTIN_PATH: &str = "data/skills.toml";

/// What sort of skill an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkillKind {
    /// A programming or query language.
    Language,
    /// A library or framework.
    Framework,
    /// A tool or product.
    Tool,
    /// A database or other data store.
    DataStore,
    /// A cloud platform.
    Cloud,
    /// A practice, method or area of knowledge.
    Practice,
    /// Domain knowledge (finance, accounting…).
    Domain,
    /// A working skill every role uses (communication, ownership…).
    Soft,
}

impl SkillKind {
    /// Whether the skill is technical (worth a deep dive).
    pub fn is_technical(self) -> bool {
        !matches!(self, Self::Soft)
    }
}

/// One skill or tool of the vocabulary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skill {
    /// The name shown to the user.
    pub name: String,
    /// Other spellings that mean the same skill.
    pub aliases: Vec<String>,
    /// Bank tags and categories whose questions exercise the skill (lower case).
    pub tags: Vec<String>,
    /// The roles the skill signals; empty for skills every role uses.
    pub roles: Vec<Role>,
    /// What sort of skill it is.
    pub kind: SkillKind,
}

/// Job-title phrases that signal one role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleTitles {
    /// The role.
    pub role: Role,
    /// Lower-case title phrases.
    pub titles: Vec<String>,
}

/// Where a skill was found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SkillMention {
    /// Index of the skill in the vocabulary.
    pub skill: usize,
    /// Byte offset of the match.
    pub start: usize,
    /// Byte offset just past the match.
    pub end: usize,
}

#[derive(Debug, Clone)]
struct Term {
    text: String,
    case_sensitive: bool,
    skill: usize,
}

/// The loaded vocabulary.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    skills: Vec<Skill>,
    roles: Vec<RoleTitles>,
    terms: Vec<Term>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileShape {
    #[serde(default)]
    role: Vec<RoleShape>,
    #[serde(default)]
    group: Vec<GroupShape>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleShape {
    role: Role,
    titles: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupShape {
    kind: SkillKind,
    #[serde(default)]
    roles: Vec<Role>,
    skills: Vec<SkillShape>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SkillShape {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    case_sensitive: bool,
}

impl Vocabulary {
    /// The vocabulary shipped with hotseat.
    pub fn builtin() -> &'static Self {
        static VOCAB: OnceLock<Vocabulary> = OnceLock::new();
        VOCAB.get_or_init(|| {
            Self::parse(Path::new(BUILTIN_PATH), BUILTIN)
                .expect("the built-in skills vocabulary is valid (checked by a unit test)")
        })
    }

    /// Parses a vocabulary file; errors name the file, line and field.
    pub fn parse(path: &Path, text: &str) -> Result<Self, FileError> {
        let shape: FileShape = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map_or((0, 0), |s| line_col(text, s.start));
            FileError {
                file: path.to_path_buf(),
                line,
                column,
                field: None,
                message: e.message().trim().to_string(),
            }
        })?;
        let mut vocab = Self {
            skills: Vec::new(),
            roles: shape
                .role
                .into_iter()
                .map(|r| RoleTitles {
                    role: r.role,
                    titles: r.titles.iter().map(|t| t.to_lowercase()).collect(),
                })
                .collect(),
            terms: Vec::new(),
        };
        for (g, group) in shape.group.into_iter().enumerate() {
            for (s, entry) in group.skills.into_iter().enumerate() {
                if entry.name.trim().is_empty() {
                    let needle = "name = \"\"";
                    let line = text.find(needle).map_or(0, |o| line_col(text, o).0);
                    return Err(FileError {
                        file: path.to_path_buf(),
                        line,
                        column: 0,
                        field: Some(format!("group[{g}].skills[{s}].name")),
                        message: "must not be empty".into(),
                    });
                }
                let index = vocab.skills.len();
                for spelling in std::iter::once(&entry.name).chain(&entry.aliases) {
                    vocab.terms.push(Term {
                        text: if entry.case_sensitive {
                            spelling.clone()
                        } else {
                            spelling.to_lowercase()
                        },
                        case_sensitive: entry.case_sensitive,
                        skill: index,
                    });
                }
                let mut tags: Vec<String> = entry.tags.iter().map(|t| t.to_lowercase()).collect();
                tags.push(entry.name.to_lowercase());
                vocab.skills.push(Skill {
                    name: entry.name,
                    aliases: entry.aliases,
                    tags,
                    roles: group.roles.clone(),
                    kind: group.kind,
                });
            }
        }
        // Longer spellings first, so "react native" wins over "react" at the same place.
        vocab
            .terms
            .sort_by(|a, b| b.text.len().cmp(&a.text.len()).then(a.skill.cmp(&b.skill)));
        Ok(vocab)
    }

    /// Every skill, in file order.
    pub fn skills(&self) -> &[Skill] {
        &self.skills
    }

    /// One skill by index.
    pub fn skill(&self, index: usize) -> &Skill {
        &self.skills[index]
    }

    /// The skill with this name (case-insensitive).
    pub fn by_name(&self, name: &str) -> Option<usize> {
        self.skills
            .iter()
            .position(|s| s.name.eq_ignore_ascii_case(name))
    }

    /// Job-title phrases per role.
    pub fn role_titles(&self) -> &[RoleTitles] {
        &self.roles
    }

    /// How many spellings (names and aliases) the vocabulary matches.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// Every whole-word mention of a skill in `text`, in text order, without overlaps (the
    /// longest spelling wins).
    pub fn find(&self, text: &str) -> Vec<SkillMention> {
        let lower = text.to_ascii_lowercase();
        let mut taken = vec![false; text.len()];
        let mut found = Vec::new();
        for term in &self.terms {
            let haystack = if term.case_sensitive { text } else { &lower };
            for (start, _) in haystack.match_indices(term.text.as_str()) {
                let end = start + term.text.len();
                if !is_word_boundary(text, start, end) || taken[start..end].iter().any(|t| *t) {
                    continue;
                }
                taken[start..end].iter_mut().for_each(|t| *t = true);
                found.push(SkillMention {
                    skill: term.skill,
                    start,
                    end,
                });
            }
        }
        found.sort_by_key(|m| m.start);
        found
    }

    /// The distinct skills mentioned in `text`, with how often each is mentioned, in order of
    /// first mention.
    pub fn count(&self, text: &str) -> Vec<(usize, usize)> {
        let mut counts: Vec<(usize, usize)> = Vec::new();
        for m in self.find(text) {
            match counts.iter_mut().find(|(s, _)| *s == m.skill) {
                Some((_, n)) => *n += 1,
                None => counts.push((m.skill, 1)),
            }
        }
        counts
    }
}

/// Whether `text[start..end]` stands as a whole word: no letter or digit touches it, and a hyphen,
/// ampersand or dot joined to a following word ("C-suite", "R&D", "node.js") does not count as a
/// boundary.
pub fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let joined_before =
        before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '&' | '_' | '.' | '@'));
    if joined_before {
        return false;
    }
    match after {
        Some(c) if c.is_alphanumeric() || c == '_' => false,
        Some('-' | '&' | '.' | '+' | '#' | '/') => {
            // a joiner followed by more word means the match is only part of a longer term
            !text[end + 1..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_vocabulary_parses_and_is_large() {
        let v = Vocabulary::parse(Path::new(BUILTIN_PATH), BUILTIN).unwrap();
        assert!(v.skills().len() >= 200, "{}", v.skills().len());
        assert!(v.term_count() >= 800);
        assert_eq!(v.role_titles().len(), 9);
        // every spelling is unique across skills, so a mention is never ambiguous
        let mut seen = std::collections::HashMap::new();
        for t in &v.terms {
            if let Some(other) = seen.insert(t.text.to_lowercase(), t.skill) {
                assert_eq!(other, t.skill, "'{}' names two skills", t.text);
            }
        }
    }

    #[test]
    fn finds_whole_words_and_prefers_longest() {
        let v = Vocabulary::builtin();
        let text = "We use React Native, Node.js and Go; C-suite exposure and R&D. Java not JavaScript? Postgres.";
        let names: Vec<&str> = v
            .find(text)
            .iter()
            .map(|m| v.skill(m.skill).name.as_str())
            .collect();
        assert!(names.contains(&"React Native"), "{names:?}");
        assert!(!names.contains(&"React"), "{names:?}");
        assert!(names.contains(&"Node.js"), "{names:?}");
        assert!(names.contains(&"Go"), "{names:?}");
        assert!(names.contains(&"Java"), "{names:?}");
        assert!(names.contains(&"JavaScript"), "{names:?}");
        assert!(names.contains(&"PostgreSQL"), "{names:?}");
        assert!(!names.contains(&"R"), "{names:?}");
    }

    #[test]
    fn bad_file_names_line() {
        let err = Vocabulary::parse(
            Path::new("v.toml"),
            "[[group]]\nkind = \"wizardry\"\nskills = []\n",
        )
        .unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        assert!(err.to_string().starts_with("v.toml:2"), "{err}");
    }
}
