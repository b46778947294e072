//! §B of claims.md: the density f_a, E φ(U) = 0 and the integration-by-parts identity; the
//! prover's certificates and their re-check by the other engine, including tampered ones.

use bnn_sgd_verify::claims::density::*;
use bnn_sgd_verify::claims::registry::provable;
use bnn_sgd_verify::claims::statements::prove_claim;
use bnn_sgd_verify::claims::{find, Verdict};
use bnn_sgd_verify::paper::density::*;
use bnn_sgd_verify::rigorous::exppoly::ExpPoly;
use bnn_sgd_verify::rigorous::prover::Statement;
use bnn_sgd_verify::rigorous::prover::{prove, recheck, Budget, Engine, Rejection};
use bnn_sgd_verify::streams::stream;
use rug::Rational;

mod common;
use common::{evidence_value, numbers, PROFILE, SEED};

/// The range statements of a claim, from the registry.
fn statements_for(id: &str) -> &'static [Statement] {
    find(id).expect("registered").range_statements
}

#[test]
fn expected_verdicts() {
    for id in ["density-fa", "phi-mean-zero", "ibp-identity"] {
        let f = find(id).unwrap().run(PROFILE, SEED);
        assert_eq!(f.verdict, Verdict::Proved, "{id}: {f:#?}");
    }
}

// --- the prover and its certificates ------------------------------------------------------

#[test]
fn every_statement_is_proved_and_rechecked_by_both_engines() {
    let ids: Vec<&str> = provable().map(|c| c.id).collect();
    assert_eq!(
        ids,
        ["c-closed-form", "c-taylor", "drift-limit", "density-fa"]
    );
    for claim in provable() {
        for engine in [Engine::Inari, Engine::Mpfr] {
            for cp in prove_claim(claim.range_statements, engine) {
                assert!(
                    cp.holds(),
                    "{} by {engine:?}: {}",
                    claim.id,
                    cp.summary(true)
                );
            }
        }
    }
}

#[test]
fn a_shrunk_enclosure_is_rejected() {
    let st = statements_for("density-fa")[0];
    let proof = prove(&st, Engine::Inari, Budget::default());
    assert!(proof.proved());
    assert_eq!(recheck(&st, &proof.certificate), Ok(()));
    // shrink one enclosure to the top hundredth of its width: it no longer contains g there
    let mut cert = proof.certificate.clone();
    let i = cert.boxes.len() / 2;
    let lo: f64 = cert.boxes[i].enclosure[0].parse().unwrap();
    let hi: f64 = cert.boxes[i].enclosure[1].parse().unwrap();
    cert.boxes[i].enclosure[0] = format!("{:e}", hi - (hi - lo) / 100.0);
    let r = recheck(&st, &cert);
    assert!(matches!(r, Err(Rejection::BadEnclosure { .. })), "{r:?}");
}

#[test]
fn a_broken_tiling_is_rejected() {
    let st = statements_for("drift-limit")[1];
    let proof = prove(&st, Engine::Inari, Budget::default());
    let mut cert = proof.certificate.clone();
    cert.boxes.remove(cert.boxes.len() / 3);
    assert!(matches!(recheck(&st, &cert), Err(Rejection::NotATiling(_))));
    let mut cert = proof.certificate.clone();
    cert.boxes[0].hi[0] = (cert.boxes[0].hi[0] + cert.boxes[0].lo[0]) / 2.0;
    assert!(matches!(recheck(&st, &cert), Err(Rejection::NotATiling(_))));
    // 2-D: a box moved onto its neighbour
    let st2 = statements_for("density-fa")[0];
    let mut cert2 = prove(&st2, Engine::Inari, Budget::default()).certificate;
    cert2.boxes[1] = cert2.boxes[0].clone();
    assert!(matches!(
        recheck(&st2, &cert2),
        Err(Rejection::NotATiling(_))
    ));
}

#[test]
fn a_certificate_for_another_statement_is_rejected() {
    let a = statements_for("drift-limit");
    let proof = prove(&a[0], Engine::Inari, Budget::default());
    assert!(matches!(
        recheck(&a[1], &proof.certificate),
        Err(Rejection::WrongStatement(_))
    ));
}

