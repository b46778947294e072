//! §D of the claims, the constant of Theorem 1: its dependence on G, and the exact leading
//! constant for L = g·z.

use super::cells::{cell_errors, ci_string, slope_tests, CellSpec};
use super::rates::RATE_MARGIN;
use super::{
    control_sample_size, Context, Evidence, Finding, Profile, SdSource, StatTest, Verdict,
    AUDIT_LEVEL, CONTROL_LEVEL,
};
use crate::montecarlo::linear_prediction;
use crate::montecarlo::summarize;
use crate::paper::linear_moments::{
    linear_coefficient_from_model, phi_leading, uniform_moment, variance_and_lag1_covariance,
};
use crate::paper::loss::{LossKind, LossParams};
use crate::paper::normalizer::Scaling;
use crate::rigorous::format::{rational_string, sci};
use crate::stats::{mean_test, ols, power_two_sided};
use rug::Rational;

// ---------------------------------------------------------------------------------------------
// thm1-constant

/// thm1-constant: the error of L = g·z is proportional to ‖g‖ (so c depends on G).
pub fn check_constant(ctx: &Context) -> Finding {
    check_constant_exponent(1.0, ctx)
}

/// The error's exponent of ‖g‖ within ±[`RATE_MARGIN`] of `claimed` (TOST) and the exponent 0
/// rejected; a negative control claims another exponent (2: the error ∝ ‖g‖²) through the same
/// fit.
pub fn check_constant_exponent(claimed: f64, ctx: &Context) -> Finding {
    let (d, n) = (8usize, 1024u64);
    let reps = ctx.profile.pick(300, 1000, 4000);
    let mut evidence = vec![];
    let (mut lx, mut ly) = (vec![], vec![]);
    for (k, gnorm) in [1.0f64, 2.0, 4.0].into_iter().enumerate() {
        let lp = LossParams {
            g_norm: gnorm,
            ..LossParams::default()
        };
        let spec = CellSpec {
            kind: LossKind::Linear,
            d,
            n,
            scaling: Scaling::Sqrt,
        };
        let errs = cell_errors(spec, reps, ctx.seed, ctx.claim.id, k as u64, &lp);
        let s = summarize(&errs);
        evidence.push(Evidence::new(
            format!("‖g‖ = {gnorm}: rmse_terminal ± se, ratio to ‖g‖ × prediction at ‖g‖ = 1"),
            format!(
                "{} ± {}, {:.4}",
                sci(s.rmse_terminal),
                sci(s.rmse_terminal_se),
                s.rmse_terminal / (gnorm * linear_prediction(d, n, 1.0, 1.0, 1.0))
            ),
        ));
        for e in errs {
            lx.push(gnorm.ln());
            // log‖θ^(n) − Z_1‖ = (exponent)·log‖g‖ + const
            ly.push(0.5 * e.terminal_sq.ln());
        }
    }
    let Ok(f) = ols(&lx, &ly) else {
        return Finding::failed("fit", "degenerate regression", evidence);
    };
    evidence.push(Evidence::new(
        "exponent of ‖g‖ in the error [99% CI] (OLS of log‖θ^(n) − Z_1‖ on log‖g‖, over replicates)",
        ci_string(&f),
    ));
    let test = format!(
        "OLS slope, Student t (df = {}), {} replicates",
        f.df,
        lx.len()
    );
    // the exponent is 1 to leading order only: the increment α(L(θ_ℓ + U_ℓ) − L(θ_{ℓ−1} + U_{ℓ−1}))
    // carries g·(θ_ℓ − θ_{ℓ−1}), itself ∝ g, so the error has terms of higher order in ‖g‖ (at
    // d = 8, n = 1024 the exponent is 1.0066 ± 0.0006 over standard seeds 1–200): an
    // equivalence test, which more replicates can only strengthen
    let tests = slope_tests(
        "exponent of ‖g‖",
        &test,
        &f,
        (claimed, &claimed.to_string()),
        RATE_MARGIN,
        &[(0.0, "0 (c independent of G)")],
    );
    Finding::new(Verdict::Corrected, format!("L = g·z (λ = 0), d = {d}, n = {n}, α = A = 1, ‖g‖ ∈ {{1, 2, 4}}, {reps} replicates each: the error's exponent of ‖g‖ within ±{RATE_MARGIN} of {claimed} by TOST and the exponent 0 rejected, level {AUDIT_LEVEL} after Holm"))
        .with_correction("c depends on G = sup‖∇L‖ too (and on d through √d): for L = g·z, λ = 0 yet √E‖Z^n_1 − Z_1‖² = αA²‖g‖√((8d/9 − 4/45)/n) to leading order, proportional to ‖g‖")
        .with_note("the exponent 1 holds to leading order; at finite n the increment's g·(θ_ℓ − θ_{ℓ−1}) adds terms of higher order in ‖g‖, so the exponent is a little above 1 and the claim is shown by equivalence within the margin, not by a point null")
        .with_evidence(evidence)
        .with_tests(tests)
}

