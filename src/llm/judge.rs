//! The LLM judge: prompt, strict JSON schema, validation, one corrective retry, offline fallback.

use super::LlmError;
use super::cache::{LlmCache, cache_key};
use super::client::{CallInfo, LlmClient, clip};
use super::prompts::{
    JUDGE_SYSTEM, assistant, dimension_key, judge_fix_prompt, judge_user_prompt, system, user,
};
use super::usage::BudgetState;
use crate::domain::{
    Dimension, DimensionScore, Evidence, FeedbackItem, Question, ScoreReport, ScorerId,
    TalkingPointResult,
};
use async_openai::types::chat::{
    ChatCompletionRequestMessage, CreateChatCompletionRequest, FinishReason, ResponseFormat,
    ResponseFormatJsonSchema,
};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicU8, Ordering};

/// How the judge asks for JSON; servers without one fall back to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponseMode {
    /// `response_format: json_schema` (strict).
    JsonSchema,
    /// `response_format: json_object`.
    JsonObject,
    /// No response format: JSON is taken out of the text.
    Text,
}

impl ResponseMode {
    fn from_u8(v: u8) -> Self {
        match v {
            0 => Self::JsonSchema,
            1 => Self::JsonObject,
            _ => Self::Text,
        }
    }

    fn as_u8(self) -> u8 {
        match self {
            Self::JsonSchema => 0,
            Self::JsonObject => 1,
            Self::Text => 2,
        }
    }

    fn fallback(self) -> Option<Self> {
        match self {
            Self::JsonSchema => Some(Self::JsonObject),
            Self::JsonObject => Some(Self::Text),
            Self::Text => None,
        }
    }

    /// The `response_format` for this mode.
    pub fn response_format(self, name: &str, schema: &serde_json::Value) -> Option<ResponseFormat> {
        match self {
            Self::JsonSchema => Some(ResponseFormat::JsonSchema {
                json_schema: ResponseFormatJsonSchema {
                    description: None,
                    name: name.to_string(),
                    schema: schema.clone(),
                    strict: Some(true),
                },
            }),
            Self::JsonObject => Some(ResponseFormat::JsonObject),
            Self::Text => None,
        }
    }
}

/// Who produced the report in a `JudgeOutcome`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "source", rename_all = "snake_case")]
pub enum JudgeSource {
    /// The LLM scored it.
    Llm {
        /// The model.
        model: String,
        /// Answered from the cache (no call made).
        cached: bool,
        /// How JSON was requested.
        mode: ResponseMode,
        /// Model replies it took (1, or 2 after a corrective retry).
        rounds: u8,
    },
    /// The LLM could not be used; this is the offline score, unchanged.
    OfflineFallback {
        /// What went wrong, for the user.
        reason: String,
    },
}

/// The judge's result: always a usable report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JudgeOutcome {
    /// The report (the offline one on fallback, its `scorer` then says `offline`).
    pub report: ScoreReport,
    /// Where it came from.
    pub source: JudgeSource,
    /// The budget state after the call.
    pub budget: BudgetState,
}

impl JudgeOutcome {
    /// Whether the offline score is shown because the LLM failed.
    pub fn is_fallback(&self) -> bool {
        matches!(self.source, JudgeSource::OfflineFallback { .. })
    }

    /// A line for the screen: why the offline score is shown, or a budget warning.
    pub fn notice(&self) -> Option<String> {
        match (&self.source, self.budget) {
            (JudgeSource::OfflineFallback { reason }, _) => Some(format!(
                "LLM judge unavailable — showing the offline score: {reason}"
            )),
            (_, BudgetState::Warn(p)) => Some(format!("{p}% of this month's LLM budget is used")),
            _ => None,
        }
    }
}

/// The LLM judge over one client.
#[derive(Debug)]
pub struct LlmJudge {
    client: LlmClient,
    cache: Option<LlmCache>,
    mode: AtomicU8,
}

impl LlmJudge {
    /// A judge; `cache` answers identical requests within its TTL.
    pub fn new(client: LlmClient, cache: Option<LlmCache>) -> Self {
        Self {
            client,
            cache,
            mode: AtomicU8::new(ResponseMode::JsonSchema.as_u8()),
        }
    }

