//! What the page shows of a session: its history (speeds, accuracy, cost, statistics, runs) and
//! all of it as one JSON object, `snapshot()`.

use crate::play::Play;
use crate::runs::{shown_labels, view, EpochSpeeds, KeptRun, RunView};
use crate::stats::Stats;
use crate::{Config, Session};
use serde::Serialize;

impl Session {
    /// Speeds per epoch so far (one row per epoch, one column per hidden layer).
    pub fn history(&self) -> Vec<Vec<f64>> {
        self.records.iter().map(|r| r.speeds.clone()).collect()
    }

    /// The statistics measured so far (why the speeds are what they are), each with its epoch.
    pub fn stats_history(&self) -> Vec<(usize, &Stats)> {
        (self.records.iter())
            .filter_map(|r| Some((r.epoch, r.stats.as_ref()?)))
            .collect()
    }

    /// The latest record with statistics (the last validated epoch's), if any.
    pub fn last_stats(&self) -> Option<(usize, &Stats)> {
        (self.records.iter().rev()).find_map(|r| Some((r.epoch, r.stats.as_ref()?)))
    }

    /// Validation accuracy at each validated epoch so far: (epoch, accuracy).
    pub fn accuracy(&self) -> Vec<(usize, f64)> {
        (self.records.iter())
            .filter_map(|r| Some((r.epoch, r.accuracy?)))
            .collect()
    }

    /// Validation cost at each validated epoch so far: (epoch, cost).
    pub fn cost(&self) -> Vec<(usize, f64)> {
        (self.records.iter())
            .filter_map(|r| Some((r.epoch, r.cost?)))
            .collect()
    }

    /// The kept runs and (if it trained an epoch) the current one, as `snapshot().runs` lists them.
    pub fn runs(&self) -> Vec<RunView<'_>> {
        let mut runs: Vec<RunView> = self.kept.iter().map(KeptRun::view).collect();
        if self.records.len() > 1 {
            let rows = (self.records.iter())
                .map(|r| EpochSpeeds {
                    epoch: r.epoch,
                    speeds: &r.speeds,
                })
                .collect();
            let edited = !self.edits.is_empty();
            // The current run's tokens are the page's own until a fresh net replaces it.
            runs.push(view(&self.config, rows, edited, ("", true)));
        }
        let shown = shown_labels(&self.kept, &self.config, !self.edits.is_empty());
        for (run, label) in runs.iter_mut().zip(shown.runs) {
            run.chart_label = label;
        }
        runs
    }

    /// Everything the page shows.
    pub fn snapshot(&self) -> Snapshot<'_> {
        let last = self.last();
        Snapshot {
            epoch: last.map_or(0, |r| r.epoch),
            status: self.status(),
            speeds: last.map_or(&[], |r| &r.speeds),
            bars: last.map_or(&[], |r| &r.bars),
            stats: self.last_stats().map(|(_, s)| s),
            stats_epoch: self.last_stats().map(|(e, _)| e),
            history: self.history(),
            accuracy: self.accuracy().last().map(|&(_, a)| a),
            accuracy_epoch: self.accuracy().last().map(|&(e, _)| e),
            accuracy_history: self.records.iter().map(|r| r.accuracy).collect(),
            cost_history: self.records.iter().map(|r| r.cost).collect(),
            message: self.halt.as_ref().map(|h| h.message.as_str()),
            edits: &self.edits,
            layer_scale: &self.layer_scale,
            layer_shift: &self.layer_shift,
            config: &self.config,
            play: &self.play,
            runs: self.runs(),
        }
    }
}

/// What the page shows of a session: the settings (flattened), the latest record, the history
/// and the edits, under the keys of the page's `snapshot()`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Snapshot<'a> {
    /// Epoch of the latest record.
    pub epoch: usize,
    /// "idle", "overflow" or "vanished".
    pub status: &'static str,
    /// ‖δ^l‖ of each hidden layer at the latest record.
    pub speeds: &'a [f64],
    /// ∂C/∂b of the first six neurons of each hidden layer at the latest record.
    pub bars: &'a [Vec<f64>],
    /// Why the speeds are what they are, at the latest epoch with statistics (factors, σ′,
    /// saturation, spreads): the latest record's, or at full speed the last validated one's.
    pub stats: Option<&'a Stats>,
    /// The epoch of `stats`.
    pub stats_epoch: Option<usize>,
    /// Speeds per epoch so far.
    pub history: Vec<Vec<f64>>,
    /// The latest validation accuracy (a fraction), if any epoch was validated.
    pub accuracy: Option<f64>,
    /// The epoch of `accuracy`.
    pub accuracy_epoch: Option<usize>,
    /// Validation accuracy per record, as `history` (null: that epoch was not validated).
    pub accuracy_history: Vec<Option<f64>>,
    /// Validation cost per record, as `history` (null: not validated).
    pub cost_history: Vec<Option<f64>>,
    /// Why training stopped, after a halt.
    pub message: Option<&'a str>,
    /// Epochs at which the net was edited by hand.
    pub edits: &'a [usize],
    /// Each hidden layer's weight multiplier.
    pub layer_scale: &'a [f64],
    /// Each hidden layer's bias shift.
    pub layer_shift: &'a [f64],
    /// The applied settings.
    #[serde(flatten)]
    pub config: &'a Config,
    /// The play settings: speed, epochLimit, barScale.
    #[serde(flatten)]
    pub play: &'a Play,
    /// The earlier runs kept, then the current one (once it trained an epoch).
    pub runs: Vec<RunView<'a>>,
}
