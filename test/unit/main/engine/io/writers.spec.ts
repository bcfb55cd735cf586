import { describe, expect, it } from 'vitest';
import type { Direction, Volume, VoxelArray } from '../../../../../src/main/engine/image/volume';
import { decodeNifti } from '../../../../../src/main/engine/io/nifti';
import { decodeNrrd } from '../../../../../src/main/engine/io/nrrd';
import { encodeNifti, rotationToQuaternion } from '../../../../../src/main/engine/io/niftiWrite';
import { encodeNrrd } from '../../../../../src/main/engine/io/nrrdWrite';
import { decodeSegNrrd, encodeSegNrrd, nrrdKeyValues, slicerSegmentMask } from '../../../../../src/main/engine/io/segNrrd';

/** Rotation about a unit axis by angle θ (Rodrigues), row-major. */
function rotation(axis: [number, number, number], theta: number): number[][] {
  const [x, y, z] = axis;
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  const t = 1 - c;
  return [
    [t * x * x + c, t * x * y - s * z, t * x * z + s * y],
    [t * x * y + s * z, t * y * y + c, t * y * z - s * x],
    [t * x * z - s * y, t * y * z + s * x, t * z * z + c],
  ];
}

function directionOf(r: number[][], flipZ = false): Direction {
  return [0, 1, 2].flatMap((row) => [r[row][0], r[row][1], (flipZ ? -1 : 1) * r[row][2]]) as Direction;
}

function volume(data: VoxelArray, direction: Direction = [1, 0, 0, 0, 1, 0, 0, 0, 1]): Volume {
  return { size: [4, 3, 2], spacing: [0.7031249999999999, 0.8, 2.5], origin: [-120.3, 33.125, -7.000000000000001], direction, data };
}

const TYPES: VoxelArray[] = [
  Int8Array.from({ length: 24 }, (_, i) => i - 12),
  Uint8Array.from({ length: 24 }, (_, i) => i * 10),
  Int16Array.from({ length: 24 }, (_, i) => i * 1000 - 12000),
  Uint16Array.from({ length: 24 }, (_, i) => i * 2000),
  Int32Array.from({ length: 24 }, (_, i) => i * 1e8 - 1e9),
  Uint32Array.from({ length: 24 }, (_, i) => i * 1.5e8),
  Float32Array.from({ length: 24 }, (_, i) => i / 3),
  Float64Array.from({ length: 24 }, (_, i) => Math.PI * i),
];

describe('encodeNrrd', () => {
  for (const data of TYPES) {
    it(`round-trips ${data.constructor.name} voxels and axis-aligned geometry exactly`, () => {
      const v = volume(data, [1, 0, 0, 0, -1, 0, 0, 0, 1]);
      for (const encoding of ['gzip', 'raw'] as const) {
        const [back] = decodeNrrd(encodeNrrd(v, { encoding }), 'mem.nrrd');
        expect(back.data.constructor).toBe(data.constructor);
        expect(Array.from(back.data)).toEqual(Array.from(data));
        expect(back.size).toEqual(v.size);
        expect(back.spacing).toEqual(v.spacing);
        expect(back.origin).toEqual(v.origin);
        expect(back.direction).toEqual(v.direction);
      }
    });
  }

  it('round-trips an oblique direction to 1e-15', () => {
    const v = volume(TYPES[2], directionOf(rotation([0.6, 0, 0.8], 0.4)));
    const [back] = decodeNrrd(encodeNrrd(v), 'mem.nrrd');
    back.direction.forEach((x, i) => expect(Math.abs(x - v.direction[i])).toBeLessThan(1e-15));
    back.spacing.forEach((x, i) => expect(Math.abs(x - v.spacing[i]) / v.spacing[i]).toBeLessThan(1e-15));
    expect(back.origin).toEqual(v.origin);
  });

  it('writes key/value pairs, escaping backslashes and newlines', () => {
    const bytes = encodeNrrd(volume(TYPES[1]), { keyValues: [['Note', 'a\\b\nc'], ['名称', '肿瘤']] });
    const kv = nrrdKeyValues(bytes);
    expect(kv.get('Note')).toBe('a\\b\nc');
    expect(kv.get('名称')).toBe('肿瘤');
    expect(() => encodeNrrd(volume(TYPES[1]), { keyValues: [['a:=b', 'x']] })).toThrow(/may not contain/);
  });
});

