import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readNifti } from '../../../src/main/engine/io/nifti';
import { readNrrd } from '../../../src/main/engine/io/nrrd';
import { oraclePath } from '../../support/oracle';

/** Row `key` of a transposed pyradiomics baseline CSV, as column → raw cell. */
function baselineRow(key: string): Map<string, string> {
  const text = readFileSync(oraclePath('pyradiomics', 'data', 'baseline', 'baseline_firstorder.csv'), 'utf8');
  const lines = text.split(/\r?\n/);
  const split = (line: string): string[] => line.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
  const header = split(lines[0]);
  const row = split(lines.find((l) => l.startsWith(`${key},`))!);
  return new Map(header.map((h, i) => [h, row[i]]));
}

function sha1(data: ArrayBufferView): string {
  return createHash('sha1').update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)).digest('hex');
}

describe('NRRD reader vs pyradiomics/SimpleITK diagnostics', () => {
  const imageHash = baselineRow('diagnostics_Image-original_Hash');
  const maskHash = baselineRow('diagnostics_Mask-original_Hash');
  const spacing = baselineRow('diagnostics_Image-original_Spacing');
  const size = baselineRow('diagnostics_Image-original_Size');
  for (const c of ['brain1', 'brain2', 'breast1']) {
    it(`${c}: image hash, spacing and size match SimpleITK's`, () => {
      const v = readNrrd(oraclePath('pyradiomics', 'data', `${c}_image.nrrd`));
      expect(v.data).toBeInstanceOf(Int16Array);
      expect(sha1(v.data)).toBe(imageHash.get(c));
      expect(`(${v.spacing.map(String).join(', ')})`).toBe(spacing.get(`${c}_normalization`));
      expect(`(${v.size.join(', ')})`).toBe(size.get(`${c}_normalization`));
    });
    it(`${c}: mask cast to UInt32 hashes as in pyradiomics`, () => {
      const m = readNrrd(oraclePath('pyradiomics', 'data', `${c}_label.nrrd`));
      expect(sha1(Uint32Array.from(m.data))).toBe(maskHash.get(c));
    });
  }
  it('lung1 label (short) reads with its geometry', () => {
    const m = readNrrd(oraclePath('pyradiomics', 'data', 'lung1_label.nrrd'));
    expect(m.size).toEqual([512, 512, 48]);
    expect(m.spacing).toEqual([0.5703125, 0.5703125, 5]);
    expect(m.origin).toEqual([-146, -325, -777.4999999999998]);
    expect(sha1(Uint32Array.from(m.data))).toBe(maskHash.get('lung1'));
  });
  it('brain1: y axis direction -1 (LPS kept as is)', () => {
    const v = readNrrd(oraclePath('pyradiomics', 'data', 'brain1_image.nrrd'));
    expect(v.direction).toEqual([1, 0, 0, 0, -1, 0, 0, 0, 1]);
    expect(v.origin).toEqual([-99.609374999999986, 99.609374999999986, -77.999999999999957]);
  });
  it('prostate phantom (uint16) reads', () => {
    const v = readNrrd(oraclePath('pyradiomics', 'data', 'prostate_phantom_subvolume.nrrd'));
    expect(v.data).toBeInstanceOf(Uint16Array);
    expect(v.size).toEqual([82, 67, 13]);
  });
});

describe('NIfTI reader vs the IBSI phantoms', () => {
  const ibsi1 = (kind: 'image' | 'mask', name: string) => oraclePath('ibsi', 'data_sets', 'ibsi_1_digital_phantom', 'nifti', kind, name);
  it('IBSI-1 digital phantom: int16 5×4×4 at 2 mm, equal to the pyradiomics-benchmark NRRD (ascii) copy', () => {
    const img = readNifti(ibsi1('image', 'phantom.nii.gz'));
    const nrrd = readNrrd(oraclePath('ibsi', 'pyradiomics_ibsi-benchmark', 'data', 'digital_phantom', 'Phantom.nrrd'));
    expect(img.data).toBeInstanceOf(Int16Array);
    expect(img.size).toEqual([5, 4, 4]);
    expect(img.spacing).toEqual([2, 2, 2]);
    // quaternion (0, 0, 1) = 180° about z in RAS, i.e. the identity in LPS
    expect(img.direction).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(Array.from(img.data)).toEqual(Array.from(nrrd.data));
    const mask = readNifti(ibsi1('mask', 'mask.nii.gz'));
    expect(Array.from(mask.data).filter((v) => v === 1).length).toBe(74);
  });
  it('IBSI-1 CT phantom: float32 204×201×60, geometry equal to the benchmark GTV.nrrd (LPS)', () => {
    const dir = ['ibsi', 'data_sets', 'ibsi_1_ct_radiomics_phantom', 'nifti'];
    const img = readNifti(oraclePath(...dir, 'image', 'phantom.nii.gz'));
    const mask = readNifti(oraclePath(...dir, 'mask', 'mask.nii.gz'));
    const gtv = readNrrd(oraclePath('ibsi', 'pyradiomics_ibsi-benchmark', 'data', 'patient_cases', 'PAT1', 'GTV.nrrd'));
    expect(img.data).toBeInstanceOf(Float32Array);
    expect(img.size).toEqual([204, 201, 60]);
    for (let i = 0; i < 3; i++) {
      expect(img.spacing[i]).toBeCloseTo(gtv.spacing[i], 6);
      expect(img.origin[i]).toBeCloseTo(gtv.origin[i], 4);
      expect(mask.origin[i]).toBe(img.origin[i]);
    }
    expect(img.direction).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    let differ = 0;
    for (let i = 0; i < gtv.data.length; i++) if ((mask.data[i] > 0 ? 1 : 0) !== (gtv.data[i] > 0 ? 1 : 0)) differ++;
    expect(differ).toBe(0);
  });
  it('IBSI-2 phantoms (qform only) and response maps read as 64³ at 2 mm', () => {
    const v = readNifti(oraclePath('ibsi', 'data_sets', 'ibsi_2_digital_phantom', 'nifti', 'checkerboard', 'image', 'checkerboard.nii.gz'));
    expect(v.size).toEqual([64, 64, 64]);
    expect(v.spacing).toEqual([2, 2, 2]);
    expect(v.direction).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    const o = readNifti(oraclePath('ibsi', 'data_sets', 'ibsi_2_digital_phantom', 'nifti', 'orientation', 'image', 'orientation.nii.gz'));
    expect(o.size).toEqual([32, 48, 64]);
    const map = readNifti(oraclePath('ibsi', 'ibsi_2_reference_data', 'reference_response_maps', '2_a-ValidCRM.nii'));
    expect(map.data).toBeInstanceOf(Float32Array);
    expect(map.size).toEqual([64, 64, 64]);
  });
});
