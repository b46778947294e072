//! The figures of an audit, drawn with `plotters` (SVG backend: text is SVG `<text>`, so no
//! system font is read). Each [`Figure`] becomes one SVG file (its panels in a grid under its
//! title) and, for the HTML report, one SVG per panel so that narrow screens can stack them.
//!
//! Conventions: log axes are drawn in log₁₀ space with a labelled tick at each decade and light
//! ticks at 2…9 × 10^k; every interval carried by a point is drawn as an error bar; the colour of
//! a series is decided by its key, once for the whole report ([`Palette`]), so "d = 8" or "as
//! printed" has the same colour in every figure. Lines are clipped to the axes.

use crate::claims::{Audit, Axis, Figure, Panel, Point, Series, Style};
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::prelude::*;

/// The width of one panel in SVG pixels (the HTML scales it down to the screen).
pub const PANEL_W: u32 = 600;
/// The height of a panel's axes, title included, without its legend.
const PLOT_H: u32 = 400;
const LEGEND_ROW: u32 = 22;
const LEGEND_FONT: f64 = 16.0;
const FIGURE_TITLE_H: u32 = 34;

/// Colours of the keys with a fixed meaning in every report.
const FIXED: [(&str, RGBColor); 4] = [
    ("printed", RGBColor(0xD5, 0x5E, 0x00)),
    ("corrected", RGBColor(0x00, 0x72, 0xB2)),
    ("exact", RGBColor(0x00, 0x00, 0x00)),
    ("guide", RGBColor(0x80, 0x80, 0x80)),
];

/// Colours for the other keys, in order of first appearance (Okabe–Ito and Tableau hues,
/// distinct from the fixed ones).
const PALETTE: [RGBColor; 9] = [
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xCC, 0x79, 0xA7),
    RGBColor(0xE6, 0x9F, 0x00),
    RGBColor(0x56, 0xB4, 0xE9),
    RGBColor(0x8C, 0x56, 0x4B),
    RGBColor(0x17, 0xBE, 0xCF),
    RGBColor(0x7F, 0x7F, 0x00),
    RGBColor(0x94, 0x67, 0xBD),
    RGBColor(0xF7, 0x81, 0xBF),
];

const GREY: RGBColor = RGBColor(0x80, 0x80, 0x80);

/// The keys the audit's figures use, in the order of [`PALETTE`]: each has the same colour in
/// every report, whichever claims it holds.
const KNOWN: [&str; 9] = [
    "d = 1",
    "d = 8",
    "d = 32",
    "d = 128",
    "d = 4",
    "d = 3",
    "linear loss",
    "ridge loss",
    "sampler",
];

/// The colour of each series key across a report: the fixed keys, the known keys, then any
/// other key in the order it first appears (cycling through nine colours).
#[derive(Clone, Debug)]
pub struct Palette {
    keys: Vec<String>,
}

impl Palette {
    /// The palette of every figure of an audit.
    pub fn of(figures: &[&Figure]) -> Palette {
        let mut keys: Vec<String> = KNOWN.iter().map(|k| k.to_string()).collect();
        for s in figures
            .iter()
            .flat_map(|f| f.panels.iter())
            .flat_map(|p| p.series.iter())
        {
            if !FIXED.iter().any(|(k, _)| *k == s.key) && !keys.contains(&s.key) {
                keys.push(s.key.clone());
            }
        }
        Palette { keys }
    }

    /// The colour of a key.
    pub fn color(&self, key: &str) -> RGBColor {
        if let Some((_, c)) = FIXED.iter().find(|(k, _)| *k == key) {
            return *c;
        }
        let i = self.keys.iter().position(|k| k == key).unwrap_or(0);
        PALETTE[i % PALETTE.len()]
    }

    /// Pairs of distinct keys used in `figures` that share a colour.
    pub fn collisions(&self, figures: &[&Figure]) -> Vec<(String, String)> {
        let mut used: Vec<&str> = vec![];
        for s in figures
            .iter()
            .flat_map(|f| f.panels.iter())
            .flat_map(|p| p.series.iter())
            .filter(|s| !matches!(s.style, Style::Guide | Style::RejectedGuide))
        {
            if !used.contains(&s.key.as_str()) {
                used.push(&s.key);
            }
        }
        let mut out = vec![];
        for (i, a) in used.iter().enumerate() {
            for b in &used[i + 1..] {
                if self.color(a) == self.color(b) {
                    out.push((a.to_string(), b.to_string()));
                }
            }
        }
        out
    }

