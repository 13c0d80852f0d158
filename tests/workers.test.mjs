// Compared runs in Web Workers (issue 12 item 4): "The book's three networks" trains the chapter's
// three nets at once, one worker each, at most max(1, hardwareConcurrency − 1) workers; their
// speed histories equal those of training the same nets here one after another with set() + step()
// (bit for bit: same seed, same wasm) and the native CLI's (`gradscope speeds` at epoch 0 to 1e-4,
// `gradscope train` every 100 epochs to 1e-3: f32 wasm SIMD vs native); the third net is handed to
// the page, which continues it with the same numbers; no main-thread long task > 50 ms while they
// train; a worker that fails hands its run to the main thread, and the page says so.
// hardwareConcurrency is set per context by an init script (4, 1); workers are counted by wrapping
// window.Worker. Run: node --test --test-concurrency=1 tests/workers.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadavg } from 'node:os';
import { Harness } from './lib/browser.mjs';
import { buildCli, cli, cliLines } from './lib/cli.mjs';
import { cspRecorder, violations } from './lib/csp.mjs';
import { countWorkers } from './lib/workers.mjs';
import { api, longTasks, measured, observeLongTasks, readyProbe, screenshotPath, snapshot, waitReady } from './lib/page.mjs';

const T = { timeout: 15 * 60 * 1000 };
/** The chapter's three networks (NNDL ch. 5) and its settings: 1,000 images, full batch, η 0.1, λ 5, 500 epochs. */
const BOOK = [[784, 30, 30, 10], [784, 30, 30, 30, 10], [784, 30, 30, 30, 30, 10]];
const CHAPTER = ['--images', '1000', '--batch', '1000', '--eta', '0.1', '--lambda', '5'];
const EPOCHS = 500;

/** @type {Harness} */
let h;
before(async () => {
  buildCli();
  h = await Harness.start();
}, { timeout: 15 * 60 * 1000 });
after(() => h?.stop());

/** Init script: a Worker that starts but answers every run with the failure a wasm trap would post. */
function failingWorkers() {
  window.__workers = [];
  window.Worker = class {
    constructor(url) {
      window.__workers.push(String(url));
    }
    postMessage(m) {
      const answer = m.type === 'start' ? { type: 'ready' }
        : m.type === 'train' ? { type: 'failed', id: m.id, error: 'RuntimeError: unreachable (simulated by the test)' } : null;
      if (answer) queueMicrotask(() => this.onmessage?.({ data: answer }));
    }
    terminate() {}
  };
}

/** A tab in a fresh context with init script `probe(arg)`, the page ready; closed when t ends. */
async function open(t, probe, arg) {
  const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 } });
  t.after(() => context.close());
  await context.addInitScript(readyProbe);
  await context.addInitScript(cspRecorder);
  await context.addInitScript(probe, arg);
  const errors = [];
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e.message)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(h.server.url);
  await waitReady(page);
  return { page, errors };
}

/** Resolves when the status line says "Status: done — epoch 500" (a MutationObserver, no poll), then measured. */
async function comparisonDone(page) {
  await page.evaluate((epochs) => new Promise((ok) => {
    const el = document.getElementById('status-state');
    const check = () => {
      if (!el.textContent.startsWith(`Status: done — epoch ${epochs}`)) return;
      observer.disconnect();
      ok();
    };
    const observer = new MutationObserver(check);
    observer.observe(el, { childList: true, characterData: true, subtree: true });
    check();
  }), EPOCHS);
  await measured(page);
}

/** Clicks "The book's three networks" at full speed; resolves to the snapshot and the long tasks (> 50 ms) meanwhile. */
async function compareByButton(page) {
  await api(page, 'set', { speed: 'max' });
  assert.ok(await observeLongTasks(page), 'this chromium reports long tasks');
  await page.getByRole('button', { name: 'The book’s three networks' }).click();
  await comparisonDone(page);
  const long = (await longTasks(page)).filter((x) => x.duration > 50);
  return { s: await snapshot(page), long };
}

/** Trains `sizes` here (main thread) from a fresh net: set() then step(500). */
async function sequential(page, sizes, seed) {
  await api(page, 'set', { sizes, seed });
  const s = await api(page, 'step', EPOCHS);
  return { history: s.history, accuracy: s.accuracyHistory, cost: s.costHistory, net: await api(page, 'exportNetwork') };
}

