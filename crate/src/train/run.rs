//! A training run as the chapter records it — the net measured after every epoch — done in small
//! units of work so that a page can interleave it with drawing (`work`), or all at once (`epoch`).
//!
//! Each epoch is: train (shuffle, then mini-batches of SGD), then measure the speeds ‖δ^l‖ over the
//! training images and the accuracy on the validation images. In full-batch mode the measurement
//! already sums ∂C/∂w and ∂C/∂b over every image: the next epoch's update uses those sums, so the
//! gradient is computed once per epoch, as network2 would compute it.

use crate::backprop::Sums;
use crate::batch_norm::MOMENTUM;
use crate::cadence::Cadence;
use crate::clip::clip_factor;
use crate::evaluate::Tally;
pub use crate::record::{check_fit, Record};
use crate::sparse::SparseRows;
use crate::speeds::{bars, scale_sums, shift_sums, speeds, CHUNK};
use crate::stats::StatsTally;
use crate::{sgd, Backprop, Dataset, Hyper, Network, Real, Result, Rng};
use ndarray::{s, Array2};
use std::sync::Arc;

/// Where a run is within its epoch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// The record of the current epoch exists; the next epoch may start.
    Ready,
    /// Summing gradients over training rows `..row`.
    Measure { row: usize },
    /// Scoring validation rows `..row`.
    Validate { row: usize },
    /// Mini-batch starting at `start` of the shuffled order, of which `row` rows are summed.
    Train { start: usize, row: usize },
}

/// What an epoch in progress started from: the net, the shuffle stream and the epoch count.
#[derive(Clone, Debug)]
struct EpochStart<F: Real> {
    net: Network<F>,
    rng: Rng,
    epoch: usize,
}

/// A network, its training images, optional validation images, hyper-parameters and SGD state.
#[derive(Clone, Debug)]
pub struct Run<F: Real = f32> {
    /// The network being trained.
    pub net: Network<F>,
    /// The training images.
    pub train: Arc<Dataset<F>>,
    /// Images to report accuracy on, if any.
    pub validation: Option<Arc<Dataset<F>>>,
    /// η, λ and m.
    pub hyper: Hyper,
    /// Epochs of updates done so far.
    pub epoch: usize,
    /// Gradient clipping's threshold c on ‖(1/m)·Σ∇‖, if any (see `clip.rs`).
    pub clip: Option<f64>,
    phase: Phase,
    /// The shuffle stream (its position travels with a handed-over run: `handoff.rs`).
    pub(crate) rng: Rng,
    order: Vec<usize>,
    batch_x: SparseRows<F>,
    batch_y: Array2<F>,
    bp: Backprop<F>,
    /// Whether `bp` holds full-batch sums of ∂C/∂w and ∂C/∂b at the current weights.
    full_sums: bool,
    tally: Tally,
    /// Sums for the statistics of the measurement under way, when they are collected.
    stats: Option<StatsTally>,
    /// Which epochs are validated and get statistics (every one unless played as fast as possible).
    cadence: Cadence,
    /// Whether the measurement under way is validated and collects statistics (fixed at its start).
    full: bool,
    /// ∂C/∂b of every neuron of each hidden layer at the last measurement (with the statistics).
    all_bars: Vec<Vec<f64>>,
    last: Option<Record>,
    /// Set while an epoch is in progress (started, its record not yet complete).
    started: Option<EpochStart<F>>,
}

impl<F: Real> Run<F> {
    /// Prepares a run (its first measurement pending); `seed` drives the per-epoch shuffles.
    pub fn new(
        net: Network<F>,
        train: impl Into<Arc<Dataset<F>>>,
        validation: Option<Arc<Dataset<F>>>,
        hyper: Hyper,
        seed: u64,
    ) -> Result<Self> {
        let train = train.into();
        hyper.check()?;
        check_fit(&net, &train)?;
        if let Some(v) = &validation {
            check_fit(&net, v)?;
        }
        let bp = Backprop::new(&net.sizes, train.len().clamp(1, CHUNK));
        let mut run = Run {
            net,
            train,
            validation,
            hyper,
            epoch: 0,
            clip: None,
            phase: Phase::Measure { row: 0 },
            rng: Rng::with_stream(seed, sgd::SHUFFLE_STREAM),
            order: Vec::new(),
            batch_x: SparseRows::default(),
            batch_y: Array2::zeros((0, 0)),
            bp,
            full_sums: false,
            tally: Tally::default(),
            stats: None,
            cadence: Cadence::ALL,
            full: true,
            all_bars: Vec::new(),
            last: None,
            started: None,
        };
        run.warm_start();
        Ok(run)
    }

