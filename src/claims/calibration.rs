//! Calibration of the audit's statistics (issue 11, part 7): the statistical findings rerun over
//! many seeds, and per test the rate at which it rejects *before* Holm's correction — for the
//! claims' own tests against the level (a calibrated test rejects a true null at most at the
//! level), for the negative controls and the equivalence tests against 1 (their power) — each
//! with a Wilson 99 % interval. Counts add up, so shards of seeds merge exactly.

use super::{Audit, Profile, Verdict, AUDIT_LEVEL};
use crate::stats::z_quantile;
use serde::{Deserialize, Serialize};

/// The most seeds one run may take (the cost is bounded before any work).
pub const MAX_SEEDS: u64 = 10_000;

/// What a test must do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The claim's own test: must not reject.
    Own,
    /// A negative control: must reject.
    Control,
    /// An equivalence test of the claim: must reject.
    Equivalence,
}

/// One test's record over the seeds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tally {
    pub claim: String,
    pub test: String,
    pub role: Role,
    pub runs: u64,
    /// Rejections at [`AUDIT_LEVEL`] before Holm's correction.
    pub rejections: u64,
    /// Rejections after Holm's correction within each audit.
    pub rejections_holm: u64,
    /// The smallest power a control stated over the seeds (controls with a power only).
    pub min_power: Option<f64>,
}

impl Tally {
    /// The rejection rate and its Wilson interval at 99 %.
    ///
    /// # Formula
    /// `(p̂ + z²/2m ± z√(p̂(1 − p̂)/m + z²/4m²))/(1 + z²/m)`, m runs, z = z_{0.995}.
    pub fn rate(&self) -> (f64, f64, f64) {
        wilson(self.rejections, self.runs, AUDIT_LEVEL)
    }
}

/// The Wilson score interval for k successes in m trials at `level` (two-sided).
pub fn wilson(k: u64, m: u64, level: f64) -> (f64, f64, f64) {
    if m == 0 {
        return (f64::NAN, 0.0, 1.0);
    }
    let (k, m) = (k as f64, m as f64);
    let p = k / m;
    let z = z_quantile(level);
    let z2 = z * z;
    let centre = (p + z2 / (2.0 * m)) / (1.0 + z2 / m);
    let half = z * (p * (1.0 - p) / m + z2 / (4.0 * m * m)).sqrt() / (1.0 + z2 / m);
    (p, (centre - half).max(0.0), (centre + half).min(1.0))
}

/// The calibration of one profile over a range of seeds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Calibration {
    pub profile: Profile,
    /// The seed ranges covered, as [first, last] pairs (merged shards list each).
    pub seeds: Vec<(u64, u64)>,
    pub claims: Vec<String>,
    /// Seeds whose audit of these claims ended with a failed finding (after Holm).
    pub audits_failed: Vec<u64>,
    pub tallies: Vec<Tally>,
}

/// Why a calibration cannot be run or merged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CalibrationError {
    /// Zero seeds, more than [`MAX_SEEDS`], or a range past 2^64 − 1.
    Seeds(String),
    /// Parts of different profiles or claims, or overlapping seeds.
    Mismatch(String),
}

impl std::fmt::Display for CalibrationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CalibrationError::Seeds(s) | CalibrationError::Mismatch(s) => f.write_str(s),
        }
    }
}
impl std::error::Error for CalibrationError {}

/// The claims whose findings carry statistical tests (found by an audit at `seed`), restricted
/// to `only` when given.
pub fn statistical_claims(profile: Profile, seed: u64, only: Option<&[String]>) -> Vec<String> {
    Audit::run(profile, seed, only)
        .claims
        .iter()
        .filter(|c| !c.tests.is_empty())
        .map(|c| c.id.to_string())
        .collect()
}

