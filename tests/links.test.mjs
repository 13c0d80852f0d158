// Browser tests of exact links after real use (real clicks on Play, Pause, Explode, Step, Copy link,
// Projector; real keys on the layer sliders): the copied link, opened in a new tab, gives the same
// snapshot() — every number — or the Copy link notice says plainly what it cannot rebuild (a run
// too long to replay at once, beyond the epochs a link re-trains, an imported network).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Harness } from './lib/browser.mjs';
import { prng } from './lib/fuzz-gen.mjs';
import { openWithGlue, patchedGlue } from './lib/glue.mjs';
import { api, measured, screenshotPath, snapshot } from './lib/page.mjs';

const T = { timeout: 6 * 60 * 1000 };

/** @type {Harness} */
let h;
before(async () => {
  h = await Harness.start();
  await h.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.origin });
}, { timeout: 15 * 60 * 1000 });
after(async () => {
  await h?.stop();
});

const button = (page, name) => page.getByRole('button', { name, exact: true });
const epochOf = async (page) => (await snapshot(page)).epoch;

/** Waits for the player's status `status` in snapshot(). */
const statusIs = (page, status) => page.waitForFunction((s) => window.gradscope.snapshot().status === s, status, { timeout: 60_000 });

/** Clicks Play, waits until epoch ≥ `to` (or a halt), clicks Pause; resolves once paused. */
async function playTo(page, to) {
  await page.locator('#play').click();
  await page.waitForFunction((n) => {
    const s = window.gradscope.snapshot();
    return s.epoch >= n || s.status !== 'running';
  }, to, { timeout: 120_000 });
  if ((await snapshot(page)).status !== 'running') return;
  await button(page, 'Pause').click();
  await statusIs(page, 'paused');
}

/** Clicks Step; resolves once the next epoch is measured (or training halted). */
async function step(page) {
  const from = await epochOf(page);
  await button(page, 'Step').click();
  await page.waitForFunction((n) => {
    const s = window.gradscope.snapshot();
    return s.epoch > n || s.status === 'overflow' || s.status === 'vanished';
  }, from, { timeout: 60_000 });
  await measured(page);
}

/** Clicks Copy link; resolves to [the notice it shows, the copied address]. */
async function copyLink(page) {
  await page.evaluate(() => { document.getElementById('message').textContent = ''; });
  await button(page, 'Copy link').click();
  await page.waitForFunction(() => /link/.test(document.getElementById('message').textContent), null, { timeout: 10_000 });
  const notice = await page.locator('#message').textContent();
  const copied = /^The link was copied/.test(notice) ? await page.evaluate(() => navigator.clipboard.readText()) : page.url();
  return [notice, copied];
}

/** Opens `url` in a new tab and checks it reproduces `want` (snapshot() deep-equal). */
async function assertReopens(t, url, want, what) {
  const copy = await h.openPageFor(t, url);
  assert.deepEqual(await snapshot(copy), want, `${what}: the same snapshot() in a new tab opened on the copied link`);
  return copy;
}

test('Pause → Explode → Step (real clicks): Explode keeps the epoch; the copied link reproduces snapshot() exactly', T, async (t) => {
  const page = await h.openPageFor(t);
  // As fast as possible: Play's 12 ms slices end inside an epoch, so Pause leaves one in progress.
  await page.selectOption('#speed', 'max');
  await playTo(page, 6);
  const paused = await epochOf(page);
  await button(page, 'Explode').click();
  await measured(page);
  const exploded = await snapshot(page);
  assert.equal(exploded.epoch, paused, 'Explode trains nothing: the epoch stays where Pause left it');
  assert.deepEqual(exploded.edits, [paused], 'the edit is marked at that epoch');
  await step(page);
  const want = await snapshot(page);
  assert.equal(want.epoch, paused + 1, 'Step trains one epoch');
  // One record per epoch, none skipped: 0, 1, …, paused + 1 (counted by hand).
  const current = want.runs.find((r) => r.current);
  assert.deepEqual(current.history.map((r) => r.epoch), Array.from({ length: paused + 2 }, (_, i) => i));
  assert.equal(want.history.length, paused + 2);
  const [notice, url] = await copyLink(page);
  assert.match(notice, new RegExp(`exactly this state \\(epoch ${(paused + 1).toLocaleString('en-US')}\\)`), notice);
  // valid=: the epochs validated besides every tenth (Pause's; Step's one epoch and the edited net).
  assert.match(decodeURIComponent(new URL(url).hash), new RegExp(`&run=${paused},x,1&(valid=[-0-9,]+&)?status=paused`), 'the run: the epochs before Pause, Explode, one Step');
  await assertReopens(t, url, want, 'Pause → Explode → Step');
  assert.deepEqual(h.pageErrors, []);
});

