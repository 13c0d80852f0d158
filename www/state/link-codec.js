// The URL hash of a shareable link, written and read: "#tour=3&view=network&sizes=784,30,30,10&
// activation=sigmoid&…&seed=7&chain.depth=4&chain.w=…&run=120,x,L2*3&status=paused&projector=1".
// "status" is the player's (paused or done: Play was used; a link never plays by itself). Reading is defensive: every
// value is checked as text and then by the page's own validation; a bad one is dropped with a note
// naming it and its default. Nothing read here is ever run as code or written as HTML.

import { CHAIN_DEFAULTS, CHAIN_KEYS, CHAIN_LIMITS, updateChain } from './chain-state.js';
import { int, sig } from '../core/format.js';
import { IMPORTED, NUMBER, readToken } from './run-log.js';
import { PLAY_KEYS, readPlay } from './play.js';
import { choicesOf, defaultsOf, limitOf, schema } from './schema.js';
import { CHOICES, DEFAULTS, INPUTS, LIMITS, NETWORK_KEYS, OUTPUTS, SWITCHES, update } from './settings.js';
import { VIEWS } from '../ui/views.js';
import { readValidated, validatedText } from './validated.js';

/** The network settings a link carries, in the order they are read (images before batch). */
const SETTINGS = NETWORK_KEYS;
/** The most epochs a link re-trains (automatically only up to the schema's replayWork). */
export const MAX_RUN_EPOCHS = schema().replayEpochs;
/** The most characters of a bad value quoted in a note. */
const QUOTE = 40;

/** A value written into the hash: percent-encoded, but commas, '*' and '+' kept readable. */
function enc(value) {
  return encodeURIComponent(String(value)).replace(/%2C/gi, ',').replace(/%2B/gi, '+');
}

/** "784,30,30,10~sigmoid~network2~1~1~1000~1000~0.1~5~500": a kept run's settings, then its run tokens. */
function keptValue({ settings, replay }) {
  const values = SETTINGS.map((k) => (k === 'sizes' ? settings.sizes.join(',') : settings[k]));
  return [...values, replay].join('~');
}

/** The status a link names for a player's status: 'paused' (also while running), 'done', or none. */
const STATUS = { running: 'paused', paused: 'paused', done: 'done' };

/** The hash (without '#') for the app's link state and the tour step (0: no tour). */
export function encodeLink({ settings, view, chain, run, valid = null, imported, play, kept = [], status, projector }, tourStep, chainChanged) {
  const parts = [];
  if (tourStep) parts.push(['tour', tourStep]);
  parts.push(['view', view]);
  for (const key of SETTINGS) parts.push([key, key === 'sizes' ? settings.sizes.join(',') : settings[key]]);
  for (const key of PLAY_KEYS) if (play && play[key] !== undefined) parts.push([key, play[key]]);
  if (chain && (view === 'chain' || chainChanged)) {
    for (const key of CHAIN_KEYS) parts.push([`chain.${key}`, Array.isArray(chain[key]) ? chain[key].join(',') : chain[key]]);
  }
  if (run.length) parts.push(['run', run.join(',')]);
  if (run.length && valid?.length) parts.push(['valid', validatedText(valid)]);
  kept.forEach((k, i) => parts.push([`kept${i + 1}`, keptValue(k)]));
  if (imported) parts.push(['imported', 1]);
  if (STATUS[status] && run.length) parts.push(['status', STATUS[status]]);
  if (projector) parts.push(['projector', 1]);
  return parts.map(([k, v]) => `${k}=${enc(v)}`).join('&');
}

/** A value for a note: at most QUOTE characters, control characters removed. */
function quote(text) {
  const clean = String(text).replace(/\p{Cc}/gu, '');
  return clean.length > QUOTE ? `${clean.slice(0, QUOTE)}…` : clean;
}

/** A number written as a number, or undefined. */
function number(text) {
  return NUMBER.test(text) ? Number(text) : undefined;
}

/** A comma-separated list of numbers, or undefined if any entry is not one. */
function numbers(text) {
  const list = text.split(',').map(number);
  return list.length && list.every((x) => x !== undefined) ? list : undefined;
}

/** What a network setting must be, in words. */
function allowed(key) {
  if (key === 'sizes') return `${INPUTS}, then ${LIMITS.hidden.min} to ${LIMITS.hidden.max} hidden layers of ${LIMITS.width.min} to ${int(LIMITS.width.max)} neurons, then ${OUTPUTS}`;
  if (CHOICES[key]) return `one of ${CHOICES[key].map(([v]) => v).join(', ')}`;
  if (SWITCHES.includes(key)) return 'true or false';
  const l = LIMITS[key];
  if (key === 'batch') return 'a whole number from 1 to the number of training images';
  const fmt = l.integer ? int : sig;
  return `${l.integer ? 'a whole number' : 'a number'} from ${fmt(l.min)} to ${fmt(l.max)}`;
}

