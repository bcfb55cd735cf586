/**
 * Writes the demo cohort to a folder:
 *
 *   manifest.json                          patients, phases, files, planted model, version + seed
 *   clinical.csv                           Table 1 variables, outcome, follow-up (reader 1's ratings)
 *   semantic_ratings.csv                   both readers' semantic ratings
 *   extraction_cases.csv                   `dlrn extract` batch list: reader 1, phases A_/V_/D_
 *   reliability_cases.csv                  `dlrn extract` batch list of every reading of the repeat subset
 *   dicom/<ID>/CT/<ART|PV|DELAY>/IM-0001.dcm … one CT series per phase (5-mm axial slices)
 *   dicom/<ID>/SEG/reader1_<phase>.dcm     reader 1's outline as DICOM SEG referencing that series
 *   masks/<ID>/<reader>_<phase>.nrrd       tumour label maps (value 1) on the phase's CT grid:
 *                                          reader1 for everyone, reader2 and reader1_repeat for
 *                                          the repeat-delineation subset
 *
 * `dicom/` holds only DICOM files, so it can be imported as a folder. Every byte depends only on
 * the seed, the patient count and the generator version.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Volume } from '../image/volume';
import { encodeCtImage, formatDicomTime, storedPixels } from '../io/dicom/writeImage';
import { encodeNrrd } from '../io/nrrdWrite';
import { CENTRES, PHASES, type PhaseName } from './centres';
import { drawCohort, type DemoCohort, type DemoCohortOptions, type DemoPatient } from './cohort';
import { PLANTED_MODEL, riskScores } from './latentModel';
import { drawPhantom, type PatientPhantom } from './phantom';
import { streamFor } from './random';
import { delineate, READER_STYLES, type MaskReader } from './readerMasks';
import { renderPhase } from './render';
import { scanPhase } from './scanner';
import { encodeTumourSeg } from './segFile';
import { RATING_MODEL } from './semanticRatings';
import { clinicalCsv, extractionCasesCsv, reliabilityCasesCsv, semanticRatingsCsv } from './tables';
import { demoUid } from './uids';

/** Bump when any output byte for a given seed changes. */
export const DEMO_GENERATOR_VERSION = '1.0.0';

/** Seed of `dlrn demo generate` when none is given. */
export const DEMO_DEFAULT_SEED = 20230531;

export interface DemoGenerateOptions extends DemoCohortOptions {
  /** Write CT series, masks and SEGs (default true); false = tables and manifest only. */
  images?: boolean;
  /** Also write reader 1's outlines as DICOM SEG (default true). */
  seg?: boolean;
  /** Called after each patient's files are written. */
  onPatient?: (patient: DemoPatient, done: number, total: number) => void;
}

export interface ManifestPhase {
  seriesInstanceUid: string;
  seriesDescription: string;
  seriesNumber: number;
  /** Folder of the series, relative to the cohort folder ('/' separated). */
  dir: string;
  slices: number;
  /** DICOM TM of the first slice. */
  acquisitionTime: string;
  /** Rigid patient shift of this phase relative to the arterial phase, mm (ground truth). */
  motionMm: [number, number, number];
  /** Voxels of the true (noise-free) tumour on this phase's grid. */
  trueTumourVoxels: number;
  masks: { reader: MaskReader; path: string; voxels: number }[];
  seg?: string;
}

export interface ManifestPatient {
  id: string;
  centre: string;
  cohort: string;
  repeatDelineation: boolean;
  studyInstanceUid?: string;
  frameOfReferenceUid?: string;
  contrastBolusStartTime?: string;
  grid?: { size: number[]; spacing: number[]; origin: number[] };
  phases?: Record<PhaseName, ManifestPhase>;
  /** The drawn outcome (as in clinical.csv). */
  outcome: { mdm: 0 | 1; followupMonths: number; event: 0 | 1 };
  /** Ground truth: latent traits, image phenotype, planted risk. */
  truth: {
    traits: DemoPatient['traits'];
    phenotype: DemoPatient['phenotype'];
    riskScores: ReturnType<typeof riskScores>;
    linearPredictor: number;
    mdmProbability: number;
  };
}

export interface DemoManifest {
  generator: { name: string; version: string; seed: number };
  patients: number;
  trainingPatients: number;
  repeatPatients: number;
  images: boolean;
  files: { clinical: string; semanticRatings: string; extractionCases?: string; reliabilityCases?: string };
  phases: readonly PhaseName[];
  centres: typeof CENTRES;
  plantedModel: typeof PLANTED_MODEL;
  ratingModel: typeof RATING_MODEL;
  readerStyles: typeof READER_STYLES;
  cohort: ManifestPatient[];
}

const SERIES_NUMBER: Record<PhaseName, number> = { ART: 3, PV: 4, DELAY: 5 };

