//! The vocabulary of an audit: the rigour ladder ([`Verdict`]), what a check establishes
//! ([`Finding`], with its [`Evidence`], statistical tests and figures), and what a check is given
//! ([`Context`]).

use super::registry::Claim;
use serde::Serialize;

/// How far a finding goes (the rigour ladder of design.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Exact or outward-rounded arithmetic establishes the statement on the stated domain.
    Proved,
    /// High-precision floating point or property tests agree, without rigorous error bounds.
    Confirmed,
    /// A statistical test did not reject, and a negative control was rejected at the same size.
    Supported,
    /// The printed statement is false or a typo; the finding gives and establishes the correction.
    Corrected,
    /// A check that should hold did not.
    Failed,
    /// The check of this claim is not built yet.
    Pending,
}

impl Verdict {
    pub const ALL: [Verdict; 6] = [
        Verdict::Proved,
        Verdict::Confirmed,
        Verdict::Supported,
        Verdict::Corrected,
        Verdict::Failed,
        Verdict::Pending,
    ];
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Proved => "proved",
            Verdict::Confirmed => "confirmed",
            Verdict::Supported => "supported",
            Verdict::Corrected => "corrected",
            Verdict::Failed => "failed",
            Verdict::Pending => "pending",
        }
    }
}

/// How much work an audit may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    /// Seconds: what `cargo test` runs.
    Quick,
    /// The default audit: at most a minute on 2 cores.
    Standard,
    /// Minutes: larger grids.
    Full,
}

impl Profile {
    pub fn parse(s: &str) -> Option<Profile> {
        <Profile as clap::ValueEnum>::from_str(s, false).ok()
    }
    /// The value for this profile: the quick, standard or full one.
    pub fn pick<T>(self, quick: T, standard: T, full: T) -> T {
        match self {
            Profile::Quick => quick,
            Profile::Standard => standard,
            Profile::Full => full,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Profile::Quick => "quick",
            Profile::Standard => "standard",
            Profile::Full => "full",
        }
    }
}

/// What every check receives: the profile, the seed, and the claim being checked (its id keys
/// the claim's random streams and names its figures; its range statements are what
/// [`Context::with_range_proof`] proves), so that an id is written once, in the registry.
#[derive(Clone, Copy, Debug)]
pub struct Context {
    pub profile: Profile,
    pub seed: u64,
    pub claim: &'static Claim,
}

impl Context {
    pub const fn new(profile: Profile, seed: u64, claim: &'static Claim) -> Self {
        Context {
            profile,
            seed,
            claim,
        }
    }
}

/// One named piece of evidence: a decimal string (never a raw float that changes between
/// machines in the last digit).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evidence {
    pub name: String,
    pub value: String,
}

impl Evidence {
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        Evidence {
            name: name.into(),
            value: value.into(),
        }
    }
}

/// The level of every statistical test of an audit (after Holm's correction).
pub const AUDIT_LEVEL: f64 = 0.01;

/// The level a negative control's power is computed at: Holm's first step over at most
/// [`MAX_CONTROLS`] controls, the worst case a control can meet in an audit.
pub const CONTROL_LEVEL: f64 = AUDIT_LEVEL / MAX_CONTROLS as f64;

/// The most negative controls an audit may carry (a test holds the audits to it).
pub const MAX_CONTROLS: usize = 64;

/// The power every negative control must have (at [`CONTROL_LEVEL`]), or its finding fails.
pub const CONTROL_POWER: f64 = 0.999;

/// How much a control's sample size inflates the standard deviation it is computed from: a
/// pilot's sd varies by a few per cent between seeds, and the power must hold for the sd the
/// main sample will show.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SdSource {
    /// The sd of a pilot sample of roughly normal observations (× 1.1).
    Pilot,
    /// The sd of a pilot sample of χ²-like observations, whose sd varies more (× 1.25).
    PilotChiSquare,
    /// An sd by quadrature of the exact law (× 1.1: the Monte Carlo sd still varies).
    Quadrature,
}

