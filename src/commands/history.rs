//! `hotseat history [show ID]` lists and prints past sessions and saved prep guides; `hotseat mock`
//! builds its setup here.

use super::{Context, print_json};
use crate::cli::{HistoryArgs, HistoryCommand, MockArgs};
use crate::domain::{Speaker, Transcript};
use crate::interview::MockSetup;
use crate::interview::history::{self, HistoryDetail};
use crate::interview::setup::Length;
use crate::prep::Guide;
use crate::store::{SledStore, Store};
use anyhow::{Context as _, Result};
use jiff::tz::TimeZone;
use std::io::Write;

/// Runs `history`.
pub fn run(ctx: &Context, args: &HistoryArgs) -> Result<i32> {
    let store = SledStore::open(&ctx.config.paths.data_dir)?;
    match &args.command {
        None => list(ctx, &store),
        Some(HistoryCommand::Show { id }) => show(ctx, &store, id),
    }
}

/// A timestamp in the local time zone, to the minute.
fn when(at: jiff::Timestamp) -> String {
    at.to_zoned(TimeZone::system())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

fn list(ctx: &Context, store: &SledStore) -> Result<i32> {
    let entries = history::list(store)?;
    if ctx.json {
        print_json(&entries)?;
        return Ok(0);
    }
    let mut out = std::io::stdout().lock();
    if entries.is_empty() {
        writeln!(
            out,
            "no sessions yet — practise or run a mock interview (`hotseat mock`)"
        )?;
        return Ok(0);
    }
    for e in &entries {
        let total = e
            .total
            .map_or_else(|| "  –".to_string(), |t| format!("{t:3}"));
        let kind = e.kind.label();
        writeln!(
            out,
            "{}  {}  {kind:8} {total}  {:11}  {}",
            &e.id.to_string()[..8],
            when(e.started_at),
            e.status,
            e.label
        )?;
    }
    Ok(0)
}

/// The transcript as "Name: words" lines with a blank line after each turn.
fn transcript_lines(t: &Transcript, interviewer: &str) -> Vec<String> {
    let mut out = Vec::new();
    for turn in &t.turns {
        let who = match turn.speaker {
            Speaker::Interviewer => interviewer,
            Speaker::Candidate => "You",
        };
        out.push(format!("{who}: {}", turn.text.trim()));
        out.push(String::new());
    }
    out
}

/// The saved guide whose id (with or without dashes) starts with `id`, if exactly one does.
fn find_guide(store: &SledStore, id: &str) -> Result<Option<Guide>> {
    if id.trim().is_empty() {
        return Ok(None);
    }
    let mut hits = super::prep::guides_matching(store.guides()?, id);
    match hits.len() {
        0 => Ok(None),
        1 => Ok(hits.pop()),
        n => anyhow::bail!("'{id}' matches {n} guides; give more of the id"),
    }
}

fn show_guide(ctx: &Context, guide: &Guide) -> Result<i32> {
    if ctx.json {
        print_json(&crate::commands::prep::guide_json(guide))?;
    } else {
        print!("{}", crate::prep::markdown::to_markdown(guide));
    }
    Ok(0)
}

fn show(ctx: &Context, store: &SledStore, id: &str) -> Result<i32> {
    let session = match history::find(store, id) {
        Ok(session) => session,
        Err(history::FindError::NotFound(_)) => {
            if let Some(guide) = find_guide(store, id)? {
                return show_guide(ctx, &guide);
            }
            return Err(history::FindError::NotFound(id.to_string()).into());
        }
        Err(e) => return Err(e.into()),
    };
    let detail = history::detail(store, session)?;
    match detail {
        HistoryDetail::Mock(record) => {
            let report = record.report_or_partial();
            if ctx.json {
                print_json(&serde_json::json!({
                    "session": record.session(),
                    "status": record.status(),
                    "interviewer": record.interviewer,
                    "setup": record.interview.setup,
                    "report": report,
                    "transcript": record.interview.transcript,
                }))?;
                return Ok(0);
            }
            print_mock(&mut std::io::stdout().lock(), &record)?;
        }
        HistoryDetail::Practice { session, attempts } => {
            if ctx.json {
                print_json(&serde_json::json!({ "session": session, "attempts": attempts }))?;
                return Ok(0);
            }
            let mut out = std::io::stdout().lock();
            writeln!(
                out,
                "Practice session {} · {} · {}",
                session.id,
                when(session.started_at),
                session.label
            )?;
            if let Some(t) = session.total {
                writeln!(out, "Score {t}/100")?;
            }
            for a in &attempts {
                let attempt_score = a.total().map_or_else(|| "  –".into(), |t| format!("{t:3}"));
                let state = if a.skipped { " (skipped)" } else { "" };
                writeln!(
                    out,
                    "\n{attempt_score}  {}{state}\n{}",
                    a.question_id,
                    a.answer.trim()
                )?;
            }
        }
    }
    Ok(0)
}

/// The setup `hotseat mock` starts with: flags over settings, checked against the bank.
pub fn mock_setup(ctx: &Context, args: &MockArgs) -> Result<MockSetup> {
    mock_setup_in(ctx, &ctx.bank(), args)
}

/// [`mock_setup`] over a bank already loaded.
pub fn mock_setup_in(
    ctx: &Context,
    bank: &crate::bank::Bank,
    args: &MockArgs,
) -> Result<MockSetup> {
    let settings = &ctx.config.settings;
    let persona_id = args
        .persona
        .clone()
        .unwrap_or_else(|| settings.interviewer_style.clone());
    let mut setup = MockSetup::new(
        bank.persona(&persona_id)
            .or_else(|| bank.personas().first())
            .context("no personas are installed")?,
        settings.mock_minutes,
    );
    setup.persona_id = persona_id;
    let persona = setup
        .persona(bank)
        .map_err(|e| anyhow::anyhow!("--persona: {e}"))?;
    if let Some(stage) = args.stage {
        setup.stage = stage;
    } else if let Some(stage) = persona.stages.first() {
        setup.stage = *stage;
    }
    setup.role = args.role.unwrap_or(settings.role);
    if let Some(m) = args.minutes {
        setup.length = Length::Minutes(m);
    }
    if let Some(n) = args.questions {
        setup.length = Length::Questions(n);
    }
    if let Some(path) = &args.jd {
        setup
            .read_job_description(path)
            .map_err(|e| anyhow::anyhow!("--jd: {e}"))?;
    }
    Ok(setup)
}

/// A mock interview as text: who and when, the report (partial while open), the transcript.
pub(super) fn print_mock(
    out: &mut impl Write,
    record: &crate::interview::MockRecord,
) -> Result<()> {
    let interview = &record.interview;
    writeln!(
        out,
        "Mock interview {} · {} · {}",
        record.session_id(),
        when(interview.started_at),
        record.status().label()
    )?;
    writeln!(
        out,
        "{} ({}) · {}\n",
        interview.persona.name,
        record.interviewer,
        interview.setup.label()
    )?;
    for line in record.report_or_partial().to_lines() {
        writeln!(out, "{line}")?;
    }
    writeln!(out, "\nTranscript\n")?;
    for line in transcript_lines(&interview.transcript, &interview.persona.short_name()) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}
