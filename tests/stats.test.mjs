// Browser tests of issue 13's panel, "why it vanishes": the Factor, Saturation and Gradients tabs
// beside the learning speeds draw real pixels at the five screen sizes of tests/layout.test.mjs (and
// in projector mode) without the page scrolling; snapshot().stats and statsHistory equal the native
// CLI's `train --stats` for the same seed; the sentence under the chart reads the snapshot's numbers;
// the tab is in the link; the panel exports as PNG and CSV; the tour's step shows it.
// Screenshots: target/screenshots/stats-<w>x<h>[-projector].png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Harness } from './lib/browser.mjs';
import { buildCli, cliLines } from './lib/cli.mjs';
import { decodePng, download } from './lib/classroom.mjs';
import { api, canvasStats, frames, screenshotPath, snapshot } from './lib/page.mjs';

const T = { timeout: 5 * 60 * 1000 };

/** The sizes of tests/layout.test.mjs (issue 10's laptop, projector and desktop screens). */
const SIZES = [[1024, 768], [1280, 720], [1366, 768], [1440, 900], [1920, 1080]];

/** The tabs and the panel each shows. */
const TABS = [['Factor', 'factors'], ['Saturation', 'saturation'], ['Gradients', 'gradients']];

/** The book's deepest net with the chapter's settings (full batch of the first 1,000 images). */
const BOOK4 = { sizes: [784, 30, 30, 30, 30, 10], images: 1000, batch: 1000, eta: 0.1, lambda: 5 };

/** @type {Harness} */
let h;
before(async () => {
  buildCli();
  h = await Harness.start();
}, { timeout: 15 * 60 * 1000 });
after(async () => {
  await h?.stop();
});

const tab = (page, name) => page.getByRole('tab', { name, exact: true });

/** Clicks tab `name` and waits until the session holds `panel` and a frame has drawn it. */
async function showTab(page, name, panel) {
  await tab(page, name).click();
  await page.waitForFunction((p) => window.gradscope.snapshot().panel === p, panel);
  await frames(page, 3);
}

/** Pixel statistics of the panel's canvas. */
async function panelPixels(page) {
  return (await canvasStats(page)).find((c) => c.label.startsWith('chart-accuracy'));
}

/** `x` equals `want` to `rel` relative (or `abs`). */
function close(x, want, { rel = 1e-3, abs = 1e-9 } = {}, what = '') {
  assert.ok(Number.isFinite(x) && Math.abs(x - want) <= Math.max(abs, rel * Math.abs(want)), `${what}: ${x} vs ${want}`);
}

for (const size of SIZES) {
  for (const projector of size[0] === 1024 ? [false, true] : [false]) {
    const name = `stats-${size[0]}x${size[1]}${projector ? '-projector' : ''}`;
    test(`the three panels draw at ${size[0]} × ${size[1]}${projector ? ', projector mode' : ''}: ${name}.png`, T, async (t) => {
      const page = await h.openPageFor(t);
      await page.setViewportSize({ width: size[0], height: size[1] });
      if (projector) await page.getByRole('button', { name: 'Projector', exact: true }).click();
      await api(page, 'set', { sizes: BOOK4.sizes });
      await api(page, 'step', 3);
      for (const [label, panel] of TABS) {
        await showTab(page, label, panel);
        const px = await panelPixels(page);
        assert.ok(px.distinct >= 8 && px.nonBackground >= 0.02, `${panel}: ${px.distinct} colours, ${(100 * px.nonBackground).toFixed(1)} % drawn`);
        const box = await page.locator('#chart-accuracy').boundingBox();
        assert.ok(box.y + box.height <= size[1] + 0.5 && box.height >= 60, `${panel}: the chart on screen, ${Math.round(box.height)} px tall`);
        assert.ok(await page.locator('#why-sentence').isVisible(), `${panel}: the sentence is shown`);
        const scroll = await page.evaluate(() => document.scrollingElement.scrollHeight - innerHeight);
        assert.ok(scroll <= 1, `${panel}: no vertical scrolling (${scroll} px)`);
        if (panel === 'factors') await page.screenshot({ path: screenshotPath(`${name}.png`) });
      }
      await showTab(page, 'Accuracy', 'accuracy');
      assert.ok(!(await page.locator('#why-sentence').isVisible()), 'the accuracy panel has no sentence');
      assert.deepEqual(h.pageErrors, [], 'no page error');
    });
  }
}

