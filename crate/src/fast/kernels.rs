//! The hot loops, written once and compiled for each SIMD [`Level`]: the sparse first layer's two
//! products and the sigmoid over a slice.
//!
//! The first layer's weights are stored pixel-major (`(w^1)ᵀ`, one row of `width` = n₁ weights per
//! pixel), so that an inked pixel touches one contiguous row. A block of up to 32 outputs stays in
//! registers while a row's inked pixels stream by, in `SETS` independent sums (even and odd inked
//! pixels where FMA is available) so that one multiply-add need not wait for the one before.
//! Blocks have 8, 16, 24 or 32 lanes (whole vectors, no masks). When n₁ is not a multiple of 8,
//! the forward product's last block reads on into the next pixel's row and drops those lanes. For
//! a large batch backprop passes rows [`padded`] to whole vectors (an aligned copy of w^1, and
//! gradient sums it adds into ∂C/∂w^1 once per batch): a row is then one block, indexed as an
//! array, its vectors aligned to cache lines — on J1 that took the first layer's gradient from
//! ~6 to ~3 cycles per inked pixel.

use super::simd::level;
use crate::activation::sigmoid;
use crate::real::exp_f32_with;
use crate::Real;

/// a·b + c, fused into one rounding when `FMA` (only ever true where the CPU has FMA).
#[inline(always)]
fn madd<F: Real, const FMA: bool>(a: F, b: F, c: F) -> F {
    if FMA {
        a.mul_add(b, c)
    } else {
        a * b + c
    }
}

/// The sparse forward product of one row: z[j] += Σ_k v_k · w[p_k · width + j] for j < z.len().
/// Loads only, so its blocks are 8, 16, 24 or 32 lanes from their first lane on, reading into the
/// next pixel's row where n₁ is not a multiple of 8 (those lanes are dropped); only the last
/// pixel's row, with no row after it, is read lane by lane.
#[inline(always)]
pub fn gather<F: Real, const FMA: bool, const SETS: usize>(
    z: &mut [F],
    w: &[F],
    width: usize,
    pixels: &[u32],
    values: &[F],
) {
    // Rows of one whole block, padded: rows indexed as arrays (one bounds check, no multiply).
    match (width, padded(z.len())) {
        (32, 32) => return gather_rows_of::<F, FMA, SETS, 32>(z, w, pixels, values),
        (16, 16) => return gather_rows_of::<F, FMA, SETS, 16>(z, w, pixels, values),
        _ => {}
    }
    let mut j0 = 0;
    while j0 < z.len() {
        let r = (z.len() - j0).min(32);
        let (z, x) = (&mut z[j0..j0 + r], (w, width, j0, pixels, values));
        match r {
            25.. => gather_block::<F, FMA, SETS, 32>(z, x),
            17..=24 => gather_block::<F, FMA, SETS, 24>(z, x),
            9..=16 => gather_block::<F, FMA, SETS, 16>(z, x),
            _ => gather_block::<F, FMA, SETS, 8>(z, x),
        }
        j0 += r;
    }
}

/// [`gather`] from rows of N lanes (z.len() ≤ N, the rest padding).
#[inline(always)]
fn gather_rows_of<F: Real, const FMA: bool, const SETS: usize, const N: usize>(
    z: &mut [F],
    w: &[F],
    pixels: &[u32],
    values: &[F],
) {
    let (rows, _) = w.as_chunks::<N>();
    let mut acc = [[F::zero(); N]; SETS];
    let (ps, vs) = (pixels.chunks_exact(SETS), values.chunks_exact(SETS));
    let (p_rest, v_rest) = (ps.remainder(), vs.remainder());
    for (p, v) in ps.zip(vs) {
        for ((acc, &p), &v) in acc.iter_mut().zip(p).zip(v) {
            if let Some(row) = rows.get(p as usize) {
                acc.iter_mut()
                    .zip(row)
                    .for_each(|(a, &w)| *a = madd::<F, FMA>(v, w, *a));
            }
        }
    }
    for (&p, &v) in p_rest.iter().zip(v_rest) {
        if let Some(row) = rows.get(p as usize) {
            acc[0]
                .iter_mut()
                .zip(row)
                .for_each(|(a, &w)| *a = madd::<F, FMA>(v, w, *a));
        }
    }
    for set in &acc {
        z.iter_mut().zip(set).for_each(|(z, &a)| *z += a);
    }
}

