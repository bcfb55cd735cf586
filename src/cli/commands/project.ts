import { CliError, opt, parseArgs, type Command } from '../command';
import { appVersion } from '../../main/appInfo';
import { initProject, openProject, projectInfo } from '../../main/storage/project';

export const projectInit: Command = {
  name: 'project init',
  summary: 'create a new project folder (SQLite database + volume store)',
  usage: 'dlrn project init DIR [--name NAME]',
  async run(args) {
    const p = parseArgs(args, ['--name']);
    if (p.positional.length !== 1) throw new CliError('expected exactly one folder: dlrn project init DIR', 2);
    const project = initProject(p.positional[0], { name: opt(p, '--name'), appVersion: appVersion() });
    const info = projectInfo(project);
    project.close();
    console.log(`created project '${info.name}' in ${info.dir} (schema v${info.schemaVersion})`);
    return 0;
  },
};

export const projectInfoCommand: Command = {
  name: 'project info',
  summary: 'show a project: schema version and record counts',
  usage: 'dlrn project info DIR [--json]',
  async run(args) {
    const p = parseArgs(args, [], ['--json']);
    if (p.positional.length !== 1) throw new CliError('expected exactly one folder: dlrn project info DIR', 2);
    let project;
    try {
      project = openProject(p.positional[0]);
    } catch (err) {
      throw new CliError((err as Error).message);
    }
    const info = projectInfo(project);
    project.close();
    if (p.flags.has('--json')) {
      console.log(JSON.stringify(info, null, 2));
      return 0;
    }
    console.log(`project   ${info.name}\nid        ${info.id}\nfolder    ${info.dir}\ncreated   ${info.createdAt}`);
    console.log(`schema    v${info.schemaVersion} (latest v${info.latestSchemaVersion})`);
    for (const [table, n] of Object.entries(info.counts)) console.log(`${table.padEnd(16)}${n}`);
    return 0;
  },
};
