//! Why the gradient vanishes, measured on the real net (issue 13): per hidden layer, the factor
//! ‖δ^l‖/‖δ^{l+1}‖ between adjacent layers and its two ingredients (the mean σ′(z) and the size of
//! the weights that carry the gradient back), the spread of the activations and the fraction of
//! saturated neurons (Glorot & Bengio 2010, Fig. 2), and the spread of |∂C/∂b^l_j| over every
//! neuron j (their Fig. 7). Taken over the images the speeds are measured on, during the same pass.

use crate::{Activation, Backprop, Network, Real};
use ndarray::Array1;
use serde::{Deserialize, Serialize};

/// The activation percentiles drawn (Ioffe & Szegedy's Fig. 1 and G&B's spread): 15th, 50th, 85th.
pub const ACTIVATION_PERCENTILES: [f64; 3] = [15.0, 50.0, 85.0];
/// The gradient percentiles over a layer's neurons: 10th, 50th, 90th.
pub const GRADIENT_PERCENTILES: [f64; 3] = [10.0, 50.0, 90.0];
/// A neuron is saturated on an image when σ′(z) is below this share of the activation's largest
/// σ′ (sigmoid: σ′ < 0.025; tanh: σ′ < 0.1; ReLU: σ′ = 0, i.e. z ≤ 0).
pub const SATURATED_SHARE: f64 = 0.1;
/// The most (image, hidden neuron) activations kept for the percentiles of one measurement: the
/// book's [784,30,30,30,30,10] on its 1,000 monitored images (120 hidden neurons × 1,000). Wider
/// nets, or more images, take the first ⌊this / hidden neurons⌋ images, so that the selections stay
/// well under a millisecond of work in the page. σ′ and saturation always count every image.
pub const MAX_VALUES: usize = 120_000;

/// The statistics of one measurement, one entry per hidden layer (factors: per adjacent pair).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Stats {
    /// ‖δ^l‖/‖δ^{l+1}‖ for l = 1…H−1 (None when ‖δ^{l+1}‖ is 0).
    pub factors: Vec<Option<f64>>,
    /// The mean σ′(z^l_j) over the images and the layer's neurons.
    pub sigma_prime_mean: Vec<f64>,
    /// The size of W^{l+1}, the weights carrying the gradient back into layer l: the RMS length
    /// of a neuron's outgoing weights, ‖W^{l+1}‖_F / √n_l.
    pub weight_norms: Vec<f64>,
    /// The 15th, 50th and 85th percentiles of a^l_j over the images and neurons.
    pub activation_percentiles: Vec<[f64; 3]>,
    /// The fraction of (image, neuron) pairs whose σ′(z) < [`SATURATED_SHARE`] × the largest σ′.
    pub saturated: Vec<f64>,
    /// The 10th, 50th and 90th percentiles of |∂C/∂b^l_j| (averaged over the images) over j.
    pub gradient_percentiles: Vec<[f64; 3]>,
}

/// Sums over the images of one measurement, fed batch by batch from backprop's activations.
#[derive(Clone, Debug, Default)]
pub struct StatsTally {
    /// Σ σ′(z) per hidden layer.
    prime_sum: Vec<f64>,
    /// Saturated (image, neuron) pairs per hidden layer.
    saturated: Vec<usize>,
    /// Images counted.
    images: usize,
    /// The activations kept for the percentiles, per hidden layer.
    values: Vec<Vec<f32>>,
    /// Images whose activations are kept at most.
    keep_images: usize,
}

impl StatsTally {
    /// An empty tally for `net`.
    pub fn new<F: Real>(net: &Network<F>) -> Self {
        let hidden = &net.sizes[1..net.sizes.len() - 1];
        let neurons: usize = hidden.iter().sum();
        StatsTally {
            prime_sum: vec![0.0; hidden.len()],
            saturated: vec![0; hidden.len()],
            images: 0,
            values: vec![Vec::new(); hidden.len()],
            keep_images: (MAX_VALUES / neurons.max(1)).max(1),
        }
    }

    /// Adds the first `rows` images of backprop's last pass (its hidden activations).
    pub fn add<F: Real>(&mut self, net: &Network<F>, bp: &Backprop<F>, rows: usize) {
        let act = net.activation;
        let limit = F::of(SATURATED_SHARE * act.max_prime());
        let keep = rows.min(self.keep_images.saturating_sub(self.images));
        for (l, values) in self.values.iter_mut().enumerate() {
            let view = bp.activations(l + 1, rows);
            // The first rows of a row-major buffer are one slice (copied if ever they are not).
            let owned;
            let a = match view.as_slice() {
                Some(a) => a,
                None => {
                    owned = view.iter().copied().collect::<Vec<F>>();
                    &owned
                }
            };
            // One arm per activation: each closure's σ′ is a constant case, folded into the loop.
            let (sum, saturated) = match act {
                Activation::Sigmoid => {
                    prime_sums(a, |a| Activation::Sigmoid.prime_from_activation(a), limit)
                }
                Activation::Tanh => {
                    prime_sums(a, |a| Activation::Tanh.prime_from_activation(a), limit)
                }
                Activation::Relu => {
                    prime_sums(a, |a| Activation::Relu.prime_from_activation(a), limit)
                }
            };
            self.prime_sum[l] += sum;
            self.saturated[l] += saturated;
            let kept = (keep * view.ncols()).min(a.len());
            values.extend(a[..kept].iter().map(|&a| a.f64() as f32));
        }
        self.images += rows;
    }

