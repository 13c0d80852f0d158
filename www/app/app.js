// The app on a started Session: connects the settings, the controls, the player, the charts, the
// status line, the message areas, the two views, network edits and imports, and keeps the log of
// what happened to the network (for shareable links). window.gradscope and the buttons drive it.

import { buildSnapshot } from './api.js';
import { createChainView } from '../chain/view.js';
import { createCharts } from '../network/charts.js';
import { buildControls } from '../network/controls.js';
import { messageArea } from '../ui/dom.js';
import { buildEditControls } from '../network/edit-controls.js';
import { errorText, int, sig } from '../core/format.js';
import { createEdits } from '../network/edits.js';
import { createPlayer } from '../network/player.js';
import { createRunLog } from '../state/run-log.js';
import { DEFAULTS, serialize, update } from '../state/settings.js';
import { VIEWS, createViews } from '../ui/views.js';

const $ = (id) => document.getElementById(id);

/** What to do after an overflow. */
export const OVERFLOW_HINT = 'The network overflowed, so it cannot train further. Press Reset, or lower the learning rate or the weight scale.';

/** While training, the status line (a live region) changes at most this often (ms). */
const STATUS_EVERY_MS = 500;

/** Keys of set() handled apart from the network settings: views, the chain, in-place edits. */
const OWN_KEYS = ['view', 'chain', 'layerScale', 'layerShift', 'explode'];

/** Shows `text` in the network view's message area; kind 'notice' or 'error'; empty text clears it. */
export const showMessage = messageArea($('message'));

/** Splits set()'s argument into [own keys, network settings] (anything not an object is settings). */
function split(partial) {
  if (partial === null || typeof partial !== 'object' || Array.isArray(partial)) return [{}, partial];
  const own = {};
  const rest = {};
  for (const [k, v] of Object.entries(partial)) (OWN_KEYS.includes(k) ? own : rest)[k] = v;
  return [own, rest];
}

/**
 * Starts the page on a Session and the wasm module's free functions. onChange() is called after
 * anything a link records may have changed. Returns the app.
 */
