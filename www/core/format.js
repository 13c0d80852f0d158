// Number formatting for the page text: never prints "NaN", "undefined" or "Infinity".

/** The text shown for a number that is missing or not finite. */
export const MISSING = '–';

/** `x` with `digits` significant digits ("0.00302", "2.55e-4", "1.46e5"), or MISSING. */
export function sig(x, digits = 3) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return MISSING;
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e5) return String(Number(x.toPrecision(digits)));
  return x.toExponential(digits - 1).replace('e+', 'e');
}

/**
 * `x` as the figures drawn by Rust write it (crate/src/chart/format.rs `tick`): three significant
 * digits but every digit of the integer part ("1953", "0.25", "4.77e11", "1.5e-5"), or MISSING.
 */
export function tick(x) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return MISSING;
  if (x === 0) return '0';
  const exp = Number(x.toExponential(2).split('e')[1]); // after rounding, as sci3 does
  if (exp >= -3 && exp < 5) return String(Number(x.toFixed(Math.max(0, 2 - exp))));
  return x.toExponential(2).replace(/\.?0+e/, 'e').replace('e+', 'e');
}

/** Formats integers with thousands separators (made once: toLocaleString builds one per call). */
const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Integer `n` with thousands separators ("8,000"), or MISSING. */
export function int(n) {
  if (typeof n !== 'number' || !Number.isFinite(n)) return MISSING;
  return INTEGER.format(Math.round(n));
}

/** Fraction `f` as a percentage with one decimal ("93.5%"), or MISSING. */
export function percent(f) {
  if (typeof f !== 'number' || !Number.isFinite(f)) return MISSING;
  return `${(f * 100).toFixed(1)}%`;
}

/** Byte count `n` in megabytes with two decimals ("1.29 MB"). */
export function megabytes(n) {
  return `${((Number.isFinite(n) ? n : 0) / 1e6).toFixed(2)} MB`;
}

/** Superscript digits for layer numbers in ‖δˡ‖ ("δ¹²"). */
export function superscript(n) {
  return String(n).replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[d]);
}

/** Plain-word text of anything thrown: an Error's message, or the value itself. */
export function errorText(e) {
  const text = e instanceof Error ? e.message : typeof e === 'string' ? e : '';
  return text && text !== 'undefined' ? text : 'an unexpected error occurred';
}

/** Subscript digits for layer indices ("b₁₀"). */
export function subscript(n) {
  return String(n).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[d]);
}

/** The most characters of a user's value quoted back in a message. */
const QUOTE_MAX = 40;

/** The words for a value that cannot be read as text (a hostile toString or toJSON). */
const UNREADABLE = 'an unreadable value';

/** A value as text, never throwing: primitives as typed, other values as JSON or their kind. */
function asText(value) {
  if (value === null || ['string', 'number', 'boolean', 'bigint', 'undefined'].includes(typeof value)) return String(value);
  if (typeof value === 'symbol' || typeof value === 'function') return `a ${typeof value}`;
  try {
    return JSON.stringify(value) ?? UNREADABLE;
  } catch {
    return Array.isArray(value) ? 'a list' : 'an object';
  }
}

/**
 * What the user typed, quoted back in a message: printable (control characters removed) and at
 * most QUOTE_MAX characters; never throws, whatever the value (a throwing toString, Object.create(null)).
 */
export function quote(value) {
  let text;
  try {
    text = asText(value).replace(/\p{Cc}/gu, '');
  } catch {
    text = UNREADABLE;
  }
  return text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX)}…` : text;
}