// ---------------------------------------------------------------------------------------------
// linear-constant

/// The leading coefficient of n·E‖Z^n_1 − Z_1‖²/(α²A⁴‖g‖²) for L = g·z, `c1·d + c0`, derived
/// from the update rule (see `paper::linear_moments`) with the uniform noise's moments — except
/// `E U⁴/a⁴`, which is `fourth` (the model's is 1/5; a negative control passes another).
///
/// # Errors
/// As [`linear_coefficient_from_model`].
pub fn linear_coefficient(fourth: &Rational) -> Result<(Rational, Rational), String> {
    let fourth = fourth.clone();
    linear_coefficient_from_model(&move |k| {
        if k == 4 {
            fourth.clone()
        } else {
            uniform_moment(k)
        }
    })
}

/// linear-constant's grid at a profile: the d's, the n's and the replicates per cell.
pub fn linear_grid(p: Profile) -> (Vec<usize>, Vec<u64>, u64) {
    match p {
        Profile::Quick => (vec![1, 4], vec![1024], 4000),
        Profile::Standard => (vec![1, 2, 8], vec![1024, 4096], 6000),
        Profile::Full => (vec![1, 2, 8, 32], vec![1024, 4096, 16384], 20000),
    }
}

/// The stream of linear-constant's cell (d index, n index): distinct over every grid (at most
/// 10 n's), apart from the pilot's 999.
pub fn linear_cell_stream(d_index: usize, n_index: usize) -> u64 {
    (d_index * 10 + n_index) as u64
}

/// Is c₁d + c₀ the statement's 8d/9 − 4/45 (both coefficients)?
pub fn is_statement_coefficient(c1: &Rational, c0: &Rational) -> bool {
    *c1 == Rational::from((8, 9)) && *c0 == Rational::from((-4, 45))
}

