// The remedies panel: one checkbox per on/off network setting of the schema (batch norm, skip
// connections) and a number box per numeric network setting that has no slider (gradient clipping's
// threshold, 0 = off), with what each remedy does and what the speeds then measure. Every change
// goes to onChange(partial), like the other controls: a fresh network.

import { el } from '../ui/dom.js';
import { schema } from '../state/schema.js';
import { NETWORK_KEYS, SWITCHES } from '../state/settings.js';

/** Numeric network settings shown here as number boxes (the rest have sliders in controls.js). */
const BOXES = Object.freeze(['clip'].filter((k) => NETWORK_KEYS.includes(k)));

/** What the panel says about each remedy (the three captions). */
const NOTES = [
  'Batch norm: z → γ·(z − μ)/√(σ² + ε) + β before σ, with the mini-batch’s μ and σ² while training and running averages otherwise. Its b cancels in z − μ, so a layer’s speed is then ‖∂C/∂βˡ‖, measured with the running averages (one image’s gradient does not depend on the others).',
  'Skip: aˡ = aˡ⁻¹ + σ(zˡ) between hidden layers of equal width, so the gradient has a path that is not multiplied by w·σ′ at every layer.',
  'Clip: when the whole gradient’s norm exceeds c the step is scaled down to c. That bounds the update, but every layer is scaled by the same factor: the ratio between the layers’ speeds is unchanged (try it with Explode).',
];

/** One checkbox row for switch `key`. */
function switchRow(key, onChange) {
  const id = `gs-${key}`;
  const box = el('input', { type: 'checkbox', id });
  box.addEventListener('change', () => onChange({ [key]: box.checked }));
  const row = el('div', { class: 'control switch' }, box, ' ', el('label', { for: id }, schema().byKey.get(key).label));
  return { key, row, box };
}

/** One number-box row for numeric setting `key`. */
function boxRow(key, onChange) {
  const id = `gs-${key}`;
  const { label, limit } = schema().byKey.get(key);
  const box = el('input', { type: 'number', id, min: limit.min, max: limit.max, step: 'any', class: 'number-box' });
  box.addEventListener('change', () => onChange({ [key]: box.value }));
  const head = el('div', { class: 'control-head' }, el('label', { for: id }, label), box);
  const row = el('div', { class: 'control exact' }, head, el('div', { class: 'ends' }, el('span', {}, '0: off')));
  return { key, row, box };
}

/** Builds the panel into `root`; returns {update(settings)}. */
export function buildRemedyControls(root, onChange) {
  const switches = SWITCHES.map((k) => switchRow(k, onChange));
  const boxes = BOXES.map((k) => boxRow(k, onChange));
  const notes = el('details', { class: 'hint' }, el('summary', {}, 'What they do'), ...NOTES.map((t) => el('p', {}, t)));
  const bnSpeed = el('p', { class: 'hint', id: 'bn-speed-note' }, 'With batch norm each layer’s speed ‖δˡ‖ on the charts is ‖∂C/∂βˡ‖, the gradient of its shift β (its b cancels).');
  root.append(el('fieldset', { class: 'group secondary', id: 'remedies' }, el('legend', {}, 'Remedies'),
    ...switches.map((s) => s.row), ...boxes.map((b) => b.row), bnSpeed, notes));
  return {
    /** Shows `s` in every box. */
    update(s) {
      for (const { key, box } of switches) box.checked = Boolean(s[key]);
      for (const { key, box } of boxes) box.value = String(s[key]);
      bnSpeed.hidden = !s.batchNorm;
    },
  };
}
