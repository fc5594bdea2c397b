//! Small statistics: running moments (mean, spread) and least-squares lines with the slope's
//! standard error.

/// Running count, sum and sum of squares.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Moments {
    /// Values seen.
    pub n: u64,
    sum: f64,
    sum_sq: f64,
}

impl Moments {
    /// Adds a value.
    pub fn add(&mut self, v: f64) {
        self.n += 1;
        self.sum += v;
        self.sum_sq += v * v;
    }

    /// Moments of a list of values.
    pub fn of(values: impl IntoIterator<Item = f64>) -> Self {
        let mut m = Self::default();
        for v in values {
            m.add(v);
        }
        m
    }

    /// The mean, if any values.
    #[allow(clippy::cast_precision_loss)] // counts stay far below 2^52
    pub fn mean(&self) -> Option<f64> {
        (self.n > 0).then(|| self.sum / self.n as f64)
    }

    /// The sample standard deviation (0 with fewer than two values).
    #[allow(clippy::cast_precision_loss)]
    pub fn sd(&self) -> f64 {
        if self.n < 2 {
            return 0.0;
        }
        let n = self.n as f64;
        let var = (self.sum_sq - self.sum * self.sum / n) / (n - 1.0);
        var.max(0.0).sqrt()
    }

    /// The standard error of the mean (0 with fewer than two values).
    #[allow(clippy::cast_precision_loss)]
    pub fn std_error(&self) -> f64 {
        if self.n < 2 {
            return 0.0;
        }
        self.sd() / (self.n as f64).sqrt()
    }
}

/// Sums for an ordinary least-squares line y = a + b·x.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct LineFit {
    n: u64,
    sx: f64,
    sy: f64,
    sxx: f64,
    sxy: f64,
    syy: f64,
}

/// A fitted line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Line {
    /// Change in y per unit of x.
    pub slope: f64,
    /// y at x = 0.
    pub intercept: f64,
    /// Standard error of the slope (0 when the fit is exact or has two points).
    pub slope_se: f64,
    /// Points fitted.
    pub n: u64,
}

impl Line {
    /// y at `x`.
    pub fn at(&self, x: f64) -> f64 {
        self.slope.mul_add(x, self.intercept)
    }
}

impl LineFit {
    /// Adds a point. Keep x small (centred) for precision.
    pub fn add(&mut self, x: f64, y: f64) {
        self.n += 1;
        self.sx += x;
        self.sy += y;
        self.sxx += x * x;
        self.sxy += x * y;
        self.syy += y * y;
    }

    /// The least-squares line, when there are two or more distinct x values.
    #[allow(clippy::cast_precision_loss)]
    pub fn line(&self) -> Option<Line> {
        if self.n < 2 {
            return None;
        }
        let n = self.n as f64;
        let sxx = self.sxx - self.sx * self.sx / n;
        if sxx <= 1e-9 {
            return None;
        }
        let sxy = self.sxy - self.sx * self.sy / n;
        let syy = self.syy - self.sy * self.sy / n;
        let slope = sxy / sxx;
        let intercept = (self.sy - slope * self.sx) / n;
        let slope_se = if self.n > 2 {
            let rss = slope.mul_add(-sxy, syy).max(0.0);
            (rss / (n - 2.0) / sxx).sqrt()
        } else {
            0.0
        };
        Some(Line {
            slope,
            intercept,
            slope_se,
            n: self.n,
        })
    }
}

/// Rounds to one decimal place (so reports are stable whatever the summing order).
pub fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_line_and_noisy_line() {
        let mut f = LineFit::default();
        for x in 0..5 {
            f.add(f64::from(x), 2.0f64.mul_add(f64::from(x), 10.0));
        }
        let l = f.line().unwrap();
        assert!((l.slope - 2.0).abs() < 1e-9 && (l.intercept - 10.0).abs() < 1e-9);
        assert!(l.slope_se < 1e-6);
        let mut g = LineFit::default();
        for (x, y) in [(0.0, 1.0), (1.0, 3.0), (2.0, 2.0), (3.0, 5.0)] {
            g.add(x, y);
        }
        let l = g.line().unwrap();
        assert!(l.slope > 0.0 && l.slope_se > 0.0);
        let mut same_x = LineFit::default();
        same_x.add(1.0, 1.0);
        same_x.add(1.0, 2.0);
        assert!(same_x.line().is_none());
    }

    #[test]
    fn moments() {
        let m = Moments::of([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]);
        assert_eq!(m.mean(), Some(5.0));
        assert!((m.sd() - 2.138).abs() < 1e-3);
        assert_eq!(Moments::default().mean(), None);
        assert!((round1(41.26) - 41.3).abs() < 1e-12);
    }
}
