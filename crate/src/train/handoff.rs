//! Runs handed from one session to another. The page trains compared runs in Web Workers, each
//! with its own wasm instance and session; its own session then shows them as kept runs
//! ([`Session::replace_kept`]) and continues the last one as if it had trained it itself
//! ([`Session::handoff`] there, [`Session::resume`] here). Nothing is rounded on the way: weights
//! and biases travel as f32 bits, records as f64 bits, the shuffle stream as its word position.

use crate::runs::{KeptRun, MAX_KEPT};
use crate::stats::Stats;
use crate::{Config, Error, Record, Result, Session};
use serde::{Deserialize, Serialize};

/// A run at the end of a measured epoch, everything another session needs to continue it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Handoff {
    /// Its settings.
    pub config: Config,
    /// Each layer's weights, row by row (n_out × n_in), as f32 bits.
    pub weights: Vec<Vec<u32>>,
    /// Each layer's biases as f32 bits.
    pub biases: Vec<Vec<u32>>,
    /// Every record so far, oldest first.
    pub records: Vec<HandedRecord>,
    /// Word position of the shuffle stream (a u128 in decimal).
    pub shuffle: String,
}

/// A [`Record`] with its numbers as f64 bits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HandedRecord {
    /// Epochs of updates before the measurement.
    pub epoch: usize,
    /// ‖δˡ‖ of each hidden layer.
    pub speeds: Vec<u64>,
    /// ∂C/∂b of the first six neurons of each hidden layer.
    pub bars: Vec<Vec<u64>>,
    /// Validation accuracy.
    pub accuracy: Option<u64>,
    /// Validation cost.
    pub cost: Option<u64>,
    /// The statistics of issue 13, when collected.
    #[serde(default)]
    pub stats: Option<HandedStats>,
}

/// [`Stats`] with its numbers as f64 bits (so that nothing is rounded on the way).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HandedStats {
    /// ‖δˡ‖/‖δˡ⁺¹‖ (none where undefined).
    pub factors: Vec<Option<u64>>,
    /// Mean σ′ per hidden layer.
    pub sigma_prime_mean: Vec<u64>,
    /// RMS outgoing weight length per hidden layer.
    pub weight_norms: Vec<u64>,
    /// Activation p15, p50, p85 per hidden layer.
    pub activation_percentiles: Vec<[u64; 3]>,
    /// Saturated share per hidden layer.
    pub saturated: Vec<u64>,
    /// |∂C/∂b| p10, p50, p90 per hidden layer.
    pub gradient_percentiles: Vec<[u64; 3]>,
}

impl From<&Stats> for HandedStats {
    fn from(s: &Stats) -> Self {
        let three = |v: &[[f64; 3]]| v.iter().map(|r| r.map(f64::to_bits)).collect();
        HandedStats {
            factors: s.factors.iter().map(|f| f.map(f64::to_bits)).collect(),
            sigma_prime_mean: bits(&s.sigma_prime_mean),
            weight_norms: bits(&s.weight_norms),
            activation_percentiles: three(&s.activation_percentiles),
            saturated: bits(&s.saturated),
            gradient_percentiles: three(&s.gradient_percentiles),
        }
    }
}

impl From<&HandedStats> for Stats {
    fn from(s: &HandedStats) -> Self {
        let three = |v: &[[u64; 3]]| v.iter().map(|r| r.map(f64::from_bits)).collect();
        Stats {
            factors: s.factors.iter().map(|f| f.map(f64::from_bits)).collect(),
            sigma_prime_mean: floats(&s.sigma_prime_mean),
            weight_norms: floats(&s.weight_norms),
            activation_percentiles: three(&s.activation_percentiles),
            saturated: floats(&s.saturated),
            gradient_percentiles: three(&s.gradient_percentiles),
        }
    }
}

fn bits(xs: &[f64]) -> Vec<u64> {
    xs.iter().map(|x| x.to_bits()).collect()
}

fn f32_bits<'a>(xs: impl Iterator<Item = &'a f32>) -> Vec<u32> {
    xs.map(|x| x.to_bits()).collect()
}

fn floats(bits: &[u64]) -> Vec<f64> {
    bits.iter().map(|&b| f64::from_bits(b)).collect()
}

impl From<&Record> for HandedRecord {
    fn from(r: &Record) -> Self {
        HandedRecord {
            epoch: r.epoch,
            speeds: bits(&r.speeds),
            bars: r.bars.iter().map(|b| bits(b)).collect(),
            accuracy: r.accuracy.map(f64::to_bits),
            cost: r.cost.map(f64::to_bits),
            stats: r.stats.as_ref().map(HandedStats::from),
        }
    }
}

impl From<&HandedRecord> for Record {
    fn from(r: &HandedRecord) -> Self {
        Record {
            epoch: r.epoch,
            speeds: floats(&r.speeds),
            bars: r.bars.iter().map(|b| floats(b)).collect(),
            accuracy: r.accuracy.map(f64::from_bits),
            cost: r.cost.map(f64::from_bits),
            stats: r.stats.as_ref().map(Stats::from),
        }
    }
}

