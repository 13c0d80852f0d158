// Robustness of the page: an overflow pauses training, says what happened and how to recover, and
// keeps the last finite charts; no input through set() or the controls kills the page or the wasm.
// One server and one chromium for the file. Run: node --test --test-concurrency=1 tests/
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { Harness } from './lib/browser.mjs';
import { api, badWords, canvasStats, frames, measured, snapshot } from './lib/page.mjs';

const T = { timeout: 5 * 60 * 1000 };
const HIDDEN_6x100 = [784, 100, 100, 100, 100, 100, 100, 10];
/** ReLU + He, full batch, η = 1: finite for three epochs, overflows in the fourth (seed 1). */
const OVERFLOWS_LATER = { sizes: HIDDEN_6x100, activation: 'relu', init: 'he', scale: 1, eta: 1, batch: 1000, images: 1000 };
/** ×10 weights, η = 10, mini-batch 10: overflows within the first epoch, so only epoch 0 is finite. */
const OVERFLOWS_AT_ONCE = { sizes: HIDDEN_6x100, activation: 'relu', init: 'he', scale: 10, eta: 10, batch: 10, images: 1000 };
/** What the page accepts (www/state/settings.js LIMITS): a clamped value must land in here. */
const RANGE = { eta: [0.001, 10], lambda: [0, 20], scale: [0.1, 10], images: [100, 8000], seed: [0, 2 ** 32 - 1] };

/** @type {Harness} */
let h;
before(async () => (h = await Harness.start()), { timeout: 15 * 60 * 1000 });
after(() => h?.stop());

async function fresh(t) {
  const page = await h.openPage();
  t.after(() => page.close());
  return page;
}

const button = (page, name) => page.getByRole('button', { name, exact: true });

/** The message area: {visible, text}. */
async function message(page) {
  const area = page.locator('#message');
  return { visible: await area.isVisible(), text: (await area.textContent()).trim() };
}

const finite = (x) => typeof x === 'number' && Number.isFinite(x);
const within = (x, [lo, hi]) => finite(x) && x >= lo && x <= hi;

/** Every setting of a snapshot is one the page accepts; the measurements are finite. */
function assertSane(s, what) {
  for (const [key, range] of Object.entries(RANGE)) {
    assert.ok(within(s[key], range), `${what}: ${key} = ${s[key]} within ${range.join('–')}`);
  }
  assert.ok(Number.isInteger(s.seed) && Number.isInteger(s.images), `${what}: whole seed ${s.seed}, images ${s.images}`);
  assert.ok(Number.isInteger(s.batch) && s.batch >= 1 && s.batch <= s.images, `${what}: batch ${s.batch} in 1–${s.images}`);
  assert.ok(Array.isArray(s.sizes) && s.sizes[0] === 784 && s.sizes.at(-1) === 10, `${what}: sizes ${JSON.stringify(s.sizes)}`);
  const hidden = s.sizes.slice(1, -1);
  assert.ok(hidden.length >= 1 && hidden.length <= 10, `${what}: ${hidden.length} hidden layers in 1–10`);
  assert.ok(hidden.every((w) => Number.isInteger(w) && w >= 1 && w <= 4096), `${what}: widths ${hidden} in 1–4096`);
  assert.ok(['sigmoid', 'tanh', 'relu'].includes(s.activation), `${what}: activation ${s.activation}`);
  assert.ok(['network2', 'large', 'xavier', 'he'].includes(s.init), `${what}: init ${s.init}`);
  assert.ok(s.speeds.length === hidden.length && s.speeds.every(finite), `${what}: speeds ${JSON.stringify(s.speeds)}`);
}

/** Every chart canvas has real drawing: ≥ 3 colours, ≥ 1 % of its pixels unlike the background. */
async function assertChartsDrawn(page, what) {
  const stats = await canvasStats(page);
  assert.equal(stats.length, 3, `${what}: three chart canvases`);
  for (const c of stats) {
    const drawn = `${what}: canvas #${c.index} (${c.label.split(' | ')[0]}): ${c.distinct} colours, ${(100 * c.nonBackground).toFixed(2)} % drawn`;
    assert.ok(c.distinct >= 3 && c.nonBackground >= 0.01, drawn);
  }
}

/** Plays `settings` until the page reports an overflow; returns the snapshot then. */
async function playToOverflow(page, settings) {
  await api(page, 'set', settings);
  await api(page, 'play');
  await page.waitForFunction(() => window.gradscope.snapshot().status === 'overflow', null, { timeout: 30_000 });
  await frames(page, 3);
  return snapshot(page);
}

