// Browser tests of the page on a phone (issue 11, item 5): 390 × 844 CSS px at 3 device pixels per
// CSS pixel, touch (playwright's isMobile + hasTouch; taps by page.touchscreen, drags by CDP
// Input.dispatchTouchEvent). The first screen shows a chart and Play; the control bar (Play, Step,
// epoch) stays on screen at the page's bottom; every chart text ≥ 11 CSS px; in the chain view the
// figure and the w2 slider being dragged are on screen together; a touch drag moves a slider by the
// finger's distance (as far as a mouse dragging the thumb the same distance), never to the finger,
// on the chain's w2 and on the settings panel's sliders alike.
// Screenshots: target/screenshots/phone-*.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Harness } from './lib/browser.mjs';
import { canvasText, recordCanvasText } from './lib/chain-text.mjs';
import { api, frames, readyProbe, screenshotPath, snapshot, waitReady } from './lib/page.mjs';

const T = { timeout: 5 * 60 * 1000 };

/** The phone of the brief: an iPhone 12–15-sized screen, 3 device pixels per CSS pixel, touch. */
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

/** Least size of chart text in CSS px (the brief; Rust's MIN_TEXT_PX). */
const MIN_TEXT = 11;

/** Width in CSS px of Chromium's range thumb (its default; the page does not restyle it). */
const THUMB = 16;

/** @type {Harness} */
let h;
before(async () => {
  h = await Harness.start();
}, { timeout: 15 * 60 * 1000 });
after(async () => {
  await h?.stop();
});

/** A fresh phone (its own browser context) at the page, API ready; closed when test `t` ends. */
async function openPhone(t) {
  const context = await h.browser.newContext(PHONE);
  t.after(() => context.close());
  await context.addInitScript(readyProbe);
  const page = await context.newPage();
  page.on('pageerror', (e) => h.pageErrors.push({ url: page.url(), message: String(e.stack || e) }));
  await page.goto(h.server.url, { waitUntil: 'load' });
  await waitReady(page);
  await frames(page, 4);
  return page;
}

/** The element's box (CSS px, viewport coordinates), asserted inside the 390 × 844 viewport. */
async function assertOnScreen(locator, what) {
  const box = await locator.boundingBox();
  assert.ok(box && box.width > 0 && box.height > 0, `${what} is shown`);
  const { width, height } = PHONE.viewport;
  const inside = box.x >= -0.5 && box.y >= -0.5 && box.x + box.width <= width + 0.5 && box.y + box.height <= height + 0.5;
  assert.ok(inside, `${what} inside ${width} × ${height}: ${JSON.stringify(box)}`);
  return box;
}

/** Taps the centre of `locator` with a finger. */
async function tap(page, locator) {
  const box = await locator.boundingBox();
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
}

/**
 * A one-finger drag from (x, y) by (dx, dy) CSS px in `steps` moves (CDP touch events, as a phone
 * sends them); `during()` runs before the finger lifts.
 */
async function touchDrag(page, [x, y], [dx, dy], { steps = 5, during = async () => {} } = {}) {
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points });
  await touch('touchStart', [{ x, y }]);
  for (let i = 1; i <= steps; i += 1) await touch('touchMove', [{ x: x + (dx * i) / steps, y: y + (dy * i) / steps }]);
  await during();
  await touch('touchEnd', []);
  await cdp.detach();
  await frames(page, 2);
}

/** The range input's thumb centre (CSS px, viewport) from its value's place on the track. */
async function thumbCentre(input) {
  const box = await input.boundingBox();
  const at = await input.evaluate((e) => (Number(e.value) - Number(e.min)) / (Number(e.max) - Number(e.min)));
  return [box.x + THUMB / 2 + at * (box.width - THUMB), box.y + box.height / 2];
}

test('the first screen shows a chart and Play; the intro is below the charts; no keys line on touch', T, async (t) => {
  const page = await openPhone(t);
  await assertOnScreen(page.locator('#play'), 'Play');
  await assertOnScreen(page.locator('#epoch-counter'), 'the epoch counter');
  const bars = await assertOnScreen(page.locator('#chart-bars'), 'the gradient bar chart');
  assert.ok(bars.height >= 200, `the bar chart is ${Math.round(bars.height)} px tall (≥ 200)`);
  const intro = await page.locator('.lede').boundingBox();
  const speeds = await page.locator('#chart-speeds').boundingBox();
  assert.ok(intro.y > speeds.y + speeds.height, 'the intro comes after the charts');
  const scroll = await page.evaluate(() => document.scrollingElement.scrollWidth);
  assert.ok(scroll <= PHONE.viewport.width, `no sideways scrolling (${scroll} px wide)`);
  await page.screenshot({ path: screenshotPath('phone-first.png') });
  // "About" opened by a tap shows the intro, but not the keyboard's keys.
  await page.locator('.about summary').scrollIntoViewIfNeeded();
  await tap(page, page.locator('.about summary'));
  await page.waitForFunction(() => document.querySelector('.about').open);
  assert.ok(await page.locator('.about-text p').first().isVisible(), 'the About text is shown');
  assert.equal(await page.locator('.keys-help').isVisible(), false, 'no keyboard-shortcut line on a touch screen');
  assert.deepEqual(h.pageErrors, [], 'no page error');
});