    /// The colour of a series, grey for guides.
    fn series_color(&self, s: &Series) -> RGBColor {
        match s.style {
            Style::Guide | Style::RejectedGuide => GREY,
            _ => self.color(&s.key),
        }
    }
}

/// An axis mapped to drawing space: log₁₀ for log axes.
#[derive(Clone, Copy, Debug)]
struct Map {
    log: bool,
}

impl Map {
    fn fwd(self, v: f64) -> Option<f64> {
        if self.log {
            (v > 0.0 && v.is_finite()).then(|| v.log10())
        } else {
            v.is_finite().then_some(v)
        }
    }
}

/// The range of an axis in drawing space over the values given, padded by 4 %.
fn range(values: impl Iterator<Item = f64>, map: Map) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for t in values.filter_map(|v| map.fwd(v)) {
        lo = lo.min(t);
        hi = hi.max(t);
    }
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    if hi - lo < 1e-12 {
        let w = if map.log {
            0.5
        } else {
            lo.abs().max(1.0) * 0.1
        };
        return (lo - w, hi + w);
    }
    let pad = 0.04 * (hi - lo);
    (lo - pad, hi + pad)
}

const SUPERSCRIPT: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

fn superscript(k: i32) -> String {
    let mut s = String::new();
    if k < 0 {
        s.push('⁻');
    }
    for c in k.unsigned_abs().to_string().chars() {
        s.push(SUPERSCRIPT[c.to_digit(10).unwrap_or(0) as usize]);
    }
    s
}

/// A tick label of a log axis at 10^t: a plain number between 10⁻³ and 10⁵, a power of ten
/// (or m·10^k) outside.
fn log_label(t: f64) -> String {
    let v = 10f64.powf(t);
    let k = t.floor() as i32;
    let m = (v / 10f64.powi(k)).round() as i64;
    if (-3..5).contains(&k) {
        let s = format!("{:.*}", (-k).max(0) as usize, v);
        return s;
    }
    if m == 1 {
        format!("10{}", superscript(k))
    } else {
        format!("{m}·10{}", superscript(k))
    }
}

/// The ticks of a log axis over [lo, hi] (log₁₀ space): labelled decades (and 2, 5 × 10^k when
/// fewer than two decades are in range), light ticks at the other multiples.
fn log_ticks(lo: f64, hi: f64) -> (Vec<f64>, Vec<f64>) {
    let (k0, k1) = (lo.floor() as i32, hi.ceil() as i32);
    let inside = |t: &f64| *t >= lo - 1e-9 && *t <= hi + 1e-9;
    let decades: Vec<f64> = (k0..=k1).map(f64::from).filter(inside).collect();
    let sparse = decades.len() < 2;
    let step = if k1 - k0 > 12 { 2 } else { 1 };
    let bold: Vec<f64> = if sparse {
        (k0..=k1)
            .flat_map(|k| [1.0, 2.0, 5.0].map(|m: f64| f64::from(k) + m.log10()))
            .filter(inside)
            .collect()
    } else {
        (k0..=k1)
            .filter(|k| k.rem_euclid(step) == 0)
            .map(f64::from)
            .filter(inside)
            .collect()
    };
    let light = (k0..=k1)
        .flat_map(|k| (1..=9).map(move |m| f64::from(k) + f64::from(m).log10()))
        .filter(inside)
        .filter(|t| !bold.iter().any(|b| (b - t).abs() < 1e-9))
        .collect();
    (bold, light)
}

/// The ticks of a linear axis over [lo, hi]: multiples of 1, 2 or 5 × 10^k, four to ten of them,
/// with light ticks at the halves.
fn linear_ticks(lo: f64, hi: f64) -> (Vec<f64>, Vec<f64>) {
    let raw = (hi - lo) / 6.0;
    let p = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * p)
        .find(|s| (hi - lo) / s <= 10.0)
        .unwrap_or(10.0 * p);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    let bold: Vec<f64> = (first..=last)
        .map(|k| {
            let v = k as f64 * step;
            if v.abs() < step * 1e-9 {
                0.0
            } else {
                v
            }
        })
        .collect();
    let light = (first - 1..=last)
        .map(|k| (k as f64 + 0.5) * step)
        .filter(|v| *v >= lo && *v <= hi)
        .collect();
    (bold, light)
}

