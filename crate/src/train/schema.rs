//! Every setting of the page in one table — name, kind, default, range or choices, unit, and
//! whether it restarts the run — the single source of truth that the Rust checks use and that the
//! page reads (through `settings_schema()`) for its controls, `set()`, links and snapshots.

use crate::chain::{DEFAULT_A0, DEFAULT_DEPTH, DEFAULT_Y};
use crate::network::{MAX_LAYERS, MAX_WEIGHTS};
use crate::play::Play;
use crate::{Config, Error, Result};
use serde::Serialize;
use serde_json::{json, Value};

/// Inputs of every network: MNIST's 28×28 pixels.
pub const INPUTS: usize = 784;
/// Outputs of every network: the ten digits.
pub const OUTPUTS: usize = 10;
/// Training images shipped with the page (`www/data/`, see its README).
pub const TRAINING_IMAGES: usize = 8000;

/// The accepted range of one number, with the words that name it in messages.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Limit {
    /// The name shown on the control and in messages.
    pub label: &'static str,
    /// Smallest accepted value.
    pub min: f64,
    /// Largest accepted value.
    pub max: f64,
    /// Whether only whole numbers are accepted.
    pub integer: bool,
    /// The unit shown after the value ("" for none).
    pub unit: &'static str,
}

impl Limit {
    /// `x` if it is finite, within the range and (if needed) whole; else an error naming the setting and range.
    pub fn check(&self, x: f64) -> Result<f64> {
        let whole = !self.integer || x.fract() == 0.0;
        if x.is_finite() && x >= self.min && x <= self.max && whole {
            return Ok(x);
        }
        let kind = match (x.is_finite(), self.integer) {
            (false, _) => "a finite number",
            (true, true) => "a whole number",
            (true, false) => "a number",
        };
        let unit = match self.unit {
            "" | "×" => String::new(),
            unit => format!(" {unit}"),
        };
        Err(Error::new(format!(
            "{} must be {kind} from {} to {}{unit}, got {x}",
            self.label, self.min, self.max
        )))
    }
}

/// Hidden layers of a network (the core holds at most [`MAX_LAYERS`] layers with input and output).
pub const HIDDEN: Limit = Limit {
    label: "Hidden layers",
    min: 1.0,
    max: (MAX_LAYERS - 2) as f64,
    integer: true,
    unit: "",
};
/// Neurons of each hidden layer: 1,000 wide takes 784·1,000 + 1,000·10 = 794,000 weights, within
/// [`MAX_WEIGHTS`] (several such layers are refused by that count, with its message).
pub const WIDTH: Limit = Limit {
    label: "Neurons per layer",
    min: 1.0,
    max: 1000.0,
    integer: true,
    unit: "",
};
/// The multiplier of every initial weight.
pub const SCALE: Limit = Limit {
    label: "Weight scale",
    min: 0.1,
    max: 10.0,
    integer: false,
    unit: "×",
};
/// The seed of the weights and the shuffles (a u32, so that links stay short and exact).
pub const SEED: Limit = Limit {
    label: "Seed",
    min: 0.0,
    max: 4_294_967_295.0,
    integer: true,
    unit: "",
};
/// The first N training images trained on and measured (the book's figures use 1,000).
pub const IMAGES: Limit = Limit {
    label: "Training images",
    min: 100.0,
    max: TRAINING_IMAGES as f64,
    integer: true,
    unit: "",
};
/// The mini-batch size m (also at most the number of training images).
pub const BATCH: Limit = Limit {
    label: "Mini-batch size",
    min: 1.0,
    max: TRAINING_IMAGES as f64,
    integer: true,
    unit: "",
};
/// The learning rate η.
pub const ETA: Limit = Limit {
    label: "Learning rate η",
    min: 0.001,
    max: 10.0,
    integer: false,
    unit: "",
};
/// The L2 regularisation λ.
pub const LAMBDA: Limit = Limit {
    label: "Regularization λ",
    min: 0.0,
    max: 20.0,
    integer: false,
    unit: "",
};
/// Gradient clipping's threshold c on the norm of the whole gradient (0: no clipping).
pub const CLIP: Limit = Limit {
    label: "Clip gradient norm at",
    min: 0.0,
    max: crate::clip::MAX_CLIP,
    integer: false,
    unit: "",
};
/// A hidden layer's weight multiplier (an in-place edit of the real net).
pub const LAYER_SCALE: Limit = Limit {
    label: "Weight scale",
    min: 0.01,
    max: 100.0,
    integer: false,
    unit: "×",
};
/// A hidden layer's bias shift (an in-place edit of the real net).
pub const LAYER_SHIFT: Limit = Limit {
    label: "Bias shift",
    min: -10.0,
    max: 10.0,
    integer: false,
    unit: "",
};
/// Neurons of the chain explorer (one per layer).
pub const CHAIN_DEPTH: Limit = Limit {
    label: "Depth",
    min: 1.0,
    max: 10.0,
    integer: true,
    unit: "layers",
};
/// The chain's input activation a₀ (an activation, so in [0, 1]).
pub const CHAIN_A0: Limit = Limit {
    label: "Input a0",
    min: 0.0,
    max: 1.0,
    integer: false,
    unit: "",
};
/// The chain's target y.
pub const CHAIN_Y: Limit = Limit {
    label: "Target y",
    min: 0.0,
    max: 1.0,
    integer: false,
    unit: "",
};
/// A chain weight w_j (the Explode preset's 100 inside, with room to spare).
pub const CHAIN_W: Limit = Limit {
    label: "w",
    min: -200.0,
    max: 200.0,
    integer: false,
    unit: "",
};
/// A chain bias b_j.
pub const CHAIN_B: Limit = Limit {
    label: "b",
    min: -200.0,
    max: 200.0,
    integer: false,
    unit: "",
};
/// The epochs one Step call may train.
pub const STEP: Limit = Limit {
    label: "Step",
    min: 1.0,
    max: 10_000.0,
    integer: true,
    unit: "epochs",
};
/// Where Play stops by itself ("train to epoch N"): the book's window is 500 epochs; 100,000
/// epochs of the default [784,30,30,10] net take ~6 minutes in wasm (3.5 ms an epoch).
pub const EPOCH_LIMIT: Limit = Limit {
    label: "Train to epoch",
    min: 1.0,
    max: 100_000.0,
    integer: true,
    unit: "",
};
/// The most epochs a shared link re-trains (on request: "Replay the run"), Play's highest limit;
/// a link over [`REPLAY_WORK`] opens at its settings and offers to re-train to its epoch.
pub const REPLAY_EPOCHS: usize = EPOCH_LIMIT.max as usize;
/// The training work (epochs × images × weights) a shared link replays without asking first: about
/// half a minute in the page (the book's 500-epoch J1 run is 1.3e10 and takes ~2 s with validation).
pub const REPLAY_WORK: f64 = 5e10;
/// The largest network2 file imported (a [`MAX_WEIGHTS`]-weight net saved by network2.py is ~20 MB).
pub const MAX_IMPORT_BYTES: usize = 32 << 20;

