// The guided tour's nine steps through NNDL ch. 5 (Michael Nielsen, Neural Networks and Deep
// Learning): each a preset (network settings or the chain explorer), a caption in our own words
// citing the chapter's section, an optional action, and facts computed from what is on screen.

import { problem123 } from '../core/engine.js';
import { sig, subscript, superscript } from '../core/format.js';
import { PRESETS, REMEDY_NETS } from '../state/settings.js';

/** The book's networks with the chapter's settings: 2, 3 and 4 hidden layers. */
const [TWO, THREE, FOUR] = PRESETS.map((p) => p.settings);

/** "‖δ¹‖ = 0.054, ‖δ²‖ = 0.30" for a list of speeds. */
export function speedList(speeds) {
  return speeds.map((v, i) => `‖δ${superscript(i + 1)}‖ = ${sig(v)}`).join(', ');
}

/** How many times faster the last hidden layer learns than the first, in words. */
export function spread(speeds) {
  if (speeds.length < 2 || !(speeds[0] > 0)) return '';
  const r = speeds[speeds.length - 1] / speeds[0];
  return r >= 1
    ? `the last hidden layer learns ${sig(r)}× as fast as the first`
    : `the first hidden layer learns ${sig(1 / r)}× as fast as the last`;
}

/** Facts on the network view: epoch, speeds and their spread. */
function networkFacts(s) {
  if (s.view !== 'network' || !s.speeds.length) return '';
  return `Now, epoch ${s.epoch} (seed ${s.seed}): ${speedList(s.speeds)}; ${spread(s.speeds)}.`;
}

/** Facts on the training so far: where the first layer's speed had its low point. */
function trainingFacts(s) {
  const first = s.history.map((speeds) => speeds[0]);
  if (s.view !== 'network' || first.length < 3) return networkFacts(s);
  let low = 0;
  first.forEach((v, e) => { if (v < first[low]) low = e; });
  const now = first[first.length - 1];
  const turn = low < first.length - 1 && now > first[low] * 1.05
    ? ` ‖δ¹‖ fell to its lowest, ${sig(first[low])}, at epoch ${low}, and has risen since to ${sig(now)}.`
    : ` ‖δ¹‖ is at its lowest so far.`;
  return `${networkFacts(s)}${turn}`;
}

/** Facts on the chain view: the factors of the product and what they do to ∂C/∂b₁. */
function chainFacts(s) {
  const c = s.chain;
  if (s.view !== 'chain' || !c) return '';
  const factors = c.factors.slice(1).map((f, i) => `w${subscript(i + 2)}σ′(z${subscript(i + 2)}) = ${sig(f)}`).join(', ');
  const r = Math.abs(c.grad_b[0] / c.grad_b[c.depth - 1]);
  return `Here: ${factors}; |∂C/∂b₁| is ${sig(r)} × |∂C/∂b${subscript(c.depth)}|.`;
}

/** Facts on the real net's factors: the first one, its ingredients, and the most saturated layer. */
function whyFacts(s) {
  const st = s.stats;
  if (s.view !== 'network' || !st?.factors.length) return networkFacts(s);
  const worst = st.saturated.reduce((w, x, l) => (x > st.saturated[w] ? l : w), 0);
  return `Now, epoch ${s.epoch}: layer 1 gets ${sig(st.factors[0])}× the gradient of layer 2 (mean σ′ ${sig(st.sigmaPrimeMean[0])}, weights ${sig(st.weightNorms[0])}); `
    + `the most saturated layer is ${worst + 1}, ${sig(100 * st.saturated[worst])}% of its neurons’ values.`;
}

/**
 * The steps. preset: set() partial ({view} plus network settings or a chain); the seed is kept.
 * target: the id of the figure the caption speaks of (scrolled into view beside the tour's panel).
 * action: 'table' (speeds of 2, 3, 4 hidden layers at initialisation), 'train' (a 500-epoch button).
 * facts(snapshot) → text computed from the page.
 */
