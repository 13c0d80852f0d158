//! Earlier runs kept to compare with the current one: when the session starts a fresh net, the run
//! it replaces (if it trained at least one epoch) is kept — its settings, speeds per epoch and the
//! page's replay tokens — until cleared; the oldest go first beyond [`MAX_KEPT`].

use super::labels::{chart_labels, ChartLabels};
pub use super::labels::{label, remedies};
use crate::{Config, Record};
use serde::Serialize;

/// Earlier runs kept at most (the issue asks for at least 6).
pub const MAX_KEPT: usize = 8;

/// A run that was replaced by a fresh net.
#[derive(Clone, Debug, PartialEq)]
pub struct KeptRun {
    /// Its settings.
    pub config: Config,
    /// Its speeds per epoch (one row per epoch, one column per hidden layer).
    pub history: Vec<Vec<f64>>,
    /// Whether the net was edited by hand during the run.
    pub edited: bool,
    /// What the page replays to rebuild it after its settings (a link's run tokens; may be empty).
    pub replay: String,
}

impl KeptRun {
    /// The run of `config` that recorded `records`, if it trained at least one epoch.
    pub fn of(config: &Config, records: &[Record], edited: bool, replay: String) -> Option<Self> {
        (records.len() > 1).then(|| KeptRun {
            config: config.clone(),
            history: records.iter().map(|r| r.speeds.clone()).collect(),
            edited,
            replay,
        })
    }

    /// How the snapshot lists it.
    pub fn view(&self) -> RunView<'_> {
        let rows = (self.history.iter().enumerate())
            .map(|(epoch, speeds)| EpochSpeeds { epoch, speeds })
            .collect();
        view(&self.config, rows, self.edited, (&self.replay, false))
    }
}

/// The learning-speed chart's labels of the `kept` runs and, last, the current run (`config`,
/// `edited` by hand or not): each leading with what differs between them, and what they share.
pub fn shown_labels(kept: &[KeptRun], config: &Config, edited: bool) -> ChartLabels {
    let mut runs: Vec<(&Config, bool)> = kept.iter().map(|r| (&r.config, r.edited)).collect();
    runs.push((config, edited));
    chart_labels(&runs)
}

/// Adds `run` to `kept`, dropping the oldest beyond [`MAX_KEPT`].
pub fn keep(kept: &mut Vec<KeptRun>, run: KeptRun) {
    kept.push(run);
    if kept.len() > MAX_KEPT {
        kept.remove(0);
    }
}

/// One epoch of a listed run.
#[derive(Debug, Serialize)]
pub struct EpochSpeeds<'a> {
    /// Epochs of updates before the measurement.
    pub epoch: usize,
    /// ‖δˡ‖ of each hidden layer.
    pub speeds: &'a [f64],
}

/// A run as `snapshot().runs` lists it: label, settings, last epoch and speeds per epoch.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RunView<'a> {
    /// "3 hidden · sigmoid · network2 · seed 1".
    pub label: String,
    /// What the learning-speed chart's legend calls it beside the other runs shown ("batch
    /// norm"; [`shown_labels`]); set by the session, which knows them all.
    pub chart_label: String,
    /// Layer sizes.
    pub sizes: &'a [usize],
    /// Hidden neurons' activation.
    pub activation: &'static str,
    /// Initialisation.
    pub init: &'static str,
    /// Seed.
    pub seed: u64,
    /// Its last epoch.
    pub epoch: usize,
    /// Speeds per epoch.
    pub history: Vec<EpochSpeeds<'a>>,
    /// Every setting, as `set()` takes them (to replay it).
    pub settings: &'a Config,
    /// The page's replay tokens after the settings.
    pub replay: &'a str,
    /// Whether this is the run being trained now (the last one listed).
    pub current: bool,
}

/// The view of a run of `config` with speeds `rows`; `current`: the run being trained now.
pub fn view<'a>(
    config: &'a Config,
    rows: Vec<EpochSpeeds<'a>>,
    edited: bool,
    (replay, current): (&'a str, bool),
) -> RunView<'a> {
    RunView {
        label: label(config, edited),
        chart_label: String::new(),
        sizes: &config.sizes,
        activation: config.activation.name(),
        init: config.init.name(),
        seed: config.seed,
        epoch: rows.last().map_or(0, |r| r.epoch),
        history: rows,
        settings: config,
        replay,
        current,
    }
}
