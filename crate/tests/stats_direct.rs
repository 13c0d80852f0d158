//! Issue 13's statistics against an independent computation: a direct per-example loop written
//! here (plain f64 vectors: forward pass, cross-entropy δ^L = a − y, δ^l = (w^{l+1})ᵀδ^{l+1} ⊙ σ′(z^l)),
//! the percentiles by numpy's rule written out again (sort, rank p/100·(n − 1), interpolate), for
//! sigmoid, tanh and ReLU, measured in small units of work as the page does.

use gradscope::stats::{percentiles, percentiles_f64, Stats};
use gradscope::{Activation, Cost, Dataset, Hyper, Init, Network, Run};
use ndarray::Array2;

/// Images of 12 pixels with a digit label (the same deterministic pattern as run_units.rs).
fn data(n: usize) -> Dataset<f64> {
    let x = Array2::from_shape_fn((n, 12), |(i, j)| ((i * 7 + j * 5) % 13) as f64 / 12.0);
    let labels: Vec<u8> = (0..n).map(|i| ((i * 3) % 10) as u8).collect();
    let mut y = Array2::zeros((n, 10));
    labels
        .iter()
        .enumerate()
        .for_each(|(i, &l)| y[[i, l as usize]] = 1.0);
    Dataset::new(x, y, labels)
}

fn f(act: Activation, z: f64) -> f64 {
    match act {
        Activation::Sigmoid => 1.0 / (1.0 + (-z).exp()),
        Activation::Tanh => z.tanh(),
        Activation::Relu => z.max(0.0),
    }
}

fn f_prime(act: Activation, z: f64) -> f64 {
    match act {
        Activation::Sigmoid => f(act, z) * (1.0 - f(act, z)),
        Activation::Tanh => 1.0 - z.tanh() * z.tanh(),
        Activation::Relu => (z > 0.0) as u8 as f64,
    }
}

/// Per hidden layer: every z over (image, neuron); per layer after the input: the mean ∂C/∂b.
struct Direct {
    zs: Vec<Vec<f64>>,
    grad: Vec<Vec<f64>>,
}

fn direct(net: &Network<f64>, x: &Array2<f64>, y: &Array2<f64>) -> Direct {
    let layers = net.weights.len();
    let act_of = |l: usize| {
        if l + 1 == layers {
            Activation::Sigmoid
        } else {
            net.activation
        }
    };
    let mut zs = vec![Vec::new(); layers - 1];
    let mut grad: Vec<Vec<f64>> = net.biases.iter().map(|b| vec![0.0; b.len()]).collect();
    for (xi, yi) in x.rows().into_iter().zip(y.rows()) {
        let mut a: Vec<f64> = xi.to_vec();
        let mut z_all = Vec::new();
        for l in 0..layers {
            let w = &net.weights[l];
            let z: Vec<f64> = (0..w.nrows())
                .map(|j| (0..w.ncols()).map(|k| w[[j, k]] * a[k]).sum::<f64>() + net.biases[l][j])
                .collect();
            a = z.iter().map(|&z| f(act_of(l), z)).collect();
            z_all.push(z);
        }
        let mut delta: Vec<f64> = a.iter().zip(yi).map(|(a, y)| a - y).collect();
        for l in (0..layers).rev() {
            grad[l].iter_mut().zip(&delta).for_each(|(g, d)| *g += d);
            if l == 0 {
                break;
            }
            zs[l - 1].extend(&z_all[l - 1]);
            let w = &net.weights[l];
            delta = (0..w.ncols())
                .map(|k| {
                    let back: f64 = (0..w.nrows()).map(|j| w[[j, k]] * delta[j]).sum();
                    back * f_prime(act_of(l - 1), z_all[l - 1][k])
                })
                .collect();
        }
    }
    let n = x.nrows() as f64;
    grad.iter_mut().flatten().for_each(|g| *g /= n);
    Direct { zs, grad }
}

/// numpy.percentile's default ("linear"), written out: sort, rank p/100·(n − 1), interpolate.
fn numpy_percentile(values: &[f64], p: f64) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let rank = p / 100.0 * (v.len() - 1) as f64;
    let (lo, hi) = (rank.floor() as usize, rank.ceil() as usize);
    v[lo] + (rank - lo as f64) * (v[hi] - v[lo])
}

