//! Batch scoring of JSON Lines: rows `{id, kind, question, reference_answer?, talking_points?, answer}`
//! in, rows `{id, score, dimensions, talking_points, strengths, improvements}` out, in input order.
//!
//! Every row is read and checked before any is scored: a bad row stops the batch with its line number
//! and field, and nothing is written. Term weights come from the batch's own questions and references.
//! Work is split across the available cores with scoped threads; each distinct question is prepared once.

use super::QuestionContext;
use super::offline::OfflineScorer;
use super::prepared::{PreparedQuestion, TermStats};
use crate::domain::{QuestionKind, ScoreReport, TalkingPoint};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, Write};
use thiserror::Error;

/// A problem with a batch file.
#[derive(Debug, Error)]
pub enum BatchError {
    /// Reading or writing failed.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// A line is not a JSON object.
    #[error("line {line}: not a JSON object: {message}")]
    Json {
        /// 1-based line number.
        line: usize,
        /// What the parser said.
        message: String,
    },
    /// A field is missing or has the wrong type or value.
    #[error("line {line}: field `{field}`: {message}")]
    Field {
        /// 1-based line number.
        line: usize,
        /// The field's name.
        field: &'static str,
        /// What is wrong with it.
        message: String,
    },
}

/// One input row.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchRow {
    /// The row's id as given (string or number), echoed in the output.
    pub id: Value,
    /// The question, its kind, reference and talking points.
    pub question: QuestionContext,
    /// The answer to score.
    pub answer: String,
}

/// One output row.
#[derive(Debug, Clone, Serialize)]
pub struct BatchResult {
    /// The input row's id.
    pub id: Value,
    /// The total, 0–100.
    pub score: u8,
    /// Score per dimension, by name.
    pub dimensions: BTreeMap<String, u8>,
    /// Talking points with hit or miss.
    pub talking_points: Vec<PointOutcome>,
    /// Strength texts.
    pub strengths: Vec<String>,
    /// Improvement texts.
    pub improvements: Vec<String>,
}

/// A talking point's outcome in a batch result.
#[derive(Debug, Clone, Serialize)]
pub struct PointOutcome {
    /// The point.
    pub point: String,
    /// Whether the answer made it.
    pub hit: bool,
}

impl BatchResult {
    fn from_report(id: Value, r: &ScoreReport) -> Self {
        let dimensions = r
            .dimensions
            .iter()
            .map(|d| (d.dimension.label().to_lowercase(), d.score))
            .collect();
        let with_quote = |i: &crate::domain::FeedbackItem| match &i.quote {
            Some(q) => format!("{} (\"{q}\")", i.text),
            None => i.text.clone(),
        };
        Self {
            id,
            score: r.total,
            dimensions,
            talking_points: r
                .talking_points
                .iter()
                .map(|t| PointOutcome {
                    point: t.point.clone(),
                    hit: t.hit,
                })
                .collect(),
            strengths: r.strengths.iter().map(with_quote).collect(),
            improvements: r.improvements.iter().map(with_quote).collect(),
        }
    }
}

fn field_err(line: usize, field: &'static str, message: impl Into<String>) -> BatchError {
    BatchError::Field {
        line,
        field,
        message: message.into(),
    }
}

