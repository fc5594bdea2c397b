//! Offline reading of a job description: role category, seniority, skills and tools, the callback
//! drivers (the requirements the posting stresses most) and the description with them in bold.

use super::vocabulary::{SkillKind, Vocabulary};
use crate::domain::Role;
use serde::{Deserialize, Serialize};

/// How senior the role is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Seniority {
    /// An internship or placement.
    Intern,
    /// Graduate, junior or entry level.
    Junior,
    /// Mid level: a few years in.
    Mid,
    /// Senior.
    Senior,
    /// Staff, principal or lead.
    Staff,
    /// Head of, director, VP or chief.
    Director,
}

impl Seniority {
    /// A human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Intern => "Intern",
            Self::Junior => "Junior / entry level",
            Self::Mid => "Mid level",
            Self::Senior => "Senior",
            Self::Staff => "Staff / principal / lead",
            Self::Director => "Director and above",
        }
    }
}

/// A skill found in the posting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillHit {
    /// The skill's name.
    pub name: String,
    /// What sort of skill.
    pub kind: SkillKind,
    /// How many times the posting mentions it.
    pub count: u32,
    /// Bank tags whose questions exercise it.
    pub tags: Vec<String>,
}

/// A requirement the posting stresses most: likely to decide the callback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Driver {
    /// The requirement as written.
    pub text: String,
    /// Skills it names.
    pub skills: Vec<String>,
    /// How strongly it is stressed (higher is stronger).
    pub weight: u32,
    /// Why it counts as stressed: emphasis words, repetition, position.
    pub reasons: Vec<String>,
}

/// What the offline analysis found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    /// The job title, as given or as read from the first line.
    pub title: String,
    /// The role category.
    pub role: Role,
    /// Why that role: the title phrase or the skills that decided it.
    pub role_reason: String,
    /// How senior.
    pub seniority: Seniority,
    /// Why that seniority.
    pub seniority_reason: String,
    /// Skills and tools, most mentioned first.
    pub skills: Vec<SkillHit>,
    /// The one to three requirements stressed most, strongest first.
    pub drivers: Vec<Driver>,
    /// The description with the drivers in **bold**.
    pub highlighted: String,
}

impl Analysis {
    /// Skills named by the drivers, then the rest, without repeats.
    pub fn top_skills(&self) -> Vec<&SkillHit> {
        let mut out: Vec<&SkillHit> = Vec::new();
        for d in &self.drivers {
            for name in &d.skills {
                if let Some(hit) = self.skills.iter().find(|s| &s.name == name)
                    && !out.iter().any(|h| h.name == hit.name)
                {
                    out.push(hit);
                }
            }
        }
        for hit in &self.skills {
            if !out.iter().any(|h| h.name == hit.name) {
                out.push(hit);
            }
        }
        out
    }
}

/// The kind of a block of the posting, from the heading above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Intro,
    Duties,
    Required,
    Bonus,
    Boilerplate,
}

/// One requirement-sized piece of the posting: a bullet or a sentence, with its byte range.
#[derive(Debug, Clone)]
struct Unit {
    start: usize,
    end: usize,
    part: Part,
    /// Position among the units of its part (0 = first).
    rank: usize,
}

const EMPHASIS: &[(&str, u32)] = &[
    ("must", 3),
    ("required", 3),
    ("requirement", 3),
    ("essential", 3),
    ("critical", 2),
    ("strong", 2),
    ("deep", 2),
    ("expert", 2),
    ("expertise", 2),
    ("proven", 2),
    ("extensive", 2),
    ("excellent", 1),
    ("solid", 1),
    ("hands-on", 1),
    ("significant", 1),
    ("demonstrated", 1),
];

const SOFTENERS: &[&str] = &[
    "nice to have",
    "nice-to-have",
    "bonus",
    "a plus",
    "is a plus",
    "preferred",
    "desirable",
    "ideally",
];

