//! Resume defense: the resume's bullets, which are strong (numbers, owned verbs) or risky (vague
//! or borrowed claims), the probes each invites, and a STAR draft built only from the resume's
//! own words — anything the resume does not say is left as a question for the candidate.

use super::vocabulary::{SkillKind, Vocabulary};
use serde::{Deserialize, Serialize};

/// How a bullet will hold up when an interviewer probes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BulletStrength {
    /// Numbers and an owned verb: a story worth telling, expect depth probes.
    Strong,
    /// Vague, borrowed or unmeasured: expect "what exactly did you do?".
    Risky,
    /// Neither; not worth rehearsing first.
    Plain,
}

impl BulletStrength {
    /// A human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Strong => "strong",
            Self::Risky => "risky",
            Self::Plain => "plain",
        }
    }
}

/// What the bullet itself states: its numbers, names and leading verb.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facts {
    /// Numbers as written ("40%", "$2M", "120ms").
    pub numbers: Vec<String>,
    /// Names: capitalised words and skills as written ("Kafka", "Acme").
    pub names: Vec<String>,
    /// The leading verb, lower case, if any.
    pub verb: Option<String>,
}

/// One part of a STAR draft: a fact from the resume, or what the candidate must add.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "text", rename_all = "snake_case")]
pub enum StarPart {
    /// Words taken from the resume as written.
    Fact(String),
    /// The resume does not say; a prompt for what to add.
    Missing(String),
}

impl StarPart {
    /// The resume's words, if this part has them.
    pub fn fact(&self) -> Option<&str> {
        match self {
            Self::Fact(t) => Some(t),
            Self::Missing(_) => None,
        }
    }
}

/// A STAR outline for one bullet; facts only from the resume.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StarDraft {
    /// Where and when.
    pub situation: StarPart,
    /// What had to be achieved.
    pub task: StarPart,
    /// What the candidate did.
    pub action: StarPart,
    /// What came of it.
    pub result: StarPart,
}

impl StarDraft {
    /// The four parts with their labels.
    pub fn parts(&self) -> [(&'static str, &StarPart); 4] {
        [
            ("Situation", &self.situation),
            ("Task", &self.task),
            ("Action", &self.action),
            ("Result", &self.result),
        ]
    }
}

/// One resume bullet with the defense to prepare for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulletDefense {
    /// The bullet as written.
    pub bullet: String,
    /// The job heading above it, if any ("Senior Engineer, Acme (2021–2024)").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    /// Strong or risky.
    pub strength: BulletStrength,
    /// Why it was judged so.
    pub reasons: Vec<String>,
    /// What the bullet states.
    pub facts: Facts,
    /// Questions to expect about it.
    pub probes: Vec<String>,
    /// A STAR outline from the bullet's own facts.
    pub star: StarDraft,
}

const OWNED_VERBS: &[&str] = &[
    "led",
    "built",
    "designed",
    "launched",
    "owned",
    "created",
    "architected",
    "founded",
    "drove",
    "delivered",
    "shipped",
    "implemented",
    "migrated",
    "automated",
    "reduced",
    "increased",
    "cut",
    "grew",
    "improved",
    "scaled",
    "negotiated",
    "managed",
    "established",
    "introduced",
    "rebuilt",
    "wrote",
    "developed",
    "spearheaded",
    "mentored",
    "saved",
    "won",
    "closed",
    "modelled",
    "modeled",
    "analysed",
    "analyzed",
    "executed",
    "advised",
    "structured",
    "valued",
    "halved",
    "doubled",
    "raised",
    "hired",
    "redesigned",
    "defined",
    "ran",
    "authored",
    "optimised",
    "optimized",
    "prototyped",
    "decreased",
    "accelerated",
    "replaced",
    "consolidated",
];

const RESULT_VERBS: &[&str] = &[
    "reduced",
    "increased",
    "cut",
    "grew",
    "improved",
    "saved",
    "raised",
    "lifted",
    "boosted",
    "lowered",
    "halved",
    "doubled",
    "tripled",
    "generated",
    "achieved",
    "decreased",
    "accelerated",
    "shortened",
];

const WEAK_PHRASES: &[&str] = &[
    "helped",
    "assisted",
    "worked on",
    "involved in",
    "participated",
    "contributed to",
    "responsible for",
    "exposure to",
    "familiar with",
    "supported",
    "duties included",
    "tasked with",
    "various",
    "etc",
];

const VAGUE_CLAIMS: &[&str] = &[
    "significantly",
    "greatly",
    "dramatically",
    "substantially",
    "world-class",
    "best-in-class",
    "expert",
    "cutting-edge",
    "state-of-the-art",
    "numerous",
    "many",
    "several",
    "highly",
    "successfully",
];

