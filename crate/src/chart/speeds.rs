//! The book's learning-speed curves: ‖δˡ‖ of every hidden layer against the
//! epoch, on a log scale, so that a layer learning 10× slower sits a fixed
//! distance lower whatever the epoch. Earlier runs are drawn behind, fainter
//! and labelled; a speed of exactly 0 sits on the chart's floor with a marker.

use super::epoch_frame::{epoch_mesh, SideLegend};
use super::ranges::{decades, epoch_axis_end, epoch_max, log_range, on_log_axis};
use super::{
    draw_title, layer_color, layer_name, stretches, text_style, ChartError, LegendEntry, Style,
    EDIT_COLOR,
};
use plotters::chart::ChartContext;
use plotters::coord::cartesian::Cartesian2d;
use plotters::coord::types::RangedCoordu32;
use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::element::{Circle, DashedPathElement, EmptyElement, Polygon, Text};
use plotters::prelude::{DrawingBackend, IntoLogRange, LineSeries, LogCoord};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{Color, RGBColor, ShapeStyle, WHITE};
use std::ops::Range;

/// Legend text of the dashed markers at the epochs where the network was edited.
pub const EDIT_LABEL: &str = "Network edited";

/// Legend text of the triangles marking speeds of exactly 0, drawn on the chart's floor.
pub const ZERO_LABEL: &str = "‖δˡ‖ = 0 (on the floor)";

/// Most epochs for which every point also gets a dot (beyond, only lines).
const DOTS_UP_TO: usize = 40;

/// How much of an earlier run's colour is the layer's own (the rest is white): fainter traces.
const FAINT: f64 = 0.45;

/// One earlier run, drawn faintly behind the current one and named in the legend.
#[derive(Clone, Copy, Debug, Default)]
pub struct Trace<'a> {
    /// What the legend calls it after "run k: " (the page gives what tells it from the other
    /// runs shown, "batch norm": `labels::chart_labels`).
    pub label: &'a str,
    /// Its speeds per epoch (one row per epoch, one column per hidden layer).
    pub history: &'a [Vec<f64>],
}

/// What the learning-speed chart shows.
#[derive(Clone, Copy, Debug, Default)]
pub struct Speeds<'a> {
    /// `history[e][l]` = ‖δˡ‖ of hidden layer `l` after `e` epochs (the current run).
    pub history: &'a [Vec<f64>],
    /// Epochs where the network was edited: a dashed marker each.
    pub edits: &'a [usize],
    /// The title above the chart (none if empty).
    pub title: &'a str,
    /// The x axis runs from 0 to at least this epoch (so a curve grows into a fixed frame).
    pub epochs: Option<usize>,
    /// Earlier runs, drawn fainter behind the current one.
    pub runs: &'a [Trace<'a>],
    /// With earlier runs: what tells the current run from them ("skip · sigmoid · network2"),
    /// said in the legend's [`NOW_LABEL`] line above its layers.
    pub now: &'a str,
    /// With earlier runs: what every run shown shares ("4 hidden · seed 1"), said once in the
    /// legend's first line ([`SHARED_LABEL`]).
    pub shared: &'a str,
    /// With earlier runs: what most runs have where they differ ("sigmoid · network2"), which
    /// their labels leave out, said once ([`USUAL_LABEL`]).
    pub usual: &'a str,
}

/// Begins the legend line saying what every run shown shares (with earlier runs only).
pub const SHARED_LABEL: &str = "all runs: ";

/// Begins the legend line saying what a run has unless its label says otherwise.
pub const USUAL_LABEL: &str = "unless named: ";

/// Begins the legend line naming the current run, whose layers follow (with earlier runs only).
pub const NOW_LABEL: &str = "now: ";

type SpeedsChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordu32, LogCoord<f64>>>;

/// `color` mixed with white: `FAINT` of the colour.
fn faint(color: RGBColor) -> RGBColor {
    let mix = |c: u8| (f64::from(c) * FAINT + 255.0 * (1.0 - FAINT)).round() as u8;
    RGBColor(mix(color.0), mix(color.1), mix(color.2))
}

/// The last epoch of the x axis: the longest history, or `epochs` if larger.
fn last_epoch(s: &Speeds) -> u32 {
    let wanted = s.epochs.map_or(0, epoch_axis_end);
    s.runs
        .iter()
        .map(|r| epoch_max(r.history.len()))
        .fold(epoch_max(s.history.len()).max(wanted), u32::max)
}

/// Every speed of the chart, current and earlier runs.
fn all_values<'a>(s: &'a Speeds) -> impl Iterator<Item = f64> + 'a {
    let runs = s.runs.iter().flat_map(|r| r.history.iter());
    s.history.iter().chain(runs).flatten().copied()
}

/// Whether any speed of the chart is exactly 0 (drawn on the floor).
fn has_zero(s: &Speeds) -> bool {
    all_values(s).any(|v| v == 0.0)
}

