// The guided tour: a panel docked beside the figures (tour-dock.js; tour-panel.js draws it) with
// the step's number and title, its caption and the chapter section it follows, the step's action
// (a table, a training button, alternatives) and facts computed from the page; Previous / Next
// (and the numbered steps) move through the presets, each step's figure scrolled into view. "End
// tour" brings back the settings from before the tour (tour-return.js). The parts share one
// explicit state object, `t`.

import { errorText } from '../core/format.js';
import { el } from '../ui/dom.js';
import { createDock } from './tour-dock.js';
import { EPOCHS, buildPanel, renderState, renderStep, speedTable } from './tour-panel.js';
import { captureSettings, restoreSettings } from './tour-return.js';
import { TOUR_STEPS } from './tour-steps.js';

/** Updates the facts and the buttons from the page as it is now. */
function refresh(t) {
  if (t.step) renderState(t, t.app.snapshot());
}

/** Trains the chapter's EPOCHS epochs (the rest of them) from the training button. */
async function trainAll(t) {
  const epoch = t.app.snapshot().epoch;
  if (epoch >= EPOCHS || t.training) return;
  t.training = true;
  refresh(t);
  try {
    await t.app.step(EPOCHS - epoch);
  } finally {
    t.training = false;
    refresh(t);
  }
}

/** The training button of steps 3 and 4 (and alternatives: other nets of the same step). */
function trainControls(t, spec) {
  const train = el('button', { type: 'button', id: 'tour-train' }, `Train ${EPOCHS} epochs`);
  train.addEventListener('click', () => trainAll(t));
  const others = (spec.alternatives ?? []).map(([label, net]) => {
    const b = el('button', { type: 'button' }, label);
    b.addEventListener('click', () => t.app.set({ ...net, seed: t.app.snapshot().seed, view: 'network' }));
    return b;
  });
  t.dom.extra.replaceChildren(el('div', { class: 'actions' }, train, ...others));
}

/** Sets the page up for step `spec`: its action, then its preset (unless `preset` is false). */
async function applyStep(t, spec, { preset, seed }) {
  const keep = seed ?? t.app.snapshot().seed;
  if (spec.action === 'table') await speedTable(t.dom.extra, t.app, keep);
  else if (spec.action === 'train') trainControls(t, spec);
  if (preset && spec.action !== 'table') await t.app.set(spec.preset.sizes ? { ...spec.preset, seed: keep } : spec.preset);
}

/** Shows step `n` (1-based); preset: apply its preset (false when a link restores its own settings). */
async function show(t, n, { preset = true, seed } = {}) {
  if (!t.step) t.before = captureSettings(t.app);
  t.step = n;
  t.root.hidden = false;
  t.start.setAttribute('aria-pressed', 'true');
  t.dock.open(true);
  renderStep(t.dom, n);
  t.onChange();
  t.busy = true;
  refresh(t);
  try {
    t.pending = applyStep(t, TOUR_STEPS[n - 1], { preset, seed });
    await t.pending;
  } catch (e) {
    t.dom.facts.textContent = `This step could not be set up: ${errorText(e)}`;
  } finally {
    t.busy = false;
    refresh(t);
    t.onChange();
  }
  if (t.step === n) t.dock.show(TOUR_STEPS[n - 1].target);
}

/** Moves to step `n` when the tour is not setting a step up and `n` exists. */
function go(t, n) {
  if (!t.busy && n >= 1 && n <= TOUR_STEPS.length) show(t, n);
}

/** Closes the tour (the settings stay as they are). */
function end(t) {
  t.step = 0;
  t.root.hidden = true;
  t.start.setAttribute('aria-pressed', 'false');
  t.dock.open(false);
  t.onChange();
}

/** "End tour": closes the tour, then brings back the settings from before it and says so. */
async function endAndRestore(t) {
  const before = t.before;
  end(t);
  t.start.focus();
  if (!before) return;
  try {
    await t.pending?.catch(() => {}); // a step still being set up finishes first
    t.app.notify(await restoreSettings(t.app, before));
  } catch (e) {
    t.app.notify(`Tour ended, but your settings could not be brought back: ${errorText(e)}`, 'error');
  }
}

/** Binds Previous, Next, End tour and the "Tour" button (which ends the tour like End tour when it is open). */
function bindNavigation(t) {
  t.dom.prev.addEventListener('click', () => go(t, t.step - 1));
  t.dom.next.addEventListener('click', () => go(t, t.step + 1));
  t.dom.close.addEventListener('click', () => endAndRestore(t));
  t.start.addEventListener('click', () => {
    if (t.step) return endAndRestore(t);
    show(t, 1).then(() => t.dom.title.focus());
  });
}

/**
 * Builds the tour into `root` (a hidden section) with `start` (the "Tour" button). app: the page's
 * app; onChange() after the step changes.
 * Returns {count, step(), show(n, {preset, seed}), next(), previous(), close(), refresh()}.
 */
export function createTour(app, { root, start, onChange }) {
  const t = { app, root, start, onChange, step: 0 /* 0: no tour */, busy: false, training: false, before: null, pending: null };
  t.dom = buildPanel(root, (n) => go(t, n));
  t.dock = createDock(root);
  bindNavigation(t);
  return {
    /** How many steps the tour has. */
    count: TOUR_STEPS.length,
    /** The step shown (1-based), 0 when the tour is closed. */
    step: () => t.step,
    show: (n, options) => show(t, n, options),
    /** The next step (→). */
    next: () => t.step && go(t, t.step + 1),
    /** The previous step (←). */
    previous: () => t.step && go(t, t.step - 1),
    /** Closes the tour, keeping the settings (a link that replaces them). */
    close: () => end(t),
    refresh: () => refresh(t),
  };
}
