//! §E, the linear loss exactly: the recursion against quadrature and its structure.

use bnn_sgd_verify::paper::linear_exact::*;
use rug::Rational;

fn input(g: &[i64], den: u64, alpha: (i64, i64), a: (i64, i64), n: u64) -> LinearMseInput {
    LinearMseInput {
        g: g.iter().map(|&x| Rational::from((x, den))).collect(),
        alpha: Rational::from(alpha),
        big_a: Rational::from(a),
        n,
    }
}

#[test]
fn recursion_meets_quadrature() {
    for inp in [
        input(&[1], 1, (1, 1), (1, 1), 1),
        input(&[1], 1, (1, 1), (1, 1), 2),
        input(&[3], 2, (1, 2), (3, 2), 3),
        input(&[1, 2], 1, (1, 1), (4, 5), 1),
    ] {
        let ex = linear_mse(&inp, 160, Recursion::Exact).unwrap();
        let qu = linear_mse_quadrature(&inp, 20, 160).unwrap();
        let mid = ex.mse.mid();
        let rel = ((mid.clone() - &qu) / &qu).abs();
        println!("{inp:?}: recursion {} quadrature {} rel {}", mid.to_f64(), qu.to_f64(), rel.to_f64());
        assert!(rel.to_f64() < 1e-25, "{inp:?}: {rel}");
        for wrong in [Recursion::WithoutCarriedNoise, Recursion::OwnCoordinateIndependent] {
            let w = linear_mse(&inp, 160, wrong).unwrap().mse.mid();
            let rel = ((w - &qu) / &qu).abs().to_f64();
            assert!(rel > 1e-3, "{inp:?} {wrong:?}: {rel}");
        }
    }
}

/// d = 2, n = 2 with unequal g: the first place where Σg_ν⁴ enters (E p_2²); a 6-dimensional
/// rule with 8 nodes per axis.
#[test]
fn recursion_meets_quadrature_where_the_fourth_powers_enter() {
    let inp = input(&[1, 3], 2, (1, 1), (1, 1), 2);
    let ex = linear_mse(&inp, 128, Recursion::Exact).unwrap().mse.mid();
    let t = std::time::Instant::now();
    let qu = linear_mse_quadrature(&inp, 8, 128).unwrap();
    let rel = ((ex.clone() - &qu) / &qu).abs().to_f64();
    println!("recursion {} quadrature {} rel {rel:.2e} in {:?}", ex.to_f64(), qu.to_f64(), t.elapsed());
    assert!(rel < 1e-10, "{rel}");
}
