//! The frame of the charts drawn against the epoch (learning speeds, accuracy): a legend to the
//! right of the plot (an earlier run's long label ends in "…" rather than take more than
//! [`MAX_LEGEND_SHARE`] of the chart's width), the chart builder that leaves room for it, and the
//! epoch mesh.

use super::format::tick;
use super::{draw_legend, legend_width, style_mesh, swatch_room, ChartError, LegendEntry, Style};
use plotters::chart::{ChartBuilder, MeshStyle};
use plotters::coord::ranged1d::Ranged;
use plotters::coord::{CoordTranslate, Shift};
use plotters::drawing::DrawingArea;
use plotters::prelude::DrawingBackend;
use plotters::style::{IntoFont, TextStyle};

/// The largest share of a chart's width its side legend takes, so that a long label (an earlier
/// run's "run 1: 3 hidden · sigmoid · network2 · seed 1") never squeezes the plot on a narrow chart.
pub const MAX_LEGEND_SHARE: f64 = 0.4;

/// Labels at least this long (an earlier run's, "run 1: 3 hidden · sigmoid · network2 · seed 1")
/// are the ones shortened; the layers' names and the other short labels stay whole.
const LONG_LABEL: usize = 24;

/// `label` cut to its first `keep` characters (trailing spaces dropped) and "…".
fn shortened(label: &str, keep: usize) -> String {
    let head: String = label.chars().take(keep).collect();
    format!("{}…", head.trim_end())
}

/// Where a note is broken when too wide: before each of its separators.
const NOTE_BREAK: &str = " · ";

/// `note` broken into lines before its separators, as few as fit `room` pixels each (a part
/// wider than `room` alone stays on a line of its own).
fn wrapped<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    note: &str,
    font: &TextStyle,
    room: f64,
) -> Result<Vec<String>, ChartError> {
    let mut parts = note.split(NOTE_BREAK);
    let mut lines = Vec::new();
    let mut line = parts.next().unwrap_or_default().to_string();
    for part in parts {
        let longer = format!("{line}{NOTE_BREAK}{part}");
        if f64::from(area.estimate_text_size(&longer, font)?.0) <= room {
            line = longer;
        } else {
            lines.push(std::mem::replace(&mut line, format!("· {part}")));
        }
    }
    lines.push(line);
    Ok(lines)
}

/// `entries` with each note (a line of text alone) too wide for `room` pixels broken into lines
/// (in text of `size` on `area`).
fn wrap_notes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: Vec<LegendEntry>,
    size: f64,
    room: f64,
) -> Result<Vec<LegendEntry>, ChartError> {
    let font = ("sans-serif", size).into_font().into();
    let mut out = Vec::with_capacity(entries.len());
    for e in entries {
        if e.is_note() {
            let lines = wrapped(area, &e.label, &font, room)?;
            out.extend(lines.into_iter().map(LegendEntry::note));
        } else {
            out.push(e);
        }
    }
    Ok(out)
}

/// `entries` with each long label (at least [`LONG_LABEL`] characters) wider than `room` pixels (in
/// text of `size` on `area`) shortened with "…" to fit: a proportional cut, then shorter ones
/// until it fits (a few measurements).
fn fit_labels<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    mut entries: Vec<LegendEntry>,
    size: f64,
    room: f64,
) -> Result<Vec<LegendEntry>, ChartError> {
    let font = ("sans-serif", size).into_font().into();
    for e in entries
        .iter_mut()
        .filter(|e| e.label.chars().count() >= LONG_LABEL)
    {
        let full = f64::from(area.estimate_text_size(&e.label, &font)?.0);
        if full <= room {
            continue;
        }
        let chars = e.label.chars().count();
        let mut keep = ((chars as f64) * room / full) as usize;
        let mut label = shortened(&e.label, keep);
        while keep > 1 && f64::from(area.estimate_text_size(&label, &font)?.0) > room {
            keep = (keep * 4 / 5).min(keep - 1);
            label = shortened(&e.label, keep);
        }
        e.label = label;
    }
    Ok(entries)
}

