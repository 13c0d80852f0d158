//! The book's learning-speed curves: ‖δˡ‖ of every hidden layer against the
//! epoch, on a log scale, so that a layer learning 10× slower sits a fixed
//! distance lower whatever the epoch.

use super::format::tick;
use super::ranges::{decades, epoch_max, log_range, on_log_axis};
use super::{
    draw_legend, draw_title, layer_color, layer_name, legend_width, stretches, ChartError,
    LegendEntry, Style, EDIT_COLOR, GRID,
};
use plotters::chart::ChartBuilder;
use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::element::{Circle, DashedPathElement};
use plotters::prelude::{DrawingBackend, IntoLogRange, LineSeries};
use plotters::style::{Color, ShapeStyle, WHITE};

/// Legend text of the dashed markers at the epochs where the network was edited.
pub const EDIT_LABEL: &str = "Network edited";

/// Most epochs for which every point also gets a dot (beyond, only lines).
const DOTS_UP_TO: usize = 40;

/// Draws the learning speeds `history[e][l]` = ‖δˡ‖ of hidden layer `l` after
/// `e` epochs, with a dashed marker at each epoch in `edits`, in `style`.
pub fn draw_speeds<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    history: &[Vec<f64>],
    edits: &[usize],
) -> Result<(), ChartError> {
    draw_speeds_titled(area, style, history, edits, "")
}

/// Same as [`draw_speeds`] with `title` above the chart (none if empty).
pub fn draw_speeds_titled<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    history: &[Vec<f64>],
    edits: &[usize],
    title: &str,
) -> Result<(), ChartError> {
    area.fill(&WHITE)?;
    let (w, h) = area.dim_in_pixel();
    let size = style.text_size(w, h);
    let titled;
    let area = if title.is_empty() {
        area
    } else {
        titled = draw_title(area, title, size)?;
        &titled
    };
    let layers = history.iter().map(Vec::len).max().unwrap_or(0);
    let last_epoch = epoch_max(history.len());
    let y_range = log_range(history.iter().flatten().copied());
    let shown_edits: Vec<u32> = edits
        .iter()
        .filter_map(|&e| u32::try_from(e).ok())
        .filter(|&e| e <= last_epoch)
        .collect();

    let dash = ShapeStyle::from(&EDIT_COLOR).stroke_width(style.thick(2));
    let mut legend: Vec<LegendEntry> = (0..layers)
        .map(|l| LegendEntry {
            label: layer_name(l),
            style: layer_color(l).stroke_width(style.thick(3)),
            dashed: false,
        })
        .collect();
    if !shown_edits.is_empty() {
        legend.push(LegendEntry {
            label: EDIT_LABEL.to_string(),
            style: dash,
            dashed: true,
        });
    }
    let legend_w = legend_width(area, &legend, size)?;
    let gap = size * 0.8;

    let mut chart = ChartBuilder::on(area)
        .margin(gap)
        .margin_right(gap * 2.0 + f64::from(legend_w))
        .x_label_area_size(size * 3.0)
        .y_label_area_size(size * 4.4)
        .build_cartesian_2d(0u32..last_epoch, y_range.clone().log_scale())?;

    let y_tick = |v: &f64| tick(*v);
    let x_tick = |e: &u32| e.to_string();
    chart
        .configure_mesh()
        .x_desc("Epoch")
        .y_desc("Learning speed ‖δˡ‖")
        .x_labels(10)
        .y_labels((decades(&y_range) + 1).min(12))
        .x_label_formatter(&x_tick)
        .y_label_formatter(&y_tick)
        .label_style(("sans-serif", size))
        .axis_desc_style(("sans-serif", size * 1.1))
        .bold_line_style(GRID.stroke_width(style.thick(1)))
        .light_line_style(GRID.mix(0.4).stroke_width(style.thick(1)))
        .draw()?;

    let (lo, hi) = (y_range.start, y_range.end);
    chart.draw_series(
        shown_edits
            .iter()
            .map(|&e| DashedPathElement::new(vec![(e, lo), (e, hi)], size * 0.5, size * 0.4, dash)),
    )?;

    let dots = history.len() <= DOTS_UP_TO;
    for l in 0..layers {
        let color = layer_color(l);
        let column: Vec<f64> = history
            .iter()
            .map(|speeds| speeds.get(l).copied().unwrap_or(f64::NAN))
            .collect();
        // One line per unbroken stretch of drawable speeds.
        for s in stretches(&column, |v| on_log_axis(v, &y_range).then_some(v)) {
            if dots || s.len() == 1 {
                chart.draw_series(s.iter().map(|&p| Circle::new(p, 4, color.filled())))?;
            }
            chart.draw_series(LineSeries::new(s, color.stroke_width(style.thick(3))))?;
        }
    }

    let plot_top = chart.plotting_area().get_pixel_range().1.start - area.get_pixel_range().1.start;
    let legend_left = w as i32 - legend_w as i32 - gap as i32;
    draw_legend(area, (legend_left, plot_top), &legend, size)
}
