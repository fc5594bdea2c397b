//! Benchmarks: scoring one 300-word answer (prepared question and cold), and batch throughput.
#![allow(clippy::unwrap_used)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use hotseat::domain::{QuestionKind, TalkingPoint};
use hotseat::scoring::batch::{parse_row, score_rows};
use hotseat::scoring::{OfflineScorer, QuestionContext, Scorer};
use std::hint::black_box;

const STORY: &str = "At my last company our checkout service timed out during every seasonal sale, \
    and the on-call rotation was exhausted. I was the engineer responsible for the payments path, so my \
    goal was to make checkout hold up under ten times normal traffic before the next sale in six weeks. \
    I started by profiling production traffic with our tracing tool and found that each checkout made \
    forty database round trips because of an N+1 query in the pricing module. I rewrote the pricing \
    lookup as one batched query, added a Redis cache for tax tables with a five minute expiry, and moved \
    receipt emails onto a queue so the request no longer waited for the mail provider. I also wrote a \
    load test in k6 that replayed last year's peak, and I ran it every night against staging so we would \
    see regressions early. When the test showed connection pool exhaustion at eight times traffic, I \
    worked with the database team to raise the pool limit and add a read replica for reporting queries. \
    As a result, p99 checkout latency fell from 2.4 seconds to 380 milliseconds, and during the sale we \
    handled twelve times normal traffic with no incidents and no pages. Revenue during the sale window \
    grew 18% over the previous year, and the finance team credited part of that to fewer abandoned carts. \
    I learned to measure before optimising, because my first guess had been the payment provider, which \
    turned out to be fine. Since then I have added a load test to every service I own before a launch, \
    and I share the results with product so they understand the headroom we have and what it costs.";

fn question() -> QuestionContext {
    let mut q = QuestionContext::new(
        QuestionKind::Behavioral,
        "Tell me about a time you improved the performance of a system under pressure.",
    );
    q.talking_points = (0..5)
        .map(|i| TalkingPoint {
            point: format!("Point {i}"),
            evidence: vec![
                "profiling".into(),
                "load test".into(),
                "p99 latency".into(),
                "learned".into(),
            ],
        })
        .collect();
    q.reference_answer = Some(STORY.replace("Redis", "Memcached"));
    q
}

fn bench_single(c: &mut Criterion) {
    let words = STORY.split_whitespace().count();
    assert!((280..=330).contains(&words), "{words} words");
    let scorer = OfflineScorer::new();
    let q = question();
    let prepared = scorer.prepare(&q);
    c.bench_function("score 300-word answer (prepared question)", |b| {
        b.iter(|| scorer.score_prepared(black_box(&prepared), black_box(STORY)));
    });
    c.bench_function("score 300-word answer (cold, via Scorer trait)", |b| {
        b.iter(|| scorer.score(black_box(&q), black_box(STORY)));
    });
}

fn bench_batch(c: &mut Criterion) {
    let sentences: Vec<&str> = STORY.split(". ").collect();
    let rows: Vec<_> = (0..1000)
        .map(|i| {
            let n = 1 + i % sentences.len();
            let answer = sentences[..n].join(". ");
            let line = serde_json::json!({
                "id": i,
                "kind": "technical",
                "question": format!("Question {} about performance work?", i % 20),
                "reference_answer": STORY,
                "answer": answer,
            });
            parse_row(&line.to_string(), i + 1).unwrap()
        })
        .collect();
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let mut group = c.benchmark_group("batch");
    group.throughput(Throughput::Elements(rows.len() as u64));
    group.sample_size(10);
    group.bench_function(format!("1000 answers, {threads} threads"), |b| {
        b.iter(|| score_rows(black_box(&rows), threads));
    });
    group.finish();
}

criterion_group!(benches, bench_single, bench_batch);
criterion_main!(benches);
