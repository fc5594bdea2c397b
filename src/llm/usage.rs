//! Usage and budget: prices, monthly and per-session totals, and the budget state (ok / warn / exhausted).

use super::LlmError;
use crate::config::LlmSettings;
use crate::store::{Store, StoreError, UsageRecord};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// One model's price in millionths of a dollar per million tokens (= dollars per token × 10¹²).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelPrice {
    /// The model name as the server reports it.
    pub model: String,
    /// Input (prompt) price, micro-USD per million tokens.
    pub input_micros_per_mtok: u64,
    /// Output (completion) price, micro-USD per million tokens.
    pub output_micros_per_mtok: u64,
}

impl ModelPrice {
    /// The cost of a record in micro-USD.
    pub fn cost_micros(&self, prompt_tokens: u64, completion_tokens: u64) -> u64 {
        let cost = u128::from(prompt_tokens) * u128::from(self.input_micros_per_mtok)
            + u128::from(completion_tokens) * u128::from(self.output_micros_per_mtok);
        u64::try_from(cost.div_ceil(1_000_000)).unwrap_or(u64::MAX)
    }
}

/// Parses a dollar amount like `12.50` into micro-USD.
pub fn parse_usd_micros(raw: &str) -> Result<u64, String> {
    let raw = raw.trim().trim_start_matches('$');
    let value: f64 = raw
        .parse()
        .map_err(|_| format!("expected an amount of US dollars such as 12.50, got '{raw}'"))?;
    if !value.is_finite() || !(0.0..=1e9).contains(&value) {
        return Err(format!("{raw} is out of range (0 to 1000000000)"));
    }
    // Bounded to 0..=1e15 above, so the cast is exact enough.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let micros = (value * 1e6).round() as u64;
    Ok(micros)
}

/// Parses `model=input/output; model=input/output` (USD per million tokens; `;` or `,` between).
pub fn parse_prices(raw: &str) -> Result<Vec<ModelPrice>, String> {
    let mut prices = Vec::new();
    for part in raw
        .split([';', ','])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let (model, rates) = part.split_once('=').ok_or_else(|| {
            format!("'{part}': expected model=input/output in USD per million tokens, e.g. gpt-4o-mini=0.15/0.60")
        })?;
        let (input, output) = rates
            .split_once('/')
            .ok_or_else(|| format!("'{part}': expected input/output prices, e.g. 0.15/0.60"))?;
        let model = model.trim();
        if model.is_empty() {
            return Err(format!("'{part}': the model name is empty"));
        }
        prices.push(ModelPrice {
            model: model.to_string(),
            input_micros_per_mtok: parse_usd_micros(input).map_err(|e| format!("'{part}': {e}"))?,
            output_micros_per_mtok: parse_usd_micros(output)
                .map_err(|e| format!("'{part}': {e}"))?,
        });
    }
    Ok(prices)
}

/// Formats micro-USD as dollars, e.g. `$1.2345`.
pub fn format_usd(micros: u64) -> String {
    let whole = micros / 1_000_000;
    let frac = (micros % 1_000_000) / 100;
    format!("${whole}.{frac:04}")
}

/// Where the month stands against the budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", content = "percent", rename_all = "snake_case")]
pub enum BudgetState {
    /// Under 80% (or no budget).
    Ok,
    /// At or over 80%: the percentage used, shown as a warning.
    Warn(u8),
    /// At or over 100%: LLM calls stop until next month.
    Exhausted,
}

/// The monthly limits; zero means no limit of that kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Budget {
    /// Tokens per month.
    pub monthly_tokens: u64,
    /// Micro-USD per month.
    pub monthly_usd_micros: u64,
    /// Prices by model.
    pub prices: Vec<ModelPrice>,
}

/// Percent at which a warning shows.
pub const WARN_PERCENT: u8 = 80;

impl Budget {
    /// The budget from settings.
    pub fn from_settings(s: &LlmSettings) -> Self {
        Self {
            monthly_tokens: s.monthly_token_budget,
            monthly_usd_micros: s.monthly_usd_budget_micros,
            prices: s.prices.clone(),
        }
    }

    /// Whether any limit is set.
    pub fn is_set(&self) -> bool {
        self.monthly_tokens > 0 || self.monthly_usd_micros > 0
    }