    /// The client.
    pub fn client(&self) -> &LlmClient {
        &self.client
    }

    /// The response mode the next call starts with (it steps down when a server refuses one).
    pub fn mode(&self) -> ResponseMode {
        ResponseMode::from_u8(self.mode.load(Ordering::Relaxed))
    }

    /// Scores `answer` with the LLM, outside any session. See [`Self::judge_with`].
    pub async fn judge(
        &self,
        question: &Question,
        answer: &str,
        offline: &ScoreReport,
    ) -> JudgeOutcome {
        self.judge_with(question, answer, offline, &CallInfo::new("judge"))
            .await
    }

    /// Scores `answer` with the LLM. Never fails: on any error (network, budget, a reply that
    /// fails validation twice) the offline report comes back, labelled as a fallback with why.
    pub async fn judge_with(
        &self,
        question: &Question,
        answer: &str,
        offline: &ScoreReport,
        info: &CallInfo,
    ) -> JudgeOutcome {
        let fallback = |reason: String, budget| JudgeOutcome {
            report: offline.clone(),
            source: JudgeSource::OfflineFallback { reason },
            budget,
        };
        if answer.trim().is_empty() {
            return fallback("the answer is empty".into(), BudgetState::Ok);
        }
        let model = self.client.endpoint().model.clone();
        let messages = vec![
            system(JUDGE_SYSTEM),
            user(judge_user_prompt(question, answer, offline)),
        ];
        let key = cache_key(&model, &messages);
        if let Some(report) = self.cached(&key, question, answer, offline) {
            let budget = self
                .client
                .ledger()
                .and_then(|l| l.state(Timestamp::now()).ok())
                .unwrap_or(BudgetState::Ok);
            return JudgeOutcome {
                report,
                source: JudgeSource::Llm {
                    model,
                    cached: true,
                    mode: self.mode(),
                    rounds: 0,
                },
                budget,
            };
        }

        let first = match self.ask(&messages, info).await {
            Ok(r) => r,
            Err(e) => return fallback(e.to_string(), self.budget_state()),
        };
        let problems = match build_report(&first.content, question, answer, offline, &first.model) {
            Ok(report) => return self.accept(&key, report, first, 1),
            Err(problems) => problems,
        };
        tracing::warn!(
            ?problems,
            "LLM judge reply failed validation; asking once more"
        );
        let mut retry = messages.clone();
        retry.push(assistant(first.content.clone()));
        retry.push(user(judge_fix_prompt(&problems)));
        let second = match self.ask(&retry, info).await {
            Ok(r) => r,
            Err(e) => {
                return fallback(
                    format!(
                        "the LLM's reply was invalid ({}); retrying failed: {e}",
                        summary(&problems)
                    ),
                    self.budget_state(),
                );
            }
        };
        match build_report(&second.content, question, answer, offline, &second.model) {
            Ok(report) => self.accept(&key, report, second, 2),
            Err(problems) => fallback(
                format!(
                    "the LLM's reply failed validation twice: {}",
                    summary(&problems)
                ),
                second.budget,
            ),
        }
    }

    fn budget_state(&self) -> BudgetState {
        self.client
            .ledger()
            .and_then(|l| l.state(Timestamp::now()).ok())
            .unwrap_or(BudgetState::Ok)
    }

    fn cached(
        &self,
        key: &str,
        question: &Question,
        answer: &str,
        offline: &ScoreReport,
    ) -> Option<ScoreReport> {
        let cache = self.cache.as_ref()?;
        let text = match cache.get(key, Timestamp::now()) {
            Ok(t) => t?,
            Err(e) => {
                tracing::warn!("LLM cache read failed: {e}");
                return None;
            }
        };
        let entry: CachedJudgement = serde_json::from_str(&text).ok()?;
        build_report(&entry.reply, question, answer, offline, &entry.model).ok()
    }

    fn accept(&self, key: &str, report: ScoreReport, reply: Reply, rounds: u8) -> JudgeOutcome {
        if let Some(cache) = &self.cache {
            let entry = CachedJudgement {
                model: reply.model.clone(),
                reply: reply.content.clone(),
            };
            let stored = serde_json::to_string(&entry)
                .map_err(|e| e.to_string())
                .and_then(|v| {
                    cache
                        .put(key, &v, Timestamp::now())
                        .map_err(|e| e.to_string())
                });
            if let Err(e) = stored {
                tracing::warn!("LLM cache write failed: {e}");
            }
        }
        JudgeOutcome {
            report,
            source: JudgeSource::Llm {
                model: reply.model,
                cached: false,
                mode: reply.mode,
                rounds,
            },
            budget: reply.budget,
        }
    }

