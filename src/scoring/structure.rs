//! Structure: labels each sentence with the move it makes for the question's kind (STAR for behavioral;
//! definition / mechanism / example / trade-offs for technical; …) and scores which moves are present.

use super::text::{Analyzed, Phrase, ratio, to_score};
use crate::domain::{Evidence, QuestionKind};
use std::collections::HashSet;
use std::sync::LazyLock;

/// One move of an answer's shape, with the cue phrases that signal it.
#[derive(Debug, Clone, Copy)]
pub struct Move {
    /// The label used in evidence spans, e.g. "situation".
    pub label: &'static str,
    /// A human name, e.g. "Situation".
    pub name: &'static str,
    /// How much it counts in the structure score (a kind's weights sum to 1).
    pub weight: f64,
    /// Cue phrases, plain words; matched by stem.
    pub cues: &'static [&'static str],
    /// What to add when the move is missing (advice, never a fact).
    pub hint: &'static str,
}

const BEHAVIORAL: &[Move] = &[
    Move {
        label: "situation",
        name: "Situation",
        weight: 0.2,
        cues: &[
            "at my last",
            "at my previous",
            "when i was",
            "i was working",
            "i worked",
            "back in",
            "last year",
            "our team",
            "the team",
            "the project",
            "we had",
            "we were",
            "company",
            "situation",
            "context",
            "background",
            "startup",
            "customer",
            "client",
            "there was",
        ],
        hint: "set the scene in one or two sentences: where, when, who was involved",
    },
    Move {
        label: "task",
        name: "Task",
        weight: 0.15,
        cues: &[
            "my goal",
            "my job",
            "my role",
            "my task",
            "i was responsible",
            "i was asked",
            "i needed to",
            "i had to",
            "responsible for",
            "tasked",
            "the goal",
            "the challenge",
            "the problem",
            "deadline",
            "i owned",
            "needed to",
            "had to",
        ],
        hint: "say what you were responsible for and what was at stake",
    },
    Move {
        label: "action",
        name: "Action",
        weight: 0.35,
        cues: &[
            "i decided",
            "i built",
            "i wrote",
            "i set up",
            "i proposed",
            "i started",
            "i met",
            "i talked",
            "i spoke",
            "i asked",
            "i created",
            "i organized",
            "i led",
            "i designed",
            "i worked with",
            "i reached out",
            "i scheduled",
            "i suggested",
            "i changed",
            "i introduced",
            "i pushed",
            "i took",
            "i made",
            "i ran",
            "i added",
            "i moved",
            "i focused",
            "i listened",
            "i explained",
            "i split",
            "i automated",
            "i paired",
            "first i",
            "then i",
            "so i",
            "next i",
        ],
        hint: "walk through the steps you personally took, in order",
    },
    Move {
        label: "result",
        name: "Result",
        weight: 0.3,
        cues: &[
            "as a result",
            "result",
            "in the end",
            "outcome",
            "ended up",
            "we shipped",
            "shipped",
            "launched",
            "reduced",
            "increased",
            "improved",
            "cut",
            "saved",
            "grew",
            "dropped",
            "percent",
            "learned",
            "since then",
            "afterwards",
            "eventually",
            "the impact",
            "delivered",
            "on time",
            "feedback was",
            "promoted",
            "from then on",
            "got faster",
            "got better",
            "went from",
            "went down",
            "halved",
            "doubled",
            "the relationship",
        ],
        hint: "finish with the result: what changed, ideally with a number, and what you learned",
    },
];

const TECHNICAL: &[Move] = &[
    Move {
        label: "definition",
        name: "Definition",
        weight: 0.3,
        cues: &[
            "is a",
            "is an",
            "is the",
            "are a",
            "refers to",
            "means",
            "defined as",
            "is when",
            "is used to",
            "stands for",
            "is basically",
            "is essentially",
            "are used",
        ],
        hint: "open with a one-line definition",
    },
    Move {
        label: "mechanism",
        name: "Mechanism",
        weight: 0.3,
        cues: &[
            "works by",
            "under the hood",
            "each",
            "every",
            "step",
            "first",
            "then",
            "after",
            "once",
            "because",
            "so that",
            "which means",
            "in order to",
            "by",
            "until",
            "whenever",
            "if the",
            "when the",
            "happens",
            "sends",
            "stores",
            "uses",
        ],
        hint: "explain how it works, step by step",
    },
    Move {
        label: "example",
        name: "Example",
        weight: 0.2,
        cues: &[
            "for example",
            "for instance",
            "e.g",
            "such as",
            "like when",
            "in my",
            "we used",
            "i used",
            "in practice",
            "imagine",
            "say you",
            "consider",
            "at my",
        ],
        hint: "add a concrete example from your own work",
    },
    Move {
        label: "tradeoffs",
        name: "Trade-offs",
        weight: 0.2,
        cues: &[
            "trade off",
            "tradeoff",
            "but",
            "however",
            "downside",
            "drawback",
            "cost",
            "on the other hand",
            "whereas",
            "advantage",
            "disadvantage",
            "pros",
            "cons",
            "instead",
            "versus",
            "vs",
            "compared to",
            "the catch",
            "limitation",
            "risk",
            "depends on",
            "unless",
            "rather than",
            "at the expense",
        ],
        hint: "name the trade-offs: when it is the wrong choice and what it costs",
    },
];

