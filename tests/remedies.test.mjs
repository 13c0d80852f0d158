// Remedies (issue 14): batch norm, skip connections and gradient clipping, each switched on with its
// own control (a real click or typed value), trained, then switched off so that the run is kept:
// its label in snapshot().runs and on the chart names the remedy, and its curves draw (pixels of the
// kept run's faint layer-1 colour across the speeds chart, gone after Clear runs). The tour's closing
// step trains the 4-hidden-layer net plain, with ReLU + He, batch norm and skips on one chart.
// Run: node --test --test-concurrency=1 tests/remedies.test.mjs
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { Harness } from './lib/browser.mjs';
import { api, longTasks, observeLongTasks, screenshotPath, snapshot } from './lib/page.mjs';

const T = { timeout: 5 * 60 * 1000 };
/** Epochs each remedy's run trains (and the x axis' end: the play setting epochLimit). */
const EPOCHS = 30;
/**
 * A kept run's layer-1 colour: Okabe–Ito blue (0x00, 0x72, 0xB2) mixed with white, 45 % colour
 * (crate/src/chart/speeds.rs, FAINT): 0.45·c + 0.55·255 = (140, 192, 220).
 */
const FAINT_BLUE = [140, 192, 220];

/** @type {Harness} */
let h;
before(async () => {
  h = await Harness.start();
});
after(() => h?.stop());

/** How many pixel columns of the speeds chart hold the faint layer-1 colour (± 12 per channel). */
function faintColumns(page) {
  return page.evaluate((rgb) => {
    const canvas = document.getElementById('chart-speeds');
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const columns = new Set();
    for (let i = 0; i < width * height; i++) {
      if (rgb.every((c, k) => Math.abs(data[4 * i + k] - c) <= 12)) columns.add(i % width);
    }
    return columns.size;
  }, FAINT_BLUE);
}

/** The remedies, each with how its control switches it on and off and the words of its label. */
const REMEDIES = [
  { key: 'batchNorm', words: 'batch norm', on: (p) => p.getByLabel('Batch normalization').click(), off: (p) => p.getByLabel('Batch normalization').click() },
  { key: 'skip', words: 'skip', on: (p) => p.getByLabel('Skip connections').click(), off: (p) => p.getByLabel('Skip connections').click() },
  { key: 'clip', words: 'clip 0.5', on: (p) => typeInto(p, '0.5'), off: (p) => typeInto(p, '0') },
];

/** Types `value` into the clipping box and leaves it (a change event), like a person would. */
async function typeInto(page, value) {
  const box = page.getByLabel('Clip gradient norm at');
  await box.click();
  await box.fill(value);
  await box.press('Enter');
}

test('each remedy appears in a kept run’s label and its curves draw', T, async (t) => {
  const page = await h.openPageFor(t);
  await page.setViewportSize({ width: 1920, height: 1080 }); // a projector's width: a wider speeds chart
  await api(page, 'set', { speed: 'max', epochLimit: EPOCHS });
  for (const r of REMEDIES) {
    await api(page, 'clearRuns');
    await r.on(page);
    await page.waitForFunction((key) => { const s = window.gradscope.snapshot(); return Boolean(s[key]) && s.status !== 'measuring'; }, r.key);
    const supported = await observeLongTasks(page);
    await api(page, 'step', EPOCHS);
    if (supported) assert.deepEqual(await longTasks(page), [], `${r.key}: no main-thread task over 50 ms while training`);
    await r.off(page);
    // Switched off: a fresh plain net (listed once it trains), the remedy's run kept.
    await page.waitForFunction((key) => { const s = window.gradscope.snapshot(); return !s[key] && s.runs[0]?.current === false; }, r.key);
    const s = await api(page, 'set', {}); // resolves once measured and drawn
    assert.equal(s.runs.length, 1, 'only the remedy’s run is listed');
    const kept = s.runs[0];
    assert.ok(kept.label.includes(r.words), `label “${kept.label}” names ${r.words}`);
    assert.equal(kept.history.length, EPOCHS + 1);
    assert.ok(kept.history.every((e) => e.speeds.every((v) => Number.isFinite(v) && v > 0)), `${r.key}: finite speeds`);
    await page.locator('#chart-speeds').screenshot({ path: screenshotPath(`remedy-${r.key}.png`) });
    const drawn = await faintColumns(page);
    await api(page, 'clearRuns');
    const cleared = await faintColumns(page);
    // The kept curve spans the chart's 30 epochs, the plot's whole width (which the side legend's
    // long run labels narrow); the legend's own line for it is grey. What is left after Clear runs
    // is the current run's blue dot at epoch 0, whose anti-aliased rim passes through the colour.
    console.log(`${r.key}: ${drawn} columns of the faint colour with the kept run, ${cleared} without`);
    assert.ok(drawn - cleared >= 60, `${r.key}: the kept run's curve covers ${drawn - cleared} columns`);
  }
  assert.deepEqual(h.pageErrors, [], 'no page error');
});

