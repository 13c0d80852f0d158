// Play's pace and end (issue 10): with the defaults Play stops by itself at epoch 500; at the
// slowest speed it trains at most a few epochs in 2 s; speed and epochLimit are in snapshot(),
// set() and the link; a dead ReLU net pauses with status "vanished" and says why.
// One server and one chromium for the file. Run: node --test --test-concurrency=1 tests/pace.test.mjs
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { Harness } from './lib/browser.mjs';
import { buildCli, cliLines } from './lib/cli.mjs';
import { api, badWords, frames, screenshotPath, snapshot } from './lib/page.mjs';

const T = { timeout: 5 * 60 * 1000 };

/** @type {Harness} */
let h;
before(async () => {
  buildCli();
  h = await Harness.start();
}, { timeout: 15 * 60 * 1000 });
after(() => h?.stop());

const message = (page) => page.locator('#message').textContent();

test('Play with the defaults stops by itself at epoch 500, the book’s window', T, async (t) => {
  const page = await h.openPageFor(t);
  const s0 = await snapshot(page);
  // The schema's defaults (crate/src/train/play.rs): 25 epochs/s, train to epoch 500.
  assert.equal(s0.speed, '25');
  assert.equal(s0.epochLimit, 500);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForFunction(() => window.gradscope.snapshot().status === 'done', null, { timeout: 120_000 });
  const s = await snapshot(page);
  assert.equal(s.epoch, 500, 'stopped at the limit');
  assert.equal(s.history.length, 501, 'epochs 0–500 recorded');
  assert.match(await message(page), /Reached epoch 500, the book’s window/);
  assert.equal(await page.getByRole('button', { name: 'Play', exact: true }).count(), 1, 'the button reads Play');
  // Play at the limit starts nothing and says so.
  await api(page, 'play');
  await frames(page, 10);
  assert.equal((await snapshot(page)).epoch, 500, 'no epoch past the limit');
  // Raising the limit lets Play go on.
  await api(page, 'set', { epochLimit: 503, speed: 'max' });
  await api(page, 'play');
  await page.waitForFunction(() => window.gradscope.snapshot().status === 'done', null, { timeout: 60_000 });
  assert.equal((await snapshot(page)).epoch, 503);
});

