//! The network: layer sizes, weights w^l (n_out × n_in) and biases b^l, as network2 stores them.

use crate::batch_norm::BatchNorm;
use crate::{Activation, Cost, Error, Init, Real, Result, Rng};
use ndarray::{Array1, Array2, ShapeBuilder};

/// The most layers (input and output included) a network may have.
pub const MAX_LAYERS: usize = 12;
/// The most neurons a layer may have.
pub const MAX_NEURONS: usize = 4096;
/// The most weights a network may have: it keeps every step of the page short (a 1,000,000-weight
/// net measures ~1 ms per image in wasm) and the CLI's memory bounded.
pub const MAX_WEIGHTS: usize = 1_000_000;

/// The number of weights of a network of `sizes` (Σ n_in·n_out), saturating.
pub fn weight_count(sizes: &[usize]) -> usize {
    sizes
        .windows(2)
        .map(|p| p[0].saturating_mul(p[1]))
        .fold(0, usize::saturating_add)
}

/// `w` (n_out × n_in) with the same values, stored column by column (Fortran order): its transpose
/// `(w)ᵀ` is then row-major, one contiguous row per input — the layout the sparse first layer reads
/// and accumulates its gradient in, with no transpose per mini-batch.
pub fn pixel_major<F: Real>(w: Array2<F>) -> Array2<F> {
    if w.t().is_standard_layout() {
        return w;
    }
    let mut out = Array2::zeros(w.raw_dim().f());
    out.assign(&w);
    out
}

/// A feedforward network of `sizes.len()` layers; layer 0 is the input and has no biases.
#[derive(Clone, Debug, PartialEq)]
pub struct Network<F: Real = f32> {
    /// Neurons per layer, input first.
    pub sizes: Vec<usize>,
    /// `weights[l]` connects layer l to layer l+1: shape (sizes[l+1], sizes[l]). The constructors
    /// store `weights[0]` [`pixel_major`] (any layout computes the same numbers; that one is fast).
    pub weights: Vec<Array2<F>>,
    /// `biases[l]` belongs to layer l+1: length sizes[l+1].
    pub biases: Vec<Array1<F>>,
    /// The hidden layers' activation (the output layer is always sigmoid).
    pub activation: Activation,
    /// The cost the output error δ^L is taken from.
    pub cost: Cost,
    /// Batch normalisation of the hidden layers (a remedy; `None` in the book's nets).
    pub batch_norm: Option<BatchNorm<F>>,
    /// Skip connections between equal-width hidden layers (a remedy; off in the book's nets).
    pub skip: bool,
}

/// Checks that `sizes` describes a network gradscope can hold (2–12 layers of 1–4096 neurons, at
/// most [`MAX_WEIGHTS`] weights).
pub fn check_sizes(sizes: &[usize]) -> Result<()> {
    if sizes.len() < 2 {
        return Err(Error::new(format!(
            "a network needs at least 2 layers (input and output), got {}",
            sizes.len()
        )));
    }
    if sizes.len() > MAX_LAYERS {
        return Err(Error::new(format!(
            "at most {MAX_LAYERS} layers are supported, got {}",
            sizes.len()
        )));
    }
    if let Some((l, &n)) = sizes
        .iter()
        .enumerate()
        .find(|(_, &n)| n == 0 || n > MAX_NEURONS)
    {
        return Err(Error::new(format!(
            "layer {l} has {n} neurons; each layer needs 1 to {MAX_NEURONS}"
        )));
    }
    let weights = weight_count(sizes);
    if weights > MAX_WEIGHTS {
        return Err(Error::new(format!(
            "a network of sizes {sizes:?} has {weights} weights; gradscope holds at most {MAX_WEIGHTS}"
        )));
    }
    Ok(())
}