impl SdSource {
    /// The factor the sd is multiplied by before the power calculation.
    pub fn margin(self) -> f64 {
        match self {
            SdSource::Pilot | SdSource::Quadrature => 1.1,
            SdSource::PilotChiSquare => 1.25,
        }
    }
}

/// The sample size at which every control of a finding has power [`CONTROL_POWER`] at
/// [`CONTROL_LEVEL`]: the largest over `(sd, effect)` pairs of
/// [`sample_size_for_power`](crate::stats::sample_size_for_power)`(margin·sd, effect)`.
///
/// # Errors
/// A one-line reason if a pair is degenerate (non-finite sd or effect, zero effect, no pairs)
/// or the size exceeds `cap`, the cost bound fixed before any work is done; `unit` names what
/// is counted ("draws", "chains").
pub fn control_sample_size(
    pairs: impl IntoIterator<Item = (f64, f64)>,
    source: SdSource,
    cap: u64,
    unit: &str,
) -> Result<u64, String> {
    let mut needed: Option<u64> = None;
    for (i, (sd, effect)) in pairs.into_iter().enumerate() {
        let k = crate::stats::sample_size_for_power(
            source.margin() * sd,
            effect,
            CONTROL_LEVEL,
            CONTROL_POWER,
        )
        .map_err(|e| format!("control {i} (sd {sd:e}, effect {effect:e}): {e}"))?;
        needed = Some(needed.map_or(k, |n| n.max(k)));
    }
    let needed = needed.ok_or("no control to size")?;
    if needed > cap {
        return Err(format!(
            "the controls need {needed} {unit} for power {CONTROL_POWER}, above the cap {cap}"
        ));
    }
    Ok(needed)
}

/// One statistical test behind a finding. The audit adjusts the p-values by Holm's method over
/// all tests of the audit — separately for the claims' own tests (which must not reject) and
/// for the negative controls (which must reject) — and decides the finding on the adjusted ones.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StatTest {
    pub name: String,
    /// The test and its sample size, e.g. "one-sample t, n = 4000".
    pub test: String,
    pub statistic: f64,
    pub p: f64,
    /// A negative control: a deliberately wrong variant that the test must reject.
    pub negative_control: bool,
    /// An equivalence test of the claim itself (TOST: the quantity within a stated margin of
    /// the claimed value); like a control it must reject, and it is adjusted with them.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub equivalence: bool,
    /// The Holm-adjusted p-value, filled in by the audit.
    pub p_holm: Option<f64>,
    /// For a negative control: the power against the effect it must detect, at
    /// [`CONTROL_LEVEL`] (computed before the decision, from the effect and the test's own
    /// standard error).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub power: Option<f64>,
}

impl StatTest {
    pub fn new(
        name: impl Into<String>,
        test: impl Into<String>,
        statistic: f64,
        p: f64,
        negative_control: bool,
    ) -> Self {
        StatTest {
            name: name.into(),
            test: test.into(),
            statistic,
            p,
            negative_control,
            equivalence: false,
            p_holm: None,
            power: None,
        }
    }

    /// The claim's own equivalence test (see [`StatTest::equivalence`]).
    pub fn equivalence(
        name: impl Into<String>,
        test: impl Into<String>,
        statistic: f64,
        p: f64,
    ) -> Self {
        StatTest {
            equivalence: true,
            ..StatTest::new(name, test, statistic, p, false)
        }
    }

    /// Must the test reject (a negative control or an equivalence test)?
    pub fn must_reject(&self) -> bool {
        self.negative_control || self.equivalence
    }

    /// The control's power (see [`StatTest::power`]).
    pub fn with_power(mut self, power: f64) -> Self {
        self.power = Some(power);
        self
    }
}