const SYSTEM_DESIGN: &[Move] = &[
    Move {
        label: "requirements",
        name: "Requirements",
        weight: 0.2,
        cues: &[
            "requirement",
            "functional",
            "non functional",
            "users should",
            "should support",
            "need to support",
            "scope",
            "clarify",
            "assume",
            "assumption",
            "use case",
            "latency",
            "availability",
            "sla",
            "read heavy",
            "write heavy",
        ],
        hint: "start by pinning down functional and non-functional requirements",
    },
    Move {
        label: "estimates",
        name: "Estimates",
        weight: 0.15,
        cues: &[
            "per second",
            "qps",
            "rps",
            "requests per",
            "million",
            "billion",
            "gb",
            "tb",
            "estimate",
            "back of the envelope",
            "storage",
            "bandwidth",
            "daily active",
            "peak",
            "per day",
            "throughput",
        ],
        hint: "size it: requests per second, storage, bandwidth",
    },
    Move {
        label: "components",
        name: "Components",
        weight: 0.2,
        cues: &[
            "service",
            "api",
            "load balancer",
            "gateway",
            "queue",
            "cache",
            "server",
            "worker",
            "cdn",
            "client",
            "endpoint",
            "microservice",
            "frontend",
            "backend",
            "broker",
        ],
        hint: "lay out the main components and how a request flows through them",
    },
    Move {
        label: "data",
        name: "Data model",
        weight: 0.15,
        cues: &[
            "database",
            "schema",
            "table",
            "sql",
            "nosql",
            "key value",
            "index",
            "store",
            "record",
            "column",
            "row",
            "document",
            "blob",
            "object storage",
            "primary key",
        ],
        hint: "describe the data model and where each piece of data lives",
    },
    Move {
        label: "scaling",
        name: "Scaling",
        weight: 0.15,
        cues: &[
            "scale",
            "shard",
            "partition",
            "replica",
            "replicate",
            "horizontal",
            "autoscaling",
            "bottleneck",
            "hot spot",
            "fan out",
            "read replica",
            "consistent hashing",
            "rate limit",
            "failover",
            "redundancy",
        ],
        hint: "say how it scales and what breaks first",
    },
    Move {
        label: "tradeoffs",
        name: "Trade-offs",
        weight: 0.15,
        cues: &[
            "trade off",
            "tradeoff",
            "consistency",
            "eventual",
            "however",
            "but",
            "downside",
            "cost",
            "instead",
            "rather than",
            "alternative",
            "versus",
            "vs",
            "at the expense",
        ],
        hint: "close with the trade-offs you made and the alternatives",
    },
];

const SITUATIONAL: &[Move] = &[
    Move {
        label: "clarify",
        name: "Clarify",
        weight: 0.25,
        cues: &[
            "first i would",
            "first i'd",
            "understand",
            "ask",
            "clarify",
            "find out",
            "gather",
            "talk to",
            "look at",
            "check",
            "investigate",
            "learn more",
            "get context",
            "figure out",
        ],
        hint: "start by saying what you would find out first",
    },
    Move {
        label: "options",
        name: "Options",
        weight: 0.25,
        cues: &[
            "option",
            "either",
            "alternatively",
            "one approach",
            "another",
            "could",
            "or i",
            "on one hand",
            "the other",
            "choices",
            "possibilities",
            "weigh",
        ],
        hint: "lay out the options you would weigh",
    },
    Move {
        label: "decision",
        name: "Decision",
        weight: 0.3,
        cues: &[
            "i would",
            "i'd",
            "decide",
            "choose",
            "go with",
            "prioritize",
            "recommend",
            "my call",
            "i will",
            "i'll",
            "the right thing",
            "escalate",
            "propose",
        ],
        hint: "commit to a decision and say why",
    },
    Move {
        label: "follow_through",
        name: "Follow-through",
        weight: 0.2,
        cues: &[
            "follow up",
            "afterwards",
            "after that",
            "monitor",
            "check in",
            "retro",
            "retrospective",
            "measure",
            "communicate",
            "document",
            "next time",
            "keep",
            "make sure",
            "update",
            "review",
        ],
        hint: "say how you would follow through and check it worked",
    },
];

