//! The real net's version of the chain's factor w·σ′(z): for each pair of adjacent hidden layers,
//! ‖δˡ‖/‖δˡ⁺¹‖ against the epoch on a log axis, with a line at 1, the region below it (the
//! gradient shrinks on its way back) and above it (it grows) in the chain view's colours; the
//! legend reads out each factor's value and (where there is room) its two ingredients now: the mean σ′(z) of layer l and the RMS
//! length of its neurons' outgoing weights ‖W^{l+1}‖_F/√n_l.

use super::bands::{column, StatsHistory};
use super::chain::{GROW_COLOR, SHRINK_COLOR};
use super::epoch_frame::{epoch_mesh, SideLegend};
use super::format::{sig3, superscript};
use super::ranges::{decades, log_range, on_log_axis};
use super::{layer_color, stretches_at, text_style, ChartError, LegendEntry, Style};
use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::element::{Circle, PathElement, Rectangle, Text};
use plotters::prelude::{DrawingBackend, IntoLogRange, LineSeries};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{Color, RGBColor, WHITE};

/// The y axis's name.
pub const FACTOR_AXIS: &str = "Factor ‖δˡ‖/‖δˡ⁺¹‖";

/// Colour of the line at 1.
const ONE_COLOR: RGBColor = RGBColor(0x33, 0x33, 0x33);

/// How strongly the shrink/grow regions are tinted.
const TINT: f64 = 0.10;

/// The legend of factor l (0-based): "‖δ¹‖/‖δ²‖ = 0.187", then its ingredients now on a line
/// of their own, "σ′ 0.192 · w 0.997" (the mean σ′ of layer l, the RMS length of its weights out).
pub fn factor_labels(history: &StatsHistory, l: usize) -> [String; 2] {
    let name = format!("‖δ{}‖/‖δ{}‖", superscript(l + 1), superscript(l + 2));
    let Some(s) = history.latest() else {
        return [name, String::new()];
    };
    let words = |v: Option<f64>| v.map_or("–".into(), sig3);
    [
        format!("{name} = {}", words(s.factors.get(l).copied().flatten())),
        format!(
            "σ′ {} · w {}",
            words(s.sigma_prime_mean.get(l).copied()),
            words(s.weight_norms.get(l).copied())
        ),
    ]
}

/// Draws the factors ‖δˡ‖/‖δˡ⁺¹‖ of every epoch of `history` in `style`.
pub fn draw_factors<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    history: &StatsHistory,
) -> Result<(), ChartError> {
    area.fill(&WHITE)?;
    let (w, h) = area.dim_in_pixel();
    let size = style.text_size(w, h);
    let pairs = history.layers().saturating_sub(1);
    let values = history
        .each()
        .flat_map(|s| s.factors.iter().flatten().copied());
    let y = log_range(values.chain([1.0]));
    // The ingredients' lines only where the legend has room for two lines per factor.
    let room = f64::from(h) > size * (3.0 * pairs as f64 + 2.0);
    let entries = (0..pairs)
        .flat_map(|l| {
            let [factor, ingredients] = factor_labels(history, l);
            let line = layer_color(l).stroke_width(style.thick(3));
            // The ingredients' line has an invisible (white) swatch: it reads as the factor's.
            let under = room.then(|| LegendEntry::line(ingredients, WHITE.stroke_width(1)));
            std::iter::once(LegendEntry::line(factor, line)).chain(under)
        })
        .collect();
    let legend = SideLegend::new(area, entries, size)?;
    let last = history.last_epoch();
    let mut chart = legend
        .builder(area, 4.4)
        .build_cartesian_2d(0u32..last, y.clone().log_scale())?;
    let plot = chart.plotting_area().dim_in_pixel();
    let mut mesh = chart.configure_mesh();
    let y_labels = (decades(&y) + 1).min(8);
    epoch_mesh(&mut mesh, (size, style, plot), (FACTOR_AXIS, y_labels)).draw()?;

    // Below 1 the gradient shrinks going back one layer, above it grows: the chain's colours.
    let shade =
        |lo: f64, hi: f64, c: RGBColor| Rectangle::new([(0, lo), (last, hi)], c.mix(TINT).filled());
    chart.draw_series([
        shade(y.start, 1.0, SHRINK_COLOR),
        shade(1.0, y.end, GROW_COLOR),
    ])?;
    let one = ONE_COLOR.stroke_width(style.thick(2));
    chart.draw_series([PathElement::new(vec![(0, 1.0), (last, 1.0)], one)])?;
    let note = |text: &str, at: f64, v: VPos, c: RGBColor| {
        Text::new(
            text.to_string(),
            (0, at),
            text_style(size * 0.8, c, HPos::Left, v),
        )
    };
    let shrinks = (y.start < 1.0).then(|| note(" shrinks (< 1)", 1.0, VPos::Top, SHRINK_COLOR));
    let grows = (y.end > 1.5).then(|| note(" grows (> 1)", 1.0, VPos::Bottom, GROW_COLOR));
    chart.draw_series(shrinks.into_iter().chain(grows))?;
    let dots = history.stats.len() <= 40;
    for l in 0..pairs {
        let color = layer_color(l);
        let factors = column(history, |s| &s.factors, l)
            .into_iter()
            .map(|(e, f)| (e, f.flatten().unwrap_or(f64::NAN)));
        for s in stretches_at(factors, |v| on_log_axis(v, &y).then_some(v)) {
            if dots || s.len() == 1 {
                chart.draw_series(s.iter().map(|&p| Circle::new(p, 4, color.filled())))?;
            }
            chart.draw_series(LineSeries::new(s, color.stroke_width(style.thick(3))))?;
        }
    }
    legend.draw(area, chart.plotting_area())
}
