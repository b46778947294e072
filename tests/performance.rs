//! The engine's shortcuts are exact where they claim to be: the polynomial φ's truncation is
//! proved with the suite's interval arithmetic, the block draws are the same numbers as one draw
//! at a time, the engine agrees with the reference implementation up to rounding, and memory
//! stays O(d).

use bnn_sgd_verify::montecarlo::kernels::{
    affine_blocks_portable, dot_shifted, update_and_error_affine, Line, Next,
};
use bnn_sgd_verify::montecarlo::{replicate, replicate_reference, run_cell, unit_f64, Problem};
use bnn_sgd_verify::paper::loss::{LossKind, LossParams};
use bnn_sgd_verify::paper::normalizer::Scaling;
use bnn_sgd_verify::paper::stdp::{
    stdp_factor, stdp_factor_for, stdp_factor_terms, uniform_noise, StdpParams, SINH_COEFFS,
    SINH_POLYS,
};
use bnn_sgd_verify::rigorous::mpinterval::MpInterval;
use bnn_sgd_verify::streams::stream;
use rand::{Rng, RngExt};
use rug::{Float, Integer, Rational};

/// Σ_{j>k} h^{2j}/(2j+1)!, enclosed from above: the first omitted term over (1 − ratio), the
/// ratio of consecutive terms being at most h²/((2k+4)(2k+5)).
fn tail_bound(k: usize, h: f64) -> MpInterval {
    let p = 128;
    let hh = MpInterval::from_f64(p, h).square();
    let mut first = MpInterval::from_int(p, 1);
    for _ in 0..=k {
        first = first.mul(&hh);
    }
    let fact = Integer::from(Integer::factorial(2 * k as u32 + 3));
    first = first.div(&MpInterval::from_rational(p, &Rational::from(fact)));
    let ratio = hh.div(&MpInterval::from_int(p, ((2 * k + 4) * (2 * k + 5)) as i64));
    first.div(&MpInterval::from_int(p, 1).sub(&ratio))
}

#[test]
fn polynomial_tails_are_proved_below_2_to_the_minus_58() {
    let limit = MpInterval::from_rational(128, &Rational::from((1, Integer::from(1) << 58)));
    for (terms, h) in SINH_POLYS {
        // sinh(u)/u ≥ 1, so the absolute tail of sinh(u)/u bounds the relative error of φ
        let t = tail_bound(terms, h);
        assert!(
            t.certainly_lt(&limit),
            "{terms} terms on |u| ≤ {h}: tail ≤ {:?}",
            t.to_decimal(5)
        );
        // negative control: one term fewer is not enough on the same range
        let short = tail_bound(terms - 1, h);
        assert!(
            !short.certainly_lt(&limit),
            "{} terms would already do on |u| ≤ {h}",
            terms - 1
        );
    }
    // the coefficients are the nearest f64 of 1/(2k+1)!
    for (k, c) in SINH_COEFFS.iter().enumerate() {
        let exact = Rational::from((1, Integer::from(Integer::factorial(2 * k as u32 + 3))));
        let nearest = Float::with_val(53, &exact).to_f64();
        assert_eq!(*c, nearest, "1/{}!", 2 * k + 3);
    }
}

#[test]
fn polynomial_phi_is_within_2_ulp_of_mpfr() {
    let mut rng = stream(11, "phi-ulp", 0, 0);
    let mut worst = 0.0f64;
    for (_, h) in SINH_POLYS {
        let poly = stdp_factor_for(h).expect("polynomial range");
        for _ in 0..20_000 {
            let u = h * (2.0 * rng.random::<f64>() - 1.0);
            if u == 0.0 {
                continue;
            }
            let exact = Float::with_val(200, u).sinh() * -2i32;
            let got = poly(u);
            let ulp = {
                let e = exact.get_exp().expect("nonzero") - 1;
                Float::with_val(64, 1) << (e - 52)
            };
            let err = (Float::with_val(200, got) - &exact).abs() / ulp;
            worst = worst.max(err.to_f64());
        }
    }
    println!("largest error of the φ polynomials against MPFR: {worst:.3} ulp");
    assert!(worst <= 2.0, "{worst} ulp");
    // beyond 1/2 the factor falls back to libm, and φ is odd
    assert_eq!(stdp_factor(0.75), -2.0 * 0.75f64.sinh());
    assert_eq!(stdp_factor(-0.3), -stdp_factor(0.3));
}

