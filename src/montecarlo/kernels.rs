//! The engine's inner loops. Each is written so that its result is bit-identical to the
//! plain scalar definition it replaces (same operations, same rounding, same summation order):
//! sums run in four partial sums over blocks of four coordinates, then the rest in order.
//!
//! On x86-64 with AVX2 and FMA (the build's target, see `.cargo/config.toml`) the update pass
//! runs on explicit 4-lane vectors (module `lanes`, compiled for that target only); elsewhere on the portable 4-element arrays. A
//! test checks the two bit for bit.

use super::logcosh_block::log_cosh_block;
use crate::paper::loss::log_cosh;
use crate::paper::stdp::{stdp_factor_terms, SINH_COEFFS};

/// d uniforms on [−h, h) from one block of the stream: the same numbers, in the same order, as
/// d calls of `h·(2·random::<f64>() − 1)`.
#[inline(always)]
pub fn draw_block<R: rand::Rng>(rng: &mut R, bits: &mut [u64], u: &mut [f64], h: f64) {
    rng.fill_bytes(bytemuck::cast_slice_mut(bits));
    for (ui, &b) in u.iter_mut().zip(bits.iter()) {
        *ui = h * (2.0 * unit_f64(b) - 1.0);
    }
}

/// Σ w_i(θ_i + u_i) with four partial sums (the chains run in parallel on the FPU).
#[inline(always)]
pub fn dot_shifted(w: &[f64], theta: &[f64], u: &[f64]) -> f64 {
    let mut acc = [0.0f64; 4];
    let (w4, wr) = w.split_at(w.len() / 4 * 4);
    let (t4, tr) = theta.split_at(w4.len());
    let (u4, ur) = u.split_at(w4.len());
    for ((w, t), u) in w4
        .chunks_exact(4)
        .zip(t4.chunks_exact(4))
        .zip(u4.chunks_exact(4))
    {
        for k in 0..4 {
            acc[k] = w[k].mul_add(t[k] + u[k], acc[k]);
        }
    }
    let mut s = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    for ((w, t), u) in wr.iter().zip(tr).zip(ur) {
        s = w.mul_add(t + u, s);
    }
    s
}

/// Σ w_i log cosh(θ_i + u_i − c_i), eight lanes at a time through [`log_cosh_block`] (the rest
/// through libm), with eight partial sums.
#[inline(always)]
pub fn separable_log_cosh(w: &[f64], c: &[f64], theta: &[f64], u: &[f64]) -> f64 {
    // zipped exact chunks: no bounds checks inside, so the blocks vectorise (3× faster)
    let mut acc = [0.0f64; 8];
    let blocks = w
        .chunks_exact(8)
        .zip(c.chunks_exact(8))
        .zip(theta.chunks_exact(8))
        .zip(u.chunks_exact(8));
    for (((w8, c8), t8), u8) in blocks {
        let mut y = [0.0f64; 8];
        for l in 0..8 {
            y[l] = t8[l] + u8[l] - c8[l];
        }
        let lc = log_cosh_block(y);
        for l in 0..8 {
            acc[l] = w8[l].mul_add(lc[l], acc[l]);
        }
    }
    let mut s = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    for i in w.len() / 8 * 8..w.len() {
        s = w[i].mul_add(log_cosh(theta[i] + u[i] - c[i]), s);
    }
    s
}

