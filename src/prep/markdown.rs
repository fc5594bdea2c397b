//! Guide → Markdown. Each section is first laid out as blocks (headings, paragraphs, bullets,
//! quotes) so the Markdown export, the screen and the PDF share one layout.

use super::enrichment::{EnrichKind, Enrichment};
use super::guide::{Guide, SectionKind};
use super::resume::StarPart;
use std::fmt::Write as _;

/// A block of a section. Inline text may hold `**bold**`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading inside a section (level 3 or 4).
    Heading(u8, String),
    /// A paragraph.
    Paragraph(String),
    /// A bullet; `depth` 0 is top level.
    Bullet {
        /// Nesting depth.
        depth: u8,
        /// The text.
        text: String,
    },
    /// A quoted note.
    Quote(String),
}

fn bullet(text: impl Into<String>) -> Block {
    Block::Bullet {
        depth: 0,
        text: text.into(),
    }
}

fn sub(text: impl Into<String>) -> Block {
    Block::Bullet {
        depth: 1,
        text: text.into(),
    }
}

/// Turns free text (a job description in Markdown or plain text) into blocks.
pub fn blocks_from_text(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut para = String::new();
    let flush = |para: &mut String, out: &mut Vec<Block>| {
        if !para.trim().is_empty() {
            out.push(Block::Paragraph(para.trim().to_string()));
        }
        para.clear();
    };
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() {
            flush(&mut para, &mut out);
        } else if let Some(h) = t.strip_prefix('#') {
            flush(&mut para, &mut out);
            out.push(Block::Heading(
                4,
                h.trim_start_matches('#').trim().to_string(),
            ));
        } else if let Some(b) = ["- ", "* ", "• ", "+ "]
            .iter()
            .find_map(|m| t.strip_prefix(m))
        {
            flush(&mut para, &mut out);
            let depth = u8::from(line.len() - line.trim_start().len() >= 2);
            out.push(Block::Bullet {
                depth,
                text: b.trim().to_string(),
            });
        } else {
            if !para.is_empty() {
                para.push(' ');
            }
            para.push_str(t);
        }
    }
    flush(&mut para, &mut out);
    out
}

fn context_blocks(g: &Guide) -> Vec<Block> {
    let c = &g.context;
    let mut b = vec![
        bullet(format!("**Role:** {} — {}", c.role.label(), c.role_reason)),
        bullet(format!(
            "**Seniority:** {} — {}",
            c.seniority.label(),
            c.seniority_reason
        )),
        bullet(format!(
            "**Stage:** {} · **days left:** {}",
            stage_label(g.stage),
            g.days
        )),
    ];
    if let Some(company) = &g.company {
        b.push(bullet(format!("**Company:** {company}")));
    }
    let skills: Vec<String> = c
        .skills
        .iter()
        .take(16)
        .map(|s| {
            if s.count > 1 {
                format!("{} ×{}", s.name, s.count)
            } else {
                s.name.clone()
            }
        })
        .collect();
    if !skills.is_empty() {
        b.push(bullet(format!(
            "**Skills and tools:** {}",
            skills.join(", ")
        )));
    }
    b.push(Block::Heading(3, "Callback drivers".into()));
    if c.drivers.is_empty() {
        b.push(Block::Paragraph(
            "No requirement stands out; the posting stresses nothing above the rest.".into(),
        ));
    }
    for (i, d) in c.drivers.iter().enumerate() {
        b.push(bullet(format!("**{}. {}**", i + 1, d.text)));
        if !d.reasons.is_empty() {
            b.push(sub(format!("why: {}", d.reasons.join("; "))));
        }
    }
    b.push(Block::Heading(
        3,
        "What the posting says about the company".into(),
    ));
    if c.company_lines.is_empty() {
        b.push(Block::Paragraph(
            "The posting says little about the company: read its site, recent news and the team's work before the interview.".into(),
        ));
    } else {
        b.extend(c.company_lines.iter().map(bullet));
    }
    b
}

/// The note under an LLM addition: who wrote it and from what. The context summary's note asks
/// the reader to verify its facts against the listed sources.
pub fn enrichment_note(e: &Enrichment) -> String {
    let sources = if e.sources.is_empty() {
        "the guide above".to_string()
    } else {
        e.sources.join("; ")
    };
    match e.kind {
        EnrichKind::ContextSummary => format!(
            "**Verify these facts.** Written by an LLM ({}) from these sources only: {sources}. \
             The LLM is not a source: check anything you plan to say against the posting and the \
             company's own pages.",
            e.model()
        ),
        EnrichKind::PredictedQuestions | EnrichKind::PlanRefinements => format!(
            "Written by an LLM ({}) from: {sources}. Suggestions, not facts.",
            e.model()
        ),
    }
}