#[test]
fn block_draws_are_the_single_draws() {
    for b in [
        0u64,
        1,
        1 << 11,
        (1 << 11) - 1,
        u64::MAX,
        0x8000_0000_0000_0000,
        0x1234_5678_9abc_def0,
    ] {
        assert_eq!(
            unit_f64(b).to_bits(),
            ((b >> 11) as f64 * (1.0 / (1u64 << 53) as f64)).to_bits(),
            "{b:#x}"
        );
    }
    // a block of bytes from the stream is the same u64s, in order, as next_u64 calls — also
    // across ChaCha's internal block boundaries (odd lengths)
    for d in [1usize, 3, 7, 64, 129] {
        let mut a = stream(3, "blocks", 0, 0);
        let mut b = stream(3, "blocks", 0, 0);
        for _ in 0..50 {
            let mut bits = vec![0u64; d];
            a.fill_bytes(bytemuck::cast_slice_mut(&mut bits));
            for x in bits {
                let y: f64 = b.random();
                assert_eq!(unit_f64(x).to_bits(), y.to_bits(), "d = {d}");
            }
        }
    }
}

#[test]
fn engine_agrees_with_the_reference_up_to_rounding() {
    let mut worst = 0.0f64;
    for kind in [
        LossKind::Linear,
        LossKind::Ridge,
        LossKind::LogCosh,
        LossKind::Quadratic,
    ] {
        for (d, n, big_a) in [
            (1usize, 64u64, 1.0),
            (5, 300, 1.0),
            (64, 4096, 1.0),
            (16, 16, 3.0),
            (33, 1000, 0.4),
        ] {
            let problem = Problem::new(kind, d, &LossParams::default(), 1.0, big_a);
            for scaling in [Scaling::Sqrt, Scaling::Cuberoot] {
                let params = StdpParams {
                    alpha: 1.0,
                    big_a,
                    n,
                    scaling,
                };
                for r in 0..3 {
                    let fast = replicate(&problem, &params, &mut stream(1, "agree", d as u64, r));
                    let slow = replicate_reference(
                        &problem,
                        &params,
                        &mut stream(1, "agree", d as u64, r),
                    );
                    for (x, y) in [
                        (fast.sup_sq, slow.sup_sq),
                        (fast.terminal_sq, slow.terminal_sq),
                    ] {
                        if !y.is_finite() {
                            // the quadratic loss breaks (3.6) and can blow up: then both must
                            assert!(!x.is_finite(), "{kind:?}, d = {d}: {x} vs {y}");
                            continue;
                        }
                        let rel = (x - y).abs() / y.abs().max(1e-300);
                        worst = worst.max(rel);
                        assert!(
                            rel <= 1e-9,
                            "{kind:?}, d = {d}, n = {n}, A = {big_a}, {scaling:?}: {x} vs {y}"
                        );
                    }
                }
            }
        }
    }
    println!("largest relative difference engine vs reference: {worst:.2e}");
}

/// Peak RSS of a child process, from getrusage (kilobytes on Linux).
#[cfg(target_os = "linux")]
fn children_max_rss_kb() -> i64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    usage.ru_maxrss
}

#[cfg(target_os = "linux")]
#[test]
fn memory_is_o_of_d() {
    let t = std::time::Instant::now();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_verify"))
        .args([
            "simulate", "--loss", "linear", "--d", "256", "--n", "1000000", "--reps", "4",
            "--quiet", "--format", "json",
        ])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(0));
    let kb = children_max_rss_kb();
    println!(
        "simulate --loss linear --d 256 --n 1000000 --reps 4: peak RSS {:.1} MB, {:.2} s",
        kb as f64 / 1024.0,
        t.elapsed().as_secs_f64()
    );
    assert!(kb > 0 && kb < 50 * 1024, "peak RSS {kb} kB");
}