/// θ_i += inc·φ(u_i) and Σ(θ_i − z_i)², four partial sums; φ by its polynomial of `TERMS`
/// terms (every |u_i| ≤ h within its proved range), or by libm when `TERMS` = 0.
#[inline(always)]
pub fn update_and_error<const TERMS: usize>(
    theta: &mut [f64],
    u: &[f64],
    z: &[f64],
    inc: f64,
) -> f64 {
    let mut acc = [0.0f64; 4];
    let len4 = if TERMS == 0 { 0 } else { theta.len() / 4 * 4 };
    let mut i = 0;
    while i < len4 {
        let t: [f64; 4] = theta[i..i + 4].try_into().expect("4");
        let uu: [f64; 4] = u[i..i + 4].try_into().expect("4");
        let zz: [f64; 4] = z[i..i + 4].try_into().expect("4");
        let mut nt = [0.0f64; 4];
        for k in 0..4 {
            nt[k] = t[k] + inc * stdp_factor_terms::<TERMS>(uu[k]);
            let r = nt[k] - zz[k];
            acc[k] = r.mul_add(r, acc[k]);
        }
        theta[i..i + 4].copy_from_slice(&nt);
        i += 4;
    }
    let mut e = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    while i < theta.len() {
        theta[i] += inc * stdp_factor_terms::<TERMS>(u[i]);
        let r = theta[i] - z[i];
        e = r.mul_add(r, e);
        i += 1;
    }
    e
}

/// The line of an affine flow at one time: z_i = a_i + b_i·c.
#[derive(Clone, Copy)]
pub struct Line<'a> {
    pub a: &'a [f64],
    pub b: &'a [f64],
    pub c: f64,
}

/// The next step's inner product w·(θ^{(ℓ)} + U^{(ℓ+1)}), summed in the pass that makes θ^{(ℓ)}.
#[derive(Clone, Copy)]
pub struct Next<'a> {
    pub w: &'a [f64],
    pub u_next: &'a [f64],
}

/// One step's pass for an affine flow: θ_i += inc·φ(u_i), the error Σ(θ_i − (a_i + b_i c))²
/// and, with `next`, the next step's inner product Σ w_i(θ_i + U^{(ℓ+1)}_i) — summed exactly as
/// [`dot_shifted`] sums it, so it is bit-identical to a second pass, at the cost of one pass
/// over memory instead of two. Returns (error, inner product or 0).
///
/// φ as in [`update_and_error`]. Blocks of four run through `lanes::affine_blocks` where the
/// target has AVX2 and FMA (the same operations, so the same bits).
#[inline(always)]
pub fn update_and_error_affine<const TERMS: usize>(
    theta: &mut [f64],
    u: &[f64],
    line: Line<'_>,
    inc: f64,
    next: Option<Next<'_>>,
) -> (f64, f64) {
    let len4 = if TERMS == 0 { 0 } else { theta.len() / 4 * 4 };
    let (acc, dot) = affine_blocks::<TERMS>(&mut theta[..len4], &u[..len4], line, inc, next);
    let mut e = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    let Line { a, b, c } = line;
    for i in len4..theta.len() {
        theta[i] += inc * stdp_factor_terms::<TERMS>(u[i]);
        let r = theta[i] - (a[i] + b[i] * c);
        e = r.mul_add(r, e);
    }
    let Some(Next { w, u_next }) = next else {
        return (e, 0.0);
    };
    if len4 == 0 {
        // no block was fused (φ through libm, or d < 4): the inner product in its own pass
        return (e, dot_shifted(w, theta, u_next));
    }
    let mut s = (dot[0] + dot[1]) + (dot[2] + dot[3]);
    for j in len4..theta.len() {
        s = w[j].mul_add(theta[j] + u_next[j], s);
    }
    (e, s)
}

/// Is the portable code forced on a build with AVX2 (`VERIFY_PORTABLE_KERNELS` set)? Read once.
/// Both give the same bits (each vector operation is the vector form of the scalar one); the
/// switch lets a test show it on whole outputs.
pub fn portable_forced() -> bool {
    static FORCED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *FORCED.get_or_init(|| std::env::var_os("VERIFY_PORTABLE_KERNELS").is_some())
}

