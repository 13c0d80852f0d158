//! gradscope: the maths of NNDL chapter 5 ("Why are deep neural networks hard to train?").
//!
//! A pure core with no web crate: network2's sigmoid networks, cross-entropy, L2-regularised
//! SGD, backprop over mini-batches, the learning speeds ‖δ^l‖, MNIST's IDX files and
//! network2's JSON. Charts are generic over plotters' `DrawingBackend`.

#![warn(missing_docs)]

pub mod book;
pub mod chart;
pub mod error;
pub mod exercises;
pub mod fast;
pub mod io;
pub mod train;

// The concepts by the book's names, wherever their folder is: `gradscope::backprop`, `gradscope::chain`.
pub use book::{
    activation, backprop, batch_norm, clip, cost, evaluate, init, network, reference, sgd, skip,
    speeds, stats,
};
pub use exercises::{chain, identity, problem123};
pub use fast::{real, rng, sparse};
pub use io::{data, idx, network2_json};
pub use train::{
    cadence, config, edit, edit_base, halt, handoff, labels, play, record, run, runs, schema,
    session, snapshot,
};

pub use activation::{sigmoid, sigmoid_prime, Activation};
pub use backprop::Backprop;
pub use config::Config;
pub use cost::Cost;
pub use data::Dataset;
pub use error::{Error, Result};
pub use init::Init;
pub use network::Network;
pub use real::Real;
pub use rng::Rng;
pub use run::{Record, Run};
pub use session::Session;
pub use sgd::Hyper;

#[cfg(target_arch = "wasm32")]
pub mod web;
