//! ChaCha8 streams are value-stable only within a version of rand_chacha (pinned in Cargo.toml):
//! these exact draws pin the keyed streams, so an upgrade that changes them fails here first,
//! before it silently changes every Monte Carlo number of the audit.

use bnn_sgd_verify::streams::{key, stream};
use rand::{Rng, RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

#[test]
fn keyed_stream_draws_are_pinned() {
    let mut r = stream(1, "pin", 0, 0);
    let got = [r.next_u64(), r.next_u64(), r.next_u64()];
    assert_eq!(
        got,
        [
            0x11fd_a5f1_e9f8_38ea,
            0xaf5d_8116_e45f_e6c7,
            0x0677_eb01_3a73_f846
        ],
        "{got:#018x?}"
    );
    let mut r = stream(1, "pin", 0, 7);
    let got = [r.next_u64(), r.next_u64()];
    assert_eq!(
        got,
        [0x355f_218c_ce1c_5f2e, 0x4867_3e1b_9981_c2e0],
        "{got:#018x?}"
    );
}

#[test]
fn seed_from_u64_with_set_stream_is_pinned() {
    let mut r = ChaCha8Rng::seed_from_u64(42);
    r.set_stream(3);
    let got = [r.next_u64(), r.next_u64()];
    assert_eq!(
        got,
        [0x5c97_cf06_8ade_5889, 0x97a8_9ee5_b9d0_1cc4],
        "{got:#018x?}"
    );
}

#[test]
fn float_draws_are_pinned() {
    let mut r = stream(2026, "pin", 5, 11);
    let x: f64 = r.random();
    let y: f64 = r.random_range(-0.5..0.5);
    assert_eq!(x.to_bits(), 6.008743155860026e-1f64.to_bits(), "{x:e}");
    assert_eq!(y.to_bits(), (-1.4104899899087986e-1f64).to_bits(), "{y:e}");
}

#[test]
fn keys_separate_seed_experiment_and_cell() {
    let k = key(1, "pin", 0);
    assert_ne!(k, key(2, "pin", 0));
    assert_ne!(k, key(1, "pim", 0));
    assert_ne!(k, key(1, "pin", 1));
    // replicates are ChaCha stream numbers: disjoint, and independent of creation order
    let forward: Vec<u64> = (0..8).map(|i| stream(9, "x", 3, i).next_u64()).collect();
    let backward: Vec<u64> = (0..8)
        .rev()
        .map(|i| stream(9, "x", 3, i).next_u64())
        .collect();
    let mut b = backward.clone();
    b.reverse();
    assert_eq!(forward, b);
    let mut sorted = forward.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), 8, "distinct first draws");
}
