//! How the page plays a run and shows it — the pace of Play (epochs per second), the epoch where
//! Play stops by itself, the scale of the gradient bars and which neurons they show, and the panel
//! beside the speeds: the schema's "play" settings, which never restart the run.

use crate::schema::{BAR_NEURONS, BAR_SCALES, EPOCH_LIMIT, PANELS, SPEEDS};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// The play settings, under the keys of the page's `set()`, link and `snapshot()`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Play {
    /// Epochs per second while playing: one of [`SPEEDS`] ("max": as fast as possible).
    pub speed: String,
    /// Play stops by itself once this epoch is measured.
    pub epoch_limit: usize,
    /// The bars' scale: one of [`BAR_SCALES`] ("epoch0": the run's epoch 0, "auto": each record's own).
    pub bar_scale: String,
    /// Which neurons the bars show: one of [`BAR_NEURONS`] ("six": the book's first six, "all").
    pub bar_neurons: String,
    /// The panel beside the speeds: one of [`PANELS`] (the accuracy, or a chart of issue 13).
    pub panel: String,
}

impl Default for Play {
    /// 25 epochs per second: the book's 500 epochs in 20 s; stop at epoch 500, the book's window;
    /// bars on the scale of epoch 0, so that they shrink as the net learns.
    fn default() -> Self {
        Play {
            speed: "25".into(),
            epoch_limit: 500,
            bar_scale: "epoch0".into(),
            bar_neurons: BAR_NEURONS[0].0.into(),
            panel: PANELS[0].0.into(),
        }
    }
}

/// `value` if it is one of `choices`, else an error naming `label` and the choices.
fn check_choice(label: &str, value: &str, choices: &[(&str, &str)]) -> Result<()> {
    if choices.iter().any(|(name, _)| *name == value) {
        return Ok(());
    }
    let names: Vec<&str> = choices.iter().map(|(name, _)| *name).collect();
    Err(Error::new(format!(
        "{label} must be one of {}, got {value:?}",
        names.join(", ")
    )))
}

impl Play {
    /// Parses the JSON of play settings, with a message naming the bad key.
    pub fn from_json(text: &str) -> Result<Self> {
        serde_json::from_str(text).map_err(|e| Error::new(format!("bad play settings: {e}")))
    }

    /// Checks every value against the schema's choices and limit.
    pub fn check(&self) -> Result<()> {
        check_choice("Speed", &self.speed, &SPEEDS)?;
        EPOCH_LIMIT.check(self.epoch_limit as f64)?;
        check_choice("Bar scale", &self.bar_scale, &BAR_SCALES)?;
        check_choice("Bars of", &self.bar_neurons, &BAR_NEURONS)?;
        check_choice("Panel", &self.panel, &PANELS)
    }

    /// Whether the bars show every neuron of each hidden layer (not the book's first six).
    pub fn all_bars(&self) -> bool {
        self.bar_neurons == "all"
    }

    /// Epochs per second while playing; infinite for "max".
    pub fn epochs_per_second(&self) -> f64 {
        self.speed.parse().unwrap_or(f64::INFINITY)
    }

    /// Whether the bars keep the scale of the run's epoch 0.
    pub fn fixed_bars(&self) -> bool {
        self.bar_scale == "epoch0"
    }
}
