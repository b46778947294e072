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

/// TOST for a fitted slope: is it within (lo, hi)? The larger of the two one-sided p-values on
/// the fit's t distribution (equivalence is shown when it is below the level).
///
/// # Formula
/// `max(P(T > (b − lo)/se), P(T < (b − hi)/se))`, T ~ t(df). NaN if se is not positive.
pub fn tost_slope(f: &LineFit, lo: f64, hi: f64) -> f64 {
    if !(f.slope_se > 0.0 && f.df > 0.0) {
        return f64::NAN;
    }
    let t = student(f.df);
    let p_lo = t.sf((f.slope - lo) / f.slope_se);
    let p_hi = t.cdf((f.slope - hi) / f.slope_se);
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

/// Weighted least squares of y on x for points with known standard errors `se` (weights
/// 1/se²), e.g. cell means from Monte Carlo: the slope's standard error is √(1/Σw(x − x̄_w)²),
/// on `df` degrees of freedom (those of the standard errors). Also returns the fit's χ² =
/// Σ w·residual² on k − 2 degrees of freedom, a check of the straight-line model itself.
///
/// # Errors
/// Fewer than 3 points, non-finite data or standard errors, a standard error ≤ 0, constant x.
pub fn wls(x: &[f64], y: &[f64], se: &[f64], df: f64) -> Result<(LineFit, f64), StatsError> {
    let n = x.len().min(y.len()).min(se.len());
    if n < 3 {
        return Err(StatsError::TooFewSamples(n));
    }
    if x.iter().chain(y).chain(se).any(|v| !v.is_finite()) {
        return Err(StatsError::NotFinite);
    }
    if se.iter().any(|&s| s <= 0.0) {
        return Err(StatsError::Degenerate);
    }
    let w: Vec<f64> = se.iter().map(|s| 1.0 / (s * s)).collect();
    let sw: f64 = w.iter().sum();
    let mx = w.iter().zip(x).map(|(w, x)| w * x).sum::<f64>() / sw;
    let my = w.iter().zip(y).map(|(w, y)| w * y).sum::<f64>() / sw;
    let sxx: f64 = w.iter().zip(x).map(|(w, x)| w * (x - mx).powi(2)).sum();
    if sxx <= 0.0 {
        return Err(StatsError::Degenerate);
    }
    let sxy: f64 = (0..n).map(|i| w[i] * (x[i] - mx) * (y[i] - my)).sum();
    let slope = sxy / sxx;
    let intercept = my - slope * mx;
    let chi2 = (0..n)
        .map(|i| w[i] * (y[i] - intercept - slope * x[i]).powi(2))
        .sum();
    let fit = LineFit {
        n,
        intercept,
        slope,
        slope_se: (1.0 / sxx).sqrt(),
        df,
    };
    Ok((fit, chi2))
}

/// Holm's step-down adjustment: adjusted p-values in the input order.
///
/// A NaN p-value (a test that could not be computed) stays NaN — never a pass — and still
/// counts in the number of hypotheses, so the other adjustments stay conservative.
pub fn holm(p: &[f64]) -> Vec<f64> {
    let m = p.len();
    let mut order: Vec<usize> = (0..m).filter(|&i| !p[i].is_nan()).collect();
    order.sort_by(|&i, &j| p[i].total_cmp(&p[j]));
    let mut adj = vec![f64::NAN; m];
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

/// The upper one-sided p-value P(T > t) of a Student t statistic on `df` degrees of freedom
/// (H₀: the parameter is at most its null value; only a large t rejects).
pub fn t_upper_p(t: f64, df: f64) -> f64 {
    let p2 = t_two_sided_p(t, df);
    if t > 0.0 {
        p2 / 2.0
    } else {
        1.0 - p2 / 2.0
    }
}

/// The power of a two-sided z-test at `level` against an effect `delta` measured with standard
/// error `se`: the probability that |estimate/se| exceeds the critical value when the estimate
/// is normal with mean `delta`.
///
/// # Formula
/// `Φ(|δ|/se − z) + Φ(−|δ|/se − z)`, z = Φ^{−1}(1 − level/2).
///
/// # Errors
/// A non-finite input or se ≤ 0 gives NaN (which no power requirement accepts).
pub fn power_two_sided(delta: f64, se: f64, level: f64) -> f64 {
    if !(delta.is_finite() && se.is_finite() && se > 0.0 && level > 0.0 && level < 1.0) {
        return f64::NAN;
    }
    let normal = Normal::new(0.0, 1.0).expect("standard");
    let (shift, z) = (delta.abs() / se, z_quantile(level));
    normal.cdf(shift - z) + normal.cdf(-shift - z)
}

/// The relative difference of `x` from `reference`: |x − reference|/|reference|.
///
/// Accuracy: one division of an exact difference's rounding (a few ulps). NaN when `reference`
/// is 0 or either input is not finite, so that a comparison `d <= tol` fails on it.
pub fn relative_difference(x: f64, reference: f64) -> f64 {
    if !(x.is_finite() && reference.is_finite()) || reference == 0.0 {
        return f64::NAN;
    }
    ((x - reference) / reference).abs()
}

/// Whether `x` lies within relative distance `tol` of `reference`; false when the
/// [`relative_difference`] is NaN (a zero or non-finite input), never a silent pass.
pub fn agrees_relatively(x: f64, reference: f64, tol: f64) -> bool {
    relative_difference(x, reference) <= tol
}

/// The power of a two-sided z-test at `level` against the smallest effect the data support:
/// the effect's lower confidence limit at `ci_level`, for controls whose effect no theory gives.
///
/// # Formula
/// `power_two_sided(max(|diff| − z_{ci}·se, 0), se, level)`, z_ci = Φ^{−1}(1 − ci_level/2).
pub fn power_at_lower_limit(diff: f64, se: f64, ci_level: f64, level: f64) -> f64 {
    let smallest = (diff.abs() - z_quantile(ci_level) * se).max(0.0);
    power_two_sided(smallest, se, level)
}

/// The sample size a two-sided z-test at `level` needs to reach `power` against an effect
/// `delta` on observations of standard deviation `sigma`.
///
/// # Formula
/// `N = ⌈((z_{1−level/2} + z_{power})·σ/|δ|)²⌉`.
///
/// # Errors
/// [`StatsError::NotFinite`] for non-finite inputs, [`StatsError::Degenerate`] for δ = 0, σ ≤ 0,
/// or a level or power outside (0, 1).
pub fn sample_size_for_power(
    sigma: f64,
    delta: f64,
    level: f64,
    power: f64,
) -> Result<u64, StatsError> {
    if !(sigma.is_finite() && delta.is_finite() && level.is_finite() && power.is_finite()) {
        return Err(StatsError::NotFinite);
    }
    if delta == 0.0 || sigma <= 0.0 || !(0.0 < level && level < 1.0 && 0.0 < power && power < 1.0) {
        return Err(StatsError::Degenerate);
    }
    let z = z_quantile(level) + z_quantile(2.0 * (1.0 - power));
    let n = (z * sigma / delta.abs()).powi(2).ceil();
    if n > u64::MAX as f64 / 2.0 {
        return Err(StatsError::NotFinite);
    }
    Ok(n as u64)
}

/// The two-sided normal quantile z with P(|Z| > z) = level.
pub fn z_quantile(level: f64) -> f64 {
    Normal::new(0.0, 1.0)
        .expect("standard")
        .inverse_cdf(1.0 - level / 2.0)
}

/// A confidence interval at `level` for a root mean square from its value and the standard
/// error [`rms_with_se`] gives: the normal interval of the mean square, square-rooted at both
/// ends (the lower end at 0 if the interval reaches below).
///
/// # Formula
/// `m = rms²`, `se_m = 2·rms·se`, interval `[√max(m − z·se_m, 0), √(m + z·se_m)]`.
pub fn rms_interval(rms: f64, se: f64, level: f64) -> (f64, f64) {
    let (m, se_m, z) = (rms * rms, 2.0 * rms * se, z_quantile(level));
    ((m - z * se_m).max(0.0).sqrt(), (m + z * se_m).sqrt())
}

/// The ratio √(mean a / mean b) of two root mean squares over the same replicates, with a
/// delta-method confidence interval at `level` that accounts for their correlation.
///
/// # Formula
/// `log R = ½(log ā − log b̄)`, `Var log R ≈ ¼(s_a²/ā² + s_b²/b̄² − 2s_ab/(ā b̄))/n`; the
/// interval is `R·exp(±z·sd)`.
///
/// # Errors
/// Fewer than two replicates, unequal lengths, or a mean that is not positive.
pub fn rms_ratio_interval(a: &[f64], b: &[f64], level: f64) -> Result<(f64, f64, f64), StatsError> {
    let n = a.len();
    if n < 2 || b.len() != n {
        return Err(StatsError::TooFewSamples(n));
    }
    let nf = n as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / nf, b.iter().sum::<f64>() / nf);
    if !(ma > 0.0 && mb > 0.0) {
        return Err(StatsError::Degenerate);
    }
    let (mut vaa, mut vbb, mut vab) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        vaa += (x - ma) * (x - ma);
        vbb += (y - mb) * (y - mb);
        vab += (x - ma) * (y - mb);
    }
    let k = nf - 1.0;
    let var = 0.25 * (vaa / k / (ma * ma) + vbb / k / (mb * mb) - 2.0 * vab / k / (ma * mb)) / nf;
    let r = (ma / mb).sqrt();
    let w = z_quantile(level) * var.max(0.0).sqrt();
    Ok((r, r * (-w).exp(), r * w.exp()))
}

