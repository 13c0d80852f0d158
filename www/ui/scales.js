// Slider scales: how a range input's position maps to a value and back. Each scale is
// {min, max, step} (the input's attributes), lo/hi (the values at the ends), ends (their text),
// toInput(value) → position and fromInput(position) → value; optionally nudge(value, ±1, coarse) →
// the value an arrow key (coarse: Shift+arrow) gives, and keys: the slider's title saying so.

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

/** sign(v)·log10(1 + |v|/c): linear for |v| ≪ c, logarithmic beyond. */
const symlog = (v, c) => Math.sign(v) * Math.log10(1 + Math.abs(v) / c);
/** The inverse of symlog. */
const symexp = (u, c) => Math.sign(u) * c * (10 ** Math.abs(u) - 1);

/** Where |value| `v` sits on one half of a knotted track: [index of its segment, fraction along it]. */
function segment(knots, v, of) {
  let i = 1;
  while (i < knots.length - 1 && of(knots[i]) < v) i += 1;
  const [lo, hi] = [of(knots[i - 1]), of(knots[i])];
  return [i, Math.min(1, Math.max(0, (v - lo) / (hi - lo)))];
}

/**
 * The step of a nudge from `v` towards `direction` (±1): a unit of the third significant digit
 * (coarse: of the second), and `fine` (coarse: 10·fine) below 1; smaller when it crosses a power of 10.
 */
function nudgeStep(v, direction, coarse, fine) {
  const inward = Math.sign(v) === -direction;
  const size = Math.abs(v) * (inward ? 1 - 1e-9 : 1); // from 10 down: steps of 0.01, not 0.1
  const step = size < 1 ? fine : 10 ** (Math.floor(Math.log10(size)) - 2);
  return coarse ? step * 10 : step;
}

/**
 * A signed slider over [−max, max] on a symmetric log scale (sign(v)·log10(1 + |v|/c)), warped so
 * that chosen bands get chosen shares of the track. `knots`: [[|value|, share of the half-track up
 * to it]…], increasing, the last [max, 1]; between knots the position is linear in the symmetric
 * log. nudge(v, ±1, coarse): the value one arrow key (coarse: Shift+arrow) away, on the step’s grid.
 */
export function symlogScale(max, knots, { c = 0.1, fine = 0.01, positions = 1000 } = {}) {
  const all = [[0, 0], ...knots];
  const u = ([v]) => symlog(v, c);
  const p = ([, share]) => share * positions;
  const clamp = (v) => Math.max(-max, Math.min(max, v));
  return {
    min: -positions, max: positions, step: 1, lo: -max, hi: max, ends: [sig(-max), sig(max)],
    toInput: (v) => {
      const [i, f] = segment(all, symlog(Math.min(max, Math.abs(v)), c), u);
      return Math.sign(v) * Math.round(p(all[i - 1]) + f * (p(all[i]) - p(all[i - 1])));
    },
    fromInput: (x) => {
      if (Math.abs(x) >= positions) return Math.sign(x) * max;
      const [i, f] = segment(all, Math.abs(x), p);
      const v = symexp(u(all[i - 1]) + f * (u(all[i]) - u(all[i - 1])), c);
      return Math.sign(x) * Number(roundFine(v, fine).toFixed(10));
    },
    keys: 'Drag, or ←/→ for fine steps (the third significant digit; 0.01 below 1), Shift+←/→ for steps ten times as large (to the next multiple)',
    nudge: (v, direction, coarse) => {
      const step = nudgeStep(v, direction, coarse, fine);
      const digits = Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
      // To the next multiple of the step that way: 101 → 110 → 120 (Shift+→), 101 → 100 (Shift+←).
      const k = direction > 0 ? Math.floor(v / step + 1e-9) + 1 : Math.ceil(v / step - 1e-9) - 1;
      return clamp(Number((k * step).toFixed(digits)));
    },
  };
}
