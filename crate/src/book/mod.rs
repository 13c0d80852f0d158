//! The book's maths (NNDL chapters 3 and 5): network2's activations, costs, initialisation,
//! network, backprop, SGD with L2, the learning speeds ‖δ^l‖, the statistics of why they
//! vanish, and validation scores.

pub mod activation;
pub mod backprop;
pub mod batch_norm;
pub mod clip;
pub mod cost;
pub mod evaluate;
pub mod init;
pub mod network;
pub mod reference;
pub mod sgd;
pub mod skip;
pub mod speeds;
pub mod stats;
