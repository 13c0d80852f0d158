//! The identity neuron: w_2·σ(w_1·x + b) on x ∈ [0, 1], shifted by the best
//! constant c, against the line y = x — for a small w_1 the two coincide.

use super::problem123::CURVE_COLOR;
use super::ranges::on_linear_axis;
use super::{
    clear, draw_legend, legend_width, linear_chart, sig3_value, stretches, text_style, ChartError,
    LegendEntry, Style,
};
use crate::identity::{output, worst_error};
use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::element::DashedPathElement;
use plotters::prelude::{DrawingBackend, LineSeries};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{Color, RGBColor};

/// Legend text of the neuron's shifted output.
pub const OUTPUT_LABEL: &str = "w₂·σ(w₁·x + b) − c";
/// Legend text of the identity line.
pub const IDENTITY_LABEL: &str = "y = x";
/// Start of the note shown when part of the curve is too large to draw.
pub const OFF_CHART: &str = "part of the curve is off the chart, up to ";
/// Colour of the identity line.
const IDENTITY_COLOR: RGBColor = RGBColor(0x55, 0x55, 0x55);
/// Largest |y| the chart shows.
const Y_LIMIT: f64 = 1e6;
/// Points sampled along x ∈ [0, 1].
const SAMPLES: usize = 401;

/// The legend entries of the two curves.
fn legend(style: &Style) -> [LegendEntry; 2] {
    [
        LegendEntry {
            label: OUTPUT_LABEL.to_string(),
            style: CURVE_COLOR.stroke_width(style.thick(3)),
            dashed: false,
        },
        LegendEntry {
            label: IDENTITY_LABEL.to_string(),
            style: IDENTITY_COLOR.stroke_width(style.thick(2)),
            dashed: true,
        },
    ]
}

/// The lines printed above the chart: the offset, the worst error, and what is off the chart.
fn notes(c: f64, worst: f64, shifted: &[f64], shown: impl Fn(&f64) -> bool) -> Vec<String> {
    let mut lines = vec![
        format!("offset c = {}", sig3_value(c)),
        format!("worst error after the offset: {}", sig3_value(worst)),
    ];
    // Say so when part of the curve is too large to draw (NaN: "overflow").
    let hidden: Vec<f64> = shifted
        .iter()
        .filter(|v| !shown(v))
        .map(|v| v.abs())
        .collect();
    if !hidden.is_empty() {
        let largest = hidden.into_iter().fold(f64::NAN, f64::max);
        lines.push(format!("{OFF_CHART}{}", sig3_value(largest)));
    }
    lines
}

/// Draws w_2·σ(w_1·x + b) − c and y = x on x ∈ [0, 1], with the offset c and
/// the worst error left after it, in `style`.
pub fn draw_identity<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    w1: f64,
    b: f64,
    w2: f64,
) -> Result<(), ChartError> {
    let size = clear(area, style)?;
    let pw = area.dim_in_pixel().0;
    let (c, worst) = worst_error(w1, b, w2);
    // An offset lost in rounding (c ≈ 1e-17 for b = −w₁/2, w₂ = 1) is shown as 0.
    let c = if c.abs() <= 1e-12 * w2.abs().max(1.0) {
        0.0
    } else {
        c
    };
    let x_of = |i: usize| i as f64 / (SAMPLES - 1) as f64;
    let shifted: Vec<f64> = (0..SAMPLES)
        .map(|i| output(w1, b, w2, x_of(i)) - c)
        .collect();
    let shown = |v: &f64| on_linear_axis(*v) && v.abs() <= Y_LIMIT;
    let (lo, hi) = shifted
        .iter()
        .filter(|v| shown(v))
        .fold((0.0f64, 1.0f64), |(lo, hi), &v| (lo.min(v), hi.max(v)));
    let pad = (hi - lo) * 0.05;
    let y_range = (lo - pad)..(hi + pad);

    let gap = size * 0.8;
    let legend = legend(style);
    let legend_left = pw as i32 - legend_width(area, &legend, size)? as i32 - gap as i32;
    draw_legend(area, (legend_left, (size * 0.5) as i32), &legend, size)?;
    let lines = notes(c, worst, &shifted, shown);
    let ink = text_style(size, RGBColor(0x33, 0x33, 0x33), HPos::Left, VPos::Center);
    for (k, line) in lines.iter().enumerate() {
        let y = size * (1.0 + 1.5 * k as f64);
        area.draw_text(line, &ink, (gap as i32, y as i32))?;
    }
    let body = area
        .split_vertically(size * (0.6 + 1.5 * lines.len() as f64))
        .1;

    let axes = (0.0..1.0, y_range);
    let mut chart = linear_chart(&body, (size, style), axes, ("x", "y"))?;
    for s in stretches(&shifted, |v| shown(&v).then_some(v)) {
        let line = s.into_iter().map(|(i, v)| (x_of(i as usize), v));
        chart.draw_series(LineSeries::new(
            line,
            CURVE_COLOR.stroke_width(style.thick(3)),
        ))?;
    }
    // The identity goes on top, so it stays visible where the curve covers it.
    let diagonal = vec![(0.0, 0.0), (1.0, 1.0)];
    let dash = IDENTITY_COLOR.stroke_width(style.thick(2));
    chart.draw_series([DashedPathElement::new(
        diagonal,
        size * 0.5,
        size * 0.4,
        dash,
    )])?;
    Ok(())
}
