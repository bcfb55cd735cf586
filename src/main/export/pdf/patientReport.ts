/**
 * The patient report PDF: results.json + one patient's predictor values (+ activation-map overlay) →
 * report model (engine/reports/patientReport) → one- or two-page PDF.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { buildPatientReport, type PatientDetails } from '../../engine/reports/patientReport';
import type { PatientPrediction } from '../../engine/reports/patientPrediction';
import type { StudyResults } from '../../engine/study/resultsSchema';
import type { Figure } from '../../engine/reports/figures/svg';
import { renderReportPdf, type RenderOptions } from './render';
import { readResultsFile } from './studyReport';

export interface PatientReportFileOptions extends RenderOptions {
  patient: PatientDetails;
  values: Record<string, number>;
  /** PNG file of an activation-map overlay. */
  activationMapPath?: string;
  activationMapCaption?: string;
  /** The overlay computed from the project (or why not); used when no PNG file is given. */
  activation?: { figure: Figure; caption: string } | { unavailable: string };
  generatedAt?: Date;
  reporterVersion?: string;
}

/** Renders the patient report of an already-loaded results object. */
export async function patientReportPdf(
  results: StudyResults,
  o: Omit<PatientReportFileOptions, 'activationMapPath'> & { activationMap?: Uint8Array; resultsSha256?: string },
): Promise<{ pdf: Buffer; prediction: PatientPrediction }> {
  const { report, prediction } = buildPatientReport(results, {
    generatedAt: o.generatedAt ?? new Date(),
    patient: o.patient,
    values: o.values,
    activationMap: o.activationMap ? { png: o.activationMap, caption: o.activationMapCaption } : o.activation,
    resultsSha256: o.resultsSha256,
    reporterVersion: o.reporterVersion,
  });
  return { pdf: await renderReportPdf(report, o), prediction };
}

/** results.json + patient → PDF file; returns the prediction shown. */
export async function writePatientReport(resultsPath: string, outPath: string, o: PatientReportFileOptions): Promise<PatientPrediction> {
  const { results, sha256 } = readResultsFile(resultsPath);
  const activationMap = o.activationMapPath ? readFileSync(o.activationMapPath) : undefined;
  const { pdf, prediction } = await patientReportPdf(results, { ...o, activationMap, resultsSha256: sha256 });
  writeFileSync(outPath, pdf);
  return prediction;
}
