//! When training stops by itself, and what the page says then: an overflow (a weight, bias or
//! gradient became infinite or not a number, or the validation cost ran past [`COST_BOUND`]) or
//! vanished gradients (every hidden layer's ‖δˡ‖ below [`VANISH_FLOOR`]: no hidden layer learns).

use crate::{Activation, Record};

/// A learning speed below this is no learning at all: the book's smallest speeds are ~1e-5
/// (its [784,30,30,30,30,10] after 500 epochs); 1e-30 is 25 decades further down, so only a
/// gradient that underflowed or died (ReLU′ = 0 everywhere) falls under it.
pub const VANISH_FLOOR: f64 = 1e-30;

/// A validation cost above this is an overflow: the net computes in f32, which overflows at
/// 3.4e38, and a cost past 1e30 (eight decades short of it) means outputs z that large, where the
/// next update overflows. A fresh book net's cost is ~3.3 (10 outputs near ½: 10 × ln 2); a ReLU
/// net of 6 hidden layers at weight scale 10 costs 959,378 at epoch 0, 6.5e23 after one epoch and
/// 4.4e37 after two, when every ReLU has died — which [`judge`] says first (`gradscope train
/// --sizes 784,30,30,30,30,30,30,10 --seed 1 --activation relu --scale 10`, batch 1000, η 0.1, λ 5).
pub const COST_BOUND: f64 = 1e30;

/// Why training stopped by itself: the page's status and the message it shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Halt {
    /// "overflow" or "vanished".
    pub status: &'static str,
    /// What happened, at which epoch, and what to try.
    pub message: String,
}

impl Halt {
    /// A weight, bias or gradient became infinite or not a number after the last finite record
    /// `last` (its epoch, the one the page shows; None: the fresh net itself).
    pub fn non_finite(last: Option<usize>) -> Self {
        let when = last.map_or_else(|| "at epoch 0".to_string(), |e| format!("after epoch {e}"));
        Halt {
            status: "overflow",
            message: format!(
                "Overflow {when}: a weight, bias or gradient became infinite or not a number, so \
                 training stopped. The charts show the last finite state. Press Reset, or lower \
                 the learning rate or the weight scale."
            ),
        }
    }

    /// Whether this halt ends the run for good (an overflow); a vanished net may be edited back.
    pub fn is_overflow(&self) -> bool {
        self.status == "overflow"
    }
}

/// The halt a finite `record` of a net of `activation` calls for, if any: vanished first (a dead
/// net's cost may also be huge, and "dead" says why), then a cost past [`COST_BOUND`].
pub fn judge(record: &Record, activation: Activation) -> Option<Halt> {
    let e = record.epoch;
    let dead = !record.speeds.is_empty() && record.speeds.iter().all(|&s| s < VANISH_FLOOR);
    if dead && activation == Activation::Relu {
        return Some(Halt {
            status: "vanished",
            message: format!(
                "Dead ReLUs at epoch {e}: every hidden layer's ‖δˡ‖ is below 1e-30 — the last \
                 hidden layer's ReLUs output 0 for every training image, so no gradient flows back \
                 and no hidden layer can learn. Training paused. Press Reset, or lower the weight \
                 scale or the learning rate η."
            ),
        });
    }
    if dead {
        return Some(Halt {
            status: "vanished",
            message: format!(
                "Vanished at epoch {e}: every hidden layer's ‖δˡ‖ is below 1e-30 — the neurons are \
                 saturated (σ′(z) ≈ 0), so the gradient vanished to zero and no hidden layer \
                 learns. Training paused. Press Reset, or lower the weight scale or the learning \
                 rate η."
            ),
        });
    }
    let cost = record.cost.filter(|&c| c > COST_BOUND)?;
    Some(Halt {
        status: "overflow",
        message: format!(
            "Overflow at epoch {e}: the validation cost is {cost:.3e}, above {COST_BOUND:.0e} — the \
             network's outputs blew up, so training stopped. Press Reset, or lower the learning \
             rate or the weight scale."
        ),
    })
}
