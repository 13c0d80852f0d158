// The chain explorer view: one sigmoid neuron per layer, its controls (presets, depth, a0, y,
// cost, w_j and b_j), the chain figure drawn by Rust (draw_chain) and the numbers in a table,
// redrawn at most once per animation frame while a slider moves; plus the Problem (123) and
// identity-neuron panels. The view's DOM is built from its <template> the first time it is shown.

import { chain, draw, lacks } from '../core/engine.js';
import { painter } from '../ui/canvas.js';
import { chartStyle } from '../ui/chart-style.js';
import { renderNumbers } from './table.js';
import {
  CHAIN_DEFAULTS, CHAIN_LIMITS, CHAIN_PRESETS, COSTS, MAX_DEPTH, MAX_PARAM,
  chainSettings, chainSnapshot, presetSettings, updateChain,
} from '../state/chain-state.js';
import { el, messageArea } from '../ui/dom.js';
import { errorText, int, sig } from '../core/format.js';
import { createIdentityPanel } from './identity-view.js';
import { createProblemPanel } from './problem-view.js';
import { fineScale, linear } from '../ui/scales.js';
import { slider } from '../ui/slider.js';

/** The functions of the wasm module that the chain view needs. */
const WASM_FUNCTIONS = ['chain', 'draw_chain', 'problem123', 'draw_factor', 'draw_width_bound', 'identity', 'draw_identity'];

/** The sliders of the chain's inputs: state key, label, scale, number box. */
const INPUTS = [
  { key: 'depth', label: 'Depth', scale: linear(CHAIN_LIMITS.depth.min, MAX_DEPTH, 1), text: (v) => `${int(v)} neurons` },
  { key: 'a0', label: 'Input a0', scale: linear(0, 1, 0.01, sig), box: true },
  { key: 'y', label: 'Target y', scale: linear(0, 1, 0.01, sig), box: true },
];

/** The scale of every w_j and b_j slider: steps of 0.01 near 0, up to ±200. */
const PARAM_SCALE = fineScale(MAX_PARAM);

/**
 * Creates the chain explorer. getSeed() is the page's seed (for the
 * Random preset); root and template: where and from what the view is built.
 * onChange() is called when the chain's state changes.
 * Returns {build(), set(partial) → notes, snapshot(), drawn(), figures()}.
 */
