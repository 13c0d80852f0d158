#!/usr/bin/env node
// Benchmark runner for scripts/bench (not shipped): the page itself, in Debian's headless chromium,
// timed where the browser tests only check behaviour. It reuses the tests' harness
// (tests/lib/server.mjs serves the repository root, tests/lib/browser.mjs drives chromium).
//
//   node scripts/bench_page.mjs [--runs N] [--build]
//
// Measures, N times each (default 3; the median is reported, every run listed):
//   ready_ms      `window.gradscope.ready` resolved, in ms after navigation start, in a fresh tab
//   j1_seconds    J1 in the page: set [784,30,30,30,30,10], 1,000 images, batch 1,000, η 0.1, λ 5,
//                 then gradscope.step(500) (validation accuracy every epoch, charts drawn: step
//                 resolves once the last epoch is drawn); also the longest main-thread task meanwhile
//   remeasure_ms  a layer weight-scale edit (the "Weight scale 1" slider moved 4 steps) until the
//                 speeds changed and the next frame was drawn
// Serves www/pkg as it is (scripts/bench built it); --build runs scripts/serve (build-web first).
// Human-readable lines go to stderr; the last stdout line is one JSON object.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Harness } from '../tests/lib/browser.mjs';
import { api, longTasks, measured, observeLongTasks, snapshot, waitReady } from '../tests/lib/page.mjs';
import { ROOT } from '../tests/lib/server.mjs';

/** J1 of scripts/bench (see bench_wasm.mjs JOBS.J1), with the page's defaults for the rest. */
const J1 = { sizes: [784, 30, 30, 30, 30, 10], images: 1000, batch: 1000, eta: 0.1, lambda: 5 };
const J1_EPOCHS = 500;

function parseArgs(argv) {
  const args = { runs: 3, build: false };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--runs') args.runs = Math.max(1, Number(argv[(i += 1)]) || 1);
    else if (argv[i] === '--build') args.build = true;
    else throw new Error(`bench_page: unknown argument ${argv[i]}`);
  }
  return args;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const round = (x, digits) => Number(x.toFixed(digits));
const say = (text) => process.stderr.write(`bench_page: ${text}\n`);
const load = () => loadavg()[0].toFixed(2);

/** A fresh tab: the moment `ready` resolved, in ms after navigation start. */
async function readyMs(h) {
  const page = await h.goto();
  try {
    const at = await waitReady(page);
    if (at === null) throw new Error('the moment `ready` resolved was not seen');
    return at;
  } finally {
    await page.close();
  }
}

/** A fresh tab: J1's 500 epochs through gradscope.step, timed in the page. */
async function j1(h) {
  const page = await h.openPage();
  try {
    await api(page, 'set', J1);
    await observeLongTasks(page);
    const ms = await page.evaluate(async (epochs) => {
      const t0 = performance.now();
      await window.gradscope.step(epochs);
      return performance.now() - t0;
    }, J1_EPOCHS);
    const tasks = await longTasks(page);
    const s = await snapshot(page);
    if (s.epoch !== J1_EPOCHS) throw new Error(`J1 ended at epoch ${s.epoch}, not ${J1_EPOCHS}`);
    return { seconds: ms / 1000, longestTaskMs: Math.max(0, ...tasks.map((x) => x.duration)), speeds: s.speeds };
  } finally {
    await page.close();
  }
}

/** One edit of "Weight scale 1" (4 slider steps up), timed in the page until new speeds are drawn. */
function timeScaleEdit(page, speeds0) {
  return page.evaluate(async (speeds0) => {
    const input = document.activeElement;
    const t0 = performance.now();
    input.value = String(Number(input.value) + Number(input.step) * 4);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const changed = () => JSON.stringify(window.gradscope.snapshot().speeds) !== speeds0;
    while (!changed()) await new Promise((r) => requestAnimationFrame(r));
    await new Promise((r) => requestAnimationFrame(r)); // the charts' redraw of that frame
    return performance.now() - t0;
  }, JSON.stringify(speeds0));
}

/** A fresh tab on the default net after 2 epochs: `runs` weight-scale edits, each timed. */
async function remeasures(h, runs) {
  const page = await h.openPage();
  try {
    await api(page, 'step', 2);
    const times = [];
    for (let i = 0; i < runs; i += 1) {
      await page.getByRole('slider', { name: 'Weight scale 1', exact: true }).focus();
      times.push(await timeScaleEdit(page, (await snapshot(page)).speeds));
      await measured(page);
    }
    return times;
  } finally {
    await page.close();
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const command = args.build ? undefined : ['python3', join(ROOT, 'scripts', 'serve.py'), ROOT];
  const h = await Harness.start({ ...(command && { command }), log: false });
  try {
    const ready = [];
    for (let i = 0; i < args.runs; i += 1) ready.push(await readyMs(h));
    say(`ready after ${ready.map((x) => x.toFixed(0)).join(', ')} ms (median ${median(ready).toFixed(0)}; load ${load()})`);
    const runs = [];
    for (let i = 0; i < args.runs; i += 1) runs.push(await j1(h));
    const j1s = runs.map((r) => r.seconds);
    const longest = Math.max(...runs.map((r) => r.longestTaskMs));
    say(`J1 in the page: ${j1s.map((x) => x.toFixed(2)).join(', ')} s (median ${median(j1s).toFixed(2)}); longest task ${longest.toFixed(0)} ms (load ${load()})`);
    const edits = await remeasures(h, args.runs);
    say(`re-measure after a weight-scale edit: ${edits.map((x) => x.toFixed(0)).join(', ')} ms (median ${median(edits).toFixed(0)}; load ${load()})`);
    h.assertCleanRun();
    console.log(JSON.stringify({
      job: 'PAGE', runs: args.runs,
      ready_ms: round(median(ready), 1), ready_ms_runs: ready.map((x) => round(x, 1)),
      j1_epochs: J1_EPOCHS, j1_seconds: round(median(j1s), 4), j1_seconds_runs: j1s.map((x) => round(x, 4)),
      j1_longest_task_ms: round(longest, 1), speeds_last: runs.at(-1).speeds,
      remeasure_ms: round(median(edits), 1), remeasure_ms_runs: edits.map((x) => round(x, 1)),
    }));
  } finally {
    await h.stop();
  }
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
