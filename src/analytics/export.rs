//! Exports: the progress report as Markdown (a table per category), and the raw attempts as
//! JSON (restorable with `hotseat import`) or CSV (one row per attempt).

use super::catalog::{Catalog, UNKNOWN_CATEGORY};
use super::fit::{Moments, round1};
use super::report::Progress;
use super::srs::Schedule;
use crate::domain::{Attempt, Dimension};
use crate::store::AttemptFact;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

/// The `format` field of a JSON export.
pub const EXPORT_FORMAT: &str = "hotseat-attempts";
/// The JSON export version this build writes and reads.
pub const EXPORT_VERSION: u32 = 1;

/// A JSON export: every attempt, restorable with `hotseat import`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportFile {
    /// Always [`EXPORT_FORMAT`].
    pub format: String,
    /// [`EXPORT_VERSION`] when written.
    pub version: u32,
    /// When it was written.
    pub exported_at: Timestamp,
    /// The attempts, oldest first.
    pub attempts: Vec<Attempt>,
}

impl ExportFile {
    /// An export of `attempts` made at `now`.
    pub fn new(mut attempts: Vec<Attempt>, now: Timestamp) -> Self {
        attempts.sort_by_key(|a| (a.submitted_at, a.id));
        Self {
            format: EXPORT_FORMAT.into(),
            version: EXPORT_VERSION,
            exported_at: now,
            attempts,
        }
    }
}

/// Writes attempts as CSV with their category and kind from `catalog`.
pub fn write_csv<W: std::io::Write>(
    out: W,
    attempts: &[Attempt],
    catalog: &Catalog,
) -> Result<(), csv::Error> {
    let mut w = csv::Writer::from_writer(out);
    let mut header = vec![
        "id",
        "question_id",
        "category",
        "kind",
        "started_at",
        "submitted_at",
        "duration_secs",
        "skipped",
        "overtime",
        "total",
    ];
    let dims: Vec<String> = Dimension::ALL
        .iter()
        .map(|d| d.label().to_lowercase())
        .collect();
    header.extend(dims.iter().map(String::as_str));
    header.push("scorer");
    w.write_record(&header)?;
    for a in attempts {
        let info = catalog.get(&a.question_id);
        let mut row = vec![
            a.id.to_string(),
            a.question_id.clone(),
            info.map_or(UNKNOWN_CATEGORY, |q| q.category.as_str())
                .to_string(),
            info.map_or("", |q| q.kind.as_str()).to_string(),
            a.started_at.to_string(),
            a.submitted_at.to_string(),
            a.duration_secs.to_string(),
            a.skipped.to_string(),
            a.overtime.to_string(),
            a.total().map(|t| t.to_string()).unwrap_or_default(),
        ];
        for d in Dimension::ALL {
            row.push(
                a.score
                    .as_ref()
                    .and_then(|s| s.dimension(d))
                    .map(|v| v.to_string())
                    .unwrap_or_default(),
            );
        }
        row.push(
            a.score
                .as_ref()
                .map(|s| s.scorer.to_string())
                .unwrap_or_default(),
        );
        w.write_record(&row)?;
    }
    w.flush()?;
    Ok(())
}