/// An axis in drawing space with the ticks chosen here (plotters draws bold grid lines and
/// labels at `bold`, light grid lines at `light`).
#[derive(Clone, Debug)]
struct Ticked {
    lo: f64,
    hi: f64,
    bold: Vec<f64>,
    light: Vec<f64>,
}

impl Ticked {
    fn new(axis: &Axis, (lo, hi): (f64, f64)) -> Ticked {
        let (bold, light) = if axis.log {
            log_ticks(lo, hi)
        } else {
            linear_ticks(lo, hi)
        };
        Ticked {
            lo,
            hi,
            bold,
            light,
        }
    }
}

impl Ranged for Ticked {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, v: &f64, limit: (i32, i32)) -> i32 {
        let t = (v - self.lo) / (self.hi - self.lo);
        (f64::from(limit.0) + t * f64::from(limit.1 - limit.0)).round() as i32
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            self.light.clone()
        } else {
            self.bold.clone()
        }
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.lo..self.hi
    }
}

/// A label of a linear axis: few digits, no trailing noise.
fn linear_label(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    let a = v.abs();
    let s = if (1e-3..1e5).contains(&a) {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        format!("{v:.1e}")
    };
    s.replace('-', "−")
}

/// Clips the segment p–q to the box (Liang–Barsky); `None` if it misses.
fn clip(
    p: (f64, f64),
    q: (f64, f64),
    (x0, x1): (f64, f64),
    (y0, y1): (f64, f64),
) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (q.0 - p.0, q.1 - p.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (pp, qq) in [
        (-dx, p.0 - x0),
        (dx, x1 - p.0),
        (-dy, p.1 - y0),
        (dy, y1 - p.1),
    ] {
        if pp == 0.0 {
            if qq < 0.0 {
                return None;
            }
        } else {
            let r = qq / pp;
            if pp < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    (t0 <= t1).then_some((
        (p.0 + t0 * dx, p.1 + t0 * dy),
        (p.0 + t1 * dx, p.1 + t1 * dy),
    ))
}

/// The polyline of a series in drawing space, split into the pieces that lie inside the box.
fn clipped_pieces(pts: &[(f64, f64)], xr: (f64, f64), yr: (f64, f64)) -> Vec<Vec<(f64, f64)>> {
    let mut pieces: Vec<Vec<(f64, f64)>> = vec![];
    let mut cur: Vec<(f64, f64)> = vec![];
    for w in pts.windows(2) {
        match clip(w[0], w[1], xr, yr) {
            Some((a, b)) => {
                if cur
                    .last()
                    .is_none_or(|l| (l.0 - a.0).abs() > 1e-12 || (l.1 - a.1).abs() > 1e-12)
                {
                    if cur.len() > 1 {
                        pieces.push(std::mem::take(&mut cur));
                    }
                    cur.clear();
                    cur.push(a);
                }
                cur.push(b);
            }
            None => {
                if cur.len() > 1 {
                    pieces.push(std::mem::take(&mut cur));
                }
                cur.clear();
            }
        }
    }
    if cur.len() > 1 {
        pieces.push(cur);
    }
    pieces
}

/// A legend entry's width in pixels (text width estimated at 0.58 em per character).
fn legend_entry_width(label: &str) -> u32 {
    34 + (label.chars().count() as f64 * LEGEND_FONT * 0.58).ceil() as u32 + 14
}

/// The legend's rows: entries placed left to right, wrapped at the panel's width.
fn legend_rows(series: &[Series]) -> Vec<Vec<usize>> {
    let mut rows: Vec<Vec<usize>> = vec![];
    let mut width = 0u32;
    for (i, s) in series.iter().enumerate() {
        if s.label.is_empty() {
            continue;
        }
        let w = legend_entry_width(&s.label);
        if rows.is_empty() || width + w > PANEL_W - 20 {
            rows.push(vec![]);
            width = 0;
        }
        rows.last_mut().expect("a row").push(i);
        width += w;
    }
    rows
}

/// A panel's height: its axes and its legend.
pub fn panel_height(panel: &Panel) -> u32 {
    PLOT_H + LEGEND_ROW * legend_rows(&panel.series).len() as u32 + 8
}

fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("drawing a figure: {e:?}")
}

/// The legend's glyph for a series at (x, y), the row's vertical middle.
fn legend_glyph<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    s: &Series,
    color: RGBColor,
    (x, y): (i32, i32),
) -> Result<(), String> {
    let line = |style: ShapeStyle| PathElement::new(vec![(x, y), (x + 26, y)], style);
    match s.style {
        Style::Markers => {
            area.draw(&Circle::new((x + 13, y), 4, color.filled()))
                .map_err(err)?;
            if s.points.iter().any(|p| p.ci.is_some()) {
                area.draw(&PathElement::new(
                    vec![(x + 13, y - 7), (x + 13, y + 7)],
                    color.stroke_width(1),
                ))
                .map_err(err)?;
            }
        }
        Style::OpenMarkers => {
            area.draw(&Rectangle::new(
                [(x + 9, y - 4), (x + 17, y + 4)],
                color.stroke_width(2),
            ))
            .map_err(err)?;
        }
        Style::Line | Style::Steps => area.draw(&line(color.stroke_width(2))).map_err(err)?,
        Style::Dashed | Style::Guide | Style::RejectedGuide => {
            let (dash, gap) = match s.style {
                Style::Dashed => (6, 4),
                Style::Guide => (10, 3),
                _ => (2, 4),
            };
            let mut x0 = x;
            while x0 < x + 26 {
                let x1 = (x0 + dash).min(x + 26);
                area.draw(&PathElement::new(
                    vec![(x0, y), (x1, y)],
                    color.stroke_width(2),
                ))
                .map_err(err)?;
                x0 = x1 + gap;
            }
        }
    }
    Ok(())
}

