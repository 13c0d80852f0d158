//! What the charts of issue 13 share: the statistics of every epoch as a history, percentile
//! bands (a low–high band and its median line per hidden layer) against the epoch, and the frame
//! they are drawn in (title-less, legend at the right, epoch axis growing into a fixed window).

use super::ranges::{epoch_axis_end, epoch_max};
use super::{stretches_at, ChartError};
use crate::stats::Stats;
use plotters::chart::ChartContext;
use plotters::coord::cartesian::Cartesian2d;
use plotters::coord::ranged1d::Ranged;
use plotters::coord::types::RangedCoordu32;
use plotters::element::{Circle, Polygon};
use plotters::prelude::{DrawingBackend, LineSeries};
use plotters::style::{Color, RGBColor};

/// The statistics measured so far, each with its epoch (every epoch, or at full speed every
/// validated one: `cadence.rs`), as the charts of issue 13 draw them.
#[derive(Clone, Copy, Debug, Default)]
pub struct StatsHistory<'a> {
    /// (e, the statistics measured after e epochs), epochs ascending.
    pub stats: &'a [(usize, &'a Stats)],
    /// The x axis runs from 0 to at least this epoch (so that the curves grow into a fixed frame).
    pub epochs: Option<usize>,
}

impl StatsHistory<'_> {
    /// The last epoch of the x axis.
    pub(super) fn last_epoch(&self) -> u32 {
        let measured = self.stats.last().map_or(0, |(e, _)| e + 1);
        epoch_max(measured).max(self.epochs.map_or(0, epoch_axis_end))
    }

    /// The hidden layers of the latest statistics (0 if none).
    pub(super) fn layers(&self) -> usize {
        self.latest().map_or(0, |s| s.sigma_prime_mean.len())
    }

    /// The latest statistics, if any.
    pub(super) fn latest(&self) -> Option<&Stats> {
        self.stats.last().map(|&(_, s)| s)
    }

    /// Every measurement's statistics, oldest first.
    pub(super) fn each(&self) -> impl Iterator<Item = &Stats> {
        self.stats.iter().map(|&(_, s)| s)
    }
}

/// Most epochs for which a single-epoch band also gets dots (beyond, only bands and lines).
const DOTS_UP_TO: usize = 40;

/// How much of the layer's colour a band is filled with (the rest shows through); its edges are
/// thin lines of the colour, so overlapping bands stay apart.
const BAND_ALPHA: f64 = 0.12;

/// One hidden layer's percentiles at the measured epochs (`None`: missing), drawn as a filled band
/// from the first to the last and a line at the middle, in `color`; `y_of` places a value on the
/// axis (None: not drawable, which breaks the band; epochs not measured are bridged).
pub(super) fn draw_band<DB, Y>(
    chart: &mut ChartContext<DB, Cartesian2d<RangedCoordu32, Y>>,
    rows: &[(usize, Option<[f64; 3]>)],
    (color, width): (RGBColor, u32),
    y_of: impl Fn(f64) -> Option<f64>,
) -> Result<(), ChartError>
where
    DB: DrawingBackend,
    Y: Ranged<ValueType = f64>,
{
    // Each row placed on the axis (NaN where any of its three values is not drawable).
    let placed: Vec<[f64; 3]> = rows
        .iter()
        .map(|(_, r)| match r.map(|r| r.map(&y_of)) {
            Some([Some(a), Some(b), Some(c)]) => [a, b, c],
            _ => [f64::NAN; 3],
        })
        .collect();
    // Stretches of row indices (x = their epochs) whose three values are all drawable.
    let indices = (0..rows.len()).map(|i| (i, placed[i][1]));
    for stretch in stretches_at(indices, |v| v.is_finite().then_some(v)) {
        let epoch = |i: u32| rows[i as usize].0 as u32;
        let low = stretch
            .iter()
            .map(|&(i, _)| (epoch(i), placed[i as usize][0]));
        let high = stretch
            .iter()
            .rev()
            .map(|&(i, _)| (epoch(i), placed[i as usize][2]));
        let outline: Vec<(u32, f64)> = low.clone().chain(high.clone()).collect();
        chart.draw_series([Polygon::new(outline, color.mix(BAND_ALPHA).filled())])?;
        let edge = color.mix(0.7).stroke_width((width / 3).max(1));
        chart.draw_series(LineSeries::new(low, edge))?;
        chart.draw_series(LineSeries::new(high, edge))?;
        let middle: Vec<(u32, f64)> = stretch.iter().map(|&(i, m)| (epoch(i), m)).collect();
        if stretch.len() == 1 || rows.len() <= DOTS_UP_TO {
            chart.draw_series(middle.iter().map(|&p| Circle::new(p, 3, color.filled())))?;
        }
        chart.draw_series(LineSeries::new(middle, color.stroke_width(width)))?;
    }
    Ok(())
}

/// Column `l` of a per-layer statistic at each measured epoch (`None` where it lacks the layer).
pub(super) fn column<T: Copy>(
    history: &StatsHistory,
    pick: impl Fn(&Stats) -> &[T],
    l: usize,
) -> Vec<(usize, Option<T>)> {
    (history.stats.iter())
        .map(|&(e, s)| (e, pick(s).get(l).copied()))
        .collect()
}
