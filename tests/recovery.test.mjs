// The last line of defence (issue 15): if the wasm core ever traps (a Rust panic), the page rebuilds
// its Session from the data and the settings, says so, and keeps answering — instead of every later
// call failing with "recursive use of an object". The trap is simulated by the glue (the real core
// has no known panic left): Session.advance throws WebAssembly.RuntimeError once when asked.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Harness } from './lib/browser.mjs';
import { openWithGlue } from './lib/glue.mjs';
import { api, snapshot } from './lib/page.mjs';

const T = { timeout: 5 * 60 * 1000 };

/** @type {Harness} */
let h;
before(async () => {
  h = await Harness.start();
}, { timeout: 15 * 60 * 1000 });
after(async () => {
  await h?.stop();
});

/** The glue with Session.advance trapping once when window.__trapOnce is set. */
const trapping = (source) => `${source}
const advanceFromRust = Session.prototype.advance;
Session.prototype.advance = function advance(...args) {
  if (globalThis.__trapOnce) {
    globalThis.__trapOnce = false;
    throw new WebAssembly.RuntimeError('unreachable');
  }
  return advanceFromRust.apply(this, args);
};
`;

test('a trap in the core rebuilds the session with the same settings, says so, and the page trains on', T, async (t) => {
  const page = await openWithGlue(h, t, trapping);
  await api(page, 'set', { sizes: [784, 20, 20, 20, 10], seed: 3 });
  await api(page, 'step', 2);
  assert.equal((await snapshot(page)).epoch, 2);
  await page.evaluate(() => { window.__trapOnce = true; });
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.waitForFunction(() => /restarted with the same settings/.test(document.getElementById('message').textContent));
  const message = await page.locator('#message').textContent();
  console.log(`after the trap: "${message}"`);
  await page.waitForFunction(() => window.gradscope.snapshot().status !== 'loading' && window.gradscope.snapshot().speeds.length === 3);
  let s = await snapshot(page);
  assert.deepEqual([s.sizes, s.seed, s.epoch], [[784, 20, 20, 20, 10], 3, 0], 'same settings, a fresh network at epoch 0');
  s = await api(page, 'step', 1);
  assert.equal(s.epoch, 1, 'the rebuilt session trains');
  assert.ok(s.speeds.every((v) => Number.isFinite(v) && v > 0), JSON.stringify(s.speeds));
});
