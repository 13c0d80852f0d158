//! The chapter's exercises and thought experiments: the chain of one neuron per layer
//! (eq. 122), problem (123) and the identity neuron.

pub mod chain;
pub mod identity;
pub mod problem123;
