// The sentence under the "why it vanishes" panels (issue 13): the current numbers of snapshot().stats
// read out in the chapter's words — the factor between two layers and its ingredients (mean σ′ and
// the weights' size), how saturated each layer is, how spread its neurons' gradients are.

import { percent, sig } from '../core/format.js';

/** Each panel's title, and the note under its tabs (what a number means, which norm). */
export const PANEL_WORDS = Object.freeze({
  accuracy: { title: 'Validation accuracy and cost', sub: 'on 2,000 images', png: 'accuracy and cost chart' },
  factors: {
    title: 'Factor between layers ‖δˡ‖/‖δˡ⁺¹‖',
    sub: 'w = RMS length of outgoing weights, ‖Wˡ⁺¹‖_F/√nₗ; log scale',
    png: 'factor chart',
  },
  saturation: {
    title: 'Activations and saturation',
    sub: 'bands: 15th–85th percentile; dashed: % with σ′ below a tenth of its peak',
    png: 'saturation chart',
  },
  gradients: {
    title: 'Every neuron’s gradient |∂C/∂bⱼ|',
    sub: 'bands: 10th–90th percentile over all neurons of a layer, log scale',
    png: 'gradient spread chart',
  },
});

/** "sigmoid: σ′ < 0.025" — what saturated means for the net's activation. */
function saturatedMeans(activation) {
  if (activation === 'relu') return 'inactive, z ≤ 0';
  return activation === 'tanh' ? 'σ′ < 0.1' : 'σ′ < 0.025';
}

/** The factor sentence: the first pair, its ingredients, and the product over every pair. */
function factorsWords(st) {
  if (!st.factors.length) return 'One hidden layer: there is no factor between layers.';
  const f = st.factors[0];
  const first = `Layer 1 gets ${sig(f)}× the gradient of layer 2: mean σ′ ${sig(st.sigmaPrimeMean[0])}, weights ${sig(st.weightNorms[0])}`;
  const shrink = f < 1 ? ' — it shrinks on its way back' : f > 1 ? ' — it grows on its way back' : '';
  if (st.factors.length < 2) return `${first}${shrink}.`;
  const product = st.factors.reduce((p, x) => p * x, 1);
  const h = st.factors.length + 1;
  return `${first}${shrink}; from layer ${h} back to layer 1, ${sig(product)}× in all.`;
}

/** The saturation sentence: the most saturated layer, and the first layer's spread. */
function saturationWords(st, activation) {
  const worst = st.saturated.reduce((w, s, l) => (s > st.saturated[w] ? l : w), 0);
  const [p15, p50, p85] = st.activationPercentiles[0];
  const spreadWords = `Layer 1’s activations: median ${sig(p50)}, 15th–85th percentile ${sig(p15)}–${sig(p85)}`;
  return `${spreadWords}; most saturated: layer ${worst + 1}, ${percent(st.saturated[worst])} of its (image, neuron) pairs (${saturatedMeans(activation)}).`;
}

/** The gradient sentence: the first and last hidden layers' medians and spreads. */
function gradientsWords(st) {
  const [lo, mid, hi] = st.gradientPercentiles[0];
  const last = st.gradientPercentiles.length;
  const first = `Layer 1’s neurons: median |∂C/∂b| ${sig(mid)}, 10th–90th percentile ${sig(lo)}–${sig(hi)}`;
  if (last < 2) return `${first}.`;
  const lastMid = st.gradientPercentiles[last - 1][1];
  return `${first}; layer ${last}’s median ${sig(lastMid)}.`;
}

/** The words of panel `panel` for statistics `st` ('' for the accuracy panel). */
function panelWords(panel, st, activation) {
  if (panel === 'factors') return factorsWords(st);
  if (panel === 'saturation') return saturationWords(st, activation);
  if (panel === 'gradients') return gradientsWords(st);
  return '';
}

/**
 * The sentence under panel `panel` for snapshot `snap` ('' for the accuracy panel or before a
 * measurement); it names its epoch when a fast run's latest statistics are older than the epoch on screen.
 */
export function whySentence(panel, snap) {
  const st = snap.stats;
  if (!st || !st.sigmaPrimeMean?.length) return '';
  const words = panelWords(panel, st, snap.activation);
  const older = words && typeof snap.statsEpoch === 'number' && snap.statsEpoch !== snap.epoch;
  return older ? `At epoch ${snap.statsEpoch}: ${words}` : words;
}

/** The statistics of every measured epoch (each row its `epoch`) as CSV: epoch, then per hidden layer its factor, σ′, w, percentiles, saturated share. */
export function statsCsv(history) {
  const layers = Math.max(0, ...history.map((s) => s.sigmaPrimeMean.length));
  const columns = [];
  for (let l = 1; l <= layers; l += 1) {
    if (l < layers) columns.push(`factor${l}`);
    columns.push(`sigma_prime_mean${l}`, `weight_norm${l}`, `a_p15_${l}`, `a_p50_${l}`, `a_p85_${l}`, `saturated${l}`,
      `grad_p10_${l}`, `grad_p50_${l}`, `grad_p90_${l}`);
  }
  const cell = (v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : '');
  const row = (s, epoch) => {
    const cells = [epoch];
    for (let l = 0; l < layers; l += 1) {
      if (l < layers - 1) cells.push(cell(s.factors[l]));
      cells.push(cell(s.sigmaPrimeMean[l]), cell(s.weightNorms[l]), ...(s.activationPercentiles[l] ?? []).map(cell),
        cell(s.saturated[l]), ...(s.gradientPercentiles[l] ?? []).map(cell));
    }
    return cells.join(',');
  };
  return `${[['epoch', ...columns].join(','), ...history.map((s) => row(s, s.epoch))].join('\n')}\n`;
}
