// Editing the MNIST network in place: a weight scale and a bias shift per hidden layer (relative to
// the last fresh or exploded net, as Session.edit_layer takes them) and the book's "Explode"
// recipe. After an edit the net is re-measured with its history kept (Rust marks the epoch).

import { editLayer, explode, snapshot } from '../core/engine.js';
import { EDIT_LIMITS, readList } from '../state/settings.js';

/** Why an overflowed net is not edited. */
const AFTER_OVERFLOW = 'The network overflowed, so it cannot be edited: press Reset first (or change a setting).';

/**
 * Creates the editor of the session's net. player: its player (status(), remeasure()).
 * Returns {layers(scales, shifts) → notes, explode() → notes}; either re-measures when it edits.
 */
export function createEdits(player) {
  const refused = () => player.status() === 'overflow';
  return {
    /**
     * Sets the weight scale and bias shift of hidden layers from partial lists (null, undefined or
     * missing entries keep their value; unchanged layers are left alone). Returns the notes.
     */
    layers(scales, shifts) {
      const notes = [];
      const snap = snapshot();
      const [scale0, shift0] = [snap.layerScale ?? [], snap.layerShift ?? []];
      const limitOf = (key) => (i) => ({ ...EDIT_LIMITS[key], name: `${EDIT_LIMITS[key].name} ${i + 1}` });
      const scale = scales === undefined ? scale0 : readList(scales, scale0, limitOf('scale'), notes, 'layerScale');
      const shift = shifts === undefined ? shift0 : readList(shifts, shift0, limitOf('shift'), notes, 'layerShift');
      const changed = scale.map((_, i) => i).filter((i) => scale[i] !== scale0[i] || shift[i] !== shift0[i]);
      if (!changed.length) return notes;
      if (refused()) return [...notes, AFTER_OVERFLOW];
      try {
        for (const i of changed) editLayer(i + 1, scale[i], shift[i]);
      } finally {
        player.remeasure(); // whatever was applied before a refusal is measured too
      }
      return notes;
    },
    /** The book's recipe for exploding gradients on the real net; returns the notes. */
    explode() {
      if (refused()) return [AFTER_OVERFLOW];
      explode();
      player.remeasure();
      return [];
    },
  };
}