    /// The price of a model: an exact match, else the longest configured prefix
    /// (so `gpt-4o-mini` also prices `gpt-4o-mini-2024-07-18`).
    pub fn price_of(&self, model: &str) -> Option<&ModelPrice> {
        self.prices.iter().find(|p| p.model == model).or_else(|| {
            self.prices
                .iter()
                .filter(|p| model.starts_with(&p.model))
                .max_by_key(|p| p.model.len())
        })
    }

    /// The state for the given totals: the worse of the token and dollar budgets.
    pub fn state(&self, totals: &Totals) -> BudgetState {
        let percent = |used: u64, limit: u64| -> Option<u64> {
            (limit > 0).then(|| {
                u64::try_from(u128::from(used) * 100 / u128::from(limit)).unwrap_or(u64::MAX)
            })
        };
        let worst = [
            percent(totals.tokens(), self.monthly_tokens),
            percent(totals.usd_micros, self.monthly_usd_micros),
        ]
        .into_iter()
        .flatten()
        .max();
        match worst {
            Some(p) if p >= 100 => BudgetState::Exhausted,
            Some(p) if p >= u64::from(WARN_PERCENT) => {
                BudgetState::Warn(u8::try_from(p).unwrap_or(99))
            }
            _ => BudgetState::Ok,
        }
    }

    /// The exhausted error with the numbers filled in.
    pub fn exhausted_error(&self, totals: &Totals) -> LlmError {
        let (spent, limit) = if self.monthly_tokens > 0 && totals.tokens() >= self.monthly_tokens {
            (
                format!("{} tokens", totals.tokens()),
                format!("{} tokens", self.monthly_tokens),
            )
        } else {
            (
                format_usd(totals.usd_micros),
                format_usd(self.monthly_usd_micros),
            )
        };
        LlmError::BudgetExhausted { spent, limit }
    }
}

/// Token and cost totals over some records.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// LLM calls.
    pub calls: u64,
    /// Prompt tokens.
    pub prompt_tokens: u64,
    /// Completion tokens.
    pub completion_tokens: u64,
    /// Cost of the priced calls, micro-USD.
    pub usd_micros: u64,
    /// Calls whose model has no configured price.
    pub unpriced_calls: u64,
    /// Calls whose counts were estimated.
    pub estimated_calls: u64,
}

impl Totals {
    /// Prompt plus completion tokens.
    pub fn tokens(&self) -> u64 {
        self.prompt_tokens + self.completion_tokens
    }

    /// Adds one record, priced with `budget`'s prices.
    pub fn add(&mut self, record: &UsageRecord, budget: &Budget) {
        self.calls += 1;
        self.prompt_tokens += record.prompt_tokens;
        self.completion_tokens += record.completion_tokens;
        match budget.price_of(&record.model) {
            Some(p) => {
                self.usd_micros += p.cost_micros(record.prompt_tokens, record.completion_tokens);
            }
            None => self.unpriced_calls += 1,
        }
        if record.estimated {
            self.estimated_calls += 1;
        }
    }

    /// Totals over `records`.
    pub fn of<'a>(records: impl IntoIterator<Item = &'a UsageRecord>, budget: &Budget) -> Self {
        let mut t = Self::default();
        for r in records {
            t.add(r, budget);
        }
        t
    }
}

/// The first instant of the calendar month containing `now`, in `tz`.
pub fn month_start(now: Timestamp, tz: &TimeZone) -> Timestamp {
    let zoned = now.to_zoned(tz.clone());
    zoned
        .date()
        .first_of_month()
        .to_zoned(tz.clone())
        .map_or(now, |z| z.timestamp())
}

/// `YYYY-MM` of `at` in `tz`.
pub fn month_label(at: Timestamp, tz: &TimeZone) -> String {
    let d = at.to_zoned(tz.clone()).date();
    format!("{:04}-{:02}", d.year(), d.month())
}

/// Per-month and per-session totals plus the budget state, for `hotseat usage` and the screens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UsageReport {
    /// The current month, `YYYY-MM`.
    pub month: String,
    /// This month's totals.
    pub this_month: Totals,
    /// Totals per month, oldest first (months with usage only).
    pub months: BTreeMap<String, Totals>,
    /// Totals per session id this month (calls without a session are under "-").
    pub sessions: BTreeMap<String, Totals>,
    /// The limits.
    pub budget: Budget,
    /// Where this month stands.
    pub state: BudgetState,
}

