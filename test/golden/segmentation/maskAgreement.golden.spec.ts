/**
 * Mask agreement against numpy/scipy under MedPy's definitions (surface by 6-connected erosion with a
 * background border, scipy's exact EDT with the voxel spacing, numpy's linear 95th percentile of the pooled
 * directed distances). Fixture: test/golden/generate/maskAgreementScipy.py.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { maskAgreement } from '../../../src/main/engine/segmentation/agreement';
import { surfaceVoxels } from '../../../src/main/engine/segmentation/surfaceDistance';
import type { Vec3, Volume } from '../../../src/main/engine/image/volume';

interface Case {
  name: string;
  size: Vec3;
  spacing: Vec3;
  a: number[];
  b: number[];
  expected: Record<'voxelsA' | 'voxelsB' | 'voxelsBoth' | 'dice' | 'jaccard' | 'hausdorffMm' | 'hd95Mm' | 'surfaceA' | 'surfaceB' | 'volumeAMm3' | 'volumeBMm3', number>;
}

const fixture = JSON.parse(readFileSync(fileURLToPath(new URL('./fixtures/mask-agreement-scipy.json', import.meta.url)), 'utf8')) as { cases: Case[] };

function volume(c: Case, voxels: number[]): Volume<Uint8Array> {
  const data = new Uint8Array(c.size[0] * c.size[1] * c.size[2]);
  for (const i of voxels) data[i] = 1;
  return { size: c.size, spacing: c.spacing, origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], data };
}

describe('mask agreement = numpy/scipy (MedPy definitions)', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const a = volume(c, c.a);
    const b = volume(c, c.b);
    const r = maskAgreement(a, b);
    const e = c.expected;
    expect(r.voxels).toEqual({ a: e.voxelsA, b: e.voxelsB, both: e.voxelsBoth });
    expect(surfaceVoxels(a.data, a.size).length).toBe(e.surfaceA);
    expect(surfaceVoxels(b.data, b.size).length).toBe(e.surfaceB);
    // Relative deviations at double precision (the EDTs differ only in summation order).
    expect(Math.abs(r.dice! - e.dice)).toBeLessThanOrEqual(1e-15);
    expect(Math.abs(r.jaccard! - e.jaccard)).toBeLessThanOrEqual(1e-15);
    expect(Math.abs(r.hausdorffMm! - e.hausdorffMm) / e.hausdorffMm).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(r.hd95Mm! - e.hd95Mm) / e.hd95Mm).toBeLessThanOrEqual(1e-12);
    expect(r.volumeAMm3).toBeCloseTo(e.volumeAMm3, 9);
    expect(r.volumeBMm3).toBeCloseTo(e.volumeBMm3, 9);
  });
});
