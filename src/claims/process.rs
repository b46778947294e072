//! §B–§C of the claims about the process itself: the erratum in (3.4) and the expected step of
//! Schmidt-Hieber's Theorem 1 (the martingale-difference property is in [`super::martingale`]).

use super::{
    control_sample_size, Context, Evidence, Finding, Profile, SdSource, StatTest, Verdict,
    CONTROL_LEVEL,
};
use crate::paper::density::pdf_mp;
use crate::paper::loss::{Linear, Loss, RidgeLogCosh, SeparableLogCosh};
use crate::paper::normalizer::{drift_constant, drift_constant_mp, Scaling};
use crate::paper::stdp::{noise_vector, stdp_factor, uniform_noise, Stdp, StdpParams};
use crate::rigorous::format::sci;
use crate::rigorous::gauss_legendre::integrate_converged;
use crate::rigorous::mpinterval::MpInterval;
use crate::stats::{mean_test, power_two_sided};
use crate::streams::stream;
use rayon::prelude::*;
use rug::{Float, Rational};

// ---------------------------------------------------------------------------------------------
// update-3.4

/// (3.4) with the indices corrected, written as printed otherwise and implemented apart from
/// [`Stdp`]: it keeps Z_{ℓ−1}, Z_{ℓ−2} and U^{(ℓ−1)} and re-evaluates L(Z_{ℓ−2} + U^{(ℓ−1)}).
pub fn corrected_34_path<R: rand::Rng>(
    loss: &dyn Loss,
    params: &StdpParams,
    z0: &[f64],
    rng: &mut R,
) -> Vec<Vec<f64>> {
    let d = z0.len();
    let h = params.half_width();
    let draw = |rng: &mut R| noise_vector(rng, d, h);
    let mut z_prev2 = z0.to_vec(); // Z_{t_{ℓ−2}}
    let mut z_prev = z0.to_vec(); // Z_{t_{ℓ−1}}
    let mut u_prev = draw(rng); // U^{(ℓ−1)}
    let mut path = vec![];
    for _ in 0..params.n {
        let u = draw(rng);
        let diff = loss.value_at_sum(&z_prev, &u) - loss.value_at_sum(&z_prev2, &u_prev);
        let incr = params.alpha * diff;
        let z: Vec<f64> = z_prev
            .iter()
            .zip(&u)
            .map(|(zv, &uv)| zv + incr * stdp_factor(uv))
            .collect();
        path.push(z.clone());
        z_prev2 = std::mem::replace(&mut z_prev, z);
        u_prev = u;
    }
    path
}

/// (3.4) as printed: Z_ℓ appears on the right, inside L(Z_ℓ + U^{(ℓ)}); solved at each step by
/// fixed-point iteration (a contraction for small steps). Returns the path and the largest
/// number of iterations a step needed.
pub fn printed_34_path<R: rand::Rng>(
    loss: &dyn Loss,
    params: &StdpParams,
    z0: &[f64],
    rng: &mut R,
) -> (Vec<Vec<f64>>, usize) {
    let d = z0.len();
    let h = params.half_width();
    let draw = |rng: &mut R| noise_vector(rng, d, h);
    let mut z_prev = z0.to_vec();
    let mut u_prev = draw(rng);
    let mut path = vec![];
    let mut max_iter = 0;
    for _ in 0..params.n {
        let u = draw(rng);
        let base = loss.value_at_sum(&z_prev, &u_prev);
        let mut z = z_prev.clone();
        let mut iters = 0;
        for _ in 0..200 {
            iters += 1;
            let incr = params.alpha * (loss.value_at_sum(&z, &u) - base);
            let next: Vec<f64> = z_prev
                .iter()
                .zip(&u)
                .map(|(zv, &uv)| zv + incr * stdp_factor(uv))
                .collect();
            let change: f64 = next
                .iter()
                .zip(&z)
                .map(|(a, b)| (a - b).abs())
                .fold(0.0, f64::max);
            let scale: f64 = next.iter().fold(1.0, |m, v| m.max(v.abs()));
            z = next;
            // converged to rounding (the iteration may cycle in the last bits)
            if change <= 8.0 * f64::EPSILON * scale {
                break;
            }
        }
        max_iter = max_iter.max(iters);
        path.push(z.clone());
        z_prev = z;
        u_prev = u;
    }
    (path, max_iter)
}

/// Does the printed implicit form give another path? Its largest distance from (3.2) must lie
/// above rounding: 10³ ulps of the largest step (a step of 0 counts as 10⁻³⁰⁰).
pub fn printed_form_differs(max_gap: f64, max_step: f64) -> bool {
    max_gap >= 1e3 * f64::EPSILON * max_step.max(1e-300)
}