/// A kept run as [`Session::replace_kept`] reads it (its speeds come apart, as plain numbers).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeptSpec {
    settings: Config,
    replay: String,
    /// Its last epoch: it has `epochs + 1` rows of speeds.
    epochs: usize,
}

impl Handoff {
    /// Checks that the handoff fits its own settings: layer shapes, records in order, one speed
    /// per hidden layer, a readable shuffle position.
    fn check(&self) -> Result<u128> {
        let sizes = &self.config.sizes;
        let layers = sizes.len().saturating_sub(1);
        let shapes_fit = self.weights.len() == layers
            && self.biases.len() == layers
            && (0..layers).all(|l| {
                self.weights[l].len() == sizes[l] * sizes[l + 1]
                    && self.biases[l].len() == sizes[l + 1]
            });
        if !shapes_fit {
            return Err(Error::new(format!(
                "the handed-over network does not have the sizes {sizes:?}"
            )));
        }
        let hidden = layers.saturating_sub(1);
        let in_order = self.records.iter().enumerate().all(|(i, r)| {
            r.speeds.len() == hidden && (i == 0 || r.epoch > self.records[i - 1].epoch)
        });
        if self.records.is_empty() || !in_order {
            return Err(Error::new(
                "the handed-over run has no records, or records out of order",
            ));
        }
        (self.shuffle.parse::<u128>())
            .map_err(|_| Error::new("the handed-over shuffle position is not a number"))
    }
}

impl Session {
    /// The current run, to be continued by another session: refused while an epoch is half done,
    /// before the first record, after hand edits or once the network is no longer finite.
    pub fn handoff(&self) -> Result<Handoff> {
        let net = &self.run.net;
        if !self.run.is_ready() || self.records.is_empty() || !net.is_finite() {
            return Err(Error::new(
                "only a measured run with a finite network can be handed over",
            ));
        }
        if !self.edits.is_empty() {
            return Err(Error::new("an edited run cannot be handed over"));
        }
        if net.batch_norm.is_some() {
            // A handoff carries weights and biases only, not batch norm's γ, β and running averages.
            return Err(Error::new("a batch-norm run cannot be handed over"));
        }
        Ok(Handoff {
            config: self.config.clone(),
            weights: net.weights.iter().map(|w| f32_bits(w.iter())).collect(),
            biases: net.biases.iter().map(|b| f32_bits(b.iter())).collect(),
            records: self.records.iter().map(HandedRecord::from).collect(),
            shuffle: self.run.rng.position().to_string(),
        })
    }

    /// Continues the run `h` (from [`Session::handoff`]) as the current one: like a fresh net of
    /// its settings (the run it replaces is kept), then its weights, records and shuffle position.
    /// Its last record is measured again here (same network, same numbers), which also prepares
    /// the next full-batch update. Errors leave everything untouched.
    pub fn resume(&mut self, h: Handoff) -> Result<()> {
        let position = h.check()?;
        let last = h.records.last().map_or(0, |r| r.epoch);
        self.configure(h.config)?;
        let net = &mut self.run.net;
        for (w, from) in net.weights.iter_mut().zip(&h.weights) {
            w.iter_mut()
                .zip(from)
                .for_each(|(x, &b)| *x = f32::from_bits(b));
        }
        for (b, from) in net.biases.iter_mut().zip(&h.biases) {
            b.iter_mut()
                .zip(from)
                .for_each(|(x, &bits)| *x = f32::from_bits(bits));
        }
        self.run.epoch = last;
        self.run.rng.set_position(position);
        self.run.net_changed();
        self.records = h.records.iter().map(Record::from).collect();
        self.all_bars_scale = None; // epoch 0's neurons were measured elsewhere: all bars auto-scale
        self.replace_last = true;
        Ok(())
    }

    /// Replaces the kept runs by `runs` (JSON `[{settings, replay, epochs}]`, oldest first) whose
    /// speeds are `speeds`: each run's `epochs + 1` rows of one ‖δˡ‖ per hidden layer, one run
    /// after the other. Only the last [`MAX_KEPT`] are kept. Errors leave everything untouched.
    pub fn replace_kept(&mut self, runs: &str, speeds: &[f64]) -> Result<()> {
        let specs: Vec<KeptSpec> =
            serde_json::from_str(runs).map_err(|e| Error::new(format!("bad list of runs: {e}")))?;
        let mut kept = Vec::with_capacity(specs.len());
        let mut at: usize = 0;
        for spec in specs {
            spec.settings.check()?;
            let hidden = spec.settings.sizes.len() - 2;
            let n = spec.epochs.saturating_add(1).saturating_mul(hidden);
            let rows = speeds
                .get(at..at.saturating_add(n))
                .ok_or_else(|| Error::new("fewer speeds than the runs' epochs need"))?;
            at += n;
            kept.push(KeptRun {
                config: spec.settings,
                history: rows.chunks(hidden).map(<[f64]>::to_vec).collect(),
                edited: false,
                replay: spec.replay,
            });
        }
        if at != speeds.len() {
            return Err(Error::new("more speeds than the runs' epochs need"));
        }
        let drop = kept.len().saturating_sub(MAX_KEPT);
        kept.drain(..drop);
        self.kept = kept;
        Ok(())
    }
}