/// Data of a figure for the report (drawn by `report::figures`; not part of the JSON): one or
/// more panels, each answering one question, under a title that states the claim.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// The file stem (the claim's id, or the id and a suffix).
    pub name: String,
    /// What the figure shows, stated as the claim.
    pub title: String,
    /// One sentence: what to look for.
    pub caption: String,
    pub panels: Vec<Panel>,
}

impl Figure {
    /// The figure's file stem.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// One set of axes.
#[derive(Clone, Debug, PartialEq)]
pub struct Panel {
    pub title: String,
    pub x: Axis,
    pub y: Axis,
    pub series: Vec<Series>,
}

/// An axis: its label and whether it is logarithmic (decade ticks labelled, minor ticks at
/// 2…9 × 10^k).
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    pub label: String,
    pub log: bool,
}

impl Axis {
    pub fn log(label: impl Into<String>) -> Self {
        Axis {
            label: label.into(),
            log: true,
        }
    }
    pub fn linear(label: impl Into<String>) -> Self {
        Axis {
            label: label.into(),
            log: false,
        }
    }
}

/// How a series is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Filled circles, with error bars where the points have intervals.
    Markers,
    /// Open squares (a second quantity of the same series key), with error bars.
    OpenMarkers,
    /// A solid line: a fit, an exact curve.
    Line,
    /// A dashed line: a prediction or a bound.
    Dashed,
    /// A grey reference line (a slope guide, a limit); not tied to the series colours.
    Guide,
    /// A grey dotted reference line, for a rejected alternative.
    RejectedGuide,
    /// A histogram outline: the points are (bin left edge, height), the last point closes it.
    Steps,
}

/// One series: its legend label, its colour key (the same key has the same colour in every
/// figure of a report), its style and its points.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub label: String,
    pub key: String,
    pub style: Style,
    pub points: Vec<Point>,
}

impl Series {
    pub fn new(
        label: impl Into<String>,
        key: impl Into<String>,
        style: Style,
        points: Vec<Point>,
    ) -> Self {
        Series {
            label: label.into(),
            key: key.into(),
            style,
            points,
        }
    }

    /// A series from (x, y) pairs without intervals.
    pub fn xy(
        label: impl Into<String>,
        key: impl Into<String>,
        style: Style,
        xy: impl IntoIterator<Item = (f64, f64)>,
    ) -> Self {
        Series::new(
            label,
            key,
            style,
            xy.into_iter().map(|(x, y)| Point::new(x, y)).collect(),
        )
    }
}

/// A point, with an optional interval on y (a 99 % confidence interval for Monte Carlo points).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
    pub ci: Option<(f64, f64)>,
}

impl Point {
    pub fn new(x: f64, y: f64) -> Self {
        Point { x, y, ci: None }
    }
    pub fn with_ci(x: f64, y: f64, lo: f64, hi: f64) -> Self {
        Point {
            x,
            y,
            ci: Some((lo, hi)),
        }
    }
}

/// What a check established about one claim.
///
/// Built with [`Finding::new`] (or [`Finding::failed`]) and the `with_*` methods:
/// `Finding::new(Verdict::Proved, domain).with_note(…).with_evidence(evidence)`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub verdict: Verdict,
    /// Where the finding holds: the range, the points, the sample sizes.
    pub domain: String,
    /// For `corrected`: the statement that holds in place of the printed one.
    pub correction: Option<String>,
    /// A remark that is not a correction (a sharper rate, a misprint that does not change the claim).
    pub note: Option<String>,
    pub evidence: Vec<Evidence>,
    /// The statistical tests (empty for exact and interval findings).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tests: Vec<StatTest>,
    /// Figures for the report.
    #[serde(skip)]
    pub figures: Vec<Figure>,
}

impl Finding {
    /// A finding with a verdict and its domain, nothing else yet.
    pub fn new(verdict: Verdict, domain: impl Into<String>) -> Self {
        Finding {
            verdict,
            domain: domain.into(),
            correction: None,
            note: None,
            evidence: vec![],
            tests: vec![],
            figures: vec![],
        }
    }