    /// One model reply, stepping down the response format when the server refuses it.
    async fn ask(
        &self,
        messages: &[ChatCompletionRequestMessage],
        info: &CallInfo,
    ) -> Result<Reply, LlmError> {
        let schema = judge_schema();
        let mut mode = self.mode();
        loop {
            #[allow(deprecated)]
            let request = CreateChatCompletionRequest {
                model: self.client.endpoint().model.clone(),
                messages: messages.to_vec(),
                temperature: Some(0.0),
                seed: Some(JUDGE_SEED),
                response_format: mode.response_format("interview_answer_score", &schema),
                ..CreateChatCompletionRequest::default()
            };
            match self.client.complete(request, info).await {
                Ok(c) => {
                    self.mode.store(mode.as_u8(), Ordering::Relaxed);
                    let mut content = c.content;
                    if c.finish_reason == Some(FinishReason::Length) {
                        content.push_str("\n[reply cut off: the model hit its length limit]");
                    }
                    return Ok(Reply {
                        content,
                        model: c.model,
                        mode,
                        budget: c.budget,
                    });
                }
                Err(e) if e.is_rejection() => match mode.fallback() {
                    Some(next) => {
                        tracing::info!(
                            "server refused response mode {mode:?} ({e}); trying {next:?}"
                        );
                        mode = next;
                    }
                    None => return Err(e),
                },
                Err(e) => return Err(e),
            }
        }
    }
}

/// The seed sent with judge requests, for servers that honour it.
pub const JUDGE_SEED: i64 = 7;

struct Reply {
    content: String,
    model: String,
    mode: ResponseMode,
    budget: BudgetState,
}

#[derive(Serialize, Deserialize)]
struct CachedJudgement {
    model: String,
    reply: String,
}

fn summary(problems: &[String]) -> String {
    let first: Vec<&str> = problems.iter().take(3).map(String::as_str).collect();
    let more = problems.len().saturating_sub(3);
    if more > 0 {
        format!("{} (and {more} more)", first.join("; "))
    } else {
        first.join("; ")
    }
}

/// The strict JSON schema of the judge's reply.
pub fn judge_schema() -> serde_json::Value {
    use serde_json::json;
    let dimension = json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["score", "note", "evidence"],
        "properties": {
            "score": {"type": "integer", "description": "0 to 100"},
            "note": {"type": "string"},
            "evidence": {"type": "array", "items": {"type": "string"},
                         "description": "exact quotes from the candidate's answer"}
        }
    });
    let dims: serde_json::Map<String, serde_json::Value> = Dimension::ALL
        .iter()
        .map(|d| (dimension_key(*d).to_string(), dimension.clone()))
        .collect();
    let names: Vec<&str> = Dimension::ALL.iter().map(|d| dimension_key(*d)).collect();
    let nullable_string = json!({"type": ["string", "null"]});
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["dimensions", "talking_points", "strengths", "improvements", "outline"],
        "properties": {
            "dimensions": {
                "type": "object",
                "additionalProperties": false,
                "required": names,
                "properties": dims
            },
            "talking_points": {"type": "array", "items": {
                "type": "object", "additionalProperties": false,
                "required": ["id", "hit", "quote"],
                "properties": {"id": {"type": "integer"}, "hit": {"type": "boolean"}, "quote": nullable_string}
            }},
            "strengths": {"type": "array", "items": {
                "type": "object", "additionalProperties": false,
                "required": ["text", "quote"],
                "properties": {"text": {"type": "string"}, "quote": nullable_string}
            }},
            "improvements": {"type": "array", "items": {
                "type": "object", "additionalProperties": false,
                "required": ["text", "quote", "talking_point_id"],
                "properties": {"text": {"type": "string"}, "quote": nullable_string,
                               "talking_point_id": {"type": ["integer", "null"]}}
            }},
            "outline": {"type": "array", "items": {"type": "string"}}
        }
    })
}

