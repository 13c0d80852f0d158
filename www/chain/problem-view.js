// Problem (123) of the chapter: for one neuron with weight w and bias b, the inputs a where the
// factor |w·σ′(w·a + b)| is at least 1 form an interval whose width depends on w alone (widest,
// about 0.45, near |w| ≈ 6.9). Sliders "Problem w" and "Problem b", two figures drawn by Rust
// (draw_factor, draw_width_bound) and the width printed from problem123(w, b).

import { draw, problem123 } from '../core/engine.js';
import { painter } from '../ui/canvas.js';
import { chartStyle } from '../ui/chart-style.js';
import { el } from '../ui/dom.js';
import { sig } from '../core/format.js';
import { linear } from '../ui/scales.js';
import { slider } from '../ui/slider.js';

/** The panel's starting point: a weight near the widest window, centred on a = ½. */
const START = { w: 6, b: -3 };

/** The sentence under the figures for problem123's answer. */
function resultText(w, r) {
  const [wBest, widthBest] = r.widest ?? [];
  const widest = `The widest any w gives is ${sig(widthBest)}, at |w| ≈ ${sig(wBest)}.`;
  if (!(r.width > 0) || !r.interval) {
    return `Width ${sig(0)}: with w = ${sig(w)} the factor never reaches 1 for any input (it needs |w| ≥ 4). ${widest}`;
  }
  const [lo, hi] = r.interval;
  const outside = hi < 0 || lo > 1 ? ', which lies outside 0 ≤ a ≤ 1: no activation gets there' : '';
  return `Width ${sig(r.width)}: the factor is ≥ 1 for a from ${sig(lo)} to ${sig(hi)}${outside} (b only moves this window). ${widest}`;
}

/**
 * Builds the panel into the chain view. onNote(text) shows a clamped or refused typed value; onError(e) a failed drawing.
 * Returns {drawn(), values()}.
 */
export function createProblemPanel({ onNote, onError }) {
  const $ = (id) => document.getElementById(id);
  const canvases = [$('problem-factor'), $('problem-width')];
  const result = $('problem-result');
  const values = { ...START };
  const paint = (ready) => {
    const { w, b } = values;
    if (ready.includes(canvases[0])) draw('factor', canvases[0], chartStyle(canvases[0]), { w, b });
    if (ready.includes(canvases[1])) draw('widthBound', canvases[1], chartStyle(canvases[1]), { w });
    result.textContent = resultText(w, problem123(w, b));
  };
  const view = painter(canvases, paint, { onError });
  const row = (key, label) => slider({
    id: `problem-${key}`, label, scale: linear(-20, 20, 0.1, sig), value: values[key], box: true,
    onValue: (v) => {
      values[key] = v;
      onNote('');
      view.request();
    },
    onNote,
  }).row;
  $('problem-controls').append(
    row('w', 'Problem w'),
    row('b', 'Problem b'),
    el('p', { class: 'hint' }, 'w = 6.9 gives the widest window.'),
  );
  view.request();
  return {
    /** Resolves after the next drawing. */
    drawn: view.drawn,
    /** The current w and b. */
    values: () => ({ ...values }),
  };
}
