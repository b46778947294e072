//! What the claim tests share: the profile and seed they run at, and the context in which the
//! audit checks a claim.

use bnn_sgd_verify::claims::{find, Context, Profile};

pub const PROFILE: Profile = Profile::Quick;
pub const SEED: u64 = 1;

/// The context in which the audit checks claim `id` (its streams are keyed by the id).
pub fn ctx(id: &str) -> Context {
    find(id)
        .unwrap_or_else(|| panic!("{id} registered"))
        .context(PROFILE, SEED)
}
