//! The figures of an audit as SVG (hand-written: points, lines and bars need no plotting
//! library).

use crate::claims::{Audit, Figure, Series};

const W: f64 = 720.0;
const H: f64 = 480.0;
const LEFT: f64 = 80.0;
const RIGHT: f64 = 250.0;
const TOP: f64 = 40.0;
const BOTTOM: f64 = 60.0;
const COLORS: [&str; 8] = [
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf",
];

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn svg_open(title: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n<text x=\"{}\" y=\"22\" font-size=\"14\">{}</text>\n",
        LEFT,
        esc(title)
    )
}

/// The k-th legend entry: a colour bar and the label.
fn legend(k: usize, color: &str, label: &str) -> String {
    let ly = TOP + 14.0 * k as f64 + 8.0;
    format!(
        "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"10\" height=\"3\" fill=\"{color}\"/>\n<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\">{}</text>\n",
        W - RIGHT + 10.0,
        ly - 4.0,
        W - RIGHT + 24.0,
        ly,
        esc(label)
    )
}

fn log_ticks(lo: f64, hi: f64) -> Vec<f64> {
    let (a, b) = (lo.log10().floor() as i32, hi.log10().ceil() as i32);
    (a..=b)
        .map(|k| 10f64.powi(k))
        .filter(|t| *t >= lo * 0.999 && *t <= hi * 1.001)
        .collect()
}

/// A log-log figure: markers for data, lines for fits and predictions (dashed where asked).
fn loglog(title: &str, x_label: &str, y_label: &str, series: &[Series]) -> String {
    let pts: Vec<(f64, f64)> = series
        .iter()
        .flat_map(|s| s.points.iter().copied())
        .filter(|(x, y)| *x > 0.0 && *y > 0.0)
        .collect();
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for (x, y) in &pts {
        x0 = x0.min(*x);
        x1 = x1.max(*x);
        y0 = y0.min(*y);
        y1 = y1.max(*y);
    }
    if pts.is_empty() {
        (x0, x1, y0, y1) = (1.0, 10.0, 1.0, 10.0);
    }
    let (lx0, lx1) = (x0.ln() - 0.1, x1.ln() + 0.1);
    let (ly0, ly1) = (y0.ln() - 0.2, y1.ln() + 0.2);
    let px = |x: f64| LEFT + (x.ln() - lx0) / (lx1 - lx0) * (W - LEFT - RIGHT);
    let py = |y: f64| H - BOTTOM - (y.ln() - ly0) / (ly1 - ly0) * (H - TOP - BOTTOM);
    let mut s = svg_open(title);
    s.push_str(&format!(
        "<rect x=\"{LEFT}\" y=\"{TOP}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"black\"/>\n",
        W - LEFT - RIGHT,
        H - TOP - BOTTOM
    ));
    for t in log_ticks(lx0.exp(), lx1.exp()) {
        s.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{t:e}</text>\n",
            px(t),
            H - BOTTOM + 16.0
        ));
    }
    for t in log_ticks(ly0.exp(), ly1.exp()) {
        s.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{t:e}</text>\n",
            LEFT - 6.0,
            py(t) + 4.0
        ));
    }
    s.push_str(&format!(
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{} (log scale)</text>\n",
        LEFT + (W - LEFT - RIGHT) / 2.0,
        H - 20.0,
        esc(x_label)
    ));
    s.push_str(&format!("<text x=\"16\" y=\"{:.1}\" transform=\"rotate(-90 16 {:.1})\" text-anchor=\"middle\">{} (log scale)</text>\n", TOP + (H - TOP - BOTTOM) / 2.0, TOP + (H - TOP - BOTTOM) / 2.0, esc(y_label)));
    for (k, se) in series.iter().enumerate() {
        let c = COLORS[k % COLORS.len()];
        let good: Vec<&(f64, f64)> = se
            .points
            .iter()
            .filter(|(x, y)| *x > 0.0 && *y > 0.0)
            .collect();
        if se.line {
            let path: Vec<String> = good
                .iter()
                .map(|(x, y)| format!("{:.1},{:.1}", px(*x), py(*y)))
                .collect();
            s.push_str(&format!(
                "<polyline points=\"{}\" fill=\"none\" stroke=\"{c}\" stroke-width=\"1.5\"{}/>\n",
                path.join(" "),
                if se.dashed {
                    " stroke-dasharray=\"6,4\""
                } else {
                    ""
                }
            ));
        } else {
            for (x, y) in good {
                s.push_str(&format!(
                    "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\" fill=\"{c}\"/>\n",
                    px(*x),
                    py(*y)
                ));
            }
        }
        s.push_str(&legend(k, c, &se.label));
    }
    s.push_str("</svg>\n");
    s
}

