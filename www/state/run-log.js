// What happened to the network since it was made fresh, as the tokens a shareable link carries:
// "120" (train 120 epochs), "x" (the Explode recipe), "L2*3" (hidden layer 2's weight scale set
// to 3), "L2+-0.5" (its bias shift set to −0.5). Replaying them on the same fresh network
// reproduces the same numbers. An edit made while an epoch is in progress (paused or playing)
// abandons that epoch (Session's rewind), so every token applies at the epoch of a record.

import { EDIT_LIMITS } from './settings.js';

/** The replay of a run whose network was imported: no link can rebuild it. */
export const IMPORTED = 'i';

/** A number as a link writes it: String(x), which round-trips every double exactly. */
export const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** Reads one token; returns {epochs} | {explode: true} | {layer, key: 'scale'|'shift', value} or {error}. */
export function readToken(token, hidden) {
  if (/^\d{1,6}$/.test(token)) return { epochs: Number(token) };
  if (token === 'x') return { explode: true };
  const m = /^L(\d{1,2})([*+])(.+)$/.exec(token);
  if (!m) return { error: 'not an epoch count, x, Ln*scale or Ln+shift' };
  const layer = Number(m[1]);
  const key = m[2] === '*' ? 'scale' : 'shift';
  const limit = EDIT_LIMITS[key];
  if (layer < 1 || layer > hidden) return { error: `there is no hidden layer ${layer} (1 to ${hidden})` };
  if (!NUMBER.test(m[3])) return { error: `${m[3]} is not a number` };
  const value = Number(m[3]);
  if (!(value >= limit.min && value <= limit.max) || (key === 'scale' && value === 0)) {
    return { error: `a ${limit.name.toLowerCase()} must be ${limit.min} to ${limit.max}` };
  }
  return { layer, key, value };
}

/**
 * Creates the log: fresh(imported) after a new network, edit(epoch, before, after) after per-layer
 * edits (before/after: {layerScale, layerShift}), explode(epoch), tokens(epoch) for the link,
 * replay(epoch) for a kept run (IMPORTED for an imported network).
 */
export function createRunLog() {
  let ops = []; // {epoch, token, slot}: slot names the layer setting a token sets ('' for x)
  let imported = false;
  const add = (epoch, token, slot = '') => {
    const last = ops[ops.length - 1];
    // A drag sets the same layer many times at one epoch: only the last value counts.
    if (last && slot && last.slot === slot && last.epoch === epoch) ops.pop();
    ops.push({ epoch, token, slot });
  };
  return {
    /** A fresh network (imported: from a file, which no link can carry). */
    fresh(fromFile = false) {
      ops = [];
      imported = fromFile;
    },
    /** Whether the network came from an imported file. */
    imported: () => imported,
    /** Records the per-layer settings that changed between two snapshots, at `epoch`. */
    edit(epoch, before, after) {
      const keys = [['layerScale', '*'], ['layerShift', '+']];
      for (const [key, sign] of keys) {
        (after[key] ?? []).forEach((v, i) => {
          if (v !== (before[key] ?? [])[i]) add(epoch, `L${i + 1}${sign}${v}`, `${i}${sign}`);
        });
      }
    },
    /** Records the Explode recipe at `epoch`. */
    explode(epoch) {
      add(epoch, 'x');
    },
    /** The tokens that rebuild the network as it is at `epoch`. */
    tokens(epoch) {
      const out = [];
      let at = 0;
      for (const op of ops) {
        if (op.epoch > at) out.push(String(op.epoch - at));
        at = Math.max(at, op.epoch);
        out.push(op.token);
      }
      if (epoch > at) out.push(String(epoch - at));
      return out;
    },
    /** What a kept run replays to be rebuilt at `epoch`: its tokens, or IMPORTED. */
    replay(epoch) {
      return imported ? IMPORTED : this.tokens(epoch).join(',');
    },
  };
}
