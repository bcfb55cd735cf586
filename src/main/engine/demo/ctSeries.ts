/**
 * The DICOM side of one demo patient: study-level identity (UIDs from the seed, names, dates) and
 * one CT Image Storage series per phase, written slice by slice with `io/dicom/writeImage.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SegReference } from '../io/dicom/segExport';
import { encodeCtImage, formatDicomTime, storedPixels } from '../io/dicom/writeImage';
import { CENTRES, type PhaseName } from './centres';
import type { DemoPatient } from './cohort';
import { DEMO_GENERATOR_VERSION } from './manifest';
import type { PatientPhantom } from './phantom';
import { demoUid } from './uids';

/** Series numbers of the phases (1 and 2 would be the scout and the unenhanced scan). */
export const SERIES_NUMBER: Record<PhaseName, number> = { ART: 3, PV: 4, DELAY: 5 };

/** Attributes shared by every object of one patient's study. */
export interface DemoStudy {
  seed: number;
  patient: DemoPatient;
  phantom: PatientPhantom;
  studyInstanceUid: string;
  frameOfReferenceUid: string;
}

/** The study of `patient`: UIDs demoUid(seed, 'study' | 'frame', id). */
export function demoStudy(seed: number, patient: DemoPatient, phantom: PatientPhantom): DemoStudy {
  return { seed, patient, phantom, studyInstanceUid: demoUid(seed, 'study', patient.id), frameOfReferenceUid: demoUid(seed, 'frame', patient.id) };
}

interface PatientAttributes {
  patientName: string;
  patientId: string;
  patientSex: string;
  studyDate: string;
  studyTime: string;
  studyId: string;
  accessionNumber: string;
}

function patientAttributes(s: DemoStudy): PatientAttributes {
  const p = s.patient;
  return {
    patientName: `DEMO^${p.id}`,
    patientId: p.id,
    patientSex: p.sex,
    studyDate: s.phantom.timing.studyDate,
    studyTime: formatDicomTime(s.phantom.timing.studyTime),
    studyId: '1',
    accessionNumber: `A${p.id.replace(/\D/g, '')}`,
  };
}

export interface WrittenSeries {
  /** Folder, relative to the cohort folder. */
  dir: string;
  seriesInstanceUid: string;
  /** SOP Instance UIDs in slice (z) order. */
  sopInstanceUids: string[];
}

/**
 * Writes the CT series of `phase` from integer HU `hu` (x fastest, the phantom grid) into
 * `outDir/dicom/<ID>/CT/<phase>/IM-0001.dcm …`: the centre's scanner, kernel, series description
 * and rescale intercept; ContrastBolusStartTime and per-slice AcquisitionTime (phase start + 0.1 s
 * per slice) from the phantom's timing.
 */
export function writeCtSeries(outDir: string, s: DemoStudy, phase: PhaseName, hu: Int16Array): WrittenSeries {
  const { seed, patient: p, phantom: ph } = s;
  const centre = CENTRES[p.centre];
  const [nx, ny, nz] = ph.grid.size;
  const dir = `dicom/${p.id}/CT/${phase}`;
  mkdirSync(join(outDir, dir), { recursive: true });
  const seriesInstanceUid = demoUid(seed, 'series', p.id, phase);
  const sopInstanceUids: string[] = [];
  for (let k = 0; k < nz; k++) {
    const sopInstanceUid = demoUid(seed, 'sop', p.id, phase, k);
    sopInstanceUids.push(sopInstanceUid);
    const bytes = encodeCtImage({
      ...patientAttributes(s),
      patientAge: `${String(p.age).padStart(3, '0')}Y`,
      studyInstanceUid: s.studyInstanceUid,
      studyDescription: 'CT ABDOMEN PELVIS 3-PHASE',
      seriesInstanceUid,
      seriesNumber: SERIES_NUMBER[phase],
      seriesDescription: centre.seriesDescription[phase],
      bodyPartExamined: 'ABDOMEN',
      protocolName: 'Abdomen 3-phase',
      frameOfReferenceUid: s.frameOfReferenceUid,
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
  return { dir, seriesInstanceUid, sopInstanceUids };
}

/** What a SEG drawn on `series` must reference. */
export function segReference(s: DemoStudy, series: WrittenSeries): SegReference {
  return {
    ...patientAttributes(s),
    studyInstanceUid: s.studyInstanceUid,
    seriesInstanceUid: series.seriesInstanceUid,
    frameOfReferenceUid: s.frameOfReferenceUid,
    slices: series.sopInstanceUids.map((sopInstanceUid) => ({ sopInstanceUid })),
  };
}
