//! A page's training session: a run, its history of records, and its halts (overflow, vanished
//! gradients: `halt.rs`) — driven in
//! time-boxed slices so that the page never freezes.

use crate::cadence::Cadence;
use crate::chart::bars::common_scale_of;
use crate::edit::explode;
use crate::edit_base::EditBase;
use crate::halt::{judge, Halt};
use crate::network::weight_count;
use crate::network2_json::{from_json, to_json};
use crate::play::Play;
use crate::runs::{keep, KeptRun};
use crate::schema::{LAYER_SCALE, LAYER_SHIFT, MAX_IMPORT_BYTES};
use crate::{Config, Dataset, Error, Network, Record, Result, Run};
use std::sync::Arc;

/// Rows of images per unit of work for the book's small nets: a few milliseconds in wasm.
pub const UNIT_ROWS: usize = 250;
/// Weights × rows per unit of work (250 rows of a 30,000-weight net): larger nets get fewer rows,
/// so that one unit stays a few milliseconds whatever the network.
pub const UNIT_WORK: usize = UNIT_ROWS * 30_000;

/// Rows per unit of work for a network of `sizes`: [`UNIT_ROWS`], fewer for large nets (≥ 1).
pub fn unit_rows(sizes: &[usize]) -> usize {
    (UNIT_WORK / weight_count(sizes).max(1)).clamp(1, UNIT_ROWS)
}
/// Weights × hidden layers × images that Explode's forward passes may visit: the book's nets use
/// all their 1,000 images ([784,30,30,30,30,10]: 26,520 weights × 4 layers × 1,000 = 1.06e8), a
/// 1,000,000-weight net about 15 (a short task in wasm).
pub const EXPLODE_WORK: usize = 150_000_000;
/// The typical factor ‖w column‖·σ′(0) the "Explode" button gives every hidden layer after the first.
pub const EXPLODE_GAIN: f64 = 6.0;

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
    /// Why training stopped by itself (an overflow, vanished gradients), if it did.
    pub halt: Option<Halt>,
    /// Epochs at which the network was edited by hand.
    pub edits: Vec<usize>,
    /// Each hidden layer's weight multiplier since the last fresh net or explosion.
    pub layer_scale: Vec<f64>,
    /// Each hidden layer's bias shift since the last fresh net or explosion.
    pub layer_shift: Vec<f64>,
    /// How the run is played and shown (pace, epoch limit, bar scale): never restarts it.
    pub play: Play,
    /// Earlier runs, kept when a fresh net replaced them, oldest first.
    pub kept: Vec<KeptRun>,
    /// The page's replay tokens of the current run, kept with it when it is replaced.
    pub replay: String,
    /// The next record re-measures an edited (or handed-over) net and replaces the one of the same epoch.
    pub(crate) replace_last: bool,
    /// Every layer edit at this record's epoch applies to this net (until Explode or a fresh net),
    /// so a drag's many values give exactly the numbers of its last value alone, as a link replays it.
    edit_base: Option<EditBase>,
    /// The largest |∂C/∂b| of any hidden neuron at the run's first record: the scale of all bars.
    pub all_bars_scale: Option<f64>,
    /// While a link is replayed: the epochs its page had validated besides every tenth (inclusive
    /// ranges), so that the replay's fast steps validate exactly those (`cadence.rs`).
    validated: Option<Vec<(usize, usize)>>,
}

impl Session {
    /// A session on the given training and validation sets, with the default settings.
    pub fn new(train: Dataset, validation: Dataset) -> Result<Self> {
        Self::on(Arc::new(train), Arc::new(validation))
    }

    /// A fresh session with the default settings on this one's data, shared (not decoded again).
    pub fn sibling(&self) -> Result<Self> {
        Self::on(Arc::clone(&self.train), Arc::clone(&self.validation))
    }

    /// A session on shared training and validation sets, with the default settings.
    fn on(train: Arc<Dataset>, validation: Arc<Dataset>) -> Result<Self> {
        let config = Config::default();
        let mut run = config.build(&train, Some(&validation))?;
        run.collect_stats();
        let hidden = run.net.hidden_layers();
        Ok(Session {
            train,
            validation,
            config,
            run,
            records: Vec::new(),
            halt: None,
            edits: Vec::new(),
            layer_scale: vec![1.0; hidden],
            layer_shift: vec![0.0; hidden],
            play: Play::default(),
            kept: Vec::new(),
            replay: String::new(),
            replace_last: false,
            edit_base: None,
            all_bars_scale: None,
            validated: None,
        })
    }

