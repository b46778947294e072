//! Statistics on top of statrs: one-sample t with confidence intervals, TOST equivalence, OLS
//! with Student-t intervals (classical and heteroskedasticity-robust), Holm's correction, and
//! the delta method for a root-mean-square. Knows nothing of the paper.

use statrs::distribution::{ContinuousCDF, Normal, StudentsT};

/// Why a statistic could not be computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StatsError {
    TooFewSamples(usize),
    NotFinite,
    Degenerate,
}

impl std::fmt::Display for StatsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StatsError::TooFewSamples(n) => write!(f, "too few samples ({n})"),
            StatsError::NotFinite => write!(f, "a sample is not finite"),
            StatsError::Degenerate => write!(f, "degenerate data (zero variance)"),
        }
    }
}
impl std::error::Error for StatsError {}

fn student(df: f64) -> StudentsT {
    StudentsT::new(0.0, 1.0, df).expect("df > 0")
}

/// Two-sided p-value of a Student-t statistic.
pub fn t_two_sided_p(t: f64, df: f64) -> f64 {
    (2.0 * student(df).sf(t.abs())).min(1.0)
}

/// The (1 − level/2) quantile of Student's t.
pub fn t_quantile(level: f64, df: f64) -> f64 {
    student(df).inverse_cdf(1.0 - level / 2.0)
}

/// Mean with its standard error and a confidence interval, and the t-test of H0: mean = mu0.
#[derive(Clone, Copy, Debug)]
pub struct MeanTest {
    pub n: usize,
    pub mean: f64,
    pub se: f64,
    pub ci: (f64, f64),
    pub t: f64,
    pub p: f64,
}

/// One-sample t-test and the (1 − level) confidence interval.
///
/// # Errors
/// Fewer than 2 samples, a non-finite sample, zero variance.
pub fn mean_test(xs: &[f64], mu0: f64, level: f64) -> Result<MeanTest, StatsError> {
    let n = xs.len();
    if n < 2 {
        return Err(StatsError::TooFewSamples(n));
    }
    if xs.iter().any(|x| !x.is_finite()) {
        return Err(StatsError::NotFinite);
    }
    let mean = xs.iter().sum::<f64>() / n as f64;
    let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
    if var <= 0.0 {
        return Err(StatsError::Degenerate);
    }
    let se = (var / n as f64).sqrt();
    let df = (n - 1) as f64;
    let q = t_quantile(level, df);
    let t = (mean - mu0) / se;
    Ok(MeanTest {
        n,
        mean,
        se,
        ci: (mean - q * se, mean + q * se),
        t,
        p: t_two_sided_p(t, df),
    })
}

/// TOST: is the mean within (lo, hi)? Returns the larger of the two one-sided p-values
/// (equivalence is shown when it is below the level).
pub fn tost(m: &MeanTest, lo: f64, hi: f64) -> f64 {
    let df = (m.n - 1) as f64;
    let p_lo = student(df).sf((m.mean - lo) / m.se);
    let p_hi = student(df).cdf((m.mean - hi) / m.se);
    p_lo.max(p_hi)
}

/// A fitted line y = intercept + slope·x.
#[derive(Clone, Copy, Debug)]
pub struct LineFit {
    pub n: usize,
    pub intercept: f64,
    pub slope: f64,
    pub slope_se: f64,
    /// Degrees of freedom of the slope's t distribution.
    pub df: f64,
}

impl LineFit {
    /// (1 − level) confidence interval of the slope.
    pub fn slope_ci(&self, level: f64) -> (f64, f64) {
        let q = t_quantile(level, self.df);
        (
            self.slope - q * self.slope_se,
            self.slope + q * self.slope_se,
        )
    }
    /// Two-sided p-value of H0: slope = s0.
    pub fn slope_p(&self, s0: f64) -> f64 {
        t_two_sided_p((self.slope - s0) / self.slope_se, self.df)
    }
}

/// Ordinary least squares of y on x with the classical standard error (df = n − 2).
///
/// # Errors
/// Fewer than 3 points, non-finite data, constant x.
pub fn ols(x: &[f64], y: &[f64]) -> Result<LineFit, StatsError> {
    fit(x, y, false)
}

/// OLS with the heteroskedasticity-robust (HC1) standard error of the slope.
///
/// # Errors
/// As [`ols`].
pub fn ols_robust(x: &[f64], y: &[f64]) -> Result<LineFit, StatsError> {
    fit(x, y, true)
}

