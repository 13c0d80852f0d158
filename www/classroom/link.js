// Exact shareable links: the URL hash follows every change (history.replaceState, debounced), and
// opening a link (or editing its hash) rebuilds the same state — settings with the seed, play
// settings, view, chain explorer, the tour step, projector mode, and the run (epochs trained,
// Explode, per-layer edits, then the player's status) replayed on the same fresh network, so the
// numbers are identical. A run too long to replay at once opens at its settings with "Replay the
// run"; an imported network cannot be carried (link-reach.js says which, on copy and on opening).
// Bad values are dropped with a notice.

import { el } from '../ui/dom.js';
import { errorText, int } from '../core/format.js';
import { setValidated } from '../core/engine.js';
import { schema } from '../state/schema.js';
import { decodeLink, encodeLink } from '../state/link-codec.js';
import { copyNote, openedNote, reach } from './link-reach.js';

/** The hash is written at most this long after a change (ms). */
const DEBOUNCE_MS = 250;

/** A replay ended before the link's state by the user (Play, Reset, a new setting during a Step). */
class Interrupted extends Error {}

/**
 * Steps `n` epochs on `app` (`fast`: as fast as possible, else every epoch validated); throws
 * Interrupted if they were not all trained and no halt explains it.
 */
async function stepAll(app, n, fast) {
  const want = app.snapshot().epoch + n;
  const s = await app.step(n, fast);
  if (s.epoch < want && s.status !== 'overflow' && s.status !== 'vanished') throw new Interrupted();
}

/**
 * Replays run tokens on `app`: epochs stepped (in Steps of at most the schema's), Explode,
 * per-layer edits. `valid`: the epochs the link's page validated besides every tenth (ranges), so
 * that the fast steps validate exactly those; null: every epoch was validated.
 */
async function replayRun(app, run, valid = null) {
  const { max } = schema().step;
  setValidated(valid);
  try {
    await replayOps(app, run, valid !== null, max);
  } finally {
    setValidated(null);
  }
}

/** The run tokens `run` applied in order; epochs in Steps of at most `max`, `fast` or not. */
async function replayOps(app, run, fast, max) {
  for (const op of run) {
    if (op.epochs) {
      for (let left = op.epochs; left > 0; left -= max) await stepAll(app, Math.min(left, max), fast);
    } else if (op.explode) await app.set({ explode: true });
    else await app.set({ [op.key === 'scale' ? 'layerScale' : 'layerShift']: Object.assign([], { [op.layer - 1]: op.value }) });
  }
}

/** Rebuilds the link's earlier runs, oldest first: each is kept when the next net replaces it. */
async function replayKept(app, kept) {
  for (const [i, k] of kept.entries()) {
    await app.set(k.settings);
    if (i === 0) await app.clearRuns(); // the runs on screen before the link are not its own
    await replayRun(app, k.run);
  }
}

/**
 * Applies a decoded link to `app`, `tour` and `projector`: projector mode, play settings, the
 * earlier runs (each replayed, then kept when the next replaces it), tour step, settings, view,
 * chain, then the run and the player's status — unless the run is not replayed at once (reach():
 * 'beyond', or 'long' and `long` is not set): then a note says so, and `link.longRun` is true when
 * "Replay the run" may re-train it. Sets `link.replayed`; returns its notes.
 */
async function replay({ app, tour, projector }, link, long = false) {
  try {
    return await replayAll({ app, tour, projector }, link, long);
  } catch (e) {
    if (!(e instanceof Interrupted)) throw e;
    [link.longRun, link.replayed] = [true, false];
    return [...link.notes, `The replay stopped at epoch ${int(app.snapshot().epoch)} (Play, Reset or a change interrupted it): what is on screen is not the link’s state. Press “Replay the run” to start it again.`];
  }
}

/** replay() until interrupted (throws Interrupted). */
async function replayAll({ app, tour, projector }, link, long) {
  const r = reach(link);
  const tooLong = r.kind === 'beyond' || (r.kind === 'long' && !long);
  if (projector.active() !== link.projector) projector.toggle(link.projector);
  if (Object.keys(link.play).length) await app.set(link.play);
  if (!tooLong) await replayKept(app, link.kept);
  if (link.tour) await tour.show(link.tour, { preset: link.bare, seed: link.settings.seed });
  else if (tour.step()) tour.close();
  if (!link.tour || !link.bare) {
    const partial = { ...link.settings, view: link.view };
    if (link.chain) partial.chain = link.chain;
    await app.set(partial);
  }
  if (tooLong) {
    link.longRun = r.kind === 'long';
    link.replayed = false;
    return [...link.notes, openedNote(r, link.settings.images)];
  }
  await replayRun(app, link.run, link.valid);
  link.replayed = true;
  if (link.status) app.holdStatus(link.status);
  return link.notes;
}