describe('encodeNifti', () => {
  it('computes the quaternion of a rotation (NIfTI convention a ≥ 0)', () => {
    for (const [axis, theta] of [
      [[0, 0, 1], 0.3],
      [[1, 0, 0], Math.PI],
      [[0.48, 0.6, 0.64], 2.9],
      [[0, 1, 0], -1.2],
    ] as [[number, number, number], number][]) {
      const [b, c, d] = rotationToQuaternion(rotation(axis, theta));
      const half = theta / 2;
      const sign = Math.cos(half) < -1e-12 ? -1 : 1;
      expect(b).toBeCloseTo(sign * axis[0] * Math.sin(half), 12);
      expect(c).toBeCloseTo(sign * axis[1] * Math.sin(half), 12);
      expect(d).toBeCloseTo(sign * axis[2] * Math.sin(half), 12);
    }
  });

  for (const data of TYPES) {
    it(`round-trips ${data.constructor.name} voxels; geometry to float32`, () => {
      const v = volume(data, [-1, 0, 0, 0, 1, 0, 0, 0, 1]);
      const [back] = decodeNifti(encodeNifti(v), 'mem.nii');
      expect(back.data.constructor).toBe(data.constructor);
      expect(Array.from(back.data)).toEqual(Array.from(data));
      expect(back.spacing).toEqual(v.spacing.map(Math.fround));
      expect(back.origin).toEqual(v.origin.map(Math.fround));
      expect(back.direction).toEqual(v.direction);
    });
  }

  for (const flipZ of [false, true]) {
    it(`round-trips an oblique ${flipZ ? 'left-handed (qfac −1)' : 'right-handed'} direction to float32 precision through sform and qform`, () => {
      const v = volume(TYPES[6], directionOf(rotation([0.48, 0.6, 0.64], 0.9), flipZ));
      const bytes = encodeNifti(v);
      const [back] = decodeNifti(bytes, 'mem.nii');
      back.direction.forEach((x, i) => expect(Math.abs(x - v.direction[i])).toBeLessThan(3e-7));
      // Same geometry from the qform alone (sform_code cleared).
      const qOnly = bytes.slice();
      new DataView(qOnly.buffer).setInt16(254, 0, true);
      const [q] = decodeNifti(qOnly, 'mem.nii');
      q.direction.forEach((x, i) => expect(Math.abs(x - v.direction[i])).toBeLessThan(3e-7));
      expect(q.origin).toEqual(back.origin);
    });
  }
});

describe('Slicer .seg.nrrd', () => {
  const labels = volume(Uint8Array.from({ length: 24 }, (_, i) => (i < 5 ? 0 : i < 15 ? 1 : 3)));

  it('round-trips segment names (UTF-8), colours, label values and extents', () => {
    const bytes = encodeSegNrrd(labels, [
      { name: '肿瘤 GTV', labelValue: 1, color: [221, 130, 101] },
      { name: 'Necrosis', labelValue: 3, color: [0, 151, 206], tags: 'TerminologyEntry:x~y|' },
    ]);
    const seg = decodeSegNrrd(bytes, 'mem.seg.nrrd');
    expect(seg.layers).toHaveLength(1);
    expect(Array.from(seg.layers[0].data)).toEqual(Array.from(labels.data));
    expect(seg.segments).toEqual([
      { id: 'Segment_1', name: '肿瘤 GTV', color: [221, 130, 101], labelValue: 1, layer: 0, tags: '|' },
      { id: 'Segment_2', name: 'Necrosis', color: [0, 151, 206], labelValue: 3, layer: 0, tags: 'TerminologyEntry:x~y|' },
    ]);
    expect(seg.keyValues.get('Segment0_Extent')).toBe('0 3 0 2 0 1');
    expect(seg.keyValues.get('Segment1_Extent')).toBe('0 3 0 2 1 1');
    const necrosis = slicerSegmentMask(seg, seg.segments[1]);
    expect(necrosis.data.reduce((a, b) => a + b, 0)).toBe(9);
  });

  it('reads a layered (4-D, overlapping segments) file written the way Slicer does', () => {
    const nx = 2;
    const layered = new Uint8Array(2 * nx * 1 * 1);
    layered.set([1, 1, 0, 1]); // voxel 0: layer0=1, layer1=1; voxel 1: layer0=0, layer1=1
    const header = [
      'NRRD0004',
      'type: unsigned char',
      'dimension: 4',
      'space: left-posterior-superior',
      'sizes: 2 2 1 1',
      'space directions: none (1,0,0) (0,1,0) (0,0,1)',
      'kinds: list domain domain domain',
      'encoding: raw',
      'space origin: (0,0,0)',
      'Segment0_ID:=Segment_1',
      'Segment0_Name:=A',
      'Segment0_Layer:=0',
      'Segment0_LabelValue:=1',
      'Segment1_ID:=Segment_2',
      'Segment1_Name:=B',
      'Segment1_Layer:=1',
      '',
      '',
    ].join('\n');
    const bytes = new Uint8Array([...Buffer.from(header, 'latin1'), ...layered]);
    const seg = decodeSegNrrd(bytes, 'layered.seg.nrrd');
    expect(seg.layers).toHaveLength(2);
    expect(seg.segments.map((s) => [s.name, s.layer, s.labelValue])).toEqual([
      ['A', 0, 1],
      ['B', 1, 1],
    ]);
    expect(Array.from(slicerSegmentMask(seg, seg.segments[0]).data)).toEqual([1, 0]);
    expect(Array.from(slicerSegmentMask(seg, seg.segments[1]).data)).toEqual([1, 1]);
  });
});
