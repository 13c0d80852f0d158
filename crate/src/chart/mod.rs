//! Charts of chapter 5: the gradient bars of each hidden layer, the learning
//! speeds ‖δˡ‖ of the hidden layers over the epochs, the validation
//! accuracy, the chain of one-neuron layers with eq. (122), problem (123)'s
//! factor and the identity neuron, and why the gradient vanishes on the real
//! net: the factors between layers, saturation and every neuron's gradient. Every chart draws on any plotters
//! `DrawingBackend` (SVG natively, an HTML canvas in the browser) and never
//! panics, whatever the numbers.

pub mod accuracy;
pub mod bands;
pub mod bars;
pub mod chain;
pub mod factors;
pub mod gradients;
pub mod identity;
pub mod problem123;
pub mod saturation;
pub mod speeds;
pub mod steps;

mod chain_layout;
mod epoch_frame;
mod format;
mod ranges;
mod style;

pub use style::{Style, SCALE_LIMITS};

use plotters::backend::SVGBackend;
use plotters::chart::{ChartBuilder, ChartContext, MeshStyle};
use plotters::coord::cartesian::Cartesian2d;
use plotters::coord::ranged1d::Ranged;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::drawing::{DrawingArea, DrawingAreaErrorKind, IntoDrawingArea};
use plotters::element::{DashedPathElement, PathElement};
use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{
    Color, IntoFont, RGBColor, ShapeStyle, TextStyle, BLACK, TRANSPARENT, WHITE,
};
use std::fmt;
use std::ops::Range;

/// Error raised when a chart cannot be drawn (a backend or layout failure).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartError(pub String);

impl fmt::Display for ChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "chart error: {}", self.0)
    }
}

impl std::error::Error for ChartError {}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        ChartError(e.to_string())
    }
}

/// The Okabe–Ito colours that stay readable on white (yellow left out).
const OKABE_ITO: [RGBColor; 7] = [
    RGBColor(0x00, 0x72, 0xB2), // blue
    RGBColor(0xD5, 0x5E, 0x00), // vermillion
    RGBColor(0x00, 0x9E, 0x73), // bluish green
    RGBColor(0xCC, 0x79, 0xA7), // reddish purple
    RGBColor(0xE6, 0x9F, 0x00), // orange
    RGBColor(0x56, 0xB4, 0xE9), // sky blue
    RGBColor(0x00, 0x00, 0x00), // black
];

/// Colour of hidden layer `l` (0 = first hidden layer): Okabe–Ito, then darker shades.
pub fn layer_color(l: usize) -> RGBColor {
    let base = OKABE_ITO[l % OKABE_ITO.len()];
    // Each further round through the palette is a darker shade of the same hue;
    // black has no darker shade, so it turns mid-grey instead.
    let round = (l / OKABE_ITO.len()) % 3;
    if round == 0 {
        return base;
    }
    if base == RGBColor(0, 0, 0) {
        let g = 0x50 + 0x28 * round as u8;
        return RGBColor(g, g, g);
    }
    let keep = [1.0, 0.62, 0.40][round];
    let shade = |c: u8| (f64::from(c) * keep).round() as u8;
    RGBColor(shade(base.0), shade(base.1), shade(base.2))
}

/// Name of hidden layer `l` (0-based) as the book says it: "Hidden layer 1", ...
pub fn layer_name(l: usize) -> String {
    // As a u128, so that no usize overflows.
    format!("Hidden layer {}", l as u128 + 1)
}

/// Renders a chart of `width`×`height` pixels to an SVG document.
pub fn svg_string(
    width: u32,
    height: u32,
    draw: impl FnOnce(&DrawingArea<SVGBackend, Shift>) -> Result<(), ChartError>,
) -> Result<String, ChartError> {
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, (width, height)).into_drawing_area();
        draw(&root)?;
        root.present()?;
    }
    Ok(buf)
}

/// Colour of the grid lines and the legend frame.
const GRID: RGBColor = RGBColor(0xCC, 0xCC, 0xCC);

/// Colour of the dashed markers at epochs where the network was edited.
const EDIT_COLOR: RGBColor = RGBColor(0x88, 0x88, 0x88);

/// One line of a legend drawn beside a chart: a swatch of the line and its text.
struct LegendEntry {
    /// Text naming the line.
    label: String,
    /// Colour and width of the line.
    style: ShapeStyle,
    /// Whether the line is dashed (the edit markers).
    dashed: bool,
}

impl LegendEntry {
    /// A solid line named `label`.
    fn line(label: impl Into<String>, style: ShapeStyle) -> Self {
        LegendEntry {
            label: label.into(),
            style,
            dashed: false,
        }
    }

    /// A line of text alone (no swatch drawn), lined up with the others' text.
    fn note(label: impl Into<String>) -> Self {
        Self::line(label, TRANSPARENT.stroke_width(0))
    }

    /// Whether it is a line of text alone ([`LegendEntry::note`]).
    fn is_note(&self) -> bool {
        self.style.color.3 == 0.0
    }
}

/// Length in pixels of a legend swatch for text of `size`.
fn swatch_len(size: f64) -> f64 {
    size * 1.6
}

/// Pixels a legend entry takes besides its label, in text of `size`: the swatch and a gap.
fn swatch_room(size: f64) -> f64 {
    swatch_len(size) + size * 0.5
}

/// Pixel width of a legend of `entries` in text of `size` (0 if none).
fn legend_width<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[LegendEntry],
    size: f64,
) -> Result<u32, ChartError> {
    let font = ("sans-serif", size).into_font().into();
    let mut widest = None;
    for e in entries {
        let w = area.estimate_text_size(&e.label, &font)?.0;
        widest = Some(widest.unwrap_or(0).max(w));
    }
    Ok(widest.map_or(0, |w| w + swatch_room(size) as u32))
}

