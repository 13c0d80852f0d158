// The app on the started engine: connects the settings, the controls, the player, the charts, the
// status line, the message areas, the two views, network edits and imports, and keeps the log of
// what happened to the network (for shareable links). window.gradscope and the buttons drive it.
// The parts share one explicit state object, `page`.

import { createChainView } from '../chain/view.js';
import { onRecover, snapshot as sessionSnapshot } from '../core/engine.js';
import { errorText } from '../core/format.js';
import { createCharts } from '../network/charts.js';
import { buildControls } from '../network/controls.js';
import { buildEditControls } from '../network/edit-controls.js';
import { bindPlayControls } from '../network/play-controls.js';
import { buildAccuracyNote } from '../network/accuracy-note.js';
import { buildRunsControls } from '../network/runs-controls.js';
import { createEdits } from '../network/edits.js';
import { createWhyPanel } from '../network/why-panel.js';
import { createPlayer } from '../network/player.js';
import { createRunLog } from '../state/run-log.js';
import { DEFAULTS } from '../state/settings.js';
import { messageArea } from '../ui/dom.js';
import { createViews } from '../ui/views.js';
import { OVERFLOW_HINT, bindTransport, createActions, doneText } from './actions.js';
import { buildSnapshot } from './api.js';
import { configure, createSet } from './set.js';
import { createStatusLine } from './status-line.js';

const $ = (id) => document.getElementById(id);

/** Shows `text` in the network view's message area; kind 'notice' or 'error'; empty text clears it. */
export const showMessage = messageArea($('message'));

/** The charts and the two views (the chain view is built the first time it is shown). */
function createFigures(page) {
  page.charts = createCharts(
    { bars: $('chart-bars'), speeds: $('chart-speeds'), accuracy: $('chart-accuracy') },
    {
      onError: (e) => showMessage(`A chart could not be drawn: ${errorText(e)}`, 'error'),
      busy: () => page.player.busy(),
      panel: () => page.why?.panel() ?? 'accuracy',
    },
  );
  page.chain = createChainView({ getSeed: () => page.settings.seed, root: $('chain-view'), template: $('chain-template'), onChange: page.onChange });
  page.views = createViews(
    { network: $('view-network'), chain: $('view-chain') },
    { network: $('network-view'), chain: $('chain-view') },
    (name) => {
      if (name === 'chain') page.chain.build();
      else page.charts.invalidate();
      queueMicrotask(page.onChange);
    },
  );
}

/** The page's snapshot and its message area for the view on screen. */
function addReadouts(page) {
  page.snapshot = () => {
    const view = page.views.current();
    return buildSnapshot(page.player.status(), sessionSnapshot(), { view, chain: view === 'chain' ? page.chain.snapshot() : null });
  };
  /** Shows `text` in the message area of the view on screen. */
  page.notify = (text, kind = 'notice') => (page.views.current() === 'chain' ? page.chain.notify(text, kind) : showMessage(text, kind));
}

/** The player, with the status line it keeps current, and the editor of the net. */
function createTraining(page) {
  const status = createStatusLine(page);
  page.player = createPlayer({
    drawn: page.charts.drawn,
    onStatus: status.render,
    onRecords: status.onRecords,
    onHalt: (message) => showMessage(message || OVERFLOW_HINT, 'error'),
    onDone: (limit) => showMessage(doneText(limit)),
    onError: (e) => showMessage(`Training stopped: ${errorText(e)}`, 'error'),
  });
  page.edits = createEdits(page.player);
}

/**
 * Starts the page on the started engine. onChange() is called after anything a link records may
 * have changed. Resolves to the app once the first network is measured and drawn.
 */
export async function startApp({ onChange = () => {} } = {}) {
  const page = { settings: { ...DEFAULTS, sizes: [...DEFAULTS.sizes] }, log: createRunLog(), onChange, showMessage };
  createFigures(page);
  addReadouts(page);
  createTraining(page);
  page.set = createSet(page);
  page.controls = buildControls($('controls'), { getSettings: () => page.settings, onChange: page.set });
  page.editControls = buildEditControls($('edits'), { onEdit: page.set, onExplode: () => page.set({ explode: true }) });
  const barsCaption = $('chart-bars').closest('figure')?.querySelector('figcaption');
  const playControls = bindPlayControls({ speed: $('speed'), limit: $('epoch-limit'), barsCaption }, page.set);
  page.why = createWhyPanel({ figure: $('chart-accuracy').closest('figure'), barsCaption }, page.set);
  page.playControls = {
    /** Shows the snapshot's play settings: the pace controls, the panel and the bars' neurons. */
    sync(snap) {
      playControls.sync(snap);
      page.why.sync(snap);
      page.charts.invalidate();
    },
  };
  page.playControls.sync(sessionSnapshot());
  page.accuracyNote = buildAccuracyNote($('chart-accuracy').closest('figure'), page.set);
  const app = createActions(page);
  buildRunsControls($('chart-speeds').closest('figure')?.querySelector('figcaption'), app, (e) => showMessage(`The comparison stopped: ${errorText(e)}`, 'error'));
  bindTransport(app);
  onRecover((message) => {
    // The engine rebuilt the Session after a panic: a fresh net of the same settings, said plainly.
    // Restarted after the failing call has unwound (the player first stops on its error).
    queueMicrotask(() => {
      page.log.fresh();
      page.player.restart(true);
      showMessage(`${message.replace(/^./, (c) => c.toUpperCase())}.`, 'error');
    });
  });
  configure(page, page.settings, true);
  page.charts.attach();
  await page.player.settled();
  return app;
}
