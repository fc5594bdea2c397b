//! Store speed: a durable attempt write (fsync included) and a draft save, on a temporary sled.

use criterion::{Criterion, criterion_group, criterion_main};
use hotseat::domain::{Attempt, Draft, QuestionKind};
use hotseat::scoring::{OfflineScorer, QuestionContext, Scorer};
use hotseat::store::{SledStore, Store};
use jiff::Timestamp;
use uuid::Uuid;

fn answer() -> String {
    let sentence = "I profiled the checkout service, found an N+1 query and added a batch lookup, \
                    which cut p99 latency from 2.1 s to 300 ms for 40,000 daily orders. ";
    sentence.repeat(10)
}

fn store_writes(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SledStore::open(dir.path()).expect("store opens");
    let text = answer();
    let report = OfflineScorer::new().score(
        &QuestionContext::new(
            QuestionKind::Behavioral,
            "Tell me about a time you made something faster.",
        ),
        &text,
    );
    let now = Timestamp::now();
    c.bench_function("durable attempt write (300-word answer, with fsync)", |b| {
        b.iter(|| {
            let attempt = Attempt {
                id: Uuid::now_v7(),
                question_id: "beh-bench".into(),
                session_id: None,
                started_at: now,
                submitted_at: now,
                duration_secs: 120,
                answer: text.clone(),
                overtime: false,
                skipped: false,
                score: Some(report.clone()),
            };
            store.save_attempt(&attempt).expect("saved");
        });
    });
    c.bench_function("draft save (with fsync)", |b| {
        let mut n = 0u64;
        b.iter(|| {
            n += 1;
            store
                .save_draft(&Draft {
                    key: "practice".into(),
                    question_id: "beh-bench".into(),
                    session_id: None,
                    text: format!("{text}{n}"),
                    saved_at: now,
                })
                .expect("saved");
        });
    });
}

criterion_group!(benches, store_writes);
criterion_main!(benches);
