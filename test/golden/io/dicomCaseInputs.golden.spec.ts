/**
 * Radiomics inputs straight from DICOM (`readCaseInputs`, `dlrn extract DIR MASK --roi NAME`):
 *  - dcmqi's 3-slice CT + DICOM SEG (BSD-3-Clause) against the label the SEG was made from,
 *    `liver_seg.nrrd`: same mask, same features (the NRRD's origin is 3e-6 mm off the slices'
 *    DS-rounded positions, hence geometryTolerance 1e-5 for that route);
 *  - the IBSI CT phantom's series + RTSTRUCT (CC BY-NC 3.0, test use only) through the CLI, and the
 *    errors for an unknown structure name (listing the available ones).
 * Feature equality on the IBSI phantom in both modes is in test/golden/radiomics/ibsiCt.golden.spec.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli';
import { DicomInputError, isDicomInput, readCaseInputs } from '../../../src/main/engine/io/dicom/caseInputs';
import { extractCase } from '../../../src/main/engine/radiomics/extractor';
import { parseParams } from '../../../src/main/engine/radiomics/paramsFile';
import { oraclePath } from '../../support/oracle';
import { tempDir } from '../../support/tmp';

const liver = (...p: string[]): string => oraclePath('dicom', 'dcmqi_ct-3slice_liver', ...p);
const phantom = (...p: string[]): string => oraclePath('dicom', 'ibsi_1_ct_radiomics_phantom', 'dicom', ...p);

const cli = runCli;

describe('DICOM SEG as the mask (dcmqi liver sample)', () => {
  it('segment "Liver" on the CT folder gives liver_seg.nrrd voxel for voxel, and the same features', async () => {
    const seg = await readCaseInputs(liver('ct-3slice'), liver('liver.dcm'), 'Liver');
    const nrrd = await readCaseInputs(liver('ct-3slice'), liver('liver_seg.nrrd'));
    expect(seg.roiName).toBe('Liver');
    expect(nrrd.roiName).toBeNull();
    const a = seg.maskChannels[0]!.data;
    const b = nrrd.maskChannels[0]!.data;
    expect(a.length).toBe(b.length);
    let differ = 0;
    let voxels = 0;
    for (let i = 0; i < a.length; i++) {
      if ((a[i] !== 0) !== (b[i] !== 0)) differ++;
      if (a[i]) voxels++;
    }
    expect(differ).toBe(0);
    expect(voxels).toBeGreaterThan(1000);
    const params = parseParams('setting: {binWidth: 25, geometryTolerance: 0.00001}\nfeatureClass: {firstorder: [], glcm: [], shape: []}');
    const viaSeg = extractCase({ image: seg.image, maskChannels: seg.maskChannels }, params);
    const viaNrrd = extractCase({ image: nrrd.image, maskChannels: nrrd.maskChannels }, params);
    const features = [...viaSeg].filter(([k]) => !k.startsWith('diagnostics_'));
    expect(features.length).toBeGreaterThan(50);
    expect(features).toEqual([...viaNrrd].filter(([k]) => !k.startsWith('diagnostics_')));
  });

  it('the only segment is taken without --roi; an unknown name lists the available segments', async () => {
    expect((await readCaseInputs(liver('ct-3slice'), liver('liver.dcm'))).roiName).toBe('Liver');
    await expect(readCaseInputs(liver('ct-3slice'), liver('liver.dcm'), 'Kidney')).rejects.toThrow(/no segment named 'Kidney'; available: Liver/);
    await expect(readCaseInputs(liver('ct-3slice'), liver('liver_seg.nrrd'), 'Liver')).rejects.toThrow(DicomInputError);
  });

  it('recognises DICOM inputs: folders, .dcm files and DICM files; not NRRD', () => {
    expect(isDicomInput(liver('ct-3slice'))).toBe(true);
    expect(isDicomInput(liver('liver.dcm'))).toBe(true);
    expect(isDicomInput(liver('liver_seg.nrrd'))).toBe(false);
    expect(isDicomInput(join(tempDir(), 'missing'))).toBe(false);
  });
});

describe('dlrn extract with a DICOM series folder and an RTSTRUCT (IBSI CT phantom)', () => {
  it('--roi GTV-1 extracts the 125,256-voxel GTV; the structure name is matched case-insensitively when unique', async () => {
    const dir = tempDir();
    const params = join(dir, 'p.yaml');
    writeFileSync(params, 'featureClass:\n  firstorder: [Mean]\n');
    const out = join(dir, 'f.json');
    const r = await cli(['extract', phantom('image'), phantom('mask'), '--roi', 'gtv-1', '-p', params, '-f', 'json', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
    expect(json['diagnostics_Mask-original_VoxelNum']).toBe('125256');
    // IBSI config-A initial ROI mean intensity −46.9 HU
    expect(Number((json['original_firstorder_Mean'] as number).toPrecision(3))).toBe(-46.9);
  });

  it('an unknown structure name fails the case and lists the structures', async () => {
    const r = await cli(['extract', phantom('image'), phantom('mask'), '--roi', 'GTV']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("no structure named 'GTV'; available: GTV-1");
  });
});
