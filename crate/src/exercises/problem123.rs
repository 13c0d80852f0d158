//! Problem (123) of the chapter: where can a sigmoid neuron's factor |w·σ′(w·a + b)| reach 1?
//! Only for |w| ≥ 4, and then only on an interval of input activations a whose width peaks near
//! 0.45 at |w| ≈ 6.9 — which is why exploding gradients are rare with sigmoids.

use crate::activation::sigmoid_prime;

/// The factor |w·σ′(w·a + b)| of a neuron with weight w, bias b and input activation a.
pub fn factor(w: f64, b: f64, a: f64) -> f64 {
    (w * sigmoid_prime(w * a + b)).abs()
}

/// The z* ≥ 0 with σ′(z*) = 1/|w|, found by bisection (σ′ falls from 1/4 at 0); None if |w| < 4.
fn half_width_z(w: f64) -> Option<f64> {
    let target = 1.0 / w.abs();
    if target.is_nan() || target > 0.25 {
        return None;
    }
    let (mut lo, mut hi) = (0.0_f64, 80.0_f64);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if sigmoid_prime(mid) >= target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Some(lo)
}

/// The interval of a where |w·σ′(w·a + b)| ≥ 1, if any.
pub fn interval(w: f64, b: f64) -> Option<(f64, f64)> {
    let z = half_width_z(w)?;
    let (p, q) = ((-z - b) / w, (z - b) / w);
    Some((p.min(q), p.max(q)))
}

/// The width of that interval (0 when |w| < 4); it does not depend on b.
pub fn width(w: f64) -> f64 {
    half_width_z(w).map_or(0.0, |z| 2.0 * z / w.abs())
}

/// The book's closed form of the width: (2/|w|)·ln(|w|(1 + √(1 − 4/|w|))/2 − 1).
pub fn width_formula(w: f64) -> f64 {
    let w = w.abs();
    if w < 4.0 {
        return 0.0;
    }
    2.0 / w * (w * (1.0 + (1.0 - 4.0 / w).sqrt()) / 2.0 - 1.0).ln()
}

/// The |w| with the widest interval and that width, by golden-section search on [4, 40].
pub fn widest() -> (f64, f64) {
    let phi = (5.0_f64.sqrt() - 1.0) / 2.0;
    let (mut lo, mut hi) = (4.0_f64, 40.0_f64);
    for _ in 0..200 {
        let (c, d) = (hi - phi * (hi - lo), lo + phi * (hi - lo));
        if width(c) > width(d) {
            hi = d;
        } else {
            lo = c;
        }
    }
    let w = 0.5 * (lo + hi);
    (w, width(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn below_four_the_factor_never_reaches_one() {
        for w in [0.5, 2.0, 3.99, -3.99] {
            assert_eq!(width(w), 0.0);
            assert!(interval(w, 0.3).is_none());
            // σ′ ≤ 1/4 everywhere, so |w·σ′| < 1 at every a.
            assert!((-200..=200).all(|i| factor(w, 0.3, i as f64 / 50.0) < 1.0));
        }
    }

    #[test]
    fn bisection_agrees_with_the_books_formula() {
        for w in [4.5, 6.9, 10.0, 25.0, 100.0, -8.0] {
            assert!((width(w) - width_formula(w)).abs() < 1e-9, "w = {w}");
        }
    }

    #[test]
    fn the_interval_is_where_the_factor_is_at_least_one() {
        let (w, b) = (8.0, -3.0);
        let (lo, hi) = interval(w, b).unwrap();
        assert!((factor(w, b, lo) - 1.0).abs() < 1e-9 && (factor(w, b, hi) - 1.0).abs() < 1e-9);
        assert!(factor(w, b, 0.5 * (lo + hi)) > 1.0);
        assert!(factor(w, b, lo - 0.01) < 1.0 && factor(w, b, hi + 0.01) < 1.0);
    }

    #[test]
    fn widest_near_6_9_with_width_0_45() {
        let (w, best) = widest();
        assert!((w - 6.9).abs() <= 0.1, "|w| = {w}");
        assert!((best - 0.45).abs() <= 0.01, "width = {best}");
    }
}
