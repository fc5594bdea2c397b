//! Parses and validates one bank or persona file, turning every problem into a `FileError`.

use super::error::{FileError, line_col};
use super::locate::Locator;
use crate::domain::{Persona, Question};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

/// A question bank file: an array of `[[question]]` tables.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BankFile {
    #[serde(default)]
    question: Vec<Question>,
}

/// Parses a question bank file and checks each question.
pub fn parse_bank(file: &Path, text: &str) -> Result<Vec<Question>, Vec<FileError>> {
    let locator = Locator::new(text, "question");
    let parsed: BankFile =
        toml::from_str(text).map_err(|e| vec![toml_error(file, text, &locator, "question", &e)])?;
    if parsed.question.is_empty() {
        return Err(vec![FileError {
            file: file.to_path_buf(),
            line: 1,
            column: 1,
            field: Some("question".into()),
            message: "no [[question]] tables in this file".into(),
        }]);
    }
    let mut errors = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, q) in parsed.question.iter().enumerate() {
        let duplicate_of = seen.insert(q.id.as_str(), i);
        check_question(file, &locator, i, q, duplicate_of, &mut errors);
    }
    if errors.is_empty() {
        Ok(parsed.question)
    } else {
        Err(errors)
    }
}

/// Checks one question's values, pushing an error per problem.
fn check_question(
    file: &Path,
    locator: &Locator<'_>,
    i: usize,
    q: &Question,
    duplicate_of: Option<usize>,
    errors: &mut Vec<FileError>,
) {
    let mut fail = |key: &str, nth: usize, field: String, message: String| {
        errors.push(FileError {
            file: file.to_path_buf(),
            line: locator.line_of(Some(i), key, nth),
            column: 1,
            field: Some(format!("question[{i}].{field}")),
            message,
        });
    };
    if let Err(why) = check_id(&q.id) {
        fail("id", 0, "id".into(), why);
    } else if let Some(first) = duplicate_of {
        fail(
            "id",
            0,
            "id".into(),
            format!(
                "duplicate id '{}' (first used by question[{first}] on line {})",
                q.id,
                locator.line_of(Some(first), "id", 0)
            ),
        );
    }
    for (key, value) in [("prompt", &q.prompt), ("category", &q.category)] {
        if value.trim().is_empty() {
            fail(key, 0, key.into(), "must not be empty".into());
        }
    }
    if q.roles.is_empty() {
        fail(
            "roles",
            0,
            "roles".into(),
            "must list at least one role (use [\"any\"] for every role)".into(),
        );
    }
    if let Some(secs) = q.time_limit_secs
        && !(10..=3600).contains(&secs)
    {
        fail(
            "time_limit_secs",
            0,
            "time_limit_secs".into(),
            format!("{secs} is out of range (10 to 3600 seconds)"),
        );
    }
    if q.talking_points.is_empty() {
        fail(
            "talking_points",
            0,
            "talking_points".into(),
            "must list at least one talking point".into(),
        );
    }
    for (j, tp) in q.talking_points.iter().enumerate() {
        if tp.point.trim().is_empty() {
            fail(
                "point",
                j,
                format!("talking_points[{j}].point"),
                "must not be empty".into(),
            );
        }
        if tp.evidence.iter().all(|e| e.trim().is_empty()) {
            fail(
                "evidence",
                j,
                format!("talking_points[{j}].evidence"),
                format!(
                    "talking point '{}' has no evidence words; list the words or phrases that show it was made",
                    tp.point.trim()
                ),
            );
        }
    }
    for (j, f) in q.follow_ups.iter().enumerate() {
        if f.trim().is_empty() {
            fail(
                "follow_ups",
                0,
                format!("follow_ups[{j}]"),
                "must not be empty".into(),
            );
        }
    }
}

