// The chain explorer's state — one sigmoid neuron per layer: depth, w_j and b_j of ten layers (a
// smaller depth keeps the values of the layers beyond it), input a0, target y and cost — and its
// checks: out-of-range numbers are clamped and wrong values refused, each with a note.

import { quote } from '../core/format.js';
import { choicesOf, defaultsOf, keysOf, limitOf } from './schema.js';
import { readLimited, readList } from './settings.js';

/** The chain's settings, in the order links list them (from the Rust schema). */
export const CHAIN_KEYS = Object.freeze(keysOf('chain'));

/** What the page accepts for each number of the chain (w and b: each entry). */
export const CHAIN_LIMITS = Object.freeze(Object.fromEntries(CHAIN_KEYS.filter((k) => k !== 'cost').map((k) => [k, limitOf(k)])));

/** The deepest chain. */
export const MAX_DEPTH = CHAIN_LIMITS.depth.max;
/** The largest |w_j|, |b_j| the page accepts (the sliders' ends). */
export const MAX_PARAM = CHAIN_LIMITS.w.max;

/** The costs: [value, text shown]; quadratic is the default (as in the book's eq. 122). */
export const COSTS = choicesOf('cost');

/** The three presets: [value, button text, what it does]. */
export const CHAIN_PRESETS = [
  ['random', 'Random', 'every w and b drawn from N(0, 1) with the page’s seed'],
  ['explode', 'Explode', 'w = 100, b_j = −100·a_{j−1}: every factor is 25'],
  ['balanced', 'Balanced', 'w = 4, b_j = −4·a_{j−1}: every factor is 1'],
];

/** The chain on load: the book's four neurons, a0 = 0.5, y = 0, quadratic cost (w, b from the Random preset). */
export const CHAIN_DEFAULTS = Object.freeze(defaultsOf('chain'));

const KEYS = new Set([...CHAIN_KEYS, 'preset']);
/** Keys of a chain snapshot that are results: set() ignores them without a note. */
const RESULT_KEYS = new Set(['z', 'a', 'sigma_prime', 'factors', 'grad_b', 'grad_w', 'dc_da', 'value']);

/**
 * Applies `partial` ({depth, w, b, a0, y, cost, preset}) to the chain `state`. The preset, given
 * presetValues(name, state) → {w, b} for the new depth, a0, y and cost, is applied before any
 * w or b given alongside it. Returns {state, notes, changed}.
 */
export function updateChain(state, partial, presetValues) {
  if (partial === null || typeof partial !== 'object' || Array.isArray(partial)) {
    return { state, notes: ['Chain settings must be an object such as {depth: 6, preset: "explode"}.'], changed: false };
  }
  const notes = [];
  const next = { ...state, w: [...state.w], b: [...state.b] };
  for (const key of Object.keys(partial)) {
    if (!KEYS.has(key) && !RESULT_KEYS.has(key)) notes.push(`There is no chain setting called “${quote(key)}”; it was ignored.`);
  }
  for (const key of ['depth', 'a0', 'y']) {
    if (partial[key] === undefined) continue;
    const x = readLimited(partial[key], CHAIN_LIMITS[key], notes, state[key]);
    if (x !== undefined) next[key] = x;
  }
  if (partial.cost !== undefined) {
    if (COSTS.some(([v]) => v === partial.cost)) next.cost = partial.cost;
    else notes.push(`Cost “${quote(partial.cost)}” is not quadratic or cross-entropy; kept ${state.cost}.`);
  }
  if (partial.preset !== undefined) {
    if (CHAIN_PRESETS.some(([v]) => v === partial.preset)) {
      const { w, b } = presetValues(partial.preset, next);
      w.forEach((v, i) => { next.w[i] = v; });
      b.forEach((v, i) => { next.b[i] = v; });
    } else {
      notes.push(`Chain preset “${quote(partial.preset)}” is not random, explode or balanced; it was ignored.`);
    }
  }
  for (const key of ['w', 'b']) {
    if (partial[key] === undefined) continue;
    const limitOf = (i) => ({ ...CHAIN_LIMITS[key], name: `${key}${i + 1}` });
    next[key] = readList(partial[key], next[key], limitOf, notes, `Chain ${key}`);
  }
  const changed = JSON.stringify(next) !== JSON.stringify(state);
  return { state: next, notes, changed };
}

/** The settings that chain() and draw_chain() take for `state`: explicit w and b of its depth. */
export function chainSettings(state) {
  const { depth, a0, y, cost } = state;
  return JSON.stringify({ a0, y, cost, w: state.w.slice(0, depth), b: state.b.slice(0, depth) });
}

/** The settings of a preset for the depth, a0, y and cost of `state` (random: from `seed`). */
export function presetSettings(name, state, seed) {
  const { depth, a0, y, cost } = state;
  return JSON.stringify({ preset: name, depth, a0, y, cost, seed });
}

/** The public view of a chain: its parameters and the numbers of chain()'s report, per layer ("inf", "-inf", "nan" where not finite). */
export function chainSnapshot(state, report) {
  const { depth, a0, y, cost } = state;
  return {
    depth, a0, y, cost,
    w: state.w.slice(0, depth),
    b: state.b.slice(0, depth),
    z: report.z, a: report.a, sigma_prime: report.sigma_prime,
    factors: report.factors, grad_b: report.grad_b, grad_w: report.grad_w,
    dc_da: report.dc_da,
    value: report.value,
  };
}
