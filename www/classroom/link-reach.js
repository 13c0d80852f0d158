// How much of the state on screen a link rebuilds, in words: exactly (its run replayed when it is
// opened), at its settings with a button to re-train to its epoch (a run whose replay would take
// minutes), at its settings only (a run beyond the epochs a link re-trains), and never the
// imported network a link cannot carry. The Copy link notice and the opened link say the same.

import { int } from '../core/format.js';
import { schema } from '../state/schema.js';
import { MAX_RUN_EPOCHS, runEpochs } from '../state/link-codec.js';

/**
 * The training a run replays: (epochs + edits) × images × weights of its network — each Explode or
 * layer edit is re-measured, which costs about an epoch.
 */
function runWork({ settings, run }) {
  const { sizes, images } = settings;
  const weights = sizes.slice(1).reduce((sum, n, l) => sum + n * sizes[l], 0);
  const edits = run.filter((op) => !op.epochs).length;
  return (runEpochs(run) + edits) * images * weights;
}

/**
 * What a decoded link rebuilds: {kind, epoch, epochs, earlier}. kind 'exact' (replayed when
 * opened), 'long' (over the schema's replayWork: opened at its settings, re-trained on request)
 * or 'beyond' (over MAX_RUN_EPOCHS: opened at its settings only); epoch: the epoch its run
 * reaches; epochs: the epochs it trains with its earlier runs; earlier: how many earlier runs.
 */
export function reach(link) {
  const runs = [link, ...link.kept];
  const epochs = runs.reduce((sum, r) => sum + runEpochs(r.run), 0);
  const work = runs.reduce((sum, r) => sum + runWork(r), 0);
  const kind = epochs > MAX_RUN_EPOCHS ? 'beyond' : work > schema().replayWork ? 'long' : 'exact';
  return { kind, epoch: runEpochs(link.run), epochs, earlier: link.kept.length };
}

/** "20,798 epochs" or "20,798 epochs in all, with its 2 earlier runs". */
const trained = ({ epochs, earlier }) => `${int(epochs)} epochs${earlier ? ` in all, with its ${earlier} earlier run${earlier > 1 ? 's' : ''}` : ''}`;

/** The note of an opened link whose run was not replayed (kind 'long' or 'beyond'). */
export function openedNote(r, images) {
  if (r.kind === 'beyond') {
    return `This link’s run trains ${trained(r)}, beyond the ${int(MAX_RUN_EPOCHS)} epochs a link re-trains: it was opened at its settings, at epoch 0, and cannot re-train to epoch ${int(r.epoch)}.`;
  }
  return `This link re-trains to epoch ${int(r.epoch)} (${trained(r)} on ${int(images)} images), which would take minutes here: it was opened at its settings, at epoch 0. Press “Replay the run” to re-train to epoch ${int(r.epoch)} now.`;
}

/**
 * What the link in the address bar rebuilds, as the Copy link notice says it (`copied`: the
 * clipboard took it; `shown`: the epoch on screen, one less than the run's after an overflow).
 */
export function copyNote(link, copied, shown) {
  const r = reach(link);
  const head = copied ? 'The link was copied' : 'The browser would not copy; the address bar holds the link';
  const lost = link.importedKept.length ? ' An earlier run trained from an imported network is left out: a link cannot carry an imported network.' : '';
  if (link.imported) {
    return `${head}, but it cannot include the imported network: it opens a fresh random network of the same sizes and settings, not these numbers.${lost}`;
  }
  if (r.kind === 'beyond') {
    return `${head} with these settings only: it opens at epoch 0, because re-training ${trained(r)} is beyond the ${int(MAX_RUN_EPOCHS)} epochs a link re-trains.${lost}`;
  }
  if (r.kind === 'long') {
    return `${head}: it opens at these settings at epoch 0 and re-trains to epoch ${int(r.epoch)} when asked (“Replay the run”, ${trained(r)}), because that takes minutes.${lost}`;
  }
  const at = int(shown ?? r.epoch);
  return lost ? `${head}: it opens exactly this network at epoch ${at}.${lost}` : `${head}: it opens exactly this state (epoch ${at}).`;
}
