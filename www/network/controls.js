// The settings panel: labelled sliders (each with an <output> showing its value), two selects and
// the preset buttons, built from the tables below and bound to the settings (state/settings.js).
// Every change goes to onChange(partial) — the same path window.gradscope.set() takes — which
// restarts the experiment with a fresh network: changes are never applied live to a trained net.

import { el } from '../ui/dom.js';
import { int, sig } from '../core/format.js';
import { linear, logScale } from '../ui/scales.js';
import { touchDrag } from '../ui/touch-drag.js';
import {
  CHOICES, DEFAULTS, LIMITS, PRESETS, hiddenOf, isFullBatch, withHiddenLayers, withWidth,
} from '../state/settings.js';

/**
 * The controls in order. Selects: id (the setting), label (the accessible name), select: true.
 * Sliders: id, label (the accessible name), scale, read(settings) → value,
 * text(settings) → what the <output> shows, partial(value, settings) → settings change.
 * `stretch`: the slider's range widens to show a value set outside it through set().
 * `secondary`: hidden in projector mode.
 */
const CONTROLS = [
  {
    id: 'layers', label: 'Hidden layers', ...linear(LIMITS.hidden.min, LIMITS.hidden.max, 1), group: 'network',
    read: (s) => hiddenOf(s.sizes).length,
    text: (s) => int(hiddenOf(s.sizes).length),
    partial: (v, s) => ({ sizes: withHiddenLayers(s.sizes, v) }),
  },
  {
    // The track shows 5–100 neurons (stretching to a wider net); set() takes the schema's whole range.
    id: 'width', label: 'Neurons per layer', ...linear(5, 100, 1), stretch: true, group: 'network',
    read: (s) => s.sizes[1],
    text: (s) => [...new Set(hiddenOf(s.sizes))].length === 1 ? int(s.sizes[1]) : hiddenOf(s.sizes).map(int).join(', '),
    partial: (v, s) => ({ sizes: withWidth(s.sizes, v) }),
  },
  { id: 'activation', label: 'Activation', select: true, group: 'network' },
  { id: 'init', label: 'Initialization', select: true, group: 'network', secondary: true },
  {
    id: 'scale', label: 'Weight scale', ...logScale(LIMITS.scale.min, LIMITS.scale.max), group: 'network', secondary: true,
    read: (s) => s.scale, text: (s) => `× ${sig(s.scale)}`, partial: (v) => ({ scale: v }),
  },
  {
    id: 'seed', label: 'Seed', ...linear(0, 1000, 1), group: 'network', numberBox: true, secondary: true,
    read: (s) => s.seed, text: (s) => int(s.seed), partial: (v) => ({ seed: v }),
  },
  {
    id: 'images', label: 'Training images', ...linear(LIMITS.images.min, LIMITS.images.max, 100), group: 'training',
    read: (s) => s.images, text: (s) => int(s.images), partial: (v) => ({ images: v }),
  },
  {
    id: 'batch', label: 'Mini-batch size', ...linear(1, LIMITS.images.min, 1), group: 'training',
    read: (s) => s.batch,
    text: (s) => (isFullBatch(s) ? `full batch (${int(s.images)})` : int(s.batch)),
    partial: (v) => ({ batch: v }),
  },
  {
    id: 'eta', label: 'Learning rate', ...logScale(LIMITS.eta.min, LIMITS.eta.max), group: 'training',
    read: (s) => s.eta, text: (s) => `η = ${sig(s.eta)}`, partial: (v) => ({ eta: v }),
  },
  {
    id: 'lambda', label: 'Regularization', ...linear(LIMITS.lambda.min, LIMITS.lambda.max, 0.1), group: 'training',
    read: (s) => s.lambda, text: (s) => `λ = ${sig(s.lambda)}`, partial: (v) => ({ lambda: v }),
  },
];

/** Builds one slider row: label, output, range input (and the seed's number box). */
function sliderRow(spec) {
  const id = `gs-${spec.id}`;
  const output = el('output', { for: id, id: `${id}-value` });
  const input = el('input', { type: 'range', id, min: spec.min, max: spec.max, step: spec.step });
  touchDrag(input); // a finger drags it by its own distance, from where it was
  const head = el('div', { class: 'control-head' }, el('label', { for: id }, spec.label), output);
  const ends = el('div', { class: 'ends', 'aria-hidden': 'true' }, el('span', {}, spec.ends[0]), el('span', {}, spec.ends[1]));
  const row = el('div', { class: spec.secondary ? 'control secondary' : 'control' }, head, input, ends);
  let box = null;
  if (spec.numberBox) {
    box = el('input', {
      type: 'number', id: `${id}-number`, min: LIMITS.seed.min, max: LIMITS.seed.max, step: 1, class: 'number-box',
    });
    row.append(el('div', { class: 'typed' }, el('label', { for: box.id }, 'or type any seed'), box));
  }
  return { row, input, output, box, ends };
}

