// The chain explorer's controls: preset buttons, the sliders of depth, a0 and y, the cost select,
// and a w_j and b_j slider per layer (those beyond the depth hidden), kept in step with the state.

import { int, sig } from '../core/format.js';
import { CHAIN_LIMITS, CHAIN_PRESETS, COSTS, MAX_DEPTH, MAX_PARAM } from '../state/chain-state.js';
import { el } from '../ui/dom.js';
import { linear, symlogScale } from '../ui/scales.js';
import { slider } from '../ui/slider.js';

/** The sliders of the chain's inputs: state key, label, scale, number box. */
const INPUTS = [
  { key: 'depth', label: 'Depth', scale: linear(CHAIN_LIMITS.depth.min, MAX_DEPTH, 1), text: (v) => `${int(v)} neurons` },
  { key: 'a0', label: 'Input a0', scale: linear(0, 1, 0.01, sig), box: true },
  { key: 'y', label: 'Target y', scale: linear(0, 1, 0.01, sig), box: true },
];

/**
 * Where the w_j and b_j sliders give precision: [|value|, share of each half of the track up to
 * it]. |w| ≤ 10 (where σ′ matters) gets 52 %; 88 … 114 around the Explode preset's w = 100
 * (crate/src/exercises/chain.rs) gets 28 %, so that 4 % of the track moves w by less than 10 %.
 */
const PRECISION = [[10, 0.52], [88, 0.66], [114, 0.94]].filter(([v]) => v < MAX_PARAM);

/** The scale of every w_j and b_j slider: a symmetric log out to the schema's ±MAX_PARAM. */
const PARAM_SCALE = symlogScale(MAX_PARAM, [...PRECISION, [MAX_PARAM, 1]]);

const $ = (id) => document.getElementById(id);

/** The preset buttons; change(partial) applies one. */
function buildPresets(change) {
  for (const [value, text, what] of CHAIN_PRESETS) {
    const button = el('button', { type: 'button', class: 'preset', title: what }, text);
    button.addEventListener('click', () => change({ preset: value }));
    $('chain-presets').append(button);
  }
  $('chain-presets').append(el('p', { class: 'hint' }, 'Random draws from the page’s seed; Explode makes every factor 25, Balanced every factor 1.'));
}

/** The cost select; change(partial) applies a choice. */
function buildCost(change) {
  const cost = el('select', { id: 'chain-cost' }, ...COSTS.map(([v, t]) => el('option', { value: v }, t)));
  cost.addEventListener('change', () => change({ cost: cost.value }));
  $('chain-inputs').append(el('div', { class: 'control' },
    el('div', { class: 'control-head' }, el('label', { for: 'chain-cost' }, 'Cost')), cost,
    el('p', { class: 'hint' }, 'Quadratic is the default, as in eq. (122). Cross-entropy cancels the last neuron’s σ′(z).')));
  return cost;
}

/**
 * Builds the controls into the chain view's DOM. state() is the chain's state now, change(partial)
 * applies a change, show(text) shows a note. Returns sync(): puts every control in step with state().
 */
export function buildChainControls({ state, change, show }) {
  buildPresets(change);
  const controls = {};
  const add = (parent, key, spec) => {
    controls[key] = slider({ ...spec, value: spec.value ?? state()[key], onValue: spec.onValue ?? ((v) => change({ [key]: v })), onNote: (t) => show(t) });
    parent.append(controls[key].row);
  };
  for (const s of INPUTS) add($('chain-inputs'), s.key, { id: `chain-${s.key}`, ...s });
  const cost = buildCost(change);
  const layers = [];
  for (let j = 1; j <= MAX_DEPTH; j += 1) {
    const row = el('div', { class: 'layer', role: 'group', 'aria-label': `Layer ${j}` });
    for (const key of ['w', 'b']) {
      const list = (v) => Object.assign([], { [j - 1]: v });
      add(row, `${key}${j}`, {
        id: `chain-${key}${j}`, label: `${key}${j}`, scale: PARAM_SCALE, box: true,
        value: state()[key][j - 1], onValue: (v) => change({ [key]: list(v) }),
      });
    }
    layers.push(row);
    $('chain-params').append(row);
  }
  return () => {
    const s = state();
    for (const i of INPUTS) if (controls[i.key].value() !== s[i.key]) controls[i.key].set(s[i.key]);
    for (let j = 1; j <= MAX_DEPTH; j += 1) {
      for (const key of ['w', 'b']) {
        const c = controls[`${key}${j}`];
        if (c.value() !== s[key][j - 1]) c.set(s[key][j - 1]);
      }
      layers[j - 1].hidden = j > s.depth;
    }
    cost.value = s.cost;
  };
}
