//! The book's reference numbers for chapter 5, written once: what `gradscope reproduce` prints
//! beside its own results and what the tests compare against, with the median taken over seeds.
//!
//! The speeds and ratios come from Nielsen's stored results, `../shared/reference/nndl/` (his
//! repository's `fig/norms_during_training_{2,3,4}_layers.json`, MIT licence, Copyright (c)
//! 2012-2022 Michael Nielsen): one unseeded run each, so shapes and magnitudes, not exact targets.

/// Epoch-0 learning speeds ‖δˡ‖ of [784, 30×h, 10] for h = 2, 3, 4 hidden layers: the first
/// rows of `norms_during_training_{2,3,4}_layers.json`, to 4 decimals.
pub const EPOCH0_SPEEDS: [&[f64]; 3] = [
    &[0.0657, 0.3092],
    &[0.0118, 0.0600, 0.2831],
    &[0.0030, 0.0171, 0.0695, 0.2851],
];

/// Speed of the last hidden layer over the first after 500 epochs (h = 2, 3, 4): the last rows
/// of the same files (2.804, 14.74, 112.60).
pub const FINAL_SPEED_RATIO: [f64; 3] = [2.80, 14.7, 112.6];

/// Validation accuracies (%) of [784, 30×h, 10] for h = 1 to 4 (50,000 images, 30 epochs,
/// mini-batch 10, η 0.1, λ 5): the chapter's text, section "The vanishing gradient problem".
pub const ACCURACY: [f64; 4] = [96.48, 96.90, 96.57, 96.53];

/// Seeds over which the epoch-0 speeds' medians are taken.
pub const SEEDS: u64 = 20;

/// Median of `values` (the mean of the middle two for an even count); NaN if there are none.
pub fn median(values: impl IntoIterator<Item = f64>) -> f64 {
    let mut v: Vec<f64> = values.into_iter().collect();
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    (v[v.len() / 2] + v[(v.len() - 1) / 2]) / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians() {
        assert_eq!(median([3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median([4.0, 1.0, 3.0, 2.0]), 2.5);
        assert!(median([]).is_nan());
    }

    #[test]
    fn one_speed_per_hidden_layer() {
        for (k, row) in EPOCH0_SPEEDS.iter().enumerate() {
            assert_eq!(row.len(), k + 2);
        }
    }
}
