//! The settings of a training session (what the page's controls set), checked before use.

use crate::network::check_sizes;
use crate::{Activation, Cost, Dataset, Error, Hyper, Init, Network, Real, Result, Run};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The largest |weight scale| accepted.
pub const MAX_SCALE: f64 = 1000.0;

/// Network shape, initialisation and training settings, as JSON keys of the page's state.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Layer sizes, 784 inputs first, 10 outputs last.
    pub sizes: Vec<usize>,
    /// Hidden neurons' activation: sigmoid, tanh or relu.
    pub activation: String,
    /// Initialisation: network2, large, xavier or he.
    pub init: String,
    /// Multiplies every initial weight.
    pub scale: f64,
    /// Seed of the weights and the shuffles.
    pub seed: u64,
    /// Train on the first `images` training images.
    pub images: usize,
    /// Mini-batch size (≥ images: full batch).
    pub batch: usize,
    /// Learning rate η.
    pub eta: f64,
    /// Regularisation λ.
    pub lambda: f64,
    /// Whether each epoch also scores the validation images (default true).
    #[serde(default = "yes")]
    pub validation: bool,
}

fn yes() -> bool {
    true
}

impl Default for Config {
    /// The chapter's [784,30,30,10] with its settings: 1,000 images, full batch, η 0.1, λ 5.
    fn default() -> Self {
        Config {
            sizes: vec![784, 30, 30, 10],
            activation: "sigmoid".into(),
            init: "network2".into(),
            scale: 1.0,
            seed: 1,
            images: 1000,
            batch: 1000,
            eta: 0.1,
            lambda: 5.0,
            validation: true,
        }
    }
}

impl Config {
    /// Parses the JSON of a config, with a message naming the bad key.
    pub fn from_json(text: &str) -> Result<Self> {
        serde_json::from_str(text).map_err(|e| Error::new(format!("bad settings: {e}")))
    }

    /// Builds the fresh network and its run on the first `images` of `train`.
    pub fn build<F: Real>(
        &self,
        train: &Arc<Dataset<F>>,
        validation: Option<&Arc<Dataset<F>>>,
    ) -> Result<Run<F>> {
        check_sizes(&self.sizes)?;
        let (first, last) = (self.sizes[0], self.sizes[self.sizes.len() - 1]);
        if first != train.inputs() || last != train.y.ncols() {
            return Err(Error::new(format!(
                "the network needs {} inputs and {} outputs, got sizes {:?}",
                train.inputs(),
                train.y.ncols(),
                self.sizes
            )));
        }
        if !(self.scale.is_finite() && self.scale.abs() <= MAX_SCALE) {
            return Err(Error::new(format!(
                "the weight scale must be between −{MAX_SCALE} and {MAX_SCALE}, got {}",
                self.scale
            )));
        }
        if self.images == 0 || self.images > train.len() {
            return Err(Error::new(format!(
                "training images must be 1 to {}, got {}",
                train.len(),
                self.images
            )));
        }
        let net = Network::new(
            &self.sizes,
            Init::parse(&self.init)?,
            self.scale,
            Activation::parse(&self.activation)?,
            Cost::CrossEntropy,
            self.seed,
        )?;
        let hyper = Hyper {
            eta: self.eta,
            lambda: self.lambda,
            batch: self.batch,
        };
        let validation = validation.filter(|_| self.validation).cloned();
        let train = if self.images == train.len() {
            Arc::clone(train)
        } else {
            Arc::new(train.first(self.images)?)
        };
        Run::new(net, train, validation, hyper, self.seed)
    }
}
