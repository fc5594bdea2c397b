//! `hotseat practice plan` (the questions a session would ask) and `hotseat practice answer`
//! (score one answer and store it as the practice screen does).

use super::{Context, print_json, score};
use crate::analytics::srs;
use crate::bank::Bank;
use crate::cli::{AnswerArgs, PlanArgs};
use crate::domain::{Attempt, Question, ScoreReport, ScorerId, Session, SessionKind};
use crate::interview::history;
use crate::practice::answer::{self, AnswerTiming};
use crate::practice::{
    PlanKind, PracticeKind, PracticeSetup, TimeMode, day_seed, plan_due, plan_questions,
};
use crate::store::{QuestionStats, SledStore, Store};
use anyhow::{Context as _, Result, bail};
use jiff::{SignedDuration, Timestamp};
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;
use uuid::Uuid;

/// One planned question, as printed.
#[derive(Debug, Serialize)]
struct PlannedQuestion<'a> {
    id: &'a str,
    kind: crate::domain::QuestionKind,
    category: &'a str,
    difficulty: crate::domain::Difficulty,
    time_limit_secs: u32,
    prompt: &'a str,
}

/// Per-question stats and review schedules, as the planner reads them.
type PlanHistory = (HashMap<String, QuestionStats>, Vec<(String, srs::Schedule)>);

/// The store's per-question stats and review schedules, or none when nothing was stored yet
/// (so planning never creates the data dir).
fn read_history(ctx: &Context) -> Result<PlanHistory> {
    if !ctx.config.paths.data_dir.exists() {
        return Ok((HashMap::new(), Vec::new()));
    }
    let store = SledStore::open(&ctx.config.paths.data_dir)?;
    let stats = store.all_question_stats()?.into_iter().collect();
    Ok((stats, store.schedules()?))
}

/// Runs `hotseat practice plan`.
pub fn plan(ctx: &Context, args: &PlanArgs) -> Result<i32> {
    let bank = ctx.bank();
    let now = Timestamp::now();
    let count = args
        .filter
        .count
        .unwrap_or(ctx.config.settings.question_count);
    let setup = PracticeSetup {
        kind: match args.kind {
            PlanKind::Practice(k) => k,
            PlanKind::Due => PracticeKind::Mixed,
        },
        role: args.filter.role.or(ctx.config.settings.role_filter()),
        difficulty: args.filter.difficulty,
        count: usize::try_from(count).unwrap_or(5),
        time: TimeMode::QuestionOwn,
    };
    let seed = args.seed.unwrap_or_else(|| day_seed(now));
    let (stats, schedules) = read_history(ctx)?;
    let ids = match args.kind {
        PlanKind::Practice(_) => plan_questions(&bank, &setup, &stats, seed),
        PlanKind::Due => plan_due(&bank, &setup, &srs::due_questions(&schedules, now)),
    };
    let questions: Vec<PlannedQuestion> = ids
        .iter()
        .filter_map(|id| bank.question(id))
        .map(|q| PlannedQuestion {
            id: &q.id,
            kind: q.kind,
            category: &q.category,
            difficulty: q.difficulty,
            time_limit_secs: q.time_limit(),
            prompt: q.prompt.trim(),
        })
        .collect();
    if questions.is_empty() {
        eprintln!("{}", empty_plan_hint(args.kind));
    }
    if ctx.json {
        print_json(&serde_json::json!({
            "kind": args.kind.to_string(),
            "role": setup.role,
            "difficulty": setup.difficulty,
            "count": setup.count,
            "seed": seed,
            "questions": questions,
        }))?;
        return Ok(0);
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} · seed {seed} (the same seed and history give the same plan)\n",
        answer::session_label(&args.kind.to_string(), questions.len())
    )?;
    for (n, q) in questions.iter().enumerate() {
        writeln!(
            out,
            "{:>2}. {}  {} · {} · {} · {}:{:02}\n    {}\n",
            n + 1,
            q.id,
            q.kind.as_str(),
            q.category,
            q.difficulty.as_str(),
            q.time_limit_secs / 60,
            q.time_limit_secs % 60,
            q.prompt
        )?;
    }
    Ok(0)
}

