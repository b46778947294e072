//! `thm1-explicit`: the explicit bound of `paper::explicit` against an independent f64
//! evaluation (closed forms of the noise moments), its n₀, bad input, and a bound shrunk tenfold
//! that the Monte Carlo must reject through the same check.

use bnn_sgd_verify::claims::explicit::check_thm1_explicit;
use bnn_sgd_verify::claims::{apply_holm, find, Verdict};
use bnn_sgd_verify::montecarlo::{run_cell, summarize, Problem};
use bnn_sgd_verify::paper::explicit::{thm1_bound, thm1_n0, Thm1Error, Thm1Input};
use bnn_sgd_verify::paper::loss::{LossKind, LossParams};
use bnn_sgd_verify::paper::normalizer::drift;
use bnn_sgd_verify::paper::normalizer::Scaling;
use bnn_sgd_verify::paper::stdp::StdpParams;
use rug::Rational;

mod common;
use common::{ctx, PROFILE, SEED};

fn input(d: u64, n: u64, lambda: i64) -> Thm1Input {
    Thm1Input {
        d,
        n,
        alpha: Rational::from(1),
        big_a: Rational::from(1),
        g: Rational::from(1),
        lambda: Rational::from(lambda),
    }
}

/// The bound in f64 from the moments' closed forms: Φ₂ = sinh(2a)/a − 2,
/// W = a sinh 2a − cosh 2a + sinh(2a)/(2a) − 2a²/3, σ² = a²/3 (α = A = G = 1).
fn bound_f64(d: f64, n: f64, lambda: f64) -> f64 {
    let a = 1.0 / n.sqrt();
    let phi2 = (2.0 * a).sinh() / a - 2.0;
    let w =
        a * (2.0 * a).sinh() - (2.0 * a).cosh() + (2.0 * a).sinh() / (2.0 * a) - 2.0 * a * a / 3.0;
    let s2 = a * a / 3.0;
    let kn = drift(1.0, n as u64, Scaling::Sqrt).unwrap();
    let bias = kn * lambda * d.sqrt() * a * (1.0 + 1.0 / 3f64.sqrt()) + (kn - 2.0 / 3.0).abs();
    let a4 = a.powi(4);
    let a0 = 4.0 * (w + (d - 1.0) * s2 * phi2)
        + lambda * lambda * d.powi(3) * a4 * phi2
        + 2.0 * d * phi2 * (4.0 * s2 + lambda * lambda * d * d * a4);
    let b0 = 4.0 * d * phi2;
    let m = 2.0 * (n * a0 / (1.0 - b0)).sqrt();
    ((2.0 / 3.0) * lambda).exp() * (bias + m + 2.0 / 3.0 / n)
}

#[test]
fn the_enclosure_agrees_with_an_independent_f64_evaluation() {
    for (d, n, lambda) in [
        (1u64, 256u64, 0i64),
        (8, 1024, 1),
        (32, 16384, 1),
        (4, 4096, 3),
    ] {
        let b = thm1_bound(&input(d, n, lambda)).unwrap();
        let mid = b.total.mid().to_f64();
        let f = bound_f64(d as f64, n as f64, lambda as f64);
        assert!(
            ((mid - f) / f).abs() < 1e-6,
            "d = {d}, n = {n}, λ = {lambda}: {mid} vs {f}"
        );
        assert!(
            b.total.rel_width().to_f64() < 1e-20,
            "d = {d}, n = {n}: width"
        );
    }
}

#[test]
fn n0_is_the_first_n_with_b0_below_one_and_below_it_the_bound_is_refused() {
    for d in [1u64, 8, 64, 256] {
        let n0 = thm1_n0(&input(d, 1, 0)).unwrap();
        // n₀ ≈ (16/3)d
        let approx = 16.0 * d as f64 / 3.0;
        assert!(
            (n0 as f64 - approx).abs() <= 0.05 * approx + 2.0,
            "d = {d}: n₀ = {n0}"
        );
        assert!(
            thm1_bound(&input(d, n0, 0)).is_ok(),
            "d = {d}: n₀ = {n0} accepted"
        );
        if n0 > 1 {
            match thm1_bound(&input(d, n0 - 1, 0)) {
                Err(Thm1Error::BelowN0 { n0: m, .. }) => assert_eq!(m, n0),
                other => panic!("d = {d}, n = n₀ − 1: {other:?}"),
            }
        }
    }
    let mut bad = input(4, 1024, 0);
    bad.alpha = Rational::from(0);
    assert!(matches!(thm1_bound(&bad), Err(Thm1Error::Invalid(_))));
}