function count(mask: Uint8Array): number {
  let n = 0;
  for (const v of mask) n += v;
  return n;
}

/** Noon of the study day in local time, so segExport's local-time fields are the same in every zone. */
function studyNoon(studyDate: string): Date {
  return new Date(Number(studyDate.slice(0, 4)), Number(studyDate.slice(4, 6)) - 1, Number(studyDate.slice(6, 8)), 12, 0, 0);
}

function writePatient(outDir: string, seed: number, p: DemoPatient, ph: PatientPhantom, writeSeg: boolean): Record<PhaseName, ManifestPhase> {
  const centre = CENTRES[p.centre];
  const [nx, ny, nz] = ph.grid.size;
  const studyInstanceUid = demoUid(seed, 'study', p.id);
  const frameOfReferenceUid = demoUid(seed, 'frame', p.id);
  const studyTime = formatDicomTime(ph.timing.studyTime);
  const phases = {} as Record<PhaseName, ManifestPhase>;
  const readers: MaskReader[] = p.repeatDelineation ? ['reader1', 'reader2', 'reader1_repeat'] : ['reader1'];
  for (const phase of PHASES) {
    const rendered = renderPhase(ph, phase, centre.contrastGain);
    const hu = scanPhase(rendered.hu, ph.grid, centre, ph.noiseFactor, streamFor(seed, 'noise', p.index, phase));
    const dir = `dicom/${p.id}/CT/${phase}`;
    mkdirSync(join(outDir, dir), { recursive: true });
    const seriesInstanceUid = demoUid(seed, 'series', p.id, phase);
    const sopUids: string[] = [];
    for (let k = 0; k < nz; k++) {
      const sopInstanceUid = demoUid(seed, 'sop', p.id, phase, k);
      sopUids.push(sopInstanceUid);
      const bytes = encodeCtImage({
        patientName: `DEMO^${p.id}`,
        patientId: p.id,
        patientSex: p.sex,
        patientAge: `${String(p.age).padStart(3, '0')}Y`,
        studyInstanceUid,
        studyDate: ph.timing.studyDate,
        studyTime,
        studyId: '1',
        accessionNumber: `A${p.id.replace(/\D/g, '')}`,
        studyDescription: 'CT ABDOMEN PELVIS 3-PHASE',
        seriesInstanceUid,
        seriesNumber: SERIES_NUMBER[phase],
        seriesDescription: centre.seriesDescription[phase],
        bodyPartExamined: 'ABDOMEN',
        protocolName: 'Abdomen 3-phase',
        frameOfReferenceUid,
        manufacturer: centre.manufacturer,
        manufacturerModelName: centre.manufacturerModelName,
        institutionName: centre.institutionName,
        stationName: centre.stationName,
        softwareVersions: `dlrn-demo ${DEMO_GENERATOR_VERSION}`,
        kvp: centre.kvp,
        xRayTubeCurrent: centre.tubeCurrent,
        convolutionKernel: centre.convolutionKernel,
        sliceThickness: ph.grid.spacing[2],
        contrast: { agent: centre.contrastAgent, route: 'IV', volume: centre.contrastVolume, startTime: formatDicomTime(ph.timing.bolusStart), ingredient: 'IODINE' },
        acquisitionNumber: SERIES_NUMBER[phase] - 2,
        seriesTime: formatDicomTime(ph.timing.phaseStart[phase]),
        acquisitionTime: formatDicomTime(ph.timing.phaseStart[phase] + 0.1 * k),
        sopInstanceUid,
        instanceNumber: k + 1,
        imagePositionPatient: [ph.grid.origin[0], ph.grid.origin[1], ph.grid.origin[2] + k * ph.grid.spacing[2]],
        pixelSpacing: [ph.grid.spacing[1], ph.grid.spacing[0]],
        rows: ny,
        columns: nx,
        rescaleIntercept: centre.rescaleIntercept,
        rescaleSlope: 1,
        pixels: storedPixels(hu, k * nx * ny, nx * ny, 1, centre.rescaleIntercept),
      });
      writeFileSync(join(outDir, dir, `IM-${String(k + 1).padStart(4, '0')}.dcm`), bytes);
    }
    mkdirSync(join(outDir, 'masks', p.id), { recursive: true });
    const masks: ManifestPhase['masks'] = [];
    let reader1: Volume<Uint8Array> | undefined;
    for (const reader of readers) {
      const volume: Volume<Uint8Array> = { size: [nx, ny, nz], spacing: [...ph.grid.spacing], origin: [...ph.grid.origin], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], data: delineate(seed, p.index, ph, phase, reader) };
      if (reader === 'reader1') reader1 = volume;
      const path = `masks/${p.id}/${reader}_${phase}.nrrd`;
      writeFileSync(join(outDir, path), encodeNrrd(volume));
      masks.push({ reader, path, voxels: count(volume.data) });
    }
    let seg: string | undefined;
    if (writeSeg && reader1) {
      seg = `dicom/${p.id}/SEG/reader1_${phase}.dcm`;
      mkdirSync(join(outDir, 'dicom', p.id, 'SEG'), { recursive: true });
      const bytes = encodeTumourSeg(
        reader1,
        {
          studyInstanceUid,
          seriesInstanceUid,
          frameOfReferenceUid,
          slices: sopUids.map((sopInstanceUid) => ({ sopInstanceUid })),
          patientName: `DEMO^${p.id}`,
          patientId: p.id,
          patientSex: p.sex,
          studyDate: ph.timing.studyDate,
          studyTime,
          studyId: '1',
          accessionNumber: `A${p.id.replace(/\D/g, '')}`,
        },
        {
          seriesDescription: `Tumour reader 1 ${phase}`,
          seriesNumber: 300 + SERIES_NUMBER[phase],
          contentLabel: 'TUMOUR',
          contentCreatorName: 'Reader1',
          softwareVersion: `dlrn-demo ${DEMO_GENERATOR_VERSION}`,
          now: studyNoon(ph.timing.studyDate),
          seriesInstanceUid: demoUid(seed, 'seg-series', p.id, phase),
          sopInstanceUid: demoUid(seed, 'seg-sop', p.id, phase),
        },
        demoUid(seed, 'seg-dimension-organization', p.id, phase),
      );
      writeFileSync(join(outDir, seg), bytes);
    }
    phases[phase] = {
      seriesInstanceUid,
      seriesDescription: centre.seriesDescription[phase],
      seriesNumber: SERIES_NUMBER[phase],
      dir,
      slices: nz,
      acquisitionTime: formatDicomTime(ph.timing.phaseStart[phase]),
      motionMm: [...ph.motion[phase]],
      trueTumourVoxels: count(rendered.tumour),
      masks,
      ...(seg ? { seg } : {}),
    };
  }
  return phases;
}

