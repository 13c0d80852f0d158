//! The book's learning-speed curves: ‖δˡ‖ of every hidden layer against the
//! epoch, on a log scale, so that a layer learning 10× slower sits a fixed
//! distance lower whatever the epoch.

use super::epoch_frame::{epoch_mesh, SideLegend};
use super::ranges::{decades, epoch_max, log_range, on_log_axis};
use super::{
    draw_title, layer_color, layer_name, stretches, ChartError, LegendEntry, Style, EDIT_COLOR,
};
use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::element::{Circle, DashedPathElement};
use plotters::prelude::{DrawingBackend, IntoLogRange, LineSeries};
use plotters::style::{Color, ShapeStyle, WHITE};

/// Legend text of the dashed markers at the epochs where the network was edited.
pub const EDIT_LABEL: &str = "Network edited";

/// Most epochs for which every point also gets a dot (beyond, only lines).
const DOTS_UP_TO: usize = 40;

/// Draws the learning speeds `history[e][l]` = ‖δˡ‖ of hidden layer `l` after `e` epochs, with a
/// dashed marker at each epoch in `edits` and `title` above the chart (none if empty), in `style`.
pub fn draw_speeds<DB: DrawingBackend>(
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
    let mut entries: Vec<LegendEntry> = (0..layers)
        .map(|l| LegendEntry::line(layer_name(l), layer_color(l).stroke_width(style.thick(3))))
        .collect();
    if !shown_edits.is_empty() {
        entries.push(LegendEntry {
            label: EDIT_LABEL.to_string(),
            style: dash,
            dashed: true,
        });
    }
    let legend = SideLegend::new(area, entries, size)?;
    let mut chart = legend
        .builder(area, 4.4)
        .build_cartesian_2d(0u32..last_epoch, y_range.clone().log_scale())?;
    let y_labels = (decades(&y_range) + 1).min(12);
    let plot = chart.plotting_area().dim_in_pixel();
    let mut mesh = chart.configure_mesh();
    epoch_mesh(
        &mut mesh,
        (size, style, plot),
        ("Learning speed ‖δˡ‖", y_labels),
    )
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

    legend.draw(area, chart.plotting_area())
}