#[test]
fn log_cosh_block_tails_are_proved_and_its_error_measured() {
    use bnn_sgd_verify::montecarlo::logcosh_block::{log_cosh_block, ATANH_TERMS, EXP_COEFFS};
    use bnn_sgd_verify::paper::loss::log_cosh;
    let p = 128;
    let limit = MpInterval::from_rational(p, &Rational::from((1, Integer::from(1) << 60)));
    // e^r, |r| ≤ ln2/2 (+ a margin for the rounded reduction): Σ_{k>14} |r|^k/k! relative to
    // e^r ≥ e^{−|r|}, bounded by |r|^15/15!·1/(1 − |r|/16)·e^{|r|}
    let rmax = MpInterval::from_f64(p, 0.3466);
    let mut pow = MpInterval::from_int(p, 1);
    for _ in 0..15 {
        pow = pow.mul(&rmax);
    }
    let fact15 =
        MpInterval::from_rational(p, &Rational::from(Integer::from(Integer::factorial(15))));
    let tail_exp = pow
        .div(&fact15)
        .div(&MpInterval::from_int(p, 1).sub(&rmax.div(&MpInterval::from_int(p, 16))))
        .mul(&rmax.mul(&MpInterval::from_int(p, 2)).exp());
    assert!(
        tail_exp.certainly_lt(&limit),
        "exp tail {:?}",
        tail_exp.to_decimal(4)
    );
    // 2 atanh(z) = 2z Σ z^{2j}/(2j+1), z ≤ 1/3: the tail after ATANH_TERMS terms relative to the
    // first term is ≤ w^J/(2J+1)/(1 − w), w = 1/9
    let w = MpInterval::from_rational(p, &Rational::from((1, 9)));
    let mut wj = MpInterval::from_int(p, 1);
    for _ in 0..ATANH_TERMS {
        wj = wj.mul(&w);
    }
    let tail_atanh = wj
        .div(&MpInterval::from_int(p, 2 * ATANH_TERMS as i64 + 1))
        .div(&MpInterval::from_int(p, 1).sub(&w));
    assert!(
        tail_atanh.certainly_lt(&limit),
        "atanh tail {:?}",
        tail_atanh.to_decimal(4)
    );
    // negative control: two fewer terms of either series do not reach 2^−60
    let mut wj2 = MpInterval::from_int(p, 1);
    for _ in 0..ATANH_TERMS - 2 {
        wj2 = wj2.mul(&w);
    }
    assert!(!wj2.certainly_lt(&limit));
    assert_eq!(
        EXP_COEFFS[14],
        Float::with_val(
            53,
            Rational::from((1, Integer::from(Integer::factorial(14))))
        )
        .to_f64()
    );
    // measured against MPFR: absolute error ≤ 5e−16 over a wide range, tiny and large x included
    let mut worst = 0.0f64;
    let mut rng = stream(17, "logcosh", 0, 0);
    let mut xs: Vec<f64> = (0..40_000)
        .map(|_| 60.0 * (2.0 * rng.random::<f64>() - 1.0))
        .collect();
    xs.extend((0..8_000).map(|_| 2.0 * rng.random::<f64>() - 1.0));
    xs.extend([
        0.0, -0.0, 1e-300, 1e-8, 0.3466, 40.0, 41.0, -700.0, 700.0, 1e6,
    ]);
    while xs.len() % 8 != 0 {
        xs.push(0.5);
    }
    for ch in xs.chunks_exact(8) {
        let got = log_cosh_block(ch.try_into().unwrap());
        for (x, g) in ch.iter().zip(got) {
            let exact = Float::with_val(256, *x).cosh().ln();
            let err = (Float::with_val(256, g) - exact).abs().to_f64();
            worst = worst.max(err / x.abs().max(1.0));
            assert!(
                (g - log_cosh(*x)).abs() <= 1e-15 * x.abs().max(1.0),
                "x = {x}: {g} vs libm {}",
                log_cosh(*x)
            );
        }
    }
    println!(
        "log_cosh_block: largest error against MPFR {worst:.2e} (absolute, relative for |x| > 1)"
    );
    assert!(worst <= 5e-16, "{worst}");
}

/// The definition the fused update pass must reproduce bit for bit: θ_i += inc·φ(u_i) one
/// coordinate at a time; the error Σ(θ_i − (a_i + b_i c))² in four partial sums over the blocks
/// of four, then the rest in order; and the next inner product as `dot_shifted` sums it.
fn update_by_definition<const TERMS: usize>(
    theta: &mut [f64],
    u: &[f64],
    (a, b, c): (&[f64], &[f64], f64),
    inc: f64,
    (w, u_next): (&[f64], &[f64]),
) -> (f64, f64) {
    for (t, &ui) in theta.iter_mut().zip(u) {
        *t += inc * stdp_factor_terms::<TERMS>(ui);
    }
    let len4 = if TERMS == 0 { 0 } else { theta.len() / 4 * 4 };
    let r = |i: usize| theta[i] - (a[i] + b[i] * c);
    let mut acc = [0.0f64; 4];
    for i in 0..len4 {
        acc[i % 4] = r(i).mul_add(r(i), acc[i % 4]);
    }
    let mut e = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    for i in len4..theta.len() {
        e = r(i).mul_add(r(i), e);
    }
    (e, dot_shifted(w, theta, u_next))
}