/** One random action of a seeded sequence: play/pause, step, a layer slider moved by keys, Explode. */
async function randomAction(page, r) {
  const s = await snapshot(page);
  const halted = s.status === 'overflow' || s.status === 'vanished';
  const kind = r.pick(halted ? ['edit', 'explode'] : ['play', 'play', 'step', 'edit', 'explode']);
  if (kind === 'play') await playTo(page, s.epoch + r.int(1, 4));
  else if (kind === 'step') await step(page);
  else if (kind === 'explode') {
    await button(page, 'Explode').click();
    await measured(page);
  } else {
    const layer = r.int(1, s.layerScale.length);
    const slider = page.locator(`#edit-${r.pick(['scale', 'shift'])}-${layer}`);
    await slider.focus();
    for (let i = r.int(1, 3); i > 0; i -= 1) await page.keyboard.press(r.pick(['ArrowRight', 'ArrowLeft']));
    await page.waitForFunction(() => window.gradscope.snapshot().edits.length > 0, null, { timeout: 10_000 }).catch(() => {});
    await measured(page);
  }
  return kind;
}

test('seeded sequences of play/pause/step/slider edits/Explode round-trip exactly', T, async (t) => {
  for (const seed of [11, 12, 13]) {
    const r = prng(seed);
    const page = await h.openPageFor(t);
    // Mini-batches (30 of 300 images): Pause also lands inside an epoch's training, not only its measurement.
    // No epoch limit within reach: at full speed Play may run hundreds of epochs before Pause lands.
    await api(page, 'set', { sizes: [784, 20, 20, 10], images: 300, batch: 30, seed, speed: 'max', epochLimit: 100000 });
    const done = [];
    for (let i = 0; i < 6; i += 1) done.push(await randomAction(page, r));
    const want = await snapshot(page);
    const [notice, url] = await copyLink(page);
    console.log(`seed ${seed}: ${done.join(' ')} → epoch ${want.epoch}, ${decodeURIComponent(new URL(url).hash).replace(/.*run=/, 'run=')}`);
    assert.match(notice, new RegExp(`exactly this state \\(epoch ${want.epoch.toLocaleString('en-US')}\\)`), notice);
    await assertReopens(t, url, want, `seed ${seed}`);
    await page.close();
  }
  assert.deepEqual(h.pageErrors, []);
});

test('projector mode is in the link, with speed and epoch limit', T, async (t) => {
  const page = await h.openPageFor(t);
  await page.selectOption('#speed', '5');
  await api(page, 'set', { epochLimit: 321 });
  await step(page);
  const [notice] = await copyLink(page);
  assert.match(notice, /exactly this state \(epoch 1\)/, notice);
  // Projector mode hides Copy link (a secondary control): the address bar holds the link.
  await button(page, 'Projector').click();
  await page.waitForFunction(() => /&projector=1$/.test(location.hash), null, { timeout: 10_000 });
  const want = await snapshot(page);
  const url = page.url();
  assert.match(new URL(url).hash, /speed=5&epochLimit=321.*&projector=1$/);
  const copy = await assertReopens(t, url, want, 'projector');
  assert.equal(await copy.evaluate(() => document.documentElement.classList.contains('projector')), true, 'projector mode on');
  assert.equal(await copy.locator('#projector').getAttribute('aria-pressed'), 'true');
  assert.deepEqual([want.speed, want.epochLimit], ['5', 321]);
  await copy.screenshot({ path: screenshotPath('link-projector.png') });
});

test('an overflow and a run stopped at its epoch limit replay exactly (status, message, numbers)', T, async (t) => {
  // tests/robustness.test.mjs: ReLU + He, full batch, η = 1 overflows in the 4th epoch (seed 1).
  const page = await h.openPageFor(t);
  await api(page, 'set', { sizes: [784, 100, 100, 100, 100, 100, 100, 10], activation: 'relu', init: 'he', eta: 1, batch: 1000, images: 1000 });
  await page.locator('#play').click();
  await statusIs(page, 'overflow');
  let want = await snapshot(page);
  let [notice, url] = await copyLink(page);
  assert.match(notice, /exactly this state \(epoch 3\)/, notice);
  assert.match(new URL(url).hash, /&run=4(&|$)/, 'the link trains the 4th epoch, whose training overflowed');
  await assertReopens(t, url, want, 'overflow');
  // Play stops by itself at "Train to epoch" 3: status 'done'.
  await api(page, 'set', { sizes: [784, 30, 30, 10], activation: 'sigmoid', init: 'network2', eta: 0.1, epochLimit: 3 });
  await page.locator('#play').click();
  await statusIs(page, 'done');
  want = await snapshot(page);
  [notice, url] = await copyLink(page);
  assert.match(notice, /exactly this state \(epoch 3\)/, notice);
  assert.match(new URL(url).hash, /&run=3&kept1=.*~4&status=done$/, 'the run, then the overflowed run kept (4 epochs)');
  await assertReopens(t, url, want, 'done');
});

