#!/usr/bin/env python3
"""Benchmark baseline for scripts/bench (not shipped to users): scripts/bench's
jobs in numpy, following network2's *per-example* algorithm (one column vector
at a time, no batched matrices). Sigmoid, cross-entropy, weights ~ N(0, 1/n_in),
biases ~ N(0, 1), eta 0.1, lambda 5.0.

J1 (--job J1, default): NNDL chapter 5's learning-speed experiment, net
[784,30,30,30,30,10], the first N (1,000) training images. Each epoch: (1)
record the learning speeds (norm of each hidden layer's average dC/db, N
backprops); (2) one SGD epoch, shuffled, mini-batch N (N backprops). The speeds
are recorded once more after the last epoch (epochs 0..K).
J2 (--job J2): net [784,30,30,10], the first N (8,000) training images,
mini-batches of 10 shuffled each epoch; the accuracy on the 2,000 validation
images (network2's per-example evaluate) for the fresh net and after each epoch.
Prints one JSON line; "seconds" excludes data loading.
"""
import argparse
import gzip
import json
import os
import random
import struct
import time

import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
DATA = os.path.join(ROOT, "www", "data")


def load_data(n, prefix="train", one_hot=True):
    """First n (x, y) pairs: x a 784x1 column of pixels/255, y a 10x1 one-hot
    (or, with one_hot=False, the digit, as network2's validation data)."""
    with gzip.open(os.path.join(DATA, prefix + "-images-idx3-ubyte.gz"), "rb") as f:
        raw = f.read()
    magic, count, rows, cols = struct.unpack(">IIII", raw[:16])
    assert magic == 0x00000803 and (rows, cols) == (28, 28) and n <= count
    pixels = np.frombuffer(raw, dtype=np.uint8, count=n * 784, offset=16)
    with gzip.open(os.path.join(DATA, prefix + "-labels-idx1-ubyte.gz"), "rb") as f:
        raw = f.read()
    magic, count = struct.unpack(">II", raw[:8])
    assert magic == 0x00000801 and n <= count
    labels = np.frombuffer(raw, dtype=np.uint8, count=n, offset=8)
    data = []
    for i in range(n):
        x = pixels[i * 784:(i + 1) * 784].reshape(784, 1) / 255.0
        y = np.zeros((10, 1))
        y[labels[i]] = 1.0
        data.append((x, y if one_hot else int(labels[i])))
    return data


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_prime(z):
    return sigmoid(z) * (1.0 - sigmoid(z))


