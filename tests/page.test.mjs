// End-to-end tests of the page: one server (scripts/serve) and one chromium for the whole file.
// Run: node --test --test-concurrency=1 tests/   (scripts/test does, after installing what is missing)
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { Harness } from './lib/browser.mjs';
import { buildCli, cli, cliLines } from './lib/cli.mjs';
import {
  api,
  canvasStats,
  frames,
  longTasks,
  measured,
  observeLongTasks,
  pageWeight,
  screenshotPath,
  snapshot,
  statusEpochAtLeast,
  waitReady,
} from './lib/page.mjs';
import { ROOT } from './lib/server.mjs';

const MB = 1_000_000;
// The page-weight and long-task budgets of the design; the time budgets (ready, the 500-epoch run,
// a re-measure) are measured by scripts/bench (scripts/bench_page.mjs), not asserted here.
const BUDGET = { pageBytes: 4 * MB, longTaskMs: 50 };
const DEFAULT_SIZES = [784, 30, 30, 10];
const T = { timeout: 5 * 60 * 1000 };

/** @type {Harness} */
let h;

before(
  async () => {
    buildCli(); // a no-op when target/release/gradscope is up to date
    h = await Harness.start();
    console.log(`server ${h.server.url} answered after ${(h.server.startMs / 1000).toFixed(1)} s (build included)`);
  },
  { timeout: 15 * 60 * 1000 },
);

after(async () => {
  await h?.stop();
});

/** A fresh tab at the page, closed when the test ends. */
async function fresh(t) {
  const page = await h.openPage();
  t.after(() => page.close());
  return page;
}

function close(actual, expected, { rel = 0, abs = 0 }, what) {
  const ok = Math.abs(actual - expected) <= Math.max(rel * Math.abs(expected), abs);
  assert.ok(ok, `${what}: page ${actual} vs CLI ${expected} (|Δ| = ${Math.abs(actual - expected)}, rel ${rel}, abs ${abs})`);
}

/** The canvas of the gradient bars: the one labelled "bar…", else "gradient…"; -1 when none says so. */
function barsCanvasIndex(stats) {
  let i = stats.findIndex((s) => /\bbars?\b/i.test(s.label));
  if (i < 0) i = stats.findIndex((s) => /gradient/i.test(s.label) && !/speed|accura|cost/i.test(s.label));
  return i;
}

test('the server serves index.html from its origin and chromium loads it', T, async (t) => {
  const page = await h.goto();
  t.after(() => page.close());
  await page.waitForLoadState('networkidle'); // closing mid-load would abort the page's own fetches
  const title = await page.title();
  assert.ok(title.length > 0, 'index.html has a <title>');
  assert.ok(
    h.requests.some((u) => u === h.server.url),
    `the page itself was requested (saw ${h.requests.join(', ')})`,
  );
  h.assertSameOrigin();
});

