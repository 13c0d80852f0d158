//! Editing a trained or fresh network by hand: scale a layer's weights, shift its biases, or apply
//! the chapter's exploding-gradient recipe to a real network.

use crate::speeds::CHUNK;
use crate::{Backprop, Dataset, Network, Real};
use ndarray::Array1;

/// Multiplies the weights feeding hidden layer `layer` (1-based, as the book counts) by `k`.
pub fn scale_layer<F: Real>(net: &mut Network<F>, layer: usize, k: f64) {
    if let Some(w) = net.weights.get_mut(layer.wrapping_sub(1)) {
        let k = F::of(k);
        w.mapv_inplace(|x| x * k);
    }
}

/// Adds `shift` to every bias of hidden layer `layer` (1-based).
pub fn shift_biases<F: Real>(net: &mut Network<F>, layer: usize, shift: f64) {
    if let Some(b) = net.biases.get_mut(layer.wrapping_sub(1)) {
        let s = F::of(shift);
        b.mapv_inplace(|x| x + s);
    }
}

/// The mean over `data` of the activations feeding weight matrix `l` (the pixels for l = 0).
fn mean_input<F: Real>(
    net: &Network<F>,
    data: &Dataset<F>,
    l: usize,
    bp: &mut Backprop<F>,
) -> Array1<f64> {
    let n = data.len().max(1) as f64;
    if l == 0 {
        return Array1::from(data.xs.column_sums()) / n;
    }
    let mut sum = Array1::zeros(net.sizes[l]);
    for start in (0..data.len()).step_by(CHUNK) {
        let end = (start + CHUNK).min(data.len());
        bp.feedforward_sparse(net, data.xs.view(start, end));
        for row in bp.activations(l, end - start).rows() {
            sum.zip_mut_with(&row, |s: &mut f64, &a| *s += a.f64());
        }
    }
    sum / n
}

/// The exploding-gradient recipe on a real network, layer by layer from the input: scale the
/// weights of every hidden layer after the first so that a typical factor ‖w column‖·σ′(0) equals
/// `gain` (> 1), then set each hidden neuron's bias so that its z is 0 on average over `data`.
pub fn explode<F: Real>(net: &mut Network<F>, data: &Dataset<F>, gain: f64) {
    let mut bp = Backprop::new(&net.sizes, data.len().clamp(1, CHUNK));
    for l in 0..net.hidden_layers() {
        if l > 0 {
            let w = &net.weights[l];
            let rms_column =
                (w.iter().map(|x| x.f64() * x.f64()).sum::<f64>() / w.ncols() as f64).sqrt();
            if rms_column > 0.0 && rms_column.is_finite() {
                scale_layer(net, l + 1, 4.0 * gain / rms_column);
            }
        }
        let mean = mean_input(net, data, l, &mut bp);
        let mean_z = net.weights[l].mapv(|x| x.f64()).dot(&mean);
        net.biases[l].zip_mut_with(&mean_z, |b, &z| *b = F::of(-z));
    }
}
