import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { CliError, opt, parseArgs, type Command } from '../command';
import { readClinicalCsv } from '../../main/engine/io/clinicalTable';
import { readClinicalXlsx } from '../../main/engine/io/clinicalXlsx';
import { ClinicalImportError, importClinicalTable } from '../../main/services/clinicalImport';
import { openProject } from '../../main/storage/project';

export const importClinical: Command = {
  name: 'import-clinical',
  summary: 'import a clinical table (CSV or XLSX): variables, outcome, follow-up; all rows or none',
  usage: 'dlrn import-clinical FILE --project DIR [--create-missing] [--keep-identity]',
  async run(args) {
    const p = parseArgs(args, ['--project'], ['--create-missing', '--keep-identity']);
    const dir = opt(p, '--project');
    if (p.positional.length !== 1 || !dir) throw new CliError('usage: ' + this.usage, 2);
    const file = p.positional[0];
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (err) {
      throw new CliError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    const ext = extname(file).toLowerCase();
    const table = ext === '.xlsx' || ext === '.xls' ? readClinicalXlsx(bytes, file) : readClinicalCsv(bytes.toString('utf8'), file);
    const project = openProject(dir);
    try {
      const r = importClinicalTable(project, table, file, {
        createMissing: p.flags.has('--create-missing'),
        keepIdentity: p.flags.has('--keep-identity'),
      });
      console.log(`imported ${r.imported} patients (${r.created} new) with variables: ${r.variables.join(', ')}`);
      return 0;
    } catch (err) {
      if (err instanceof ClinicalImportError) throw new CliError(err.message);
      throw err;
    } finally {
      project.close();
    }
  },
};
