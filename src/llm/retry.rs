//! The retry policy: a pure decision from what went wrong, the headers and the attempt number.

use jiff::Timestamp;
use std::time::Duration;

/// What one attempt ended with, as far as retrying is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttemptFailure {
    /// The server answered with this HTTP status (never 2xx here).
    Status {
        /// The status code.
        status: u16,
        /// The delay the server asked for (Retry-After / retry-after-ms), if any.
        retry_after: Option<Duration>,
    },
    /// The connection could not be made or broke before a reply (refused, reset, DNS, TLS).
    Connection,
    /// No reply within the timeout.
    Timeout,
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Wait this long, then try again.
    RetryAfter(Duration),
    /// Stop and report the failure.
    GiveUp,
}

/// How hard to try. `max_attempts` counts the first try.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts per call, first included (at most 4 in hotseat).
    pub max_attempts: u32,
    /// The first backoff delay; doubles each retry.
    pub base_delay: Duration,
    /// The longest backoff delay.
    pub max_delay: Duration,
    /// The longest Retry-After we are willing to wait; longer ones give up at once.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 4,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(8),
            max_retry_after: Duration::from_mins(1),
        }
    }
}

impl RetryPolicy {
    /// A fast policy for tests: the same rules with millisecond delays.
    pub fn fast() -> Self {
        Self {
            max_attempts: 4,
            base_delay: Duration::from_millis(5),
            max_delay: Duration::from_millis(40),
            max_retry_after: Duration::from_secs(5),
        }
    }

    /// Whether a failure may be retried at all: 429, 5xx (but 501 and 505, which will not
    /// change) and connection errors. Other 4xx never are, and neither is a server that went
    /// silent past the timeout: asking a slow model again only makes the user wait longer.
    pub fn is_retryable(failure: &AttemptFailure) -> bool {
        match failure {
            AttemptFailure::Status { status, .. } => {
                *status == 429 || (500..=599).contains(status) && *status != 501 && *status != 505
            }
            AttemptFailure::Connection => true,
            AttemptFailure::Timeout => false,
        }
    }

    /// Decides after attempt number `attempt` (1 for the first) failed with `failure`.
    /// `jitter` is a random number in [0, 1): the backoff is scaled into [50%, 100%] of its
    /// exponential value. A Retry-After is honoured exactly (never shortened); one longer than
    /// `max_retry_after` gives up, so the user hears about it instead of staring at a spinner.
    pub fn decide(&self, failure: &AttemptFailure, attempt: u32, jitter: f64) -> Decision {
        if attempt >= self.max_attempts || !Self::is_retryable(failure) {
            return Decision::GiveUp;
        }
        if let AttemptFailure::Status {
            retry_after: Some(wait),
            ..
        } = failure
        {
            return if *wait <= self.max_retry_after {
                Decision::RetryAfter(*wait)
            } else {
                Decision::GiveUp
            };
        }
        let exponent = attempt.saturating_sub(1).min(16);
        let backoff = self
            .base_delay
            .saturating_mul(1 << exponent)
            .min(self.max_delay);
        let jitter = jitter.clamp(0.0, 1.0);
        Decision::RetryAfter(backoff.mul_f64(0.5 + 0.5 * jitter))
    }
}

/// Reads the delay a server asks for: `retry-after-ms` (milliseconds), else `Retry-After` as
/// seconds or as an HTTP date (relative to `now`). Dates in the past mean "now".
pub fn parse_retry_after(
    retry_after: Option<&str>,
    retry_after_ms: Option<&str>,
    now: Timestamp,
) -> Option<Duration> {
    if let Some(ms) = retry_after_ms.and_then(|v| v.trim().parse::<f64>().ok())
        && ms.is_finite()
        && ms >= 0.0
    {
        return Some(Duration::from_secs_f64(ms / 1000.0));
    }
    let value = retry_after?.trim();
    if let Ok(secs) = value.parse::<f64>() {
        return (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs));
    }
    let when = jiff::fmt::rfc2822::parse(value).ok()?.timestamp();
    let delta = when.duration_since(now);
    Some(Duration::try_from(delta).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(status: u16) -> AttemptFailure {
        AttemptFailure::Status {
            status,
            retry_after: None,
        }
    }

    #[test]
    fn retries_429_5xx_and_connection_errors_but_no_other_4xx_or_timeouts() {
        let p = RetryPolicy::default();
        for s in [429, 500, 502, 503, 504, 599] {
            assert!(
                matches!(p.decide(&status(s), 1, 0.0), Decision::RetryAfter(_)),
                "{s}"
            );
        }
        for s in [400, 401, 403, 404, 409, 422, 501, 505] {
            assert_eq!(p.decide(&status(s), 1, 0.0), Decision::GiveUp, "{s}");
        }
        assert!(matches!(
            p.decide(&AttemptFailure::Connection, 1, 0.5),
            Decision::RetryAfter(_)
        ));
        assert_eq!(p.decide(&AttemptFailure::Timeout, 1, 0.5), Decision::GiveUp);
    }

    #[test]
    fn at_most_four_attempts() {
        let p = RetryPolicy::default();
        assert!(matches!(
            p.decide(&status(503), 3, 0.0),
            Decision::RetryAfter(_)
        ));
        assert_eq!(p.decide(&status(503), 4, 0.0), Decision::GiveUp);
        assert_eq!(p.decide(&status(503), 9, 0.0), Decision::GiveUp);
    }

    #[test]
    fn backoff_doubles_with_jitter_and_is_capped() {
        let p = RetryPolicy {
            max_attempts: 10,
            ..RetryPolicy::default()
        };
        let delay = |attempt, jitter| match p.decide(&status(500), attempt, jitter) {
            Decision::RetryAfter(d) => d,
            Decision::GiveUp => panic!("gave up"),
        };
        assert_eq!(delay(1, 1.0), Duration::from_millis(500));
        assert_eq!(delay(1, 0.0), Duration::from_millis(250));
        assert_eq!(delay(2, 1.0), Duration::from_secs(1));
        assert_eq!(delay(3, 1.0), Duration::from_secs(2));
        assert_eq!(delay(9, 1.0), Duration::from_secs(8));
        let mid = delay(2, 0.5);
        assert!(mid > Duration::from_millis(500) && mid < Duration::from_secs(1));
    }

    #[test]
    fn retry_after_is_honoured_exactly_or_gives_up_when_too_long() {
        let p = RetryPolicy::default();
        let f = AttemptFailure::Status {
            status: 429,
            retry_after: Some(Duration::from_secs(7)),
        };
        assert_eq!(
            p.decide(&f, 1, 0.0),
            Decision::RetryAfter(Duration::from_secs(7))
        );
        let f = AttemptFailure::Status {
            status: 503,
            retry_after: Some(Duration::from_mins(10)),
        };
        assert_eq!(p.decide(&f, 1, 0.0), Decision::GiveUp);
    }

    #[test]
    fn retry_after_parses_seconds_milliseconds_and_dates() {
        let now: Timestamp = "2025-01-01T00:00:00Z".parse().unwrap();
        assert_eq!(
            parse_retry_after(Some("3"), None, now),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            parse_retry_after(Some("3"), Some("1500"), now),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(
            parse_retry_after(Some("Wed, 01 Jan 2025 00:00:10 GMT"), None, now),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            parse_retry_after(Some("Tue, 31 Dec 2024 00:00:10 GMT"), None, now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after(Some("soon"), None, now), None);
        assert_eq!(parse_retry_after(Some("-1"), None, now), None);
        assert_eq!(parse_retry_after(None, None, now), None);
    }
}