fn check_fused_pass<const TERMS: usize>(h: f64) -> usize {
    let mut rng = stream(23, "fused-pass", TERMS as u64, 0);
    let mut checked = 0;
    for d in (1usize..=40).chain([63, 64, 65, 257]) {
        for _ in 0..20 {
            let mut v = |scale: f64| -> Vec<f64> {
                (0..d)
                    .map(|_| uniform_noise(&mut rng, scale))
                    .collect::<Vec<_>>()
            };
            let (theta0, u, u_next) = (v(2.0), v(h), v(h));
            let (a, b, w) = (v(1.0), v(1.0), v(1.0));
            let (c, inc) = (uniform_noise(&mut rng, 3.0), uniform_noise(&mut rng, 0.1));
            let mut want_theta = theta0.clone();
            let want =
                update_by_definition::<TERMS>(&mut want_theta, &u, (&a, &b, c), inc, (&w, &u_next));
            let mut got_theta = theta0.clone();
            let line = Line { a: &a, b: &b, c };
            let next = Some(Next {
                w: &w,
                u_next: &u_next,
            });
            let got = update_and_error_affine::<TERMS>(&mut got_theta, &u, line, inc, next);
            let bits = |x: &[f64]| x.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
            assert_eq!(
                bits(&got_theta),
                bits(&want_theta),
                "θ, TERMS = {TERMS}, d = {d}"
            );
            assert_eq!(
                got.0.to_bits(),
                want.0.to_bits(),
                "error, TERMS = {TERMS}, d = {d}"
            );
            assert_eq!(
                got.1.to_bits(),
                want.1.to_bits(),
                "next, TERMS = {TERMS}, d = {d}"
            );
            // without the next inner product the pass does the same update and error
            let mut alone = theta0.clone();
            let e = update_and_error_affine::<TERMS>(&mut alone, &u, line, inc, None);
            assert_eq!((e.0.to_bits(), e.1), (want.0.to_bits(), 0.0), "d = {d}");
            assert_eq!(bits(&alone), bits(&want_theta));
            // the portable blocks (the code for targets without AVX2) agree as well
            let len4 = d / 4 * 4;
            let mut port = theta0.clone();
            if TERMS > 0 {
                affine_blocks_portable::<TERMS>(&mut port[..len4], &u[..len4], line, inc, next);
                assert_eq!(bits(&port[..len4]), bits(&want_theta[..len4]));
            }
            checked += 1;
        }
    }
    checked
}

#[test]
fn fused_update_pass_is_the_definition_bit_for_bit() {
    // the polynomial ranges of SINH_POLYS, and libm beyond them
    let n = check_fused_pass::<3>(1.0 / 64.0)
        + check_fused_pass::<4>(1.0 / 16.0)
        + check_fused_pass::<7>(0.5)
        + check_fused_pass::<0>(2.0);
    println!("fused update pass: {n} random cases bit-identical to the definition");
}

#[cfg(all(
    target_arch = "x86_64",
    target_feature = "avx2",
    target_feature = "fma"
))]
#[test]
fn vector_phi_is_the_scalar_polynomial_bit_for_bit() {
    use bnn_sgd_verify::montecarlo::kernels::lanes::phi_array;
    let mut rng = stream(29, "phi-lanes", 0, 0);
    let mut differs_from_shorter = 0;
    for _ in 0..20_000 {
        let u: [f64; 4] = std::array::from_fn(|_| uniform_noise(&mut rng, 0.5));
        let (p3, p4, p7) = (phi_array::<3>(u), phi_array::<4>(u), phi_array::<7>(u));
        for k in 0..4 {
            assert_eq!(
                p3[k].to_bits(),
                stdp_factor_terms::<3>(u[k]).to_bits(),
                "u = {}",
                u[k]
            );
            assert_eq!(
                p4[k].to_bits(),
                stdp_factor_terms::<4>(u[k]).to_bits(),
                "u = {}",
                u[k]
            );
            assert_eq!(
                p7[k].to_bits(),
                stdp_factor_terms::<7>(u[k]).to_bits(),
                "u = {}",
                u[k]
            );
            differs_from_shorter += usize::from(p4[k] != stdp_factor_terms::<7>(u[k]));
        }
    }
    // negative control: on |u| ≤ 1/2 four terms are not the seven-term polynomial, so the
    // comparison can tell polynomials apart
    assert!(differs_from_shorter > 10_000, "{differs_from_shorter}");
}