test('controls have their accessible names; three chart canvases', T, async (t) => {
  const page = await fresh(t);
  for (const name of ['Play', 'Step', 'Reset']) {
    assert.equal(await page.getByRole('button', { name, exact: true }).count(), 1, `button "${name}"`);
  }
  for (const name of [
    'Hidden layers',
    'Neurons per layer',
    'Learning rate',
    'Regularization',
    'Mini-batch size',
    'Training images',
    'Seed',
  ]) {
    assert.equal(await page.getByRole('slider', { name, exact: true }).count(), 1, `slider "${name}"`);
  }
  for (const name of ['Activation', 'Initialization']) {
    assert.equal(await page.getByRole('combobox', { name, exact: true }).count(), 1, `select "${name}"`);
  }
  const stats = await canvasStats(page);
  console.log(`canvases: ${stats.map((s) => `#${s.index} ${s.width}x${s.height} "${s.label}"`).join('; ')}`);
  assert.equal(stats.length, 3, 'three chart <canvas> elements');
  const s = await snapshot(page);
  assert.deepEqual(s.sizes, DEFAULT_SIZES, 'default sizes');
  assert.equal(s.epoch, 0, 'default epoch');
  assert.equal(s.status, 'idle', 'default status');
});

test("default speeds and bars equal the CLI's", T, async (t) => {
  const page = await fresh(t);
  const s = await snapshot(page);
  assert.deepEqual(s.sizes, DEFAULT_SIZES, 'default sizes');
  const args = ['speeds', '--sizes', DEFAULT_SIZES.join(','), '--seed', String(s.seed), '--images', String(s.images)];
  // The other knobs of a fresh network, passed only when the page says something else than the CLI's defaults.
  if (s.activation !== undefined && s.activation !== 'sigmoid') args.push('--activation', String(s.activation));
  if (s.init !== undefined && s.init !== 'network2') args.push('--init', String(s.init));
  if (s.scale !== undefined && Number(s.scale) !== 1) args.push('--scale', String(s.scale));
  const want = cli(args);
  console.log(`gradscope ${args.join(' ')}\n  CLI speeds  ${JSON.stringify(want.speeds)}\n  page speeds ${JSON.stringify(s.speeds)}`);
  assert.equal(s.speeds.length, want.speeds.length, 'number of speeds');
  s.speeds.forEach((v, i) => close(v, want.speeds[i], { rel: 1e-4 }, `speed ${i}`));
  assert.equal(s.bars.length, want.bars.length, 'number of bar columns');
  s.bars.forEach((col, i) => {
    assert.equal(col.length, want.bars[i].length, `bars in column ${i}`);
    col.forEach((v, j) => close(v, want.bars[i][j], { rel: 1e-3, abs: 1e-6 }, `bar [${i}][${j}]`));
  });
});

test('step(1) on the default net gives epoch 1 and new speeds', T, async (t) => {
  const page = await fresh(t);
  const s0 = await snapshot(page);
  assert.equal(s0.epoch, 0);
  await api(page, 'step', 1);
  const s1 = await snapshot(page);
  assert.equal(s1.epoch, 1, 'epoch after step(1)');
  assert.equal(s1.speeds.length, s0.speeds.length);
  assert.ok(
    s1.speeds.some((v, i) => v !== s0.speeds[i]),
    `speeds changed: ${JSON.stringify(s0.speeds)} → ${JSON.stringify(s1.speeds)}`,
  );
  assert.equal(s1.history.length, s1.epoch + 1, 'history.length === epoch + 1');
});

test('the "Hidden layers" slider changes the hidden layers, the bar columns and the bars chart', T, async (t) => {
  const page = await fresh(t);
  await frames(page);
  const s0 = await snapshot(page);
  const before = await canvasStats(page);
  const slider = page.getByRole('slider', { name: 'Hidden layers', exact: true });
  await slider.focus();
  const hidden0 = s0.sizes.length - 2;
  // One step right; at the top of the range, one step left.
  const max = Number(await slider.getAttribute('max'));
  const key = Number.isFinite(max) && hidden0 >= max ? 'ArrowLeft' : 'ArrowRight';
  await slider.press(key);
  await page.waitForFunction((n) => window.gradscope.snapshot().sizes.length !== n, s0.sizes.length, {
    timeout: 15_000,
  });
  await page.evaluate(() => window.gradscope.ready);
  await measured(page); // the rebuilt network measured and drawn
  await frames(page, 3);
  const s1 = await snapshot(page);
  const hidden1 = s1.sizes.length - 2;
  console.log(`Hidden layers ${key}: sizes ${JSON.stringify(s0.sizes)} → ${JSON.stringify(s1.sizes)}`);
  assert.equal(hidden1, hidden0 + (key === 'ArrowRight' ? 1 : -1), 'hidden layers moved by one');
  assert.equal(s0.bars.length, hidden0, 'bar columns before = hidden layers');
  assert.equal(s1.bars.length, hidden1, 'bar columns after = hidden layers');
  const afterStats = await canvasStats(page);
  const i = barsCanvasIndex(afterStats);
  if (i >= 0) {
    assert.notEqual(afterStats[i].hash, before[i].hash, `bars canvas #${i} ("${afterStats[i].label}") pixels changed`);
  } else {
    console.log('no canvas labelled "bars"/"gradient": checking that some canvas changed');
    assert.ok(
      afterStats.some((s, k) => s.hash !== before[k].hash),
      'some chart canvas changed after the slider moved',
    );
  }
});

test('Play advances epochs and grows the history; Pause stops; the button reads Play/Pause', T, async (t) => {
  const page = await fresh(t);
  const play = page.getByRole('button', { name: 'Play', exact: true });
  await play.click();
  await page.getByRole('button', { name: 'Pause', exact: true }).waitFor({ timeout: 5000 });
  assert.equal(await play.count(), 0, 'no button reads "Play" while running');
  assert.equal((await snapshot(page)).status, 'running');
  const twoEpochs = await framesForTwoEpochs(page);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.getByRole('button', { name: 'Play', exact: true }).waitFor({ timeout: 5000 });
  await frames(page);
  const s = await snapshot(page);
  assert.equal(s.status, 'paused', 'status after Pause');
  assert.ok(s.epoch >= 3, `epoch ${s.epoch} ≥ 3`);
  assert.equal(s.history.length, s.epoch + 1, 'history.length === epoch + 1');
  // As many frames as the running page took for two epochs: a page still training would show one more.
  console.log(`two epochs took ${twoEpochs} frames while running; waiting as many while paused`);
  await frames(page, Math.max(twoEpochs, 2));
  assert.equal((await snapshot(page)).epoch, s.epoch, 'no epoch while paused');
  assert.equal(await page.getByRole('button', { name: 'Pause', exact: true }).count(), 0, 'no "Pause" when paused');
});

/**
 * Counts the animation frames from the first trained epoch (≥ 1) until two more are done, waiting
 * for them (the page must be running); returns the count, a machine's-speed measure of two epochs.
 */
function framesForTwoEpochs(page) {
  return page.evaluate(
    () =>
      new Promise((ok) => {
        let start = null;
        let n = 0;
        const tick = () => {
          const e = window.gradscope.snapshot().epoch;
          if (start === null && e >= 1) start = e;
          if (start !== null && e >= start + 2) return ok(n);
          if (start !== null) n += 1;
          requestAnimationFrame(tick);
        };
        tick();
      }),
  );
}

/** Plays (as fast as possible, no epoch limit on the way) until `epochs` more epochs are trained, recording main-thread long tasks; then pauses. */
async function trainWatchingLongTasks(page, epochs) {
  const supported = await observeLongTasks(page);
  assert.ok(supported, 'chromium supports the longtask entry type');
  const e0 = (await snapshot(page)).epoch;
  await api(page, 'set', { speed: 'max', epochLimit: e0 + epochs + 1000 });
  await api(page, 'play');
  assert.equal((await snapshot(page)).status, 'running');
  await statusEpochAtLeast(page, e0 + epochs);
  const running = (await snapshot(page)).status;
  await api(page, 'pause');
  const tasks = await longTasks(page);
  const s = await snapshot(page);
  return { tasks, epochs: s.epoch - e0, running, longest: Math.max(0, ...tasks.map((x) => x.duration)) };
}

/** The machine's load, to read long tasks and timings against (other work steals the main thread). */
const load = () => `load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`;

/**
 * Epochs watched for long tasks: about the 5 s of training the tests watched before issue 9 (in 5 s,
 * at load 4.5 on the 2-core machine: 950 epochs of the default net, 62 of 8,000 images, batch 10).
 */
const WATCHED = { default: 1000, images8000: 60 };

test(`no main-thread task over 50 ms during ${WATCHED.default} epochs of training: default net`, T, async (t) => {
  const page = await fresh(t);
  const r = await trainWatchingLongTasks(page, WATCHED.default);
  console.log(`the default net: ${r.epochs} epochs, ${r.tasks.length} long tasks, longest ${r.longest.toFixed(0)} ms (${load()})`);
  assert.equal(r.running, 'running', `still running after ${r.epochs} epochs`);
  assert.ok(r.epochs >= 1, 'trained at least one epoch');
  assert.deepEqual(r.tasks, [], `long tasks (> ${BUDGET.longTaskMs} ms; ${load()})`);
});

test(`no main-thread task over 50 ms during ${WATCHED.images8000} epochs of training: 8,000 images, mini-batch 10`, T, async (t) => {
  const page = await fresh(t);
  await api(page, 'set', { images: 8000, batch: 10 });
  const s = await snapshot(page);
  assert.equal(s.images, 8000);
  assert.equal(s.batch, 10);
  const r = await trainWatchingLongTasks(page, WATCHED.images8000);
  console.log(`8,000 images, batch 10: ${r.epochs} epochs, ${r.tasks.length} long tasks, longest ${r.longest.toFixed(0)} ms (${load()})`);
  assert.equal(r.running, 'running', `still running after ${r.epochs} epochs`);
  assert.deepEqual(r.tasks, [], `long tasks (> ${BUDGET.longTaskMs} ms; ${load()})`);
});

test('every chart canvas has real drawing; screenshot in target/screenshots/page.png', T, async (t) => {
  const page = await fresh(t);
  await api(page, 'step', 10);
  await frames(page, 3);
  const stats = await canvasStats(page);
  const file = screenshotPath('page.png');
  await page.screenshot({ path: file, fullPage: true });
  console.log(`screenshot: ${file}`);
  for (const s of stats) {
    console.log(
      `canvas #${s.index} "${s.label}" ${s.width}x${s.height}: ${s.distinct} colours, ${(100 * s.nonBackground).toFixed(1)} % drawn`,
    );
  }
  assert.equal(stats.length, 3, 'three chart canvases');
  for (const s of stats) {
    assert.ok(s.distinct >= 3, `canvas #${s.index} ("${s.label}"): ${s.distinct} distinct colours ≥ 3`);
    assert.ok(s.nonBackground >= 0.01, `canvas #${s.index} ("${s.label}"): ${(100 * s.nonBackground).toFixed(2)} % ≥ 1 % drawn`);
  }
});

/** Bytes of the files the page is made of (the second measure of page weight). */
function shippedBytes() {
  const files = [];
  const add = (dir, re) => {
    const d = join(ROOT, dir);
    if (!existsSync(d)) return;
    for (const f of readdirSync(d)) if (re.test(f)) files.push(join(dir, f));
  };
  add('.', /^index\.html$|\.css$/);
  add('www', /\.(m?js|css)$/);
  add('www/pkg', /\.(wasm|m?js)$/);
  add('www/data', /\.gz$/);
  return { bytes: files.reduce((s, f) => s + statSync(join(ROOT, f)).size, 0), files };
}

test('page weight ≤ 4 MB; the 500-epoch [784,30,30,30,30,10] run reaches epoch 500', T, async (t) => {
  const page = await h.goto();
  t.after(() => page.close());
  const readyAt = await waitReady(page);
  assert.notEqual(readyAt, null, 'the moment `ready` resolved was seen');

  await api(page, 'set', { sizes: [784, 30, 30, 30, 30, 10], images: 1000, batch: 1000, eta: 0.1, lambda: 5 });
  const s0 = await snapshot(page);
  assert.deepEqual(s0.sizes, [784, 30, 30, 30, 30, 10]);
  await api(page, 'step', 500);
  const s1 = await snapshot(page);
  // For the notes: the same run natively (print only; the speeds should agree).
  const lines = cliLines([
    'train', '--sizes', '784,30,30,30,30,10', '--seed', String(s0.seed), '--images', '1000',
    '--epochs', '500', '--batch', '1000', '--eta', '0.1', '--lambda', '5', '--validation',
  ]);
  console.log(
    `500 epochs of [784,30,30,30,30,10] on 1,000 images, batch 1,000 (timed by scripts/bench_page.mjs):\n` +
      `  speeds after 500 epochs: page ${JSON.stringify(s1.speeds)} (status ${s1.status})\n` +
      `                            CLI  ${JSON.stringify(lines.at(-1).speeds)}`,
  );

  // Everything this tab fetched, after also loading the full 8,000-image set.
  await api(page, 'set', { images: 8000 });
  await frames(page);
  const w = await pageWeight(page);
  const f = shippedBytes();
  console.log(
    `budget: page weight ${w.bytes} bytes fetched by one tab (≤ ${BUDGET.pageBytes}); shipped files ${f.bytes} bytes\n` +
      w.list.map((x) => `  ${x.bytes}\t${x.url}`).join('\n'),
  );

  assert.equal(s1.epoch, 500, 'epoch after step(500)');
  assert.ok(w.bytes <= BUDGET.pageBytes, `page weight ${w.bytes} ≤ ${BUDGET.pageBytes} bytes`);
  assert.ok(f.bytes <= BUDGET.pageBytes, `shipped files ${f.bytes} ≤ ${BUDGET.pageBytes} bytes (${f.files.join(', ')})`);
});

// Last: node runs a file's tests in order, so this one sees the whole run.
test('no console error, no page error and no request off the origin over the whole run', T, () => {
  console.log(`${h.requests.length} requests over the run`);
  if (h.badResponses.length) console.log(`HTTP errors: ${JSON.stringify(h.badResponses)}`);
  if (h.failedRequests.length) console.log(`failed requests: ${JSON.stringify(h.failedRequests)}`);
  h.assertCleanRun();
});
