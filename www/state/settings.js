// The settings of the experiment: defaults, allowed ranges, clamping (with a message saying what
// was changed) and serialisation. A settings object is exactly the JSON that Session.configure takes.

import { int, quote, sig } from '../core/format.js';
import { asLimit, choicesOf, defaultsOf, keysOf, limitOf, schema } from './schema.js';

/** Inputs (28×28 pixels) and outputs (digits) of every network. */
export const { inputs: INPUTS, outputs: OUTPUTS } = schema();

/** The network's settings, in the order links list and read them (images before batch). */
export const NETWORK_KEYS = Object.freeze(keysOf('network'));

/** What the page accepts for each numeric setting, from the Rust schema (hidden, width: of sizes). */
export const LIMITS = Object.freeze({
  hidden: asLimit(schema().hidden),
  width: asLimit(schema().width),
  ...Object.fromEntries(NETWORK_KEYS.filter((k) => schema().byKey.get(k).limit).map((k) => [k, limitOf(k)])),
});

/** What the page accepts for the per-layer edits (the sliders' ranges). */
export const EDIT_LIMITS = Object.freeze({ scale: limitOf('layerScale'), shift: limitOf('layerShift') });

/** The network's on/off settings (the remedies batchNorm and skip), from the schema's booleans. */
export const SWITCHES = Object.freeze(NETWORK_KEYS.filter((k) => schema().byKey.get(k).kind === 'boolean'));

/** The choices of the two selects: [value, text shown]. */
export const CHOICES = Object.freeze({ activation: choicesOf('activation'), init: choicesOf('init') });

/** Settings on load (the schema's defaults): the book's [784,30,30,10] with the chapter's training settings. */
export const DEFAULTS = Object.freeze(defaultsOf('network'));

/** The book's three networks, each with the chapter's settings (the defaults but sizes; the seed is kept). */
export const PRESETS = Object.freeze(
  [[30, 30], [30, 30, 30], [30, 30, 30, 30]].map((hidden) => {
    const { seed, ...chapter } = DEFAULTS; // eslint: ignoreRestSiblings
    const sizes = [INPUTS, ...hidden, OUTPUTS];
    return { name: `[${sizes.join(',')}]`, settings: { ...chapter, sizes } };
  }),
);

/**
 * The tour's closing comparison: the book's 4-hidden-layer sigmoid net, then the same net with
 * ReLU + He, with batch norm, with skip connections (the chapter's training settings each).
 */
export const REMEDY_NETS = Object.freeze(
  [{}, { activation: 'relu', init: 'he' }, { batchNorm: true }, { skip: true }].map((change) => ({ ...PRESETS[2].settings, ...change })),
);

/** Keys of a snapshot that are results, not settings: set() ignores them without a message. */
const RESULT_KEYS = new Set(['epoch', 'edits', 'status', 'speeds', 'bars', 'history', 'accuracy', 'accuracyEpoch', 'accuracyHistory', 'costHistory', 'message', 'runs', 'stats', 'statsEpoch']);

/** The hidden-layer widths of `sizes`. */
export function hiddenOf(sizes) {
  return sizes.slice(1, -1);
}

/** `sizes` with `n` hidden layers: existing widths kept, new layers as wide as the first. */
export function withHiddenLayers(sizes, n) {
  const hidden = hiddenOf(sizes);
  return [INPUTS, ...Array.from({ length: n }, (_, i) => hidden[i] ?? hidden[0]), OUTPUTS];
}

/** `sizes` with every hidden layer `width` neurons wide. */
export function withWidth(sizes, width) {
  return [INPUTS, ...hiddenOf(sizes).map(() => width), OUTPUTS];
}

/** Whether the mini-batch is the whole training set. */
export function isFullBatch(settings) {
  return settings.batch >= settings.images;
}

/** Reads a number (or numeric string); returns [value] or [undefined, reason]. */
export function readNumber(value, limit) {
  const x = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof x !== 'number' || !Number.isFinite(x)) {
    return [undefined, `${limit.name} must be a finite number, not “${quote(value)}”`];
  }
  return [x];
}

/** Clamps `x` into `limit`, rounding integers; adds a note to `notes` when it had to. */
export function clamp(x, limit, notes, max = limit.max) {
  const fmt = limit.integer ? int : sig;
  const y = Math.min(max, Math.max(limit.min, limit.integer ? Math.round(x) : x));
  if (x < limit.min || x > max) {
    notes.push(`${limit.name} ${fmt(x)} is outside ${fmt(limit.min)} to ${fmt(max)}; using ${fmt(y)}.`);
  } else if (y !== x) {
    notes.push(`${limit.name} must be a whole number; using ${fmt(y)} instead of ${sig(x)}.`);
  }
  return y;
}

/** A number checked against `limit`: clamped (with a note) or refused (undefined, with a note saying `kept`). */
export function readLimited(value, limit, notes, kept) {
  const [x, reason] = readNumber(value, limit);
  if (reason) {
    notes.push(`${reason}; kept ${sig(kept)}.`);
    return undefined;
  }
  return clamp(x, limit, notes);
}

