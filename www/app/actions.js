// What the page's buttons and window.gradscope do besides set(): play, pause, step, reset, import
// and export of the network, and what a shareable link records.

import { validatedRanges } from '../state/validated.js';
import { clearRuns, epoch, exportNetwork, importNetwork, pace, replayEpoch, setReplay, snapshot as sessionSnapshot, statsHistory } from '../core/engine.js';
import { errorText, int, megabytes, quote } from '../core/format.js';
import { playOf } from '../state/play.js';
import { defaultOf, schema } from '../state/schema.js';
import { PRESETS, REMEDY_NETS, update } from '../state/settings.js';
import { compareInWorkers } from '../network/compare.js';
import { configure } from './set.js';

/** What to do after an overflow. */
export const OVERFLOW_HINT = 'The network overflowed, so it cannot train further. Press Reset, or lower the learning rate or the weight scale.';

/** What the page says when Play stops at epoch `limit` (the schema's default limit is the book's window). */
export function doneText(limit) {
  const book = limit === defaultOf('epochLimit') ? ', the book’s window' : '';
  return `Reached epoch ${int(limit)}${book}: raise “Train to epoch” to go on.`;
}

/** Play, pause, status and step(n) on `page`. */
function transport(page) {
  const { player } = page;
  return {
    play() {
      if (player.play()) return;
      const halt = sessionSnapshot().message;
      if (halt) page.showMessage(halt, 'error');
      else if (epoch() >= pace().limit) page.showMessage(doneText(pace().limit));
      else page.showMessage(OVERFLOW_HINT, 'error');
    },
    pause: () => player.pause(),
    /** Whether training runs ('running'), or the status otherwise. */
    status: () => player.status(),
    /** Steps n epochs; `fast` (true/false) overrides whether they train as fast as possible (a link's replay). */
    step(n = 1, fast = undefined) {
      const { min, max } = schema().step;
      const count = Math.min(max, Math.max(min, Math.round(Number(n))));
      if (!Number.isFinite(count)) {
        page.showMessage(`Step needs a number of epochs, not “${quote(n)}”.`, 'notice');
        return player.settled().then(page.snapshot);
      }
      const halt = sessionSnapshot().message;
      if (halt) page.showMessage(halt, 'error');
      else if (count !== Number(n)) page.showMessage(`Stepping ${int(count)} epochs (${int(min)} to ${int(max)} whole epochs).`, 'notice');
      return player.step(count, fast).then(page.snapshot);
    },
    reset() {
      page.showMessage('');
      try {
        configure(page, page.settings, true);
      } catch (e) {
        page.showMessage(`Reset failed: ${errorText(e)}`, 'error');
      }
      return player.settled().then(page.snapshot);
    },
  };
}

/**
 * Replaces `page`'s network with network2 JSON `text` (from file `name`): sizes and activation
 * taken from it, history from epoch 0. On error the message says what is wrong and nothing
 * changes. Resolves to the snapshot once measured and drawn.
 */
function importInto(page, text, name = 'the file') {
  let applied;
  const max = schema().maxImportBytes;
  if (typeof text !== 'string' || text.length > max) {
    const what = typeof text === 'string' ? `has ${megabytes(text.length)}` : `is not text (“${quote(text)}”)`;
    page.notify(`${name} could not be imported: it ${what}; gradscope imports network2 files of at most ${megabytes(max)}. The current network is kept.`, 'error');
    return Promise.resolve(page.snapshot());
  }
  try {
    setReplay(page.log.replay(replayEpoch()));
    applied = importNetwork(text);
  } catch (e) {
    page.notify(`${name} could not be imported: ${errorText(e).replace(/[^.]$/, '$&.')} The current network is kept.`, 'error');
    return Promise.resolve(page.snapshot());
  }
  page.settings = update(page.settings, { sizes: applied.sizes, activation: applied.activation }).settings;
  page.log.fresh(true);
  page.controls.update(page.settings);
  page.player.restart(true);
  page.views.show('network');
  page.showMessage(`Imported ${name}: [${page.settings.sizes.join(', ')}], ${page.settings.activation}. Its history starts at epoch 0; Reset would make a fresh random network of these sizes.`);
  page.onChange();
  return page.player.settled().then(page.snapshot);
}