fn opt(v: Option<f64>) -> String {
    v.map_or_else(|| "—".into(), |v| format!("{v:.1}"))
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

#[derive(Default)]
struct QuestionRow {
    scores: Moments,
    best: u8,
    last: Option<u8>,
}

/// The progress report as Markdown: summary, focus, plan, a table of categories, and a table
/// of questions per category.
#[allow(clippy::too_many_lines)] // a straight run of sections, top to bottom
pub fn markdown(
    progress: &Progress,
    facts: &[AttemptFact],
    schedules: &[(String, Schedule)],
    catalog: &Catalog,
) -> String {
    let mut md = String::new();
    let p = progress;
    let _ = writeln!(md, "# hotseat progress — {}\n", p.today);
    let _ = writeln!(
        md,
        "- Answers: {} scored, {} skipped, {} over time",
        p.answers, p.skipped, p.overtime
    );
    let _ = writeln!(
        md,
        "- Average: {} (latest 20: {}), best {}",
        opt(p.average),
        opt(p.recent_average),
        p.best.map_or_else(|| "—".into(), |b| b.to_string())
    );
    let _ = writeln!(
        md,
        "- Streak: {} day(s) now, longest {}, {} practice day(s)",
        p.streaks.current, p.streaks.longest, p.streaks.practice_days
    );
    if let Some(v) = &p.velocity {
        let _ = writeln!(
            md,
            "- Velocity: {:+.1} points/week (± {:.1}, {} answers over {} days)",
            v.points_per_week, v.std_error, v.answers, v.window_days
        );
    }
    let _ = writeln!(md, "- Prediction: {}", p.prediction.sentence());
    let _ = writeln!(
        md,
        "- Reviews due: {} of {} scheduled\n",
        p.due, p.scheduled
    );
    if !p.focus.is_empty() {
        md.push_str("## Focus\n\n");
        for f in &p.focus {
            let _ = writeln!(md, "- {f}");
        }
        md.push('\n');
    }
    if !p.plan.is_empty() {
        md.push_str("## Next session\n\n");
        for (i, item) in p.plan.iter().enumerate() {
            let prompt = catalog
                .get(&item.question_id)
                .map_or("", |q| q.prompt.as_str());
            let _ = writeln!(
                md,
                "{}. `{}` — {} ({})",
                i + 1,
                item.question_id,
                cell(prompt),
                item.reason
            );
        }
        md.push('\n');
    }
    md.push_str("## Categories\n\n| Category | Answers | Average | Latest 10 | Best | Seconds/answer |\n|---|---:|---:|---:|---:|---:|\n");
    for g in &p.by_category {
        let _ = writeln!(
            md,
            "| {} | {} | {:.1} | {:.1} | {} | {:.0} |",
            cell(&g.name),
            g.answers,
            g.average,
            g.recent_average,
            g.best,
            g.seconds_per_answer
        );
    }
    md.push('\n');
    let next_review: HashMap<&str, &Schedule> =
        schedules.iter().map(|(q, s)| (q.as_str(), s)).collect();
    let mut by_category: BTreeMap<String, BTreeMap<&str, QuestionRow>> = BTreeMap::new();
    let mut sorted: Vec<&AttemptFact> = facts.iter().collect();
    sorted.sort_by_key(|f| (f.at_secs, f.id));
    for f in sorted {
        let Some(total) = f.total else { continue };
        let category = catalog
            .get(&f.question_id)
            .map_or(UNKNOWN_CATEGORY, |q| q.category.as_str());
        let row = by_category
            .entry(category.to_string())
            .or_default()
            .entry(&*f.question_id)
            .or_default();
        row.scores.add(f64::from(total));
        row.best = row.best.max(total);
        row.last = Some(total);
    }
    for g in &p.by_category {
        let Some(rows) = by_category.get(&g.name) else {
            continue;
        };
        let _ = writeln!(md, "### {}\n", cell(&g.name));
        md.push_str("| Question | Prompt | Answers | Average | Best | Last | Next review |\n|---|---|---:|---:|---:|---:|---|\n");
        for (id, row) in rows {
            let prompt: String = catalog
                .get(id)
                .map_or("", |q| q.prompt.as_str())
                .chars()
                .take(70)
                .collect();
            let _ = writeln!(
                md,
                "| `{id}` | {} | {} | {:.1} | {} | {} | {} |",
                cell(&prompt),
                row.scores.n,
                round1(row.scores.mean().unwrap_or(0.0)),
                row.best,
                row.last.map_or_else(|| "—".into(), |v| v.to_string()),
                next_review
                    .get(id)
                    .map_or_else(|| "—".into(), |s| s.due.strftime("%Y-%m-%d").to_string())
            );
        }
        md.push('\n');
    }
    md
}
