//! Speed internals: the float type, the sparse first layer, the seeded random stream.

pub mod dense;
pub mod kernels;
pub mod real;
pub mod rng;
pub mod simd;
pub mod sparse;
