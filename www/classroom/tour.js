// The guided tour: a panel under the header (tour-panel.js) with the step's number and title, its
// caption and the chapter section it follows, the step's action (a table, a training button,
// alternatives) and facts computed from the page; Previous / Next (and the numbered steps) move
// through the presets. The parts share one explicit state object, `t`.

import { errorText } from '../core/format.js';
import { el } from '../ui/dom.js';
import { EPOCHS, buildPanel, renderState, renderStep, speedTable } from './tour-panel.js';
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

/** The closing step's button: trains the four nets of the comparison one after another. */
function remedyControls(t) {
  const run = el('button', { type: 'button', id: 'tour-remedies' }, `Train all four, ${EPOCHS} epochs each`);
  run.addEventListener('click', async () => {
    if (t.training) return;
    t.training = true;
    refresh(t);
    try {
      await t.app.compareRemedies();
    } finally {
      t.training = false;
      refresh(t);
    }
  });
  t.dom.extra.replaceChildren(el('div', { class: 'actions' }, run));
}

/** Sets the page up for step `spec`: its action, then its preset (unless `preset` is false). */
async function applyStep(t, spec, { preset, seed }) {
  const keep = seed ?? t.app.snapshot().seed;
  if (spec.action === 'table') await speedTable(t.dom.extra, t.app, keep);
  else if (spec.action === 'train') trainControls(t, spec);
  else if (spec.action === 'remedies') remedyControls(t);
  if (preset && spec.action !== 'table') await t.app.set(spec.preset.sizes ? { ...spec.preset, seed: keep } : spec.preset);
  if (spec.action === 'problem') document.getElementById('problem-title')?.scrollIntoView({ block: 'nearest' });
}

/** Shows step `n` (1-based); preset: apply its preset (false when a link restores its own settings). */
async function show(t, n, { preset = true, seed } = {}) {
  t.step = n;
  t.root.hidden = false;
  t.start.setAttribute('aria-pressed', 'true');
  renderStep(t.dom, n);
  t.onChange();
  t.busy = true;
  refresh(t);
  try {
    await applyStep(t, TOUR_STEPS[n - 1], { preset, seed });
  } catch (e) {
    t.dom.facts.textContent = `This step could not be set up: ${errorText(e)}`;
  } finally {
    t.busy = false;
    refresh(t);
    t.onChange();
  }
}

/** Moves to step `n` when the tour is not setting a step up and `n` exists. */
function go(t, n) {
  if (!t.busy && n >= 1 && n <= TOUR_STEPS.length) show(t, n);
}

/** Closes the tour. */
function end(t) {
  t.step = 0;
  t.root.hidden = true;
  t.start.setAttribute('aria-pressed', 'false');
  t.onChange();
}

/** Binds Previous, Next, End tour and the "Tour" button. */
function bindNavigation(t) {
  t.dom.prev.addEventListener('click', () => go(t, t.step - 1));
  t.dom.next.addEventListener('click', () => go(t, t.step + 1));
  t.dom.close.addEventListener('click', () => {
    end(t);
    t.start.focus();
  });
  t.start.addEventListener('click', () => {
    if (t.step) return end(t);
    show(t, 1).then(() => t.dom.title.focus());
  });
}

/**
 * Builds the tour into `root` (a hidden section) with `start` (the "Tour" button). app: the page's
 * app; onChange() after the step changes.
 * Returns {count, step(), show(n, {preset, seed}), next(), previous(), close(), refresh()}.
 */
export function createTour(app, { root, start, onChange }) {
  const t = { app, root, start, onChange, step: 0 /* 0: no tour */, busy: false, training: false };
  t.dom = buildPanel(root, (n) => go(t, n));
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
    /** Closes the tour. */
    close: () => end(t),
    refresh: () => refresh(t),
  };
}