test('the tour’s closing step: the 4-hidden-layer net plain, ReLU + He, batch norm, skips on one chart', T, async (t) => {
  const page = await h.openPageFor(t);
  await api(page, 'set', { speed: 'max' });
  await page.getByRole('button', { name: 'Tour' }).click();
  await page.getByRole('button', { name: /^Step 10:/ }).click();
  const train = page.getByRole('button', { name: /Train all four/ });
  await train.click();
  await page.waitForFunction(() => {
    const s = window.gradscope.snapshot();
    return s.runs.length === 4 && s.epoch === 500 && s.status !== 'running';
  }, null, { timeout: 4 * 60 * 1000 });
  const s = await snapshot(page);
  const labels = s.runs.map((r) => r.label);
  const seed = s.seed;
  assert.deepEqual(labels, [
    `4 hidden · sigmoid · network2 · seed ${seed}`,
    `4 hidden · relu · he · seed ${seed}`,
    `4 hidden · sigmoid · network2 · seed ${seed} · batch norm`,
    `4 hidden · sigmoid · network2 · seed ${seed} · skip`,
  ]);
  // The speeds chart's legend names them by what differs (crate/src/train/labels.rs; hand-written).
  assert.deepEqual(s.runs.map((r) => r.chartLabel), ['no remedy', 'relu · he', 'batch norm', 'skip']);
  const ratio = (r) => { const v = r.history.at(-1).speeds; return v[3] / v[0]; };
  console.log(s.runs.map((r) => `${r.label}: last/first at 500 = ${ratio(r).toPrecision(3)}`).join('\n'));
  // The skip net's layers stay together (the plain net's end ~100× apart, DESIGN.md).
  assert.ok(ratio(s.runs[3]) < 10 && ratio(s.runs[0]) > 10, `skip ${ratio(s.runs[3])} vs plain ${ratio(s.runs[0])}`);
  await page.waitForFunction(() => /Train all four/.test(document.getElementById('tour-remedies')?.textContent ?? ''));
  await page.screenshot({ path: screenshotPath('remedies-tour.png') });
  assert.deepEqual(h.pageErrors, [], 'no page error');
});

test('links carry the remedies, and an older link’s earlier run (without them) still loads', T, async (t) => {
  // A link written before the remedies existed: kept1 has the ten settings up to λ, then its run tokens.
  const old = '#view=network&sizes=784,30,30,10&seed=1&kept1=784,30,30,10~sigmoid~network2~1~1~1000~1000~0.1~5~2';
  const page = await h.openPageFor(t, `${old}&batchNorm=true&skip=1&clip=1.5`);
  await page.waitForFunction(() => window.gradscope.snapshot().runs.length >= 1);
  const s = await snapshot(page);
  assert.equal(s.batchNorm, true);
  assert.equal(s.skip, true);
  assert.equal(s.clip, 1.5);
  assert.equal(s.runs[0].label, '2 hidden · sigmoid · network2 · seed 1', 'the old run, with no remedy');
  assert.equal(s.runs[0].history.length, 3, 'its two epochs replayed');
  assert.equal(await page.getByLabel('Batch normalization').isChecked(), true, 'the checkbox shows the link’s setting');
  // A bad value is refused with a note naming it.
  const bad = await h.openPageFor(t, '#batchNorm=maybe');
  assert.equal((await snapshot(bad)).batchNorm, false);
  assert.match(await bad.locator('#link-notice').textContent(), /batchNorm=“maybe” was ignored \(it must be true or false\)/);
});