const RESULT_MARKERS: &[&str] = &[
    ", cutting ",
    ", reducing ",
    ", saving ",
    ", increasing ",
    ", improving ",
    ", resulting in ",
    ", which ",
    ", leading to ",
    ", growing ",
    ", raising ",
    ", lifting ",
    ", boosting ",
    ", lowering ",
    ", halving ",
    ", doubling ",
    ", tripling ",
    ", generating ",
    ", delivering ",
    ", achieving ",
    ", enabling ",
    " resulting in ",
    " \u{2014} ",
    " - ",
    "; ",
];

const NON_EXPERIENCE: &[&str] = &[
    "skills",
    "education",
    "certification",
    "interests",
    "languages",
    "hobbies",
    "references",
    "awards",
    "publications",
    "contact",
];

/// A bullet of the resume with the heading above it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResumeBullet {
    /// The bullet as written, without its list marker.
    pub text: String,
    /// The nearest job heading above it.
    pub context: Option<String>,
}

fn strip_bullet(line: &str) -> Option<&str> {
    let t = line.trim_start();
    for marker in ["- ", "* ", "• ", "+ ", "· "] {
        if let Some(rest) = t.strip_prefix(marker) {
            return Some(rest.trim());
        }
    }
    None
}

/// The experience bullets of a resume, each with the job heading above it. Bullets under skills,
/// education and similar sections are skipped.
pub fn bullets(resume: &str) -> Vec<ResumeBullet> {
    let mut out = Vec::new();
    let mut context: Option<String> = None;
    let mut skip = false;
    for line in resume.lines() {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if let Some(text) = strip_bullet(line) {
            if !skip && text.split_whitespace().count() >= 3 {
                out.push(ResumeBullet {
                    text: text.to_string(),
                    context: context.clone(),
                });
            }
            continue;
        }
        let heading = t.trim_start_matches('#').trim().trim_matches('*').trim();
        let lower = heading.to_lowercase();
        if NON_EXPERIENCE.iter().any(|w| lower.starts_with(w)) {
            skip = true;
            context = None;
        } else if lower.starts_with("experience")
            || lower.starts_with("work experience")
            || lower.starts_with("employment")
            || lower.starts_with("professional experience")
        {
            skip = false;
            context = None;
        } else if !t.starts_with("# ") && looks_like_job_heading(heading) {
            // a job heading: "Senior Engineer, Acme (2021–2024)"
            context = Some(heading.to_string());
            skip = false;
        }
    }
    out
}

fn looks_like_job_heading(line: &str) -> bool {
    line.split_whitespace().count() <= 14
        && !line.ends_with('.')
        && (line.contains(',')
            || line.contains('|')
            || line.contains('\u{2014}')
            || line.contains('\u{2013}')
            || line.contains(" at ")
            || line.chars().any(|c| c.is_ascii_digit()))
}

fn trim_token(token: &str) -> &str {
    token
        .trim_start_matches(['(', '"', '\u{201c}'])
        .trim_end_matches([',', '.', ';', ':', ')', '"', '\u{201d}'])
}

/// What a bullet states: numbers, names and its leading verb.
pub fn facts_of(vocab: &Vocabulary, text: &str) -> Facts {
    let mut facts = Facts::default();
    let words: Vec<&str> = text.split_whitespace().collect();
    for (i, raw) in words.iter().enumerate() {
        let token = trim_token(raw);
        if token.is_empty() {
            continue;
        }
        let numeric = token
            .trim_start_matches(['$', '\u{a3}', '\u{20ac}', '~', '+', '-'])
            .starts_with(|c: char| c.is_ascii_digit());
        if numeric {
            // keep the unit word with the number: "2 million", "3 times"
            let unit = words.get(i + 1).map(|w| trim_token(w)).filter(|w| {
                matches!(
                    w.to_lowercase().as_str(),
                    "million"
                        | "billion"
                        | "thousand"
                        | "percent"
                        | "times"
                        | "users"
                        | "customers"
                        | "orders"
                )
            });
            facts.numbers.push(match unit {
                Some(u)
                    if !matches!(u.to_lowercase().as_str(), "users" | "customers" | "orders") =>
                {
                    format!("{token} {u}")
                }
                _ => token.to_string(),
            });
        } else if i > 0
            && !token.chars().any(|c| c.is_ascii_digit())
            && token.chars().next().is_some_and(char::is_uppercase)
            && !facts.names.iter().any(|n| n == token)
        {
            facts.names.push(token.to_string());
        }
        if i == 0 {
            let lower = token.to_lowercase();
            if OWNED_VERBS.contains(&lower.as_str())
                || WEAK_PHRASES
                    .iter()
                    .any(|w| w.split(' ').next() == Some(lower.as_str()))
            {
                facts.verb = Some(lower);
            }
        }
    }
    for m in vocab.find(text) {
        let written = &text[m.start..m.end];
        if !facts.names.iter().any(|n| n.eq_ignore_ascii_case(written)) {
            facts.names.push(written.to_string());
        }
    }
    facts
}