/// The weights, their row width, the block's first lane, the inked pixels and their values.
type Rows<'a, F> = (&'a [F], usize, usize, &'a [u32], &'a [F]);

#[inline(always)]
fn gather_block<F: Real, const FMA: bool, const SETS: usize, const N: usize>(
    z: &mut [F],
    x: Rows<F>,
) {
    let (w, width, j0, pixels, values) = x;
    let mut acc = [[F::zero(); N]; SETS];
    // Rows too near the end for N lanes are left to the loop below, so that `acc` is only ever
    // touched whole and stays in registers.
    let mut near_end = false;
    let row = |p: u32| {
        let start = p as usize * width + j0;
        w.get(start..start + N)
            .and_then(|r| <&[F; N]>::try_from(r).ok())
    };
    let (ps, vs) = (pixels.chunks_exact(SETS), values.chunks_exact(SETS));
    let (p_rest, v_rest) = (ps.remainder(), vs.remainder());
    for (p, v) in ps.zip(vs) {
        for ((acc, &p), &v) in acc.iter_mut().zip(p).zip(v) {
            match row(p) {
                Some(row) => acc
                    .iter_mut()
                    .zip(row)
                    .for_each(|(a, &w)| *a = madd::<F, FMA>(v, w, *a)),
                None => near_end = true,
            }
        }
    }
    for (&p, &v) in p_rest.iter().zip(v_rest) {
        match row(p) {
            Some(row) => acc[0]
                .iter_mut()
                .zip(row)
                .for_each(|(a, &w)| *a = madd::<F, FMA>(v, w, *a)),
            None => near_end = true,
        }
    }
    for set in &acc {
        z.iter_mut().zip(set).for_each(|(z, &a)| *z += a);
    }
    if near_end {
        for (&p, &v) in pixels.iter().zip(values) {
            let start = p as usize * width + j0;
            if row(p).is_some() {
                continue;
            }
            if let Some(row) = w.get(start..start + z.len()) {
                for (z, &w) in z.iter_mut().zip(row) {
                    *z = madd::<F, FMA>(v, w, *z);
                }
            }
        }
    }
}

/// How [`scatter`] cuts a row of `n` lanes into blocks, as (start, lanes, skip): whole blocks of 32, one of
/// 8, 16 or 24, and for the last n mod 8 lanes one block of 8 shifted back to end at lane n, its
/// first `skip` lanes already done by the block before (so no block reads past its own row).
/// Rows narrower than 8 lanes are one block of `n` lanes, done lane by lane.
fn blocks(n: usize) -> impl Iterator<Item = (usize, usize, usize)> {
    let whole = n / 32 * 32;
    let mid = (n - whole) / 8 * 8;
    let tail = n - whole - mid;
    let tail = match (n < 8, tail) {
        (true, _) => Some((0, n, 0)),
        (false, 0) => None,
        (false, t) => Some((n - 8, 8, 8 - t)),
    };
    (0..whole)
        .step_by(32)
        .map(|j| (j, 32, 0))
        .chain((mid > 0 && n >= 8).then_some((whole, mid, 0)))
        .chain(tail)
}

/// The lanes a row of `n` gradient sums takes in the padded layout [`scatter`] works on: `n`
/// rounded up to whole blocks of 8, so that every block is whole vectors inside its own row.
pub fn padded(n: usize) -> usize {
    n.div_ceil(8) * 8
}