/// Overlaid histograms on common bins.
fn histogram(title: &str, x_label: &str, samples: &[(String, Vec<f64>)]) -> String {
    let all: Vec<f64> = samples
        .iter()
        .flat_map(|(_, v)| v.iter().copied())
        .filter(|v| v.is_finite())
        .collect();
    let mut sorted = all.clone();
    sorted.sort_by(|a, b| a.total_cmp(b));
    let q = |p: f64| {
        sorted
            .get(((sorted.len() as f64 - 1.0) * p) as usize)
            .copied()
            .unwrap_or(0.0)
    };
    let (lo, hi) = (q(0.001), q(0.999));
    let bins = 60;
    let width = (hi - lo).max(f64::MIN_POSITIVE) / bins as f64;
    let counts: Vec<Vec<f64>> = samples
        .iter()
        .map(|(_, v)| {
            let mut c = vec![0.0; bins];
            for x in v {
                let b = ((x - lo) / width).floor();
                if b >= 0.0 && (b as usize) < bins {
                    c[b as usize] += 1.0 / v.len() as f64;
                }
            }
            c
        })
        .collect();
    let top = counts
        .iter()
        .flatten()
        .fold(0.0f64, |m, v| m.max(*v))
        .max(f64::MIN_POSITIVE);
    let pw = W - LEFT - RIGHT;
    let ph = H - TOP - BOTTOM;
    let mut s = svg_open(title);
    s.push_str(&format!("<rect x=\"{LEFT}\" y=\"{TOP}\" width=\"{pw}\" height=\"{ph}\" fill=\"none\" stroke=\"black\"/>\n"));
    for (k, c) in counts.iter().enumerate() {
        let col = COLORS[k % COLORS.len()];
        let path: Vec<String> = c
            .iter()
            .enumerate()
            .flat_map(|(b, v)| {
                let x0 = LEFT + b as f64 / bins as f64 * pw;
                let x1 = LEFT + (b + 1) as f64 / bins as f64 * pw;
                let y = H - BOTTOM - v / top * ph;
                [format!("{x0:.1},{y:.1}"), format!("{x1:.1},{y:.1}")]
            })
            .collect();
        s.push_str(&format!(
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{col}\" stroke-width=\"1.5\"/>\n",
            path.join(" ")
        ));
        s.push_str(&legend(k, col, &samples[k].0));
    }
    for (x, anchor) in [(lo, "start"), (0.0, "middle"), (hi, "end")] {
        if x >= lo && x <= hi {
            let px = LEFT + (x - lo) / (hi - lo).max(f64::MIN_POSITIVE) * pw;
            s.push_str(&format!(
                "<text x=\"{px:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{x:.2e}</text>\n",
                H - BOTTOM + 16.0
            ));
        }
    }
    s.push_str(&format!(
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>\n",
        LEFT + pw / 2.0,
        H - 20.0,
        esc(x_label)
    ));
    s.push_str("</svg>\n");
    s
}

/// Every figure of an audit as (file name, SVG text).
pub fn figures(audit: &Audit) -> Vec<(String, String)> {
    audit
        .claims
        .iter()
        .flat_map(|c| c.figures.iter())
        .map(|f| match f {
            Figure::LogLog {
                name,
                title,
                x_label,
                y_label,
                series,
            } => (
                format!("{name}.svg"),
                loglog(title, x_label, y_label, series),
            ),
            Figure::Histogram {
                name,
                title,
                x_label,
                samples,
            } => (format!("{name}.svg"), histogram(title, x_label, samples)),
        })
        .collect()
}
