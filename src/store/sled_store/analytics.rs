//! The analytics side of `SledStore`: attempt facts in day chunks and review schedules, written
//! in the same transaction as each attempt, rebuilt once for stores that predate them, and
//! pruned with retention.

use super::counters::{Counted, add_in};
use super::{ATTEMPTS, QUESTION_STATS, SledStore, decode, encode, index_key};
use crate::analytics::srs::{self, Schedule};
use crate::domain::Attempt;
use crate::store::facts::{self, AttemptFact};
use crate::store::{QuestionStats, StoreError};
use jiff::Timestamp;
use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError};
use std::collections::{BTreeMap, HashMap};

/// The facts tree: UTC day → postcard list of attempt facts.
pub(super) const FACTS: &str = "attempt_facts";
/// The schedules tree: question id → JSON schedule.
pub(super) const SCHEDULES: &str = "schedules";
/// Meta key recording that facts and schedules cover every attempt.
const ANALYTICS_VERSION_KEY: &str = "analytics_version";
const ANALYTICS_VERSION: u32 = 1;
/// Attempts written per transaction by a bulk save.
const BULK_GROUP: usize = 2_000;

fn corrupt_chunk(e: &postcard::Error) -> StoreError {
    StoreError::Corrupt {
        tree: FACTS,
        message: e.to_string(),
    }
}

pub(super) fn tx_error(e: TransactionError<StoreError>) -> StoreError {
    match e {
        TransactionError::Storage(s) => StoreError::Db(s),
        TransactionError::Abort(e) => e,
    }
}

/// Adds a scored (or skipped) attempt to its question's stats.
fn bump_stats(stats: &mut QuestionStats, attempt: &Attempt) {
    if let Some(total) = attempt.total() {
        stats.attempts += 1;
        stats.best = Some(stats.best.map_or(total, |b| b.max(total)));
        stats.last = Some(total);
    }
    stats.last_at = Some(attempt.submitted_at);
}

/// The schedule after `attempt`, or the previous one when the attempt carries no review.
fn next_schedule(previous: Option<Schedule>, attempt: &Attempt) -> Option<Schedule> {
    match srs::review_score(attempt.total(), attempt.skipped) {
        Some(score) => Some(srs::review(previous.as_ref(), score, attempt.submitted_at)),
        None => previous,
    }
}

impl SledStore {
    /// Saves one attempt with its stats, facts, schedule and counts in one transaction, then
    /// flushes.
    /// Saving an id again replaces the attempt and its facts; stats and schedule count it once.
    pub(super) fn save_attempt_with_analytics(&self, attempt: &Attempt) -> Result<(), StoreError> {
        let value = encode(ATTEMPTS, attempt)?;
        let index = index_key(&attempt.question_id, attempt.id);
        let fact = AttemptFact::of(attempt);
        let day = fact.chunk_key();
        let abort = ConflictableTransactionError::Abort;
        (
            &self.attempts,
            &self.by_question,
            &self.stats,
            &self.facts,
            &self.schedules,
            &self.counters,
        )
            .transaction(
                |(attempts, by_question, st, facts_tree, schedules, counters)| {
                    let existed = attempts.get(attempt.id.as_bytes())?.is_some();
                    attempts.insert(attempt.id.as_bytes(), value.as_slice())?;
                    by_question.insert(index.as_slice(), &[])?;
                    let mut chunk = match facts_tree.get(day.as_bytes())? {
                        Some(bytes) => {
                            facts::decode_chunk(&bytes).map_err(|e| abort(corrupt_chunk(&e)))?
                        }
                        None => Vec::new(),
                    };
                    facts::upsert(&mut chunk, fact.clone());
                    let chunk =
                        facts::encode_chunk(&chunk).map_err(|e| abort(corrupt_chunk(&e)))?;
                    facts_tree.insert(day.as_bytes(), chunk)?;
                    if existed {
                        return Ok(());
                    }
                    add_in(counters, Counted::Attempts, 1)?;
                    let key = attempt.question_id.as_bytes();
                    let known = st.get(key)?;
                    if known.is_none() {
                        add_in(counters, Counted::QuestionStats, 1)?;
                    }
                    let mut stats: QuestionStats = match known {
                        Some(v) => decode(QUESTION_STATS, &v).map_err(abort)?,
                        None => QuestionStats::default(),
                    };
                    bump_stats(&mut stats, attempt);
                    st.insert(key, encode(QUESTION_STATS, &stats).map_err(abort)?)?;
                    let previous: Option<Schedule> = match schedules.get(key)? {
                        Some(v) => Some(decode(SCHEDULES, &v).map_err(abort)?),
                        None => None,
                    };
                    if let Some(s) = next_schedule(previous, attempt) {
                        schedules.insert(key, encode(SCHEDULES, &s).map_err(abort)?)?;
                    }
                    Ok(())
                },
            )
            .map_err(tx_error)?;
        self.db.flush()?;
        Ok(())
    }

