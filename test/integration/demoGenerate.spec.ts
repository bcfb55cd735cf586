import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main';
import { sampleAnatomy, type AnatomySample } from '../../src/main/engine/demo/anatomy';
import { CENTRES, PHASES, type PhaseName } from '../../src/main/engine/demo/centres';
import { drawCohort } from '../../src/main/engine/demo/cohort';
import { generateDemoCohort } from '../../src/main/engine/demo/generate';
import type { DemoManifest } from '../../src/main/engine/demo/manifest';
import { drawPhantom, type PatientPhantom } from '../../src/main/engine/demo/phantom';
import { renderPhase } from '../../src/main/engine/demo/render';
import { TISSUE, tissueHu, type Tissue } from '../../src/main/engine/demo/tissues';
import type { Volume } from '../../src/main/engine/image/volume';
import { readClinicalCsv } from '../../src/main/engine/io/clinicalTable';
import { parseCsv } from '../../src/main/engine/io/csv';
import { assignPhases } from '../../src/main/engine/io/dicom/phase';
import { readDicomFile } from '../../src/main/engine/io/dicom/readFile';
import { readDicomSeg, segToMasks } from '../../src/main/engine/io/dicom/seg';
import { listFilesRecursively, loadDicomSeries, scanDicomFiles, type LoadedDicomSeries } from '../../src/main/engine/io/dicom/series';
import { readNrrd } from '../../src/main/engine/io/nrrd';
import { importDicomFolder } from '../../src/main/services/dicomImport';
import { initProject } from '../../src/main/storage/project';
import { tempDir } from '../support/tmp';

const SEED = 20230531;
const PATIENTS = 4;
let root: string;
let out: string;
let manifest: DemoManifest;
const series = new Map<string, LoadedDicomSeries>();