export function createChainView({ getSeed, root, template, onChange = () => {} }) {
  const missing = lacks(WASM_FUNCTIONS);
  const presetValues = (name, s) => {
    const r = chain(presetSettings(name, s, getSeed()));
    return { w: r.w, b: r.b };
  };
  let state = { ...CHAIN_DEFAULTS, w: [...CHAIN_DEFAULTS.w], b: [...CHAIN_DEFAULTS.b] };
  let report = null; // chain()'s answer for `state`, parsed; null when stale
  let view = null; // the built view: {figure, panels, show}
  const lacking = `This build of the WebAssembly module lacks ${missing.join(', ')}: rebuild it with scripts/build-web.`;

  const current = () => {
    if (!report) report = chain(chainSettings(state));
    return report;
  };
  /** Applies a change from a control or set(): returns the notes (clamped or refused values). */
  const apply = (partial) => {
    if (missing.length) return [lacking];
    let r;
    try {
      r = updateChain(state, partial, presetValues);
    } catch (e) {
      return [`The chain could not be set: ${errorText(e)}`];
    }
    if (r.changed) {
      state = r.state;
      report = null;
      view?.figure.request();
      onChange();
    }
    return r.notes;
  };
  if (!missing.length) {
    // The book's start: N(0, 1) weights and biases, the first four as the Random preset draws them.
    apply({ depth: MAX_DEPTH, preset: 'random' });
    apply({ depth: CHAIN_DEFAULTS.depth, preset: 'random' });
  }

  const build = () => {
    if (view || root.childElementCount) return;
    if (missing.length) {
      root.append(el('p', { class: 'message', 'data-kind': 'error' }, lacking));
      return;
    }
    root.append(template.content.cloneNode(true));
    const $ = (id) => document.getElementById(id);
    const show = messageArea($('chain-message'));
    const change = (partial) => show(apply(partial).join(' '));
    const onError = (e) => show(`A figure could not be drawn: ${errorText(e)}`, 'error');

    for (const [value, text, what] of CHAIN_PRESETS) {
      const button = el('button', { type: 'button', class: 'preset', title: what }, text);
      button.addEventListener('click', () => change({ preset: value }));
      $('chain-presets').append(button);
    }
    $('chain-presets').append(el('p', { class: 'hint' }, 'Random draws from the page’s seed; Explode makes every factor 25, Balanced every factor 1.'));

    const controls = {};
    const add = (parent, key, spec) => {
      controls[key] = slider({ ...spec, value: spec.value ?? state[key], onValue: spec.onValue ?? ((v) => change({ [key]: v })), onNote: (t) => show(t) });
      parent.append(controls[key].row);
    };
    for (const s of INPUTS) add($('chain-inputs'), s.key, { id: `chain-${s.key}`, ...s });
    const cost = el('select', { id: 'chain-cost' }, ...COSTS.map(([v, t]) => el('option', { value: v }, t)));
    cost.addEventListener('change', () => change({ cost: cost.value }));
    $('chain-inputs').append(el('div', { class: 'control' },
      el('div', { class: 'control-head' }, el('label', { for: 'chain-cost' }, 'Cost')), cost,
      el('p', { class: 'hint' }, 'Quadratic is the default, as in eq. (122). Cross-entropy cancels the last neuron’s σ′(z).')));

    const layers = [];
    for (let j = 1; j <= MAX_DEPTH; j += 1) {
      const row = el('div', { class: 'layer', role: 'group', 'aria-label': `Layer ${j}` });
      for (const key of ['w', 'b']) {
        const list = (v) => Object.assign([], { [j - 1]: v });
        add(row, `${key}${j}`, {
          id: `chain-${key}${j}`, label: `${key}${j}`, scale: PARAM_SCALE, box: true,
          value: state[key][j - 1], onValue: (v) => change({ [key]: list(v) }),
        });
      }
      layers.push(row);
      $('chain-params').append(row);
    }

    const sync = () => {
      for (const s of INPUTS) if (controls[s.key].value() !== state[s.key]) controls[s.key].set(state[s.key]);
      for (let j = 1; j <= MAX_DEPTH; j += 1) {
        for (const key of ['w', 'b']) {
          const c = controls[`${key}${j}`];
          if (c.value() !== state[key][j - 1]) c.set(state[key][j - 1]);
        }
        layers[j - 1].hidden = j > state.depth;
      }
      cost.value = state.cost;
    };
    const canvas = $('chain-figure');
    const tbody = $('chain-table').tBodies[0];
    const figure = painter([canvas], (ready) => {
      sync();
      renderNumbers(tbody, $('chain-summary'), chainSnapshot(state, current()));
      if (ready.length) draw('chain', canvas, chartStyle(), { settings: chainSettings(state) });
    }, { onError });
    const panels = [
      createProblemPanel({ onNote: (t) => show(t), onError }),
      createIdentityPanel({ onNote: (t) => show(t), onError }),
    ];
    view = { figure, panels, show };
    sync(); // the layers beyond the depth hide at once, not a frame later
    figure.request();
  };

  return {
    /** Builds the view's DOM (once; before it is first shown). */
    build,
    /** Applies chain settings like the controls do; returns the notes on what was clamped or refused. */
    set: apply,
    /** The chain's parameters and numbers (see chainSnapshot), or null if the module lacks chain(). */
    snapshot: () => (missing.length ? null : chainSnapshot(state, current())),
    /** Shows `text` in the chain view's message area (once built). */
    notify: (text, kind) => view?.show(text, kind),
    /** The params of the view's figures as shown, {kind: params} for engine.draw ({} if not built). */
    figures: () => (view ? {
      chain: { settings: chainSettings(state) },
      factor: view.panels[0].values(),
      widthBound: view.panels[0].values(),
      identity: view.panels[1].values(),
    } : {}),
    /** Resolves after the next drawing of every figure of the view (at once if not built). */
    drawn: () => (view ? Promise.all([view.figure.drawn(), ...view.panels.map((p) => p.drawn())]) : Promise.resolve()),
  };
}