/// Draws `entries` one under the other, the first centred at height `top`.
fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (left, top): (i32, i32),
    entries: &[LegendEntry],
    size: f64,
) -> Result<(), ChartError> {
    let style = ("sans-serif", size)
        .into_font()
        .color(&BLACK)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let swatch = swatch_len(size) as i32;
    for (i, e) in entries.iter().enumerate() {
        let y = top + (size * (0.5 + 1.5 * i as f64)) as i32;
        let ends = vec![(left, y), (left + swatch, y)];
        if e.dashed {
            area.draw(&DashedPathElement::new(ends, 5, 4, e.style))?;
        } else {
            area.draw(&PathElement::new(ends, e.style))?;
        }
        let x = left + swatch + (size * 0.5) as i32;
        area.draw_text(&e.label, &style, (x, y))?;
    }
    Ok(())
}

/// Draws `title` centred along the top of `area` and returns the area under it.
fn draw_title<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    size: f64,
) -> Result<DrawingArea<DB, Shift>, ChartError> {
    let (w, _) = area.dim_in_pixel();
    let style = ("sans-serif", size * 1.25)
        .into_font()
        .color(&BLACK)
        .pos(Pos::new(HPos::Center, VPos::Top));
    area.draw_text(title, &style, (w as i32 / 2, (size * 0.6) as i32))?;
    Ok(area.split_vertically(size * 2.4).1)
}

/// Splits `values` (index = epoch) into unbroken stretches of (epoch, y) points, breaking
/// wherever `y_of` rejects a value.
fn stretches(values: &[f64], y_of: impl Fn(f64) -> Option<f64>) -> Vec<Vec<(u32, f64)>> {
    stretches_at(values.iter().copied().enumerate(), y_of)
}

/// Splits (epoch, value) `points` into unbroken stretches of (epoch, y) points, breaking wherever
/// `y_of` rejects a value: epochs missing from `points` (not measured) are bridged, not broken.
fn stretches_at(
    points: impl IntoIterator<Item = (usize, f64)>,
    y_of: impl Fn(f64) -> Option<f64>,
) -> Vec<Vec<(u32, f64)>> {
    let mut out: Vec<Vec<(u32, f64)>> = vec![Vec::new()];
    for (e, v) in points {
        match (y_of(v), u32::try_from(e)) {
            (Some(y), Ok(e)) => out.last_mut().map_or((), |s| s.push((e, y))),
            _ => out.push(Vec::new()),
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

/// Fills `area` white and returns the size of chart text on it in `style`.
fn clear<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
) -> Result<f64, ChartError> {
    area.fill(&WHITE)?;
    let (w, h) = area.dim_in_pixel();
    Ok(style.text_size(w, h))
}

/// Text of `size` in `color`, anchored at `h`/`v`.
fn text_style(size: f64, color: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    ("sans-serif", size)
        .into_font()
        .color(&color)
        .pos(Pos::new(h, v))
}

/// Generous pixel width of `text` in sans-serif of `size` (the same on every backend).
fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.6
}

/// `v` as [`format::tick`] writes it, with a true minus sign (−) that reads well projected.
fn short_value(v: f64) -> String {
    format::tick(v).replace('-', "−")
}

/// `v` as [`format::sig1`] writes it (one significant digit), with a true minus sign (−).
fn sig1_value(v: f64) -> String {
    format::sig1(v).replace('-', "−")
}

/// `v` as [`format::sig3`] writes it, with a true minus sign (−).
fn sig3_value(v: f64) -> String {
    format::sig3(v).replace('-', "−")
}

/// A chart builder on `area` with the margins and label areas of text of `size`.
fn plot_builder<'a, 'b, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    size: f64,
) -> ChartBuilder<'a, 'b, DB> {
    let mut builder = ChartBuilder::on(area);
    builder
        .margin(size * 0.8)
        .x_label_area_size(size * 3.0)
        .y_label_area_size(size * 4.4);
    builder
}

/// Gives `mesh` the charts' label sizes and grey grid lines for text of `size` in `style`.
fn style_mesh<'a, 'b, 'm, X: Ranged, Y: Ranged, DB: DrawingBackend>(
    mesh: &'m mut MeshStyle<'a, 'b, X, Y, DB>,
    size: f64,
    style: &Style,
) -> &'m mut MeshStyle<'a, 'b, X, Y, DB> {
    mesh.label_style(("sans-serif", size))
        .axis_desc_style(("sans-serif", size * 1.1))
        .bold_line_style(GRID.stroke_width(style.thick(1)))
        .light_line_style(GRID.mix(0.4).stroke_width(style.thick(1)))
}

/// A chart of `y` against `x` on linear axes named `x_desc` and `y_desc`, its
/// mesh drawn, for text of `size` in `style`.
fn linear_chart<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    (size, style): (f64, &Style),
    (x, y): (Range<f64>, Range<f64>),
    (x_desc, y_desc): (&str, &str),
) -> Result<ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>, ChartError> {
    let axes = (ranges::linear_axis(x), ranges::linear_axis(y));
    let mut chart = plot_builder(area, size).build_cartesian_2d(axes.0, axes.1)?;
    let label = |v: &f64| short_value(*v);
    let mut mesh = chart.configure_mesh();
    style_mesh(&mut mesh, size, style)
        .x_desc(x_desc)
        .y_desc(y_desc)
        .x_labels(6)
        .y_labels(7)
        .x_label_formatter(&label)
        .y_label_formatter(&label)
        .draw()?;
    Ok(chart)
}
