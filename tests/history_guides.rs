//! Saved prep guides in History: listed with practice sessions newest first (date, company, role,
//! stage), snapshots at 80×24 and 120×40, opened read-only on the guide screen, and Back returns
//! to History.
#![allow(clippy::unwrap_used)]

#[path = "common/screens.rs"]
mod screens;

use hotseat::domain::{InterviewStage, Session, SessionKind};
use hotseat::interview::history::{self, HistoryKind};
use hotseat::prep::{EnrichKind, Enrichment, Guide, PrepInput, Vocabulary, build_guide};
use hotseat::store::{SledStore, Store};
use hotseat::tui::action::{Action, Screen};
use hotseat::tui::effect::Effect;
use jiff::Timestamp;
use screens::{draw, snap_bank, snap_state};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn guide(n: u128, jd: &str, company: &str, stage: InterviewStage, when: &str) -> Guide {
    let input = PrepInput {
        company: Some(company.into()),
        stage,
        days: 3,
        ..PrepInput::from_jd(fixture(jd))
    };
    build_guide(
        &input,
        &snap_bank(),
        Vocabulary::builtin(),
        uuid::Uuid::from_u128(n),
        at(when),
    )
}

/// A store with a practice session and two guides (one enriched by an LLM).
fn store(dir: &std::path::Path) -> SledStore {
    let store = SledStore::open(dir).unwrap();
    store
        .save_session(&Session {
            id: uuid::Uuid::from_u128(7),
            kind: SessionKind::Practice,
            started_at: at("2026-11-18T09:00:00Z"),
            ended_at: Some(at("2026-11-18T09:20:00Z")),
            question_ids: vec!["q1".into(), "q2".into()],
            attempt_ids: vec![],
            persona_id: None,
            label: "practice · mixed".into(),
            total: Some(64),
        })
        .unwrap();
    store
        .save_guide(&guide(
            1,
            "jd/finance.md",
            "Harbor Capital",
            InterviewStage::Final,
            "2026-11-17T08:00:00Z",
        ))
        .unwrap();
    let mut enriched = guide(
        2,
        "jd/backend.md",
        "Northwind Pay",
        InterviewStage::Technical,
        "2026-11-19T10:30:00Z",
    );
    enriched.add_enrichment(Enrichment {
        kind: EnrichKind::ContextSummary,
        source: "llm:fake-model".into(),
        text: "A summary.".into(),
        sources: vec!["the job description (pasted text)".into()],
        created_at: at("2026-11-19T10:31:00Z"),
    });
    store.save_guide(&enriched).unwrap();
    store
}

#[test]
fn guides_are_listed_with_sessions_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    let entries = history::list(&store).unwrap();
    let kinds: Vec<HistoryKind> = entries.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        vec![
            HistoryKind::Guide,
            HistoryKind::Practice,
            HistoryKind::Guide
        ]
    );
    let newest = &entries[0];
    assert_eq!(newest.company.as_deref(), Some("Northwind Pay"));
    assert_eq!(newest.stage, Some(InterviewStage::Technical));
    assert_eq!(newest.status, "technical");
    assert_eq!(
        newest.generated_by.as_deref(),
        Some("offline + llm:fake-model")
    );
    assert_eq!(
        newest.label,
        "Northwind Pay · Senior Backend Engineer, Payments Platform"
    );
    let json = serde_json::to_value(newest).unwrap();
    assert_eq!(json["kind"], "guide");
    assert_eq!(json["role"], "software_engineer");
    assert_eq!(json["stage"], "technical");
    // a session row has none of the guide fields
    let json = serde_json::to_value(&entries[1]).unwrap();
    assert_eq!(json["kind"], "practice");
    assert!(json.get("company").is_none());
}

#[test]
fn history_lists_guides_and_opens_one_read_only() {
    for (w, h) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        let entries = history::list(&store).unwrap();
        let mut s = snap_state((w, h));
        let now = at("2026-11-20T10:00:00Z");
        assert_eq!(
            s.update(Action::OpenHistory, now),
            vec![Effect::LoadHistoryList]
        );
        s.update(Action::HistoryListed(entries.clone()), now);
        insta::assert_snapshot!(format!("history_guides_{w}x{h}"), draw(&s).backend());

        // Enter on the guide loads it for the guide screen
        let effects = s.update(Action::Select, now);
        assert_eq!(effects, vec![Effect::LoadGuide(entries[0].id)]);
        let saved = store.guide(entries[0].id).unwrap().unwrap();
        s.update(Action::GuideLoaded(Box::new(saved)), now);
        assert_eq!(s.screen, Screen::PrepGuide);
        assert!(s.prep.read_only);
        // read-only: enrichment is not offered even with an LLM
        s.prep.llm_model = Some("fake-model".into());
        assert!(s.update(Action::EnrichGuide, now).is_empty());
        assert!(
            s.prep
                .notice
                .as_ref()
                .unwrap()
                .text
                .starts_with("Opened from History")
        );
        // Back returns to History, reloading the list
        assert_eq!(s.update(Action::Back, now), vec![Effect::LoadHistoryList]);
        assert_eq!(s.screen, Screen::History);
    }
}
