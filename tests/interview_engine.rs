//! The mock-interview state machine with the scripted interviewer: probes chosen by what an answer
//! missed, depth limits, the candidate-questions phase, every shipped persona end to end, time
//! limits, and the LLM prompt's bounded size.
#![allow(clippy::unwrap_used)]

use hotseat::bank::Bank;
use hotseat::domain::{
    Difficulty, InterviewStage, Persona, ProbeKind, Question, QuestionKind, Role, Speaker,
    TalkingPoint,
};
use hotseat::interview::prompt::{self, MAX_PROMPT_CHARS};
use hotseat::interview::{
    Cue, Interview, Interviewer, Length, LlmInterviewer, MockRecord, MockSetup, MockStatus, Phase,
    ScriptedInterviewer, plan_questions,
};
use jiff::{SignedDuration, Timestamp};
use uuid::Uuid;

fn t0() -> Timestamp {
    "2026-11-20T10:00:00Z".parse().unwrap()
}

fn at(secs: i64) -> Timestamp {
    t0() + SignedDuration::from_secs(secs)
}

fn persona(id: &str) -> Persona {
    Bank::load(None).bank.persona(id).unwrap().clone()
}

fn incident() -> Question {
    Question {
        id: "t-incident".into(),
        kind: QuestionKind::Behavioral,
        category: "ownership".into(),
        roles: vec![Role::Any],
        difficulty: Difficulty::Medium,
        time_limit_secs: None,
        prompt: "Tell me about a time you fixed a production incident under pressure.".into(),
        guidance: String::new(),
        talking_points: vec![
            TalkingPoint {
                point: "Stabilised first, then found the root cause".into(),
                evidence: vec!["rollback".into(), "root cause".into(), "mitigate".into()],
            },
            TalkingPoint {
                point: "Communicated with stakeholders".into(),
                evidence: vec!["status page".into(), "stakeholders".into()],
            },
        ],
        example_answer: String::new(),
        follow_ups: vec![],
        tags: vec![],
        stages: vec![],
    }
}

fn interview(persona_id: &str, questions: Vec<Question>) -> Interview {
    let p = persona(persona_id);
    let mut setup = MockSetup::new(&p, 30);
    setup.length = Length::Questions(u32::try_from(questions.len()).unwrap());
    Interview::new(Uuid::from_u128(42), setup, p, questions, t0())
}

/// Speaks the pending cue with the scripted interviewer; returns the words.
fn speak(i: &mut Interview, cue: &Cue, now: Timestamp) -> String {
    let text = ScriptedInterviewer.speak(i, cue).text;
    i.say(text.clone(), now);
    text
}

const NO_RESULT: &str = "Last year our checkout API started failing at 2 a.m. during a sale with 40,000 users online. \
    I was the on-call engineer, so I owned getting it back. I rolled back the morning deploy and updated the status page \
    for stakeholders, then I traced the root cause to a connection pool limit of 20 and I raised it after a load test.";

const WE_ONLY: &str = "Last year the checkout API started failing at 2 a.m. during a sale with 40,000 users online. \
    We rolled back the morning deploy and we updated the status page for stakeholders. Then we traced the root cause to a \
    connection pool limit and we raised it after a load test. As a result we lost under 0.5% of orders that night.";

const STRONG: &str = "Last year our checkout API started failing at 2 a.m. during a sale. I was the on-call engineer, \
    so I had to restore checkout quickly. I rolled back the morning deploy within 10 minutes and updated the status page \
    every 15 minutes for stakeholders. Then I traced the root cause to a connection pool limit and I raised it after a load test. \
    As a result we lost under 0.5% of orders, and I wrote the postmortem and added an alert on pool saturation.";

fn to_first_question(i: &mut Interview) {
    let cue = i.open();
    assert_eq!(cue, Cue::Opening);
    let opening = speak(i, &cue, t0());
    assert!(!opening.is_empty());
    let cue = i.answer(
        "I'm a backend engineer with six years on payments systems.",
        at(60),
    );
    assert_eq!(cue, Cue::Ask { index: 0 });
    let asked = speak(i, &cue, at(61));
    assert!(asked.contains("production incident"), "{asked}");
}

