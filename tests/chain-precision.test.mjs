// Browser tests of the chain's precision where it matters: the w/b sliders' symmetric-log scale
// (a real mouse drag of 4 % of the track from the Explode preset's w2 = 100 moves it by ≤ 10 %;
// arrow keys step the third significant digit, Shift+arrow ten times more), and the chain
// figure's text size for every preset (Random, Explode, Balanced) and depth 1 to 10: ≥ 12 CSS px
// at 1366 × 768, ≥ 16 CSS px in projector mode at 1024 × 768 (issue 11's floors), measured on
// every fillText the canvas receives (font px ÷ canvas px per CSS px).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Harness } from './lib/browser.mjs';
import { chainText, recordChainText } from './lib/chain-text.mjs';
import { api, frames, snapshot } from './lib/page.mjs';

const T = { timeout: 5 * 60 * 1000 };
const button = (page, name) => page.getByRole('button', { name, exact: true });
const slider = (page, name) => page.getByRole('slider', { name, exact: true });

/** @type {Harness} */
let h;
before(async () => {
  h = await Harness.start();
}, { timeout: 15 * 60 * 1000 });
after(async () => {
  await h?.stop();
});

/** The chain view with the Explode preset applied by a click; resolves to w2. */
async function explodeChain(page) {
  if ((await snapshot(page)).view !== 'chain') await button(page, 'Chain').click();
  await page.locator('#chain-presets').getByRole('button', { name: 'Explode', exact: true }).click();
  await page.waitForFunction(() => window.gradscope.snapshot().chain?.w[1] === 100); // the preset's w = 100
  return (await snapshot(page)).chain.w[1];
}

/**
 * Drags w2's thumb by `fraction` of the slider's width with the mouse: down on the thumb (its
 * centre from the value's place on the track), move, up. Resolves to w2 after the drag.
 */
async function dragW2(page, fraction) {
  const input = slider(page, 'w2');
  await input.scrollIntoViewIfNeeded();
  const box = await input.boundingBox();
  const at = await input.evaluate((e) => (Number(e.value) - Number(e.min)) / (Number(e.max) - Number(e.min)));
  const thumb = 16; // Chromium's default range thumb, CSS px wide (the page does not restyle it)
  const x = box.x + thumb / 2 + at * (box.width - thumb);
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + fraction * box.width, y, { steps: 8 });
  await page.mouse.up();
  await frames(page, 2);
  return { w2: (await snapshot(page)).chain.w[1], width: box.width };
}

test('w2 from the Explode preset: a 4 % drag either way moves it by ≤ 10 %', T, async (t) => {
  const page = await h.openPageFor(t);
  await page.setViewportSize({ width: 1366, height: 768 });
  for (const fraction of [0.04, -0.04]) {
    const from = await explodeChain(page);
    const { w2, width } = await dragW2(page, fraction);
    console.log(`drag ${fraction * 100} % of ${Math.round(width)} px: w2 ${from} → ${w2}`);
    assert.notEqual(w2, from, 'the drag moved w2');
    assert.ok(Math.abs(w2 - from) / from <= 0.1, `w2 ${from} → ${w2}: more than 10 %`);
    assert.equal(Math.sign(w2 - from), Math.sign(fraction), 'in the drag’s direction');
  }
  // |w| ≤ 10 and the band around 100 get most of the track: positions of the input's own scale.
  const input = slider(page, 'w2');
  const span = await input.evaluate((e) => Number(e.max) - Number(e.min));
  const at = async (v) => {
    await api(page, 'set', { chain: { w: [null, v] } });
    await frames(page, 2); // the controls follow the state at the next frame
    return Number(await input.inputValue());
  };
  const share = { inner: ((await at(10)) - (await at(-10))) / span, band: ((await at(110)) - (await at(90))) / span };
  console.log(`track share: |w| ≤ 10 ${(share.inner * 100).toFixed(0)} %, 90 … 110 ${(share.band * 100).toFixed(0)} %`);
  assert.ok(share.inner > 0.5, '|w| ≤ 10 gets more than half of the track');
  assert.deepEqual(h.pageErrors, [], 'no page error');
});

