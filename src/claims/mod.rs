//! The claims: every statement of the paper the suite checks ([`registry`](mod@registry), the only place where
//! a claim id is written), what a check establishes about it ([`Finding`] with a [`Verdict`] on
//! the rigour ladder), and the audit that runs them ([`Audit`], with Holm's correction over its
//! statistical tests).
//!
//! A claim whose check is not built yet is listed with the verdict [`Verdict::Pending`]: shown,
//! never hidden, and never counted as passed.
//!
//! One module per family of claims, each reading like the page of the paper it checks:
//! [`normalizer`] and [`drift`] (§A), [`density`] and [`process`] (§B, §C), [`lemma2`],
//! [`proof_steps`] and [`bias`] (§C), [`rates`] and [`theorem`] (§D).

pub mod audit;
pub mod bias;
pub mod calibration;
pub mod cells;
pub mod certificate;
pub mod composition;
pub mod density;
pub mod drift;
pub mod explicit;
pub mod formal;
pub mod lemma2;
pub mod linear;
pub mod log_taylor;
pub mod martingale;
pub mod martingale_bounds;
pub mod normalizer;
pub mod process;
pub mod proof_chain;
pub mod proof_steps;
pub mod rates;
pub mod registry;
pub mod single_update;
pub mod statements;
pub mod theorem;
pub mod types;

pub use audit::{apply_holm, Audit, ClaimResult};
pub use registry::{find, registry, Check, Claim};
pub use types::{
    control_sample_size, Axis, Context, Evidence, Figure, Finding, Panel, Point, Profile, SdSource,
    Series, StatTest, Style, Verdict, AUDIT_LEVEL, CONTROL_LEVEL, CONTROL_POWER, MAX_CONTROLS,
};
