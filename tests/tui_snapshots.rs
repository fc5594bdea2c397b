//! Screen snapshots at 80×24 and 120×40 on a fixed bank: home (loaded and still loading),
//! browse list, detail, search, help overlay and the too-small message.
#![allow(clippy::unwrap_used)]

use hotseat::analytics::{HomeSummary, RecentSession};
use hotseat::bank::Bank;
use hotseat::store::StoreCounts;
use hotseat::tui::action::{Action, PastScore};
use hotseat::tui::state::AppState;
use jiff::Timestamp;
use ratatui::style::Modifier;

#[path = "common/screens.rs"]
mod screens;
use screens::{draw, snap_state as state};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn now() -> Timestamp {
    "2026-11-20T10:00:00Z".parse().unwrap()
}

fn apply(state: &mut AppState, actions: impl IntoIterator<Item = Action>) {
    for a in actions {
        state.update(a, now());
    }
}

fn type_query(state: &mut AppState, text: &str) {
    apply(state, [Action::StartSearch]);
    apply(state, text.chars().map(Action::InputChar));
}

#[test]
fn home() {
    for (w, h) in SIZES {
        let mut s = state((w, h));
        s.home.summary = Some(HomeSummary {
            streak_days: 3,
            last_score: Some(72),
            attempts_this_week: 5,
            due_reviews: 2,
            counts: StoreCounts {
                attempts: 12,
                question_stats: 7,
                ..StoreCounts::default()
            },
            recent: vec![RecentSession {
                label: "behavioral · 5 questions".into(),
                started_at: "2026-11-19T18:30:00Z".parse().unwrap(),
                total: Some(68),
            }],
        });
        insta::assert_snapshot!(format!("home_{w}x{h}"), draw(&s).backend());
    }
}

/// The first frame: drawn before the store has been read, so the summary is still loading.
#[test]
fn home_loading() {
    for (w, h) in SIZES {
        let s = state((w, h));
        assert!(s.home.summary.is_none());
        insta::assert_snapshot!(format!("home_loading_{w}x{h}"), draw(&s).backend());
    }
}

#[test]
fn browse_list() {
    for (w, h) in SIZES {
        let mut s = state((w, h));
        apply(&mut s, [Action::OpenBrowse, Action::Down]);
        insta::assert_snapshot!(format!("browse_list_{w}x{h}"), draw(&s).backend());
    }
}

#[test]
fn browse_detail() {
    for (w, h) in SIZES {
        let mut s = state((w, h));
        apply(&mut s, [Action::OpenBrowse, Action::Select]);
        apply(
            &mut s,
            [Action::HistoryLoaded {
                question_id: "snap-beh-conflict".into(),
                scores: vec![
                    PastScore {
                        at: "2026-11-10T09:00:00Z".parse().unwrap(),
                        total: 48,
                    },
                    PastScore {
                        at: "2026-11-15T09:00:00Z".parse().unwrap(),
                        total: 66,
                    },
                    PastScore {
                        at: "2026-11-19T09:00:00Z".parse().unwrap(),
                        total: 81,
                    },
                ],
            }],
        );
        insta::assert_snapshot!(format!("browse_detail_{w}x{h}"), draw(&s).backend());
    }
}

#[test]
fn browse_search_highlights_matches() {
    for (w, h) in SIZES {
        let mut s = state((w, h));
        apply(&mut s, [Action::OpenBrowse]);
        type_query(&mut s, "index");
        let terminal = draw(&s);
        insta::assert_snapshot!(format!("browse_search_{w}x{h}"), terminal.backend());
        // the best match is on the first list row, with the matched letters underlined
        let buffer = terminal.backend().buffer();
        let row = 3;
        let line: String = (0..w)
            .map(|x| buffer[(x, row)].symbol().to_string())
            .collect();
        assert!(line.contains("database index"), "{line}");
        let underlined = (0..w)
            .filter(|&x| buffer[(x, row)].modifier.contains(Modifier::UNDERLINED))
            .map(|x| buffer[(x, row)].symbol().to_string())
            .collect::<String>();
        assert_eq!(underlined, "index");
    }
}

