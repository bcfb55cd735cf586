import { describe, expect, it } from 'vitest';
import { readClinicalCsv, readFeatureTableCsv, readIccRatingsCsv } from '../../../../../src/main/engine/study/tableReaders';
import { StudyInputError } from '../../../../../src/main/engine/study/studyErrors';

describe('feature table reader', () => {
  it('accepts the pyradiomics batch layout: bookkeeping and diagnostics columns are not features, nan is missing', () => {
    const csv = [
      'ID,Image,Mask,diagnostics_Versions_PyRadiomics,diagnostics_Mask-original_VoxelNum,original_shape_Elongation,original_firstorder_Mean',
      'P1,img1.nrrd,m1.nrrd,v3.1.0,120,0.5,3057.0',
      'P2,img2.nrrd,m2.nrrd,v3.1.0,98,nan,1.5e3',
    ].join('\n');
    const f = readFeatureTableCsv(csv, 'batch.csv');
    expect(f.ids).toEqual(['P1', 'P2']);
    expect(f.names).toEqual(['original_shape_Elongation', 'original_firstorder_Mean']);
    expect(Array.from(f.columns[1])).toEqual([3057, 1500]);
    expect(Number.isNaN(f.columns[0][1])).toBe(true);
    expect(f.ignoredColumns).toEqual(['Image', 'Mask', 'diagnostics_Versions_PyRadiomics', 'diagnostics_Mask-original_VoxelNum']);
  });

  it('pivots one row per (patient, phase) with a Prefix column into prefixed feature names', () => {
    const csv = ['ID,Prefix,Image,Mask,original_firstorder_Mean', 'P1,A_,a,m,1', 'P1,V_,v,m,2', 'P2,A_,a,m,3', 'P2,V_,v,m,4'].join('\n');
    const f = readFeatureTableCsv(csv, 'phases.csv');
    expect(f.ids).toEqual(['P1', 'P2']);
    expect(f.names).toEqual(['A_original_firstorder_Mean', 'V_original_firstorder_Mean']);
    expect(f.columns.map((c) => Array.from(c))).toEqual([
      [1, 3],
      [2, 4],
    ]);
  });

  it("decimal commas in ';' files, per-patient extraction errors of dlrn extract, text columns are not features", () => {
    const semi = readFeatureTableCsv(['id;reader;f1', 'P1;anna;1,5', 'P2;ben;-2,25e1'].join('\n'), 'semi.csv');
    expect(Array.from(semi.columns[0])).toEqual([1.5, -22.5]);
    expect(() => readFeatureTableCsv('id,f1\nP1,1.5\nP2,1.2.3\n', 'bad.csv')).toThrow(/column "f1": not a number for patient\(s\) P2/);
    const ok = readFeatureTableCsv(['id,reader,Error,f1', 'P1,anna,,1.5', 'P2,ben,mask is empty,'].join('\n'), 'x.csv');
    expect(ok.names).toEqual(['f1']);
    expect(ok.ignoredColumns).toEqual(['Error', 'reader']);
    expect(ok.extractionErrors).toEqual([{ id: 'P2', message: 'mask is empty' }]);
  });

  it('rejects duplicate ids and a missing id column', () => {
    expect(() => readFeatureTableCsv('id,f1\nP1,1\nP1,2\n', 'dup.csv')).toThrow(StudyInputError);
    expect(() => readFeatureTableCsv('name,f1\nP1,1\n', 'noid.csv')).toThrow(/no patient id column/);
    expect(readFeatureTableCsv('name,f1\nP1,1\n', 'named.csv', 'name').ids).toEqual(['P1']);
  });
});

describe('clinical and ICC readers', () => {
  it('clinical: numeric columns (NA missing) and text columns', () => {
    const c = readClinicalCsv('id,centre,age,grade\nP1,A,61,NA\nP2,B,,2\n', 'clin.csv', 'id');
    expect(c.columns.get('centre')).toEqual({ kind: 'text', values: ['A', 'B'] });
    const age = c.columns.get('age') as { kind: 'number'; values: Float64Array };
    expect(age.kind).toBe('number');
    expect(age.values[0]).toBe(61);
    expect(Number.isNaN(age.values[1])).toBe(true);
  });

  it('ICC ratings need feature, patient and numeric rating columns', () => {
    const r = readIccRatingsCsv('feature,patient,reader1,reader2\nf1,P1,1,1.1\nf1,P2,2,2.2\n', 'icc.csv');
    expect(r.feature).toEqual(['f1', 'f1']);
    expect(Array.from(r.ratings.get('reader2') as Float64Array)).toEqual([1.1, 2.2]);
    expect(() => readIccRatingsCsv('feature,patient,reader1,reader2\nf1,P1,1,\n', 'icc.csv')).toThrow(/reader2: "" for feature f1, patient P1/);
  });
});
