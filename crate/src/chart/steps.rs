//! Values against training steps (mini-batch updates), one line per series with a legend at the
//! right: Ioffe & Szegedy's Fig. 1 on our data — (a) validation accuracy with and without batch
//! norm, (b, c) the 15th, 50th and 85th percentiles of one sigmoid's input.

use super::{draw_legend, draw_title, layer_color, legend_width, linear_chart, ChartError};
use super::{LegendEntry, Style};
use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::prelude::{DrawingBackend, LineSeries};
use plotters::style::{Color, WHITE};

/// One series: its legend text and its (step, value) points (non-finite values are left out).
#[derive(Clone, Copy, Debug)]
pub struct StepLine<'a> {
    /// What the legend calls it.
    pub label: &'a str,
    /// (training step, value) points in step order.
    pub points: &'a [(f64, f64)],
}

/// A chart of series against the training step.
#[derive(Clone, Copy, Debug, Default)]
pub struct StepChart<'a> {
    /// The title above the chart (none if empty).
    pub title: &'a str,
    /// The y axis' name.
    pub y_desc: &'a str,
    /// The series, drawn in the layers' colours in order.
    pub lines: &'a [StepLine<'a>],
}

/// Draws `c` on `area` in `style`.
pub fn draw_steps<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    c: &StepChart,
) -> Result<(), ChartError> {
    area.fill(&WHITE)?;
    let (w, h) = area.dim_in_pixel();
    let size = style.text_size(w, h);
    let titled;
    let area = if c.title.is_empty() {
        area
    } else {
        titled = draw_title(area, c.title, size)?;
        &titled
    };
    let finite = |p: &&(f64, f64)| p.0.is_finite() && p.1.is_finite();
    let all = || c.lines.iter().flat_map(|l| l.points.iter().filter(finite));
    let x = 0.0..all().map(|p| p.0).fold(1.0, f64::max);
    let (lo, hi) = all().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
        (lo.min(p.1), hi.max(p.1))
    });
    let pad = ((hi - lo) * 0.05).max(1e-3);
    let y = if lo <= hi {
        (lo - pad)..(hi + pad)
    } else {
        0.0..1.0
    };
    let entries: Vec<LegendEntry> = (c.lines.iter().enumerate())
        .map(|(i, l)| LegendEntry::line(l.label, layer_color(i).stroke_width(style.thick(3))))
        .collect();
    let legend = legend_width(area, &entries, size)?;
    let gap = (size * 0.8) as u32;
    let (plot_area, legend_area) = area.split_horizontally(w.saturating_sub(legend + 2 * gap));
    let mut chart = linear_chart(
        &plot_area,
        (size, style),
        (x, y),
        ("Training step", c.y_desc),
    )?;
    for (i, l) in c.lines.iter().enumerate() {
        let points: Vec<(f64, f64)> = l.points.iter().filter(finite).copied().collect();
        let line = layer_color(i).stroke_width(style.thick(3));
        chart.draw_series(LineSeries::new(points, line))?;
    }
    draw_legend(
        &legend_area,
        (gap as i32 / 2, (size * 2.0) as i32),
        &entries,
        size,
    )
}
