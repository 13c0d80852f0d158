//! The command line: subcommands and options (parsed by clap).

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// gradscope: reproduce the numbers and figures of NNDL chapter 5 (vanishing gradients).
#[derive(Parser, Debug)]
#[command(name = "gradscope", version, about)]
pub struct Cli {
    /// Folder holding the shipped MNIST IDX files.
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

/// What to do.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Draw a fresh network and print it as network2 JSON.
    Init(NetArgs),
    /// Print the learning speeds ‖δ^l‖ and the bars of a network, averaged over the first N images.
    Speeds {
        #[command(flatten)]
        net: NetSource,
        /// Average over the first N training images.
        #[arg(long, default_value_t = gradscope::Config::default().images)]
        images: usize,
        /// Add "stats": factors ‖δ^l‖/‖δ^{l+1}‖, mean σ′, weight norms, activation percentiles,
        /// saturated fractions and gradient percentiles per hidden layer.
        #[arg(long)]
        stats: bool,
    },
    /// Train and print one JSON line per epoch: the speeds measured after e epochs.
    Train(TrainArgs),
    /// Run the chapter's experiments, print them beside the book's numbers, write the figures.
    Reproduce(ReproduceArgs),
    /// The chain of one neuron per layer: z, σ′, factors w·σ′ and ∂C/∂b of every layer (eq. 122).
    Chain(ChainArgs),
}

/// Options of `chain`: a preset, or explicit weights and biases.
#[derive(Args, Debug)]
pub struct ChainArgs {
    /// random (w, b ~ N(0,1)), explode (every factor 25) or balanced (every factor 1).
    #[arg(long, conflicts_with_all = ["w", "b"])]
    pub preset: Option<String>,
    /// Layers of a preset chain.
    #[arg(long, default_value_t = gradscope::chain::DEFAULT_DEPTH)]
    pub depth: usize,
    /// Weights w_1,…,w_L.
    #[arg(long, value_delimiter = ',', allow_negative_numbers = true)]
    pub w: Vec<f64>,
    /// Biases b_1,…,b_L.
    #[arg(long, value_delimiter = ',', allow_negative_numbers = true)]
    pub b: Vec<f64>,
    /// Input activation a_0.
    #[arg(long, default_value_t = gradscope::chain::DEFAULT_A0, allow_negative_numbers = true)]
    pub a0: f64,
    /// Target y.
    #[arg(long, default_value_t = gradscope::chain::DEFAULT_Y, allow_negative_numbers = true)]
    pub y: f64,
    /// quadratic or cross-entropy.
    #[arg(long, default_value = "quadratic")]
    pub cost: String,
    /// Seed of the random preset.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
}

/// How a fresh network is drawn.
#[derive(Args, Debug, Clone)]
pub struct NetArgs {
    /// Layer sizes, input first, e.g. 784,30,30,10.
    #[arg(long, value_delimiter = ',')]
    pub sizes: Vec<usize>,
    /// Seed of the weights (and of the shuffles when training).
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Initialisation: network2, large, xavier or he.
    #[arg(long, default_value = "network2")]
    pub init: String,
    /// Multiplies every initial weight.
    #[arg(long, default_value_t = 1.0, allow_negative_numbers = true)]
    pub scale: f64,
    /// Hidden neurons' activation: sigmoid, tanh or relu.
    #[arg(long, default_value = "sigmoid")]
    pub activation: String,
    /// Cost: cross-entropy or quadratic.
    #[arg(long, default_value = "cross-entropy")]
    pub cost: String,
    /// Batch normalisation of the hidden layers (a remedy).
    #[arg(long)]
    pub batch_norm: bool,
    /// Skip connections between equal-width hidden layers: a^l = a^{l−1} + σ(z^l) (a remedy).
    #[arg(long)]
    pub skip: bool,
}

/// A network from a network2 JSON file, or a fresh one.
#[derive(Args, Debug, Clone)]
pub struct NetSource {
    /// A network saved by network2.py (or by gradscope) instead of a fresh one.
    #[arg(long, value_name = "FILE", conflicts_with = "sizes")]
    pub network: Option<PathBuf>,
    #[command(flatten)]
    pub fresh: NetArgs,
}

/// Options of `train`.
#[derive(Args, Debug)]
pub struct TrainArgs {
    #[command(flatten)]
    pub net: NetSource,
    /// Epochs of training.
    #[arg(long)]
    pub epochs: usize,
    /// Mini-batch size m (the number of images for full-batch gradient descent).
    #[arg(long)]
    pub batch: usize,
    /// Learning rate η.
    #[arg(long, allow_negative_numbers = true)]
    pub eta: f64,
    /// L2 regularisation λ.
    #[arg(long, allow_negative_numbers = true)]
    pub lambda: f64,
    /// Train on the first N training images.
    #[arg(long, default_value_t = gradscope::Config::default().images)]
    pub images: usize,
    /// Clip the gradient's norm at C (a remedy for exploding gradients).
    #[arg(long, value_name = "C", allow_negative_numbers = true)]
    pub clip: Option<f64>,
    /// Also report accuracy and cost on the 2,000 validation images each epoch.
    #[arg(long)]
    pub validation: bool,
    /// Write the trained network as network2 JSON.
    #[arg(long, value_name = "FILE")]
    pub save: Option<PathBuf>,
    /// Add "stats" (as `speeds --stats` prints it) to every epoch's line.
    #[arg(long)]
    pub stats: bool,
}

/// Options of `reproduce`.
#[derive(Args, Debug)]
pub struct ReproduceArgs {
    /// Folder for the SVG figures and results.json.
    #[arg(long, default_value = "reproduce")]
    pub out: PathBuf,
    /// Seed of every network.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Epochs of the learning-speed curves (the book: 500).
    #[arg(long, default_value_t = 500)]
    pub epochs: usize,
    /// Epochs of the accuracy runs (the book: 30).
    #[arg(long, default_value_t = 30)]
    pub accuracy_epochs: usize,
    /// Training steps of the batch-norm experiment (Ioffe & Szegedy's Fig. 1: 50,000).
    #[arg(long, default_value_t = 2000)]
    pub bn_steps: usize,
}

/// Clap's whole error `text` on one line: its lines joined (so the missing or bad arguments it
/// names stay), the usage after a semicolon, and the "For more information" hint replaced by ours.
pub fn one_line(text: &str) -> String {
    let mut out = String::new();
    let lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    for line in lines.filter(|l| !l.starts_with("For more information")) {
        if !out.is_empty() {
            out.push_str(if line.starts_with("Usage:") {
                "; "
            } else {
                " "
            });
        }
        out.push_str(line);
    }
    let out = out.trim_start_matches("error: ");
    format!("{out} (see gradscope --help)")
}
