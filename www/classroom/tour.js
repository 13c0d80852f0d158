// The guided tour: a panel under the header with the step's number and title, its caption and the
// chapter section it follows, the step's action (a table, a training button, alternatives) and
// facts computed from the page; Previous / Next (and the numbered steps) move through the presets.

import { el } from '../ui/dom.js';
import { errorText, sig, superscript } from '../core/format.js';
import { TABLE_NETS, TOUR_STEPS } from './tour-steps.js';

/** The epochs of the chapter's training curves. */
const EPOCHS = 500;

/**
 * Builds the tour into `root` (a hidden section) with `start` (the "Tour" button). app: the page's
 * app; wasm: the module's functions; onChange() after the step changes.
 * Returns {count, step(), show(n, {preset, seed}), next(), previous(), close(), refresh()}.
 */
export function createTour(app, wasm, { root, start, onChange }) {
  let step = 0; // 0: no tour
  let busy = false;
  let training = false;
  const title = el('h2', { id: 'tour-title', tabindex: '-1' });
  const numbers = el('ol', { class: 'tour-steps', 'aria-label': 'Tour steps' });
  const caption = el('p', { class: 'tour-caption' });
  const cite = el('p', { class: 'tour-cite' });
  const extra = el('div', { class: 'tour-extra' });
  const facts = el('p', { class: 'tour-facts', 'aria-live': 'polite' });
  const prev = el('button', { type: 'button', id: 'tour-prev' }, 'Previous');
  const next = el('button', { type: 'button', id: 'tour-next', class: 'primary' }, 'Next');
  const close = el('button', { type: 'button', id: 'tour-close' }, 'End tour');
  const stepButtons = TOUR_STEPS.map((s, i) => {
    const b = el('button', { type: 'button', 'aria-label': `Step ${i + 1}: ${s.title}`, title: s.title }, String(i + 1));
    b.addEventListener('click', () => go(i + 1));
    numbers.append(el('li', {}, b));
    return b;
  });
  root.append(
    el('div', { class: 'tour-head' }, title, el('div', { class: 'tour-nav' }, prev, next, close)),
    numbers, caption, cite, extra, facts,
  );

  /** The speeds at initialisation of 2, 3 and 4 hidden layers, measured here one after the other. */
  const table = async (seed) => {
    const body = el('tbody');
    const head = el('tr', {}, el('th', { scope: 'col' }, 'hidden layers'),
      ...[1, 2, 3, 4].map((l) => el('th', { scope: 'col' }, `‖δ${superscript(l)}‖`)), el('th', { scope: 'col' }, 'last ÷ first'));
    extra.replaceChildren(el('table', { class: 'tour-table' },
      el('caption', {}, `Learning speeds at epoch 0, seed ${seed}, first 1,000 images (measured now)`), el('thead', {}, head), body));
    for (const net of TABLE_NETS) {
      const s = await app.set({ ...net, seed, view: 'network' });
      const cells = [0, 1, 2, 3].map((l) => el('td', {}, l < s.speeds.length ? sig(s.speeds[l]) : ''));
      const ratio = s.speeds[s.speeds.length - 1] / s.speeds[0];
      body.append(el('tr', {}, el('th', { scope: 'row' }, String(s.sizes.length - 2)), ...cells, el('td', {}, `${sig(ratio)}×`)));
    }
  };

  /** The training button of steps 3 and 4 (and alternatives: other nets of the same step). */
  const trainControls = (spec) => {
    const train = el('button', { type: 'button', id: 'tour-train' }, `Train ${EPOCHS} epochs`);
    train.addEventListener('click', async () => {
      const epoch = app.snapshot().epoch;
      if (epoch >= EPOCHS || training) return;
      training = true;
      refresh();
      try {
        await app.step(EPOCHS - epoch);
      } finally {
        training = false;
        refresh();
      }
    });
    const others = (spec.alternatives ?? []).map(([label, net]) => {
      const b = el('button', { type: 'button' }, label);
      b.addEventListener('click', () => app.set({ ...net, seed: app.snapshot().seed, view: 'network' }));
      return b;
    });
    extra.replaceChildren(el('div', { class: 'actions' }, train, ...others));
  };

  /** Shows step `n` (1-based); preset: apply its preset (false when a link restores its own settings). */
  const show = async (n, { preset = true, seed } = {}) => {
    const spec = TOUR_STEPS[n - 1];
    step = n;
    root.hidden = false;
    start.setAttribute('aria-pressed', 'true');
    title.textContent = `Tour, step ${n} of ${TOUR_STEPS.length}: ${spec.title}`;
    caption.textContent = spec.caption;
    cite.textContent = `NNDL ch. 5, section “${spec.section}”.`;
    stepButtons.forEach((b, i) => (i + 1 === n ? b.setAttribute('aria-current', 'step') : b.removeAttribute('aria-current')));
    extra.replaceChildren();
    facts.textContent = '';
    onChange();
    busy = true;
    refresh();
    try {
      const keep = seed ?? app.snapshot().seed;
      if (spec.action === 'table') await table(keep);
      else if (spec.action === 'train') trainControls(spec);
      if (preset && spec.action !== 'table') await app.set(spec.preset.sizes ? { ...spec.preset, seed: keep } : spec.preset);
      if (spec.action === 'problem') document.getElementById('problem-title')?.scrollIntoView({ block: 'nearest' });
    } catch (e) {
      facts.textContent = `This step could not be set up: ${errorText(e)}`;
    } finally {
      busy = false;
      refresh();
      onChange();
    }
  };
  const go = (n) => {
    if (!busy && n >= 1 && n <= TOUR_STEPS.length) show(n);
  };
  /** Updates the facts and the buttons from the page as it is now. */
  function refresh() {
    if (!step) return;
    const spec = TOUR_STEPS[step - 1];
    prev.disabled = busy || step === 1;
    next.disabled = busy || step === TOUR_STEPS.length;
    const snap = app.snapshot();
    const text = busy ? 'Setting up this step…' : spec.facts(snap, wasm);
    if (facts.textContent !== text) facts.textContent = text;
    const train = extra.querySelector('#tour-train');
    if (train) {
      train.disabled = training || busy || snap.epoch >= EPOCHS;
      train.textContent = training ? `Training… epoch ${snap.epoch} of ${EPOCHS}` : snap.epoch >= EPOCHS ? `Trained ${snap.epoch} epochs` : `Train ${EPOCHS} epochs`;
    }
  }
  const end = () => {
    step = 0;
    root.hidden = true;
    start.setAttribute('aria-pressed', 'false');
    onChange();
  };
  prev.addEventListener('click', () => go(step - 1));
  next.addEventListener('click', () => go(step + 1));
  close.addEventListener('click', () => {
    end();
    start.focus();
  });
  start.addEventListener('click', () => {
    if (step) return end();
    show(1).then(() => title.focus());
  });

  return {
    /** How many steps the tour has. */
    count: TOUR_STEPS.length,
    /** The step shown (1-based), 0 when the tour is closed. */
    step: () => step,
    show,
    /** The next step (→). */
    next: () => step && go(step + 1),
    /** The previous step (←). */
    previous: () => step && go(step - 1),
    /** Closes the tour. */
    close: end,
    refresh,
  };
}
