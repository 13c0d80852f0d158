//! Shared by the tests: SVG parsing (`svg`), the inputs several charts draw, and running the
//! command (`cli`).
// Each test crate uses only some of these helpers.
#![allow(dead_code)]

pub mod cli;
pub mod svg;

use gradscope::chart::bars::draw_bars;
use gradscope::chart::{svg_string, Style};

pub const NAN: f64 = f64::NAN;
pub const INF: f64 = f64::INFINITY;

pub fn bars_svg(w: u32, h: u32, bars: &[Vec<f64>], speeds: &[f64]) -> String {
    svg_string(w, h, |a| {
        draw_bars(a, &Style::default(), bars, speeds, None)
    })
    .expect("bars render")
}

/// Two layers over 10 epochs; layer 1 passes through 0.01, 0.1 and 1.
pub fn two_layer_history() -> Vec<Vec<f64>> {
    let first = [0.01, 0.1, 1.0, 0.5, 0.3, 0.2, 0.1, 0.05, 0.02, 0.01];
    first.iter().map(|&v| vec![v, v * 3.0]).collect()
}

/// `values[e]` as (epoch e, value) points: a value at every epoch.
pub fn by_epoch(values: &[f64]) -> Vec<(usize, f64)> {
    values.iter().copied().enumerate().collect()
}