fn part_of_heading(heading: &str) -> Option<Part> {
    let h = heading.to_lowercase();
    let any = |words: &[&str]| words.iter().any(|w| h.contains(w));
    if any(&[
        "nice to have",
        "nice-to-have",
        "bonus",
        "preferred",
        "desirable",
        "plus",
    ]) {
        Some(Part::Bonus)
    } else if any(&[
        "requirement",
        "qualification",
        "you have",
        "you'll need",
        "you will need",
        "you bring",
        "looking for",
        "must have",
        "must-have",
        "about you",
        "who you are",
        "skills",
        "experience",
        "what it takes",
    ]) {
        Some(Part::Required)
    } else if any(&[
        "responsibilit",
        "what you'll do",
        "what you will do",
        "you will",
        "the role",
        "day to day",
        "day-to-day",
        "your impact",
        "what you'll work on",
        "duties",
    ]) {
        Some(Part::Duties)
    } else if any(&[
        "about us",
        "benefit",
        "perks",
        "we offer",
        "compensation",
        "salary",
        "equal opportunity",
        "why join",
        "why us",
        "how to apply",
        "our values",
        "life at",
    ]) {
        Some(Part::Boilerplate)
    } else {
        None
    }
}

/// Strips a list marker (`- `, `* `, `• `, `1. `, `2) `); returns the offset where the text starts.
fn bullet_offset(line: &str) -> Option<usize> {
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    for marker in ["- ", "* ", "• ", "+ ", "· "] {
        if trimmed.starts_with(marker) {
            return Some(indent + marker.len());
        }
    }
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits < 3 {
        let rest = &trimmed[digits..];
        if rest.starts_with(". ") || rest.starts_with(") ") {
            return Some(indent + digits + 2);
        }
    }
    None
}

/// Whether a line is a heading: Markdown `#`, or a short line ending in a colon, or a short line
/// without a full stop followed by bullets (decided by the caller).
fn heading_text(line: &str) -> Option<&str> {
    let t = line.trim();
    if let Some(rest) = t.strip_prefix('#') {
        return Some(rest.trim_start_matches('#').trim());
    }
    let words = t.split_whitespace().count();
    if t.ends_with(':') && words <= 8 {
        return Some(t.trim_end_matches(':').trim());
    }
    let bold = t.starts_with("**") && t.ends_with("**") && t.len() > 4;
    if bold && words <= 8 {
        return Some(t.trim_matches('*').trim_end_matches(':').trim());
    }
    None
}

/// Splits `line` (starting at byte `base` of the text) into sentences.
fn sentences(line: &str, base: usize, out: &mut Vec<(usize, usize)>) {
    let bytes = line.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let ends = matches!(c, b'.' | b'!' | b'?')
            && bytes.get(i + 1) == Some(&b' ')
            && bytes
                .get(i + 2)
                .is_some_and(|n| n.is_ascii_uppercase() || *n == b'"');
        if ends {
            push_trimmed(line, base, start, i + 1, out);
            start = i + 2;
        }
        i += 1;
    }
    push_trimmed(line, base, start, line.len(), out);
}

fn push_trimmed(line: &str, base: usize, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let piece = &line[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if piece.split_whitespace().count() >= 2 {
        out.push((base + start + lead, base + end - trail));
    }
}

fn units_of(text: &str) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut part = Part::Intro;
    let mut rank = 0;
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let base = offset;
        offset += raw.len();
        if line.trim().is_empty() {
            continue;
        }
        if let Some(start) = bullet_offset(line) {
            let mut pieces = Vec::new();
            push_trimmed(
                &line[start..],
                base + start,
                0,
                line.len() - start,
                &mut pieces,
            );
            for (s, e) in pieces {
                units.push(Unit {
                    start: s,
                    end: e,
                    part,
                    rank,
                });
                rank += 1;
            }
            continue;
        }
        if let Some(h) = heading_text(line) {
            part = part_of_heading(h).unwrap_or(if part == Part::Boilerplate {
                Part::Intro
            } else {
                part
            });
            rank = 0;
            continue;
        }
        let mut pieces = Vec::new();
        sentences(line, base, &mut pieces);
        for (s, e) in pieces {
            units.push(Unit {
                start: s,
                end: e,
                part,
                rank,
            });
            rank += 1;
        }
    }
    units
}

fn contains_word(haystack: &str, word: &str) -> bool {
    haystack
        .match_indices(word)
        .any(|(i, _)| super::vocabulary::is_word_boundary(haystack, i, i + word.len()))
}