test('arrow keys: fine steps (third significant digit), Shift+arrow ten times as large (on their grid); the title says so', T, async (t) => {
  const page = await h.openPageFor(t);
  await explodeChain(page);
  const w2 = slider(page, 'w2');
  assert.match(await w2.getAttribute('title'), /Shift\+←\/→/, 'the slider’s title documents the keys');
  await w2.focus();
  const expect = async (key, want) => {
    await page.keyboard.press(key);
    await page.waitForFunction((w) => window.gradscope.snapshot().chain.w[1] === w, want, { timeout: 10_000 });
  };
  await expect('ArrowRight', 101); // 100 + one unit of the third digit
  await expect('Shift+ArrowRight', 110); // to the next multiple of the second digit's unit (10)
  await expect('ArrowLeft', 109);
  await expect('Shift+ArrowDown', 100);
  await expect('ArrowLeft', 99.9); // below 100 the third digit is 0.1
  await page.getByRole('spinbutton', { name: 'w2 value', exact: true }).fill('0.5');
  await page.getByRole('spinbutton', { name: 'w2 value', exact: true }).press('Enter');
  await w2.focus();
  await expect('ArrowRight', 0.51); // steps of 0.01 below 1
  await expect('Shift+ArrowLeft', 0.5); // steps of 0.1 with Shift
  assert.equal(await page.evaluate(() => window.gradscope.snapshot().status), 'idle', 'the arrows did not play');
  assert.deepEqual(h.pageErrors, [], 'no page error');
});

/** Every text of the chain figure for `preset` at `depth` as drawn now (after one redraw), with its CSS size. */
async function figureText(page, preset, depth) {
  await api(page, 'set', { view: 'chain', chain: { depth, preset } });
  await frames(page, 3); // a figure that changes its rows changes its height: redrawn by then
  await recordChainText(page);
  await page.evaluate(() => window.dispatchEvent(new Event('resize'))); // the figure redraws
  await page.waitForFunction(() => window.__chainText.length > 0);
  await frames(page, 2);
  return chainText(page);
}

/** Viewport, projector mode, and the least text size (issue 11: 12 CSS px at 1366 wide, 16 in projector mode at 1024). */
const SIZES = [[1366, 768, false, 12], [1024, 768, true, 16]];
const PRESETS = ['random', 'explode', 'balanced'];
const DEPTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]; // the chain's depths (schema: 1 to 10)

for (const [width, height, projector, least] of SIZES) {
  test(`the chain figure's text is ≥ ${least} CSS px at ${width} × ${height}${projector ? ' in projector mode' : ''}, every preset and depth`, T, async (t) => {
    const page = await h.openPageFor(t);
    await page.setViewportSize({ width, height });
    if (projector) {
      await page.locator('h1').click();
      await page.keyboard.press('p');
    }
    const small = [];
    for (const preset of PRESETS) {
      const sizes = [];
      for (const depth of DEPTHS) {
        const texts = await figureText(page, preset, depth);
        const sub = String(depth).replace(/\d/g, (d) => String.fromCharCode(0x2080 + Number(d)));
        assert.ok(texts.some((x) => x.text.startsWith(`σ′(z${sub})`)), `${preset}, depth ${depth}: the last neuron is labelled`);
        small.push(...texts.filter((x) => x.css < least - 1e-9).map((x) => `${preset} depth ${depth}: ${x.text} @ ${x.css.toFixed(1)} px`));
        sizes.push(Math.min(...texts.map((x) => x.css)).toFixed(1));
      }
      console.log(`${preset}: least text by depth 1…10: ${sizes.join(', ')} CSS px`);
    }
    assert.deepEqual(small, [], `every text ≥ ${least} CSS px`);
    assert.deepEqual(h.pageErrors, [], 'no page error');
  });
}
