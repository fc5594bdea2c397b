//! Builds the progress report and the trends series from attempt facts, schedules and the
//! question catalog, in one pass over the facts, with local days in the user's time zone.

use super::catalog::{Catalog, UNKNOWN_CATEGORY};
use super::days::{DayMap, LocalDays};
use super::fit::{Moments, round1};
use super::plan::practice_plan;
use super::predict::{predict, velocity};
use super::report::{
    CategorySeries, DayPoint, DimensionSeries, DimensionTrend, GroupStats, Progress, TrendsData,
};
use super::srs::Schedule;
use super::streak::streaks;
use super::weak::{self, CategoryScores, MIN_SAMPLES, RECENT_WINDOW};
use crate::domain::{Dimension, QuestionKind};
use crate::store::AttemptFact;
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use rustc_hash::FxHashMap;
use std::collections::{BTreeSet, VecDeque};
use std::sync::Arc;

/// The score the prediction aims at by default.
pub const DEFAULT_TARGET: u8 = 80;
/// Questions in the recommended session by default.
pub const DEFAULT_PLAN_SIZE: usize = 5;
/// Calendar days the moving average spans.
const MOVING_DAYS: i64 = 7;
/// Answers in a group's "recent" average.
const GROUP_RECENT: usize = 10;
/// Answers in a dimension's recent (and previous) window.
const DIMENSION_WINDOW: usize = 20;
/// Practice days kept for the dimension sparklines.
const SPARK_DAYS: usize = 120;
/// Days the calendar heatmap covers.
const CALENDAR_DAYS: i64 = 53 * 7;
const SECS_PER_DAY: i64 = 86_400;

/// When and how the report is made.
#[derive(Debug, Clone)]
pub struct Options {
    /// The current time.
    pub now: Timestamp,
    /// The user's time zone: days, streaks and the calendar follow it.
    pub tz: TimeZone,
    /// The score the prediction aims at.
    pub target: u8,
    /// Questions in the recommended session.
    pub plan_size: usize,
}

impl Options {
    /// Defaults (target 80, five questions) at `now` in `tz`.
    pub fn new(now: Timestamp, tz: TimeZone) -> Self {
        Self {
            now,
            tz,
            target: DEFAULT_TARGET,
            plan_size: DEFAULT_PLAN_SIZE,
        }
    }
}

/// The local day number (days since 1970-01-01 in `tz`) of a time.
pub fn local_day(at_secs: i64, tz: &TimeZone) -> i64 {
    let ts = Timestamp::from_second(at_secs).unwrap_or(Timestamp::UNIX_EPOCH);
    (at_secs + i64::from(tz.to_offset(ts).seconds())).div_euclid(SECS_PER_DAY)
}

/// The civil date of a day number.
pub fn date_of(day: i64) -> Date {
    Timestamp::from_second(day.saturating_mul(SECS_PER_DAY))
        .unwrap_or(Timestamp::UNIX_EPOCH)
        .to_zoned(TimeZone::UTC)
        .date()
}

#[derive(Debug, Default)]
struct Group {
    scores: Moments,
    best: u8,
    seconds: Moments,
    last_day: i64,
    recent: VecDeque<u8>,
}

impl Group {
    fn add(&mut self, total: u8, seconds: u32, day: i64, keep: usize) {
        self.scores.add(f64::from(total));
        self.best = self.best.max(total);
        self.seconds.add(f64::from(seconds));
        self.last_day = self.last_day.max(day);
        if self.recent.len() == keep {
            self.recent.pop_front();
        }
        self.recent.push_back(total);
    }

    fn stats(&self, name: String) -> GroupStats {
        let recent = Moments::of(
            self.recent
                .iter()
                .rev()
                .take(GROUP_RECENT)
                .map(|&v| f64::from(v)),
        );
        GroupStats {
            name,
            answers: self.scores.n,
            average: round1(self.scores.mean().unwrap_or(0.0)),
            recent_average: round1(recent.mean().unwrap_or(0.0)),
            best: self.best,
            seconds_per_answer: round1(self.seconds.mean().unwrap_or(0.0)),
            last_practised: date_of(self.last_day),
        }
    }
}

#[derive(Debug, Default, Clone, Copy)]
struct DayAgg {
    n: u32,
    sum: f64,
    dims: [(u32, f64); 5],
}

