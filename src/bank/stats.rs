//! Coverage counts of a bank: questions per kind and role, for `hotseat questions stats`.

use crate::domain::{Question, QuestionKind, Role};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// How many questions there are per kind, per role and per (kind, role).
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct BankStats {
    /// Total questions.
    pub total: usize,
    /// Questions per kind.
    pub by_kind: BTreeMap<QuestionKind, usize>,
    /// Questions listing each role (a question may list several).
    pub by_role: BTreeMap<Role, usize>,
    /// Questions per kind and role.
    pub by_kind_role: BTreeMap<QuestionKind, BTreeMap<Role, usize>>,
}

impl BankStats {
    /// Counts `questions`.
    pub fn of<'a>(questions: impl IntoIterator<Item = &'a Question>) -> Self {
        let mut s = Self::default();
        for q in questions {
            s.total += 1;
            *s.by_kind.entry(q.kind).or_default() += 1;
            for r in &q.roles {
                *s.by_role.entry(*r).or_default() += 1;
                *s.by_kind_role
                    .entry(q.kind)
                    .or_default()
                    .entry(*r)
                    .or_default() += 1;
            }
        }
        s
    }

    /// A Markdown table: kinds down, roles across, totals at the edges.
    pub fn markdown(&self) -> String {
        let roles: Vec<Role> = Role::ALL
            .iter()
            .copied()
            .filter(|r| self.by_role.contains_key(r))
            .collect();
        let mut out = String::from("| kind |");
        for r in &roles {
            let _ = write!(out, " {} |", r.as_str());
        }
        out.push_str(" total |\n|---|");
        out.push_str(&"---:|".repeat(roles.len() + 1));
        out.push('\n');
        for k in QuestionKind::ALL {
            let Some(row) = self.by_kind_role.get(&k) else {
                continue;
            };
            let _ = write!(out, "| {} |", k.as_str());
            for r in &roles {
                let _ = write!(out, " {} |", row.get(r).copied().unwrap_or(0));
            }
            let _ = writeln!(out, " {} |", self.by_kind.get(&k).copied().unwrap_or(0));
        }
        out.push_str("| **total** |");
        for r in &roles {
            let _ = write!(out, " {} |", self.by_role.get(r).copied().unwrap_or(0));
        }
        let _ = writeln!(out, " {} |", self.total);
        out
    }
}
