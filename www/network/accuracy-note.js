// The accuracy chart's one-line note: with full-batch training (the book's chapter 5 settings)
// the net makes one update per epoch, so accuracy rises slowly; the note says so and offers
// mini-batch 10, where the same epoch makes a hundred updates and the net visibly learns.

import { el } from '../ui/dom.js';
import { int } from '../core/format.js';
import { isFullBatch } from '../state/settings.js';

/** The mini-batch the note offers: network.py's in chapter 1 (`net.SGD(training_data, 30, 10, 3.0, …)`). */
const LEARNING_BATCH = 10;

/**
 * Builds the note under the accuracy chart's canvas (in `figure`); its button calls
 * onChange({batch: 10}). Returns {sync(snapshot)}: shown only while training is full-batch.
 */
export function buildAccuracyNote(figure, onChange) {
  const text = el('span', {});
  const button = el('button', { type: 'button', class: 'inline' }, `Use mini-batch ${LEARNING_BATCH}`);
  button.addEventListener('click', () => onChange({ batch: LEARNING_BATCH }));
  const note = el('p', { id: 'accuracy-note', class: 'hint chart-note', hidden: '' }, text, ' ', button);
  figure?.append(note);
  return {
    /** Shows the note for the snapshot's images and batch. */
    sync(snap) {
      note.hidden = !isFullBatch(snap);
      if (!note.hidden) {
        text.textContent = 'Full batch: one update per epoch, so accuracy rises slowly.';
        note.title = `One update per epoch on all ${int(snap.images)} images: this experiment is about the speeds. To see the network learn, use mini-batches of ${LEARNING_BATCH}.`;
      }
    },
  };
}
