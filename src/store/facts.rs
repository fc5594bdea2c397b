//! Attempt facts: the compact, score-only projection of each attempt that analytics reads,
//! kept in day chunks next to the attempts so trends never decode full answers.

use crate::domain::{Attempt, AttemptId, Dimension};
use jiff::Timestamp;
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What analytics needs from one attempt: when, which question, the scores and the time taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptFact {
    /// The attempt.
    pub id: AttemptId,
    /// The question answered. Facts read together share one allocation per question.
    #[serde(with = "shared_str")]
    pub question_id: Arc<str>,
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
            question_id: attempt.question_id.as_str().into(),
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

/// Decodes a day chunk (one decoder for the format: [`decode_chunk_into`]).
pub fn decode_chunk(bytes: &[u8]) -> Result<Vec<AttemptFact>, postcard::Error> {
    let mut out = Vec::new();
    decode_chunk_into(bytes, &mut out, &mut QuestionIds::default())?;
    Ok(out)
}

/// One question id per distinct string, shared by every fact that names it.
#[derive(Debug, Default)]
pub struct QuestionIds(FxHashSet<Arc<str>>);

impl QuestionIds {
    /// The shared copy of `id`.
    pub fn intern(&mut self, id: &str) -> Arc<str> {
        if let Some(shared) = self.0.get(id) {
            return Arc::clone(shared);
        }
        let shared: Arc<str> = id.into();
        self.0.insert(Arc::clone(&shared));
        shared
    }
}

/// An [`AttemptFact`] as encoded, borrowing its question id from the chunk bytes. The fields
/// must stay in `AttemptFact`'s order: postcard is positional.
#[derive(Deserialize)]
struct WireFact<'a> {
    id: AttemptId,
    question_id: &'a str,
    at_secs: i64,
    total: Option<u8>,
    dimensions: [Option<u8>; 5],
    duration_secs: u32,
    skipped: bool,
    overtime: bool,
}

/// Decodes a day chunk onto the end of `out`, sharing question ids through `ids`: the same
/// facts as [`decode_chunk`], without an allocation per fact.
pub fn decode_chunk_into(
    bytes: &[u8],
    out: &mut Vec<AttemptFact>,
    ids: &mut QuestionIds,
) -> Result<(), postcard::Error> {
    let (len, mut rest) = postcard::take_from_bytes::<usize>(bytes)?;
    out.reserve(len);
    for _ in 0..len {
        let (wire, tail) = postcard::take_from_bytes::<WireFact<'_>>(rest)?;
        rest = tail;
        out.push(AttemptFact {
            id: wire.id,
            question_id: ids.intern(wire.question_id),
            at_secs: wire.at_secs,
            total: wire.total,
            dimensions: wire.dimensions,
            duration_secs: wire.duration_secs,
            skipped: wire.skipped,
            overtime: wire.overtime,
        });
    }
    Ok(())
}

/// Serde for a shared string: written and read as a plain string.
mod shared_str {
    use serde::{Deserialize, Deserializer, Serializer};
    use std::sync::Arc;

    pub fn serialize<S: Serializer>(value: &Arc<str>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(value)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Arc<str>, D::Error> {
        Ok(String::deserialize(d)?.into())
    }
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

    #[test]
    fn decoding_onto_a_list_matches_decode_and_shares_question_ids() {
        let fact = |q: &str, at_secs: i64, total: Option<u8>| AttemptFact {
            id: uuid::Uuid::now_v7(),
            question_id: q.into(),
            at_secs,
            total,
            dimensions: [total, None, Some(3), None, Some(200)],
            duration_secs: 40,
            skipped: total.is_none(),
            overtime: at_secs % 2 == 0,
        };
        let day1 = vec![
            fact("beh-a", 1, Some(70)),
            fact("tech-b", 2, None),
            fact("beh-a", 3, Some(90)),
        ];
        let day2 = vec![
            fact("tech-b", 86_401, Some(10)),
            fact("ünï-c", 86_402, None),
        ];
        let mut out = vec![fact("earlier", 0, None)];
        let mut ids = QuestionIds::default();
        for chunk in [&day1, &day2, &Vec::new()] {
            let bytes = encode_chunk(chunk).unwrap();
            decode_chunk_into(&bytes, &mut out, &mut ids).unwrap();
        }
        let mut expected = vec![out[0].clone()];
        expected.extend(day1.iter().chain(&day2).cloned());
        assert_eq!(out, expected);
        assert!(Arc::ptr_eq(&out[1].question_id, &out[3].question_id));
        assert!(Arc::ptr_eq(&out[2].question_id, &out[4].question_id));
        let truncated = &encode_chunk(&day1).unwrap()[..20];
        assert!(decode_chunk_into(truncated, &mut out, &mut ids).is_err());
    }
}
