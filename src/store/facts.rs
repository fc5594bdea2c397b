//! Attempt facts: the compact, score-only projection of each attempt that analytics reads,
//! kept in day chunks next to the attempts so trends never decode full answers.

use crate::domain::{Attempt, AttemptId, Dimension};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// What analytics needs from one attempt: when, which question, the scores and the time taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptFact {
    /// The attempt.
    pub id: AttemptId,
    /// The question answered.
    pub question_id: String,
    /// Submission time, in seconds since the Unix epoch.
    pub at_secs: i64,
    /// The total score, if scored.
    pub total: Option<u8>,
    /// Dimension scores in [`Dimension::ALL`] order.
    pub dimensions: [Option<u8>; 5],
    /// Seconds spent answering.
    pub duration_secs: u32,
    /// Skipped instead of answered.
    pub skipped: bool,
    /// Submitted after the time limit.
    pub overtime: bool,
}

impl AttemptFact {
    /// The facts of an attempt.
    pub fn of(attempt: &Attempt) -> Self {
        let mut dimensions = [None; 5];
        if let Some(score) = &attempt.score {
            for (slot, dim) in dimensions.iter_mut().zip(Dimension::ALL) {
                *slot = score.dimension(dim);
            }
        }
        Self {
            id: attempt.id,
            question_id: attempt.question_id.clone(),
            at_secs: attempt.submitted_at.as_second(),
            total: attempt.total(),
            dimensions,
            duration_secs: attempt.duration_secs,
            skipped: attempt.skipped,
            overtime: attempt.overtime,
        }
    }

    /// When it was submitted.
    pub fn submitted_at(&self) -> Timestamp {
        Timestamp::from_second(self.at_secs).unwrap_or(Timestamp::UNIX_EPOCH)
    }

    /// The UTC day it belongs to, as the chunk key `YYYY-MM-DD`.
    pub fn chunk_key(&self) -> String {
        chunk_key(self.submitted_at())
    }
}

/// The chunk key (UTC day, `YYYY-MM-DD`) for a time.
pub fn chunk_key(at: Timestamp) -> String {
    at.strftime("%Y-%m-%d").to_string()
}

/// Encodes a day chunk compactly.
pub fn encode_chunk(facts: &[AttemptFact]) -> Result<Vec<u8>, postcard::Error> {
    postcard::to_allocvec(facts)
}

/// Decodes a day chunk.
pub fn decode_chunk(bytes: &[u8]) -> Result<Vec<AttemptFact>, postcard::Error> {
    postcard::from_bytes(bytes)
}

/// Puts `fact` into `chunk`, replacing an older fact of the same attempt.
pub fn upsert(chunk: &mut Vec<AttemptFact>, fact: AttemptFact) {
    if let Some(old) = chunk.iter_mut().find(|f| f.id == fact.id) {
        *old = fact;
    } else {
        chunk.push(fact);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunk_round_trips_and_upserts() {
        let fact = AttemptFact {
            id: uuid::Uuid::now_v7(),
            question_id: "beh-x".into(),
            at_secs: 1_770_000_000,
            total: Some(71),
            dimensions: [Some(70), None, Some(80), None, Some(1)],
            duration_secs: 95,
            skipped: false,
            overtime: true,
        };
        let mut chunk = vec![fact.clone()];
        upsert(
            &mut chunk,
            AttemptFact {
                total: Some(90),
                ..fact.clone()
            },
        );
        assert_eq!(chunk.len(), 1);
        assert_eq!(chunk[0].total, Some(90));
        let bytes = encode_chunk(&chunk).unwrap();
        assert!(bytes.len() < 60, "{} bytes", bytes.len());
        assert_eq!(decode_chunk(&bytes).unwrap(), chunk);
        assert_eq!(fact.chunk_key(), "2026-02-02");
    }
}