fn expected(net: &Network<f64>, d: &Direct) -> Stats {
    let hidden = d.zs.len();
    let norm = |g: &[f64]| g.iter().map(|x| x * x).sum::<f64>().sqrt();
    // The largest σ′: sigmoid 1/4 (at z = 0), tanh 1 (at 0), ReLU 1.
    let max_prime = match net.activation {
        Activation::Sigmoid => 0.25,
        _ => 1.0,
    };
    let act = net.activation;
    let pct = |v: &[f64], ps: [f64; 3]| ps.map(|p| numpy_percentile(v, p));
    Stats {
        factors: (0..hidden - 1)
            .map(|l| Some(norm(&d.grad[l]) / norm(&d.grad[l + 1])))
            .collect(),
        sigma_prime_mean: (d.zs.iter())
            .map(|z| z.iter().map(|&z| f_prime(act, z)).sum::<f64>() / z.len() as f64)
            .collect(),
        weight_norms: (1..=hidden)
            .map(|l| {
                let w = &net.weights[l];
                (w.iter().map(|x| x * x).sum::<f64>() / w.ncols() as f64).sqrt()
            })
            .collect(),
        activation_percentiles: (d.zs.iter())
            .map(|z| {
                pct(
                    &z.iter().map(|&z| f(act, z)).collect::<Vec<_>>(),
                    [15., 50., 85.],
                )
            })
            .collect(),
        saturated: (d.zs.iter())
            .map(|z| {
                let n = z
                    .iter()
                    .filter(|&&z| f_prime(act, z) < 0.1 * max_prime)
                    .count();
                n as f64 / z.len() as f64
            })
            .collect(),
        gradient_percentiles: (d.grad[..hidden].iter())
            .map(|g| {
                pct(
                    &g.iter().map(|x| x.abs()).collect::<Vec<_>>(),
                    [10., 50., 90.],
                )
            })
            .collect(),
    }
}

/// `got` equals `want` to `tol` relative (f32-stored activations: 1e-7; all else 1e-12).
fn assert_close(got: &Stats, want: &Stats, tol: f64) {
    let close = |a: f64, b: f64| (a - b).abs() <= tol * (1.0 + b.abs());
    let pairs = |a: &[[f64; 3]], b: &[[f64; 3]]| {
        a.len() == b.len()
            && a.iter()
                .flatten()
                .zip(b.iter().flatten())
                .all(|(x, y)| close(*x, *y))
    };
    let flat =
        |a: &[f64], b: &[f64]| a.len() == b.len() && a.iter().zip(b).all(|(x, y)| close(*x, *y));
    let factors = |s: &Stats| s.factors.iter().map(|f| f.unwrap()).collect::<Vec<_>>();
    assert!(
        flat(&factors(got), &factors(want)),
        "factors {got:?}\n vs {want:?}"
    );
    assert!(
        flat(&got.sigma_prime_mean, &want.sigma_prime_mean),
        "σ′ {got:?}\n vs {want:?}"
    );
    assert!(
        flat(&got.weight_norms, &want.weight_norms),
        "norms {got:?}\n vs {want:?}"
    );
    assert!(
        flat(&got.saturated, &want.saturated),
        "saturated {got:?}\n vs {want:?}"
    );
    assert!(
        pairs(&got.activation_percentiles, &want.activation_percentiles),
        "a {got:?}\n vs {want:?}"
    );
    assert!(
        pairs(&got.gradient_percentiles, &want.gradient_percentiles),
        "grad {got:?}\n vs {want:?}"
    );
}

/// The first record of a run measured in units of 7 rows (as the page measures), with stats.
fn measured_in_units(net: Network<f64>, images: &Dataset<f64>) -> Stats {
    let hyper = Hyper {
        eta: 0.5,
        lambda: 1.0,
        batch: 10,
    };
    let mut run = Run::new(net, images.clone(), None, hyper, 3).unwrap();
    run.collect_stats();
    let record = loop {
        if let Some(r) = run.work(7) {
            break r;
        }
    };
    record.stats.expect("stats collected")
}

#[test]
fn every_statistic_matches_a_direct_loop_for_sigmoid_tanh_and_relu() {
    let images = data(137);
    let (x, y) = (images.dense(), images.y.clone());
    for act in [Activation::Sigmoid, Activation::Tanh, Activation::Relu] {
        // Weights ×3 so that some sigmoids saturate (σ′ < 0.025) and the counts are not all 0.
        for scale in [1.0, 3.0] {
            let net = Network::new(
                &[12, 9, 8, 7, 10],
                Init::Network2,
                scale,
                act,
                Cost::CrossEntropy,
                5,
            )
            .unwrap();
            let want = expected(&net, &direct(&net, &x, &y));
            let got = measured_in_units(net, &images);
            // Activations are kept as f32 for the percentiles: 1e-7 relative.
            assert_close(&got, &want, 1e-7);
            assert!(
                want.saturated.iter().any(|&s| s > 0.0) || scale == 1.0,
                "{act:?}: {want:?}"
            );
        }
    }
}

