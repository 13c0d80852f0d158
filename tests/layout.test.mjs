// Browser test of the one-screen layout (issue 10, items 1 and 5): at the five screen sizes teachers
// and students use, in normal and projector mode, the two charts of the chapter, the transport
// buttons, the epoch counter, the speed control, Explode and the per-layer edit sliders are all
// inside the viewport and the page does not scroll, at load and after Play has trained ≥ 200 epochs.
// Screenshots: target/screenshots/layout-<w>x<h>[-projector].png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Harness } from './lib/browser.mjs';
import { frames, screenshotPath } from './lib/page.mjs';

const T = { timeout: 5 * 60 * 1000 };

/** The sizes of issue 10 (common laptop, projector and desktop screens). */
const SIZES = [[1024, 768], [1280, 720], [1366, 768], [1440, 900], [1920, 1080]];

/** Epochs of Play before the second check (the brief: "after Play has advanced ≥ 200 epochs"). */
const EPOCHS = 200;

/** The brief's readability floor for the two main charts ("≥ ~300 px tall at 1024 × 768"). */
const MIN_CHART_HEIGHT = 300;

/** @type {Harness} */
let h;
before(async () => {
  h = await Harness.start();
}, { timeout: 15 * 60 * 1000 });
after(async () => {
  await h?.stop();
});

/** The elements that must be on screen: [what, locator]. */
function essentials(page, layers) {
  const list = [
    ['bars chart', page.locator('#chart-bars')],
    ['speeds chart', page.locator('#chart-speeds')],
    ['Play', page.locator('#play')],
    ['Step', page.locator('#step')],
    ['Reset', page.locator('#reset')],
    ['epoch counter', page.locator('#epoch-counter')],
    ['speed control', page.locator('#speed')],
    ['Explode', page.getByRole('button', { name: 'Explode', exact: true })],
  ];
  for (let l = 1; l <= layers; l += 1) {
    list.push([`Weight scale ${l}`, page.getByRole('slider', { name: `Weight scale ${l}`, exact: true })]);
    list.push([`Bias shift ${l}`, page.getByRole('slider', { name: `Bias shift ${l}`, exact: true })]);
  }
  return list;
}

/** Asserts that every essential is visible and inside the viewport and that the page does not scroll. */
async function assertOneScreen(page, [width, height], when) {
  const layers = await page.evaluate(() => window.gradscope.snapshot().sizes.length - 2);
  for (const [what, locator] of essentials(page, layers)) {
    const box = await locator.boundingBox();
    assert.ok(box && box.width > 0 && box.height > 0, `${when}: ${what} is shown`);
    const inside = box.x >= 0 && box.y >= 0 && box.x + box.width <= width + 0.5 && box.y + box.height <= height + 0.5;
    assert.ok(inside, `${when}: ${what} inside ${width}×${height}: ${JSON.stringify(box)}`);
  }
  for (const id of ['chart-bars', 'chart-speeds']) {
    const box = await page.locator(`#${id}`).boundingBox();
    assert.ok(box.height >= MIN_CHART_HEIGHT, `${when}: #${id} is ${Math.round(box.height)} px tall (≥ ${MIN_CHART_HEIGHT})`);
  }
  const bars = await page.locator('#chart-bars').boundingBox();
  const speeds = await page.locator('#chart-speeds').boundingBox();
  assert.ok(speeds.x >= bars.x + bars.width, `${when}: the two charts side by side`);
  const scroll = await page.evaluate(() => ({
    height: document.scrollingElement.scrollHeight,
    width: document.scrollingElement.scrollWidth,
    inner: [innerWidth, innerHeight],
  }));
  assert.ok(scroll.height <= scroll.inner[1] + 1, `${when}: no vertical scrolling (${scroll.height} > ${scroll.inner[1]})`);
  assert.ok(scroll.width <= scroll.inner[0] + 1, `${when}: no horizontal scrolling (${scroll.width} > ${scroll.inner[0]})`);
}

for (const size of SIZES) {
  for (const projector of [false, true]) {
    const name = `layout-${size[0]}x${size[1]}${projector ? '-projector' : ''}`;
    test(`one screen at ${size[0]} × ${size[1]}${projector ? ', projector mode' : ''}: ${name}.png`, T, async (t) => {
      const page = await h.openPageFor(t);
      await page.setViewportSize({ width: size[0], height: size[1] });
      if (projector) await page.getByRole('button', { name: 'Projector', exact: true }).click();
      await frames(page, 4);
      await assertOneScreen(page, size, 'at load');

      await page.locator('#play').click();
      await page.waitForFunction((n) => window.gradscope.snapshot().epoch >= n, EPOCHS, { timeout: 120_000 });
      await assertOneScreen(page, size, 'while training');
      await page.locator('#play').click();
      await page.waitForFunction(() => window.gradscope.snapshot().status === 'paused');
      await frames(page, 4);
      const epoch = await page.evaluate(() => window.gradscope.snapshot().epoch);
      assert.match(await page.locator('#epoch-counter').textContent(), new RegExp(`epoch ${epoch.toLocaleString('en')}`), 'the counter shows the epoch');
      await assertOneScreen(page, size, `after ${epoch} epochs, paused`);
      await page.screenshot({ path: screenshotPath(`${name}.png`) });
      assert.deepEqual(h.pageErrors, [], 'no page error');
    });
  }
}