fn stdp_path<R: rand::Rng>(
    loss: &dyn Loss,
    params: &StdpParams,
    z0: &[f64],
    rng: &mut R,
) -> Vec<Vec<f64>> {
    let mut sim = Stdp::new(loss, params, z0, rng);
    (0..params.n)
        .map(|_| {
            sim.step(rng);
            sim.theta().to_vec()
        })
        .collect()
}

/// update-3.4's setting: d = 8, α = A = 1, n = 512, z₀ = (0.3, …), and its three losses.
pub struct Update34Setup {
    pub params: StdpParams,
    pub z0: Vec<f64>,
    pub losses: Vec<Box<dyn Loss>>,
}

/// The setting update-3.4 runs (a test re-runs its paths from the same streams).
pub fn update_34_setup() -> Update34Setup {
    let d = 8;
    Update34Setup {
        params: StdpParams {
            alpha: 1.0,
            big_a: 1.0,
            n: 512,
            scaling: Scaling::Sqrt,
        },
        z0: vec![0.3; d],
        losses: vec![
            Box::new(Linear::uniform(d, 1.0)),
            Box::new(SeparableLogCosh::uniform(d, 1.0, 1.0)),
            Box::new(RidgeLogCosh::uniform(d, 1.0, 1.0)),
        ],
    }
}

pub fn check_update_34(ctx: &Context) -> Finding {
    let mut evidence = vec![];
    let Update34Setup { params, z0, losses } = update_34_setup();
    let d = z0.len();
    let reps = ctx.profile.pick(4, 16, 16);
    let mut max_printed_gap = 0.0f64;
    let mut max_step = 0.0f64;
    let mut max_iter = 0;
    for (cell, loss) in losses.iter().enumerate() {
        for r in 0..reps {
            let a = stdp_path(
                loss.as_ref(),
                &params,
                &z0,
                &mut stream(ctx.seed, ctx.claim.id, cell as u64, r),
            );
            let b = corrected_34_path(
                loss.as_ref(),
                &params,
                &z0,
                &mut stream(ctx.seed, ctx.claim.id, cell as u64, r),
            );
            let identical = a
                .iter()
                .zip(&b)
                .all(|(x, y)| x.iter().zip(y).all(|(p, q)| p.to_bits() == q.to_bits()));
            if !identical {
                return Finding::failed(
                    "same streams",
                    format!(
                        "{} loss, replicate {r}: the corrected (3.4) and (3.2) differ",
                        loss.name()
                    ),
                    evidence,
                );
            }
            let (c, it) = printed_34_path(
                loss.as_ref(),
                &params,
                &z0,
                &mut stream(ctx.seed, ctx.claim.id, cell as u64, r),
            );
            max_iter = max_iter.max(it);
            for l in 0..a.len() {
                let gap: f64 = a[l]
                    .iter()
                    .zip(&c[l])
                    .map(|(p, q)| (p - q).powi(2))
                    .sum::<f64>()
                    .sqrt();
                max_printed_gap = max_printed_gap.max(gap);
                let prev = if l == 0 { &z0 } else { &a[l - 1] };
                let step: f64 = a[l]
                    .iter()
                    .zip(prev)
                    .map(|(p, q)| (p - q).powi(2))
                    .sum::<f64>()
                    .sqrt();
                max_step = max_step.max(step);
            }
        }
    }
    evidence.push(Evidence::new(
        "corrected (3.4) vs (3.2), same streams",
        format!(
            "bit-identical paths: 3 losses × {reps} replicates × {} steps, d = {d}",
            params.n
        ),
    ));
    evidence.push(Evidence::new(
        "printed implicit (3.4) vs (3.2): largest ‖Z_ℓ − θ^{(ℓ)}‖, largest step, fixed-point iterations",
        format!("{}, {}, ≤ {max_iter}", sci(max_printed_gap), sci(max_step)),
    ));
    if !printed_form_differs(max_printed_gap, max_step) {
        return Finding::failed(
            "printed form",
            "the printed implicit form did not give a different path",
            evidence,
        );
    }
    Finding::new(Verdict::Corrected, format!("3 losses × {reps} replicates × {} steps, d = {d}, α = A = 1, A_n = A/√n", params.n))
        .with_correction("Z_{t_ℓ,ν} = Z_{t_{ℓ−1},ν} + α (L(Z_{t_{ℓ−1}} + U^{(ℓ)}) − L(Z_{t_{ℓ−2}} + U^{(ℓ−1)})) (e^{−U_ν^{(ℓ)}} − e^{U_ν^{(ℓ)}}): the loss is evaluated at Z_{t_{ℓ−1}} and Z_{t_{ℓ−2}} as in (3.2), α_n is α, and the factor carries the coordinate index ν. As printed, Z_{t_ℓ} on the right makes the scheme implicit and defines another process")
        .with_evidence(evidence)
}

