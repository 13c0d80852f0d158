// What "End tour" brings back: the settings from before the tour started — the network's settings
// (with the seed), the play settings (speed, epoch limit, bar scale), the view and the chain — and
// the words that say so. A trained network is not brought back: the settings make a fresh one.

import { int } from '../core/format.js';

/** The chain's own settings (its numbers are results). */
const CHAIN_SETTINGS = ['depth', 'w', 'b', 'a0', 'y', 'cost'];

/** The page's settings now, from `app`: {settings, play, view, chain, epoch}. */
export function captureSettings(app) {
  const { settings, play, view, chain } = app.linkState();
  const own = chain ? Object.fromEntries(CHAIN_SETTINGS.map((k) => [k, chain[k]])) : null;
  return { settings, play, view, chain: own, epoch: app.snapshot().epoch };
}

/**
 * Pauses training and applies `before` (from captureSettings) to `app`; resolves to the notice:
 * what came back, and that the network starts from epoch 0 if it had trained before the tour.
 */
export async function restoreSettings(app, before) {
  app.pause();
  const partial = { ...before.settings, ...before.play, view: before.view };
  if (before.chain) partial.chain = before.chain;
  await app.set(partial);
  const trained = before.epoch > 0 ? ` The network starts again from epoch 0 (it was at epoch ${int(before.epoch)}).` : '';
  return `Tour ended: your settings from before the tour are back.${trained}`;
}