/// Runs the audit of `claims` at seeds `first … first + count − 1` and tallies every test.
/// `progress` is called with each seed before it runs.
///
/// # Errors
/// [`CalibrationError::Seeds`] for a count of 0 or above [`MAX_SEEDS`], or a range that
/// overflows.
pub fn calibrate(
    profile: Profile,
    first: u64,
    count: u64,
    claims: &[String],
    progress: &mut dyn FnMut(u64),
) -> Result<Calibration, CalibrationError> {
    if count == 0 || count > MAX_SEEDS {
        return Err(CalibrationError::Seeds(format!(
            "the number of seeds must be 1 to {MAX_SEEDS}, not {count}"
        )));
    }
    let last = first
        .checked_add(count - 1)
        .ok_or_else(|| CalibrationError::Seeds("the seed range passes 2^64 − 1".into()))?;
    let mut out = Calibration {
        profile,
        seeds: vec![(first, last)],
        claims: claims.to_vec(),
        audits_failed: vec![],
        tallies: vec![],
    };
    for seed in first..=last {
        progress(seed);
        let audit = Audit::run(profile, seed, Some(claims));
        if audit.claims.iter().any(|c| c.verdict == Verdict::Failed) {
            out.audits_failed.push(seed);
        }
        for c in &audit.claims {
            for t in &c.tests {
                let role = if t.equivalence {
                    Role::Equivalence
                } else if t.negative_control {
                    Role::Control
                } else {
                    Role::Own
                };
                let rejected = t.p < AUDIT_LEVEL;
                let rejected_holm = t.p_holm.unwrap_or(t.p) < AUDIT_LEVEL;
                let i = match out
                    .tallies
                    .iter()
                    .position(|x| x.claim == c.id && x.test == t.name)
                {
                    Some(i) => i,
                    None => {
                        out.tallies.push(Tally {
                            claim: c.id.to_string(),
                            test: t.name.clone(),
                            role,
                            runs: 0,
                            rejections: 0,
                            rejections_holm: 0,
                            min_power: None,
                        });
                        out.tallies.len() - 1
                    }
                };
                let x = &mut out.tallies[i];
                x.runs += 1;
                x.rejections += rejected as u64;
                x.rejections_holm += rejected_holm as u64;
                if let Some(w) = t.power {
                    x.min_power = Some(x.min_power.map_or(w, |m| m.min(w)));
                }
            }
        }
    }
    Ok(out)
}

impl Calibration {
    /// Adds another shard's counts: the same profile and claims, seeds not overlapping.
    ///
    /// # Errors
    /// [`CalibrationError::Mismatch`] otherwise.
    pub fn merge(&mut self, other: &Calibration) -> Result<(), CalibrationError> {
        if other.profile != self.profile || other.claims != self.claims {
            return Err(CalibrationError::Mismatch(
                "the parts differ in profile or claims".into(),
            ));
        }
        for &(a, b) in &other.seeds {
            if self.seeds.iter().any(|&(c, d)| a <= d && c <= b) {
                return Err(CalibrationError::Mismatch(format!(
                    "seeds {a}…{b} are in two parts"
                )));
            }
        }
        self.seeds.extend(&other.seeds);
        self.seeds.sort();
        self.audits_failed.extend(&other.audits_failed);
        self.audits_failed.sort();
        for t in &other.tallies {
            match self
                .tallies
                .iter_mut()
                .find(|x| x.claim == t.claim && x.test == t.test)
            {
                Some(x) => {
                    x.runs += t.runs;
                    x.rejections += t.rejections;
                    x.rejections_holm += t.rejections_holm;
                    x.min_power = match (x.min_power, t.min_power) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                }
                None => self.tallies.push(t.clone()),
            }
        }
        Ok(())
    }

    /// The number of seeds covered.
    pub fn seed_count(&self) -> u64 {
        self.seeds.iter().map(|&(a, b)| b - a + 1).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_matches_a_hand_computation_and_stays_in_the_unit_interval() {
        // 0 of 100 at 99 %: upper end z²/(m + z²) = 6.635/106.635
        let (p, lo, hi) = wilson(0, 100, 0.01);
        assert_eq!((p, lo), (0.0, 0.0));
        assert!((hi - 6.6349 / 106.6349).abs() < 1e-4, "{hi}");
        let (p, lo, hi) = wilson(100, 100, 0.01);
        assert_eq!((p, hi), (1.0, 1.0));
        assert!((lo - 100.0 / 106.6349).abs() < 1e-4, "{lo}");
        let (p, lo, hi) = wilson(37, 200, 0.01);
        assert!(lo < p && p < hi && (p - 0.185).abs() < 1e-12);
        assert!(wilson(0, 0, 0.01).0.is_nan());
    }

    #[test]
    fn bad_seed_ranges_are_refused_before_any_work() {
        let none: Vec<String> = vec![];
        assert!(matches!(
            calibrate(Profile::Quick, 1, 0, &none, &mut |_| {}),
            Err(CalibrationError::Seeds(_))
        ));
        assert!(matches!(
            calibrate(Profile::Quick, 1, MAX_SEEDS + 1, &none, &mut |_| {}),
            Err(CalibrationError::Seeds(_))
        ));
        assert!(matches!(
            calibrate(Profile::Quick, u64::MAX, 2, &none, &mut |_| {}),
            Err(CalibrationError::Seeds(_))
        ));
    }
}
