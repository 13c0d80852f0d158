// The comparison buttons by the learning-speed chart: "The book’s three networks" (trains
// [784,30,30,10], [784,30,30,30,10] and [784,30,30,30,30,10] to 500 epochs at once, in Web Workers:
// network/compare.js; the first two stay on the chart) and "Clear runs" (forgets the earlier runs).

import { el } from '../ui/dom.js';

/** Builds the two buttons into `caption` (the speeds chart's caption); app: {compareBook(), clearRuns()}. */
export function buildRunsControls(caption, app, onError) {
  const book = el('button', { type: 'button', id: 'compare-book', 'aria-label': 'The book’s three networks', title: 'Train the book’s three networks to 500 epochs at once (in Web Workers) and show their speeds together' }, 'Book’s 3 nets');
  const clear = el('button', { type: 'button', id: 'clear-runs', 'aria-label': 'Clear runs', title: 'Forget the earlier runs drawn faint on this chart' }, 'Clear');
  book.addEventListener('click', () => app.compareBook().catch(onError));
  clear.addEventListener('click', () => app.clearRuns().catch(onError));
  caption?.append(el('span', { class: 'runs-controls' }, book, ' ', clear));
}
