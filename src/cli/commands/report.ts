import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CliError, opt, parseArgs, type Command } from '../command';
import { resultsPathOf } from '../studyResults';
import { buildStudyReport } from '../../main/engine/reports/studyReport';
import { readResultsFile, ResultsFileError, writeStudyReport } from '../../main/export/pdf/studyReport';
import { ReportFontError } from '../../main/export/pdf/fonts';
import { reportFigures, writeFigureSvgs, writeTableCsvs } from '../../main/export/csv';
import { tablesXlsx } from '../../main/export/xlsx';
import { PNG_DPI, writeFigurePngs } from '../../main/export/png';

function version(): string {
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../../package.json', import.meta.url)), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * `dlrn report`: the study report PDF of a run's results.json, optionally with the tables (CSV/XLSX) and the
 * figures (SVG and 300-dpi PNG).
 */
export const reportCommand: Command = {
  name: 'report',
  summary: 'study report PDF (methods, Tables 1-3, figures, provenance) from a results.json; tables as CSV/XLSX, figures as SVG and PNG',
  usage: [
    'dlrn report --results OUT_DIR/results.json -o REPORT.pdf [options]',
    'dlrn report --study NAME --project DIR -o REPORT.pdf [options]',
    '  --results FILE    results.json written by `dlrn study run`',
    '  --study NAME      a study run on the project (DIR/studies/NAME/results.json), with --project DIR',
    '  -o, --out FILE    the PDF to write',
    '  --tables DIR      also write every table as CSV (as printed, and results.json\'s numeric tables)',
    '  --xlsx FILE       also write the tables as one XLSX workbook (a sheet per table)',
    `  --figures DIR     also write every figure as SVG (vector) and PNG (${PNG_DPI} dpi at print size, bundled fonts)`,
    '  --bom             start CSV files with a UTF-8 byte-order mark (for Excel)',
    '  --params-dir DIR  folder holding the study\'s parameter files (for their SHA-256 in the provenance appendix)',
    'Fonts are bundled; set DLRN_CJK_FONT to a CJK font file for characters outside the bundled GBK subset.',
  ].join('\n'),
  async run(args) {
    const p = parseArgs(args, ['--results', '--study', '--project', '-o', '--out', '--tables', '--xlsx', '--figures', '--params-dir'], ['--bom']);
    const out = opt(p, '-o', '--out');
    if (!out || p.positional.length) throw new CliError(`usage: ${this.usage.split('\n')[0]}`, 2);
    const resultsPath = resultsPathOf(p);
    const generatedAt = new Date();
    const reporterVersion = version();
    let results;
    try {
      results = readResultsFile(resultsPath);
    } catch (err) {
      if (err instanceof ResultsFileError) throw new CliError(err.message, 2);
      throw err;
    }
    try {
      const paramsDir = opt(p, '--params-dir');
      const bytes = await writeStudyReport(resultsPath, out, { generatedAt, reporterVersion, searchDirs: paramsDir ? [paramsDir] : [] });
      console.log(`wrote ${out} (${bytes} bytes)`);
    } catch (err) {
      if (err instanceof ReportFontError) throw new CliError(err.message);
      throw err;
    }
    const tables = opt(p, '--tables');
    const xlsx = opt(p, '--xlsx');
    const figures = opt(p, '--figures');
    if (tables || xlsx || figures) {
      const model = buildStudyReport(results.results, { generatedAt, reporterVersion, resultsSha256: results.sha256 });
      if (tables) console.log(`wrote ${writeTableCsvs(model, results.results, tables, { bom: p.flags.has('--bom') }).length} CSV tables to ${tables}`);
      if (xlsx) {
        writeFileSync(xlsx, tablesXlsx(model, results.results));
        console.log(`wrote ${xlsx}`);
      }
      if (figures) {
        const list = reportFigures(model);
        const svgs = writeFigureSvgs(list, figures).length;
        const pngs = writeFigurePngs(list, figures).length;
        console.log(`wrote ${svgs} SVG and ${pngs} PNG figures to ${figures}`);
      }
    }
    return 0;
  },
};
