// Slider scales: how a range input's position maps to a value and back. Each scale is
// {min, max, step} (the input's attributes), lo/hi (the values at the ends), ends (their text),
// toInput(value) → position and fromInput(position) → value.

import { int, sig } from '../core/format.js';

/** A plain slider over [lo, hi] in steps of `step`. */
export function linear(lo, hi, step, fmt = int) {
  return {
    min: lo, max: hi, step, lo, hi, ends: [fmt(lo), fmt(hi)],
    toInput: (v) => v,
    fromInput: (x) => Number(x.toFixed(12)),
  };
}

/**
 * A slider over [lo, hi] on a log scale, values rounded to two significant digits. `positions`:
 * how many steps span the range (default: steps of 0.05 in log10, which needs aligned ends).
 */
export function logScale(lo, hi, positions = 0) {
  const [min, max] = [Math.log10(lo), Math.log10(hi)];
  return {
    min, max, step: positions ? (max - min) / positions : 0.05, lo, hi, ends: [sig(lo), sig(hi)],
    toInput: (v) => Math.log10(v),
    fromInput: (x) => Math.min(hi, Math.max(lo, Number((10 ** x).toPrecision(2)))),
  };
}

/** Solves A·k = fine and A·sinh(k·positions) = max for k (bisection: sinh(x)/x grows with x). */
function sinhRate(max, fine, positions) {
  const target = max / (fine * positions); // sinh(x)/x at x = k·positions
  let [lo, hi] = [1e-9, 50];
  for (let i = 0; i < 100; i += 1) {
    const mid = (lo + hi) / 2;
    if (Math.sinh(mid) / mid < target) lo = mid;
    else hi = mid;
  }
  return lo / positions;
}

/** Rounds a fine-scale value: to `fine` below 1, to three significant digits above. */
function roundFine(v, fine) {
  if (Math.abs(v) < 1) return Math.round(v / fine) * fine;
  return Number(v.toPrecision(3));
}

/**
 * A signed slider over [−max, max] whose steps are `fine` near 0 and grow towards the ends
 * (value = A·sinh(k·position)), so both ±0.01 and ±200 are a few key presses or a drag away.
 */
export function fineScale(max, fine = 0.01, positions = 1000) {
  const k = sinhRate(max, fine, positions);
  const a = fine / k;
  return {
    min: -positions, max: positions, step: 1, lo: -max, hi: max, ends: [sig(-max), sig(max)],
    toInput: (v) => Math.max(-positions, Math.min(positions, Math.round(Math.asinh(v / a) / k))),
    fromInput: (x) => {
      if (Math.abs(x) >= positions) return Math.sign(x) * max;
      return Number(roundFine(a * Math.sinh(k * x), fine).toFixed(10));
    },
  };
}