/// The blocks of [`update_and_error_affine`] (θ and u cut to a multiple of 4): the four
/// partial sums of the error and of the next inner product.
#[inline(always)]
fn affine_blocks<const TERMS: usize>(
    theta: &mut [f64],
    u: &[f64],
    line: Line<'_>,
    inc: f64,
    next: Option<Next<'_>>,
) -> ([f64; 4], [f64; 4]) {
    #[cfg(all(
        target_arch = "x86_64",
        target_feature = "avx2",
        target_feature = "fma"
    ))]
    {
        if portable_forced() {
            return affine_blocks_portable::<TERMS>(theta, u, line, inc, next);
        }
        // SAFETY: the only requirement of a `#[target_feature]` function is that the CPU has
        // the features; this branch is compiled only when the whole build targets them.
        unsafe { lanes::affine_blocks::<TERMS>(theta, u, line, inc, next) }
    }
    #[cfg(not(all(
        target_arch = "x86_64",
        target_feature = "avx2",
        target_feature = "fma"
    )))]
    {
        affine_blocks_portable::<TERMS>(theta, u, line, inc, next)
    }
}

/// The blocks of [`update_and_error_affine`] on 4-element arrays (any target; the reference
/// for `lanes`).
#[inline(always)]
pub fn affine_blocks_portable<const TERMS: usize>(
    theta: &mut [f64],
    u: &[f64],
    line: Line<'_>,
    inc: f64,
    next: Option<Next<'_>>,
) -> ([f64; 4], [f64; 4]) {
    let (mut acc, mut dot) = ([0.0f64; 4], [0.0f64; 4]);
    let Line { a, b, c } = line;
    for i in (0..theta.len() / 4 * 4).step_by(4) {
        let t: [f64; 4] = theta[i..i + 4].try_into().expect("4");
        let uu: [f64; 4] = u[i..i + 4].try_into().expect("4");
        let aa: [f64; 4] = a[i..i + 4].try_into().expect("4");
        let bb: [f64; 4] = b[i..i + 4].try_into().expect("4");
        let mut nt = [0.0f64; 4];
        for k in 0..4 {
            nt[k] = t[k] + inc * stdp_factor_terms::<TERMS>(uu[k]);
            let r = nt[k] - (aa[k] + bb[k] * c);
            acc[k] = r.mul_add(r, acc[k]);
        }
        if let Some(Next { w, u_next }) = next {
            for k in 0..4 {
                dot[k] = w[i + k].mul_add(nt[k] + u_next[i + k], dot[k]);
            }
        }
        theta[i..i + 4].copy_from_slice(&nt);
    }
    (acc, dot)
}

/// The update blocks on AVX2 + FMA vectors: one 256-bit register per block of four
/// coordinates, each operation the vector form of the scalar one (a product then a sum stays a
/// product then a sum; only `mul_add` becomes `vfmadd`), so every lane is bit-identical to
/// [`affine_blocks_portable`] (tested).
#[cfg(all(
    target_arch = "x86_64",
    target_feature = "avx2",
    target_feature = "fma"
))]
pub mod lanes {
    use super::{Line, Next, SINH_COEFFS};
    use std::arch::x86_64::{
        __m256d, _mm256_add_pd, _mm256_fmadd_pd, _mm256_mul_pd, _mm256_set1_pd, _mm256_setzero_pd,
        _mm256_sub_pd,
    };

    #[target_feature(enable = "avx2,fma")]
    #[inline]
    fn load(x: &[f64]) -> __m256d {
        let a: [f64; 4] = x.try_into().expect("4 lanes");
        bytemuck::cast(a)
    }

    #[target_feature(enable = "avx2,fma")]
    #[inline]
    fn store(v: __m256d, x: &mut [f64]) {
        let a: [f64; 4] = bytemuck::cast(v);
        x.copy_from_slice(&a);
    }

    /// φ on four lanes: the polynomial of [`crate::paper::stdp::stdp_factor_terms`], the same
    /// operations in the same order. `TERMS` ≥ 1.
    ///
    /// # Safety
    /// The CPU must have AVX2 and FMA (true whenever this module is compiled).
    #[target_feature(enable = "avx2,fma")]
    #[inline]
    pub fn phi<const TERMS: usize>(u: __m256d) -> __m256d {
        let s = _mm256_mul_pd(u, u);
        let mut p = _mm256_set1_pd(SINH_COEFFS[TERMS - 1]);
        let mut k = TERMS - 1;
        while k > 0 {
            k -= 1;
            p = _mm256_fmadd_pd(p, s, _mm256_set1_pd(SINH_COEFFS[k]));
        }
        let inner = _mm256_add_pd(_mm256_mul_pd(_mm256_mul_pd(p, s), u), u);
        _mm256_mul_pd(_mm256_set1_pd(-2.0), inner)
    }