impl UsageReport {
    /// Builds the report from every stored record.
    pub fn build(records: &[UsageRecord], budget: &Budget, now: Timestamp, tz: &TimeZone) -> Self {
        let start = month_start(now, tz);
        let mut months: BTreeMap<String, Totals> = BTreeMap::new();
        let mut sessions: BTreeMap<String, Totals> = BTreeMap::new();
        let mut this_month = Totals::default();
        for r in records {
            months
                .entry(month_label(r.at, tz))
                .or_default()
                .add(r, budget);
            if r.at >= start {
                this_month.add(r, budget);
                sessions
                    .entry(r.session.clone().unwrap_or_else(|| "-".to_string()))
                    .or_default()
                    .add(r, budget);
            }
        }
        Self {
            month: month_label(now, tz),
            state: budget.state(&this_month),
            this_month,
            months,
            sessions,
            budget: budget.clone(),
        }
    }
}

/// Records usage in the store and guards calls with the monthly budget.
#[derive(Clone)]
pub struct UsageLedger {
    store: Arc<dyn Store>,
    budget: Budget,
    tz: TimeZone,
}

impl std::fmt::Debug for UsageLedger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UsageLedger")
            .field("budget", &self.budget)
            .finish_non_exhaustive()
    }
}

impl UsageLedger {
    /// A ledger over `store` with `budget`, months counted in the system time zone.
    pub fn new(store: Arc<dyn Store>, budget: Budget) -> Self {
        Self::with_time_zone(store, budget, TimeZone::system())
    }

    /// A ledger with months counted in `tz`.
    pub fn with_time_zone(store: Arc<dyn Store>, budget: Budget, tz: TimeZone) -> Self {
        Self { store, budget, tz }
    }

    /// The budget.
    pub fn budget(&self) -> &Budget {
        &self.budget
    }

    /// The store.
    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    /// This month's totals at `now`.
    pub fn month_totals(&self, now: Timestamp) -> Result<Totals, StoreError> {
        let records = self.store.usage_since(month_start(now, &self.tz))?;
        Ok(Totals::of(&records, &self.budget))
    }

    /// The budget state at `now`.
    pub fn state(&self, now: Timestamp) -> Result<BudgetState, StoreError> {
        if !self.budget.is_set() {
            return Ok(BudgetState::Ok);
        }
        Ok(self.budget.state(&self.month_totals(now)?))
    }

    /// Fails with `BudgetExhausted` when the month's budget is used up; else the state.
    pub fn check(&self, now: Timestamp) -> Result<BudgetState, LlmError> {
        if !self.budget.is_set() {
            return Ok(BudgetState::Ok);
        }
        let totals = self.month_totals(now)?;
        match self.budget.state(&totals) {
            BudgetState::Exhausted => Err(self.budget.exhausted_error(&totals)),
            state => Ok(state),
        }
    }

    /// Stores one record and returns the state after it.
    pub fn record(&self, record: &UsageRecord) -> Result<BudgetState, StoreError> {
        self.store.record_usage(record)?;
        self.state(record.at)
    }

    /// The full report at `now`.
    pub fn report(&self, now: Timestamp) -> Result<UsageReport, StoreError> {
        let records = self.store.usage_since(Timestamp::MIN)?;
        Ok(UsageReport::build(&records, &self.budget, now, &self.tz))
    }
}

