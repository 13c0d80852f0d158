//! Backprop through the remedies against central finite differences of the cost, in f64, for every
//! activation × cost: batch norm in training mode (the batch's own statistics, so every example's
//! cost depends on the whole batch) and with running averages, skip connections, and both together.

use gradscope::batch_norm::BatchNorm;
use gradscope::{Activation, Backprop, Cost, Init, Network, Rng};
use ndarray::{Array1, Array2};

/// C = Σ over examples and output neurons of the cost, batch norm using batch statistics if `training`.
fn cost(net: &Network<f64>, x: &Array2<f64>, y: &Array2<f64>, training: bool) -> f64 {
    let mut bp = Backprop::new(&net.sizes, x.nrows());
    bp.norm.training = training;
    bp.feedforward(net, x.view());
    let (z, a) = (bp.output_z(x.nrows()), bp.output(x.nrows()));
    ndarray::Zip::from(z)
        .and(a)
        .and(y)
        .fold(0.0, |c, &z, &a, &t| c + net.cost.value(z, a, t))
}

/// Which parameter a finite difference moves.
#[derive(Clone, Copy)]
enum Param {
    W(usize, usize, usize),
    B(usize, usize),
    Gamma(usize, usize),
    Beta(usize, usize),
}

fn param(net: &mut Network<f64>, p: Param) -> &mut f64 {
    let bn = "a batch-norm net";
    match p {
        Param::W(l, r, c) => &mut net.weights[l][[r, c]],
        Param::B(l, j) => &mut net.biases[l][j],
        Param::Gamma(l, j) => &mut net.batch_norm.as_mut().expect(bn).gamma[l][j],
        Param::Beta(l, j) => &mut net.batch_norm.as_mut().expect(bn).beta[l][j],
    }
}

/// (C(p + h) − C(p − h)) / 2h, h = 1e-5: the rounding error of C (~1e-15 on C ≈ 10) over 2h stays
/// ~1e-10, below the smallest gradients here (~1e-6) by far, and the truncation error h²·C‴/6 too.
fn central(
    net: &mut Network<f64>,
    x: &Array2<f64>,
    y: &Array2<f64>,
    p: Param,
    training: bool,
) -> f64 {
    let h = 1e-5;
    let p0 = *param(net, p);
    *param(net, p) = p0 + h;
    let up = cost(net, x, y, training);
    *param(net, p) = p0 - h;
    let down = cost(net, x, y, training);
    *param(net, p) = p0;
    (up - down) / (2.0 * h)
}

fn random(rows: usize, cols: usize, rng: &mut Rng, f: impl Fn(f64) -> f64) -> Array2<f64> {
    Array2::from_shape_fn((rows, cols), |_| f(rng.normal()))
}

/// γ, β and running averages drawn away from their starting values, so that each term counts.
fn random_norm(widths: &[usize], rng: &mut Rng) -> BatchNorm<f64> {
    let mut draw = |f: &dyn Fn(f64) -> f64| -> Vec<Array1<f64>> {
        widths
            .iter()
            .map(|&n| Array1::from_shape_fn(n, |_| f(rng.normal())))
            .collect()
    };
    BatchNorm {
        gamma: draw(&|v| 1.0 + 0.5 * v),
        beta: draw(&|v| 0.5 * v),
        mean: draw(&|v| 0.3 * v),
        var: draw(&|v| 0.5 + v.abs()),
    }
}

/// The worst relative error |fd − backprop| / (1e-4 + |fd|) over every parameter.
fn worst_error(
    activation: Activation,
    cost_fn: Cost,
    norm: bool,
    skip: bool,
    training: bool,
) -> f64 {
    // Three equal-width hidden layers: the second and third skip.
    let sizes = [4, 5, 5, 5, 3];
    let mut net: Network<f64> = Network::new(&sizes, Init::Xavier, 1.0, activation, cost_fn, 11)
        .unwrap()
        .with_skip(skip);
    let mut rng = Rng::new(5);
    if norm {
        net.batch_norm = Some(random_norm(&sizes[1..4], &mut rng));
    }
    let x = random(7, 4, &mut rng, |v| v);
    let y = random(7, 3, &mut rng, |v| 1.0 / (1.0 + (-v).exp()));
    let mut bp = Backprop::new(&sizes, 7);
    bp.norm.training = training;
    bp.backprop(&net, x.view(), y.view());
    let mut worst = 0.0_f64;
    let mut compare = |analytic: f64, p: Param| {
        let fd = central(&mut net, &x, &y, p, training);
        worst = worst.max((fd - analytic).abs() / (1e-4 + fd.abs()));
    };
    for l in 0..sizes.len() - 1 {
        for ((r, c), &g) in bp.nabla_w[l].indexed_iter() {
            compare(g, Param::W(l, r, c));
        }
        for (j, &g) in bp.nabla_b[l].indexed_iter() {
            compare(g, Param::B(l, j));
        }
    }
    if norm {
        for l in 0..3 {
            for (j, &g) in bp.norm.nabla_gamma[l].indexed_iter() {
                compare(g, Param::Gamma(l, j));
            }
            for (j, &g) in bp.norm.nabla_beta[l].indexed_iter() {
                compare(g, Param::Beta(l, j));
            }
        }
    }
    worst
}

fn check_all(norm: bool, skip: bool, training: bool) {
    for activation in [Activation::Sigmoid, Activation::Tanh, Activation::Relu] {
        for cost in [Cost::CrossEntropy, Cost::Quadratic] {
            let worst = worst_error(activation, cost, norm, skip, training);
            assert!(
                worst < 1e-5,
                "{activation:?} × {cost:?}, batch norm {norm} (training {training}), skip {skip}: \
                 worst relative error {worst:e}"
            );
        }
    }
}

#[test]
fn batch_norm_in_training_mode_matches_finite_differences() {
    check_all(true, false, true);
}

#[test]
fn batch_norm_with_running_averages_matches_finite_differences() {
    check_all(true, false, false);
}

#[test]
fn skip_connections_match_finite_differences() {
    check_all(false, true, false);
}

#[test]
fn batch_norm_and_skip_together_match_finite_differences() {
    check_all(true, true, true);
}

/// In training mode b cancels in z − μ: the cost does not depend on it (finite difference 0 up to
/// rounding), and backprop's ∂C/∂b = Σ ∂C/∂z over the batch is 0 too.
#[test]
fn batch_norm_makes_the_hidden_bias_redundant() {
    let sizes = [4, 5, 5, 3];
    let mut rng = Rng::new(2);
    let mut net: Network<f64> = Network::new(
        &sizes,
        Init::Xavier,
        1.0,
        Activation::Sigmoid,
        Cost::CrossEntropy,
        3,
    )
    .unwrap();
    net.batch_norm = Some(random_norm(&sizes[1..3], &mut rng));
    let x = random(8, 4, &mut rng, |v| v);
    let y = random(8, 3, &mut rng, |v| f64::from(v > 0.0));
    let mut bp = Backprop::new(&sizes, 8);
    bp.norm.training = true;
    bp.backprop(&net, x.view(), y.view());
    for l in 0..2 {
        for j in 0..5 {
            assert!(bp.nabla_b[l][j].abs() < 1e-12, "{}", bp.nabla_b[l][j]);
            let fd = central(&mut net, &x, &y, Param::B(l, j), true);
            assert!(fd.abs() < 1e-8, "{fd}");
        }
    }
}
