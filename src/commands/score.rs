//! `hotseat score`: one answer to a bank question (a readable report or `--json`), or a JSON Lines batch.

use super::{Context, print_json};
use crate::cli::ScoreArgs;
use crate::domain::{FeedbackItem, ScoreReport};
use crate::scoring::{QuestionContext, run_batch};
use anyhow::{Context as _, Result, bail};
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::Path;

/// Width of a dimension bar in characters.
const BAR: usize = 20;

/// Runs `hotseat score`.
pub fn run(ctx: &Context, args: &ScoreArgs) -> Result<i32> {
    if let Some(input) = &args.batch {
        return batch(input, args.out.as_deref());
    }
    let (Some(id), Some(file)) = (&args.question, &args.answer_file) else {
        bail!("give --question ID with --answer-file FILE, or --batch IN.jsonl");
    };
    let answer = read_answer(file)?;
    let bank = ctx.bank();
    let question = super::practice::find_question(&bank, id)?;
    let scorer = crate::practice::answer::scorer_for(&bank);
    let report = crate::scoring::Scorer::score(&scorer, &QuestionContext::from(question), &answer);
    if ctx.json {
        print_json(&report)?;
    } else {
        print_report(&question.prompt, &report)?;
    }
    Ok(0)
}

pub(super) fn read_answer(file: &Path) -> Result<String> {
    if file == Path::new("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("--answer-file -: could not read stdin")?;
        return Ok(text);
    }
    let bytes = std::fs::read(file)
        .with_context(|| format!("--answer-file {}: could not read the file", file.display()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn batch(input: &Path, out: Option<&Path>) -> Result<i32> {
    let reader = File::open(input)
        .with_context(|| format!("--batch {}: could not open the file", input.display()))?;
    let reader = BufReader::new(reader);
    // Score into memory first so a bad row leaves no partial output.
    let mut buffer = Vec::new();
    let scored =
        run_batch(reader, &mut buffer).with_context(|| format!("--batch {}", input.display()))?;
    if let Some(path) = out {
        std::fs::write(path, buffer)
            .with_context(|| format!("--out {}: could not write the file", path.display()))?;
        eprintln!("scored {scored} answers");
    } else {
        let mut stdout = BufWriter::new(std::io::stdout().lock());
        stdout.write_all(&buffer)?;
        stdout.flush()?;
    }
    Ok(0)
}

fn bar(score: u8) -> String {
    let filled = usize::from(score) * BAR / 100;
    format!("{}{}", "█".repeat(filled), "░".repeat(BAR - filled))
}

fn feedback_line(item: &FeedbackItem) -> String {
    match (&item.quote, &item.talking_point) {
        (Some(q), _) => format!("{}\n      “{q}”", item.text),
        _ => item.text.clone(),
    }
}

pub(super) fn print_report(prompt: &str, r: &ScoreReport) -> Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{prompt}\n")?;
    writeln!(out, "Score: {}/100  ({})\n", r.total, r.scorer)?;
    for d in &r.dimensions {
        writeln!(
            out,
            "  {:<12} {} {:>3}  ×{:.2}  {}",
            d.dimension.label(),
            bar(d.score),
            d.score,
            d.weight,
            d.note
        )?;
    }
    if !r.talking_points.is_empty() {
        writeln!(out, "\nTalking points")?;
        for t in &r.talking_points {
            let mark = if t.hit { "✓" } else { "✗" };
            if t.matched.is_empty() {
                writeln!(out, "  {mark} {}", t.point)?;
            } else {
                writeln!(out, "  {mark} {}  [{}]", t.point, t.matched.join(", "))?;
            }
        }
    }
    for (title, items) in [
        ("Strengths", &r.strengths),
        ("Improvements", &r.improvements),
    ] {
        if items.is_empty() {
            continue;
        }
        writeln!(out, "\n{title}")?;
        for i in items {
            writeln!(out, "  • {}", feedback_line(i))?;
        }
    }
    if !r.outline.is_empty() {
        writeln!(out, "\nSuggested outline")?;
        for (n, line) in r.outline.iter().enumerate() {
            writeln!(out, "  {}. {line}", n + 1)?;
        }
    }
    Ok(())
}
