//! The settings of a training session (what the page's controls set), checked before use.

use crate::network::check_sizes;
use crate::schema::{
    BATCH, CLIP, ETA, HIDDEN, IMAGES, INPUTS, LAMBDA, OUTPUTS, SCALE, SEED, WIDTH,
};
use crate::{Activation, Cost, Dataset, Error, Hyper, Init, Network, Real, Result, Run};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The most weights × mini-batch rows a batch-norm net may train as one unit of work (its statistics
/// are the whole batch's, so a mini-batch cannot be split): the tour's [784,30,30,30,30,10] at full
/// batch is 26,520 × 1,000 = 2.65e7, a few tens of ms in the page.
pub const BATCH_NORM_WORK: f64 = 3e7;

/// Network shape, initialisation and training settings, as JSON keys of the page's state.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Layer sizes, 784 inputs first, 10 outputs last.
    pub sizes: Vec<usize>,
    /// Hidden neurons' activation: sigmoid, tanh or relu.
    pub activation: Activation,
    /// Initialisation: network2, large, xavier or he.
    pub init: Init,
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
    /// Batch normalisation of the hidden layers (a remedy, see `batch_norm.rs`).
    #[serde(default, rename = "batchNorm")]
    pub batch_norm: bool,
    /// Skip connections between equal-width hidden layers (a remedy, see `skip.rs`).
    #[serde(default)]
    pub skip: bool,
    /// Gradient clipping's threshold c on the gradient's norm; 0: no clipping (see `clip.rs`).
    #[serde(default)]
    pub clip: f64,
    /// Whether each epoch also scores the validation images (default true; a switch for benchmarks,
    /// not a page setting, so written out only when off).
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    pub validation: bool,
}

fn yes() -> bool {
    true
}

fn is_yes(on: &bool) -> bool {
    *on
}

impl Default for Config {
    /// The chapter's [784,30,30,10] with its settings: 1,000 images, full batch, η 0.1, λ 5.
    fn default() -> Self {
        Config {
            sizes: vec![784, 30, 30, 10],
            activation: Activation::Sigmoid,
            init: Init::Network2,
            scale: 1.0,
            seed: 1,
            images: 1000,
            batch: 1000,
            eta: 0.1,
            lambda: 5.0,
            batch_norm: false,
            skip: false,
            clip: 0.0,
            validation: true,
        }
    }
}

impl Config {
    /// Parses the JSON of a config, with a message naming the bad key.
    pub fn from_json(text: &str) -> Result<Self> {
        serde_json::from_str(text).map_err(|e| Error::new(format!("bad settings: {e}")))
    }

    /// Checks every value against the schema's limits (the page's and the session's only ones),
    /// with a message naming the setting and its range.
    pub fn check(&self) -> Result<()> {
        let sizes = &self.sizes;
        if sizes.len() < 3 || sizes[0] != INPUTS || sizes[sizes.len() - 1] != OUTPUTS {
            return Err(Error::new(format!(
                "network sizes must start with {INPUTS} inputs and end with {OUTPUTS} outputs, with \
                 hidden layers between, got {sizes:?}"
            )));
        }
        HIDDEN.check((sizes.len() - 2) as f64)?;
        for &n in &sizes[1..sizes.len() - 1] {
            WIDTH.check(n as f64)?;
        }
        check_sizes(sizes)?;
        SCALE.check(self.scale)?;
        SEED.check(self.seed as f64)?;
        IMAGES.check(self.images as f64)?;
        BATCH.check(self.batch as f64)?;
        ETA.check(self.eta)?;
        LAMBDA.check(self.lambda)?;
        CLIP.check(self.clip)?;
        let rows = self.batch.min(self.images);
        let weights = crate::network::weight_count(sizes);
        if self.batch_norm && (weights as f64) * (rows as f64) > BATCH_NORM_WORK {
            return Err(Error::new(format!(
                "with batch norm a mini-batch is trained in one piece: so that the page stays \
                 responsive, a net of {weights} weights takes mini-batches of at most {} images, \
                 not {rows}",
                (BATCH_NORM_WORK / weights.max(1) as f64) as usize
            )));
        }
        Ok(())
    }

    /// Builds the fresh network and its run on the first `images` of `train`.
    pub fn build<F: Real>(
        &self,
        train: &Arc<Dataset<F>>,
        validation: Option<&Arc<Dataset<F>>>,
    ) -> Result<Run<F>> {
        self.check()?;
        if self.images > train.len() {
            return Err(Error::new(format!(
                "training images must be 1 to {}, got {}",
                train.len(),
                self.images
            )));
        }
        let net = Network::new(
            &self.sizes,
            self.init,
            self.scale,
            self.activation,
            Cost::CrossEntropy,
            self.seed,
        )?
        .with_batch_norm(self.batch_norm)
        .with_skip(self.skip);
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
        let mut run = Run::new(net, train, validation, hyper, self.seed)?;
        run.clip = (self.clip > 0.0).then_some(self.clip);
        Ok(run)
    }
}
