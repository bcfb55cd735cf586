/** The numerical building blocks of the IBSI-only features, against direct definitions. */
import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../../../../../src/main/engine/image/volume';
import { convexHullMeasures } from '../../../../../../src/main/engine/radiomics/ibsi/convexHull';
import { fft3d } from '../../../../../../src/main/engine/radiomics/ibsi/fft3d';
import { edgeDistance } from '../../../../../../src/main/engine/radiomics/ibsi/families/gldzm';
import { localIntensityPeaks } from '../../../../../../src/main/engine/radiomics/ibsi/families/localIntensity';
import { ellipsoidArea, legendre } from '../../../../../../src/main/engine/radiomics/ibsi/families/morphology';
import { spatialAutocorrelation } from '../../../../../../src/main/engine/radiomics/ibsi/families/spatialAutocorrelation';
import { histogramGradient } from '../../../../../../src/main/engine/radiomics/ibsi/families/intensityHistogram';

/** Deterministic pseudo-random numbers in [0, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('fft3d', () => {
  it('equals the direct DFT on a 4×2×8 grid and inverts to the input', () => {
    const size: Vec3 = [4, 2, 8];
    const n = 64;
    const r = rng(1);
    const re = Float64Array.from({ length: n }, r);
    const im = Float64Array.from({ length: n }, r);
    const [re0, im0] = [Float64Array.from(re), Float64Array.from(im)];
    fft3d(re, im, size);
    for (let k = 0; k < n; k++) {
      const kk = [k % 4, Math.floor(k / 4) % 2, Math.floor(k / 8)];
      let sr = 0;
      let si = 0;
      for (let j = 0; j < n; j++) {
        const jj = [j % 4, Math.floor(j / 4) % 2, Math.floor(j / 8)];
        const phase = -2 * Math.PI * (kk[0]! * jj[0]! / 4 + kk[1]! * jj[1]! / 2 + kk[2]! * jj[2]! / 8);
        sr += re0[j]! * Math.cos(phase) - im0[j]! * Math.sin(phase);
        si += re0[j]! * Math.sin(phase) + im0[j]! * Math.cos(phase);
      }
      expect(re[k]).toBeCloseTo(sr, 12);
      expect(im[k]).toBeCloseTo(si, 12);
    }
    fft3d(re, im, size, true);
    re.forEach((v, j) => expect(v).toBeCloseTo(re0[j]!, 13));
  });
});

describe("Moran's I and Geary's C", () => {
  it('equal the direct O(N²) sums on a random ROI with anisotropic spacing', () => {
    const size: Vec3 = [7, 5, 4];
    const spacing: Vec3 = [0.8, 1.1, 2.5];
    const r = rng(7);
    const image = Float64Array.from({ length: 140 }, () => Math.round(100 * r()));
    const mask = Uint8Array.from({ length: 140 }, () => (r() < 0.6 ? 1 : 0));
    const idx = [...mask.keys()].filter((i) => mask[i]);
    const pos = idx.map((i) => [(i % 7) * spacing[0], (Math.floor(i / 7) % 5) * spacing[1], Math.floor(i / 35) * spacing[2]]);
    const x = idx.map((i) => image[i]!);
    const mu = x.reduce((a, b) => a + b, 0) / x.length;
    let w = 0;
    let m = 0;
    let g = 0;
    for (let a = 0; a < x.length; a++) {
      for (let b = 0; b < x.length; b++) {
        if (a === b) continue;
        const d = 1 / Math.hypot(pos[a]![0]! - pos[b]![0]!, pos[a]![1]! - pos[b]![1]!, pos[a]![2]! - pos[b]![2]!);
        w += d;
        m += d * (x[a]! - mu) * (x[b]! - mu);
        g += d * (x[a]! - x[b]!) ** 2;
      }
    }
    const ss = x.reduce((s, v) => s + (v - mu) ** 2, 0);
    const ours = spatialAutocorrelation(image, mask, size, spacing);
    expect(ours.moranI).toBeCloseTo(((x.length / w) * m) / ss, 12);
    expect(ours.gearyC).toBeCloseTo((((x.length - 1) / (2 * w)) * g) / ss, 12);
  });
});

describe('convex hull of the mesh', () => {
  it('of a 2×1×1-spaced block of 3×2×2 voxels is the inner box ⊕ the ½-voxel octahedron (Steiner: V = 9 + 1/6, A = 10 + 8√2 + √3)', () => {
    const { volume, area } = convexHullMeasures(new Uint8Array(12).fill(1), [3, 2, 2], [1, 1, 1]);
    expect(volume).toBeCloseTo(9 + 1 / 6, 12);
    expect(area).toBeCloseTo(10 + 8 * Math.SQRT2 + Math.sqrt(3), 12);
  });

  it('of a single voxel is the octahedron of its six face centres (volume 4/3·(s/2)³·… = s³/6)', () => {
    const { volume, area } = convexHullMeasures(Uint8Array.of(1), [1, 1, 1], [2, 2, 2]);
    expect(volume).toBeCloseTo(8 / 6, 12);
    expect(area).toBeCloseTo(8 * (Math.sqrt(3) / 4) * 2, 12); // 8 equilateral faces of edge √2·(s/2)
  });
});

describe('GLDZM distance to the ROI edge', () => {
  it('counts 6-connected steps to the outside (edge voxels 1), 4-connected when planar', () => {
    const size: Vec3 = [5, 5, 3];
    const mask = new Uint8Array(75).fill(1);
    const d3 = edgeDistance(mask, size, [0, 1, 2]);
    expect(d3[2 + 5 * 2 + 25 * 1]).toBe(2); // centre: one step from the z faces
    expect(d3[0]).toBe(1);
    const d2 = edgeDistance(mask, size, [0, 1]);
    expect(d2[2 + 5 * 2 + 25 * 1]).toBe(3);
    expect(d2[1 + 5 * 1]).toBe(2);
  });
});

describe('local intensity peaks', () => {
  it('average every voxel centre within 6.2 mm (1 cm³ sphere), inside the ROI or not', () => {
    const size: Vec3 = [9, 9, 9];
    const image = new Float64Array(729);
    image[4 + 9 * 4 + 81 * 4] = 100;
    const mask = new Uint8Array(729);
    mask[4 + 9 * 4 + 81 * 4] = 1;
    mask[0] = 1;
    // 2 mm voxels: offsets with |Δ|·2 ≤ 6.2 → |Δ|² ≤ 9.6: 123 voxels around the centre
    const { local, global } = localIntensityPeaks(image, mask, size, [2, 2, 2]);
    expect(local).toBeCloseTo(100 / 123, 12);
    expect(global).toBeCloseTo(100 / 123, 12);
  });
});

describe('morphology helpers', () => {
  it("Legendre polynomials and IBSI's ellipsoid-area series (a sphere gives 4πa²)", () => {
    expect(legendre(2, 0.3)).toBeCloseTo((3 * 0.09 - 1) / 2, 15);
    expect(legendre(3, -0.7)).toBeCloseTo((5 * -0.343 - 3 * -0.7) / 2, 15);
    expect(ellipsoidArea(2, 2, 2)).toBeCloseTo(4 * Math.PI * 4, 12);
    // a = 3, b = c = 2: α = β, argument 1, P_ν(1) = 1, so the series is Σ e^{2ν}/(1 − 4ν²) with e² = 5/9
    let sum = 0;
    for (let nu = 0; nu <= 20; nu++) sum += (5 / 9) ** nu / (1 - 4 * nu * nu);
    expect(ellipsoidArea(3, 2, 2)).toBeCloseTo(4 * Math.PI * 6 * sum, 12);
  });

  it('histogram gradient: one-sided at the ends, central inside', () => {
    expect(Array.from(histogramGradient(Float64Array.of(50, 0, 8, 16, 0, 0)))).toEqual([-50, -21, 8, -4, -8, 0]);
  });
});
