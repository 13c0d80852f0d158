#!/usr/bin/env node
// Benchmark runner for scripts/bench (not shipped): gradscope's wasm, the very build the page loads
// (scripts/build-web -> www/pkg/gradscope.js + gradscope_bg.wasm), driven from Node with no browser.
//
//   node scripts/bench_wasm.mjs --job J1|J2|J3|J3B [--pkg DIR] [--runs N]
//
// N times (default 1; the median is reported, every run listed), it makes a Session from the four
// shipped .gz files, configures the job, then times only the loop
//   n += session.advance(1000, true, left, fast)   until n == epochs + 1 records (record 0 = the fresh net;
//   fast = no validation: statistics only every tenth epoch, as the page plays at full speed).
// The budget shrinks near the end so that no extra epoch is started (a call with budget 0 does one
// unit of work and returns); a run that still overshoots says so in `records`. Prints one JSON line: seconds, records, the last record's speeds (and,
// for J2, the validation accuracy per epoch, in %), and the wasm linear memory size at the end.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const JOBS = {
  J1: { sizes: [784, 30, 30, 30, 30, 10], images: 1000, batch: 1000, epochs: 500, validation: false },
  J2: { sizes: [784, 30, 30, 10], images: 8000, batch: 10, epochs: 30, validation: true },
  J3: { sizes: [784, 100, 100, 100, 100, 100, 100, 10], images: 8000, batch: 8000, epochs: 10, validation: false },
  J3B: { sizes: [784, 100, 100, 100, 100, 100, 100, 10], images: 8000, batch: 10, epochs: 10, validation: false },
  // The page's largest settings (8,000 images, 6 hidden layers of 100), for the memory peak.
  MEM: { sizes: [784, 100, 100, 100, 100, 100, 100, 10], images: 8000, batch: 8000, epochs: 2, validation: true },
};

function parseArgs(argv) {
  const args = { job: 'J1', pkg: join(ROOT, 'www', 'pkg'), runs: 1 };
  for (let i = 0; i < argv.length; i += 2) {
    const [key, value] = [argv[i], argv[i + 1]];
    if (key === '--job') args.job = value;
    else if (key === '--pkg') args.pkg = resolve(value);
    else if (key === '--runs') args.runs = Math.max(1, Number(value) || 1);
    else throw new Error(`bench_wasm: unknown argument ${key}`);
  }
  if (!JOBS[args.job]) throw new Error(`bench_wasm: unknown job ${args.job}`);
  return args;
}

/** One timed run of `job` on a fresh Session: seconds, records, calls and the final snapshot. */
function runOnce(glue, job) {
  const gz = (name) => new Uint8Array(readFileSync(join(ROOT, 'www', 'data', `${name}.gz`)));
  const session = new glue.Session(
    gz('train-images-idx3-ubyte'), gz('train-labels-idx1-ubyte'),
    gz('validation-images-idx3-ubyte'), gz('validation-labels-idx1-ubyte'));
  session.configure(JSON.stringify({
    sizes: job.sizes, activation: 'sigmoid', init: 'network2', scale: 1, seed: 1,
    images: job.images, batch: job.batch, eta: 0.1, lambda: 5, validation: job.validation,
  }));
  const target = job.epochs + 1;
  let records = 0;
  let calls = 0;
  const start = performance.now();
  while (records < target) {
    // Up to 1 s per call, and never more records than still wanted, so no epoch past the target
    // starts (the page's slices are 12 ms; here the loop's own overhead is kept out of the way).
    // Jobs without validation train as the page does at full speed ("fast": the statistics of
    // issue 13 only every tenth epoch and at the last), so that J1 is the training itself.
    records += session.advance(1000, true, target - records, !job.validation);
    calls += 1;
    if (session.status() !== 'idle') throw new Error(`bench_wasm: status ${session.status()}`);
  }
  const seconds = (performance.now() - start) / 1000;
  const snap = JSON.parse(session.snapshot());
  session.free();
  return { seconds, records, calls, snap };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const job = JOBS[args.job];
  const glue = await import(pathToFileURL(join(args.pkg, 'gradscope.js')).href);
  const exports = glue.initSync({ module: readFileSync(join(args.pkg, 'gradscope_bg.wasm')) });
  const runs = [];
  for (let i = 0; i < args.runs; i += 1) runs.push(runOnce(glue, job));
  const { records, calls, snap } = runs.at(-1);
  const memory = exports.memory ? exports.memory.buffer.byteLength : null;
  const seconds = runs.map((r) => Number(r.seconds.toFixed(4)));
  console.log(JSON.stringify({
    job: args.job, epochs: job.epochs, records, calls, seconds: median(seconds), runs: seconds,
    last_epoch: snap.epoch, speeds_last: snap.speeds,
    accuracy: job.validation ? snap.accuracyHistory.map((a) => (a === null ? null : Number((100 * a).toFixed(4)))) : undefined,  // %
    memory_bytes: memory,
  }));
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
