//! Glorot & Bengio's Fig. 2, live: per hidden layer, the 15th–85th percentile band and the median
//! of its activations a^l_j over the monitored images and its neurons, against the epoch, and (on
//! the right axis, dashed) the share of saturated (image, neuron) pairs: σ′(z) below a tenth of
//! its largest value (sigmoid: σ′ < 0.025; ReLU: inactive, z ≤ 0).

use super::bands::{column, draw_band, StatsHistory};
use super::epoch_frame::{epoch_mesh, tick_label, SideLegend};
use super::ranges::{linear_range, on_linear_axis};
use super::{layer_color, layer_name, stretches_at, ChartError, LegendEntry, Style};
use crate::Activation;
use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::element::DashedPathElement;
use plotters::prelude::DrawingBackend;
use plotters::style::{Color, ShapeStyle, WHITE};

/// The left axis's name.
pub const ACTIVATION_AXIS: &str = "Activation a (p15–p85, median)";
/// The right axis's name.
pub const SATURATED_AXIS: &str = "Saturated (%)";
/// The legend's words for the dashed lines.
pub const SATURATED_LABEL: &str = "saturated, % (dashed)";

/// The activations' natural range, always shown: sigmoid 0–1, tanh −1–1, ReLU from 0.
fn bounds(activation: Activation) -> [f64; 2] {
    match activation {
        Activation::Sigmoid => [0.0, 1.0],
        Activation::Tanh => [-1.0, 1.0],
        Activation::Relu => [0.0, 0.0],
    }
}

/// Draws the activations' percentile bands and the saturated share of every epoch of
/// `history`, for hidden layers of `activation`, in `style`.
pub fn draw_saturation<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    history: &StatsHistory,
    activation: Activation,
) -> Result<(), ChartError> {
    area.fill(&WHITE)?;
    let (w, h) = area.dim_in_pixel();
    let size = style.text_size(w, h);
    let layers = history.layers();
    let values = history
        .each()
        .flat_map(|s| s.activation_percentiles.iter().flatten());
    let y = linear_range(values.copied().chain(bounds(activation)));
    let mut entries: Vec<LegendEntry> = (0..layers)
        .map(|l| LegendEntry::line(layer_name(l), layer_color(l).stroke_width(style.thick(3))))
        .collect();
    let dash = ShapeStyle::from(&layer_color(6)).stroke_width(style.thick(2));
    if layers > 0 {
        entries.push(LegendEntry {
            label: SATURATED_LABEL.into(),
            style: dash,
            dashed: true,
        });
    }
    let legend = SideLegend::new(area, entries, size)?;
    let last = history.last_epoch();
    let mut chart = legend
        .builder(area, 4.0)
        .right_y_label_area_size(size * 3.2)
        .build_cartesian_2d(0u32..last, y)?
        .set_secondary_coord(0u32..last, 0f64..100f64);
    let plot = chart.plotting_area().dim_in_pixel();
    let mut mesh = chart.configure_mesh();
    epoch_mesh(&mut mesh, (size, style, plot), (ACTIVATION_AXIS, 6)).draw()?;
    chart
        .configure_secondary_axes()
        .y_desc(SATURATED_AXIS)
        .y_labels(5)
        .y_label_formatter(&tick_label)
        .label_style(("sans-serif", size))
        .axis_desc_style(("sans-serif", size * 1.1))
        .draw()?;
    for l in 0..layers {
        let rows = column(history, |s| &s.activation_percentiles, l);
        let look = (layer_color(l), style.thick(3));
        draw_band(&mut chart, &rows, look, |v| on_linear_axis(v).then_some(v))?;
    }
    for l in 0..layers {
        let shares = column(history, |s| &s.saturated, l)
            .into_iter()
            .map(|(e, s)| (e, s.map_or(f64::NAN, |s| s * 100.0)));
        let line = ShapeStyle::from(&layer_color(l)).stroke_width(style.thick(2));
        let ok = |v: f64| (v.is_finite() && (0.0..=100.0).contains(&v)).then_some(v);
        for s in stretches_at(shares, ok) {
            let (on, off) = (size * 0.5, size * 0.35);
            chart.draw_secondary_series([DashedPathElement::new(s, on, off, line)])?;
        }
    }
    legend.draw(area, chart.plotting_area())
}