export const TOUR_STEPS = [
  {
    title: 'A fresh [784,30,30,10]: the later layer learns faster',
    section: 'The vanishing gradient problem',
    caption: 'Each bar is the gradient ∂C/∂b of one neuron in a newly made network, averaged over the first 1,000 training digits. Compare the two groups: the second hidden layer’s bars are several times longer than the first’s, so gradient descent moves its biases faster. The number under each group, ‖δˡ‖, condenses that into one learning speed per layer.',
    target: 'chart-bars',
    preset: { view: 'network', ...TWO },
    facts: networkFacts,
  },
  {
    title: 'Before training: 2, 3 and 4 hidden layers side by side',
    section: 'The vanishing gradient problem',
    caption: 'The same measurement on three nets made the same way, each with one more hidden layer. Read a column from the bottom up, towards the input: every layer back learns several times more slowly than the one after it, so the deepest net’s first layer starts far behind its last. The table is measured here, with the page’s seed.',
    target: 'chart-bars',
    preset: { view: 'network', ...FOUR },
    action: 'table',
    facts: networkFacts,
  },
  {
    title: '500 epochs of the 2-hidden-layer net',
    section: 'The vanishing gradient problem',
    caption: 'Train with the chapter’s recipe: all 1,000 images as one batch, η = 0.1, λ = 5, for 500 epochs. On the log scale both speeds fall steeply at first, reach a low point and then recover part of the way; through it all the first hidden layer stays behind the second.',
    target: 'chart-speeds',
    preset: { view: 'network', ...TWO },
    action: 'train',
    facts: trainingFacts,
  },
  {
    title: '3 and 4 hidden layers: about 100× apart',
    section: 'The vanishing gradient problem',
    caption: 'More layers, wider spread. With the same 500 epochs, the first hidden layer of the 4-hidden-layer net ends up learning around a hundred times more slowly than its last: the layers nearest the pixels, which should find the basic features, hardly move. Switch between 3 and 4 hidden layers below.',
    target: 'chart-speeds',
    preset: { view: 'network', ...FOUR },
    action: 'train',
    alternatives: [['3 hidden layers', THREE], ['4 hidden layers', FOUR]],
    facts: trainingFacts,
  },
  {
    title: 'Why: a product of w·σ′(z) terms',
    section: 'What’s causing the vanishing gradient problem? Unstable gradients in deep neural nets',
    caption: 'Shrink the network to one sigmoid neuron per layer. By the chain rule, ∂C/∂b₁ is σ′(z₁) times one factor wⱼσ′(zⱼ) for each later layer, times ∂C/∂a at the end (eq. 122). σ′ is at most 1/4, so with ordinary weights every factor is below 1 and each added layer shrinks the early gradient once more.',
    target: 'chain-figure',
    preset: { view: 'chain', chain: { depth: 4, preset: 'random' } },
    facts: chainFacts,
  },
  {
    title: 'Why the first layer learns slowly, on the real net',
    section: 'What’s causing the vanishing gradient problem? Unstable gradients in deep neural nets',
    caption: 'Back to the 4-hidden-layer net. The Factor tab plots ‖δˡ‖/‖δˡ⁺¹‖, how much of layer l+1’s gradient reaches layer l: the real net’s version of one chain factor w·σ′(z), below 1 in blue. Its legend shows the two ingredients, the mean σ′ (at most 1/4) and the size of the weights. The Saturation tab shows where the activations sit and how many neurons are saturated, with σ′ near 0. Press Play and watch both.',
    target: 'chart-accuracy',
    preset: { view: 'network', ...FOUR, panel: 'factors' },
    facts: whyFacts,
  },
  {
    title: 'The exploding recipe',
    section: 'The exploding gradient problem',
    caption: 'Now the opposite: set every weight to 100 and pick each bias so that the neuron’s input z is 0, where σ′ peaks at 1/4. Every factor becomes 25 and the early gradients grow huge instead of tiny. Vanishing or exploding, the gradient is unstable: layers learn at very different speeds. The Network view’s Explode button does this to the real net.',
    target: 'chain-figure',
    preset: { view: 'chain', chain: { depth: 4, preset: 'explode' } },
    facts: chainFacts,
  },
  {
    title: 'Why explosions are rare with sigmoids: problem (123)',
    section: 'The prevalence of the vanishing gradient problem',
    caption: 'A factor |w·σ′(w·a + b)| can reach 1 only when |w| ≥ 4, and a big weight also pushes w·a + b away from 0, where σ′ dies off. Only inputs a inside a narrow window keep the factor at 1 or more; the Problem (123) panel measures that window for any w and b. In a randomly started sigmoid net this rarely happens, so vanishing is the usual outcome.',
    target: 'problem-factor',
    preset: { view: 'chain', chain: { depth: 4, preset: 'random' } },
    facts: () => {
      const [w, width] = problem123(6.9, -3.45).widest;
      return `Computed: the widest window any weight gives is ${sig(width)} (at |w| ≈ ${sig(w)}), less than half of the range 0 to 1.`;
    },
  },
  {
    title: 'Beyond the chapter: ReLU and He initialisation',
    section: 'Other obstacles to deep learning',
    caption: 'This step goes past the book. Replace the sigmoid by ReLU, whose slope is exactly 1 wherever a neuron is active, and draw the first weights with variance 2/n_in (He) so signals keep their size from layer to layer. The 4-hidden-layer net’s layers now start much closer together than in step 2. Press Play to see whether it lasts; a net that overflows says so.',
    target: 'chart-speeds',
    preset: { view: 'network', ...FOUR, activation: 'relu', init: 'he' },
    facts: networkFacts,
  },
  {
    title: 'Remedies side by side',
    section: 'Beyond the chapter: batch normalisation (Ioffe & Szegedy 2015), skip connections',
    caption: 'Four fixes for the 4-hidden-layer sigmoid net, trained 500 epochs each on one chart: as it is; with ReLU + He; with batch normalisation (each z rescaled by the batch’s mean and spread before σ; the speed is then ‖∂C/∂β‖, as b cancels); with skip connections (aˡ = aˡ⁻¹ + σ(zˡ): a path for the gradient without the w·σ′ factors). Faint curves are the earlier runs.',
    preset: { view: 'network', ...REMEDY_NETS[0] },
    target: 'chart-speeds',
    action: 'remedies',
    facts: remedyFacts,
  },
];

/** Facts on the comparison: each run's last/first speed ratio at its last epoch. */
function remedyFacts(s) {
  if (s.view !== 'network') return '';
  const runs = s.runs.filter((r) => r.history.length > 1);
  if (runs.length < 2) return networkFacts(s);
  const ratios = runs.map((r) => {
    const last = r.history[r.history.length - 1].speeds;
    return `${r.chartLabel} ${sig(last[last.length - 1] / last[0])} (epoch ${r.epoch})`;
  });
  return `Last hidden layer’s speed ÷ first’s: ${ratios.join(', ')}.`;
}

/** The networks of the table in step 2. */
export const TABLE_NETS = [TWO, THREE, FOUR];