    /// φ on four lanes, as an array (for the tests).
    pub fn phi_array<const TERMS: usize>(u: [f64; 4]) -> [f64; 4] {
        // SAFETY: this module is compiled only when the build targets AVX2 and FMA
        bytemuck::cast(unsafe { phi::<TERMS>(bytemuck::cast(u)) })
    }

    /// As [`super::affine_blocks_portable`]; `TERMS` ≥ 1.
    ///
    /// # Safety
    /// The CPU must have AVX2 and FMA (true whenever this module is compiled).
    #[target_feature(enable = "avx2,fma")]
    #[inline]
    pub fn affine_blocks<const TERMS: usize>(
        theta: &mut [f64],
        u: &[f64],
        line: Line<'_>,
        inc: f64,
        next: Option<Next<'_>>,
    ) -> ([f64; 4], [f64; 4]) {
        let (mut acc, mut dot) = (_mm256_setzero_pd(), _mm256_setzero_pd());
        let (inc, c) = (_mm256_set1_pd(inc), _mm256_set1_pd(line.c));
        let blocks = theta
            .chunks_exact_mut(4)
            .zip(u.chunks_exact(4))
            .zip(line.a.chunks_exact(4).zip(line.b.chunks_exact(4)));
        match next {
            Some(Next { w, u_next }) => {
                let ahead = w.chunks_exact(4).zip(u_next.chunks_exact(4));
                for (((t, uu), (a, b)), (w, un)) in blocks.zip(ahead) {
                    let nt = _mm256_add_pd(load(t), _mm256_mul_pd(inc, phi::<TERMS>(load(uu))));
                    let r = _mm256_sub_pd(nt, _mm256_add_pd(load(a), _mm256_mul_pd(load(b), c)));
                    acc = _mm256_fmadd_pd(r, r, acc);
                    dot = _mm256_fmadd_pd(load(w), _mm256_add_pd(nt, load(un)), dot);
                    store(nt, t);
                }
            }
            None => {
                for ((t, uu), (a, b)) in blocks {
                    let nt = _mm256_add_pd(load(t), _mm256_mul_pd(inc, phi::<TERMS>(load(uu))));
                    let r = _mm256_sub_pd(nt, _mm256_add_pd(load(a), _mm256_mul_pd(load(b), c)));
                    acc = _mm256_fmadd_pd(r, r, acc);
                    store(nt, t);
                }
            }
        }
        (bytemuck::cast(acc), bytemuck::cast(dot))
    }
}

/// Uniforms on [0, 1) exactly as `rand`'s `StandardUniform` for f64 makes them from one u64:
/// the top 53 bits times 2^−53.
///
/// Computed without an integer-to-float conversion instruction (AVX2 has none for 64-bit
/// integers): x = bits >> 11 < 2^53 is split into x >> 1 < 2^52 and its last bit, each turned
/// exact into a float by the 2^52 exponent trick, so the loop vectorises and the value is
/// bit-identical to `(bits >> 11) as f64 · 2^−53`.
#[inline(always)]
pub fn unit_f64(bits: u64) -> f64 {
    const MAGIC: u64 = 0x4330_0000_0000_0000; // 2^52 as f64 bits
    const TWO52: f64 = 4_503_599_627_370_496.0;
    let hi = f64::from_bits((bits >> 12) | MAGIC) - TWO52;
    let lo = f64::from_bits(((bits >> 11) & 1) | MAGIC) - TWO52;
    (hi * 2.0 + lo) * (1.0 / 9_007_199_254_740_992.0)
}