fn fit(x: &[f64], y: &[f64], robust: bool) -> Result<LineFit, StatsError> {
    let n = x.len().min(y.len());
    if n < 3 {
        return Err(StatsError::TooFewSamples(n));
    }
    if x.iter().chain(y).any(|v| !v.is_finite()) {
        return Err(StatsError::NotFinite);
    }
    let mx = x.iter().sum::<f64>() / n as f64;
    let my = y.iter().sum::<f64>() / n as f64;
    let sxx: f64 = x.iter().map(|v| (v - mx).powi(2)).sum();
    if sxx <= 0.0 {
        return Err(StatsError::Degenerate);
    }
    let sxy: f64 = x.iter().zip(y).map(|(a, b)| (a - mx) * (b - my)).sum();
    let slope = sxy / sxx;
    let intercept = my - slope * mx;
    let resid: Vec<f64> = x
        .iter()
        .zip(y)
        .map(|(a, b)| b - intercept - slope * a)
        .collect();
    let df = (n - 2) as f64;
    let slope_se = if robust {
        let meat: f64 = x
            .iter()
            .zip(&resid)
            .map(|(a, e)| (a - mx).powi(2) * e * e)
            .sum();
        (meat * n as f64 / df).sqrt() / sxx
    } else {
        let s2 = resid.iter().map(|e| e * e).sum::<f64>() / df;
        (s2 / sxx).sqrt()
    };
    Ok(LineFit {
        n,
        intercept,
        slope,
        slope_se,
        df,
    })
}

/// Holm's step-down adjustment: adjusted p-values in the input order.
pub fn holm(p: &[f64]) -> Vec<f64> {
    let m = p.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&i, &j| p[i].total_cmp(&p[j]));
    let mut adj = vec![0.0; m];
    let mut running: f64 = 0.0;
    for (rank, &i) in order.iter().enumerate() {
        let a = ((m - rank) as f64 * p[i]).min(1.0);
        running = running.max(a);
        adj[i] = running;
    }
    adj
}

/// √(mean of squares) with its delta-method standard error: se(√m) = se(m)/(2√m).
pub fn rms_with_se(squares: &[f64]) -> (f64, f64) {
    let n = squares.len().max(1) as f64;
    let m = squares.iter().sum::<f64>() / n;
    let var = squares.iter().map(|s| (s - m).powi(2)).sum::<f64>() / (n - 1.0).max(1.0);
    let se_m = (var / n).sqrt();
    let r = m.sqrt();
    (r, if r > 0.0 { se_m / (2.0 * r) } else { 0.0 })
}

/// Two-sided normal p-value of a z statistic.
pub fn z_two_sided_p(z: f64) -> f64 {
    (2.0 * Normal::new(0.0, 1.0).expect("standard").sf(z.abs())).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holm_matches_hand_computation() {
        let adj = holm(&[0.01, 0.04, 0.03, 0.005]);
        // sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 → max(0.06, 0.04) = 0.06
        let want = [0.03, 0.06, 0.06, 0.02];
        for (a, w) in adj.iter().zip(want) {
            assert!((a - w).abs() < 1e-12, "{adj:?}");
        }
    }

    #[test]
    fn ols_recovers_a_line_and_its_interval_covers() {
        let x: Vec<f64> = (0..20).map(|i| i as f64).collect();
        let y: Vec<f64> = x
            .iter()
            .map(|v| 1.0 - 0.5 * v + if (*v as i32) % 2 == 0 { 0.1 } else { -0.1 })
            .collect();
        let f = ols(&x, &y).unwrap();
        let (lo, hi) = f.slope_ci(0.05);
        assert!(lo < -0.5 && -0.5 < hi, "{f:?}");
        assert!(f.slope_p(-0.25) < 1e-10);
    }

    #[test]
    fn t_test_and_tost() {
        let xs: Vec<f64> = (0..1000)
            .map(|i| 1.0 + ((i * 7919) % 1000) as f64 / 1000.0 - 0.4995)
            .collect();
        let m = mean_test(&xs, 1.0, 0.05).unwrap();
        assert!(m.p > 0.5, "{m:?}");
        assert!(tost(&m, 0.95, 1.05) < 1e-6);
        assert!(mean_test(&xs, 1.1, 0.05).unwrap().p < 1e-10);
    }
}
