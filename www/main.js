// Wiring: loads the wasm module and the data with a progress bar, then connects the settings,
// the controls, the player, the charts, the status line, the message area and window.gradscope.

import { buildSnapshot, installApi } from './api.js';
import { createChainView } from './chain-view.js';
import { createCharts } from './charts.js';
import { buildControls } from './controls.js';
import { DATA_FILES, fetchAll, progressView } from './data.js';
import { messageArea } from './dom.js';
import { buildEditControls } from './edit-controls.js';
import { errorText, int, sig } from './format.js';
import { createEdits } from './network-edits.js';
import { createPlayer } from './player.js';
import { DEFAULTS, serialize, update } from './state.js';
import { VIEWS, createViews } from './views.js';

const $ = (id) => document.getElementById(id);

/** The wasm binary that ./pkg/gradscope.js instantiates (fetched here to show its progress). */
const WASM = new URL('./pkg/gradscope_bg.wasm', import.meta.url);

/** What to do after an overflow. */
const OVERFLOW_HINT = 'The network overflowed, so it cannot train further. Press Reset, or lower the learning rate or the weight scale.';

/** While training, the status line (a live region) changes at most this often (ms). */
const STATUS_EVERY_MS = 500;

/** Shows `text` in the network view's message area; kind 'notice' or 'error'; empty text clears it. */
const showMessage = messageArea($('message'));

/** Keys of set() handled apart from the network settings: views, the chain, in-place edits. */
const OWN_KEYS = ['view', 'chain', 'layerScale', 'layerShift', 'explode'];

/** Splits set()'s argument into [own keys, network settings] (anything not an object is settings). */
function split(partial) {
  if (partial === null || typeof partial !== 'object' || Array.isArray(partial)) return [{}, partial];
  const own = {};
  const rest = {};
  for (const [k, v] of Object.entries(partial)) (OWN_KEYS.includes(k) ? own : rest)[k] = v;
  return [own, rest];
}

/** A Promise resolved after the browser has painted (so a new text shows before long work). */
function nextPaint() {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/**
 * Starts the page on a Session and the wasm module's free functions: returns the app that the
 * buttons and window.gradscope drive.
 */
async function start(session, wasm) {
  let settings = { ...DEFAULTS, sizes: [...DEFAULTS.sizes] };
  let statusTimer = 0;
  const charts = createCharts(
    { bars: $('chart-bars'), speeds: $('chart-speeds'), accuracy: $('chart-accuracy') },
    { onError: (e) => showMessage(`A chart could not be drawn: ${errorText(e)}`, 'error'), busy: () => player.busy() },
  );
  const chain = createChainView(wasm, { getSeed: () => settings.seed, root: $('chain-view'), template: $('chain-template') });
  const views = createViews(
    { network: $('view-network'), chain: $('view-chain') },
    { network: $('network-view'), chain: $('chain-view') },
    (name) => (name === 'chain' ? chain.build() : charts.invalidate()),
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
  // Every change, from a control or from set(), comes here: network settings (a fresh network),
  // in-place edits of the net (re-measured, history kept), the view and the chain explorer.
  const set = (partial) => {
    const [own, rest] = split(partial);
    let [notes, kind] = [[], 'notice'];
    if (!Object.keys(own).length || Object.keys(rest).length) {
      [notes, kind] = applySettings(rest);
    }
    try {
      if ('layerScale' in own || 'layerShift' in own) notes.push(...edits.layers(own.layerScale, own.layerShift));
      if (own.explode === true) notes.push(...edits.explode());
      else if ('explode' in own && own.explode !== false) notes.push(`explode must be true (or gradscope.explode()), not “${String(own.explode)}”.`);
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
    return Promise.all([player.settled(), chain.drawn()]).then(snapshot);
  };
  const controls = buildControls($('controls'), { getSettings: () => settings, onChange: set });
  const editControls = buildEditControls($('edits'), { onEdit: set, onExplode: () => set({ explode: true }) });

  const app = {
    snapshot,
    set,
    play() {
      if (!player.play()) showMessage(OVERFLOW_HINT, 'error');
    },
    pause: () => player.pause(),
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
  };

  $('play').addEventListener('click', () => (player.status() === 'running' ? app.pause() : app.play()));
  $('step').addEventListener('click', () => app.step(1));
  $('reset').addEventListener('click', () => app.reset());

  configure(settings, true);
  charts.attach(session);
  await player.settled();
  return app;
}

/** Loads the wasm module and the data, showing progress; resolves to the started app. */
async function boot() {
  const show = progressView($('load-progress'), $('load-text'));
  let failed = false;
  const glue = import('./pkg/gradscope.js').catch((e) => {
    throw new Error(`the WebAssembly module could not be loaded (${errorText(e)}). Build it with scripts/build-web`);
  });
  const loading = fetchAll([...DATA_FILES, WASM], (p) => failed || show(p));
  let pkg;
  let files;
  try {
    [pkg, files] = await Promise.all([glue, loading]);
  } catch (e) {
    failed = true; // the other files may still be arriving: keep their progress off the message
    throw e;
  }
  $('load-text').textContent = 'Starting WebAssembly and unpacking the images…';
  await nextPaint();
  try {
    await pkg.default({ module_or_path: files[DATA_FILES.length] });
  } catch (e) {
    throw new Error(`the WebAssembly module could not be started (${errorText(e)})`);
  }
  let session;
  try {
    session = new pkg.Session(...files.slice(0, DATA_FILES.length));
  } catch (e) {
    throw new Error(`the data files could not be read (${errorText(e)})`);
  }
  await nextPaint(); // unpacking took tens of ms: let the browser breathe before the first measurement
  const app = await start(session, pkg);
  $('loading').hidden = true;
  for (const f of document.querySelectorAll('fieldset')) f.disabled = false;
  return app;
}

const booting = boot();
installApi(booting);
booting.catch((e) => {
  $('load-progress').hidden = true;
  $('status-state').textContent = 'Status: not started (see the message above)';
  $('load-text').textContent = `The page could not start: ${errorText(e)}. Reload the page to try again.`;
  $('loading').dataset.kind = 'error';
  $('loading').setAttribute('role', 'alert');
});
window.addEventListener('error', (e) => showMessage(`Something went wrong: ${errorText(e.error ?? e.message)}`, 'error'));
window.addEventListener('unhandledrejection', (e) => showMessage(`Something went wrong: ${errorText(e.reason)}`, 'error'));