#[test]
fn a_false_statement_is_not_proved_and_yields_a_counterexample() {
    // f_a(x) ≥ 0.6·(a² − x²)/a³ is false at a = 8, x = 0 (the ratio there is ≈ 0.57)
    let mut st = statements_for("density-fa")[0];
    st.lower = Some(0.6);
    let proof = prove(
        &st,
        Engine::Inari,
        Budget {
            max_boxes: 20_000,
            max_depth: 24,
        },
    );
    assert!(!proof.proved());
    assert!(
        proof.undecided.iter().any(|u| u.counterexample),
        "{:?}",
        &proof.undecided[..3.min(proof.undecided.len())]
    );
}

// --- the density -------------------------------------------------------------------------

#[test]
fn pdf_cdf_and_inverse_agree() {
    for &a in &[1e-3, 0.05, 0.7, 1.0, 1.5, 3.0, 8.0] {
        // trapezoid of the pdf ≈ 1, and the cdf is its integral
        let k = 20_000;
        let h = 2.0 * a / k as f64;
        let trap: f64 = (0..=k)
            .map(|i| {
                let w = if i == 0 || i == k { 0.5 } else { 1.0 };
                w * pdf(a, -a + i as f64 * h).unwrap()
            })
            .sum::<f64>()
            * h;
        assert!((trap - 1.0).abs() < 1e-6, "a = {a}: ∫pdf = {trap}");
        let mut prev = 0.0;
        for i in 0..=100 {
            let x = -a + 2.0 * a * i as f64 / 100.0;
            let f = cdf(a, x).unwrap();
            assert!(f >= prev - 1e-15, "a = {a}: cdf not monotone at {x}");
            prev = f;
            if (1..100).contains(&i) {
                let back = inverse_cdf(a, f).unwrap();
                assert!(
                    (back - x).abs() <= 1e-7 * a,
                    "a = {a}: F⁻¹(F({x})) = {back}"
                );
            }
        }
        // f64 cdf against the MPFR enclosure
        for &t in &[-0.9, -0.3, 0.0, 0.6] {
            let x = a * t;
            let q = Rational::from_f64(a).unwrap();
            let xq = Rational::from_f64(x).unwrap();
            let exact = cdf_to_digits(&q, &xq, 20).unwrap().unwrap().mid().to_f64();
            assert!(
                (cdf(a, x).unwrap() - exact).abs() < 1e-14,
                "a = {a}, x = {x}"
            );
        }
        // E V² in f64 against the MPFR series
        let q = Rational::from_f64(a).unwrap();
        let ev2 = moment_to_digits(&q, 2, 20).unwrap().unwrap().mid().to_f64();
        assert!(
            (second_moment(a).unwrap() / ev2 - 1.0).abs() < 1e-13,
            "a = {a}"
        );
    }
}

#[test]
fn sampler_passes_ks_and_the_uniform_does_not() {
    let (a, n) = (0.7, 20_000);
    let mut rng = stream(7, "test-sampler", 0, 0);
    let draws: Vec<f64> = (0..n).map(|_| sample(a, &mut rng)).collect();
    let (d, p) = ks_against_density(a, draws);
    assert!(p > KS_LEVEL, "sampler rejected: D = {d}, p = {p}");
    let mut rng = stream(7, "test-uniform", 0, 0);
    let uni: Vec<f64> = (0..n)
        .map(|_| a * (2.0 * rand::RngExt::random::<f64>(&mut rng) - 1.0))
        .collect();
    let (_, p_u) = ks_against_density(a, uni);
    assert!(p_u < 1e-6, "uniform not rejected: p = {p_u}");
}

// --- E φ(U) = 0 and the identity: negative controls ---------------------------------------

