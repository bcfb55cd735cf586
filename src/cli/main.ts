import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CliError, type Command } from './command';
import { commands } from './commands/index';

function version(): string {
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version: string };
  return pkg.version;
}

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  dlrn ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `DLRN Studio ${version()} — CT deep-learning radiomics nomogram studies`,
    '',
    'Usage:',
    ...lines,
    `  dlrn ${'--help'.padEnd(width)}  this help; 'dlrn COMMAND --help' for a command's options`,
    `  dlrn ${'--version'.padEnd(width)}  print the version`,
  ].join('\n');
}

/** Longest command name that prefixes the argument list. */
function findCommand(args: string[]): { command: Command; rest: string[] } | undefined {
  let best: { command: Command; rest: string[] } | undefined;
  for (const command of commands) {
    const words = command.name.split(' ');
    if (words.every((w, i) => args[i] === w) && (!best || words.length > best.command.name.split(' ').length)) {
      best = { command, rest: args.slice(words.length) };
    }
  }
  return best;
}

export async function main(args: string[]): Promise<number> {
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    console.log(help());
    return 0;
  }
  if (args[0] === '--version' || args[0] === '-V') {
    console.log(version());
    return 0;
  }
  const found = findCommand(args);
  if (!found) {
    console.error(`dlrn: unknown command '${args.join(' ')}'\n\n${help()}`);
    return 2;
  }
  if (found.rest.includes('--help') || found.rest.includes('-h')) {
    console.log(`${found.command.summary}\n\nUsage: ${found.command.usage}`);
    return 0;
  }
  try {
    return await found.command.run(found.rest);
  } catch (err) {
    if (err instanceof CliError) {
      console.error(`dlrn ${found.command.name}: ${err.message}`);
      return err.exitCode;
    }
    throw err;
  }
}
