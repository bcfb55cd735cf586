import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli';
import { parseCsv } from '../../../src/main/engine/io/csv';
import { oraclePath } from '../../support/oracle';
import { tempDir } from '../../support/tmp';

const data = (f: string): string => oraclePath('pyradiomics', 'data', f);

const run = runCli;

describe('dlrn extract', () => {
  it('single case to JSON with settings overrides and a phase prefix', async () => {
    const out = join(tempDir(), 'f.json');
    const params = join(tempDir(), 'p.yaml');
    writeFileSync(params, 'featureClass:\n  firstorder: [Mean, Energy]\nsetting:\n  binWidth: 25\n');
    const r = await run(['extract', data('breast1_image.nrrd'), data('breast1_label.nrrd'), '-p', params, '-s', 'voxelArrayShift:2000', '--prefix', 'A_', '-f', 'json', '-o', out]);
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(json).filter((k) => !k.includes('diagnostics'))).toEqual(['A_original_firstorder_Mean', 'A_original_firstorder_Energy']);
    expect(json['A_diagnostics_Mask-original_VoxelNum']).toBe('143');
  });

  it('batch CSV: pass-through columns, one row per case, failing case reported in its row, exit = failures', async () => {
    const dir = tempDir();
    const cases = join(dir, 'cases.csv');
    writeFileSync(
      cases,
      ['Image,Mask,Group', `${data('brain2_image.nrrd')},${data('brain2_label.nrrd')},"x, y"`, `${data('brain2_image.nrrd')},missing_label.nrrd,z`].join('\n'),
    );
    const out = join(dir, 'out.csv');
    const r = await run(['extract', cases, '-s', 'binWidth:25', '-s', 'resampledPixelSpacing:2,2,2', '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('missing_label.nrrd: cannot read file (ENOENT)');
    const text = readFileSync(out, 'utf8');
    const { header, rows } = parseCsv(text);
    // locale-proof: every feature cell is a plain '.'-decimal number (or nan)
    const featureCells = header.map((h, i) => [h, rows[0]![i]!] as const).filter(([h]) => h.startsWith('original_'));
    expect(featureCells.length).toBeGreaterThan(100);
    for (const [h, v] of featureCells) expect(`${h}=${v}`).toMatch(/=(-?\d+(\.\d+)?(e[-+]\d+)?|nan)$/);
    expect(header.slice(0, 4)).toEqual(['Image', 'Mask', 'Group', 'Error']);
    expect(rows).toHaveLength(2);
    expect(rows[0]![2]).toBe('x, y');
    expect(rows[0]![3]).toBe('');
    expect(rows[1]![3]).toContain(`${join(dir, 'missing_label.nrrd')}: cannot read file`);
    const mean = rows[0]![header.indexOf('original_firstorder_Mean')]!;
    expect(Number(mean).toString()).toBe(mean.replace(/\.0$/, '')); // shortest round-trip repr
    expect(rows[0]![header.indexOf('diagnostics_Image-interpolated_Spacing')]).toBe('(2.0, 2.0, 2.0)');
  });

  it('worker threads (-j 2) give the same table as a single thread', async () => {
    const dir = tempDir();
    const cases = join(dir, 'cases.csv');
    writeFileSync(cases, ['ID,Prefix,Image,Mask', ...['A_', 'V_'].map((p) => `p1,${p},${data('breast1_image.nrrd')},${data('breast1_label.nrrd')}`)].join('\n'));
    const params = join(dir, 'p.yaml');
    writeFileSync(params, 'featureClass:\n  firstorder:\n  glcm: [Contrast]\n');
    const one = join(dir, 'one.csv');
    const two = join(dir, 'two.csv');
    expect((await run(['extract', cases, '-p', params, '-o', one])).code).toBe(0);
    expect((await run(['extract', cases, '-p', params, '-j', '2', '-o', two])).code).toBe(0);
    expect(readFileSync(two, 'utf8')).toBe(readFileSync(one, 'utf8'));
    const { header, rows } = parseCsv(readFileSync(one, 'utf8'));
    expect(rows).toHaveLength(1);
    expect(header).toContain('A_original_glcm_Contrast');
    expect(header).toContain('V_original_glcm_Contrast');
  });

  it('a single case with -j 2 spreads its image types over threads and gives the single-thread output', async () => {
    const dir = tempDir();
    const params = join(dir, 'p.yaml');
    writeFileSync(params, 'imageType:\n  Original: {}\n  LoG: {sigma: [1.0, 2.0]}\n  Square: {}\nfeatureClass:\n  firstorder:\n  glszm: [ZoneEntropy]\n');
    const one = join(dir, 'one.csv');
    const two = join(dir, 'two.csv');
    const image = data('breast1_image.nrrd');
    const mask = data('breast1_label.nrrd');
    expect((await run(['extract', image, mask, '-p', params, '-o', one])).code).toBe(0);
    expect((await run(['extract', image, mask, '-p', params, '-j', '2', '-o', two])).code).toBe(0);
    expect(readFileSync(two, 'utf8')).toBe(readFileSync(one, 'utf8'));
    const { header } = parseCsv(readFileSync(one, 'utf8'));
    for (const k of ['original_firstorder_Mean', 'log-sigma-1-0-mm-3D_glszm_ZoneEntropy', 'log-sigma-2-0-mm-3D_firstorder_Mean', 'square_glszm_ZoneEntropy']) expect(header).toContain(k);
  });

  it('rejects unknown parameter keys and bad options with usage errors', async () => {
    const params = join(tempDir(), 'bad.yaml');
    writeFileSync(params, 'setting:\n  binWidht: 25\n');
    const r = await run(['extract', data('breast1_image.nrrd'), data('breast1_label.nrrd'), '-p', params]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("setting: unknown key 'binWidht'");
    expect((await run(['extract', 'a.nrrd', 'b.nrrd', '-s', 'nope:1'])).stderr).toContain("setting override: unknown key 'nope'");
    expect((await run(['extract', 'a.nrrd', 'b.nrrd', '-f', 'xml'])).code).toBe(2);
  });
});
