//! How well a network does on a set: accuracy and network2's total cost (with the L2 term).

use crate::speeds::CHUNK;
use crate::{Backprop, Dataset, Network, Real};

/// The fraction of images whose most active output neuron is their label.
pub fn accuracy<F: Real>(net: &Network<F>, data: &Dataset<F>, bp: &mut Backprop<F>) -> f64 {
    let mut correct = 0usize;
    for start in (0..data.len()).step_by(CHUNK) {
        let end = (start + CHUNK).min(data.len());
        let (x, _) = data.rows(start, end);
        bp.feedforward(net, x);
        for (row, &label) in bp
            .output(end - start)
            .rows()
            .into_iter()
            .zip(&data.labels[start..end])
        {
            let best = row
                .iter()
                .enumerate()
                .fold(
                    (0, F::neg_infinity()),
                    |b, (j, &a)| if a > b.1 { (j, a) } else { b },
                );
            correct += usize::from(best.0 == label as usize);
        }
    }
    correct as f64 / data.len().max(1) as f64
}

/// network2's `total_cost`: the mean cost over the set plus ½(λ/n)·Σ‖w‖², with n = the set's size.
pub fn total_cost<F: Real>(
    net: &Network<F>,
    data: &Dataset<F>,
    lambda: f64,
    bp: &mut Backprop<F>,
) -> f64 {
    let n = data.len().max(1) as f64;
    let mut cost = 0.0;
    for start in (0..data.len()).step_by(CHUNK) {
        let end = (start + CHUNK).min(data.len());
        let (x, y) = data.rows(start, end);
        bp.feedforward(net, x);
        cost += bp
            .output(end - start)
            .iter()
            .zip(y.iter())
            .map(|(&a, &y)| net.cost.value(a, y))
            .sum::<f64>();
    }
    let squares: f64 = net
        .weights
        .iter()
        .map(|w| w.iter().map(|x| x.f64() * x.f64()).sum::<f64>())
        .sum();
    cost / n + 0.5 * (lambda / n) * squares
}
