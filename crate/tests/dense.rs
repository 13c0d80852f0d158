//! The hidden layers' dense products (`fast::dense::mat_mul`) at every SIMD level this CPU runs,
//! against a direct triple loop in f64: sizes 1, 7, 30, 31 (and 33, 100: blocks of 32 lanes and
//! a remainder) in every dimension, A by rows and by columns (a transposed view), β = 0 (C's old
//! NaNs must not survive) and β = 1.

use gradscope::fast::dense::mat_mul;
use gradscope::fast::simd::{detected, set_level, Level};
use gradscope::Rng;
use ndarray::{s, Array2};

fn levels() -> Vec<Level> {
    [Level::Portable, Level::Avx2, Level::Avx512]
        .into_iter()
        .filter(|&l| l <= detected())
        .collect()
}

fn random(rows: usize, cols: usize, rng: &mut Rng) -> Array2<f32> {
    Array2::from_shape_fn((rows, cols), |_| rng.normal() as f32)
}

/// Checks C = β·C₀ + A·B against Σ_k A[i,k]·B[k,j] summed in f64 (k terms of f32 products:
/// relative error ≲ k·2⁻²⁴ of Σ|A||B|).
fn check(a: ndarray::ArrayView2<f32>, b: &Array2<f32>, beta: f32, c0: &Array2<f32>, what: &str) {
    let mut c = c0.clone();
    mat_mul(a, b.view(), beta, c.view_mut());
    for ((i, j), &got) in c.indexed_iter() {
        let (mut want, mut size) = (0.0_f64, 0.0_f64);
        for k in 0..a.ncols() {
            let t = a[[i, k]] as f64 * b[[k, j]] as f64;
            want += t;
            size += t.abs();
        }
        if beta != 0.0 {
            want += beta as f64 * c0[[i, j]] as f64;
            size += (beta * c0[[i, j]]).abs() as f64;
        }
        let tol = 1e-6 * (a.ncols() as f64 + 1.0) * size.max(1e-30);
        assert!(
            (got as f64 - want).abs() <= tol,
            "{what} C[{i},{j}] = {got}, want {want}"
        );
    }
}

#[test]
fn products_match_a_direct_loop_at_every_level_and_size() {
    let sizes = [1, 7, 30, 31, 33, 100];
    let mut rng = Rng::new(12);
    for level in levels() {
        set_level(Some(level));
        for &m in &sizes {
            for &k in &sizes {
                for &n in &sizes {
                    let b = random(k, n, &mut rng);
                    let what = format!("{level:?} {m}×{k}·{k}×{n}");
                    // A by rows, β = 0 over a C full of NaN.
                    let a = random(m, k, &mut rng);
                    check(
                        a.view(),
                        &b,
                        0.0,
                        &Array2::from_elem((m, n), f32::NAN),
                        &what,
                    );
                    // A by columns (the transpose of a k × m matrix), β = 1.
                    let at = random(k, m, &mut rng);
                    let c0 = random(m, n, &mut rng);
                    check(at.t(), &b, 1.0, &c0, &format!("{what} (Aᵀ, β = 1)"));
                }
            }
        }
    }
    set_level(None);
}

#[test]
fn a_product_with_no_inner_dimension_is_beta_times_c() {
    for level in levels() {
        set_level(Some(level));
        let (a, b) = (Array2::<f32>::zeros((3, 0)), Array2::<f32>::zeros((0, 5)));
        let mut c = Array2::from_elem((3, 5), 2.0_f32);
        mat_mul(a.view(), b.view(), 1.0, c.view_mut());
        assert!(c.iter().all(|&x| x == 2.0), "{level:?}");
        mat_mul(a.view(), b.view(), 0.0, c.view_mut());
        assert!(c.iter().all(|&x| x == 0.0), "{level:?}");
    }
    set_level(None);
}

#[test]
fn a_single_row_sliced_from_a_wider_one_is_multiplied_too() {
    // Backprop's Σ_rows δ = 1ᵀ·δ: a 1 × m slice of a longer row of ones (ndarray gives its axis
    // of length 1 the stride 0).
    let mut rng = Rng::new(5);
    for level in levels() {
        set_level(Some(level));
        for (m, n) in [(1, 1), (7, 30), (1000, 30), (31, 10)] {
            let ones = Array2::<f32>::ones((1, m + 9));
            let delta = random(m, n, &mut rng);
            let what = format!("{level:?} 1×{m}·{m}×{n}");
            check(
                ones.slice(s![.., ..m]),
                &delta,
                0.0,
                &Array2::zeros((1, n)),
                &what,
            );
        }
    }
    set_level(None);
}
