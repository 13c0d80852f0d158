#!/usr/bin/env python3
"""Report for scripts/bench (not shipped): reads the runners' JSON lines (each
tagged with "peer" and the 1-min load average before it ran), prints per job
a Markdown table (wall seconds for the whole job, images/s, ratio to
gradscope-wasm), what was scaled, the agreement of wasm with native, the
targets met or not, the page in chromium (job PAGE: ready, J1 in the page, a
re-measure), the machine; with --json, last, one line
{"J1": {peer: seconds, ...}, "J2": {...}, "PAGE": {"ready_ms": ms, "j1_seconds": s,
"remeasure_ms": ms}}.
"""
import json
import os
import platform
import subprocess
import sys

PEERS = ["gradscope-native", "gradscope-wasm", "tfjs-wasm", "tfjs-cpu", "numpy"]
JOBS = {"J1": (500, 1000, "[784,30,30,30,30,10], 1,000 images, full batch, η 0.1, λ 5, "
                           "500 epochs, ‖δ^l‖ recorded every epoch"),
        "J2": (30, 8000, "[784,30,30,10], 8,000 images, mini-batch 10, η 0.1, λ 5, 30 epochs, "
                         "accuracy on 2,000 validation images every epoch")}
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def plural(n, word):
    return "%d %s%s" % (n, word, "" if n == 1 else "s")


def full_seconds(peer, r, epochs):
    """Seconds for the whole job, and how they were obtained."""
    if peer == "gradscope-native":
        how = "best of %d" % len(r["runs"]) if len(r["runs"]) > 1 else "1 run"
        return r["seconds"], "%s, whole process (start-up %.3f s)" % (how, r["seconds_startup"])
    if peer == "gradscope-wasm":
        return r["seconds"], "all %d epochs, the advance loop (%d records)" % (epochs, r["records"])
    if peer == "numpy":
        k = r["epochs"]
        extra = r.get("seconds_final_speeds", r.get("seconds_initial_accuracy", 0))
        secs = epochs * r["seconds_per_epoch"] + extra
        how = "all epochs" if k == epochs else "%s measured, scaled ×%g" % (plural(k, "epoch"), epochs / k)
        return secs, how + " (%.4f s/epoch)" % r["seconds_per_epoch"]
    k = r["epochs_measured"]
    how = "all epochs" if k == epochs else "%s measured (%.3f s), scaled ×%g" % (
        plural(k, "epoch"), r["seconds_measured"], epochs / k)
    if r.get("threads"):
        how += ", %s%s" % ("SIMD build, " if r.get("simd") else "", plural(r["threads"], "thread"))
    return r["seconds"], how


def rel_diff(a, b):
    if not a or not b or len(a) != len(b):
        return None
    return max(abs(x - y) / max(abs(x), abs(y), 1e-30) for x, y in zip(a, b))


def machine():
    cpu = "unknown"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    def cmd(*c):
        try:
            return subprocess.run(c, capture_output=True, text=True).stdout.strip()
        except OSError:
            return "?"
    try:
        tfjs = json.load(open(os.path.join(ROOT, "scripts/bench-deps/node_modules/@tensorflow/"
                                                 "tfjs-backend-wasm/package.json")))["version"]
    except OSError:
        tfjs = "?"
    try:
        import numpy
        np_version = numpy.__version__
    except ImportError:
        np_version = "?"
    return ("%d cores (%s), %s, %s; Node %s, TensorFlow.js %s; Python %s, numpy %s" % (
        os.cpu_count(), cpu, platform.system() + " " + platform.release(), cmd("rustc", "--version"),
        cmd("node", "--version"), tfjs, platform.python_version(), np_version))


def verdict(ok):
    return "met" if ok else "NOT met"


# The page's time budgets: what tests/page.test.mjs (ready, J1) and tests/chain.test.mjs (re-measure)
# asserted until gradscope issue 9 moved wall-clock budgets out of the tests.
PAGE_BUDGETS = (("ready_ms", "`ready` after navigation start", "ms", 1500),
                ("j1_seconds", "J1 in the page: step(500), validation and charts on", "s", 10),
                ("remeasure_ms", "re-measure after a layer weight-scale edit, drawn", "ms", 100))


def page_report(r):
    """The PAGE job's table and targets; returns its JSON summary."""
    print("\n## The page in headless chromium (median of %s)\n" % plural(r["runs"], "run"))
    print("| measure | median | runs | budget | load |")
    print("| --- | ---: | --- | --- | ---: |")
    for key, text, unit, budget in PAGE_BUDGETS:
        fmt = "%.2f" if unit == "s" else "%.0f"
        runs = ", ".join(fmt % x for x in r[key + "_runs"])
        print("| %s | %s %s | %s | ≤ %g %s: %s | %.2f |" % (
            text, fmt % r[key], unit, runs, budget, unit, verdict(r[key] <= budget), r["load"]))
    print("\n- J1 in the page: longest main-thread task %.0f ms (the player works in ~12 ms slices)."
          % r["j1_longest_task_ms"])
    return {key: r[key] for key, _, _, _ in PAGE_BUDGETS}