/// The blocks of the LLM additions shown in `section`, each under a labelled heading.
fn enrichment_blocks(g: &Guide, section: SectionKind) -> Vec<Block> {
    let mut b = Vec::new();
    for kind in EnrichKind::in_section(section) {
        let Some(e) = g.enrichment_of(kind) else {
            continue;
        };
        b.push(Block::Heading(
            3,
            format!("{} (written by an LLM: {})", kind.heading(), e.model()),
        ));
        b.extend(blocks_from_text(&e.text));
        b.push(Block::Quote(enrichment_note(e)));
    }
    b
}

fn stage_label(stage: crate::domain::InterviewStage) -> &'static str {
    use crate::domain::InterviewStage as S;
    match stage {
        S::Recruiter => "recruiter screen",
        S::Technical => "technical",
        S::HiringManager => "hiring manager",
        S::Final => "final round",
    }
}

fn predicted_blocks(g: &Guide) -> Vec<Block> {
    let mut b = vec![Block::Paragraph(format!(
        "{} questions from the bank, most likely first. Press p on the guide screen to practise them.",
        g.predicted.len()
    ))];
    for (i, p) in g.predicted.iter().enumerate() {
        b.push(bullet(format!(
            "**{}.** {} _({})_",
            i + 1,
            p.prompt,
            p.kind.label()
        )));
        b.push(sub(format!("why likely: {}", p.why)));
    }
    if !g.experience.is_empty() {
        b.push(Block::Heading(3, "Your experience with…".into()));
        for e in &g.experience {
            b.push(bullet(e.prompt.clone()));
            b.push(sub(format!("why likely: {}", e.why)));
        }
    }
    b
}

fn star_line(label: &str, part: &StarPart) -> Block {
    match part {
        StarPart::Fact(t) => sub(format!("**{label}:** {t}")),
        StarPart::Missing(t) => sub(format!("**{label}:** _[add] {t}_")),
    }
}