#[test]
fn a_non_odd_factor_has_nonzero_mean() {
    // e^{−u} − e^{2u}, whose mean over [−a, a] is sinh(a)/a − sinh(2a)/(2a): each a's
    // enclosure is shown and holds that value
    let wrong = ExpPoly::new(&[(1, 1, 0, -1), (-1, 1, 0, 2)]);
    let f = check_phi_mean(&wrong);
    assert_eq!(f.verdict, Verdict::Failed, "{f:#?}");
    let mut shown = 0;
    for e in &f.evidence {
        let Some(a) = e.name.strip_prefix("E φ(U), a = ") else {
            continue;
        };
        let a: f64 = a.parse().unwrap();
        let want = a.sinh() / a - (2.0 * a).sinh() / (2.0 * a);
        let (lo, hi) = e.value.trim_matches(['[', ']']).split_once(", ").unwrap();
        let (lo, hi): (f64, f64) = (lo.parse().unwrap(), hi.parse().unwrap());
        let slack = 1e-14 * want.abs();
        assert!(
            lo - slack <= want && want <= hi + slack,
            "a = {a}: {want} outside {}",
            e.value
        );
        assert!(
            hi - lo <= 1e-12 * want.abs(),
            "a = {a}: {} too wide",
            e.value
        );
        shown += 1;
    }
    assert_eq!(shown, A_GRID.len(), "{:#?}", f.evidence);
}

#[test]
fn ibp_with_the_leading_term_of_m_is_disjoint() {
    let f = check_ibp(MFactor::LeadingTerm);
    assert_eq!(f.verdict, Verdict::Failed, "{f:#?}");
    // the symbolic path refuses it (h = x: m → 2a²/3 breaks the identity), and holds with m
    assert!(
        f.note
            .as_deref()
            .unwrap()
            .contains("exponential polynomials"),
        "{f:#?}"
    );
    assert!(!ibp_symbolic(1, 0, MFactor::LeadingTerm));

    assert!(ibp_symbolic(1, 0, MFactor::Exact) && ibp_symbolic(6, -3, MFactor::Exact));
    // and at a = 0.7 specifically, for every h
    for h in TestFunction::ALL {
        let (l, r) = ibp_sides(h, 0.7, MFactor::LeadingTerm);
        assert!(l.intersection(r).is_empty(), "{h:?}: {l:?} vs {r:?}");
        let (l, r) = ibp_sides(h, 0.7, MFactor::Exact);
        assert!(!l.intersection(r).is_empty(), "{h:?}: {l:?} vs {r:?}");
        // the leading-term side is the exact one times (2a²/3)/m(a), m(a) = 2(a cosh a − sinh a)/a
        let a: f64 = 0.7;
        let m = 2.0 * (a * a.cosh() - a.sinh()) / a;
        let (_, lead) = ibp_sides(h, a, MFactor::LeadingTerm);
        let ratio = lead.mid() / r.mid();
        let want = 2.0 * a * a / 3.0 / m;
        assert!((ratio - want).abs() <= 1e-12, "{h:?}: {ratio} vs {want}");
    }
}

#[test]
fn below_the_provers_domain_the_series_bound_holds_and_a_stronger_one_fails() {
    // m(a)/a² ≤ m(2^−10)/2^−20 ≈ 2/3, so g ≥ 3/4 − …: 1/2 holds, 0.76 cannot be certified
    let eps = Rational::from((1, 1024));
    let b = density_tail_bound(&eps, &Rational::from((1, 2))).expect("1/2 certified");
    assert!(
        b > Rational::from((749, 1000)) && b < Rational::from((3, 4)),
        "{b}"
    );
    assert!(density_tail_bound(&eps, &Rational::from((76, 100))).is_err());
    // at ε = 3 the bound is too weak for 1/2 (m(3)/9 ≈ 1.49, so only ≈ 0.34)
    assert!(density_tail_bound(&Rational::from(3), &Rational::from((1, 2))).is_err());
}

#[test]
fn the_normalisation_is_symbolic_and_a_wrong_denominator_is_caught() {
    let (integral, denominator) = normalisation_symbolic();
    assert!(integral.sub(&denominator).is_identically_zero());
    // a cosh a + sinh a in place of a cosh a − sinh a
    let wrong = ExpPoly::new(&[(2, 1, 1, 1), (2, 1, 1, -1), (2, 1, 0, 1), (-2, 1, 0, -1)]);
    assert!(!integral.sub(&wrong).is_identically_zero());
}

/// The KS control's power bound (DKW): zero when n is too small for the gap δ − k/√n to be
/// positive, rising to 1 with n.
#[test]
fn the_ks_control_power_bound_grows_with_n() {
    use bnn_sgd_verify::claims::density::ks_power_lower_bound;
    assert_eq!(ks_power_lower_bound(0.05, 10), 0.0);
    let (small, large) = (
        ks_power_lower_bound(0.7, 2_000),
        ks_power_lower_bound(0.7, 20_000),
    );
    assert!(small < large && large > 0.999, "{small} {large}");
}

