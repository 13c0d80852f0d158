#!/usr/bin/env node
// Benchmark peer for scripts/bench (not shipped): the same jobs written by hand with TensorFlow.js ops
// in Node, on its `wasm` backend (@tensorflow/tfjs-backend-wasm, its .wasm files read from the
// package's dist folder on disk) or its pure-JS `cpu` backend. Dependencies: scripts/bench-deps.
//
//   node scripts/bench_tfjs.mjs --backend wasm|cpu --job J1|J2 [--epochs K] [--threads T]
//
// Net: sigmoid layers, weights ~ N(0, 1/n_in), biases ~ N(0, 1), cross-entropy cost summed over the
// batch (written as softplus(z) - y z on the output pre-activation, whose gradient is a - y), update
// w <- (1 - eta lambda / n) w - (eta / m) sum dC/dw, b <- b - (eta / m) sum dC/db, via tf.grads.
// J1: full batch of the first 1,000 images; before each update the learning speeds ||mean dC/db^l||
// of the hidden layers are read from that same gradient (the full-batch gradient IS the update's),
// and once more after the last epoch. J2: the first 8,000 images, mini-batches of 10 shuffled each
// epoch, accuracy on the 2,000 validation images for the fresh net and after each epoch.
// K epochs are timed (after one untimed warm-up step) and scaled to the job's epochs; prints one
// JSON line with the measured and the scaled seconds.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'scripts', 'bench-deps', 'package.json'));
const tf = require('@tensorflow/tfjs');
const wasmBackend = require('@tensorflow/tfjs-backend-wasm');

const JOBS = {
  J1: { sizes: [784, 30, 30, 30, 30, 10], images: 1000, batch: 1000, epochs: 500 },
  J2: { sizes: [784, 30, 30, 10], images: 8000, batch: 10, epochs: 30 },
};
const ETA = 0.1;
const LAMBDA = 5;

function parseArgs(argv) {
  const args = { backend: 'wasm', job: 'J1', epochs: null, threads: null };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in args)) throw new Error(`bench_tfjs: unknown argument ${argv[i]}`);
    args[key] = ['epochs', 'threads'].includes(key) ? Number(argv[i + 1]) : argv[i + 1];
  }
  if (!JOBS[args.job]) throw new Error(`bench_tfjs: unknown job ${args.job}`);
  return args;
}

// The first n images (pixels / 255) and labels of one shipped IDX pair.
function loadIdx(prefix, n) {
  const images = gunzipSync(readFileSync(join(ROOT, 'www', 'data', `${prefix}-images-idx3-ubyte.gz`)));
  const labels = gunzipSync(readFileSync(join(ROOT, 'www', 'data', `${prefix}-labels-idx1-ubyte.gz`)));
  if (images.readUInt32BE(0) !== 0x803 || labels.readUInt32BE(0) !== 0x801) throw new Error('bad IDX');
  if (images.readUInt32BE(4) < n || labels.readUInt32BE(4) < n) throw new Error('too few images');
  const x = new Float32Array(n * 784);
  for (let i = 0; i < x.length; i++) x[i] = images[16 + i] / 255;
  return { x, labels: Int32Array.from(labels.subarray(8, 8 + n)), n };
}

// A small seeded generator (xorshift32) for the shuffles.
function shuffler(seed) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
  return (perm) => {
    for (let i = perm.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
  };
}

// params = [w1, b1, w2, b2, ...]; w is [n_in, n_out] so that a batch of rows goes x -> x w + b.
function initParams(sizes) {
  const params = [];
  for (let l = 1; l < sizes.length; l++) {
    params.push(tf.randomNormal([sizes[l - 1], sizes[l]], 0, 1 / Math.sqrt(sizes[l - 1]), 'float32', 2 * l));
    params.push(tf.randomNormal([1, sizes[l]], 0, 1, 'float32', 2 * l + 1));
  }
  return params;
}

function logits(params, x) {
  let a = x;
  for (let i = 0; i < params.length; i += 2) {
    const z = tf.add(tf.matMul(a, params[i]), params[i + 1]);
    if (i + 2 === params.length) return z;
    a = tf.sigmoid(z);
  }
  return a;
}

// Summed cross-entropy of sigmoid outputs: sum(softplus(z) - y z).
const cost = (params, x, y) => { const z = logits(params, x); return tf.sum(tf.sub(tf.softplus(z), tf.mul(y, z))); };

/** Selects and readies the TF.js backend `args.backend` (wasm: its .wasm files from the package on disk). */
async function setupBackend(args) {
  if (args.backend === 'wasm') {
    const dist = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/');
    wasmBackend.setWasmPaths(dist);
    if (args.threads) wasmBackend.setThreadsCount(args.threads);
  }
  if (!(await tf.setBackend(args.backend))) throw new Error(`no ${args.backend} backend`);
  await tf.ready();
}

