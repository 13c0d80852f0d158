//! Gradient clipping by norm, the usual fix for exploding gradients: when the whole gradient
//! g = (1/m)·Σ∇ (every ∂C/∂w, ∂C/∂b and, with batch norm, ∂C/∂γ and ∂C/∂β) has ‖g‖ > c, the update
//! uses g·c/‖g‖. The step is bounded, but every layer is scaled by the same factor: the ratio
//! between the layers' speeds is unchanged.

use crate::{Backprop, Error, Real, Result};

/// The largest threshold c accepted.
pub const MAX_CLIP: f64 = 1000.0;

/// The norm ‖(1/m)·Σ∇‖ of the whole gradient summed in `bp` over a mini-batch of `m` examples.
pub fn gradient_norm<F: Real>(bp: &Backprop<F>, m: usize) -> f64 {
    let squares = |v: &[ndarray::Array1<F>]| -> f64 {
        v.iter()
            .flat_map(|a| a.iter())
            .map(|g| g.f64() * g.f64())
            .sum()
    };
    let weights: f64 = (bp.nabla_w.iter().flat_map(|w| w.iter()))
        .map(|g| g.f64() * g.f64())
        .sum();
    let total = weights
        + squares(&bp.nabla_b)
        + squares(&bp.norm.nabla_gamma)
        + squares(&bp.norm.nabla_beta);
    total.sqrt() / m.max(1) as f64
}

/// The factor the update is multiplied by: c/‖g‖ when the gradient's norm exceeds `clip` = c,
/// else 1 (and always 1 without clipping).
pub fn clip_factor<F: Real>(bp: &Backprop<F>, m: usize, clip: Option<f64>) -> f64 {
    let Some(c) = clip else { return 1.0 };
    let norm = gradient_norm(bp, m);
    if norm > c {
        c / norm
    } else {
        1.0
    }
}

/// Checks a clipping threshold: positive and finite, at most [`MAX_CLIP`].
pub fn check_clip(c: f64) -> Result<()> {
    if c.is_finite() && c > 0.0 && c <= MAX_CLIP {
        Ok(())
    } else {
        Err(Error::new(format!(
            "the clipping threshold must be a number above 0 and at most {MAX_CLIP}, got {c}"
        )))
    }
}
