//! Prep guides end to end without the network: role, skills and drivers detected in job
//! descriptions we wrote; resume defense that uses only the resume's facts; the whole guide;
//! Markdown and a multi-page PDF parsed back.
#![allow(clippy::unwrap_used)]

use hotseat::bank::Bank;
use hotseat::domain::{InterviewStage, QuestionKind, Role};
use hotseat::prep::resume::{BulletStrength, defend};
use hotseat::prep::{
    PrepInput, SectionKind, Seniority, Vocabulary, analyze, build_guide, markdown, pdf,
};
use jiff::Timestamp;
use std::collections::HashSet;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

struct Expect {
    file: &'static str,
    role: Role,
    seniority: Seniority,
    skills: &'static [&'static str],
    /// Words the first driver contains.
    first_driver: &'static str,
    /// Skills some driver names.
    driver_skills: &'static [&'static str],
    /// Text no driver may contain (nice-to-haves, benefits).
    never: &'static [&'static str],
}

const EXPECTED: &[Expect] = &[
    Expect {
        file: "backend.md",
        role: Role::SoftwareEngineer,
        seniority: Seniority::Senior,
        skills: &[
            "Go",
            "PostgreSQL",
            "Kubernetes",
            "distributed systems",
            "idempotency",
            "AWS",
        ],
        first_driver: "distributed systems",
        driver_skills: &["distributed systems", "PostgreSQL"],
        never: &["Kafka", "pension", "PCI"],
    },
    Expect {
        file: "frontend.md",
        role: Role::FrontendEngineer,
        seniority: Seniority::Mid,
        skills: &[
            "React",
            "TypeScript",
            "accessibility",
            "web performance",
            "CSS",
            "Jest",
        ],
        first_driver: "React and TypeScript",
        driver_skills: &["React", "accessibility", "web performance"],
        never: &["Next.js", "React Native"],
    },
    Expect {
        file: "data_science.md",
        role: Role::DataScientist,
        seniority: Seniority::Mid,
        skills: &[
            "A/B testing",
            "statistics",
            "causal inference",
            "SQL",
            "Python",
            "scikit-learn",
        ],
        first_driver: "A/B testing and experiment design",
        driver_skills: &["A/B testing", "statistics"],
        never: &["Bayesian", "dbt"],
    },
    Expect {
        file: "product_manager.md",
        role: Role::ProductManager,
        seniority: Seniority::Senior,
        skills: &[
            "product discovery",
            "prioritisation",
            "A/B testing",
            "B2B SaaS",
            "product metrics",
        ],
        first_driver: "data-driven",
        driver_skills: &["prioritisation", "SQL"],
        never: &["Remote-first"],
    },
    Expect {
        file: "consulting.md",
        role: Role::Consultant,
        seniority: Seniority::Junior,
        skills: &[
            "problem structuring",
            "market sizing",
            "profitability analysis",
            "Excel",
            "case interviews",
        ],
        first_driver: "structured problem solving",
        driver_skills: &["problem structuring", "market sizing"],
        never: &["partner"],
    },
    Expect {
        file: "finance.md",
        role: Role::Finance,
        seniority: Seniority::Junior,
        skills: &[
            "financial modelling",
            "DCF",
            "valuation",
            "M&A",
            "accounting",
            "comparable companies",
        ],
        first_driver: "financial modelling",
        driver_skills: &["financial modelling", "valuation"],
        never: &["LBO"],
    },
];