/** What the page shows after an overflow: Play, a message with the way out, finite text and charts; Play refused. */
async function assertOverflowShown(page, s, what) {
  assert.ok(s.speeds.length > 0 && s.speeds.every(finite), `${what}: finite speeds ${JSON.stringify(s.speeds)}`);
  assert.ok(s.history.flat().every(finite) && s.bars.flat().every(finite), `${what}: finite history and bars`);
  assert.equal(s.history.length, s.epoch + 1, `${what}: history holds the finite epochs 0–${s.epoch}`);
  assert.equal(await button(page, 'Play').count(), 1, `${what}: the button reads Play again`);
  const m = await message(page);
  assert.ok(m.visible && /overflow/i.test(m.text) && /Reset/.test(m.text), `${what}: message says overflow and Reset: "${m.text}"`);
  assert.deepEqual(await badWords(page), [], `${what}: no NaN/undefined/Infinity shown`);
  await assertChartsDrawn(page, what);

  // Play starts a run synchronously in its click handler, and only a 'running' player trains: a
  // status still 'overflow' once the click was handled and a few frames (each with slices of the
  // training loop between them) were painted means no run started and no epoch can follow.
  assert.equal(await button(page, 'Play').getAttribute('aria-disabled'), 'true', `${what}: Play is aria-disabled`);
  await button(page, 'Play').click({ force: true }); // a real click: aria-disabled does not stop a mouse
  await frames(page, 10);
  const s1 = await snapshot(page);
  assert.equal(s1.status, 'overflow', `${what}: Play after an overflow does not start training`);
  assert.equal(s1.epoch, s.epoch, `${what}: no epoch after Play`);
  assert.equal(await button(page, 'Play').count(), 1, `${what}: the button still reads Play`);
  assert.ok((await message(page)).visible, `${what}: the message stays`);
}

test('overflow after some epochs: paused, explained, last finite charts; Reset and Play train again', T, async (t) => {
  const page = await fresh(t);
  const s = await playToOverflow(page, OVERFLOWS_LATER);
  console.log(`overflow; last finite epoch ${s.epoch}; message "${(await message(page)).text}"`);
  assert.ok(s.epoch >= 1, `some finite epochs were trained before the overflow (epoch ${s.epoch})`);
  await assertOverflowShown(page, s, 'overflow');

  const r = await api(page, 'reset');
  assert.equal(r.status, 'idle', 'status after reset()');
  assert.equal(r.epoch, 0, 'epoch after reset()');
  assert.ok(!(await message(page)).visible, 'reset() clears the overflow message');
  await api(page, 'play');
  assert.equal((await snapshot(page)).status, 'running', 'play() after reset() runs');
  await page.waitForFunction(() => window.gradscope.snapshot().epoch >= 1, null, { timeout: 30_000 });
  await page.waitForFunction(() => window.gradscope.snapshot().status === 'overflow', null, { timeout: 30_000 });
  assert.equal((await snapshot(page)).epoch, s.epoch, 'the seeded run overflows again at the same epoch');
  assert.deepEqual(h.pageErrors, [], 'no page error');
});

test('overflow in the first epoch: the epoch-0 state stays on screen', T, async (t) => {
  const page = await fresh(t);
  const s = await playToOverflow(page, OVERFLOWS_AT_ONCE);
  assert.equal(s.epoch, 0, 'only epoch 0 is finite');
  await assertOverflowShown(page, s, 'overflow at once');
  await api(page, 'set', { ...OVERFLOWS_AT_ONCE, scale: 1, eta: 0.1 });
  assert.equal((await snapshot(page)).status, 'idle', 'new settings leave the overflow');
  await api(page, 'step', 2);
  assert.equal((await snapshot(page)).epoch, 2, 'step(2) trains after new settings');
});

/** Each call is out of range or wrong: clamped into RANGE or refused, always with a message. */
const BAD_SETS = [
  ['{eta: NaN}', 'eta'], ['{eta: -1}', 'eta'], ['{eta: 1e308}', 'eta'], ['{lambda: Infinity}', 'lambda'],
  ['{lambda: -3}', 'lambda'], ['{images: 1e9}', 'images'], ['{images: 0}', 'images'], ['{batch: 0}', 'batch'],
  ['{batch: 1e9}', 'batch'], ['{seed: -5}', 'seed'], ['{seed: 1.5}', 'seed'], ['{seed: 2**60}', 'seed'],
  ['{seed: "abc"}', 'seed'], ['{sizes: [784, 10]}', 'sizes'], ['{sizes: [784, ...Array(20).fill(30), 10]}', 'sizes'],
  ["{sizes: 'abc'}", 'sizes'], ['{sizes: [784, NaN, 10]}', 'sizes'], ['{sizes: [784, -3, 10]}', 'sizes'],
  ['{sizes: [700, 30, 10]}', 'sizes'], ["{activation: 'softmax'}", 'activation'], ["{init: 'zeros'}", 'init'],
  ['{activation: 42}', 'activation'], ['{scale: 1e12}', 'scale'], ['{scale: NaN}', 'scale'], ['{scale: -2}', 'scale'],
  ['{nonsense: 1}', null], ['null', null], ['42', null], ["'eta=5'", null], ['[1, 2]', null],
  ['{sizes: [784, 5000, 10]}', 'sizes'],
];

