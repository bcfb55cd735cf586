import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDicomFolder } from '../../src/main/services/dicomImport';
import { initProject } from '../../src/main/storage/project';
import { oraclePath } from '../support/oracle';
import { tempDir } from '../support/tmp';

describe('DICOM folder import into a project (real oracle DICOM)', () => {
  it('imports the IBSI CT phantom series and rasterises its RTSTRUCT GTV to the IBSI voxel count', async () => {
    const project = initProject(join(tempDir(), 'p'), { appVersion: 'test' });
    const report = await importDicomFolder(project, oraclePath('dicom', 'ibsi_1_ct_radiomics_phantom', 'dicom'), { centre: 'IBSI' });
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ patients: 1, seriesImported: 1, segmentationsImported: 1 });
    const db = project.db;
    const vol = db.prepare('SELECT size, spacing, pixel_type, content_hash FROM volumes').get() as { size: string; spacing: string; pixel_type: string; content_hash: string };
    expect(JSON.parse(vol.size)).toEqual([204, 201, 60]);
    const seg = db.prepare('SELECT name, status, content_hash FROM segmentations').get() as { name: string; status: string; content_hash: string };
    expect(seg.name).toBe('GTV-1');
    const mask = project.store.getVolume(seg.content_hash);
    let n = 0;
    for (const v of mask.data) n += v ? 1 : 0;
    expect(n).toBe(125_256); // IBSI config A diagnostic: initial ROI voxel count
    const ct = project.store.getVolume(vol.content_hash);
    expect(ct.size).toEqual([204, 201, 60]);
    // No identifying data kept by default; the pseudonym is not the DICOM PatientID.
    expect(db.prepare('SELECT source_patient_id, patient_name FROM patient_identity').get()).toEqual({ source_patient_id: null, patient_name: null });
    expect(db.prepare("SELECT code FROM centres").all()).toEqual([{ code: 'IBSI' }]);
    project.close();
  });

  it('is idempotent: importing the same folder twice adds nothing', async () => {
    const project = initProject(join(tempDir(), 'p'), { appVersion: 'test' });
    const dir = oraclePath('dicom', 'dcmqi_ct-3slice_liver');
    const first = await importDicomFolder(project, dir);
    const second = await importDicomFolder(project, dir);
    expect(first).toMatchObject({ seriesImported: 1, segmentationsImported: 1 });
    expect(second).toMatchObject({ seriesImported: 0, seriesAlreadyPresent: 1, segmentationsImported: 0 });
    expect(project.db.prepare('SELECT count(*) AS n FROM volumes').get()).toEqual({ n: 1 });
    expect(project.db.prepare('SELECT count(*) AS n FROM segmentations').get()).toEqual({ n: 1 });
    project.close();
  });

  it('reports a corrupt file with its path and reason while the rest imports', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'ct'));
    cpSync(oraclePath('dicom', 'dcmqi_ct-3slice_liver', 'ct-3slice'), join(dir, 'ct'), { recursive: true });
    const bad = join(dir, 'ct', 'broken.dcm');
    const bytes = Buffer.alloc(200);
    bytes.write('DICM', 128);
    writeFileSync(bad, bytes);
    const project = initProject(join(tempDir(), 'p'), { appVersion: 'test' });
    const report = await importDicomFolder(project, dir);
    expect(report.seriesImported).toBe(1);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0].path).toBe(bad);
    expect(report.errors[0].reason.length).toBeGreaterThan(5);
    project.close();
  });

  it('resumes an interrupted import from its checkpoint without duplicates', async () => {
    const project = initProject(join(tempDir(), 'p'), { appVersion: 'test' });
    const dir = oraclePath('dicom', 'dcmqi_ct-3slice_liver');
    const controller = new AbortController();
    let checkpoint: string[] = [];
    await expect(
      importDicomFolder(project, dir, {
        signal: controller.signal,
        onCommitted: (done) => {
          checkpoint = done;
          controller.abort();
        },
      }),
    ).rejects.toThrow('import cancelled');
    expect(checkpoint).toHaveLength(1);
    const resumed = await importDicomFolder(project, dir, { done: checkpoint });
    expect(resumed).toMatchObject({ seriesImported: 0, seriesAlreadyPresent: 1, segmentationsImported: 1 });
    expect(project.db.prepare('SELECT count(*) AS n FROM volumes').get()).toEqual({ n: 1 });
    project.close();
  });
});

describe('DICOM import as an app job', () => {
  it('runs through the persistent job queue with progress events and a stored report', async () => {
    const { AppServices } = await import('../../src/main/services/appServices');
    const events: { type: string }[] = [];
    const services = new AppServices(tempDir(), (e) => events.push(e));
    services.activate(initProject(join(tempDir(), 'p'), { appVersion: 'test' }));
    const queue = services.jobs()!;
    const id = queue.enqueue('import.dicom', { dir: oraclePath('dicom', 'dcmqi_ct-3slice_liver') });
    await queue.drain();
    expect(queue.get(id).status).toBe('done');
    expect(queue.result(id)).toMatchObject({ seriesImported: 1, segmentationsImported: 1 });
    expect(events.filter((e) => e.type === 'progress').length).toBeGreaterThan(1);
    services.closeProject();
  });
});