fn defense_blocks(g: &Guide) -> Vec<Block> {
    if !g.resume_given {
        return vec![Block::Paragraph(
            "No resume given. Run again with --resume FILE to get the probes to expect for each strong or risky bullet, with STAR drafts built from your own words.".into(),
        )];
    }
    if g.resume_defense.is_empty() {
        return vec![Block::Paragraph(
            "No bullet stands out as strong or risky. Add numbers and owned verbs to your resume bullets.".into(),
        )];
    }
    let mut b = vec![Block::Paragraph(
        "STAR drafts use only what your resume says; [add] marks what you must supply yourself."
            .into(),
    )];
    for d in &g.resume_defense {
        b.push(Block::Heading(
            4,
            format!("{} bullet: {}", capitalise(d.strength.label()), d.bullet),
        ));
        if let Some(c) = &d.context {
            b.push(Block::Paragraph(format!("_{c}_")));
        }
        if !d.reasons.is_empty() {
            b.push(bullet(format!(
                "**Why {}:** {}",
                d.strength.label(),
                d.reasons.join("; ")
            )));
        }
        b.push(bullet("**Probes to expect:**"));
        b.extend(d.probes.iter().map(sub));
        b.push(bullet("**STAR draft:**"));
        for (label, part) in d.star.parts() {
            b.push(star_line(label, part));
        }
    }
    b
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn dives_blocks(g: &Guide) -> Vec<Block> {
    if g.deep_dives.is_empty() {
        return vec![Block::Paragraph(
            "The posting names no technical skill from the vocabulary; deep dives are skipped."
                .into(),
        )];
    }
    let mut b = Vec::new();
    for d in &g.deep_dives {
        b.push(Block::Heading(4, format!("{} — {}", d.skill, d.why)));
        for q in &d.questions {
            b.push(bullet(format!("**Practise:** {}", q.prompt)));
        }
        if !d.talking_points.is_empty() {
            b.push(bullet("**Strong answers cover:**"));
            b.extend(d.talking_points.iter().map(sub));
        }
        b.push(bullet("**Be ready to:**"));
        b.extend(d.checklist.iter().map(sub));
    }
    b
}

fn ask_blocks(g: &Guide) -> Vec<Block> {
    if g.questions_to_ask.is_empty() {
        return vec![Block::Paragraph(
            "The bank has no questions to ask for this stage.".into(),
        )];
    }
    let mut b = Vec::new();
    for q in &g.questions_to_ask {
        b.push(bullet(q.prompt.clone()));
        b.push(sub(format!("why: {}", q.why)));
    }
    b
}

fn plan_blocks(g: &Guide) -> Vec<Block> {
    let mut b = Vec::new();
    if let Some(note) = &g.plan_note {
        b.push(Block::Quote(note.clone()));
    }
    for d in &g.plan {
        let left = match d.days_left {
            0 => "the interview follows".to_string(),
            1 => "1 day to go after this".to_string(),
            n => format!("{n} days to go after this"),
        };
        b.push(Block::Heading(4, format!("Day {} ({left})", d.day)));
        for i in &d.items {
            let mut text = format!("**{}:** {}", i.kind.label(), i.text);
            if !i.question_ids.is_empty() {
                let _ = write!(text, " ({})", i.question_ids.join(", "));
            }
            b.push(bullet(text));
        }
    }
    b
}

fn focus_blocks(g: &Guide) -> Vec<Block> {
    if g.focus_areas.is_empty() {
        return vec![Block::Paragraph(
            "Nothing in the notes names a skill, topic or problem to work on.".into(),
        )];
    }
    let mut b = Vec::new();
    for f in &g.focus_areas {
        b.push(Block::Heading(4, f.topic.clone()));
        b.push(Block::Quote(f.note.clone()));
        b.extend(f.actions.iter().map(bullet));
        if !f.question_ids.is_empty() {
            b.push(bullet(format!(
                "**Practise:** {}",
                f.question_ids.join(", ")
            )));
        }
    }
    b
}

/// The blocks of one section: the offline content, then any LLM additions.
pub fn section_blocks(g: &Guide, kind: SectionKind) -> Vec<Block> {
    let mut blocks = offline_blocks(g, kind);
    blocks.extend(enrichment_blocks(g, kind));
    blocks
}

fn offline_blocks(g: &Guide, kind: SectionKind) -> Vec<Block> {
    match kind {
        SectionKind::Context => context_blocks(g),
        SectionKind::Description => blocks_from_text(&g.context.highlighted),
        SectionKind::Predicted => predicted_blocks(g),
        SectionKind::ResumeDefense => defense_blocks(g),
        SectionKind::DeepDives => dives_blocks(g),
        SectionKind::QuestionsToAsk => ask_blocks(g),
        SectionKind::Plan => plan_blocks(g),
        SectionKind::FocusAreas => focus_blocks(g),
    }
}

/// Blocks as Markdown.
pub fn blocks_markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut last_bullet = false;
    for block in blocks {
        let is_bullet = matches!(block, Block::Bullet { .. });
        if !(out.is_empty() || is_bullet && last_bullet) {
            out.push('\n');
        }
        match block {
            Block::Heading(level, t) => {
                let _ = writeln!(out, "{} {t}", "#".repeat(usize::from(*level)));
            }
            Block::Paragraph(t) => {
                let _ = writeln!(out, "{t}");
            }
            Block::Bullet { depth, text } => {
                let _ = writeln!(out, "{}- {text}", "  ".repeat(usize::from(*depth)));
            }
            Block::Quote(t) => {
                let _ = writeln!(out, "> {t}");
            }
        }
        last_bullet = is_bullet;
    }
    out
}

/// One section as Markdown, without its `##` heading.
pub fn section_markdown(g: &Guide, kind: SectionKind) -> String {
    blocks_markdown(&section_blocks(g, kind))
}

/// The subtitle line: company, stage, days left, date and source.
pub fn subtitle(g: &Guide) -> String {
    let mut s = String::new();
    if let Some(c) = &g.company {
        let _ = write!(s, "{c} · ");
    }
    let _ = write!(
        s,
        "{} · {} day{} to go · built {} · from {}",
        stage_label(g.stage),
        g.days,
        if g.days == 1 { "" } else { "s" },
        g.created_at.strftime("%Y-%m-%d"),
        g.source
    );
    s
}

/// The whole guide as Markdown.
pub fn to_markdown(g: &Guide) -> String {
    let mut out = format!("# Prep guide: {}\n\n_{}_\n", g.heading(), subtitle(g));
    if let Some(note) = &g.enrichment_note {
        let _ = write!(out, "\n> {note}\n");
    }
    for kind in g.sections() {
        let _ = write!(
            out,
            "\n## {}\n\n{}",
            kind.title(),
            section_markdown(g, kind)
        );
    }
    out
}
