//! The prep guide screen: snapshots at 80×24 and 120×40 on a fixed bank, section navigation,
//! the practise / mock keys that emit actions the app answers with a status message, and LLM
//! enrichment as data: the effects it asks for, the streamed text after chunk 1 and 5, and done.
#![allow(clippy::unwrap_used)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use hotseat::bank::Bank;
use hotseat::config::{Config, ConfigInputs, Theme as ThemeName};
use hotseat::domain::InterviewStage;
use hotseat::prep::{
    EnrichKind, Enrichment, Guide, PrepInput, SectionKind, Vocabulary, build_guide,
};
use hotseat::tui::action::{Action, Screen};
use hotseat::tui::effect::Effect;
use hotseat::tui::keymap::Keymap;
use hotseat::tui::state::AppState;
use hotseat::tui::ui::{self, theme::Theme};
use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[path = "common/screens.rs"]
mod screens;
use screens::snap_bank as bank;

fn now() -> Timestamp {
    "2026-11-20T10:00:00Z".parse().unwrap()
}

fn guide(bank: &Bank) -> Guide {
    let input = PrepInput {
        resume: Some(fixture("resume.md")),
        notes: Some(fixture("notes.md")),
        company: Some("Northwind Pay".into()),
        stage: InterviewStage::Technical,
        days: 5,
        ..PrepInput::from_jd(fixture("jd/backend.md"))
    };
    build_guide(
        &input,
        bank,
        Vocabulary::builtin(),
        uuid::Uuid::nil(),
        now(),
    )
}

fn state(size: (u16, u16)) -> AppState {
    let dir = tempfile::tempdir().unwrap();
    let config = Config::load(&ConfigInputs {
        config_dir: Some(dir.path().into()),
        data_dir: Some(dir.path().into()),
        ..ConfigInputs::default()
    })
    .unwrap();
    let bank = bank();
    let mut s = AppState::new(Arc::clone(&bank), config.settings, size);
    let effects = s.update(Action::OpenGuide(uuid::Uuid::nil()), now());
    assert_eq!(effects, vec![Effect::LoadGuide(uuid::Uuid::nil())]);
    s.update(Action::GuideLoaded(Box::new(guide(&bank))), now());
    assert_eq!(s.screen, Screen::PrepGuide);
    s
}

fn draw(state: &AppState) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(state.size.0, state.size.1)).unwrap();
    let theme = Theme::new(ThemeName::Dark, false);
    terminal
        .draw(|f| ui::render(f, state, &Keymap::default(), &theme))
        .unwrap();
    terminal
}

fn key(state: &mut AppState, code: KeyCode) {
    let action = Keymap::default()
        .action(state.screen, &KeyEvent::new(code, KeyModifiers::NONE))
        .unwrap();
    state.update(action, now());
}

#[test]
fn guide_opens_on_the_context_section() {
    for (w, h) in SIZES {
        let s = state((w, h));
        insta::assert_snapshot!(format!("prep_context_{w}x{h}"), draw(&s).backend());
    }
}

#[test]
fn tab_moves_to_predicted_questions_and_scrolls() {
    for (w, h) in SIZES {
        let mut s = state((w, h));
        key(&mut s, KeyCode::Tab);
        key(&mut s, KeyCode::Tab);
        assert_eq!(s.prep.current().unwrap().0, SectionKind::Predicted);
        key(&mut s, KeyCode::Char('j'));
        insta::assert_snapshot!(format!("prep_predicted_{w}x{h}"), draw(&s).backend());
    }
}

#[test]
fn resume_defense_section() {
    for (w, h) in SIZES {
        let mut s = state((w, h));
        for _ in 0..3 {
            key(&mut s, KeyCode::Right);
        }
        assert_eq!(s.prep.current().unwrap().0, SectionKind::ResumeDefense);
        insta::assert_snapshot!(format!("prep_defense_{w}x{h}"), draw(&s).backend());
    }
}

#[test]
fn practise_key_starts_practice_with_the_predicted_questions() {
    let mut s = state((120, 40));
    let ids = s.prep.guide.as_ref().unwrap().predicted_ids();
    assert!(!ids.is_empty());
    // the state's own update turns the key into the app-level action
    let mut prep = s.prep.clone();
    assert_eq!(
        prep.update(&Action::PractisePredicted),
        hotseat::tui::state::prep::PrepOutcome::Emit(Action::StartPracticeWith(ids.clone()))
    );
    let effects = s.update(Action::PractisePredicted, now());
    assert_eq!(s.screen, hotseat::tui::action::Screen::Practice);
    assert!(effects.contains(&hotseat::tui::effect::Effect::LoadPracticeData));
    s.update(
        Action::PracticeDataLoaded {
            stats: vec![],
            draft: None,
        },
        now(),
    );
    let run = s.practice.run.as_ref().expect("a run started");
    assert_eq!(run.question.id, ids[0]);
    assert_eq!(
        s.practice.session.as_ref().unwrap().question_ids.len(),
        ids.iter()
            .filter(|id| s.practice.bank().question(id).is_some())
            .count()
    );
}