#[test]
fn an_answer_without_an_outcome_gets_the_outcome_probe() {
    let mut i = interview("neutral", vec![incident()]);
    to_first_question(&mut i);
    let cue = i.answer(NO_RESULT, at(180));
    let Cue::Probe { kind, index, .. } = &cue else {
        panic!("expected a probe, got {cue:?}")
    };
    assert_eq!((*kind, *index), (ProbeKind::NoResult, 0));
    let line = speak(&mut i, &cue, at(181));
    assert!(
        i.persona
            .probes
            .no_result
            .iter()
            .any(|p| line.contains(p.as_str())),
        "the probe is one of the persona's own no_result lines: {line}"
    );
}

#[test]
fn we_without_i_gets_the_ownership_probe() {
    let mut i = interview("neutral", vec![incident()]);
    to_first_question(&mut i);
    let cue = i.answer(WE_ONLY, at(180));
    assert!(
        matches!(
            cue,
            Cue::Probe {
                kind: ProbeKind::NoOwnership,
                ..
            }
        ),
        "{cue:?}"
    );
}

#[test]
fn a_strong_answer_moves_on_without_a_probe() {
    let mut i = interview("neutral", vec![incident()]);
    to_first_question(&mut i);
    let cue = i.answer(STRONG, at(180));
    assert_eq!(cue, Cue::InviteQuestions);
    assert!(i.records[0].report.as_ref().unwrap().total >= 60);
}

#[test]
fn follow_up_depth_limits_hold_per_persona() {
    for (id, depth) in [
        ("friendly", 1),
        ("neutral", 2),
        ("challenging", 3),
        ("executive", 1),
    ] {
        let mut i = interview(id, vec![incident(), incident_two()]);
        assert_eq!(i.persona.follow_up_depth, depth, "{id}");
        to_first_question(&mut i);
        let mut probes = 0;
        let mut clock = 200;
        loop {
            let cue = i.answer("We fixed it. It was fine in the end, basically.", at(clock));
            clock += 30;
            match cue {
                Cue::Probe { index: 0, .. } => {
                    probes += 1;
                    speak(&mut i, &cue, at(clock));
                }
                Cue::Ask { index: 1 } => break,
                other => panic!("{id}: unexpected {other:?}"),
            }
        }
        assert_eq!(
            probes, depth,
            "{id} asks exactly its depth of follow-ups on thin answers"
        );
        // a probe kind is never repeated on the same question
        let kinds = &i.records[0].probes;
        for (n, k) in kinds.iter().enumerate() {
            assert!(!kinds[n + 1..].contains(k), "{id}: {kinds:?}");
        }
    }
}

fn incident_two() -> Question {
    let mut q = incident();
    q.id = "t-incident-2".into();
    q.prompt = "Tell me about a time you disagreed with a teammate about a design.".into();
    q
}

#[test]
fn the_candidate_questions_phase_answers_from_the_persona_then_closes() {
    let mut i = interview("neutral", vec![incident()]);
    to_first_question(&mut i);
    let cue = i.answer(STRONG, at(180));
    assert_eq!(cue, Cue::InviteQuestions);
    let invite = speak(&mut i, &cue, at(181));
    assert!(
        i.persona
            .lines
            .candidate_questions
            .iter()
            .any(|l| invite.contains(l.as_str())),
        "{invite}"
    );
    let cue = i.answer("What does the team look like, and how big is it?", at(200));
    let Cue::AnswerCandidate {
        answer,
        topic,
        close,
        ..
    } = &cue
    else {
        panic!("{cue:?}")
    };
    let expected = i
        .persona
        .answer_for("What does the team look like, and how big is it?");
    assert_eq!(topic.as_deref(), expected.map(|a| a.topic.as_str()));
    assert_eq!(answer.as_str(), expected.unwrap().answer.trim());
    assert!(!close);
    let said = speak(&mut i, &cue, at(201));
    assert!(said.starts_with(answer.as_str()));
    // a question nothing prepared covers gets the persona's fallback, and the second one closes
    let cue = i.answer("What is your favourite pizza topping?", at(230));
    let Cue::AnswerCandidate { answer, close, .. } = &cue else {
        panic!("{cue:?}")
    };
    assert_eq!(answer.as_str(), i.persona.fallback_answer.trim());
    assert!(close);
    let said = speak(&mut i, &cue, at(231));
    assert!(
        i.persona
            .lines
            .closings
            .iter()
            .any(|c| said.contains(c.as_str())),
        "{said}"
    );
    assert!(i.is_closed());
    assert_eq!(i.ended_at, Some(at(230)));
}