const COMPANY: &[Move] = &[
    Move {
        label: "research",
        name: "Research",
        weight: 0.3,
        cues: &[
            "your product",
            "your mission",
            "your customers",
            "your team",
            "your company",
            "mission",
            "product",
            "customers",
            "i read",
            "i noticed",
            "i saw",
            "values",
            "culture",
            "blog",
            "recently",
            "announced",
        ],
        hint: "show what you know about the company, specifically",
    },
    Move {
        label: "fit",
        name: "Fit",
        weight: 0.25,
        cues: &[
            "my experience",
            "i have",
            "i've",
            "my background",
            "skills",
            "i worked",
            "at my",
            "years",
            "i built",
            "i led",
        ],
        hint: "connect it to your own experience",
    },
    Move {
        label: "motivation",
        name: "Motivation",
        weight: 0.2,
        cues: &[
            "excited",
            "because",
            "want",
            "passion",
            "interest",
            "motivation",
            "care about",
            "drawn to",
            "love",
            "why",
        ],
        hint: "say why it matters to you",
    },
    Move {
        label: "contribution",
        name: "Contribution",
        weight: 0.25,
        cues: &[
            "contribute",
            "bring",
            "help",
            "impact",
            "add",
            "in my first",
            "i could",
            "i can",
            "i would",
            "i'd",
        ],
        hint: "say what you would bring or do in the role",
    },
];

const QUESTIONS_TO_ASK: &[Move] = &[
    Move {
        label: "question",
        name: "Questions",
        weight: 0.5,
        cues: &[],
        hint: "ask actual questions, each ending in a question mark",
    },
    Move {
        label: "role_focus",
        name: "Role and team",
        weight: 0.3,
        cues: &[
            "team",
            "success",
            "first 90 days",
            "first few months",
            "challenge",
            "measure",
            "expect",
            "day to day",
            "onboarding",
            "roadmap",
            "priorities",
            "decision",
            "growth",
        ],
        hint: "ask about the team, how success is measured, or the hardest problem",
    },
    Move {
        label: "reason",
        name: "Reason",
        weight: 0.2,
        cues: &[
            "because",
            "i ask",
            "curious",
            "i'd love",
            "i would love",
            "i noticed",
            "i read",
        ],
        hint: "say briefly why you ask, tying it to what you care about",
    },
];

/// The moves of an answer of `kind`, in the order a strong answer makes them.
pub fn moves(kind: QuestionKind) -> &'static [Move] {
    match kind {
        QuestionKind::Behavioral => BEHAVIORAL,
        QuestionKind::Technical => TECHNICAL,
        QuestionKind::SystemDesign => SYSTEM_DESIGN,
        QuestionKind::Situational => SITUATIONAL,
        QuestionKind::Company => COMPANY,
        QuestionKind::QuestionsToAsk => QUESTIONS_TO_ASK,
    }
}

/// Cue phrases per move, stemmed once per kind.
struct PreparedMoves {
    cues: Vec<Vec<Phrase>>,
}

fn prepare(kind: QuestionKind) -> PreparedMoves {
    PreparedMoves {
        cues: moves(kind)
            .iter()
            .map(|m| m.cues.iter().map(|c| Phrase::new(c)).collect())
            .collect(),
    }
}

static PREPARED: LazyLock<Vec<PreparedMoves>> =
    LazyLock::new(|| QuestionKind::ALL.iter().map(|k| prepare(*k)).collect());

fn prepared(kind: QuestionKind) -> &'static PreparedMoves {
    let i = QuestionKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or_default();
    &PREPARED[i]
}

/// What structure found in an answer.
#[derive(Debug, Clone, Default)]
pub struct StructureResult {
    /// 0–100.
    pub score: u8,
    /// One line on why.
    pub note: String,
    /// For each sentence, the index of the move it makes, if any.
    pub sentence_moves: Vec<Option<usize>>,
    /// The moves present (indices into [`moves`]).
    pub present: Vec<usize>,
    /// Labelled sentence spans.
    pub evidence: Vec<Evidence>,
}

