// The chain explorer view: one sigmoid neuron per layer, its controls (controls.js), the chain
// figure drawn by Rust (draw_chain) and the numbers in a table, redrawn at most once per animation
// frame while a slider moves; plus the Problem (123) and identity-neuron panels. The view's DOM is
// built from its <template> the first time it is shown. The parts share one state object, `c`.

import { chain, chainRows, draw, lacks } from '../core/engine.js';
import { errorText } from '../core/format.js';
import { CHAIN_DEFAULTS, MAX_DEPTH, chainSettings, chainSnapshot, presetSettings, updateChain } from '../state/chain-state.js';
import { painter } from '../ui/canvas.js';
import { chartStyle } from '../ui/chart-style.js';
import { el, messageArea } from '../ui/dom.js';
import { buildChainControls } from './controls.js';
import { createIdentityPanel } from './identity-view.js';
import { createProblemPanel } from './problem-view.js';
import { renderNumbers } from './table.js';

/** The functions of the wasm module that the chain view needs. */
const WASM_FUNCTIONS = ['chain', 'chain_rows', 'draw_chain', 'problem123', 'draw_factor', 'draw_width_bound', 'identity', 'draw_identity'];

/**
 * Gives the figure the height two rows need at projector text sizes (6 : 5 instead of the page's
 * ratio, so that its labels stay ≥ 16 CSS px at 1024 × 768) when Rust wraps the chain at this
 * width (chain_rows: deeper than six neurons, or long numbers on a narrow figure); the page's
 * ratio otherwise. Its data-rows (1 or 2) lets the style sheets shape it too (phone.css).
 */
function fitRows(canvas, style, settings) {
  const rows = String(chainRows(canvas.width, style.text, settings));
  if (canvas.dataset.rows !== rows) canvas.dataset.rows = rows;
  const tall = rows === '2' && document.documentElement.classList.contains('projector');
  const ratio = tall ? '6 / 5' : '';
  if (canvas.style.aspectRatio !== ratio) canvas.style.aspectRatio = ratio; // a resize redraws it
}

/** chain()'s answer for the state, parsed (kept until the state changes). */
function current(c) {
  if (!c.report) c.report = chain(chainSettings(c.state));
  return c.report;
}

/** Applies a change from a control or set(): returns the notes (clamped or refused values). */
function apply(c, partial) {
  if (c.missing.length) return [c.lacking];
  const presetValues = (name, s) => {
    const r = chain(presetSettings(name, s, c.getSeed()));
    return { w: r.w, b: r.b };
  };
  let r;
  try {
    r = updateChain(c.state, partial, presetValues);
  } catch (e) {
    return [`The chain could not be set: ${errorText(e)}`];
  }
  if (r.changed) {
    c.state = r.state;
    c.report = null;
    c.view?.figure.request();
    c.onChange();
  }
  return r.notes;
}

/** Builds the view's DOM (once; before it is first shown). */
function build(c) {
  if (c.view || c.root.childElementCount) return;
  if (c.missing.length) {
    c.root.append(el('p', { class: 'message', 'data-kind': 'error' }, c.lacking));
    return;
  }
  c.root.append(c.template.content.cloneNode(true));
  const $ = (id) => document.getElementById(id);
  const show = messageArea($('chain-message'));
  const onError = (e) => show(`A figure could not be drawn: ${errorText(e)}`, 'error');
  const sync = buildChainControls({ state: () => c.state, change: (partial) => show(apply(c, partial).join(' ')), show });
  const canvas = $('chain-figure');
  const tbody = $('chain-table').tBodies[0];
  const figure = painter([canvas], (ready) => {
    sync();
    const [style, settings] = [chartStyle(canvas), chainSettings(c.state)];
    if (ready.length) fitRows(canvas, style, settings);
    renderNumbers(tbody, $('chain-summary'), chainSnapshot(c.state, current(c)));
    if (ready.length) draw('chain', canvas, style, { settings });
  }, { onError });
  const panels = [
    createProblemPanel({ onNote: (t) => show(t), onError }),
    createIdentityPanel({ onNote: (t) => show(t), onError }),
  ];
  c.view = { figure, panels, show };
  sync(); // the layers beyond the depth hide at once, not a frame later
  figure.request();
}

/**
 * Creates the chain explorer. getSeed() is the page's seed (for the Random preset); root and
 * template: where and from what the view is built. onChange() is called when the chain's state
 * changes. Returns {build(), set(partial) → notes, snapshot(), notify(), drawn(), figures()}.
 */
export function createChainView({ getSeed, root, template, onChange = () => {} }) {
  const missing = lacks(WASM_FUNCTIONS);
  const c = {
    getSeed, root, template, onChange, missing,
    lacking: `This build of the WebAssembly module lacks ${missing.join(', ')}: rebuild it with scripts/build-web.`,
    state: { ...CHAIN_DEFAULTS, w: [...CHAIN_DEFAULTS.w], b: [...CHAIN_DEFAULTS.b] },
    report: null, // chain()'s answer for `state`, parsed; null when stale
    view: null, // the built view: {figure, panels, show}
  };
  if (!missing.length) {
    // The book's start: N(0, 1) weights and biases, the first four as the Random preset draws them.
    apply(c, { depth: MAX_DEPTH, preset: 'random' });
    apply(c, { depth: CHAIN_DEFAULTS.depth, preset: 'random' });
  }
  return {
    /** Builds the view's DOM (once; before it is first shown). */
    build: () => build(c),
    /** Applies chain settings like the controls do; returns the notes on what was clamped or refused. */
    set: (partial) => apply(c, partial),
    /** The chain's parameters and numbers (see chainSnapshot), or null if the module lacks chain(). */
    snapshot: () => (missing.length ? null : chainSnapshot(c.state, current(c))),
    /** Shows `text` in the chain view's message area (once built). */
    notify: (text, kind) => c.view?.show(text, kind),
    /** The params of the view's figures as shown, {kind: params} for engine.draw ({} if not built). */
    figures: () => (c.view ? {
      chain: { settings: chainSettings(c.state) },
      factor: c.view.panels[0].values(),
      widthBound: c.view.panels[0].values(),
      identity: c.view.panels[1].values(),
    } : {}),
    /** Resolves after the next drawing of every figure of the view (at once if not built). */
    drawn: () => (c.view ? Promise.all([c.view.figure.drawn(), ...c.view.panels.map((p) => p.drawn())]) : Promise.resolve()),
  };
}
