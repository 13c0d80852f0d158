//! A page's training session: a run, its history of records, and overflow detection — driven in
//! time-boxed slices so that the page never freezes.

use crate::edit::{explode, scale_layer, shift_biases};
use crate::network2_json::{from_json, to_json};
use crate::{Config, Dataset, Error, Network, Record, Result, Run};
use serde_json::{json, Value};
use std::sync::Arc;

/// Rows of images per unit of work: a few milliseconds in wasm.
pub const UNIT_ROWS: usize = 250;
/// The typical factor ‖w column‖·σ′(0) the "Explode" button gives every hidden layer after the first.
pub const EXPLODE_GAIN: f64 = 6.0;
/// The largest weight multiplier a layer slider may set.
pub const MAX_LAYER_SCALE: f64 = 1000.0;

/// The state behind the page: data, settings, the run and what it has recorded so far.
#[derive(Clone, Debug)]
pub struct Session {
    train: Arc<Dataset>,
    validation: Arc<Dataset>,
    /// The applied settings.
    pub config: Config,
    /// The current run.
    pub run: Run,
    /// Records of every epoch so far (only finite ones).
    pub records: Vec<Record>,
    /// Why training stopped on a non-finite value, if it did.
    pub overflow: Option<String>,
    /// Epochs at which the network was edited by hand.
    pub edits: Vec<usize>,
    /// Each hidden layer's weight multiplier since the last fresh net or explosion.
    pub layer_scale: Vec<f64>,
    /// Each hidden layer's bias shift since the last fresh net or explosion.
    pub layer_shift: Vec<f64>,
    /// The next record re-measures an edited net and replaces the one of the same epoch.
    replace_last: bool,
}

impl Session {
    /// A session on the given training and validation sets, with the default settings.
    pub fn new(train: Dataset, validation: Dataset) -> Result<Self> {
        let (train, validation) = (Arc::new(train), Arc::new(validation));
        let config = Config::default();
        let run = config.build(&train, Some(&validation))?;
        let hidden = run.net.hidden_layers();
        Ok(Session {
            train,
            validation,
            config,
            run,
            records: Vec::new(),
            overflow: None,
            edits: Vec::new(),
            layer_scale: vec![1.0; hidden],
            layer_shift: vec![0.0; hidden],
            replace_last: false,
        })
    }

    /// Applies new settings: a fresh net, history cleared. Bad settings leave everything as it was.
    pub fn configure(&mut self, config: Config) -> Result<()> {
        let run = config.build(&self.train, Some(&self.validation))?;
        self.restart(run, config);
        Ok(())
    }

    /// Starts again from `run`: history, overflow and edits cleared.
    fn restart(&mut self, run: Run, config: Config) {
        self.run = run;
        self.config = config;
        self.records.clear();
        self.overflow = None;
        self.edits.clear();
        self.replace_last = false;
        self.reset_layer_edits();
    }

    fn reset_layer_edits(&mut self) {
        let hidden = self.run.net.hidden_layers();
        self.layer_scale = vec![1.0; hidden];
        self.layer_shift = vec![0.0; hidden];
    }

    /// Replaces the network with one saved by network2.py (or exported here): the settings take
    /// its sizes and activation, the history starts again at epoch 0. Errors leave all untouched.
    pub fn import_network(&mut self, text: &str) -> Result<()> {
        let net: Network = from_json(text)?;
        let config = Config {
            sizes: net.sizes.clone(),
            activation: net.activation.name().to_string(),
            ..self.config.clone()
        };
        let mut run = config.build(&self.train, Some(&self.validation))?;
        run.net = net;
        self.restart(run, config);
        Ok(())
    }

    /// The current network as network2 JSON.
    pub fn export_network(&self) -> String {
        to_json(&self.run.net)
    }

    /// Sets hidden layer `layer`'s (1-based) weight multiplier and bias shift, relative to the
    /// weights and biases it had at the last fresh net or explosion; history is kept.
    pub fn edit_layer(&mut self, layer: usize, scale: f64, shift: f64) -> Result<()> {
        let hidden = self.layer_scale.len();
        if layer == 0 || layer > hidden {
            return Err(Error::new(format!(
                "hidden layer {layer} does not exist (1 to {hidden})"
            )));
        }
        if !(scale.is_finite()
            && scale.abs() >= 1.0 / MAX_LAYER_SCALE
            && scale.abs() <= MAX_LAYER_SCALE)
        {
            return Err(Error::new(format!(
                "a weight scale must be between 1/{MAX_LAYER_SCALE} and {MAX_LAYER_SCALE} in size, got {scale}"
            )));
        }
        if !(shift.is_finite() && shift.abs() <= 1e3) {
            return Err(Error::new(format!(
                "a bias shift must be within ±1000, got {shift}"
            )));
        }
        let i = layer - 1;
        scale_layer(&mut self.run.net, layer, scale / self.layer_scale[i]);
        shift_biases(&mut self.run.net, layer, shift - self.layer_shift[i]);
        self.layer_scale[i] = scale;
        self.layer_shift[i] = shift;
        self.edited();
        Ok(())
    }

