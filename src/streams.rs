//! Keyed random streams. Every random number of the suite comes from a ChaCha8 stream keyed by
//! (seed, experiment, cell) with the replicate index as ChaCha's 64-bit stream number, so a
//! replicate's numbers do not depend on which thread or shard draws them.
//!
//! The key is expanded from the triple by FNV-1a (for the experiment's name) and SplitMix64;
//! both are fixed here, and `rand_chacha` is pinned in Cargo.toml, because ChaCha streams are
//! value-stable only within a version: `tests/streams.rs` pins exact draws.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// FNV-1a, 64 bit: a fixed hash of the experiment's name.
fn fnv1a(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// One step of SplitMix64.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The 256-bit ChaCha key of (seed, experiment, cell).
pub fn key(seed: u64, experiment: &str, cell: u64) -> [u8; 32] {
    let mut state =
        seed ^ fnv1a(experiment).rotate_left(17) ^ cell.wrapping_mul(0xd6e8_feb8_6659_fd93);
    let mut out = [0u8; 32];
    for chunk in out.chunks_exact_mut(8) {
        chunk.copy_from_slice(&splitmix(&mut state).to_le_bytes());
    }
    out
}

/// The stream of one replicate.
pub fn stream(seed: u64, experiment: &str, cell: u64, replicate: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::from_seed(key(seed, experiment, cell));
    rng.set_stream(replicate);
    rng
}