    /// The finding of a claim whose check is not built yet.
    pub fn pending() -> Self {
        Finding::new(Verdict::Pending, "not checked yet")
    }

    /// A failed finding that says which step failed.
    pub fn failed(
        domain: impl Into<String>,
        why: impl Into<String>,
        evidence: Vec<Evidence>,
    ) -> Self {
        Finding::new(Verdict::Failed, domain)
            .with_note(why)
            .with_evidence(evidence)
    }

    pub fn with_correction(mut self, correction: impl Into<String>) -> Self {
        self.correction = Some(correction.into());
        self
    }
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }
    pub fn with_evidence(mut self, evidence: Vec<Evidence>) -> Self {
        self.evidence = evidence;
        self
    }
    pub fn with_tests(mut self, tests: Vec<StatTest>) -> Self {
        self.tests = tests;
        self
    }
    pub fn with_figures(mut self, figures: Vec<Figure>) -> Self {
        self.figures = figures;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names are the serialised names (the JSON contract) and parse back.
    #[test]
    fn names_match_the_serialised_forms_and_parse_back() {
        for v in Verdict::ALL {
            assert_eq!(
                serde_json::to_string(&v).unwrap(),
                format!("\"{}\"", v.name())
            );
        }
        let names: Vec<&str> = Verdict::ALL.iter().map(|v| v.name()).collect();
        assert_eq!(
            names,
            [
                "proved",
                "confirmed",
                "supported",
                "corrected",
                "failed",
                "pending"
            ]
        );
        for p in [Profile::Quick, Profile::Standard, Profile::Full] {
            assert_eq!(Profile::parse(p.name()), Some(p));
            assert_eq!(
                serde_json::to_string(&p).unwrap(),
                format!("\"{}\"", p.name())
            );
        }
        assert_eq!(Profile::parse("fast"), None);
        let f = Figure {
            name: "a-figure".into(),
            title: String::new(),
            caption: String::new(),
            panels: vec![],
        };
        assert_eq!(f.name(), "a-figure");
    }

    /// The size is the largest over the pairs, with the source's margin, and the cap and the
    /// degenerate inputs are errors, not clamps.
    #[test]
    fn control_sample_size_takes_the_worst_pair_its_margin_and_its_cap() {
        use crate::stats::sample_size_for_power;
        let one = |sd: f64, effect: f64, m: f64| {
            sample_size_for_power(m * sd, effect, CONTROL_LEVEL, CONTROL_POWER).unwrap()
        };
        let pairs = [(1.0, 0.5), (2.0, 0.5), (1.0, 2.0)];
        assert_eq!(
            control_sample_size(pairs, SdSource::Pilot, u64::MAX, "draws"),
            Ok(one(2.0, 0.5, 1.1))
        );
        assert_eq!(
            control_sample_size(pairs, SdSource::PilotChiSquare, u64::MAX, "draws"),
            Ok(one(2.0, 0.5, 1.25))
        );
        assert_eq!(
            control_sample_size(pairs, SdSource::Quadrature, u64::MAX, "draws"),
            Ok(one(2.0, 0.5, 1.1))
        );
        let k = one(2.0, 0.5, 1.1);
        assert_eq!(
            control_sample_size(pairs, SdSource::Pilot, k, "draws"),
            Ok(k)
        );
        let over = control_sample_size(pairs, SdSource::Pilot, k - 1, "chains").unwrap_err();
        assert!(
            over.contains(&format!("{k} chains")) && over.contains("cap"),
            "{over}"
        );
        for bad in [
            (f64::NAN, 1.0),
            (1.0, 0.0),
            (1.0, f64::INFINITY),
            (-1.0, 1.0),
        ] {
            assert!(
                control_sample_size([(1.0, 1.0), bad], SdSource::Pilot, u64::MAX, "draws").is_err(),
                "{bad:?}"
            );
        }
        assert!(control_sample_size([], SdSource::Pilot, u64::MAX, "draws").is_err());
    }
}
