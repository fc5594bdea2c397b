//! `hotseat prep --jd F|URL|- …` builds, saves and prints a prep guide (enriched by the LLM when
//! one is configured, unless `--offline`); `hotseat prep list|show` reads saved ones. Output goes
//! to stdout as Markdown or JSON; `--out` writes .md or .pdf; progress goes to stderr.

use super::prep_enrich::enrich_guide;
use super::{Context, print_json};
use crate::cli::{PrepArgs, PrepCommand};
use crate::llm::{LlmSetup, process_env};
use crate::prep::fetch::{FetchOptions, fetch_posting};
use crate::prep::input::read_text_file;
use crate::prep::{
    ExportFormat, Guide, GuideId, JdSource, PrepInput, Vocabulary, build_guide, markdown,
};
use crate::store::{SledStore, Store};
use anyhow::{Context as _, Result, bail};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// What the command leaves to the caller.
#[derive(Debug)]
pub enum Outcome {
    /// Finished with this exit code.
    Done(i32),
    /// Open the app on this saved guide.
    Open {
        /// The guide.
        id: GuideId,
        /// Enrich it on the guide screen once open.
        enrich: bool,
    },
}

/// A guide as `--json` prints it: every field, plus `sections`, saying who wrote each part
/// (`offline` or `llm:<model>`).
pub fn guide_json(guide: &Guide) -> serde_json::Value {
    let mut value = serde_json::to_value(guide).unwrap_or(serde_json::Value::Null);
    if let Some(map) = value.as_object_mut() {
        map.insert(
            "sections".into(),
            serde_json::to_value(guide.section_sources()).unwrap_or_default(),
        );
    }
    value
}

/// The export format chosen by `--out`'s extension.
fn format_of(path: &Path) -> Result<ExportFormat> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("md" | "markdown") => Ok(ExportFormat::Markdown),
        Some("pdf") => Ok(ExportFormat::Pdf),
        Some(other) => bail!(
            "--out {}: unsupported extension '.{other}' (use .md for Markdown or .pdf for PDF)",
            path.display()
        ),
        None => bail!(
            "--out {}: no extension (use .md for Markdown or .pdf for PDF)",
            path.display()
        ),
    }
}

fn write_out(guide: &Guide, path: &Path, format: ExportFormat) -> Result<()> {
    std::fs::write(path, format.render(guide))
        .with_context(|| format!("--out {}: cannot write", path.display()))
}

/// Runs `hotseat prep`, then opens the app on the guide when `--open` asked for it.
pub fn run_then_open(cli: &crate::cli::Cli, ctx: &Context, args: &PrepArgs) -> Result<i32> {
    match run(ctx, args)? {
        Outcome::Done(code) => Ok(code),
        Outcome::Open { id, enrich } => {
            // the store was closed when `run` returned, so the app can take the data dir's lock
            let mut actions = vec![crate::tui::action::Action::OpenGuide(id)];
            if enrich {
                actions.push(crate::tui::action::Action::EnrichGuide);
            }
            let start = crate::tui::StartAt { actions };
            crate::tui::run_app_at(cli, start)
        }
    }
}

/// Runs `hotseat prep`.
pub fn run(ctx: &Context, args: &PrepArgs) -> Result<Outcome> {
    match &args.command {
        Some(PrepCommand::List) => list(ctx).map(Outcome::Done),
        Some(PrepCommand::Show { id, out, open }) => show(ctx, id, out.as_deref(), *open),
        None => build(ctx, args),
    }
}

fn open_store(ctx: &Context) -> Result<SledStore> {
    Ok(SledStore::open(&ctx.config.paths.data_dir)?)
}

fn read_stdin() -> Result<String> {
    let mut stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprintln!("paste the job description, then press Ctrl-D:");
    }
    let mut text = String::new();
    stdin
        .read_to_string(&mut text)
        .context("--jd -: cannot read standard input")?;
    if text.trim().is_empty() {
        bail!(
            "--jd -: standard input is empty; pipe the job description in, e.g. `hotseat prep --jd - < jd.md`"
        );
    }
    Ok(text)
}

