import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main';
import { parseCsv } from '../../../src/main/engine/io/csv';
import { writeNrrd } from '../../../src/main/engine/io/nrrdWrite';
import { openProject } from '../../../src/main/storage/project';
import { addReadingPatients, sphereMask, type ReadingPatient } from '../../support/readingProject';
import { tempDir } from '../../support/tmp';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return { code: await main(args), out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
    stderr.mockRestore();
  }
}

const PARAMS = 'imageType:\n  Original: {}\nfeatureClass:\n  firstorder: [Mean, Maximum, Energy, Entropy]\n  shape: [VoxelVolume, Sphericity]\nsetting:\n  binWidth: 25\n';

describe('dlrn readers', () => {
  it('runs the agreement study from the command line: profiles, sessions, mask imports, wash-out, ICC and agreement tables', async () => {
    const dir = tempDir();
    const project = join(dir, 'study');
    expect((await run(['project', 'init', project])).code).toBe(0);
    const p = openProject(project);
    const patients: ReadingPatient[] = addReadingPatients(p, 8);
    p.close();
    const P = ['--project', project];
    expect((await run(['readers', 'add', 'Coordinator', '--role', 'coordinator', ...P])).out).toMatch(/added coordinator 'Coordinator'/);
    for (const name of ['Reader 1', 'Reader 2']) expect((await run(['readers', 'add', name, ...P])).code).toBe(0);
    const dup = await run(['readers', 'add', 'Reader 1', ...P]);
    expect(dup).toMatchObject({ code: 1, err: expect.stringMatching(/already exists/) });
    expect((await run(['readers', 'list', ...P])).out).toMatch(/coordinator\s+Coordinator/);

    const maskFile = (i: number, r: number): string => {
      const f = join(dir, `m-${i}-${r}.nrrd`);
      writeNrrd(f, sphereMask(i, r));
      return f;
    };
    const create = async (...args: string[]) => run(['readers', 'session', 'create', ...P, '--as', 'Coordinator', '--phases', 'venous', ...args]);
    const primary = await create('--reader', 'Reader 1', '--kind', 'primary', '--task', 'delineation', '--all');
    expect(primary.out).toMatch(/created primary session 1 for 'Reader 1' \(delineation; venous\): 8 patients/);
    for (const [i, pt] of patients.entries()) {
      const r = await run(['readers', 'mask', 'import', maskFile(i, pt.radius), ...P, '--session', '1', '--patient', pt.id, '--phase', 'venous', '--as', 'Reader 1']);
      expect(r.code, r.err).toBe(0);
    }
    expect((await run(['readers', 'session', 'submit', '1', ...P, '--as', 'Reader 1'])).out).toMatch(/session 1 submitted/);

    const inter = await create('--reader', 'Reader 2', '--kind', 'inter', '--task', 'both', '--seed', '60', '--subset', '5');
    expect(inter.out).toMatch(/created inter session 2 .*: 5 patients drawn with seed 60/);
    const subset = inter.out.split('\n')[1].split(' ');
    const intra = await create('--reader', 'Reader 1', '--kind', 'intra', '--task', 'delineation', '--repeat-of', '1', '--same-as', '2');
    expect(intra.out).toMatch(/repeats session 1; wash-out 21 days/);
    expect((await run(['readers', 'session', 'list', ...P])).out).toMatch(/ 3 {2}intra .*waiting: wash-out of 21 days/);
    const bad = await create('--reader', 'Reader 2', '--kind', 'inter', '--task', 'delineation', '--subset', '5');
    expect(bad).toMatchObject({ code: 2, err: expect.stringMatching(/--subset N needs --seed/) });
    expect((await run(['readers', 'session', 'override-washout', '3', ...P, '--as', 'Coordinator', '--reason', 'CLI test'])).code).toBe(0);
    for (const id of subset) {
      const i = patients.findIndex((x) => x.id === id);
      expect((await run(['readers', 'mask', 'import', maskFile(i, patients[i].radius + 1.5), ...P, '--session', '2', '--patient', id, '--phase', 'venous', '--as', 'Reader 2'])).code).toBe(0);
      expect((await run(['readers', 'mask', 'import', maskFile(i, patients[i].radius - 0.5), ...P, '--session', '3', '--patient', id, '--phase', 'venous', '--as', 'Reader 1'])).code).toBe(0);
    }
    const outside = patients.find((x) => !subset.includes(x.id))!.id;
    const refused = await run(['readers', 'mask', 'import', maskFile(0, 5), ...P, '--session', '2', '--patient', outside, '--phase', 'venous', '--as', 'Reader 2']);
    expect(refused).toMatchObject({ code: 1, err: expect.stringMatching(/not in session 2/) });

    const params = join(dir, 'params.yaml');
    writeFileSync(params, PARAMS);
    const icc = await run(['readers', 'icc', ...P, '--params', params, '--form', 'C1', '-o', join(dir, 'icc.csv'), '--kept', join(dir, 'kept.txt'), '--ratings', join(dir, 'ratings.csv'), '--summary', join(dir, 'summary.csv')]);
    expect(icc.code, icc.err).toBe(0);
    expect(icc.out).toMatch(/ICC\(C,1\) \(twoway, consistency, single\); keep ICC > 0.8 in inter and intra/);
    expect(icc.out).toMatch(/inter: 5 of 5 patients paired/);
    expect(icc.out).toMatch(/feature runs for the study \(dlrn study run, project route\): reader1=\d+,reader2=\d+,reader1_repeat=\d+/);
    const table = parseCsv(readFileSync(join(dir, 'icc.csv'), 'utf8'));
    expect(table.header).toEqual(['feature', 'phase', 'image_type', 'feature_class', 'form', 'n_inter', 'icc_inter', 'lower_inter', 'upper_inter', 'p_inter', 'missing_value_inter', 'reason_inter', 'n_intra', 'icc_intra', 'lower_intra', 'upper_intra', 'p_intra', 'missing_value_intra', 'reason_intra', 'kept']);
    expect(table.rows).toHaveLength(6);
    const kept = readFileSync(join(dir, 'kept.txt'), 'utf8').split('\n').filter(Boolean);
    expect(kept).toEqual(table.rows.filter((r) => r[19] === 'TRUE').map((r) => r[0]));
    for (const r of table.rows) {
      expect(r[4]).toBe('ICC(C,1)');
      if (r[19] === 'TRUE') expect(Number(r[6]) > 0.8 && Number(r[13]) > 0.8).toBe(true);
    }
    const ratings = parseCsv(readFileSync(join(dir, 'ratings.csv'), 'utf8'));
    expect(ratings.header).toEqual(['feature', 'patient', 'reader1', 'reader2', 'reader1_repeat']);
    expect(ratings.rows).toHaveLength(6 * 5);
    expect(parseCsv(readFileSync(join(dir, 'summary.csv'), 'utf8')).rows[0].slice(0, 3)).toEqual(['phase', 'V', '6']);

    // Semantic ratings of both readers from one table (the demo's semantic_ratings.csv layout).
    const csv = join(dir, 'semantic.csv.in');
    const lines = ['patient_id,reader,tumour_size_mm,necrosis,contours'];
    patients.forEach((pt, i) => lines.push(`${pt.id},1,${2 * pt.radius},${i % 2},${i % 3 ? 0 : 1}`));
    subset.forEach((id, i) => lines.push(`${id},2,${2 * patients.find((x) => x.id === id)!.radius + 1},${i % 2},`));
    writeFileSync(csv, lines.join('\n') + '\n');
    expect((await run(['readers', 'ratings', 'import', csv, ...P, '--session', 'none', '--reader', 'Reader 1', '--as', 'Coordinator', '--reader-value', '1'])).out).toBe(
      'stored 24 ratings of 8 patients (tumour_size_mm, necrosis, contours)',
    );
    const intoSession = await run(['readers', 'ratings', 'import', csv, ...P, '--session', '2', '--reader', 'Reader 2', '--as', 'Reader 2', '--reader-value', '2']);
    expect(intoSession.out).toBe('stored 10 ratings of 5 patients (tumour_size_mm, necrosis, contours)');

    const agree = await run(['readers', 'agreement', ...P, '-o', join(dir, 'masks.csv'), '--semantic', join(dir, 'semantic.csv')]);
    expect(agree.code, agree.err).toBe(0);
    expect(agree.out).toMatch(/^10 compared, \d+ flagged for adjudication, 0 excluded/);
    const masks = parseCsv(readFileSync(join(dir, 'masks.csv'), 'utf8'));
    expect(masks.rows).toHaveLength(10);
    const dice = masks.rows.map((r) => Number(r[masks.header.indexOf('dice')]));
    expect(dice.every((d) => d > 0.3 && d < 1)).toBe(true);
    // Semantic agreement needs the reference ratings in the reference reading (session 1); these were
    // imported outside sessions, so the explicit design names them.
    const semOut = join(dir, 'semantic-explicit.csv');
    const explicit = await run(['readers', 'agreement', ...P, '-o', join(dir, 'm2.csv'), '--semantic', semOut, '--reference', 'Reader 1:none', '--inter', 'Reader 2:2']);
    expect(explicit.code, explicit.err).toBe(0);
    const sem = parseCsv(readFileSync(semOut, 'utf8'));
    const col = (r: string[], name: string) => r[sem.header.indexOf(name)];
    const size = sem.rows.find((r) => col(r, 'variable') === 'tumour_size_mm')!;
    expect([col(size, 'statistic'), col(size, 'n'), col(size, 'missing')]).toEqual(['ICC(A,1)', '5', '0']);
    expect(Number(col(size, 'value'))).toBeGreaterThan(0.9);
    const necrosis = sem.rows.find((r) => col(r, 'variable') === 'necrosis')!;
    expect([col(necrosis, 'statistic'), col(necrosis, 'n')]).toEqual(["Cohen's kappa", '5']);
    expect(sem.rows.find((r) => col(r, 'variable') === 'contours')!.slice(4, 6)).toEqual(['0', '5']); // reader 2 left it empty: all missing, reported
  });

  it('explains usage errors', async () => {
    expect(await run(['readers', 'icc', '--project', tempDir()])).toMatchObject({ code: 2, err: expect.stringMatching(/-o ICC.csv is required/) });
    expect(await run(['readers', 'icc', '--project', tempDir(), '-o', 'x.csv', '--form', 'B2'])).toMatchObject({ code: 2, err: expect.stringMatching(/unknown ICC form 'B2'/) });
    expect(await run(['readers', 'add', 'X'])).toMatchObject({ code: 2, err: expect.stringMatching(/--project DIR is required/) });
  });
});