/**
 * showNotes(notes, action): the notice area lists `notes` (hidden when there are none; Dismiss
 * empties it), with a button for `action` ({label, run}) when one is given.
 */
function noticeList(notice) {
  const text = notice.querySelector('.notice-text');
  const showNotes = (notes, action = null) => {
    const items = notes.map((n) => el('li', {}, n));
    if (action) {
      const button = el('button', { type: 'button', class: 'notice-action' }, action.label);
      button.addEventListener('click', () => {
        showNotes([]);
        action.run();
      });
      items.push(el('li', {}, button));
    }
    text.replaceChildren(...items);
    notice.hidden = !notes.length;
  };
  notice.querySelector('button').addEventListener('click', () => showNotes([]));
  return showNotes;
}

/** Puts `hash` in the address bar without a history entry (a browser that refuses keeps the old one). */
function writeHash(hash) {
  try {
    history.replaceState(history.state, '', hash);
  } catch {
    /* some file:// pages refuse: the link just stays as it was */
  }
}

/** "Copy link" writes the hash now, copies the address and says what the link in it rebuilds. */
function bindCopy(copy, { app, tour, flush }) {
  copy.addEventListener('click', async () => {
    flush();
    const link = decodeLink(location.hash, tour.count);
    try {
      await navigator.clipboard.writeText(location.href);
      app.notify(copyNote(link, true, app.snapshot().epoch));
    } catch {
      app.notify(copyNote(link, false, app.snapshot().epoch));
    }
  });
}

/**
 * Binds the link to `app`, `tour` ({step(), show(n, opts), close(), count}) and `projector`
 * ({active(), toggle(on)}); `notice` is the notice area (with a text element and a dismiss
 * button), `copy` the "Copy link" button. Returns {changed(), restore(), flush()}.
 */
export function createLink(app, tour, { notice, copy, projector }) {
  let enabled = false;
  // An opened link whose run was not replayed stays in the address bar until the next change.
  let pending = false;
  let timer = 0;
  let written = location.hash;
  let restoring = Promise.resolve();
  const initialChain = JSON.stringify(app.linkState().chain);

  const showNotes = noticeList(notice);

  /** The hash (with '#') of the state on screen. */
  const current = () => {
    const state = { ...app.linkState(), projector: projector.active() };
    return `#${encodeLink(state, tour.step(), JSON.stringify(state.chain) !== initialChain)}`;
  };
  const flush = () => {
    clearTimeout(timer);
    timer = 0;
    if (!enabled || pending) return;
    const hash = current();
    if (hash !== location.hash) writeHash(hash);
    written = location.hash;
  };

  /** Rebuilds the state of `hash` (a long run too if `long`); resolves when it is measured and drawn. */
  const rebuild = async (hash, long = false) => {
    enabled = false;
    try {
      if (!hash.replace(/^#/, '')) return;
      const link = decodeLink(hash, tour.count);
      const notes = await replay({ app, tour, projector }, link, long);
      pending = !link.replayed;
      const again = { label: 'Replay the run', run: () => { restoring = restoring.then(() => rebuild(hash, true)); } };
      showNotes(notes, link.longRun ? again : null);
    } catch (e) {
      pending = false;
      showNotes([`The link could not be opened completely: ${errorText(e)}`]);
    } finally {
      enabled = true;
      flush();
    }
  };

  window.addEventListener('hashchange', () => {
    if (location.hash !== written) restoring = restoring.then(() => rebuild(location.hash));
  });
  bindCopy(copy, { app, tour, flush });

  return {
    /** Call after any change: the hash follows within DEBOUNCE_MS. */
    changed() {
      if (enabled) pending = false;
      if (enabled && !timer) timer = setTimeout(flush, DEBOUNCE_MS);
    },
    /** Writes the hash now. */
    flush,
    /** Rebuilds the state of the page's hash (on load). */
    restore() {
      restoring = restoring.then(() => rebuild(location.hash));
      return restoring;
    },
  };
}
