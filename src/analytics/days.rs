//! Per-day bookkeeping for analytics: local day numbers with the zone's offset cached between
//! its transitions, and a day-ordered map that appends when days arrive in order.

use jiff::Timestamp;
use jiff::tz::TimeZone;

const SECS_PER_DAY: i64 = 86_400;

/// Local day numbers (days since 1970-01-01 in a zone) for many times. The zone's offset is
/// looked up once per stretch between two transitions instead of once per time, so times in
/// order cost one lookup per daylight-saving change.
#[derive(Debug, Clone)]
pub struct LocalDays {
    tz: TimeZone,
    offset: i64,
    /// The cached offset holds for times in `from..until` (seconds since the epoch).
    from: i64,
    until: i64,
}

impl LocalDays {
    /// Day numbers in `tz`.
    pub fn new(tz: &TimeZone) -> Self {
        Self {
            tz: tz.clone(),
            offset: 0,
            from: 0,
            until: 0,
        }
    }

    /// The local day number of a time given in seconds since the epoch.
    pub fn day(&mut self, at_secs: i64) -> i64 {
        if at_secs < self.from || at_secs >= self.until {
            self.refresh(at_secs);
        }
        (at_secs + self.offset).div_euclid(SECS_PER_DAY)
    }

    fn refresh(&mut self, at_secs: i64) {
        let ts = Timestamp::from_second(at_secs).unwrap_or(Timestamp::UNIX_EPOCH);
        self.offset = i64::from(self.tz.to_offset(ts).seconds());
        // valid from this time up to (not including) the next transition after it
        self.from = ts.as_second();
        self.until = self
            .tz
            .following(ts)
            .next()
            .map_or(i64::MAX, |t| t.timestamp().as_second())
            .max(self.from + 1);
    }
}

/// Values by day number, kept in day order. Adding to the latest day or a later one is O(1);
/// an earlier day (times out of order, or a zone stepping back over midnight) is a binary search.
#[derive(Debug, Clone)]
pub struct DayMap<T> {
    entries: Vec<(i64, T)>,
}

impl<T> Default for DayMap<T> {
    fn default() -> Self {
        Self {
            entries: Vec::new(),
        }
    }
}

impl<T: Default> DayMap<T> {
    /// The value of `day`, inserted as the default when new.
    pub fn entry(&mut self, day: i64) -> &mut T {
        let i = match self.entries.last() {
            Some(&(last, _)) if last == day => self.entries.len() - 1,
            Some(&(last, _)) if last > day => {
                match self.entries.binary_search_by_key(&day, |e| e.0) {
                    Ok(i) => i,
                    Err(i) => {
                        self.entries.insert(i, (day, T::default()));
                        i
                    }
                }
            }
            _ => {
                self.entries.push((day, T::default()));
                self.entries.len() - 1
            }
        };
        &mut self.entries[i].1
    }
}

impl<T> DayMap<T> {
    /// Days held.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when no day is held.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every (day, value), oldest day first.
    pub fn iter(&self) -> impl Iterator<Item = (i64, &T)> {
        self.entries.iter().map(|(d, v)| (*d, v))
    }

