// Browser tests of the page's words agreeing with each other: the chain summary writes ∂C/∂b₁ as
// the figure does (1953, not 1950); the overflow message names the epoch the status line shows;
// Play looks disabled after an overflow (aria-disabled and a faded button) until Reset.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Harness } from './lib/browser.mjs';
import { chainText, recordChainText } from './lib/chain-text.mjs';
import { api, frames, snapshot } from './lib/page.mjs';

const T = { timeout: 5 * 60 * 1000 };
const button = (page, name) => page.getByRole('button', { name, exact: true });
/** ReLU + He, full batch, η = 1: finite for a few epochs, then overflows (seed 1; as robustness.test.mjs). */
const OVERFLOWS_LATER = { sizes: [784, 100, 100, 100, 100, 100, 100, 10], activation: 'relu', init: 'he', scale: 1, eta: 1, batch: 1000, images: 1000 };

/** @type {Harness} */
let h;
before(async () => {
  h = await Harness.start();
}, { timeout: 15 * 60 * 1000 });
after(async () => {
  await h?.stop();
});

test('the chain summary and the figure write ∂C/∂b₁ alike (Explode, depth 4: 1953)', T, async (t) => {
  const page = await h.openPageFor(t);
  await button(page, 'Chain').click();
  await recordChainText(page);
  await page.locator('#chain-presets').getByRole('button', { name: 'Explode', exact: true }).click();
  await page.waitForFunction(() => window.gradscope.snapshot().chain?.w[0] === 100);
  await frames(page, 3);
  const s = await snapshot(page);
  // 0.25 · 25³ · 0.5 = 1953.125 (σ′(0) = 1/4, three factors of 25, ∂C/∂a₄ = a₄ − y = 0.5).
  assert.equal(s.chain.grad_b[0], 1953.125);
  const product = (await chainText(page)).map((x) => x.text).filter((x) => x.startsWith('∂C/∂b₁ =')).pop();
  const figure = /= ([^=]+)$/.exec(product)[1].trim();
  const summary = await page.locator('#chain-summary').innerText();
  console.log(`figure: ${product}\nsummary: ${summary}`);
  assert.equal(figure, '1953', 'the figure writes 1953');
  assert.match(summary, /= 1953\s*$/m, 'the summary writes 1953 too');
  assert.doesNotMatch(summary, /1950/);
  assert.deepEqual(h.pageErrors, [], 'no page error');
});

test('after an overflow the message names the status line’s epoch and Play looks disabled until Reset', T, async (t) => {
  const page = await h.openPageFor(t);
  await api(page, 'set', OVERFLOWS_LATER);
  const play = button(page, 'Play');
  assert.equal(await play.getAttribute('aria-disabled'), 'false');
  await play.click();
  await page.waitForFunction(() => window.gradscope.snapshot().status === 'overflow', null, { timeout: 60_000 });
  await frames(page, 3);
  const s = await snapshot(page);
  const status = await page.locator('#status-state').innerText();
  const message = await page.locator('#message').innerText();
  console.log(`status: ${status}\nmessage: ${message}`);
  assert.ok(s.epoch >= 1, `some finite epochs first (epoch ${s.epoch})`);
  assert.match(status, new RegExp(`epoch ${s.epoch}$`), 'the status shows the last finite epoch');
  assert.match(message, new RegExp(`after epoch ${s.epoch}:`), 'the message names the same epoch');
  assert.equal(await play.getAttribute('aria-disabled'), 'true', 'Play is aria-disabled');
  const faded = await play.evaluate((b) => Number(getComputedStyle(b).opacity));
  assert.ok(faded <= 0.5, `Play looks disabled (opacity ${faded})`);
  await button(page, 'Reset').click();
  await page.waitForFunction(() => window.gradscope.snapshot().status === 'idle');
  await frames(page, 2);
  assert.equal(await play.getAttribute('aria-disabled'), 'false', 'Reset enables Play again');
  assert.equal(await play.evaluate((b) => Number(getComputedStyle(b).opacity)), 1);
  assert.deepEqual(h.pageErrors, [], 'no page error');
});