test('set() with out-of-range or wrong values: clamped or refused with a message, never a dead page', T, async (t) => {
  const page = await fresh(t);
  const errors0 = { page: h.pageErrors.length, console: h.consoleErrors.length };
  for (const [call, key] of BAD_SETS) {
    const what = `set(${call})`;
    const before = await snapshot(page);
    await page.evaluate(() => {
      const area = document.getElementById('message');
      area.textContent = '';
      area.hidden = true;
    });
    const outcome = await page
      .evaluate(`window.gradscope.set(${call}).then(() => 'resolved', (e) => 'rejected: ' + e)`)
      .catch((e) => `threw: ${e.message}`);
    assert.equal(outcome, 'resolved', `${what} resolves`);
    const s = await snapshot(page); // the page answers
    const m = await message(page);
    console.log(`${what} → ${key ?? '-'} = ${JSON.stringify(key ? s[key] : null)}; "${m.text}"`);
    assert.deepEqual(h.pageErrors.slice(errors0.page), [], `${what}: no page error`);
    assert.deepEqual(h.consoleErrors.slice(errors0.console), [], `${what}: no console error (a wasm panic logs one)`);
    assert.equal(s.status, 'idle', `${what}: status`);
    assertSane(s, what);
    for (const k of ['sizes', 'activation', 'init', 'scale', 'seed', 'images', 'eta', 'lambda']) {
      if (k !== key) assert.deepEqual(s[k], before[k], `${what} leaves ${k} alone`);
    }
    assert.ok(m.visible && m.text.length > 0, `${what}: a visible message says what was done`);
    assert.deepEqual(await badWords(page, { skipMessage: true }), [], `${what}: no NaN/undefined/Infinity outside the message`);
  }
  const s = await api(page, 'step', 1);
  assert.equal(s.epoch, 1, 'step(1) after the whole sequence');
  assertSane(s, 'after step(1)');
});

test('absurd values typed into number boxes and sliders pushed to both ends: finite values, live page', T, async (t) => {
  const page = await fresh(t);
  const errors0 = h.pageErrors.length;
  const boxes = page.getByRole('spinbutton');
  assert.ok((await boxes.count()) >= 1, 'the page has a number box (the seed)');
  for (let i = 0; i < (await boxes.count()); i += 1) {
    const box = boxes.nth(i);
    for (const typed of ['-1', '1e99', 'abc', '99999999999999999999', '0.5']) {
      const what = `number box #${i}: "${typed}"`;
      await box.fill('');
      await box.pressSequentially(typed);
      await box.press('Tab');
      await measured(page);
      const shown = await box.inputValue();
      assert.ok(shown !== '' && finite(Number(shown)), `${what}: the box shows a finite number, not "${shown}"`);
      assertSane(await snapshot(page), what);
      // A value the box takes as typed (0.5 as a clipping threshold) needs no message; any other does.
      if (Number(shown) !== Number(typed)) assert.ok((await message(page)).visible, `${what}: a message says what was done`);
      assert.deepEqual(await badWords(page), [], `${what}: no NaN/undefined/Infinity shown`);
    }
  }
  // The settings panel's sliders (the edit strip's are rebuilt when the layers change; chain.test checks them).
  const sliders = page.locator('#settings').getByRole('slider');
  const n = await sliders.count();
  assert.ok(n >= 7, `${n} sliders`);
  for (let i = 0; i < n; i += 1) {
    const slider = sliders.nth(i);
    const name = await slider.getAttribute('id');
    for (const key of ['End', 'Home']) {
      const what = `slider ${name} ${key}`;
      await slider.press(key);
      await measured(page);
      assertSane(await snapshot(page), what);
      const shown = await page.evaluate(() => ({
        values: [...document.querySelectorAll('input[type=range]')].map((x) => x.value),
        outputs: [...document.querySelectorAll('output')].map((x) => x.textContent),
      }));
      assert.ok(shown.values.every((v) => v !== '' && finite(Number(v))), `${what}: slider values ${shown.values}`);
      assert.ok(shown.outputs.every((o) => /\d/.test(o) && !o.includes('–')), `${what}: outputs ${JSON.stringify(shown.outputs)}`);
      assert.deepEqual(await badWords(page), [], `${what}: no NaN/undefined/Infinity shown`);
    }
  }
  assert.deepEqual(h.pageErrors.slice(errors0), [], 'no page error');
  assert.equal((await api(page, 'step', 1)).epoch, 1, 'step(1) still works');
});

test('no console error, no page error and no request off the origin over the whole run', T, () => {
  h.assertCleanRun();
});
