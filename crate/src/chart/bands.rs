//! What the charts of issue 13 share: the statistics of every epoch as a history, percentile
//! bands (a low–high band and its median line per hidden layer) against the epoch, and the frame
//! they are drawn in (title-less, legend at the right, epoch axis growing into a fixed window).

use super::ranges::{epoch_axis_end, epoch_max};
use super::{stretches, ChartError};
use crate::stats::Stats;
use plotters::chart::ChartContext;
use plotters::coord::cartesian::Cartesian2d;
use plotters::coord::ranged1d::Ranged;
use plotters::coord::types::RangedCoordu32;
use plotters::element::{Circle, Polygon};
use plotters::prelude::{DrawingBackend, LineSeries};
use plotters::style::{Color, RGBColor};

/// The statistics of every epoch so far (index = epoch), as the charts of issue 13 draw them.
#[derive(Clone, Copy, Debug, Default)]
pub struct StatsHistory<'a> {
    /// `stats[e]`: the statistics measured after `e` epochs.
    pub stats: &'a [&'a Stats],
    /// The x axis runs from 0 to at least this epoch (so that the curves grow into a fixed frame).
    pub epochs: Option<usize>,
}

impl StatsHistory<'_> {
    /// The last epoch of the x axis.
    pub(super) fn last_epoch(&self) -> u32 {
        epoch_max(self.stats.len()).max(self.epochs.map_or(0, epoch_axis_end))
    }

    /// The hidden layers of the latest statistics (0 if none).
    pub(super) fn layers(&self) -> usize {
        self.stats.last().map_or(0, |s| s.sigma_prime_mean.len())
    }

    /// The latest statistics, if any.
    pub(super) fn latest(&self) -> Option<&Stats> {
        self.stats.last().copied()
    }
}

/// Most epochs for which a single-epoch band also gets dots (beyond, only bands and lines).
const DOTS_UP_TO: usize = 40;

/// How much of the layer's colour a band is filled with (the rest shows through); its edges are
/// thin lines of the colour, so overlapping bands stay apart.
const BAND_ALPHA: f64 = 0.12;

/// One hidden layer's percentiles per epoch (`None`: not measured), drawn as a filled band from
/// the first to the last and a line at the middle, in `color`; `y_of` places a value on the axis
/// (None: not drawable, which breaks the band).
pub(super) fn draw_band<DB, Y>(
    chart: &mut ChartContext<DB, Cartesian2d<RangedCoordu32, Y>>,
    rows: &[Option<[f64; 3]>],
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
        .map(|r| match r.map(|r| r.map(&y_of)) {
            Some([Some(a), Some(b), Some(c)]) => [a, b, c],
            _ => [f64::NAN; 3],
        })
        .collect();
    let middles: Vec<f64> = placed.iter().map(|r| r[1]).collect();
    for stretch in stretches(&middles, |v| v.is_finite().then_some(v)) {
        let at = |e: u32| placed.get(e as usize).copied().unwrap_or([f64::NAN; 3]);
        let low = stretch.iter().map(|&(e, _)| (e, at(e)[0]));
        let high = stretch.iter().rev().map(|&(e, _)| (e, at(e)[2]));
        let outline: Vec<(u32, f64)> = low.clone().chain(high.clone()).collect();
        chart.draw_series([Polygon::new(outline, color.mix(BAND_ALPHA).filled())])?;
        let edge = color.mix(0.7).stroke_width((width / 3).max(1));
        chart.draw_series(LineSeries::new(low, edge))?;
        chart.draw_series(LineSeries::new(high, edge))?;
        if stretch.len() == 1 || rows.len() <= DOTS_UP_TO {
            chart.draw_series(stretch.iter().map(|&p| Circle::new(p, 3, color.filled())))?;
        }
        chart.draw_series(LineSeries::new(stretch, color.stroke_width(width)))?;
    }
    Ok(())
}

/// Column `l` of a per-layer statistic over the history (`None` where an epoch lacks it).
pub(super) fn column<T: Copy>(
    history: &StatsHistory,
    pick: impl Fn(&Stats) -> &[T],
    l: usize,
) -> Vec<Option<T>> {
    history
        .stats
        .iter()
        .map(|s| pick(s).get(l).copied())
        .collect()
}
