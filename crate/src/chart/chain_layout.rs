//! Where the chain figure puts things: one row of neurons, or two when the chain is deep or its
//! numbers long for the figure's width; the size of its labels; the columns and the neurons' centres.

use super::{short_value, Style};
use crate::chain::{Chain, ChainGradient};

/// `n` in subscript digits, for the layer index ("10" → "₁₀").
pub(super) fn subscript(n: usize) -> String {
    let digit = |d: u32| char::from_u32(0x2080 + d);
    n.to_string()
        .chars()
        .map(|c| c.to_digit(10).and_then(digit).unwrap_or(c))
        .collect()
}

/// The numbers of layer `j` (0-based), NaN where `chain` or `g` lack them.
pub(super) fn pick(values: &[f64], j: usize) -> f64 {
    values.get(j).copied().unwrap_or(f64::NAN)
}

/// Chains deeper than this wrap onto two rows, so that their labels keep a readable size.
pub const ONE_ROW_DEPTH: usize = 6;

/// A shallower chain wraps onto two rows too when one row's columns would shrink its labels below
/// this share of the chart's text (long numbers on a narrow figure, such as the Random preset's).
const WRAP_BELOW: f64 = 0.8;

/// The text size at which labels `widest` characters wide fit a column `col` pixels wide (about
/// 0.55 em a character; text_width's 0.6 is generous).
fn label_size(col: f64, widest: f64) -> f64 {
    col * 0.95 / (widest * 0.55)
}

/// Rows (1 or 2) of a chain of `depth` with labels `widest` characters wide on a figure `wf`
/// pixels wide with chart text `text`: two beyond [`ONE_ROW_DEPTH`] or when one row's labels would
/// be smaller than [`WRAP_BELOW`] of `text`. The height plays no part, so that a page can size the
/// figure for the rows it will get.
pub(super) fn rows_for(depth: usize, widest: f64, wf: f64, text: f64) -> usize {
    let one_row = label_size(wf / (depth + 2) as f64, widest);
    if depth > ONE_ROW_DEPTH || (depth > 1 && one_row < text * WRAP_BELOW) {
        2
    } else {
        1
    }
}

/// Pixel layout of the chain figure.
pub(super) struct Layout {
    /// Text size of the legend, the product and the bars.
    pub(super) base: f64,
    /// Text size of the figure's labels (smaller for a deep chain).
    pub(super) size: f64,
    /// Whether the factors are written "× f" (else "f", where the columns are narrow).
    pub(super) times: bool,
    /// Centre (x, y) of a_0, the neurons 1…L and C.
    pub(super) at: Vec<(f64, f64)>,
    /// The layer whose link wraps from the first row's right end to the second row's left, if any.
    pub(super) wrap: Option<usize>,
    /// Width of a column (a neuron and its link).
    pub(super) col: f64,
    /// Radius of the neurons.
    pub(super) r: f64,
    /// Line and text scales of the figure.
    pub(super) style: Style,
}

impl Layout {
    /// Where link j (1…L) starts on its row: after a_0, at the row's left (wrapped) or neuron j−1.
    pub(super) fn from(&self, j: usize) -> f64 {
        if j == 1 {
            self.at[0].0 + self.size * 0.8
        } else if self.wrap == Some(j) {
            self.col * 0.25
        } else {
            self.at[j - 1].0 + self.r
        }
    }

    /// y of the last row (that of C).
    pub(super) fn last_y(&self) -> f64 {
        self.at.last().map_or(0.0, |p| p.1)
    }
}

/// The widest label of the figure, in characters (a margin included).
pub(super) fn widest_label(chain: &Chain, g: &ChainGradient, factors: &[f64], times: bool) -> f64 {
    let values = [&chain.w[..], &g.sigma_prime, &[g.dc_da, g.cost]].concat();
    let chars = |v: &f64| short_value(*v).chars().count();
    let depth = subscript(chain.w.len()).chars().count() + 5; // σ′(z_L)
    let labels = values.iter().map(chars).chain([depth]).map(|n| n + 1);
    let factor = if times { 3 } else { 1 }; // "× f" or "f"
    labels
        .chain(factors.iter().map(|f| chars(f) + factor))
        .max()
        .unwrap_or(6) as f64
}

/// The layout of a chain of `depth` on `rows` rows on `wf`×`hf` pixels with chart text `text`, and
/// whether the bars fit under it (they may shrink the text to 65 % of `text`, no further). `widest`:
/// the widest label in characters with the factors written "× f", then as "f" (which the layout
/// takes when "× f" would shrink the labels below [`WRAP_BELOW`] of the figure's text).
pub(super) fn layout(
    (wf, hf): (f64, f64),
    (text, style): (f64, &Style),
    (depth, rows): (usize, usize),
    (widest, plain): (f64, f64),
) -> (Layout, bool) {
    // The last node (a_0 = 0, neurons 1…L, C = L + 1) of the first row.
    let first = if rows == 2 {
        depth.div_ceil(2)
    } else {
        depth + 1
    };
    let cols = if rows == 2 {
        (first + 1).max(depth - first + 2)
    } else {
        depth + 2
    };
    let col = wf / cols as f64;
    // Text heights each part needs: the bars 14 lines of text, a second row 10.
    let extra = (rows - 1) as f64 * 10.0;
    let with_bars = hf / (30.0 + extra);
    let bars = with_bars >= text * 0.65;
    let base = text
        .min(if bars { with_bars } else { hf / (16.5 + extra) })
        .max(6.0);
    let times = label_size(col, widest) >= base * WRAP_BELOW;
    let size = base
        .min(label_size(col, if times { widest } else { plain }))
        .max(6.0);
    let r = (size * 1.15).min(col * 0.3);
    let line = size * 1.25;
    let y1 = base * 1.8 + line * 4.9 + r;
    let y2 = y1 + 2.0 * r + size * 7.6;
    let at = (0..depth + 2)
        .map(|i| match i <= first {
            true => (col * (i as f64 + 0.5), y1),
            false => (col * ((i - first) as f64 + 0.5), y2),
        })
        .collect();
    let wrap = (rows == 2).then_some(first + 1);
    let style = *style;
    let layout = Layout {
        base,
        size,
        times,
        at,
        wrap,
        col,
        r,
        style,
    };
    (layout, bars)
}
