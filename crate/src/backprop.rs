//! Backpropagation over a whole mini-batch as matrix products: δ^l, ∂C/∂b^l and ∂C/∂w^l.
//!
//! Examples are rows: A^0 is m × n_0, Z^l = A^{l−1}·(w^l)ᵀ + b^l, A^l = σ(Z^l),
//! δ^L from the cost, δ^{l−1} = (δ^l·w^l) ⊙ σ′(Z^{l−1}), ∂C/∂b^l = Σ_rows δ^l,
//! ∂C/∂w^l = (δ^l)ᵀ·A^{l−1}. Gradients are summed over the batch, as network2's
//! `update_mini_batch` sums them before dividing by m.

use crate::{Network, Real};
use ndarray::linalg::general_mat_mul;
use ndarray::{s, Array1, Array2, ArrayView2, Zip};

/// Reusable buffers for backprop on batches of up to `capacity` examples (no allocation per batch).
#[derive(Clone, Debug)]
pub struct Backprop<F: Real> {
    capacity: usize,
    /// acts[l] = A^l (acts[0] is a copy of the input), each capacity × n_l.
    acts: Vec<Array2<F>>,
    /// zs[l] = Z^{l+1}, each capacity × n_{l+1}.
    zs: Vec<Array2<F>>,
    /// deltas[l] = δ^{l+1}, each capacity × n_{l+1}.
    deltas: Vec<Array2<F>>,
    /// Σ over the batch of ∂C/∂w, one per weight matrix.
    pub nabla_w: Vec<Array2<F>>,
    /// Σ over the batch of ∂C/∂b, one per bias vector.
    pub nabla_b: Vec<Array1<F>>,
}

impl<F: Real> Backprop<F> {
    /// Buffers for a network of `sizes`, batches of up to `capacity` rows.
    pub fn new(sizes: &[usize], capacity: usize) -> Self {
        let capacity = capacity.max(1);
        let per_layer = |sizes: &[usize]| -> Vec<Array2<F>> {
            sizes
                .iter()
                .map(|&n| Array2::zeros((capacity, n)))
                .collect()
        };
        Backprop {
            capacity,
            acts: per_layer(sizes),
            zs: per_layer(&sizes[1..]),
            deltas: per_layer(&sizes[1..]),
            nabla_w: sizes
                .windows(2)
                .map(|p| Array2::zeros((p[1], p[0])))
                .collect(),
            nabla_b: sizes[1..].iter().map(|&n| Array1::zeros(n)).collect(),
        }
    }

    /// Whether these buffers fit `net` and a batch of `rows` examples.
    pub fn fits(&self, net: &Network<F>, rows: usize) -> bool {
        rows <= self.capacity
            && self.acts.len() == net.sizes.len()
            && self
                .acts
                .iter()
                .zip(&net.sizes)
                .all(|(a, &n)| a.ncols() == n)
    }

    /// The output activations A^L of the last batch (first `rows` rows are valid).
    pub fn output(&self, rows: usize) -> ArrayView2<'_, F> {
        let last = self.acts.len() - 1;
        self.acts[last].slice(s![..rows, ..])
    }

    /// The output layer's weighted inputs Z^L of the last batch (first `rows` rows are valid).
    pub fn output_z(&self, rows: usize) -> ArrayView2<'_, F> {
        let last = self.zs.len() - 1;
        self.zs[last].slice(s![..rows, ..])
    }

    /// Forward pass of the examples in the rows of `x`; keeps every Z^l and A^l.
    pub fn feedforward(&mut self, net: &Network<F>, x: ArrayView2<F>) {
        let m = x.nrows();
        if !self.fits(net, m) {
            let grown = Backprop::new(&net.sizes, m.max(self.capacity));
            let same_net = self
                .nabla_b
                .iter()
                .map(|b| b.len())
                .eq(net.sizes[1..].iter().copied())
                && self.acts[0].ncols() == net.sizes[0];
            let sums = (
                std::mem::take(&mut self.nabla_w),
                std::mem::take(&mut self.nabla_b),
            );
            *self = grown;
            if same_net {
                (self.nabla_w, self.nabla_b) = sums;
            }
        }
        self.acts[0].slice_mut(s![..m, ..]).assign(&x);
        for l in 0..net.weights.len() {
            let act = net.activation_of(l);
            let (before, after) = self.acts.split_at_mut(l + 1);
            let a_prev = before[l].slice(s![..m, ..]);
            let mut z = self.zs[l].slice_mut(s![..m, ..]);
            general_mat_mul(F::one(), &a_prev, &net.weights[l].t(), F::zero(), &mut z);
            z += &net.biases[l];
            Zip::from(after[0].slice_mut(s![..m, ..]))
                .and(&z)
                .for_each(|a, &z| *a = act.apply(z));
        }
    }

    /// Forward and backward pass: fills `nabla_w` and `nabla_b` with gradients summed over the rows
    /// of `x` (inputs) and `y` (targets).
    pub fn backprop(&mut self, net: &Network<F>, x: ArrayView2<F>, y: ArrayView2<F>) {
        self.backprop_sums(
            net,
            x,
            y,
            Sums {
                add: false,
                weights: true,
            },
        );
    }

    /// Backprop whose summed gradients replace, or add to, those already in `nabla_w`/`nabla_b`
    /// (so a batch can be processed in chunks); without `weights`, ∂C/∂w is left untouched.
    pub fn backprop_sums(
        &mut self,
        net: &Network<F>,
        x: ArrayView2<F>,
        y: ArrayView2<F>,
        sums: Sums,
    ) {
        let m = x.nrows();
        self.feedforward(net, x);
        let layers = net.weights.len();
        let cost = net.cost;
        Zip::from(self.deltas[layers - 1].slice_mut(s![..m, ..]))
            .and(self.zs[layers - 1].slice(s![..m, ..]))
            .and(self.acts[layers].slice(s![..m, ..]))
            .and(&y)
            .for_each(|d, &z, &a, &y| *d = cost.delta(z, a, y));
        let beta = if sums.add { F::one() } else { F::zero() };
        for l in (0..layers).rev() {
            let delta = self.deltas[l].slice(s![..m, ..]);
            let nabla_b = &mut self.nabla_b[l];
            if !sums.add {
                nabla_b.fill(F::zero());
            }
            for row in delta.rows() {
                *nabla_b += &row;
            }
            if sums.weights {
                let a_prev = self.acts[l].slice(s![..m, ..]);
                general_mat_mul(F::one(), &delta.t(), &a_prev, beta, &mut self.nabla_w[l]);
            }
            if l > 0 {
                let act = net.activation_of(l - 1);
                let (before, after) = self.deltas.split_at_mut(l);
                let mut delta_prev = before[l - 1].slice_mut(s![..m, ..]);
                let delta = after[0].slice(s![..m, ..]);
                general_mat_mul(
                    F::one(),
                    &delta,
                    &net.weights[l],
                    F::zero(),
                    &mut delta_prev,
                );
                Zip::from(&mut delta_prev)
                    .and(self.acts[l].slice(s![..m, ..]))
                    .for_each(|d, &a| *d *= act.prime_from_activation(a));
            }
        }
    }
}

/// What backprop does with the gradient sums already in its buffers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sums {
    /// Add this batch's sums to the buffers (else overwrite them).
    pub add: bool,
    /// Compute ∂C/∂w too (measuring the speeds needs only ∂C/∂b).
    pub weights: bool,
}