/** The machine's load, to read long tasks against (other work steals the main thread). */
const load = () => `load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`;

function close(actual, expected, rel, what) {
  assert.ok(Math.abs(actual - expected) <= rel * Math.abs(expected), `${what}: page ${actual} vs CLI ${expected} (rel ${rel})`);
}

/** The runs of the comparison as [{history}] from the snapshot: rows of speeds. */
const histories = (s) => s.runs.map((r) => r.history.map((h) => h.speeds));

/** Histories of the first comparison, for the others to equal. */
let first = null;

test('the button with hardwareConcurrency 4: three workers at once, the numbers of set()+step() bit for bit and the CLI’s', T, async (t) => {
  const { page, errors } = await open(t, countWorkers, 4);
  const { s, long } = await compareByButton(page);
  const workers = await page.evaluate(() => window.__workers);
  console.log(`workers: ${workers.length} (${workers.join(', ')}); long tasks: ${JSON.stringify(long)}`);
  assert.equal(workers.length, 3, 'one worker per net: 3 ≤ max(1, 4 − 1)');
  assert.deepEqual(s.runs.map((r) => r.sizes), BOOK);
  assert.deepEqual(s.runs.map((r) => r.current), [false, false, true], 'two kept, the third continued here');
  assert.deepEqual(s.runs.map((r) => r.history.length), [501, 501, 501]);
  assert.equal(s.status, 'done');
  first = histories(s);
  await page.screenshot({ path: screenshotPath('workers-done.png') });

  // The CLI (native, independent of the wasm and the workers): epoch 0 and every 100th epoch.
  for (const [i, sizes] of BOOK.entries()) {
    const speeds0 = cli(['speeds', '--sizes', sizes.join(','), '--seed', String(s.seed), '--images', '1000']).speeds;
    first[i][0].forEach((v, l) => close(v, speeds0[l], 1e-4, `${sizes.length - 2} hidden, epoch 0, layer ${l + 1}`));
    const lines = cliLines(['train', '--sizes', sizes.join(','), '--seed', String(s.seed), ...CHAPTER, '--epochs', String(EPOCHS)]);
    for (let e = 100; e <= EPOCHS; e += 100) first[i][e].forEach((v, l) => close(v, lines[e].speeds[l], 1e-3, `${sizes.length - 2} hidden, epoch ${e}, layer ${l + 1}`));
  }

  // The same nets trained here, one after another: the same numbers exactly.
  const net = await api(page, 'exportNetwork');
  const [acc, cost] = [s.accuracyHistory, s.costHistory];
  for (const [i, sizes] of BOOK.entries()) {
    const seq = await sequential(page, sizes, s.seed);
    assert.deepEqual(first[i], seq.history, `${sizes.length - 2} hidden: every ‖δˡ‖ of every epoch equal`);
    if (i < 2) continue;
    assert.deepEqual(acc, seq.accuracy, 'the continued net: validation accuracy per epoch equal');
    assert.deepEqual(cost, seq.cost, 'validation cost per epoch equal');
    assert.equal(net, seq.net, 'its weights and biases equal (network2 JSON)');
  }
  assert.deepEqual(long, [], `no main-thread long task > 50 ms while they trained (${load()})`);
  assert.deepEqual(await violations(page), [], 'no CSP violation (worker-src)');
  assert.deepEqual(errors, []);
});

test('hardwareConcurrency 1: one worker trains the three nets in turn, the same numbers; the continued net trains on the same', T, async (t) => {
  const { page, errors } = await open(t, countWorkers, 1);
  const { s, long } = await compareByButton(page);
  const workers = await page.evaluate(() => window.__workers);
  console.log(`workers: ${workers.length}; long tasks: ${JSON.stringify(long)}`);
  assert.equal(workers.length, 1, 'max(1, 1 − 1) = 1 worker');
  if (first) assert.deepEqual(histories(s), first, 'the same histories as with three workers');
  // Raised limit: the continued net goes on as the net trained here would (the reference: step on a fresh net).
  await api(page, 'set', { epochLimit: EPOCHS + 3 });
  const more = await api(page, 'step', 3);
  const seq = await api(page, 'set', { sizes: BOOK[2], seed: s.seed });
  assert.equal(seq.epoch, 0);
  const again = await api(page, 'step', EPOCHS + 3);
  assert.deepEqual(more.history, again.history, 'epochs 501–503 after the handoff equal training straight through');
  assert.deepEqual(long, [], `no main-thread long task > 50 ms (${load()})`);
  assert.deepEqual(errors, []);
});