#[test]
fn the_monte_carlo_error_lies_below_the_bound_and_a_tenfold_smaller_bound_is_rejected() {
    let f = find("thm1-explicit").unwrap().run(PROFILE, SEED);
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    let mut shrunk = check_thm1_explicit(&Rational::from((1, 10)), &ctx("thm1-explicit"));
    apply_holm(&mut [&mut shrunk]);
    assert_eq!(shrunk.verdict, Verdict::Failed, "{shrunk:#?}");
}

/// sqrt_up is an upper bound of √x within 2^−19, including at perfect squares and 0.
#[test]
fn sqrt_up_bounds_the_root_from_above_and_closely() {
    use bnn_sgd_verify::claims::explicit::sqrt_up;
    for x in [
        Rational::new(),
        Rational::from(1),
        Rational::from(4),
        Rational::from((1, 4)),
        Rational::from(2),
        Rational::from((49, 100)),
        Rational::from(1_000_000),
        Rational::from((3, 1 << 30)),
    ] {
        let r = sqrt_up(&x);
        assert!(r.clone().square() >= x, "x = {x}: {r}² < x");
        let below = r - Rational::from((1, 1 << 19));
        assert!(
            below <= 0 || below.square() <= x,
            "x = {x}: more than 2^−19 above √x"
        );
    }
}

/// The one-sided test: z and p from rmse², b² and the delta-method standard error.
#[test]
fn exceeding_the_bound_is_a_one_sided_normal_test_on_the_mean_square() {
    use bnn_sgd_verify::claims::explicit::exceeds_bound;
    // rmse 1.1, se 0.05, b = 1: z = (1.21 − 1)/(2·1.1·0.05) = 0.21/0.11
    let (z, p) = exceeds_bound(1.1, 0.05, 1.0);
    assert!((z - 0.21 / 0.11).abs() < 1e-12, "{z}");
    assert!((p - 0.028_125).abs() < 1e-4, "P(N > 1.909) = 0.0281: {p}");
    let (z, p) = exceeds_bound(0.9, 0.05, 1.0);
    assert!((z + 0.19 / 0.09).abs() < 1e-12, "{z}");
    assert!((p - 0.982_6).abs() < 1e-3, "below the bound, p near 1: {p}");
    let (z, p) = exceeds_bound(1.0, 0.05, 1.0);
    assert_eq!((z, p), (0.0, 0.5));
}

