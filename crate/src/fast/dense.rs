//! The hidden layers' dense products, C = β·C + A·B, for the small matrices of these nets (widths
//! of tens, batches of up to thousands of rows): a register-blocked AVX-512 kernel, picked at run
//! time. 8 rows of C by 32 columns (two vectors of 16 lanes) stay in registers while k runs: each
//! row of B is loaded once for 8 rows of A, and the 16 sums are independent chains of
//! multiply-adds, enough to keep both FMA units busy. No packing: B is read in place (a block of a
//! row of n lanes not a multiple of 16 reads on into the next row and drops those lanes; the last
//! rows of B are copied and zero-padded), A element by element through its strides; C is written
//! with masked stores. On J1's shapes (1,000 × 30 by 30 × 30, and 30 × 1,000 by 1,000 × 30) it
//! takes ~55 % of matrixmultiply's time (`examples`-style min-of-30 timing, this Zen 5 core). At
//! AVX2 a kernel of the same design (2–6 rows × 16–32 lanes in 16 ymm registers) was no faster
//! than matrixmultiply's own AVX2+FMA kernel, so AVX2, SSE2 and wasm's SIMD128 keep ndarray's
//! `general_mat_mul` (matrixmultiply).

use super::simd::{level, Level};
use crate::Real;
use ndarray::linalg::general_mat_mul;
use ndarray::{ArrayView2, ArrayViewMut2};
#[cfg(target_arch = "x86_64")]
use std::arch::x86_64::*;

/// A as (elements, row stride, column stride): element (i, k) is at `i·rs + k·cs`.
pub type Strided<'a, F> = (&'a [F], usize, usize);

/// Whether slices of these lengths hold C (m×n), A ([`Strided`], m×k) and B (k×n) of `dims` =
/// (m, k, n) (a kernel given less leaves C unchanged).
#[cfg(target_arch = "x86_64")]
fn fits<F>(c: &[F], a: Strided<F>, b: &[F], (m, k, n): (usize, usize, usize)) -> bool {
    let a_needs = (m > 0 && k > 0).then(|| (m - 1) * a.1 + (k - 1) * a.2 + 1);
    c.len() >= m * n && b.len() >= k * n && a_needs.is_none_or(|need| a.0.len() >= need)
}

/// Where a micro-kernel works: rows `i0..` and `lanes` (≤ 32) columns from `j0` of C, the inner
/// dimension k and C's (and B's) row width n.
#[cfg(target_arch = "x86_64")]
#[derive(Clone, Copy)]
struct Block {
    i0: usize,
    j0: usize,
    lanes: usize,
    k: usize,
    n: usize,
}

/// out[j] = β·out[j] + sums[j] for the first min(16, out.len()) lanes (sums alone when β is 0, so
/// that an old NaN in C does not survive), by masked loads and stores: no lane past `out` is
/// touched.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx2,fma")]
fn write_lanes(out: &mut [f32], sums: __m512, beta: f32) {
    let mask = (1_u32 << out.len().min(16)).wrapping_sub(1) as u16;
    let p = out.as_mut_ptr();
    // SAFETY: the mask selects lanes below out.len() only; masked-off lanes are not accessed.
    unsafe {
        let v = if beta == 0.0 {
            sums
        } else {
            _mm512_fmadd_ps(_mm512_set1_ps(beta), _mm512_maskz_loadu_ps(mask, p), sums)
        };
        _mm512_mask_storeu_ps(p, mask, v);
    }
}