    /// A fresh batch-norm net's running averages start at the statistics of its first training
    /// images (at most [`CHUNK`]) rather than at μ = 0, σ² = 1, so that its epoch-0 measurement is
    /// of a normalised net.
    fn warm_start(&mut self) {
        if !self.net.batch_norm.as_ref().is_some_and(|bn| bn.is_fresh()) {
            return;
        }
        let (x, _) = self.train.rows(0, self.train.len().min(CHUNK));
        self.bp.norm.training = true;
        self.bp.feedforward_sparse(&self.net, x);
        self.bp.norm.training = false;
        if let Some(bn) = &mut self.net.batch_norm {
            bn.track(&self.bp.norm, 1.0);
        }
    }

    /// Whether the next unit of work trains (a mini-batch or part of one).
    pub fn is_training(&self) -> bool {
        matches!(self.phase, Phase::Train { .. })
    }

    /// Collects the statistics of [`crate::stats::Stats`] with every measurement from the next one on (a
    /// little more work per measurement: σ′ of every hidden activation, three selections).
    pub fn collect_stats(&mut self) {
        self.stats = Some(StatsTally::new(&self.net));
    }

    /// Validates (and collects statistics at) the epochs `cadence` says, from the next
    /// measurement to start on.
    pub fn set_cadence(&mut self, cadence: Cadence) {
        self.cadence = cadence;
    }

    /// The epoch of the next record to complete: the one being measured, or the next to train.
    pub fn next_record_epoch(&self) -> usize {
        match self.phase {
            Phase::Measure { .. } | Phase::Validate { .. } => self.epoch,
            Phase::Ready | Phase::Train { .. } => self.epoch + 1,
        }
    }

    /// Whether the current epoch's record exists (no work pending).
    pub fn is_ready(&self) -> bool {
        self.phase == Phase::Ready
    }

    /// The latest record, if any.
    pub fn last(&self) -> Option<&Record> {
        self.last.as_ref()
    }

    /// Abandons an epoch in progress (paused mid-epoch): the net, the shuffle stream and the
    /// epoch count go back to where the last record left them, so that an edit made now applies
    /// to the net whose record is on screen, at that epoch. Does nothing between epochs.
    pub fn rewind(&mut self) {
        if let Some(start) = self.started.take() {
            self.net = start.net;
            self.rng = start.rng;
            self.epoch = start.epoch;
            self.net_changed();
        }
    }

    /// Whether an epoch is in progress (started, its record not yet complete).
    pub fn mid_epoch(&self) -> bool {
        self.started.is_some()
    }

    /// ∂C/∂b of every neuron of each hidden layer at the last measurement, when statistics are
    /// collected (else empty): the bars of all neurons.
    pub fn all_bars(&self) -> &[Vec<f64>] {
        &self.all_bars
    }

    /// Says the weights or biases were changed from outside: the net is measured again.
    pub fn net_changed(&mut self) {
        self.started = None;
        if let Some(tally) = &mut self.stats {
            *tally = StatsTally::new(&self.net);
        }
        self.full_sums = false;
        self.last = None;
        self.phase = Phase::Measure { row: 0 };
    }

    /// Starts the next epoch if the current one is measured; false otherwise.
    pub fn start_epoch(&mut self) -> bool {
        if self.phase != Phase::Ready {
            return false;
        }
        self.started = Some(EpochStart {
            net: self.net.clone(),
            rng: self.rng.clone(),
            epoch: self.epoch,
        });
        let n = self.train.len();
        if self.full_batch() && self.full_sums {
            self.apply_update(n);
            self.finish_epoch();
        } else {
            self.order.clear();
            self.order.extend(0..n);
            self.rng.shuffle(&mut self.order);
            self.phase = Phase::Train { start: 0, row: 0 };
        }
        true
    }

    /// Does one unit of pending work on at most `max_rows` images; returns the record when a
    /// measurement completes. Does nothing when ready.
    pub fn work(&mut self, max_rows: usize) -> Option<Record> {
        let max_rows = max_rows.max(1);
        match self.phase {
            Phase::Ready => None,
            Phase::Measure { row } => self.measure_rows(row, max_rows),
            Phase::Validate { row } => self.validate_rows(row, max_rows),
            Phase::Train { start, row } => {
                self.train_rows(start, row, max_rows);
                None
            }
        }
    }

    /// The rows the next unit of work takes when asked for `max_rows`: a batch-norm mini-batch is
    /// trained in one unit, whatever its size (its statistics are the whole batch's).
    pub fn next_unit_rows(&self, max_rows: usize) -> usize {
        match self.phase {
            Phase::Train { start, row } if self.net.batch_norm.is_some() => {
                self.hyper.batch.min(self.train.len() - start) - row
            }
            _ => max_rows,
        }
    }

    /// Finishes any pending work and returns the current epoch's record.
    pub fn measure(&mut self) -> Record {
        loop {
            if let (Phase::Ready, Some(r)) = (self.phase, &self.last) {
                return r.clone();
            }
            self.work(CHUNK);
        }
    }

