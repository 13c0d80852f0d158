//! Glorot & Bengio's Fig. 7 as TensorBoard draws histograms over time: per hidden layer, the
//! 10th–90th percentile band and the median of |∂C/∂bˡⱼ| over all the layer's neurons j (not six),
//! against the epoch, on a log axis; a value of exactly 0 (a dead ReLU) sits on the floor.

use super::bands::{column, draw_band, StatsHistory};
use super::epoch_frame::{epoch_mesh, SideLegend};
use super::ranges::{decades, log_range, on_log_axis};
use super::{layer_color, layer_name, ChartError, LegendEntry, Style};
use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::prelude::{DrawingBackend, IntoLogRange};
use plotters::style::{Color, WHITE};

/// The y axis's name.
pub const GRADIENT_AXIS: &str = "|∂C/∂bⱼ| over neurons (p10–p90, median)";

/// Draws the spread of every hidden neuron's |∂C/∂b| for every epoch of `history` in `style`.
pub fn draw_gradients<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    history: &StatsHistory,
) -> Result<(), ChartError> {
    area.fill(&WHITE)?;
    let (w, h) = area.dim_in_pixel();
    let size = style.text_size(w, h);
    let layers = history.layers();
    let values = history
        .each()
        .flat_map(|s| s.gradient_percentiles.iter().flatten());
    let y = log_range(values.copied());
    let entries = (0..layers)
        .map(|l| LegendEntry::line(layer_name(l), layer_color(l).stroke_width(style.thick(3))))
        .collect();
    let legend = SideLegend::new(area, entries, size)?;
    let last = history.last_epoch();
    let mut chart = legend
        .builder(area, 4.4)
        .build_cartesian_2d(0u32..last, y.clone().log_scale())?;
    let plot = chart.plotting_area().dim_in_pixel();
    let mut mesh = chart.configure_mesh();
    let y_labels = (decades(&y) + 1).min(8);
    epoch_mesh(&mut mesh, (size, style, plot), (GRADIENT_AXIS, y_labels)).draw()?;
    // Exactly 0 on the floor; anything else not drawable on the log axis breaks the band.
    let place = |v: f64| match v {
        0.0 => Some(y.start),
        v => on_log_axis(v, &y).then_some(v),
    };
    for l in 0..layers {
        let rows = column(history, |s| &s.gradient_percentiles, l);
        draw_band(&mut chart, &rows, (layer_color(l), style.thick(3)), place)?;
    }
    legend.draw(area, chart.plotting_area())
}
