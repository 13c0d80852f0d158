// Browser tests of the PNG exports' caption: under the chart (at twice its size) a strip with one
// line naming the network, its settings, the seed and the epoch. The text drawn is recorded (every
// fillText of the page) and checked against what this test set; the strip's pixels are read back
// from the downloaded PNG (not blank, ink only in the strip's text band).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Harness } from './lib/browser.mjs';
import { download, pngSize } from './lib/classroom.mjs';
import { api } from './lib/page.mjs';

const T = { timeout: 5 * 60 * 1000 };
const button = (page, name) => page.getByRole('button', { name, exact: true });
/** The strip's height in PNG pixels: 24 CSS px × 2 (www/classroom/exports.js CAPTION, PNG_SCALE). */
const STRIP = 48;

/** @type {Harness} */
let h;
before(async () => {
  h = await Harness.start();
}, { timeout: 15 * 60 * 1000 });
after(async () => {
  await h?.stop();
});

/** Records every fillText of the page from now on (its text). */
function recordText(page) {
  return page.evaluate(() => {
    window.__drawn = [];
    const fill = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
      window.__drawn.push(String(text));
      return fill.call(this, text, ...rest);
    };
  });
}

/** Statistics of rows [from, to) of PNG `bytes`, decoded in the page: distinct colours, non-white share. */
function rows(page, bytes, from, to) {
  return page.evaluate(async ([b64, from, to]) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([data], { type: 'image/png' }));
    const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    const px = new Uint32Array(ctx.getImageData(0, from, bitmap.width, to - from).data.buffer);
    const ink = px.filter((c) => c !== 0xffffffff).length;
    return { distinct: new Set(px).size, ink: ink / px.length };
  }, [bytes.toString('base64'), from, to]);
}

test('a PNG of the speeds chart carries a caption: network, settings, seed, epoch', T, async (t) => {
  const page = await h.openPageFor(t);
  await api(page, 'set', { sizes: [784, 30, 30, 30, 10], seed: 7, eta: 0.5, lambda: 2, images: 500, batch: 50 });
  await api(page, 'step', 3);
  await recordText(page);
  const file = await download(page, button(page, 'Save the learning-speed chart as PNG'));
  const { width, height } = pngSize(file.bytes);
  const drawn = await page.evaluate(() => window.__drawn.filter((x) => x.startsWith('gradscope ·')));
  console.log(`${file.name} ${width}×${height}: caption "${drawn.join(' | ')}"`);
  assert.equal(drawn.length, 1, 'one caption line drawn');
  const caption = drawn[0];
  // What this test set: the sizes, the activation and init by default, η, λ, images, batch, seed, 3 epochs.
  for (const want of ['[784, 30, 30, 30, 10]', 'sigmoid', 'η = 0.5', 'λ = 2', '500 images', 'batch 50', 'seed 7', 'epoch 3']) {
    assert.ok(caption.includes(want), `the caption names ${want}: "${caption}"`);
  }
  const strip = await rows(page, file.bytes, height - STRIP, height);
  const edge = await rows(page, file.bytes, height - 4, height); // the strip's bottom margin
  console.log(`strip: ${strip.distinct} colours, ${(strip.ink * 100).toFixed(1)} % ink; bottom rows ${(edge.ink * 100).toFixed(1)} % ink`);
  assert.ok(strip.distinct >= 4 && strip.ink >= 0.01, 'the strip holds drawn text');
  assert.equal(edge.ink, 0, 'the text stays inside the strip');

  // The same caption from the module's pure function on snapshot() (nothing else is exposed).
  const again = await page.evaluate(async () => {
    const { pngCaption } = await import(new URL('www/classroom/exports.js', location.href).href);
    return pngCaption('speeds', window.gradscope.snapshot());
  });
  assert.equal(again, caption, 'pngCaption(snapshot()) is what was drawn');
  assert.deepEqual(h.pageErrors, [], 'no page error');
});

test('a PNG of the chain figure names the chain: depth, cost, a0, y, w and b, seed', T, async (t) => {
  const page = await h.openPageFor(t);
  await api(page, 'set', { view: 'chain', chain: { depth: 3, preset: 'explode', a0: 0.5 } });
  await recordText(page);
  const file = await download(page, button(page, 'Save the chain figure as PNG'));
  const drawn = await page.evaluate(() => window.__drawn.filter((x) => x.startsWith('gradscope ·')));
  console.log(`${file.name}: caption "${drawn.join(' | ')}"`);
  assert.equal(drawn.length, 1);
  // Explode at a0 = 0.5: every w = 100 and b_j = −100·a_{j−1}, a_j = σ(0) = 0.5, so every b = −50.
  for (const want of ['chain of 3 sigmoid neurons', 'quadratic', 'a0 = 0.5', 'w = 100, 100, 100', 'b = -50, -50, -50', 'seed 1']) {
    assert.ok(drawn[0].includes(want), `the caption names ${want}: "${drawn[0]}"`);
  }
  const { height } = pngSize(file.bytes);
  const strip = await rows(page, file.bytes, height - STRIP, height);
  assert.ok(strip.distinct >= 4 && strip.ink >= 0.01, 'the strip holds drawn text');
  assert.deepEqual(h.pageErrors, [], 'no page error');
});