pub fn check_linear_constant(ctx: &Context) -> Finding {
    let mut evidence = vec![];
    // derived from the model: the moments integrated, φ′(0) from φ's exponential form, the
    // increments expanded and their means, variances and lag-1 covariances taken exactly
    let (c1, c0) = match linear_coefficient_from_model(&uniform_moment) {
        Ok(c) => c,
        Err(e) => return Finding::failed("exact coefficient", e, evidence),
    };
    if !is_statement_coefficient(&c1, &c0) {
        return Finding::failed(
            "exact coefficient",
            format!(
                "derived {}·d + ({}), not the statement's 8d/9 − 4/45",
                rational_string(&c1),
                rational_string(&c0)
            ),
            evidence,
        );
    }
    evidence.push(Evidence::new(
        "leading coefficient derived from the update rule (E U^k by integration over [−a, a], φ′(0) from e^{−u} − e^{u}, increments expanded; d = 1…5, g = (1,…,1) and (1,2,…,d))",
        format!(
            "{}·d + ({}); E U²/a², E U⁴/a⁴, φ′(0) = {}, {}, {}; lag-1 covariance of the centred increments at d = 3: {}",
            rational_string(&c1),
            rational_string(&c0),
            rational_string(&uniform_moment(2)),
            rational_string(&uniform_moment(4)),
            rational_string(&phi_leading()),
            rational_string(&variance_and_lag1_covariance(&[Rational::from(1), Rational::from(2), Rational::from(3)], &uniform_moment).1)
        ),
    ));
    let (ds, ns, reps) = linear_grid(ctx.profile);
    let mut tests = vec![];
    let lp = LossParams::default();
    // c₁d + c₀ as derived; the controls (at d = 1, where they differ most): c₁d alone, and the
    // coefficient derived with a wrong fourth moment
    let exact_at = |d: usize| c1.to_f64() * d as f64 + c0.to_f64();
    // E U⁴ → a⁴/6, i.e. 2/3 in place of 4/5, through the same derivation
    let Ok((w1, w0)) = linear_coefficient(&Rational::from((1, 6))) else {
        return Finding::failed(
            "negative control",
            "the wrong fourth moment gave no coefficient",
            evidence,
        );
    };
    let controls_d1 = [
        ("8d/9 alone", c1.to_f64()),
        ("2/3 in place of 4/5", w1.to_f64() + w0.to_f64()),
    ];
    // the replicates of the d = 1 cells, which carry the controls: a pilot cell's standard
    // deviation of n‖e‖² (times 1.1) through the power calculation, for the smaller of the two
    // controls' effects right/c − 1
    let control_reps = {
        let n = ns[0];
        let spec = CellSpec {
            kind: LossKind::Linear,
            d: 1,
            n,
            scaling: Scaling::Sqrt,
        };
        let pilot = cell_errors(spec, 4000, ctx.seed, ctx.claim.id, 999, &lp);
        let right = exact_at(1);
        let pairs = controls_d1.map(|(_, c)| {
            let xs: Vec<f64> = pilot.iter().map(|e| e.terminal_sq * n as f64 / c).collect();
            let sd = mean_test(&xs, 1.0, AUDIT_LEVEL)
                .map(|t| t.se * (xs.len() as f64).sqrt())
                .unwrap_or(f64::NAN);
            (sd, right / c - 1.0)
        });
        // n‖e‖² is χ²-like: its pilot sd varies by several per cent
        let needed =
            match control_sample_size(pairs, SdSource::PilotChiSquare, 1_000_000, "replicates") {
                Ok(k) => k,
                Err(e) => return Finding::failed("sample size", e, evidence),
            };
        evidence.push(Evidence::new(
            "replicates the d = 1 controls need for power 0.999 at the control level (pilot of 4000, sd × 1.25)",
            needed.to_string(),
        ));
        needed.max(reps)
    };
    for (di, &d) in ds.iter().enumerate() {
        for (ni, &n) in ns.iter().enumerate() {
            let spec = CellSpec {
                kind: LossKind::Linear,
                d,
                n,
                scaling: Scaling::Sqrt,
            };
            let reps = if d == 1 { control_reps } else { reps };
            let errs = cell_errors(
                spec,
                reps,
                ctx.seed,
                ctx.claim.id,
                linear_cell_stream(di, ni),
                &lp,
            );
            let right = exact_at(d);
            let ratio = |c: f64| -> Vec<f64> {
                errs.iter().map(|e| e.terminal_sq * n as f64 / c).collect()
            };
            let test = format!("one-sample t, n = {reps}");
            let Ok(t) = mean_test(&ratio(right), 1.0, AUDIT_LEVEL) else {
                return Finding::failed("samples", "degenerate sample", evidence);
            };
            evidence.push(Evidence::new(
                format!("d = {d}, n = {n}: mean of n‖θ^(n) − Z_1‖²/(8d/9 − 4/45) [99% CI]"),
                format!(
                    "{:.4} [{:.4}, {:.4}], p = {:.3}",
                    t.mean, t.ci.0, t.ci.1, t.p
                ),
            ));
            tests.push(StatTest::new(
                format!("ratio = 1, d = {d}, n = {n}"),
                test.clone(),
                t.t,
                t.p,
                false,
            ));
            // the negative controls have power where the wrong constants differ most: d = 1
            if d == 1 {
                for (name, c) in controls_d1 {
                    if let Ok(w) = mean_test(&ratio(c), 1.0, AUDIT_LEVEL) {
                        evidence.push(Evidence::new(
                            format!(
                                "negative control {name}, d = {d}, n = {n}: mean ratio [99% CI]"
                            ),
                            format!(
                                "{:.4} [{:.4}, {:.4}], p = {:.2e}",
                                w.mean, w.ci.0, w.ci.1, w.p
                            ),
                        ));
                        // the effect: the leading-order ratio c₁/c − 1 of the exact
                        // coefficient to the wrong one, on this ratio's standard error
                        tests.push(
                            StatTest::new(
                                format!("ratio with {name} = 1, d = {d}, n = {n}"),
                                test.clone(),
                                w.t,
                                w.p,
                                true,
                            )
                            .with_power(power_two_sided(
                                right / c - 1.0,
                                w.se,
                                CONTROL_LEVEL,
                            )),
                        );
                    }
                }
            }
        }
    }
    Finding::new(Verdict::Proved, format!("the leading coefficient {}·d + ({}) derived exactly from the update rule: exact at d = 1…5, hence for every d (for g = (1,…,1), d·c(d) is a polynomial of degree ≤ 2 in d), and the same for unequal g = (1,…,d); the O(n^{{−2}}) remainder argued by hand; Monte Carlo at d ∈ {ds:?}, n ∈ {ns:?}, {reps} replicates per cell, α = A = ‖g‖ = 1 (supported, level {AUDIT_LEVEL} after Holm)", rational_string(&c1), rational_string(&c0)))
        .with_note("E Z^n_1 = z0 − ακ_n g exactly (the mean step is −αm(A_n)g), so the error is the martingale part plus a bias α(κ_n − 2A²/3)‖g‖ = O(1/n)")
        .with_evidence(evidence)
        .with_tests(tests)
}