/** A page whose schema is changed by `edit` (the caps of links), opened at `path`. */
const capped = (t, edit, path = '') => openWithGlue(h, t, (source) => patchedGlue(source, edit), path);

test('a run over replayWork is linked as its settings plus its epoch: the notice and the link say it re-trains on request', T, async (t) => {
  // 5 epochs of the default net: 5 × 1,000 images × 24,720 weights = 1.24e8 > the patched 1e8.
  const edit = (schema) => { schema.replayWork = 1e8; };
  const page = await capped(t, edit);
  for (let i = 0; i < 5; i += 1) await step(page);
  const want = await snapshot(page);
  const [notice, url] = await copyLink(page);
  assert.match(notice, /opens at these settings at epoch 0 and re-trains to epoch 5 when asked/, notice);
  await page.screenshot({ path: screenshotPath('link-copied-long.png') });
  assert.doesNotMatch(notice, /exactly/, notice);
  const copy = await capped(t, edit, url);
  const opened = await snapshot(copy);
  assert.deepEqual([opened.epoch, opened.sizes, opened.seed], [0, want.sizes, want.seed], 'opened at its settings, epoch 0');
  const text = await copy.locator('#link-notice').textContent();
  assert.match(text, /re-trains to epoch 5 .*opened at its settings, at epoch 0/, text);
  assert.equal(await copy.evaluate(() => location.hash), new URL(url).hash, 'the address bar keeps the link until something changes');
  await copy.screenshot({ path: screenshotPath('link-long.png') });
  await copy.getByRole('button', { name: 'Replay the run' }).click();
  await copy.waitForFunction(() => window.gradscope.snapshot().epoch === 5, null, { timeout: 60_000 });
  await measured(copy);
  assert.deepEqual(await snapshot(copy), want, 'Replay the run re-trains to exactly the same state');
});

test('Reset during “Replay the run” stops the replay, and the notice says the page is not the link’s state', T, async (t) => {
  // 20,000 epochs of a tiny net (seconds, not milliseconds: Reset lands mid-replay):
  // 20,000 × 100 images × 794 weights = 1.6e9 > the patched 1e8.
  const edit = (schema) => { schema.replayWork = 1e8; };
  const copy = await capped(t, edit, '#sizes=784,1,10&images=100&batch=100&run=20000');
  await copy.getByRole('button', { name: 'Replay the run' }).click();
  await copy.waitForFunction(() => window.gradscope.snapshot().epoch >= 2, null, { timeout: 60_000 });
  await button(copy, 'Reset').click();
  await copy.waitForFunction(() => /replay stopped at epoch/.test(document.getElementById('link-notice').textContent), null, { timeout: 60_000 });
  const text = await copy.locator('#link-notice').textContent();
  assert.match(text, /not the link’s state/, text);
  assert.equal(await copy.getByRole('button', { name: 'Replay the run' }).count(), 1, 'the replay is offered again');
  assert.equal((await snapshot(copy)).epoch, 0, 'the replay did not go on after Reset');
});

test('a run beyond replayEpochs: the link carries its settings only and says so', T, async (t) => {
  const edit = (schema) => { schema.replayEpochs = 3; };
  const page = await capped(t, edit);
  for (let i = 0; i < 4; i += 1) await step(page);
  const [notice, url] = await copyLink(page);
  assert.match(notice, /with these settings only: it opens at epoch 0, because re-training 4 epochs is beyond the 3 epochs/, notice);
  const copy = await capped(t, edit, url);
  assert.equal((await snapshot(copy)).epoch, 0);
  assert.match(await copy.locator('#link-notice').textContent(), /beyond the 3 epochs a link re-trains/);
  assert.equal(await copy.getByRole('button', { name: 'Replay the run' }).count(), 0, 'no replay offered');
});

test('an imported network: Copy link says the link cannot include it, also for an earlier run', T, async (t) => {
  const page = await h.openPageFor(t);
  await step(page);
  const file = await api(page, 'exportNetwork');
  await page.setInputFiles('#import-file', { name: 'net.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await page.waitForFunction(() => /Imported/.test(document.getElementById('message').textContent), null, { timeout: 30_000 });
  await step(page);
  let [notice] = await copyLink(page);
  assert.match(notice, /cannot include the imported network/, notice);
  assert.doesNotMatch(notice, /exactly/, notice);
  await button(page, 'Reset').click();
  await measured(page);
  [notice] = await copyLink(page);
  assert.match(notice, /exactly this network at epoch 0\. An earlier run trained from an imported network is left out/, notice);
  assert.deepEqual(h.pageErrors, []);
});
