//! `hotseat mock --script FILE`: a mock interview without the app. The scripted interviewer asks;
//! the file's answers reply in turn; the interview is stored as the mock screen stores it.

use super::history::mock_setup_in;
use super::{Context, print_json};
use crate::cli::MockArgs;
use crate::domain::Speaker;
use crate::interview::script::{ScriptAnswer, ScriptRun, has_answers, parse_script, run_script};
use crate::interview::start::{default_seed, start};
use crate::interview::{Cue, Interviewer, MockRecord, ScriptedInterviewer, save_progress};
use crate::store::SledStore;
use anyhow::{Context as _, Result, bail};
use jiff::{SignedDuration, Timestamp};
use std::io::Write;
use std::path::Path;

/// Reads and splits the script, or says what is wrong with it, naming the file.
fn read_script(path: &Path) -> Result<Vec<ScriptAnswer>> {
    let bytes = std::fs::read(path)
        .with_context(|| format!("--script {}: could not read the file", path.display()))?;
    let answers = parse_script(&String::from_utf8_lossy(&bytes));
    if !has_answers(&answers) {
        bail!(
            "--script {}: no answers in the file; write one answer per turn, separated by lines holding only ---",
            path.display()
        );
    }
    Ok(answers)
}

/// The cue's name in JSON: opening, ask, probe, invite_questions, answer_candidate or close.
fn cue_name(cue: &Cue) -> &'static str {
    match cue {
        Cue::Opening => "opening",
        Cue::Ask { .. } => "ask",
        Cue::Probe { .. } => "probe",
        Cue::InviteQuestions => "invite_questions",
        Cue::AnswerCandidate { .. } => "answer_candidate",
        Cue::Close => "close",
    }
}

/// Runs `hotseat mock --script FILE`.
pub fn run(ctx: &Context, args: &MockArgs, script: &Path) -> Result<i32> {
    let answers = read_script(script)?;
    let bank = ctx.bank();
    let setup = mock_setup_in(ctx, &bank, args)?;
    let now = Timestamp::now();
    let seed = args.seed.unwrap_or_else(|| default_seed(now));
    let interview = start(&bank, setup, seed, now).map_err(|e| anyhow::anyhow!("{e}"))?;
    // every step gets its own, increasing time, so the transcript keeps its order
    let mut last = now;
    let clock = || {
        last = Timestamp::now().max(last + SignedDuration::from_millis(1));
        last
    };
    // The whole interview runs in memory first: a bad script stores nothing.
    let run = run_script(interview, &answers, clock)
        .map_err(|e| anyhow::anyhow!("--script {}: {e}", script.display()))?;
    let record = MockRecord::new(
        run.interview.clone(),
        ScriptedInterviewer.label(),
        Timestamp::now(),
    );
    let saved = ctx.config.settings.track_performance;
    if saved {
        let store = SledStore::open(&ctx.config.paths.data_dir)?;
        save_progress(&store, &record)?;
    }
    let unused = &answers[run.used..];
    if ctx.json {
        print_json(&json(&record, &run, &answers, seed, saved))?;
    } else {
        print_text(&record, saved)?;
    }
    if let Some(first) = unused.first()
        && !run.ran_out
    {
        eprintln!(
            "note: {} answer{} from line {} of {} went unused: the interview had closed",
            unused.len(),
            if unused.len() == 1 { "" } else { "s" },
            first.line,
            script.display()
        );
    }
    if run.ran_out {
        eprintln!(
            "note: {} ran out after {} answer{}; the interview was ended early",
            script.display(),
            run.used,
            if run.used == 1 { "" } else { "s" }
        );
    }
    Ok(0)
}

fn json(
    record: &MockRecord,
    run: &ScriptRun,
    answers: &[ScriptAnswer],
    seed: u64,
    saved: bool,
) -> serde_json::Value {
    let interview = &record.interview;
    let mut candidate = answers.iter();
    let turns: Vec<serde_json::Value> = interview
        .transcript
        .turns
        .iter()
        .zip(&run.cues)
        .map(|(turn, cue)| {
            let mut row = serde_json::json!({
                "speaker": turn.speaker,
                "text": turn.text,
                "at": turn.at,
                "question_id": turn.question_id,
            });
            match (turn.speaker, cue) {
                (Speaker::Interviewer, Some(cue)) => {
                    row["cue"] = cue_name(cue).into();
                    if let Cue::Probe { kind, .. } = cue {
                        row["probe"] = serde_json::json!(kind);
                    }
                }
                (Speaker::Candidate, _) => {
                    row["script_line"] = candidate.next().map(|a| a.line).into();
                }
                (Speaker::Interviewer, None) => {}
            }
            row
        })
        .collect();
    let questions: Vec<serde_json::Value> = interview
        .records
        .iter()
        .map(|r| {
            serde_json::json!({
                "question_id": r.question_id,
                "kind": r.kind,
                "prompt": r.prompt,
                "answers": r.answers,
                "probes": r.probes,
                "total": r.report.as_ref().map(|s| s.total),
                "score": r.report,
            })
        })
        .collect();
    let probes: Vec<serde_json::Value> = interview
        .records
        .iter()
        .flat_map(|r| {
            r.probes
                .iter()
                .map(|p| serde_json::json!({ "question_id": r.question_id, "probe": p }))
        })
        .collect();
    serde_json::json!({
        "session_id": record.session_id(),
        "status": record.status(),
        "interviewer": record.interviewer,
        "persona": interview.persona.id,
        "setup": interview.setup,
        "seed": seed,
        "saved": saved,
        "answers_used": run.used,
        "answers_unused": answers.len() - run.used,
        "ran_out": run.ran_out,
        "transcript": turns,
        "questions": questions,
        "probes_asked": probes,
        "report": record.report_or_partial(),
    })
}

fn print_text(record: &MockRecord, saved: bool) -> Result<()> {
    let mut out = std::io::stdout().lock();
    super::history::print_mock(&mut out, record)?;
    if saved {
        writeln!(
            out,
            "\nsaved as session {} (`hotseat history show {}`)",
            record.session_id(),
            record.session_id()
        )?;
    } else {
        writeln!(out, "\nnot saved: track_performance is off")?;
    }
    Ok(())
}