/// Draws one panel (axes, series, legend below) into `area`.
fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    panel: &Panel,
    palette: &Palette,
) -> Result<(), String> {
    let (plot, legend) = area.split_vertically(PLOT_H);
    let (xm, ym) = (Map { log: panel.x.log }, Map { log: panel.y.log });
    let drawn = |s: &&Series| !matches!(s.style, Style::Guide | Style::RejectedGuide);
    let xr = range(
        panel
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.x)),
        xm,
    );
    let yr = range(
        panel
            .series
            .iter()
            .filter(drawn)
            .flat_map(|s| s.points.iter())
            .flat_map(|p| {
                let (lo, hi) = p.ci.unwrap_or((p.y, p.y));
                [p.y, lo, hi]
            }),
        ym,
    );
    let x_axis = Ticked::new(&panel.x, xr);
    let y_axis = Ticked::new(&panel.y, yr);
    let mut chart = ChartBuilder::on(&plot)
        .caption(&panel.title, ("sans-serif", 19))
        .margin(10)
        .margin_right(22)
        .x_label_area_size(44)
        .y_label_area_size(66)
        .build_cartesian_2d(x_axis, y_axis)
        .map_err(err)?;
    let fmt = |log: bool| move |v: &f64| if log { log_label(*v) } else { linear_label(*v) };
    let (x_fmt, y_fmt) = (fmt(panel.x.log), fmt(panel.y.log));
    let x_desc = format!(
        "{}{}",
        panel.x.label,
        if panel.x.log { " (log)" } else { "" }
    );
    let y_desc = format!(
        "{}{}",
        panel.y.label,
        if panel.y.log { " (log)" } else { "" }
    );
    chart
        .configure_mesh()
        .x_desc(x_desc.as_str())
        .y_desc(y_desc.as_str())
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .axis_desc_style(("sans-serif", 17))
        .label_style(("sans-serif", 15))
        .bold_line_style(RGBColor(0xD8, 0xD8, 0xD8).stroke_width(1))
        .light_line_style(RGBColor(0xF0, 0xF0, 0xF0).stroke_width(1))
        .draw()
        .map_err(err)?;
    draw_series(&mut chart, panel, palette, xm, ym, xr, yr)?;
    // the legend, below the axes
    for (r, row) in legend_rows(&panel.series).iter().enumerate() {
        let y = (LEGEND_ROW * r as u32 + LEGEND_ROW / 2) as i32;
        let mut x = 12i32;
        for &i in row {
            let s = &panel.series[i];
            legend_glyph(&legend, s, palette.series_color(s), (x, y))?;
            legend
                .draw(&Text::new(
                    s.label.clone(),
                    (x + 32, y),
                    ("sans-serif", LEGEND_FONT).into_font().color(&BLACK).pos(
                        plotters::style::text_anchor::Pos::new(
                            plotters::style::text_anchor::HPos::Left,
                            plotters::style::text_anchor::VPos::Center,
                        ),
                    ),
                ))
                .map_err(err)?;
            x += legend_entry_width(&s.label) as i32;
        }
    }
    Ok(())
}