#[test]
fn mock_key_is_answered_with_a_status() {
    let mut s = state((120, 40));
    key(&mut s, KeyCode::Char('m'));
    // "mock this stage" opens the mock interview setup on the guide's stage
    assert_eq!(s.screen, Screen::MockSetup);
    let form = s.mock.form.as_ref().unwrap();
    assert_eq!(
        form.setup().stage,
        hotseat::domain::InterviewStage::Technical
    );
}

fn llm_state(size: (u16, u16)) -> AppState {
    let mut s = state(size);
    s.prep.llm_model = Some("fake-model".into());
    s
}

fn enrichment(kind: EnrichKind, text: &str) -> Enrichment {
    Enrichment {
        kind,
        source: "llm:fake-model".into(),
        text: text.into(),
        sources: vec![
            "the job description (pasted text)".into(),
            "the company name you gave (\"Northwind Pay\")".into(),
        ],
        created_at: now(),
    }
}

const SUMMARY: &str = "Northwind Pay builds payment rails for small businesses, per the posting. \
The role owns the ledger service and its on-call.\n\n- Ask how on-call is split.\n- Check which regions they serve.";

/// The request id of the one `EnrichGuideSection` among `effects`, checking its kind.
fn asked(effects: &[Effect], kind: EnrichKind) -> u64 {
    let asks: Vec<u64> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::EnrichGuideSection {
                request, kind: k, ..
            } if *k == kind => Some(*request),
            _ => None,
        })
        .collect();
    assert_eq!(asks.len(), 1, "{effects:?}");
    asks[0]
}

#[test]
fn enrich_key_asks_for_the_first_section_as_data_without_network() {
    let mut s = llm_state((120, 40));
    let effects = s.update(Action::EnrichGuide, now());
    let [
        Effect::EnrichGuideSection {
            request,
            kind: EnrichKind::ContextSummary,
            guide,
        },
    ] = &effects[..]
    else {
        panic!("{effects:?}")
    };
    assert_eq!(guide.id, s.prep.guide.as_ref().unwrap().id);
    assert!(guide.enrichment.is_empty());
    let progress = s.prep.enriching.as_ref().unwrap();
    assert_eq!(progress.request, *request);
    assert_eq!(progress.line(), "Enriching 1/3: role and company summary…");
    // the key does the same through the keymap; a second press while running asks nothing more
    key(&mut s, KeyCode::Char('e'));
    assert_eq!(s.prep.enriching.as_ref().unwrap().request, *request);

    // without an LLM the key says so and asks nothing
    let mut offline = state((120, 40));
    assert!(offline.update(Action::EnrichGuide, now()).is_empty());
    assert!(
        offline
            .prep
            .notice
            .as_ref()
            .unwrap()
            .text
            .starts_with("No LLM is configured")
    );
}