/// Counts cue hits of each move in each sentence (exact stem sequences only; no windows).
fn cue_hits(kind: QuestionKind, answer: &Analyzed, sentence: usize) -> Vec<f64> {
    let tokens = answer.sentence_tokens(sentence);
    let stems: HashSet<&str> = tokens.iter().map(|t| t.stem.as_str()).collect();
    prepared(kind)
        .cues
        .iter()
        .map(|cues| {
            let hits = cues
                .iter()
                .filter(|c| {
                    let n = c.stems.len();
                    n > 0
                        && stems.contains(c.stems[0].as_str())
                        && tokens.len() >= n
                        && (0..=tokens.len() - n)
                            .any(|i| (0..n).all(|k| tokens[i + k].stem == c.stems[k]))
                })
                .count();
            ratio(hits, 1)
        })
        .collect()
}

fn first_person(tokens: &[super::text::Token]) -> bool {
    tokens
        .iter()
        .any(|t| matches!(t.lower.as_str(), "i" | "i'm" | "i've" | "i'd" | "my"))
}

/// Irregular past-tense verbs common in stories ("I built", "I led").
const PAST_IRREGULAR: &[&str] = &[
    "began",
    "brought",
    "built",
    "chose",
    "did",
    "drew",
    "drove",
    "found",
    "gave",
    "got",
    "had",
    "kept",
    "led",
    "made",
    "met",
    "ran",
    "rewrote",
    "sent",
    "set",
    "spent",
    "spoke",
    "stood",
    "took",
    "told",
    "took over",
    "went",
    "won",
    "wrote",
];

/// Whether the sentence has "I" followed by a past-tense verb: the mark of an action.
fn i_did(tokens: &[super::text::Token]) -> bool {
    tokens.windows(2).any(|w| {
        w[0].lower == "i"
            && (w[1].lower.ends_with("ed") || PAST_IRREGULAR.contains(&w[1].lower.as_str()))
    })
}

fn note(all: &[Move], present: &[usize]) -> String {
    let names: Vec<&str> = present.iter().map(|m| all[*m].name).collect();
    let missing: Vec<&str> = all
        .iter()
        .enumerate()
        .filter(|(i, _)| !present.contains(i))
        .map(|(_, m)| m.name)
        .collect();
    if missing.is_empty() {
        format!("has every part: {}", names.join(", "))
    } else if names.is_empty() {
        format!("no clear {}", missing.join(" / "))
    } else {
        format!("has {}; missing {}", names.join(", "), missing.join(", "))
    }
}

