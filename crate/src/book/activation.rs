//! Activation functions of the hidden neurons: the book's sigmoid, and tanh and ReLU to compare.

use crate::{Error, Real, Result};
use serde::{Deserialize, Serialize};

/// The function σ applied by each hidden neuron (the output layer is always sigmoid).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Activation {
    /// σ(z) = 1 / (1 + e^−z), the chapter's neuron.
    Sigmoid,
    /// tanh(z).
    Tanh,
    /// max(0, z).
    Relu,
}

/// The logistic sigmoid σ(z) = 1 / (1 + e^−z).
pub fn sigmoid<F: Real>(z: F) -> F {
    F::one() / (F::one() + (-z).exp_fast())
}

/// The sigmoid's derivative σ′(z) = σ(z)(1 − σ(z)), at most 1/4 (at z = 0).
pub fn sigmoid_prime<F: Real>(z: F) -> F {
    let s = sigmoid(z);
    s * (F::one() - s)
}

impl Activation {
    /// The activation a = σ(z).
    pub fn apply<F: Real>(self, z: F) -> F {
        match self {
            Activation::Sigmoid => sigmoid(z),
            Activation::Tanh => z.tanh(),
            Activation::Relu => z.max(F::zero()),
        }
    }

    /// a = σ(z) for every element, with the choice of function made once, outside the loop (so
    /// that the loop vectorises; the sigmoid over contiguous arrays runs at the CPU's SIMD width).
    pub fn apply_all<F: Real>(self, mut a: ndarray::ArrayViewMut2<F>, z: ndarray::ArrayView2<F>) {
        if let (Activation::Sigmoid, Some(a), Some(z)) = (self, a.as_slice_mut(), z.to_slice()) {
            // At this CPU's SIMD width (the kernels' dispatch).
            return F::sigmoid_all(a, z);
        }
        let zip = ndarray::Zip::from(a).and(z);
        match self {
            Activation::Sigmoid => zip.for_each(|a, &z| *a = sigmoid(z)),
            Activation::Tanh => zip.for_each(|a, &z| *a = z.tanh()),
            Activation::Relu => zip.for_each(|a, &z| *a = z.max(F::zero())),
        }
    }

    /// The derivative σ′(z).
    pub fn prime<F: Real>(self, z: F) -> F {
        match self {
            Activation::Sigmoid => sigmoid_prime(z),
            Activation::Tanh => {
                let t = z.tanh();
                F::one() - t * t
            }
            Activation::Relu => {
                if z > F::zero() {
                    F::one()
                } else {
                    F::zero()
                }
            }
        }
    }

    /// The derivative σ′(z) written through the activation a = σ(z), saving an exp.
    pub fn prime_from_activation<F: Real>(self, a: F) -> F {
        match self {
            Activation::Sigmoid => a * (F::one() - a),
            Activation::Tanh => F::one() - a * a,
            Activation::Relu => {
                if a > F::zero() {
                    F::one()
                } else {
                    F::zero()
                }
            }
        }
    }

    /// The largest value σ′ takes: 1/4 for sigmoid (at z = 0), 1 for tanh and ReLU.
    pub fn max_prime(self) -> f64 {
        match self {
            Activation::Sigmoid => 0.25,
            Activation::Tanh | Activation::Relu => 1.0,
        }
    }

    /// The name used in the CLI, the page and saved networks.
    pub fn name(self) -> &'static str {
        match self {
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Relu => "relu",
        }
    }

    /// Parses `sigmoid`, `tanh` or `relu`.
    pub fn parse(name: &str) -> Result<Self> {
        match name {
            "sigmoid" => Ok(Activation::Sigmoid),
            "tanh" => Ok(Activation::Tanh),
            "relu" => Ok(Activation::Relu),
            other => Err(Error::new(format!(
                "unknown activation {other:?} (expected sigmoid, tanh or relu)"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sigmoid_values_by_hand() {
        assert_eq!(sigmoid(0.0_f64), 0.5);
        // σ(1) = 1/(1+e^-1) = 0.7310585786300049
        assert!((sigmoid(1.0_f64) - 0.731_058_578_630_004_9).abs() < 1e-15);
        assert_eq!(sigmoid_prime(0.0_f64), 0.25);
        assert_eq!(sigmoid(-1000.0_f64), 0.0);
        assert_eq!(sigmoid(1000.0_f64), 1.0);
        assert_eq!(sigmoid_prime(1000.0_f64), 0.0);
    }

    #[test]
    fn primes_match_central_differences() {
        for act in [Activation::Sigmoid, Activation::Tanh, Activation::Relu] {
            for z in [-3.0, -0.7, 0.3, 2.5_f64] {
                let h = 1e-6;
                let fd = (act.apply(z + h) - act.apply(z - h)) / (2.0 * h);
                assert!((fd - act.prime(z)).abs() < 1e-8, "{act:?} at {z}");
                let via_a = act.prime_from_activation(act.apply(z));
                assert!((via_a - act.prime(z)).abs() < 1e-12, "{act:?} at {z}");
            }
        }
    }

    #[test]
    fn names_round_trip() {
        for act in [Activation::Sigmoid, Activation::Tanh, Activation::Relu] {
            assert_eq!(Activation::parse(act.name()), Ok(act));
        }
        assert!(Activation::parse("softmax").is_err());
    }
}