/// The normalisation's acceptance: an enclosure of ∫f_a must contain 1 and be narrow; either
/// failing alone refuses it.
#[test]
fn the_normalisation_must_contain_one_and_be_narrow() {
    use bnn_sgd_verify::rigorous::simpson::IntegralEnclosure;
    use inari::interval;
    let e = |lo: f64, hi: f64| IntegralEnclosure {
        enclosure: interval!(lo, hi).unwrap(),
        panels: 1,
    };
    assert!(normalised(&e(1.0 - 1e-14, 1.0 + 1e-14)));
    assert!(!normalised(&e(1.0 + 1e-14, 1.0 + 2e-14)), "misses 1");
    assert!(!normalised(&e(1.0 - 1e-9, 1.0 + 1e-9)), "too wide");
    assert!(!normalised(&e(0.0, 2.0)), "too wide");
}

/// E V²'s three paths agree only when the closed form meets the series and the series meets
/// the quadrature.
#[test]
fn the_second_moment_paths_must_each_meet_the_series() {
    use bnn_sgd_verify::rigorous::mpinterval::MpInterval;
    use rug::Float;
    let iv = |lo: f64, hi: f64| {
        MpInterval::new(Float::with_val(64, lo), Float::with_val(64, hi)).unwrap()
    };
    let (series, near, far) = (iv(1.0, 2.0), iv(1.5, 3.0), iv(2.5, 3.0));
    assert!(second_moment_paths_agree(&near, &series, &near));
    assert!(
        !second_moment_paths_agree(&far, &series, &near),
        "closed form off"
    );
    assert!(
        !second_moment_paths_agree(&near, &series, &far),
        "quadrature off"
    );
    assert!(!second_moment_paths_agree(&far, &series, &far));
}

/// The series bound below the prover's domain is 1/(2·hi) with hi a tight upper bound of
/// m(ε)/ε² = Σ 4k ε^{2k−2}/(2k+1)! = 2/3 + ε²/15 + ε⁴/420 + ε⁶/22680 + ε⁸/1995840 + …, and it must exceed the lower bound strictly.
#[test]
fn the_series_bound_is_one_over_twice_m_over_eps_squared_and_strict() {
    for eps in [
        Rational::from((1, 1024)),
        Rational::from((1, 8)),
        Rational::from((1, 2)),
    ] {
        let b = density_tail_bound(&eps, &Rational::new()).expect("positive");
        let e2 = eps.to_f64().powi(2);
        let want = 1.0
            / (2.0
                * (2.0 / 3.0
                    + e2 / 15.0
                    + e2 * e2 / 420.0
                    + e2.powi(3) / 22680.0
                    + e2.powi(4) / 1_995_840.0));
        assert!(
            (b.to_f64() - want).abs() <= 1e-10 * want && b.to_f64() <= want * (1.0 + 1e-15),
            "ε = {eps}: {b} vs {want}"
        );
        // equality is not "exceeds"
        assert_eq!(density_tail_bound(&eps, &b), Err(b.clone()), "ε = {eps}");
    }
}

/// The KS control's power bound at a moderate n, against δ = sup|F_U − F_a| found here from
/// the closed-form cdf on a ten times finer grid: 1 − 2exp(−2n(δ − k/√n)²).
#[test]
fn the_ks_power_bound_is_dkw_at_the_largest_cdf_gap() {
    use bnn_sgd_verify::claims::CONTROL_LEVEL;
    for (a, n) in [(0.05f64, 1_000usize), (0.7, 1_000), (3.0, 1_600)] {
        let f =
            |x: f64| (a.cosh() * (x + a) - x.sinh() - a.sinh()) / (2.0 * (a * a.cosh() - a.sinh()));
        let delta = (0..=40_000)
            .map(|i| {
                let x = -a + 2.0 * a * i as f64 / 40_000.0;
                ((x + a) / (2.0 * a) - f(x)).abs()
            })
            .fold(0.0f64, f64::max);
        let k = (-(CONTROL_LEVEL / 2.0).ln() / 2.0).sqrt();
        let gap = delta - k / (n as f64).sqrt();
        let want = 1.0 - 2.0 * (-2.0 * n as f64 * gap * gap).exp();
        let got = ks_power_lower_bound(a, n);
        assert!(
            gap > 0.0 && want > 0.2 && want < 0.95 && (got - want).abs() < 1e-4,
            "a = {a}, n = {n}: {got} vs {want} (δ = {delta})"
        );
    }
}

