//! Backpropagation over a whole mini-batch as matrix operations: δ^l, ∂C/∂b^l and ∂C/∂w^l.
//!
//! Examples are rows: Z^1 = X·(w^1)ᵀ + b^1 (X sparse: only inked pixels), Z^l = A^{l−1}·(w^l)ᵀ + b^l,
//! A^l = σ(Z^l), δ^L from the cost, δ^{l−1} = (δ^l·w^l) ⊙ σ′(Z^{l−1}), ∂C/∂b^l = Σ_rows δ^l,
//! ∂C/∂w^l = (δ^l)ᵀ·A^{l−1}. Gradients are summed over the batch, as network2's
//! `update_mini_batch` sums them before dividing by m.

use crate::batch_norm::NormPass;
use crate::fast::dense::mat_mul;
use crate::fast::kernels::padded;
use crate::network::pixel_major;
use crate::skip::{skips_into, SkipPass};
use crate::sparse::{AlignedSums, SparseRows, SparseView};
use crate::{Activation, Network, Real};
use ndarray::{s, Array1, Array2, ArrayView2, ArrayViewMut2, ShapeBuilder, Zip};

/// The batch size from which the first layer works in rows padded to whole vectors, aligned (a
/// copy of w^1 before the forward product, gradient sums added into ∂C/∂w^1 after): each copy
/// costs about what 5 MNIST images' first layer does (784 rows against ~150 inked pixels each).
const PAD_ROWS: usize = 64;

/// Reusable buffers for backprop on batches of up to `capacity` examples (no allocation per batch).
#[derive(Clone, Debug)]
pub struct Backprop<F: Real> {
    capacity: usize,
    /// acts[l] = A^{l+1}, each capacity × n_{l+1}.
    acts: Vec<Array2<F>>,
    /// zs[l] = Z^{l+1}, each capacity × n_{l+1}.
    zs: Vec<Array2<F>>,
    /// deltas[l] = δ^{l+1}, each capacity × n_{l+1}.
    deltas: Vec<Array2<F>>,
    /// A pixel-major copy of w^1, made only for a network whose w^1 is not [`pixel_major`].
    w1t: Array2<F>,
    /// A row of ones, 1 × capacity, for Σ_rows δ through [`mat_mul`] (where [`Real::has_matmul`]).
    ones: Array2<F>,
    /// w^1 pixel-major in rows of [`padded`] lanes, for batches of at least [`PAD_ROWS`] rows.
    w1_padded: AlignedSums<F>,
    /// (w^l)ᵀ copied row-major for the forward product, where [`Real::has_matmul`].
    wt: Array2<F>,
    /// Dense inputs converted to sparse rows.
    scratch: SparseRows<F>,
    /// Σ∂C/∂w^1 of the batch in pixel rows of [`padded`] lanes, and one δ^1 row padded with zeros.
    padded_sums: (AlignedSums<F>, Vec<F>),
    /// Σ over the batch of ∂C/∂w, one per weight matrix; `nabla_w[0]` is [`pixel_major`].
    pub nabla_w: Vec<Array2<F>>,
    /// Σ over the batch of ∂C/∂b, one per bias vector.
    pub nabla_b: Vec<Array1<F>>,
    /// Batch norm's buffers, its mode (batch statistics or running averages) and Σ∂C/∂γ, Σ∂C/∂β.
    pub norm: NormPass<F>,
    /// Skip connections' buffers.
    skip: SkipPass<F>,
}

/// What backprop does with the gradient sums already in its buffers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sums {
    /// Add this batch's sums to the buffers (else overwrite them).
    pub add: bool,
    /// Compute ∂C/∂w too (measuring the speeds needs only ∂C/∂b).
    pub weights: bool,
}

impl<F: Real> Backprop<F> {
    /// Buffers for a network of `sizes`, batches of up to `capacity` rows.
    pub fn new(sizes: &[usize], capacity: usize) -> Self {
        let capacity = capacity.max(1);
        let per_layer = || -> Vec<Array2<F>> {
            sizes[1..]
                .iter()
                .map(|&n| Array2::zeros((capacity, n)))
                .collect()
        };
        Backprop {
            capacity,
            acts: per_layer(),
            zs: per_layer(),
            deltas: per_layer(),
            w1t: Array2::zeros((0, 0)),
            wt: Array2::zeros((0, 0)),
            w1_padded: AlignedSums::default(),
            ones: Array2::zeros((1, 0)),
            scratch: SparseRows::default(),
            padded_sums: Default::default(),
            nabla_w: sizes
                .windows(2)
                .enumerate()
                .map(|(l, p)| match l {
                    0 => Array2::zeros((p[1], p[0]).f()),
                    _ => Array2::zeros((p[1], p[0])),
                })
                .collect(),
            nabla_b: sizes[1..].iter().map(|&n| Array1::zeros(n)).collect(),
            norm: NormPass::default(),
            skip: SkipPass::default(),
        }
    }

