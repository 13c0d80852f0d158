//! The validation cost the page charts (summed in f32 through a polynomial softplus) against the
//! book's formula −y ln a − (1 − y) ln(1 − a) evaluated in f64, on the 2,000 shipped validation
//! images, for a fresh net, a trained one and a saturated one.

mod data;

use gradscope::evaluate::Tally;
use gradscope::{Backprop, Dataset, Hyper, Network, Run};
use std::sync::Arc;

/// network2's total cost with the cross-entropy of every output neuron computed in f64 from the
/// f32 net's own Z^L (so only the cost's arithmetic differs), a = σ(z) = 1/(1 + e^−z).
fn book_total_cost(net: &Network, v: &Dataset, lambda: f64) -> f64 {
    let mut bp = Backprop::new(&net.sizes, v.len());
    let (x, y) = v.rows(0, v.len());
    bp.feedforward_sparse(net, x);
    let z = bp.output_z(v.len());
    let mut cost = 0.0;
    for (&z, &y) in z.iter().zip(y.iter()) {
        let (z, y) = (z as f64, y as f64);
        let a = 1.0 / (1.0 + (-z).exp());
        // ln(1 − a) = −z − ln(1 + e^−z): the f64 form that stays finite where a rounds to 1.
        let ln_a = -(-z).exp().ln_1p();
        let ln_1ma = if a < 0.5 { (-a).ln_1p() } else { -z + ln_a };
        cost += -y * ln_a - (1.0 - y) * ln_1ma;
    }
    let n = v.len() as f64;
    let squares: f64 = net
        .weights
        .iter()
        .flat_map(|w| w.iter().map(|&x| x as f64 * x as f64))
        .sum();
    cost / n + 0.5 * (lambda / n) * squares
}

fn tally_cost(net: &Network, v: &Dataset, lambda: f64) -> f64 {
    let mut bp = Backprop::new(&net.sizes, 1000);
    let mut tally = Tally::default();
    for start in (0..v.len()).step_by(1000) {
        let end = (start + 1000).min(v.len());
        let (x, y) = v.rows(start, end);
        tally.add(net, &mut bp, x, y, &v.labels[start..end]);
    }
    tally.total_cost(net, lambda)
}

#[test]
fn the_fast_cost_is_the_books_formula_to_1e_6() {
    let v = data::load("validation");
    let train = Arc::new(data::first_1000());
    let fresh: Network = Network::network2(&[784, 30, 30, 10], 2).unwrap();
    let hyper = Hyper {
        eta: 0.5,
        lambda: 5.0,
        batch: 10,
    };
    let mut run = Run::new(fresh.clone(), train, None, hyper, 2).unwrap();
    for _ in 0..3 {
        run.epoch();
    }
    let mut saturated = fresh.clone();
    saturated.weights[2].mapv_inplace(|w| w * 40.0);
    for (name, net) in [
        ("fresh", &fresh),
        ("trained", &run.net),
        ("saturated", &saturated),
    ] {
        let (fast, book) = (tally_cost(net, &v, 5.0), book_total_cost(net, &v, 5.0));
        let rel = (fast / book - 1.0).abs();
        assert!(rel < 1e-6, "{name}: {fast} vs the book's {book} ({rel:e})");
    }
}