#[test]
fn declining_to_ask_closes_the_interview() {
    let mut i = interview("friendly", vec![incident()]);
    to_first_question(&mut i);
    let cue = i.answer(STRONG, at(180));
    speak(&mut i, &cue, at(181));
    assert_eq!(i.answer("No, that's all from me.", at(190)), Cue::Close);
    assert!(i.is_closed());
}

#[test]
fn a_timed_interview_skips_remaining_questions_when_time_is_up() {
    let p = persona("neutral");
    let mut setup = MockSetup::new(&p, 10);
    setup.length = Length::Minutes(10);
    let mut i = Interview::new(
        Uuid::from_u128(7),
        setup,
        p,
        vec![incident(), incident_two()],
        t0(),
    );
    to_first_question(&mut i);
    // 8 minutes in (10 planned, 3 kept for the end): no probe, no next question
    let cue = i.answer(NO_RESULT, at(8 * 60));
    assert_eq!(cue, Cue::InviteQuestions);
    assert_eq!(i.phase, Phase::CandidateQuestions { asked: 0 });
}

#[test]
fn ending_early_closes_with_a_partial_report() {
    let mut i = interview("challenging", vec![incident(), incident_two()]);
    to_first_question(&mut i);
    let cue = i.answer(STRONG, at(180));
    speak(&mut i, &cue, at(181));
    assert_eq!(i.end_early(at(200)), Cue::Close);
    let record = MockRecord::new(i, "scripted", at(200));
    assert_eq!(record.status(), MockStatus::EndedEarly);
    let report = record.report.clone().unwrap();
    assert_eq!(report.answered, 1);
    assert!(report.ended_early);
    assert!(
        report.notes.iter().any(|n| n.contains("early")),
        "{:?}",
        report.notes
    );
    let session = record.session();
    assert_eq!(session.attempt_ids.len(), 1);
    assert_eq!(session.total, Some(report.total));
}

/// Plays a whole interview with canned answers; returns the record.
fn play(p: &Persona, bank: &Bank, seed: u64) -> Interview {
    let mut setup = MockSetup::new(p, 30);
    setup.length = Length::Questions(2);
    setup.role = Role::SoftwareEngineer;
    let questions = plan_questions(bank.questions(), p, &setup, seed);
    assert_eq!(questions.len(), 2, "{}", p.id);
    let mut i = Interview::new(
        Uuid::from_u128(u128::from(seed)),
        setup,
        p.clone(),
        questions,
        t0(),
    );
    let mut cue = i.open();
    let mut clock = 0;
    let mut turns = 0;
    while !i.is_closed() || i.pending.is_some() {
        let said = speak(&mut i, &cue, at(clock));
        assert!(!said.trim().is_empty(), "{}: empty line for {cue:?}", p.id);
        if i.is_closed() {
            break;
        }
        clock += 45;
        let reply = match i.phase {
            Phase::CandidateQuestions { asked: 0 } => "What are the next steps after this?",
            Phase::CandidateQuestions { .. } => "No, that's all. Thank you!",
            _ => STRONG,
        };
        cue = i.answer(reply, at(clock));
        turns += 1;
        assert!(turns < 30, "{}: the interview never closed", p.id);
    }
    i
}

#[test]
fn every_shipped_persona_runs_a_short_offline_interview() {
    let bank = Bank::load(None).bank;
    assert!(bank.personas().len() >= 8);
    for (n, p) in bank.personas().iter().enumerate() {
        let i = play(p, &bank, n as u64 + 1);
        assert!(i.is_closed(), "{}", p.id);
        assert_eq!(i.records.len(), 2, "{}", p.id);
        assert!(i.records.iter().all(|r| r.report.is_some()), "{}", p.id);
        let turns = &i.transcript.turns;
        assert_eq!(turns.first().unwrap().speaker, Speaker::Interviewer);
        assert_eq!(turns.last().unwrap().speaker, Speaker::Interviewer);
        for pair in turns.windows(2) {
            assert_ne!(
                pair[0].speaker, pair[1].speaker,
                "{}: turns alternate",
                p.id
            );
        }
        let record = MockRecord::new(i, "scripted", at(3600));
        let report = record.report.unwrap();
        assert_eq!(report.questions.len(), 2);
        assert!(!report.notes.is_empty() && !report.recommendations.is_empty());
        assert_eq!(report.interviewer, p.name);
    }
}