test('at the slowest speed, 2 s of Play train at most 5 epochs', T, async (t) => {
  const page = await h.openPageFor(t);
  await api(page, 'set', { speed: 1 });
  assert.equal((await snapshot(page)).speed, '1', 'set({speed: 1}) reads the number as its choice');
  await api(page, 'play');
  await page.waitForFunction(() => window.gradscope.snapshot().epoch >= 1, null, { timeout: 30_000 });
  // Two readings at least 2 s apart, taken while waiting on animation frames (no fixed sleep).
  const r = await page.evaluate(
    () =>
      new Promise((ok) => {
        const t0 = performance.now();
        const e0 = window.gradscope.snapshot().epoch;
        const tick = () => {
          const t1 = performance.now();
          if (t1 - t0 >= 2000) ok({ e0, e1: window.gradscope.snapshot().epoch, ms: t1 - t0 });
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
  console.log(`1 epoch/s: epoch ${r.e0} → ${r.e1} in ${r.ms.toFixed(0)} ms`);
  assert.ok(r.e1 - r.e0 <= 5, `${r.e1 - r.e0} epochs in ${r.ms.toFixed(0)} ms at 1 epoch/s`);
  assert.equal((await snapshot(page)).status, 'running', 'still running, only slowly');
  await api(page, 'pause');
});

test('snapshot() reports speed and epochLimit, set() sets them, bad values are refused, the link carries them', T, async (t) => {
  const page = await h.openPageFor(t);
  let s = await api(page, 'set', { speed: 'max', epochLimit: 40 });
  assert.equal(s.speed, 'max');
  assert.equal(s.epochLimit, 40);
  assert.equal((await page.locator('#speed').inputValue()), 'max', 'the speed select follows');
  assert.equal((await page.locator('#epoch-limit').inputValue()), '40', 'the limit box follows');
  s = await api(page, 'set', { speed: 7, epochLimit: 0 });
  assert.equal(s.speed, 'max', 'speed 7 is no choice: kept');
  assert.equal(s.epochLimit, 1, 'epochLimit 0 clamped to the schema’s minimum');
  assert.match(await message(page), /Speed “7” is not one of 1, 5, 25, 100, max/);
  assert.match(await message(page), /Train to epoch 0 is outside 1 to 100,000/);
  await api(page, 'set', { epochLimit: 40 });
  // The controls set them too.
  await page.getByRole('combobox', { name: 'Speed', exact: true }).selectOption('5');
  await page.waitForFunction(() => window.gradscope.snapshot().speed === '5');
  await page.getByRole('spinbutton', { name: 'Train to epoch', exact: true }).fill('60');
  await page.getByRole('spinbutton', { name: 'Train to epoch', exact: true }).press('Enter');
  await page.waitForFunction(() => window.gradscope.snapshot().epochLimit === 60);
  await page.waitForFunction(() => /speed=5&epochLimit=60/.test(location.hash), null, { timeout: 10_000 });
  const copy = await h.openPageFor(t, new URL(page.url()).hash);
  const c = await snapshot(copy);
  assert.equal(c.speed, '5', 'a link opens at its speed');
  assert.equal(c.epochLimit, 60, 'a link opens at its epoch limit');
  assert.deepEqual(await badWords(page), []);
});

test('ReLU, 6 hidden layers, weights ×10: Play pauses with status "vanished" and says the ReLUs died', T, async (t) => {
  const page = await h.openPageFor(t);
  await api(page, 'set', { sizes: [784, 30, 30, 30, 30, 30, 30, 10], activation: 'relu', scale: 10, speed: 'max' });
  await api(page, 'play');
  await page.waitForFunction(() => window.gradscope.snapshot().status === 'vanished', null, { timeout: 60_000 });
  await frames(page, 3);
  const s = await snapshot(page);
  // `gradscope train` on these settings (crate/tests/session_halt.rs): every ‖δˡ‖ is 0 at epoch 2.
  assert.equal(s.epoch, 2);
  assert.ok(s.speeds.every((v) => v === 0), `speeds ${JSON.stringify(s.speeds)}`);
  assert.match(s.message, /Dead ReLUs at epoch 2/);
  const shown = await message(page);
  assert.match(shown, /Dead ReLUs/);
  assert.match(shown, /Reset/);
  assert.equal(await page.getByRole('button', { name: 'Play', exact: true }).count(), 1, 'the button reads Play');
  await api(page, 'play');
  await frames(page, 10);
  const s1 = await snapshot(page);
  assert.equal(s1.status, 'vanished', 'Play does not restart a dead net');
  assert.equal(s1.epoch, 2);
  const r = await api(page, 'reset');
  assert.equal(r.status, 'idle', 'Reset makes a fresh net');
  assert.deepEqual(await badWords(page), [], 'no NaN/Infinity/undefined shown');
  assert.deepEqual(h.pageErrors, [], 'no page error');
});

test('the bars’ scale select and the full-batch note under the accuracy chart', T, async (t) => {
  const page = await h.openPageFor(t);
  const scale = page.getByRole('combobox', { name: 'Bar scale', exact: true });
  assert.equal(await scale.inputValue(), 'epoch0', 'bars on the scale of epoch 0 by default');
  await scale.selectOption('auto');
  await page.waitForFunction(() => window.gradscope.snapshot().barScale === 'auto');
  const note = page.locator('#accuracy-note');
  assert.ok(await note.isVisible(), 'the book’s full batch: the note is shown');
  assert.match(await note.textContent(), /one update per epoch/);
  await page.getByRole('button', { name: 'Use mini-batch 10', exact: true }).click();
  await page.waitForFunction(() => window.gradscope.snapshot().batch === 10);
  await page.waitForFunction(() => document.getElementById('accuracy-note').hidden);
});

test('as fast as possible the page validates every 10th epoch, each exactly; Pause validates the epoch on screen', T, async (t) => {
  const page = await h.openPageFor(t);
  await api(page, 'set', { speed: 'max', epochLimit: 2000 });
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForFunction(() => window.gradscope.snapshot().epoch >= 23, null, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.waitForFunction(() => {
    const s = window.gradscope.snapshot();
    return s.status === 'paused' && s.accuracyEpoch === s.epoch;
  }, null, { timeout: 30_000 });
  const s = await snapshot(page);
  // VALIDATE_EVERY in crate/src/train/cadence.rs; the epoch paused on is validated too.
  const want = [...Array(s.epoch + 1).keys()].filter((e) => e % 10 === 0 || e === s.epoch);
  const validated = s.accuracyHistory.flatMap((a, e) => (a === null ? [] : [e]));
  assert.deepEqual(validated, want, `validated epochs of a run paused at ${s.epoch}`);
  assert.equal(s.history.length, s.epoch + 1, 'every epoch has its speeds');
  // The native CLI validates every epoch: each of the page's points is its number for that epoch.
  const args = ['train', '--sizes', s.sizes.join(','), '--seed', String(s.seed), '--images', String(s.images),
    '--epochs', String(s.epoch), '--batch', String(s.batch), '--eta', String(s.eta), '--lambda', String(s.lambda), '--validation'];
  const lines = cliLines(args);
  for (const e of validated) {
    // One image of 2,000 may flip between wasm's and native f32 sums; the cost agrees to 1e-4.
    assert.ok(Math.abs(s.accuracyHistory[e] - lines[e].accuracy) <= 1 / 2000 + 1e-12, `accuracy at epoch ${e}: ${s.accuracyHistory[e]} vs ${lines[e].accuracy}`);
    assert.ok(Math.abs(s.costHistory[e] - lines[e].cost) <= 1e-4 * lines[e].cost, `cost at epoch ${e}: ${s.costHistory[e]} vs ${lines[e].cost}`);
  }
  await page.locator('#chart-accuracy').screenshot({ path: screenshotPath('accuracy-every-10.png') });
  assert.deepEqual(h.pageErrors, [], 'no page error');
});
