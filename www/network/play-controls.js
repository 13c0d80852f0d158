// The play controls: the speed select (#speed), the "Train to epoch" box (#epoch-limit) and the
// bars' scale select (built into the bar chart's caption), their choices and range from the Rust
// schema's "play" group. Every change goes to onChange(partial), the path set() takes; sync(snapshot)
// shows what the session holds.

import { el } from '../ui/dom.js';
import { choicesOf, limitOf } from '../state/schema.js';

/** Fills `select` with the choices of setting `key` (once: a select that has options keeps them). */
function fill(select, key) {
  if (select.options.length) return;
  select.append(...choicesOf(key).map(([v, text]) => el('option', { value: v }, text)));
}

/**
 * Binds the play controls: `speed` (a select), `limit` (a number input) and the bar chart's
 * caption `barsCaption`, where the bar-scale select is built. Returns {sync(snapshot)}.
 */
export function bindPlayControls({ speed, limit, barsCaption }, onChange) {
  fill(speed, 'speed');
  const { min, max } = limitOf('epochLimit');
  Object.assign(limit, { min, max, step: 1 });
  const barScale = el('select', { id: 'bar-scale', 'aria-label': 'Bar scale', title: 'Bars on the scale of the run’s epoch 0 (they shrink as the net learns) or each epoch’s own' });
  fill(barScale, 'barScale');
  barsCaption?.append(el('span', { class: 'bar-scale' }, barScale));
  speed.addEventListener('change', () => onChange({ speed: speed.value }));
  limit.addEventListener('change', () => onChange({ epochLimit: limit.value }));
  barScale.addEventListener('change', () => onChange({ barScale: barScale.value }));
  return {
    /** Shows the snapshot's speed, epochLimit and barScale. */
    sync(snap) {
      if (speed.value !== snap.speed) speed.value = snap.speed;
      if (Number(limit.value) !== snap.epochLimit || limit.value === '') limit.value = String(snap.epochLimit);
      if (barScale.value !== snap.barScale) barScale.value = snap.barScale;
    },
  };
}
