// The generator of tests/fuzz.test.mjs: a seeded PRNG and random calls of window.gradscope, each
// written as JavaScript source (so that NaN, undefined, throwing objects… reach the page as they
// are, and a failing call prints as its own reproducer).

/** mulberry32 (Tommy Ettinger's 32-bit generator, public domain): a small seeded PRNG. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  return { next, int, chance: (p) => next() < p, pick: (list) => list[Math.floor(next() * list.length)] };
}

/** Numbers that break careless code: NaN, ±Infinity, the smallest and largest doubles, −0, 2^53 + 1… */
const NUMBERS = ['NaN', 'Infinity', '-Infinity', '1e-300', '1e308', '-1e308', '-1', '-0', '0', '0.5', '2**53 + 1', '2**64', '-(2**31)', '10n'];
/** Strings likewise: empty, numeric-looking, words the page must not show, markup, a long one. */
const STRINGS = ['""', '"abc"', '"NaN"', '"1e3"', '"30"', '"undefined"', '"<img src=x onerror=alert(1)>"', '"sigmoid "', '"x".repeat(5000)', '"\\u0000"'];
/** Objects: empty, nested, without prototype, with throwing conversions, a Symbol, a trapping Proxy. */
const OBJECTS = [
  '{}',
  '{ a: { b: { c: [1, { d: null }] } } }',
  'Object.create(null)',
  '({ toString() { throw new Error("fuzz: toString") }, valueOf() { throw new Error("fuzz: valueOf") } })',
  '({ valueOf: () => 7 })',
  'Symbol("fuzz")',
  'new Proxy({}, { get() { throw new Error("fuzz: trap") }, ownKeys() { throw new Error("fuzz: trap") } })',
  '[]',
  '[1, 2, 3]',
  '[[784], [30]]',
  'new Float64Array(3)',
];

/** Any value at all, as source. */
export function junkValue(r) {
  const kind = r.int(0, 5);
  if (kind === 0) return r.pick(NUMBERS);
  if (kind === 1) return String(r.chance(0.5) ? r.int(-100, 100) : (r.next() * 20 - 5).toFixed(3));
  if (kind === 2) return r.pick(STRINGS);
  if (kind === 3) return r.pick(['null', 'undefined', 'true', 'false']);
  return r.pick(OBJECTS);
}

/** A small hidden-layer width, or now and then a junk one (widths near 4096 are left out: seconds per epoch). */
const width = (r) => (r.chance(0.9) ? String(r.int(1, 40)) : r.pick(['NaN', '-3', '0', '"30"', 'null', '2.5', 'undefined']));

/** A list of `n` numbers in [lo, hi], now and then with a junk entry. */
function numberList(r, n, lo, hi) {
  return `[${Array.from({ length: n }, () => (r.chance(0.9) ? (lo + r.next() * (hi - lo)).toFixed(3) : junkValue(r))).join(', ')}]`;
}

/** A plausible chain explorer setting, or junk. */
function chainValue(r) {
  const parts = [];
  if (r.chance(0.5)) parts.push(`depth: ${r.chance(0.8) ? r.int(1, 12) : junkValue(r)}`);
  if (r.chance(0.3)) parts.push(`w: ${numberList(r, r.int(0, 11), -30, 30)}`);
  if (r.chance(0.3)) parts.push(`b: ${numberList(r, r.int(0, 11), -30, 30)}`);
  if (r.chance(0.3)) parts.push(`a0: ${r.chance(0.8) ? r.next().toFixed(3) : junkValue(r)}`);
  if (r.chance(0.2)) parts.push(`y: ${r.chance(0.8) ? r.next().toFixed(3) : junkValue(r)}`);
  if (r.chance(0.2)) parts.push(`cost: ${r.pick(['"quadratic"', '"cross-entropy"', '"hinge"', junkValue(r)])}`);
  if (r.chance(0.3)) parts.push(`preset: ${r.pick(['"vanish"', '"explode"', '"random"', '"nope"', junkValue(r)])}`);
  return `{ ${parts.join(', ')} }`;
}

/** A plausible value for the setting `key` (so that the run reaches many states), else junk. */
function valueFor(r, key) {
  if (r.chance(0.3)) return junkValue(r);
  const makers = {
    sizes: () => `[${r.chance(0.9) ? 784 : junkValue(r)}, ${Array.from({ length: r.int(0, 5) }, () => width(r)).join(', ')}, ${r.chance(0.9) ? 10 : junkValue(r)}]`,
    activation: () => r.pick(['"sigmoid"', '"tanh"', '"relu"', '"softmax"', '"ReLU"']),
    init: () => r.pick(['"network2"', '"large"', '"xavier"', '"he"', '"zeros"']),
    scale: () => (r.next() * 12 - 1).toFixed(3),
    seed: () => String(r.int(-5, 2 ** 32 + 5)),
    images: () => String(r.int(0, 2000)),
    batch: () => String(r.int(0, 1200)),
    eta: () => (r.next() * 12 - 1).toFixed(4),
    lambda: () => (r.next() * 25 - 2).toFixed(3),
    view: () => r.pick(['"network"', '"chain"', '"table"']),
    chain: () => chainValue(r),
    layerScale: () => numberList(r, r.int(0, 6), -1, 120),
    layerShift: () => numberList(r, r.int(0, 6), -12, 12),
    explode: () => r.pick(['true', 'false', '"yes"', '1']),
  };
  return Object.hasOwn(makers, key) ? makers[key]() : junkValue(r); // not makers[key]: "constructor" is a junk key
}