/// Parses a persona file (one persona per file) and checks it.
pub fn parse_persona(file: &Path, text: &str) -> Result<Persona, Vec<FileError>> {
    let locator = Locator::new(text, "answers");
    let persona: Persona =
        toml::from_str(text).map_err(|e| vec![toml_error(file, text, &locator, "", &e)])?;
    let mut errors = Vec::new();
    let plain = Locator::new(text, "\u{0}");
    let mut fail = |key: &str, field: String, message: String| {
        errors.push(FileError {
            file: file.to_path_buf(),
            line: plain.line_of(None, key, 0),
            column: 1,
            field: Some(field),
            message,
        });
    };
    if let Err(why) = check_id(&persona.id) {
        fail("id", "id".into(), why);
    }
    for (key, value) in [
        ("name", &persona.name),
        ("description", &persona.description),
        ("question_style", &persona.question_style),
    ] {
        if value.trim().is_empty() {
            fail(key, key.into(), "must not be empty".into());
        }
    }
    if !(1..=5).contains(&persona.strictness) {
        fail(
            "strictness",
            "strictness".into(),
            format!("{} is out of range (1 to 5)", persona.strictness),
        );
    }
    if persona.follow_up_depth > 3 {
        fail(
            "follow_up_depth",
            "follow_up_depth".into(),
            format!("{} is out of range (0 to 3)", persona.follow_up_depth),
        );
    }
    let l = &persona.lines;
    for (key, lines) in [
        ("greetings", &l.greetings),
        ("warmups", &l.warmups),
        ("acknowledgements", &l.acknowledgements),
        ("transitions", &l.transitions),
        ("candidate_questions", &l.candidate_questions),
        ("closings", &l.closings),
    ] {
        if lines.iter().all(|s| s.trim().is_empty()) {
            fail(
                key,
                format!("lines.{key}"),
                "needs at least one line".into(),
            );
        }
    }
    for (key, lines) in persona.probes.all() {
        if lines.iter().all(|s| s.trim().is_empty()) {
            fail(
                key,
                format!("probes.{key}"),
                "needs at least one probe".into(),
            );
        }
    }
    for (i, a) in persona.answers.iter().enumerate() {
        if a.keywords.iter().all(|k| k.trim().is_empty()) {
            errors.push(FileError {
                file: file.to_path_buf(),
                line: locator.line_of(Some(i), "keywords", 0),
                column: 1,
                field: Some(format!("answers[{i}].keywords")),
                message: "must list at least one keyword".into(),
            });
        }
        if a.answer.trim().is_empty() {
            errors.push(FileError {
                file: file.to_path_buf(),
                line: locator.line_of(Some(i), "answer", 0),
                column: 1,
                field: Some(format!("answers[{i}].answer")),
                message: "must not be empty".into(),
            });
        }
    }
    if errors.is_empty() {
        Ok(persona)
    } else {
        Err(errors)
    }
}

/// Ids are lowercase letters, digits, `-`, `_` and `.`, starting with a letter or digit.
fn check_id(id: &str) -> Result<(), String> {
    let ok = id
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id.chars().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_' || c == '.'
        });
    if id.is_empty() {
        Err("must not be empty".into())
    } else if ok {
        Ok(())
    } else {
        Err(format!(
            "'{id}' is not a valid id (use lowercase letters, digits, '-', '_' and '.')"
        ))
    }
}

/// Turns a TOML syntax or shape error into a `FileError` with line, column and field.
fn toml_error(
    file: &Path,
    text: &str,
    locator: &Locator<'_>,
    array: &str,
    e: &toml::de::Error,
) -> FileError {
    let (line, column) = e.span().map_or((0, 0), |s| line_col(text, s.start));
    let message = e.message().trim().to_string();
    let named = message
        .split('`')
        .nth(1)
        .filter(|_| message.starts_with("missing field") || message.starts_with("unknown field"))
        .map(str::to_string);
    let key = named.or_else(|| locator.key_on_line(line));
    let field = key.map(|k| match locator.element_at(line) {
        Some(i) if !array.is_empty() => format!("{array}[{i}].{k}"),
        _ => k,
    });
    FileError {
        file: file.to_path_buf(),
        line,
        column,
        field,
        message,
    }
}
