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
import { formatDicomTime } from '../io/dicom/writeImage';
import { encodeNrrd } from '../io/nrrdWrite';
import { CENTRES, PHASES, type PhaseName } from './centres';
import { drawCohort, type DemoCohortOptions, type DemoPatient } from './cohort';
import { demoStudy, segReference, SERIES_NUMBER, writeCtSeries, type DemoStudy } from './ctSeries';
import { PLANTED_MODEL, riskScores } from './latentModel';
import { DEMO_GENERATOR_VERSION, type DemoManifest, type ManifestPatient, type ManifestPhase } from './manifest';
import { drawPhantom } from './phantom';
import { streamFor } from './random';
import { delineate, READER_STYLES, type MaskReader } from './readerMasks';
import { renderPhase } from './render';
import { scanPhase } from './scanner';
import { encodeTumourSeg } from './segFile';
import { RATING_MODEL } from './semanticRatings';
import { clinicalCsv, extractionCasesCsv, reliabilityCasesCsv, semanticRatingsCsv } from './tables';
import { demoUid } from './uids';

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

function count(mask: Uint8Array): number {
  let n = 0;
  for (const v of mask) n += v;
  return n;
}

/** Noon of the study day in local time, so segExport's local-time fields are the same in every zone. */
function studyNoon(studyDate: string): Date {
  return new Date(Number(studyDate.slice(0, 4)), Number(studyDate.slice(4, 6)) - 1, Number(studyDate.slice(6, 8)), 12, 0, 0);
}

/** Renders, scans and writes one phase: CT series, the readers' NRRD masks, reader 1's SEG. */
function writePhase(outDir: string, s: DemoStudy, phase: PhaseName, writeSeg: boolean): ManifestPhase {
  const { seed, patient: p, phantom: ph } = s;
  const centre = CENTRES[p.centre];
  const rendered = renderPhase(ph, phase, centre.contrastGain);
  const hu = scanPhase(rendered.hu, ph.grid, centre, ph.noiseFactor, streamFor(seed, 'noise', p.index, phase));
  const series = writeCtSeries(outDir, s, phase, hu);
  const readers: MaskReader[] = p.repeatDelineation ? ['reader1', 'reader2', 'reader1_repeat'] : ['reader1'];
  mkdirSync(join(outDir, 'masks', p.id), { recursive: true });
  const masks: ManifestPhase['masks'] = [];
  let reader1: Volume<Uint8Array> | undefined;
  for (const reader of readers) {
    const volume: Volume<Uint8Array> = {
      size: [...ph.grid.size],
      spacing: [...ph.grid.spacing],
      origin: [...ph.grid.origin],
      direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
      data: delineate(seed, p.index, ph, phase, reader),
    };
    if (reader === 'reader1') reader1 = volume;
    const path = `masks/${p.id}/${reader}_${phase}.nrrd`;
    writeFileSync(join(outDir, path), encodeNrrd(volume));
    masks.push({ reader, path, voxels: count(volume.data) });
  }
  let seg: string | undefined;
  if (writeSeg && reader1) {
    seg = `dicom/${p.id}/SEG/reader1_${phase}.dcm`;
    mkdirSync(join(outDir, 'dicom', p.id, 'SEG'), { recursive: true });
    const options = {
      seriesDescription: `Tumour reader 1 ${phase}`,
      seriesNumber: 300 + SERIES_NUMBER[phase],
      contentLabel: 'TUMOUR',
      contentCreatorName: 'Reader1',
      softwareVersion: `dlrn-demo ${DEMO_GENERATOR_VERSION}`,
      now: studyNoon(ph.timing.studyDate),
      seriesInstanceUid: demoUid(seed, 'seg-series', p.id, phase),
      sopInstanceUid: demoUid(seed, 'seg-sop', p.id, phase),
    };
    writeFileSync(join(outDir, seg), encodeTumourSeg(reader1, segReference(s, series), options, demoUid(seed, 'seg-dimension-organization', p.id, phase)));
  }
  return {
    seriesInstanceUid: series.seriesInstanceUid,
    seriesDescription: centre.seriesDescription[phase],
    seriesNumber: SERIES_NUMBER[phase],
    dir: series.dir,
    slices: ph.grid.size[2],
    acquisitionTime: formatDicomTime(ph.timing.phaseStart[phase]),
    motionMm: [...ph.motion[phase]],
    trueTumourVoxels: count(rendered.tumour),
    masks,
    ...(seg ? { seg } : {}),
  };
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
  const cohort = drawCohort(options);
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
      const study = demoStudy(cohort.seed, p, ph);
      entry.studyInstanceUid = study.studyInstanceUid;
      entry.frameOfReferenceUid = study.frameOfReferenceUid;
      entry.contrastBolusStartTime = formatDicomTime(ph.timing.bolusStart);
      entry.grid = { size: [...ph.grid.size], spacing: [...ph.grid.spacing], origin: [...ph.grid.origin] };
      const phases = {} as Record<PhaseName, ManifestPhase>;
      for (const phase of PHASES) phases[phase] = writePhase(outDir, study, phase, options.seg ?? true);
      entry.phases = phases;
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