    /// Applies new settings: a fresh net, history cleared. Bad settings leave everything as it was.
    pub fn configure(&mut self, config: Config) -> Result<()> {
        let run = config.build(&self.train, Some(&self.validation))?;
        self.restart(run, config);
        Ok(())
    }

    /// Applies play settings (pace, epoch limit, bar scale); the run goes on. Bad ones change nothing.
    pub fn set_play(&mut self, play: Play) -> Result<()> {
        play.check()?;
        self.play = play;
        Ok(())
    }

    /// Forgets the earlier runs.
    pub fn clear_runs(&mut self) {
        self.kept.clear();
    }

    /// Starts again from `run`: history, halt and edits cleared; the run it replaces is kept if
    /// it trained an epoch.
    fn restart(&mut self, mut run: Run, config: Config) {
        let replay = std::mem::take(&mut self.replay);
        let edited = !self.edits.is_empty();
        if let Some(old) = KeptRun::of(&self.config, &self.records, edited, replay) {
            keep(&mut self.kept, old);
        }
        run.collect_stats();
        self.run = run;
        self.config = config;
        self.records.clear();
        self.halt = None;
        self.edits.clear();
        self.replace_last = false;
        self.validated = None;
        self.reset_layer_edits();
    }

    /// While a link is replayed: fast steps validate every tenth epoch and the epochs of `ranges`
    /// (inclusive; those its page had validated), not the last of each step; None ends it.
    pub fn set_validated(&mut self, ranges: Option<Vec<(usize, usize)>>) {
        self.validated = ranges;
    }

    fn reset_layer_edits(&mut self) {
        self.edit_base = None;
        let hidden = self.run.net.hidden_layers();
        self.layer_scale = vec![1.0; hidden];
        self.layer_shift = vec![0.0; hidden];
    }

