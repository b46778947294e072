//! `report.html` in a real browser: the standard audit's report is written, its folder kept under
//! 2 MB, its HTML checked to be self-contained, then rendered by headless Chromium — screenshots
//! at 390 px and 1280 px that must not be blank, and the DOM read back after layout (a probe
//! script added to a copy, never to the report) to see every claim's row and every figure's
//! panels at a non-zero size. Each check has a negative control through the same function.
//!
//! Chromium missing is a failure, not a skip: `scripts/prereqs --test` installs it.

mod common;

use bnn_sgd_verify::claims::{Audit, Figure, Profile};
use bnn_sgd_verify::report::figures::Palette;
use bnn_sgd_verify::report::files::{write_report, Manifest, SCHEMA};
use bnn_sgd_verify::report::Report;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The limit on the report folder at the standard profile.
const MAX_REPORT_BYTES: u64 = 2 << 20;
const BROWSER_TIMEOUT: Duration = Duration::from_secs(90);

fn chromium() -> PathBuf {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        if let Ok(out) = Command::new("sh")
            .arg("-c")
            .arg(format!("command -v {name}"))
            .output()
        {
            let p = String::from_utf8_lossy(&out.stdout).trim().to_string();
            if out.status.success() && !p.is_empty() {
                return PathBuf::from(p);
            }
        }
    }
    panic!("chromium not found: run scripts/prereqs --test (it installs Debian's chromium)");
}