/**
 * The trainer of `job` on `n` training images: step(xb, yb, wantSpeeds) → {next, speeds} (params
 * unchanged), advance(xb, yb, wantSpeeds) → the hidden speeds (or null) after updating the params,
 * and params() for scoring.
 */
function trainer(job, n) {
  let params = initParams(job.sizes);
  const gradients = tf.grads((...p) => cost(p, gradients.x, gradients.y));
  const decay = tf.scalar(1 - (ETA * LAMBDA) / n);
  const rate = tf.scalar(ETA / job.batch);
  const hidden = job.sizes.length - 2;
  // One gradient step on (xb, yb); returns the new params and, if asked, the hidden speeds.
  const step = (xb, yb, wantSpeeds) => {
    gradients.x = xb; gradients.y = yb;
    return tf.tidy(() => {
      const g = gradients(params);
      const next = params.map((p, i) => (i % 2 === 0 ? tf.sub(tf.mul(p, decay), tf.mul(g[i], rate))
        : tf.sub(p, tf.mul(g[i], rate))));
      const speeds = wantSpeeds ? tf.div(tf.stack(g.slice(0, 2 * hidden).filter((_, i) => i % 2 === 1)
        .map((gb) => tf.norm(gb))), xb.shape[0]) : null;
      return { next, speeds };
    });
  };
  const advance = (xb, yb, wantSpeeds) => {
    const { next, speeds } = step(xb, yb, wantSpeeds);
    tf.dispose(params);
    params = next;
    if (!speeds) return null;
    const s = Array.from(speeds.dataSync());
    speeds.dispose();
    return s;
  };
  return { step, advance, params: () => params };
}

/** J1: full-batch epochs with the speeds of every epoch; fills `result`. */
function runJ1(t, x, y, epochs, job, result) {
  tf.dispose(t.step(x, y, true)); // warm-up, untimed, discarded
  const history = [];
  const t0 = performance.now();
  for (let e = 0; e < epochs; e++) history.push(t.advance(x, y, true));
  const t1 = performance.now();
  const last = t.step(x, y, true); // record K: the speeds only
  history.push(Array.from(last.speeds.dataSync()));
  tf.dispose(last);
  const t2 = performance.now();
  result.seconds_measured = (t2 - t0) / 1000;
  result.seconds = ((t1 - t0) / epochs * job.epochs + (t2 - t1)) / 1000;
  result.speeds_first = history[0];
  result.speeds_last = history[history.length - 1];
}

/** J2: shuffled mini-batch epochs with the validation accuracy of every epoch; fills `result`. */
function runJ2(t, train, x, y, epochs, job, result) {
  const valid = loadIdx('validation', 2000);
  const xv = tf.tensor2d(valid.x, [valid.n, 784]);
  const yv = tf.tensor1d(valid.labels, 'int32');
  const accuracy = () => tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(logits(t.params(), xv), 1), yv),
    'int32')).dataSync()[0] / valid.n * 100);
  const shuffle = shuffler(1);
  const perm = Int32Array.from({ length: train.n }, (_, i) => i);
  const batch = (k) => tf.tidy(() => {
    const idx = tf.tensor1d(perm.subarray(k, k + job.batch), 'int32');
    return [tf.gather(x, idx), tf.gather(y, idx)];
  });
  { const [xb, yb] = batch(0); tf.dispose([t.step(xb, yb, false), xb, yb]); accuracy(); } // warm-up
  const t0 = performance.now();
  const acc = [accuracy()];
  const t1 = performance.now();
  for (let e = 0; e < epochs; e++) {
    shuffle(perm);
    for (let k = 0; k < train.n; k += job.batch) {
      const [xb, yb] = batch(k);
      t.advance(xb, yb, false);
      tf.dispose([xb, yb]);
    }
    acc.push(accuracy());
  }
  const t2 = performance.now();
  result.seconds_measured = (t2 - t0) / 1000;
  result.seconds = ((t1 - t0) + (t2 - t1) / epochs * job.epochs) / 1000;
  result.accuracy = acc;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const job = JOBS[args.job];
  const epochs = args.epochs || job.epochs;
  await setupBackend(args);
  const train = loadIdx('train', job.images);
  const x = tf.tensor2d(train.x, [train.n, 784]);
  const y = tf.oneHot(tf.tensor1d(train.labels, 'int32'), 10).toFloat();
  const t = trainer(job, train.n);
  const result = { job: args.job, backend: tf.getBackend(), epochs: job.epochs, epochs_measured: epochs };
  if (args.backend === 'wasm') {
    result.threads = wasmBackend.getThreadsCount();
    result.simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  }
  if (args.job === 'J1') runJ1(t, x, y, epochs, job, result);
  else runJ2(t, train, x, y, epochs, job, result);
  result.seconds_measured = Number(result.seconds_measured.toFixed(4));
  result.seconds = Number(result.seconds.toFixed(4));
  result.tensors_left = tf.memory().numTensors;
  console.log(JSON.stringify(result));
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
