//! Backprop against central finite differences of the cost, for every activation × cost.

use gradscope::{Activation, Backprop, Cost, Init, Network, Rng};
use ndarray::Array2;

/// C = Σ over examples and output neurons of the cost (what backprop's summed gradients differentiate).
fn cost(net: &Network<f64>, x: &Array2<f64>, y: &Array2<f64>) -> f64 {
    let mut bp = Backprop::new(&net.sizes, x.nrows());
    bp.feedforward(net, x.view());
    let (z, a) = (bp.output_z(x.nrows()), bp.output(x.nrows()));
    ndarray::Zip::from(z)
        .and(a)
        .and(y)
        .fold(0.0, |c, &z, &a, &t| c + net.cost.value(z, a, t))
}

/// (C(p + h) − C(p − h)) / 2h for the parameter that `param` picks, h = 1e-6.
fn central(
    net: &mut Network<f64>,
    x: &Array2<f64>,
    y: &Array2<f64>,
    param: impl Fn(&mut Network<f64>) -> &mut f64,
) -> f64 {
    let h = 1e-6;
    let p0 = *param(net);
    *param(net) = p0 + h;
    let up = cost(net, x, y);
    *param(net) = p0 - h;
    let down = cost(net, x, y);
    *param(net) = p0;
    (up - down) / (2.0 * h)
}

fn random(rows: usize, cols: usize, rng: &mut Rng, f: impl Fn(f64) -> f64) -> Array2<f64> {
    Array2::from_shape_fn((rows, cols), |_| f(rng.normal()))
}

fn check(activation: Activation, cost_fn: Cost) {
    let sizes = [4, 5, 3, 3];
    let mut net: Network<f64> =
        Network::new(&sizes, Init::Large, 1.0, activation, cost_fn, 11).unwrap();
    let mut rng = Rng::new(5);
    let x = random(6, 4, &mut rng, |v| v);
    let y = random(6, 3, &mut rng, |v| 1.0 / (1.0 + (-v).exp()));
    let mut bp = Backprop::new(&sizes, 6);
    bp.backprop(&net, x.view(), y.view());
    let mut worst = 0.0_f64;
    let mut compare = |analytic: f64, fd: f64| {
        worst = worst.max((fd - analytic).abs() / (1e-4 + fd.abs()));
    };
    for l in 0..net.weights.len() {
        for ((r, c), &g) in bp.nabla_w[l].indexed_iter() {
            compare(g, central(&mut net, &x, &y, |n| &mut n.weights[l][[r, c]]));
        }
        for (j, &g) in bp.nabla_b[l].indexed_iter() {
            compare(g, central(&mut net, &x, &y, |n| &mut n.biases[l][j]));
        }
    }
    assert!(
        worst < 1e-5,
        "{activation:?} × {cost_fn:?}: worst relative error {worst:e}"
    );
}

#[test]
fn backprop_matches_finite_differences_for_every_activation_and_cost() {
    for activation in [Activation::Sigmoid, Activation::Tanh, Activation::Relu] {
        for cost in [Cost::CrossEntropy, Cost::Quadratic] {
            check(activation, cost);
        }
    }
}

#[test]
fn f32_backprop_agrees_with_f64() {
    let net: Network<f64> = Network::new(
        &[784, 30, 30, 10],
        Init::Network2,
        1.0,
        Activation::Sigmoid,
        Cost::CrossEntropy,
        3,
    )
    .unwrap();
    let mut rng = Rng::new(9);
    let x = random(20, 784, &mut rng, |v| v.abs().min(1.0));
    let y = random(20, 10, &mut rng, |v| f64::from(v > 0.0));
    let mut b64 = Backprop::new(&net.sizes, 20);
    b64.backprop(&net, x.view(), y.view());
    let net32 = net.cast::<f32>();
    let mut b32 = Backprop::new(&net.sizes, 20);
    b32.backprop(
        &net32,
        x.mapv(|v| v as f32).view(),
        y.mapv(|v| v as f32).view(),
    );
    for (a, b) in b64.nabla_b.iter().zip(&b32.nabla_b) {
        for (&p, &q) in a.iter().zip(b) {
            assert!((p - q as f64).abs() < 1e-4 * (1.0 + p.abs()), "{p} vs {q}");
        }
    }
}
