//! The thin wasm-bindgen facade the page calls: one `Session` handle, JSON in and out, charts drawn
//! on canvases. Every error becomes a JS `Error` with a readable message; nothing here panics.

use crate::chain::Chain;
use crate::chart::bands::StatsHistory;
use crate::chart::bars::{common_scale, draw_bars, draw_bars_of};
use crate::chart::factors::draw_factors;
use crate::chart::gradients::draw_gradients;
use crate::chart::saturation::draw_saturation;
use crate::chart::speeds::{draw_speeds, Speeds, Trace};
use crate::chart::{accuracy::draw_accuracy, ChartError, Style};
use crate::play::Play;
use crate::{problem123, Config, Dataset};
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// Defines `#[wasm_bindgen] pub fn $name(canvas, line_scale, text_scale, $arg: f64, …)`, which
/// draws `$chart(area, style, $arg, …)` on the canvas in those scales. Its doc is given as
/// `#[doc = "…"]`: a `///` comment would reach the JS glue as a raw string (`r"…"`).
macro_rules! canvas_chart {
    ($(#[doc = $doc:literal])* $name:ident($($arg:ident),*) => $chart:path) => {
        $(#[doc = $doc])*
        #[wasm_bindgen]
        pub fn $name(
            canvas: HtmlCanvasElement,
            line_scale: f64,
            text_scale: f64,
            $($arg: f64),*
        ) -> Result<(), JsError> {
            draw(canvas, (line_scale, text_scale), |area, style| {
                $chart(area, style, $($arg),*)
            })
        }
    };
}

fn js(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// A training session living in wasm memory; the page holds it as an opaque handle.
#[wasm_bindgen]
pub struct Session(crate::Session);

#[wasm_bindgen]
impl Session {
    /// Loads the four shipped IDX files (gzipped bytes) and prepares the default network.
    #[wasm_bindgen(constructor)]
    pub fn new(
        train_images: &[u8],
        train_labels: &[u8],
        validation_images: &[u8],
        validation_labels: &[u8],
    ) -> Result<Session, JsError> {
        console_error_panic_hook::set_once();
        let train = Dataset::from_idx(train_images, train_labels)
            .map_err(|e| js(format!("training data: {e}")))?;
        let validation = Dataset::from_idx(validation_images, validation_labels)
            .map_err(|e| js(format!("validation data: {e}")))?;
        crate::Session::new(train, validation)
            .map(Session)
            .map_err(js)
    }

    /// A fresh session with the default settings on this one's data (shared, not decoded again:
    /// a main-thread trainer starts without a long task).
    pub fn sibling(&self) -> Result<Session, JsError> {
        self.0.sibling().map(Session).map_err(js)
    }

    /// Applies settings given as JSON; returns the applied settings as JSON. Bad settings throw
    /// and leave the session as it was.
    pub fn configure(&mut self, settings: &str) -> Result<String, JsError> {
        let config = Config::from_json(settings).map_err(js)?;
        self.0.configure(config).map_err(js)?;
        serde_json::to_string(&self.0.config).map_err(js)
    }

    /// Works for about `budget_ms` milliseconds (training new epochs if `train`); returns how many
    /// epoch records were completed.
    /// At most `max_records` records are completed when it is given (a step of n epochs).
    /// `fast` (training as fast as possible: speed "max" or a step): only every tenth epoch and the
    /// last of the `max_records` are validated (`cadence.rs`).
    pub fn advance(
        &mut self,
        budget_ms: f64,
        train: bool,
        max_records: Option<u32>,
        fast: Option<bool>,
    ) -> u32 {
        let budget = if budget_ms.is_finite() {
            budget_ms.clamp(0.0, 1000.0)
        } else {
            0.0
        };
        let max = max_records.map_or(usize::MAX, |m| m as usize);
        let now = js_sys::Date::now;
        let done = match fast {
            Some(true) if train => self.0.advance_fast(budget, max, now),
            _ => self.0.advance_at_most(budget, train, max, now),
        };
        done as u32
    }

    /// After a fast run paused: validates the record on screen if it was not (`advance` then
    /// measures it again); true if there is such work to do.
    pub fn validate_last(&mut self) -> bool {
        self.0.validate_last()
    }

    /// While a link is replayed: fast steps validate every tenth epoch and the epochs of the
    /// inclusive ranges `pairs` (start, end, start, end, …: those its page had validated).
    pub fn set_validated(&mut self, pairs: &[u32]) {
        let ranges = (pairs.chunks_exact(2))
            .map(|p| (p[0] as usize, p[1] as usize))
            .collect();
        self.0.set_validated(Some(ranges));
    }

    /// Ends a link's replay: fast steps validate their last epoch again.
    pub fn end_validated(&mut self) {
        self.0.set_validated(None);
    }

    /// Whether the current epoch's record exists.
    pub fn measured(&self) -> bool {
        self.0.measured()
    }

    /// Epoch of the latest finite record (0 when there is none).
    pub fn epoch(&self) -> u32 {
        self.0.last().map_or(0, |r| r.epoch as u32)
    }

    /// The epochs a link's replay trains to rebuild this state (`Session::replay_epoch`).
    pub fn replay_epoch(&self) -> u32 {
        u32::try_from(self.0.replay_epoch()).unwrap_or(u32::MAX)
    }

    /// Whether the current net (fresh, imported or edited) still awaits its first record.
    pub fn measuring(&self) -> bool {
        self.0.awaiting_record()
    }

    /// "idle", or why training stopped by itself: "overflow" or "vanished".
    pub fn status(&self) -> String {
        self.0.status().to_string()
    }

    /// Applies play settings given as JSON (`{speed, epochLimit, barScale}`); returns them as
    /// applied. Bad settings throw and change nothing; the run goes on.
    pub fn set_play(&mut self, settings: &str) -> Result<String, JsError> {
        let play = Play::from_json(settings).map_err(js)?;
        self.0.set_play(play).map_err(js)?;
        serde_json::to_string(&self.0.play).map_err(js)
    }

    /// Notes the page's replay tokens of the current run, kept with it when a fresh net replaces it.
    pub fn set_replay(&mut self, tokens: &str) {
        self.0.replay = tokens.to_string();
    }

    /// Forgets the earlier runs.
    pub fn clear_runs(&mut self) {
        self.0.clear_runs();
    }

    /// The current run as JSON for another session to continue (a Web Worker's run handed to the
    /// page): throws while an epoch is half done, after hand edits or once the net overflowed.
    pub fn handoff(&self) -> Result<String, JsError> {
        serde_json::to_string(&self.0.handoff().map_err(js)?).map_err(js)
    }

    /// Continues a run handed over by [`Session::handoff`] (JSON) as the current one; its last
    /// record is measured again. Throws, changing nothing, on a bad handoff.
    pub fn resume(&mut self, handoff: &str) -> Result<(), JsError> {
        let h = serde_json::from_str(handoff).map_err(|e| js(format!("bad handoff: {e}")))?;
        self.0.resume(h).map_err(js)
    }

    /// Replaces the kept runs by `runs` (JSON `[{settings, replay, epochs}]`) with speeds
    /// `speeds` (each run's epochs + 1 rows, one value per hidden layer). Throws, changing
    /// nothing, when they do not fit.
    pub fn replace_kept(&mut self, runs: &str, speeds: &[f64]) -> Result<(), JsError> {
        self.0.replace_kept(runs, speeds).map_err(js)
    }

    /// Epochs per second while playing (infinite: as fast as possible).
    pub fn epochs_per_second(&self) -> f64 {
        self.0.play.epochs_per_second()
    }

    /// The epoch where Play stops by itself.
    pub fn epoch_limit(&self) -> u32 {
        u32::try_from(self.0.play.epoch_limit).unwrap_or(u32::MAX)
    }

    /// Epoch, status, speeds, bars, history, accuracy, cost and message, as JSON.
    pub fn snapshot(&self) -> Result<String, JsError> {
        serde_json::to_string(&self.0.snapshot()).map_err(js)
    }

    /// Sets hidden layer `layer`'s (1-based) weight multiplier and bias shift; history is kept.
    pub fn edit_layer(&mut self, layer: usize, scale: f64, shift: f64) -> Result<(), JsError> {
        self.0.edit_layer(layer, scale, shift).map_err(js)
    }

    /// Applies the exploding-gradient recipe to the current network; history is kept.
    pub fn explode(&mut self) {
        self.0.explode();
    }

    /// Replaces the network with network2 JSON (a file saved by network2.py); returns the applied
    /// settings as JSON. Errors say which key or shape is wrong and leave everything untouched.
    pub fn import_network(&mut self, text: &str) -> Result<String, JsError> {
        self.0.import_network(text).map_err(js)?;
        serde_json::to_string(&self.0.config).map_err(js)
    }

    /// The current network as network2 JSON.
    pub fn export_network(&self) -> String {
        self.0.export_network()
    }

    /// Draws the gradient bars of the latest finite record (on the scale of the run's epoch 0,
    /// or its own: the play settings' barScale), lines `line_scale` times thicker and text
    /// `text_scale` times larger.
    pub fn draw_bars(
        &self,
        canvas: HtmlCanvasElement,
        line_scale: f64,
        text_scale: f64,
    ) -> Result<(), JsError> {
        let (bars, speeds) = self
            .0
            .last()
            .map_or((vec![], vec![]), |r| (r.bars.clone(), r.speeds.clone()));
        let fixed = self.0.play.fixed_bars();
        let all = self.0.run.all_bars();
        if self.0.play.all_bars() && !all.is_empty() && !bars.is_empty() {
            let scale = self.0.all_bars_scale.filter(|_| fixed);
            return draw(canvas, (line_scale, text_scale), |area, style| {
                draw_bars_of(area, style, (all, usize::MAX), &speeds, scale)
            });
        }
        let first = self.0.records.first().filter(|_| fixed);
        let scale = first.and_then(|r| common_scale(&r.bars));
        draw(canvas, (line_scale, text_scale), |area, style| {
            draw_bars(area, style, &bars, &speeds, scale)
        })
    }

    /// The statistics measured so far, as JSON: a list of `snapshot().stats`, each with its `epoch`.
    pub fn stats_history(&self) -> Result<String, JsError> {
        let rows: Vec<EpochStats> = (self.0.stats_history().into_iter())
            .map(|(epoch, stats)| EpochStats { epoch, stats })
            .collect();
        serde_json::to_string(&rows).map_err(js)
    }

    /// Draws one of issue 13's charts of every epoch so far — `kind` "factors", "saturation" or
    /// "gradients" — on an epoch axis to at least the epoch limit, in the given scales.
    pub fn draw_stats(
        &self,
        canvas: HtmlCanvasElement,
        line_scale: f64,
        text_scale: f64,
        kind: &str,
    ) -> Result<(), JsError> {
        let stats = self.0.stats_history();
        let history = StatsHistory {
            stats: &stats,
            epochs: Some(self.0.play.epoch_limit),
        };
        let activation = self.0.config.activation;
        draw(canvas, (line_scale, text_scale), |area, style| match kind {
            "factors" => draw_factors(area, style, &history),
            "saturation" => draw_saturation(area, style, &history, activation),
            "gradients" => draw_gradients(area, style, &history),
            other => Err(ChartError(format!("no statistics chart {other:?}"))),
        })
    }

    /// Draws the learning-speed curves (log scale) of every epoch so far on an epoch axis to at
    /// least the epoch limit, earlier runs faint behind, in the given scales.
    pub fn draw_speeds(
        &self,
        canvas: HtmlCanvasElement,
        line_scale: f64,
        text_scale: f64,
    ) -> Result<(), JsError> {
        let history = self.0.history();
        let edited = !self.0.edits.is_empty();
        let mut labels = crate::runs::shown_labels(&self.0.kept, &self.0.config, edited);
        let now = labels.runs.pop().unwrap_or_default();
        let runs: Vec<Trace> = (self.0.kept.iter().zip(&labels.runs))
            .map(|(r, label)| Trace {
                label,
                history: &r.history,
            })
            .collect();
        let speeds = Speeds {
            history: &history,
            edits: &self.0.edits,
            epochs: Some(self.0.play.epoch_limit),
            runs: &runs,
            now: &now,
            shared: &labels.shared,
            usual: &labels.usual,
            ..Speeds::default()
        };
        draw(canvas, (line_scale, text_scale), |area, style| {
            draw_speeds(area, style, &speeds)
        })
    }

    /// Draws validation accuracy and cost against epoch, in the given scales.
    pub fn draw_accuracy(
        &self,
        canvas: HtmlCanvasElement,
        line_scale: f64,
        text_scale: f64,
    ) -> Result<(), JsError> {
        let (accuracy, cost) = (self.0.accuracy(), self.0.cost());
        draw(canvas, (line_scale, text_scale), |area, style| {
            draw_accuracy(area, style, &accuracy, &cost)
        })
    }
}

/// One row of `stats_history`: the statistics of one measurement and its epoch.
#[derive(serde::Serialize)]
struct EpochStats<'a> {
    epoch: usize,
    #[serde(flatten)]
    stats: &'a crate::stats::Stats,
}

/// Draws `chart` on `canvas`, lines `line_scale` times thicker and text `text_scale` times larger.
fn draw(
    canvas: HtmlCanvasElement,
    (line_scale, text_scale): (f64, f64),
    chart: impl FnOnce(
        &DrawingArea<CanvasBackend, plotters::coord::Shift>,
        &Style,
    ) -> Result<(), ChartError>,
) -> Result<(), JsError> {
    let backend = CanvasBackend::with_canvas_object(canvas)
        .ok_or_else(|| js("no 2D context on that canvas"))?;
    let area = backend.into_drawing_area();
    chart(&area, &Style::new(line_scale, text_scale)).map_err(js)?;
    area.present().map_err(|e| js(format!("{e:?}")))
}

fn chain_of(settings: &str) -> Result<Chain, JsError> {
    Chain::from_settings(settings).map_err(js)
}

/// The chain explorer's numbers for settings given as JSON (`{a0, y, cost, w, b}` or
/// `{preset, depth, a0, y, cost, seed}`): parameters, z, a, σ′, factors, ∂C/∂a_L, ∂C/∂b, ∂C/∂w.
#[wasm_bindgen]
pub fn chain(settings: &str) -> Result<String, JsError> {
    Ok(chain_of(settings)?.report().to_string())
}

/// Draws the chain explorer's figure for the same settings as [`chain`], in the given scales.
#[wasm_bindgen]
pub fn draw_chain(
    canvas: HtmlCanvasElement,
    line_scale: f64,
    text_scale: f64,
    settings: &str,
) -> Result<(), JsError> {
    let chain = chain_of(settings)?;
    let gradient = chain.gradient();
    draw(canvas, (line_scale, text_scale), |area, style| {
        crate::chart::chain::draw_chain(area, style, &chain, &gradient)
    })
}

/// The rows (1 or 2) of the chain figure for the same settings as [`chain`] on a canvas `width`
/// pixels wide with text `text_scale` times the usual size: the page sizes the canvas for them.
#[wasm_bindgen]
pub fn chain_rows(width: u32, text_scale: f64, settings: &str) -> Result<u32, JsError> {
    let chain = chain_of(settings)?;
    let style = Style::new(1.0, text_scale);
    let rows = crate::chart::chain::rows(&chain, &chain.gradient(), width, &style);
    Ok(rows as u32)
}

/// The least text scale at which chart text on a canvas of `width`×`height` device pixels, shown
/// at `pixel_ratio` device pixels per CSS pixel, is at least 11 CSS pixels (1 on most screens).
#[wasm_bindgen]
pub fn readable_text_scale(width: u32, height: u32, pixel_ratio: f64) -> f64 {
    Style::readable_text(width, height, pixel_ratio)
}

/// Every setting of the page — key, kind, default, range or choices, whether it restarts the run —
/// as JSON: the page's controls, `set()`, links and snapshots read their limits from it.
#[wasm_bindgen]
pub fn settings_schema() -> String {
    crate::schema::schema().to_string()
}

/// Problem (123) for weight w and bias b: `{width, interval: [lo, hi] | null, widest: [w, width]}`.
#[wasm_bindgen]
pub fn problem123(w: f64, b: f64) -> String {
    let widest = problem123::widest();
    serde_json::json!({
        "width": problem123::width(w),
        "interval": problem123::interval(w, b),
        "widest": [widest.0, widest.1],
    })
    .to_string()
}

canvas_chart!(
    #[doc = " Draws |w·σ′(w·a + b)| against a with the region ≥ 1 shaded, in the given scales."]
    draw_factor(w, b) => crate::chart::problem123::draw_factor
);

canvas_chart!(
    #[doc = " Draws the width of the region ≥ 1 against |w|, marking the current w, in the given scales."]
    draw_width_bound(w) => crate::chart::problem123::draw_width_bound
);

/// The identity neuron w₂·σ(w₁·x + b): `{offset, worst}` on x ∈ [0, 1].
#[wasm_bindgen]
pub fn identity(w1: f64, b: f64, w2: f64) -> String {
    let (offset, worst) = crate::identity::worst_error(w1, b, w2);
    serde_json::json!({ "offset": offset, "worst": worst }).to_string()
}

canvas_chart!(
    #[doc = " Draws the identity neuron's output (less its best offset) against x and the line y = x, in"]
    #[doc = " the given scales."]
    draw_identity(w1, b, w2) => crate::chart::identity::draw_identity
);