/// Scores the structure of an analyzed answer for `kind`. `text` is the answer (for `?` checks).
pub fn score(kind: QuestionKind, text: &str, answer: &Analyzed) -> StructureResult {
    let all = moves(kind);
    let n = answer.sentences.len();
    let mut result = StructureResult {
        sentence_moves: vec![None; n],
        ..StructureResult::default()
    };
    if n == 0 {
        result.note = "no sentences to structure".into();
        return result;
    }
    for s in 0..n {
        let mut hits = cue_hits(kind, answer, s);
        let tokens = answer.sentence_tokens(s);
        let sentence = &answer.sentences[s];
        match kind {
            QuestionKind::Behavioral => {
                if s == 0 {
                    hits[0] += 0.5;
                }
                if s + 1 == n && n > 2 {
                    hits[3] += 0.5;
                }
                if i_did(tokens) {
                    hits[2] += 0.9;
                } else if first_person(tokens) {
                    hits[2] += 0.4;
                }
            }
            QuestionKind::Technical if s == 0 => {
                hits[0] += 0.3;
            }
            QuestionKind::QuestionsToAsk => {
                // a question may sit inside quotes: `ask: "What does success look like?"`
                let asks = text[sentence.start..sentence.end]
                    .trim_end()
                    .trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')'])
                    .ends_with('?');
                if asks {
                    hits[0] += 10.0;
                }
            }
            _ => {}
        }
        let best = hits
            .iter()
            .enumerate()
            .filter(|(_, h)| **h >= 0.9)
            .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)))
            .map(|(i, _)| i);
        result.sentence_moves[s] = best;
        if let Some(m) = best {
            result.evidence.push(Evidence {
                label: all[m].label.to_string(),
                start: sentence.start,
                end: sentence.end,
            });
        }
    }
    // Questions to ask: a role or reason cue anywhere counts, even inside a question.
    let anywhere: Vec<bool> = if kind == QuestionKind::QuestionsToAsk {
        (0..all.len())
            .map(|m| (0..n).any(|s| cue_hits(kind, answer, s)[m] >= 1.0))
            .collect()
    } else {
        vec![false; all.len()]
    };
    let mut credit = 0.0;
    for (i, m) in all.iter().enumerate() {
        if result.sentence_moves.contains(&Some(i)) || anywhere[i] {
            result.present.push(i);
            credit += m.weight;
        }
    }
    // Behavioral: a task folded into the situation still earns half.
    if kind == QuestionKind::Behavioral
        && !result.present.contains(&1)
        && result.present.contains(&0)
    {
        credit += all[1].weight / 2.0;
    }
    // Moves in the expected order read better.
    let firsts: Vec<usize> = result
        .present
        .iter()
        .filter_map(|m| result.sentence_moves.iter().position(|x| *x == Some(*m)))
        .collect();
    let ordered = firsts.windows(2).all(|w| w[0] <= w[1]);
    if !ordered && matches!(kind, QuestionKind::Behavioral | QuestionKind::Situational) {
        credit *= 0.85;
    }
    // One-sentence answers cannot show much shape.
    if n == 1 {
        credit = credit.min(0.4);
    }
    result.score = to_score(credit);
    result.note = note(all, &result.present);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(kind: QuestionKind, text: &str) -> StructureResult {
        score(kind, text, &Analyzed::new(text))
    }

    const STAR: &str = "At my last company our checkout service kept timing out during sales. \
        I was responsible for fixing it before Black Friday. \
        I profiled the service, found an N+1 query, and I rewrote it as a batch call. \
        As a result p99 latency dropped from 2 seconds to 300 ms and we had no outage that weekend.";

    #[test]
    fn behavioral_star_story_labels_each_part() {
        let r = run(QuestionKind::Behavioral, STAR);
        let labels: Vec<&str> = r.evidence.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(labels, ["situation", "task", "action", "result"]);
        assert!(r.score >= 95, "{}", r.score);
        assert_eq!(
            &STAR[r.evidence[3].start..r.evidence[3].start + 11],
            "As a result"
        );
    }

    #[test]
    fn behavioral_without_result_is_weaker() {
        let r = run(
            QuestionKind::Behavioral,
            "At my last company the build was slow. I decided to add caching and I set up a remote cache.",
        );
        assert!(r.score < 80, "{}", r.score);
        assert!(r.note.contains("Result"), "{}", r.note);
    }

    #[test]
    fn technical_shape() {
        let good = run(
            QuestionKind::Technical,
            "A mutex is a lock that lets one thread into a critical section at a time. \
             It works by having each thread acquire it first, and the others block until it is released. \
             For example, we used one to guard a shared cache. \
             The downside is contention: under load threads wait, so a read-write lock can be better.",
        );
        assert!(good.score >= 90, "{} {}", good.score, good.note);
        let weak = run(QuestionKind::Technical, "Mutex good.");
        assert!(weak.score <= 40, "{}", weak.score);
    }

    #[test]
    fn system_design_and_situational_and_questions() {
        let sd = run(
            QuestionKind::SystemDesign,
            "First the requirements: users should shorten a URL and be redirected with low latency. \
             Estimate 100 million redirects per day, about 1200 per second. \
             An API service behind a load balancer writes to a key value store with a cache in front. \
             The table maps the short code to the long URL. \
             We scale reads with replicas and shard by code. \
             The trade-off is eventual consistency for new links.",
        );
        assert!(sd.score >= 90, "{} {}", sd.score, sd.note);
        let sit = run(
            QuestionKind::Situational,
            "First I would talk to the customer to understand the impact. \
             One option is a hotfix, another is a rollback. \
             I would choose the rollback because it is safer. \
             Afterwards I would follow up with a retro.",
        );
        assert!(sit.score >= 90, "{} {}", sit.score, sit.note);
        let ask = run(
            QuestionKind::QuestionsToAsk,
            "How does the team measure success in the first 90 days? I ask because I like clear goals.",
        );
        assert!(ask.score >= 90, "{} {}", ask.score, ask.note);
    }

    #[test]
    fn gibberish_and_empty_have_no_structure() {
        assert_eq!(run(QuestionKind::Behavioral, "").score, 0);
        assert!(run(QuestionKind::SystemDesign, "asdf qwer zxcv").score <= 20);
    }
}
