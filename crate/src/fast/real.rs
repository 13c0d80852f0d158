//! The floating-point type a network computes in: `f32` for speed, `f64` for gradient checks.

use super::{dense, kernels};
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

    /// softplus(x) = ln(1 + eˣ) without overflow: for `f32` from [`Real::exp_fast`] and a
    /// polynomial ln(1 + t) (relative error < 3e-7, vectorises); for `f64` the standard library's.
    fn softplus_fast(self) -> Self;

    /// The sparse first layer's forward product of one row, z[j] += Σ_k v_k · w[p_k · width + j]
    /// (`w` pixel-major): for `f32` at this CPU's SIMD width.
    fn gather_rows(z: &mut [Self], w: &[Self], width: usize, pixels: &[u32], values: &[Self]) {
        kernels::portable::gather_rows(z, w, width, pixels, values)
    }

    /// The sparse first layer's gradient of one row, g[p_k · stride + j] += v_k · δ[j], in rows of
    /// `stride` = [`kernels::padded`] lanes (δ zero-padded to `stride`).
    fn scatter_rows(
        g: &mut [Self],
        stride: usize,
        delta: &[Self],
        pixels: &[u32],
        values: &[Self],
    ) {
        kernels::portable::scatter_rows(g, stride, delta, pixels, values)
    }

    /// a[i] = σ(z[i]) over a slice.
    fn sigmoid_all(a: &mut [Self], z: &[Self]) {
        kernels::portable::sigmoid_all(a, z)
    }

    /// Whether [`Real::matmul`] has a kernel at this thread's SIMD level.
    fn has_matmul() -> bool {
        false
    }

    /// C = β·C + A·B ([`dense::matmul_f32`]) where this type has a SIMD kernel at this CPU's level;
    /// false, C untouched, where it has none (then ndarray multiplies).
    fn matmul(
        c: &mut [Self],
        a: dense::Strided<Self>,
        b: &[Self],
        dims: (usize, usize, usize),
        beta: Self,
    ) -> bool {
        let _ = (c, a, b, dims, beta);
        false
    }
}

/// e^x for `f32`: x = k·ln 2 + r with |r| ≤ ln2/2 (Cody–Waite), e^r by its degree-6 Taylor
/// polynomial (error < r⁷/7! ≈ 6e-8), times 2^k built from the exponent bits.
fn exp_f32(x: f32) -> f32 {
    exp_f32_with::<false>(x)
}

/// [`exp_f32`], its multiply-adds fused when `FMA` (only where the CPU has FMA: results may then
/// differ in the last bit).
#[inline(always)]
pub fn exp_f32_with<const FMA: bool>(x: f32) -> f32 {
    const LN2_HI: f32 = 0.693_145_75;
    const LN2_LO: f32 = 1.428_606_8e-6;
    // 1.5·2²³: adding and subtracting it rounds |y| < 2²² to the nearest integer, ties to even, in
    // two plain additions (SSE2 has no rounding instruction: `round_ties_even` would call rintf).
    const ROUND: f32 = 12_582_912.0;
    let madd = |a: f32, b: f32, c: f32| if FMA { a.mul_add(b, c) } else { a * b + c };
    // Branch-free so that loops over it vectorise: below −87.33 the result stays at 2⁻¹²⁶·e^r
    // (≈ 1e-38, which no sigmoid can tell from 0); above 88.38 it is +∞; NaN stays NaN.
    let x = x.clamp(-87.33, 88.72);
    let y = x * std::f32::consts::LOG2_E + ROUND;
    let k = y - ROUND;
    // k as an integer, read from y's low mantissa bits (a vector operation; `k as i32` saturates,
    // which compiles to scalar code).
    let k_int = y.to_bits().wrapping_sub(ROUND.to_bits());
    let r = madd(-k, LN2_LO, madd(-k, LN2_HI, x));
    let mut p = 1.0 / 720.0;
    for c in [1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0, 0.5, 1.0, 1.0] {
        p = madd(p, r, c);
    }
    p * f32::from_bits(k_int.wrapping_add(127) << 23)
}

/// ln(1 + t) for t in [0, 1]: 2·atanh(s) with s = t/(2 + t) ≤ 1/3, by its series in u = s² up to
/// u⁷/15 (truncation < u⁸/17 ≈ 1.4e-9), so no 1 + t is ever rounded.
#[inline(always)]
fn ln_1p_unit(t: f32) -> f32 {
    let s = t / (2.0 + t);
    let u = s * s;
    let mut p = 1.0 / 15.0;
    for c in [
        1.0 / 13.0,
        1.0 / 11.0,
        1.0 / 9.0,
        1.0 / 7.0,
        1.0 / 5.0,
        1.0 / 3.0,
        1.0,
    ] {
        p = p * u + c;
    }
    2.0 * s * p
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
    fn softplus_fast(self) -> Self {
        self.max(0.0) + ln_1p_unit(exp_f32(-self.abs()))
    }
    fn gather_rows(z: &mut [f32], w: &[f32], width: usize, pixels: &[u32], values: &[f32]) {
        kernels::gather_f32(z, w, width, pixels, values)
    }
    fn scatter_rows(g: &mut [f32], stride: usize, delta: &[f32], pixels: &[u32], values: &[f32]) {
        kernels::scatter_f32(g, stride, delta, pixels, values)
    }
    fn sigmoid_all(a: &mut [f32], z: &[f32]) {
        kernels::sigmoid_all_f32(a, z)
    }
    fn has_matmul() -> bool {
        dense::has_kernel()
    }
    fn matmul(
        c: &mut [f32],
        a: dense::Strided<f32>,
        b: &[f32],
        dims: (usize, usize, usize),
        beta: f32,
    ) -> bool {
        dense::matmul_f32(c, a, b, dims, beta)
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
    fn softplus_fast(self) -> Self {
        self.max(0.0) + (-self.abs()).exp().ln_1p()
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

    #[test]
    fn softplus_f32_is_within_3e_7_of_the_f64_formula() {
        let mut worst = 0.0_f64;
        for i in -20_000..=20_000 {
            let x = i as f32 / 500.0;
            let exact = (x as f64).max(0.0) + (-(x as f64).abs()).exp().ln_1p();
            worst = worst.max((x.softplus_fast() as f64 / exact - 1.0).abs());
        }
        assert!(worst < 3e-7, "worst relative error {worst:e}");
        // ln 2 at 0; x itself far right; e^x far left (1e-30 is representable in f32).
        assert!((0.0_f32.softplus_fast() - std::f32::consts::LN_2).abs() < 1e-7);
        assert_eq!(100.0_f32.softplus_fast(), 100.0);
        assert!(((-69.0_f32).softplus_fast() as f64 / (-69.0_f64).exp() - 1.0).abs() < 1e-6);
    }
}