    /// The statistics of the images added, with `gradient` the averaged ∂C/∂b of every layer and
    /// `speeds` the hidden layers' ‖δ^l‖. Leaves the tally empty for the next measurement.
    pub fn finish<F: Real>(
        &mut self,
        net: &Network<F>,
        gradient: &[Array1<f64>],
        speeds: &[f64],
    ) -> Stats {
        let tally = std::mem::replace(self, StatsTally::new(net));
        let hidden = tally.values.len();
        let pairs = |l: usize| (tally.images * net.sizes[l + 1]).max(1) as f64;
        Stats {
            factors: factors(speeds),
            sigma_prime_mean: (0..hidden).map(|l| tally.prime_sum[l] / pairs(l)).collect(),
            weight_norms: (0..hidden).map(|l| rms_column(net, l + 1)).collect(),
            activation_percentiles: (tally.values.into_iter())
                .map(|v| percentiles(&v, ACTIVATION_PERCENTILES))
                .collect(),
            saturated: (0..hidden)
                .map(|l| tally.saturated[l] as f64 / pairs(l))
                .collect(),
            gradient_percentiles: (gradient.iter().take(hidden))
                .map(|g| {
                    let mut abs: Vec<f64> = g.iter().map(|x| x.abs()).collect();
                    percentiles_f64(&mut abs, GRADIENT_PERCENTILES)
                })
                .collect(),
        }
    }
}

/// Σ σ′ (summed in f64 by blocks of F) and the count of σ′ < `limit` over activations `a`, with
/// σ′ written through the activation (`prime`, chosen once outside the loop so that it vectorises).
fn prime_sums<F: Real>(a: &[F], prime: impl Fn(F) -> F, limit: F) -> (f64, usize) {
    let (mut sum, mut saturated) = (0.0, 0);
    for block in a.chunks(1024) {
        let mut part = F::zero();
        for &a in block {
            let p = prime(a);
            part += p;
            saturated += usize::from(p < limit);
        }
        sum += part.f64();
    }
    (sum, saturated)
}

/// ‖δ^l‖/‖δ^{l+1}‖ for each adjacent pair of hidden layers (None when the ratio is undefined).
pub fn factors(speeds: &[f64]) -> Vec<Option<f64>> {
    speeds
        .windows(2)
        .map(|p| Some(p[0] / p[1]).filter(|f| f.is_finite()))
        .collect()
}

/// ‖W‖_F / √n_in of `weights[l]` (the matrix from layer l to l+1): the RMS length of a layer-l
/// neuron's outgoing weights.
pub fn rms_column<F: Real>(net: &Network<F>, l: usize) -> f64 {
    let w = &net.weights[l];
    let squares: f64 = w.iter().map(|x| x.f64() * x.f64()).sum();
    (squares / w.ncols().max(1) as f64).sqrt()
}

/// The percentiles `ps` (0–100, ascending) of `v`, interpolating linearly between order
/// statistics (numpy's default): rank p/100·(n − 1). NaN when `v` is empty.
pub fn percentiles(v: &[f32], ps: [f64; 3]) -> [f64; 3] {
    let n = v.len();
    if n < SORT_BELOW {
        let mut sorted: Vec<f64> = v.iter().map(|&x| x as f64).collect();
        return percentiles_f64(&mut sorted, ps);
    }
    // Selections on integer keys in the floats' total order (cheaper to compare than floats), from
    // the highest rank down, each searching only left of the last: keys[end] is then the exact
    // order statistic of rank `end`, and everything right of it is no smaller.
    let mut keys: Vec<u32> = v.iter().map(|&x| order_key(x)).collect();
    let mut out = [f64::NAN; 3];
    let mut end = n;
    for (i, &p) in ps.iter().enumerate().rev() {
        let (lo, frac) = rank(p, n);
        keys[..end].select_nth_unstable(lo);
        let at = from_key(keys[lo]) as f64;
        let next = match lo + 1 {
            hi if hi < end => keys[hi..end].iter().copied().min().unwrap_or(keys[lo]),
            hi if hi < n => keys[hi],
            _ => keys[lo],
        };
        out[i] = at + frac * (from_key(next) as f64 - at);
        end = lo;
    }
    out
}

/// `x`'s bits as an integer that orders like `f32::total_cmp` orders the floats.
fn order_key(x: f32) -> u32 {
    let b = x.to_bits();
    if b >> 31 == 1 {
        !b
    } else {
        b | 0x8000_0000
    }
}

/// The float of an [`order_key`].
fn from_key(k: u32) -> f32 {
    f32::from_bits(if k >> 31 == 1 { k & 0x7FFF_FFFF } else { !k })
}

/// Below this many values [`percentiles`] sorts (ranks of the three percentiles may then coincide).
const SORT_BELOW: usize = 64;

/// Percentile p's rank p/100·(n − 1) split into its order statistic and the fraction towards the next.
fn rank(p: f64, n: usize) -> (usize, f64) {
    let rank = (p / 100.0 * (n.max(1) - 1) as f64).clamp(0.0, (n.max(1) - 1) as f64);
    let lo = rank.floor() as usize;
    (lo, rank - lo as f64)
}

/// [`percentiles`] of 64-bit values (sorts `v`).
pub fn percentiles_f64(v: &mut [f64], ps: [f64; 3]) -> [f64; 3] {
    v.sort_unstable_by(f64::total_cmp);
    ps.map(|p| interpolate(v, p))
}

/// The p-th percentile (0–100) of sorted `v` by linear interpolation (numpy's default).
fn interpolate(sorted: &[f64], p: f64) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return f64::NAN;
    }
    let (lo, frac) = rank(p, n);
    let hi = (lo + 1).min(n - 1);
    sorted[lo] + frac * (sorted[hi] - sorted[lo])
}