/// Why a plan came out empty, as the practice screen says it.
fn empty_plan_hint(kind: PlanKind) -> &'static str {
    match kind {
        PlanKind::Practice(k) => crate::practice::plan::empty_plan_hint(k),
        PlanKind::Due => "nothing is due for review",
    }
}

/// The bank question `--question` names, or an error naming the flag and the nearest ids.
pub(super) fn find_question<'a>(bank: &'a Bank, id: &str) -> Result<&'a Question> {
    if let Some(q) = bank.question(id) {
        return Ok(q);
    }
    let nearest = bank.nearest_question_ids(id, 3);
    bail!(
        "--question {id}: no question with that id; nearest: {} (see `hotseat questions search TEXT`)",
        nearest.join(", ")
    )
}

/// The practice session `id` names and its attempts so far, or an error naming the flag.
fn find_session(store: &SledStore, id: &str) -> Result<(Session, Vec<Attempt>)> {
    let session = history::find(store, id).map_err(|e| anyhow::anyhow!("--session {id}: {e}"))?;
    if session.kind != SessionKind::Practice {
        bail!("--session {id}: that is a mock interview; give a practice session's id");
    }
    let mut attempts = Vec::new();
    for a in &session.attempt_ids {
        attempts.extend(store.attempt(*a)?);
    }
    Ok((session, attempts))
}