fn judge(text: &str, facts: &Facts) -> (BulletStrength, Vec<String>) {
    let lower = text.to_lowercase();
    let mut reasons = Vec::new();
    let owned = facts
        .verb
        .as_deref()
        .is_some_and(|v| OWNED_VERBS.contains(&v));
    let weak: Vec<&str> = WEAK_PHRASES
        .iter()
        .copied()
        .filter(|w| lower.contains(w))
        .collect();
    let vague: Vec<&str> = VAGUE_CLAIMS
        .iter()
        .copied()
        .filter(|w| {
            lower
                .match_indices(w)
                .any(|(i, _)| super::vocabulary::is_word_boundary(&lower, i, i + w.len()))
        })
        .collect();
    let measured = !facts.numbers.is_empty();
    if measured {
        reasons.push(format!("a number backs it ({})", facts.numbers.join(", ")));
    }
    if owned && let Some(v) = &facts.verb {
        reasons.push(format!("you own the verb (\u{201c}{v}\u{201d})"));
    }
    for w in &weak {
        reasons.push(format!("\u{201c}{w}\u{201d} hides what you did yourself"));
    }
    for w in &vague {
        reasons.push(format!(
            "\u{201c}{w}\u{201d} is a claim with nothing measured behind it"
        ));
    }
    if !measured && (owned || !weak.is_empty() || !vague.is_empty()) {
        reasons.push("no number: expect \u{201c}how much?\u{201d}".into());
    }
    let strength = if !weak.is_empty() || (!vague.is_empty() && !measured) {
        BulletStrength::Risky
    } else if measured && (owned || !facts.names.is_empty()) {
        BulletStrength::Strong
    } else if owned && !measured {
        BulletStrength::Risky
    } else {
        BulletStrength::Plain
    };
    (strength, reasons)
}

fn probes_for(
    text: &str,
    facts: &Facts,
    strength: BulletStrength,
    vocab: &Vocabulary,
) -> Vec<String> {
    let mut probes = Vec::new();
    let short: String = {
        let words: Vec<&str> = text.split_whitespace().take(8).collect();
        let mut s = words.join(" ");
        if text.split_whitespace().count() > 8 {
            s.push('…');
        }
        s
    };
    let metric = facts.numbers.iter().find(|n| {
        n.ends_with(['%', 'x', 'k', 'K', 'M', 'B'])
            || n.starts_with(['$', '\u{a3}', '\u{20ac}'])
            || n.ends_with("ms")
            || n.contains(' ')
    });
    if let Some(n) = metric {
        probes.push(format!(
            "How did you measure {n}? What was the baseline, and over what period?"
        ));
    }
    match strength {
        BulletStrength::Strong => {
            probes.push(format!(
                "In \u{201c}{short}\u{201d}, which part was yours and which was the team's?"
            ));
            probes.push("What went wrong along the way, and what would you do differently?".into());
        }
        BulletStrength::Risky => {
            probes.push(format!(
                "\u{201c}{short}\u{201d} \u{2014} what exactly did you do, step by step?"
            ));
            if facts.numbers.is_empty() {
                probes.push(
                    "What changed because of this work? Time, money, users or errors — give a number."
                        .into(),
                );
            }
        }
        BulletStrength::Plain => {}
    }
    if let Some(tool) = vocab
        .find(text)
        .into_iter()
        .map(|m| &text[m.start..m.end])
        .find(|t| {
            vocab
                .by_name(t)
                .or_else(|| vocab.find(t).first().map(|m| m.skill))
                .is_some_and(|i| {
                    matches!(
                        vocab.skill(i).kind,
                        SkillKind::Language
                            | SkillKind::Framework
                            | SkillKind::Tool
                            | SkillKind::DataStore
                            | SkillKind::Cloud
                    )
                })
        })
    {
        probes.push(format!(
            "Why {tool}? What did you consider instead, and what would you choose today?"
        ));
    }
    probes
}

fn clean_fragment(s: &str) -> String {
    s.trim()
        .trim_start_matches([',', ';', '-', '\u{2014}'])
        .trim()
        .trim_end_matches(['.', ',', ';'])
        .trim()
        .to_string()
}

