//! What a run records after each epoch, and the check that a network fits a data set.

use crate::stats::Stats;
use crate::{Dataset, Error, Network, Real, Result};

/// What was measured after `epoch` epochs of updates.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// Epochs of updates done before this measurement.
    pub epoch: usize,
    /// ‖δ^l‖ of each hidden layer, averaged over the training images.
    pub speeds: Vec<f64>,
    /// ∂C/∂b of the first six neurons of each hidden layer.
    pub bars: Vec<Vec<f64>>,
    /// Validation accuracy (fraction), when a validation set was given.
    pub accuracy: Option<f64>,
    /// Validation cost (network2's total cost), when a validation set was given.
    pub cost: Option<f64>,
    /// Why the speeds are what they are (factors, σ′, saturation, spreads), when collected.
    pub stats: Option<Stats>,
}

/// Checks that a network takes this set's images and gives one output per digit.
pub fn check_fit<F: Real>(net: &Network<F>, data: &Dataset<F>) -> Result<()> {
    let (inputs, outputs) = (net.sizes[0], net.sizes[net.sizes.len() - 1]);
    if inputs != data.inputs() || outputs != data.y.ncols() {
        return Err(Error::new(format!(
            "the network's sizes {:?} do not fit the data: it needs {} inputs and {} outputs",
            net.sizes,
            data.inputs(),
            data.y.ncols()
        )));
    }
    Ok(())
}