/// thm1-explicit's evidence is consistent with itself and with the bound: every "B vs R [lo, hi]
/// (Q×)" has Q = B/R to its printed digits and R inside its interval; each n-law cell's B is
/// the bound recomputed here (λ = 0 for the linear loss, λ = G = 1 for the ridge loss); and the
/// looseness line is the smallest and largest B/R over every cell, the probes' "error E …,
/// bound B" included, with the count of cells.
#[test]
fn the_explicit_evidence_reports_each_cell_and_the_looseness_over_them() {
    use bnn_sgd_verify::claims::explicit::sqrt_up;
    let f = check_thm1_explicit(&Rational::from(1), &ctx("thm1-explicit"));
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    let num = |s: &str| -> f64 {
        s.trim()
            .parse()
            .unwrap_or_else(|_| panic!("a number: {s:?}"))
    };
    let mut ratios = vec![];
    let mut below = 0;
    let mut own_g = 0;
    for e in &f.evidence {
        let table = e.name.contains("bound vs Monte Carlo");
        for entry in e.value.split("; ") {
            if table && entry.contains("below n₀") {
                below += 1;
            }
            if let (true, Some(vs), Some(open)) = (table, entry.find(" vs "), entry.rfind(" (")) {
                let b = num(entry[..vs].rsplit(": ").next().unwrap());
                let rest = &entry[vs + 4..];
                let r = num(&rest[..rest.find(" [").unwrap()]);
                let ci = &rest[rest.find('[').unwrap() + 1..rest.find(']').unwrap()];
                let (lo, hi) = ci.split_once(", ").unwrap();
                assert!(num(lo) < r && r < num(hi), "{entry}");
                let q = num(entry[open + 2..].trim_end_matches("×)"));
                assert!(
                    (q - b / r).abs() <= 0.05 + 1e-3 * q,
                    "{entry}: {q} vs {}",
                    b / r
                );
                ratios.push(b / r);
                if e.name.starts_with("n-law grid") {
                    let d: u64 = e
                        .name
                        .split("d = ")
                        .nth(1)
                        .unwrap()
                        .split(':')
                        .next()
                        .unwrap()
                        .parse()
                        .unwrap();
                    let n: u64 = entry
                        .trim_start_matches("n = ")
                        .split(':')
                        .next()
                        .unwrap()
                        .parse()
                        .unwrap();
                    let lambda = if e.name.contains("ridge") { 1 } else { 0 };
                    let want = thm1_bound(&input(d, n, lambda))
                        .unwrap()
                        .total
                        .lo()
                        .to_f64();
                    assert_eq!(
                        format!("{want:.4e}"),
                        format!("{b:.4e}"),
                        "{}: {entry}",
                        e.name
                    );
                }
                if let Some(cell) = entry.strip_prefix("g = (") {
                    // linear-mse-exact's cells: "g = (g₁, …), α = x, A = y, n = N: …", G = ‖g‖
                    // rounded up (λ = 0)
                    let (g, rest) = cell.split_once("), α = ").unwrap();
                    let g: Vec<Rational> = g.split(", ").map(|x| x.parse().unwrap()).collect();
                    let (al, rest) = rest.split_once(", A = ").unwrap();
                    let (a, rest) = rest.split_once(", n = ").unwrap();
                    let n: u64 = rest.split([':', ' ']).next().unwrap().parse().unwrap();
                    let g2: Rational = g.iter().map(|x| Rational::from(x * x)).sum();
                    let inp = Thm1Input {
                        d: g.len() as u64,
                        n,
                        alpha: Rational::from_f64(num(al)).unwrap(),
                        big_a: Rational::from_f64(num(a)).unwrap(),
                        g: sqrt_up(&g2),
                        lambda: Rational::new(),
                    };
                    let want = thm1_bound(&inp).unwrap().total.lo().to_f64();
                    assert_eq!(format!("{want:.4e}"), format!("{b:.4e}"), "{entry}");
                    own_g += 1;
                }
            } else if let (true, Some(err), Some(bd)) = (
                e.name.starts_with("the constant's dependence"),
                entry.find("error "),
                entry.find("bound "),
            ) {
                let e_val = num(entry[err + 6..].split(' ').next().unwrap());
                let b_val = num(entry[bd + 6..].split(' ').next().unwrap());
                ratios.push(b_val / e_val);
            }
        }
    }
    let loose = f
        .evidence
        .iter()
        .find(|e| e.name.starts_with("looseness over the cells"))
        .unwrap();
    let (lo, hi) = ratios
        .iter()
        .fold((f64::INFINITY, 0.0f64), |(a, b), &q| (a.min(q), b.max(q)));
    let want = format!(
        "{lo:.1}, {hi:.1} ({} cells; {below} below n₀, not tested)",
        ratios.len()
    );
    assert_eq!(loose.value, want, "{ratios:?}");
    assert!(
        own_g >= 1,
        "a cell of linear-mse-exact with its own g is compared"
    );
}

