//! The thin wasm-bindgen facade the page calls: one `Session` handle, JSON in and out, charts drawn
//! on canvases. Every error becomes a JS `Error` with a readable message; nothing here panics.

use crate::chart::{accuracy::draw_accuracy, bars::draw_bars, speeds::draw_speeds, ChartError};
use crate::{Config, Dataset};
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

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

    /// Applies settings given as JSON; returns the applied settings as JSON. Bad settings throw
    /// and leave the session as it was.
    pub fn configure(&mut self, settings: &str) -> Result<String, JsError> {
        let config = Config::from_json(settings).map_err(js)?;
        self.0.configure(config).map_err(js)?;
        serde_json::to_string(&self.0.config).map_err(js)
    }

    /// Works for about `budget_ms` milliseconds (training new epochs if `train`); returns how many
    /// epoch records were completed.
    pub fn advance(&mut self, budget_ms: f64, train: bool) -> u32 {
        let budget = if budget_ms.is_finite() {
            budget_ms.clamp(0.0, 1000.0)
        } else {
            0.0
        };
        self.0.advance(budget, train, js_sys::Date::now) as u32
    }

    /// Whether the current epoch's record exists.
    pub fn measured(&self) -> bool {
        self.0.measured()
    }

    /// "idle" or "overflow".
    pub fn status(&self) -> String {
        if self.0.overflow.is_some() {
            "overflow"
        } else {
            "idle"
        }
        .to_string()
    }

    /// Epoch, status, speeds, bars, history, accuracy, cost and message, as JSON.
    pub fn snapshot(&self) -> String {
        self.0.snapshot().to_string()
    }

    /// Draws the gradient bars of the latest finite record.
    pub fn draw_bars(&self, canvas: HtmlCanvasElement) -> Result<(), JsError> {
        let (bars, speeds) = self
            .0
            .last()
            .map_or((vec![], vec![]), |r| (r.bars.clone(), r.speeds.clone()));
        draw(canvas, |area| draw_bars(area, &bars, &speeds))
    }

    /// Draws the learning-speed curves (log scale) of every epoch so far.
    pub fn draw_speeds(&self, canvas: HtmlCanvasElement) -> Result<(), JsError> {
        let history = self.0.history();
        draw(canvas, |area| draw_speeds(area, &history, &[]))
    }

    /// Draws validation accuracy and cost against epoch.
    pub fn draw_accuracy(&self, canvas: HtmlCanvasElement) -> Result<(), JsError> {
        let (accuracy, cost) = (self.0.accuracy(), self.0.cost());
        draw(canvas, |area| draw_accuracy(area, &accuracy, &cost))
    }
}

fn draw(
    canvas: HtmlCanvasElement,
    chart: impl FnOnce(&DrawingArea<CanvasBackend, plotters::coord::Shift>) -> Result<(), ChartError>,
) -> Result<(), JsError> {
    let backend = CanvasBackend::with_canvas_object(canvas)
        .ok_or_else(|| js("no 2D context on that canvas"))?;
    let area = backend.into_drawing_area();
    chart(&area).map_err(js)?;
    area.present().map_err(|e| js(format!("{e:?}")))
}
