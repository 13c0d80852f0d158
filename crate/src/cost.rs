//! Cost functions: cross-entropy (network2's default) and the quadratic cost, with their output error δ^L.

use crate::activation::sigmoid_prime;
use crate::{Error, Real, Result};

/// The cost C of one output neuron, summed over output neurons and averaged over examples.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cost {
    /// C = −y ln a − (1 − y) ln(1 − a); with a sigmoid output, δ^L = a − y.
    CrossEntropy,
    /// C = ½ (a − y)²; δ^L = (a − y) σ′(z).
    Quadratic,
}

impl Cost {
    /// The cost of one output neuron with activation `a` and target `y` (network2's `nan_to_num`).
    pub fn value<F: Real>(self, a: F, y: F) -> f64 {
        let (a, y) = (a.f64(), y.f64());
        match self {
            Cost::CrossEntropy => {
                let term = |p: f64, q: f64| if p == 0.0 { 0.0 } else { -p * q.ln() };
                let c = term(y, a) + term(1.0 - y, 1.0 - a);
                if c.is_nan() {
                    0.0
                } else {
                    c.min(f64::MAX)
                }
            }
            Cost::Quadratic => 0.5 * (a - y) * (a - y),
        }
    }

    /// The output error δ^L = ∂C/∂z^L of one output neuron (the output layer is sigmoid).
    pub fn delta<F: Real>(self, z: F, a: F, y: F) -> F {
        match self {
            Cost::CrossEntropy => a - y,
            Cost::Quadratic => (a - y) * sigmoid_prime(z),
        }
    }

    /// network2's class name: `CrossEntropyCost` or `QuadraticCost`.
    pub fn network2_name(self) -> &'static str {
        match self {
            Cost::CrossEntropy => "CrossEntropyCost",
            Cost::Quadratic => "QuadraticCost",
        }
    }

    /// Parses network2's class name or the short names `cross-entropy` / `quadratic`.
    pub fn parse(name: &str) -> Result<Self> {
        match name {
            "CrossEntropyCost" | "cross-entropy" | "crossentropy" => Ok(Cost::CrossEntropy),
            "QuadraticCost" | "quadratic" => Ok(Cost::Quadratic),
            other => Err(Error::new(format!(
                "unknown cost {other:?} (expected CrossEntropyCost or QuadraticCost)"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cross_entropy_by_hand() {
        // −ln 0.8 = 0.2231435513142097
        assert!((Cost::CrossEntropy.value(0.8_f64, 1.0) - 0.223_143_551_314_209_7).abs() < 1e-15);
        // −0.3 ln 0.6 − 0.7 ln 0.4 = 0.7946577851...
        let c = -0.3 * 0.6_f64.ln() - 0.7 * 0.4_f64.ln();
        assert!((Cost::CrossEntropy.value(0.6_f64, 0.3) - c).abs() < 1e-15);
        // a = 1, y = 1: 0·ln 0 is taken as 0, as network2's nan_to_num does.
        assert_eq!(Cost::CrossEntropy.value(1.0_f64, 1.0), 0.0);
        assert_eq!(
            Cost::CrossEntropy.value(0.0_f64, 1.0),
            f64::INFINITY.min(f64::MAX)
        );
    }

    #[test]
    fn quadratic_by_hand() {
        assert!((Cost::Quadratic.value(0.8_f64, 1.0) - 0.02).abs() < 1e-15);
        // (0.8 − 1)·σ′(0) = −0.2 · 0.25
        assert!((Cost::Quadratic.delta(0.0_f64, 0.8, 1.0) + 0.05).abs() < 1e-15);
    }

    #[test]
    fn names() {
        for c in [Cost::CrossEntropy, Cost::Quadratic] {
            assert_eq!(Cost::parse(c.network2_name()), Ok(c));
        }
        assert!(Cost::parse("LogLikelihood").is_err());
    }
}