/// The sparse gradient of one row: g[p_k · stride + j] += v_k · δ[j] for j < δ.len() ≤ `stride`.
/// Rows of one whole block ([`padded`] rows, δ zero-padded to `stride` ∈ {8, 16, 24, 32}) are
/// indexed as arrays. Other rows are cut by `blocks`: the last block is shifted back to end with
/// the row (its first lanes get v·0 added), so that its stores never overlap the next pixel's
/// loads (a store-forwarding stall on x86 when one pixel's row follows the other's).
#[inline(always)]
pub fn scatter<F: Real, const FMA: bool>(
    g: &mut [F],
    stride: usize,
    delta: &[F],
    pixels: &[u32],
    values: &[F],
) {
    // A row of one whole block: rows indexed as arrays (one bounds check, no multiply).
    match (stride, delta.len()) {
        (32, 32) => return scatter_rows_of::<F, FMA, 32>(g, delta, pixels, values),
        (24, 24) => return scatter_rows_of::<F, FMA, 24>(g, delta, pixels, values),
        (16, 16) => return scatter_rows_of::<F, FMA, 16>(g, delta, pixels, values),
        (8, 8) => return scatter_rows_of::<F, FMA, 8>(g, delta, pixels, values),
        _ => {}
    }
    for (j0, n, skip) in blocks(delta.len()) {
        let d = (&delta[j0..j0 + n], pixels, values);
        match n {
            32 => scatter_block::<F, FMA, 32>(g, stride, j0, d, skip),
            24 => scatter_block::<F, FMA, 24>(g, stride, j0, d, skip),
            16 => scatter_block::<F, FMA, 16>(g, stride, j0, d, skip),
            8 => scatter_block::<F, FMA, 8>(g, stride, j0, d, skip),
            _ => scatter_lanes::<F, FMA>(g, stride, j0, d),
        }
    }
}

/// [`scatter`] where a row is one block of N lanes.
#[inline(always)]
fn scatter_rows_of<F: Real, const FMA: bool, const N: usize>(
    g: &mut [F],
    delta: &[F],
    pixels: &[u32],
    values: &[F],
) {
    let (Ok(&d), (rows, _)) = (<&[F; N]>::try_from(delta), g.as_chunks_mut::<N>()) else {
        return;
    };
    // δ copied out of memory, so that it stays in registers.
    for (&p, &v) in pixels.iter().zip(values) {
        if let Some(row) = rows.get_mut(p as usize) {
            for (g, &d) in row.iter_mut().zip(&d) {
                *g = madd::<F, FMA>(v, d, *g);
            }
        }
    }
}

/// A block's δ, the inked pixels and their values.
type Deltas<'a, F> = (&'a [F], &'a [u32], &'a [F]);

#[inline(always)]
fn scatter_block<F: Real, const FMA: bool, const N: usize>(
    g: &mut [F],
    stride: usize,
    j0: usize,
    x: Deltas<F>,
    skip: usize,
) {
    let (delta, pixels, values) = x;
    // The skipped lanes get v·0 added: their sums stay as the block before left them.
    let mut d = [F::zero(); N];
    d.iter_mut()
        .zip(delta)
        .skip(skip)
        .for_each(|(d, &x)| *d = x);
    for (&p, &v) in pixels.iter().zip(values) {
        let start = p as usize * stride + j0;
        let row = g.get_mut(start..start + N);
        if let Some(row) = row.and_then(|r| <&mut [F; N]>::try_from(r).ok()) {
            for (g, &d) in row.iter_mut().zip(&d) {
                *g = madd::<F, FMA>(v, d, *g);
            }
        }
    }
}

