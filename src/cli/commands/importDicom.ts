import { CliError, opt, parseArgs, type Command } from '../command';
import type { ContrastPhase } from '../../main/engine/io/dicom/phase';
import { importDicomFolder } from '../../main/services/dicomImport';
import { openProject } from '../../main/storage/project';

const PHASES: ContrastPhase[] = ['non-contrast', 'arterial', 'venous', 'delayed', 'unassigned'];

export const importDicom: Command = {
  name: 'import',
  summary: 'import a folder of DICOM files (CT series, RTSTRUCT, SEG) into a project',
  usage:
    'dlrn import DIR --project P [--centre CODE] [--cohort NAME] [--keep-identity] [--phase SERIES_UID=arterial|venous|delayed ...]',
  async run(args) {
    const p = parseArgs(args, ['--project', '--centre', '--cohort', '--phase'], ['--keep-identity']);
    const dir = opt(p, '--project');
    if (p.positional.length !== 1 || !dir) throw new CliError('usage: ' + this.usage, 2);
    const phaseOverrides: Record<string, ContrastPhase> = {};
    for (const o of p.options.get('--phase') ?? []) {
      const [uid, phase] = o.split('=');
      if (!uid || !PHASES.includes(phase as ContrastPhase)) throw new CliError(`--phase ${o}: expected SERIES_UID=${PHASES.join('|')}`, 2);
      phaseOverrides[uid] = phase as ContrastPhase;
    }
    const project = openProject(dir);
    try {
      const r = await importDicomFolder(project, p.positional[0], {
        centre: opt(p, '--centre'),
        cohort: opt(p, '--cohort'),
        keepIdentity: p.flags.has('--keep-identity'),
        phaseOverrides,
        actor: 'cli',
        onProgress: (f, m) => process.stderr.write(`\r${(f * 100).toFixed(0).padStart(3)}%  ${m.slice(0, 100).padEnd(100)}`),
      });
      process.stderr.write('\n');
      console.log(
        `imported ${r.seriesImported} series (${r.seriesAlreadyPresent} already present) for ${r.patients} patients; ${r.segmentationsImported} segmentations`,
      );
      for (const w of r.warnings) console.log(`warning: ${w}`);
      for (const x of r.review) console.log(`review: ${x.label} (patient ${x.patientId}): phase unassigned — ${x.reason}`);
      for (const e of r.errors) console.log(`error: ${e.path}: ${e.reason}`);
      return r.errors.length ? 1 : 0;
    } finally {
      project.close();
    }
  },
};