/// A STAR outline for a bullet from its own words; `context` is the job heading above it.
pub fn star_draft(text: &str, context: Option<&str>) -> StarDraft {
    let situation = context.map_or_else(
        || {
            StarPart::Missing(
                "Where and when was this? Name the team, the product and what was at stake.".into(),
            )
        },
        |c| StarPart::Fact(c.to_string()),
    );
    let lower = text.to_lowercase();
    let task = ["in order to ", "so that ", "so as to "]
        .iter()
        .find_map(|m| lower.find(m).map(|i| clean_fragment(&text[i..])))
        .filter(|t| t.split_whitespace().count() >= 3)
        .map_or_else(
            || StarPart::Missing("What were you asked to achieve, and why did it matter?".into()),
            StarPart::Fact,
        );
    let marker = RESULT_MARKERS
        .iter()
        .filter_map(|m| lower.find(m).map(|i| (i, m.len())))
        .min_by_key(|(i, _)| *i);
    let first = lower.split_whitespace().next().unwrap_or("");
    let starts_with_result = RESULT_VERBS.contains(&first);
    let has_number = text.chars().any(|c| c.is_ascii_digit());
    let missing_action = || {
        StarPart::Missing("What did you do, step by step? Name the decisions and the tools.".into())
    };
    let missing_result =
        || StarPart::Missing("What was the outcome? Put a number on it if you can.".into());
    let (action, result) = if let Some((at, len)) = marker {
        let before = clean_fragment(&text[..at]);
        let after = clean_fragment(&text[at + len..]);
        let result_words = if text[at..at + len].trim().starts_with([',', ';']) {
            // keep the gerund ("cutting p99 latency…") as part of the result
            clean_fragment(&text[at + 1..])
        } else {
            after
        };
        (
            StarPart::Fact(before),
            if result_words.is_empty() {
                missing_result()
            } else {
                StarPart::Fact(result_words)
            },
        )
    } else if starts_with_result && has_number {
        let by_gerund = lower.match_indices(" by ").map(|(i, _)| i).find(|i| {
            lower[i + 4..]
                .split_whitespace()
                .next()
                .is_some_and(|w| w.ends_with("ing"))
        });
        match by_gerund {
            Some(i) => (
                StarPart::Fact(clean_fragment(&text[i + 4..])),
                StarPart::Fact(clean_fragment(&text[..i])),
            ),
            _ => (missing_action(), StarPart::Fact(clean_fragment(text))),
        }
    } else if has_number {
        (StarPart::Fact(clean_fragment(text)), missing_result())
    } else {
        (
            if text.split_whitespace().count() >= 3 {
                StarPart::Fact(clean_fragment(text))
            } else {
                missing_action()
            },
            missing_result(),
        )
    };
    StarDraft {
        situation,
        task,
        action,
        result,
    }
}

/// The defense for each strong or risky bullet of a resume, strong ones first, at most `limit`.
pub fn defend(vocab: &Vocabulary, resume: &str, limit: usize) -> Vec<BulletDefense> {
    let mut out: Vec<BulletDefense> = bullets(resume)
        .into_iter()
        .filter_map(|b| {
            let facts = facts_of(vocab, &b.text);
            let (strength, reasons) = judge(&b.text, &facts);
            if strength == BulletStrength::Plain {
                return None;
            }
            Some(BulletDefense {
                probes: probes_for(&b.text, &facts, strength, vocab),
                star: star_draft(&b.text, b.context.as_deref()),
                bullet: b.text,
                context: b.context,
                strength,
                reasons,
                facts,
            })
        })
        .collect();
    out.sort_by_key(|d| d.strength != BulletStrength::Strong);
    out.truncate(limit);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_action_and_result_at_the_gerund() {
        let d = star_draft(
            "Migrated billing to Kafka, cutting p99 latency from 800ms to 120ms.",
            Some("Backend Engineer, Acme"),
        );
        assert_eq!(d.situation, StarPart::Fact("Backend Engineer, Acme".into()));
        assert_eq!(d.action, StarPart::Fact("Migrated billing to Kafka".into()));
        assert_eq!(
            d.result,
            StarPart::Fact("cutting p99 latency from 800ms to 120ms".into())
        );
        assert!(matches!(d.task, StarPart::Missing(_)));
    }

    #[test]
    fn result_first_bullets_use_the_by_clause_as_action() {
        let d = star_draft(
            "Reduced churn by 12% by introducing onboarding emails",
            None,
        );
        assert_eq!(d.result, StarPart::Fact("Reduced churn by 12%".into()));
        assert_eq!(
            d.action,
            StarPart::Fact("introducing onboarding emails".into())
        );
    }

    #[test]
    fn vague_bullets_are_risky_and_measured_owned_ones_strong() {
        let v = Vocabulary::builtin();
        let f = facts_of(v, "Helped with various backend tasks");
        assert_eq!(
            judge("Helped with various backend tasks", &f).0,
            BulletStrength::Risky
        );
        let t = "Led the rebuild of search on Elasticsearch, cutting query time by 60%";
        let f = facts_of(v, t);
        assert_eq!(judge(t, &f).0, BulletStrength::Strong);
        assert_eq!(f.numbers, vec!["60%"]);
        assert!(f.names.iter().any(|n| n == "Elasticsearch"));
    }
}