export async function startApp(session, wasm, { onChange = () => {} } = {}) {
  let settings = { ...DEFAULTS, sizes: [...DEFAULTS.sizes] };
  let statusTimer = 0;
  const log = createRunLog();
  const charts = createCharts(
    { bars: $('chart-bars'), speeds: $('chart-speeds'), accuracy: $('chart-accuracy') },
    { onError: (e) => showMessage(`A chart could not be drawn: ${errorText(e)}`, 'error'), busy: () => player.busy() },
  );
  const chain = createChainView(wasm, { getSeed: () => settings.seed, root: $('chain-view'), template: $('chain-template'), onChange });
  const views = createViews(
    { network: $('view-network'), chain: $('view-chain') },
    { network: $('network-view'), chain: $('chain-view') },
    (name) => {
      if (name === 'chain') chain.build();
      else charts.invalidate();
      queueMicrotask(onChange);
    },
  );
  const snapshot = () => {
    const view = views.current();
    return buildSnapshot(settings, player.status(), player.snapshot(), { view, chain: view === 'chain' ? chain.snapshot() : null });
  };
  /** Shows `text` in the message area of the view on screen. */
  const notify = (text, kind = 'notice') => (views.current() === 'chain' ? chain.notify(text, kind) : showMessage(text, kind));

  const renderStatus = () => {
    statusTimer = 0;
    const snap = snapshot();
    const state = `Status: ${snap.status} — epoch ${int(snap.epoch)}`;
    const detail = player.measuring()
      ? `measuring the ${snap.edits.length ? 'edited' : 'fresh'} network of ${snap.sizes.length - 2} hidden layers…`
      : `learning speeds ‖δˡ‖ by layer: ${snap.speeds.map((v) => sig(v)).join(', ')}`;
    $('status-state').textContent = state;
    $('status-detail').textContent = detail;
    const play = $('play');
    play.textContent = snap.status === 'running' ? 'Pause' : 'Play';
    play.classList.toggle('running', snap.status === 'running');
    charts.describe(snap);
    editControls.sync(player.snapshot());
    onChange();
  };
  const player = createPlayer(session, {
    drawn: charts.drawn,
    onStatus: renderStatus,
    onRecords() {
      charts.invalidate();
      if (!player.busy()) renderStatus();
      else if (!statusTimer) statusTimer = setTimeout(renderStatus, STATUS_EVERY_MS);
    },
    onOverflow: (message) => showMessage(message || OVERFLOW_HINT, 'error'),
    onError: (e) => showMessage(`Training stopped: ${errorText(e)}`, 'error'),
  });
  const edits = createEdits(session, player);

  /** Rebuilds the network from `next` (throws, changing nothing, if the session refuses). */
  const configure = (next, stop) => {
    session.configure(serialize(next));
    settings = next;
    log.fresh();
    controls.update(settings);
    player.restart(stop);
  };
  /** Applies network settings: a fresh network, history cleared, then measured. Returns [notes, kind]. */
  const applySettings = (partial) => {
    const { settings: next, notes, accepted } = update(settings, partial);
    if (accepted) {
      try {
        configure(next, false);
      } catch (e) {
        return [[...notes, `These settings could not be applied: ${errorText(e)} The previous settings are kept.`], 'error'];
      }
    }
    controls.update(settings);
    return [notes, 'notice'];
  };
  /** In-place edits of the net (re-measured, history kept), recorded in the log. Returns the notes. */
  const applyEdits = (own) => {
    const notes = [];
    const before = player.snapshot();
    if ('layerScale' in own || 'layerShift' in own) {
      try {
        notes.push(...edits.layers(own.layerScale, own.layerShift));
      } finally {
        log.edit(before.epoch ?? 0, before, player.snapshot());
      }
    }
    if (own.explode === true) {
      const refused = edits.explode();
      notes.push(...refused);
      if (!refused.length) log.explode(before.epoch ?? 0);
    } else if ('explode' in own && own.explode !== false) notes.push(`explode must be true (or gradscope.explode()), not “${String(own.explode)}”.`);
    return notes;
  };
  // Every change, from a control or from set(), comes here: network settings (a fresh network),
  // in-place edits of the net (re-measured, history kept), the view and the chain explorer.
  const set = (partial) => {
    const [own, rest] = split(partial);
    let [notes, kind] = [[], 'notice'];
    if (!Object.keys(own).length || Object.keys(rest).length) {
      [notes, kind] = applySettings(rest);
    }
    try {
      notes.push(...applyEdits(own));
    } catch (e) {
      [notes, kind] = [[...notes, `The network could not be edited: ${errorText(e)}`], 'error'];
    }
    editControls.sync(player.snapshot()); // a refused edit puts its slider back
    if ('view' in own) {
      if (VIEWS.includes(own.view)) views.show(own.view);
      else notes.push(`View “${String(own.view)}” is not one of ${VIEWS.join(', ')}; kept ${views.current()}.`);
    }
    if (own.chain !== undefined && own.chain !== null) notes.push(...chain.set(own.chain));
    notify(notes.join(' '), kind);
    onChange();
    return Promise.all([player.settled(), chain.drawn()]).then(snapshot);
  };
  const controls = buildControls($('controls'), { getSettings: () => settings, onChange: set });
  const editControls = buildEditControls($('edits'), { onEdit: set, onExplode: () => set({ explode: true }) });

  const app = {
    snapshot,
    set,
    notify,
    play() {
      if (!player.play()) showMessage(OVERFLOW_HINT, 'error');
    },
    pause: () => player.pause(),
    /** Whether training runs ('running'), or the status otherwise. */
    status: () => player.status(),
    step(n = 1) {
      const count = Math.min(10000, Math.max(1, Math.round(Number(n))));
      if (!Number.isFinite(count)) {
        showMessage(`Step needs a number of epochs, not “${String(n)}”.`, 'notice');
        return player.settled().then(snapshot);
      }
      if (player.status() === 'overflow') showMessage(OVERFLOW_HINT, 'error');
      else if (count !== Number(n)) showMessage(`Stepping ${int(count)} epochs (1 to 10,000 whole epochs).`, 'notice');
      return player.step(count).then(snapshot);
    },
    reset() {
      showMessage('');
      try {
        configure(settings, true);
      } catch (e) {
        showMessage(`Reset failed: ${errorText(e)}`, 'error');
      }
      return player.settled().then(snapshot);
    },
    /** The current network as network2 JSON. */
    exportNetwork: () => session.export_network(),
    /**
     * Replaces the network with network2 JSON `text` (from file `name`): sizes and activation
     * taken from it, history from epoch 0. On error the message says what is wrong and nothing
     * changes. Resolves to the snapshot once measured and drawn.
     */
    importNetwork(text, name = 'the file') {
      let applied;
      try {
        applied = JSON.parse(session.import_network(String(text)));
      } catch (e) {
        notify(`${name} could not be imported: ${errorText(e).replace(/[^.]$/, '$&.')} The current network is kept.`, 'error');
        return Promise.resolve(snapshot());
      }
      settings = update(settings, { sizes: applied.sizes, activation: applied.activation }).settings;
      log.fresh(true);
      controls.update(settings);
      player.restart(true);
      views.show('network');
      showMessage(`Imported ${name}: [${settings.sizes.join(', ')}], ${settings.activation}. Its history starts at epoch 0; Reset would make a fresh random network of these sizes.`);
      onChange();
      return player.settled().then(snapshot);
    },
    /** What a link records: settings, view, the chain's state, the run's tokens, imported. */
    linkState: () => {
      const epoch = player.snapshot().epoch ?? 0;
      return { settings, view: views.current(), chain: chain.snapshot(), run: log.tokens(epoch), imported: log.imported() };
    },
    /** The session (for drawing charts into other canvases) and the chain view's drawers. */
    session,
    chainDrawers: () => chain.drawers(),
  };

  $('play').addEventListener('click', () => (player.status() === 'running' ? app.pause() : app.play()));
  $('step').addEventListener('click', () => app.step(1));
  $('reset').addEventListener('click', () => app.reset());

  configure(settings, true);
  charts.attach(session);
  await player.settled();
  return app;
}
