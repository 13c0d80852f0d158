//! How the charts choose the ranges of their axes so that any numbers fit.

use std::ops::Range;

/// Largest magnitude a linear axis shows; anything beyond is left off the chart.
pub(crate) const LINEAR_LIMIT: f64 = 1e300;

/// Widest ratio top/bottom of a log axis (keeps plotters' tick search finite).
const LOG_SPAN_LIMIT: f64 = 1e300;

/// Lowest bottom of a log axis: the smallest normal `f64` (subnormals lose digits).
const LOG_FLOOR: f64 = f64::MIN_POSITIVE;

/// Highest top of a log axis: far enough under `f64::MAX` that its ticks stay finite.
const LOG_CEILING: f64 = 1e300;

/// Narrowest span of a linear axis, and narrowest relative to its ends' size: below either,
/// plotters' tick steps shrink to nothing (or are lost in rounding) and its search never ends.
const LINEAR_MIN_SPAN: (f64, f64) = (1e-200, 1e-9);

/// A log axis plotters can draw holding as much of `range` as it can: both ends positive,
/// finite and normal, the top 10 to `LOG_SPAN_LIMIT` times the bottom (the bottom is raised
/// when wider). Ends that are not finite positive numbers are replaced. Every log axis of the
/// charts goes through here.
pub(crate) fn log_axis(range: Range<f64>) -> Range<f64> {
    let ok = |v: f64| v.is_finite() && v > 0.0;
    let (lo, hi) = match (ok(range.start), ok(range.end)) {
        (true, true) => (range.start.min(range.end), range.start.max(range.end)),
        (true, false) => (range.start, range.start * 10.0),
        (false, true) => (range.end / 10.0, range.end),
        (false, false) => (1e-4, 1.0),
    };
    // Both ends are finite and positive here, and the bounds constant: clamp cannot panic.
    let hi = hi.clamp(LOG_FLOOR * 10.0, LOG_CEILING);
    let lo = lo.max(LOG_FLOOR).min(hi / 10.0).max(hi / LOG_SPAN_LIMIT);
    lo..hi
}

/// A linear axis plotters can draw holding as much of `range` as it can: both ends finite and
/// at most `2 × LINEAR_LIMIT` in size, the span at least `LINEAR_MIN_SPAN` (widened about its
/// centre when narrower). Ends that are not finite are replaced. Every linear `f64` axis of the
/// charts goes through here.
pub(crate) fn linear_axis(range: Range<f64>) -> Range<f64> {
    let limit = 2.0 * LINEAR_LIMIT;
    let fit = |v: f64| v.is_finite().then(|| v.max(-limit).min(limit));
    let (lo, hi) = match (fit(range.start), fit(range.end)) {
        (Some(a), Some(b)) => (a.min(b), a.max(b)),
        (Some(a), None) | (None, Some(a)) => (a, a),
        (None, None) => (0.0, 1.0),
    };
    let (absolute, relative) = LINEAR_MIN_SPAN;
    let least = (lo.abs().max(hi.abs()) * relative).max(absolute);
    if hi - lo >= least {
        return lo..hi;
    }
    let mid = lo / 2.0 + hi / 2.0;
    (mid - least / 2.0)..(mid + least / 2.0)
}

/// How many decades a log axis made by [`log_axis`] spans (1 to 300).
pub(crate) fn decades(range: &Range<f64>) -> usize {
    let d = (range.end / range.start).log10().round();
    if d.is_finite() {
        d.clamp(1.0, 300.0) as usize
    } else {
        1
    }
}

/// Last epoch on the x axis for `len` recorded epochs: `max(len - 1, 1)`.
pub(crate) fn epoch_max(len: usize) -> u32 {
    epoch_axis_end(len.saturating_sub(1))
}

/// The longest epoch axis drawn: plotters' tick arithmetic on u32 (a step times the label count)
/// overflows near u32::MAX, and no run of the page or the CLI comes near 10⁸ epochs.
pub(crate) const MAX_EPOCH_AXIS: u32 = 100_000_000;

/// An epoch axis ending at `epoch`: at least 1, at most [`MAX_EPOCH_AXIS`].
pub(crate) fn epoch_axis_end(epoch: usize) -> u32 {
    u32::try_from(epoch)
        .unwrap_or(u32::MAX)
        .clamp(1, MAX_EPOCH_AXIS)
}

/// Range of a log axis holding every positive finite value, widened to whole
/// decades; `1e-4..1` when there is none. Both ends sit a hair outside.
pub(crate) fn log_range(values: impl IntoIterator<Item = f64>) -> Range<f64> {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values.into_iter().filter(|v| v.is_finite() && *v > 0.0) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if lo > hi {
        (lo, hi) = (1e-4, 1.0);
    }
    let down = 10f64.powi(lo.log10().floor() as i32);
    if down > 0.0 {
        lo = lo.min(down);
    }
    let up = 10f64.powi(hi.log10().ceil() as i32);
    hi = if up.is_finite() { hi.max(up) } else { f64::MAX };
    if hi / lo < 10.0 {
        // A single value that is an exact power of ten: show the decade above it.
        if hi * 10.0 <= f64::MAX {
            hi *= 10.0;
        } else {
            lo /= 10.0;
        }
    }
    if hi / lo > LOG_SPAN_LIMIT {
        lo = hi / LOG_SPAN_LIMIT;
    }
    // A hair wider, so rounding in plotters' tick search keeps the end decades.
    log_axis((lo * 0.999_999_999)..(hi * 1.000_000_001))
}