/** Resolves to the player's status once a run is no longer running (waiting on animation frames). */
function runEnd(player) {
  return new Promise((resolve) => {
    const check = () => (player.status() === 'running' ? requestAnimationFrame(check) : resolve(player.status()));
    check();
  });
}

/**
 * Networks `nets` (settings; the seed kept), each played to the book's 500 epochs at the page's
 * speed, one after another on this page: the earlier ones stay on the speeds chart as kept runs.
 * Stops early if a run is paused or halts. Resolves to the snapshot.
 */
async function compareNets(page, nets) {
  for (const [i, settings] of nets.entries()) {
    await page.set({ ...settings, seed: page.settings.seed, epochLimit: defaultOf('epochLimit') });
    if (i === 0) clearRuns(); // the runs before the comparison are not part of it
    if (!page.player.play()) break;
    if ((await runEnd(page.player)) !== 'done') break;
  }
  await page.player.settled();
  return page.snapshot();
}

/**
 * The book's three networks with the chapter's settings (the seed kept), trained to the book's 500
 * epochs at the page's speed, all at once in Web Workers (network/compare.js): the first two stay
 * on the speeds chart as kept runs, the page continues the third. Pause stops them after their
 * current epoch. Resolves to the snapshot.
 */
async function compareBook(page) {
  const { seed } = page.settings;
  const limit = defaultOf('epochLimit');
  const nets = PRESETS.map((preset) => update(page.settings, { ...preset.settings, seed }).settings);
  await page.set({ ...PRESETS.at(-1).settings, seed, epochLimit: limit });
  clearRuns(); // the runs before the comparison are not part of it
  const { ended, notes } = await compareInWorkers(page, nets, limit);
  await page.player.settled();
  if (ended === 'done' && !notes.length && epoch() >= pace().limit) page.showMessage(doneText(pace().limit));
  page.onChange();
  return page.snapshot();
}

/** The app: what the page's buttons, keys, tour, link and window.gradscope call on `page`. */
export function createActions(page) {
  return {
    snapshot: page.snapshot,
    set: page.set,
    notify: page.notify,
    ...transport(page),
    /** The current network as network2 JSON. */
    exportNetwork,
    /** The statistics of every epoch so far (issue 13), each as snapshot().stats holds it. */
    statsHistory,
    /** Trains the book's three networks at once in Web Workers; resolves to the snapshot when all are done. */
    compareBook: () => compareBook(page),
    /** Trains the 4-hidden-layer net plain, with ReLU + He, batch norm, skips (one after another); resolves to the snapshot when all are done. */
    compareRemedies: () => compareNets(page, REMEDY_NETS),
    /** Forgets the earlier runs; resolves to the snapshot once drawn. */
    clearRuns() {
      clearRuns();
      page.charts.invalidate();
      page.onChange();
      return page.charts.drawn().then(page.snapshot);
    },
    importNetwork: (text, name) => importInto(page, text, name),
    /**
     * What a link records: settings, play settings, view, the chain's state, the run's tokens and
     * validated epochs, imported, the player's status, the earlier runs.
     */
    linkState: () => ({
      settings: page.settings, play: playOf(sessionSnapshot()), view: page.views.current(), chain: page.chain.snapshot(),
      run: page.log.tokens(replayEpoch()), valid: validatedRanges(sessionSnapshot()), imported: page.log.imported(), status: page.player.status(),
      kept: sessionSnapshot().runs.filter((r) => !r.current).map(({ settings, replay }) => ({ settings, replay })),
    }),
    /** After a link's replay: the status its page had ('paused' or 'done'; a halt stays). */
    holdStatus: (status) => page.player.holdStatus(status),
    /** The params of the chain view's figures, {kind: params} for engine.draw. */
    chainFigures: () => page.chain.figures(),
  };
}

/** Binds the transport buttons Play/Pause, Step and Reset to `app`. */
export function bindTransport(app) {
  const $ = (id) => document.getElementById(id);
  $('play').addEventListener('click', () => (app.status() === 'running' ? app.pause() : app.play()));
  $('step').addEventListener('click', () => app.step(1));
  $('reset').addEventListener('click', () => app.reset());
}
