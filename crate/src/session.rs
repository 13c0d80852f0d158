//! A page's training session: a run, its history of records, and overflow detection — driven in
//! time-boxed slices so that the page never freezes.

use crate::{Config, Dataset, Record, Result, Run};
use serde_json::{json, Value};

/// Rows of images per unit of work: a few milliseconds in wasm.
pub const UNIT_ROWS: usize = 250;

/// The state behind the page: data, settings, the run and what it has recorded so far.
#[derive(Clone, Debug)]
pub struct Session {
    train: Dataset,
    validation: Dataset,
    /// The applied settings.
    pub config: Config,
    /// The current run.
    pub run: Run,
    /// Records of every epoch so far (only finite ones).
    pub records: Vec<Record>,
    /// Why training stopped on a non-finite value, if it did.
    pub overflow: Option<String>,
}

impl Session {
    /// A session on the given training and validation sets, with the default settings.
    pub fn new(train: Dataset, validation: Dataset) -> Result<Self> {
        let config = Config::default();
        let run = config.build(&train, Some(&validation))?;
        Ok(Session {
            train,
            validation,
            config,
            run,
            records: Vec::new(),
            overflow: None,
        })
    }

    /// Applies new settings: a fresh net, history cleared. Bad settings leave everything as it was.
    pub fn configure(&mut self, config: Config) -> Result<()> {
        self.run = config.build(&self.train, Some(&self.validation))?;
        self.config = config;
        self.records.clear();
        self.overflow = None;
        Ok(())
    }

    /// Works until `budget_ms` have passed on the clock `now` (milliseconds), training new
    /// epochs if `train`; returns the number of records completed.
    pub fn advance(&mut self, budget_ms: f64, train: bool, now: impl Fn() -> f64) -> usize {
        let start = now();
        let mut done = 0;
        while self.overflow.is_none() {
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

    fn keep(&mut self, record: Record) {
        let finite = record
            .speeds
            .iter()
            .chain(record.bars.iter().flatten())
            .all(|x| x.is_finite())
            && record.accuracy.is_none_or(f64::is_finite)
            && record.cost.is_none_or(f64::is_finite)
            && self.run.net.is_finite();
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
            "config": self.config,
        })
    }
}
