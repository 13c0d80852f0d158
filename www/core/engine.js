// The engine: the one module that holds the wasm module (the wasm-bindgen glue in ../pkg/) and the
// training Session living in wasm memory. Every other module calls the plain functions below;
// none sees the glue or the Session object.

import { errorText, quote } from './format.js';
import { loadBytes, unpack } from './loader.js';
import { installSchema } from '../state/schema.js';

/**
 * The glue's exports once started, the Session built on the data, the data files and the last
 * applied settings (to rebuild the Session after a panic), the parsed snapshot, the panic listener;
 * the compiled module, the data files as loaded (gzipped) and the inlined worker's source
 * (single-file build), for workers.js.
 */
const engine = { glue: null, session: null, files: null, settings: null, snapshot: null, onRecover: () => {}, module: null, gzipped: null, workerSource: null };

/**
 * Loads the glue, the wasm binary and the data (onProgress({loaded, total}) while fetching),
 * awaits beforeStart(), starts the wasm module, builds the Session on the four data files and
 * installs the settings schema (state/schema.js) that every other page module reads.
 */
export async function start(onProgress, beforeStart) {
  let failed = false;
  const glue = import('../pkg/gradscope.js').catch((e) => {
    throw new Error(`the WebAssembly module could not be loaded (${errorText(e)}). Build it with scripts/build-web`);
  });
  let pkg;
  let bytes;
  try {
    [pkg, bytes] = await Promise.all([glue, loadBytes((p) => failed || onProgress(p))]);
  } catch (e) {
    failed = true; // the other files may still be arriving: keep their progress off the message
    throw e;
  }
  await beforeStart();
  try {
    engine.module = await WebAssembly.compile(bytes.wasm);
    if (bytes.inline) pkg.initSync({ module: engine.module });
    else await pkg.default({ module_or_path: engine.module });
    engine.workerSource = bytes.worker ?? null;
    engine.gzipped = bytes.data;
  } catch (e) {
    throw new Error(`the WebAssembly module could not be started (${errorText(e)})`, { cause: e });
  }
  const files = await unpack(bytes.data);
  try {
    engine.session = new pkg.Session(...files);
    engine.files = files;
  } catch (e) {
    throw new Error(`the data files could not be read (${errorText(e)})`, { cause: e });
  }
  engine.glue = pkg;
  installSchema(pkg.settings_schema());
}

/** The Session; throws before start() has finished. */
function session() {
  if (!engine.session) throw new Error('the WebAssembly module has not started yet');
  return engine.session;
}

/** Whether `e` is a trap of the wasm module (a Rust panic) or its aftermath (a poisoned handle). */
function isPanic(e) {
  return e instanceof WebAssembly.RuntimeError || /recursive use of an object|unreachable/i.test(e?.message ?? '');
}

/**
 * The last line of defence: after a panic the Session is rebuilt from the data and the last
 * applied settings (a fresh net, history cleared), the listener is told, and the error says so.
 */
function recover(e) {
  engine.snapshot = null;
  try {
    engine.session = new engine.glue.Session(...engine.files);
    if (engine.settings) engine.session.configure(engine.settings);
  } catch (again) {
    return new Error(`the WebAssembly core stopped (${errorText(e)}) and could not restart (${errorText(again)}); reload the page`, { cause: again });
  }
  const error = new Error(`the WebAssembly core stopped on an internal error (${errorText(e)}); it was restarted with the same settings and a fresh network`, { cause: e });
  engine.onRecover(error.message);
  return error;
}

/** Runs `call` on the Session (or the glue); a panic rebuilds the Session and throws an Error saying so. */
function use(call) {
  try {
    return call(session(), engine.glue);
  } catch (e) {
    throw isPanic(e) ? recover(e) : e;
  }
}

/** Runs `change` on the Session, then forgets the parsed snapshot (it no longer holds). */
function changing(change) {
  try {
    return use(change);
  } finally {
    engine.snapshot = null;
  }
}

