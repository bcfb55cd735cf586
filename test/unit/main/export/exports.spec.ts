import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { featuresBatchCsv, reportTablesCsv, type FeatureCase } from '../../../../src/main/export/csv';
import { featuresXlsx } from '../../../../src/main/export/xlsx';
import { tableGrid } from '../../../../src/main/export/tables';
import { toCsv as extractCsv } from '../../../../src/cli/extract/output';
import type { ReportDocument, ReportTable } from '../../../../src/main/engine/reports/document';

const cases: FeatureCase[] = [
  {
    inputs: { Image: 'data/brain1_image.nrrd', Mask: 'data/brain1_label.nrrd' },
    values: new Map<string, number | string>([
      ['diagnostics_Image-original_Spacing', '(0.7812499999999999, 0.7812499999999999, 6.499999999999998)'],
      ['original_shape_VoxelVolume', 3057],
      ['original_firstorder_Mean', 825.2354363119016],
      ['original_glcm_Idn', NaN],
    ]),
  },
  { inputs: { Image: 'b.nrrd', Mask: 'm.nrrd', ID: 'P2' }, values: new Map<string, number | string>([['original_shape_VoxelVolume', 1e-5], ['original_firstorder_Mean', -0.5]]) },
];

describe('feature table exports', () => {
  it('writes pyradiomics batch layout: input columns, then diagnostics and features, Python float reprs', () => {
    const text = featuresBatchCsv(cases);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('Image,Mask,ID,diagnostics_Image-original_Spacing,original_shape_VoxelVolume,original_firstorder_Mean,original_glcm_Idn');
    expect(lines[1]).toBe('data/brain1_image.nrrd,data/brain1_label.nrrd,,"(0.7812499999999999, 0.7812499999999999, 6.499999999999998)",3057.0,825.2354363119016,nan');
    expect(lines[2]).toBe('b.nrrd,m.nrrd,P2,,1e-05,-0.5,');
  });

  it('agrees byte for byte with the dlrn extract batch writer when cases share their input columns', () => {
    const same = cases.map((c) => ({ ...c, inputs: { ID: '', ...c.inputs } }));
    const rows = same.map((c) => new Map<string, number | string>([...Object.entries(c.inputs), ...c.values]));
    expect(featuresBatchCsv(same)).toBe(extractCsv(rows));
  });

  it('adds a UTF-8 BOM only when asked, and never uses a decimal comma', () => {
    expect(featuresBatchCsv(cases, { bom: true }).startsWith('\uFEFFImage,')).toBe(true);
    expect(featuresBatchCsv(cases).startsWith('Image,')).toBe(true);
    expect(featuresBatchCsv(cases)).toContain('825.2354363119016');
    expect(featuresBatchCsv(cases)).not.toContain('825,2354');
  });

  it('XLSX keeps numbers as numeric cells and NaN as empty', () => {
    const wb = XLSX.read(featuresXlsx(cases), { type: 'array' });
    expect(wb.SheetNames).toEqual(['features']);
    const grid = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets.features, { header: 1, raw: true, defval: null });
    expect(grid[0]).toEqual(['Image', 'Mask', 'ID', 'diagnostics_Image-original_Spacing', 'original_shape_VoxelVolume', 'original_firstorder_Mean', 'original_glcm_Idn']);
    expect(grid[1][4]).toBe(3057);
    expect(grid[1][5]).toBe(825.2354363119016);
    expect(grid[1][6]).toBeNull();
  });
});

describe('report table grids', () => {
  const table: ReportTable = {
    id: 'table3',
    caption: 'Table 3',
    header: [
      [{ text: 'Model' }, { text: 'Training (n = 10)', span: 2 }],
      [{ text: '' }, { text: 'AUC' }, { text: '95% CI' }],
    ],
    rows: [
      [{ text: 'DLRN' }, { text: '0.890' }, { text: '0.833–0.948' }],
      [{ text: 'Level', indent: 1 }, { text: 'a, b', span: 2 }],
    ],
    notes: [],
  };
  it('flattens multi-row headers and repeats spanning cells', () => {
    const g = tableGrid(table);
    expect(g.header).toEqual(['Model', 'Training (n = 10): AUC', 'Training (n = 10): 95% CI']);
    expect(g.rows).toEqual([
      ['DLRN', '0.890', '0.833–0.948'],
      ['  Level', 'a, b', 'a, b'],
    ]);
  });

  it('writes one CSV per table with UTF-8 text as printed', () => {
    const doc = { blocks: [{ kind: 'table', table }] } as unknown as ReportDocument;
    const csv = reportTablesCsv(doc).get('table3') as string;
    expect(csv).toBe('Model,Training (n = 10): AUC,Training (n = 10): 95% CI\nDLRN,0.890,0.833–0.948\n"  Level","a, b","a, b"\n');
  });
});
