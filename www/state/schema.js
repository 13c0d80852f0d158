// The settings schema of the Rust core (crate/src/train/schema.rs, exported by settings_schema()):
// every setting's key, group, kind, default, limit and choices. The engine installs it once, when
// the wasm module starts and before any other page module runs; the settings, the controls, set(),
// links and snapshots read their limits, keys and defaults from here and nowhere else.

let table = null;

/** Installs the schema (the JSON text of settings_schema()); called once by the engine. */
export function installSchema(json) {
  const raw = JSON.parse(json);
  table = Object.freeze({ ...raw, byKey: new Map(raw.settings.map((s) => [s.key, s])) });
}

/** The schema: {inputs, outputs, hidden, width, step, replayEpochs, maxWeights, maxImportBytes, replayWork, validateEvery, settings}. */
export function schema() {
  if (!table) throw new Error('the settings schema was read before the WebAssembly module started');
  return table;
}

/** A Rust limit as the page's checks take it: {min, max, integer, name, unit}. */
export function asLimit({ label, min, max, integer, unit }) {
  return Object.freeze({ min, max, integer, name: label, unit });
}

/** The setting called `key` (throws on an unknown key: a page bug, not user input). */
function setting(key) {
  const s = schema().byKey.get(key);
  if (!s) throw new Error(`the settings schema has no setting “${key}”`);
  return s;
}

/** The limit of numeric setting `key`. */
export const limitOf = (key) => asLimit(setting(key).limit);

/** The choices of setting `key`: [[value, words shown], …]. */
export const choicesOf = (key) => setting(key).choices.map(([v, text]) => [v, text]);

/** The default of setting `key` (a fresh copy of lists). */
export function defaultOf(key) {
  const d = setting(key).default;
  return Array.isArray(d) ? [...d] : d;
}

/** The keys of a group ('network', 'edit', 'chain', 'page') in the schema's order. */
export const keysOf = (group) => schema().settings.filter((s) => s.group === group).map((s) => s.key);

/** The defaults of a group as one object. */
export const defaultsOf = (group) => Object.fromEntries(keysOf(group).map((k) => [k, defaultOf(k)]));
