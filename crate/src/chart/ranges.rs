//! How the charts choose the ranges of their axes so that any numbers fit.

use std::ops::Range;

/// Largest magnitude a linear axis shows; anything beyond is left off the chart.
pub(crate) const LINEAR_LIMIT: f64 = 1e300;

/// Widest ratio top/bottom of a log axis (keeps plotters' tick search finite).
const LOG_SPAN_LIMIT: f64 = 1e300;

/// Last epoch on the x axis for `len` recorded epochs: `max(len - 1, 1)`.
pub(crate) fn epoch_max(len: usize) -> u32 {
    u32::try_from(len.saturating_sub(1))
        .unwrap_or(u32::MAX)
        .max(1)
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
    let hi = if hi * 1.000_000_001 <= f64::MAX {
        hi * 1.000_000_001
    } else {
        hi
    };
    (lo * 0.999_999_999)..hi
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
    let span = hi - lo;
    if span <= f64::MIN_POSITIVE {
        return 0.0..1.0;
    }
    let pad = span * 0.05;
    (if lo < 0.0 { lo - pad } else { lo })..(if hi > 0.0 { hi + pad } else { hi })
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
    fn epoch_axis_is_never_empty() {
        assert_eq!(epoch_max(0), 1);
        assert_eq!(epoch_max(1), 1);
        assert_eq!(epoch_max(10), 9);
    }
}