/// Rescores with the LLM judge when one is configured; the offline report otherwise, with the
/// same notice the practice screen shows when the judge falls back.
fn judge(
    ctx: &Context,
    store: Option<&Arc<dyn Store>>,
    question: &Question,
    answer: &str,
    offline: ScoreReport,
) -> Result<(ScoreReport, Option<String>)> {
    let Some(store) = store else {
        return Ok((offline, None));
    };
    let setup = match crate::llm::LlmSetup::from_config(
        &ctx.config,
        Arc::clone(store),
        &crate::llm::process_env,
    ) {
        Ok(Some(setup)) => setup,
        Ok(None) => return Ok((offline, None)),
        Err(e) => {
            return Ok((
                offline,
                Some(format!(
                    "LLM judge unavailable — showing the offline score: {e}"
                )),
            ));
        }
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let outcome = runtime.block_on(setup.judge.judge(question, answer, &offline));
    let notice = outcome.notice();
    let report = if outcome.is_fallback() {
        offline
    } else {
        outcome.report
    };
    Ok((report, notice))
}

/// Whether an LLM is configured (so the judge needs the store for usage and its cache).
fn llm_configured(ctx: &Context) -> bool {
    crate::llm::LlmEndpoint::resolve(&ctx.config.settings.llm, &crate::llm::process_env)
        .map_or(true, |e| e.is_some())
}

/// Runs `hotseat practice answer`.
pub fn answer(ctx: &Context, args: &AnswerArgs) -> Result<i32> {
    let bank = ctx.bank();
    let question = find_question(&bank, &args.question)?;
    let text = score::read_answer(&args.answer_file)?;
    if text.trim().is_empty() {
        bail!(
            "--answer-file {}: the answer is empty",
            args.answer_file.display()
        );
    }
    let track = ctx.config.settings.track_performance;
    // Validate everything before anything is written.
    let store: Option<Arc<SledStore>> = if track || llm_configured(ctx) {
        Some(Arc::new(SledStore::open(&ctx.config.paths.data_dir)?))
    } else {
        None
    };
    let existing = match (&args.session, &store, track) {
        (Some(id), Some(store), true) => Some(find_session(store, id)?),
        _ => None,
    };
    let now = Timestamp::now();
    let seconds = args.seconds.unwrap_or(0);
    let session_id = existing.as_ref().map_or_else(Uuid::now_v7, |(s, _)| s.id);
    let timing = AnswerTiming {
        id: Uuid::now_v7(),
        session_id: Some(session_id),
        started_at: now - SignedDuration::from_secs(i64::from(seconds)),
        submitted_at: now,
        duration_secs: seconds,
        overtime: seconds > question.time_limit(),
    };
    let scorer = answer::scorer_for(&bank);
    let mut attempt = answer::scored_attempt(&scorer, question, text, false, timing);
    // the offline result is durable before the judge is asked, as in the app: a slow or hung
    // model, Ctrl-C or a killed process cannot lose the answer
    let mut saved = match (&store, track) {
        (Some(store), true) => Some(save(store, &attempt, existing, now)?),
        _ => None,
    };
    let dyn_store: Option<Arc<dyn Store>> = store.clone().map(|s| s as Arc<dyn Store>);
    let mut notice = None;
    if let Some(offline) = attempt.score.clone() {
        let (report, n) = judge(ctx, dyn_store.as_ref(), question, &attempt.answer, offline)?;
        notice = n;
        if matches!(report.scorer, ScorerId::Llm(_)) {
            attempt.score = Some(report);
            if let (Some(store), Some((session, attempts))) = (&store, saved.as_mut()) {
                if let Some(last) = attempts.last_mut() {
                    last.score.clone_from(&attempt.score);
                }
                session.total = answer::session_total(attempts);
                answer::save_answer(store.as_ref(), &attempt, session)?;
            }
        }
    }
    let session = saved.as_ref().map(|(s, _)| s);
    print_answer(ctx, question, &attempt, session, notice.as_deref())?;
    Ok(0)
}

/// Stores the attempt and its session (new, or `existing` with this answer added); returns the
/// session as stored and its attempts, this one last.
fn save(
    store: &SledStore,
    attempt: &Attempt,
    existing: Option<(Session, Vec<Attempt>)>,
    now: Timestamp,
) -> Result<(Session, Vec<Attempt>)> {
    let (mut session, mut attempts) = existing.unwrap_or_else(|| {
        let id = attempt.session_id.unwrap_or_else(Uuid::now_v7);
        let session =
            answer::new_session(id, answer::session_label(answer::CHOSEN, 1), vec![], now);
        (session, vec![])
    });
    answer::add_attempt(&mut session, attempt);
    attempts.push(attempt.clone());
    if session.label.starts_with(answer::CHOSEN) {
        session.label = answer::session_label(answer::CHOSEN, session.question_ids.len());
    }
    session.total = answer::session_total(&attempts);
    session.ended_at = Some(now);
    answer::save_answer(store, attempt, &session)?;
    Ok((session, attempts))
}

fn print_answer(
    ctx: &Context,
    question: &Question,
    attempt: &Attempt,
    saved: Option<&Session>,
    notice: Option<&str>,
) -> Result<()> {
    if let Some(n) = notice {
        eprintln!("{n}");
    }
    if ctx.json {
        print_json(&serde_json::json!({
            "question_id": question.id,
            "prompt": question.prompt.trim(),
            "report": attempt.score,
            "overtime": attempt.overtime,
            "saved": saved.is_some(),
            "attempt_id": saved.map(|_| attempt.id),
            "session_id": saved.map(|s| s.id),
            "session_answers": saved.map(|s| s.attempt_ids.len()),
            "session_total": saved.and_then(|s| s.total),
            "notice": notice,
        }))?;
        return Ok(());
    }
    if let Some(report) = &attempt.score {
        score::print_report(&question.prompt, report)?;
    }
    let mut out = std::io::stdout().lock();
    match saved {
        Some(s) => writeln!(
            out,
            "\nsaved as attempt {} in practice session {} ({} answer{}; add more with --session {}, review with `hotseat history show {}`)",
            attempt.id,
            s.id,
            s.attempt_ids.len(),
            if s.attempt_ids.len() == 1 { "" } else { "s" },
            s.id,
            s.id,
        )?,
        None => writeln!(out, "\nnot saved: track_performance is off")?,
    }
    Ok(())
}
