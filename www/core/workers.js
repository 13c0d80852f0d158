// Compared runs trained in parallel: one dedicated Web Worker per run, at most
// navigator.hardwareConcurrency − 1 at once (at least 1; read once), each with its own wasm
// instance and Session (worker.js); they post their speeds, so the main thread only draws. No
// SharedArrayBuffer: independent workers need no cross-origin isolation, and the single-file build
// starts them from a blob: URL. A worker that cannot start, or fails, hands its run to a trainer
// on the main thread (short slices of a second Session), and the caller is told.

import { spareSession, workerSeed } from './engine.js';
import { createLater, createTrainer } from './worker-trainer.js';

/** Workers that may train at once: one core is left to the page that draws (read once). */
export const WORKER_LIMIT = Math.max(1, Math.floor(Number(navigator.hardwareConcurrency) || 1) - 1);

/** Work per slice (ms) when a run trains on the main thread: far below a 50 ms long task. */
const MAIN_BUDGET_MS = 12;

/** A trainer that calls `handle(trainer, message)` with what it posts: a Web Worker. */
function workerTrainer(handle) {
  const seed = workerSeed();
  const t = { kind: 'worker', job: null, dead: false, ready: false };
  let url = null;
  try {
    if (seed.source === null) t.worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    else {
      url = URL.createObjectURL(new Blob([seed.source], { type: 'text/javascript' }));
      t.worker = new Worker(url);
    }
  } catch (e) {
    if (url) URL.revokeObjectURL(url);
    t.dead = true;
    t.startError = String(e?.message ?? e);
    return t;
  }
  const revoke = () => url && URL.revokeObjectURL(url);
  t.worker.onmessage = ({ data }) => {
    if (data?.type === 'ready' || data?.type === 'failed') revoke();
    handle(t, data);
  };
  t.worker.onerror = (e) => {
    e.preventDefault();
    revoke();
    handle(t, { type: 'failed', error: e.message || 'the worker could not run its script' });
  };
  t.worker.onmessageerror = () => handle(t, { type: 'failed', error: 'a message could not be read' });
  t.send = (m) => t.worker.postMessage(m);
  t.terminate = () => t.worker.terminate();
  t.send({ type: 'start', module: seed.module, files: seed.files });
  return t;
}

/** A trainer on the main thread (a second Session of this page's wasm), posting like a worker. */
function mainTrainer(handle) {
  const t = { kind: 'main', job: null, dead: false, ready: true };
  const receive = createTrainer(spareSession, (m) => handle(t, m), { budgetMs: MAIN_BUDGET_MS, later: createLater() });
  t.send = receive;
  t.terminate = () => receive({ type: 'close' });
  return t;
}

/** Once every run has its result: the workers end and the results are handed out. */
function settle(pool) {
  if (pool.results.some((r) => r === undefined)) return;
  pool.trainers.forEach((t) => t.terminate?.());
  pool.resolve(pool.results);
}

/** Gives trainer `t` the next waiting run, if it is free. */
function give(pool, t) {
  if (t.dead || !t.ready || t.job !== null) return;
  const i = pool.queue.shift();
  if (i === undefined) return;
  t.job = i;
  t.send({ type: 'train', id: i, ...pool.jobs[i] });
}

/** Run i starts again on the main thread (its trainer made on first need), and the caller is told. */
function toMain(pool, i, error) {
  pool.hooks.onFallback(i, error);
  pool.hooks.onRows(i, [], true);
  if (!pool.main) pool.trainers.push((pool.main = mainTrainer((t, m) => handle(pool, t, m))));
  pool.queue.unshift(i);
}

/** Trainer `t` failed: it ends; its run goes to the main thread (unless that is what failed). */
function fail(pool, t, error) {
  const i = t.job;
  t.job = null;
  t.dead = true;
  t.terminate?.();
  if (i !== null && t.kind === 'main') pool.results[i] = { error };
  else if (i !== null && pool.stopped) pool.results[i] = null;
  else if (i !== null) toMain(pool, i, error);
  if (pool.queue.length && !pool.trainers.some((x) => !x.dead)) {
    // No trainer left for the runs still waiting: the main thread takes them (once).
    if (!pool.main) toMain(pool, pool.queue.shift(), error);
    else pool.queue.splice(0).forEach((k) => { pool.results[k] = { error }; });
  }
}

/** What trainer `t` posted. */
function handle(pool, t, m) {
  if (m.type === 'ready') t.ready = true;
  else if (m.type === 'progress' && t.job === m.id) pool.hooks.onRows(m.id, m.rows, false);
  else if (m.type === 'done' && t.job === m.id) {
    pool.hooks.onRows(m.id, m.rows, false);
    pool.results[m.id] = m;
    t.job = null;
  } else if (m.type === 'failed') fail(pool, t, m.error);
  if (pool.stopped) pool.queue.splice(0).forEach((i) => { pool.results[i] = null; });
  pool.trainers.forEach((x) => give(pool, x));
  settle(pool);
}

/**
 * Trains `jobs` ([{settings (JSON), limit, perSecond, handoff}]) in parallel. hooks:
 * onRows(i, rows, reset) with each run's new rows of ‖δˡ‖ (reset: start again from none),
 * onFallback(i, error) when run i moves to the main thread because its worker failed.
 * Returns {done: Promise of one result per job ({rows, epoch, status, message, handoff,
 * handoffError}, {error} if even the main thread failed, null if stopped before it started),
 * stop() (each run ends after its current epoch), workers (how many were started)}.
 */
export function trainRuns(jobs, { onRows = () => {}, onFallback = () => {} } = {}) {
  const pool = { jobs, results: jobs.map(() => undefined), queue: jobs.map((_, i) => i), trainers: [], main: null, stopped: false, hooks: { onRows, onFallback } };
  const done = new Promise((resolve) => { pool.resolve = resolve; });
  for (let k = 0; k < Math.min(WORKER_LIMIT, jobs.length); k += 1) {
    const t = workerTrainer((w, m) => handle(pool, w, m));
    pool.trainers.push(t);
    if (t.dead) fail(pool, t, t.startError);
  }
  queueMicrotask(() => {
    pool.trainers.forEach((t) => give(pool, t));
    settle(pool);
  });
  return {
    done,
    workers: pool.trainers.filter((t) => t.kind === 'worker' && t.worker).length,
    stop() {
      pool.stopped = true;
      pool.queue.splice(0).forEach((i) => { pool.results[i] = null; });
      pool.trainers.forEach((t) => t.job !== null && t.send({ type: 'stop', id: t.job }));
      settle(pool);
    },
  };
}