/// Runs headless Chromium with `args` on `page`, with a timeout; returns stdout (through a file:
/// a dumped DOM overflows a pipe nobody reads while we wait).
fn browser(page: &Path, args: &[String], profile_dir: &Path) -> Vec<u8> {
    let out_path = profile_dir.with_extension("stdout");
    let out_file = std::fs::File::create(&out_path).expect("stdout file");
    let mut cmd = Command::new(chromium());
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--no-first-run",
        "--disable-extensions",
        "--run-all-compositor-stages-before-draw",
    ])
    .arg(format!("--user-data-dir={}", profile_dir.display()))
    .args(args)
    .arg(format!("file://{}", page.display()))
    .stdout(out_file)
    .stderr(Stdio::null());
    let mut child = cmd.spawn().expect("chromium starts");
    let start = Instant::now();
    loop {
        if let Some(_status) = child.try_wait().expect("wait on chromium") {
            break;
        }
        if start.elapsed() > BROWSER_TIMEOUT {
            let _ = child.kill();
            panic!(
                "chromium did not finish {args:?} on {} within {BROWSER_TIMEOUT:?}",
                page.display()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    std::fs::read(&out_path).expect("chromium's stdout")
}

/// Why a screenshot is blank, if it is: fewer than 2 % of pixels away from white, or fewer than
/// 16 distinct colours.
fn blank(png_bytes: &[u8]) -> Option<String> {
    let decoder = png::Decoder::new(png_bytes);
    let mut reader = match decoder.read_info() {
        Ok(r) => r,
        Err(e) => return Some(format!("not a PNG: {e}")),
    };
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = match reader.next_frame(&mut buf) {
        Ok(i) => i,
        Err(e) => return Some(format!("undecodable PNG: {e}")),
    };
    let channels = info.color_type.samples();
    if channels < 3 || info.bit_depth != png::BitDepth::Eight {
        return Some(format!(
            "unexpected PNG format {:?} {:?}",
            info.color_type, info.bit_depth
        ));
    }
    let px = &buf[..info.buffer_size()];
    let (mut inked, mut total) = (0usize, 0usize);
    let mut colours = std::collections::HashSet::new();
    for p in px.chunks(channels) {
        total += 1;
        if p[..3].iter().any(|&c| c < 230) {
            inked += 1;
        }
        if colours.len() < 64 {
            colours.insert((p[0], p[1], p[2]));
        }
    }
    let frac = inked as f64 / total.max(1) as f64;
    if frac < 0.02 || colours.len() < 16 {
        return Some(format!(
            "{}×{}: {:.2} % of pixels inked, {} colours",
            info.width,
            info.height,
            100.0 * frac,
            colours.len()
        ));
    }
    None
}

/// The probe added to a copy of the report: after layout it marks each claim row and each figure
/// with its rendered size, then marks the body as probed.
const PROBE: &str = r#"<script>
for (const el of document.querySelectorAll('tr[data-claim], article[data-claim]')) {
  const r = el.getBoundingClientRect();
  el.setAttribute('data-rendered', r.width > 0 && r.height > 0 ? 'yes' : 'no');
}
for (const f of document.querySelectorAll('figure[data-figure]')) {
  const svgs = f.querySelectorAll('svg');
  let ok = svgs.length > 0, sizes = [];
  for (const s of svgs) {
    const r = s.getBoundingClientRect();
    sizes.push(Math.round(r.width) + 'x' + Math.round(r.height));
    if (!(r.width > 50 && r.height > 50) || s.querySelectorAll('text, path, polyline, circle').length < 10) ok = false;
  }
  f.setAttribute('data-rendered', ok ? 'yes' : 'no');
  f.setAttribute('data-sizes', sizes.join(' '));
}
document.body.setAttribute('data-probe', 'done');
</script>"#;

/// Checks the DOM Chromium dumped: probed, and every claim id's row and article and every
/// figure rendered.
fn check_dom(dom: &str, ids: &[&str], figures: &[&str]) -> Result<(), String> {
    if !dom.contains("data-probe=\"done\"") {
        return Err("the probe did not run".into());
    }
    // the opening tag that carries `attr` must carry data-rendered="yes"
    let rendered = |attr: String| -> Result<(), String> {
        let i = dom.find(&attr).ok_or_else(|| format!("{attr} missing"))?;
        let start = dom[..i].rfind('<').unwrap_or(i);
        let end = i + dom[i..].find('>').unwrap_or(dom.len() - i);
        let tag = &dom[start..end];
        if tag.contains("data-rendered=\"yes\"") {
            Ok(())
        } else {
            Err(format!("{attr} not rendered: {tag}>"))
        }
    };
    for id in ids {
        rendered(format!("id=\"row-{id}\""))?;
        rendered(format!("id=\"claim-{id}\""))?;
    }
    for f in figures {
        rendered(format!("data-figure=\"{f}\""))?;
    }
    Ok(())
}

/// The report must not fetch anything: no script, stylesheet link, image or font source.
fn self_contained(html: &str) -> Result<(), String> {
    let lower = html.to_lowercase();
    for bad in [
        "<script", "<link", "<img", "<iframe", "@import", "url(", "src=", "https://",
    ] {
        if lower.contains(bad) {
            return Err(format!("report.html contains {bad:?}"));
        }
    }
    // the only http:// is the SVG namespace
    let http = lower.matches("http://").count();
    let ns = lower
        .matches("xmlns=\"http://www.w3.org/2000/svg\"")
        .count();
    if http != ns {
        return Err(format!(
            "{http} http:// references, {ns} of them SVG namespaces"
        ));
    }
    Ok(())
}

#[test]
fn the_standard_report_renders_in_chromium_with_every_claim_and_figure() {
    let t0 = Instant::now();
    let audit = Audit::run(Profile::Standard, 1, None);
    let audit_time = t0.elapsed();
    let report = Report::new(&audit).expect("the report renders");
    let dir = common::scratch("report-html");
    let manifest = Manifest {
        schema: SCHEMA,
        tool: "bnn-sgd-verify".into(),
        version: "test".into(),
        profile: "standard".into(),
        seed: 1,
        claims: audit.claims.iter().map(|c| c.id.to_string()).collect(),
        files: vec![],
    };
    write_report(&dir, &report.files(), manifest).expect("report written");

    // the folder's size
    let bytes: u64 = std::fs::read_dir(&dir)
        .expect("report folder")
        .map(|e| e.expect("entry").metadata().expect("metadata").len())
        .sum();
    eprintln!("standard audit {audit_time:?}; report folder {bytes} bytes");
    assert!(bytes < MAX_REPORT_BYTES, "report folder is {bytes} bytes");

    // every figure the issue asks for is produced, one colour per key
    let figures: Vec<&Figure> = audit.claims.iter().flat_map(|c| c.figures.iter()).collect();
    let names: Vec<&str> = figures.iter().map(|f| f.name.as_str()).collect();
    for want in [
        "thm1-rate-n",
        "thm1-rate-d",
        "martingale-difference",
        "scaling-3.3",
        "c-closed-form-numerics",
        "density-fa",
        "linear-mse-exact",
        "thm1-explicit",
    ] {
        assert!(
            names.contains(&want),
            "figure {want} missing from {names:?}"
        );
    }
    let palette = Palette::of(&figures);
    assert_eq!(
        palette.collisions(&figures),
        vec![],
        "keys sharing a colour"
    );
    for f in &figures {
        assert!(
            !f.title.is_empty() && !f.caption.is_empty(),
            "{}: title and caption",
            f.name
        );
        for p in &f.panels {
            for s in &p.series {
                assert!(
                    s.points.iter().all(|q| q.x.is_finite() && q.y.is_finite()),
                    "{} / {} / {}: a point is not finite",
                    f.name,
                    p.title,
                    s.label
                );
            }
        }
    }

    let html = std::fs::read_to_string(dir.join("report.html")).expect("report.html");
    self_contained(&html).unwrap();
    assert!(
        self_contained(&html.replace("</body>", "<script src=\"https://x\"></script></body>"))
            .is_err(),
        "negative control: a script from the network is caught"
    );

    // screenshots at a phone's and a desktop's width
    let profile = dir.join("chromium-profile");
    let page = dir.join("report.html");
    for (w, h) in [(390, 2600), (1280, 2000)] {
        let shot = dir.join(format!("shot-{w}.png"));
        browser(
            &page,
            &[
                format!("--window-size={w},{h}"),
                format!("--screenshot={}", shot.display()),
            ],
            &profile,
        );
        let png = std::fs::read(&shot).unwrap_or_else(|e| panic!("no screenshot at {w} px: {e}"));
        if let Some(why) = blank(&png) {
            panic!(
                "the screenshot at {w} px is blank: {why} ({})",
                shot.display()
            );
        }
    }
    // negative control: an empty page's screenshot is blank
    let empty = dir.join("empty.html");
    std::fs::write(&empty, "<!DOCTYPE html><html><body></body></html>").expect("write");
    let shot = dir.join("shot-empty.png");
    browser(
        &empty,
        &[
            "--window-size=390,800".into(),
            format!("--screenshot={}", shot.display()),
        ],
        &profile,
    );
    assert!(
        blank(&std::fs::read(&shot).expect("empty screenshot")).is_some(),
        "negative control: a blank page passes as not blank"
    );

    // the DOM after layout, at both widths
    let probe = dir.join("probe.html");
    std::fs::write(&probe, html.replace("</body>", &format!("{PROBE}</body>")))
        .expect("write probe");
    let ids: Vec<&str> = audit.claims.iter().map(|c| c.id).collect();
    for w in [390, 1280] {
        let dom = String::from_utf8_lossy(&browser(
            &probe,
            &[format!("--window-size={w},2000"), "--dump-dom".into()],
            &profile,
        ))
        .to_string();
        if let Err(e) = check_dom(&dom, &ids, &names) {
            panic!("at {w} px: {e}");
        }
        // negative controls through the same check: a claim without a row, a figure whose
        // panels did not render
        let no_row = dom.replacen(&format!("id=\"row-{}\"", ids[3]), "id=\"row-removed\"", 1);
        assert!(
            check_dom(&no_row, &ids, &names).is_err(),
            "a missing row passes"
        );
        let i = dom
            .find("data-figure=\"thm1-rate-n\"")
            .expect("figure in DOM");
        let mut broken = dom.clone();
        let j = broken[..i].rfind('<').expect("tag start");
        let k = i + broken[i..].find('>').expect("tag end");
        let tag = broken[j..k].replace("data-rendered=\"yes\"", "data-rendered=\"no\"");
        broken.replace_range(j..k, &tag);
        assert!(
            check_dom(&broken, &ids, &names).is_err(),
            "an unrendered figure passes"
        );
    }
    eprintln!("browser checks done in {:?}", t0.elapsed() - audit_time);
}

#[test]
fn a_page_without_its_figures_fails_the_dom_check() {
    // a report whose figure has no SVG: the probe marks it not rendered
    let dir = common::scratch("report-html-broken");
    let page = dir.join("broken.html");
    std::fs::write(
        &page,
        format!("<!DOCTYPE html><html><body><table><tr id=\"row-x\" data-claim=\"x\"><td>x</td></tr></table><article id=\"claim-x\" data-claim=\"x\">x</article><figure data-figure=\"f\"><div></div></figure>{PROBE}</body></html>"),
    )
    .expect("write");
    let dom = String::from_utf8_lossy(&browser(
        &page,
        &["--window-size=390,800".into(), "--dump-dom".into()],
        &dir.join("chromium-profile"),
    ))
    .to_string();
    let e = check_dom(&dom, &["x"], &["f"]).expect_err("a figure without SVG passes");
    assert!(e.contains("data-figure=\"f\" not rendered"), "{e}");
    assert!(
        check_dom(&dom, &["x"], &[]).is_ok(),
        "the row and article are rendered: {dom}"
    );
}