/** The text of a default value for a note. */
function shown(value) {
  return Array.isArray(value) ? value.join(',') : typeof value === 'number' ? sig(value, 6) : String(value);
}

/** Splits the hash into [key, value] pairs (percent-decoding; an undecodable value stays as it is). */
function pairs(hash) {
  return hash.replace(/^#/, '').split('&').filter(Boolean).map((part) => {
    const i = part.indexOf('=');
    const [k, v] = i < 0 ? [part, ''] : [part.slice(0, i), part.slice(i + 1)];
    const dec = (s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    };
    return [dec(k), dec(v)];
  });
}

/** The words of a note for a default value. */
const byDefault = (value) => `the default ${shown(value)} is used`;

/** The network settings of a link: the defaults with every valid given value applied. */
function readSettings(given, ignore) {
  let settings = { ...DEFAULTS, sizes: [...DEFAULTS.sizes] };
  for (const key of SETTINGS) {
    if (!given.has(key)) continue;
    const text = given.get(key);
    const value = key === 'sizes' ? numbers(text) : CHOICES[key] || SWITCHES.includes(key) ? text : number(text);
    const r = value === undefined ? null : update(settings, { [key]: value });
    if (r && r.accepted === 1 && !r.notes.length) settings = r.settings;
    else ignore(key, text, `it must be ${allowed(key)}`, byDefault(settings[key]));
  }
  return settings;
}

/** What a play setting must be, in words. */
function allowedPlay(key) {
  if (schema().byKey.get(key).kind === 'choice') return `one of ${choicesOf(key).map(([v]) => v).join(', ')}`;
  const l = limitOf(key);
  return `a whole number from ${int(l.min)} to ${int(l.max)}`;
}

/** The play settings a link names ({} when none), each checked like set() checks it. */
function readPlaySettings(given, ignore) {
  let play = defaultsOf('play');
  const named = {};
  for (const key of PLAY_KEYS.filter((k) => given.has(k))) {
    const text = given.get(key);
    const r = readPlay(play, { [key]: NUMBER.test(text) && typeof play[key] === 'number' ? Number(text) : text });
    if (r.accepted === 1 && !r.notes.length) {
      play = r.play;
      named[key] = play[key];
    } else ignore(key, text, `it must be ${allowedPlay(key)}`, byDefault(play[key]));
  }
  return named;
}

/**
 * The kept runs of a link, in order (kept1, kept2, …): [{settings, run}], bad ones left out with a
 * note, and those trained from an imported network left out with a note (their keys added to `lost`).
 */
function readKept(given, notes, lost) {
  const keys = [...given.keys()].filter((k) => /^kept\d{1,2}$/.test(k)).sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
  return keys.flatMap((key) => {
    const fields = given.get(key).split('~');
    // Settings added since (at the end: the remedies) may be missing: they take their defaults.
    const count = fields.length - 1;
    const values = new Map(SETTINGS.slice(0, count).map((k, i) => [k, fields[i]]));
    const bad = [];
    const settings = readSettings(values, (k) => bad.push(k));
    if (count < SETTINGS.indexOf('lambda') + 1 || count > SETTINGS.length || bad.length) {
      notes.push(`The link’s earlier run “${quote(key)}” was ignored (its ${bad.join(', ') || 'fields'} could not be read).`);
      return [];
    }
    const tokens = fields[count];
    if (tokens === IMPORTED) {
      lost.push(key);
      notes.push(`The link’s earlier run “${quote(key)}” was trained from an imported network, which a link cannot carry; it is left out.`);
      return [];
    }
    return [{ settings, run: tokens ? readRun(tokens, settings.sizes.length - 2, notes) : [] }];
  });
}

/** The value of `key` if it is one of `values` ('' when absent; ignored with a note otherwise). */
function readChoice(given, key, values, ignore) {
  if (!given.has(key)) return '';
  if (values.includes(given.get(key))) return given.get(key);
  ignore(key, given.get(key), `it must be ${values.join(' or ')}`, 'it is left out');
  return '';
}