fn day_points(days: &DayMap<DayAgg>) -> Vec<DayPoint> {
    let mut window: VecDeque<(i64, u32, f64)> = VecDeque::new();
    let (mut wn, mut wsum) = (0u32, 0.0f64);
    days.iter()
        .map(|(day, agg)| {
            window.push_back((day, agg.n, agg.sum));
            wn += agg.n;
            wsum += agg.sum;
            while let Some(&(d, n, s)) = window.front() {
                if d > day - MOVING_DAYS {
                    break;
                }
                window.pop_front();
                wn -= n;
                wsum -= s;
            }
            DayPoint {
                date: date_of(day),
                answers: agg.n,
                average: round1(agg.sum / f64::from(agg.n.max(1))),
                moving_average: round1(wsum / f64::from(wn.max(1))),
            }
        })
        .collect()
}

#[derive(Debug, Default)]
struct DimensionAcc {
    all: Moments,
    last: VecDeque<u8>,
}

/// Builds the trends data (which holds the progress report).
#[allow(clippy::too_many_lines)] // one pass, then assembly; splitting would only move state around
pub fn analyze(
    facts: &[AttemptFact],
    schedules: &[(String, Schedule)],
    catalog: &Catalog,
    opts: &Options,
) -> TrendsData {
    let today = local_day(opts.now.as_second(), &opts.tz);
    let week_ago = opts.now.as_second() - 7 * SECS_PER_DAY;
    let mut order: Vec<&AttemptFact> = facts.iter().collect();
    order.sort_by_key(|f| (f.at_secs, f.id));

    let mut local_days = LocalDays::new(&opts.tz);
    let mut category_names: Vec<String> = Vec::new();
    let mut category_index: FxHashMap<&str, usize> = FxHashMap::default();
    // question id → (category index, kind index), keyed by the id's allocation: facts read
    // from the store share one per question, so no string is hashed per fact (facts built
    // elsewhere just take one entry each, with the same answers)
    let mut question_cache: FxHashMap<*const u8, (usize, usize)> = FxHashMap::default();
    let mut categories: Vec<Group> = Vec::new();
    let mut category_days: Vec<DayMap<DayAgg>> = Vec::new();
    let mut kinds: Vec<(Option<QuestionKind>, Group)> = Vec::new();
    let mut overall = Group::default();
    let mut days: DayMap<DayAgg> = DayMap::default();
    let mut dimensions: [DimensionAcc; 5] = Default::default();
    let mut points: Vec<(i64, u8)> = Vec::with_capacity(order.len());
    let (mut skipped, mut overtime, mut this_week) = (0u64, 0u64, 0u64);

    for f in order {
        skipped += u64::from(f.skipped);
        overtime += u64::from(f.overtime);
        let Some(total) = f.total else { continue };
        let day = local_days.day(f.at_secs);
        let (cat, kind) = *question_cache
            .entry(Arc::as_ptr(&f.question_id).cast::<u8>())
            .or_insert_with(|| {
                let (name, kind) = catalog
                    .get(&f.question_id)
                    .map_or((UNKNOWN_CATEGORY, None), |q| {
                        (q.category.as_str(), Some(q.kind))
                    });
                let idx = *category_index.entry(name).or_insert_with(|| {
                    category_names.push(name.to_string());
                    categories.push(Group::default());
                    category_days.push(DayMap::default());
                    category_names.len() - 1
                });
                let kind_idx = kinds
                    .iter()
                    .position(|(k, _)| *k == kind)
                    .unwrap_or_else(|| {
                        kinds.push((kind, Group::default()));
                        kinds.len() - 1
                    });
                (idx, kind_idx)
            });
        categories[cat].add(total, f.duration_secs, day, RECENT_WINDOW);
        let cd = category_days[cat].entry(day);
        cd.n += 1;
        cd.sum += f64::from(total);
        kinds[kind].1.add(total, f.duration_secs, day, GROUP_RECENT);
        overall.add(total, f.duration_secs, day, RECENT_WINDOW);
        let d = days.entry(day);
        d.n += 1;
        d.sum += f64::from(total);
        for (i, score) in f.dimensions.iter().enumerate() {
            if let Some(s) = *score {
                d.dims[i].0 += 1;
                d.dims[i].1 += f64::from(s);
                let acc = &mut dimensions[i];
                acc.all.add(f64::from(s));
                if acc.last.len() == 2 * DIMENSION_WINDOW {
                    acc.last.pop_front();
                }
                acc.last.push_back(s);
            }
        }
        points.push((day, total));
        this_week += u64::from(f.at_secs >= week_ago);
    }

    let daily = day_points(&days);
    let mut by_category: Vec<GroupStats> = categories
        .iter()
        .zip(&category_names)
        .map(|(g, name)| g.stats(name.clone()))
        .collect();
    by_category.sort_by(|a, b| b.answers.cmp(&a.answers).then_with(|| a.name.cmp(&b.name)));
    let mut by_kind: Vec<GroupStats> = kinds
        .iter()
        .map(|(k, g)| g.stats(k.map_or("unknown", QuestionKind::as_str).to_string()))
        .collect();
    by_kind.sort_by(|a, b| b.answers.cmp(&a.answers).then_with(|| a.name.cmp(&b.name)));

    let dimension_trends: Vec<DimensionTrend> = Dimension::ALL
        .iter()
        .zip(&dimensions)
        .filter(|(_, acc)| acc.all.n > 0)
        .map(|(&dimension, acc)| {
            let split = acc.last.len().saturating_sub(DIMENSION_WINDOW);
            let recent = Moments::of(acc.last.iter().skip(split).map(|&v| f64::from(v)));
            let previous = Moments::of(acc.last.iter().take(split).map(|&v| f64::from(v)));
            let recent_avg = recent.mean().unwrap_or(0.0);
            DimensionTrend {
                dimension,
                answers: acc.all.n,
                average: round1(acc.all.mean().unwrap_or(0.0)),
                recent_average: round1(recent_avg),
                change: if split >= DIMENSION_WINDOW {
                    round1(recent_avg - previous.mean().unwrap_or(recent_avg))
                } else {
                    0.0
                },
            }
        })
        .collect();

    let practice_days: BTreeSet<Date> = days.days().map(date_of).collect();
    let overall_mean = overall.scores.mean();
    let scores: Vec<CategoryScores> = categories
        .iter()
        .zip(&category_names)
        .map(|(g, name)| CategoryScores {
            category: name.clone(),
            attempts: g.scores.n,
            recent: g.recent.iter().copied().collect(),
        })
        .collect();
    let weak_areas = weak::weak_areas(&scores, overall_mean.unwrap_or(0.0));
    let weakest_dimension = dimension_trends
        .iter()
        .filter(|d| d.answers >= MIN_SAMPLES)
        .min_by(|a, b| a.recent_average.total_cmp(&b.recent_average))
        .map(|d| (d.dimension, d.recent_average));
    let due = schedules.iter().filter(|(_, s)| s.is_due(opts.now)).count();
    let focus = weak::focus(&weak_areas, weakest_dimension, due, overall.scores.n);
    let plan = practice_plan(&weak_areas, catalog, schedules, opts.now, opts.plan_size);
    let day_averages: Vec<f64> = daily.iter().map(|d| d.average).collect();
    let recent_overall = Moments::of(overall.recent.iter().map(|&v| f64::from(v)));

    let progress = Progress {
        today: date_of(today),
        answers: overall.scores.n,
        skipped,
        overtime,
        average: overall_mean.map(round1),
        recent_average: recent_overall.mean().map(round1),
        best: (overall.scores.n > 0).then_some(overall.best),
        seconds_per_answer: overall.seconds.mean().map(round1),
        answers_this_week: this_week,
        streaks: streaks(&practice_days, date_of(today)),
        velocity: velocity(&points),
        prediction: predict(&day_averages, opts.target),
        by_category,
        by_kind,
        dimensions: dimension_trends,
        weak_areas,
        focus,
        plan,
        due,
        scheduled: schedules.len(),
        daily,
    };

    let mut category_series: Vec<CategorySeries> = category_names
        .iter()
        .zip(&category_days)
        .map(|(name, d)| CategorySeries {
            name: name.clone(),
            days: day_points(d),
        })
        .collect();
    let answers_of = |name: &str| {
        progress
            .by_category
            .iter()
            .position(|g| g.name == name)
            .unwrap_or(usize::MAX)
    };
    category_series.sort_by_key(|s| answers_of(&s.name));

    let spark_from = days.len().saturating_sub(SPARK_DAYS);
    let dimension_series = Dimension::ALL
        .iter()
        .enumerate()
        .map(|(i, &dimension)| DimensionSeries {
            dimension,
            values: days
                .values()
                .skip(spark_from)
                .filter(|d| d.dims[i].0 > 0)
                .map(|d| {
                    // an average of 0–100 scores: in range for u64
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    let v = (d.dims[i].1 / f64::from(d.dims[i].0)).round() as u64;
                    v
                })
                .collect(),
        })
        .collect();
    let calendar = days
        .between(today - CALENDAR_DAYS + 1, today)
        .map(|(d, agg)| (date_of(d), agg.n))
        .collect();

    TrendsData {
        progress,
        categories: category_series,
        dimension_series,
        calendar,
        due_questions: super::srs::due_questions(schedules, opts.now),
    }
}

/// Builds just the progress report.
pub fn progress(
    facts: &[AttemptFact],
    schedules: &[(String, Schedule)],
    catalog: &Catalog,
    opts: &Options,
) -> Progress {
    analyze(facts, schedules, catalog, opts).progress
}
