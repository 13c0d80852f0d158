// A labelled slider for one number, on any scale of scales.js (its arrow keys by the scale's
// nudge if it has one, its title the scale's `keys`), with either an <output> showing the
// value or a number box for typing an exact one (accessible name "<label> value"). Typed values
// are clamped to the limits, or refused if not numbers, with a note saying so.

import { el } from './dom.js';
import { sig } from '../core/format.js';
import { readLimited } from '../state/settings.js';
import { touchDrag } from './touch-drag.js';

/** What a number box shows: the value to six significant digits, without exponent noise. */
function boxText(v) {
  return String(Number(v.toPrecision(6)));
}

/** Arrow keys by the scale's nudge (Shift: coarse) instead of one position; change(v) applies v. */
function nudgeKeys(input, scale, value, change) {
  const directions = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 };
  input.addEventListener('keydown', (e) => {
    const direction = directions[e.key];
    if (!direction || e.ctrlKey || e.metaKey || e.altKey) return;
    e.preventDefault();
    const v = scale.nudge(value(), direction, e.shiftKey);
    if (v !== value()) change(v);
  });
}

/**
 * Builds a slider row. spec: id, label (the slider's accessible name), scale, value (initial),
 * text(v) (what the output or aria-valuetext says), box (true: a number box for exact values),
 * limits ([lo, hi] for typed values; default the scale's ends), onValue(v) (each new value, from a
 * drag or a typed number), onNote(text) (what was clamped or refused).
 * Returns {row, input, set(v), value()}.
 */
export function slider(spec) {
  const { id, label, scale, text = (v) => sig(v), box = false, limits = [scale.lo, scale.hi] } = spec;
  const input = el('input', { type: 'range', id, min: scale.min, max: scale.max, step: scale.step, ...(scale.keys ? { title: scale.keys } : {}) });
  const shown = box
    ? el('input', { type: 'number', id: `${id}-value`, class: 'number-box', step: 'any', 'aria-label': `${label} value` })
    : el('output', { for: id, id: `${id}-value` });
  const head = el('div', { class: 'control-head' }, el('label', { for: id }, label), shown);
  const ends = el('div', { class: 'ends', 'aria-hidden': 'true' }, el('span', {}, scale.ends[0]), el('span', {}, scale.ends[1]));
  const row = el('div', { class: box ? 'control exact' : 'control' }, head, input, ends);
  let current = spec.value;

  const show = (v, position = true) => {
    current = v;
    if (position) input.value = String(scale.toInput(Math.min(scale.hi, Math.max(scale.lo, v))));
    if (box) shown.value = boxText(v);
    else shown.textContent = text(v);
    input.setAttribute('aria-valuetext', text(v));
  };
  touchDrag(input); // a finger drags it by its own distance, from where it was
  input.addEventListener('input', () => {
    show(scale.fromInput(Number(input.value)), false);
    spec.onValue(current);
  });
  if (scale.nudge) nudgeKeys(input, scale, () => current, (v) => {
    show(v);
    spec.onValue(current);
  });
  if (box) {
    shown.addEventListener('change', () => {
      const notes = [];
      const limit = { min: limits[0], max: limits[1], name: label };
      // A number box reads as empty when its text is not a number ("abc").
      const value = shown.value === '' ? undefined : readLimited(shown.value, limit, notes, current);
      if (shown.value === '') notes.push(`${label} needs a number; kept ${sig(current)}.`);
      show(value ?? current);
      if (value !== undefined) spec.onValue(value); // may clear the message area: the note comes after
      if (notes.length) spec.onNote?.(notes.join(' '));
    });
  }
  show(current);
  return {
    row,
    input,
    /** Shows `v` (from the state, not the user): slider position, box or output. */
    set: (v) => show(v),
    /** The value shown. */
    value: () => current,
  };
}