function truthOf(p: DemoPatient): ManifestPatient['truth'] {
  return {
    traits: p.traits,
    phenotype: p.phenotype,
    riskScores: riskScores(p.traits, p.phenotype),
    linearPredictor: p.linearPredictor,
    mdmProbability: p.mdmProbability,
  };
}

/**
 * Draws the cohort and writes it to `outDir` (created if missing). Returns the manifest, which is
 * also written as `manifest.json`.
 */
export function generateDemoCohort(outDir: string, options: DemoGenerateOptions): DemoManifest {
  const cohort: DemoCohort = drawCohort(options);
  const images = options.images ?? true;
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'clinical.csv'), clinicalCsv(cohort));
  writeFileSync(join(outDir, 'semantic_ratings.csv'), semanticRatingsCsv(cohort));
  const entries: ManifestPatient[] = [];
  cohort.patients.forEach((p, k) => {
    const entry: ManifestPatient = {
      id: p.id,
      centre: p.centre,
      cohort: p.cohort,
      repeatDelineation: p.repeatDelineation,
      outcome: { mdm: p.mdm, followupMonths: p.followupMonths, event: p.event },
      truth: truthOf(p),
    };
    if (images) {
      const ph = drawPhantom(cohort.seed, p);
      entry.studyInstanceUid = demoUid(cohort.seed, 'study', p.id);
      entry.frameOfReferenceUid = demoUid(cohort.seed, 'frame', p.id);
      entry.contrastBolusStartTime = formatDicomTime(ph.timing.bolusStart);
      entry.grid = { size: [...ph.grid.size], spacing: [...ph.grid.spacing], origin: [...ph.grid.origin] };
      entry.phases = writePatient(outDir, cohort.seed, p, ph, options.seg ?? true);
    }
    entries.push(entry);
    options.onPatient?.(p, k + 1, cohort.patients.length);
  });
  if (images) {
    writeFileSync(join(outDir, 'extraction_cases.csv'), extractionCasesCsv(entries));
    writeFileSync(join(outDir, 'reliability_cases.csv'), reliabilityCasesCsv(entries));
  }
  const manifest: DemoManifest = {
    generator: { name: 'dlrn demo generate', version: DEMO_GENERATOR_VERSION, seed: cohort.seed },
    patients: cohort.patients.length,
    trainingPatients: cohort.trainingPatients,
    repeatPatients: cohort.repeatPatients,
    images,
    files: {
      clinical: 'clinical.csv',
      semanticRatings: 'semantic_ratings.csv',
      ...(images ? { extractionCases: 'extraction_cases.csv', reliabilityCases: 'reliability_cases.csv' } : {}),
    },
    phases: PHASES,
    centres: CENTRES,
    plantedModel: PLANTED_MODEL,
    ratingModel: RATING_MODEL,
    readerStyles: READER_STYLES,
    cohort: entries,
  };
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
