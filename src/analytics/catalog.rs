//! What analytics needs to know about bank questions: category, kind and prompt, by id.

use crate::bank::Bank;
use crate::domain::QuestionKind;
use std::collections::HashMap;

/// The category shown for attempts at questions no longer in the bank.
pub const UNKNOWN_CATEGORY: &str = "(not in the bank)";

/// One question as analytics sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionInfo {
    /// The question id.
    pub id: String,
    /// Its category.
    pub category: String,
    /// Its kind.
    pub kind: QuestionKind,
    /// The prompt.
    pub prompt: String,
}

/// Question metadata by id, in bank order.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    questions: Vec<QuestionInfo>,
    by_id: HashMap<String, usize>,
}

impl Catalog {
    /// The catalog of a bank.
    pub fn from_bank(bank: &Bank) -> Self {
        Self::from_questions(bank.questions().iter().map(|q| QuestionInfo {
            id: q.id.clone(),
            category: q.category.clone(),
            kind: q.kind,
            prompt: q.prompt.clone(),
        }))
    }

    /// A catalog from question infos (tests, generated histories).
    pub fn from_questions(questions: impl IntoIterator<Item = QuestionInfo>) -> Self {
        let questions: Vec<QuestionInfo> = questions.into_iter().collect();
        let by_id = questions
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.clone(), i))
            .collect();
        Self { questions, by_id }
    }

    /// One question.
    pub fn get(&self, id: &str) -> Option<&QuestionInfo> {
        self.by_id.get(id).map(|&i| &self.questions[i])
    }

    /// Every question, in bank order.
    pub fn questions(&self) -> &[QuestionInfo] {
        &self.questions
    }

    /// Questions of one category, in bank order.
    pub fn in_category<'a>(&'a self, category: &'a str) -> impl Iterator<Item = &'a QuestionInfo> {
        self.questions
            .iter()
            .filter(move |q| q.category == category)
    }
}
