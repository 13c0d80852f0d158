//! A training run as the chapter records it: measure the net, then train one epoch, epoch after epoch.

use crate::evaluate::{accuracy, total_cost};
use crate::speeds::{bars, mean_bias_gradient, speeds};
use crate::{Backprop, Dataset, Error, Hyper, Network, Real, Result, Sgd};

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
}

/// A network, its training images, optional validation images, hyper-parameters and SGD state.
#[derive(Clone, Debug)]
pub struct Run<F: Real = f32> {
    /// The network being trained.
    pub net: Network<F>,
    /// The training images.
    pub train: Dataset<F>,
    /// Images to report accuracy on, if any.
    pub validation: Option<Dataset<F>>,
    /// η, λ and m.
    pub hyper: Hyper,
    /// Epochs of updates done so far.
    pub epoch: usize,
    sgd: Sgd<F>,
    bp: Backprop<F>,
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

impl<F: Real> Run<F> {
    /// Prepares a run; `seed` drives the per-epoch shuffles.
    pub fn new(
        net: Network<F>,
        train: Dataset<F>,
        validation: Option<Dataset<F>>,
        hyper: Hyper,
        seed: u64,
    ) -> Result<Self> {
        hyper.check()?;
        check_fit(&net, &train)?;
        if let Some(v) = &validation {
            check_fit(&net, v)?;
        }
        let bp = Backprop::new(&net.sizes, train.len().min(crate::speeds::CHUNK));
        Ok(Run {
            net,
            train,
            validation,
            hyper,
            epoch: 0,
            sgd: Sgd::new(seed),
            bp,
        })
    }

    /// Measures the net as it is now, without training.
    pub fn measure(&mut self) -> Record {
        let gradient = mean_bias_gradient(&self.net, &self.train, &mut self.bp);
        self.record(&gradient)
    }

    /// Measures the net, then trains one epoch: the record is for the state before the epoch.
    pub fn step(&mut self) -> Record {
        let (accuracy, cost) = self.validate();
        let gradient = self.sgd.epoch(&mut self.net, &self.train, self.hyper);
        let record = Record {
            accuracy,
            cost,
            ..self.record_without_validation(&gradient)
        };
        self.epoch += 1;
        record
    }

    fn record(&mut self, gradient: &[ndarray::Array1<f64>]) -> Record {
        let (accuracy, cost) = self.validate();
        Record {
            accuracy,
            cost,
            ..self.record_without_validation(gradient)
        }
    }

    fn record_without_validation(&self, gradient: &[ndarray::Array1<f64>]) -> Record {
        Record {
            epoch: self.epoch,
            speeds: speeds(gradient),
            bars: bars(gradient),
            accuracy: None,
            cost: None,
        }
    }

    fn validate(&mut self) -> (Option<f64>, Option<f64>) {
        match &self.validation {
            Some(v) => (
                Some(accuracy(&self.net, v, &mut self.bp)),
                Some(total_cost(&self.net, v, self.hyper.lambda, &mut self.bp)),
            ),
            None => (None, None),
        }
    }
}