/// Years of experience asked for in `text` ("5+ years", "3-5 years", "at least 4 years").
pub fn years_asked(text: &str) -> Option<u32> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        let next = words.get(i + 1).copied().unwrap_or("");
        if !(next.starts_with("year") || next.starts_with("yrs")) {
            continue;
        }
        let number: String = w
            .trim_start_matches('(')
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if let Ok(n) = number.parse::<u32>()
            && (1..=30).contains(&n)
        {
            return Some(n);
        }
    }
    None
}

fn detect_seniority(title: &str, text: &str) -> (Seniority, String) {
    let t = title.to_lowercase();
    let keyword = [
        ("intern", Seniority::Intern),
        ("internship", Seniority::Intern),
        ("placement", Seniority::Intern),
        ("graduate", Seniority::Junior),
        ("junior", Seniority::Junior),
        ("entry level", Seniority::Junior),
        ("entry-level", Seniority::Junior),
        ("associate product manager", Seniority::Junior),
        ("associate consultant", Seniority::Junior),
        ("analyst", Seniority::Junior),
        ("head of", Seniority::Director),
        ("director", Seniority::Director),
        ("vp", Seniority::Director),
        ("vice president", Seniority::Director),
        ("chief", Seniority::Director),
        ("staff", Seniority::Staff),
        ("principal", Seniority::Staff),
        ("lead", Seniority::Staff),
        ("distinguished", Seniority::Staff),
        ("senior", Seniority::Senior),
        ("sr", Seniority::Senior),
        ("sr.", Seniority::Senior),
        ("mid-level", Seniority::Mid),
        ("mid level", Seniority::Mid),
    ];
    // The strongest signal in the title wins ("Senior Analyst" is senior, not junior).
    let from_title = keyword
        .iter()
        .filter(|(k, _)| contains_word(&t, k))
        .max_by_key(|(k, s)| (*s != Seniority::Junior || *k != "analyst", *s))
        .map(|(k, s)| (*s, format!("the title says \u{201c}{k}\u{201d}")));
    let years = years_asked(text);
    match (from_title, years) {
        (Some((Seniority::Junior, _)), Some(y)) if y >= 3 => (
            Seniority::Mid,
            format!("the title reads junior but the posting asks for {y}+ years"),
        ),
        (Some(found), _) => found,
        (None, Some(y)) => {
            let s = match y {
                0..=1 => Seniority::Junior,
                2..=4 => Seniority::Mid,
                5..=7 => Seniority::Senior,
                _ => Seniority::Staff,
            };
            (s, format!("the posting asks for {y}+ years of experience"))
        }
        (None, None) => (
            Seniority::Mid,
            "no level in the title and no years asked for; assumed mid level".into(),
        ),
    }
}

fn first_line_title(text: &str) -> String {
    text.lines()
        .map(|l| {
            l.trim()
                .trim_start_matches('#')
                .trim()
                .trim_matches('*')
                .trim()
        })
        .find(|l| !l.is_empty())
        .unwrap_or("")
        .chars()
        .take(120)
        .collect()
}

fn detect_role(
    vocab: &Vocabulary,
    title: &str,
    text: &str,
    counts: &[(usize, usize)],
) -> (Role, String) {
    let title_lower = title.to_lowercase();
    let text_lower = text.to_lowercase();
    let mut scores: Vec<(Role, u32)> = Role::ALL.iter().map(|r| (*r, 0)).collect();
    let add = |scores: &mut Vec<(Role, u32)>, role: Role, points: u32| {
        if let Some((_, s)) = scores.iter_mut().find(|(r, _)| *r == role) {
            *s += points;
        }
    };
    // the longest title phrase found in the title decides most (tenths of a point below)
    let mut best_title: Option<(Role, &str)> = None;
    for rt in vocab.role_titles() {
        for phrase in &rt.titles {
            if contains_word(&title_lower, phrase)
                && best_title.is_none_or(|(_, p)| phrase.len() > p.len())
            {
                best_title = Some((rt.role, phrase));
            }
            let mentions = text_lower
                .match_indices(phrase.as_str())
                .filter(|(i, _)| {
                    super::vocabulary::is_word_boundary(&text_lower, *i, i + phrase.len())
                })
                .count();
            add(
                &mut scores,
                rt.role,
                u32::try_from(mentions.min(3)).unwrap_or(3) * 20,
            );
        }
    }
    if let Some((role, _)) = best_title {
        add(&mut scores, role, 200);
    }
    for (skill, count) in counts {
        let s = vocab.skill(*skill);
        if s.roles.is_empty() {
            continue;
        }
        let share = 10 / u32::try_from(s.roles.len()).unwrap_or(1).max(1);
        let repeats = u32::try_from((*count).min(4)).unwrap_or(4);
        for role in &s.roles {
            add(&mut scores, *role, share + (repeats - 1) * 3);
        }
    }
    scores.sort_by_key(|s| std::cmp::Reverse(s.1));
    match (best_title, scores.first()) {
        (Some((role, phrase)), _) => (role, format!("the title says \u{201c}{phrase}\u{201d}")),
        (None, Some((role, score))) if *score > 0 => {
            let named: Vec<&str> = counts
                .iter()
                .map(|(i, _)| vocab.skill(*i))
                .filter(|s| s.roles.contains(role))
                .take(4)
                .map(|s| s.name.as_str())
                .collect();
            (
                *role,
                format!(
                    "the skills asked for ({}) belong to this role",
                    named.join(", ")
                ),
            )
        }
        _ => (Role::Any, "no role-specific title or skills found".into()),
    }
}

