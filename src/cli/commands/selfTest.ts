import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError, opt, parseArgs, type Command } from '../command';
import { IBSI_CONFIG_IDS, type IbsiConfigId, type IbsiMode } from '../../main/engine/radiomics/ibsi/configurations';
import { isIbsiDataRoot, runIbsiCompliance } from '../../main/engine/radiomics/ibsi/compliance';
import { formatComplianceReport } from '../../main/engine/radiomics/ibsi/complianceTable';

/** The IBSI data of a development checkout (the oracle folder beside the repository), if present. */
const CHECKOUT_DATA = fileURLToPath(new URL('../../../../shared/oracle/ibsi', import.meta.url));

function version(): string {
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../../package.json', import.meta.url)), 'utf8')) as { version: string };
  return pkg.version;
}

function list<T extends string>(value: string | undefined, allowed: readonly T[], name: string): T[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = items.filter((s) => !(allowed as readonly string[]).includes(s));
  if (bad.length || items.length === 0) throw new CliError(`${name}: unknown value(s) ${bad.join(', ') || '(empty)'}; choose from ${allowed.join(', ')}`, 2);
  return items as T[];
}

/** The IBSI data root: --data, else $DLRN_IBSI_DATA, else the development checkout's oracle copy. */
function dataRoot(option: string | undefined): string {
  const root = option ?? process.env.DLRN_IBSI_DATA ?? (existsSync(CHECKOUT_DATA) ? CHECKOUT_DATA : undefined);
  if (!root) {
    throw new CliError(
      'no IBSI data: pass --data DIR (or set DLRN_IBSI_DATA) pointing to a folder with data_sets/ (github.com/theibsi/data_sets), ibsi_2_reference_data/ and z-rad_tests_data/ (IBSI reference sheets); see docs/IBSI.md',
      2,
    );
  }
  if (!isIbsiDataRoot(resolve(root))) throw new CliError(`${root}: not an IBSI data folder (expected data_sets/ibsi_1_ct_radiomics_phantom and z-rad_tests_data/); see docs/IBSI.md`, 2);
  return resolve(root);
}

/**
 * `dlrn self-test`: the IBSI compliance check of the installed radiomics engine (digital phantom, CT
 * phantom configurations A–E in both modes, IBSI-2 filter maps) with a citable table. Exit 0 when
 * every judged value passes, 1 on an unexpected deviation, 2 on usage or missing data.
 */
export const selfTestCommand: Command = {
  name: 'self-test',
  summary: 'IBSI compliance check of the radiomics engine (IBSI-1 phantoms, configs A–E, IBSI-2 filters) with a citable table',
  usage: [
    'dlrn self-test [options]',
    '  --data DIR          IBSI data folder (default: $DLRN_IBSI_DATA, else the checkout\'s reference data); layout in docs/IBSI.md',
    `  --configs LIST      data sets to check, comma-separated (default ${IBSI_CONFIG_IDS.join(',')})`,
    '  --modes LIST        pyradiomics,ibsi (default both)',
    '  --no-maps           skip the IBSI-2 filter response maps',
    '  -o, --out FILE      also write the report here',
  ].join('\n'),
  async run(args) {
    const p = parseArgs(args, ['--data', '--configs', '--modes', '-o', '--out'], ['--no-maps']);
    if (p.positional.length) throw new CliError(`unexpected argument '${p.positional[0]}'`, 2);
    const root = dataRoot(opt(p, '--data'));
    const configs = list<IbsiConfigId>(opt(p, '--configs'), IBSI_CONFIG_IDS, '--configs');
    const modes = list<IbsiMode>(opt(p, '--modes'), ['pyradiomics', 'ibsi'], '--modes');
    const report = runIbsiCompliance(root, { configs, modes, maps: !p.flags.has('--no-maps') });
    const text = formatComplianceReport(report, `IBSI compliance of the DLRN Studio ${version()} radiomics engine (Node ${process.versions.node})`);
    process.stdout.write(text);
    const out = opt(p, '-o', '--out');
    if (out) writeFileSync(out, text);
    return report.unexpected.length === 0 ? 0 : 1;
  },
};
