// Exact shareable links: the URL hash follows every change (history.replaceState, debounced), and
// opening a link (or editing its hash) rebuilds the same state — settings with the seed, view,
// chain explorer, the tour step, and the run (epochs trained, Explode, per-layer edits) replayed on
// the same fresh network, so the numbers are identical. Bad values are dropped with a notice.

import { el } from '../ui/dom.js';
import { errorText, int } from '../core/format.js';
import { schema } from '../state/schema.js';
import { decodeLink, encodeLink } from '../state/link-codec.js';

/** The hash is written at most this long after a change (ms). */
const DEBOUNCE_MS = 250;

/** The training a run replays: Σ epochs × images × weights of its network. */
function runWork({ settings, run }) {
  const { sizes, images } = settings;
  const weights = sizes.slice(1).reduce((sum, n, l) => sum + n * sizes[l], 0);
  return run.reduce((sum, op) => sum + (op.epochs ?? 0), 0) * images * weights;
}

/** The training a link replays: its run and its earlier runs. */
const replayWork = (link) => [link, ...link.kept].reduce((sum, r) => sum + runWork(r), 0);

/** Replays run tokens on `app`: epochs stepped, Explode, per-layer edits. */
async function replayRun(app, run) {
  for (const op of run) {
    if (op.epochs) await app.step(op.epochs);
    else if (op.explode) await app.set({ explode: true });
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
 * Applies a decoded link to `app` and `tour`: play settings, the earlier runs (each replayed, then
 * kept when the next replaces it), tour step, settings, view, chain, then the run
 * (unless it is longer than the schema's replayWork and `long` is not set: then a note says so
 * and `link.longRun` is true). Returns its notes.
 */
async function replay(app, tour, link, long = false) {
  const tooLong = !long && replayWork(link) > schema().replayWork;
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
    const epochs = [link, ...link.kept].flatMap((r) => r.run).reduce((sum, op) => sum + (op.epochs ?? 0), 0);
    link.longRun = true;
    return [...link.notes, `This link trains ${int(epochs)} epochs on ${int(link.settings.images)} images, which would take minutes here: it was opened at its settings, at epoch 0. Press “Replay the run” to train them now.`];
  }
  await replayRun(app, link.run);
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

/**
 * Binds the link to `app` and `tour` ({step(), show(n, opts), close(), count}); `notice` is the
 * notice area (with a text element and a dismiss button), `copy` the "Copy link" button.
 * Returns {changed(), restore(), flush()}.
 */
export function createLink(app, tour, { notice, copy }) {
  let enabled = false;
  let timer = 0;
  let written = location.hash;
  let restoring = Promise.resolve();
  const initialChain = JSON.stringify(app.linkState().chain);

  const showNotes = noticeList(notice);

  /** The hash (with '#') of the state on screen. */
  const current = () => {
    const state = app.linkState();
    return `#${encodeLink(state, tour.step(), JSON.stringify(state.chain) !== initialChain)}`;
  };
  const flush = () => {
    clearTimeout(timer);
    timer = 0;
    if (!enabled) return;
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
      const notes = await replay(app, tour, link, long);
      const again = { label: 'Replay the run', run: () => { restoring = restoring.then(() => rebuild(hash, true)); } };
      showNotes(notes, link.longRun ? again : null);
    } catch (e) {
      showNotes([`The link could not be opened completely: ${errorText(e)}`]);
    } finally {
      enabled = true;
      flush();
    }
  };

  window.addEventListener('hashchange', () => {
    if (location.hash !== written) restoring = restoring.then(() => rebuild(location.hash));
  });
  copy.addEventListener('click', async () => {
    flush();
    try {
      await navigator.clipboard.writeText(location.href);
      app.notify('The link to exactly this state was copied.');
    } catch {
      app.notify('The browser would not copy: the address bar holds the link to exactly this state.');
    }
  });

  return {
    /** Call after any change: the hash follows within DEBOUNCE_MS. */
    changed() {
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
