//! The practice plan: which questions the next session should hold, chosen for the weak areas
//! (due reviews first, then unseen questions, then the lowest last scores) or, with no weak
//! areas, what is due.

use super::catalog::Catalog;
use super::srs::Schedule;
use super::weak::WeakArea;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// One question in the recommended session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanItem {
    /// The question.
    pub question_id: String,
    /// Its category.
    pub category: String,
    /// Why it is in the plan.
    pub reason: String,
}

fn candidates(
    catalog: &Catalog,
    category: &str,
    schedules: &HashMap<&str, &Schedule>,
    now: Timestamp,
) -> Vec<PlanItem> {
    let mut ranked: Vec<((u8, i64), PlanItem)> = catalog
        .in_category(category)
        .map(|q| {
            let (rank, reason) = match schedules.get(q.id.as_str()) {
                Some(s) if s.is_due(now) => (
                    (0, s.due.as_second()),
                    format!("due for review (last {})", s.last_score),
                ),
                None => ((1, 0), "not tried yet".to_string()),
                Some(s) => (
                    (2, i64::from(s.last_score)),
                    format!("last scored {}", s.last_score),
                ),
            };
            (
                rank,
                PlanItem {
                    question_id: q.id.clone(),
                    category: q.category.clone(),
                    reason: format!("{category}: {reason}"),
                },
            )
        })
        .collect();
    ranked.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| a.1.question_id.cmp(&b.1.question_id))
    });
    ranked.into_iter().map(|(_, item)| item).collect()
}

/// Up to `size` questions: round-robin over the weak areas, topped up with due reviews.
pub fn practice_plan(
    weak: &[WeakArea],
    catalog: &Catalog,
    schedules: &[(String, Schedule)],
    now: Timestamp,
    size: usize,
) -> Vec<PlanItem> {
    let by_id: HashMap<&str, &Schedule> = schedules.iter().map(|(q, s)| (q.as_str(), s)).collect();
    let mut queues: Vec<std::vec::IntoIter<PlanItem>> = weak
        .iter()
        .map(|w| candidates(catalog, &w.category, &by_id, now).into_iter())
        .collect();
    let mut plan: Vec<PlanItem> = Vec::new();
    let mut taken: HashSet<String> = HashSet::new();
    while plan.len() < size && !queues.is_empty() {
        queues.retain_mut(|queue| {
            if plan.len() >= size {
                return true;
            }
            match queue.next() {
                Some(item) => {
                    if taken.insert(item.question_id.clone()) {
                        plan.push(item);
                    }
                    true
                }
                None => false,
            }
        });
    }
    let mut due: Vec<(&String, &Schedule)> = schedules
        .iter()
        .filter(|(_, s)| s.is_due(now))
        .map(|(q, s)| (q, s))
        .collect();
    due.sort_by(|a, b| a.1.due.cmp(&b.1.due).then_with(|| a.0.cmp(b.0)));
    for (q, s) in due {
        if plan.len() >= size {
            break;
        }
        if taken.insert(q.clone()) {
            let category = catalog.get(q).map_or_else(
                || super::catalog::UNKNOWN_CATEGORY.to_string(),
                |i| i.category.clone(),
            );
            plan.push(PlanItem {
                question_id: q.clone(),
                reason: format!("{category}: due for review (last {})", s.last_score),
                category,
            });
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::catalog::QuestionInfo;
    use crate::analytics::srs::review;
    use crate::domain::QuestionKind;
    use jiff::ToSpan;

    fn info(id: &str, category: &str) -> QuestionInfo {
        QuestionInfo {
            id: id.into(),
            category: category.into(),
            kind: QuestionKind::Behavioral,
            prompt: format!("prompt {id}"),
        }
    }

    fn weak(category: &str) -> WeakArea {
        WeakArea {
            category: category.into(),
            attempts: 10,
            recent_average: 50.0,
            upper_bound: 55.0,
            reason: String::new(),
        }
    }

    #[test]
    fn due_then_unseen_then_lowest_round_robin() {
        let catalog = Catalog::from_questions([
            info("c1", "conflict"),
            info("c2", "conflict"),
            info("c3", "conflict"),
            info("f1", "failure"),
            info("f2", "failure"),
            info("o1", "other"),
        ]);
        let now: Timestamp = "2026-05-01T12:00:00Z".parse().unwrap();
        let long_ago = now - 720.hours();
        let schedules = vec![
            ("c1".to_string(), review(None, 95, now - 1.hour())),
            ("c2".to_string(), review(None, 30, long_ago)),
            ("f1".to_string(), review(None, 60, now - 1.hour())),
            ("o1".to_string(), review(None, 20, long_ago)),
        ];
        let plan = practice_plan(
            &[weak("conflict"), weak("failure")],
            &catalog,
            &schedules,
            now,
            5,
        );
        let ids: Vec<&str> = plan.iter().map(|p| p.question_id.as_str()).collect();
        assert_eq!(ids, vec!["c2", "f2", "c3", "f1", "c1"], "{plan:?}");
        let plan = practice_plan(&[], &catalog, &schedules, now, 5);
        let ids: Vec<&str> = plan.iter().map(|p| p.question_id.as_str()).collect();
        assert_eq!(ids, vec!["c2", "o1"]);
        assert!(practice_plan(&[weak("conflict")], &catalog, &schedules, now, 0).is_empty());
    }
}
