//! The chapter's identity-neuron problem: w_2·σ(w_1·x + b) on x ∈ [0, 1]. With x = ½ + Δ,
//! b = −w_1/2 and w_2 = 4/w_1, a Taylor expansion gives x + (2/w_1 − ½) − w_1²Δ³/12 + …: for small
//! w_1 the neuron passes x through, shifted by a constant that the next layer's bias can remove.

use crate::activation::sigmoid;

/// Points on [0, 1] at which the error is measured.
const SAMPLES: usize = 1001;

/// The neuron's output w_2·σ(w_1·x + b).
pub fn output(w1: f64, b: f64, w2: f64, x: f64) -> f64 {
    w2 * sigmoid(w1 * x + b)
}

/// The Taylor choice for a given w_1: (b, w_2) = (−w_1/2, 4/w_1).
pub fn taylor_choice(w1: f64) -> (f64, f64) {
    (-w1 / 2.0, 4.0 / w1)
}

/// The best constant offset c and the worst error max_x |w_2·σ(w_1·x + b) − x − c| on [0, 1].
pub fn worst_error(w1: f64, b: f64, w2: f64) -> (f64, f64) {
    let errors = (0..SAMPLES).map(|i| {
        let x = i as f64 / (SAMPLES - 1) as f64;
        output(w1, b, w2, x) - x
    });
    let (lo, hi) = errors.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), e| {
        (lo.min(e), hi.max(e))
    });
    ((lo + hi) / 2.0, (hi - lo) / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_w1_makes_an_identity_up_to_an_offset() {
        for w1 in [1.0, 0.5, 0.1, 0.01] {
            let (b, w2) = taylor_choice(w1);
            let (offset, worst) = worst_error(w1, b, w2);
            // The offset is 2/w_1 − ½; the worst error is the cubic term w_1²(½)³/12 = w_1²/96,
            // halved by the best offset, to leading order.
            assert!(
                (offset - (2.0 / w1 - 0.5)).abs() < 1e-3 * (1.0 + 2.0 / w1),
                "{w1}: {offset}"
            );
            assert!(worst <= w1 * w1 / 96.0 * 1.05 + 1e-9, "{w1}: {worst}");
        }
        let (_, rough) = worst_error(4.0, -2.0, 1.0);
        assert!(rough > 0.1, "a large w_1 is far from an identity");
    }
}