fn score_unit(
    vocab: &Vocabulary,
    text: &str,
    unit: &Unit,
    counts: &[(usize, usize)],
) -> Option<(u32, Vec<usize>, Vec<String>)> {
    if unit.part == Part::Boilerplate {
        return None;
    }
    let piece = &text[unit.start..unit.end];
    let lower = piece.to_lowercase();
    let mut reasons = Vec::new();
    let mut emphasis = 0;
    for (word, points) in EMPHASIS {
        if contains_word(&lower, word) {
            emphasis += points;
            reasons.push(format!("says \u{201c}{word}\u{201d}"));
        }
    }
    let mut score = emphasis.min(5);
    if let Some(y) = years_asked(piece) {
        score += 2;
        reasons.push(format!("asks for {y}+ years"));
    }
    let softened = SOFTENERS.iter().any(|s| lower.contains(s));
    match unit.part {
        Part::Required => {
            score += 2;
            if unit.rank < 2 {
                score += 2 - u32::try_from(unit.rank).unwrap_or(1);
                reasons.push(if unit.rank == 0 {
                    "first requirement listed".into()
                } else {
                    "second requirement listed".into()
                });
            }
        }
        Part::Duties => score += 1,
        Part::Intro => {
            if unit.rank < 2 {
                score += 1;
                reasons.push("stated up front".into());
            }
        }
        Part::Bonus | Part::Boilerplate => {}
    }
    let mut skills: Vec<usize> = Vec::new();
    for m in vocab.find(piece) {
        if !skills.contains(&m.skill) {
            skills.push(m.skill);
        }
    }
    let mut technical = 0;
    for s in &skills {
        let skill = vocab.skill(*s);
        let times = counts.iter().find(|(i, _)| i == s).map_or(1, |(_, n)| *n);
        if times > 1 {
            let cap = if skill.kind == SkillKind::Soft { 1 } else { 3 };
            score += u32::try_from(times - 1).unwrap_or(3).min(cap);
            reasons.push(format!("{} is mentioned {times} times", skill.name));
        }
        if skill.kind.is_technical() {
            technical += 1;
        }
    }
    score += u32::try_from(technical.min(2)).unwrap_or(2);
    if softened || unit.part == Part::Bonus {
        score = score.saturating_sub(5);
    }
    if skills.is_empty() && emphasis == 0 {
        return None;
    }
    Some((score, skills, reasons))
}