/** Calls `listener(message)` whenever the Session had to be rebuilt after a panic. */
export function onRecover(listener) {
  engine.onRecover = listener;
}

/** Applies settings (JSON); a fresh net, history cleared. Throws, changing nothing, on bad settings. */
export function configure(settingsJson) {
  const applied = changing((s) => JSON.parse(s.configure(settingsJson)));
  engine.settings = settingsJson;
  return applied;
}

/**
 * Works for about `budgetMs` (training new epochs if `train`), completing at most `maxRecords`
 * records when given; returns how many records were completed. `fast` (speed "max" or a step):
 * only every tenth epoch and the last asked for are validated (the core's cadence.rs).
 */
export function advance(budgetMs, train, maxRecords, fast = false) {
  const records = use((s) => s.advance(budgetMs, train, maxRecords, fast));
  if (records > 0) engine.snapshot = null;
  return records;
}

/**
 * While a link is replayed: fast steps validate every tenth epoch and the epochs of `ranges`
 * ([[a, b], …], those its page had validated); null ends it.
 */
export function setValidated(ranges) {
  use((s) => (ranges ? s.set_validated(Uint32Array.from(ranges.flat())) : s.end_validated()));
}

/** After a fast run paused: true if the record on screen awaits its validation (advance then does it). */
export const validateLast = () => changing((s) => s.validate_last());

/** The Session's snapshot, parsed (kept until the Session changes). */
export function snapshot() {
  if (!engine.snapshot) engine.snapshot = JSON.parse(use((s) => s.snapshot()));
  return engine.snapshot;
}

/** The statistics measured so far (issue 13: a list of what snapshot().stats holds, each with its `epoch`). */
export const statsHistory = () => JSON.parse(use((s) => s.stats_history()));

/** Epoch of the latest record (0 when there is none). */
export const epoch = () => use((s) => s.epoch());

/** The epochs a link's replay trains to rebuild this state (the last record's; after an overflow, the one that overflowed). */
export const replayEpoch = () => use((s) => s.replay_epoch());

/** Whether the current epoch's record exists (no work pending). */
export const measured = () => use((s) => s.measured());

/** Whether the current net (fresh, imported or edited) still awaits its first record. */
export const measuring = () => use((s) => s.measuring());

/** 'idle', or why training stopped by itself: 'overflow' or 'vanished'. */
export const status = () => use((s) => s.status());

/** Applies play settings (JSON {speed, epochLimit, barScale}); returns them as applied. Throws, changing nothing, on bad ones. */
export const setPlay = (playJson) => changing((s) => JSON.parse(s.set_play(playJson)));

/** Notes the link's run tokens of the current run, kept with it when a fresh net replaces it. */
export const setReplay = (tokens) => use((s) => s.set_replay(tokens));

/** Forgets the earlier runs (drawn faint on the speeds chart, listed in snapshot().runs). */
export const clearRuns = () => changing((s) => s.clear_runs());

/** The pace of Play: {perSecond (Infinity: as fast as possible), limit (the epoch where it stops)}. */
export const pace = () => use((s) => ({ perSecond: s.epochs_per_second(), limit: s.epoch_limit() }));

/**
 * Replaces the earlier runs by `runs` ([{settings (object), replay, history: rows of ‖δˡ‖}], oldest
 * first; runs trained elsewhere, e.g. in Web Workers). Throws, changing nothing, if they do not fit.
 */
export function replaceKept(runs) {
  const list = runs.map(({ settings, replay, history }) => ({ settings, replay, epochs: history.length - 1 }));
  const speeds = Float64Array.from(runs.flatMap((r) => r.history.flat()));
  changing((s) => s.replace_kept(JSON.stringify(list), speeds));
}

/** Continues a run handed over by another Session (handoff JSON) as the current one; it is measured again. */
export const resume = (handoffJson) => changing((s) => s.resume(handoffJson));

/**
 * What a worker needs to train like this page: {module (compiled wasm), files (the four data files
 * as loaded, gzipped: a third of the bytes to copy, unpacked in the worker), source
 * (the inlined worker, or null)}.
 */
