//! `hotseat progress`, `export` and `import`: the progress report, exports of it and of the raw
//! attempts, and restoring an export.

use super::{Context, print_json};
use crate::analytics::export::{self, ExportFile};
use crate::analytics::import::read_export;
use crate::analytics::load::apply_retention;
use crate::analytics::report::Progress;
use crate::analytics::{Catalog, Options};
use crate::cli::ExportFormat;
use crate::store::{SledStore, Store};
use anyhow::{Context as _, Result};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use std::io::Write;
use std::path::Path;

fn open(ctx: &Context, now: Timestamp) -> Result<SledStore> {
    let store = SledStore::open(&ctx.config.paths.data_dir)?;
    apply_retention(&store, ctx.config.settings.retention_days, now)?;
    Ok(store)
}

fn options(ctx: &Context, now: Timestamp) -> Options {
    let mut opts = Options::new(now, TimeZone::system());
    opts.plan_size = usize::try_from(ctx.config.settings.question_count).unwrap_or(5);
    opts
}

/// `hotseat progress [--json]`.
pub fn progress(ctx: &Context) -> Result<i32> {
    let now = Timestamp::now();
    // Parsing the bank and reading the store are the slow parts: do them at once.
    let (bank, read) = std::thread::scope(|scope| {
        let bank = scope.spawn(|| ctx.bank());
        let read = open(ctx, now).and_then(|store| {
            let facts = store.attempt_facts()?;
            let schedules = store.schedules()?;
            Ok((store, facts, schedules))
        });
        let bank = bank
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (bank, read)
    });
    let (_store, facts, schedules) = read?;
    let catalog = Catalog::from_bank(&bank);
    let data = crate::analytics::analyze(&facts, &schedules, &catalog, &options(ctx, now));
    if ctx.json {
        print_json(&data.progress)?;
    } else {
        print_text(&data.progress, &catalog)?;
    }
    Ok(0)
}

fn print_text(p: &Progress, catalog: &Catalog) -> Result<()> {
    let mut out = std::io::stdout().lock();
    if p.answers == 0 && p.skipped == 0 {
        writeln!(
            out,
            "No answers yet. Practise a few questions (run `hotseat` and pick Practice); progress, streaks and trends follow."
        )?;
        return Ok(());
    }
    let avg = |v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| format!("{v:.1}"));
    writeln!(
        out,
        "{} answers ({} skipped) · average {} · latest 20 {} · best {}",
        p.answers,
        p.skipped,
        avg(p.average),
        avg(p.recent_average),
        p.best.map_or_else(|| "—".into(), |b| b.to_string())
    )?;
    writeln!(
        out,
        "streak {} day(s) · longest {} · {} this week · {} review(s) due",
        p.streaks.current, p.streaks.longest, p.answers_this_week, p.due
    )?;
    if let Some(v) = &p.velocity {
        writeln!(
            out,
            "velocity {:+.1} points/week (± {:.1})",
            v.points_per_week, v.std_error
        )?;
    }
    writeln!(out, "{}", p.prediction.sentence())?;
    writeln!(out, "\nBy category:")?;
    let width = p
        .by_category
        .iter()
        .map(|g| g.name.len())
        .max()
        .unwrap_or(8);
    for g in p.by_category.iter().take(12) {
        writeln!(
            out,
            "  {:width$}  {:>5} answers  avg {:>5.1}  latest {:>5.1}",
            g.name, g.answers, g.average, g.recent_average
        )?;
    }
    if p.by_category.len() > 12 {
        writeln!(
            out,
            "  … {} more (see --json or `hotseat export --format md`)",
            p.by_category.len() - 12
        )?;
    }
    if !p.weak_areas.is_empty() {
        writeln!(out, "\nWeak areas:")?;
        for w in &p.weak_areas {
            writeln!(out, "  {} — {}", w.category, w.reason)?;
        }
    }
    writeln!(out, "\nFocus:")?;
    for f in &p.focus {
        writeln!(out, "  • {f}")?;
    }
    if !p.plan.is_empty() {
        writeln!(out, "\nNext session:")?;
        for item in &p.plan {
            let prompt: String = catalog
                .get(&item.question_id)
                .map_or("", |q| q.prompt.as_str())
                .chars()
                .take(70)
                .collect();
            writeln!(out, "  {}  {prompt}", item.question_id)?;
        }
    }
    Ok(())
}

/// `hotseat export --format md|json|csv [--out FILE]`.
pub fn export(ctx: &Context, format: ExportFormat, out: Option<&Path>) -> Result<i32> {
    let now = Timestamp::now();
    let store = open(ctx, now)?;
    let catalog = Catalog::from_bank(&ctx.bank());
    let mut bytes: Vec<u8> = Vec::new();
    let count = match format {
        ExportFormat::Md => {
            let facts = store.attempt_facts()?;
            let schedules = store.schedules()?;
            let data = crate::analytics::analyze(&facts, &schedules, &catalog, &options(ctx, now));
            bytes.extend(
                export::markdown(&data.progress, &facts, &schedules, &catalog).into_bytes(),
            );
            facts.len()
        }
        ExportFormat::Json => {
            let file = ExportFile::new(store.attempts()?, now);
            serde_json::to_writer_pretty(&mut bytes, &file)?;
            bytes.push(b'\n');
            file.attempts.len()
        }
        ExportFormat::Csv => {
            let mut attempts = store.attempts()?;
            attempts.sort_by_key(|a| (a.submitted_at, a.id));
            export::write_csv(&mut bytes, &attempts, &catalog)?;
            attempts.len()
        }
    };
    match out {
        Some(path) => {
            std::fs::write(path, &bytes).with_context(|| format!("writing {}", path.display()))?;
            eprintln!("wrote {} ({count} attempt(s))", path.display());
        }
        None => std::io::stdout().lock().write_all(&bytes)?,
    }
    Ok(0)
}

/// `hotseat import FILE`.
pub fn import(ctx: &Context, file: &Path) -> Result<i32> {
    let export = read_export(file)?;
    let store = SledStore::open(&ctx.config.paths.data_dir)?;
    let added = store.save_attempts(&export.attempts)?;
    let skipped = export.attempts.len() - added;
    if ctx.json {
        print_json(
            &serde_json::json!({"file": file, "imported": added, "already_present": skipped}),
        )?;
    } else {
        println!(
            "imported {added} attempt(s) from {}; {skipped} already present",
            file.display()
        );
    }
    Ok(0)
}