// ---------------------------------------------------------------------------------------------
// expected-step

/// E[tanh(y + V)], V ~ f_a, by MPFR Gauss–Legendre (converged to ~1e−40).
pub fn mean_tanh_shifted(y: f64, a: f64) -> f64 {
    let prec = 160;
    let am = MpInterval::from_f64(prec, a);
    let f = |x: &Float| {
        let xm = MpInterval::new(x.clone(), x.clone()).expect("point");
        let dens = pdf_mp(&am, &xm).mid();
        Float::with_val(prec, x + y).tanh() * dens
    };
    let lo = Float::with_val(prec, -a);
    let hi = Float::with_val(prec, a);
    integrate_converged(&f, &lo, &hi, prec, &Float::with_val(prec, 1e-40), 16, 512)
        .value
        .to_f64()
}

/// The prediction −α m(a) w_ν E[tanh(θ_ν + V − c_ν)] for the separable log-cosh loss, with the
/// factor `m` and the half-width `a_pred` given (so the negative controls can change them).
pub fn expected_step_prediction(
    loss: &SeparableLogCosh,
    theta: &[f64],
    alpha: f64,
    m: f64,
    a_pred: f64,
) -> Vec<f64> {
    (0..theta.len())
        .map(|nu| -alpha * m * loss.w[nu] * mean_tanh_shifted(theta[nu] - loss.c[nu], a_pred))
        .collect()
}

/// The draws expected-step runs at least (more if its controls need them for their power).
pub fn expected_step_samples(profile: Profile) -> usize {
    profile.pick(400_000, 2_000_000, 8_000_000)
}

/// The point at which expected-step is checked: the loss, θ^{(ℓ−1)}, the past θ^{(ℓ−2)}, and
/// the scheme's constants.
pub struct ExpectedStepSetup {
    pub loss: SeparableLogCosh,
    pub theta: [f64; 4],
    pub theta_prev: [f64; 4],
    pub params: StdpParams,
}

/// expected-step's point: θ_ν − c_ν = ±1, so every coordinate carries a signal tanh(±1)·w_ν of
/// the same size; d = 4, α = 0.8, A = 1.2, n = 4 (A_n = 0.6). The past θ^{(ℓ−2)} is arbitrary:
/// the claim is that it drops out. α ≠ 1, so that α·x and α + x differ in expectation (a
/// constant added to the increment drops out like the baseline).
pub fn expected_step_setup() -> ExpectedStepSetup {
    ExpectedStepSetup {
        loss: SeparableLogCosh {
            w: vec![1.0, 1.5, 2.0, 1.0],
            c: vec![-0.7, 0.8, 1.5, -0.9],
        },
        theta: [0.3, -0.2, 0.5, 0.1],
        theta_prev: [0.25, -0.1, 0.45, 0.2],
        params: StdpParams {
            alpha: 0.8,
            big_a: 1.2,
            n: 4,
            scaling: Scaling::Sqrt,
        },
    }
}

/// The half-width of expected-step's negative control "A_n = A/∛n" (the printed (3.3)).
pub fn cuberoot_half_width(params: &StdpParams) -> f64 {
    params.big_a / (params.n as f64).cbrt()
}

