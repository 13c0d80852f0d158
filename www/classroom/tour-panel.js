// The tour's panel: the step's number and title with "End tour", the numbered steps, the caption,
// the chapter section, the step's action (a table, a training button) and its facts in a part that
// scrolls, and Previous / Next at the panel's foot (a fixed place: the caption never moves them).
// What the panel shows for a step is rendered here; tour.js moves between the steps.

import { sig, superscript } from '../core/format.js';
import { el } from '../ui/dom.js';
import { TABLE_NETS, TOUR_STEPS } from './tour-steps.js';

/** The epochs of the chapter's training curves. */
export const EPOCHS = 500;

/** Builds the panel's elements into `root`; go(n) is called when a numbered step is clicked. */
export function buildPanel(root, go) {
  const dom = {
    root,
    title: el('h2', { id: 'tour-title', tabindex: '-1' }),
    numbers: el('ol', { class: 'tour-steps', 'aria-label': 'Tour steps' }),
    caption: el('p', { class: 'tour-caption' }),
    cite: el('p', { class: 'tour-cite' }),
    extra: el('div', { class: 'tour-extra' }),
    facts: el('p', { class: 'tour-facts', 'aria-live': 'polite' }),
    prev: el('button', { type: 'button', id: 'tour-prev' }, 'Previous'),
    next: el('button', { type: 'button', id: 'tour-next', class: 'primary' }, 'Next'),
    close: el('button', { type: 'button', id: 'tour-close', title: 'Close the tour and bring back your settings from before it' }, 'End tour'),
  };
  dom.stepButtons = TOUR_STEPS.map((s, i) => {
    const b = el('button', { type: 'button', 'aria-label': `Step ${i + 1}: ${s.title}`, title: s.title }, String(i + 1));
    b.addEventListener('click', () => go(i + 1));
    dom.numbers.append(el('li', {}, b));
    return b;
  });
  dom.body = el('div', { class: 'tour-body' }, dom.caption, dom.cite, dom.extra, dom.facts);
  root.append(
    el('div', { class: 'tour-head' }, dom.title, dom.close),
    dom.numbers, dom.body,
    el('div', { class: 'tour-nav' }, dom.prev, dom.next),
  );
  return dom;
}

/** Shows step `n`'s (1-based) title, caption and section; clears its action and facts. */
export function renderStep(dom, n) {
  const spec = TOUR_STEPS[n - 1];
  dom.root.dataset.target = spec.target; // the figure the caption speaks of (for readers of the page's DOM)
  dom.title.textContent = `Tour, step ${n} of ${TOUR_STEPS.length}: ${spec.title}`;
  dom.caption.textContent = spec.caption;
  dom.cite.textContent = `NNDL ch. 5, section “${spec.section}”.`;
  dom.stepButtons.forEach((b, i) => (i + 1 === n ? b.setAttribute('aria-current', 'step') : b.removeAttribute('aria-current')));
  dom.extra.replaceChildren();
  dom.facts.textContent = '';
  dom.body.scrollTop = 0;
}

/** The buttons and facts of step `t.step` as the page is now (snap: the app's snapshot). */
export function renderState(t, snap) {
  const { dom } = t;
  const spec = TOUR_STEPS[t.step - 1];
  dom.prev.disabled = t.busy || t.step === 1;
  dom.next.disabled = t.busy || t.step === TOUR_STEPS.length;
  const text = t.busy ? 'Setting up this step…' : spec.facts(snap);
  if (dom.facts.textContent !== text) dom.facts.textContent = text;
  const train = dom.extra.querySelector('#tour-train');
  if (train) {
    train.disabled = t.training || t.busy || snap.epoch >= EPOCHS;
    train.textContent = t.training ? `Training… epoch ${snap.epoch} of ${EPOCHS}` : snap.epoch >= EPOCHS ? `Trained ${snap.epoch} epochs` : `Train ${EPOCHS} epochs`;
  }
}

/**
 * The speeds at initialisation of 2, 3 and 4 hidden layers, measured with `app` one after the other:
 * a column per net (narrow enough for the docked panel), a row per layer, then last ÷ first.
 */
export async function speedTable(extra, app, seed) {
  const measured = [];
  for (const net of TABLE_NETS) measured.push((await app.set({ ...net, seed, view: 'network' })).speeds);
  const head = el('tr', {}, el('td', {}), ...measured.map((s) => el('th', { scope: 'col' }, `${s.length} hidden`)));
  const rows = [0, 1, 2, 3].map((l) => el('tr', {}, el('th', { scope: 'row' }, `‖δ${superscript(l + 1)}‖`),
    ...measured.map((s) => el('td', {}, l < s.length ? sig(s[l]) : ''))));
  const ratio = el('tr', {}, el('th', { scope: 'row' }, 'last ÷ first'),
    ...measured.map((s) => el('td', {}, `${sig(s[s.length - 1] / s[0])}×`)));
  extra.replaceChildren(el('table', { class: 'tour-table' },
    el('caption', {}, `Learning speeds at epoch 0, seed ${seed}, first 1,000 images (measured now)`),
    el('thead', {}, head), el('tbody', {}, ...rows, ratio)));
}
