//! log cosh of eight numbers at once, without libm and without branches: the lanes of the
//! engine's separable log-cosh kernel.

/// Taylor coefficients 1/k! of e^r, k = 0…14 (nearest f64).
pub const EXP_COEFFS: [f64; 15] = [
    1.0,
    1.0,
    1.0 / 2.0,
    1.0 / 6.0,
    1.0 / 24.0,
    1.0 / 120.0,
    1.0 / 720.0,
    1.0 / 5040.0,
    1.0 / 40320.0,
    1.0 / 362880.0,
    1.0 / 3628800.0,
    1.0 / 39916800.0,
    1.0 / 479001600.0,
    1.0 / 6227020800.0,
    1.0 / 87178291200.0,
];

/// Terms of the atanh series used by [`log_cosh_block`]: 2z Σ_{j<ATANH_TERMS} z^{2j}/(2j+1).
pub const ATANH_TERMS: usize = 19;

/// Beyond |x| = 40, ln1p(e^{−2|x|}) < 2e−35 lies below the last bit of |x| − ln 2 and the
/// exponential is evaluated at 40 instead (no underflow, no branch).
pub const LOG_COSH_CLAMP: f64 = 40.0;

/// log cosh of 8 numbers at once, without libm and without branches, so that the lanes map to
/// AVX registers (the engine's separable log-cosh kernel): `|x| − ln 2 + ln1p(e^{−2|x|})` with
/// - e^{−2a}: Cody–Waite reduction −2a = k ln 2 + r, |r| ≤ ln2/2, e^r by its Taylor polynomial of
///   degree 14, 2^k through the exponent bits;
/// - ln1p(v) = 2 atanh(z), z = v/(2 + v) ∈ (0, 1/3], by 2z Σ_{j<19} z^{2j}/(2j+1).
///
/// Accuracy: both truncated tails are below 2^−60 relative (proved with intervals in
/// `tests/performance.rs`); the absolute error against MPFR is ≤ 5·10^−16 for all x (measured
/// there) — the absolute accuracy of the libm formula [`log_cosh`](crate::paper::loss::log_cosh), which is what a sum of losses
/// whose differences drive the update needs.
#[inline(always)]
pub fn log_cosh_block(x: [f64; 8]) -> [f64; 8] {
    // ln 2 split as in fdlibm: the high part has 32 trailing zero bits, so k·LN2_HI is exact
    const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
    const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
    const TWO52_PLUS_BIAS: f64 = 1023.0 + 4_503_599_627_370_496.0;
    let mut a = [0.0f64; 8];
    let mut r = [0.0f64; 8];
    let mut k = [0.0f64; 8];
    for l in 0..8 {
        a[l] = x[l].abs();
        let y = -2.0 * a[l].min(LOG_COSH_CLAMP);
        k[l] = (y * std::f64::consts::LOG2_E).round();
        r[l] = (-k[l]).mul_add(LN2_LO, (-k[l]).mul_add(LN2_HI, y));
    }
    let mut p = [EXP_COEFFS[14]; 8];
    for i in (0..14).rev() {
        for l in 0..8 {
            p[l] = p[l].mul_add(r[l], EXP_COEFFS[i]);
        }
    }
    let mut z = [0.0f64; 8];
    let mut w = [0.0f64; 8];
    for l in 0..8 {
        // 2^k: k + 1023 lands in the low mantissa bits of k + 1023 + 2^52; shift them into the exponent
        let scale = f64::from_bits((k[l] + TWO52_PLUS_BIAS).to_bits() << 52);
        let v = p[l] * scale;
        z[l] = v / (2.0 + v);
        w[l] = z[l] * z[l];
    }
    let mut q = [1.0f64 / (2 * ATANH_TERMS - 1) as f64; 8];
    for j in (0..ATANH_TERMS - 1).rev() {
        let c = 1.0 / (2 * j + 1) as f64;
        for l in 0..8 {
            q[l] = q[l].mul_add(w[l], c);
        }
    }
    let mut out = [0.0f64; 8];
    for l in 0..8 {
        out[l] = (a[l] - std::f64::consts::LN_2) + 2.0 * z[l] * q[l];
    }
    out
}