#[test]
fn a_cell_shares_its_flow_table_without_changing_a_bit() {
    for kind in [
        LossKind::Linear,
        LossKind::Ridge,
        LossKind::LogCosh,
        LossKind::Quadratic,
    ] {
        let problem = Problem::new(kind, 9, &LossParams::default(), 1.0, 1.0);
        let params = StdpParams {
            alpha: 1.0,
            big_a: 1.0,
            n: 500,
            scaling: Scaling::Sqrt,
        };
        let cell = run_cell(&problem, &params, 4, "table", 2, 6, None);
        for (r, got) in cell.iter().enumerate() {
            let alone = replicate(&problem, &params, &mut stream(4, "table", 2, r as u64));
            assert_eq!(
                got.sup_sq.to_bits(),
                alone.sup_sq.to_bits(),
                "{kind:?}, r = {r}"
            );
            assert_eq!(got.terminal_sq.to_bits(), alone.terminal_sq.to_bits());
        }
    }
}

/// tan 1 · R^{K+1}/((K + 1)(1 − R)), outward-rounded with inari: the tail of the log cosh
/// Taylor polynomial of degree K on |δ| ≤ R (see `montecarlo::logcosh_taylor`).
fn log_cosh_taylor_tail(k: usize, r: f64) -> inari::Interval {
    use inari::Interval;
    let one = Interval::try_from((1.0, 1.0)).expect("point");
    let r = Interval::try_from((r, r)).expect("point");
    let mut pow = one;
    for _ in 0..=k {
        pow *= r;
    }
    let kk = Interval::try_from(((k + 1) as f64, (k + 1) as f64)).expect("point");
    one.tan() * pow / (kk * (one - r))
}

#[test]
fn log_cosh_taylor_tail_is_proved_below_2_to_the_minus_58() {
    use bnn_sgd_verify::montecarlo::logcosh_taylor::{DEGREE, RADIUS};
    let limit = 2f64.powi(-58);
    let tail = log_cosh_taylor_tail(DEGREE, RADIUS);
    assert!(!tail.is_empty() && tail.sup() < limit, "tail {tail:?}");
    // negative control: one degree less does not reach 2^−58 on the same radius
    let short = log_cosh_taylor_tail(DEGREE - 1, RADIUS);
    assert!(
        short.inf() > limit,
        "degree {} would do: {short:?}",
        DEGREE - 1
    );
    println!(
        "log cosh Taylor tail, degree {DEGREE}, |δ| ≤ {RADIUS}: ≤ {:.3e}",
        tail.sup()
    );
}

/// The Taylor coefficients of log cosh about x₀ by a second path: d/dx tanh = 1 − tanh², so the
/// j-th derivative of tanh is a polynomial P_j(T) with P_0 = T and P_{j+1} = P_j′(T)(1 − T²),
/// with exact integer coefficients; c_k = P_{k−1}(tanh x₀)/k!, evaluated in MPFR.
fn log_cosh_coefficients_by_derivatives(x0: f64, degree: usize) -> Vec<Float> {
    let prec = 200;
    let t = Float::with_val(prec, x0).tanh();
    let mut poly: Vec<Integer> = vec![Integer::from(0), Integer::from(1)]; // P_0 = T
    let mut out = vec![Float::with_val(prec, x0).cosh().ln()];
    for k in 1..=degree {
        // c_k = P_{k−1}(T)/k!
        let mut v = Float::with_val(prec, 0);
        for coeff in poly.iter().rev() {
            v = v * &t + coeff;
        }
        out.push(v / Float::with_val(prec, Integer::from(Integer::factorial(k as u32))));
        // P′(T)(1 − T²)
        let deriv: Vec<Integer> = (1..poly.len())
            .map(|i| Integer::from(&poly[i] * i as u32))
            .collect();
        let mut next = vec![Integer::from(0); deriv.len() + 2];
        for (i, c) in deriv.iter().enumerate() {
            next[i] += c;
            next[i + 2] -= c;
        }
        poly = next;
    }
    out
}