/// Draws the series of a panel in drawing space, clipped to the axes.
fn draw_series<DB, X, Y>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<X, Y>>,
    panel: &Panel,
    palette: &Palette,
    xm: Map,
    ym: Map,
    xr: (f64, f64),
    yr: (f64, f64),
) -> Result<(), String>
where
    DB: DrawingBackend,
    X: Ranged<ValueType = f64>,
    Y: Ranged<ValueType = f64>,
{
    let to = |p: &Point| Some((xm.fwd(p.x)?, ym.fwd(p.y)?));
    let inside = |(x, y): (f64, f64)| x >= xr.0 && x <= xr.1 && y >= yr.0 && y <= yr.1;
    let cap = 0.008 * (xr.1 - xr.0);
    for s in &panel.series {
        let color = palette.series_color(s);
        let pts: Vec<(f64, f64)> = s.points.iter().filter_map(to).collect();
        match s.style {
            Style::Markers | Style::OpenMarkers => {
                for p in &s.points {
                    let (Some(x), Some(y)) = (xm.fwd(p.x), ym.fwd(p.y)) else {
                        continue;
                    };
                    if let Some((lo, hi)) = p.ci {
                        let lo = ym.fwd(lo).unwrap_or(yr.0).max(yr.0);
                        let hi = ym.fwd(hi).unwrap_or(yr.1).min(yr.1);
                        if x >= xr.0 && x <= xr.1 && lo <= hi {
                            let bar = vec![(x, lo), (x, hi)];
                            chart
                                .draw_series([
                                    PathElement::new(bar, color.stroke_width(1)),
                                    PathElement::new(
                                        vec![(x - cap, lo), (x + cap, lo)],
                                        color.stroke_width(1),
                                    ),
                                    PathElement::new(
                                        vec![(x - cap, hi), (x + cap, hi)],
                                        color.stroke_width(1),
                                    ),
                                ])
                                .map_err(err)?;
                        }
                    }
                    if inside((x, y)) {
                        if s.style == Style::Markers {
                            chart
                                .draw_series([Circle::new((x, y), 4, color.filled())])
                                .map_err(err)?;
                        } else {
                            chart
                                .draw_series([EmptyElement::at((x, y))
                                    + Rectangle::new([(-4, -4), (4, 4)], color.stroke_width(2))])
                                .map_err(err)?;
                        }
                    }
                }
            }
            Style::Steps => {
                // (left edge, height) pairs: a staircase through them
                let mut stair = vec![];
                for w in pts.windows(2) {
                    stair.push((w[0].0, w[0].1));
                    stair.push((w[1].0, w[0].1));
                }
                for piece in clipped_pieces(&stair, xr, yr) {
                    chart
                        .draw_series(LineSeries::new(piece, color.stroke_width(2)))
                        .map_err(err)?;
                }
            }
            Style::Line => {
                for piece in clipped_pieces(&pts, xr, yr) {
                    chart
                        .draw_series(LineSeries::new(piece, color.stroke_width(2)))
                        .map_err(err)?;
                }
            }
            Style::Dashed | Style::Guide | Style::RejectedGuide => {
                let (dash, gap) = match s.style {
                    Style::Dashed => (7, 5),
                    Style::Guide => (12, 4),
                    _ => (2, 5),
                };
                for piece in clipped_pieces(&pts, xr, yr) {
                    chart
                        .draw_series(DashedLineSeries::new(
                            piece,
                            dash,
                            gap,
                            color.stroke_width(2),
                        ))
                        .map_err(err)?;
                }
            }
        }
    }
    Ok(())
}

/// One panel as its own SVG (for the HTML report).
///
/// # Errors
/// A drawing error, as one line.
pub fn panel_svg(panel: &Panel, palette: &Palette) -> Result<String, String> {
    let mut buf = String::new();
    {
        let root =
            SVGBackend::with_string(&mut buf, (PANEL_W, panel_height(panel))).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        draw_panel(&root, panel, palette)?;
        root.present().map_err(err)?;
    }
    Ok(buf)
}

