import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CliError, opt, parseArgs, type Command } from '../command';
import { writePatientReport } from '../../main/export/pdf/patientReport';
import { PatientInputError } from '../../main/engine/reports/patientPrediction';
import { ReportFontError } from '../../main/export/pdf/fonts';
import { formatInterval, formatNumber } from '../../main/engine/reports/format';
import { readResultsFile, ResultsFileError } from '../../main/export/pdf/studyReport';
import { openProject } from '../../main/storage/project';
import { studyPatientValues } from '../../main/services/patientValues';
import { patientActivationMap } from '../../main/services/patientActivationMap';
import { resultsPathOf } from '../studyResults';

function version(): string {
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../../package.json', import.meta.url)), 'utf8')) as { version: string };
  return pkg.version;
}

/** Parses `key=value` pairs with '.' decimals (a decimal comma is refused rather than misread). */
export function parsePatientValues(pairs: readonly string[]): Record<string, number> {
  const values: Record<string, number> = {};
  for (const pair of pairs) {
    for (const item of pair.split(/\s+/).filter(Boolean)) {
      const eq = item.indexOf('=');
      if (eq <= 0) throw new CliError(`--patient-values: expected key=value, got '${item}'`, 2);
      const key = item.slice(0, eq);
      const text = item.slice(eq + 1);
      if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) throw new CliError(`--patient-values: ${key}='${text}' is not a number ('.' decimals)`, 2);
      values[key] = Number(text);
    }
  }
  return values;
}

/** `dlrn predict`: one patient's DLRN risk and the patient report PDF. */
export const predictCommand: Command = {
  name: 'predict',
  summary: "one patient's DLRN risk (nomogram points, interval, risk group) and the patient report PDF",
  usage: [
    'dlrn predict --results results.json --patient-values KEY=VALUE ... -o PATIENT.pdf [options]',
    'dlrn predict --patient ID --study NAME --project DIR -o PATIENT.pdf [options]',
    '  --results FILE          results.json written by `dlrn study run`',
    '  --patient ID            a study patient (pseudonym): score and clinical predictors from the study and the project',
    '  --study NAME            a study run on the project (DIR/studies/NAME/results.json), with --project DIR',
    '  --patient-values K=V    predictor values: score=… (the signature score) or every signature feature, and',
    '                          each clinical predictor of the DLRN (repeatable; several pairs per option allowed)',
    '  -o, --out FILE          the PDF to write',
    '  --name TEXT             patient name (any script; CJK supported)',
    '  --id TEXT               patient identifier',
    '  --note TEXT             free text (e.g. examination date)',
    '  --activation-map PNG    activation-map overlay image to include (with --patient, the overlay is otherwise',
    '                          computed from the project\'s deep feature run and the DLRN signature)',
  ].join('\n'),
  async run(args) {
    const p = parseArgs(args, ['--results', '--study', '--project', '--patient', '--patient-values', '-o', '--out', '--name', '--id', '--note', '--activation-map']);
    const out = opt(p, '-o', '--out');
    const given = p.options.get('--patient-values') ?? [];
    // `--patient-values a=1 b=2`: the pairs after the first arrive as positional arguments
    const stray = p.positional.filter((a) => !/^[^=\s]+=/.test(a));
    const pairs = given.length ? [...given, ...p.positional] : [];
    const patient = opt(p, '--patient');
    if (!out || stray.length || (!pairs.length && !patient) || (pairs.length && patient)) throw new CliError(`usage: ${this.usage.split('\n')[0]}\n   or: ${this.usage.split('\n')[1]}`, 2);
    const resultsPath = resultsPathOf(p);
    let values: Record<string, number>;
    let activation: Awaited<ReturnType<typeof patientActivationMap>> | undefined;
    if (patient) {
      const projectDir = opt(p, '--project');
      if (!projectDir) throw new CliError('--patient needs --project DIR (the clinical values come from the project)', 2);
      let results;
      try {
        results = readResultsFile(resultsPath).results;
      } catch (err) {
        if (err instanceof ResultsFileError) throw new CliError(err.message, 2);
        throw err;
      }
      const project = openProject(projectDir);
      try {
        try {
          values = studyPatientValues(project, results, patient);
        } catch (err) {
          throw new CliError((err as Error).message, 2);
        }
        if (!opt(p, '--activation-map')) activation = await patientActivationMap(project, results, patient);
      } finally {
        project.close();
      }
    } else {
      values = parsePatientValues(pairs);
    }
    try {
      const pred = await writePatientReport(resultsPath, out, {
        patient: { name: opt(p, '--name'), id: opt(p, '--id') ?? patient, note: opt(p, '--note') },
        values,
        activationMapPath: opt(p, '--activation-map'),
        activation,
        reporterVersion: version(),
      });
      if (activation && 'unavailable' in activation) console.log(`activation map not shown: ${activation.unavailable}`);
      const conf = `${formatNumber(pred.confLevel * 100, 0)}%`;
      console.log(
        `risk ${formatNumber(pred.risk, 3)} (${conf} CI ${formatInterval(pred.riskLower, pred.riskUpper, 3)}), total points ${formatNumber(pred.totalPoints, 1)}` +
          `${pred.riskGroup ? `, ${pred.riskGroup.level}-risk group` : ''}; wrote ${out}`,
      );
      return 0;
    } catch (err) {
      if (err instanceof PatientInputError) throw new CliError(err.message, 2);
      if (err instanceof ReportFontError) throw new CliError(err.message);
      if (err instanceof ResultsFileError) throw new CliError(err.message, 2);
      throw err;
    }
  },
};