/// The finding's evidence shows ∫f_a and E V² at the a it names, and its figure the sampler at
/// the smallest and the largest a; its domain lists the grids it ran.
#[test]
fn the_density_evidence_and_figure_show_the_named_a() {
    let f = find("density-fa").unwrap().run(PROFILE, SEED);
    let shown: Vec<f64> = f
        .evidence
        .iter()
        .filter(|e| e.name.contains("∫f_a (Simpson"))
        .map(|e| {
            e.name
                .trim_start_matches("a = ")
                .split(':')
                .next()
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    assert_eq!(shown, NORMALISATION_SHOWN.to_vec(), "{:#?}", f.evidence);
    let titles: Vec<&str> = f.figures[0]
        .panels
        .iter()
        .map(|p| p.title.as_str())
        .collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert!(
        titles[0].starts_with(&format!("a = {}:", SAMPLER_A[0]))
            && titles[1].starts_with(&format!("a = {}:", SAMPLER_A[SAMPLER_A.len() - 1])),
        "{titles:?}"
    );
    assert!(
        f.domain.contains("a ∈ {0.05, 0.3, 0.7, 1.5, 3, 8}")
            && f.domain.contains("a ∈ {0.05, 0.7, 3}")
            && f.domain.contains("≤ 1e−12"),
        "{}",
        f.domain
    );
    let samplers: Vec<&str> = f
        .evidence
        .iter()
        .filter(|e| e.name.starts_with("sampler at a = "))
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(samplers.len(), SAMPLER_A.len());
    // each panel re-drawn here: the sampler's stream, 24 bins of V/a on [−1, 1], heights
    // (count/n)/w with the normal 99 % interval, the outline, and the curve a·f_a(at)
    let n: usize = samplers[0].rsplit("n = ").next().unwrap().parse().unwrap();
    let z = bnn_sgd_verify::stats::z_quantile(0.01);
    for (panel, cell) in f.figures[0].panels.iter().zip([0, SAMPLER_A.len() - 1]) {
        let a = SAMPLER_A[cell];
        let mut rng = stream(SEED, "density-sampler", cell as u64, 0);
        let w = 2.0 / 24.0;
        let mut counts = [0usize; 24];
        for _ in 0..n {
            let t = sample(a, &mut rng) / a;
            counts[(((t + 1.0) / w).floor().max(0.0) as usize).min(23)] += 1;
        }
        let series = |style| {
            &panel
                .series
                .iter()
                .find(|s| s.style == style)
                .unwrap_or_else(|| panic!("{style:?} in {}", panel.title))
                .points
        };
        let close = |x: f64, y: f64| (x - y).abs() <= 1e-12 * (1.0 + y.abs());
        let (steps, bars, curve) = (
            series(bnn_sgd_verify::claims::Style::Steps),
            series(bnn_sgd_verify::claims::Style::Markers),
            series(bnn_sgd_verify::claims::Style::Line),
        );
        assert_eq!(
            (steps.len(), bars.len(), curve.len()),
            (25, 24, 81),
            "a = {a}"
        );
        for (b, &c) in counts.iter().enumerate() {
            let q = c as f64 / n as f64;
            let h = z * (q * (1.0 - q) / n as f64).sqrt();
            let (s, m) = (&steps[b], &bars[b]);
            let (lo, hi) = m.ci.unwrap();
            assert!(
                close(s.x, -1.0 + b as f64 * w)
                    && close(s.y, q / w)
                    && close(m.x, -1.0 + (b as f64 + 0.5) * w)
                    && close(m.y, q / w)
                    && close(lo, (q - h) / w)
                    && close(hi, (q + h) / w),
                "a = {a}, bin {b}: {s:?} {m:?}, count {c} of {n}"
            );
        }
        assert!(
            close(steps[24].x, 1.0) && steps[24].y == 0.0,
            "{:?}",
            steps[24]
        );
        for (k, p) in curve.iter().enumerate() {
            let t = -1.0 + k as f64 / 40.0;
            let want = a * pdf(a, a * t).unwrap();
            assert!(
                close(p.x, t) && close(p.y, want),
                "a = {a}, k = {k}: {p:?} vs {want}"
            );
        }
    }
}

/// E φ(U) = 0 needs both paths: φ + 10⁻¹⁸e^u has mean ≈ 10⁻¹⁸ sinh(a)/a, inside every
/// Simpson enclosure of 0, and only the symbolic path sees that it is not 0.
#[test]
fn a_mean_too_small_for_the_enclosures_is_caught_symbolically() {
    let g = ExpPoly::new(&[
        (1, 1, 0, -1),
        (-1, 1, 0, 1),
        (1, 1_000_000_000_000_000_000, 0, 1),
    ]);
    let f = check_phi_mean(&g);
    assert_eq!(f.verdict, Verdict::Failed, "{f:#?}");
    let values: Vec<&str> = f.evidence.iter().map(|e| e.value.as_str()).collect();
    assert!(
        values.contains(&"not identically 0")
            && values.iter().any(|v| v.starts_with("encloses 0: true")),
        "{values:?}"
    );
    let ok = check_phi_mean(&stdp_factor_form());
    assert_eq!(ok.verdict, Verdict::Proved, "{ok:#?}");
}

/// The 200-bit sides count as equal to 1e−50 and no further; a NaN never agrees.
#[test]
fn the_gauss_legendre_sides_agree_only_within_the_tolerance() {
    use rug::Float;
    assert!(gauss_legendre_agrees(&Float::with_val(64, 9.3e-60)));
    assert!(gauss_legendre_agrees(&Float::with_val(
        64,
        IBP_GL_TOLERANCE
    )));
    assert!(!gauss_legendre_agrees(&Float::with_val(64, 2e-50)));
    assert!(!gauss_legendre_agrees(&Float::with_val(64, f64::NAN)));
}

/// ibp-identity's evidence recomputed: the a = 0.7 rows are `ibp_sides` at a = 0.7, the widest
/// relative enclosure and the largest Gauss–Legendre difference are the extremes over the
/// grid, and the 200-bit sides lie in the rigorous enclosures.
#[test]
fn the_ibp_evidence_is_recomputed_over_the_grid() {
    use bnn_sgd_verify::rigorous::format::inari_string;
    use rug::Float;
    let f = check_ibp(MFactor::Exact);
    assert_eq!(f.verdict, Verdict::Proved, "{f:#?}");
    // the symbolic stage decided every pair of the basis, negative rates included: 7 × 7
    let v = evidence_value(&f, "symbolic:");
    let words = numbers(&v);
    let pairs = (IBP_MAX_DEGREE as f64 + 1.0) * (2.0 * IBP_MAX_RATE as f64 + 1.0);
    assert_eq!(pairs, 49.0);
    let (r, s) = (IBP_MAX_DEGREE as f64, IBP_MAX_RATE as f64);
    assert_eq!(words, [0.0, pairs, 0.0, r, -s, s], "{v}");
    let (mut widest, mut gl) = (0.0f64, 0.0f64);
    for h in TestFunction::ALL {
        for &a in &A_GRID {
            let (l, r) = ibp_sides(h, a, MFactor::Exact);
            widest = widest.max(l.wid() / l.mig()).max(r.wid() / r.mig());
            let (lm, rm) = ibp_sides_mp(h, a, 200);
            let rel = Float::with_val(200, &lm - &rm).abs() / lm.clone().abs();
            gl = gl.max(rel.to_f64());
            let x = lm.to_f64();
            assert!(
                l.inf() - 1e-15 * x.abs() <= x && x <= l.sup() + 1e-15 * x.abs(),
                "{h:?}, a = {a}: {x} outside {l:?}"
            );
            if a == 0.7 {
                let row = evidence_value(&f, &format!("h = {}, a = 0.7", h.name()));
                assert_eq!(row, format!("{} | {}", inari_string(l), inari_string(r)));
            }
        }
    }
    assert_eq!(
        evidence_value(&f, "widest relative enclosure"),
        format!("{widest:.1e}")
    );
    let printed = evidence_value(&f, "largest relative difference");
    assert_eq!(printed, format!("{gl:.1e}"));
    assert!(gl > 0.0 && gl <= IBP_GL_TOLERANCE, "{gl}");
}