/// How a setting is given: a number, a choice, the layer sizes, a per-layer or per-neuron list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// One number within its limit.
    Number,
    /// One of a few names.
    Choice,
    /// [784, hidden…, 10].
    Sizes,
    /// A list of numbers, each within the limit.
    List,
    /// true or false.
    Boolean,
}

/// One row of the table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Setting {
    /// The key in `set()`, the link and the snapshot.
    pub key: &'static str,
    /// Which state it belongs to: "network" (restarts the run), "edit", "play", "chain" or "page".
    pub group: &'static str,
    /// How it is given.
    pub kind: Kind,
    /// The value on load.
    pub default: Value,
    /// The range of a number (or of each entry of a list), if numeric.
    pub limit: Option<Limit>,
    /// The accepted names and the words shown for them, if a choice.
    pub choices: Vec<(&'static str, &'static str)>,
    /// Whether changing it starts a fresh network (history cleared).
    pub restarts: bool,
    /// The name used in messages.
    pub label: &'static str,
}

fn setting(key: &'static str, group: &'static str, kind: Kind, default: Value) -> Setting {
    Setting {
        key,
        group,
        kind,
        default,
        limit: None,
        choices: vec![],
        restarts: group == "network",
        label: key,
    }
}

fn number(key: &'static str, group: &'static str, limit: Limit, default: Value) -> Setting {
    let kind = if default.is_array() {
        Kind::List
    } else {
        Kind::Number
    };
    Setting {
        limit: Some(limit),
        label: limit.label,
        ..setting(key, group, kind, default)
    }
}

fn choice(
    key: &'static str,
    group: &'static str,
    label: &'static str,
    choices: &[(&'static str, &'static str)],
) -> Setting {
    Setting {
        choices: choices.to_vec(),
        label,
        ..setting(key, group, Kind::Choice, json!(choices[0].0))
    }
}

/// Hidden neurons' activations: [name, words shown].
pub const ACTIVATIONS: [(&str, &str); 3] =
    [("sigmoid", "sigmoid"), ("tanh", "tanh"), ("relu", "ReLU")];
/// Initialisations: [name, words shown].
pub const INITS: [(&str, &str); 4] = [
    ("network2", "network2: N(0, 1/n_in)"),
    ("large", "large: N(0, 1)"),
    ("xavier", "Xavier: N(0, 2/(n_in+n_out))"),
    ("he", "He: N(0, 2/n_in)"),
];

