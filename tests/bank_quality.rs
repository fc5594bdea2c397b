//! Bank quality against the offline scorer: every shipped example answer scores in the top band, and a
//! one-line off-topic answer scores low, for every question.
//!
//! The top band is 70–100 (the scorer's "strong answer" range). Set HOTSEAT_BANK_QUALITY_CONFIG_DIR to
//! a config dir to also check the banks under its `question_banks/`.
#![allow(clippy::unwrap_used)]

use hotseat::bank::Bank;
use hotseat::scoring::{OfflineScorer, QuestionContext};

/// The lowest total of the top band.
const TOP_BAND: u8 = 70;
/// The most a one-line off-topic answer may score.
const OFF_TOPIC_MAX: u8 = 15;
const OFF_TOPIC: &str =
    "My favourite pizza topping is pineapple, and on Sundays I go sailing with my cousins.";

fn bank() -> Bank {
    let dir = std::env::var_os("HOTSEAT_BANK_QUALITY_CONFIG_DIR").map(std::path::PathBuf::from);
    let loaded = Bank::load(dir.as_deref());
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.bank
}

#[test]
fn example_answers_score_in_the_top_band_and_off_topic_scores_low() {
    let bank = bank();
    let contexts: Vec<QuestionContext> =
        bank.questions().iter().map(QuestionContext::from).collect();
    assert!(!contexts.is_empty());
    let scorer = OfflineScorer::for_questions(&contexts);
    let mut failures = Vec::new();
    for q in &contexts {
        let id = q.id.clone().unwrap_or_default();
        let prepared = scorer.prepare(q);
        if let Some(example) = &q.reference_answer {
            let r = scorer.score_prepared(&prepared, example);
            if r.total < TOP_BAND {
                let dims: Vec<String> = r
                    .dimensions
                    .iter()
                    .map(|d| format!("{}={}", d.dimension.label(), d.score))
                    .collect();
                failures.push(format!(
                    "{id}: example answer {} < {TOP_BAND} ({})",
                    r.total,
                    dims.join(" ")
                ));
            }
        }
        let off = scorer.score_prepared(&prepared, OFF_TOPIC);
        if off.total > OFF_TOPIC_MAX {
            failures.push(format!(
                "{id}: off-topic answer {} > {OFF_TOPIC_MAX}",
                off.total
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