    /// Saves many attempts (oldest first, ids already stored skipped) in transactions of a few
    /// thousand, then flushes once. Returns how many were new.
    pub(super) fn save_attempts_bulk(&self, attempts: &[Attempt]) -> Result<usize, StoreError> {
        let mut seen = std::collections::HashSet::new();
        let mut fresh: Vec<&Attempt> = Vec::with_capacity(attempts.len());
        for a in attempts {
            if seen.insert(a.id) && !self.attempts.contains_key(a.id.as_bytes())? {
                fresh.push(a);
            }
        }
        fresh.sort_by_key(|a| (a.submitted_at, a.id));
        for group in fresh.chunks(BULK_GROUP) {
            self.write_group(group)?;
        }
        self.db.flush()?;
        Ok(fresh.len())
    }

    fn write_group(&self, group: &[&Attempt]) -> Result<(), StoreError> {
        let mut attempts = sled::Batch::default();
        let mut by_question = sled::Batch::default();
        let mut stats: HashMap<&str, QuestionStats> = HashMap::new();
        let mut new_stats = 0i64;
        let mut schedules: HashMap<&str, Option<Schedule>> = HashMap::new();
        let mut chunks: BTreeMap<String, Vec<AttemptFact>> = BTreeMap::new();
        for a in group {
            attempts.insert(a.id.as_bytes(), encode(ATTEMPTS, *a)?);
            by_question.insert(index_key(&a.question_id, a.id), &[]);
            let q = a.question_id.as_str();
            if !stats.contains_key(q) {
                let known: Option<QuestionStats> = Self::get(&self.stats, QUESTION_STATS, q)?;
                new_stats += i64::from(known.is_none());
                stats.insert(q, known.unwrap_or_default());
            }
            if let Some(s) = stats.get_mut(q) {
                bump_stats(s, a);
            }
            if !schedules.contains_key(q) {
                schedules.insert(q, Self::get(&self.schedules, SCHEDULES, q)?);
            }
            if let Some(slot) = schedules.get_mut(q) {
                *slot = next_schedule(slot.take(), a);
            }
            let fact = AttemptFact::of(a);
            let day = fact.chunk_key();
            if !chunks.contains_key(&day) {
                let existing = match self.facts.get(day.as_bytes())? {
                    Some(bytes) => facts::decode_chunk(&bytes).map_err(|e| corrupt_chunk(&e))?,
                    None => Vec::new(),
                };
                chunks.insert(day.clone(), existing);
            }
            if let Some(chunk) = chunks.get_mut(&day) {
                facts::upsert(chunk, fact);
            }
        }
        let mut stats_batch = sled::Batch::default();
        for (q, s) in &stats {
            stats_batch.insert(q.as_bytes(), encode(QUESTION_STATS, s)?);
        }
        let mut schedules_batch = sled::Batch::default();
        for (q, s) in &schedules {
            if let Some(s) = s {
                schedules_batch.insert(q.as_bytes(), encode(SCHEDULES, s)?);
            }
        }
        let mut facts_batch = sled::Batch::default();
        for (day, chunk) in &chunks {
            facts_batch.insert(
                day.as_bytes(),
                facts::encode_chunk(chunk).map_err(|e| corrupt_chunk(&e))?,
            );
        }
        let added = i64::try_from(group.len()).unwrap_or(i64::MAX);
        (
            &self.attempts,
            &self.by_question,
            &self.stats,
            &self.facts,
            &self.schedules,
            &self.counters,
        )
            .transaction(|(a, bq, st, f, sc, c)| {
                a.apply_batch(&attempts)?;
                bq.apply_batch(&by_question)?;
                st.apply_batch(&stats_batch)?;
                f.apply_batch(&facts_batch)?;
                sc.apply_batch(&schedules_batch)?;
                add_in(c, Counted::Attempts, added)?;
                add_in(c, Counted::QuestionStats, new_stats)?;
                Ok(())
            })
            .map_err(tx_error)
    }

    fn get_stats(&self, question_id: &str) -> Result<QuestionStats, StoreError> {
        Ok(Self::get(&self.stats, QUESTION_STATS, question_id)?.unwrap_or_default())
    }

    /// Every attempt fact, day chunk by day chunk (oldest day first), sized from the attempt
    /// count and decoded in place with shared question ids.
    pub(super) fn read_facts(&self) -> Result<Vec<AttemptFact>, StoreError> {
        let mut out = Vec::with_capacity(self.count_of(Counted::Attempts)?);
        let mut ids = facts::QuestionIds::default();
        for item in self.facts.iter().values() {
            let bytes = item?;
            facts::decode_chunk_into(&bytes, &mut out, &mut ids).map_err(|e| corrupt_chunk(&e))?;
        }
        Ok(out)
    }

    /// Every schedule, by question id.
    pub(super) fn read_schedules(&self) -> Result<Vec<(String, Schedule)>, StoreError> {
        self.schedules
            .iter()
            .map(|item| {
                let (k, v) = item?;
                Ok((
                    String::from_utf8_lossy(&k).into_owned(),
                    decode(SCHEDULES, &v)?,
                ))
            })
            .collect()
    }

