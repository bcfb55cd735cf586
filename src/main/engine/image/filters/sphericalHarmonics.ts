/**
 * Complex spherical harmonics as scipy's `sph_harm(m, n, azimuth, polar)` defines them:
 *   Y_n^m(α, β) = √((2n + 1)/(4π) · (n − m)!/(n + m)!) · P_n^m(cos β) · e^{i m α},
 * with P_n^m the associated Legendre function including the Condon–Shortley phase (scipy `lpmv`) and,
 * for m < 0, Y_n^{−|m|} = (−1)^{|m|} · conj(Y_n^{|m|}).
 */

/** P_n^m(x) for 0 ≤ m ≤ n, |x| ≤ 1, with the Condon–Shortley phase (−1)^m. */
export function associatedLegendre(n: number, m: number, x: number): number {
  const s = Math.sqrt((1 - x) * (1 + x));
  let pmm = 1;
  for (let k = 1; k <= m; k++) pmm *= -(2 * k - 1) * s;
  if (n === m) return pmm;
  let pm1 = x * (2 * m + 1) * pmm;
  if (n === m + 1) return pm1;
  let p = 0;
  for (let l = m + 2; l <= n; l++) {
    p = ((2 * l - 1) * x * pm1 - (l + m - 1) * pmm) / (l - m);
    pmm = pm1;
    pm1 = p;
  }
  return p;
}

function factorial(k: number): number {
  let f = 1;
  for (let i = 2; i <= k; i++) f *= i;
  return f;
}

/** scipy `sph_harm(m, n, azimuth, polar)` as [real, imaginary]. */
export function sphericalHarmonic(m: number, n: number, azimuth: number, polar: number): [number, number] {
  const am = Math.abs(m);
  if (am > n) throw new Error(`spherical harmonic: |m| = ${am} > n = ${n}`);
  const norm = Math.sqrt(((2 * n + 1) / (4 * Math.PI)) * (factorial(n - am) / factorial(n + am)));
  const sign = m < 0 && am % 2 === 1 ? -1 : 1;
  const magnitude = sign * norm * associatedLegendre(n, am, Math.cos(polar));
  return [magnitude * Math.cos(m * azimuth), magnitude * Math.sin(m * azimuth)];
}
