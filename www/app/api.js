// window.gradscope: the page's programmatic interface, for the browser tests and the console.
// Every call goes through the same code as the page's own controls and buttons.

/**
 * The public snapshot: the session's own snapshot (settings, epoch, speeds, bars, histories, edits,
 * layerScale, layerShift — keys and values from Rust), the player's status, the view on screen and
 * (when that is the chain explorer) the chain's numbers.
 */
export function buildSnapshot(status, measured, { view = 'network', chain = null } = {}) {
  return { view, ...measured, status, chain };
}

/** What snapshot() says before the page has started. */
const LOADING = Object.freeze({ view: 'network', status: 'loading', epoch: 0, chain: null });

/**
 * Installs window.gradscope. `appReady` resolves to the app {snapshot, set, play, pause, step,
 * reset, exportNetwork, importNetwork} once data and wasm are loaded, the first figures drawn and
 * the page's link (if any) rebuilt; until then snapshot()
 * describes the defaults and the other methods wait for it.
 */
export function installApi(appReady) {
  let app = null;
  appReady.then((a) => { app = a; }, () => {});
  const ready = appReady.then(() => undefined);
  ready.catch(() => {}); // a failed start is shown in the page; whoever awaits `ready` still sees it
  const whenReady = (call) => appReady.then(call);
  const now = (call) => {
    if (app) call(app);
    else whenReady(call).catch(() => {});
  };
  window.gradscope = Object.freeze({
    /** Resolves when data and wasm are loaded and the first figures are drawn. */
    ready,
    /**
     * A plain object: view, settings, play settings (speed, epochLimit, barScale), status, epoch,
     * speeds, bars, history, accuracy (+ histories), edits, layerScale, layerShift, runs (the kept
     * runs, then the current one: {label, sizes, activation, init, seed, epoch, history: [{epoch,
     * speeds}], settings, replay, current}) and chain (the chain explorer's numbers; null unless shown).
     */
    snapshot: () => (app ? app.snapshot() : { ...LOADING }),
    /**
     * Applies settings like the controls do (clamped, with a message): network settings, view,
     * chain {depth, w, b, a0, y, cost, preset}, layerScale, layerShift, explode. Resolves to the
     * snapshot once re-measured and drawn.
     */
    set: (partial) => whenReady((a) => a.set(partial)),
    /** Starts training. */
    play: () => now((a) => a.play()),
    /** Pauses training. */
    pause: () => now((a) => a.pause()),
    /** Trains n epochs (default 1); resolves when they are done and drawn. */
    step: (n = 1) => whenReady((a) => a.step(n)),
    /** A fresh network with the same settings; resolves when measured and drawn. */
    reset: () => whenReady((a) => a.reset()),
    /** The book's exploding recipe on the network (like the "Explode" button); resolves when re-measured and drawn. */
    explode: () => whenReady((a) => a.set({ explode: true })),
    /**
     * Trains the book's three networks ([784,30,30,10], [784,30,30,30,10], [784,30,30,30,30,10],
     * the chapter's settings) to 500 epochs at once in Web Workers, like "The book’s three networks";
     * resolves to the snapshot when all three are done (snapshot().runs lists them).
     */
    compareBook: () => whenReady((a) => a.compareBook()),
    /**
     * Trains the tour's closing comparison — the 4-hidden-layer sigmoid net, then with ReLU + He,
     * with batch norm, with skip connections — to 500 epochs one after another; resolves to the
     * snapshot when all four are done (snapshot().runs lists them, each label naming its remedy).
     */
    compareRemedies: () => whenReady((a) => a.compareRemedies()),
    /** Forgets the earlier runs (like "Clear runs"); resolves to the snapshot. */
    clearRuns: () => whenReady((a) => a.clearRuns()),
    /**
     * Resolves to the statistics of every epoch so far (issue 13: factors, sigmaPrimeMean,
     * weightNorms, activationPercentiles, saturated, gradientPercentiles), epoch 0 first.
     */
    statsHistory: () => whenReady((a) => a.statsHistory()),
    /** Resolves to the current network as network2 JSON (text). */
    exportNetwork: () => whenReady((a) => a.exportNetwork()),
    /**
     * Replaces the network with network2 JSON text (like "Import network"); resolves to the
     * snapshot once measured and drawn. A bad file leaves everything as it was, with a message.
     */
    importNetwork: (text) => whenReady((a) => a.importNetwork(text)),
  });
}