/** The chain partial of a link (null when it names none). */
function readChain(given, ignore) {
  let chain = null;
  let chainState = { ...CHAIN_DEFAULTS, w: [...CHAIN_DEFAULTS.w], b: [...CHAIN_DEFAULTS.b] };
  for (const key of CHAIN_KEYS) {
    const name = `chain.${key}`;
    if (!given.has(name)) continue;
    const text = given.get(name);
    const list = key === 'w' || key === 'b';
    const value = key === 'cost' ? text : list ? numbers(text) : number(text);
    const r = value === undefined ? null : updateChain(chainState, { [key]: value }, null);
    if (r && !r.notes.length) {
      chainState = r.state;
      chain = { ...chain, [key]: value };
    } else {
      const l = CHAIN_LIMITS[key];
      const why = list ? `it must be up to ${CHAIN_LIMITS.depth.max} numbers from ${sig(l.min)} to ${sig(l.max)}` : 'it is not a valid value';
      ignore(name, text, why, list ? 'the chain explorer’s own values are used' : byDefault(chainState[key]));
    }
  }
  return chain;
}

/** The run tokens of a link for a net of `hidden` layers, up to the first bad one. */
function readRun(text, hidden, notes) {
  const run = [];
  for (const token of text.split(',')) {
    const op = readToken(token, hidden);
    if (op.error) {
      notes.push(`The link’s run step “${quote(token)}” was ignored (${op.error}); the run stops before it.`);
      break;
    }
    run.push(op);
  }
  return run;
}

/** The link's validated epochs ("valid"), checked against the run's `epochs`; null when it has none or a bad one. */
function readValid(given, epochs, ignore) {
  if (!given.has('valid')) return null;
  const read = readValidated(given.get('valid'), epochs);
  if (!read.error) return read.ranges;
  ignore('valid', given.get('valid'), read.error, 'every epoch of the replay is validated');
  return null;
}

/** The epochs a run's tokens train. */
export const runEpochs = (run) => run.reduce((sum, op) => sum + (op.epochs ?? 0), 0);

/**
 * Reads a hash. Returns {settings, play, view, chain, tour, run, valid (the validated epochs besides every tenth, as ranges, or null), kept, imported, importedKept, status, projector, notes, bare}: the
 * network settings (a complete, valid settings object), the play settings it names, the view, a chain partial (or null), the tour step
 * (0: none), the run's tokens already checked, the earlier runs [{settings, run}], whether the net was imported, the keys
 * of the earlier runs left out because they were imported, the player's
 * status ('paused', 'done' or ''), whether projector mode is on, the notes on what was ignored, and whether the link
 * names no setting, view or chain at all (then a tour step's own preset applies).
 */
export function decodeLink(hash, tourSteps) {
  const notes = [];
  const given = new Map();
  for (const [k, v] of pairs(hash)) {
    if (given.has(k)) notes.push(`“${quote(k)}” appears twice in the link; the first is used.`);
    else given.set(k, v);
  }
  const ignore = (key, value, why, instead) => notes.push(`The link’s ${quote(key)}=“${quote(value)}” was ignored (${why}); ${instead}.`);
  const settings = readSettings(given, ignore);
  const play = readPlaySettings(given, ignore);
  let view = 'network';
  if (given.has('view')) {
    if (VIEWS.includes(given.get('view'))) view = given.get('view');
    else ignore('view', given.get('view'), `it must be one of ${VIEWS.join(', ')}`, byDefault('network'));
  }
  const chain = readChain(given, ignore);
  let tour = 0;
  if (given.has('tour')) {
    const n = number(given.get('tour'));
    if (Number.isInteger(n) && n >= 1 && n <= tourSteps) tour = n;
    else ignore('tour', given.get('tour'), `it must be a step from 1 to ${tourSteps}`, 'the tour stays closed');
  }
  const run = given.has('run') ? readRun(given.get('run'), settings.sizes.length - 2, notes) : [];
  const valid = readValid(given, runEpochs(run), ignore);
  const importedKept = [];
  const kept = readKept(given, notes, importedKept);
  const imported = given.has('imported');
  if (imported) {
    notes.push('This link was made from an imported network, which a link cannot carry: a fresh random network of the same sizes is shown instead.');
  }
  const status = readChoice(given, 'status', ['paused', 'done'], ignore);
  const projector = readChoice(given, 'projector', ['1'], ignore) === '1';
  const known = new Set([...SETTINGS, ...PLAY_KEYS, 'view', 'tour', 'run', 'valid', 'imported', 'status', 'projector', ...CHAIN_KEYS.map((k) => `chain.${k}`)]);
  for (const k of given.keys()) if (!known.has(k) && !/^kept\d{1,2}$/.test(k)) notes.push(`The link’s “${quote(k)}” is not a setting; it was ignored.`);
  const bare = ![...SETTINGS, 'view', ...CHAIN_KEYS.map((k) => `chain.${k}`)].some((k) => given.has(k));
  return { settings, play, view, chain, tour, run, valid, kept, imported, importedKept, status, projector, notes, bare };
}