function hashes(dir: string): Map<string, string> {
  return new Map(listFilesRecursively(dir).map((f) => [relative(dir, f), createHash('sha256').update(readFileSync(f)).digest('hex')]));
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * Tissue label of every voxel whose 5×5 in-plane neighbourhood and whole slice thickness hold the
 * same tissue and no tumour (so blur and partial volume do not reach it); −1 elsewhere.
 */
function pureTissue(ph: PatientPhantom, phase: PhaseName, tumour: Uint8Array): Int8Array {
  const [nx, ny, nz] = ph.grid.size;
  const [sx, sy, sz] = ph.grid.spacing;
  const shift = ph.motion[phase];
  const s: AnatomySample = { tissue: 0, tumourAllowed: false };
  const label = new Int8Array(nx * ny * nz).fill(-1);
  const plane = (z: number): Int8Array => {
    const t = new Int8Array(nx * ny);
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) t[i + nx * j] = sampleAnatomy(ph.anatomy, ph.grid.origin[0] + i * sx - shift[0], ph.grid.origin[1] + j * sy - shift[1], z - shift[2], s).tissue;
    }
    return t;
  };
  for (let k = 0; k < nz; k++) {
    const z = ph.grid.origin[2] + k * sz;
    const [mid, below, above] = [plane(z), plane(z - sz / 2), plane(z + sz / 2)];
    for (let j = 2; j < ny - 2; j++) {
      for (let i = 2; i < nx - 2; i++) {
        const t = mid[i + nx * j];
        let pure = below[i + nx * j] === t && above[i + nx * j] === t;
        for (let dj = -2; dj <= 2 && pure; dj++) {
          for (let di = -2; di <= 2 && pure; di++) {
            const p = i + di + nx * (j + dj);
            if (tumour[p + nx * ny * k] || mid[p] !== t) pure = false;
          }
        }
        if (pure) label[i + nx * (j + ny * k)] = t;
      }
    }
  }
  return label;
}

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const logs: string[] = [];
  const errors: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void logs.push(a.join(' ')));
  const err = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
  const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return { code: await main(args), stdout: logs.join('\n'), stderr: errors.join('\n') };
  } finally {
    log.mockRestore();
    err.mockRestore();
    write.mockRestore();
  }
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'dlrn-demo-'));
  out = join(root, 'demo');
  manifest = generateDemoCohort(out, { patients: PATIENTS, seed: SEED });
  for (const p of manifest.cohort) {
    for (const phase of PHASES) {
      const dir = join(out, p.phases![phase].dir);
      const scan = scanDicomFiles(listFilesRecursively(dir));
      expect(scan.skipped).toEqual([]);
      expect(scan.series).toHaveLength(1);
      series.set(`${p.id}/${phase}`, await loadDicomSeries(scan.series[0]));
    }
  }
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('dlrn demo generate (4 patients)', () => {
  it('writes the manifest, tables, three CT series, masks and reader-1 SEGs per patient', () => {
    expect(manifest.generator).toEqual({ name: 'dlrn demo generate', version: expect.any(String), seed: SEED });
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toEqual(manifest);
    expect(manifest.cohort.map((p) => [p.id, p.centre, p.cohort])).toEqual([
      ['DEMO-001', 'C1', 'train'],
      ['DEMO-002', 'C1', 'train'],
      ['DEMO-003', 'C1', 'train'],
      ['DEMO-004', 'C2', 'validation'],
    ]);
    expect(manifest.plantedModel.logistic.coefficients).toEqual({ s_size: 0.6, s_irr: 0.5, s_nec: 0.35, s_het: 1 });
    const clinical = readClinicalCsv(readFileSync(join(out, 'clinical.csv'), 'utf8'), 'clinical.csv');
    expect(clinical.errors).toEqual([]);
    expect(clinical.rows.map((r) => r.patientId)).toEqual(manifest.cohort.map((p) => p.id));
    expect(clinical.rows.map((r) => r.values.get('mdm'))).toEqual(manifest.cohort.map((p) => p.outcome.mdm));
    const files = new Set(listFilesRecursively(out).map((f) => relative(out, f).split('\\').join('/')));
    for (const p of manifest.cohort) {
      const readers = p.repeatDelineation ? ['reader1', 'reader2', 'reader1_repeat'] : ['reader1'];
      for (const phase of PHASES) {
        const ph = p.phases![phase];
        expect(ph.masks.map((m) => m.reader)).toEqual(readers);
        for (const m of ph.masks) expect(files.has(m.path)).toBe(true);
        expect(files.has(ph.seg!)).toBe(true);
        expect(readdirSync(join(out, ph.dir))).toHaveLength(ph.slices);
      }
    }
    expect(manifest.cohort.filter((p) => p.repeatDelineation)).toHaveLength(1);
    // batch case lists for `dlrn extract`, paths relative to the cohort folder
    const cases = parseCsv(readFileSync(join(out, 'extraction_cases.csv'), 'utf8'));
    expect(cases.header).toEqual(['ID', 'Prefix', 'Image', 'Mask']);
    expect(cases.rows).toHaveLength(3 * PATIENTS);
    expect(cases.rows[1]).toEqual(['DEMO-001', 'V_', 'dicom/DEMO-001/CT/PV', 'masks/DEMO-001/reader1_PV.nrrd']);
    for (const r of cases.rows) expect(files.has(r[3]) && readdirSync(join(out, r[2])).length > 0).toBe(true);
    const reliability = parseCsv(readFileSync(join(out, 'reliability_cases.csv'), 'utf8'));
    expect(reliability.rows).toHaveLength(9);
    expect(new Set(reliability.rows.map((r) => r[2]))).toEqual(new Set(['reader1', 'reader2', 'reader1_repeat']));
  });

  it('CT series read back through the DICOM loader with the manifest geometry and per-centre scanner tags', () => {
    for (const p of manifest.cohort) {
      const centre = CENTRES[p.centre as 'C1' | 'C2'];
      for (const phase of PHASES) {
        const s = series.get(`${p.id}/${phase}`)!;
        expect(s.warnings).toEqual([]);
        expect(s.volume.size).toEqual(p.grid!.size);
        expect(s.volume.origin).toEqual(p.grid!.origin);
        expect(s.volume.spacing[0]).toBe(p.grid!.spacing[0]);
        expect(s.volume.spacing[1]).toBe(p.grid!.spacing[1]);
        expect(s.volume.spacing[2]).toBeCloseTo(5, 12);
        expect(s.volume.size[2]).toBeGreaterThanOrEqual(16);
        expect(s.volume.size[2]).toBeLessThanOrEqual(24);
        expect(s.seriesInstanceUid).toBe(p.phases![phase].seriesInstanceUid);
        expect(s.frameOfReferenceUid).toBe(p.frameOfReferenceUid);
        expect(s.patientId).toBe(p.id);
        expect(s.metadata).toMatchObject({
          institutionName: centre.institutionName,
          manufacturer: centre.manufacturer,
          manufacturerModelName: centre.manufacturerModelName,
          convolutionKernel: centre.convolutionKernel,
          kvp: centre.kvp,
          sliceThickness: 5,
          seriesDescription: centre.seriesDescription[phase],
          contrastBolusAgent: centre.contrastAgent,
          contrastBolusStartTime: p.contrastBolusStartTime,
          acquisitionTime: p.phases![phase].acquisitionTime,
        });
      }
    }
  });

  it('phase tags let the phase assignment find arterial, venous and delayed from description and timing', () => {
    const toPhase = { ART: 'arterial', PV: 'venous', DELAY: 'delayed' } as const;
    for (const p of manifest.cohort) {
      const input = PHASES.map((phase) => {
        const m = series.get(`${p.id}/${phase}`)!;
        return { seriesInstanceUid: m.seriesInstanceUid, studyInstanceUid: m.studyInstanceUid, ...m.metadata };
      });
      const assigned = assignPhases(input);
      expect(assigned.map((a) => a.phase)).toEqual(PHASES.map((ph) => toPhase[ph]));
      expect(assigned.every((a) => a.basis === 'description+timing')).toBe(true);
      const delays = assigned.map((a) => a.delaySeconds!);
      expect(delays[0]).toBeLessThan(delays[1]);
      expect(delays[1]).toBeLessThan(delays[2]);
    }
  });

  it('HU per tissue and phase: air, fat ≈ −100, muscle ≈ 50, aorta ≈ 300/150/90 (centre 1), bone, organs; centre offset and contrast gain', () => {
    const cohort = drawCohort({ patients: PATIENTS, seed: SEED });
    let checked = 0;
    for (const p of cohort.patients) {
      const centre = CENTRES[p.centre];
      const ph = drawPhantom(SEED, p);
      for (const phase of PHASES) {
        const volume = series.get(`${p.id}/${phase}`)!.volume;
        const truth = renderPhase(ph, phase, centre.contrastGain).tumour;
        const label = pureTissue(ph, phase, truth);
        const byTissue = new Map<number, number[]>();
        label.forEach((t, i) => {
          if (t < 0) return;
          const list = byTissue.get(t) ?? [];
          list.push(volume.data[i]);
          byTissue.set(t, list);
        });
        const expected = (t: Tissue): number => tissueHu(t, phase, centre.contrastGain) + centre.huOffset;
        checked += byTissue.has(TISSUE.LIVER) ? 1 : 0;
        // Median within 4 standard errors (1.2533·σ/√n_eff, n_eff = n/(4πρ²) for noise correlated over ρ voxels) + 2 HU of blur.
        const se = (n: number): number => (1.2533 * centre.noiseSd * ph.noiseFactor) / Math.sqrt(n / Math.max(1, 4 * Math.PI * centre.noiseCorrelation ** 2));
        for (const t of [TISSUE.FAT, TISSUE.MUSCLE, TISSUE.LIVER, TISSUE.SPLEEN] as const) {
          const values = byTissue.get(t) ?? [];
          if (t === TISSUE.FAT || t === TISSUE.MUSCLE) expect(values.length).toBeGreaterThan(30);
          if (values.length < 30) continue;
          expect(Math.abs(median(values) - expected(t)), `${p.id} ${phase} tissue ${t}`).toBeLessThan(4 * se(values.length) + 2);
        }
        expect(Math.abs(median(byTissue.get(TISSUE.FAT)!) - (-100 + centre.huOffset))).toBeLessThan(4);
        expect(Math.abs(median(byTissue.get(TISSUE.MUSCLE)!) - (tissueHu(TISSUE.MUSCLE, phase, centre.contrastGain) + centre.huOffset))).toBeLessThan(6);
        expect(median(byTissue.get(TISSUE.AIR)!)).toBeLessThan(-975);
        // aorta: the voxel column nearest its axis
        const aorta = ph.anatomy.organs.find((o) => o.name === 'aorta')!;
        const shift = ph.motion[phase];
        const i = Math.round((aorta.centre[0] + shift[0] - ph.grid.origin[0]) / ph.grid.spacing[0]);
        const j = Math.round((aorta.centre[1] + shift[1] - ph.grid.origin[1]) / ph.grid.spacing[1]);
        const [nx, ny, nz] = ph.grid.size;
        const column = Array.from({ length: nz }, (_, k) => i + nx * (j + ny * k)).filter((v) => !truth[v]);
        if (column.length >= 5) {
          const m = median(column.map((v) => volume.data[v]));
          expect(Math.abs(m - expected(TISSUE.AORTA)), `${p.id} ${phase} aorta`).toBeLessThan(25);
          if (p.centre === 'C1') expect(Math.abs(m - { ART: 300, PV: 150, DELAY: 90 }[phase])).toBeLessThan(25);
        }
        // vertebral body: bone well above soft tissue
        const spine = Math.round((ph.anatomy.spineY + shift[1] - ph.grid.origin[1]) / ph.grid.spacing[1]);
        const x0 = Math.round((shift[0] - ph.grid.origin[0]) / ph.grid.spacing[0]);
        expect(median(Array.from({ length: nz }, (_, k) => volume.data[x0 + nx * (spine + ny * k)]))).toBeGreaterThan(200);
      }
    }
    expect(checked).toBeGreaterThan(0); // the liver reached the check in some patient/phase
  });

  it('masks lie on the CT grid, cover the enhancing tumour, and the SEG equals the reader-1 label map', () => {
    for (const p of manifest.cohort) {
      for (const phase of PHASES) {
        const ct = series.get(`${p.id}/${phase}`)!;
        const info = p.phases![phase];
        for (const m of info.masks) {
          const mask = readNrrd(join(out, m.path)) as Volume<Uint8Array>;
          expect(mask.size).toEqual(ct.volume.size);
          expect(mask.spacing[0]).toBe(ct.volume.spacing[0]);
          expect(mask.spacing[1]).toBe(ct.volume.spacing[1]);
          expect(mask.spacing[2]).toBeCloseTo(ct.volume.spacing[2], 12);
          expect(mask.origin).toEqual(ct.volume.origin);
          expect(mask.direction).toEqual(ct.volume.direction);
          let n = 0;
          let sum = 0;
          for (let i = 0; i < mask.data.length; i++) {
            if (mask.data[i]) {
              n++;
              sum += ct.volume.data[i];
            }
          }
          expect(n).toBe(m.voxels);
          expect(Math.abs(n / info.trueTumourVoxels - 1)).toBeLessThan(0.2);
          // soft tissue on average: no air, fat or bone dominates the outline
          expect(sum / n).toBeGreaterThan(0);
          expect(sum / n).toBeLessThan(200);
        }
        const seg = readDicomSeg(readDicomFile(join(out, info.seg!)));
        expect(seg.referencedSeriesInstanceUid).toBe(ct.seriesInstanceUid);
        const { masks, warnings } = segToMasks(seg, ct.volume);
        expect(warnings).toEqual([]);
        expect(masks).toHaveLength(1);
        expect(masks[0].segment.label).toBe('Tumour');
        const nrrd = readNrrd(join(out, info.masks[0].path));
        expect(Array.from(masks[0].mask.data)).toEqual(Array.from(nrrd.data));
      }
    }
  });

  it('is deterministic: the same seed rewrites byte-identical files, another seed changes them', () => {
    const again = join(root, 'again');
    generateDemoCohort(again, { patients: PATIENTS, seed: SEED });
    const a = hashes(out);
    const b = hashes(again);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [file, h] of a) expect(b.get(file), file).toBe(h);
    const other = join(root, 'other');
    generateDemoCohort(other, { patients: 1, seed: SEED + 1 });
    const c = hashes(other);
    expect(c.get('clinical.csv')).not.toBe(a.get('clinical.csv'));
    const slice = join('dicom', 'DEMO-001', 'CT', 'PV', 'IM-0001.dcm');
    expect(c.get(slice)).toBeDefined();
    expect(c.get(slice)).not.toBe(a.get(slice));
  });

  it('imports into a project with every phase assigned and the reader-1 SEGs as segmentations', async () => {
    const project = initProject(join(tempDir(), 'p'), { appVersion: 'test' });
    const report = await importDicomFolder(project, join(out, 'dicom', 'DEMO-004'));
    expect(report.errors).toEqual([]);
    expect(report.review).toEqual([]);
    expect(report).toMatchObject({ patients: 1, seriesImported: 3, segmentationsImported: 3 });
    const phases = project.db.prepare('SELECT phase FROM volumes ORDER BY phase').all();
    expect(phases).toEqual([{ phase: 'arterial' }, { phase: 'delayed' }, { phase: 'venous' }]);
    expect(project.db.prepare('SELECT code FROM centres').all()).toEqual([{ code: CENTRES.C2.institutionName }]);
    project.close();
  });

  it('the CLI writes a metadata-only cohort and refuses a non-empty folder', async () => {
    const dir = join(tempDir(), 'meta');
    const ok = await run(['demo', 'generate', dir, '--patients', '60', '--metadata-only']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/wrote 60 patients: 41 train \(\d+ MDM\) at centre 1, 19 validation \(\d+ MDM\) at centre 2, 20 delineated twice/);
    expect(readdirSync(dir).sort()).toEqual(['clinical.csv', 'manifest.json', 'semantic_ratings.csv']);
    const again = await run(['demo', 'generate', dir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/is not empty/);
    expect((await run(['demo', 'generate', join(tempDir(), 'x'), '--patients', 'many'])).code).toBe(2);
    expect((await run(['demo', 'generate', join(tempDir(), 'x'), '--patients', '0'])).code).toBe(2);
  });
});
