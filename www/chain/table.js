// The chain explorer's numbers as text: a table of every layer (w, b, z, a, σ′, factor, ∂C/∂b)
// and a summary that writes eq. (122)'s product out with its numbers.

import { el } from '../ui/dom.js';
import { sig, subscript, tick } from '../core/format.js';

/** A number of the chain's report as a JS number ("inf", "-inf", "nan": Rust's non-finite values). */
function value(x) {
  if (typeof x === 'number') return x;
  return { inf: Infinity, '-inf': -Infinity }[x] ?? Number.NaN;
}

/** A number as the chain figure writes it (tick), or words for what a double cannot hold (never "Infinity"). */
function num(x) {
  const v = value(x);
  if (Number.isFinite(v)) return tick(v);
  if (Number.isNaN(v)) return 'not a number (0 × ∞)';
  return v > 0 ? '∞ (overflow)' : '−∞ (overflow)';
}

/** 'grow', 'shrink' or 'even': what a factor does to the gradients before it. */
function effect(f) {
  const a = Math.abs(value(f));
  if (a > 1 + 1e-9) return 'grow';
  if (a < 1 - 1e-9) return 'shrink';
  return 'even';
}

/** The summary's words when ∂C/∂b₁ or ∂C/∂b_L is 0 or beyond a double, else null. */
function extremeText(first, last, L) {
  if (!Number.isFinite(last)) return `∂C/∂b${L} is ${num(last)}: the last layer’s gradient is beyond what a double holds, so the layers cannot be compared.`;
  if (last === 0) return `∂C/∂b${L} is 0: the last neuron is saturated or exactly on its target, so no layer learns.`;
  if (Number.isNaN(first)) return '∂C/∂b₁ is not a number: an overflow (∞) met an underflow (0) in the product, so the first layer’s gradient is lost.';
  if (!Number.isFinite(first)) return '∂C/∂b₁ overflows (beyond 1.8e308): the first layer’s gradient explodes.';
  if (first === 0) return '∂C/∂b₁ underflows to 0: the first layer does not learn at all.';
  return null;
}

/** How much faster (or slower) the first layer learns than the last, in words. */
function ratioText(grad0, gradL, depth) {
  const L = subscript(depth);
  const [first, last] = [value(grad0), value(gradL)];
  const extreme = extremeText(first, last, L);
  if (extreme) return extreme;
  const r = Math.abs(first / last);
  const head = `|∂C/∂b₁| is ${tick(r)} × |∂C/∂b${L}|`;
  if (r === 0) return `${head}: the first layer learns over 1e308 times more slowly than the last — in effect, not at all.`;
  if (!Number.isFinite(r)) return `|∂C/∂b₁| is over 1.8e308 × |∂C/∂b${L}|: the first layer’s gradient explodes.`;
  if (Math.abs(r - 1) < 5e-4) return `${head}: the first layer learns as fast as the last.`;
  if (r > 1) return `${head}: the first layer learns ${tick(r)} times as fast as the last.`;
  return `${head}: the first layer learns ${tick(1 / r)} times more slowly than the last.`;
}

/** Writes chain snapshot `snap` into the table body and the summary paragraph. */
export function renderNumbers(tbody, summary, snap) {
  const { depth, factors, grad_b: grad } = snap;
  const rows = Array.from({ length: depth }, (_, i) => {
    const f = factors[i];
    const factorCell = el('td', { class: `factor ${effect(f)}` }, num(f));
    if (i === 0) {
      factorCell.classList.add('outside');
      factorCell.title = 'Layer 1’s factor is not in the product for ∂C/∂b₁: only σ′(z₁) is.';
    }
    return el('tr', {},
      el('th', { scope: 'row' }, String(i + 1)),
      ...[snap.w[i], snap.b[i], snap.z[i], snap.a[i], snap.sigma_prime[i]].map((x) => el('td', {}, num(x))),
      factorCell,
      el('td', {}, num(grad[i])));
  });
  tbody.replaceChildren(...rows);

  const L = subscript(depth);
  const terms = ['σ′(z₁)', ...Array.from({ length: depth - 1 }, (_, i) => `w${subscript(i + 2)}σ′(z${subscript(i + 2)})`), `∂C/∂a${L}`];
  const values = [snap.sigma_prime[0], ...factors.slice(1), snap.dc_da].map(num);
  const cost = snap.cost === 'cross-entropy' ? 'cross-entropy' : 'quadratic';
  summary.replaceChildren(
    el('span', { class: 'line' }, `∂C/∂b₁ = ${terms.join(' · ')}`),
    el('span', { class: 'line' }, `= ${values.join(' × ')} = ${num(grad[0])}`),
    el('span', { class: 'line' }, ratioText(grad[0], grad[depth - 1], depth)),
    el('span', { class: 'line muted' }, `Cost (${cost}) C = ${num(snap.value)} for a${L} = ${num(snap.a[depth - 1])}, y = ${sig(snap.y)}.`),
  );
}