/** The CLI's stats under the snapshot's (camelCase) keys. */
const camel = (s) => ({
  factors: s.factors,
  sigmaPrimeMean: s.sigma_prime_mean,
  weightNorms: s.weight_norms,
  activationPercentiles: s.activation_percentiles,
  saturated: s.saturated,
  gradientPercentiles: s.gradient_percentiles,
});

/** Every number of two stats objects agrees (wasm and native f32 sums differ in the last digits). */
function sameStats(got, want, what) {
  assert.deepEqual(Object.keys(got).sort(), Object.keys(want).sort(), `${what}: keys`);
  for (const key of Object.keys(want)) {
    const [g, w] = [[got[key]].flat(2), [want[key]].flat(2)];
    assert.equal(g.length, w.length, `${what}: ${key} length`);
    // Saturated shares count (image, neuron) pairs: one pair more or less is 1/30,000 of a layer.
    const tol = key === 'saturated' ? { rel: 0, abs: 1e-4 } : { rel: 1e-3, abs: 1e-12 };
    g.forEach((x, i) => close(x, w[i], tol, `${what}: ${key}[${i}]`));
  }
}

test("snapshot().stats and the stats history equal the CLI's train --stats for the same seed", T, async (t) => {
  const page = await h.openPageFor(t);
  await api(page, 'set', BOOK4);
  const s = await api(page, 'step', 2);
  const args = ['train', '--sizes', s.sizes.join(','), '--seed', String(s.seed), '--images', String(s.images),
    '--epochs', '2', '--batch', String(s.batch), '--eta', String(s.eta), '--lambda', String(s.lambda), '--stats'];
  const lines = cliLines(args);
  console.log(`gradscope ${args.join(' ')}\n  CLI  factors ${JSON.stringify(lines[2].stats.factors)}\n  page factors ${JSON.stringify(s.stats.factors)}`);
  sameStats(s.stats, camel(lines[2].stats), 'epoch 2');
  const history = await api(page, 'statsHistory');
  assert.equal(history.length, 3, 'epochs 0, 1, 2');
  history.forEach(({ epoch, ...st }, e) => {
    assert.equal(epoch, e, 'a step of 2 epochs measures every epoch');
    sameStats(st, camel(lines[e].stats), `history, epoch ${e}`);
  });
  // The book's net at epoch 0 (the check): every factor below 1.
  assert.ok(history[0].factors.every((f) => f < 1), `${history[0].factors}`);
});

/** The numbers written in `text`, in order ("1.5e-5" included). */
const numbers = (text) => [...text.matchAll(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g)].map((m) => Number(m[0]));

test("each panel's sentence reads the snapshot's numbers", T, async (t) => {
  const page = await h.openPageFor(t);
  await api(page, 'set', BOOK4);
  await api(page, 'step', 2);
  const read = async () => (await page.locator('#why-sentence').textContent()).trim();

  await showTab(page, 'Factor', 'factors');
  let st = (await snapshot(page)).stats;
  let n = numbers(await read());
  console.log(`factors: ${await read()}`);
  // "Layer 1 gets F× the gradient of layer 2: mean σ′ S, weights w W …; from layer 4 back to layer 1, P× in all."
  const product = st.factors.reduce((p, f) => p * f, 1);
  [[n[1], st.factors[0]], [n[3], st.sigmaPrimeMean[0]], [n[4], st.weightNorms[0]], [n[7], product]]
    .forEach(([x, want], i) => close(x, want, { rel: 5e-3 }, `factor sentence number ${i}`));

  await showTab(page, 'Saturation', 'saturation');
  st = (await snapshot(page)).stats;
  n = numbers(await read());
  console.log(`saturation: ${await read()}`);
  // "Layer 1's activations: median M, 15th–85th percentile A–B; most saturated: layer K, P% of …"
  const [p15, p50, p85] = st.activationPercentiles[0];
  [[n[1], p50], [n[4], p15], [n[5], p85]].forEach(([x, want], i) => close(x, want, { rel: 5e-3 }, `saturation number ${i}`));
  const worst = st.saturated.indexOf(Math.max(...st.saturated));
  assert.equal(n[6], worst + 1, 'the most saturated layer');
  close(n[7], 100 * st.saturated[worst], { rel: 0, abs: 0.05 }, 'its saturated percentage');

  await showTab(page, 'Gradients', 'gradients');
  st = (await snapshot(page)).stats;
  n = numbers(await read());
  console.log(`gradients: ${await read()}`);
  // "Layer 1's neurons: median |∂C/∂b| M, 10th–90th percentile A–B; layer 4's median L."
  const [g10, g50, g90] = st.gradientPercentiles[0];
  const last = st.gradientPercentiles.at(-1)[1];
  [[n[1], g50], [n[4], g10], [n[5], g90], [n[7], last]].forEach(([x, want], i) => close(x, want, { rel: 5e-3 }, `gradient number ${i}`));
});

