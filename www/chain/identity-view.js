// The identity-neuron problem: w2·σ(w1·x + b) = x + c + error on x ∈ [0, 1]. Sliders "Identity w1"
// (log scale), "Identity b" and "Identity w2" (fine near 0), the button "Taylor choice"
// (b = −w1/2, w2 = 4/w1), the figure drawn by Rust (draw_identity) and the offset c and worst error
// printed from identity(w1, b, w2).

import { draw, identity } from '../core/engine.js';
import { painter } from '../ui/canvas.js';
import { chartStyle } from '../ui/chart-style.js';
import { el } from '../ui/dom.js';
import { sig } from '../core/format.js';
import { fineScale, linear, logScale } from '../ui/scales.js';
import { slider } from '../ui/slider.js';

/** w2 may go beyond its slider (±100): the Taylor choice for w1 = 0.01 is 400. */
const W2_LIMIT = 400;

/** The panel's sliders: key, label, scale, limits of typed values. */
const SLIDERS = [
  { key: 'w1', label: 'Identity w1', scale: logScale(0.01, 5, 100) },
  { key: 'b', label: 'Identity b', scale: linear(-10, 10, 0.01, sig) },
  { key: 'w2', label: 'Identity w2', scale: fineScale(100), limits: [-W2_LIMIT, W2_LIMIT] },
];

/** The Taylor choice for w1: {b, w2}. */
export function taylorChoice(w1) {
  return { b: -w1 / 2, w2: 4 / w1 };
}

/**
 * Builds the panel into the chain view. onNote(text) shows a
 * clamped or refused typed value; onError(e) a failed drawing. Returns {drawn(), values()}.
 */
export function createIdentityPanel({ onNote, onError }) {
  const $ = (id) => document.getElementById(id);
  const canvas = $('identity-figure');
  const result = $('identity-result');
  const values = { w1: 1, ...taylorChoice(1) };
  const paint = (ready) => {
    const { w1, b, w2 } = values;
    if (ready.length) draw('identity', canvas, chartStyle(canvas), { w1, b, w2 });
    const r = identity(w1, b, w2);
    result.textContent = `Offset c = ${sig(r.offset)}; worst error = ${sig(r.worst)} (for x from 0 to 1, after removing c).`;
  };
  const view = painter([canvas], paint, { onError });
  const controls = {};
  for (const s of SLIDERS) {
    controls[s.key] = slider({
      id: `identity-${s.key}`, label: s.label, scale: s.scale, limits: s.limits, value: values[s.key], box: true,
      onValue: (v) => {
        values[s.key] = v;
        onNote('');
        view.request();
      },
      onNote,
    });
  }
  const taylor = el('button', { type: 'button', title: 'b = −w1/2 and w2 = 4/w1' }, 'Taylor choice');
  taylor.addEventListener('click', () => {
    Object.assign(values, taylorChoice(values.w1));
    controls.b.set(values.b);
    controls.w2.set(values.w2);
    onNote('');
    view.request();
  });
  $('identity-controls').append(
    ...SLIDERS.map((s) => controls[s.key].row),
    el('div', { class: 'actions' }, taylor, el('span', { class: 'hint' }, 'sets b = −w1/2, w2 = 4/w1')),
  );
  view.request();
  return {
    /** Resolves after the next drawing. */
    drawn: view.drawn,
    /** The current w1, b and w2. */
    values: () => ({ ...values }),
  };
}
