// Browser tests of crowded labels beside the tour. (1) The remedies step (10) at 1280 × 900: the
// learning-speed chart's legend names each kept run by what tells it apart ("run 3: batch norm"),
// whole, and says once what they share ("all runs: 4 hidden · seed 1"); before, every label was
// cut at 24 characters to "run 3: 4 hidden · sig…". (2) The bars' and speeds' captions (title,
// sub-title, PNG, bar scale, "Book’s 3 nets" / "Clear") and (3) the Explode strip under the bars
// (Explode, the layer names, each weight/bias slider and its value): no two boxes of what a reader
// sees overlap (lib/overlap.mjs: controls' boxes, each line of text) at 1024 × 768 (projector on
// and off), 1280 × 720, 1280 × 800, 1366 × 768 and 1920 × 1080, with and without the tour (real
// clicks on Projector, Tour, Next, Explode), with 2 and 4 hidden layers. Screenshots:
// target/screenshots/crowding-*.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Harness } from './lib/browser.mjs';
import { canvasText, recordCanvasText } from './lib/chain-text.mjs';
import { tourStep } from './lib/classroom.mjs';
import { overlaps } from './lib/overlap.mjs';
import { api, frames, measured, screenshotPath, snapshot } from './lib/page.mjs';

const T = { timeout: 5 * 60 * 1000 };
const button = (page, name) => page.getByRole('button', { name, exact: true });

/** @type {Harness} */
let h;
before(async () => {
  h = await Harness.start();
}, { timeout: 15 * 60 * 1000 });
after(async () => {
  await h?.stop();
});

/** The two main charts' captions and the Explode strip. */
const CROWDED = ['.network-layout .chart-bars figcaption', '.network-layout .chart-speeds figcaption', '#edits'];

/** Asserts that nothing overlaps in the captions and the strip; `where` names the moment. */
async function assertUncrowded(page, where) {
  await frames(page, 3);
  for (const selector of CROWDED) {
    assert.deepEqual(await overlaps(page, selector), [], `${where}: nothing overlaps in ${selector}`);
  }
}

/** The legend lines the speeds chart drew since `recordCanvasText`, a note's "· …" lines joined back. */
async function legendLines(page) {
  const lines = [];
  for (const { text } of await canvasText(page)) {
    if (text.startsWith('· ') && lines.length) lines[lines.length - 1] += ` ${text}`;
    else lines.push(text);
  }
  return lines;
}

test('the remedies step at 1280 × 900: each run’s label says what tells it apart, whole', T, async (t) => {
  const page = await h.openPageFor(t);
  await page.setViewportSize({ width: 1280, height: 900 });
  await button(page, 'Tour').click();
  await page.getByRole('button', { name: /^Step 10:/ }).click();
  await tourStep(page, 10);
  // The step's four nets (plain, ReLU + He, batch norm, skip), 2 epochs each instead of 500.
  for (const change of [{ activation: 'relu', init: 'he' }, { activation: 'sigmoid', init: 'network2', batchNorm: true }, { batchNorm: false, skip: true }]) {
    await api(page, 'step', 2);
    await api(page, 'set', change);
  }
  await recordCanvasText(page, ['chart-speeds']);
  await api(page, 'step', 2);
  await measured(page);
  const s = await snapshot(page);
  assert.deepEqual(s.runs.map((r) => r.chartLabel), ['no remedy', 'relu · he', 'batch norm', 'skip'], 'the snapshot’s chart labels');
  const lines = await legendLines(page);
  // Hand-written: what the four nets share, what most of them have, and each one's difference.
  for (const line of [`all runs: 4 hidden · seed ${s.seed}`, 'unless named: sigmoid · network2', 'now: skip', 'run 1: no remedy', 'run 2: relu · he', 'run 3: batch norm']) {
    assert.ok(lines.includes(line), `“${line}” in the legend: ${JSON.stringify(lines)}`);
  }
  assert.deepEqual(lines.filter((l) => l.includes('…')), [], 'no label cut short');
  assert.match(await page.locator('.tour-facts').textContent(), /no remedy .*relu · he .*batch norm .*skip /, 'the tour’s facts use the same names');
  await assertUncrowded(page, 'the remedies step at 1280 × 900');
  await page.screenshot({ path: screenshotPath('crowding-remedies-1280x900.png') });
  assert.deepEqual(h.pageErrors, [], 'no page error');
});

const SIZES = [[1024, 768, true], [1024, 768, false], [1280, 720, false], [1280, 800, false], [1366, 768, false], [1920, 1080, false]];

for (const [width, height, projector] of SIZES) {
  for (const touring of [true, false]) {
    const name = `crowding-${width}x${height}${projector ? '-projector' : ''}${touring ? '-tour' : ''}`;
    test(`captions and the Explode strip uncrowded at ${width} × ${height}${projector ? ' projector' : ''}${touring ? ' beside the tour' : ''}`, T, async (t) => {
      const page = await h.openPageFor(t);
      await page.setViewportSize({ width, height });
      if (projector) {
        await button(page, 'Projector').click();
        await page.waitForFunction(() => document.documentElement.classList.contains('projector'));
      }
      if (touring) {
        // Step 3 (2 hidden layers, the speeds chart its figure), then step 4 (4 hidden layers).
        await button(page, 'Tour').click();
        for (const n of [1, 2]) {
          await tourStep(page, n);
          await button(page, 'Next').click();
        }
        await tourStep(page, 3);
        await assertUncrowded(page, `${name}, step 3`);
        await button(page, 'Next').click();
        await tourStep(page, 4);
      } else {
        await assertUncrowded(page, `${name}, 2 hidden layers`);
        await api(page, 'set', { sizes: [784, 30, 30, 30, 30, 10] });
      }
      await measured(page);
      await assertUncrowded(page, `${name}, 4 hidden layers`);
      await button(page, 'Explode').click();
      await page.waitForFunction(() => window.gradscope.snapshot().edits.length > 0);
      await measured(page);
      await assertUncrowded(page, `${name}, after Explode`);
      await page.screenshot({ path: screenshotPath(`${name}.png`) });
      assert.deepEqual(h.pageErrors, [], 'no page error');
    });
  }
}