    /// Grows the buffers for `rows` rows of `net`, keeping the gradient sums of the same net.
    fn fit(&mut self, net: &Network<F>, rows: usize) {
        let same_net = self
            .nabla_w
            .iter()
            .map(|w| w.dim())
            .eq(net.weights.iter().map(|w| w.dim()));
        if same_net && rows <= self.capacity {
            if let Some(w) = self.nabla_w.first_mut() {
                *w = pixel_major(std::mem::take(w));
            }
            return;
        }
        let grown = Backprop::new(&net.sizes, rows.max(self.capacity));
        let sums = (
            std::mem::take(&mut self.nabla_w),
            std::mem::take(&mut self.nabla_b),
        );
        let remedies = (
            std::mem::take(&mut self.norm),
            std::mem::take(&mut self.skip),
        );
        *self = grown;
        (self.norm, self.skip) = remedies;
        if same_net {
            (self.nabla_w, self.nabla_b) = sums;
            self.nabla_w[0] = pixel_major(std::mem::take(&mut self.nabla_w[0]));
        }
    }

    /// The output activations A^L of the last batch (first `rows` rows are valid).
    pub fn output(&self, rows: usize) -> ArrayView2<'_, F> {
        let last = self.acts.len() - 1;
        self.acts[last].slice(s![..rows, ..])
    }

    /// The activations A^l (l ≥ 1) of the last batch (first `rows` rows are valid).
    pub fn activations(&self, l: usize, rows: usize) -> ArrayView2<'_, F> {
        self.acts[l.clamp(1, self.acts.len()) - 1].slice(s![..rows, ..])
    }

    /// The inputs of layer l's activation (l ≥ 1): Z^l, or batch norm's γ·x̂ + β, of the last batch
    /// (first `rows` rows are valid).
    pub fn activation_inputs(&self, l: usize, rows: usize) -> ArrayView2<'_, F> {
        self.zs[l.clamp(1, self.zs.len()) - 1].slice(s![..rows, ..])
    }

    /// The output layer's weighted inputs Z^L of the last batch (first `rows` rows are valid).
    pub fn output_z(&self, rows: usize) -> ArrayView2<'_, F> {
        let last = self.zs.len() - 1;
        self.zs[last].slice(s![..rows, ..])
    }

    /// Forward pass of the examples in the rows of `x`; keeps every Z^l and A^l.
    pub fn feedforward(&mut self, net: &Network<F>, x: ArrayView2<F>) {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.fill_from_dense(x);
        self.feedforward_sparse(net, scratch.view(0, x.nrows()));
        self.scratch = scratch;
    }

    /// Forward pass of sparse input rows; keeps every Z^l and A^l.
    pub fn feedforward_sparse(&mut self, net: &Network<F>, x: SparseView<F>) {
        let m = x.len();
        self.fit(net, m);
        let n1 = net.sizes[1];
        let w1t = match net.weights[0].t().to_slice() {
            Some(w) => w,
            None => {
                self.w1t = net.weights[0].t().as_standard_layout().into_owned();
                self.w1t.as_slice().unwrap_or(&[])
            }
        };
        // A large batch reads w^1 from an aligned copy in rows padded to whole vectors.
        let (w1t, width) = if m >= PAD_ROWS {
            let stride = padded(n1);
            let copy = self.w1_padded.zeroed(w1t.len() / n1.max(1) * stride);
            for (to, from) in copy.chunks_exact_mut(stride).zip(w1t.chunks_exact(n1)) {
                to[..n1].copy_from_slice(from);
            }
            (&*copy, stride)
        } else {
            (w1t, n1)
        };
        let z = self.zs[0].as_slice_mut().unwrap_or(&mut []);
        let b = net.biases[0].as_slice().unwrap_or(&[]);
        for (i, z_row) in z.chunks_exact_mut(n1).take(m).enumerate() {
            let (pixels, values) = x.row(i);
            z_row.copy_from_slice(b);
            F::gather_rows(z_row, w1t, width, pixels, values);
        }
        for l in 0..net.weights.len() {
            if l > 0 {
                let a_prev = self.acts[l - 1].slice(s![..m, ..]);
                let mut z = self.zs[l].slice_mut(s![..m, ..]);
                z.assign(&net.biases[l]);
                let wt = if F::has_matmul() {
                    let w = &net.weights[l];
                    if self.wt.dim() != (w.ncols(), w.nrows()) {
                        self.wt = Array2::zeros((w.ncols(), w.nrows()));
                    }
                    self.wt.assign(&w.t());
                    self.wt.view()
                } else {
                    net.weights[l].t()
                };
                mat_mul(a_prev, wt, F::one(), z);
            }
            // Remedy hook (batch_norm.rs): a hidden layer's z normalised before σ.
            if let Some(bn) = net
                .batch_norm
                .as_ref()
                .filter(|_| l + 1 < net.weights.len())
            {
                self.norm.forward(bn, l, self.zs[l].slice_mut(s![..m, ..]));
            }
            let act = net.activation_of(l);
            act.apply_all(
                self.acts[l].slice_mut(s![..m, ..]),
                self.zs[l].slice(s![..m, ..]),
            );
            // Remedy hook (skip.rs): a^l = a^{l−1} + σ(z^l).
            if net.skip && skips_into(&net.sizes, l) {
                let (before, after) = self.acts.split_at_mut(l);
                let a_prev = before[l - 1].slice(s![..m, ..]);
                self.skip
                    .forward(l, after[0].slice_mut(s![..m, ..]), a_prev);
            }
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

    /// [`Backprop::backprop_sparse`] on dense input rows.
    pub fn backprop_sums(
        &mut self,
        net: &Network<F>,
        x: ArrayView2<F>,
        y: ArrayView2<F>,
        sums: Sums,
    ) {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.fill_from_dense(x);
        self.backprop_sparse(net, scratch.view(0, x.nrows()), y, sums);
        self.scratch = scratch;
    }

    /// Backprop whose summed gradients replace, or add to, those already in `nabla_w`/`nabla_b`
    /// (so a batch can be processed in chunks); without `weights`, ∂C/∂w is left untouched.
    pub fn backprop_sparse(
        &mut self,
        net: &Network<F>,
        x: SparseView<F>,
        y: ArrayView2<F>,
        sums: Sums,
    ) {
        let m = x.len();
        self.feedforward_sparse(net, x);
        let layers = net.weights.len();
        let cost = net.cost;
        Zip::from(self.deltas[layers - 1].slice_mut(s![..m, ..]))
            .and(self.zs[layers - 1].slice(s![..m, ..]))
            .and(self.acts[layers - 1].slice(s![..m, ..]))
            .and(&y)
            .for_each(|d, &z, &a, &y| *d = cost.delta(z, a, y));
        let beta = if sums.add { F::one() } else { F::zero() };
        for l in (0..layers).rev() {
            // Remedy hook (batch_norm.rs): ∂C/∂y of a hidden layer turned into ∂C/∂z.
            if let Some(bn) = net.batch_norm.as_ref().filter(|_| l + 1 < layers) {
                let delta = self.deltas[l].slice_mut(s![..m, ..]);
                self.norm.backward(bn, l, delta, sums.add);
            }
            let delta = self.deltas[l].slice(s![..m, ..]);
            let nabla_b = &mut self.nabla_b[l];
            let sums_add = sums.add;
            if !sums.add {
                nabla_b.fill(F::zero());
            }
            if F::has_matmul() {
                // Σ_rows δ = 1ᵀ·δ, through the dense kernel (a 1 × m row of ones).
                let ones = &mut self.ones;
                if ones.len() < m {
                    *ones = Array2::ones((1, m));
                }
                let sums = nabla_b.view_mut().into_shape_with_order((1, delta.ncols()));
                let beta = if sums_add { F::one() } else { F::zero() };
                if let Ok(sums) = sums {
                    mat_mul(ones.slice(s![.., ..m]), delta, beta, sums);
                }
            } else {
                add_rows(nabla_b, delta);
            }
            if l == 0 {
                break;
            }
            if sums.weights {
                let a_prev = self.acts[l - 1].slice(s![..m, ..]);
                mat_mul(delta.t(), a_prev, beta, self.nabla_w[l].view_mut());
            }
            let act = net.activation_of(l - 1);
            let (before, after) = self.deltas.split_at_mut(l);
            let mut delta_prev = before[l - 1].slice_mut(s![..m, ..]);
            mat_mul(
                after[0].slice(s![..m, ..]),
                net.weights[l].view(),
                F::zero(),
                delta_prev.view_mut(),
            );
            // Remedy hook (skip.rs): ∂C/∂a^{l−1} gains ∂C/∂a^l; σ′ is taken from σ(z), not from a.
            let skip_prev = net.skip && skips_into(&net.sizes, l - 1);
            if net.skip && skips_into(&net.sizes, l) {
                self.skip.add_gradient(l, delta_prev.view_mut());
            }
            if skip_prev {
                self.skip.keep_gradient(l - 1, delta_prev.view());
            }
            let sigma = if skip_prev {
                self.skip.sigma(l - 1, m)
            } else {
                self.acts[l - 1].slice(s![..m, ..])
            };
            times_prime(act, delta_prev, sigma);
        }
        if sums.weights {
            self.first_layer_weights(x, sums.add);
        }
    }

    /// ∂C/∂w^1 = (δ^1)ᵀ·X, visiting only the inked pixels of each row: for a large batch summed
    /// in padded rows and then added into (or written over) the pixel-major `nabla_w[0]`, for a
    /// small one (where that copy would cost more than the sums) summed there directly.
    fn first_layer_weights(&mut self, x: SparseView<F>, add: bool) {
        let nabla = &mut self.nabla_w[0];
        let n1 = nabla.nrows();
        let pixels = nabla.ncols();
        let g = nabla
            .view_mut()
            .reversed_axes()
            .into_slice()
            .unwrap_or(&mut []);
        let deltas = self.deltas[0].as_slice().unwrap_or(&[]);
        let rows = deltas.chunks_exact(n1).take(x.len()).enumerate();
        if x.len() < PAD_ROWS {
            if !add {
                g.fill(F::zero());
            }
            for (i, delta) in rows {
                let (p, v) = x.row(i);
                F::scatter_rows(g, n1, delta, p, v);
            }
            return;
        }
        let stride = padded(n1);
        let (sums, delta_pad) = &mut self.padded_sums;
        let sums = sums.zeroed(pixels * stride);
        delta_pad.clear();
        delta_pad.resize(stride, F::zero());
        for (i, delta) in rows {
            let (p, v) = x.row(i);
            delta_pad[..n1].copy_from_slice(delta);
            F::scatter_rows(sums, stride, delta_pad, p, v);
        }
        for (g, s) in g.chunks_exact_mut(n1).zip(sums.chunks_exact(stride)) {
            if add {
                g.iter_mut().zip(s).for_each(|(g, &s)| *g += s);
            } else {
                g.copy_from_slice(&s[..n1]);
            }
        }
    }
}

/// δ ⊙= σ′ taken from the activations `a`, over whole slices where both are contiguous (the
/// activation matched once, not per element).
fn times_prime<F: Real>(act: Activation, mut delta: ArrayViewMut2<F>, a: ArrayView2<F>) {
    if let (Some(d), Some(a)) = (delta.as_slice_mut(), a.as_slice()) {
        let pairs = d.iter_mut().zip(a);
        match act {
            Activation::Sigmoid => pairs.for_each(|(d, &a)| {
                *d *= Activation::Sigmoid.prime_from_activation(a);
            }),
            _ => pairs.for_each(|(d, &a)| *d *= act.prime_from_activation(a)),
        }
        return;
    }
    Zip::from(delta)
        .and(a)
        .for_each(|d, &a| *d *= act.prime_from_activation(a));
}

/// sums += Σ over the rows of `rows` (slice by slice where both are contiguous: an ndarray row
/// view per row cost more than the adds for rows of tens).
fn add_rows<F: Real>(sums: &mut Array1<F>, rows: ArrayView2<F>) {
    match (sums.as_slice_mut(), rows.as_slice()) {
        (Some(sums), Some(all)) if !sums.is_empty() => {
            for row in all.chunks_exact(sums.len()) {
                sums.iter_mut().zip(row).for_each(|(s, &x)| *s += x);
            }
        }
        _ => {
            for row in rows.rows() {
                *sums += &row;
            }
        }
    }
}