/** Keys that are no setting: prototype names, near misses, empty, odd characters. */
const JUNK_KEYS = ['"__proto__"', '"constructor"', '"toString"', '"hasOwnProperty"', '"Sizes"', '"eta "', '""', '"η"', '"chain.depth"', '"0"', '"sizes.1"'];

/** The argument of one set() call: an object of 1–3 real or junk keys, or something not an object. */
export function setArgument(r, keys) {
  if (r.chance(0.05)) return junkValue(r);
  const entries = Array.from({ length: r.int(1, 3) }, () => {
    const key = r.chance(0.85) ? JSON.stringify(r.pick(keys)) : r.pick(JUNK_KEYS);
    return `[${key}]: ${valueFor(r, JSON.parse(key))}`;
  });
  return `{ ${entries.join(', ')} }`;
}

/** Text for importNetwork(): empty, not JSON, wrong shapes, a huge size, deep nesting. */
const IMPORT_TEXTS = [
  '',
  'null',
  '{}',
  '[]',
  'not json at all {',
  '{"sizes": "abc", "weights": [], "biases": []}',
  '{"sizes": [784, 10], "weights": [], "biases": [], "cost": "CrossEntropyCost"}',
  '{"sizes": [784, 1000000000, 10], "weights": [[]], "biases": [[]], "cost": "CrossEntropyCost"}',
  '{"sizes": [784, 30, 10], "weights": [[[NaN]]], "biases": [[[1]]], "cost": "QuadraticCost"}',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
];

/** The argument of one importNetwork() call, as source: junk text, a damaged export, or not a string. */
export function importCall(r) {
  const kind = r.int(0, 2);
  if (kind === 0) return `g.importNetwork(${JSON.stringify(r.pick(IMPORT_TEXTS))})`;
  if (kind === 1) return `g.importNetwork(${junkValue(r)})`;
  const damage = r.pick([
    't.slice(0, t.length >> 1)',
    't.replace(/-?\\d+\\.\\d+/, "1e999")',
    't.replace(/-?\\d+\\.\\d+/, "NaN")',
    't.replace(/\\[784,/, "[783,")',
    't.replace(/"cost":\\s*"\\w+"/, "\\"cost\\": \\"HingeCost\\"")',
    't.replace(/\\]\\]\\]/, "]], [1]]")',
    't',
  ]);
  return `g.exportNetwork().then((t) => g.importNetwork(${damage}))`;
}

/** Link keys (www/state/link-codec.js) with junk values; epoch counts stay small (a link may replay 20,000). */
export function junkHash(r) {
  const parts = Array.from({ length: r.int(0, 6) }, () => {
    const key = r.pick(['sizes', 'activation', 'init', 'scale', 'seed', 'images', 'batch', 'eta', 'lambda', 'view', 'tour', 'run', 'imported', 'chain.depth', 'chain.w', 'chain.cost', 'nonsense', '', '%', '%E0%A4%A']);
    const value = r.pick(['NaN', 'Infinity', '-1', '1e-300', 'abc', '', '%ZZ', '784,20,10', '784,NaN,10', '3', 'x', 'L1*5', 'L9+1', '2,x,1', 'chain', '%F0%9F%98%80', 'undefined', '1,2,3']);
    return r.chance(0.1) ? key : `${key}=${value}`;
  });
  if (r.chance(0.1)) parts.push('z'.repeat(r.int(100, 5000)));
  return `#${parts.join(r.chance(0.9) ? '&' : '&&')}`;
}

/**
 * The next call: {kind, source} with source an expression on `g` (window.gradscope) awaited by the
 * test. `work` = training images × weights of the current net: above ~20 M, step() trains one
 * epoch only (a batch of 1 on 8,000 images is slow enough).
 */
export function nextCall(r, keys, work) {
  const roll = r.next();
  if (roll < 0.7) return { kind: 'set', source: `g.set(${setArgument(r, keys)})` };
  if (roll < 0.8) return { kind: 'step', source: `g.step(${work > 20e6 ? 1 : r.int(1, 3)})` };
  if (roll < 0.85) return { kind: 'explode', source: 'g.explode()' };
  if (roll < 0.9) return { kind: 'import', source: importCall(r) };
  if (roll < 0.95) return { kind: 'reset', source: 'g.reset()' };
  if (roll < 0.985) return { kind: 'hash', source: `location.hash = ${JSON.stringify(junkHash(r))}` };
  return { kind: 'reload', hash: junkHash(r) }; // ~30 in 2,000 calls; the test stops at MAX_RELOADS
}