#[test]
fn a_search_with_no_match_does_not_offer_c_while_typing() {
    let row = |terminal: &ratatui::Terminal<ratatui::backend::TestBackend>, y: u16| {
        let buffer = terminal.backend().buffer();
        (0..buffer.area.width)
            .map(|x| buffer[(x, y)].symbol().to_string())
            .collect::<String>()
    };
    let mut s = state((80, 24));
    apply(&mut s, [Action::OpenBrowse]);
    type_query(&mut s, "zzqxj");
    assert!(s.browse.visible.is_empty());
    let typing = row(&draw(&s), 3);
    assert!(
        !typing.contains("Press c") && typing.contains("Esc"),
        "c would type into the search: {typing}"
    );
    apply(&mut s, [Action::InputSubmit]);
    assert!(row(&draw(&s), 3).contains("Press c to clear"));
}

#[test]
fn help_overlay() {
    for (w, h) in SIZES {
        let mut s = state((w, h));
        apply(&mut s, [Action::OpenBrowse, Action::ToggleHelp]);
        insta::assert_snapshot!(format!("help_{w}x{h}"), draw(&s).backend());
    }
}

#[test]
fn too_small() {
    let s = state((50, 12));
    insta::assert_snapshot!("too_small_50x12", draw(&s).backend());
}

/// Trends data from a generated history over the snapshot bank, as of the last answer.
fn trends_data(bank: &Bank, attempts: usize, days: i64) -> hotseat::analytics::TrendsData {
    use hotseat::analytics::generate::{Spec, history};
    use hotseat::analytics::srs;
    use hotseat::analytics::{Catalog, Options, analyze};
    use hotseat::store::AttemptFact;
    let catalog = Catalog::from_bank(bank);
    let mut spec = Spec::new(9, attempts, days);
    spec.start = "2026-08-01T00:00:00Z".parse().unwrap();
    let list = history(&spec, &catalog);
    let facts: Vec<AttemptFact> = list.iter().map(AttemptFact::of).collect();
    let mut schedules: std::collections::BTreeMap<String, srs::Schedule> =
        std::collections::BTreeMap::new();
    for a in &list {
        if let Some(score) = srs::review_score(a.total(), a.skipped) {
            let next = srs::review(schedules.get(&a.question_id), score, a.submitted_at);
            schedules.insert(a.question_id.clone(), next);
        }
    }
    let schedules: Vec<_> = schedules.into_iter().collect();
    analyze(
        &facts,
        &schedules,
        &catalog,
        &Options::new(now(), jiff::tz::TimeZone::UTC),
    )
}

#[test]
fn trends() {
    for (name, attempts, days) in [("empty", 0, 1), ("5", 5, 3), ("2000", 2_000, 100)] {
        for (w, h) in SIZES {
            let mut s = state((w, h));
            apply(&mut s, [Action::OpenTrends]);
            let data = trends_data(&s.bank, attempts, days);
            apply(&mut s, [Action::TrendsLoaded(Box::new(data))]);
            insta::assert_snapshot!(format!("trends_{name}_{w}x{h}"), draw(&s).backend());
        }
    }
}

#[test]
fn trends_category_toggle_and_start() {
    let mut s = state((120, 40));
    apply(&mut s, [Action::OpenTrends]);
    let data = trends_data(&s.bank, 2_000, 100);
    let first = data.categories[0].name.clone();
    apply(
        &mut s,
        [Action::TrendsLoaded(Box::new(data)), Action::CycleCategory],
    );
    let screen = format!("{}", draw(&s).backend());
    assert!(
        screen.contains(&format!("Score over time · {first}")),
        "{screen}"
    );
    // one key starts the recommended session on the practice screen
    let effects = s.update(Action::StartRecommended, now());
    assert_eq!(s.screen, hotseat::tui::action::Screen::Practice);
    assert!(effects.contains(&hotseat::tui::effect::Effect::LoadPracticeData));
    apply(
        &mut s,
        [Action::PracticeDataLoaded {
            stats: vec![],
            draft: None,
        }],
    );
    assert_eq!(
        s.practice.phase,
        hotseat::tui::state::practice::Phase::Running
    );
}