/// Whether `v` can be drawn on the log axis `range`.
pub(crate) fn on_log_axis(v: f64, range: &Range<f64>) -> bool {
    v.is_finite() && v >= range.start && v <= range.end
}

/// Range of a linear axis holding 0 and every finite value up to
/// `LINEAR_LIMIT` in size, with 5% headroom; `0..1` when there is none.
pub(crate) fn linear_range(values: impl IntoIterator<Item = f64>) -> Range<f64> {
    let (mut lo, mut hi) = (0.0f64, 0.0f64);
    for v in values.into_iter().filter(|v| on_linear_axis(*v)) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if hi - lo <= f64::MIN_POSITIVE {
        return 0.0..1.0;
    }
    let pad = (hi - lo) * 0.05;
    linear_axis((if lo < 0.0 { lo - pad } else { lo })..(if hi > 0.0 { hi + pad } else { hi }))
}

/// Whether `v` can be drawn on a linear axis chosen by `linear_range`.
pub(crate) fn on_linear_axis(v: f64) -> bool {
    v.is_finite() && v.abs() <= LINEAR_LIMIT
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_range_rounds_to_decades() {
        let r = log_range([0.03, 0.2, f64::NAN, 0.0, -1.0]);
        assert!((r.start - 0.01).abs() < 1e-10 && (r.end - 1.0).abs() < 1e-8);
        let r = log_range([]);
        assert!((r.start - 1e-4).abs() < 1e-12 && (r.end - 1.0).abs() < 1e-8);
        let r = log_range([0.1]);
        assert!(r.start <= 0.1 && r.end >= 1.0 - 1e-12);
        let r = log_range([f64::MIN_POSITIVE / 1e10, f64::MAX]);
        assert!(r.end.is_finite() && r.start > 0.0 && r.end / r.start <= LOG_SPAN_LIMIT * 1.01);
    }

    #[test]
    fn linear_range_holds_zero_and_values() {
        assert_eq!(linear_range([]), 0.0..1.0);
        let r = linear_range([2.0, 1.0]);
        assert!(r.start == 0.0 && (r.end - 2.1).abs() < 1e-12);
        let r = linear_range([-1e300, 1e300, f64::MAX]);
        assert!((r.end - r.start).is_finite());
    }

    #[test]
    fn log_axes_are_finite_positive_and_a_decade_or_more() {
        let odd = [
            0.0,
            -1.0,
            1e-320,
            1e-300,
            1.0,
            1e300,
            f64::MAX,
            f64::NAN,
            f64::INFINITY,
        ];
        for &a in &odd {
            for &b in &odd {
                let r = log_axis(a..b);
                assert!(
                    r.start >= LOG_FLOOR && r.end <= LOG_CEILING,
                    "{a}..{b}: {r:?}"
                );
                let ratio = r.end / r.start;
                assert!(
                    (10.0..=LOG_SPAN_LIMIT * 1.000_001).contains(&ratio),
                    "{a}..{b}: {r:?}"
                );
                assert!((1..=300).contains(&decades(&r)));
            }
        }
        // Issue 15: the chain's bars spanned 1e-303..1e24, a ratio that overflowed to ∞.
        let r = log_axis(1e-300..1e24);
        assert!(r.end == 1e24 && r.end / r.start <= LOG_SPAN_LIMIT * 1.000_001);
        assert_eq!(log_axis(0.01..1.0), 0.01..1.0);
    }

    #[test]
    fn linear_axes_are_finite_and_wide_enough() {
        let odd = [
            0.0,
            -1.0,
            1e-300,
            1.0,
            1e300,
            -f64::MAX,
            f64::MAX,
            f64::NAN,
            f64::INFINITY,
        ];
        for &a in &odd {
            for &b in &odd {
                let r = linear_axis(a..b);
                let span = r.end - r.start;
                assert!(span.is_finite() && span >= 1e-200, "{a}..{b}: {r:?}");
                assert!(
                    span >= r.start.abs().max(r.end.abs()) * 1e-9 * 0.999,
                    "{a}..{b}: {r:?}"
                );
            }
        }
        assert_eq!(linear_axis(0.0..100.0), 0.0..100.0);
        assert_eq!(linear_axis(1.0..-1.0), -1.0..1.0);
    }

    #[test]
    fn epoch_axis_is_never_empty() {
        assert_eq!(epoch_max(0), 1);
        assert_eq!(epoch_max(1), 1);
        assert_eq!(epoch_max(10), 9);
        assert_eq!(epoch_axis_end(usize::MAX), MAX_EPOCH_AXIS);
    }
}