    /// The chapter's exploding recipe on the real net: every hidden layer's typical factor becomes
    /// [`EXPLODE_GAIN`] and every hidden neuron's z is 0 on average over the training images.
    pub fn explode(&mut self) {
        explode(&mut self.run.net, &self.run.train, EXPLODE_GAIN);
        self.reset_layer_edits();
        self.edited();
    }

    fn edited(&mut self) {
        let epoch = self.last().map_or(0, |r| r.epoch);
        if self.edits.last() != Some(&epoch) {
            self.edits.push(epoch);
        }
        self.replace_last = !self.records.is_empty();
        self.run.net_changed();
    }

    /// Works until `budget_ms` have passed on the clock `now` (milliseconds), training new
    /// epochs if `train`; returns the number of records completed.
    pub fn advance(&mut self, budget_ms: f64, train: bool, now: impl Fn() -> f64) -> usize {
        self.advance_at_most(budget_ms, train, usize::MAX, now)
    }

    /// Like [`Session::advance`], but stops after `max_records` records, so that a step of n
    /// epochs ends exactly after the n-th and starts no further epoch.
    pub fn advance_at_most(
        &mut self,
        budget_ms: f64,
        train: bool,
        max_records: usize,
        now: impl Fn() -> f64,
    ) -> usize {
        let start = now();
        let mut done = 0;
        while self.overflow.is_none() && done < max_records {
            if self.run.is_ready() && !(train && self.run.start_epoch()) {
                break;
            }
            if let Some(record) = self.run.work(UNIT_ROWS) {
                self.keep(record);
                done += 1;
            }
            if now() - start >= budget_ms {
                break;
            }
        }
        done
    }

    /// Whether the current epoch is measured.
    pub fn measured(&self) -> bool {
        self.run.is_ready() || self.overflow.is_some()
    }

    /// Whether the current net (fresh, imported or edited) still awaits its first record; false
    /// once it has one (while later epochs train) or after an overflow.
    pub fn awaiting_record(&self) -> bool {
        self.overflow.is_none() && (self.records.is_empty() || self.replace_last)
    }

    fn keep(&mut self, record: Record) {
        let finite = record
            .speeds
            .iter()
            .chain(record.bars.iter().flatten())
            .all(|x| x.is_finite())
            && record.accuracy.is_none_or(f64::is_finite)
            && record.cost.is_none_or(f64::is_finite)
            && self.run.net.is_finite();
        // An edited net's record replaces the one of its epoch — unless it overflowed, when the
        // last finite record must stay on screen.
        if std::mem::take(&mut self.replace_last) && finite {
            self.records.pop();
        }
        if finite {
            self.records.push(record);
        } else {
            self.overflow = Some(format!(
                "Overflow at epoch {}: a weight, bias or gradient became infinite or not a number, so \
                 training stopped. The charts show the last finite state. Press Reset, or lower the \
                 learning rate or the weight scale.",
                record.epoch
            ));
        }
    }

    /// The latest finite record, if any.
    pub fn last(&self) -> Option<&Record> {
        self.records.last()
    }

    /// Speeds per epoch so far (one row per epoch, one column per hidden layer).
    pub fn history(&self) -> Vec<Vec<f64>> {
        self.records.iter().map(|r| r.speeds.clone()).collect()
    }

    /// Validation accuracy per epoch so far.
    pub fn accuracy(&self) -> Vec<f64> {
        self.records.iter().filter_map(|r| r.accuracy).collect()
    }

    /// Validation cost per epoch so far.
    pub fn cost(&self) -> Vec<f64> {
        self.records.iter().filter_map(|r| r.cost).collect()
    }

    /// Everything the page shows, as JSON.
    pub fn snapshot(&self) -> Value {
        let last = self.last();
        json!({
            "epoch": last.map_or(0, |r| r.epoch),
            "status": if self.overflow.is_some() { "overflow" } else { "idle" },
            "speeds": last.map_or(vec![], |r| r.speeds.clone()),
            "bars": last.map_or(vec![], |r| r.bars.clone()),
            "history": self.history(),
            "accuracy": self.accuracy(),
            "cost": self.cost(),
            "message": self.overflow,
            "edits": self.edits,
            "layer_scale": self.layer_scale,
            "layer_shift": self.layer_shift,
            "config": self.config,
        })
    }
}