test('a worker that fails: the page says so and trains its run on the main thread, with the same numbers', T, async (t) => {
  const { page, errors } = await open(t, failingWorkers);
  const { s, long } = await compareByButton(page);
  const message = await page.locator('#message').textContent();
  console.log(`message: ${message}; long tasks: ${JSON.stringify(long)}`);
  assert.match(message, /Web Worker for the 2 hidden run failed \(RuntimeError: unreachable \(simulated by the test\)\): that run trains on this page’s main thread instead/);
  assert.ok((await page.evaluate(() => window.__workers)).length >= 1);
  assert.deepEqual(s.runs.map((r) => r.history.length), [501, 501, 501]);
  if (first) assert.deepEqual(histories(s), first, 'the same histories as in workers');
  assert.deepEqual(long, [], `no main-thread long task > 50 ms on the fallback either (${load()})`);
  assert.deepEqual(errors, []);
});

test('Pause during the comparison: each run stops after its epoch, the first two kept, the third continued here; their numbers are the full runs’ first ones', T, async (t) => {
  const { page, errors } = await open(t, countWorkers, 4);
  await api(page, 'set', { speed: 25 }); // the page's pace: the runs are still young when Pause is pressed
  await page.getByRole('button', { name: 'The book’s three networks' }).click();
  await page.waitForFunction(() => {
    const runs = window.gradscope.snapshot().runs;
    return runs.length === 3 && runs.every((r) => r.history.length > 10);
  }, null, { timeout: 120_000, polling: 100 });
  await page.screenshot({ path: screenshotPath('workers-training.png') });
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.waitForFunction(() => window.gradscope.snapshot().status === 'paused', null, { timeout: 60_000 });
  await measured(page);
  const s = await snapshot(page);
  console.log(`paused at epochs ${s.runs.map((r) => r.epoch).join(', ')}`);
  assert.deepEqual(s.runs.map((r) => r.current), [false, false, true]);
  assert.ok(s.runs.every((r) => r.epoch > 10 && r.epoch < EPOCHS), 'stopped early');
  assert.equal(s.epoch, s.runs[2].epoch, 'the page continues the third at its epoch');
  if (first) s.runs.forEach((r, i) => assert.deepEqual(r.history.map((h) => h.speeds), first[i].slice(0, r.history.length), `${r.label}: the full run's first epochs`));
  assert.deepEqual(errors, []);
});

test('a new net during the comparison stops it (the runs so far kept); the button pressed twice runs one comparison, the same numbers', T, async (t) => {
  const { page, errors } = await open(t, countWorkers, 4);
  await api(page, 'set', { speed: 25 });
  const button = page.getByRole('button', { name: 'The book’s three networks' });
  await button.click();
  await page.waitForFunction(() => window.gradscope.snapshot().runs.filter((r) => r.history.length > 5).length === 3, null, { timeout: 120_000, polling: 100 });
  const s = await api(page, 'set', { seed: 7 });
  await page.waitForFunction(() => window.gradscope.snapshot().status === 'idle', null, { timeout: 60_000 });
  const after = await snapshot(page);
  assert.equal(after.seed, 7);
  assert.equal(after.epoch, 0, 'the new net is fresh');
  assert.equal(s.epoch, 0);
  assert.deepEqual(after.runs.map((r) => [r.current, r.seed]), [[false, 1], [false, 1], [false, 1]], 'the three runs so far are kept');
  if (first) after.runs.forEach((r, i) => assert.deepEqual(r.history.map((h) => h.speeds), first[i].slice(0, r.history.length), `${r.label}: the full run's first epochs`));

  await api(page, 'set', { speed: 'max', seed: 1 });
  await button.click();
  await button.click();
  await comparisonDone(page);
  const twice = await snapshot(page);
  assert.deepEqual(twice.runs.map((r) => r.history.length), [501, 501, 501], 'one comparison: three runs');
  if (first) assert.deepEqual(histories(twice), first, 'the same numbers');
  assert.deepEqual(errors, []);
});
