import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CliError, opt, parseArgs, type Command } from '../command';
import { writePatientReport } from '../../main/export/pdf/patientReport';
import { PatientInputError } from '../../main/engine/reports/patientPrediction';
import { ReportFontError } from '../../main/export/pdf/fonts';
import { formatInterval, formatNumber } from '../../main/engine/reports/format';
import { ResultsFileError } from '../../main/export/pdf/studyReport';

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
    '  --results FILE          results.json written by `dlrn study run`',
    '  --patient-values K=V    predictor values: score=… (the signature score) or every signature feature, and',
    '                          each clinical predictor of the DLRN (repeatable; several pairs per option allowed)',
    '  -o, --out FILE          the PDF to write',
    '  --name TEXT             patient name (any script; CJK supported)',
    '  --id TEXT               patient identifier',
    '  --note TEXT             free text (e.g. examination date)',
    '  --activation-map PNG    activation-map overlay image to include',
  ].join('\n'),
  async run(args) {
    const p = parseArgs(args, ['--results', '--patient-values', '-o', '--out', '--name', '--id', '--note', '--activation-map']);
    const resultsPath = opt(p, '--results');
    const out = opt(p, '-o', '--out');
    const given = p.options.get('--patient-values') ?? [];
    // `--patient-values a=1 b=2`: the pairs after the first arrive as positional arguments
    const stray = p.positional.filter((a) => !/^[^=\s]+=/.test(a));
    const pairs = given.length ? [...given, ...p.positional] : [];
    if (!resultsPath || !out || !pairs.length || stray.length) throw new CliError(`usage: ${this.usage.split('\n')[0]}`, 2);
    const values = parsePatientValues(pairs);
    try {
      const pred = await writePatientReport(resultsPath, out, {
        patient: { name: opt(p, '--name'), id: opt(p, '--id'), note: opt(p, '--note') },
        values,
        activationMapPath: opt(p, '--activation-map'),
        reporterVersion: version(),
      });
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