class Network:
    def __init__(self, sizes):
        self.num_layers = len(sizes)
        self.biases = [np.random.randn(y, 1) for y in sizes[1:]]
        self.weights = [np.random.randn(y, x) / np.sqrt(x)
                        for x, y in zip(sizes[:-1], sizes[1:])]

    def feedforward(self, a):
        for b, w in zip(self.biases, self.weights):
            a = sigmoid(np.dot(w, a) + b)
        return a

    def accuracy(self, data):
        """Percentage of (x, digit) pairs classified right, one at a time."""
        right = sum(int(np.argmax(self.feedforward(x)) == y) for (x, y) in data)
        return 100.0 * right / len(data)

    def backprop(self, x, y):
        """Per-example backprop: (nabla_b, nabla_w) for one (x, y)."""
        nabla_b = [np.zeros(b.shape) for b in self.biases]
        nabla_w = [np.zeros(w.shape) for w in self.weights]
        # Feedforward, keeping every z and activation.
        activation = x
        activations = [x]
        zs = []
        for b, w in zip(self.biases, self.weights):
            z = np.dot(w, activation) + b
            zs.append(z)
            activation = sigmoid(z)
            activations.append(activation)
        # Output error: cross-entropy with sigmoid output gives delta = a - y.
        delta = activations[-1] - y
        nabla_b[-1] = delta
        nabla_w[-1] = np.dot(delta, activations[-2].transpose())
        # Backward pass: delta^l = (w^{l+1})^T delta^{l+1} * sigmoid_prime(z^l).
        for l in range(2, self.num_layers):
            delta = np.dot(self.weights[-l + 1].transpose(), delta) * sigmoid_prime(zs[-l])
            nabla_b[-l] = delta
            nabla_w[-l] = np.dot(delta, activations[-l - 1].transpose())
        return nabla_b, nabla_w

    def update_mini_batch(self, mini_batch, eta, lmbda, n):
        """Sum per-example gradients, then an L2-regularised gradient step."""
        nabla_b = [np.zeros(b.shape) for b in self.biases]
        nabla_w = [np.zeros(w.shape) for w in self.weights]
        for x, y in mini_batch:
            delta_nabla_b, delta_nabla_w = self.backprop(x, y)
            nabla_b = [nb + dnb for nb, dnb in zip(nabla_b, delta_nabla_b)]
            nabla_w = [nw + dnw for nw, dnw in zip(nabla_w, delta_nabla_w)]
        m = len(mini_batch)
        self.weights = [(1 - eta * (lmbda / n)) * w - (eta / m) * nw
                        for w, nw in zip(self.weights, nabla_w)]
        self.biases = [b - (eta / m) * nb for b, nb in zip(self.biases, nabla_b)]

    def sgd_epoch(self, training_data, mini_batch_size, eta, lmbda):
        n = len(training_data)
        random.shuffle(training_data)
        for k in range(0, n, mini_batch_size):
            self.update_mini_batch(training_data[k:k + mini_batch_size], eta, lmbda, n)

    def speeds(self, training_data):
        """Learning speeds: ||average dC/db|| for each hidden layer."""
        nabla_b = [np.zeros(b.shape) for b in self.biases]
        for x, y in training_data:
            delta_nabla_b, _ = self.backprop(x, y)
            nabla_b = [nb + dnb for nb, dnb in zip(nabla_b, delta_nabla_b)]
        n = len(training_data)
        return [float(np.linalg.norm(nb / n)) for nb in nabla_b[:-1]]


def run_j1(args):
    training_data = load_data(args.images or 1000)
    net = Network([784, 30, 30, 30, 30, 10])
    start = time.perf_counter()
    speeds_first = None
    for _ in range(args.epochs):
        s = net.speeds(training_data)           # step 1: learning speeds
        speeds_first = speeds_first or s
        net.sgd_epoch(training_data, len(training_data), 0.1, 5.0)  # step 2: SGD
    loop = time.perf_counter() - start
    speeds_last = net.speeds(training_data)     # epoch K's speeds
    total = time.perf_counter() - start
    return {"images": len(training_data), "seconds": round(total, 4),
            "seconds_per_epoch": round(loop / max(args.epochs, 1), 4),
            "seconds_final_speeds": round(total - loop, 4),
            "speeds_first": speeds_first or speeds_last, "speeds_last": speeds_last}


def run_j2(args):
    training_data = load_data(args.images or 8000)
    validation_data = load_data(2000, "validation", one_hot=False)
    net = Network([784, 30, 30, 10])
    start = time.perf_counter()
    accuracy = [net.accuracy(validation_data)]  # the fresh net (epoch 0)
    first = time.perf_counter() - start
    for _ in range(args.epochs):
        net.sgd_epoch(training_data, 10, 0.1, 5.0)
        accuracy.append(net.accuracy(validation_data))
    total = time.perf_counter() - start
    return {"images": len(training_data), "seconds": round(total, 4),
            "seconds_per_epoch": round((total - first) / max(args.epochs, 1), 4),
            "seconds_initial_accuracy": round(first, 4), "accuracy": accuracy}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--job", choices=["J1", "J2"], default="J1")
    p.add_argument("--epochs", type=int, default=500)
    p.add_argument("--images", type=int, default=None,
                   help="training images (default 1000 for J1, 8000 for J2)")
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    np.random.seed(args.seed)
    random.seed(args.seed)
    result = {"job": args.job, "epochs": args.epochs}
    result.update(run_j1(args) if args.job == "J1" else run_j2(args))
    print(json.dumps(result, separators=(",", ":")))  # one compact JSON line


if __name__ == "__main__":
    main()