    /// Trains one epoch and returns the record measured after it.
    pub fn epoch(&mut self) -> Record {
        self.measure();
        self.start_epoch();
        self.measure()
    }

    /// Whether the update may reuse the full-batch sums of the measurement: not with batch norm,
    /// whose measurement uses the running averages and whose training uses the batch's statistics.
    fn full_batch(&self) -> bool {
        self.hyper.batch >= self.train.len() && self.net.batch_norm.is_none()
    }

    /// The SGD step with the sums in `bp` over a mini-batch of `m` (clipped if asked).
    fn apply_update(&mut self, m: usize) {
        let n = self.train.len();
        if self.clip.is_none() && self.net.batch_norm.is_none() {
            sgd::update(&mut self.net, &self.bp, self.hyper, m, n);
            return;
        }
        let factor = clip_factor(&self.bp, m, self.clip);
        sgd::update_scaled(&mut self.net, &self.bp, self.hyper, (m, n), factor);
    }

    fn finish_epoch(&mut self) {
        self.epoch += 1;
        self.full_sums = false;
        self.phase = Phase::Measure { row: 0 };
    }

    fn measure_rows(&mut self, row: usize, max_rows: usize) -> Option<Record> {
        let n = self.train.len();
        let end = (row + max_rows).min(n);
        let (x, y) = self.train.rows(row, end);
        let weights = self.full_batch();
        if row == 0 {
            self.full = self.cadence.validates(self.epoch);
        }
        self.bp.backprop_sparse(
            &self.net,
            x,
            y,
            Sums {
                add: row > 0,
                weights,
            },
        );
        if let Some(tally) = self.stats.as_mut().filter(|_| self.full) {
            tally.add(&self.net, &self.bp, end - row);
        }
        if end < n {
            self.phase = Phase::Measure { row: end };
            return None;
        }
        self.full_sums = weights;
        let gradient = scale_sums(shift_sums(&self.net, &self.bp), n);
        let speeds = speeds(&gradient);
        let tally = self.stats.as_mut().filter(|_| self.full);
        let stats = tally.map(|t| t.finish(&self.net, &gradient, &speeds));
        if self.stats.is_some() {
            let hidden = &gradient[..gradient.len() - 1];
            self.all_bars = hidden.iter().map(|g| g.to_vec()).collect();
        }
        self.last = Some(Record {
            epoch: self.epoch,
            speeds,
            bars: bars(&gradient),
            accuracy: None,
            cost: None,
            stats,
        });
        self.tally = Tally::default();
        self.phase = Phase::Validate { row: 0 };
        if self.validation.is_none() || !self.full {
            self.phase = Phase::Ready;
            self.started = None;
            return self.last.clone();
        }
        None
    }

    fn validate_rows(&mut self, row: usize, max_rows: usize) -> Option<Record> {
        let v = self.validation.as_ref()?;
        let end = (row + max_rows).min(v.len());
        let (x, y) = v.rows(row, end);
        self.tally
            .add(&self.net, &mut self.bp, x, y, &v.labels[row..end]);
        if end < v.len() {
            self.phase = Phase::Validate { row: end };
            return None;
        }
        let cost = self.tally.total_cost(&self.net, self.hyper.lambda);
        let record = self.last.as_mut()?;
        record.accuracy = Some(self.tally.accuracy());
        record.cost = Some(cost);
        self.phase = Phase::Ready;
        self.started = None;
        self.last.clone()
    }

    fn train_rows(&mut self, start: usize, row: usize, max_rows: usize) {
        let n = self.train.len();
        let m = self.hyper.batch.min(n - start);
        // Batch norm's statistics are the whole mini-batch's: it is one unit of work.
        let bn = self.net.batch_norm.is_some();
        let k = if bn { m - row } else { max_rows.min(m - row) };
        if self.batch_y.nrows() < k || self.batch_y.ncols() != self.train.y.ncols() {
            self.batch_y = Array2::zeros((k, self.train.y.ncols()));
        }
        let rows = &self.order[start + row..start + row + k];
        self.batch_x.gather(&self.train.xs, rows);
        for (r, &i) in rows.iter().enumerate() {
            self.batch_y.row_mut(r).assign(&self.train.y.row(i));
        }
        let (x, y) = (self.batch_x.view(0, k), self.batch_y.slice(s![..k, ..]));
        let sums = Sums {
            add: row > 0,
            weights: true,
        };
        self.bp.norm.training = bn;
        self.bp.backprop_sparse(&self.net, x, y, sums);
        self.bp.norm.training = false;
        if row + k < m {
            self.phase = Phase::Train {
                start,
                row: row + k,
            };
            return;
        }
        self.apply_update(m);
        if let Some(bn) = &mut self.net.batch_norm {
            bn.track(&self.bp.norm, MOMENTUM);
        }
        if start + m < n {
            self.phase = Phase::Train {
                start: start + m,
                row: 0,
            };
        } else {
            self.finish_epoch();
        }
    }
}
