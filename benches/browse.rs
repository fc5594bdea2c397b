//! Browse speed: fuzzy search over a generated 10k-question bank, and drawing the browse list at 120×40.

use criterion::{Criterion, criterion_group, criterion_main};
use hotseat::bank::Bank;
use hotseat::bank::search::SearchIndex;
use hotseat::config::{Config, ConfigInputs, Settings, Theme as ThemeName};
use hotseat::domain::{Difficulty, Question, QuestionKind, Role, TalkingPoint};
use hotseat::tui::action::Action;
use hotseat::tui::keymap::Keymap;
use hotseat::tui::state::AppState;
use hotseat::tui::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::sync::Arc;

const SUBJECTS: &[&str] = &[
    "a conflict with a peer",
    "a missed deadline",
    "database indexing",
    "cache invalidation",
    "a failed launch",
    "stakeholder pushback",
    "an outage you led",
    "hiring a senior engineer",
    "a pricing change",
    "market sizing for scooters",
    "a DCF with negative cash flow",
    "a flaky test suite",
    "event loop starvation",
    "an ambiguous request",
    "mentoring a junior",
];
const FRAMES: &[&str] = &[
    "Tell me about {}.",
    "How would you approach {}?",
    "Walk me through {} in detail.",
    "What did you learn from {}?",
    "Explain {} to a new teammate.",
];

fn generated_bank(n: usize) -> Bank {
    let questions = (0..n)
        .map(|i| {
            let subject = SUBJECTS[i % SUBJECTS.len()];
            let frame = FRAMES[(i / SUBJECTS.len()) % FRAMES.len()];
            Question {
                id: format!("gen-{i}"),
                kind: QuestionKind::ALL[i % 6],
                category: subject
                    .split_whitespace()
                    .last()
                    .unwrap_or("misc")
                    .to_string(),
                roles: vec![Role::ALL[i % Role::ALL.len()]],
                difficulty: Difficulty::ALL[i % 3],
                time_limit_secs: None,
                prompt: format!("{} (variant {i})", frame.replace("{}", subject)),
                guidance: "Start with the situation, then what you did and how it ended.".into(),
                talking_points: vec![TalkingPoint {
                    point: "States the outcome".into(),
                    evidence: vec!["result".into(), "outcome".into()],
                }],
                example_answer: String::new(),
                follow_ups: vec![],
                tags: vec![format!("tag{}", i % 40), "generated".into()],
                stages: vec![],
            }
        })
        .collect();
    Bank::from_parts(questions, vec![])
}

fn settings() -> Settings {
    // defaults only: an empty config dir and no environment
    let dir = std::env::temp_dir().join("hotseat-bench-no-config");
    Config::load(&ConfigInputs {
        config_dir: Some(dir.clone()),
        data_dir: Some(dir),
        ..ConfigInputs::default()
    })
    .expect("default settings")
    .settings
}

fn fuzzy_search(c: &mut Criterion) {
    let bank = generated_bank(10_000);
    let mut index = SearchIndex::new(bank.questions());
    let queries = ["conflict", "cache inval", "dcf", "mentor junior", "xqz"];
    c.bench_function("fuzzy search, 10k questions (per query)", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % queries.len();
            black_box(index.search(black_box(queries[i])))
        });
    });
}

fn render_browse(c: &mut Criterion) {
    let bank = Arc::new(generated_bank(10_000));
    let mut state = AppState::new(bank, settings(), (120, 40));
    let now = jiff::Timestamp::UNIX_EPOCH;
    state.update(Action::OpenBrowse, now);
    state.update(Action::StartSearch, now);
    for ch in "conflict".chars() {
        state.update(Action::InputChar(ch), now);
    }
    state.update(Action::InputCancel, now);
    let keymap = Keymap::default();
    let theme = Theme::new(ThemeName::Dark, false);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    c.bench_function("render browse list 120x40 (per frame)", |b| {
        b.iter(|| {
            terminal
                .draw(|f| ui::render(f, &state, &keymap, &theme))
                .expect("draw");
        });
    });
}

criterion_group!(benches, fuzzy_search, render_browse);
criterion_main!(benches);