/// The legend: the current run's layers, the earlier runs, the edit and zero markers.
fn legend_entries(s: &Speeds, style: &Style, shown_edits: bool) -> Vec<LegendEntry> {
    let layers = s.history.iter().map(Vec::len).max().unwrap_or(0);
    let mut entries = Vec::new();
    if !s.runs.is_empty() {
        let notes = [
            (SHARED_LABEL, s.shared),
            (USUAL_LABEL, s.usual),
            (NOW_LABEL, s.now),
        ];
        for (head, words) in notes.into_iter().filter(|(_, w)| !w.is_empty()) {
            entries.push(LegendEntry::note(format!("{head}{words}")));
        }
    }
    entries
        .extend((0..layers).map(|l| {
            LegendEntry::line(layer_name(l), layer_color(l).stroke_width(style.thick(3)))
        }));
    for (k, run) in s.runs.iter().enumerate() {
        let label = format!("run {}: {}", k + 1, run.label);
        entries.push(LegendEntry::line(
            label,
            faint(layer_color(6)).stroke_width(style.thick(2)),
        ));
    }
    if shown_edits {
        let dash = ShapeStyle::from(&EDIT_COLOR).stroke_width(style.thick(2));
        entries.push(LegendEntry {
            label: EDIT_LABEL.to_string(),
            style: dash,
            dashed: true,
        });
    }
    if has_zero(s) {
        entries.push(LegendEntry::line(ZERO_LABEL, EDIT_COLOR.stroke_width(1)));
    }
    entries
}

/// `v` where the log axis `y` draws it: itself, the floor for exactly 0, none if unusable.
fn on_axis(v: f64, y: &Range<f64>) -> Option<f64> {
    if v == 0.0 {
        return Some(y.start);
    }
    on_log_axis(v, y).then_some(v)
}

/// How one history is drawn: line colour of layer `l`, line width, dots, a tag at the end.
struct Look<'t> {
    color: fn(usize) -> RGBColor,
    width: u32,
    dots: bool,
    tag: &'t str,
}

/// Draws one history's curves, a triangle on the floor where a stretch of zeros starts, and
/// `look.tag` at each curve's last point.
fn draw_history<DB: DrawingBackend>(
    chart: &mut SpeedsChart<DB>,
    history: &[Vec<f64>],
    look: &Look,
    size: f64,
) -> Result<(), ChartError> {
    let y = chart.y_range();
    let layers = history.iter().map(Vec::len).max().unwrap_or(0);
    for l in 0..layers {
        let color = (look.color)(l);
        let column: Vec<f64> = history
            .iter()
            .map(|speeds| speeds.get(l).copied().unwrap_or(f64::NAN))
            .collect();
        for s in stretches(&column, |v| on_axis(v, &y)) {
            if look.dots || s.len() == 1 {
                chart.draw_series(s.iter().map(|&p| Circle::new(p, 4, color.filled())))?;
            }
            chart.draw_series(LineSeries::new(s, color.stroke_width(look.width)))?;
        }
        draw_zero_markers(chart, &column, color, size)?;
        let last = column.iter().rposition(|&v| on_axis(v, &y).is_some());
        if let (false, Some(e)) = (look.tag.is_empty(), last) {
            let point = (e as u32, on_axis(column[e], &y).unwrap_or(y.start));
            let tag = text_style(size * 0.8, color, HPos::Left, VPos::Center);
            chart.draw_series([Text::new(look.tag.to_string(), point, tag)])?;
        }
    }
    Ok(())
}

/// A triangle on the floor at the first epoch of every stretch of speeds equal to 0.
fn draw_zero_markers<DB: DrawingBackend>(
    chart: &mut SpeedsChart<DB>,
    column: &[f64],
    color: RGBColor,
    size: f64,
) -> Result<(), ChartError> {
    let floor = chart.y_range().start;
    let starts = (0..column.len())
        .filter(|&e| column[e] == 0.0 && (e == 0 || column[e - 1] != 0.0))
        .filter_map(|e| u32::try_from(e).ok());
    let half = (size * 0.45).max(2.0) as i32;
    chart.draw_series(starts.map(|e| {
        let tip = vec![(-half, -2 * half), (half, -2 * half), (0, 0)];
        EmptyElement::at((e, floor)) + Polygon::new(tip, color.filled())
    }))?;
    Ok(())
}

/// Draws the learning speeds of `s` — the current run bold, earlier runs faint and tagged with
/// their number, a dashed marker at each edit, zeros on the floor — in `style`.
pub fn draw_speeds<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    s: &Speeds,
) -> Result<(), ChartError> {
    area.fill(&WHITE)?;
    let (w, h) = area.dim_in_pixel();
    let size = style.text_size(w, h);
    let titled;
    let area = if s.title.is_empty() {
        area
    } else {
        titled = draw_title(area, s.title, size)?;
        &titled
    };
    let last_epoch = last_epoch(s);
    let y_range = log_range(all_values(s));
    let shown_edits: Vec<u32> = (s.edits.iter())
        .filter_map(|&e| u32::try_from(e).ok())
        .filter(|&e| e <= last_epoch)
        .collect();
    let legend = SideLegend::new(
        area,
        legend_entries(s, style, !shown_edits.is_empty()),
        size,
    )?;
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
    let dash = ShapeStyle::from(&EDIT_COLOR).stroke_width(style.thick(2));
    chart.draw_series(
        shown_edits
            .iter()
            .map(|&e| DashedPathElement::new(vec![(e, lo), (e, hi)], size * 0.5, size * 0.4, dash)),
    )?;
    for (k, run) in s.runs.iter().enumerate() {
        let tag = (k + 1).to_string();
        let look = Look {
            color: |l| faint(layer_color(l)),
            width: style.thick(2),
            dots: false,
            tag: &tag,
        };
        draw_history(&mut chart, run.history, &look, size)?;
    }
    let look = Look {
        color: layer_color,
        width: style.thick(3),
        dots: s.history.len() <= DOTS_UP_TO,
        tag: "",
    };
    draw_history(&mut chart, s.history, &look, size)?;
    legend.draw(area, chart.plotting_area())
}