    /// Every day number, oldest first.
    pub fn days(&self) -> impl Iterator<Item = i64> + '_ {
        self.entries.iter().map(|e| e.0)
    }

    /// Every value, oldest day first.
    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.entries.iter().map(|e| &e.1)
    }

    /// The (day, value) pairs with `first <= day <= last`, oldest first.
    pub fn between(&self, first: i64, last: i64) -> impl Iterator<Item = (i64, &T)> {
        let start = self.entries.partition_point(|e| e.0 < first);
        let end = self.entries.partition_point(|e| e.0 <= last).max(start);
        self.entries[start..end].iter().map(|(d, v)| (*d, v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The uncached answer: the zone's offset looked up for this very time.
    fn reference(at_secs: i64, tz: &TimeZone) -> i64 {
        let ts = Timestamp::from_second(at_secs).unwrap();
        (at_secs + i64::from(tz.to_offset(ts).seconds())).div_euclid(SECS_PER_DAY)
    }

    fn zones() -> Vec<TimeZone> {
        let mut zones = vec![
            TimeZone::UTC,
            TimeZone::fixed(jiff::tz::offset(-7)),
            TimeZone::get("Asia/Kolkata").unwrap(), // half-hour offset, no DST
            TimeZone::get("America/New_York").unwrap(),
            TimeZone::get("Australia/Lord_Howe").unwrap(), // half-hour DST, mid-hour transitions
            TimeZone::get("America/Sao_Paulo").unwrap(),   // had DST starting at midnight
        ];
        zones.push(TimeZone::posix("EST5EDT,M3.2.0,M11.1.0").unwrap());
        zones
    }

    #[test]
    fn cached_days_match_a_lookup_per_time_in_order() {
        // every 17 minutes across 2017–2020, which crosses many transitions
        let start = 1_483_228_800; // 2017-01-01T00:00Z
        for tz in zones() {
            let mut days = LocalDays::new(&tz);
            let mut lookups = 0;
            let mut t = start;
            while t < start + 4 * 365 * SECS_PER_DAY {
                assert_eq!(days.day(t), reference(t, &tz), "{tz:?} at {t}");
                lookups += 1;
                t += 17 * 60;
            }
            assert!(lookups > 100_000);
        }
    }

    #[test]
    fn cached_days_match_around_each_transition_and_out_of_order() {
        let tz = TimeZone::get("America/New_York").unwrap();
        let from = Timestamp::from_second(1_577_836_800).unwrap(); // 2020-01-01
        let mut days = LocalDays::new(&tz);
        for transition in tz.following(from).take(8) {
            let at = transition.timestamp().as_second();
            // backwards, forwards and either side of the instant itself
            for t in [at + 3600, at - 1, at, at + 1, at - 3600, at + 1] {
                assert_eq!(days.day(t), reference(t, &tz), "at {t}");
            }
        }
    }

    #[test]
    fn the_offset_is_looked_up_once_per_stretch() {
        let tz = TimeZone::get("America/New_York").unwrap();
        let mut days = LocalDays::new(&tz);
        let jan = 1_577_836_800; // 2020-01-01, EST until 2020-03-08
        days.day(jan);
        let until = days.until;
        assert_eq!(
            Timestamp::from_second(until).unwrap().to_string(),
            "2020-03-08T07:00:00Z"
        );
        for h in 0..24 * 60 {
            days.day(jan + h * 3600);
        }
        assert_eq!(days.until, until, "no refresh inside the stretch");
        let mut utc = LocalDays::new(&TimeZone::UTC);
        utc.day(0);
        assert_eq!(
            utc.until,
            i64::MAX,
            "a zone without transitions never refreshes"
        );
    }

    #[test]
    fn day_map_keeps_day_order_whatever_the_arrival_order() {
        let mut map: DayMap<u32> = DayMap::default();
        for day in [5, 5, 6, 9, 7, 9, 1, 7] {
            *map.entry(day) += 1;
        }
        let all: Vec<(i64, u32)> = map.iter().map(|(d, v)| (d, *v)).collect();
        assert_eq!(all, vec![(1, 1), (5, 2), (6, 1), (7, 2), (9, 2)]);
        assert_eq!(map.len(), 5);
        assert!(!map.is_empty());
        assert_eq!(map.days().collect::<Vec<_>>(), vec![1, 5, 6, 7, 9]);
        assert_eq!(map.values().sum::<u32>(), 8);
        let mid: Vec<i64> = map.between(2, 7).map(|(d, _)| d).collect();
        assert_eq!(mid, vec![5, 6, 7]);
        assert_eq!(map.between(10, 20).count(), 0);
        assert_eq!(map.between(7, 2).count(), 0);
        assert!(DayMap::<u32>::default().is_empty());
    }
}