/// The job description text, with the title and company when a posting page named them.
fn job_description(
    arg: &str,
    timeout: u64,
) -> Result<(JdSource, String, Option<String>, Option<String>)> {
    let source = JdSource::from_arg(arg);
    match &source {
        JdSource::File(path) => Ok((source.clone(), read_text_file("--jd", path)?, None, None)),
        JdSource::Stdin | JdSource::Text => Ok((source, read_stdin()?, None, None)),
        JdSource::Url(url) => {
            let opts = FetchOptions {
                timeout: Duration::from_secs(timeout),
                ..FetchOptions::default()
            };
            eprintln!("fetching {url} …");
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .context("starting the async runtime")?;
            let posting = runtime.block_on(fetch_posting(url, &opts, |err, wait| {
                eprintln!("  {err}\n  retrying in {:.1}s …", wait.as_secs_f32());
            }))?;
            eprintln!("read the posting from {}", posting.extraction.label());
            Ok((source.clone(), posting.text, posting.title, posting.company))
        }
    }
}

fn build(ctx: &Context, args: &PrepArgs) -> Result<Outcome> {
    let Some(jd_arg) = args.jd.as_deref() else {
        bail!(
            "--jd is required: a job description file, an http(s) posting URL, or - for stdin (see `hotseat prep --help`)"
        );
    };
    let out = args
        .out
        .as_deref()
        .map(|p| format_of(p).map(|f| (p, f)))
        .transpose()?;
    let resume = args
        .resume
        .as_deref()
        .map(|p| read_text_file("--resume", p))
        .transpose()?;
    let notes = args
        .notes
        .as_deref()
        .map(|p| read_text_file("--notes", p))
        .transpose()?;
    if let Some(c) = &args.company
        && c.trim().is_empty()
    {
        bail!("--company '': give the company's name, or leave the flag out");
    }
    let (jd_source, jd, title, posted_company) = job_description(jd_arg, args.timeout)?;
    let input = PrepInput {
        jd,
        jd_source,
        job_title: title,
        resume,
        company: args.company.clone().or(posted_company),
        stage: args.stage,
        days: args.days,
        notes,
    };
    let bank = ctx.bank();
    let mut guide = build_guide(
        &input,
        &bank,
        Vocabulary::builtin(),
        uuid::Uuid::now_v7(),
        jiff::Timestamp::now(),
    );
    // the app enriches on screen when it opens on the guide and nothing else needs the result
    let enrich_in_app = args.open && out.is_none() && !ctx.json;
    let (saved, app_enrich) = save_and_enrich(ctx, args, &mut guide, enrich_in_app);
    if let Some((path, format)) = out {
        write_out(&guide, path, format)?;
        eprintln!("wrote {}", path.display());
    }
    if ctx.json {
        print_json(&guide_json(&guide))?;
    } else if out.is_none() {
        print!("{}", markdown::to_markdown(&guide));
    }
    if saved {
        eprintln!(
            "saved as {} — `hotseat prep show {}` prints it again{}",
            guide.id,
            short_id(guide.id),
            if args.open {
                ""
            } else {
                ", add --open to read it in the app"
            }
        );
    }
    if args.open {
        if !saved {
            bail!("--open: the guide could not be saved, so the app cannot open it");
        }
        return Ok(Outcome::Open {
            id: guide.id,
            enrich: app_enrich,
        });
    }
    Ok(Outcome::Done(0))
}