/// The constant's dependence: each probe's "(×r)" is its error and bound over the base cell's
/// (the first, α = A = G = 1, z₀ = 0), and the local exponents are log(r(2)/r(1/2))/log 4 of
/// those, for α, A and G in turn.
#[test]
fn the_dependence_on_the_constants_is_relative_to_the_base_cell() {
    let f = check_thm1_explicit(&Rational::from(1), &ctx("thm1-explicit"));
    let row = f
        .evidence
        .iter()
        .find(|e| e.name.starts_with("the constant's dependence"))
        .unwrap();
    let num = |s: &str| -> f64 {
        s.trim()
            .parse()
            .unwrap_or_else(|_| panic!("a number: {s:?}"))
    };
    let cells: Vec<(f64, f64, f64, f64)> = row
        .value
        .split("; ")
        .map(|entry| {
            let after = |key: &str| entry.split(key).nth(1).unwrap();
            let e = num(after("error ").split(' ').next().unwrap());
            let b = num(after("bound ").split(' ').next().unwrap());
            let times: Vec<f64> = entry
                .split("(×")
                .skip(1)
                .map(|t| num(t.split(')').next().unwrap()))
                .collect();
            (e, b, times[0], times[1])
        })
        .collect();
    assert_eq!(
        cells.len(),
        8,
        "base, α, A, G at 1/2 and 2, z₀ = 1: {}",
        row.value
    );
    let (e0, b0) = (cells[0].0, cells[0].1);
    for &(e, b, re, rb) in &cells {
        assert!(
            (re - e / e0).abs() <= 0.006 && (rb - b / b0).abs() <= 0.006,
            "{}",
            row.value
        );
    }
    let exps = f
        .evidence
        .iter()
        .find(|e| e.name.starts_with("local exponents"))
        .unwrap();
    let x = |lo: usize, hi: usize, err: bool| {
        let (a, b) = if err {
            (cells[lo].0, cells[hi].0)
        } else {
            (cells[lo].1, cells[hi].1)
        };
        (b / a).ln() / 4f64.ln()
    };
    let printed: Vec<f64> = exps
        .value
        .split([';', '('])
        .take(3)
        .flat_map(|part| {
            let (o, b) = part.split_once(": ").unwrap().1.split_once(" vs ").unwrap();
            [num(o), num(b)]
        })
        .collect();
    let want = [
        x(1, 2, true),
        x(1, 2, false),
        x(3, 4, true),
        x(3, 4, false),
        x(5, 6, true),
        x(5, 6, false),
    ];
    for (p, w) in printed.iter().zip(want) {
        assert!((p - w).abs() <= 0.006, "{}: {p} vs {w}", exps.value);
    }
    // each cell runs its own loss: G = λ = 2 and z₀ = 1 (probes 6 and 7, streams 2006, 2007)
    // and ‖g‖ = 4 (thm1-constant's third cell, stream 3002) re-run here from their parameters
    let others = f
        .evidence
        .iter()
        .find(|e| e.name.starts_with("the cells of thm1-constant"))
        .unwrap();
    let g4 = others
        .value
        .split("; ")
        .find(|e| e.starts_with("‖g‖ = 4, d = 8, n = 1024"))
        .unwrap_or_else(|| panic!("the ‖g‖ = 4 cell: {}", others.value));
    let g4_error = num(g4.split(" vs ").nth(1).unwrap().split(' ').next().unwrap());
    let rerun = |kind, d: usize, n: u64, p: LossParams, stream: u64, reps: u64| {
        let problem = Problem::new(kind, d, &p, 1.0, 1.0);
        let params = StdpParams {
            alpha: 1.0,
            big_a: 1.0,
            n,
            scaling: Scaling::Sqrt,
        };
        let c = summarize(&run_cell(
            &problem,
            &params,
            SEED,
            "thm1-explicit",
            stream,
            reps,
            None,
        ));
        c.rmse_sup
    };
    // and one cell of each grid, from its table: the n-law's ridge d = 8, n = 512 (stream
    // 100·1 + 10·1 + 1) and the d-law's ridge d = 8 (n = 512, stream 1000 + 100·1 + 2)
    let table_error = |name: &str, key: &str| -> f64 {
        let e = f
            .evidence
            .iter()
            .find(|e| e.name.starts_with(name))
            .unwrap_or_else(|| panic!("no evidence {name}"));
        let entry = e
            .value
            .split("; ")
            .find(|x| x.starts_with(key))
            .unwrap_or_else(|| panic!("{key} in {}", e.value));
        num(entry
            .split(" vs ")
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap())
    };
    let base = LossParams::default();
    let probe_reps = PROFILE.pick(100, 200, 400);
    for (printed, kind, d, n, p, stream, reps) in [
        (
            table_error("n-law grid, ridge loss, d = 8:", "n = 512:"),
            LossKind::Ridge,
            8,
            512,
            base,
            111,
            400,
        ),
        (
            table_error("d-law grid, ridge loss, n = 512:", "d = 8:"),
            LossKind::Ridge,
            8,
            512,
            base,
            1102,
            400,
        ),
        (
            cells[6].0,
            LossKind::Ridge,
            8,
            1024,
            LossParams { big_g: 2.0, ..base },
            2006,
            probe_reps,
        ),
        (
            cells[7].0,
            LossKind::Ridge,
            8,
            1024,
            LossParams { z0: 1.0, ..base },
            2007,
            probe_reps,
        ),
        (
            g4_error,
            LossKind::Linear,
            8,
            1024,
            LossParams {
                g_norm: 4.0,
                ..base
            },
            3002,
            PROFILE.pick(300, 1000, 4000),
        ),
    ] {
        let want = rerun(kind, d, n, p, stream, reps);
        assert_eq!(
            format!("{printed:.4e}"),
            format!("{want:.4e}"),
            "{} loss, {p:?}, stream {stream}",
            kind.name()
        );
    }
}
