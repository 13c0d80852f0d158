//! Batch normalisation (Ioffe & Szegedy 2015) of the hidden layers: z → y = γ·(z − μ)/√(σ² + ε) + β
//! before the activation, y = γ·x̂ + β.
//!
//! While training, μ and σ² are the mini-batch's own statistics (so that backprop also goes through
//! them); for validation and for every measurement outside a training batch (the speeds) they are
//! the running averages, so that a net's output for one image does not depend on the other images.
//! With batch norm the bias b cancels in z − μ: its gradient Σ ∂C/∂z over a batch is 0, and the
//! layer's shift is β, so a layer's learning speed is ‖∂C/∂β^l‖.

use crate::Real;
use ndarray::{Array1, Array2, ArrayView2, ArrayViewMut2, Axis, Zip};

/// ε in √(σ² + ε): the paper's and the common libraries' value, small against the variances of z
/// (≈ 0.1–1 for network2's initialisation) and large enough to keep a constant neuron finite.
pub const EPSILON: f64 = 1e-5;
/// How far the running averages move towards each training batch's statistics (PyTorch's 0.1).
pub const MOMENTUM: f64 = 0.1;

/// γ, β and the running averages of μ and σ² of every hidden layer (index 0: the first hidden layer).
#[derive(Clone, Debug, PartialEq)]
pub struct BatchNorm<F: Real = f32> {
    /// The scale γ of each hidden layer (starts at 1).
    pub gamma: Vec<Array1<F>>,
    /// The shift β of each hidden layer (starts at 0).
    pub beta: Vec<Array1<F>>,
    /// The running average of the batch means μ.
    pub mean: Vec<Array1<F>>,
    /// The running average of the batch variances σ² (unbiased, as the paper's inference step).
    pub var: Vec<Array1<F>>,
}

impl<F: Real> BatchNorm<F> {
    /// γ = 1, β = 0, running μ = 0 and σ² = 1 for hidden layers of `widths`.
    pub fn new(widths: &[usize]) -> Self {
        let fill = |x: f64| {
            widths
                .iter()
                .map(|&n| Array1::from_elem(n, F::of(x)))
                .collect()
        };
        BatchNorm {
            gamma: fill(1.0),
            beta: fill(0.0),
            mean: fill(0.0),
            var: fill(1.0),
        }
    }

    /// Whether the running averages were never updated (μ = 0, σ² = 1 everywhere).
    pub fn is_fresh(&self) -> bool {
        let all = |v: &[Array1<F>], x: f64| v.iter().all(|a| a.iter().all(|&y| y == F::of(x)));
        all(&self.mean, 0.0) && all(&self.var, 1.0)
    }

    /// Moves the running averages by `momentum` towards the statistics of the training batch
    /// `pass` just normalised (its variance made unbiased: × m/(m − 1)).
    pub fn track(&mut self, pass: &NormPass<F>, momentum: f64) {
        let m = pass.rows as f64;
        let unbias = if m > 1.0 { m / (m - 1.0) } else { 1.0 };
        let (keep, take) = (F::of(1.0 - momentum), F::of(momentum));
        for (l, (mean, var)) in self.mean.iter_mut().zip(&mut self.var).enumerate() {
            let (Some(mu), Some(s2)) = (pass.batch_mean.get(l), pass.batch_var.get(l)) else {
                continue;
            };
            Zip::from(mean)
                .and(mu)
                .for_each(|r, &b| *r = keep * *r + take * b);
            Zip::from(var)
                .and(s2)
                .for_each(|r, &b| *r = keep * *r + take * b * F::of(unbias));
        }
    }

    /// Whether every γ, β and running average is finite.
    pub fn is_finite(&self) -> bool {
        [&self.gamma, &self.beta, &self.mean, &self.var]
            .iter()
            .all(|v| v.iter().all(|a| a.iter().all(|x| x.is_finite())))
    }

    /// The same parameters in another precision.
    pub fn cast<G: Real>(&self) -> BatchNorm<G> {
        let cast = |v: &[Array1<F>]| v.iter().map(|a| a.mapv(|x| G::of(x.f64()))).collect();
        BatchNorm {
            gamma: cast(&self.gamma),
            beta: cast(&self.beta),
            mean: cast(&self.mean),
            var: cast(&self.var),
        }
    }

    /// The SGD step on γ and β: each − `step`·Σ∂C/∂γ (resp. β) (not decayed by L2, like biases).
    pub fn update(&mut self, pass: &NormPass<F>, step: F) {
        let pairs = [
            (&mut self.gamma, &pass.nabla_gamma),
            (&mut self.beta, &pass.nabla_beta),
        ];
        for (params, grads) in pairs {
            for (p, g) in params.iter_mut().zip(grads) {
                Zip::from(p).and(g).for_each(|p, &g| *p -= step * g);
            }
        }
    }
}

