import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { readClinicalCsv } from '../../src/main/engine/io/clinicalTable';
import { readClinicalXlsx } from '../../src/main/engine/io/clinicalXlsx';
import { ClinicalImportError, importClinicalTable } from '../../src/main/services/clinicalImport';
import { identityMapping, resolvePatient } from '../../src/main/services/pseudonyms';
import { initProject } from '../../src/main/storage/project';
import { oraclePath } from '../support/oracle';
import { tempDir } from '../support/tmp';

const cohortCsv = oraclePath('stats', 'data', 'cohort.csv');

describe('clinical table import', () => {
  it('imports the 180-patient bicentric cohort: outcome, follow-up, centres and cohorts, under pseudonyms', () => {
    const project = initProject(join(tempDir(), 'p'), { appVersion: 'test' });
    const table = readClinicalCsv(readFileSync(cohortCsv, 'utf8'), 'cohort.csv');
    expect(table.errors).toEqual([]);
    const r = importClinicalTable(project, table, 'cohort.csv', { createMissing: true });
    expect(r).toMatchObject({ imported: 180, created: 180 });
    const db = project.db;
    expect(db.prepare('SELECT count(*) AS n FROM outcomes WHERE mdm = 1').get()).toEqual({ n: 74 });
    expect(db.prepare('SELECT count(*) AS n FROM outcomes WHERE event = 1').get()).toEqual({ n: 96 });
    expect(db.prepare("SELECT count(*) AS n FROM patients WHERE cohort = 'train'").get()).toEqual({ n: 110 });
    expect(db.prepare('SELECT code FROM centres ORDER BY code').all()).toEqual([{ code: 'A' }, { code: 'B' }]);
    const p001 = resolvePatient(project, 'P001');
    expect(p001).toBe('PT-0001');
    expect(db.prepare("SELECT value_num FROM clinical_variables WHERE patient_id = ? AND name = 'tumour_size_mm'").get(p001)).toEqual({ value_num: 12.9 });
    // No identifying data is kept unless asked for.
    expect(identityMapping(project)).toEqual([]);
    expect(JSON.stringify(db.prepare('SELECT * FROM patient_identity').all())).not.toContain('P001');
    project.close();
  });

  it('is idempotent: re-importing the same table creates no duplicates', () => {
    const project = initProject(join(tempDir(), 'p'), { appVersion: 'test' });
    const table = readClinicalCsv(readFileSync(cohortCsv, 'utf8'), 'cohort.csv');
    importClinicalTable(project, table, 'cohort.csv', { createMissing: true });
    const again = importClinicalTable(project, table, 'cohort.csv', { createMissing: true });
    expect(again.created).toBe(0);
    expect(project.db.prepare('SELECT count(*) AS n FROM patients').get()).toEqual({ n: 180 });
    expect(project.db.prepare("SELECT count(*) AS n FROM clinical_variables WHERE name = 'age'").get()).toEqual({ n: 180 });
    project.close();
  });

  it('keeps source ids only by opt-in, and exports the mapping', () => {
    const project = initProject(join(tempDir(), 'p'), { appVersion: 'test' });
    const table = readClinicalCsv('patient_id,age,sex,mdm\nH-123,61,M,1\nH-456,48,F,0\n', 't.csv');
    importClinicalTable(project, table, 't.csv', { createMissing: true, keepIdentity: true });
    expect(identityMapping(project)).toEqual([
      { patientId: 'PT-0001', sourcePatientId: 'H-123', name: null, birthDate: null },
      { patientId: 'PT-0002', sourcePatientId: 'H-456', name: null, birthDate: null },
    ]);
    project.close();
  });

  it('reports every bad row with line, patient and column, and imports nothing', () => {
    const project = initProject(join(tempDir(), 'p'), { appVersion: 'test' });
    const csv = 'patient_id,age,ki67,tumour_contours,mdm,event,followup_months\nA1,61,10,smooth,1,1,20\nA2,abc,150,wavy,2,1,\n';
    const table = readClinicalCsv(csv, 'bad.csv');
    let error: ClinicalImportError | undefined;
    try {
      importClinicalTable(project, table, 'bad.csv', { createMissing: true });
    } catch (err) {
      error = err as ClinicalImportError;
    }
    expect(error).toBeInstanceOf(ClinicalImportError);
    const problems = error!.errors.map((e) => `${e.line}:${e.patientId}:${e.column}`);
    expect(problems).toEqual(['3:A2:age', '3:A2:ki67', '3:A2:tumour_contours', '3:A2:mdm', '3:A2:followup_months']);
    expect(error!.message).toContain("line 3 (patient A2), column ki67: 150 is above 100");
    expect(project.db.prepare('SELECT count(*) AS n FROM patients').get()).toEqual({ n: 0 });
    project.close();
  });

  it('refuses unknown patients unless told to create them', () => {
    const project = initProject(join(tempDir(), 'p'), { appVersion: 'test' });
    const table = readClinicalCsv('id,age\nX9,50\n', 'x.csv');
    expect(() => importClinicalTable(project, table, 'x.csv')).toThrow(/line 2 \(patient X9\), column patient_id: patient is not in the project/);
    project.close();
  });

  it('reads XLSX and semicolon CSV with decimal commas the same as plain CSV', () => {
    const rows = [
      ['Patient ID', 'Age', 'Gender', 'Ki-67 index', 'Tumor size (cm)', 'Outcome', 'Time', 'Status'],
      ['K1', 59, 'Male', 12.5, 11.2, 'yes', 19.5, 1],
    ];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'clinical');
    const file = join(tempDir(), 'c.xlsx');
    writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const fromXlsx = readClinicalXlsx(readFileSync(file), 'c.xlsx');
    const fromSemicolon = readClinicalCsv('Patient ID;Age;Gender;Ki-67 index;Tumor size (cm);Outcome;Time;Status\nK1;59;Male;12,5;11,2;yes;19,5;1\n', 'c.csv');
    for (const t of [fromXlsx, fromSemicolon]) {
      expect(t.errors).toEqual([]);
      expect(Object.fromEntries(t.rows[0].values)).toEqual({ age: 59, sex: 1, ki67: 12.5, tumour_size_mm: 112, mdm: 1, followup_months: 19.5, event: 1 });
    }
  });
});
