/**
 * Python `repr`/`str` formatting of the values pyradiomics prints into its output (diagnostics,
 * image-type names such as `log-sigma-1-0-mm-3D`). Python 3 floats print as the shortest string that
 * round-trips (as JavaScript's `String(number)` does) but:
 *  - an integral float keeps a trailing `.0` (`3.0`), while a Python int prints without it;
 *  - scientific notation is used when the decimal exponent is < −4 or ≥ 16, with a sign and at
 *    least two exponent digits (`1e-05`, `1e+16`); JavaScript switches at < −6 and ≥ 21.
 */

/** Python `repr(float(x))`. */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const exp = Math.floor(Math.log10(Math.abs(x)));
  // Shortest round-trip digits from JavaScript, in exponential form to get mantissa and exponent exactly.
  const [mant, e] = x.toExponential().split('e');
  let e10 = Number(e);
  if (!Number.isFinite(e10)) e10 = exp;
  if (e10 < -4 || e10 >= 16) {
    const sign = e10 < 0 ? '-' : '+';
    const digits = String(Math.abs(e10)).padStart(2, '0');
    return `${mant}e${sign}${digits}`;
  }
  const s = String(x);
  if (/e/.test(s)) {
    // JavaScript printed exponent form inside Python's fixed range (e.g. 1e-5 ≤ |x| < 1e-6 cannot happen,
    // but 1e+16 ≤ |x| < 1e21 can): expand the mantissa digits.
    return expandExponent(mant, e10);
  }
  return Number.isInteger(x) ? `${s}.0` : s;
}

function expandExponent(mant: string, e10: number): string {
  const negative = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  let out: string;
  if (e10 >= 0) {
    const intLen = e10 + 1;
    out = digits.length <= intLen ? `${digits.padEnd(intLen, '0')}.0` : `${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
  } else {
    out = `0.${'0'.repeat(-e10 - 1)}${digits}`;
  }
  return negative ? `-${out}` : out;
}

/** A value pyradiomics prints with Python's `repr` (settings dicts, lists, strings, booleans, None). */
export type PyValue = null | boolean | number | string | PyValue[] | { [key: string]: PyValue };

/**
 * Python `repr` of a value: `None`, `True`/`False`, integral numbers as ints (the parameter files'
 * integers), other numbers via {@link pyFloat}, strings in single quotes, lists `[a, b]`, dicts
 * `{'k': v}` in insertion order.
 */
export function pyRepr(v: PyValue): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : pyFloat(v);
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  return `{${Object.entries(v)
    .map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`)
    .join(', ')}}`;
}

/** Python tuple of floats, e.g. `(0.7812499999999999, 0.7812499999999999, 6.5)`. */
export function pyFloatTuple(values: readonly number[]): string {
  return `(${values.map(pyFloat).join(', ')})`;
}

/** Python tuple of ints, e.g. `(256, 256, 25)`. */
export function pyIntTuple(values: readonly number[]): string {
  return `(${values.map((v) => String(v)).join(', ')})`;
}
