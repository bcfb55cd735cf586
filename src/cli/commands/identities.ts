import { writeFileSync } from 'node:fs';
import { CliError, opt, parseArgs, type Command } from '../command';
import { identityMapping } from '../../main/services/pseudonyms';
import { openProject } from '../../main/storage/project';
import { toCsv } from '../../main/engine/io/csvWrite';

export const projectIdentities: Command = {
  name: 'project identities',
  summary: 'export the pseudonym ↔ source patient id table (only identities kept by opt-in)',
  usage: 'dlrn project identities DIR -o MAPPING.csv',
  async run(args) {
    const p = parseArgs(args, ['-o', '--out']);
    const out = opt(p, '-o', '--out');
    if (p.positional.length !== 1 || !out) throw new CliError('usage: ' + this.usage, 2);
    const project = openProject(p.positional[0]);
    try {
      const rows = identityMapping(project);
      writeFileSync(out, toCsv(['patient_id', 'source_patient_id', 'name', 'birth_date'], rows.map((r) => [r.patientId, r.sourcePatientId, r.name, r.birthDate])), { mode: 0o600 });
      console.log(`wrote ${rows.length} identities to ${out}`);
      return 0;
    } finally {
      project.close();
    }
  },
};
