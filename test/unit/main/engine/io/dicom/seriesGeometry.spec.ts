import { describe, expect, it } from 'vitest';
import { DicomSeriesError, planSeriesGeometry, type SliceGeometry } from '../../../../../../src/main/engine/io/dicom/seriesGeometry';

function stack(n: number, spacing: number, opts: Partial<SliceGeometry> & { shift?: [number, number] } = {}): SliceGeometry[] {
  const o = opts.orientation ?? [1, 0, 0, 0, 1, 0];
  const r = o.slice(0, 3);
  const c = o.slice(3, 6);
  const nrm = [r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]];
  const shift = opts.shift ?? [0, 0];
  return Array.from({ length: n }, (_, k) => ({
    path: `s${k}.dcm`,
    rows: 4,
    columns: 5,
    pixelSpacing: [0.7, 0.6] as [number, number],
    orientation: o,
    position: [0, 1, 2].map((a) => 10 * a + k * spacing * nrm[a] + k * (shift[0] * r[a] + shift[1] * c[a])),
  }));
}

function kindOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof DicomSeriesError) return `${e.kind}: ${e.message}`;
    throw e;
  }
  return 'no error';
}

describe('planSeriesGeometry', () => {
  it('orders shuffled slices along the normal and takes the spacing from positions', () => {
    const s = stack(6, 2.5);
    const shuffled = [s[3], s[0], s[5], s[1], s[4], s[2]];
    const g = planSeriesGeometry(shuffled, 'series 1');
    expect(g.order.map((i) => shuffled[i].path)).toEqual(['s0.dcm', 's1.dcm', 's2.dcm', 's3.dcm', 's4.dcm', 's5.dcm']);
    expect(g.size).toEqual([5, 4, 6]);
    expect(g.spacing[0]).toBe(0.6); // column spacing = PixelSpacing[1]
    expect(g.spacing[1]).toBe(0.7);
    expect(g.spacing[2]).toBeCloseTo(2.5, 12);
    expect(g.origin).toEqual([0, 10, 20]);
    expect(g.direction).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });

  it('handles oblique orientations and a decreasing acquisition order', () => {
    const a = Math.PI / 7;
    const o = [Math.cos(a), Math.sin(a), 0, 0, 0, -1]; // coronal-ish oblique
    const s = stack(4, 3, { orientation: o }).reverse();
    const g = planSeriesGeometry(s, 'oblique');
    expect(g.order.map((i) => s[i].path)).toEqual(['s0.dcm', 's1.dcm', 's2.dcm', 's3.dcm']);
    expect(g.spacing[2]).toBeCloseTo(3, 12);
    // third column = row × column cosines
    expect(g.direction[2]).toBeCloseTo(-Math.sin(a), 12);
    expect(g.direction[5]).toBeCloseTo(Math.cos(a), 12);
    expect(g.direction[8]).toBeCloseTo(0, 12);
  });

  it('rejects a gap, naming the files on both sides', () => {
    const s = stack(6, 2);
    s.splice(3, 1);
    expect(kindOf(() => planSeriesGeometry(s, 'series 7 "venous"'))).toMatch(
      /^gap: series 7 "venous": 1 missing slice\(s\): 4\.000 mm between s2\.dcm and s4\.dcm/,
    );
  });

  it('rejects duplicated positions', () => {
    const s = stack(4, 2);
    s.push({ ...s[2], path: 'copy.dcm' });
    expect(kindOf(() => planSeriesGeometry(s, 'x'))).toMatch(/^duplicate-position: x: duplicate slice position .* s2\.dcm and copy\.dcm|copy\.dcm and s2\.dcm/);
  });

  it('rejects non-uniform spacing that is not a whole number of slices', () => {
    const s = stack(5, 2);
    s[4].position = [s[4].position![0], s[4].position![1], s[3].position![2] + 3.1];
    expect(kindOf(() => planSeriesGeometry(s, 'x'))).toMatch(/^non-uniform-spacing: x: non-uniform slice spacing: 3\.100 mm between s3\.dcm and s4\.dcm/);
  });

  it('rejects mixed image sizes naming the odd file', () => {
    const s = stack(5, 2);
    s[2] = { ...s[2], rows: 8 };
    expect(kindOf(() => planSeriesGeometry(s, 'x'))).toMatch(/^mixed-size: x: mixed image sizes: s2\.dcm is 5×8 but the series is 5×4/);
  });

  it('rejects mixed pixel spacing and mixed orientation', () => {
    const s = stack(3, 2);
    s[1] = { ...s[1], pixelSpacing: [0.7, 0.65] };
    expect(kindOf(() => planSeriesGeometry(s, 'x'))).toMatch(/^mixed-spacing: .*s1\.dcm/);
    const t = stack(3, 2);
    t[2] = { ...t[2], orientation: [1, 0, 0, 0, 0.99, 0.1411] };
    expect(kindOf(() => planSeriesGeometry(t, 'x'))).toMatch(/^mixed-orientation: .*s2\.dcm/);
  });

  it('rejects a sheared stack (gantry tilt) and accepts sub-tolerance drift', () => {
    const tilted = stack(10, 2, { shift: [0, 2 * Math.tan((15 * Math.PI) / 180)] });
    expect(kindOf(() => planSeriesGeometry(tilted, 'x'))).toMatch(/^gantry-tilt: x: slice origins drift in-plane by .*gantry tilt ≈ 15\.00°/);
    const jitter = stack(10, 2, { shift: [0.005, 0] });
    expect(planSeriesGeometry(jitter, 'x').size[2]).toBe(10);
  });

  it('rejects missing geometry naming the file', () => {
    const s = stack(2, 2);
    s[1] = { ...s[1], position: undefined };
    expect(kindOf(() => planSeriesGeometry(s, 'x'))).toMatch(/^missing-geometry: x: s1\.dcm has no valid ImagePositionPatient/);
  });

  it('uses the fallback spacing for a single slice, with a warning', () => {
    const g = planSeriesGeometry(stack(1, 0), 'x', 1.25);
    expect(g.spacing[2]).toBe(1.25);
    expect(g.warnings[0]).toMatch(/single-slice/);
  });
});
