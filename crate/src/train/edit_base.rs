//! The net a record's layer edits start from: every edit at one epoch applies to it, so a drag's
//! many values give exactly the numbers of its last value alone — what a shared link replays.

use crate::edit::{scale_layer, shift_biases};
use crate::Network;

/// The net before the first layer edit at a record's epoch, with the layer settings it had then.
#[derive(Clone, Debug)]
pub struct EditBase {
    /// The record's epoch.
    pub epoch: usize,
    net: Network,
    scale: Vec<f64>,
    shift: Vec<f64>,
    /// Whether the session's edits already named this epoch (an Explode) when it was taken.
    marked: bool,
}

impl EditBase {
    /// The base at `epoch`: the net and its per-layer weight scales and bias shifts.
    pub fn new(epoch: usize, net: &Network, scale: &[f64], shift: &[f64], marked: bool) -> Self {
        EditBase {
            epoch,
            net: net.clone(),
            scale: scale.to_vec(),
            shift: shift.to_vec(),
            marked,
        }
    }

    /// Sets hidden layer `layer`'s (1-based) weights and biases of `net` to the base's, scaled
    /// and shifted from the base's settings to `scale` and `shift`.
    pub fn apply(&self, net: &mut Network, layer: usize, scale: f64, shift: f64) {
        let i = layer - 1;
        net.weights[i].assign(&self.net.weights[i]);
        net.biases[i].assign(&self.net.biases[i]);
        scale_layer(net, layer, scale / self.scale[i]);
        shift_biases(net, layer, shift - self.shift[i]);
    }

    /// Whether settings `scale` and `shift` are the base's again and it was not edited before
    /// (dragged back to where this epoch's edits started: no edit is left).
    pub fn undone(&self, scale: &[f64], shift: &[f64]) -> bool {
        !self.marked && self.scale == scale && self.shift == shift
    }
}