/// R rows × V vectors of 16 lanes of C ([`Block`]): the R·V sums stay in registers while k runs.
/// B's rows are read V·16 lanes at a time, the last ones (past B's end) copied and zero-padded.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx2,fma")]
fn micro<const R: usize, const V: usize>(
    c: &mut [f32],
    a: Strided<f32>,
    b: &[f32],
    at: Block,
    beta: f32,
) {
    let (a, rs, cs) = a;
    let mut acc = [[_mm512_setzero_ps(); V]; R];
    let span = V * 16;
    let mut padded = [0.0_f32; 32];
    for kk in 0..at.k {
        let start = kk * at.n + at.j0;
        let row = match b.get(start..start + span) {
            Some(row) => row,
            None => {
                let have = b.get(start..).unwrap_or(&[]);
                padded.fill(0.0);
                padded.iter_mut().zip(have).for_each(|(p, &h)| *p = h);
                padded.get(..span).unwrap_or(&[])
            }
        };
        if row.len() < span {
            continue;
        }
        let mut bv = [_mm512_setzero_ps(); V];
        for (v, bv) in bv.iter_mut().enumerate() {
            // SAFETY: `row` holds span = V·16 lanes, so lanes 16·v..16·(v + 1) are in it.
            *bv = unsafe { _mm512_loadu_ps(row.as_ptr().add(v * 16)) };
        }
        for (r, acc) in acc.iter_mut().enumerate() {
            let x = a.get((at.i0 + r) * rs + kk * cs).copied().unwrap_or(0.0);
            let x = _mm512_set1_ps(x);
            for (acc, &bv) in acc.iter_mut().zip(&bv) {
                *acc = _mm512_fmadd_ps(x, bv, *acc);
            }
        }
    }
    for (r, acc) in acc.iter().enumerate() {
        let start = (at.i0 + r) * at.n + at.j0;
        let Some(row) = c.get_mut(start..start + at.lanes) else {
            continue;
        };
        for (v, &acc) in acc.iter().enumerate() {
            if let Some(out) = row.get_mut(v * 16..) {
                write_lanes(out, acc, beta);
            }
        }
    }
}

/// [`matmul_f32`]'s kernel: C cut into blocks of 8 rows (then 4, 2, 1) by 32 columns (then 16).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx2,fma")]
fn matmul_avx512(
    c: &mut [f32],
    a: Strided<f32>,
    b: &[f32],
    dims: (usize, usize, usize),
    beta: f32,
) -> bool {
    let (m, k, n) = dims;
    if !fits(c, a, b, dims) {
        return false;
    }
    let mut j0 = 0;
    while j0 < n {
        let lanes = (n - j0).min(32);
        let mut i0 = 0;
        while i0 < m {
            let rows = match m - i0 {
                left if left >= 8 => 8,
                left if left >= 4 => 4,
                left => left.min(2),
            };
            let at = Block {
                i0,
                j0,
                lanes,
                k,
                n,
            };
            match (rows, lanes > 16) {
                (8, true) => micro::<8, 2>(c, a, b, at, beta),
                (8, false) => micro::<8, 1>(c, a, b, at, beta),
                (4, _) => micro::<4, 2>(c, a, b, at, beta),
                (2, _) => micro::<2, 2>(c, a, b, at, beta),
                _ => micro::<1, 2>(c, a, b, at, beta),
            }
            i0 += rows;
        }
        j0 += lanes;
    }
    true
}

/// Whether [`matmul_f32`] has a kernel at this thread's SIMD level (AVX-512).
pub fn has_kernel() -> bool {
    cfg!(target_arch = "x86_64") && level() == Level::Avx512
}

/// C = β·C + A·B with C m×n and B k×n row-major, A m×k [`Strided`], `dims` = (m, k, n), at this
/// thread's SIMD level. When β is 0, C's old values are not read. False, C untouched, below
/// AVX-512 (see the module's note) or for slices too short for `dims`.
pub fn matmul_f32(
    c: &mut [f32],
    a: Strided<f32>,
    b: &[f32],
    dims: (usize, usize, usize),
    beta: f32,
) -> bool {
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (c, a, b, dims, beta);
    match level() {
        // SAFETY: `level()` is never above what `is_x86_feature_detected!` found.
        #[cfg(target_arch = "x86_64")]
        Level::Avx512 => unsafe { matmul_avx512(c, a, b, dims, beta) },
        _ => false,
    }
}

/// C = β·C + A·B on ndarray views: [`Real::matmul`]'s kernel when there is one for this type and
/// CPU and the layouts allow it (B and C row-major, A contiguous in either order), else ndarray's
/// `general_mat_mul`.
pub fn mat_mul<F: Real>(a: ArrayView2<F>, b: ArrayView2<F>, beta: F, mut c: ArrayViewMut2<F>) {
    let (m, k, n) = (a.nrows(), a.ncols(), b.ncols());
    let strides = a.strides();
    let (rs, cs) = (strides[0].max(0) as usize, strides[1].max(0) as usize);
    let fast = match (a.as_slice_memory_order(), b.as_slice(), c.as_slice_mut()) {
        // Strides > 0, except on an axis of length 1 (ndarray gives it the stride 0).
        (Some(a), Some(b), Some(c)) if (strides[0] > 0 || m <= 1) && (strides[1] > 0 || k <= 1) => {
            F::matmul(c, (a, rs, cs), b, (m, k, n), beta)
        }
        _ => false,
    };
    if !fast {
        general_mat_mul(F::one(), &a, &b, beta, &mut c);
    }
}