/// Reads a job description. `title` is the job title when the source named it.
pub fn analyze(vocab: &Vocabulary, text: &str, title: Option<&str>) -> Analysis {
    let title = title
        .map(str::to_string)
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| first_line_title(text));
    let counts = vocab.count(text);
    let (role, role_reason) = detect_role(vocab, &title, text, &counts);
    let (seniority, seniority_reason) = detect_seniority(&title, text);
    let mut skills: Vec<SkillHit> = counts
        .iter()
        .map(|(i, n)| {
            let s = vocab.skill(*i);
            SkillHit {
                name: s.name.clone(),
                kind: s.kind,
                count: u32::try_from(*n).unwrap_or(u32::MAX),
                tags: s.tags.clone(),
            }
        })
        .collect();
    // most mentioned first; technical before soft at equal counts; stable otherwise
    skills.sort_by_key(|s| (std::cmp::Reverse(s.count), s.kind == SkillKind::Soft));
    let units = units_of(text);
    let mut scored: Vec<(usize, u32, Vec<usize>, Vec<String>)> = units
        .iter()
        .enumerate()
        .filter_map(|(i, u)| score_unit(vocab, text, u, &counts).map(|(s, k, r)| (i, s, k, r)))
        .collect();
    scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut drivers: Vec<(usize, Driver)> = Vec::new();
    let mut covered: Vec<usize> = Vec::new();
    for (i, score, skill_ids, reasons) in scored {
        if drivers.len() == 3 || score < 4 {
            break;
        }
        let technical: Vec<usize> = skill_ids
            .iter()
            .copied()
            .filter(|s| vocab.skill(*s).kind.is_technical())
            .collect();
        // a requirement about what an earlier driver already covers adds nothing: skip it when
        // its most-mentioned technical skill, or at least half of them, are covered
        let main = technical
            .iter()
            .copied()
            .max_by_key(|s| counts.iter().find(|(i, _)| i == s).map_or(0, |(_, n)| *n));
        let covered_count = technical.iter().filter(|s| covered.contains(s)).count();
        if main.is_some_and(|m| covered.contains(&m))
            || (!technical.is_empty() && covered_count * 2 >= technical.len())
        {
            continue;
        }
        covered.extend(&technical);
        let unit = &units[i];
        drivers.push((
            unit.start,
            Driver {
                text: text[unit.start..unit.end].replace("**", ""),
                skills: skill_ids
                    .iter()
                    .map(|s| vocab.skill(*s).name.clone())
                    .collect(),
                weight: score,
                reasons,
            },
        ));
        let _ = unit.end;
    }
    let highlighted = highlight(text, &units, &drivers);
    Analysis {
        title,
        role,
        role_reason,
        seniority,
        seniority_reason,
        skills,
        drivers: drivers.into_iter().map(|(_, d)| d).collect(),
        highlighted,
    }
}

fn highlight(text: &str, units: &[Unit], drivers: &[(usize, Driver)]) -> String {
    let mut ranges: Vec<(usize, usize)> = drivers
        .iter()
        .filter_map(|(start, _)| units.iter().find(|u| u.start == *start))
        .map(|u| {
            let piece = &text[u.start..u.end];
            let trimmed = piece.trim_end_matches(['.', ';', ',', ':']);
            (u.start, u.start + trimmed.len())
        })
        .collect();
    ranges.sort_unstable();
    let mut out = String::with_capacity(text.len() + 12);
    let mut at = 0;
    for (s, e) in ranges {
        out.push_str(&text[at..s]);
        out.push_str("**");
        out.push_str(&text[s..e].replace("**", ""));
        out.push_str("**");
        at = e;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_read_in_common_shapes() {
        assert_eq!(years_asked("5+ years of Go"), Some(5));
        assert_eq!(years_asked("3-5 years experience"), Some(3));
        assert_eq!(years_asked("at least 4 years in finance"), Some(4));
        assert_eq!(years_asked("over the years we grew"), None);
    }

    #[test]
    fn stressed_requirement_becomes_a_bold_driver() {
        let jd = "# Senior Backend Engineer\n\nWe build payments.\n\n## Requirements\n- Experience with Python\n- You must have deep experience running Kafka in production\n- Kafka Streams or Flink experience\n\n## Nice to have\n- Rust\n\n## Benefits\n- Strong pension\n";
        let a = analyze(Vocabulary::builtin(), jd, None);
        assert_eq!(a.role, Role::SoftwareEngineer);
        assert_eq!(a.seniority, Seniority::Senior);
        assert!(
            a.drivers[0].text.contains("Kafka in production"),
            "{:?}",
            a.drivers
        );
        assert!(a.drivers[0].reasons.iter().any(|r| r.contains("must")));
        assert!(
            a.highlighted
                .contains("- **You must have deep experience running Kafka in production**"),
            "{}",
            a.highlighted
        );
        assert!(!a.drivers.iter().any(|d| d.text.contains("pension")));
        assert!(!a.drivers.iter().any(|d| d.text == "Rust"));
    }
}