#[test]
fn enrichment_streams_on_screen_after_chunk_1_and_5_and_done() {
    for (w, h) in SIZES {
        let mut s = llm_state((w, h));
        let request = asked(
            &s.update(Action::EnrichGuide, now()),
            EnrichKind::ContextSummary,
        );
        let words: Vec<String> = SUMMARY.split_inclusive(' ').map(str::to_string).collect();
        for (i, word) in words.iter().enumerate() {
            s.update(
                Action::GuideEnrichToken {
                    request,
                    text: word.clone(),
                },
                now(),
            );
            if i == 0 {
                insta::assert_snapshot!(format!("prep_enrich_chunk1_{w}x{h}"), draw(&s).backend());
            }
            if i == 4 {
                insta::assert_snapshot!(format!("prep_enrich_chunk5_{w}x{h}"), draw(&s).backend());
            }
        }
        // a chunk of another request (a cancelled one) is dropped
        s.update(
            Action::GuideEnrichToken {
                request: request + 100,
                text: "stray".into(),
            },
            now(),
        );
        assert!(!s.prep.enriching.as_ref().unwrap().text.contains("stray"));
        let effects = s.update(
            Action::GuideSectionEnriched {
                request,
                enrichment: Box::new(enrichment(EnrichKind::ContextSummary, SUMMARY)),
                cached: false,
            },
            now(),
        );
        assert!(matches!(&effects[0], Effect::SaveGuide(g) if g.enrichment.len() == 1));
        let request = asked(&effects, EnrichKind::PredictedQuestions);
        let effects = s.update(
            Action::GuideSectionEnriched {
                request,
                enrichment: Box::new(enrichment(
                    EnrichKind::PredictedQuestions,
                    "- How would you make a ledger write idempotent?\n  - why: the posting stresses exactly-once payments.",
                )),
                cached: false,
            },
            now(),
        );
        let request = asked(&effects, EnrichKind::PlanRefinements);
        let effects = s.update(
            Action::GuideSectionEnriched {
                request,
                enrichment: Box::new(enrichment(
                    EnrichKind::PlanRefinements,
                    "- Day 1: add a mock on idempotency.",
                )),
                cached: true,
            },
            now(),
        );
        assert_eq!(effects.len(), 1, "only the save: {effects:?}");
        assert!(s.prep.enriching.is_none());
        let guide = s.prep.guide.as_deref().unwrap();
        assert_eq!(guide.enrichment.len(), 3);
        // the offline sections are kept, the additions follow them, labelled
        let (kind, md) = s.prep.current().unwrap();
        assert_eq!(*kind, SectionKind::Context);
        assert!(md.contains("### Callback drivers"));
        let heading = md
            .lines()
            .position(|l| {
                l.starts_with("### Role and company summary (written by an LLM: fake-model)")
            })
            .unwrap();
        assert!(md.contains("**Verify these facts.**"), "{md}");
        assert!(
            md.contains("the company name you gave (\"Northwind Pay\")"),
            "{md}"
        );
        for _ in 0..heading {
            key(&mut s, KeyCode::Char('j'));
        }
        insta::assert_snapshot!(format!("prep_enrich_done_{w}x{h}"), draw(&s).backend());
    }
}

#[test]
fn a_failed_section_keeps_the_offline_guide_and_says_why() {
    let mut s = llm_state((120, 40));
    let request = asked(
        &s.update(Action::EnrichGuide, now()),
        EnrichKind::ContextSummary,
    );
    let before = s.prep.guide.as_deref().unwrap().clone();
    let effects = s.update(
        Action::GuideEnrichFailed {
            request,
            message: "server 127.0.0.1 failed with 500".into(),
        },
        now(),
    );
    let [Effect::SaveGuide(saved)] = &effects[..] else {
        panic!("{effects:?}")
    };
    assert!(saved.enrichment.is_empty());
    assert_eq!(saved.predicted, before.predicted);
    let notice = s.prep.notice.as_ref().unwrap();
    assert!(notice.error);
    assert_eq!(
        notice.text,
        "LLM enrichment stopped at 1/3 (role and company summary): server 127.0.0.1 failed with 500. The offline guide stands."
    );
    assert_eq!(saved.enrichment_note.as_deref(), Some(notice.text.as_str()));
    assert!(
        buffer_text(&draw(&s)).contains("LLM enrichment stopped at 1/3"),
        "the reason is on screen"
    );
}

#[test]
fn leaving_the_screen_cancels_the_running_request() {
    let mut s = llm_state((120, 40));
    let request = asked(
        &s.update(Action::EnrichGuide, now()),
        EnrichKind::ContextSummary,
    );
    let effects = s.update(Action::Back, now());
    // the request stops, the guide is saved saying why its LLM sections are missing, home loads
    assert_eq!(effects.len(), 3, "{effects:?}");
    assert_eq!(effects[0], Effect::CancelGuideEnrich(request));
    let Effect::SaveGuide(saved) = &effects[1] else {
        panic!("{:?}", effects[1])
    };
    assert!(
        saved
            .enrichment_note
            .as_deref()
            .is_some_and(|n| n.contains("cancelled"))
    );
    assert_eq!(effects[2], Effect::LoadHome);
    assert_eq!(s.screen, Screen::Home);
    // its late result is dropped
    s.update(
        Action::GuideSectionEnriched {
            request,
            enrichment: Box::new(enrichment(EnrichKind::ContextSummary, SUMMARY)),
            cached: false,
        },
        now(),
    );
    assert!(s.prep.guide.as_deref().unwrap().enrichment.is_empty());
    // practise-these also leaves, and cancels first
    let mut s = llm_state((120, 40));
    let request = asked(
        &s.update(Action::EnrichGuide, now()),
        EnrichKind::ContextSummary,
    );
    let effects = s.update(Action::PractisePredicted, now());
    assert_eq!(effects[0], Effect::CancelGuideEnrich(request));
}

fn buffer_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}
