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
    /// e^x: for `f32` a portable polynomial (≤ 2 ulp, identical natively and in wasm, several
    /// times faster than wasm's software `expf`); for `f64` the standard library's.
    fn exp_fast(self) -> Self;
}

/// e^x for `f32`: x = k·ln 2 + r with |r| ≤ ln2/2 (Cody–Waite), e^r by its degree-6 Taylor
/// polynomial (error < r⁷/7! ≈ 6e-8), times 2^k built from the exponent bits.
fn exp_f32(x: f32) -> f32 {
    const LN2_HI: f32 = 0.693_145_75;
    const LN2_LO: f32 = 1.428_606_8e-6;
    // Branch-free so that loops over it vectorise: below −87.33 the result stays at 2⁻¹²⁶·e^r
    // (≈ 1e-38, which no sigmoid can tell from 0); above 88.38 it is +∞; NaN stays NaN.
    let x = x.clamp(-87.33, 88.72);
    let k = (x * std::f32::consts::LOG2_E).round_ties_even();
    let r = x - k * LN2_HI - k * LN2_LO;
    let p = 1.0
        + r * (1.0
            + r * (0.5 + r * (1.0 / 6.0 + r * (1.0 / 24.0 + r * (1.0 / 120.0 + r / 720.0)))));
    p * f32::from_bits(((k as i32 + 127) as u32) << 23)
}

impl Real for f32 {
    fn of(x: f64) -> Self {
        x as f32
    }
    fn f64(self) -> f64 {
        self as f64
    }
    fn exp_fast(self) -> Self {
        exp_f32(self)
    }
}

impl Real for f64 {
    fn of(x: f64) -> Self {
        x
    }
    fn f64(self) -> f64 {
        self
    }
    fn exp_fast(self) -> Self {
        self.exp()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_f32_is_within_2_ulp_of_exp() {
        let mut worst = 0.0_f64;
        for i in -100_000..=88_000 {
            let x = i as f32 / 1000.0;
            let exact = (x as f64).exp();
            let got = exp_f32(x) as f64;
            if x > -87.3 {
                worst = worst.max((got / exact - 1.0).abs());
            }
        }
        assert!(
            worst < 2.0 * f32::EPSILON as f64,
            "worst relative error {worst:e}"
        );
        assert_eq!(exp_f32(0.0), 1.0);
        assert_eq!(exp_f32(200.0), f32::INFINITY);
        assert!(exp_f32(-200.0) < 1.2e-38);
        assert!(exp_f32(f32::NAN).is_nan());
    }
}
