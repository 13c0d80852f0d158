// The chain explorer's numbers as text: a table of every layer (w, b, z, a, σ′, factor, ∂C/∂b)
// and a summary that writes eq. (122)'s product out with its numbers.

import { el } from '../ui/dom.js';
import { sig, subscript } from '../core/format.js';

/** A number for the page: sig(), or a word when it is too large to represent (never "Infinity"). */
function num(x) {
  return typeof x === 'number' && Number.isFinite(x) ? sig(x) : 'too large';
}

/** 'grow', 'shrink' or 'even': what a factor does to the gradients before it. */
function effect(f) {
  const a = Math.abs(f);
  if (a > 1 + 1e-9) return 'grow';
  if (a < 1 - 1e-9) return 'shrink';
  return 'even';
}

/** How much faster (or slower) the first layer learns than the last, in words. */
function ratioText(first, last, depth) {
  const L = subscript(depth);
  if (!(Math.abs(last) > 0)) return `∂C/∂b${L} is 0: the last neuron is saturated or exactly on its target, so no layer learns.`;
  const r = Math.abs(first / last);
  if (r >= 1) return `|∂C/∂b₁| is ${sig(r)} × |∂C/∂b${L}|: the first layer learns ${sig(r)} times as fast as the last.`;
  return `|∂C/∂b₁| is ${sig(r)} × |∂C/∂b${L}|: the first layer learns ${sig(1 / r)} times more slowly than the last.`;
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
