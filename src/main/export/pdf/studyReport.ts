/**
 * The study report PDF: `results.json` → report model (engine/reports/studyReport) → PDF. Reads the results
 * file, hashes it and the parameter files it can find (resolved against the results' folder and the
 * `baseDir` option), and writes the PDF.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { buildStudyReport, studyDefinitionOf } from '../../engine/reports/studyReport';
import { validateResults, type StudyResults } from '../../engine/study/resultsSchema';
import { renderReportPdf, type RenderOptions } from './render';

export interface StudyReportFileOptions extends RenderOptions {
  /** Report time (default now). */
  generatedAt?: Date;
  /** Extra folders to look for the definition's parameter files in (after the results' folder). */
  searchDirs?: string[];
  /** Version of the writing software (default: the results' software version). */
  reporterVersion?: string;
}

const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/** results.json cannot be read, is not JSON, or does not match its schema. */
export class ResultsFileError extends Error {
  override name = 'ResultsFileError';
}

/** Reads and validates results.json. @throws ResultsFileError naming the problem */
export function readResultsFile(path: string): { results: StudyResults; sha256: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new ResultsFileError(`${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new ResultsFileError(`${path} is not JSON: ${(err as Error).message}`);
  }
  try {
    return { results: validateResults(json), sha256: sha256(bytes) };
  } catch (err) {
    throw new ResultsFileError(`${path}: ${(err as Error).message}`);
  }
}

/** Renders the study report of an already-loaded results object. */
export function studyReportPdf(results: StudyResults, o: StudyReportFileOptions & { resultsSha256?: string; parameterFiles?: { path: string; sha256: string | null }[] } = {}): Promise<Buffer> {
  const report = buildStudyReport(results, {
    generatedAt: o.generatedAt ?? new Date(),
    resultsSha256: o.resultsSha256,
    parameterFiles: o.parameterFiles,
    reporterVersion: o.reporterVersion,
  });
  return renderReportPdf(report, o);
}

/** results.json → PDF file. Returns the number of bytes written. */
export async function writeStudyReport(resultsPath: string, outPath: string, o: StudyReportFileOptions = {}): Promise<number> {
  const { results, sha256: resultsSha256 } = readResultsFile(resultsPath);
  const dirs = [dirname(resolve(resultsPath)), ...(o.searchDirs ?? [])];
  const parameterFiles = studyDefinitionOf(results).extraction.parameterFiles.map((p) => {
    const found = isAbsolute(p) ? (existsSync(p) ? p : null) : (dirs.map((d) => resolve(d, p)).find((c) => existsSync(c)) ?? null);
    return { path: p, sha256: found ? sha256(readFileSync(found)) : null };
  });
  const pdf = await studyReportPdf(results, { ...o, resultsSha256, parameterFiles });
  writeFileSync(outPath, pdf);
  return pdf.length;
}