/// Saves the offline guide at once, then enriches it with the LLM when one is configured (and
/// neither `--offline` nor `defer` says otherwise). Returns whether the guide is saved and whether
/// the app should enrich it instead. The store is closed on return.
fn save_and_enrich(ctx: &Context, args: &PrepArgs, guide: &mut Guide, defer: bool) -> (bool, bool) {
    let store: Arc<dyn Store> = match open_store(ctx) {
        Ok(s) => Arc::new(s),
        Err(e) => {
            eprintln!("warning: the guide was not saved: {e:#}");
            return (false, false);
        }
    };
    if let Err(e) = store.save_guide(guide) {
        eprintln!("warning: the guide was not saved: {e:#}");
        return (false, false);
    }
    if args.offline {
        return (true, false);
    }
    let setup = match LlmSetup::from_config(&ctx.config, Arc::clone(&store), &process_env) {
        Ok(Some(setup)) => setup,
        Ok(None) => return (true, false),
        Err(e) => {
            eprintln!("LLM enrichment skipped: {e}. The offline guide stands.");
            return (true, false);
        }
    };
    if defer {
        return (true, true);
    }
    match enrich_guide(&setup, guide, &*store) {
        Ok(summary) => {
            if summary.stopped.is_none() {
                eprintln!(
                    "added {} LLM section(s){}; they are labelled in the guide — verify their facts",
                    summary.added,
                    if summary.cached > 0 {
                        format!(" ({} from the cache)", summary.cached)
                    } else {
                        String::new()
                    }
                );
            }
        }
        Err(e) => eprintln!("LLM enrichment skipped: {e:#}. The offline guide stands."),
    }
    (true, false)
}

fn short_id(id: GuideId) -> String {
    id.simple().to_string()
}

fn list(ctx: &Context) -> Result<i32> {
    let guides = open_store(ctx)?.guides()?;
    if ctx.json {
        let rows: Vec<serde_json::Value> = guides
            .iter()
            .map(|g| {
                serde_json::json!({
                    "id": g.id,
                    "created_at": g.created_at,
                    "title": g.title,
                    "company": g.company,
                    "stage": g.stage,
                    "days": g.days,
                    "role": g.context.role,
                })
            })
            .collect();
        print_json(&rows)?;
        return Ok(0);
    }
    let mut out = std::io::stdout().lock();
    if guides.is_empty() {
        writeln!(
            out,
            "no saved guides yet — build one with `hotseat prep --jd FILE`"
        )?;
        return Ok(0);
    }
    writeln!(out, "{:32}  {:16}  {:14}  GUIDE", "ID", "BUILT", "STAGE")?;
    for g in &guides {
        writeln!(
            out,
            "{:32}  {:16}  {:14}  {}",
            short_id(g.id),
            g.created_at.strftime("%Y-%m-%d %H:%M"),
            g.stage.as_str(),
            g.heading()
        )?;
    }
    writeln!(out, "{} guide(s)", guides.len())?;
    Ok(0)
}

/// The saved guide whose id is `id` or starts with it.
/// The guides whose id starts with `id` (dashes and case ignored).
pub(super) fn guides_matching(guides: Vec<Guide>, id: &str) -> Vec<Guide> {
    let wanted = id.trim().replace('-', "").to_ascii_lowercase();
    guides
        .into_iter()
        .filter(|g| short_id(g.id).starts_with(&wanted))
        .collect()
}

fn find(guides: Vec<Guide>, id: &str) -> Result<Guide> {
    if id.trim().replace('-', "").len() < 4 {
        bail!("'{id}': give at least 4 characters of the guide's id (see `hotseat prep list`)");
    }
    let mut hits = guides_matching(guides, id);
    match hits.len() {
        0 => bail!("no saved guide with id '{id}' (see `hotseat prep list`)"),
        1 => Ok(hits.remove(0)),
        n => bail!("'{id}' matches {n} guides; give more characters of the id"),
    }
}

fn show(ctx: &Context, id: &str, out: Option<&Path>, open: bool) -> Result<Outcome> {
    let out: Option<(PathBuf, ExportFormat)> = out
        .map(|p| format_of(p).map(|f| (p.to_path_buf(), f)))
        .transpose()?;
    let guide = find(open_store(ctx)?.guides()?, id)?;
    if let Some((path, format)) = &out {
        write_out(&guide, path, *format)?;
        eprintln!("wrote {}", path.display());
    }
    if open {
        return Ok(Outcome::Open {
            id: guide.id,
            enrich: false,
        });
    }
    if ctx.json {
        print_json(&guide_json(&guide))?;
    } else if out.is_none() {
        print!("{}", markdown::to_markdown(&guide));
    }
    Ok(Outcome::Done(0))
}
