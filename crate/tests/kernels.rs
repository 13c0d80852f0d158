//! The SIMD kernels at every level this CPU runs, against direct loops: the sparse first layer's
//! products for row widths that cut into blocks every way (1–40, 100), with the last pixel inked,
//! in rows of the layer's width and in rows padded to whole vectors,
//! and the sigmoid against 1/(1 + e^−z) in f64. Also the portable fallback against the detected
//! level on a whole backprop of MNIST-like rows.

use gradscope::fast::kernels::padded;
use gradscope::fast::simd::{detected, set_level, Level};
use gradscope::{Backprop, Network, Real, Rng};
use ndarray::Array2;

fn levels() -> Vec<Level> {
    [Level::Portable, Level::Avx2, Level::Avx512]
        .into_iter()
        .filter(|&l| l <= detected())
        .collect()
}

/// A random row of `width` weights per pixel for `pixels` pixels, and a sparse input inking every
/// third pixel and the last one.
fn problem(pixels: usize, width: usize, seed: u64) -> (Vec<f32>, Vec<u32>, Vec<f32>) {
    let mut rng = Rng::new(seed);
    let w = (0..pixels * width).map(|_| rng.normal() as f32).collect();
    let idx: Vec<u32> = (0..pixels as u32)
        .filter(|p| p % 3 == 1 || *p as usize == pixels - 1)
        .collect();
    let val = idx.iter().map(|_| rng.normal().abs() as f32).collect();
    (w, idx, val)
}

#[test]
fn gather_and_scatter_match_direct_loops_at_every_level_and_width() {
    let pixels = 50;
    for level in levels() {
        set_level(Some(level));
        for width in (1..=40).chain([100]) {
            let (w, idx, val) = problem(pixels, width, width as u64);
            // Direct loop: z[j] = 0.5 + Σ_k v_k w[p_k][j], in f64.
            let mut z = vec![0.5_f32; width];
            f32::gather_rows(&mut z, &w, width, &idx, &val);
            for (j, &got) in z.iter().enumerate() {
                let want: f64 = 0.5
                    + idx
                        .iter()
                        .zip(&val)
                        .map(|(&p, &v)| v as f64 * w[p as usize * width + j] as f64)
                        .sum::<f64>();
                assert!((got as f64 - want).abs() < 1e-4, "{level:?} width {width}");
            }
            // Direct loop: g[p][j] = g₀[p][j] + v_p δ[j] where p is inked, else unchanged — in
            // rows of `width` lanes and in the padded rows backprop uses (δ zero-padded).
            let delta: Vec<f32> = (0..width).map(|j| j as f32 - 3.5).collect();
            for stride in [width, padded(width)] {
                let g0: Vec<f32> = (0..pixels * stride)
                    .map(|i| (i % 17) as f32 - 8.0)
                    .collect();
                let mut d = delta.clone();
                d.resize(stride, 0.0);
                let mut g = g0.clone();
                f32::scatter_rows(&mut g, stride, &d, &idx, &val);
                for p in 0..pixels {
                    let v = idx.iter().position(|&q| q as usize == p).map(|k| val[k]);
                    for j in 0..stride {
                        let d = delta.get(j).map_or(0.0, |&d| d as f64);
                        let added = v.map_or(0.0, |v| v as f64 * d);
                        let want = g0[p * stride + j] as f64 + added;
                        let got = g[p * stride + j] as f64;
                        // Two f32 roundings (product, sum) at most, of the terms' size.
                        let tol = 2e-7 * (g0[p * stride + j].abs() as f64 + added.abs()).max(1.0);
                        assert!(
                            (got - want).abs() <= tol,
                            "{level:?} width {width} stride {stride} pixel {p}"
                        );
                    }
                }
            }
            // The forward product from rows padded to whole vectors (backprop's copy of w^1).
            let stride = padded(width);
            let mut w_pad = vec![0.0_f32; pixels * stride];
            for (to, from) in w_pad.chunks_exact_mut(stride).zip(w.chunks_exact(width)) {
                to[..width].copy_from_slice(from);
            }
            let mut z_pad = vec![0.5_f32; width];
            f32::gather_rows(&mut z_pad, &w_pad, stride, &idx, &val);
            for (a, b) in z_pad.iter().zip(&z) {
                assert!(
                    (a - b).abs() <= 1e-5 * b.abs().max(1.0),
                    "{level:?} width {width} padded"
                );
            }
        }
    }
    set_level(None);
}

#[test]
fn sigmoid_matches_the_formula_in_f64_at_every_level() {
    let z: Vec<f32> = (-4000..4000).map(|i| i as f32 / 40.0).collect();
    for level in levels() {
        set_level(Some(level));
        let mut a = vec![0.0_f32; z.len()];
        f32::sigmoid_all(&mut a, &z);
        for (&a, &z) in a.iter().zip(&z) {
            let want = 1.0 / (1.0 + (-(z as f64)).exp());
            // Below z = −87.33 the exp is held at ~1e-38 (documented in real.rs): absolute there.
            let tol = if z > -87.3 { 2.5e-7 * want } else { 1.2e-38 };
            assert!((a as f64 - want).abs() <= tol, "{level:?} at {z}");
        }
    }
    set_level(None);
}

/// Backprop on 40 random sparse rows at `level`: (∂C/∂w^1, ∂C/∂b of every layer).
fn gradients(net: &Network, x: &Array2<f32>, y: &Array2<f32>, level: Level) -> Vec<f32> {
    set_level(Some(level));
    let mut bp = Backprop::new(&net.sizes, x.nrows());
    bp.backprop(net, x.view(), y.view());
    set_level(None);
    let mut out: Vec<f32> = bp.nabla_w.iter().flat_map(|w| w.iter().copied()).collect();
    out.extend(bp.nabla_b.iter().flat_map(|b| b.iter().copied()));
    out
}

#[test]
fn the_fallback_path_computes_the_same_gradients_as_the_detected_one() {
    let sizes = [784, 30, 30, 30, 10];
    let net: Network = Network::network2(&sizes, 3).unwrap();
    let mut rng = Rng::new(9);
    // MNIST-like rows: ~20 % of pixels inked, values in (0, 1].
    let x = Array2::from_shape_fn((40, 784), |_| {
        let u = rng.normal();
        if u > 0.85 {
            (u / 4.0).min(1.0) as f32
        } else {
            0.0
        }
    });
    let y = Array2::from_shape_fn((40, 10), |(i, j)| f32::from(i % 10 == j));
    let portable = gradients(&net, &x, &y, Level::Portable);
    let best = gradients(&net, &x, &y, detected());
    let scale = portable.iter().fold(0.0_f32, |m, g| m.max(g.abs()));
    for (a, b) in portable.iter().zip(&best) {
        assert!((a - b).abs() <= 1e-5 * scale, "{a} vs {b}");
    }
    // The same net with w^1 stored row-major (not pixel-major) takes the copying path: same sums.
    let mut row_major = net.clone();
    row_major.weights[0] = row_major.weights[0].as_standard_layout().into_owned();
    assert!(row_major.weights[0].is_standard_layout());
    assert_eq!(gradients(&row_major, &x, &y, detected()), best);
}