#[test]
fn the_record_round_trips_through_json_for_resume() {
    let bank = Bank::load(None).bank;
    let p = bank.persona("hiring_manager").unwrap();
    let i = play(p, &bank, 3);
    let record = MockRecord::new(i, "scripted", at(100));
    let json = serde_json::to_string(&record).unwrap();
    let restored: MockRecord = serde_json::from_str(&json).unwrap();
    assert_eq!(restored, record);
}

#[test]
fn the_llm_prompt_stays_bounded_over_fifteen_turns() {
    let bank = Bank::load(None).bank;
    let p = bank.persona("bar_raiser").unwrap().clone();
    let mut setup = MockSetup::new(&p, 120);
    setup.length = Length::Questions(12);
    setup.stage = InterviewStage::HiringManager;
    setup.set_job_description(
        &"We build payment systems in Rust and Go. ".repeat(200),
        "jd.md",
    );
    let questions = plan_questions(bank.questions(), &p, &setup, 5);
    let mut i = Interview::new(Uuid::from_u128(5), setup, p, questions, t0());
    let llm = LlmInterviewer { model: "m".into() };
    let long_answer = format!("{STRONG} ").repeat(6);
    let mut cue = i.open();
    let mut sizes = Vec::new();
    for turn in 0..15 {
        let u = llm.speak(&i, &cue);
        let prompt = u.prompt.unwrap();
        assert!(prompt.messages.len() <= 3 + prompt::RECENT_TURNS, "{turn}");
        sizes.push(prompt.chars());
        i.say(u.text, at(turn * 60));
        cue = i.answer(&long_answer, at(turn * 60 + 30));
    }
    let max = *sizes.iter().max().unwrap();
    assert!(
        max <= MAX_PROMPT_CHARS,
        "{max} > {MAX_PROMPT_CHARS}: {sizes:?}"
    );
    // after the window fills, the size stops growing with the interview's length
    let late = &sizes[6..];
    let spread = late.iter().max().unwrap() - late.iter().min().unwrap();
    assert!(spread < 1500, "{sizes:?}");
    assert!(sizes[14] < sizes[5] + 1500, "{sizes:?}");
}

#[test]
fn persona_lines_say_the_planned_length_not_a_fixed_one() {
    for id in [
        "friendly",
        "neutral",
        "challenging",
        "bar_raiser",
        "recruiter",
        "hiring_manager",
        "architect",
        "executive",
    ] {
        let p = persona(id);
        let mut setup = MockSetup::new(&p, 20);
        setup.length = Length::Minutes(20);
        let greetings = p.lines.greetings.clone();
        // Every greeting, whichever one the session picks.
        for salt in 0..u128::try_from(greetings.len()).unwrap() {
            let mut i = Interview::new(
                Uuid::from_u128(salt),
                setup.clone(),
                p.clone(),
                vec![incident()],
                t0(),
            );
            let cue = i.open();
            let opening = speak(&mut i, &cue, t0());
            assert!(!opening.contains("{minutes}"), "{id}: {opening}");
            for fixed in ["45 minutes", "30 minutes", "60 minutes"] {
                assert!(!opening.contains(fixed), "{id} says {fixed}: {opening}");
            }
        }
    }
    let p = persona("neutral");
    let mut setup = MockSetup::new(&p, 20);
    setup.length = Length::Minutes(20);
    let with_minutes = p
        .lines
        .greetings
        .iter()
        .position(|g| g.contains("{minutes}"))
        .expect("the neutral persona has a greeting that states the length");
    let opening = (0..128u128)
        .map(|seed| {
            let mut i = Interview::new(
                Uuid::from_u128(seed),
                setup.clone(),
                p.clone(),
                vec![],
                t0(),
            );
            let cue = i.open();
            speak(&mut i, &cue, t0())
        })
        .find(|o| o.starts_with(p.lines.greetings[with_minutes].split('{').next().unwrap()))
        .expect("some session picks that greeting");
    assert!(opening.contains("20 minutes"), "{opening}");
}