#[derive(Debug, Deserialize)]
struct JudgeReply {
    dimensions: BTreeMap<String, DimensionReply>,
    #[serde(default)]
    talking_points: Vec<PointReply>,
    #[serde(default)]
    strengths: Vec<FeedbackReply>,
    #[serde(default)]
    improvements: Vec<FeedbackReply>,
    #[serde(default)]
    outline: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct DimensionReply {
    score: f64,
    #[serde(default)]
    note: String,
    #[serde(default)]
    evidence: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct PointReply {
    id: i64,
    hit: bool,
    #[serde(default)]
    quote: Option<String>,
}

#[derive(Debug, Deserialize)]
struct FeedbackReply {
    text: String,
    #[serde(default)]
    quote: Option<String>,
    #[serde(default)]
    talking_point_id: Option<i64>,
}

/// The JSON object in a reply: the whole text, else a fenced block, else the outermost braces.
pub fn extract_json(text: &str) -> Option<&str> {
    let t = text.trim();
    if t.starts_with('{') && t.ends_with('}') {
        return Some(t);
    }
    if let Some(start) = t.find("```") {
        let after = &t[start + 3..];
        let after = after.strip_prefix("json").unwrap_or(after);
        if let Some(end) = after.find("```") {
            let inner = after[..end].trim();
            if inner.starts_with('{') {
                return Some(inner);
            }
        }
    }
    let start = t.find('{')?;
    let end = t.rfind('}')?;
    (end > start).then(|| &t[start..=end])
}

/// Clamps a model's score into 0–100 (rounding fractions).
pub fn clamp_score(score: f64) -> u8 {
    if score.is_nan() {
        return 0;
    }
    // Clamped to 0..=100 first, so the cast is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let s = score.round().clamp(0.0, 100.0) as u8;
    s
}

/// Parses and validates a judge reply into a report. The total is computed here from the
/// dimension scores and the offline report's weights (equal weights if it has none), and
/// clamped; any total the model adds is ignored. Returns every problem found, for the retry.
pub fn build_report(
    text: &str,
    question: &Question,
    answer: &str,
    offline: &ScoreReport,
    model: &str,
) -> Result<ScoreReport, Vec<String>> {
    let json = extract_json(text).ok_or_else(|| {
        vec![format!(
            "no JSON object in the reply: {}",
            clip(text.trim(), 80)
        )]
    })?;
    let reply: JudgeReply = serde_json::from_str(json)
        .map_err(|e| vec![format!("the JSON does not match the required shape: {e}")])?;
    let mut problems = Vec::new();
    let mut dimensions = Vec::new();
    let mut evidence = Vec::new();
    let mut missing = Vec::new();
    for d in Dimension::ALL {
        let key = dimension_key(d);
        let Some(r) = reply.dimensions.get(key) else {
            missing.push(key);
            continue;
        };
        let weight = offline
            .dimensions
            .iter()
            .find(|s| s.dimension == d)
            .map_or(1.0 / 5.0, |s| s.weight);
        dimensions.push(DimensionScore {
            dimension: d,
            score: clamp_score(r.score),
            weight,
            note: r.note.trim().to_string(),
        });
        for (i, q) in r.evidence.iter().enumerate() {
            if q.trim().is_empty() {
                continue;
            }
            if let Some((start, end)) = quote_span(
                answer,
                &mut problems,
                &format!("dimensions.{key}.evidence[{i}]"),
                q,
            ) {
                evidence.push(Evidence {
                    label: key.to_string(),
                    start,
                    end,
                });
            }
        }
    }

    let points = &question.talking_points;
    let talking_points = check_points(&reply.talking_points, points, answer, &mut problems);

    let strengths = feedback(&reply.strengths, "strengths", answer, points, &mut problems);
    let improvements = feedback(
        &reply.improvements,
        "improvements",
        answer,
        points,
        &mut problems,
    );

    if !missing.is_empty() {
        problems.insert(0, format!("dimensions is missing: {}", missing.join(", ")));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    evidence.sort_by_key(|e| (e.start, e.end));
    Ok(ScoreReport {
        total: ScoreReport::weighted_total(&dimensions),
        dimensions,
        evidence,
        talking_points,
        strengths,
        improvements,
        outline: reply
            .outline
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        scorer: ScorerId::Llm(model.to_string()),
    })
}

/// Checks the talking-point verdicts: every id once, hits quoted from the answer.
fn check_points(
    replies: &[PointReply],
    points: &[crate::domain::TalkingPoint],
    answer: &str,
    problems: &mut Vec<String>,
) -> Vec<TalkingPointResult> {
    let mut talking_points: Vec<TalkingPointResult> = points
        .iter()
        .map(|p| TalkingPointResult {
            point: p.point.clone(),
            hit: false,
            matched: vec![],
        })
        .collect();
    let mut seen = BTreeSet::new();
    for (i, r) in replies.iter().enumerate() {
        let Some(index) = usize::try_from(r.id - 1).ok().filter(|&x| x < points.len()) else {
            problems.push(format!(
                "talking_points[{i}].id {} is not a talking point id (1 to {})",
                r.id,
                points.len()
            ));
            continue;
        };
        if !seen.insert(index) {
            problems.push(format!("talking point {} is reported twice", r.id));
            continue;
        }
        let quote = r.quote.as_deref().map(str::trim).filter(|q| !q.is_empty());
        if r.hit {
            match quote {
                Some(q) => {
                    if let Some((s, e)) =
                        quote_span(answer, problems, &format!("talking_points[{i}].quote"), q)
                    {
                        talking_points[index].hit = true;
                        talking_points[index].matched.push(answer[s..e].to_string());
                    }
                }
                None => problems.push(format!(
                    "talking point {} is marked hit without a quote from the answer",
                    r.id
                )),
            }
        }
    }
    let unreported: Vec<String> = (1..=points.len())
        .filter(|n| !seen.contains(&(n - 1)))
        .map(|n| n.to_string())
        .collect();
    if !unreported.is_empty() {
        problems.push(format!(
            "talking_points must report every id; missing: {}",
            unreported.join(", ")
        ));
    }
    talking_points
}

/// Checks strengths or improvements: quotes must be in the answer, point ids must exist.
fn feedback(
    items: &[FeedbackReply],
    field: &str,
    answer: &str,
    points: &[crate::domain::TalkingPoint],
    problems: &mut Vec<String>,
) -> Vec<FeedbackItem> {
    let mut out = Vec::new();
    for (i, f) in items.iter().enumerate() {
        if f.text.trim().is_empty() {
            continue;
        }
        let quote = f.quote.as_deref().map(str::trim).filter(|q| !q.is_empty());
        let quote = match quote {
            Some(q) => match quote_span(answer, problems, &format!("{field}[{i}].quote"), q) {
                Some((s, e)) => Some(answer[s..e].to_string()),
                None => continue,
            },
            None => None,
        };
        let talking_point = match f.talking_point_id {
            None => None,
            Some(id) => {
                if let Some(p) = usize::try_from(id - 1).ok().and_then(|x| points.get(x)) {
                    Some(p.point.clone())
                } else {
                    problems.push(format!(
                        "{field}[{i}].talking_point_id {id} is not a talking point id"
                    ));
                    None
                }
            }
        };
        out.push(FeedbackItem {
            text: f.text.trim().to_string(),
            quote,
            talking_point,
        });
    }
    out
}

/// The byte span of `quote` in `answer`; records a problem when it is not there.
fn quote_span(
    answer: &str,
    problems: &mut Vec<String>,
    what: &str,
    quote: &str,
) -> Option<(usize, usize)> {
    let span = find_quote(answer, quote);
    if span.is_none() {
        problems.push(format!(
            "{what}: \"{}\" is not in the candidate's answer; copy quotes word for word",
            clip(quote, 60)
        ));
    }
    span
}

/// One character of the answer after normalisation, with the byte span it came from.
struct Folded {
    ch: char,
    start: usize,
    end: usize,
}

/// Lower-cases, unifies quotes and dashes, and collapses whitespace, remembering byte offsets.
fn fold(text: &str) -> Vec<Folded> {
    let mut out: Vec<Folded> = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            match out.last_mut() {
                Some(last) if last.ch == ' ' => {
                    last.end = end;
                    continue;
                }
                None => continue,
                _ => {}
            }
        }
        for lc in c.to_lowercase() {
            out.push(Folded {
                ch: lc,
                start: i,
                end,
            });
        }
    }
    if out.last().is_some_and(|f| f.ch == ' ') {
        out.pop();
    }
    out
}

/// Where `quote` occurs in `answer` (byte span), ignoring case, spacing, quote styles, quote
/// marks around it and a trailing full stop. A quote with `...` matches its parts in order.
pub fn find_quote(answer: &str, quote: &str) -> Option<(usize, usize)> {
    let hay = fold(answer);
    let hay_chars: Vec<char> = hay.iter().map(|f| f.ch).collect();
    let cleaned = quote
        .trim()
        .trim_matches(|c: char| {
            matches!(
                c,
                '"' | '\'' | '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}'
            )
        })
        .trim();
    let mut from = 0;
    let mut span: Option<(usize, usize)> = None;
    let parts: Vec<&str> = cleaned
        .split("...")
        .flat_map(|p| p.split('\u{2026}'))
        .map(|p| {
            p.trim()
                .trim_end_matches(['.', ',', ';', ':', '!', '?'])
                .trim()
        })
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        return None;
    }
    for part in parts {
        let needle: Vec<char> = fold(part).iter().map(|f| f.ch).collect();
        if needle.is_empty() || needle.len() > hay_chars.len() {
            return None;
        }
        let pos = (from..=hay_chars.len() - needle.len())
            .find(|&i| hay_chars[i..i + needle.len()] == needle[..])?;
        let start = hay[pos].start;
        let end = hay[pos + needle.len() - 1].end;
        span = Some(span.map_or((start, end), |(s, _)| (s, end)));
        from = pos + needle.len();
    }
    span
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Difficulty, QuestionKind, Role, TalkingPoint};

    fn question() -> Question {
        Question {
            id: "q".into(),
            kind: QuestionKind::Behavioral,
            category: "conflict".into(),
            roles: vec![Role::Any],
            difficulty: Difficulty::Medium,
            time_limit_secs: None,
            prompt: "Tell me about a disagreement.".into(),
            guidance: String::new(),
            talking_points: vec![
                TalkingPoint {
                    point: "Named the disagreement".into(),
                    evidence: vec!["disagreed".into()],
                },
                TalkingPoint {
                    point: "Measured result".into(),
                    evidence: vec!["percent".into()],
                },
            ],
            example_answer: String::new(),
            follow_ups: vec![],
            tags: vec![],
            stages: vec![],
        }
    }

    fn offline() -> ScoreReport {
        ScoreReport {
            total: 40,
            dimensions: Dimension::ALL
                .iter()
                .map(|d| DimensionScore {
                    dimension: *d,
                    score: 40,
                    weight: if *d == Dimension::Relevance { 0.6 } else { 0.1 },
                    note: String::new(),
                })
                .collect(),
            evidence: vec![],
            talking_points: vec![],
            strengths: vec![],
            improvements: vec![],
            outline: vec![],
            scorer: ScorerId::Offline,
        }
    }

    const ANSWER: &str = "I disagreed with my lead about  the rollout. We shipped it behind a flag.\nLatency fell 30 percent.";

    fn reply(relevance: i64, quote: &str) -> String {
        let dim =
            |score: i64, q: &str| serde_json::json!({"score": score, "note": "n", "evidence": [q]});
        serde_json::json!({
            "total": 3,
            "dimensions": {
                "relevance": dim(relevance, quote),
                "structure": dim(50, ""),
                "specificity": dim(50, "30 percent"),
                "concision": dim(50, ""),
                "delivery": dim(50, ""),
            },
            "talking_points": [
                {"id": 1, "hit": true, "quote": "I disagreed with my lead"},
                {"id": 2, "hit": false, "quote": null}
            ],
            "strengths": [{"text": "clear conflict", "quote": "\u{201C}disagreed with my lead\u{201D}"}],
            "improvements": [{"text": "say what you learned", "quote": null, "talking_point_id": 2}],
            "outline": ["Situation: the rollout", "Result: latency fell 30 percent"]
        })
        .to_string()
    }

    #[test]
    fn a_valid_reply_builds_a_report_with_total_computed_in_code() {
        let r = build_report(
            &reply(90, "about the rollout"),
            &question(),
            ANSWER,
            &offline(),
            "m",
        )
        .unwrap();
        // 0.6 × 90 + 0.4 × 50 = 74; the model's "total": 3 is ignored.
        assert_eq!(r.total, 74);
        assert_eq!(r.scorer, ScorerId::Llm("m".into()));
        assert!(r.talking_points[0].hit && !r.talking_points[1].hit);
        assert_eq!(
            r.talking_points[0].matched,
            vec!["I disagreed with my lead"]
        );
        assert_eq!(
            r.improvements[0].talking_point.as_deref(),
            Some("Measured result")
        );
        assert_eq!(
            r.strengths[0].quote.as_deref(),
            Some("disagreed with my lead")
        );
        let spans: Vec<&str> = r.evidence.iter().map(|e| &ANSWER[e.start..e.end]).collect();
        assert_eq!(spans, vec!["about  the rollout", "30 percent"]);
    }

    #[test]
    fn scores_are_clamped_and_so_is_the_total() {
        let r = build_report(&reply(250, "rollout"), &question(), ANSWER, &offline(), "m").unwrap();
        assert_eq!(r.dimension(Dimension::Relevance), Some(100));
        assert_eq!(r.total, 80);
        let r = build_report(&reply(-40, "rollout"), &question(), ANSWER, &offline(), "m").unwrap();
        assert_eq!(r.dimension(Dimension::Relevance), Some(0));
        assert_eq!(clamp_score(f64::NAN), 0);
        assert_eq!(clamp_score(49.6), 50);
    }

    #[test]
    fn invented_quotes_and_bad_ids_are_validation_errors() {
        let err = build_report(
            &reply(80, "we doubled revenue"),
            &question(),
            ANSWER,
            &offline(),
            "m",
        )
        .unwrap_err();
        assert!(
            err[0].contains("dimensions.relevance.evidence[0]"),
            "{err:?}"
        );
        let bad = reply(80, "rollout").replace("\"id\":2", "\"id\":7");
        let err = build_report(&bad, &question(), ANSWER, &offline(), "m").unwrap_err();
        assert!(err.iter().any(|e| e.contains("id 7")), "{err:?}");
        assert!(err.iter().any(|e| e.contains("missing: 2")), "{err:?}");
        let err =
            build_report("{\"dimensions\": {}}", &question(), ANSWER, &offline(), "m").unwrap_err();
        assert!(err[0].contains("missing: relevance"), "{err:?}");
        let err =
            build_report("not json at all", &question(), ANSWER, &offline(), "m").unwrap_err();
        assert!(err[0].contains("no JSON"), "{err:?}");
        let err =
            build_report("{\"dimensions\": 5}", &question(), ANSWER, &offline(), "m").unwrap_err();
        assert!(err[0].contains("shape"), "{err:?}");
    }

    #[test]
    fn json_is_found_in_fences_and_prose() {
        assert_eq!(extract_json("{\"a\":1}"), Some("{\"a\":1}"));
        assert_eq!(extract_json("```json\n{\"a\":1}\n```"), Some("{\"a\":1}"));
        assert_eq!(
            extract_json("Sure! {\"a\":1} Hope it helps"),
            Some("{\"a\":1}")
        );
        assert_eq!(extract_json("none"), None);
    }

    #[test]
    fn quotes_match_loosely_but_only_real_text() {
        assert_eq!(
            find_quote(ANSWER, "LATENCY fell 30 percent."),
            Some((74, 97))
        );
        assert!(find_quote(ANSWER, "\"we shipped it\"").is_some());
        let (s, e) = find_quote(ANSWER, "I disagreed ... the rollout").unwrap();
        assert_eq!(&ANSWER[s..e], "I disagreed with my lead about  the rollout");
        assert_eq!(find_quote(ANSWER, "the rollout ... I disagreed"), None);
        assert_eq!(find_quote(ANSWER, "revenue"), None);
        assert_eq!(find_quote(ANSWER, "  "), None);
        assert_eq!(
            find_quote("I don\u{2019}t know", "I don't know"),
            Some((0, 14))
        );
    }

    #[test]
    fn the_schema_requires_every_dimension() {
        let s = judge_schema();
        let req = s.pointer("/properties/dimensions/required").unwrap();
        assert_eq!(req.as_array().unwrap().len(), 5);
    }
}
