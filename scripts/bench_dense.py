#!/usr/bin/env python3
"""Benchmark runner for scripts/bench (not shipped): the jobs as a vectorised dense f32 program,
in numpy (`--lib numpy`) or JAX with jit (`--lib jax`), doing the work gradscope does per epoch:
the mini-batch updates (network2's rule with L2), then one pass over the training images for the
speeds ||delta^l|| (full batch: that pass is also the next update's gradient, computed once), then,
where the job validates, accuracy and cost on the 2,000 validation images. Every pixel is
multiplied (the first layer is dense here). Times the whole job --runs times in one process
(after one warm-up epoch, so JAX's compilation is not timed; it is reported apart) and prints one
JSON line: seconds (median), runs, compile seconds, the last speeds (and J2's accuracy in %).
"""
import argparse
import gzip
import json
import os
import statistics
import time

import numpy as np

JOBS = {
    "J1": dict(sizes=[784, 30, 30, 30, 30, 10], images=1000, batch=1000, epochs=500, validation=False),
    "J2": dict(sizes=[784, 30, 30, 10], images=8000, batch=10, epochs=30, validation=True),
    "J3": dict(sizes=[784] + [100] * 6 + [10], images=8000, batch=8000, epochs=10, validation=False),
    "J3B": dict(sizes=[784] + [100] * 6 + [10], images=8000, batch=10, epochs=10, validation=False),
}
ETA, LAMBDA = np.float32(0.1), 5.0
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "www", "data")


def load(split, n=None):
    with gzip.open(os.path.join(DATA, "%s-images-idx3-ubyte.gz" % split)) as f:
        x = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784)
    with gzip.open(os.path.join(DATA, "%s-labels-idx1-ubyte.gz" % split)) as f:
        labels = np.frombuffer(f.read(), np.uint8, offset=8)
    x, labels = x[:n], labels[:n]
    return (x / np.float32(255)).astype(np.float32), np.eye(10, dtype=np.float32)[labels], labels


def init(sizes, seed=1):
    rng = np.random.default_rng(seed)
    ws = [(rng.standard_normal((o, i)) / np.sqrt(i)).astype(np.float32) for i, o in zip(sizes, sizes[1:])]
    bs = [rng.standard_normal(o).astype(np.float32) for o in sizes[1:]]
    return ws, bs


def backprop(xp, ws, bs, x, y):
    """Summed dC/dw and dC/db over the rows of x (cross-entropy, sigmoid), as network2's sums."""
    acts = [x]
    for w, b in zip(ws, bs):
        acts.append(1 / (1 + xp.exp(-(acts[-1] @ w.T + b))))
    delta = acts[-1] - y
    nw, nb = [None] * len(ws), [None] * len(ws)
    for l in range(len(ws) - 1, -1, -1):
        nw[l], nb[l] = delta.T @ acts[l], delta.sum(0)
        if l:
            delta = (delta @ ws[l]) * acts[l] * (1 - acts[l])
    return nw, nb


def update(ws, bs, nw, nb, m, n):
    decay, step = np.float32(1 - ETA * LAMBDA / n), np.float32(ETA / m)
    return [decay * w - step * g for w, g in zip(ws, nw)], [b - step * g for b, g in zip(bs, nb)]


def speeds(xp, nb, n):
    return [xp.sqrt(xp.sum((g / n) ** 2)) for g in nb[:-1]]


def score(xp, ws, bs, x, y, labels):
    a = x
    for w, b in zip(ws, bs):
        z = a @ w.T + b
        a = 1 / (1 + xp.exp(-z))
    cost = xp.sum(y * xp.logaddexp(0, -z) + (1 - y) * xp.logaddexp(0, z)) / len(labels)
    cost = cost + 0.5 * LAMBDA / len(labels) * sum(xp.sum(w * w) for w in ws)
    return xp.mean(xp.argmax(a, 1) == labels), cost


def numpy_job(job, data, epochs, rng):
    (x, y, _), val = data
    n, m = len(x), job["batch"]
    ws, bs = init(job["sizes"])
    nw, nb = backprop(np, ws, bs, x, y)
    out = [speeds(np, nb, n)]
    acc = [score(np, ws, bs, *val)[0]] if val else []
    for _ in range(epochs):
        if m < n:
            order = rng.permutation(n)
            for s in range(0, n, m):
                i = order[s:s + m]
                ws, bs = update(ws, bs, *backprop(np, ws, bs, x[i], y[i]), len(i), n)
        else:
            ws, bs = update(ws, bs, nw, nb, n, n)
        nw, nb = backprop(np, ws, bs, x, y)
        out.append(speeds(np, nb, n))
        if val:
            acc.append(score(np, ws, bs, *val)[0])
    return out[-1], acc


def jax_job_runner(job, data):
    import jax
    import jax.numpy as jnp
    (x, y, _), val = data
    n, m = len(x), job["batch"]
    x, y = jnp.asarray(x), jnp.asarray(y)
    vx = tuple(jnp.asarray(a) for a in val) if val else None

    def batch_step(params, i):
        ws, bs = params
        return update(ws, bs, *backprop(jnp, ws, bs, x[i], y[i]), m, n), None

    @jax.jit
    def epoch(params, order):
        ws, bs = params
        if m < n:
            params, _ = jax.lax.scan(batch_step, params, order.reshape(-1, m))
        else:
            params = update(ws, bs, *backprop(jnp, ws, bs, x, y), n, n)
        ws, bs = params
        sp = speeds(jnp, backprop(jnp, ws, bs, x, y)[1], n)
        return params, sp, (score(jnp, ws, bs, *vx)[0] if vx else 0.0)

    @jax.jit
    def measure(params):
        ws, bs = params
        return speeds(jnp, backprop(jnp, ws, bs, x, y)[1], n), (score(jnp, ws, bs, *vx)[0] if vx else 0.0)

    def run(epochs, rng):
        params = init(job["sizes"])
        params = (list(map(jnp.asarray, params[0])), list(map(jnp.asarray, params[1])))
        sp, a = measure(params)
        acc = [a]
        for _ in range(epochs):
            params, sp, a = epoch(params, jnp.asarray(rng.permutation(n)[: n // m * m]))
            acc.append(a)
        jax.block_until_ready(sp)
        return [float(s) for s in sp], [float(a) for a in acc]

    return run


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--lib", choices=["numpy", "jax"], default="numpy")
    p.add_argument("--job", choices=sorted(JOBS), default="J1")
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args()
    job = JOBS[args.job]
    data = (load("train", job["images"]), load("validation") if job["validation"] else None)
    rng = np.random.default_rng(1)
    if args.lib == "numpy":
        run = lambda epochs, rng: numpy_job(job, data, epochs, rng)  # noqa: E731
    else:
        run = jax_job_runner(job, data)
    t0 = time.perf_counter()
    run(1, rng)  # warm-up: JAX compiles here
    compile_s = time.perf_counter() - t0
    runs = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        sp, acc = run(job["epochs"], rng)
        runs.append(round(time.perf_counter() - t0, 4))
    result = {"job": args.job, "lib": args.lib, "epochs": job["epochs"], "seconds": statistics.median(runs),
              "runs": runs, "seconds_warmup": round(compile_s, 4), "speeds_last": [float(s) for s in sp],
              "version": (np.__version__ if args.lib == "numpy" else __import__("jax").__version__)}
    if job["validation"]:
        result["accuracy"] = [round(100 * float(a), 4) for a in acc]
    print(json.dumps(result, separators=(",", ":")))


if __name__ == "__main__":
    main()
