//! The book's gradient-bar figure: for each hidden layer, its first six
//! neurons with a bar as long as ∂C/∂b of that neuron, all layers on one scale,
//! and the learning speed ‖δˡ‖ of the layer underneath.

use super::format::{sig3, superscript, OVERFLOW};
use super::{layer_name, ChartError, Style};
use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::element::{Circle, PathElement, Polygon, Rectangle};
use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, IntoFont, RGBColor, ShapeStyle, TextStyle, WHITE};

/// How many neurons of each hidden layer the figure shows, as in the book.
pub const NEURONS_SHOWN: usize = 6;

/// Fill of a bar for a positive ∂C/∂b (extends right of the zero line).
pub const POSITIVE_BAR_COLOR: RGBColor = RGBColor(0x00, 0x72, 0xB2);

/// Fill of a bar for a negative ∂C/∂b (extends left of the zero line).
pub const NEGATIVE_BAR_COLOR: RGBColor = RGBColor(0xD5, 0x5E, 0x00);

/// Colour of the neuron outlines, zero lines and text.
const INK: RGBColor = RGBColor(0x33, 0x33, 0x33);

/// Colour of the thin lines between layer columns.
const RULE: RGBColor = RGBColor(0xDD, 0xDD, 0xDD);

/// Text style of the figure: sans-serif of `size`, anchored at `h`/`v`.
fn text(size: f64, h: HPos, v: VPos) -> TextStyle<'static> {
    ("sans-serif", size)
        .into_font()
        .color(&INK)
        .pos(Pos::new(h, v))
}

/// Largest finite |∂C/∂b| among the book's six neurons shown, if any is non-zero: the bars' auto scale.
pub fn common_scale(bars: &[Vec<f64>]) -> Option<f64> {
    common_scale_of(bars, NEURONS_SHOWN)
}

/// Largest finite |∂C/∂b| among the first `shown` neurons of each layer, if any is non-zero.
pub fn common_scale_of(bars: &[Vec<f64>], shown: usize) -> Option<f64> {
    let max = bars
        .iter()
        .flat_map(|layer| layer.iter().take(shown))
        .filter(|v| v.is_finite())
        .fold(0.0f64, |m, v| m.max(v.abs()));
    (max > 0.0).then_some(max)
}

/// The scale of the bars: `fixed` (the full width of a column, if finite and positive) or the
/// largest bar of `bars`, and the words that name it on the chart.
fn bar_scale(bars: &[Vec<f64>], fixed: Option<f64>, shown: usize) -> (Option<f64>, String) {
    let (scale, name) = match fixed.filter(|x| x.is_finite() && *x > 0.0) {
        Some(x) => (Some(x), "scale of epoch 0"),
        None => (common_scale_of(bars, shown), "auto"),
    };
    let words = match scale {
        Some(x) => format!("Bar scale: {name} (full width = {})", sig3(x)),
        None => format!("Bar scale: {name}"),
    };
    (scale, words)
}

/// Rows (pixels) thinner than this get no neuron circle and no track: bars only.
const THIN_ROW: f64 = 8.0;

/// Pixel geometry of one layer column, shared by all its neurons.
struct Column {
    /// x of the neuron circles' centres.
    neuron_x: i32,
    /// x of the zero line that bars start from.
    zero_x: i32,
    /// Pixels of the longest bar (the common scale).
    half_width: f64,
    /// Radius of the neuron circles.
    radius: f64,
    /// Rows too thin for circles and tracks (many neurons shown): bars only.
    thin: bool,
    /// Height of a bar.
    thickness: f64,
    /// Text size of the "overflow" notes.
    size: f64,
    /// Largest |∂C/∂b| of the figure, drawn `half_width` long (none: no bars).
    scale: Option<f64>,
    /// Line and text scales of the figure.
    style: Style,
}

/// Draws the gradient bars ∂C/∂b of the first six neurons of each hidden
/// layer (`bars[l]`), and ‖δˡ‖ (`speeds[l]`) under each layer, in `style`. A column's full width
/// is `scale` (the run's epoch 0; a longer bar is clipped, with a marker) or, if `None`, the
/// largest bar; the scale is written along the bottom.
pub fn draw_bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    bars: &[Vec<f64>],
    speeds: &[f64],
    scale: Option<f64>,
) -> Result<(), ChartError> {
    draw_bars_of(area, style, (bars, NEURONS_SHOWN), speeds, scale)
}

