//! Classification accuracy on the validation data against the epoch, with
//! the cost on a second y axis: the slow progress of a deep network.

use super::epoch_frame::{epoch_mesh, tick_label, SideLegend};
use super::ranges::{epoch_max, linear_range, on_linear_axis};
use super::{stretches_at, ChartError, LegendEntry, Style};
use crate::cadence::VALIDATE_EVERY;
use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::element::Circle;
use plotters::prelude::{DrawingBackend, LineSeries};
use plotters::style::{Color, RGBColor, WHITE};

/// Legend text of the accuracy line.
pub const ACCURACY_LABEL: &str = "Validation accuracy";

/// Legend text of the cost line.
pub const COST_LABEL: &str = "Cost";

/// Colour of the accuracy line.
pub const ACCURACY_COLOR: RGBColor = RGBColor(0x00, 0x72, 0xB2);

/// Colour of the cost line.
pub const COST_COLOR: RGBColor = RGBColor(0xD5, 0x5E, 0x00);

/// Most epochs for which every point also gets a dot (beyond, only lines).
const DOTS_UP_TO: usize = 40;

/// Accuracy fraction `a` as a percentage, if it is a fraction at all.
fn percent(a: f64) -> Option<f64> {
    (a.is_finite() && (0.0..=1.0).contains(&a)).then_some(a * 100.0)
}

/// The legend's note when some epochs were not validated (played as fast as possible).
pub fn cadence_note() -> String {
    format!("validated every {VALIDATE_EVERY} epochs")
}

/// Whether the validated epochs of `points` skip any (a gap wider than one epoch).
fn skips(points: &[(usize, f64)]) -> bool {
    points.windows(2).any(|p| p[1].0 > p[0].0 + 1)
}

/// Draws the validation accuracy (a fraction, shown in percent) and the cost on a second axis if
/// there is any, each as (epoch, value) at the validated epochs, in `style`; the legend says when
/// epochs were skipped (validated every [`VALIDATE_EVERY`] epochs: each point is still exact).
pub fn draw_accuracy<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    accuracy: &[(usize, f64)],
    cost: &[(usize, f64)],
) -> Result<(), ChartError> {
    area.fill(&WHITE)?;
    let (w, h) = area.dim_in_pixel();
    let size = style.text_size(w, h);
    let end = |p: &[(usize, f64)]| p.last().map_or(0, |&(e, _)| e + 1);
    let last_epoch = epoch_max(end(accuracy).max(end(cost)));
    let with_cost = !cost.is_empty();
    let cost_range = linear_range(cost.iter().map(|&(_, c)| c));
    let acc_line = ACCURACY_COLOR.stroke_width(style.thick(3));
    let cost_line = COST_COLOR.stroke_width(style.thick(3));

    let mut entries = vec![LegendEntry::line(ACCURACY_LABEL, acc_line)];
    if with_cost {
        entries.push(LegendEntry::line(COST_LABEL, cost_line));
    }
    if skips(accuracy) || skips(cost) {
        // A note, not a line: its swatch is invisible (white).
        entries.push(LegendEntry::line(cadence_note(), WHITE.stroke_width(1)));
    }
    let legend = SideLegend::new(area, entries, size)?;
    let right_labels = if with_cost { size * 4.0 } else { 0.0 };
    let mut chart = legend
        .builder(area, 4.0)
        .right_y_label_area_size(right_labels)
        .build_cartesian_2d(0u32..last_epoch, 0f64..100f64)?
        .set_secondary_coord(0u32..last_epoch, cost_range);
    let plot = chart.plotting_area().dim_in_pixel();
    let mut mesh = chart.configure_mesh();
    epoch_mesh(
        &mut mesh,
        (size, style, plot),
        ("Validation accuracy (%)", 11),
    )
    .y_max_light_lines(2)
    .draw()?;
    if with_cost {
        chart
            .configure_secondary_axes()
            .y_desc(COST_LABEL)
            .y_labels(8)
            .y_label_formatter(&tick_label)
            .label_style(("sans-serif", size))
            .axis_desc_style(("sans-serif", size * 1.1))
            .draw()?;
    }

    // One line per unbroken stretch of drawable values.
    let dots = accuracy.len().max(cost.len()) <= DOTS_UP_TO;
    for s in stretches_at(accuracy.iter().copied(), percent) {
        if dots || s.len() == 1 {
            let dot = ACCURACY_COLOR.filled();
            chart.draw_series(s.iter().map(|&p| Circle::new(p, 4, dot)))?;
        }
        chart.draw_series(LineSeries::new(s, acc_line))?;
    }
    for s in stretches_at(cost.iter().copied(), |c| on_linear_axis(c).then_some(c)) {
        if dots || s.len() == 1 {
            let dot = COST_COLOR.filled();
            chart.draw_secondary_series(s.iter().map(|&p| Circle::new(p, 4, dot)))?;
        }
        chart.draw_secondary_series(LineSeries::new(s, cost_line))?;
    }

    legend.draw(area, chart.plotting_area())
}