impl<F: Real> Network<F> {
    /// A fresh network drawn with `init` (weights × `scale`) from the stream of `seed`.
    pub fn new(
        sizes: &[usize],
        init: Init,
        scale: f64,
        activation: Activation,
        cost: Cost,
        seed: u64,
    ) -> Result<Self> {
        check_sizes(sizes)?;
        if !scale.is_finite() {
            return Err(Error::new(format!(
                "the weight scale must be finite, got {scale}"
            )));
        }
        let mut rng = Rng::new(seed);
        let mut weights = Vec::new();
        let mut biases = Vec::new();
        for pair in sizes.windows(2) {
            let (n_in, n_out) = (pair[0], pair[1]);
            let (w, b) = init.draw_layer(n_in, n_out, scale, &mut rng);
            let w = w.into_iter().map(F::of).collect();
            weights.push(Array2::from_shape_vec((n_out, n_in), w).map_err(shape_error)?);
            biases.push(Array1::from_iter(b.into_iter().map(F::of)));
        }
        weights[0] = pixel_major(std::mem::take(&mut weights[0]));
        Ok(Network {
            sizes: sizes.to_vec(),
            weights,
            biases,
            activation,
            cost,
            batch_norm: None,
            skip: false,
        })
    }

    /// The same net with batch norm on its hidden layers (γ = 1, β = 0) when `on`, without when not.
    pub fn with_batch_norm(mut self, on: bool) -> Self {
        let widths = &self.sizes[1..self.sizes.len() - 1];
        self.batch_norm = on.then(|| BatchNorm::new(widths));
        self
    }

    /// The same net with skip connections (see `skip.rs`) when `on`.
    pub fn with_skip(mut self, on: bool) -> Self {
        self.skip = on;
        self
    }

    /// network2's `Network(sizes)`: sigmoid neurons, cross-entropy, `default_weight_initializer`.
    pub fn network2(sizes: &[usize], seed: u64) -> Result<Self> {
        Network::new(
            sizes,
            Init::Network2,
            1.0,
            Activation::Sigmoid,
            Cost::CrossEntropy,
            seed,
        )
    }

    /// The number of hidden layers (all but input and output).
    pub fn hidden_layers(&self) -> usize {
        self.sizes.len() - 2
    }

    /// The activation function of the layer fed by `weights[l]` (sigmoid for the output layer).
    pub fn activation_of(&self, l: usize) -> Activation {
        if l + 1 == self.weights.len() {
            Activation::Sigmoid
        } else {
            self.activation
        }
    }

    /// Whether every weight and bias is finite.
    pub fn is_finite(&self) -> bool {
        self.weights.iter().all(|w| w.iter().all(|x| x.is_finite()))
            && self.biases.iter().all(|b| b.iter().all(|x| x.is_finite()))
            && self.batch_norm.as_ref().is_none_or(BatchNorm::is_finite)
    }

    /// The same network in another precision.
    pub fn cast<G: Real>(&self) -> Network<G> {
        Network {
            sizes: self.sizes.clone(),
            weights: self
                .weights
                .iter()
                .map(|w| w.mapv(|x| G::of(x.f64())))
                .collect(),
            biases: self
                .biases
                .iter()
                .map(|b| b.mapv(|x| G::of(x.f64())))
                .collect(),
            activation: self.activation,
            cost: self.cost,
            batch_norm: self.batch_norm.as_ref().map(BatchNorm::cast),
            skip: self.skip,
        }
    }
}

fn shape_error(e: ndarray::ShapeError) -> Error {
    Error::new(format!("inconsistent shape: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_follow_network2() {
        let net: Network = Network::network2(&[784, 30, 10], 1).unwrap();
        assert_eq!(net.weights[0].dim(), (30, 784));
        assert_eq!(net.weights[1].dim(), (10, 30));
        assert_eq!(net.biases[0].len(), 30);
        assert_eq!(net.biases[1].len(), 10);
        assert_eq!(net.hidden_layers(), 1);
    }

    #[test]
    fn absurd_sizes_are_refused() {
        for sizes in [
            vec![],
            vec![784],
            vec![784, 0, 10],
            vec![784, 5000, 10],
            vec![2; 13],
        ] {
            assert!(check_sizes(&sizes).is_err(), "{sizes:?}");
        }
        assert!(check_sizes(&[2; 12]).is_ok());
    }
}
