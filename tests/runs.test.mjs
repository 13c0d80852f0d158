// Compare runs (issue 10 item 4): gradscope.compareBook() trains the book's three networks to 500
// epochs (at once, in Web Workers: issue 12); snapshot().runs lists them (501 records each, the CLI's speeds); the
// earlier runs stay on the speeds chart, go into the CSV and the link, and "Clear runs" forgets them.
// One server and one chromium for the file. Run: node --test --test-concurrency=1 tests/runs.test.mjs
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { Harness } from './lib/browser.mjs';
import { buildCli, cliLines } from './lib/cli.mjs';
import { download } from './lib/classroom.mjs';
import { api, snapshot } from './lib/page.mjs';

const T = { timeout: 10 * 60 * 1000 };
/** The chapter's three networks (NNDL ch. 5) and its settings: 1,000 images, full batch, η 0.1, λ 5. */
const BOOK = [[784, 30, 30, 10], [784, 30, 30, 30, 10], [784, 30, 30, 30, 30, 10]];
const CHAPTER = ['--images', '1000', '--batch', '1000', '--eta', '0.1', '--lambda', '5', '--epochs', '500'];

/** @type {Harness} */
let h;
before(
  async () => {
    buildCli();
    h = await Harness.start();
  },
  { timeout: 15 * 60 * 1000 },
);
after(() => h?.stop());

function close(actual, expected, rel, what) {
  assert.ok(Math.abs(actual - expected) <= rel * Math.abs(expected), `${what}: page ${actual} vs CLI ${expected} (rel ${rel})`);
}

test('compareBook(): three runs of 501 records with the CLI’s speeds, kept on the chart, in the CSV and the link; Clear runs', T, async (t) => {
  const page = await h.openPageFor(t);
  await api(page, 'set', { speed: 'max' }); // the class would watch at 25 epochs/s; the test need not
  const s = await api(page, 'compareBook');
  assert.equal(s.runs.length, 3, 'three runs');
  assert.deepEqual(s.runs.map((r) => r.current), [false, false, true], 'two kept, the third is current');
  for (const [i, run] of s.runs.entries()) {
    assert.deepEqual(run.sizes, BOOK[i]);
    assert.equal(run.label, `${BOOK[i].length - 2} hidden · sigmoid · network2 · seed ${s.seed}`);
    assert.equal(run.history.length, 501, `${run.label}: epochs 0–500`);
    assert.equal(run.epoch, 500);
    const want = cliLines(['train', '--sizes', BOOK[i].join(','), '--seed', String(s.seed), ...CHAPTER]).at(-1);
    console.log(`${run.label}: page ${JSON.stringify(run.history.at(-1).speeds)}\n${' '.repeat(run.label.length)}   CLI ${JSON.stringify(want.speeds)}`);
    assert.equal(want.epoch, 500);
    // The page trains in f32 wasm (SIMD), the CLI natively: 500 epochs agree to 1e-3.
    run.history.at(-1).speeds.forEach((v, l) => close(v, want.speeds[l], 1e-3, `${run.label} layer ${l + 1}`));
  }

  // CSV: every run, labelled, 501 rows each.
  const file = await download(page, page.getByRole('button', { name: 'CSV', exact: true }));
  const lines = file.bytes.toString('utf8').trim().split('\n');
  assert.equal(lines[0], 'run,epoch,layer1,layer2,layer3,layer4');
  assert.equal(lines.length, 1 + 3 * 501);
  assert.ok(lines[1].startsWith('"2 hidden · sigmoid · network2 · seed 1",0,'), lines[1]);

  // The link carries the earlier runs (settings + epochs) and replays them.
  await page.waitForFunction(() => /kept1=.*kept2=/.test(location.hash), null, { timeout: 10_000 });
  const copy = await h.openPageFor(t, new URL(page.url()).hash);
  const c = await snapshot(copy);
  assert.deepEqual(c.runs.map((r) => r.sizes), BOOK, 'the link rebuilds the three runs');
  assert.deepEqual(c.runs.map((r) => r.history.length), [501, 501, 501]);
  c.runs.forEach((r, i) => assert.deepEqual(r.history.at(-1).speeds, s.runs[i].history.at(-1).speeds, `${r.label}: the same numbers`));

  // Clear runs: only the current run is left.
  await page.getByRole('button', { name: 'Clear runs', exact: true }).click();
  await page.waitForFunction(() => window.gradscope.snapshot().runs.length === 1);
  assert.equal((await snapshot(page)).runs[0].current, true);
  assert.deepEqual(h.pageErrors, [], 'no page error');
});

test('earlier runs are kept (at least 6) when settings change', T, async (t) => {
  const page = await h.openPageFor(t);
  for (let seed = 1; seed <= 7; seed++) {
    await api(page, 'set', { seed });
    await api(page, 'step', 2);
  }
  const s = await snapshot(page);
  assert.equal(s.runs.length, 7, 'six kept runs and the current one');
  assert.deepEqual(s.runs.map((r) => r.seed), [1, 2, 3, 4, 5, 6, 7]);
  assert.ok(s.runs.every((r) => r.history.length === 3));
});
