/**
 * Test helper: the sampled kernels ITK's recursive Gaussian implements, written directly from
 * Deriche's closed form (Deriche, INRIA RR-1893, 1993; ITK's constants), independently of the
 * recursive coefficients:
 *   g(k) = (A1 cos(W1 k/σ) + B1 sin(W1 k/σ)) e^{L1 k/σ} + (A2 cos(W2 k/σ) + B2 sin(W2 k/σ)) e^{L2 k/σ},
 * evaluated at |k| (the causal and anti-causal halves of a symmetric kernel), then
 *  - order 0: g⁰ / Σ_k g⁰(|k|) (unit DC gain);
 *  - order 2: (g² + βg⁰) with β making the sum 0, scaled so that Σ_k k²·h(k) = 2 (times `scale`).
 */
const A_B = { 0: [1.353, 1.8151, -0.3531, 0.0902], 2: [-1.3563, 5.2318, 0.3446, -2.2355] } as const;
const [W1, L1, W2, L2] = [0.6681, -1.3932, 2.0787, -1.3732];

function closedForm(order: 0 | 2, sigma: number, k: number): number {
  const [a1, b1, a2, b2] = A_B[order];
  const t = Math.abs(k) / sigma;
  return (a1 * Math.cos(W1 * t) + b1 * Math.sin(W1 * t)) * Math.exp(L1 * t) + (a2 * Math.cos(W2 * t) + b2 * Math.sin(W2 * t)) * Math.exp(L2 * t);
}

/** The normalised kernel h(k), k = −radius … radius (index k + radius). */
export function dericheKernel(order: 0 | 2, sigmaPixels: number, radius: number, scale = 1): Float64Array {
  const g0 = Float64Array.from({ length: 2 * radius + 1 }, (_, i) => closedForm(0, sigmaPixels, i - radius));
  const sum0 = g0.reduce((a, b) => a + b, 0);
  if (order === 0) return g0.map((v) => v / sum0);
  const g2 = Float64Array.from({ length: 2 * radius + 1 }, (_, i) => closedForm(2, sigmaPixels, i - radius));
  const beta = -g2.reduce((a, b) => a + b, 0) / sum0;
  const h = g2.map((v, i) => v + beta * g0[i]!);
  let second = 0;
  h.forEach((v, i) => (second += (i - radius) ** 2 * v));
  return h.map((v) => (v * 2 * scale) / second);
}

/** Convolution with a symmetric kernel under replicate-edge extension: Σ_k h(k)·x[clamp(i − k)]. */
export function convolveReplicate(x: ArrayLike<number>, kernel: Float64Array): Float64Array {
  const r = (kernel.length - 1) / 2;
  const n = x.length;
  return Float64Array.from({ length: n }, (_, i) => {
    let s = 0;
    for (let k = -r; k <= r; k++) s += kernel[k + r]! * x[Math.min(n - 1, Math.max(0, i - k))]!;
    return s;
  });
}