/// The largest |fast_k − slow_k| over the scale of c_k: |c_k| ≤ tan 1/k for k ≥ 1, and
/// max(1, |log cosh x₀|) for k = 0.
fn scaled_coefficient_error(fast: &[f64], slow: &[Float]) -> f64 {
    fast.iter()
        .zip(slow)
        .enumerate()
        .map(|(k, (f, s))| {
            let err = (Float::with_val(200, *f) - s).abs().to_f64();
            let scale = if k == 0 {
                s.to_f64().abs().max(1.0)
            } else {
                1.56 / k as f64
            };
            err / scale
        })
        .fold(0.0, f64::max)
}

#[test]
fn log_cosh_taylor_coefficients_agree_with_the_derivative_polynomials() {
    use bnn_sgd_verify::montecarlo::logcosh_taylor::{LogCoshTaylor, DEGREE};
    let mut worst = 0.0f64;
    for x0 in [-7.0, -2.5, -1.0, -0.3, 0.0, 1e-9, 0.2, 0.76, 1.5, 4.0, 30.0] {
        let fast = LogCoshTaylor::coefficients(x0);
        let slow = log_cosh_coefficients_by_derivatives(x0, DEGREE);
        let err = scaled_coefficient_error(&fast, &slow);
        worst = worst.max(err);
        assert!(err <= 1e-14, "x0 = {x0}: {fast:?}");
    }
    println!("log cosh Taylor coefficients: largest scaled difference {worst:.2e}");
    // negative control: the same recursion without the constant term of y′ = 1 − y² (the series
    // of y′ = −y²) is told apart by the same comparison
    for x0 in [-1.0, 0.2, 1.5] {
        let mut fast = LogCoshTaylor::coefficients(x0);
        let mut a = [0.0f64; DEGREE];
        a[0] = x0.tanh();
        for j in 0..DEGREE - 1 {
            let conv: f64 = (0..=j).map(|i| a[i] * a[j - i]).sum();
            a[j + 1] = -conv / (j + 1) as f64;
        }
        for k in 1..=DEGREE {
            fast[k] = a[k - 1] / k as f64;
        }
        let slow = log_cosh_coefficients_by_derivatives(x0, DEGREE);
        assert!(scaled_coefficient_error(&fast, &slow) > 0.1, "x0 = {x0}");
    }
}

#[test]
fn log_cosh_taylor_is_within_a_few_units_of_1e16_of_mpfr() {
    use bnn_sgd_verify::montecarlo::logcosh_taylor::{LogCoshTaylor, RADIUS};
    let mut rng = stream(31, "logcosh-taylor", 0, 0);
    use bnn_sgd_verify::paper::loss::log_cosh;
    let (mut worst, mut worst_libm) = (0.0f64, 0.0f64);
    let mut taylor = LogCoshTaylor::new(0.0);
    // walks like the ridge argument: a drift and a jitter of the size of A_n
    let mut x = -1.5f64;
    for step in 0..40_000 {
        x += 1e-4 + uniform_noise(&mut rng, 0.02);
        if step % 10_000 == 0 {
            x = uniform_noise(&mut rng, 6.0);
        }
        let got = taylor.eval(x);
        let exact = Float::with_val(256, x).cosh().ln();
        let err = (Float::with_val(256, got) - &exact).abs().to_f64();
        let scaled = err / exact.to_f64().abs().max(1.0);
        worst = worst.max(scaled);
        let libm_err = (Float::with_val(256, log_cosh(x)) - &exact).abs().to_f64();
        worst_libm = worst_libm.max(libm_err / exact.to_f64().abs().max(1.0));
        assert!(scaled <= 4e-16, "x = {x}: {got} vs {}", exact.to_f64());
    }
    println!(
        "log cosh Taylor: largest error against MPFR {worst:.2e} (absolute, relative above 1; \
         the libm formula it replaces: {worst_libm:.2e}); {} recentres in 40000 steps",
        taylor.recentres()
    );
    // at the edge of the radius and beyond it (where it recentres), and for NaN and ∞
    let mut t = LogCoshTaylor::new(0.5);
    for x in [0.5 + RADIUS, 0.5 - RADIUS, 0.5 + 2.0 * RADIUS] {
        let exact = Float::with_val(256, x).cosh().ln().to_f64();
        assert!((t.eval(x) - exact).abs() <= 2e-16, "x = {x}");
    }
    assert!(t.eval(f64::NAN).is_nan());
    assert_eq!(t.eval(f64::INFINITY), f64::INFINITY);
}