pub fn check_expected_step(ctx: &Context) -> Finding {
    let mut evidence = vec![];
    let d = 4;
    let ExpectedStepSetup {
        loss,
        theta,
        theta_prev,
        params,
    } = expected_step_setup();
    let alpha = params.alpha;
    let a = params.half_width();
    let mut rng = stream(ctx.seed, ctx.claim.id, 0, 0);
    let u_prev: Vec<f64> = noise_vector(&mut rng, d, a);
    let baseline = loss.value_at_sum(&theta_prev, &u_prev);
    // the real update, N fresh draws of U^{(ℓ)} (chunks on rayon, each with its own stream)
    let chunk = 10_000usize;
    let draw = |cell: u64, count: usize| -> Vec<[f64; 4]> {
        let chunks: Vec<Vec<[f64; 4]>> = (0..count.div_ceil(chunk) as u64)
            .into_par_iter()
            .map(|k| {
                let mut rng = stream(ctx.seed, ctx.claim.id, cell, k);
                let mut u = [0.0; 4];
                (0..chunk)
                    .map(|_| {
                        for x in u.iter_mut() {
                            *x = uniform_noise(&mut rng, a);
                        }
                        let incr = alpha * (loss.value_at_sum(&theta, &u) - baseline);
                        let mut s = [0.0; 4];
                        for nu in 0..d {
                            s[nu] = incr * stdp_factor(u[nu]);
                        }
                        s
                    })
                    .collect()
            })
            .collect();
        chunks.into_iter().flatten().take(count).collect()
    };
    let m_exact = drift_constant(a).expect("a > 0");
    let prediction = expected_step_prediction(&loss, &theta, alpha, m_exact, a);
    let leading = expected_step_prediction(&loss, &theta, alpha, 2.0 * a * a / 3.0, a);
    // the sample size: a pilot's standard deviations (times 1.1) and the smallest gap between
    // the prediction and the leading-term control, through the power calculation
    let pilot = draw(2, 50_000);
    let pairs = (0..d).map(|nu| {
        let xs: Vec<f64> = pilot.iter().map(|s| s[nu]).collect();
        let sd = mean_test(&xs, 0.0, super::AUDIT_LEVEL)
            .map(|t| t.se * (xs.len() as f64).sqrt())
            .unwrap_or(f64::NAN);
        (sd, leading[nu] - prediction[nu])
    });
    let needed = match control_sample_size(pairs, SdSource::Pilot, 40_000_000, "draws") {
        Ok(k) => k,
        Err(e) => return Finding::failed("sample size", e, evidence),
    };
    let samples = (needed as usize).max(expected_step_samples(ctx.profile));
    evidence.push(Evidence::new(
        "sample size: draws the leading-term controls need for power 0.999 at the control level (pilot of 50000, its sd × 1.1); draws run",
        format!("{needed}; {samples}"),
    ));
    let steps: Vec<[f64; 4]> = draw(1, samples);
    let a_cube = cuberoot_half_width(&params);
    let cuberoot = expected_step_prediction(
        &loss,
        &theta,
        alpha,
        drift_constant(a_cube).expect("a > 0"),
        a_cube,
    );
    let mut tests = vec![];
    for nu in 0..d {
        let xs: Vec<f64> = steps.iter().map(|s| s[nu]).collect();
        let test = format!("one-sample t, n = {}", xs.len());
        for (name, pred, control) in [
            ("m(a)", &prediction, false),
            ("2a²/3 in place of m(a)", &leading, true),
            ("cuberoot A_n", &cuberoot, true),
        ] {
            let Ok(t) = mean_test(&xs, pred[nu], super::AUDIT_LEVEL) else {
                return Finding::failed("samples", "degenerate sample", evidence);
            };
            let mut st = StatTest::new(
                format!("E[Δθ_{nu}] = prediction with {name}"),
                test.clone(),
                t.t,
                t.p,
                control,
            );
            if control {
                // the effect is the gap between the two predictions (both computed, not fitted)
                st = st.with_power(power_two_sided(
                    pred[nu] - prediction[nu],
                    t.se,
                    CONTROL_LEVEL,
                ));
            }
            tests.push(st);
            if !control {
                evidence.push(Evidence::new(
                    format!("ν = {nu}: mean of Δθ_ν [99% CI] vs −αm(a)w_νE[tanh(θ_ν + V − c_ν)]"),
                    format!(
                        "{} [{}, {}] vs {} (t = {:.2}, p = {:.3})",
                        sci(t.mean),
                        sci(t.ci.0),
                        sci(t.ci.1),
                        sci(pred[nu]),
                        t.t,
                        t.p
                    ),
                ));
            }
        }
    }
    evidence.push(Evidence::new(
        "negative controls at ν = 0: predictions with 2a²/3 and with A/∛n",
        format!("{}, {}", sci(leading[0]), sci(cuberoot[0])),
    ));
    let m_mp = drift_constant_mp(&MpInterval::from_rational(
        128,
        &Rational::from_f64(a).expect("finite"),
    ))
    .mid()
    .to_f64();
    evidence.push(Evidence::new(
        "a = A_n, m(a) (f64 | MPFR)",
        format!("{a}, {} | {}", sci(m_exact), sci(m_mp)),
    ));
    Finding::new(Verdict::Supported, format!("separable log-cosh, d = {d}, α = {alpha}, A = {}, n = {} (A_n = {a}), a fixed past; {samples} draws of U^{{(ℓ)}}; level {} after Holm", params.big_a, params.n, super::AUDIT_LEVEL))
        .with_note("the odd factor φ makes the baseline L(θ^{(ℓ−2)} + U^{(ℓ−1)}) drop out; integration by parts gives −m(a)E[∂_νL(θ + V^ν)]")
        .with_evidence(evidence)
        .with_tests(tests)
}