test('tapping Play trains; at the page’s bottom Play, Step and the epoch are still on screen', T, async (t) => {
  const page = await openPhone(t);
  await tap(page, page.locator('#play'));
  await page.waitForFunction(() => window.gradscope.snapshot().epoch >= 3, null, { timeout: 60_000 });
  await page.evaluate(() => window.scrollTo(0, document.scrollingElement.scrollHeight));
  await page.waitForFunction(() => scrollY > 0 && Math.abs(scrollY + innerHeight - document.scrollingElement.scrollHeight) < 2);
  await frames(page, 2);
  for (const [id, what] of [['play', 'Pause'], ['step', 'Step'], ['epoch-counter', 'the epoch counter']]) {
    await assertOnScreen(page.locator(`#${id}`), `${what} at the bottom`);
  }
  await page.screenshot({ path: screenshotPath('phone-bottom.png') });
  await tap(page, page.locator('#play')); // Pause, tapped where it stuck
  await page.waitForFunction(() => window.gradscope.snapshot().status === 'paused');
  const epoch = (await snapshot(page)).epoch;
  await page.waitForFunction((e) => document.getElementById('epoch-counter').textContent.includes(`epoch ${e.toLocaleString('en')}`), epoch);
  assert.ok(epoch >= 3, `trained ${epoch} epochs`);
  assert.deepEqual(h.pageErrors, [], 'no page error');
});

/** Every text the canvases `ids` draw at their next redraw (a resize redraws them all). */
async function drawnText(page, ids) {
  await recordCanvasText(page, ids);
  await page.evaluate(() => window.dispatchEvent(new Event('resize')));
  await page.waitForFunction((n) => new Set(window.__canvasText.map((x) => x.id)).size >= n, ids.length);
  await frames(page, 2);
  return canvasText(page);
}

/** Asserts every text ≥ MIN_TEXT CSS px (to rounding: 1e-6 px); logs the sizes. */
function assertReadable(texts, when) {
  const sizes = [...new Set(texts.map((x) => x.css.toFixed(1)))].sort().join(', ');
  console.log(`${when}: ${texts.length} texts, sizes ${sizes} CSS px`);
  const small = texts.filter((x) => x.css < MIN_TEXT - 1e-6).map((x) => `${x.id}: ${x.text} @ ${x.css} px`);
  assert.deepEqual(small, [], `${when}: every chart text ≥ ${MIN_TEXT} CSS px`);
}

test('every chart text ≥ 11 CSS px: the three network charts, the chain figure at depth 4 and 10', T, async (t) => {
  const page = await openPhone(t);
  await api(page, 'step', 3); // the accuracy chart gets its points and ticks
  assertReadable(await drawnText(page, ['chart-bars', 'chart-speeds', 'chart-accuracy']), 'network charts');
  await tap(page, page.locator('#view-chain'));
  await page.waitForFunction(() => window.gradscope.snapshot().view === 'chain');
  assertReadable(await drawnText(page, ['chain-figure']), 'chain figure as it opens (Random, depth 4)');
  for (const depth of [4, 10]) {
    await api(page, 'set', { chain: { depth, preset: 'explode' } });
    await frames(page, 3);
    const texts = await drawnText(page, ['chain-figure']);
    assert.ok(texts.some((x) => x.text.startsWith(`σ′(z${String(depth).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[d])})`)), `neuron ${depth} is labelled`);
    // At depth 10 (two rows, 6 : 7) the figure has room for its bars of |∂C/∂b_j|; each carries its
    // value (the snapshot's): to 3 digits, or to 1 where ten columns of 390/11 CSS px are too
    // narrow ("5e11" for 4.77e11), so within a factor 1.5 either way.
    if (depth === 10) {
      const grads = (await snapshot(page)).chain.grad_b.map(Math.abs);
      const values = texts.map((x) => Number(x.text.replace('−', '-'))).filter((v) => v > 0);
      for (const g of grads) assert.ok(values.some((v) => v / g <= 1.5 && g / v <= 1.5), `a label for |∂C/∂b| = ${g}`);
    }
    assertReadable(texts, `chain figure, Explode, depth ${depth}`);
    await page.screenshot({ path: screenshotPath(`phone-chain-depth${depth}.png`) });
  }
  assert.deepEqual(h.pageErrors, [], 'no page error');
});

/** The chain view with the Explode preset tapped; w2's slider scrolled to the screen's middle. */
async function explodeChain(page) {
  await tap(page, page.locator('#view-chain'));
  await page.waitForFunction(() => window.gradscope.snapshot().view === 'chain');
  const preset = page.locator('#chain-presets').getByRole('button', { name: 'Explode', exact: true });
  await preset.scrollIntoViewIfNeeded();
  await tap(page, preset);
  await page.waitForFunction(() => window.gradscope.snapshot().chain?.w[1] === 100); // the preset's w = 100
  const w2 = page.getByRole('slider', { name: 'w2', exact: true });
  await w2.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await frames(page, 2);
  return w2;
}