/** Builds one select row with its choices from state/settings.js. */
function selectRow(spec) {
  const id = `gs-${spec.id}`;
  const select = el('select', { id }, ...CHOICES[spec.id].map(([v, text]) => el('option', { value: v }, text)));
  const row = el('div', { class: spec.secondary ? 'control secondary' : 'control' }, el('div', { class: 'control-head' }, el('label', { for: id }, spec.label)), select);
  return { row, select };
}

/** The book's three networks as buttons, with the chapter's settings (from the schema's defaults). */
function presetButtons(onChange) {
  const { images, eta, lambda, activation, init } = DEFAULTS;
  const presets = el('fieldset', { class: 'group presets' }, el('legend', {}, 'The book’s networks'),
    el('p', { class: 'hint' }, `${int(images)} images, full batch, η = ${eta}, λ = ${lambda}, ${activation}, ${init} init.`));
  for (const p of PRESETS) {
    const button = el('button', { type: 'button', class: 'preset', title: `${p.settings.sizes.length - 2} hidden layers` }, p.name);
    button.addEventListener('click', () => onChange({ ...p.settings }));
    presets.append(button);
  }
  return presets;
}

/** queue(id, value): slider values applied together once per animation frame (the last one wins). */
function coalesced(getSettings, onChange) {
  let pending = {};
  let frame = 0;
  const flush = () => {
    frame = 0;
    const s = getSettings();
    const partial = {};
    for (const [id, v] of Object.entries(pending)) {
      Object.assign(partial, CONTROLS.find((sp) => sp.id === id).partial(v, { ...s, ...partial }));
    }
    pending = {};
    onChange(partial);
  };
  return (id, value) => {
    pending[id] = value;
    if (!frame) frame = requestAnimationFrame(flush);
  };
}

/**
 * Builds the controls into `root` and returns {update(settings)}.
 * `getSettings()` gives the current settings; `onChange(partial)` applies a change.
 * Slider drags are coalesced: the last value within an animation frame is applied.
 */
export function buildControls(root, { getSettings, onChange }) {
  const groups = {
    network: el('fieldset', { class: 'group' }, el('legend', {}, 'Network')),
    training: el('fieldset', { class: 'group secondary' }, el('legend', {}, 'Training')),
  };
  const queue = coalesced(getSettings, onChange);
  const sliders = [];
  const selects = [];
  for (const spec of CONTROLS) {
    if (spec.select) {
      const parts = selectRow(spec);
      parts.select.addEventListener('change', () => onChange({ [spec.id]: parts.select.value }));
      groups[spec.group].append(parts.row);
      selects.push({ spec, ...parts });
      continue;
    }
    const parts = sliderRow(spec);
    parts.input.addEventListener('input', () => {
      const v = spec.fromInput(Number(parts.input.value));
      const preview = { ...getSettings(), ...spec.partial(v, getSettings()) };
      parts.output.textContent = spec.text(preview);
      queue(spec.id, v);
    });
    parts.box?.addEventListener('change', () => onChange({ seed: parts.box.value }));
    groups[spec.group].append(parts.row);
    sliders.push({ spec, ...parts });
  }
  root.append(presetButtons(onChange), groups.network, groups.training);

  return {
    /** Shows `s` in every control (values, outputs, ranges). */
    update(s) {
      for (const { spec, input, output, box, ends } of sliders) {
        const v = spec.toInput(spec.read(s));
        const max = spec.id === 'batch' ? s.images : spec.max;
        input.min = spec.stretch ? Math.min(spec.min, v) : spec.min;
        input.max = spec.stretch ? Math.max(max, v) : max;
        input.value = String(v);
        output.textContent = spec.text(s);
        input.setAttribute('aria-valuetext', spec.text(s));
        ends.firstChild.textContent = spec.stretch ? int(Number(input.min)) : spec.ends[0];
        ends.lastChild.textContent = spec.id === 'batch' ? int(s.images) : spec.stretch ? int(Number(input.max)) : spec.ends[1];
        if (box) box.value = String(s.seed);
      }
      for (const { spec, select } of selects) select.value = s[spec.id];
    },
  };
}
