//! The scoring contract: a score report with dimensions, evidence, talking points, feedback and outline.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// One axis an answer is scored on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// Answers the question; covers the talking points.
    Relevance,
    /// Well organised: STAR for behavioral, the kind's shape otherwise.
    Structure,
    /// Concrete: numbers, named systems, "I" not "we".
    Specificity,
    /// The right length; no rambling or repetition.
    Concision,
    /// Confident wording: few fillers and hedges.
    Delivery,
}

impl Dimension {
    /// Every dimension, in display order.
    pub const ALL: [Self; 5] = [
        Self::Relevance,
        Self::Structure,
        Self::Specificity,
        Self::Concision,
        Self::Delivery,
    ];

    /// A human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Relevance => "Relevance",
            Self::Structure => "Structure",
            Self::Specificity => "Specificity",
            Self::Concision => "Concision",
            Self::Delivery => "Delivery",
        }
    }
}

/// Which scorer produced a report.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ScorerId {
    /// The offline rubric scorer.
    Offline,
    /// An LLM judge, with the model's name.
    Llm(String),
}

impl fmt::Display for ScorerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Offline => f.write_str("offline"),
            Self::Llm(model) => write!(f, "llm:{model}"),
        }
    }
}

impl FromStr for ScorerId {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s == "offline" {
            Ok(Self::Offline)
        } else if let Some(model) = s.strip_prefix("llm:") {
            Ok(Self::Llm(model.to_string()))
        } else {
            Err(format!(
                "unknown scorer '{s}' (expected 'offline' or 'llm:<model>')"
            ))
        }
    }
}

impl Serialize for ScorerId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ScorerId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A dimension's score with the reason for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimensionScore {
    /// Which dimension.
    pub dimension: Dimension,
    /// 0 to 100.
    pub score: u8,
    /// Its weight in the total for this question kind (weights sum to 1).
    pub weight: f32,
    /// One line on why.
    pub note: String,
}

/// A labelled span of the answer, e.g. the sentence that is the Situation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// What the span is, e.g. "situation", "result", "metric", "filler".
    pub label: String,
    /// Byte offset where the span starts in the answer.
    pub start: usize,
    /// Byte offset just past the span.
    pub end: usize,
}

/// Whether a talking point was made, and the words that showed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TalkingPointResult {
    /// The talking point.
    pub point: String,
    /// Whether the answer made it.
    pub hit: bool,
    /// The evidence words or phrases found in the answer.
    pub matched: Vec<String>,
}

/// A strength or an improvement, tied to what the user wrote or missed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackItem {
    /// The advice or praise.
    pub text: String,
    /// The quote from the answer it is about, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// The missed talking point it is about, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub talking_point: Option<String>,
}

/// The full result of scoring one answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreReport {
    /// 0 to 100, computed in code from the dimension scores and weights.
    pub total: u8,
    /// Per-dimension scores.
    pub dimensions: Vec<DimensionScore>,
    /// Labelled spans of the answer.
    pub evidence: Vec<Evidence>,
    /// Talking points hit and missed.
    pub talking_points: Vec<TalkingPointResult>,
    /// What went well.
    pub strengths: Vec<FeedbackItem>,
    /// What to do better.
    pub improvements: Vec<FeedbackItem>,
    /// A stronger structure built from what the user said; never invents facts.
    pub outline: Vec<String>,
    /// Who scored it.
    pub scorer: ScorerId,
}

impl ScoreReport {
    /// The weighted total of dimension scores, rounded and clamped to 0–100.
    pub fn weighted_total(dimensions: &[DimensionScore]) -> u8 {
        let weight: f32 = dimensions.iter().map(|d| d.weight).sum();
        if weight <= 0.0 {
            return 0;
        }
        let sum: f32 = dimensions
            .iter()
            .map(|d| f32::from(d.score) * d.weight)
            .sum();
        let total = (sum / weight).round().clamp(0.0, 100.0);
        // Clamped to 0..=100 above, so the cast is exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let total = total as u8;
        total
    }

    /// The score of one dimension, if present.
    pub fn dimension(&self, dimension: Dimension) -> Option<u8> {
        self.dimensions
            .iter()
            .find(|d| d.dimension == dimension)
            .map(|d| d.score)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scorer_id_round_trips_as_string() {
        let json = serde_json::to_string(&ScorerId::Llm("gpt-4o-mini".into())).unwrap();
        assert_eq!(json, "\"llm:gpt-4o-mini\"");
        let back: ScorerId = serde_json::from_str(&json).unwrap();
        assert_eq!(back, ScorerId::Llm("gpt-4o-mini".into()));
        assert_eq!("offline".parse::<ScorerId>(), Ok(ScorerId::Offline));
        assert!("gpt".parse::<ScorerId>().is_err());
    }

    #[test]
    fn weighted_total_uses_weights_and_clamps() {
        let dims = vec![
            DimensionScore {
                dimension: Dimension::Relevance,
                score: 100,
                weight: 0.75,
                note: String::new(),
            },
            DimensionScore {
                dimension: Dimension::Delivery,
                score: 0,
                weight: 0.25,
                note: String::new(),
            },
        ];
        assert_eq!(ScoreReport::weighted_total(&dims), 75);
        assert_eq!(ScoreReport::weighted_total(&[]), 0);
    }
}
