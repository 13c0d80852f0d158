//! Skip connections between hidden layers of equal width: a^l = a^{l−1} + σ(z^l).
//!
//! Backwards, ∂C/∂a^{l−1} = (w^l)ᵀ·δ^l + ∂C/∂a^l: the gradient has a path that does not multiply by
//! w·σ′ at every layer, so early layers learn at nearly the speed of late ones. The first hidden
//! layer (784 inputs) and the output layer never skip; nor does a layer whose width differs from
//! the layer before it.

use crate::Real;
use ndarray::{s, Array2, ArrayView2, ArrayViewMut2};

/// Whether the layer fed by `weights[l]` adds its input a^{l−1} to its activation, for a net of
/// `sizes` with skip connections: a hidden layer after the first, as wide as the layer before it.
pub fn skips_into(sizes: &[usize], l: usize) -> bool {
    l >= 1 && l + 2 < sizes.len() && sizes[l] == sizes[l + 1]
}

/// Backprop's buffers for skip connections: σ(z^l) and ∂C/∂a^l of the layers that skip (indexed
/// like `weights`).
#[derive(Clone, Debug, Default)]
pub struct SkipPass<F: Real> {
    sigma: Vec<Array2<F>>,
    grad: Vec<Array2<F>>,
}

/// `v[l]` with at least `m` rows of `n` columns.
fn sized<F: Real>(v: &mut Vec<Array2<F>>, l: usize, m: usize, n: usize) -> &mut Array2<F> {
    while v.len() <= l {
        v.push(Array2::zeros((0, 0)));
    }
    if v[l].nrows() < m || v[l].ncols() != n {
        v[l] = Array2::zeros((m, n));
    }
    &mut v[l]
}

impl<F: Real> SkipPass<F> {
    /// Forward: keeps σ(z^l) (in `a`, m rows) and adds the layer's input: a ← a + a_prev.
    pub fn forward(&mut self, l: usize, mut a: ArrayViewMut2<F>, a_prev: ArrayView2<F>) {
        let (m, n) = a.dim();
        sized(&mut self.sigma, l, m, n)
            .slice_mut(s![..m, ..])
            .assign(&a);
        a += &a_prev;
    }

    /// σ(z^l) of the last forward pass (m rows), where σ′ must be taken from.
    pub fn sigma(&self, l: usize, m: usize) -> ArrayView2<'_, F> {
        self.sigma[l].slice(s![..m, ..])
    }

    /// Backward, into layer `l − 1` through the skip of layer `l`: g ← g + ∂C/∂a^l.
    pub fn add_gradient(&self, l: usize, mut g: ArrayViewMut2<F>) {
        let m = g.nrows();
        g += &self.grad[l].slice(s![..m, ..]);
    }

    /// Keeps ∂C/∂a^l (before σ′ is applied), for the skip that layer `l` passes down.
    pub fn keep_gradient(&mut self, l: usize, g: ArrayView2<F>) {
        let (m, n) = g.dim();
        sized(&mut self.grad, l, m, n)
            .slice_mut(s![..m, ..])
            .assign(&g);
    }
}