/// Two-sided normal p-value of a z statistic.
pub fn z_two_sided_p(z: f64) -> f64 {
    (2.0 * Normal::new(0.0, 1.0).expect("standard").sf(z.abs())).min(1.0)
}

/// A continuous distribution given by its cdf on a support, for statrs' KS test.
struct CdfOn<'f> {
    support: (f64, f64),
    cdf: &'f dyn Fn(f64) -> f64,
}

impl statrs::statistics::Min<f64> for CdfOn<'_> {
    fn min(&self) -> f64 {
        self.support.0
    }
}
impl statrs::statistics::Max<f64> for CdfOn<'_> {
    fn max(&self) -> f64 {
        self.support.1
    }
}
impl ContinuousCDF<f64, f64> for CdfOn<'_> {
    fn cdf(&self, x: f64) -> f64 {
        (self.cdf)(x)
    }
}

/// The two-sided one-sample Kolmogorov–Smirnov test (asymptotic p-value) of `data` against the
/// distribution with cdf `cdf` on `support`: (statistic D, p-value); NaNs when statrs refuses
/// the data (a NaN in it), which every caller reports as a failed test, never as a pass.
pub fn ks_one_sample(data: Vec<f64>, support: (f64, f64), cdf: &dyn Fn(f64) -> f64) -> (f64, f64) {
    use statrs::stats_tests::ks_test::{ks_onesample, KSOneSampleAlternativeMethod};
    ks_onesample(
        data,
        &CdfOn { support, cdf },
        KSOneSampleAlternativeMethod::TwoSidedAsymptotic,
        statrs::stats_tests::NaNPolicy::Error,
    )
    .unwrap_or((f64::NAN, f64::NAN))
}

/// The upper-tail p-value of a χ² statistic with `df` degrees of freedom.
pub fn chi_squared_sf(statistic: f64, df: f64) -> f64 {
    statrs::distribution::ChiSquared::new(df)
        .map(|c| c.sf(statistic))
        .unwrap_or(f64::NAN)
}
