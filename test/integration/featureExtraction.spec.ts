import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readImage } from '../../src/main/engine/io/readImage';
import { extractCase } from '../../src/main/engine/radiomics/extractor';
import { parseParams } from '../../src/main/engine/radiomics/paramsFile';
import { importDicomFolder } from '../../src/main/services/dicomImport';
import { featureTable, runFeatureExtraction } from '../../src/main/services/featureExtraction';
import { initProject } from '../../src/main/storage/project';
import { ComputePool } from '../../src/main/workers/computePool';
import { oraclePath } from '../support/oracle';
import { tempDir } from '../support/tmp';

const PARAMS = `
imageType:
  Original: {}
featureClass:
  firstorder:
  glcm:
setting:
  binWidth: 25
  label: 1
`;

describe('project feature extraction (imported DICOM + RTSTRUCT → feature_values)', () => {
  const pool = new ComputePool(2);
  afterAll(() => pool.close());

  it('stores per-patient, per-phase values equal to extracting the same image and mask files directly', async () => {
    const project = initProject(join(tempDir(), 'p'), { appVersion: 'test' });
    await importDicomFolder(project, oraclePath('dicom', 'ibsi_1_ct_radiomics_phantom', 'dicom'), { phaseOverrides: {} });
    // The phantom has no phase evidence: assign it as a venous phase for the run.
    project.db.prepare("UPDATE volumes SET phase = 'venous'").run();
    const report = await runFeatureExtraction(project, pool, { paramsText: PARAMS, masks: { reader: 'imported' }, appVersion: 'test' });
    expect(report.failed).toEqual([]);
    expect(report.extracted).toBe(1);

    const table = featureTable(project, report.runId);
    expect(table.patients).toHaveLength(1);
    expect(table.columns).toContain('V_original_glcm_JointEnergy');
    const direct = extractCase(
      {
        image: readImage(oraclePath('ibsi', 'data_sets', 'ibsi_1_ct_radiomics_phantom', 'nifti', 'image', 'phantom.nii.gz')),
        maskChannels: [readImage(oraclePath('ibsi', 'data_sets', 'ibsi_1_ct_radiomics_phantom', 'nifti', 'mask', 'mask.nii.gz'))],
      },
      parseParams(PARAMS),
    );
    for (const name of ['original_firstorder_Mean', 'original_firstorder_Entropy', 'original_glcm_Contrast', 'original_glcm_Idmn']) {
      const k = table.columns.indexOf(`V_${name}`);
      expect(table.values[0][k], name).toBeCloseTo(direct.get(name) as number, 9);
    }
    const input = project.db.prepare('SELECT diagnostics_json FROM feature_run_inputs').get() as { diagnostics_json: string };
    expect(String(JSON.parse(input.diagnostics_json)['diagnostics_Mask-original_VoxelNum'])).toBe('125256');
    project.close();
  });

  it('reports a patient without the reader\'s mask and a bad parameter key before any work', async () => {
    const project = initProject(join(tempDir(), 'p'), { appVersion: 'test' });
    await importDicomFolder(project, oraclePath('dicom', 'dcmqi_ct-3slice_liver', 'ct-3slice'));
    project.db.prepare("UPDATE volumes SET phase = 'arterial'").run();
    project.db.prepare("INSERT INTO readers (name) VALUES ('reader-1')").run();
    const report = await runFeatureExtraction(project, pool, { paramsText: PARAMS, masks: { reader: 'reader-1' }, appVersion: 'test' });
    expect(report.extracted).toBe(0);
    expect(report.failed).toEqual([{ patientId: 'PT-0001', phase: 'arterial', reason: "no mask of reader 'reader-1'" }]);
    await expect(
      runFeatureExtraction(project, pool, { paramsText: 'setting:\n  binWidht: 25\n', masks: { reader: 'reader-1' }, appVersion: 'test' }),
    ).rejects.toThrow(/binWidht/);
    await expect(runFeatureExtraction(project, pool, { paramsText: PARAMS, masks: { reader: 'nobody' }, appVersion: 'test' })).rejects.toThrow(
      "reader 'nobody' is not in the project",
    );
    project.close();
  });
});
