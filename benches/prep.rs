//! Benchmarks: building a prep guide offline from a job description of about 1,000 words and a
//! resume, in process and as the whole `hotseat prep --offline --json` command (target ≤ 0.2 s).
#![allow(clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use hotseat::bank::Bank;
use hotseat::domain::InterviewStage;
use hotseat::prep::input::JdSource;
use hotseat::prep::{PrepInput, Vocabulary, build_guide};
use std::hint::black_box;
use std::path::{Path, PathBuf};

const POSTINGS: [&str; 7] = [
    "backend.md",
    "frontend.md",
    "data_science.md",
    "product_manager.md",
    "consulting.md",
    "finance.md",
    "backend.md",
];

/// The fixture postings run together: about 1,100 words, more skills than any one posting.
fn long_posting() -> String {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let text: Vec<String> = POSTINGS
        .iter()
        .map(|name| std::fs::read_to_string(fixtures.join("jd").join(name)).unwrap())
        .collect();
    let text = text.join("\n\n");
    assert!(text.split_whitespace().count() >= 1_000);
    text
}

fn resume() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/resume.md"))
        .unwrap()
}

fn bench_prep(c: &mut Criterion) {
    let bank = Bank::load(None).bank;
    let vocab = Vocabulary::builtin();
    let input = PrepInput {
        jd: long_posting(),
        jd_source: JdSource::File(PathBuf::from("posting.md")),
        job_title: None,
        resume: Some(resume()),
        company: Some("Northwind Pay".into()),
        stage: InterviewStage::Technical,
        days: 7,
        notes: None,
    };
    let now = jiff::Timestamp::now();
    c.bench_function(
        "prep guide, 1,000-word posting + resume (in process)",
        |b| {
            b.iter(|| build_guide(black_box(&input), &bank, vocab, uuid::Uuid::now_v7(), now));
        },
    );

    let dir = tempfile::tempdir().unwrap();
    let jd = dir.path().join("posting.md");
    let cv = dir.path().join("resume.md");
    std::fs::write(&jd, &input.jd).unwrap();
    std::fs::write(&cv, input.resume.as_deref().unwrap()).unwrap();
    let mut group = c.benchmark_group("prep end to end");
    group.sample_size(20);
    group.bench_function("hotseat prep --offline --json, whole process", |b| {
        b.iter(|| {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_hotseat"))
                .args(["prep", "--offline", "--json", "--company", "Northwind Pay"])
                .arg("--jd")
                .arg(&jd)
                .arg("--resume")
                .arg(&cv)
                .env("HOTSEAT_DATA_DIR", dir.path().join("data"))
                .env("HOTSEAT_CONFIG_DIR", dir.path().join("config"))
                .env_remove("OPENAI_BASE_URL")
                .env_remove("OPENAI_API_KEY")
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            out.stdout.len()
        });
    });
    group.finish();
}

criterion_group!(benches, bench_prep);
criterion_main!(benches);