#[test]
fn job_descriptions_give_the_expected_role_skills_and_drivers() {
    let vocab = Vocabulary::builtin();
    for e in EXPECTED {
        let text = fixture(&format!("jd/{}", e.file));
        let a = analyze(vocab, &text, None);
        assert_eq!(a.role, e.role, "{}: {}", e.file, a.role_reason);
        assert_eq!(
            a.seniority, e.seniority,
            "{}: {}",
            e.file, a.seniority_reason
        );
        let names: Vec<&str> = a.skills.iter().map(|s| s.name.as_str()).collect();
        for s in e.skills {
            assert!(
                names.contains(s),
                "{}: skill {s} missing from {names:?}",
                e.file
            );
        }
        assert!(
            (1..=3).contains(&a.drivers.len()),
            "{}: {:?}",
            e.file,
            a.drivers
        );
        assert!(
            a.drivers[0].text.contains(e.first_driver),
            "{}: first driver was {:?}",
            e.file,
            a.drivers[0].text
        );
        let driver_skills: Vec<&str> = a
            .drivers
            .iter()
            .flat_map(|d| d.skills.iter().map(String::as_str))
            .collect();
        for s in e.driver_skills {
            assert!(
                driver_skills.contains(s),
                "{}: no driver names {s}: {:?}",
                e.file,
                a.drivers
            );
        }
        for n in e.never {
            assert!(
                !a.drivers.iter().any(|d| d.text.contains(n)),
                "{}: a driver mentions {n}: {:?}",
                e.file,
                a.drivers
            );
        }
        for d in &a.drivers {
            assert!(!d.reasons.is_empty(), "{}: driver without a reason", e.file);
            let bold = format!("**{}**", d.text.trim_end_matches(['.', ';', ',', ':']));
            assert!(
                a.highlighted.contains(&bold),
                "{}: {bold} not in bold",
                e.file
            );
        }
        // the highlighted description is the original with only bold markers added
        assert_eq!(
            a.highlighted.replace("**", ""),
            text.replace("**", ""),
            "{}",
            e.file
        );
    }
}