/// [`scatter_block`] for a row narrower than 8 lanes.
fn scatter_lanes<F: Real, const FMA: bool>(g: &mut [F], stride: usize, j0: usize, x: Deltas<F>) {
    let (delta, pixels, values) = x;
    for (&p, &v) in pixels.iter().zip(values) {
        let start = p as usize * stride + j0;
        if let Some(row) = g.get_mut(start..start + delta.len()) {
            for (g, &d) in row.iter_mut().zip(delta) {
                *g = madd::<F, FMA>(v, d, *g);
            }
        }
    }
}

/// a[i] = σ(z[i]) over two slices of the same length.
#[inline(always)]
fn sigmoid_slice<F: Real>(a: &mut [F], z: &[F]) {
    for (a, &z) in a.iter_mut().zip(z) {
        *a = sigmoid(z);
    }
}

/// a[i] = σ(z[i]) in f32 with the exp's polynomial fused when `FMA`.
#[inline(always)]
fn sigmoid_f32<const FMA: bool>(a: &mut [f32], z: &[f32]) {
    for (a, &z) in a.iter_mut().zip(z) {
        *a = 1.0 / (1.0 + exp_f32_with::<FMA>(-z));
    }
}

/// Generic (f64, portable) versions: what [`Real`]'s default kernel methods call.
pub mod portable {
    use super::*;

    /// [`gather`] without FMA.
    pub fn gather_rows<F: Real>(z: &mut [F], w: &[F], width: usize, p: &[u32], v: &[F]) {
        gather::<F, false, 1>(z, w, width, p, v)
    }

    /// [`scatter`] without FMA.
    pub fn scatter_rows<F: Real>(g: &mut [F], stride: usize, d: &[F], p: &[u32], v: &[F]) {
        scatter::<F, false>(g, stride, d, p, v)
    }

    /// σ over a slice.
    pub fn sigmoid_all<F: Real>(a: &mut [F], z: &[F]) {
        sigmoid_slice(a, z)
    }
}

/// One f32 kernel compiled for AVX2+FMA and for AVX-512 (x86-64 only), and a dispatcher that picks
/// the [`level`] this thread runs at.
macro_rules! dispatch {
    ($name:ident, $avx2:ident, $avx512:ident, ($($arg:ident: $ty:ty),*), $body:expr, $portable:expr) => {
        #[cfg(target_arch = "x86_64")]
        #[target_feature(enable = "avx2,fma")]
        fn $avx2($($arg: $ty),*) {
            $body
        }

        #[cfg(target_arch = "x86_64")]
        #[target_feature(enable = "avx512f,avx2,fma")]
        fn $avx512($($arg: $ty),*) {
            $body
        }

        /// The f32 kernel at this thread's SIMD level.
        pub fn $name($($arg: $ty),*) {
            match level() {
                // SAFETY: `level()` is never above what `is_x86_feature_detected!` found.
                #[cfg(target_arch = "x86_64")]
                crate::fast::simd::Level::Avx512 => unsafe { $avx512($($arg),*) },
                #[cfg(target_arch = "x86_64")]
                crate::fast::simd::Level::Avx2 => unsafe { $avx2($($arg),*) },
                _ => $portable,
            }
        }
    };
}

dispatch!(
    gather_f32,
    gather_avx2,
    gather_avx512,
    (z: &mut [f32], w: &[f32], width: usize, p: &[u32], v: &[f32]),
    gather::<f32, true, 2>(z, w, width, p, v),
    gather::<f32, false, 1>(z, w, width, p, v)
);

dispatch!(
    scatter_f32,
    scatter_avx2,
    scatter_avx512,
    (g: &mut [f32], stride: usize, d: &[f32], p: &[u32], v: &[f32]),
    scatter::<f32, true>(g, stride, d, p, v),
    scatter::<f32, false>(g, stride, d, p, v)
);

dispatch!(
    sigmoid_all_f32,
    sigmoid_avx2,
    sigmoid_avx512,
    (a: &mut [f32], z: &[f32]),
    sigmoid_f32::<true>(a, z),
    sigmoid_f32::<false>(a, z)
);
