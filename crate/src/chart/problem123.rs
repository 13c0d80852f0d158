//! Problem (123): the factor |w·σ′(w·a + b)| of one neuron against its input
//! activation a, with the region where it reaches 1, and the width of that
//! region against |w| — never more than about 0.45.

use super::chain::{GROW_COLOR, NEUTRAL_COLOR};
use super::ranges::{on_linear_axis, LINEAR_LIMIT};
use super::{
    clear, draw_title, linear_chart, short_value, sig3_value, stretches, text_style, text_width,
    ChartError, Style,
};
use crate::problem123::{factor, interval, widest, width};
use plotters::chart::ChartContext;
use plotters::coord::cartesian::Cartesian2d;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::element::{Circle, DashedPathElement, EmptyElement, Rectangle, Text};
use plotters::prelude::{DrawingBackend, LineSeries};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{Color, RGBColor, WHITE};

/// Colour of the curves.
pub const CURVE_COLOR: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// What the factor chart says when |w| < 4.
pub const NEVER_TEXT: &str = "|w| < 4: the factor never reaches 1";
/// Largest |w| of the width chart.
pub const W_MAX: f64 = 40.0;
/// Points sampled along each curve.
const SAMPLES: usize = 401;
/// Colour of the current |w| marker.
const MARK_COLOR: RGBColor = RGBColor(0x33, 0x33, 0x33);

/// The points (t_i, f(t_i)) on `SAMPLES` evenly spaced t_i from 0 to `t_max`,
/// split where f cannot be drawn, and the largest drawable f(t_i).
fn curve(t_max: f64, f: impl Fn(f64) -> f64) -> (Vec<Vec<(f64, f64)>>, f64) {
    let t = |i: usize| t_max * i as f64 / (SAMPLES - 1) as f64;
    let values: Vec<f64> = (0..SAMPLES).map(|i| f(t(i))).collect();
    let highest = values
        .iter()
        .copied()
        .filter(|&v| on_linear_axis(v))
        .fold(0.0, f64::max);
    let lines = stretches(&values, |v| on_linear_axis(v).then_some(v))
        .into_iter()
        .map(|s| s.into_iter().map(|(i, v)| (t(i as usize), v)).collect())
        .collect();
    (lines, highest)
}

/// Draws |w·σ′(w·a + b)| against a ∈ [0, 1], a dashed line at 1 and the
/// region where the factor is ≥ 1 shaded, with the width of that region, in `style`.
pub fn draw_factor<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    w: f64,
    b: f64,
) -> Result<(), ChartError> {
    let size = clear(area, style)?;
    let title = if w.abs() < 4.0 {
        NEVER_TEXT.to_string()
    } else {
        let shown = if w.is_finite() { width(w) } else { f64::NAN };
        format!("width of the region ≥ 1: {}", sig3_value(shown))
    };
    let area = draw_title(area, &title, size)?;
    let (lines, highest) = curve(1.0, |a| factor(w, b, a));
    let top = (highest * 1.1).clamp(1.2, LINEAR_LIMIT);
    let axes = (0.0..1.0, 0.0..top);
    let mut chart = linear_chart(
        &area,
        (size, style),
        axes,
        ("input activation a", "|w·σ′(w·a + b)|"),
    )?;
    if let Some((lo, hi)) = interval(w, b).filter(|(lo, hi)| lo.is_finite() && hi.is_finite()) {
        let (lo, hi) = (lo.max(0.0), hi.min(1.0));
        if lo < hi {
            let shade = Rectangle::new([(lo, 0.0), (hi, top)], GROW_COLOR.mix(0.18).filled());
            chart.draw_series([shade])?;
            let label = text_style(size, GROW_COLOR, HPos::Center, VPos::Top);
            chart.draw_series([Text::new("≥ 1", ((lo + hi) / 2.0, top), label)])?;
        }
    }
    let dash = NEUTRAL_COLOR.stroke_width(style.thick(2));
    let one = vec![(0.0, 1.0), (1.0, 1.0)];
    chart.draw_series([DashedPathElement::new(one, size * 0.5, size * 0.4, dash)])?;
    for line in lines {
        chart.draw_series(LineSeries::new(
            line,
            CURVE_COLOR.stroke_width(style.thick(3)),
        ))?;
    }
    Ok(())
}

/// Draws the width of the region where the factor is ≥ 1 against |w| ∈ [0, 40],
/// its maximum, and a marker at the current |w| (clamped to the axis), in `style`.
pub fn draw_width_bound<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    w: f64,
) -> Result<(), ChartError> {
    let size = clear(area, style)?;
    let area = draw_title(area, "width of the region where the factor is ≥ 1", size)?;
    let (w_best, best) = widest();
    let (lines, highest) = curve(W_MAX, width);
    let top = (highest.max(best) * 1.3).clamp(0.1, 1.0);
    let axes = (0.0..W_MAX, 0.0..top);
    let mut chart = linear_chart(&area, (size, style), axes, ("|w|", "width in a"))?;
    for line in lines {
        chart.draw_series(LineSeries::new(
            line,
            CURVE_COLOR.stroke_width(style.thick(3)),
        ))?;
    }
    if !w.is_nan() {
        let (x, y) = (w.abs().min(W_MAX), width(w.abs()));
        let dash = MARK_COLOR.stroke_width(style.thick(2));
        let mark = vec![(x, 0.0), (x, top)];
        chart.draw_series([DashedPathElement::new(mark, size * 0.5, size * 0.4, dash)])?;
        chart.draw_series([Circle::new(
            (x, y),
            (size * 0.3) as i32,
            MARK_COLOR.filled(),
        )])?;
        let label = format!("|w| = {}", short_value(w.abs()));
        let side = Side {
            right: x < W_MAX / 2.0,
            above: false,
        };
        draw_note(&mut chart, (x, top), (label, MARK_COLOR), size, side)?;
    }
    if w_best.is_finite() && best.is_finite() {
        let r = (size * 0.3) as i32;
        chart.draw_series([Circle::new((w_best, best), r, GROW_COLOR.filled())])?;
        let label = format!("max {} at |w| ≈ {w_best:.1}", short_value(best));
        let side = Side {
            right: true,
            above: true,
        };
        draw_note(&mut chart, (w_best, best), (label, GROW_COLOR), size, side)?;
    }
    Ok(())
}

/// Where a note hangs from its point: to the right or left, above or below.
struct Side {
    /// Right of the point (else left).
    right: bool,
    /// Above the point (else below).
    above: bool,
}

/// Draws `text` in `color` on a white card beside the point `at` of `chart`.
fn draw_note<DB: DrawingBackend>(
    chart: &mut ChartContext<DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    at: (f64, f64),
    (text, color): (String, RGBColor),
    size: f64,
    side: Side,
) -> Result<(), ChartError> {
    let (cw, ch) = (text_width(&text, size) + size * 0.4, size * 1.3);
    let x = if side.right { 4.0 } else { -4.0 - cw };
    let y = if side.above { -4.0 - ch } else { 4.0 };
    let card = Rectangle::new(
        [(x as i32, y as i32), ((x + cw) as i32, (y + ch) as i32)],
        WHITE.mix(0.85).filled(),
    );
    let style = text_style(size, color, HPos::Left, VPos::Center);
    let label = Text::new(
        text,
        ((x + size * 0.2) as i32, (y + ch / 2.0) as i32),
        style,
    );
    chart.draw_series([EmptyElement::at(at) + card + label])?;
    Ok(())
}