fn words(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '%' && c != '.')
        .map(|w| w.trim_matches('.').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

#[test]
fn star_drafts_use_only_facts_present_in_the_resume() {
    let resume = fixture("resume.md");
    let vocab = Vocabulary::builtin();
    let defense = defend(vocab, &resume, 20);
    let resume_words = words(&resume);
    assert!(defense.len() >= 4, "{defense:#?}");
    let mut facts_checked = 0;
    for d in &defense {
        assert!(!d.probes.is_empty(), "no probes for {}", d.bullet);
        for (label, part) in d.star.parts() {
            let Some(fact) = part.fact() else { continue };
            facts_checked += 1;
            for w in words(fact) {
                assert!(
                    resume_words.contains(&w),
                    "{label} of \u{201c}{}\u{201d} uses '{w}', which the resume never says: {fact}",
                    d.bullet
                );
            }
            // every number in the draft is a number of the bullet itself
            for n in fact
                .split_whitespace()
                .filter(|t| t.chars().any(|c| c.is_ascii_digit()))
            {
                let n = n.trim_matches(|c: char| !c.is_alphanumeric() && c != '%');
                assert!(
                    d.bullet.contains(n) || d.context.as_deref().is_some_and(|c| c.contains(n)),
                    "number {n} is not in the bullet {}",
                    d.bullet
                );
            }
        }
    }
    assert!(facts_checked >= 10, "only {facts_checked} facts checked");
    let by_start = |s: &str| defense.iter().find(|d| d.bullet.starts_with(s)).unwrap();
    let led = by_start("Led the migration");
    assert_eq!(led.strength, BulletStrength::Strong);
    assert_eq!(
        led.context.as_deref(),
        Some("Senior Software Engineer, Ledgerline (2021–2024)")
    );
    assert_eq!(
        led.star.result.fact(),
        Some("cutting p99 latency from 800ms to 120ms")
    );
    assert!(led.probes.iter().any(|p| p.contains("800ms")));
    let reduced = by_start("Reduced failed payouts");
    assert_eq!(
        reduced.star.action.fact(),
        Some("introducing idempotency keys and a retry queue in PostgreSQL")
    );
    assert_eq!(by_start("Helped with").strength, BulletStrength::Risky);
    assert_eq!(
        by_start("Significantly improved").strength,
        BulletStrength::Risky
    );
    // skills bullets are not experience
    assert!(!defense.iter().any(|d| d.bullet.starts_with("Go, Python")));
}

fn backend_input(days: u32) -> PrepInput {
    PrepInput {
        resume: Some(fixture("resume.md")),
        notes: Some(fixture("notes.md")),
        company: Some("Northwind Pay".into()),
        stage: InterviewStage::Technical,
        days,
        ..PrepInput::from_jd(fixture("jd/backend.md"))
    }
}

fn guide(input: &PrepInput) -> hotseat::prep::Guide {
    let bank = Bank::load(None).bank;
    build_guide(
        input,
        &bank,
        Vocabulary::builtin(),
        uuid::Uuid::nil(),
        "2026-11-20T10:00:00Z".parse::<Timestamp>().unwrap(),
    )
}

#[test]
fn full_guide_has_every_section_filled_for_the_stage() {
    let bank = Bank::load(None).bank;
    let g = guide(&backend_input(6));
    assert_eq!(g.sections().len(), SectionKind::ALL.len());
    assert_eq!(g.predicted.len(), 12);
    for p in &g.predicted {
        let q = bank.question(&p.question_id).unwrap();
        assert!(q.fits_stage(InterviewStage::Technical), "{}", q.id);
        assert!(q.fits_role(Role::SoftwareEngineer), "{}", q.id);
        assert_ne!(q.kind, QuestionKind::QuestionsToAsk);
        assert!(!p.why.is_empty());
    }
    assert!(
        g.predicted
            .iter()
            .take(6)
            .any(|p| p.why.contains("callback driver")),
        "{:#?}",
        g.predicted
    );
    assert!(
        g.experience
            .iter()
            .any(|e| e.skill == "distributed systems")
    );
    assert!(g.experience.iter().any(|e| e.why.contains("resume")));
    assert!(!g.resume_defense.is_empty());
    assert_eq!(g.deep_dives.len(), 3);
    assert!(
        g.deep_dives
            .iter()
            .any(|d| !d.questions.is_empty() && !d.talking_points.is_empty())
    );
    assert!(!g.questions_to_ask.is_empty());
    for a in &g.questions_to_ask {
        assert!(
            bank.question(&a.question_id)
                .unwrap()
                .fits_stage(InterviewStage::Technical)
        );
    }
    assert_eq!(g.plan.len(), 6);
    assert_eq!(g.mock_persona.as_deref(), Some("challenging"));
    let topics: Vec<&str> = g.focus_areas.iter().map(|f| f.topic.as_str()).collect();
    assert!(topics.contains(&"PostgreSQL"), "{topics:?}");
    assert!(topics.contains(&"Conflict"), "{topics:?}");
    let conflict = g
        .focus_areas
        .iter()
        .find(|f| f.topic == "Conflict")
        .unwrap();
    assert!(
        conflict.actions[0].contains("two minutes"),
        "{:?}",
        conflict.actions
    );
    assert!(
        topics.iter().any(|t| t.contains("Quantified")),
        "{topics:?}"
    );
    // a flagged topic shows up among the predictions
    assert!(
        g.predicted.iter().any(|p| p.why.contains("your notes")),
        "{:#?}",
        g.predicted
    );

    let md = markdown::to_markdown(&g);
    assert!(
        md.starts_with("# Prep guide: Senior Backend Engineer, Payments Platform at Northwind Pay")
    );
    for kind in g.sections() {
        assert!(
            md.contains(&format!("\n## {}\n", kind.title())),
            "{}",
            kind.title()
        );
    }
    assert!(md.contains("- **You must have deep experience building distributed systems"));
    assert!(md.contains("**Result:** cutting p99 latency from 800ms to 120ms"));
    assert!(md.contains("_[add]"));
}

#[test]
fn guide_without_resume_or_notes_says_how_to_get_them() {
    let g = guide(&PrepInput {
        stage: InterviewStage::Recruiter,
        days: 0,
        ..PrepInput::from_jd(fixture("jd/consulting.md"))
    });
    assert!(!g.sections().contains(&SectionKind::FocusAreas));
    assert_eq!(g.plan.len(), 1);
    assert_eq!(g.mock_persona.as_deref(), Some("recruiter"));
    assert!(
        g.predicted
            .iter()
            .all(|p| p.kind != QuestionKind::SystemDesign)
    );
    let md = markdown::section_markdown(&g, SectionKind::ResumeDefense);
    assert!(md.contains("--resume"), "{md}");
}

#[test]
fn pdf_export_is_a_valid_multi_page_document() {
    let g = guide(&backend_input(10));
    let bytes = pdf::to_pdf(&g);
    assert!(bytes.starts_with(b"%PDF-"), "no PDF header");
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let pages = doc.get_pages();
    assert!(pages.len() > g.sections().len(), "{} pages", pages.len());
    let total = pages.len();
    let title_page = doc.extract_text(&[1]).unwrap();
    assert!(title_page.contains("Prep guide"), "{title_page}");
    assert!(
        title_page.contains("Senior Backend Engineer"),
        "{title_page}"
    );
    let second = doc.extract_text(&[2]).unwrap();
    assert!(second.contains("Role and company"), "{second}");
    assert!(second.contains(&format!("Page 2 of {total}")), "{second}");
    let last = doc.extract_text(&[u32::try_from(total).unwrap()]).unwrap();
    assert!(last.contains(&format!("Page {total} of {total}")), "{last}");
}