#[test]
fn a_later_epoch_matches_the_direct_loop_on_the_trained_net() {
    let images = data(90);
    let net = Network::new(
        &[12, 6, 5, 10],
        Init::Network2,
        1.0,
        Activation::Tanh,
        Cost::CrossEntropy,
        2,
    )
    .unwrap();
    let hyper = Hyper {
        eta: 0.5,
        lambda: 1.0,
        batch: 10,
    };
    let mut run = Run::new(net, images.clone(), None, hyper, 3).unwrap();
    run.collect_stats();
    run.measure();
    let after = run.epoch();
    let want = expected(&run.net, &direct(&run.net, &images.dense(), &images.y));
    assert_close(&after.stats.unwrap(), &want, 1e-7);
}

#[test]
fn percentiles_follow_numpy() {
    // numpy.percentile([1, 2, 3, 4], [15, 50, 85]) = [1.45, 2.5, 3.55]; of [7] every one is 7.
    let small = percentiles(&[4.0, 1.0, 3.0, 2.0], [15., 50., 85.]);
    assert!(
        small
            .iter()
            .zip([1.45, 2.5, 3.55])
            .all(|(g, w)| (g - w).abs() < 1e-12),
        "{small:?}"
    );
    assert_eq!(percentiles_f64(&mut [7.0], [10., 50., 90.]), [7.0; 3]);
    // Long inputs take the selection path: compare with the sort above on pseudo-random values
    // (a 64-bit LCG, Knuth's MMIX constants), some repeated, of several lengths.
    let mut state = 1_u64;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 40) % 5000) as f32 / 7.0
    };
    for n in [64, 65, 100, 1001, 10_007] {
        let v: Vec<f32> = (0..n).map(|_| next()).collect();
        let as_f64: Vec<f64> = v.iter().map(|&x| x as f64).collect();
        for ps in [[15., 50., 85.], [10., 50., 90.], [0., 33.3, 100.]] {
            let got = percentiles(&v, ps);
            let want = ps.map(|p| numpy_percentile(&as_f64, p));
            assert!(
                got.iter()
                    .zip(want)
                    .all(|(g, w)| (g - w).abs() < 1e-9 * w.max(1.0)),
                "{n}: {got:?} vs {want:?}"
            );
        }
    }
}

#[test]
fn wide_nets_take_the_activation_percentiles_of_the_first_images_that_fit() {
    // 200 hidden neurons × 700 images = 140,000 pairs > MAX_VALUES: the first 600 images (120,000).
    assert_eq!(gradscope::stats::MAX_VALUES, 120_000);
    // Later images brighter (so that the first 600 and all 700 have different percentiles).
    let base = data(700);
    let x = Array2::from_shape_fn((700, 12), |(i, j)| {
        base.dense()[[i, j]] * (1.0 + i as f64 / 100.0)
    });
    let images = Dataset::new(x, base.y.clone(), base.labels.clone());
    let net = Network::new(
        &[12, 200, 10],
        Init::Network2,
        2.0,
        Activation::Sigmoid,
        Cost::CrossEntropy,
        4,
    )
    .unwrap();
    let d = direct(&net, &images.dense(), &images.y);
    let got = measured_in_units(net, &images);
    let act = |z: &f64| f(Activation::Sigmoid, *z);
    let first: Vec<f64> = d.zs[0][..600 * 200].iter().map(act).collect();
    let want = [15., 50., 85.].map(|p| numpy_percentile(&first, p));
    let every: Vec<f64> = d.zs[0].iter().map(act).collect();
    let over_all = [15., 50., 85.].map(|p| numpy_percentile(&every, p));
    assert!(
        want.iter().zip(over_all).all(|(a, b)| (a - b).abs() > 1e-4),
        "{want:?} vs {over_all:?}"
    );
    let close = |g: f64, w: f64| (g - w).abs() <= 1e-7 * (1.0 + w.abs());
    assert!(
        got.activation_percentiles[0]
            .iter()
            .zip(want)
            .all(|(g, w)| close(*g, w)),
        "{got:?} vs {want:?}"
    );
    // σ′ and saturation still count all 700 images.
    let all = d.zs[0]
        .iter()
        .map(|&z| f_prime(Activation::Sigmoid, z))
        .sum::<f64>()
        / d.zs[0].len() as f64;
    assert!(
        close(got.sigma_prime_mean[0], all),
        "{} vs {all}",
        got.sigma_prime_mean[0]
    );
}
