//! Mini-batch stochastic gradient descent with L2 regularisation, exactly as network2's `SGD`:
//! w ← (1 − ηλ/n)·w − (η/m)·Σ∇w, b ← b − (η/m)·Σ∇b (biases are not decayed).

use crate::speeds::{mean_bias_gradient, scale_sums};
use crate::{Backprop, Dataset, Error, Network, Real, Result, Rng};
use ndarray::{Array1, Array2, Zip};

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

/// The state of SGD across epochs: its shuffle stream and reusable buffers.
#[derive(Clone, Debug)]
pub struct Sgd<F: Real> {
    rng: Rng,
    order: Vec<usize>,
    batch_x: Array2<F>,
    batch_y: Array2<F>,
    bp: Backprop<F>,
}

impl<F: Real> Sgd<F> {
    /// SGD whose shuffles come from `seed` (its shuffle stream).
    pub fn new(seed: u64) -> Self {
        Sgd {
            rng: Rng::with_stream(seed, SHUFFLE_STREAM),
            order: Vec::new(),
            batch_x: Array2::zeros((0, 0)),
            batch_y: Array2::zeros((0, 0)),
            bp: Backprop::new(&[1, 1], 1),
        }
    }

    /// One epoch over `data`. Returns ∂C/∂b averaged over `data` at the start of the epoch (before
    /// any update): in full-batch mode that is the update's own bias gradient, computed once.
    pub fn epoch(
        &mut self,
        net: &mut Network<F>,
        data: &Dataset<F>,
        hyper: Hyper,
    ) -> Vec<Array1<f64>> {
        let n = data.len();
        let m = hyper.batch.min(n).max(1);
        self.order.clear();
        self.order.extend(0..n);
        self.rng.shuffle(&mut self.order);
        if m == n {
            // Full batch: the order of a sum does not change it, so use the set as it lies.
            let (x, y) = data.rows(0, n);
            self.bp.backprop(net, x, y);
            let gradient = self
                .bp
                .nabla_b
                .iter()
                .map(|b| b.mapv(|g| g.f64()))
                .collect();
            self.update(net, hyper, n, n);
            return scale_sums(gradient, n);
        }
        let gradient = mean_bias_gradient(net, data, &mut self.bp);
        if self.batch_x.dim() != (m, data.inputs()) {
            self.batch_x = Array2::zeros((m, data.inputs()));
            self.batch_y = Array2::zeros((m, data.y.ncols()));
        }
        for start in (0..n).step_by(m) {
            let rows = (n - start).min(m);
            for (r, &i) in self.order[start..start + rows].iter().enumerate() {
                self.batch_x.row_mut(r).assign(&data.x.row(i));
                self.batch_y.row_mut(r).assign(&data.y.row(i));
            }
            let (x, y) = (
                self.batch_x.slice(ndarray::s![..rows, ..]),
                self.batch_y.slice(ndarray::s![..rows, ..]),
            );
            self.bp.backprop(net, x, y);
            self.update(net, hyper, rows, n);
        }
        gradient
    }

    /// Applies the summed gradients of the last batch of `m` examples, from a set of `n`.
    fn update(&self, net: &mut Network<F>, hyper: Hyper, m: usize, n: usize) {
        let decay = F::of(1.0 - hyper.eta * hyper.lambda / n as f64);
        let step = F::of(hyper.eta / m as f64);
        for (w, nw) in net.weights.iter_mut().zip(&self.bp.nabla_w) {
            Zip::from(w)
                .and(nw)
                .for_each(|w, &g| *w = decay * *w - step * g);
        }
        for (b, nb) in net.biases.iter_mut().zip(&self.bp.nabla_b) {
            Zip::from(b).and(nb).for_each(|b, &g| *b -= step * g);
        }
    }
}