export const workerSeed = () => ({ module: engine.module, files: engine.gzipped, source: engine.workerSource });

/** A second Session on the same data in this page's wasm instance (training a run here when a worker failed). */
export function spareSession() {
  return session().sibling(); // throws before start(); shares the decoded data
}

/** Sets hidden layer `layer`'s (1-based) weight multiplier and bias shift; history is kept. */
export const editLayer = (layer, scale, shift) => changing((s) => s.edit_layer(layer, scale, shift));

/** The book's exploding recipe on the current network; history is kept. */
export const explode = () => changing((s) => s.explode());

/** Replaces the network with network2 JSON `text`; returns the applied settings. Throws on a bad file. */
export const importNetwork = (text) => changing((s) => JSON.parse(s.import_network(text)));

/** The current network as network2 JSON. */
export const exportNetwork = () => use((s) => s.export_network());

/** The chain explorer's numbers for chain settings (JSON): z, a, σ′, factors, gradients. */
export const chain = (settingsJson) => JSON.parse(use((_, g) => g.chain(settingsJson)));

/** The rows (1 or 2) of the chain figure for chain settings (JSON) on a canvas `width` pixels wide, text scale `text`. */
export const chainRows = (width, text, settingsJson) => use((_, g) => g.chain_rows(width, text, settingsJson));

/** Problem (123) for weight w and bias b: {width, interval, widest}. */
export const problem123 = (w, b) => JSON.parse(use((_, g) => g.problem123(w, b)));

/** The identity neuron w2·σ(w1·x + b) on x ∈ [0, 1]: {offset, worst}. */
export const identity = (w1, b, w2) => JSON.parse(use((_, g) => g.identity(w1, b, w2)));

/**
 * The least text scale at which chart text on a canvas of `width`×`height` device pixels, shown at
 * `ratio` device pixels per CSS pixel, is readable (Rust's Style::readable_text); 1 before start.
 */
export const readableTextScale = (width, height, ratio) =>
  typeof engine.glue?.readable_text_scale === 'function' ? engine.glue.readable_text_scale(width, height, ratio) : 1;

/** The names among `names` that the started wasm module lacks (a stale build). */
export const lacks = (names) => names.filter((n) => typeof engine.glue?.[n] !== 'function');

/** Each figure's drawer: (canvas, line, text, params) → the wasm call that draws it. */
const DRAWERS = {
  bars: (c, line, text) => use((s) => s.draw_bars(c, line, text)),
  speeds: (c, line, text) => use((s) => s.draw_speeds(c, line, text)),
  accuracy: (c, line, text) => use((s) => s.draw_accuracy(c, line, text)),
  factors: (c, line, text) => use((s) => s.draw_stats(c, line, text, 'factors')),
  saturation: (c, line, text) => use((s) => s.draw_stats(c, line, text, 'saturation')),
  gradients: (c, line, text) => use((s) => s.draw_stats(c, line, text, 'gradients')),
  chain: (c, line, text, p) => use((_, g) => g.draw_chain(c, line, text, p.settings)),
  factor: (c, line, text, p) => use((_, g) => g.draw_factor(c, line, text, p.w, p.b)),
  widthBound: (c, line, text, p) => use((_, g) => g.draw_width_bound(c, line, text, p.w)),
  identity: (c, line, text, p) => use((_, g) => g.draw_identity(c, line, text, p.w1, p.b, p.w2)),
};

/** The figures draw() knows. */
export const FIGURES = Object.freeze(Object.keys(DRAWERS));

/**
 * Draws figure `kind` (one of FIGURES) on `canvas` with style {line, text} (line and text
 * scale). params: chain {settings (JSON)}, factor {w, b}, widthBound {w}, identity {w1, b, w2}.
 */
export function draw(kind, canvas, { line, text }, params = {}) {
  const drawer = Object.hasOwn(DRAWERS, kind) ? DRAWERS[kind] : null;
  if (!drawer) throw new Error(`no figure “${quote(kind)}”`);
  drawer(canvas, line, text, params);
}
