//! The floating-point type a network computes in: `f32` for speed, `f64` for gradient checks.

use ndarray::{LinalgScalar, ScalarOperand};
use num_traits::{Float, FromPrimitive, NumAssign, ToPrimitive};
use std::fmt::{Debug, Display};

/// A real number the network can be built on (implemented for `f32` and `f64`).
pub trait Real:
    LinalgScalar
    + ScalarOperand
    + Float
    + NumAssign
    + FromPrimitive
    + ToPrimitive
    + Debug
    + Display
    + Default
    + serde::Serialize
    + Send
    + Sync
    + 'static
{
    /// Converts from `f64` (rounding to nearest for `f32`).
    fn of(x: f64) -> Self;
    /// Converts to `f64` exactly.
    fn f64(self) -> f64;
}

impl Real for f32 {
    fn of(x: f64) -> Self {
        x as f32
    }
    fn f64(self) -> f64 {
        self as f64
    }
}

impl Real for f64 {
    fn of(x: f64) -> Self {
        x
    }
    fn f64(self) -> f64 {
        self
    }
}