test('the tab is in the link, the panel exports as PNG and CSV, all bars show every neuron', T, async (t) => {
  const page = await h.openPageFor(t);
  await api(page, 'set', { sizes: [784, 30, 30, 30, 10] });
  await api(page, 'step', 2);
  await showTab(page, 'Saturation', 'saturation');
  await page.waitForFunction(() => /panel=saturation/.test(location.hash));
  const png = await download(page, page.getByRole('button', { name: 'Save the saturation chart as PNG', exact: true }));
  const decoded = await decodePng(page, png.bytes);
  assert.match(png.name, /^gradscope-saturation-h3-seed\d+-epoch2\.png$/);
  assert.ok(decoded.distinct >= 8 && decoded.drawn >= 0.02, `${png.name} not blank`);
  const csv = await download(page, page.getByRole('button', { name: 'Stats CSV', exact: true }));
  const rows = csv.bytes.toString('utf8').trim().split('\n');
  assert.match(rows[0], /^epoch,factor1,sigma_prime_mean1,weight_norm1,a_p15_1,a_p50_1,a_p85_1,saturated1,grad_p10_1,/);
  assert.equal(rows.length, 4, 'a header and epochs 0, 1, 2');
  const s = await snapshot(page);
  const lastRow = rows[3].split(',').map(Number);
  close(lastRow[1], s.stats.factors[0], { rel: 1e-12 }, 'CSV factor1 at epoch 2');
  close(lastRow[2], s.stats.sigmaPrimeMean[0], { rel: 1e-12 }, 'CSV sigma_prime_mean1 at epoch 2');

  // Every neuron's bar: the bars chart changes and the choice goes into the link too.
  const before = (await canvasStats(page)).find((c) => c.label.startsWith('chart-bars')).hash;
  await page.getByRole('combobox', { name: 'Bars of', exact: true }).selectOption('all');
  await page.waitForFunction(() => window.gradscope.snapshot().barNeurons === 'all' && /barNeurons=all/.test(location.hash));
  await frames(page, 3);
  const after = (await canvasStats(page)).find((c) => c.label.startsWith('chart-bars')).hash;
  assert.notEqual(after, before, 'the bars chart is redrawn with every neuron');

  // The link opens on the same tab.
  const url = page.url();
  const again = await h.openPageFor(t, url.slice(url.indexOf('#')));
  await again.waitForFunction(() => window.gradscope.snapshot().panel === 'saturation');
  assert.equal(await again.getByRole('tab', { name: 'Saturation', exact: true }).getAttribute('aria-selected'), 'true');
  assert.equal((await snapshot(again)).barNeurons, 'all');
});

test("the tour's step 'why the first layer learns slowly' shows the factor panel with its numbers", T, async (t) => {
  const page = await h.openPageFor(t);
  await page.getByRole('button', { name: 'Tour', exact: true }).click();
  for (let i = 1; i < 6; i += 1) await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.waitForFunction(() => window.gradscope.snapshot().panel === 'factors' && window.gradscope.snapshot().sizes.length === 6);
  await page.waitForFunction(() => /layer 1 gets/.test(document.querySelector('#tour')?.textContent ?? ''));
  const text = await page.locator('#tour').textContent();
  const st = (await snapshot(page)).stats;
  const n = numbers(text.slice(text.indexOf('layer 1 gets')));
  close(n[1], st.factors[0], { rel: 5e-3 }, 'the tour quotes the first factor');
  assert.match(text, /Why the first layer learns slowly/);
});