/// A legend set to the right of an epoch chart's plot, level with its top.
pub(super) struct SideLegend {
    entries: Vec<LegendEntry>,
    /// Pixel width of the legend.
    width: u32,
    /// Margin around the plot and the legend.
    gap: f64,
    /// Text size.
    size: f64,
}

impl SideLegend {
    /// Measures `entries` on `area` in text of `size`, shortening labels that would make the
    /// legend wider than [`MAX_LEGEND_SHARE`] of the area.
    pub(super) fn new<DB: DrawingBackend>(
        area: &DrawingArea<DB, Shift>,
        entries: Vec<LegendEntry>,
        size: f64,
    ) -> Result<Self, ChartError> {
        let most = f64::from(area.dim_in_pixel().0) * MAX_LEGEND_SHARE;
        let room = most - swatch_room(size);
        let entries = wrap_notes(area, entries, size, room)?;
        let entries = fit_labels(area, entries, size, room)?;
        let width = legend_width(area, &entries, size)?;
        Ok(SideLegend {
            entries,
            width,
            gap: size * 0.8,
            size,
        })
    }

    /// A chart builder on `area` leaving room for the legend on the right, its y label area
    /// `y_label` text sizes wide.
    pub(super) fn builder<'a, 'b, DB: DrawingBackend>(
        &self,
        area: &'a DrawingArea<DB, Shift>,
        y_label: f64,
    ) -> ChartBuilder<'a, 'b, DB> {
        let mut builder = ChartBuilder::on(area);
        builder
            .margin(self.gap)
            .margin_right(self.gap * 2.0 + f64::from(self.width))
            .x_label_area_size(self.size * 3.0)
            .y_label_area_size(self.size * y_label);
        builder
    }

    /// Draws the legend at the right edge of `area`, its top level with the top of `plot`.
    pub(super) fn draw<DB: DrawingBackend, CT: CoordTranslate>(
        &self,
        area: &DrawingArea<DB, Shift>,
        plot: &DrawingArea<DB, CT>,
    ) -> Result<(), ChartError> {
        let top = plot.get_pixel_range().1.start - area.get_pixel_range().1.start;
        let left = area.dim_in_pixel().0 as i32 - self.width as i32 - self.gap as i32;
        draw_legend(area, (left, top), &self.entries, self.size)
    }
}

/// An epoch as an axis label.
fn epoch_label(e: &u32) -> String {
    e.to_string()
}

/// A value as an axis label.
pub(super) fn tick_label(v: &f64) -> String {
    tick(*v)
}

/// Labels that fit `pixels` when each needs `each` pixels: 2 to `most`.
fn labels_that_fit(pixels: u32, each: f64, most: usize) -> usize {
    ((f64::from(pixels) / each.max(1.0)) as usize).clamp(2, most.max(2))
}

/// Gives `mesh` the epoch x axis, a y axis named `y_desc` with at most `y_labels` labels, and the
/// grid, for text of `size` in `style` on a plot of `plot` pixels (fewer labels where they would
/// crowd: large text on a projector, a short chart).
pub(super) fn epoch_mesh<'a, 'b, 'm, X, Y, DB>(
    mesh: &'m mut MeshStyle<'a, 'b, X, Y, DB>,
    (size, style, plot): (f64, &Style, (u32, u32)),
    (y_desc, y_labels): (&str, usize),
) -> &'m mut MeshStyle<'a, 'b, X, Y, DB>
where
    X: Ranged<ValueType = u32>,
    Y: Ranged<ValueType = f64>,
    DB: DrawingBackend,
{
    style_mesh(mesh, size, style)
        .x_desc("Epoch")
        .y_desc(y_desc)
        .x_labels(labels_that_fit(plot.0, size * 3.5, 10))
        .y_labels(labels_that_fit(plot.1, size * 1.5, y_labels))
        .x_label_formatter(&epoch_label)
        .y_label_formatter(&tick_label)
}
