import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IDENTITY_DIRECTION, type Vec3, type Volume, type VoxelArray } from '../../../../../src/main/engine/image/volume';
import { extractCase, extractPhases } from '../../../../../src/main/engine/radiomics/extractor';
import { parseParams } from '../../../../../src/main/engine/radiomics/paramsFile';
import { tempDir } from '../../../../support/tmp';

function vol<T extends VoxelArray>(size: Vec3, data: T): Volume<T> {
  return { size, spacing: [1, 1, 2], origin: [0, 0, 0], direction: [...IDENTITY_DIRECTION], data };
}

/** 6×6×4 image with a 3×3×2 ROI. */
function sample(): { image: Volume<Int16Array>; mask: Volume<Uint8Array> } {
  const image = vol([6, 6, 4], Int16Array.from({ length: 144 }, (_, i) => (i * 37) % 101));
  const mask = vol([6, 6, 4], new Uint8Array(144));
  for (const z of [1, 2]) for (const y of [1, 2, 3]) for (const x of [2, 3, 4]) mask.data[x + 6 * (y + 6 * z)] = 1;
  return { image, mask };
}

function nrrdBytes(v: Volume, type: string): Buffer {
  const header = `NRRD0004\ntype: ${type}\ndimension: 3\nspace: left-posterior-superior\nsizes: ${v.size.join(' ')}\nspace directions: (1,0,0) (0,1,0) (0,0,2)\nkinds: domain domain domain\nendian: little\nencoding: raw\nspace origin: (0,0,0)\n\n`;
  return Buffer.concat([Buffer.from(header), Buffer.from(v.data.buffer, v.data.byteOffset, v.data.byteLength)]);
}

describe('extractCase', () => {
  const params = parseParams('featureClass:\n  firstorder: [Mean, Maximum]\n  glcm: [JointAverage]\nsetting:\n  binWidth: 10\n');

  it('emits diagnostics first, then <imageType>_<class>_<Feature> keys, with an optional phase prefix', () => {
    const { image, mask } = sample();
    const row = extractCase({ image, maskChannels: [mask] }, params, { prefix: 'A_', versions: { DLRNStudio: '0.1.0' } });
    const keys = [...row.keys()];
    expect(keys[0]).toBe('A_diagnostics_Versions_DLRNStudio');
    expect(keys.filter((k) => !k.includes('diagnostics'))).toEqual(['A_original_firstorder_Mean', 'A_original_firstorder_Maximum', 'A_original_glcm_JointAverage']);
    let sum = 0;
    let max = -Infinity;
    for (let i = 0; i < 144; i++) {
      if (mask.data[i]) {
        sum += image.data[i]!;
        max = Math.max(max, image.data[i]!);
      }
    }
    expect(row.get('A_original_firstorder_Mean')).toBeCloseTo(sum / 18, 12);
    expect(row.get('A_original_firstorder_Maximum')).toBe(max);
    expect(row.get('A_diagnostics_Mask-original_VoxelNum')).toBe('18');
    expect(row.get('A_diagnostics_Mask-original_BoundingBox')).toBe('(2, 1, 1, 3, 3, 2)');
  });

  it('NaN voxels abort the case with a clear error', () => {
    const { mask } = sample();
    const image = vol([6, 6, 4], new Float32Array(144).fill(1));
    image.data[3 + 6 * (2 + 6 * 1)] = NaN;
    expect(() => extractCase({ image, maskChannels: [mask] }, params)).toThrow('image has 1 NaN/Inf voxel(s), first at index (3, 2, 1)');
  });

  it('label absent, geometry mismatch and too-small ROI abort the case', () => {
    const { image, mask } = sample();
    expect(() => extractCase({ image, maskChannels: [mask] }, params, { label: 2 })).toThrow('Label (2) not present in mask. Choose from [1]');
    const moved = { ...mask, origin: [0, 0, 1] as Vec3 };
    expect(() => extractCase({ image, maskChannels: [moved] }, params)).toThrow('Image/Mask geometry mismatch (origin differs)');
    const tiny = parseParams('featureClass:\n  firstorder:\nsetting:\n  minimumROISize: 18\n');
    expect(() => extractCase({ image, maskChannels: [mask] }, tiny)).toThrow('Size of the ROI is too small (minimum size: 18, ROI size: 18)');
  });

  it('resegmentation: shape keeps the morphological mask unless resegmentShape; label_channel picks the channel', () => {
    const { image, mask } = sample();
    const kept = Array.from(mask.data).filter((m, i) => m && image.data[i]! >= 30).length;
    expect(kept).toBeGreaterThan(1);
    expect(kept).toBeLessThan(18);
    const text = (shape: boolean): string => `featureClass:\n  shape: [VoxelVolume]\n  firstorder: [Minimum]\nsetting:\n  resegmentRange: [30]\n  resegmentShape: ${shape}\n`;
    // a second channel holding the ROI, the first one empty
    const channels = [vol([6, 6, 4], new Uint8Array(144)), mask];
    const morph = extractCase({ image, maskChannels: channels }, parseParams(text(false)), { labelChannel: 1 });
    const reseg = extractCase({ image, maskChannels: channels }, parseParams(text(true)), { labelChannel: 1 });
    expect(morph.get('original_shape_VoxelVolume')).toBe(18 * 2);
    expect(reseg.get('original_shape_VoxelVolume')).toBe(kept * 2);
    expect(morph.get('original_firstorder_Minimum')).toBeGreaterThanOrEqual(30);
    expect(morph.get('diagnostics_Mask-resegmented_VoxelNum')).toBe(String(kept));
  });

  it('multi-phase: one row with each phase under its prefix; truncated files name the file', () => {
    const dir = tempDir();
    const { image, mask } = sample();
    writeFileSync(join(dir, 'a.nrrd'), nrrdBytes(image, 'short'));
    writeFileSync(join(dir, 'v.nrrd'), nrrdBytes({ ...image, data: image.data.map((v) => v * 2) }, 'short'));
    writeFileSync(join(dir, 'm.nrrd'), nrrdBytes(mask, 'uchar'));
    const row = extractPhases(
      [
        { prefix: 'A_', imagePath: join(dir, 'a.nrrd'), maskPath: join(dir, 'm.nrrd') },
        { prefix: 'V_', imagePath: join(dir, 'v.nrrd'), maskPath: join(dir, 'm.nrrd') },
      ],
      params,
    );
    expect(row.get('V_original_firstorder_Mean')).toBeCloseTo(2 * (row.get('A_original_firstorder_Mean') as number), 12);
    const cut = nrrdBytes(image, 'short');
    writeFileSync(join(dir, 'cut.nrrd'), cut.subarray(0, cut.length - 10));
    expect(() => extractPhases([{ prefix: 'A_', imagePath: join(dir, 'cut.nrrd'), maskPath: join(dir, 'm.nrrd') }], params)).toThrow(
      `${join(dir, 'cut.nrrd')}: truncated NRRD data`,
    );
  });
});