fn string_field(
    obj: &Map<String, Value>,
    line: usize,
    field: &'static str,
    required: bool,
) -> Result<Option<String>, BatchError> {
    match obj.get(field) {
        None | Some(Value::Null) if !required => Ok(None),
        None | Some(Value::Null) => Err(field_err(line, field, "missing")),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(field_err(
            line,
            field,
            format!("expected a string, got {}", type_name(other)),
        )),
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn talking_points(v: &Value, line: usize) -> Result<Vec<TalkingPoint>, BatchError> {
    const F: &str = "talking_points";
    let Value::Array(items) = v else {
        return Err(field_err(
            line,
            F,
            format!("expected an array, got {}", type_name(v)),
        ));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| match item {
            // A bare string is a point that is its own evidence.
            Value::String(s) => Ok(TalkingPoint {
                point: s.clone(),
                evidence: vec![s.clone()],
            }),
            Value::Object(_) => serde_json::from_value::<TalkingPoint>(item.clone())
                .map_err(|e| field_err(line, F, format!("item {}: {e}", i + 1))),
            other => Err(field_err(
                line,
                F,
                format!(
                    "item {}: expected a string or {{point, evidence}}, got {}",
                    i + 1,
                    type_name(other)
                ),
            )),
        })
        .collect()
}

/// Parses one line (1-based `line` for messages).
pub fn parse_row(text: &str, line: usize) -> Result<BatchRow, BatchError> {
    let value: Value = serde_json::from_str(text).map_err(|e| BatchError::Json {
        line,
        message: e.to_string(),
    })?;
    let Value::Object(obj) = value else {
        return Err(BatchError::Json {
            line,
            message: format!("got {}", type_name(&value)),
        });
    };
    let id = match obj.get("id") {
        Some(v @ (Value::String(_) | Value::Number(_))) => v.clone(),
        Some(other) => {
            return Err(field_err(
                line,
                "id",
                format!("expected a string or number, got {}", type_name(other)),
            ));
        }
        None => return Err(field_err(line, "id", "missing")),
    };
    let kind_text = string_field(&obj, line, "kind", true)?.unwrap_or_default();
    let kind: QuestionKind = kind_text
        .parse()
        .map_err(|e: String| field_err(line, "kind", e))?;
    let prompt = string_field(&obj, line, "question", true)?.unwrap_or_default();
    let reference =
        string_field(&obj, line, "reference_answer", false)?.filter(|r| !r.trim().is_empty());
    let answer = string_field(&obj, line, "answer", true)?.unwrap_or_default();
    let points = match obj.get("talking_points") {
        None | Some(Value::Null) => Vec::new(),
        Some(v) => talking_points(v, line)?,
    };
    let mut question = QuestionContext::new(kind, prompt);
    question.reference_answer = reference;
    question.talking_points = points;
    Ok(BatchRow {
        id,
        question,
        answer,
    })
}

/// Reads every row; stops at the first bad one. Blank lines are skipped.
pub fn read_rows(input: impl BufRead) -> Result<Vec<BatchRow>, BatchError> {
    let mut rows = Vec::new();
    for (i, line) in input.lines().enumerate() {
        let line_text = line?;
        if line_text.trim().is_empty() {
            continue;
        }
        rows.push(parse_row(&line_text, i + 1)?);
    }
    Ok(rows)
}

/// Scores rows in parallel; results come back in input order.
pub fn score_rows(rows: &[BatchRow], threads: usize) -> Vec<BatchResult> {
    // Distinct questions, in first-seen order, each prepared once.
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut distinct: Vec<&QuestionContext> = Vec::new();
    let slot: Vec<usize> = rows
        .iter()
        .map(|r| {
            *index.entry(format!("{:?}", r.question)).or_insert_with(|| {
                distinct.push(&r.question);
                distinct.len() - 1
            })
        })
        .collect();
    let scorer = OfflineScorer::with_stats(TermStats::from_questions(distinct.iter().copied()));
    let prepared: Vec<PreparedQuestion> = distinct.iter().map(|q| scorer.prepare(q)).collect();

    let threads = threads.clamp(1, 64);
    let chunk = rows.len().div_ceil(threads).max(1);
    let mut out: Vec<BatchResult> = Vec::with_capacity(rows.len());
    std::thread::scope(|scope| {
        let handles: Vec<_> = rows
            .chunks(chunk)
            .zip(slot.chunks(chunk))
            .map(|(rows, slots)| {
                let scorer = &scorer;
                let prepared = &prepared;
                scope.spawn(move || {
                    rows.iter()
                        .zip(slots)
                        .map(|(row, &s)| {
                            let report = scorer.score_prepared(&prepared[s], &row.answer);
                            BatchResult::from_report(row.id.clone(), &report)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            match h.join() {
                Ok(part) => out.extend(part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
    });
    out
}

/// Reads a batch, scores it and writes one JSON line per row. Returns the number of rows.
pub fn run_batch(input: impl BufRead, mut output: impl Write) -> Result<usize, BatchError> {
    let rows = read_rows(input)?;
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let results = score_rows(&rows, threads);
    for r in &results {
        serde_json::to_writer(&mut output, r).map_err(std::io::Error::from)?;
        output.write_all(b"\n")?;
    }
    output.flush()?;
    Ok(results.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_round_trip_in_order() {
        let input = r#"{"id": "a", "kind": "technical", "question": "What is a mutex?", "reference_answer": "A mutex is a lock that lets one thread at a time into a critical section.", "answer": "A lock allowing one thread at a time into the critical section."}

{"id": 2, "kind": "behavioral", "question": "Tell me about a conflict.", "talking_points": ["listened", {"point": "Outcome", "evidence": ["result"]}], "answer": "asdf qwer zxcv"}
"#;
        let mut out = Vec::new();
        let n = run_batch(input.as_bytes(), &mut out).unwrap();
        assert_eq!(n, 2);
        let lines: Vec<Value> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines[0]["id"], "a");
        assert_eq!(lines[1]["id"], 2);
        assert!(lines[0]["score"].as_u64().unwrap() > lines[1]["score"].as_u64().unwrap());
        assert!(lines[1]["score"].as_u64().unwrap() <= 15);
        assert_eq!(lines[1]["talking_points"].as_array().unwrap().len(), 2);
        assert!(lines[0]["dimensions"]["relevance"].is_u64());
    }

    #[test]
    fn bad_rows_name_line_and_field() {
        let cases = [
            (
                "{\"id\":1,\"kind\":\"technical\",\"question\":\"q\"}",
                "line 1: field `answer`: missing",
            ),
            (
                "{\"id\":1,\"kind\":\"poem\",\"question\":\"q\",\"answer\":\"a\"}",
                "line 1: field `kind`: unknown kind",
            ),
            (
                "{\"id\":[1],\"kind\":\"technical\",\"question\":\"q\",\"answer\":\"a\"}",
                "field `id`",
            ),
            (
                "{\"id\":1,\"kind\":\"technical\",\"question\":5,\"answer\":\"a\"}",
                "field `question`: expected a string, got a number",
            ),
            (
                "{\"id\":1,\"kind\":\"technical\",\"question\":\"q\",\"answer\":\"a\",\"talking_points\":[3]}",
                "field `talking_points`: item 1",
            ),
            ("not json", "line 1: not a JSON object"),
            ("[1]", "line 1: not a JSON object"),
        ];
        for (text, want) in cases {
            let err = read_rows(text.as_bytes()).unwrap_err().to_string();
            assert!(err.contains(want), "{text}: {err}");
        }
        let two = "{\"id\":1,\"kind\":\"technical\",\"question\":\"q\",\"answer\":\"a\"}\n{}";
        let err = read_rows(two.as_bytes()).unwrap_err().to_string();
        assert!(err.starts_with("line 2: field `id`"), "{err}");
    }

    #[test]
    fn thread_count_does_not_change_results() {
        let rows: Vec<BatchRow> = (0..9)
            .map(|i| {
                parse_row(
                    &format!(
                        r#"{{"id": {i}, "kind": "technical", "question": "What is a cache?", "reference_answer": "A cache keeps copies of data close to where it is used so reads are faster.", "answer": "A cache stores copies of data {i} so reads are faster."}}"#
                    ),
                    i + 1,
                )
                .unwrap()
            })
            .collect();
        let one = serde_json::to_string(&score_rows(&rows, 1)).unwrap();
        let four = serde_json::to_string(&score_rows(&rows, 4)).unwrap();
        assert_eq!(one, four);
    }
}