    /// Replaces the network with one saved by network2.py (or exported here): the settings take
    /// its sizes and activation, the history starts again at epoch 0. Errors leave all untouched.
    pub fn import_network(&mut self, text: &str) -> Result<()> {
        if text.len() > MAX_IMPORT_BYTES {
            return Err(Error::new(format!(
                "the file has {:.2} MB; gradscope imports networks of at most {:.2} MB",
                text.len() as f64 / 1e6,
                MAX_IMPORT_BYTES as f64 / 1e6
            )));
        }
        let net: Network = from_json(text)?;
        let config = Config {
            sizes: net.sizes.clone(),
            activation: net.activation,
            batch_norm: net.batch_norm.is_some(),
            skip: net.skip,
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
        LAYER_SCALE.check(scale)?;
        LAYER_SHIFT.check(shift)?;
        self.run.rewind();
        let epoch = self.last().map_or(0, |r| r.epoch);
        let marked = self.edits.last() == Some(&epoch);
        let (net, scales, shifts) = (&self.run.net, &self.layer_scale, &self.layer_shift);
        let base = (self.edit_base)
            .take()
            .filter(|b| b.epoch == epoch)
            .unwrap_or_else(|| EditBase::new(epoch, net, scales, shifts, marked));
        base.apply(&mut self.run.net, layer, scale, shift);
        self.layer_scale[layer - 1] = scale;
        self.layer_shift[layer - 1] = shift;
        self.edited();
        let undone = base.undone(&self.layer_scale, &self.layer_shift);
        self.edit_base = Some(base);
        if undone && self.edits.last() == Some(&epoch) {
            self.edits.pop();
        }
        Ok(())
    }

    /// The chapter's exploding recipe on the real net: every hidden layer's typical factor becomes
    /// [`EXPLODE_GAIN`] and every hidden neuron's z is 0 on average over the training images.
    pub fn explode(&mut self) {
        self.run.rewind();
        // The recipe's mean z comes from the first images that fit EXPLODE_WORK (all 1,000 for
        // the book's nets), so that a large net's Explode stays a short task.
        let net = &self.run.net;
        let per_image = weight_count(&net.sizes)
            .saturating_mul(net.hidden_layers())
            .max(1);
        let n = (EXPLODE_WORK / per_image).clamp(10, self.run.train.len().max(10));
        match self.run.train.first(n.min(self.run.train.len())) {
            Ok(some) if n < self.run.train.len() => explode(&mut self.run.net, &some, EXPLODE_GAIN),
            _ => explode(&mut self.run.net, &self.run.train, EXPLODE_GAIN),
        }
        self.reset_layer_edits();
        self.edited();
    }

    fn edited(&mut self) {
        let epoch = self.last().map_or(0, |r| r.epoch);
        if self.edits.last() != Some(&epoch) {
            self.edits.push(epoch);
        }
        self.replace_last = !self.records.is_empty();
        // A vanished net may come back to life with the edit: it is judged again once measured.
        self.halt = self.halt.take().filter(Halt::is_overflow);
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
        let rows = unit_rows(&self.run.net.sizes);
        let mut worked = false;
        while self.halt.is_none() && done < max_records {
            if self.run.is_ready() && !(train && self.run.start_epoch()) {
                break;
            }
            // A batch-norm mini-batch is one unit, larger than the others: it starts a slice.
            if worked && self.run.next_unit_rows(rows) > rows {
                break;
            }
            worked = true;
            if let Some(record) = self.run.work(rows) {
                self.keep(record);
                done += 1;
            }
            if now() - start >= budget_ms {
                break;
            }
        }
        done
    }

    /// Trains up to `max_records` more epochs as fast as possible (speed "max", a step of many
    /// epochs) within `budget_ms`: only every [`crate::cadence::VALIDATE_EVERY`]-th epoch and the last of the
    /// `max_records` are validated and get statistics (`cadence.rs`).
    pub fn advance_fast(
        &mut self,
        budget_ms: f64,
        max_records: usize,
        now: impl Fn() -> f64,
    ) -> usize {
        let cadence = match &self.validated {
            Some(ranges) => Cadence::fast(usize::MAX, ranges),
            None => {
                let next = self.run.next_record_epoch();
                Cadence::fast(next.saturating_add(max_records.saturating_sub(1)), &[])
            }
        };
        self.run.set_cadence(cadence);
        let done = self.advance_at_most(budget_ms, true, max_records, now);
        self.run.set_cadence(Cadence::ALL);
        done
    }

    /// After a fast run stopped (Pause): when the record on screen was not validated, its net is
    /// measured again (the same numbers: the same net, images and order) and validated, an epoch
    /// in progress abandoned; true if so (the next `advance` completes it).
    pub fn validate_last(&mut self) -> bool {
        let unvalidated = self.last().is_some_and(|r| r.accuracy.is_none());
        if self.halt.is_some() || !self.config.validation || !unvalidated {
            return false;
        }
        self.run.rewind();
        self.run.net_changed();
        self.replace_last = true;
        true
    }

    /// The epochs a replay trains to rebuild this state: the last record's epoch (an epoch in
    /// progress is not counted: an edit would abandon it), or after an overflow the epoch whose
    /// training overflowed (one more than the last finite record when its measurement failed).
    pub fn replay_epoch(&self) -> usize {
        match &self.halt {
            Some(h) if h.is_overflow() => self.run.epoch,
            _ => self.last().map_or(0, |r| r.epoch),
        }
    }

    /// Whether the current epoch is measured.
    pub fn measured(&self) -> bool {
        self.run.is_ready() || self.halt.is_some()
    }

    /// "idle", or why training stopped by itself: "overflow" or "vanished".
    pub fn status(&self) -> &'static str {
        self.halt.as_ref().map_or("idle", |h| h.status)
    }

    /// Whether the current net (fresh, imported or edited) still awaits its first record; false
    /// once it has one (while later epochs train) or after a halt.
    pub fn awaiting_record(&self) -> bool {
        self.halt.is_none() && (self.records.is_empty() || self.replace_last)
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
        let replace = std::mem::take(&mut self.replace_last);
        if !finite {
            // Named by the last finite epoch, the one the status line and the charts show.
            self.halt = Some(Halt::non_finite(self.records.last().map(|r| r.epoch)));
            return;
        }
        if replace {
            self.records.pop();
        }
        if self.records.is_empty() {
            self.all_bars_scale = common_scale_of(self.run.all_bars(), usize::MAX);
        }
        self.halt = judge(&record, self.config.activation);
        self.records.push(record);
    }

    /// The latest finite record, if any.
    pub fn last(&self) -> Option<&Record> {
        self.records.last()
    }
}