test('chain view: while w2 is dragged, the figure and the slider are both on screen, apart', T, async (t) => {
  const page = await openPhone(t);
  const w2 = await explodeChain(page);
  const during = async () => {
    const figure = await assertOnScreen(page.locator('#chain-figure'), 'the chain figure while dragging');
    const slider = await assertOnScreen(w2, 'the w2 slider while dragging');
    assert.ok(slider.y >= figure.y + figure.height, `the slider (top ${slider.y}) is below the figure (bottom ${figure.y + figure.height}), not under it`);
    await page.screenshot({ path: screenshotPath('phone-chain-drag.png') });
  };
  await touchDrag(page, await thumbCentre(w2), [20, 0], { during });
  assert.notEqual((await snapshot(page)).chain.w[1], 100, 'the drag moved w2');
  assert.deepEqual(h.pageErrors, [], 'no page error');
});

test('a 20 px touch drag on w2 (from Explode) moves it as far as a 20 px mouse drag of its thumb, even begun off the thumb', T, async (t) => {
  const page = await openPhone(t);
  const w2 = await explodeChain(page);
  const span = await w2.evaluate((e) => Number(e.max) - Number(e.min));
  const start = Number(await w2.inputValue());
  const width = (await w2.boundingBox()).width;
  // The reference: the browser's own mouse drag of the thumb by 20 px.
  const [x, y] = await thumbCentre(w2);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 20, y, { steps: 5 });
  await page.mouse.up();
  await frames(page, 2);
  const byMouse = { w: (await snapshot(page)).chain.w[1], at: Number(await w2.inputValue()) };
  // The finger: the same 20 px, once from the thumb and once from 40 px right of it.
  for (const offset of [0, 40]) {
    await api(page, 'set', { chain: { preset: 'explode' } });
    await page.waitForFunction((n) => Number(document.getElementById('chain-w2').value) === n, start);
    await touchDrag(page, [x + offset, y], [20, 0]);
    const w = (await snapshot(page)).chain.w[1];
    const at = Number(await w2.inputValue());
    // Positions a 20 px move is worth on this track (its own geometry, not the page's code).
    const want = (20 * span) / (width - THUMB);
    console.log(`touch from ${offset} px off the thumb: position ${start} → ${at} (20 px = ${want.toFixed(1)}), w2 100 → ${w}; mouse: ${byMouse.at}, w2 ${byMouse.w}`);
    assert.ok(Math.abs(at - start - want) <= 1, `moved ${at - start} positions, 20 px is ${want.toFixed(1)}`);
    assert.ok(Math.abs(at - byMouse.at) <= 1, `the touch drag ends within a position of the mouse drag (${at} vs ${byMouse.at})`);
    assert.ok(w > 100 && w < 130, `w2 100 → ${w}: a short drag moves it a little, to the right`);
  }
  // A finger moving mostly upright scrolls the page and leaves the slider alone.
  const before = await page.evaluate(() => scrollY);
  await api(page, 'set', { chain: { preset: 'explode' } });
  await page.waitForFunction((n) => Number(document.getElementById('chain-w2').value) === n, start);
  const [x2, y2] = await thumbCentre(w2);
  await touchDrag(page, [x2 + 30, y2], [3, -60]);
  assert.equal((await snapshot(page)).chain.w[1], 100, 'an upright swipe leaves w2 alone');
  assert.ok((await page.evaluate(() => scrollY)) > before + 30, 'and scrolls the page');
  assert.deepEqual(h.pageErrors, [], 'no page error');
});

test('the settings panel’s sliders follow the finger too: “Neurons per layer” moved by 20 px of finger', T, async (t) => {
  const page = await openPhone(t);
  await tap(page, page.locator('#settings-toggle'));
  const input = page.getByRole('slider', { name: 'Neurons per layer', exact: true });
  await input.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await frames(page, 2);
  const from = (await snapshot(page)).sizes[1];
  const { min, max } = await input.evaluate((e) => ({ min: Number(e.min), max: Number(e.max) }));
  const width = (await input.boundingBox()).width;
  const [x, y] = await thumbCentre(input);
  await touchDrag(page, [x + 40, y], [20, 0]); // begun 40 px right of the thumb
  await page.waitForFunction((n) => window.gradscope.snapshot().sizes[1] !== n, from);
  const to = (await snapshot(page)).sizes[1];
  const want = from + (20 * (max - min)) / (width - THUMB); // 20 px of this track, in neurons
  console.log(`neurons per layer ${from} → ${to} (20 px of a ${Math.round(width)}-px track: ${want.toFixed(1)})`);
  assert.ok(Math.abs(to - want) <= 1, `${from} → ${to}, want ${want.toFixed(1)} ± 1`);
  assert.deepEqual(h.pageErrors, [], 'no page error');
});
