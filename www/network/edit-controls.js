// The MNIST view's edit strip under the bar chart: the "Explode" button and one "Weight scale L"
// (log scale) and one "Bias shift L" slider per hidden layer (limits from the schema), one column
// per layer like the bars above, rebuilt when the number of layers changes and reset from the
// session's snapshot (layerScale, layerShift: the truth). A drag is coalesced to one edit per animation frame.

import { el } from '../ui/dom.js';
import { sig } from '../core/format.js';
import { EDIT_LIMITS } from '../state/settings.js';
import { linear, logScale } from '../ui/scales.js';
import { slider } from '../ui/slider.js';

const SCALE = logScale(EDIT_LIMITS.scale.min, EDIT_LIMITS.scale.max);
const SHIFT = linear(EDIT_LIMITS.shift.min, EDIT_LIMITS.shift.max, 0.1, sig);
/** More hidden layers than this get narrow columns: the number alone, the value above its slider. */
const COMPACT_FROM = 4;
/**
 * So do fewer, when a column would be narrower than this (rem): "layer 4" in its 0.85rem bold
 * (≈ 3.2rem) over a slider of at least 3rem (layout.css) — beside the tour, in projector mode.
 */
const WIDE_COLUMN_REM = 3.5;

/** Whether `rows` (the strip's grid, heads first) is too narrow for `n` wide columns. */
function tooNarrow(rows, heads, n) {
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  // The wide layout's column gap (0.6rem, layout.css), whatever the layout now, so the choice cannot flip back.
  const column = (rows.clientWidth - heads.offsetWidth - n * 0.6 * rem) / n;
  return rows.clientWidth > 0 && column < WIDE_COLUMN_REM * rem;
}

/** "+0.5" / "−2" for a bias shift. */
function shiftText(v) {
  return `${v > 0 ? '+' : ''}${sig(v)}`;
}

/**
 * Builds the strip into `root`. onEdit({layerScale, layerShift}) applies partial lists (the same
 * path as set()); onExplode() runs the recipe. Returns {sync(snapshot)}.
 */
export function buildEditControls(root, { onEdit, onExplode }) {
  const explode = el('button', { type: 'button', class: 'explode', title: 'The book’s recipe: every later hidden layer gets a typical factor ‖w‖·σ′(0) = 6, every z is 0 on average, so the early layers learn fastest' }, 'Explode');
  explode.addEventListener('click', onExplode);
  const rows = el('div', { class: 'layer-edits' });
  // Row heads for the eye; each slider keeps its own full name ("Weight scale 1").
  const head = (text) => el('span', { class: 'row-head', 'aria-hidden': 'true' }, text);
  const heads = el('div', { class: 'layer-heads' }, explode, head('weight scale'), head('bias shift'));
  rows.append(heads);
  root.append(el('fieldset', { class: 'group edit-strip', title: 'Relative to the fresh (or exploded) net; training goes on from the edited net' },
    el('legend', {}, 'Make the gradients explode'), rows));

  let controls = []; // per layer: {scale, shift} sliders
  let pending = {}; // key 'scale'/'shift' → sparse list of values waiting for the next frame
  let frame = 0;
  const flush = () => {
    frame = 0;
    const edit = { layerScale: pending.scale, layerShift: pending.shift };
    pending = {};
    onEdit(edit);
  };
  const queue = (key, layer, v) => {
    pending[key] = Object.assign(pending[key] ?? [], { [layer]: v });
    if (!frame) frame = requestAnimationFrame(flush);
  };
  /** Narrow columns for many layers or a narrow strip; the layer names follow. */
  const fit = () => {
    const n = controls.length;
    const many = n > COMPACT_FROM || tooNarrow(rows, heads, n);
    if (rows.classList.contains('many') === many && rows.dataset.layers === String(n)) return;
    rows.dataset.layers = String(n);
    rows.classList.toggle('many', many);
    rows.querySelectorAll('.layer-name').forEach((name, i) => { name.textContent = many ? String(i + 1) : `layer ${i + 1}`; });
  };
  // On a resize, at the next frame (a change made while resize observations are delivered would be one late).
  let fitting = 0;
  new ResizeObserver(() => {
    fitting ||= requestAnimationFrame(() => { fitting = 0; fit(); });
  }).observe(rows);
  const build = (n) => {
    controls = Array.from({ length: n }, (_, i) => ({
      scale: slider({ id: `edit-scale-${i + 1}`, label: `Weight scale ${i + 1}`, scale: SCALE, value: 1, text: (v) => `× ${sig(v)}`, onValue: (v) => queue('scale', i, v) }),
      shift: slider({ id: `edit-shift-${i + 1}`, label: `Bias shift ${i + 1}`, scale: SHIFT, value: 0, text: shiftText, onValue: (v) => queue('shift', i, v) }),
    }));
    rows.style.setProperty('--layers', String(n));
    rows.replaceChildren(heads, ...controls.map((c, i) => el('div', { class: 'layer', role: 'group', 'aria-label': `Hidden layer ${i + 1}` },
      el('span', { class: 'layer-name', 'aria-hidden': 'true' }), c.scale.row, c.shift.row)));
    delete rows.dataset.layers;
    fit();
  };

  return {
    /** Shows the snapshot's layerScale and layerShift (rebuilding for a new number of layers). */
    sync(snap) {
      const scales = snap.layerScale ?? [];
      const shifts = snap.layerShift ?? [];
      if (scales.length !== controls.length) build(scales.length);
      controls.forEach((c, i) => {
        if (pending.scale?.[i] === undefined && c.scale.value() !== scales[i]) c.scale.set(scales[i]);
        if (pending.shift?.[i] === undefined && c.shift.value() !== shifts[i]) c.shift.set(shifts[i]);
      });
    },
  };
}