/**
 * A partial list applied to `current` (null/undefined entries and holes keep their value): each
 * entry checked against limitOf(i); `what` names the list in the notes.
 */
export function readList(list, current, limitOf, notes, what) {
  if (!Array.isArray(list)) {
    notes.push(`${what} must be a list of numbers such as [1, 2.5]; kept the current values.`);
    return current;
  }
  if (list.length > current.length) {
    notes.push(`${what} has ${current.length} entries; the ${list.length - current.length} beyond were ignored.`);
  }
  const next = [...current];
  list.slice(0, current.length).forEach((v, i) => {
    if (v === null || v === undefined) return;
    const x = readLimited(v, limitOf(i), notes, current[i]);
    if (x !== undefined) next[i] = x;
  });
  return next;
}

/** Checks network sizes [784, hidden…, 10]: refuses a wrong shape, clamps the widths. */
function readSizes(value, notes) {
  if (!Array.isArray(value) || value[0] !== INPUTS || value[value.length - 1] !== OUTPUTS) {
    notes.push(`Network sizes must be a list that starts with ${INPUTS} inputs and ends with ${OUTPUTS} outputs, like [784,30,30,10]; kept the current network.`);
    return undefined;
  }
  const hidden = value.slice(1, -1);
  const { hidden: h, width } = LIMITS;
  if (hidden.length < h.min || hidden.length > h.max) {
    notes.push(`A network needs ${h.min} to ${h.max} hidden layers, not ${hidden.length}; kept the current network.`);
    return undefined;
  }
  const widths = [];
  for (const w of hidden) {
    const [x, reason] = readNumber(w, width);
    if (reason) {
      notes.push(`${reason}; kept the current network.`);
      return undefined;
    }
    widths.push(clamp(x, width, notes));
  }
  return [INPUTS, ...widths, OUTPUTS];
}

/** The words a switch accepts (set() and links): true/false, 1/0, on/off. */
const SWITCH_WORDS = new Map([[true, true], [false, false], [1, true], [0, false], ['true', true], ['false', false], ['1', true], ['0', false], ['on', true], ['off', false]]);

/** Checks a switch's value (true/false, 1/0, on/off). */
function readSwitch(key, value, notes, current) {
  const v = SWITCH_WORDS.get(typeof value === 'string' ? value.toLowerCase() : value);
  if (v !== undefined) return v;
  notes.push(`${schema().byKey.get(key).label} must be true or false, not “${quote(value)}”; kept ${current}.`);
  return undefined;
}

/** Checks a select's value against its choices. */
function readChoice(key, value, notes, current) {
  const values = CHOICES[key].map(([v]) => v);
  const v = typeof value === 'string' ? value.toLowerCase() : value;
  if (values.includes(v)) return v;
  const name = key === 'init' ? 'Initialization' : 'Activation';
  notes.push(`${name} “${quote(value)}” is not one of ${values.join(', ')}; kept ${current}.`);
  return undefined;
}

/**
 * Applies `partial` to `settings`. Out-of-range numbers are clamped and wrong values refused,
 * each with a note. Returns {settings, notes, accepted} (accepted: how many keys were applied).
 */
export function update(settings, partial) {
  const notes = [];
  if (partial === null || typeof partial !== 'object' || Array.isArray(partial)) {
    return { settings, notes: ['Settings must be an object such as {eta: 0.5}.'], accepted: 0 };
  }
  const next = { ...settings, sizes: [...settings.sizes] };
  let accepted = 0;
  let batchGiven = false;
  for (const [key, value] of Object.entries(partial)) {
    let v;
    if (RESULT_KEYS.has(key)) continue;
    if (key === 'sizes') v = readSizes(value, notes);
    else if (Object.hasOwn(CHOICES, key)) v = readChoice(key, value, notes, settings[key]);
    else if (SWITCHES.includes(key)) v = readSwitch(key, value, notes, settings[key]);
    else if (Object.hasOwn(LIMITS, key) && key !== 'hidden' && key !== 'width') {
      const [x, reason] = readNumber(value, LIMITS[key]);
      if (reason) notes.push(`${reason}; kept ${settings[key]}.`);
      else v = key === 'batch' ? x : clamp(x, LIMITS[key], notes);
    } else {
      notes.push(`There is no setting called “${quote(key)}”; it was ignored.`);
    }
    if (v !== undefined) {
      next[key] = v;
      if (key === 'batch') batchGiven = true;
      accepted += 1;
    }
  }
  // The mini-batch is 1 … images; a full batch stays full when the number of images changes.
  if (batchGiven) next.batch = clamp(next.batch, LIMITS.batch, notes, next.images);
  else if (isFullBatch(settings) || next.batch > next.images) next.batch = next.images;
  return { settings: next, notes, accepted };
}

/** The settings as JSON: what Session.configure takes, and what parse() reads back. */
export function serialize(settings) {
  return JSON.stringify(Object.fromEntries(NETWORK_KEYS.map((k) => [k, settings[k]])));
}

/** Settings from serialize()'s JSON, checked and clamped against DEFAULTS ({settings, notes}). */
export function parse(json) {
  return update(DEFAULTS, JSON.parse(json));
}
