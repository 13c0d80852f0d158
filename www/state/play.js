// The play settings — how fast Play trains (epochs per second), the epoch where it stops by itself
// and the bars' scale — checked against the Rust schema's "play" group. They never restart the run;
// the session holds them (snapshot().speed, .epochLimit, .barScale).

import { int, quote } from '../core/format.js';
import { choicesOf, keysOf, limitOf, schema } from './schema.js';
import { clamp, readNumber } from './settings.js';

/** The play settings' keys, in the schema's order. */
export const PLAY_KEYS = Object.freeze(keysOf('play'));

/** A choice of setting `key` (a number is read as its text: speed 25 is "25"); undefined with a note if none. */
function readChoice(key, value, notes, current) {
  const names = choicesOf(key).map(([v]) => v);
  const v = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim().toLowerCase() : value;
  if (names.includes(v)) return v;
  const label = schema().byKey.get(key).label;
  notes.push(`${label} “${quote(value)}” is not one of ${names.join(', ')}; kept ${current}.`);
  return undefined;
}

/**
 * Applies the play keys of `partial` to `current` ({speed, epochLimit, barScale}): choices checked,
 * the epoch limit clamped, each with a note. Returns {play, notes, accepted}.
 */
export function readPlay(current, partial) {
  const notes = [];
  const play = { ...current };
  let accepted = 0;
  for (const key of PLAY_KEYS.filter((k) => Object.hasOwn(partial, k))) {
    let v;
    const s = schema().byKey.get(key);
    if (s.kind === 'choice') v = readChoice(key, partial[key], notes, current[key]);
    else {
      const [x, reason] = readNumber(partial[key], limitOf(key));
      if (reason) notes.push(`${reason}; kept ${int(current[key])}.`);
      else v = clamp(x, limitOf(key), notes);
    }
    if (v !== undefined) {
      play[key] = v;
      accepted += 1;
    }
  }
  return { play, notes, accepted };
}

/** The play settings of a snapshot (or any object holding them). */
export const playOf = (snap) => Object.fromEntries(PLAY_KEYS.map((k) => [k, snap[k]]));