def main():
    path, want_json = sys.argv[1], "--json" in sys.argv[2:]
    results = {}
    for line in open(path):
        if line.strip():
            r = json.loads(line)
            results.setdefault(r["job"], {})[r["peer"]] = r
    summary, secs_of = {}, {}
    for job, (epochs, images, text) in JOBS.items():
        rows = results.get(job, {})
        if not rows:
            continue
        secs = {p: full_seconds(p, rows[p], epochs) for p in PEERS if p in rows}
        secs_of[job] = {p: s for p, (s, _) in secs.items()}
        summary[job] = {p: round(s, 4) for p, (s, _) in secs.items()}
        wasm = secs_of[job].get("gradscope-wasm")
        print("\n## %s: %s\n" % (job, text))
        print("| implementation | wall s (%d epochs) | images/s | ratio to gradscope-wasm | "
              "how measured | load |" % epochs)
        print("| --- | ---: | ---: | ---: | --- | ---: |")
        for p, (s, how) in secs.items():
            ratio = "%.2f×" % (s / wasm) if wasm else "?"
            print("| %s | %.3f | %s | %s | %s | %.2f |" % (
                p, s, "{:,.0f}".format(epochs * images / s), ratio, how, rows[p]["load"]))
    print("\n- wall s: the whole job's seconds (scaled where said); images/s = epochs × images / wall s"
          " (each epoch's images counted once); ratio = wall s / gradscope-wasm's wall s.")
    print("- Every gradscope record also measures ‖δ^l‖ (J2: one more pass over the 8,000 training"
          " images per epoch); J2's peers only train and score the validation images.")
    print("- load: the 1-min load average just before that peer ran (2 cores).")

    print("\n## Checks\n")
    for job in JOBS:
        n, w = results.get(job, {}).get("gradscope-native"), results.get(job, {}).get("gradscope-wasm")
        if not (n and w):
            continue
        d = rel_diff(n["speeds_last"], w["speeds_last"])
        line = "- %s: wasm vs native, last record's speeds: max relative difference %s" % (
            job, "%.2e" % d if d is not None else "n/a (records differ)")
        if job == "J2" and n.get("accuracy") and w.get("accuracy"):
            acc = max(abs(a - b) for a, b in zip(n["accuracy"], w["accuracy"]))
            line += "; accuracy per epoch: max difference %.2f points (final %.2f%% vs %.2f%%)" % (
                acc, n["accuracy"][-1], w["accuracy"][-1])
        print(line + (" — agree to ~1e-4" if d is not None and d <= 2e-4 else ""))
        if w.get("memory_bytes"):
            print("- %s: wasm linear memory at the end: %.1f MB" % (job, w["memory_bytes"] / 2**20))
    for job in JOBS:
        for p in ("tfjs-wasm", "tfjs-cpu", "numpy"):
            r = results.get(job, {}).get(p, {})
            if r.get("accuracy"):
                print("- %s %s accuracy after %s: %.2f%%" % (
                    job, p, plural(len(r["accuracy"]) - 1, "measured epoch"), r["accuracy"][-1]))

    print("\n## Targets\n")
    j1, j2 = secs_of.get("J1", {}), secs_of.get("J2", {})
    for job, s in (("J1", j1), ("J2", j2)):
        tf = [s[p] for p in ("tfjs-wasm", "tfjs-cpu") if p in s]
        if tf and "gradscope-wasm" in s:
            x = min(tf) / s["gradscope-wasm"]
            print("- %s: gradscope-wasm ≥ 5× the faster TF.js backend: %.1f× — %s" % (job, x, verdict(x >= 5)))
    for job, s in (("J1", j1), ("J2", j2)):
        if "gradscope-wasm" in s and "gradscope-native" in s:
            n = results[job]["gradscope-native"]
            loop = s["gradscope-native"] - n["seconds_startup"]
            a, b = s["gradscope-native"] / s["gradscope-wasm"], loop / s["gradscope-wasm"]
            print("- %s: gradscope-wasm / gradscope-native speed: %.0f%% against native's whole process,"
                  " %.0f%% against native less its start-up (%.3f s) — target ≥ 60%%: %s" % (
                      job, 100 * a, 100 * b, loop, verdict(b >= 0.6)))
    if "numpy" in j1 and "gradscope-native" in j1:
        x = j1["numpy"] / j1["gradscope-native"]
        print("- J1: gradscope-native ≥ 50× numpy: %.1f× — %s" % (x, verdict(x >= 50)))
    if "gradscope-wasm" in j1:
        print("- J1 in wasm ≤ 5 s: %.3f s — %s" % (j1["gradscope-wasm"], verdict(j1["gradscope-wasm"] <= 5)))
    page = results.get("PAGE", {}).get("gradscope-page")
    if page:
        summary["PAGE"] = page_report(page)
    print("\nmachine: " + machine())
    if want_json:
        print(json.dumps(summary, separators=(",", ":")))


if __name__ == "__main__":
    main()