/// [`draw_bars`] of the first `shown` neurons of each layer (`usize::MAX`: every neuron, one thin
/// row each) instead of the book's six.
pub fn draw_bars_of<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    (bars, shown): (&[Vec<f64>], usize),
    speeds: &[f64],
    scale: Option<f64>,
) -> Result<(), ChartError> {
    area.fill(&WHITE)?;
    let (w, h) = area.dim_in_pixel();
    let (wf, hf) = (f64::from(w), f64::from(h));
    let layers = bars.len().max(speeds.len());
    if layers == 0 {
        let note = text(style.text_size(w, h), HPos::Center, VPos::Center);
        area.draw_text("No hidden layers", &note, (w as i32 / 2, h as i32 / 2))?;
        return Ok(());
    }
    let col_w = wf / layers as f64;
    let size = style.text_size(w, h).min(col_w / 7.5).max(8.0);
    let rows = bars
        .iter()
        .map(|layer| layer.len().min(shown))
        .max()
        .unwrap_or(0)
        .max(1);
    let top = size * 2.4;
    let bottom = (hf - size * 4.0).max(top + 1.0);
    let row_h = (bottom - top) / rows as f64;
    let radius = (row_h * 0.3).min(col_w * 0.07).min(size * 1.2).max(2.0);
    let thickness = (radius * 1.3).min(row_h * 0.45).max(1.0);
    let (scale, words) = bar_scale(bars, scale, shown);
    // The bar scale's note at the labels' size: a smaller one would fall below 11 CSS px on a phone.
    let note = text(size, HPos::Center, VPos::Bottom);
    area.draw_text(&words, &note, ((wf / 2.0) as i32, (hf - size * 0.3) as i32))?;

    for l in 0..layers {
        let left = col_w * l as f64;
        let pad = col_w * 0.08;
        let bars_from = left + pad + 2.0 * radius + (radius * 0.6).max(4.0);
        let bars_to = left + col_w - pad;
        let column = Column {
            neuron_x: (left + pad + radius).round() as i32,
            zero_x: ((bars_from + bars_to) / 2.0).round() as i32,
            half_width: ((bars_to - bars_from) / 2.0).max(0.0),
            radius,
            thin: row_h < THIN_ROW,
            thickness,
            size,
            scale,
            style: *style,
        };
        let centre_x = (left + col_w / 2.0).round() as i32;
        if l > 0 {
            let x = left.round() as i32;
            let rule = ShapeStyle::from(&RULE).stroke_width(style.thick(1));
            area.draw(&PathElement::new(vec![(x, 0), (x, h as i32)], rule))?;
        }
        let title = text(size, HPos::Center, VPos::Top);
        area.draw_text(&layer_name(l), &title, (centre_x, (size * 0.6) as i32))?;
        if let Some(&speed) = speeds.get(l) {
            let line = format!("‖δ{}‖ = {}", superscript(l + 1), sig3(speed));
            let under = text(size, HPos::Center, VPos::Bottom);
            area.draw_text(&line, &under, (centre_x, (hf - size * 1.8) as i32))?;
        }
        let neurons = bars
            .get(l)
            .map_or(&[][..], |layer| &layer[..layer.len().min(shown)]);
        if neurons.is_empty() {
            continue;
        }
        for (j, &v) in neurons.iter().enumerate() {
            let y = (top + row_h * (j as f64 + 0.5)).round() as i32;
            draw_neuron(area, &column, y, v)?;
        }
        // The zero line goes on top, so it also edges every bar.
        let zero_line = ShapeStyle::from(&INK).stroke_width(style.thick(1));
        let (y0, y1) = (
            top + row_h * 0.1,
            top + row_h * (neurons.len() as f64 - 0.1),
        );
        let zx = column.zero_x;
        area.draw(&PathElement::new(
            vec![(zx, y0.round() as i32), (zx, y1.round() as i32)],
            zero_line,
        ))?;
    }
    Ok(())
}

/// Draws one neuron at height `y`: its circle and the bar of its ∂C/∂b = `v`.
fn draw_neuron<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    column: &Column,
    y: i32,
    v: f64,
) -> Result<(), ChartError> {
    let outline = ShapeStyle::from(&INK).stroke_width(column.style.thick(2));
    let r = column.radius.round() as i32;
    if !column.thin {
        area.draw(&Circle::new((column.neuron_x, y), r, WHITE.filled()))?;
        area.draw(&Circle::new((column.neuron_x, y), r, outline))?;
    }
    if !v.is_finite() {
        let style = text(column.size * 0.85, HPos::Left, VPos::Center);
        area.draw_text(OVERFLOW, &style, (column.zero_x + 4, y))?;
        return Ok(());
    }
    // A faint track from the neuron across the whole bar range ties bar to neuron.
    let track_end = column.zero_x + column.half_width.round() as i32;
    let track = ShapeStyle::from(&RULE).stroke_width(column.style.thick(1));
    if !column.thin {
        let ends = vec![(column.neuron_x + r, y), (track_end, y)];
        area.draw(&PathElement::new(ends, track))?;
    }
    let Some(max) = column.scale else {
        return Ok(());
    };
    if v == 0.0 {
        return Ok(());
    }
    // Bars never vanish entirely: a non-zero gradient keeps at least 1 pixel; one longer than
    // the scale stops at the column's edge, with a marker pointing on.
    let ratio = v.abs() / max;
    let len = (ratio.min(1.0) * column.half_width).round().max(1.0) as i32;
    let half = (column.thickness / 2.0).round().max(1.0) as i32;
    let (x0, x1, color) = if v > 0.0 {
        (column.zero_x, column.zero_x + len, POSITIVE_BAR_COLOR)
    } else {
        (column.zero_x - len, column.zero_x, NEGATIVE_BAR_COLOR)
    };
    area.draw(&Rectangle::new(
        [(x0, y - half), (x1, y + half)],
        color.filled(),
    ))?;
    if ratio > 1.0 {
        draw_clip_marker(area, (if v > 0.0 { x1 } else { x0 }, y), v > 0.0, half)?;
    }
    Ok(())
}

/// A triangle at `end` of a clipped bar pointing outward (right if `right`), `half` high.
fn draw_clip_marker<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x, y): (i32, i32),
    right: bool,
    half: i32,
) -> Result<(), ChartError> {
    let reach = if right { half * 2 + 2 } else { -half * 2 - 2 };
    let points = vec![(x, y - half - 2), (x + reach, y), (x, y + half + 2)];
    area.draw(&Polygon::new(points, INK.filled()))?;
    Ok(())
}
