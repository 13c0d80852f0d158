#!/usr/bin/env python3
"""Benchmark runner for scripts/bench (not shipped): times gradscope's native
`train` command on one job, as a whole process (start-up, data loading,
training, one JSON line per epoch 0..E written to a pipe), --runs times
(median reported, every run listed). Also times the same command with --epochs 0 (start-up, data loading and the
epoch-0 record) so that the report can show the training loop alone.
Prints one JSON line: seconds (best), all runs, start-up seconds, and the
last record's speeds (and, for J2, the validation accuracy per epoch, in %).
"""
import argparse
import json
import statistics
import subprocess
import time

JOBS = {
    "J1": ["--sizes", "784,30,30,30,30,10", "--images", "1000", "--batch", "1000"],
    "J2": ["--sizes", "784,30,30,10", "--images", "8000", "--batch", "10", "--validation"],
    "J3": ["--sizes", "784," + "100," * 6 + "10", "--images", "8000", "--batch", "8000"],
    "J3B": ["--sizes", "784," + "100," * 6 + "10", "--images", "8000", "--batch", "10"],
}
EPOCHS = {"J1": 500, "J2": 30, "J3": 10, "J3B": 10}


def run(binary, job, epochs):
    cmd = [binary, "train", "--seed", "1", "--eta", "0.1", "--lambda", "5",
           "--epochs", str(epochs)] + JOBS[job]
    start = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    seconds = time.perf_counter() - start
    rows = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    return seconds, [r for r in rows if "epoch" in r]


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--bin", default="target/release/gradscope")
    p.add_argument("--job", choices=sorted(JOBS), default="J1")
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args()
    epochs = EPOCHS[args.job]
    runs, rows = [], []
    for _ in range(args.runs):
        seconds, rows = run(args.bin, args.job, epochs)
        runs.append(round(seconds, 4))
    startup = min(run(args.bin, args.job, 0)[0] for _ in range(3))
    result = {
        "job": args.job, "epochs": epochs, "records": len(rows),
        "seconds": statistics.median(runs), "runs": runs, "seconds_startup": round(startup, 4),
        "speeds_last": rows[-1]["speeds"] if rows else None,
    }
    if args.job == "J2":
        result["accuracy"] = [round(100 * r["accuracy"], 4) for r in rows]
    print(json.dumps(result, separators=(",", ":")))


if __name__ == "__main__":
    main()