    /// Deletes attempts submitted before `cutoff`, found through the day chunks, in one
    /// transaction with their facts and the attempt count, then brings the touched questions'
    /// stats and schedules back in line with what remains.
    pub(super) fn prune_with_analytics(&self, cutoff: Timestamp) -> Result<usize, StoreError> {
        let last_day = facts::chunk_key(cutoff);
        let limit = cutoff.as_second();
        let mut dropped: Vec<AttemptFact> = Vec::new();
        let mut facts_batch = sled::Batch::default();
        for item in self.facts.range(..=last_day.as_bytes()) {
            let (key, bytes) = item?;
            let chunk = facts::decode_chunk(&bytes).map_err(|e| corrupt_chunk(&e))?;
            let (old, keep): (Vec<AttemptFact>, Vec<AttemptFact>) =
                chunk.into_iter().partition(|f| f.at_secs < limit);
            if old.is_empty() {
                continue;
            }
            if keep.is_empty() {
                facts_batch.remove(key);
            } else {
                facts_batch.insert(
                    key,
                    facts::encode_chunk(&keep).map_err(|e| corrupt_chunk(&e))?,
                );
            }
            dropped.extend(old);
        }
        if dropped.is_empty() {
            return Ok(0);
        }
        let mut attempts = sled::Batch::default();
        let mut by_question = sled::Batch::default();
        let mut removed = 0i64;
        let mut touched: Vec<String> = Vec::new();
        for f in &dropped {
            removed += i64::from(self.attempts.contains_key(f.id.as_bytes())?);
            attempts.remove(f.id.as_bytes());
            by_question.remove(index_key(&f.question_id, f.id));
            touched.push(f.question_id.to_string());
        }
        (
            &self.attempts,
            &self.by_question,
            &self.facts,
            &self.counters,
        )
            .transaction(|(a, bq, f, c)| {
                a.apply_batch(&attempts)?;
                bq.apply_batch(&by_question)?;
                f.apply_batch(&facts_batch)?;
                add_in(c, Counted::Attempts, -removed)?;
                Ok(())
            })
            .map_err(tx_error)?;
        touched.sort();
        touched.dedup();
        for q in &touched {
            self.recount_question(q)?;
        }
        self.db.flush()?;
        Ok(dropped.len())
    }

    /// Recomputes one question's stats (keeping its star) and schedule from its stored attempts.
    fn recount_question(&self, question_id: &str) -> Result<(), StoreError> {
        let mut remaining = crate::store::Store::attempts_for_question(self, question_id)?;
        remaining.sort_by_key(|a| a.submitted_at);
        let old = self.get_stats(question_id)?;
        let mut stats = QuestionStats {
            starred: old.starred,
            ..QuestionStats::default()
        };
        let mut schedule = None;
        for a in &remaining {
            bump_stats(&mut stats, a);
            schedule = next_schedule(schedule, a);
        }
        self.put_counted(
            Counted::QuestionStats,
            question_id.as_bytes(),
            &encode(QUESTION_STATS, &stats)?,
        )?;
        match schedule {
            Some(s) => self
                .schedules
                .insert(question_id.as_bytes(), encode(SCHEDULES, &s)?)
                .map(|_| ())?,
            None => self.schedules.remove(question_id.as_bytes()).map(|_| ())?,
        }
        Ok(())
    }

    /// Builds facts and schedules from the attempts once, for stores written before they existed.
    pub(super) fn ensure_analytics(&self) -> Result<(), StoreError> {
        if self.meta.get(ANALYTICS_VERSION_KEY)?.is_some() {
            return Ok(());
        }
        self.facts.clear()?;
        self.schedules.clear()?;
        let mut all: Vec<Attempt> = Self::all(&self.attempts, ATTEMPTS)?;
        all.sort_by_key(|a| (a.submitted_at, a.id));
        let mut chunks: BTreeMap<String, Vec<AttemptFact>> = BTreeMap::new();
        let mut schedules: HashMap<&str, Schedule> = HashMap::new();
        for a in &all {
            let fact = AttemptFact::of(a);
            chunks.entry(fact.chunk_key()).or_default().push(fact);
            let previous = schedules.remove(a.question_id.as_str());
            if let Some(s) = next_schedule(previous, a) {
                schedules.insert(a.question_id.as_str(), s);
            }
        }
        let mut facts_batch = sled::Batch::default();
        for (day, chunk) in &chunks {
            facts_batch.insert(
                day.as_bytes(),
                facts::encode_chunk(chunk).map_err(|e| corrupt_chunk(&e))?,
            );
        }
        let mut schedules_batch = sled::Batch::default();
        for (q, s) in &schedules {
            schedules_batch.insert(q.as_bytes(), encode(SCHEDULES, s)?);
        }
        self.facts.apply_batch(facts_batch)?;
        self.schedules.apply_batch(schedules_batch)?;
        self.meta
            .insert(ANALYTICS_VERSION_KEY, &ANALYTICS_VERSION.to_be_bytes())?;
        self.db.flush()?;
        Ok(())
    }
}
