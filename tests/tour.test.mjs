// Browser tests of the guided tour's dock, with real clicks on Next, Previous and End tour, at
// 1024 × 768, 1280 × 720 in projector mode and 1366 × 768: at every step the caption and the
// figure the step names (its `target` in tour-steps.js, on the panel as data-target) are both
// wholly inside the viewport, the figure uncovered (elementFromPoint finds it at its centre and
// near its corners) and the caption unclipped by the panel's scrolling part; Previous and Next
// keep one bounding box in every step; End tour brings back the settings the test set before the
// tour (its own values: sizes, η, λ, seed, speed, epoch limit, view, the chain's depth and
// Explode's w = 100) and says so, naming the epoch the test trained to. Screenshots of steps 1, 3,
// 5, 7 at each size: target/screenshots/tour-WxH-N.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Harness } from './lib/browser.mjs';
import { tourStep } from './lib/classroom.mjs';
import { api, screenshotPath, snapshot } from './lib/page.mjs';

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

/**
 * Where things are at this step, in CSS px of the viewport: the caption, the panel's scrolling
 * part, the target figure (and whether it is the topmost element at its centre and near its
 * corners), Previous and Next.
 */
function measure(page) {
  return page.evaluate(() => {
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
    };
    const id = document.getElementById('tour').dataset.target;
    const target = document.getElementById(id);
    const b = target.getBoundingClientRect();
    const inset = 6; // px inside each corner, clear of the canvas's border
    const points = [[0.5, 0.5], [0, 0], [1, 0], [0, 1], [1, 1]].map(([fx, fy]) => [
      Math.min(b.right - inset, Math.max(b.left + inset, b.left + fx * b.width)),
      Math.min(b.bottom - inset, Math.max(b.top + inset, b.top + fy * b.height)),
    ]);
    const covered = points.filter(([x, y]) => {
      const top = document.elementFromPoint(x, y);
      return !(top === target || target.contains(top));
    });
    return {
      id,
      viewport: { width: innerWidth, height: innerHeight },
      caption: box(document.querySelector('.tour-caption')),
      body: box(document.querySelector('.tour-body')),
      target: box(target),
      covered: covered.map(([x, y]) => `${Math.round(x)},${Math.round(y)}: ${document.elementFromPoint(x, y)?.className || document.elementFromPoint(x, y)?.tagName}`),
      prev: box(document.getElementById('tour-prev')),
      next: box(document.getElementById('tour-next')),
    };
  });
}

/** Asserts that `b` lies wholly inside the viewport `v` (½ px for rounding). */
function inside(b, v, what) {
  const ok = b.width > 0 && b.height > 0 && b.x >= -0.5 && b.y >= -0.5 && b.right <= v.width + 0.5 && b.bottom <= v.height + 0.5;
  assert.ok(ok, `${what} (${Math.round(b.x)}, ${Math.round(b.y)}, ${Math.round(b.width)} × ${Math.round(b.height)}) is not wholly inside the ${v.width} × ${v.height} viewport`);
}

/** The settings the test sets before the tour: none of them a tour step's preset or the page's default. */
const BEFORE = {
  sizes: [784, 20, 10], eta: 0.5, lambda: 1, seed: 7, speed: '5', epochLimit: 300,
};
/** The chain before the tour: depth 6 with the Explode preset (every w = 100, the book's recipe). */
const CHAIN = { depth: 6, preset: 'explode' };
/** Epochs the test trains before the tour (the notice names them). */
const TRAINED = 3;

/** Checks that every step's caption and figure are on screen together, and Previous/Next stay put. */
async function checkStep(page, n, size, nav) {
  await tourStep(page, n);
  const m = await measure(page);
  const where = `${size}, step ${n}`;
  console.log(`${where}: ${m.id} at ${Math.round(m.target.x)},${Math.round(m.target.y)} ${Math.round(m.target.width)}×${Math.round(m.target.height)}; caption ${Math.round(m.caption.y)}–${Math.round(m.caption.bottom)}`);
  inside(m.caption, m.viewport, `${where}: the caption`);
  assert.ok(m.caption.bottom <= m.body.bottom + 0.5 && m.caption.y >= m.body.y - 0.5, `${where}: the caption is not clipped by the panel's scrolling part`);
  inside(m.target, m.viewport, `${where}: the figure ${m.id}`);
  assert.deepEqual(m.covered, [], `${where}: nothing covers the figure ${m.id}`);
  assert.ok(m.caption.right <= m.target.x || m.caption.x >= m.target.right, `${where}: the caption is beside the figure`);
  if (!nav.prev) Object.assign(nav, { prev: m.prev, next: m.next });
  assert.deepEqual({ prev: m.prev, next: m.next }, { prev: nav.prev, next: nav.next }, `${where}: Previous and Next keep their boxes`);
  return m;
}

const SIZES = [[1024, 768, false], [1280, 720, true], [1366, 768, false]];

for (const [width, height, projector] of SIZES) {
  const size = `${width} × ${height}${projector ? ' projector' : ''}`;
  test(`the tour at ${size}: every step's caption and figure on screen together, Previous/Next fixed, End tour restores`, T, async (t) => {
    const page = await h.openPageFor(t);
    await page.setViewportSize({ width, height });
    if (projector) {
      await page.locator('h1').click();
      await page.keyboard.press('p');
      await page.waitForFunction(() => document.documentElement.classList.contains('projector'));
    }
    await api(page, 'set', BEFORE);
    await api(page, 'step', TRAINED);
    await api(page, 'set', { view: 'chain', chain: CHAIN });
    const before = await snapshot(page);
    assert.deepEqual(before.chain.w, [100, 100, 100, 100, 100, 100], 'the Explode preset: every w = 100');

    await button(page, 'Tour').click();
    const nav = {};
    const count = 8; // the tour's steps (tour-steps.js)
    for (let n = 1; n <= count; n++) {
      await checkStep(page, n, size, nav);
      if ([1, 3, 5, 7].includes(n)) await page.screenshot({ path: screenshotPath(`tour-${width}x${height}-${n}.png`) });
      if (n < count) await button(page, 'Next').click();
    }
    await button(page, 'Previous').click();
    await checkStep(page, count - 1, size, nav);

    await button(page, 'End tour').click();
    const notice = `Tour ended: your settings from before the tour are back. The network starts again from epoch 0 (it was at epoch ${TRAINED}).`;
    await page.waitForFunction((text) => [...document.querySelectorAll('.message')].some((m) => m.checkVisibility() && m.textContent === text), notice, { timeout: 60_000 });
    const s = await snapshot(page);
    const pick = (x) => ({ sizes: x.sizes, eta: x.eta, lambda: x.lambda, seed: x.seed, speed: x.speed, epochLimit: x.epochLimit, view: x.view, activation: x.activation, init: x.init });
    assert.deepEqual(pick(s), pick({ ...before, ...BEFORE, view: 'chain' }), 'the settings the test set before the tour are back');
    assert.deepEqual({ depth: s.chain.depth, w: s.chain.w }, { depth: CHAIN.depth, w: before.chain.w }, 'the chain from before the tour is back');
    assert.equal(s.epoch, 0, 'a fresh network, as the notice says');
    assert.equal(await page.locator('#tour').isHidden(), true, 'the tour is closed');
    assert.equal(await page.evaluate(() => document.body.classList.contains('touring')), false, 'the views take the whole width again');
    assert.deepEqual(h.pageErrors, [], 'no page error');
  });
}
