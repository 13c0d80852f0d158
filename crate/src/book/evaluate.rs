//! How well a network does on a set of images: accuracy and network2's total cost (with L2).

use crate::sparse::SparseView;
use crate::{Backprop, Network, Real};
use ndarray::ArrayView2;

/// Running totals over the images evaluated so far: correct answers and summed cost.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Tally {
    /// Images whose most active output neuron is their label.
    pub correct: usize,
    /// Σ of the cost over images and output neurons.
    pub cost: f64,
    /// Images evaluated.
    pub images: usize,
}

impl Tally {
    /// Feeds the rows of `x` forward and adds their scores (targets `y`, digits `labels`).
    pub fn add<F: Real>(
        &mut self,
        net: &Network<F>,
        bp: &mut Backprop<F>,
        x: SparseView<F>,
        y: ArrayView2<F>,
        labels: &[u8],
    ) {
        bp.feedforward_sparse(net, x);
        let out = bp.output(x.len());
        for (row, &label) in out.rows().into_iter().zip(labels) {
            let best = row
                .iter()
                .enumerate()
                .fold(
                    (0, F::neg_infinity()),
                    |b, (j, &a)| {
                        if a > b.1 {
                            (j, a)
                        } else {
                            b
                        }
                    },
                );
            self.correct += usize::from(best.0 == label as usize);
        }
        let z = bp.output_z(x.len());
        self.cost += match (z.to_slice(), out.to_slice(), y.to_slice()) {
            (Some(z), Some(a), Some(y)) => net.cost.sum(z, a, y),
            _ => ndarray::Zip::from(z)
                .and(out)
                .and(y)
                .fold(0.0, |sum, &z, &a, &t| sum + net.cost.value(z, a, t)),
        };
        self.images += x.len();
    }

    /// The fraction of images classified correctly.
    pub fn accuracy(&self) -> f64 {
        self.correct as f64 / self.images.max(1) as f64
    }

    /// network2's `total_cost`: the mean cost plus ½(λ/n)·Σ‖w‖², n = the images evaluated.
    pub fn total_cost<F: Real>(&self, net: &Network<F>, lambda: f64) -> f64 {
        let n = self.images.max(1) as f64;
        let squares: f64 = net
            .weights
            .iter()
            .map(|w| w.iter().map(|x| x.f64() * x.f64()).sum::<f64>())
            .sum();
        self.cost / n + 0.5 * (lambda / n) * squares
    }
}
