//! The update rule of network2's `SGD` with L2 regularisation:
//! w ← (1 − ηλ/n)·w − (η/m)·Σ∇w, b ← b − (η/m)·Σ∇b (biases are not decayed).

use crate::{Backprop, Error, Network, Real, Result};
use ndarray::Zip;

/// The stream of a seed used to shuffle the training set (stream 0 draws the weights).
pub const SHUFFLE_STREAM: u64 = 1;

/// Learning rate η, L2 regularisation λ and mini-batch size m.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hyper {
    /// Learning rate η.
    pub eta: f64,
    /// Regularisation parameter λ.
    pub lambda: f64,
    /// Mini-batch size m (≥ the training-set size means full-batch gradient descent).
    pub batch: usize,
}

impl Hyper {
    /// Refuses non-finite or negative values and an empty mini-batch.
    pub fn check(&self) -> Result<()> {
        if !(self.eta.is_finite() && self.eta >= 0.0) {
            return Err(Error::new(format!(
                "learning rate η must be finite and ≥ 0, got {}",
                self.eta
            )));
        }
        if !(self.lambda.is_finite() && self.lambda >= 0.0) {
            return Err(Error::new(format!(
                "regularisation λ must be finite and ≥ 0, got {}",
                self.lambda
            )));
        }
        if self.batch == 0 {
            return Err(Error::new("the mini-batch size must be at least 1"));
        }
        Ok(())
    }
}

/// Applies the gradients summed in `bp` over a mini-batch of `m` examples from a set of `n`.
pub fn update<F: Real>(net: &mut Network<F>, bp: &Backprop<F>, hyper: Hyper, m: usize, n: usize) {
    update_scaled(net, bp, hyper, (m, n), 1.0);
}

/// [`update`] with the gradient multiplied by `factor` (gradient clipping's c/‖g‖; the L2 decay is
/// not scaled), and batch norm's γ and β updated too. `(m, n)`: the mini-batch and set sizes.
pub fn update_scaled<F: Real>(
    net: &mut Network<F>,
    bp: &Backprop<F>,
    hyper: Hyper,
    (m, n): (usize, usize),
    factor: f64,
) {
    let decay = F::of(1.0 - hyper.eta * hyper.lambda / n as f64);
    let step = F::of(hyper.eta / m as f64 * factor);
    if let Some(bn) = &mut net.batch_norm {
        bn.update(&bp.norm, step);
    }
    for (w, nw) in net.weights.iter_mut().zip(&bp.nabla_w) {
        Zip::from(w)
            .and(nw)
            .for_each(|w, &g| *w = decay * *w - step * g);
    }
    for (b, nb) in net.biases.iter_mut().zip(&bp.nabla_b) {
        Zip::from(b).and(nb).for_each(|b, &g| *b -= step * g);
    }
}