/// Backprop's buffers for batch norm: x̂ and 1/√(σ² + ε) of the last forward pass, the batch's μ and
/// σ², and the sums Σ∂C/∂γ, Σ∂C/∂β (one entry per hidden layer).
#[derive(Clone, Debug, Default)]
pub struct NormPass<F: Real> {
    /// Normalise with the batch's own statistics (training) rather than the running averages.
    pub training: bool,
    /// Rows of the last forward pass.
    pub rows: usize,
    xhat: Vec<Array2<F>>,
    inv_std: Vec<Array1<F>>,
    /// The last training batch's μ of each hidden layer.
    pub batch_mean: Vec<Array1<F>>,
    /// The last training batch's σ² (biased: divided by m) of each hidden layer.
    pub batch_var: Vec<Array1<F>>,
    /// Σ over the batch of ∂C/∂γ.
    pub nabla_gamma: Vec<Array1<F>>,
    /// Σ over the batch of ∂C/∂β.
    pub nabla_beta: Vec<Array1<F>>,
}

/// `v[l]` made to hold `n` zeros if it does not have that length (entries before `l` added as needed).
fn sized<F: Real>(v: &mut Vec<Array1<F>>, l: usize, n: usize) -> &mut Array1<F> {
    while v.len() <= l {
        v.push(Array1::zeros(0));
    }
    if v[l].len() != n {
        v[l] = Array1::zeros(n);
    }
    &mut v[l]
}

impl<F: Real> NormPass<F> {
    /// Normalises hidden layer `l`'s weighted inputs `z` (m rows) in place: z ← γ·x̂ + β, keeping x̂.
    pub fn forward(&mut self, bn: &BatchNorm<F>, l: usize, mut z: ArrayViewMut2<F>) {
        let (m, n) = z.dim();
        self.rows = m;
        let eps = F::of(EPSILON);
        let (mu, var) = if self.training {
            let mean = z.mean_axis(Axis(0)).unwrap_or_else(|| Array1::zeros(n));
            let mut var = Array1::zeros(n);
            for row in z.rows() {
                Zip::from(&mut var)
                    .and(&row)
                    .and(&mean)
                    .for_each(|v, &x, &mu| *v += (x - mu) * (x - mu));
            }
            var.mapv_inplace(|v| v / F::of(m.max(1) as f64));
            sized(&mut self.batch_mean, l, n).assign(&mean);
            sized(&mut self.batch_var, l, n).assign(&var);
            (mean, var)
        } else {
            (bn.mean[l].clone(), bn.var[l].clone())
        };
        let inv = sized(&mut self.inv_std, l, n);
        Zip::from(&mut *inv)
            .and(&var)
            .for_each(|i, &v| *i = F::one() / (v + eps).sqrt());
        while self.xhat.len() <= l {
            self.xhat.push(Array2::zeros((0, 0)));
        }
        if self.xhat[l].nrows() < m || self.xhat[l].ncols() != n {
            self.xhat[l] = Array2::zeros((m, n));
        }
        let (gamma, beta) = (&bn.gamma[l], &bn.beta[l]);
        for (mut z_row, mut x_row) in z.rows_mut().into_iter().zip(self.xhat[l].rows_mut()) {
            Zip::from(&mut z_row)
                .and(&mut x_row)
                .and(&mu)
                .and(&*inv)
                .for_each(|z, x, &mu, &i| *x = (*z - mu) * i);
            Zip::from(&mut z_row)
                .and(&x_row)
                .and(gamma)
                .and(beta)
                .for_each(|z, &x, &g, &b| *z = g * x + b);
        }
    }

    /// Turns `delta` (m rows of ∂C/∂y) of hidden layer `l` into ∂C/∂z in place, summing ∂C/∂γ and
    /// ∂C/∂β (added to the sums when `add`). Training: ∂C/∂z = γ/(m·s)·(m·∂C/∂y − Σ∂C/∂y − x̂·Σ∂C/∂y·x̂);
    /// running averages: ∂C/∂z = γ/s·∂C/∂y (s = √(σ² + ε)).
    pub fn backward(
        &mut self,
        bn: &BatchNorm<F>,
        l: usize,
        mut delta: ArrayViewMut2<F>,
        add: bool,
    ) {
        let (m, n) = delta.dim();
        let xhat = self.xhat[l].slice(ndarray::s![..m, ..]);
        let sum_dy = delta.sum_axis(Axis(0));
        let sum_dy_x = product_sums(delta.view(), xhat);
        for (sums, batch) in [
            (&mut self.nabla_beta, &sum_dy),
            (&mut self.nabla_gamma, &sum_dy_x),
        ] {
            let s = sized(sums, l, n);
            if add {
                *s += batch;
            } else {
                s.assign(batch);
            }
        }
        let scale: Array1<F> = &bn.gamma[l] * &self.inv_std[l];
        if !self.training {
            for mut row in delta.rows_mut() {
                row *= &scale;
            }
            return;
        }
        let mf = F::of(m as f64);
        for (mut row, x_row) in delta.rows_mut().into_iter().zip(xhat.rows()) {
            Zip::from(&mut row)
                .and(&x_row)
                .and(&scale)
                .and(&sum_dy)
                .and(&sum_dy_x)
                .for_each(|d, &x, &k, &s, &sx| *d = k / mf * (mf * *d - s - x * sx));
        }
    }
}

/// Σ over rows of a ⊙ b, per column.
fn product_sums<F: Real>(a: ArrayView2<F>, b: ArrayView2<F>) -> Array1<F> {
    let mut out = Array1::zeros(a.ncols());
    for (ra, rb) in a.rows().into_iter().zip(b.rows()) {
        Zip::from(&mut out)
            .and(&ra)
            .and(&rb)
            .for_each(|o, &x, &y| *o += x * y);
    }
    out
}