/// A rough token count for text when the server reports none: about four characters a token.
pub fn estimate_tokens(text: &str) -> u64 {
    let chars = u64::try_from(text.chars().count()).unwrap_or(u64::MAX);
    chars.div_ceil(4)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(model: &str, prompt: u64, completion: u64, at: &str) -> UsageRecord {
        UsageRecord {
            at: at.parse().unwrap(),
            model: model.into(),
            purpose: "judge".into(),
            session: Some("s1".into()),
            prompt_tokens: prompt,
            completion_tokens: completion,
            estimated: false,
        }
    }

    #[test]
    fn prices_parse_and_cost_exactly() {
        let prices = parse_prices("gpt-4o-mini=0.15/0.60; gpt-4o = 2.5/10").unwrap();
        assert_eq!(prices.len(), 2);
        assert_eq!(prices[0].input_micros_per_mtok, 150_000);
        assert_eq!(prices[1].output_micros_per_mtok, 10_000_000);
        // 1M input at $0.15 + 1M output at $0.60 = $0.75.
        assert_eq!(prices[0].cost_micros(1_000_000, 1_000_000), 750_000);
        assert_eq!(format_usd(750_000), "$0.7500");
        assert!(parse_prices("gpt=0.1").is_err());
        assert!(parse_prices("=0.1/0.2").is_err());
        assert!(parse_prices("m=x/0.2").is_err());
        assert_eq!(parse_prices("").unwrap(), vec![]);
        assert_eq!(parse_usd_micros("12.50"), Ok(12_500_000));
        assert!(parse_usd_micros("-1").is_err());
    }

    #[test]
    fn price_lookup_falls_back_to_the_longest_prefix() {
        let budget = Budget {
            prices: parse_prices("gpt-4o=2.5/10; gpt-4o-mini=0.15/0.6").unwrap(),
            ..Budget::default()
        };
        assert_eq!(
            budget.price_of("gpt-4o-mini-2024-07-18").unwrap().model,
            "gpt-4o-mini"
        );
        assert_eq!(budget.price_of("gpt-4o-2024").unwrap().model, "gpt-4o");
        assert!(budget.price_of("llama3").is_none());
    }

    #[test]
    fn budget_warns_at_80_and_stops_at_100_percent() {
        let budget = Budget {
            monthly_tokens: 1000,
            ..Budget::default()
        };
        let totals = |n| Totals {
            prompt_tokens: n,
            ..Totals::default()
        };
        assert_eq!(budget.state(&totals(0)), BudgetState::Ok);
        assert_eq!(budget.state(&totals(799)), BudgetState::Ok);
        assert_eq!(budget.state(&totals(800)), BudgetState::Warn(80));
        assert_eq!(budget.state(&totals(999)), BudgetState::Warn(99));
        assert_eq!(budget.state(&totals(1000)), BudgetState::Exhausted);
        assert_eq!(budget.state(&totals(5000)), BudgetState::Exhausted);
        assert_eq!(
            Budget::default().state(&totals(u64::MAX / 2)),
            BudgetState::Ok
        );
    }

    #[test]
    fn usd_budget_uses_prices_and_the_worse_budget_wins() {
        let budget = Budget {
            monthly_tokens: 1_000_000,
            monthly_usd_micros: 1_000_000,
            prices: parse_prices("m=10/10").unwrap(),
        };
        // 90k tokens at $10/M = $0.90: 90% of the dollars, 9% of the tokens.
        let t = Totals::of(&[record("m", 90_000, 0, "2025-03-02T00:00:00Z")], &budget);
        assert_eq!(t.usd_micros, 900_000);
        assert_eq!(budget.state(&t), BudgetState::Warn(90));
        let err = budget
            .exhausted_error(&Totals::of(
                &[record("m", 100_000, 0, "2025-03-02T00:00:00Z")],
                &budget,
            ))
            .to_string();
        assert!(err.contains("$1.0000 of $1.0000"), "{err}");
    }

    #[test]
    fn report_splits_months_and_sessions() {
        let budget = Budget {
            monthly_tokens: 100,
            ..Budget::default()
        };
        let mut other = record("m", 5, 5, "2025-03-03T00:00:00Z");
        other.session = None;
        let records = vec![
            record("m", 40, 10, "2025-02-28T23:00:00Z"),
            record("m", 30, 20, "2025-03-01T00:00:00Z"),
            other,
        ];
        let now = "2025-03-15T12:00:00Z".parse().unwrap();
        let r = UsageReport::build(&records, &budget, now, &TimeZone::UTC);
        assert_eq!(r.month, "2025-03");
        assert_eq!(r.this_month.tokens(), 60);
        assert_eq!(r.months["2025-02"].tokens(), 50);
        assert_eq!(r.sessions["s1"].tokens(), 50);
        assert_eq!(r.sessions["-"].tokens(), 10);
        assert_eq!(r.state, BudgetState::Ok);
        assert_eq!(
            month_start(now, &TimeZone::UTC),
            "2025-03-01T00:00:00Z".parse::<Timestamp>().unwrap()
        );
    }

    #[test]
    fn token_estimate_is_about_four_chars() {
        assert_eq!(estimate_tokens(""), 0);
        assert_eq!(estimate_tokens("abcd"), 1);
        assert_eq!(estimate_tokens("abcde"), 2);
    }
}
