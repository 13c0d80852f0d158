//! Cost functions: cross-entropy (network2's default) and the quadratic cost, with their output error δ^L.

use crate::activation::sigmoid_prime;
use crate::{Error, Real, Result};
use serde::{Deserialize, Serialize};

/// The cost C of one output neuron, summed over output neurons and averaged over examples.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cost {
    /// C = −y ln a − (1 − y) ln(1 − a); with a sigmoid output, δ^L = a − y.
    #[serde(alias = "CrossEntropyCost", alias = "crossentropy")]
    CrossEntropy,
    /// C = ½ (a − y)²; δ^L = (a − y) σ′(z).
    #[serde(alias = "QuadraticCost")]
    Quadratic,
}

impl Cost {
    /// The cost of one output neuron with weighted input `z`, activation a = σ(z) and target `y`.
    /// Cross-entropy is computed from z as y·softplus(−z) + (1 − y)·softplus(z), which equals
    /// −y ln a − (1 − y) ln(1 − a) but stays finite where a rounds to 0 or 1.
    pub fn value<F: Real>(self, z: F, a: F, y: F) -> f64 {
        let (z, a, y) = (z.f64(), a.f64(), y.f64());
        match self {
            Cost::CrossEntropy => y * softplus(-z) + (1.0 - y) * softplus(z),
            Cost::Quadratic => 0.5 * (a - y) * (a - y),
        }
    }

    /// Σ of [`Cost::value`] over matching elements of `z`, `a` and `y`, in the network's float type
    /// (cross-entropy through [`Real::softplus_fast`]), summed in blocks of 64 then in f64: the same
    /// total as the f64 formula to ~1e-6 relative, and several times faster.
    pub fn sum<F: Real>(self, z: &[F], a: &[F], y: &[F]) -> f64 {
        let z = &z[..z.len().min(a.len()).min(y.len())];
        if self == Cost::Quadratic {
            let terms = z.iter().zip(a).zip(y);
            return terms.map(|((&z, &a), &y)| self.value(z, a, y)).sum();
        }
        let mut total = 0.0;
        for (z, y) in z.chunks(64).zip(y.chunks(64)) {
            let mut lanes = [F::zero(); 8];
            for (z, y) in z.chunks(8).zip(y.chunks(8)) {
                for ((lane, &z), &y) in lanes.iter_mut().zip(z).zip(y) {
                    // −y ln a − (1 − y) ln(1 − a) = y·softplus(−z) + (1 − y)·softplus(z)
                    //   = y·max(−z, 0) + (1 − y)·max(z, 0) + ln(1 + e^−|z|).
                    let zero = F::zero();
                    let c = y * (-z).max(zero) + (F::one() - y) * z.max(zero);
                    *lane += c + (-z.abs()).softplus_fast();
                }
            }
            total += lanes.iter().map(|x| x.f64()).sum::<f64>();
        }
        total
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

/// softplus(x) = ln(1 + eˣ), computed without overflow.
fn softplus(x: f64) -> f64 {
    x.max(0.0) + (-x.abs()).exp().ln_1p()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The z with σ(z) = a.
    fn logit(a: f64) -> f64 {
        (a / (1.0 - a)).ln()
    }

    #[test]
    fn cross_entropy_by_hand() {
        let ce = |a: f64, y: f64| Cost::CrossEntropy.value(logit(a), a, y);
        // −ln 0.8 = 0.2231435513142097
        assert!((ce(0.8, 1.0) - 0.223_143_551_314_209_7).abs() < 1e-12);
        // −0.3 ln 0.6 − 0.7 ln 0.4
        let c = -0.3 * 0.6_f64.ln() - 0.7 * 0.4_f64.ln();
        assert!((ce(0.6, 0.3) - c).abs() < 1e-12);
        // Saturated neurons: a rounds to 1 in f32 at z = 40, yet the cost is the exact e^−40 / 40.
        assert!((Cost::CrossEntropy.value(40.0_f32, 1.0, 1.0) - (-40.0_f64).exp()).abs() < 1e-25);
        assert!((Cost::CrossEntropy.value(40.0_f32, 1.0, 0.0) - 40.0).abs() < 1e-12);
        assert!(Cost::CrossEntropy.value(-1e30_f32, 0.0, 1.0) == 1e30_f32 as f64);
    }

    #[test]
    fn quadratic_by_hand() {
        assert!((Cost::Quadratic.value(0.0_f64, 0.8, 1.0) - 0.02).abs() < 1e-15);
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
