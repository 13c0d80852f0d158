#!/usr/bin/env node
// Benchmark (not shipped, not a test): the book's three-network comparison in the page against its
// 4-hidden-layer run alone, in Debian's headless chromium (issue 12's goal: ≤ 1.3× on ≥ 4 cores).
// Reuses the tests' harness (tests/lib/server.mjs, tests/lib/browser.mjs).
//
//   node scripts/bench_compare.mjs [--runs N] [--hwc K]
//
// Per run, each in a fresh tab at speed "max":
//   alone_seconds    set [784,30,30,30,30,10] with the chapter's settings, then gradscope.step(500)
//                    (validation every epoch, charts drawn) — trained on the main thread in slices
//   compare_seconds  gradscope.compareBook(): [784,30,30,10], [784,30,30,30,10] and
//                    [784,30,30,30,30,10] to 500 epochs in Web Workers (≤ hardwareConcurrency − 1),
//                    from the call until the third is continued in the page, re-measured and drawn
// --hwc K makes navigator.hardwareConcurrency read K (default: the machine's own). Medians of N
// runs (default 3) with min–max; the last stdout line is one JSON object.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Harness } from '../tests/lib/browser.mjs';
import { api, longTasks, observeLongTasks } from '../tests/lib/page.mjs';
import { ROOT } from '../tests/lib/server.mjs';
import { countWorkers } from '../tests/lib/workers.mjs';

const FOUR = { sizes: [784, 30, 30, 30, 30, 10], images: 1000, batch: 1000, eta: 0.1, lambda: 5 };
const EPOCHS = 500;

function parseArgs(argv) {
  const args = { runs: 3, hwc: null };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--runs') args.runs = Math.max(1, Number(argv[(i += 1)]) || 1);
    else if (argv[i] === '--hwc') args.hwc = Math.max(1, Number(argv[(i += 1)]) || 1);
    else throw new Error(`bench_compare: unknown argument ${argv[i]}`);
  }
  return args;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const say = (text) => process.stderr.write(`bench_compare: ${text}\n`);
const load = () => loadavg()[0].toFixed(2);
const span = (xs) => `median ${median(xs).toFixed(2)} (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`;

/** A fresh tab: `call` (run in the page, after speed max) timed in the page; longest task meanwhile. */
async function timed(h, before, call) {
  const page = await h.openPage();
  try {
    await api(page, 'set', { speed: 'max', ...before });
    await observeLongTasks(page);
    const ms = await page.evaluate(call, EPOCHS);
    const longest = Math.max(0, ...(await longTasks(page)).map((x) => x.duration));
    return { seconds: ms / 1000, longest, workers: await page.evaluate(() => window.__workers.length) };
  } finally {
    await page.close();
  }
}

const alone = (h) => timed(h, FOUR, async (epochs) => {
  const t0 = performance.now();
  await window.gradscope.step(epochs);
  return performance.now() - t0;
});

const compare = (h) => timed(h, {}, async () => {
  const t0 = performance.now();
  await window.gradscope.compareBook();
  return performance.now() - t0;
});

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const h = await Harness.start({ command: ['python3', join(ROOT, 'scripts', 'serve.py'), ROOT], log: false });
  await h.context.addInitScript(countWorkers, args.hwc);
  try {
    const a = [];
    const c = [];
    for (let i = 0; i < args.runs; i += 1) {
      a.push(await alone(h));
      c.push(await compare(h));
      say(`run ${i + 1}: alone ${a.at(-1).seconds.toFixed(2)} s, three nets ${c.at(-1).seconds.toFixed(2)} s in ${c.at(-1).workers} worker(s) (load ${load()})`);
    }
    const [as, cs] = [a.map((r) => r.seconds), c.map((r) => r.seconds)];
    const ratios = cs.map((x, i) => x / as[i]);
    const hwc = args.hwc ?? 'machine';
    say(`hardwareConcurrency ${hwc}: 4-hidden alone ${span(as)} s; three nets ${span(cs)} s; ratio ${span(ratios)}; longest task ${Math.max(...c.map((r) => r.longest)).toFixed(0)} ms`);
    h.assertCleanRun();
    console.log(JSON.stringify({
      job: 'COMPARE', runs: args.runs, hwc, workers: c.at(-1).workers,
      alone_seconds: median(as), compare_seconds: median(cs), ratio: median(ratios),
      alone_seconds_runs: as, compare_seconds_runs: cs, longest_task_ms: Math.max(...c.map((r) => r.longest)),
    }));
  } finally {
    await h.stop();
  }
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