/// Paces of Play in epochs per second: [name, words shown] ("max": as fast as the machine can).
pub const SPEEDS: [(&str, &str); 5] = [
    ("1", "1 epoch/s"),
    ("5", "5 epochs/s"),
    ("25", "25 epochs/s"),
    ("100", "100 epochs/s"),
    ("max", "as fast as possible"),
];
/// Scales of the gradient bars: [name, words shown].
pub const BAR_SCALES: [(&str, &str); 2] = [("epoch0", "scale of epoch 0"), ("auto", "auto")];
/// Which neurons of each hidden layer the bars show: [name, words shown] (the book: the first six).
pub const BAR_NEURONS: [(&str, &str); 2] = [("six", "first six"), ("all", "all neurons")];
/// The panel beside the learning speeds: the accuracy, or why the gradient vanishes (issue 13).
pub const PANELS: [(&str, &str); 4] = [
    ("accuracy", "Accuracy"),
    ("factors", "Factor"),
    ("saturation", "Saturation"),
    ("gradients", "Gradients"),
];

/// How the run is played and shown (never restarting it: the bars' scale and neurons, the panel
/// beside the speeds); defaults from [`Play::default`].
fn play_settings() -> Vec<Setting> {
    let d = serde_json::to_value(Play::default()).unwrap_or_default();
    let mut speed = choice("speed", "play", "Speed", &SPEEDS);
    let mut bar_scale = choice("barScale", "play", "Bar scale", &BAR_SCALES);
    speed.default = d["speed"].clone();
    bar_scale.default = d["barScale"].clone();
    let limit = number("epochLimit", "play", EPOCH_LIMIT, d["epochLimit"].clone());
    let bar_neurons = choice("barNeurons", "play", "Bars of", &BAR_NEURONS);
    let panel = choice("panel", "play", "Panel", &PANELS);
    vec![speed, limit, bar_scale, bar_neurons, panel]
}

/// The network's settings, in the order a link lists and reads them (images before batch).
/// Defaults come from [`Config::default`] (the chapter's [784,30,30,10] and settings).
fn network_settings() -> Vec<Setting> {
    let d = serde_json::to_value(Config::default()).unwrap_or_default();
    let sizes = Setting {
        label: "Network sizes",
        ..setting("sizes", "network", Kind::Sizes, d["sizes"].clone())
    };
    let mut activation = choice("activation", "network", "Activation", &ACTIVATIONS);
    let mut init = choice("init", "network", "Initialization", &INITS);
    activation.default = d["activation"].clone();
    init.default = d["init"].clone();
    let mut all = vec![sizes, activation, init];
    for (key, limit) in [
        ("scale", SCALE),
        ("seed", SEED),
        ("images", IMAGES),
        ("batch", BATCH),
        ("eta", ETA),
        ("lambda", LAMBDA),
    ] {
        all.push(number(key, "network", limit, d[key].clone()));
    }
    all.extend(remedy_settings(&d));
    all
}

/// The remedies, each switchable per run: batch norm, skip connections, gradient clipping (0: off).
fn remedy_settings(d: &Value) -> Vec<Setting> {
    let switch = |key: &'static str, label: &'static str| Setting {
        label,
        ..setting(key, "network", Kind::Boolean, d[key].clone())
    };
    vec![
        switch("batchNorm", "Batch normalization"),
        switch("skip", "Skip connections"),
        number("clip", "network", CLIP, d["clip"].clone()),
    ]
}

/// The chain explorer's settings (w and b: lists of up to the deepest chain).
fn chain_settings() -> Vec<Setting> {
    let zeros = json!(vec![0.0; CHAIN_DEPTH.max as usize]);
    vec![
        number("depth", "chain", CHAIN_DEPTH, json!(DEFAULT_DEPTH)),
        number("a0", "chain", CHAIN_A0, json!(DEFAULT_A0)),
        number("y", "chain", CHAIN_Y, json!(DEFAULT_Y)),
        choice(
            "cost",
            "chain",
            "Cost",
            &[
                ("quadratic", "quadratic (default)"),
                ("cross-entropy", "cross-entropy"),
            ],
        ),
        number("w", "chain", CHAIN_W, zeros.clone()),
        number("b", "chain", CHAIN_B, zeros),
    ]
}

/// Every setting of the page.
pub fn settings() -> Vec<Setting> {
    let mut all = network_settings();
    all.push(number("layerScale", "edit", LAYER_SCALE, json!([])));
    all.push(number("layerShift", "edit", LAYER_SHIFT, json!([])));
    all.extend(play_settings());
    all.extend(chain_settings());
    all.push(choice(
        "view",
        "page",
        "View",
        &[("network", "Network"), ("chain", "Chain")],
    ));
    all
}

/// The table as the page reads it: `{inputs, outputs, hidden, width, step, replayEpochs, settings}`.
pub fn schema() -> Value {
    json!({
        "inputs": INPUTS,
        "outputs": OUTPUTS,
        "hidden": HIDDEN,
        "width": WIDTH,
        "step": STEP,
        "replayEpochs": REPLAY_EPOCHS,
        "maxWeights": MAX_WEIGHTS,
        "maxImportBytes": MAX_IMPORT_BYTES,
        "replayWork": REPLAY_WORK,
        "validateEvery": crate::cadence::VALIDATE_EVERY,
        "settings": settings(),
    })
}