/// A figure as one SVG: its title, then its panels two to a row.
///
/// # Errors
/// A drawing error, as one line.
pub fn figure_svg(figure: &Figure, palette: &Palette) -> Result<String, String> {
    let cols = figure.panels.len().clamp(1, 2);
    let rows: Vec<&[Panel]> = figure.panels.chunks(cols).collect();
    let row_h: Vec<u32> = rows
        .iter()
        .map(|r| r.iter().map(panel_height).max().unwrap_or(PLOT_H))
        .collect();
    let w = PANEL_W * cols as u32;
    let h = FIGURE_TITLE_H + row_h.iter().sum::<u32>();
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, (w, h)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        root.draw(&Text::new(
            figure.title.clone(),
            (12, 8),
            ("sans-serif", 19).into_font().color(&BLACK),
        ))
        .map_err(err)?;
        let mut y = FIGURE_TITLE_H as i32;
        for (r, row) in rows.iter().enumerate() {
            for (c, panel) in row.iter().enumerate() {
                let x = (PANEL_W as usize * c) as i32;
                let area = root.clone().shrink((x, y), (PANEL_W, row_h[r]));
                draw_panel(&area, panel, palette)?;
            }
            y += row_h[r] as i32;
        }
        root.present().map_err(err)?;
    }
    Ok(buf)
}

/// Every figure of an audit as (file name, SVG text), coloured by one palette.
///
/// # Errors
/// A drawing error, as one line.
pub fn figures(audit: &Audit) -> Result<Vec<(String, String)>, String> {
    let all: Vec<&Figure> = audit.claims.iter().flat_map(|c| c.figures.iter()).collect();
    let palette = Palette::of(&all);
    all.iter()
        .map(|f| Ok((format!("{}.svg", f.name), figure_svg(f, &palette)?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_ticks_label_decades_and_mark_multiples() {
        let (bold, light) = log_ticks(2.0f64.log10(), 5.0);
        assert_eq!(bold, vec![1.0, 2.0, 3.0, 4.0, 5.0], "bold {bold:?}");
        assert!(light.iter().any(|t| (t - 20f64.log10()).abs() < 1e-12));
        // within one decade the multiples 2 and 5 are labelled too
        let (bold, _) = log_ticks(-1.9, -1.1);
        let labels: Vec<String> = bold.iter().map(|t| log_label(*t)).collect();
        assert_eq!(labels, vec!["0.02", "0.05"], "labels {labels:?}");
        assert_eq!(log_label(-10.0), "10⁻¹⁰");
        assert_eq!(log_label(6.0 + 2f64.log10()), "2·10⁶");
        assert_eq!(log_label(2.0), "100");
    }

    #[test]
    fn clipping_keeps_the_inside_and_drops_the_outside() {
        let b = ((0.0, 1.0), (0.0, 1.0));
        assert_eq!(
            clip((-1.0, 0.5), (2.0, 0.5), b.0, b.1),
            Some(((0.0, 0.5), (1.0, 0.5)))
        );
        assert_eq!(clip((2.0, 2.0), (3.0, 3.0), b.0, b.1), None);
        let pieces = clipped_pieces(&[(0.5, 0.5), (0.5, 2.0), (0.7, 0.5)], b.0, b.1);
        assert_eq!(pieces.len(), 2, "{pieces:?}");
    }

    #[test]
    fn the_same_key_has_the_same_colour_and_distinct_keys_differ() {
        let s = |k: &str| Series::xy(k, k, Style::Markers, [(1.0, 1.0)]);
        let panel = |keys: &[&str]| Panel {
            title: String::new(),
            x: Axis::log("x"),
            y: Axis::log("y"),
            series: keys.iter().map(|k| s(k)).collect(),
        };
        let f1 = Figure {
            name: "a".into(),
            title: String::new(),
            caption: String::new(),
            panels: vec![panel(&["d = 1", "printed", "d = 8"])],
        };
        let f2 = Figure {
            name: "b".into(),
            title: String::new(),
            caption: String::new(),
            panels: vec![panel(&["d = 8", "linear loss"])],
        };
        let p = Palette::of(&[&f1, &f2]);
        let keys = [
            "d = 1",
            "printed",
            "d = 8",
            "linear loss",
            "corrected",
            "exact",
        ];
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                assert_ne!(p.color(a), p.color(b), "{a} and {b} share a colour");
            }
        }
        assert_eq!(p.color("printed"), FIXED[0].1);
    }
}
