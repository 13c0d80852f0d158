//! The chapter's measurements: ∂C/∂b averaged over a set of images, the learning speeds ‖δ^l‖ of the
//! hidden layers, and the bars (∂C/∂b of each hidden layer's first neurons). With batch norm a
//! hidden layer's b is redundant (it cancels in z − μ) and its shift is β: its speed is ‖∂C/∂β^l‖,
//! measured, like every speed, with the running averages (see `batch_norm.rs`).

use crate::{Backprop, Dataset, Network, Real};
use ndarray::Array1;

/// How many images one backprop pass takes when measuring (bounds the buffers' memory).
pub const CHUNK: usize = 1000;

/// How many neurons per hidden layer the book's bar figure shows.
pub const BARS: usize = 6;

/// ∂C/∂b^l averaged over every image of `data` (per-example gradients summed, divided by N), one
/// vector per layer after the input, output layer last.
pub fn mean_bias_gradient<F: Real>(
    net: &Network<F>,
    data: &Dataset<F>,
    bp: &mut Backprop<F>,
) -> Vec<Array1<f64>> {
    let mut sum: Vec<Array1<f64>> = net.biases.iter().map(|b| Array1::zeros(b.len())).collect();
    let n = data.len();
    for start in (0..n).step_by(CHUNK) {
        let (x, y) = data.rows(start, (start + CHUNK).min(n));
        bp.backprop_sparse(
            net,
            x,
            y,
            crate::backprop::Sums {
                add: false,
                weights: false,
            },
        );
        for (s, nb) in sum.iter_mut().zip(shift_sums(net, bp)) {
            *s += &nb;
        }
    }
    scale_sums(sum, n)
}

/// The sums of ∂C/∂(each layer's shift) in `bp`: ∂C/∂b, or ∂C/∂β for batch-normalised hidden layers.
pub fn shift_sums<F: Real>(net: &Network<F>, bp: &Backprop<F>) -> Vec<Array1<f64>> {
    let hidden = net.hidden_layers();
    let beta = &bp.norm.nabla_beta;
    (bp.nabla_b.iter().enumerate())
        .map(|(l, nb)| match beta.get(l) {
            Some(nbeta) if net.batch_norm.is_some() && l < hidden => nbeta.mapv(|g| g.f64()),
            _ => nb.mapv(|g| g.f64()),
        })
        .collect()
}

/// Divides gradient sums by the number of examples they were summed over.
pub fn scale_sums(mut sum: Vec<Array1<f64>>, n: usize) -> Vec<Array1<f64>> {
    let inv = 1.0 / n.max(1) as f64;
    sum.iter_mut().for_each(|s| s.mapv_inplace(|g| g * inv));
    sum
}

/// The learning speed ‖δ^l‖ (Euclidean norm of the averaged ∂C/∂b^l) of each hidden layer.
pub fn speeds(gradient: &[Array1<f64>]) -> Vec<f64> {
    hidden(gradient)
        .iter()
        .map(|g| g.iter().map(|x| x * x).sum::<f64>().sqrt())
        .collect()
}

/// ∂C/∂b of the first six neurons of each hidden layer: the book's bar figure.
pub fn bars(gradient: &[Array1<f64>]) -> Vec<Vec<f64>> {
    hidden(gradient)
        .iter()
        .map(|g| g.iter().take(BARS).copied().collect())
        .collect()
}

fn hidden(gradient: &[Array1<f64>]) -> &[Array1<f64>] {
    &gradient[..gradient.len().saturating_sub(1)]
}
