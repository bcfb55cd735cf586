/**
 * DICOM import of the IBSI-1 CT radiomics phantom (CC BY-NC 3.0, test use only) against
 *  - the same phantom as NIfTI, converted by IBSI (image: float32 geometry and values; mask), and
 *  - the IBSI configuration A diagnostic reference values (initial image and initial ROI rows).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Volume } from '../../../src/main/engine/image/volume';
import { readDicomFile } from '../../../src/main/engine/io/dicom/readFile';
import { rasteriseRoi, readRtStruct } from '../../../src/main/engine/io/dicom/rtstruct';
import { listFilesRecursively, loadDicomSeries, scanDicomFiles, type LoadedDicomSeries } from '../../../src/main/engine/io/dicom/series';
import { readNifti } from '../../../src/main/engine/io/nifti';
import { readNrrd } from '../../../src/main/engine/io/nrrd';
import { oraclePath } from '../../support/oracle';

/** IBSI diagnostic reference values of a configuration, by tag. */
function ibsiDiagnostics(config: string): Map<string, number> {
  const text = readFileSync(oraclePath('ibsi', 'z-rad_tests_data', `ibsi_1_reference_values_config_${config}.csv`), 'utf8').replace(/^\uFEFF/, '');
  const out = new Map<string, number>();
  for (const line of text.split(/\r?\n/).slice(1)) {
    const cells = line.split(',');
    if (cells.length >= 10 && cells[1].startsWith('Diagnostics')) out.set(cells[9], Number(cells[4]));
  }
  return out;
}

/** Rounds to 3 significant figures, the precision of the IBSI diagnostic values. */
function sig3(v: number): number {
  return Number(v.toPrecision(3));
}

function boundingBox(mask: Volume): number[] {
  const [nx, ny] = mask.size;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < mask.data.length; i++) {
    if (!mask.data[i]) continue;
    const p = [i % nx, Math.floor(i / nx) % ny, Math.floor(i / (nx * ny))];
    for (let a = 0; a < 3; a++) {
      lo[a] = Math.min(lo[a], p[a]);
      hi[a] = Math.max(hi[a], p[a]);
    }
  }
  return [0, 1, 2].map((a) => hi[a] - lo[a] + 1);
}

function count(data: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < data.length; i++) if (data[i]) n++;
  return n;
}

const diag = ibsiDiagnostics('A');
let ct: LoadedDicomSeries;
let gtv: Volume<Uint8Array>;

beforeAll(async () => {
  const scan = scanDicomFiles(listFilesRecursively(oraclePath('dicom', 'ibsi_1_ct_radiomics_phantom', 'dicom')));
  ct = await loadDicomSeries(scan.series.find((s) => s.kind === 'image')!);
  const rs = readRtStruct(readDicomFile(scan.series.find((s) => s.kind === 'rtstruct')!.instances[0].path));
  gtv = rasteriseRoi(rs.rois.find((r) => r.name === 'GTV-1')!, ct.volume).mask;
});

describe('IBSI CT phantom: DICOM series vs the IBSI NIfTI image', () => {
  it('has the NIfTI geometry (NIfTI stores float32: our float64 values round to it exactly)', () => {
    const nii = readNifti(oraclePath('ibsi', 'data_sets', 'ibsi_1_ct_radiomics_phantom', 'nifti', 'image', 'phantom.nii.gz'));
    expect(ct.volume.size).toEqual(nii.size);
    expect(ct.volume.spacing.map(Math.fround)).toEqual(nii.spacing);
    expect(ct.volume.origin.map(Math.fround)).toEqual(nii.origin);
    expect(ct.volume.direction).toEqual(nii.direction);
  });

  it('has voxel-for-voxel the NIfTI values (HU after RescaleIntercept −1000), stored as int16', () => {
    const nii = readNifti(oraclePath('ibsi', 'data_sets', 'ibsi_1_ct_radiomics_phantom', 'nifti', 'image', 'phantom.nii.gz'));
    expect(ct.volume.data).toBeInstanceOf(Int16Array);
    let worst = 0;
    for (let i = 0; i < nii.data.length; i++) worst = Math.max(worst, Math.abs(nii.data[i] - ct.volume.data[i]));
    expect(worst).toBe(0);
  });

  it('matches the IBSI config-A initial-image diagnostics', () => {
    const v = ct.volume;
    expect(v.size).toEqual([diag.get('img_dim_x_init_img'), diag.get('img_dim_y_init_img'), diag.get('img_dim_z_init_img')]);
    expect(v.spacing.map(sig3)).toEqual([diag.get('vox_dim_x_init_img'), diag.get('vox_dim_y_init_img'), diag.get('vox_dim_z_init_img')]);
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (const x of v.data) {
      sum += x;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    expect(sig3(sum / v.data.length)).toBe(diag.get('mean_int_init_img'));
    expect(min).toBe(diag.get('min_int_init_img'));
    expect(max).toBe(diag.get('max_int_init_img'));
  });
});

describe('IBSI CT phantom: RTSTRUCT GTV-1 rasterisation', () => {
  it('has the IBSI reference ROI voxel count and bounding box (config A initial ROI)', () => {
    expect(count(gtv.data)).toBe(diag.get('int_mask_vox_count_init_roi'));
    expect(boundingBox(gtv)).toEqual([diag.get('int_mask_bb_dim_x_init_roi'), diag.get('int_mask_bb_dim_y_init_roi'), diag.get('int_mask_bb_dim_z_init_roi')]);
  });

  it('gives the IBSI initial-ROI intensity statistics', () => {
    let sum = 0;
    let n = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < gtv.data.length; i++) {
      if (!gtv.data[i]) continue;
      const x = ct.volume.data[i];
      sum += x;
      n++;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    expect(sig3(sum / n)).toBe(diag.get('int_mask_mean_int_init_roi'));
    expect(min).toBe(diag.get('int_mask_min_int_init_roi'));
    expect(max).toBe(diag.get('int_mask_max_int_init_roi'));
  });

  it('equals the IBSI NIfTI mask voxel for voxel (Dice 1; acceptance bound 0.99)', () => {
    const ref = readNifti(oraclePath('ibsi', 'data_sets', 'ibsi_1_ct_radiomics_phantom', 'nifti', 'mask', 'mask.nii.gz'));
    let both = 0;
    let differ = 0;
    for (let i = 0; i < ref.data.length; i++) {
      const a = gtv.data[i] !== 0;
      const b = ref.data[i] !== 0;
      if (a && b) both++;
      if (a !== b) differ++;
    }
    const dice = (2 * both) / (count(gtv.data) + count(ref.data));
    expect(dice).toBeGreaterThanOrEqual(0.99);
    expect(differ).toBe(0);
  });

  it('equals the pyradiomics IBSI-benchmark rasterisation GTV.nrrd voxel for voxel', () => {
    const ref = readNrrd(oraclePath('ibsi', 'pyradiomics_ibsi-benchmark', 'data', 'patient_cases', 'PAT1', 'GTV.nrrd'));
    expect(ref.size).toEqual(gtv.size);
    let differ = 0;
    for (let i = 0; i < ref.data.length; i++) if ((ref.data[i] !== 0) !== (gtv.data[i] !== 0)) differ++;
    expect(differ).toBe(0);
  });
});
