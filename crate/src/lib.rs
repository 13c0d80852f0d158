//! gradscope: the maths of NNDL chapter 5 ("Why are deep neural networks hard to train?").
//!
//! A pure core with no web crate: network2's sigmoid networks, cross-entropy, L2-regularised
//! SGD, backprop over mini-batches, the learning speeds ‖δ^l‖, MNIST's IDX files and
//! network2's JSON. Charts are generic over plotters' `DrawingBackend`.

pub mod activation;
pub mod backprop;
pub mod chain;
pub mod chart;
pub mod config;
pub mod cost;
pub mod data;
pub mod edit;
pub mod error;
pub mod evaluate;
pub mod identity;
pub mod idx;
pub mod init;
pub mod network;
pub mod network2_json;
pub mod problem123;
pub mod real;
pub mod rng;
pub mod run;
pub mod session;
pub mod sgd;
pub mod sparse;
pub mod speeds;

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
