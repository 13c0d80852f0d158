//! Speed internals: the float type, the sparse first layer, the seeded random stream.

pub mod real;
pub mod rng;
pub mod sparse;
